//! One cargo feature per service in a crate of our own: what compiles a
//! service's module, its commands, tests and examples.

use crate::ir::Service;
use proc_macro2::TokenStream;
use quote::quote;

/// crates.io takes at most 300 features a crate; past this many services,
/// the crate has none of its own and compiles every service (split the
/// specs over several crates instead).
pub const MAX_SERVICE_FEATURES: usize = 250;

/// Whether each service of `services` has a feature of its own.
pub fn has_service_features(services: &[Service]) -> bool {
    services.len() <= MAX_SERVICE_FEATURES
}

/// The `#[cfg(feature = "...")]` that compiles `service`'s code, if the
/// crate has service features.
pub fn service_cfg(services: &[Service], service: &Service) -> TokenStream {
    if !has_service_features(services) {
        return TokenStream::new();
    }
    let feature = &service.names.feature;
    quote! { #[cfg(feature = #feature)] }
}
