//! `use hwcloud_runtime::{...}` lines listing only what a file uses, so
//! that generated files compile without unused-import warnings.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The runtime items generated code may name unqualified.
const RUNTIME_ITEMS: &[&str] = &[
    "check",
    "decode",
    "http",
    "path_segment",
    "replace_all",
    "DecodeError",
    "EncodeContext",
    "EncodeError",
    "Path",
    "Pattern",
    "RequestBuilder",
    "RequestError",
    "Validate",
    "Violations",
];

/// `use hwcloud_runtime::{..}` for the runtime items `tokens` refers to.
/// A name counts where it is used as a path or type, not where it follows a
/// `.` (a field or method of the same name).
pub fn runtime_use(tokens: &TokenStream) -> TokenStream {
    let mut used = BTreeSet::new();
    collect(tokens.clone(), &mut used);
    if used.is_empty() {
        return TokenStream::new();
    }
    let items = used.iter().map(|name| format_ident!("{}", name));
    quote! { use hwcloud_runtime::{ #( #items ),* }; }
}

fn collect(tokens: TokenStream, used: &mut BTreeSet<&'static str>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let after_dot = i > 0 && is_punct(&trees[i - 1], '.');
                // `name: Type` declares a field; `name::x` is a path.
                let declares = is_punct_alone(trees.get(i + 1), ':');
                if after_dot || declares {
                    continue;
                }
                if let Some(name) = RUNTIME_ITEMS.iter().find(|n| ident == *n) {
                    used.insert(name);
                }
            }
            TokenTree::Group(group) => collect(group.stream(), used),
            _ => {}
        }
    }
}

fn is_punct(tree: &TokenTree, c: char) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == c)
}

/// A `:` that is not the first half of `::`.
fn is_punct_alone(tree: Option<&TokenTree>, c: char) -> bool {
    matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == c && p.spacing() == Spacing::Alone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_only_what_is_used_as_a_path_or_type() {
        let tokens = quote! {
            struct A { check: u8, http: u8 }
            fn f(path: &Path<'_>) { self.decode(); check::length(); }
        };
        assert_eq!(
            runtime_use(&tokens).to_string(),
            quote! { use hwcloud_runtime::{Path, check}; }.to_string()
        );
        assert!(runtime_use(&quote! { fn f() {} }).is_empty());
    }
}
