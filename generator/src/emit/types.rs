//! The Rust type for each IR schema.

use crate::ir::{IntegerWidth, Schema, Type};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The Rust type of a value of `schema`, without the `Option` for an
/// optional field. `service` is the path from the current module to the
/// service's module (`super`, `super::super`), where the named types are:
/// relative, so that the generated code also works when it is `include!`d.
pub fn rust_type(schema: &Schema, service: &TokenStream) -> TokenStream {
    let inner = match &schema.ty {
        Type::String(_) if schema.secret => quote! { hwcloud_runtime::SecretString },
        Type::String(_) => quote! { String },
        Type::Integer(i) => match i.width {
            IntegerWidth::I32 => quote! { i32 },
            IntegerWidth::I64 => quote! { i64 },
        },
        Type::Number(_) => quote! { f64 },
        Type::Boolean => quote! { bool },
        Type::Array(a) => {
            let items = rust_type(&a.items, service);
            quote! { Vec<#items> }
        }
        Type::Map(m) => {
            let values = rust_type(&m.values, service);
            quote! { std::collections::BTreeMap<String, #values> }
        }
        Type::Named(name) => {
            let ident = type_ident(name);
            quote! { #service::#ident }
        }
        Type::Any => quote! { serde_json::Value },
        Type::Binary => quote! { Vec<u8> },
        Type::File => quote! { hwcloud_runtime::FilePart },
    };
    if schema.nullable {
        quote! { Option<#inner> }
    } else {
        inner
    }
}

/// The path, from a module of a service's generated code, to the service's
/// module, where its types are: `crate::hss` in a crate of our own (files
/// under `src/`); relative (`super`, `super::super`, by the module's
/// `depth` below the service's) in code a build script `include!`s, whose
/// place in the including crate cannot be known.
#[derive(Debug, Clone)]
pub struct Root {
    absolute: Option<String>,
}

impl Root {
    /// Paths for a crate whose service module is `crate::<module>`.
    pub fn in_crate(module: &str) -> Self {
        Root {
            absolute: Some(module.to_owned()),
        }
    }

    /// Paths relative to each module, for included code.
    pub fn relative() -> Self {
        Root { absolute: None }
    }

    /// The path from a module `depth` levels below the service's.
    pub fn at(&self, depth: usize) -> TokenStream {
        match &self.absolute {
            Some(module) => {
                let module = ident(module);
                quote! { crate::#module }
            }
            None => {
                let steps = (0..depth).map(|_| quote! { super });
                quote! { #( #steps )::* }
            }
        }
    }
}

/// The identifier of a named type (already unique and UpperCamelCase in the IR).
pub fn type_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// An identifier from an already-valid Rust name, raw (`r#type`) or not.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
