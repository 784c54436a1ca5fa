//! `use hwcloud_runtime::{...}` lines listing only what a file uses, so
//! that generated files compile without unused-import warnings.

use proc_macro2::{Group, Punct, Spacing, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

use crate::plan::RUNTIME_IMPORTS as RUNTIME_ITEMS;

/// `use hwcloud_runtime::{..}` for the runtime items `tokens` refers to.
/// A name counts where it is used as a path or type, not where it follows a
/// `.` (a field or method of the same name).
pub fn runtime_use(tokens: &TokenStream) -> TokenStream {
    use_line(&used(tokens.clone()).1)
}

/// The runtime items `tokens` refers to, for a `use` line of a file made of
/// several token streams; the tokens come back unchanged.
///
/// The walk takes the stream by value because `proc_macro2` can only
/// iterate a stream by value: a shared one would be copied token by token,
/// a uniquely owned one is moved.
pub fn used(tokens: TokenStream) -> (TokenStream, BTreeSet<&'static str>) {
    let mut used = BTreeSet::new();
    let tokens = collect(tokens, &mut used);
    (tokens, used)
}

/// `use hwcloud_runtime::{..}` for `used`; nothing when it is empty.
pub fn use_line(used: &BTreeSet<&'static str>) -> TokenStream {
    if used.is_empty() {
        return TokenStream::new();
    }
    let items = used.iter().map(|name| format_ident!("{}", name));
    quote! { use hwcloud_runtime::{ #( #items ),* }; }
}

/// Records the runtime items `tokens` names in `used`; returns `tokens`.
fn collect(tokens: TokenStream, used: &mut BTreeSet<&'static str>) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    for i in 0..trees.len() {
        match &trees[i] {
            TokenTree::Ident(ident) => {
                // `x.check`, `Self::Path`: a member, not the runtime's item.
                let after_dot = i > 0 && is_punct(&trees[i - 1], '.');
                let after_path_sep = i > 1
                    && is_punct(&trees[i - 1], ':')
                    && matches!(&trees[i - 2], TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
                // `name: Type` declares a field; `name::x` is a path.
                let declares = is_punct_alone(trees.get(i + 1), ':');
                // `fn check(…)`, `let http = …` declare a name of their own.
                let is_word = |at: usize, words: &[&str]| matches!(&trees[at], TokenTree::Ident(k) if words.iter().any(|w| k == w));
                let named_item = i > 0
                    && (is_word(
                        i - 1,
                        &[
                            "fn", "let", "struct", "enum", "mod", "const", "static", "type",
                        ],
                    ) || (i > 1 && is_word(i - 1, &["mut"]) && is_word(i - 2, &["let"])));
                if after_dot || after_path_sep || declares || named_item {
                    continue;
                }
                if let Some(name) = RUNTIME_ITEMS.iter().find(|n| ident == *n) {
                    // The runtime's modules and functions (lowercase) are
                    // only ever used as `check::…` or `path_segment(…)`; a
                    // bare `http` is a field or a local of that name.
                    let module_or_call = is_punct(trees.get(i + 1).unwrap_or(&trees[i]), ':')
                        || matches!(trees.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
                    if name.starts_with(char::is_uppercase) || module_or_call {
                        used.insert(name);
                    }
                }
            }
            TokenTree::Group(group) => {
                let (delimiter, span, inner) = (group.delimiter(), group.span(), group.stream());
                // Dropping the group leaves `inner` the only owner of its tokens.
                trees[i] = TokenTree::Punct(Punct::new('#', Spacing::Alone));
                let mut group = Group::new(delimiter, collect(inner, used));
                group.set_span(span);
                trees[i] = TokenTree::Group(group);
            }
            _ => {}
        }
    }
    trees.into_iter().collect()
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
