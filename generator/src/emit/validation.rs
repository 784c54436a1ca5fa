//! `validate_at` bodies: one check per documented rule, for models and
//! requests alike.
//!
//! The generated code reads top to bottom like the spec: for each field, the
//! checks of its schema, then the conditional requirements. Inside every
//! generated block two names are in scope: `value` (a reference to the
//! value being checked) and `path` (where it sits); `out` collects the
//! violations. Nested arrays and maps rebind both for each element.

use super::types::ident;
use crate::ir::{
    IntegerType, IntegerWidth, NamedKind, NamedType, NumberType, RequiredWhen, Schema, Service,
    StringType, Struct, Type,
};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// `impl Validate for <struct>`.
pub fn struct_impl(
    ty: &NamedType,
    s: &Struct,
    service: &Service,
    root: &TokenStream,
) -> TokenStream {
    let name = super::types::type_ident(&ty.name);
    let rust_names: Vec<String> = s.fields.iter().map(|f| f.rust_name.clone()).collect();
    let mut body = Vec::new();
    if s.min_properties.is_some() || s.max_properties.is_some() {
        let count = s.fields.iter().zip(&rust_names).map(|(f, n)| {
            let ident = ident(n);
            if f.required {
                quote! { 1usize }
            } else {
                quote! { usize::from(self.#ident.is_some()) }
            }
        });
        let (min, max) = (opt_u64(s.min_properties), opt_u64(s.max_properties));
        let count: Vec<TokenStream> = count.collect();
        let count = if count.is_empty() {
            quote! { 0 }
        } else {
            quote! { #( #count )+* }
        };
        body.push(quote! {
            check::properties(#count, #min, #max, path, out);
        });
    }
    // A field that only leads back to this type (a tree of itself) has a
    // rule only if this type has another one.
    let mut only_itself = Vec::new();
    for (field, rust_name) in s.fields.iter().zip(&rust_names) {
        let checks = schema_checks(&field.schema, service);
        if checks.is_empty() {
            continue;
        }
        let block = field_block(&ident(rust_name), &field.name, field.required, checks);
        if leads_only_to(&field.schema, &ty.name) {
            only_itself.push(block);
        } else {
            body.push(block);
        }
    }
    for rule in &s.required_when {
        body.extend(required_when(rule, s, &rust_names, service));
    }
    if !body.is_empty() {
        body.extend(only_itself);
    }
    validate_impl(&quote! { #root::#name }, body)
}

/// Whether the checks of `schema` are only calls into the struct `name`
/// (itself, or lists and maps of it without limits of their own).
fn leads_only_to(schema: &Schema, name: &str) -> bool {
    match &schema.ty {
        Type::Named(n) => n == name,
        Type::Array(a) => {
            a.min_items.is_none()
                && a.max_items.is_none()
                && !a.unique_items
                && leads_only_to(&a.items, name)
        }
        Type::Map(m) => {
            m.min_properties.is_none()
                && m.max_properties.is_none()
                && leads_only_to(&m.values, name)
        }
        _ => false,
    }
}

/// `impl Validate for #target { fn validate_at(..) { #body } }`, naming the
/// parameters `_` when no check uses them.
pub fn validate_impl(target: &TokenStream, body: Vec<TokenStream>) -> TokenStream {
    let (path, out) = if body.is_empty() {
        (quote! { _path }, quote! { _out })
    } else {
        (quote! { path }, quote! { out })
    };
    quote! {
        impl Validate for #target {
            fn validate_at(&self, #path: &Path<'_>, #out: &mut Violations) {
                #( #body )*
            }
        }
    }
}

/// The checks of one field (or parameter), with `value` and `path` bound
/// to it. An unset optional field has nothing to check.
pub fn field_block(
    rust_name: &proc_macro2::Ident,
    wire_name: &str,
    required: bool,
    checks: TokenStream,
) -> TokenStream {
    if required {
        quote! {
            {
                let value = &self.#rust_name;
                let path = &path.field(#wire_name);
                #checks
            }
        }
    } else {
        quote! {
            if let Some(value) = &self.#rust_name {
                let path = &path.field(#wire_name);
                #checks
            }
        }
    }
}

/// Statements checking `value` against `schema`; empty when the schema
/// states no rule.
pub fn schema_checks(schema: &Schema, service: &Service) -> TokenStream {
    let checks = type_checks(schema, service);
    if checks.is_empty() || !schema.nullable {
        checks
    } else {
        quote! {
            if let Some(value) = value {
                #checks
            }
        }
    }
}

fn type_checks(schema: &Schema, service: &Service) -> TokenStream {
    match &schema.ty {
        Type::String(t) => string_checks(t, schema.secret),
        Type::Integer(t) => integer_checks(t),
        Type::Number(t) => number_checks(t),
        Type::Array(a) => {
            let mut out = Vec::new();
            if a.min_items.is_some() || a.max_items.is_some() {
                let (min, max) = (opt_u64(a.min_items), opt_u64(a.max_items));
                out.push(quote! { check::items(value.len(), #min, #max, path, out); });
            }
            if a.unique_items {
                out.push(quote! { check::unique(value, path, out); });
            }
            let items = schema_checks(&a.items, service);
            if !items.is_empty() {
                out.push(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = &path.index(index);
                        #items
                    }
                });
            }
            quote! { #( #out )* }
        }
        Type::Map(m) => {
            let mut out = Vec::new();
            if m.min_properties.is_some() || m.max_properties.is_some() {
                let (min, max) = (opt_u64(m.min_properties), opt_u64(m.max_properties));
                out.push(quote! { check::properties(value.len(), #min, #max, path, out); });
            }
            let values = schema_checks(&m.values, service);
            if !values.is_empty() {
                out.push(quote! {
                    for (key, value) in value {
                        let path = &path.key(key);
                        #values
                    }
                });
            }
            quote! { #( #out )* }
        }
        Type::Named(name) => match service.type_by_name(name).map(|t| &t.kind) {
            Some(NamedKind::Struct(_)) => quote! { value.validate_at(path, out); },
            Some(NamedKind::StringEnum(_) | NamedKind::IntegerEnum { .. }) => {
                quote! { check::known(value.is_known(), path, out); }
            }
            // The IR guarantees every name resolves.
            None => TokenStream::new(),
        },
        Type::Boolean | Type::Any | Type::Binary | Type::File => TokenStream::new(),
    }
}

fn string_checks(t: &StringType, secret: bool) -> TokenStream {
    // A secret is read only to measure and match it; it never reaches a message.
    let text = if secret {
        quote! { value.expose() }
    } else {
        quote! { value }
    };
    let mut out = Vec::new();
    if t.min_length.is_some() || t.max_length.is_some() {
        let (min, max) = (opt_u64(t.min_length), opt_u64(t.max_length));
        out.push(quote! { check::length(#text, #min, #max, path, out); });
    }
    if let Some(pattern) = &t.pattern {
        out.push(quote! {
            static PATTERN: Pattern = Pattern::new(#pattern);
            check::pattern(#text, &PATTERN, path, out);
        });
    }
    match out.len() {
        0 => TokenStream::new(),
        // The pattern's `static` gets a block of its own, so that two
        // patterns in one function do not clash.
        _ if t.pattern.is_some() => quote! { { #( #out )* } },
        _ => quote! { #( #out )* },
    }
}

fn integer_checks(t: &IntegerType) -> TokenStream {
    let value = match t.width {
        IntegerWidth::I32 => quote! { i64::from(*value) },
        IntegerWidth::I64 => quote! { *value },
    };
    let mut out = Vec::new();
    if t.minimum.is_some() || t.maximum.is_some() {
        let (min, max) = (opt_i64(t.minimum), opt_i64(t.maximum));
        out.push(quote! { check::integer_range(#value, #min, #max, path, out); });
    }
    if let Some(m) = t.multiple_of.map(proc_macro2::Literal::i64_unsuffixed) {
        out.push(quote! { check::integer_multiple_of(#value, #m, path, out); });
    }
    quote! { #( #out )* }
}

fn number_checks(t: &NumberType) -> TokenStream {
    let bound = |b: Option<crate::ir::Bound>| match b {
        Some(b) => {
            let (value, exclusive) = (proc_macro2::Literal::f64_unsuffixed(b.value), b.exclusive);
            quote! { Some((#value, #exclusive)) }
        }
        None => quote! { None },
    };
    let mut out = Vec::new();
    if t.minimum.is_some() || t.maximum.is_some() {
        let (min, max) = (bound(t.minimum), bound(t.maximum));
        out.push(quote! { check::number_range(*value, #min, #max, path, out); });
    }
    if let Some(m) = t.multiple_of.map(proc_macro2::Literal::f64_unsuffixed) {
        out.push(quote! { check::number_multiple_of(*value, #m, path, out); });
    }
    quote! { #( #out )* }
}

/// `if <property equals value> { <each required field is set> }`.
fn required_when(
    rule: &RequiredWhen,
    s: &Struct,
    rust_names: &[String],
    service: &Service,
) -> Option<TokenStream> {
    let position = |name: &str| s.fields.iter().position(|f| f.name == name);
    let trigger = position(&rule.property)?;
    let condition = equals(
        &s.fields[trigger].schema,
        s.fields[trigger].required,
        &ident(&rust_names[trigger]),
        &rule.equals,
        service,
    );
    let property = &rule.property;
    let equals_json = rule.equals.to_string();
    let checks = rule.required.iter().filter_map(|name| {
        let i = position(name)?;
        // A field that is always required is enforced by its type already.
        if s.fields[i].required {
            return None;
        }
        let field = ident(&rust_names[i]);
        Some(quote! {
            check::required_when(self.#field.is_some(), #property, #equals_json, &path.field(#name), out);
        })
    });
    Some(quote! {
        if #condition {
            #( #checks )*
        }
    })
}

/// Whether field `field` holds `expected`: typed comparisons where the
/// field's type allows, JSON comparison otherwise.
fn equals(
    schema: &Schema,
    required: bool,
    field: &proc_macro2::Ident,
    expected: &Value,
    service: &Service,
) -> TokenStream {
    let kind = match &schema.ty {
        Type::Named(name) => service.type_by_name(name).map(|t| &t.kind),
        _ => None,
    };
    let this = quote! { self.#field };
    let typed = match (&schema.ty, kind, expected) {
        _ if schema.nullable => None,
        (_, Some(NamedKind::StringEnum(_)), Value::String(s)) => Some(if required {
            quote! { #this.as_str() == #s }
        } else {
            quote! { #this.as_ref().map(|value| value.as_str()) == Some(#s) }
        }),
        (_, Some(NamedKind::IntegerEnum { .. }), Value::Number(n)) => n.as_i64().map(|n| {
            let n = proc_macro2::Literal::i64_unsuffixed(n);
            if required {
                quote! { #this.value() == #n }
            } else {
                quote! { #this.map(|value| value.value()) == Some(#n) }
            }
        }),
        (Type::String(_), _, Value::String(s)) if !schema.secret => Some(if required {
            quote! { #this == #s }
        } else {
            quote! { #this.as_deref() == Some(#s) }
        }),
        (Type::Integer(_), _, Value::Number(n)) => n.as_i64().map(|n| {
            let n = proc_macro2::Literal::i64_unsuffixed(n);
            if required {
                quote! { #this == #n }
            } else {
                quote! { #this == Some(#n) }
            }
        }),
        (Type::Boolean, _, Value::Bool(b)) => Some(if required {
            quote! { #this == #b }
        } else {
            quote! { #this == Some(#b) }
        }),
        _ => None,
    };
    typed.unwrap_or_else(|| {
        let json = expected.to_string();
        quote! {
            serde_json::to_value(&#this).ok() == serde_json::from_str::<serde_json::Value>(#json).ok()
        }
    })
}

fn opt_u64(n: Option<u64>) -> TokenStream {
    match n.map(proc_macro2::Literal::u64_unsuffixed) {
        Some(n) => quote! { Some(#n) },
        None => quote! { None },
    }
}

fn opt_i64(n: Option<i64>) -> TokenStream {
    match n.map(proc_macro2::Literal::i64_unsuffixed) {
        Some(n) => quote! { Some(#n) },
        None => quote! { None },
    }
}
