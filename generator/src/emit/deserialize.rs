//! `Deserialize` impls for generated structs, written out instead of
//! derived.
//!
//! The derive's output for a thousand structs was most of a whole-service
//! crate's compile time (see `hwcloud_runtime::wire`). The impl emitted here
//! is one map visitor that matches keys as strings and leaves the rest
//! (repeated and missing fields, skipping unknown keys) to the runtime's
//! helpers.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One field as JSON names it.
pub struct WireField<'a> {
    pub ident: &'a Ident,
    /// The key on the wire.
    pub wire: &'a str,
    /// A required field is declared as its type; an optional one as
    /// `Option<_>`, with `null` and absence both `None`.
    pub required: bool,
    /// A list that may also be written as one comma-separated string
    /// (`hwcloud_runtime::params::List`).
    pub joined_list: bool,
}

/// `impl Deserialize for #name`, reading a JSON object with `fields`.
pub fn impl_deserialize(name: &Ident, fields: &[WireField<'_>]) -> TokenStream {
    let expecting = format!("a `{name}` object");
    // Locals end in `_`, so they never clash with `map` and `key`.
    let locals: Vec<Ident> = fields
        .iter()
        .map(|f| format_ident!("{}_", f.ident.to_string().trim_start_matches("r#")))
        .collect();
    // Two parameters may share a wire name in different places (path and
    // query); the second is read under its Rust name.
    let mut seen = std::collections::HashSet::new();
    let keys: Vec<String> = fields
        .iter()
        .map(|f| {
            if seen.insert(f.wire) {
                f.wire.to_owned()
            } else {
                f.ident.to_string().trim_start_matches("r#").to_owned()
            }
        })
        .collect();
    let arms = keys.iter().zip(&locals).map(|(key, local)| {
        quote! { #key => hwcloud_runtime::wire::read(&mut map, &mut #local, #key), }
    });
    // Without fields every key is skipped (a one-arm `match` is a lint).
    let read_key = if fields.is_empty() {
        quote! { hwcloud_runtime::wire::skip(&mut map)?; }
    } else {
        quote! {
            // One `?` for all arms keeps the body small
            // (compile memory grows with branches).
            match key.as_str() {
                #( #arms )*
                _ => hwcloud_runtime::wire::skip(&mut map),
            }?;
        }
    };
    let key = if fields.is_empty() {
        quote! { _key }
    } else {
        quote! { key }
    };
    let values = fields
        .iter()
        .zip(&locals)
        .zip(&keys)
        .map(|((f, local), wire)| {
            let ident = f.ident;
            let value = match (f.required, f.joined_list) {
                (true, false) => quote! { hwcloud_runtime::wire::required(#local, #wire)? },
                (true, true) => quote! {
                    hwcloud_runtime::wire::required(#local, #wire)
                        .map(hwcloud_runtime::params::List::into_vec)?
                },
                (false, false) => quote! { #local.flatten() },
                (false, true) => quote! {
                    #local.flatten().map(hwcloud_runtime::params::List::into_vec)
                },
            };
            quote! { #ident: #value, }
        });
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #( let mut #locals = None; )*
                        while let Some(#key) = map.next_key::<hwcloud_runtime::wire::Key<'de>>()? {
                            #read_key
                        }
                        Ok(#name { #( #values )* })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}
