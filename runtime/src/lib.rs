//! Shared runtime for the clients that `hwcloud-codegen` generates.
//!
//! Generated crates keep only what is specific to an API (types, validation
//! rules, request encoding); everything they share lives here:
//!
//! - [`Validate`], [`Violations`] and the [`check`] functions behind every
//!   generated `validate()`;
//! - [`RequestBuilder`] and [`EncodeContext`]: the wire rules of request
//!   encoding (percent-encoding, query order, auto-filled parameters);
//! - [`decode`]: response decoding with capped body excerpts in errors;
//! - [`sign`]: `SDK-HMAC-SHA256` request signing, as the vendor's SDK does it;
//! - [`SecretString`], which never prints its value.
#![forbid(unsafe_code)]

pub mod check;
mod credentials;
pub mod decode;
mod encode;
mod error;
pub mod params;
mod pattern;
mod secret;
mod service_error;
pub mod sign;
pub mod testing;
mod validate;

pub use credentials::{AuthorizeError, Credentials, CredentialsError};
pub use decode::{DecodeError, Excerpt};
pub use encode::{path_segment, replace_all, EncodeContext, EncodeError, RequestBuilder};
pub use error::RequestError;
/// Generated crates name `http` types through this re-export, so that they
/// always agree with the runtime on its version.
pub use http;
pub use pattern::Pattern;
pub use secret::SecretString;
pub use service_error::ServiceError;
pub use validate::{Number, Path, Rule, Validate, Violation, Violations};
