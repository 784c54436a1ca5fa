//! Structs: one Rust struct per named object schema, `#[non_exhaustive]`
//! so that a field added to the spec is a compatible change. Types callers
//! build get a builder ([`super::builders`]); types only ever received get
//! one only under the `mock` feature, where tests build answers (their
//! fields are `pub` all the same).

use super::builders::{self, BuilderField};
use super::deserialize::{impl_deserialize, WireField};
use super::docs::{constraints, doc_or, Doc};
use super::serialize::impl_serialize;
use super::types::{ident, rust_type, type_ident};
use crate::ir::{Field, NamedType, Schema, Service, Struct, Type};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Whether a field of `schema` takes a nested builder: a (non-nullable)
/// generated struct that has one.
pub fn is_nested(schema: &Schema, builders: &BTreeMap<String, String>) -> bool {
    matches!(&schema.ty, Type::Named(name) if !schema.nullable && builders.contains_key(name))
}

/// Whether a struct's field takes a nested builder: a boxed one (a type
/// that contains itself) takes its value (`impl Into<Box<T>>`) instead.
pub fn field_takes_builder(field: &Field, builders: &BTreeMap<String, String>) -> bool {
    !field.boxed && is_nested(&field.schema, builders)
}

/// The struct, its wire impls, and its builder when `builder` names one.
/// `received` names the builders of types only received, emitted under
/// the `mock` feature (empty where there is no such feature); a `form`
/// body also writes itself as a form (`ToForm`).
pub fn structure(
    ty: &NamedType,
    s: &Struct,
    builders: &BTreeMap<String, String>,
    received: &BTreeMap<String, String>,
    form: bool,
    service: &Service,
    root: &TokenStream,
) -> TokenStream {
    let name = type_ident(&ty.name);
    let docs = doc_or(
        ty.description.as_deref(),
        &format!("The `{}` object.", ty.name),
    );
    let fields: Vec<FieldParts> = s
        .fields
        .iter()
        .map(|f| FieldParts::new(f, &f.rust_name, root))
        .collect();

    let declarations = fields.iter().map(|f| f.declaration(service));
    let all_optional = fields.iter().all(|f| !f.field.required);
    let default = all_optional.then(|| quote! { Default, });
    let (builder, gated) = match builders.get(&ty.name) {
        Some(builder) => (Some(builder), false),
        None => (received.get(&ty.name), true),
    };
    let builder = builder.map(|builder| {
        let builder = type_ident(builder);
        let builder_fields: Vec<BuilderField> = fields
            .iter()
            .map(|f| BuilderField {
                ident: &f.ident,
                label: f.field.name.clone(),
                ty: &f.ty,
                required: f.field.required,
                nested: field_takes_builder(f.field, builders)
                    || (gated && field_takes_builder(f.field, received)),
            })
            .collect();
        let tokens = builders::builder(
            &builders::Target {
                name: &name,
                builder: &builder,
                with_client: false,
            },
            &builder_fields,
        );
        // A type only received has a builder for the mock's answers.
        if gated {
            super::features::gate_items(&super::mock::gate(), tokens)
        } else {
            tokens
        }
    });
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
    let form = form.then(|| impl_to_form(&name, &fields));

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #declarations )*
        }

        #builder
        #serialize
        #deserialize
        #form
    }
}

/// How a form body writes itself: one part per field that is set, files as
/// files and everything else as its text.
fn impl_to_form(name: &proc_macro2::Ident, fields: &[FieldParts<'_>]) -> TokenStream {
    let parts = fields.iter().map(|f| {
        let (ident, wire) = (&f.ident, &f.field.name);
        let schema = &f.field.schema;
        let mut add = match schema.ty {
            Type::File => quote! { form.file(#wire, value); },
            Type::String(_) if schema.secret => quote! { form.text(#wire, value.expose()); },
            _ => quote! { form.text(#wire, value); },
        };
        if schema.nullable {
            add = quote! { if let Some(value) = value { #add } };
        }
        if f.field.required {
            quote! { { let value = &self.#ident; #add } }
        } else {
            quote! { if let Some(value) = &self.#ident { #add } }
        }
    });
    quote! {
        impl hwcloud_runtime::multipart::ToForm for #name {
            fn to_form<'a>(&'a self, form: &mut hwcloud_runtime::multipart::Form<'a>) {
                #( #parts )*
            }
        }
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
    fn new(field: &'a Field, rust_name: &str, root: &TokenStream) -> Self {
        Self {
            field,
            ident: ident(rust_name),
            ty: {
                let ty = rust_type(&field.schema, root);
                if field.boxed {
                    quote! { Box<#ty> }
                } else {
                    ty
                }
            },
        }
    }

    fn declaration(&self, service: &Service) -> TokenStream {
        let Self { field, ident, ty } = self;
        let fallback = format!("The `{}` field.", field.name);
        let docs = Doc::default()
            .para_or(field.schema.description.as_deref(), &fallback)
            .list(&constraints(&field.schema, service))
            .tokens();
        if field.required {
            quote! { #docs pub #ident: #ty, }
        } else {
            quote! { #docs pub #ident: Option<#ty>, }
        }
    }
}
