//! `Serialize` impls for generated structs, written out instead of derived
//! (for the same reason as [`super::deserialize`]: the derive's output for
//! a thousand structs is a large share of a whole service's compile time).
//!
//! The impl writes a JSON object: fields in declaration order, under their
//! wire names, unset optional fields left out.

use super::deserialize::WireField;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl Serialize for #name`, writing `fields` as an object through
/// `hwcloud_runtime::wire::Object`, one straight-line call per field.
pub fn impl_serialize(name: &Ident, fields: &[WireField<'_>]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let (ident, wire) = (f.ident, f.wire);
        if f.required {
            quote! { object.field(#wire, &self.#ident); }
        } else {
            quote! { object.optional(#wire, &self.#ident); }
        }
    });
    let object = if fields.is_empty() {
        quote! { object }
    } else {
        quote! { mut object }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #object = hwcloud_runtime::wire::Object::new(serializer)?;
                #( #entries )*
                object.end()
            }
        }
    }
}
