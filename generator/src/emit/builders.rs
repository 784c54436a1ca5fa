//! Builders: how callers make the structs and requests they send.
//!
//! Generated structs are `#[non_exhaustive]`, so that a field added to the
//! spec is not a breaking release; a caller outside the crate therefore
//! cannot write them as literals. They start from `T::builder()`, set each
//! field by name (`.registry_name("x")`), and finish with `build()`, which
//! lists every required field left unset (`BuildError`). A field whose type
//! is a generated struct takes that struct or its unfinished builder, so a
//! nested value needs no `build()?` of its own: its missing fields are
//! reported from the outer `build()` by path (`body.registry_name`).
//!
//! Builders derive nothing but `Default` and print only their name in
//! `Debug`, and their non-generic functions are `#[inline]`, so that a
//! crate of hundreds of operations compiles no slower than with positional
//! constructors: measured on hss-full, derived `Debug` and `Clone` alone
//! cost 8% of the crate's debug compile time (`bench/compare.sh`).
//!
//! A request's builder carries a client type parameter: `()` when made by
//! `Request::builder()`, `&Client` when made by the client's fluent method,
//! where it also has `send` (and `pages` for paged operations). One set of
//! setters serves both.

use super::docs::doc;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One field as its builder sees it.
pub struct BuilderField<'a> {
    /// The target struct's field, also the setter's name.
    pub ident: &'a Ident,
    /// The field's name in error paths and docs (`registry_name`, `query.limit`).
    pub label: String,
    /// The value's type, without the `Option` of an optional field.
    pub ty: &'a TokenStream,
    pub required: bool,
    /// The type is a generated struct with a builder: the setter takes
    /// `impl Buildable<T>`.
    pub nested: bool,
}

/// What is being built.
pub struct Target<'a> {
    /// The struct built (`AddRegistryRequestBody`).
    pub name: &'a Ident,
    /// The builder (`AddRegistryRequestBodyBuilder`).
    pub builder: &'a Ident,
    /// Whether the builder has a client type parameter (requests do).
    pub with_client: bool,
}

/// `impl T { pub fn builder() }`, the builder struct, its setters and
/// `build`; for a struct type, also `Buildable<T>` for the builder.
pub fn builder(target: &Target, fields: &[BuilderField]) -> TokenStream {
    let Target {
        name,
        builder,
        with_client,
    } = target;
    let slots = fields.iter().map(|f| {
        let (ident, ty) = (f.ident, f.ty);
        if f.nested {
            quote! { #ident: hwcloud_runtime::BuildSlot<#ty>, }
        } else {
            quote! { #ident: Option<#ty>, }
        }
    });
    let setters = fields.iter().map(setter);
    // A setter named like a std trait's method (`add`, `next`) reads as one
    // to clippy; it is the spec's field name.
    let lint_allow = if fields
        .iter()
        .any(|f| TRAIT_METHODS.iter().any(|m| f.ident == m))
    {
        quote! { #[allow(clippy::should_implement_trait)] }
    } else {
        TokenStream::new()
    };
    let build = build_fn(name, fields);
    let mut builder_doc = format!(
        "Builds a `{name}`: one setter per field, named after it. `build` reports every \
         required field left unset."
    );
    if *with_client {
        builder_doc += "\n\nMade by the client's method of the same name, it also sends.";
    }
    let builder_doc = doc(&builder_doc);
    let builder_name = builder.to_string();
    // A request's builder carries its client (`()` until the client's
    // fluent method binds one) and is made by `new`; a model's derives
    // `Default` and can be passed, unfinished, as a nested value.
    let (params, any_client, client_slot, start, derive) = if *with_client {
        (
            quote! { <C = ()> },
            quote! { <C> },
            quote! { client: C, },
            quote! { #builder::new(()) },
            TokenStream::new(),
        )
    } else {
        let none = TokenStream::new();
        // A field named `default` has a setter that hides `Default::default`.
        let start = if fields.iter().any(|f| f.ident == "default") {
            quote! { <#builder as Default>::default() }
        } else {
            quote! { #builder::default() }
        };
        (
            none.clone(),
            none.clone(),
            none,
            start,
            quote! { #[derive(Default)] },
        )
    };
    let extra = if *with_client {
        let unset = fields.iter().map(|f| f.ident);
        quote! {
            impl<C> #builder<C> {
                /// A builder with no field set, bound to `client`.
                pub(crate) fn new(client: C) -> Self {
                    Self { client, #( #unset: None, )* }
                }
            }
        }
    } else {
        quote! {
            impl hwcloud_runtime::Buildable<#name> for #builder {
                #[inline]
                fn build_value(self) -> Result<#name, hwcloud_runtime::BuildError> {
                    self.build()
                }
            }
        }
    };
    quote! {
        impl #name {
            /// A builder with no field set.
            pub fn builder() -> #builder {
                #start
            }
        }

        #builder_doc
        #derive
        #[must_use]
        pub struct #builder #params {
            #client_slot
            #( #slots )*
        }

        impl #any_client std::fmt::Debug for #builder #any_client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#builder_name).finish_non_exhaustive()
            }
        }

        #lint_allow
        impl #any_client #builder #any_client {
            #( #setters )*
            #build
        }

        #extra
    }
}

