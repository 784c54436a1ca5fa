//! Enums: one Rust enum per named string or integer enum.
//!
//! Every enum has an `Unknown` variant holding the raw value, so that a
//! value the service adds later still decodes (smithy-rs does the same). A
//! request carrying an `Unknown` value fails validation instead. Enums are
//! `#[non_exhaustive]`: a value the spec documents later becomes a variant
//! of its own in a compatible release, so callers' matches keep a `_` arm.

use super::docs::{doc, doc_or};
use super::types::{ident, type_ident};
use crate::ir::{EnumValue, IntegerWidth, NamedType};
use proc_macro2::TokenStream;
use quote::quote;

/// The variants of `values`, as the plan named them.
fn variant_names<T>(values: &[EnumValue<T>]) -> Vec<proc_macro2::Ident> {
    values.iter().map(|v| ident(&v.rust_name)).collect()
}

pub fn string_enum(ty: &NamedType, values: &[EnumValue<String>]) -> TokenStream {
    let name = type_ident(&ty.name);
    let docs = doc_or(
        ty.description.as_deref(),
        &format!("The documented values of `{}`.", ty.name),
    );
    let variants = variant_names(values);
    let wire: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = wire.iter().map(|w| doc(&format!("`{w}`")));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this client does not know, kept as the service sent it.
            Unknown(String),
        }

        impl #name {
            /// Every value the spec documents.
            pub const KNOWN: &'static [Self] = &[ #( Self::#variants ),* ];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::Unknown(value) => value,
                }
            }

            /// Whether the spec documents this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wire => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        // By hand rather than derived: see `hwcloud_runtime::wire`.
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                hwcloud_runtime::wire::string_enum(deserializer)
            }
        }
    }
}

pub fn integer_enum(ty: &NamedType, width: IntegerWidth, values: &[EnumValue<i64>]) -> TokenStream {
    let name = type_ident(&ty.name);
    let docs = doc_or(
        ty.description.as_deref(),
        &format!("The documented values of `{}`.", ty.name),
    );
    let variants = variant_names(values);
    let (int, ser) = match width {
        IntegerWidth::I32 => (quote! { i32 }, quote! { serialize_i32 }),
        IntegerWidth::I64 => (quote! { i64 }, quote! { serialize_i64 }),
    };
    // Literals of the enum's own width, so the generated code needs no casts.
    let literals: Vec<proc_macro2::Literal> = values
        .iter()
        .map(|v| match width {
            IntegerWidth::I32 => proc_macro2::Literal::i32_unsuffixed(v.value as i32),
            IntegerWidth::I64 => proc_macro2::Literal::i64_unsuffixed(v.value),
        })
        .collect();
    let variant_docs = values.iter().map(|v| doc(&format!("`{}`", v.value)));
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this client does not know, kept as the service sent it.
            Unknown(#int),
        }

        impl #name {
            /// Every value the spec documents.
            pub const KNOWN: &'static [Self] = &[ #( Self::#variants ),* ];

            /// The value as it is sent on the wire.
            pub fn value(self) -> #int {
                match self {
                    #( Self::#variants => #literals, )*
                    Self::Unknown(value) => value,
                }
            }

            /// Whether the spec documents this value.
            pub fn is_known(self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<#int> for #name {
            fn from(value: #int) -> Self {
                match value {
                    #( #literals => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.#ser(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <#int as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}
