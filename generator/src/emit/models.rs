//! Structs: one Rust struct per named object schema, `#[non_exhaustive]`
//! so that a field added to the spec is a compatible change. Types callers
//! build get a builder ([`super::builders`]); types only ever received get
//! none (their fields are `pub` all the same).

use super::builders::{self, BuilderField};
use super::deserialize::{impl_deserialize, WireField};
use super::docs::{constraints, doc_or, Doc};
use super::serialize::impl_serialize;
use super::types::{ident, rust_type, type_ident};
use crate::ir::{Field, NamedKind, NamedType, Schema, Service, Struct, Type};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The builder type's name for every struct that has one (callers build
/// it): `<Type>Builder`, unless the spec already has a type of that name.
/// The names are also reserved against operation type names.
pub fn builder_names(service: &Service) -> BTreeMap<String, String> {
    let usage = crate::ir::usage::of_types(service);
    let built: Vec<&str> = service
        .types
        .iter()
        .filter(|ty| matches!(ty.kind, NamedKind::Struct(_)))
        .filter(|ty| {
            !usage
                .get(&ty.name)
                .is_some_and(|u| u.response && !u.request)
        })
        .map(|ty| ty.name.as_str())
        .collect();
    let type_names: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    let unique = names::dedupe(
        built.iter().map(|name| format!("{name}Builder")).collect(),
        &type_names,
    );
    built.into_iter().map(str::to_owned).zip(unique).collect()
}

/// Whether a field of `schema` takes a nested builder: a (non-nullable)
/// generated struct that has one.
pub fn is_nested(schema: &Schema, builders: &BTreeMap<String, String>) -> bool {
    matches!(&schema.ty, Type::Named(name) if !schema.nullable && builders.contains_key(name))
}

/// The struct, its wire impls, and its builder when `builder` names one.
pub fn structure(
    ty: &NamedType,
    s: &Struct,
    builders: &BTreeMap<String, String>,
    service: &Service,
) -> TokenStream {
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
    let all_optional = fields.iter().all(|f| !f.field.required);
    let default = all_optional.then(|| quote! { Default, });
    let builder = builders.get(&ty.name).map(|builder| {
        let builder = type_ident(builder);
        let builder_fields: Vec<BuilderField> = fields
            .iter()
            .map(|f| BuilderField {
                ident: &f.ident,
                label: f.field.name.clone(),
                ty: &f.ty,
                required: f.field.required,
                nested: is_nested(&f.field.schema, builders),
            })
            .collect();
        builders::builder(
            &builders::Target {
                name: &name,
                builder: &builder,
                with_client: false,
            },
            &builder_fields,
        )
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
}