/// The methods clippy's `should_implement_trait` knows.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

fn setter(field: &BuilderField) -> TokenStream {
    let (ident, ty) = (field.ident, field.ty);
    let docs = doc(&format!(
        "Sets `{}`{}.",
        field.label,
        if field.required { " (required)" } else { "" }
    ));
    if field.nested {
        quote! {
            #docs
            pub fn #ident(mut self, value: impl hwcloud_runtime::Buildable<#ty>) -> Self {
                self.#ident = Some(value.build_value());
                self
            }
        }
    } else {
        quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        }
    }
}

/// `build`: every required or nested slot goes through `MissingFields`,
/// and the value is made only when nothing was missing. It returns a
/// `Result` even where nothing can be (no required field, no nested
/// builder), so that a field added to the spec never changes its
/// signature.
fn build_fn(name: &Ident, fields: &[BuilderField]) -> TokenStream {
    let type_name = name.to_string();
    let docs = quote! {
        /// The value, or an error naming every required field not set
        /// (nested ones by path).
        #[inline]
    };
    if fields.iter().all(|f| !f.required && !f.nested) {
        let inits = fields.iter().map(|f| {
            let ident = f.ident;
            quote! { #ident: self.#ident, }
        });
        return quote! {
            #docs
            pub fn build(self) -> Result<#name, hwcloud_runtime::BuildError> {
                Ok(#name { #( #inits )* })
            }
        };
    }
    // Optional plain fields go straight into the value below.
    let takes = fields.iter().map(|f| {
        let (ident, label) = (f.ident, &f.label);
        match (f.required, f.nested) {
            (true, false) => quote! { let #ident = missing.required(#label, self.#ident); },
            (true, true) => quote! { let #ident = missing.required_nested(#label, self.#ident); },
            (false, true) => quote! { let #ident = missing.optional_nested(#label, self.#ident); },
            (false, false) => TokenStream::new(),
        }
    });
    let required: Vec<&Ident> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.ident)
        .collect();
    let inits = fields.iter().map(|f| {
        let ident = f.ident;
        if f.required || f.nested {
            quote! { #ident }
        } else {
            quote! { #ident: self.#ident }
        }
    });
    let value = quote! { #name { #( #inits ),* } };
    let decide = match required.as_slice() {
        [] => quote! {
            if missing.is_empty() {
                Ok(#value)
            } else {
                Err(missing.into_error())
            }
        },
        [one] => quote! {
            match #one {
                Some(#one) if missing.is_empty() => Ok(#value),
                _ => Err(missing.into_error()),
            }
        },
        many => quote! {
            match ( #( #many ),* ) {
                ( #( Some(#many) ),* ) if missing.is_empty() => Ok(#value),
                _ => Err(missing.into_error()),
            }
        },
    };
    quote! {
        #docs
        pub fn build(self) -> Result<#name, hwcloud_runtime::BuildError> {
            let mut missing = hwcloud_runtime::MissingFields::new(#type_name);
            #( #takes )*
            #decide
        }
    }
}
