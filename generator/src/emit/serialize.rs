//! `Serialize` impls for generated structs, written out instead of derived
//! (for the same reason as [`super::deserialize`]: the derive's output for
//! a thousand structs is a large share of a whole service's compile time).
//!
//! The impl writes a JSON object: fields in declaration order, under their
//! wire names, unset optional fields left out.

use super::deserialize::WireField;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl Serialize for #name`, writing `fields` as an object.
pub fn impl_serialize(name: &Ident, fields: &[WireField<'_>]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let (ident, wire) = (f.ident, f.wire);
        if !f.required {
            quote! {
                if let Some(value) = &self.#ident {
                    map.serialize_entry(#wire, value)?;
                }
            }
        } else {
            quote! { map.serialize_entry(#wire, &self.#ident)?; }
        }
    });
    let map = if fields.is_empty() {
        quote! { map }
    } else {
        quote! { mut map }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let #map = serializer.serialize_map(None)?;
                #( #entries )*
                map.end()
            }
        }
    }
}
