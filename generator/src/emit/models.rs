//! Structs: one Rust struct per named object schema, with a constructor
//! taking the required fields and, on types callers build, a fluent setter
//! per optional one.

use super::deserialize::{impl_deserialize, WireField};
use super::docs::{constraints, doc, doc_or, Doc};
use super::serialize::impl_serialize;
use super::types::{ident, rust_type, type_ident};
use crate::ir::{Field, NamedType, Service, Struct};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Which `with_*` setters a struct gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setters {
    /// One per optional field: the type is built by callers.
    Optional,
    /// None: the type is only received (its fields are `pub` all the same).
    None,
}

pub fn structure(ty: &NamedType, s: &Struct, setters: Setters, service: &Service) -> TokenStream {
    let name = type_ident(&ty.name);
    let docs = doc_or(
        ty.description.as_deref(),
        &format!("The `{}` object.", ty.name),
    );
    let rust_names = super::types::field_names(s);
    let fields: Vec<FieldParts> = s
        .fields
        .iter()
        .zip(&rust_names)
        .map(|(f, n)| FieldParts::new(f, n))
        .collect();

    let declarations = fields.iter().map(|f| f.declaration(service));
    let required: Vec<&FieldParts> = fields.iter().filter(|f| f.field.required).collect();
    let ctor_args = required.iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        quote! { #ident: impl Into<#ty> }
    });
    let ctor_fields = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.field.required {
            quote! { #ident: #ident.into() }
        } else {
            quote! { #ident: None }
        }
    });
    let setters = fields
        .iter()
        .filter(|f| !f.field.required && setters == Setters::Optional)
        .map(FieldParts::setter);
    let all_optional = required.is_empty();
    let default = all_optional.then(|| quote! { Default, });
    let ctor_doc = doc(&if all_optional {
        "A value with no field set.".to_owned()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.field.name))
            .collect();
        format!(
            "A value with the required fields ({}) set and the others unset.",
            names.join(", ")
        )
    });

    // Required fields are constructor arguments so that none can be left out;
    // a body with many of them (AddRegistry has 9) needs them all.
    let many = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let wire_fields: Vec<WireField> = fields
        .iter()
        .map(|f| WireField {
            ident: &f.ident,
            wire: &f.field.name,
            required: f.field.required,
            joined_list: false,
        })
        .collect();
    let deserialize = impl_deserialize(&name, &wire_fields);
    let serialize = impl_serialize(&name, &wire_fields);

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #( #declarations )*
        }

        impl #name {
            #ctor_doc
            #many
            pub fn new( #( #ctor_args ),* ) -> Self {
                Self { #( #ctor_fields ),* }
            }

            #( #setters )*
        }

        #serialize
        #deserialize
    }
}

/// What the emitters need to know about one field.
struct FieldParts<'a> {
    field: &'a Field,
    ident: proc_macro2::Ident,
    /// The value's type, without `Option` for an optional field.
    ty: TokenStream,
}

impl<'a> FieldParts<'a> {
    fn new(field: &'a Field, rust_name: &str) -> Self {
        Self {
            field,
            ident: ident(rust_name),
            ty: rust_type(&field.schema, &quote! { super }),
        }
    }

    fn declaration(&self, service: &Service) -> TokenStream {
        let Self { field, ident, ty } = self;
        let fallback = format!("The `{}` field.", field.name);
        let docs = Doc::default()
            .para(field.schema.description.as_deref().unwrap_or(&fallback))
            .list(&constraints(&field.schema, service))
            .tokens();
        if field.required {
            quote! { #docs pub #ident: #ty, }
        } else {
            quote! { #docs pub #ident: Option<#ty>, }
        }
    }

    fn setter(&self) -> TokenStream {
        let Self { field, ident, ty } = self;
        let method = format_ident!("with_{}", ident.to_string().trim_start_matches("r#"));
        let docs = doc(&format!("Sets `{}`.", field.name));
        quote! {
            #docs
            pub fn #method(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        }
    }
}
