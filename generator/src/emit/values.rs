//! A JSON value of a schema as Rust code that makes it with the generated
//! API: builders with setters by name, enum variants, `vec![..]`. What the
//! generated examples and the README quick start show, so that they teach
//! the typed API rather than JSON.

use super::types::{ident, type_ident};
use crate::ir::{IntegerWidth, NamedKind, Schema, Service, Type};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{quote, ToTokens};
use serde_json::Value;
use std::collections::BTreeMap;

/// Writes values of one service, as code outside the generated crate.
pub struct Values<'a> {
    pub service: &'a Service,
    /// The path to the service's module (`hss`, `hwcloud_registry::hss`).
    pub module: TokenStream,
    /// The path to the runtime (`hwcloud_registry::runtime`).
    pub runtime: TokenStream,
    /// The builder of each struct that has one.
    pub builders: &'a BTreeMap<String, String>,
}

/// How a program that imports the service's module (`use krate::module;`)
/// names crate `krate`: `::krate` when the two share a name (a crate
/// `apig` with its module `apig`), where the imported module would stand
/// for the crate in every later path.
pub fn crate_path(krate: &Ident, module: &str) -> TokenStream {
    if krate == module {
        quote! { ::#krate }
    } else {
        quote! { #krate }
    }
}

impl<'a> Values<'a> {
    /// Values as code of a program that uses crate `krate` and names the
    /// service's module by its last segment (`use krate::hss;`).
    pub fn in_program(service: &'a Service, krate: &Ident) -> Self {
        let module = ident(&service.names.module);
        let krate = crate_path(krate, &service.names.module);
        Values {
            service,
            module: quote! { #module },
            runtime: quote! { #krate::runtime },
            builders: &service.names.builders,
        }
    }

    /// `value` as the argument of a setter for `schema`, which takes
    /// `impl Into<T>` (a string as a literal) or, for a struct with a
    /// builder, `impl Buildable<T>` (the builder, unfinished). `None` when
    /// the value does not fit the schema.
    pub fn argument(&self, schema: &Schema, value: &Value) -> Option<TokenStream> {
        if schema.nullable {
            return self.exact(schema, value);
        }
        match (&schema.ty, value) {
            (Type::String(_), Value::String(text)) => Some(quote! { #text }),
            (Type::Named(name), Value::Object(_)) if self.builders.contains_key(name) => {
                self.builder_chain(name, value)
            }
            _ => self.exact(schema, value),
        }
    }

    /// `value` as an expression of exactly `schema`'s Rust type. A nested
    /// struct is built with `build()?`, so the code runs where `?` can turn
    /// a `BuildError` into the function's error.
    fn exact(&self, schema: &Schema, value: &Value) -> Option<TokenStream> {
        if schema.nullable {
            if value.is_null() {
                return Some(quote! { None });
            }
            let inner = Schema {
                nullable: false,
                ..schema.clone()
            };
            let value = self.exact(&inner, value)?;
            return Some(quote! { Some(#value) });
        }
        let runtime = &self.runtime;
        Some(match (&schema.ty, value) {
            (Type::String(_), Value::String(text)) if schema.secret => {
                quote! { #runtime::SecretString::from(#text) }
            }
            (Type::String(_), Value::String(text)) => quote! { #text.to_owned() },
            (Type::Integer(i), Value::Number(n)) => {
                let n = n.as_i64()?;
                match i.width {
                    IntegerWidth::I32 => Literal::i32_unsuffixed(i32::try_from(n).ok()?),
                    IntegerWidth::I64 => Literal::i64_suffixed(n),
                }
                .into_token_stream()
            }
            (Type::Number(_), Value::Number(n)) => {
                Literal::f64_unsuffixed(n.as_f64()?).into_token_stream()
            }
            (Type::Boolean, Value::Bool(b)) => quote! { #b },
            (Type::Array(_), Value::Array(items)) if items.is_empty() => quote! { Vec::new() },
            (Type::Array(a), Value::Array(items)) => {
                let items: Option<Vec<TokenStream>> = items
                    .iter()
                    .map(|item| self.exact(&a.items, item))
                    .collect();
                let items = items?;
                // Not `vec![..]`: the formatter leaves macro arguments as
                // they are, and this reads better laid out.
                quote! { Vec::from([ #( #items ),* ]) }
            }
            (Type::Map(m), Value::Object(entries)) => {
                let entries: Option<Vec<TokenStream>> = entries
                    .iter()
                    .map(|(key, value)| {
                        let value = self.exact(&m.values, value)?;
                        Some(quote! { (#key.to_owned(), #value) })
                    })
                    .collect();
                let entries = entries?;
                quote! { std::collections::BTreeMap::from([ #( #entries ),* ]) }
            }
            (Type::Named(name), _) => self.named(name, value)?,
            // JSON text is also the tokens `json!` reads.
            (Type::Any, value) => {
                let json: TokenStream = value.to_string().parse().ok()?;
                quote! { serde_json::json!(#json) }
            }
            (Type::Binary, Value::String(text)) => quote! { #text.as_bytes().to_vec() },
            (Type::Binary, Value::Array(items)) => {
                let bytes: Option<Vec<u8>> = items
                    .iter()
                    .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
                    .collect();
                let bytes = Literal::byte_string(&bytes?);
                quote! { #bytes.to_vec() }
            }
            (Type::File, Value::Object(view)) => self.file(view)?,
            _ => return None,
        })
    }

    /// A file from its JSON view, when its contents are given as `text`
    /// (the generator reads no base64).
    fn file(&self, view: &serde_json::Map<String, Value>) -> Option<TokenStream> {
        let runtime = &self.runtime;
        let text = view.get("text")?.as_str()?;
        let mut file = quote! { #runtime::FilePart::new(#text) };
        if let Some(name) = view.get("file_name") {
            let name = name.as_str()?;
            file = quote! { #file.with_file_name(#name) };
        }
        if let Some(content_type) = view.get("content_type") {
            let content_type = content_type.as_str()?;
            file = quote! { #file.with_content_type(#content_type) };
        }
        Some(file)
    }

    fn named(&self, name: &str, value: &Value) -> Option<TokenStream> {
        let module = &self.module;
        let ty = type_ident(name);
        match (&self.service.type_by_name(name)?.kind, value) {
            (NamedKind::Struct(s), Value::Object(_)) => {
                let chain = self.builder_chain(name, value)?;
                let fallible = s
                    .fields
                    .iter()
                    .any(|f| f.required || super::models::field_takes_builder(f, self.builders));
                Some(if fallible {
                    quote! { #chain.build()? }
                } else {
                    quote! { #chain.build() }
                })
            }
            (NamedKind::StringEnum(values), Value::String(text)) => {
                Some(match values.iter().find(|v| &v.value == text) {
                    Some(value) => {
                        let variant = ident(&value.rust_name);
                        quote! { #module::#ty::#variant }
                    }
                    None => quote! { #module::#ty::from(#text) },
                })
            }
            (NamedKind::IntegerEnum { values, .. }, Value::Number(n)) => {
                let n = n.as_i64()?;
                let variant = ident(&values.iter().find(|v| v.value == n)?.rust_name);
                Some(quote! { #module::#ty::#variant })
            }
            _ => None,
        }
    }

    /// `module::T::builder().a(..).b(..)`: the fields `value` sets, in the
    /// struct's order, unfinished.
    fn builder_chain(&self, name: &str, value: &Value) -> Option<TokenStream> {
        let NamedKind::Struct(s) = &self.service.type_by_name(name)?.kind else {
            return None;
        };
        let object = value.as_object()?;
        let module = &self.module;
        let ty = type_ident(name);
        let mut setters = Vec::new();
        for field in &s.fields {
            let Some(value) = object.get(&field.name) else {
                continue;
            };
            let setter = ident(&field.rust_name);
            // A boxed field's setter takes the value itself, not a builder.
            let argument = if field.boxed {
                self.exact(&field.schema, value)?
            } else {
                self.argument(&field.schema, value)?
            };
            setters.push(quote! { .#setter(#argument) });
        }
        Some(quote! { #module::#ty::builder() #( #setters )* })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate named as its service's module (`--crate-name apig` for the
    /// vendor's `apig.json`) is named from the root in its programs:
    /// `use apig::apig;` makes every later `apig::` the module.
    #[test]
    fn a_crate_named_as_its_module_is_named_from_the_root() {
        let krate = ident("apig");
        assert_eq!(crate_path(&krate, "apig").to_string(), ":: apig");
        let krate = ident("hwcloud_registry");
        assert_eq!(crate_path(&krate, "hss").to_string(), "hwcloud_registry");
    }
}
