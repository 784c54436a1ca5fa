//! The `#[cfg]`s of a crate of our own: the plan's gates
//! ([`crate::plan::features`]: which features compile each operation and
//! named type) written as attributes on the items the emitters make.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

pub use crate::plan::features::{Gate, Gates};

/// A gate as tokens.
pub trait GateTokens {
    /// `feature = "a"` or `any(feature = "a", ...)`; `None` when open.
    fn predicate(&self) -> Option<TokenStream>;

    /// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", ...))]` or nothing.
    fn cfg(&self) -> TokenStream {
        let predicate = self.predicate().into_iter();
        quote! { #( #[cfg(#predicate)] )* }
    }

    /// The same as an inner attribute, for a whole file: `#![cfg(...)]`.
    fn inner_cfg(&self) -> TokenStream {
        let predicate = self.predicate().into_iter();
        quote! { #( #![cfg(#predicate)] )* }
    }
}

impl GateTokens for Gate {
    fn predicate(&self) -> Option<TokenStream> {
        let features: Vec<&String> = self.features().collect();
        match features.as_slice() {
            [] => None,
            [one] => Some(quote! { feature = #one }),
            many => Some(quote! { any( #( feature = #many ),* ) }),
        }
    }
}

/// `items` with `gate`'s `#[cfg]` on each of them, after its doc comment.
/// An item ends with a `;` or with a `{ ... }` block (and the `;` after
/// it, as in `= { ... };`), which holds for every item the emitters write.
pub fn gate_items(gate: &Gate, items: TokenStream) -> TokenStream {
    if gate.is_open() {
        return items;
    }
    let cfg = gate.cfg();
    let tokens: Vec<TokenTree> = items.into_iter().collect();
    let is =
        |i: usize, c: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < tokens.len() {
        while is(i, '#') && tokens.get(i + 1).is_some_and(is_doc) {
            out.extend(tokens[i..i + 2].iter().cloned());
            i += 2;
        }
        out.extend(cfg.clone());
        while let Some(token) = tokens.get(i) {
            out.extend([token.clone()]);
            i += 1;
            match token {
                TokenTree::Punct(p) if p.as_char() == ';' => break,
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    if is(i, ';') {
                        out.extend([tokens[i].clone()]);
                        i += 1;
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether `token` is the `[doc = ...]` of a doc comment.
fn is_doc(token: &TokenTree) -> bool {
    let TokenTree::Group(attr) = token else {
        return false;
    };
    attr.delimiter() == Delimiter::Bracket
        && matches!(attr.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc")
}

/// A `Vec<ty>` of `elements`, each compiled under its gate:
/// `Vec::from([...])` where none is gated, else pushed one by one
/// (attributes do not go on array elements), in a function of its own that
/// can allow the pushes clippy would have written as `vec![]`.
pub fn gated_vec(ty: TokenStream, elements: Vec<(Gate, TokenStream)>) -> TokenStream {
    if elements.iter().all(|(gate, _)| gate.is_open()) {
        let elements = elements.into_iter().map(|(_, element)| element);
        return quote! { Vec::from([ #( #elements ),* ]) };
    }
    let pushes = elements.into_iter().map(|(gate, element)| {
        let cfg = gate.cfg();
        quote! { #cfg elements.push(#element); }
    });
    quote! {
        {
            // Which pushes remain depends on the features.
            #[allow(unused_mut, clippy::vec_init_then_push)]
            fn elements() -> Vec<#ty> {
                let mut elements = Vec::new();
                #( #pushes )*
                elements
            }
            elements()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_gets_the_gate() {
        let gate = Gate::any_of(["b".to_owned(), "a".to_owned()]);
        let items = quote! {
            #[derive(Debug)]
            pub struct A { x: u8 }
            pub struct B(u8);
            impl A { fn f() {} }
            const _: () = { };
            pub use x::y;
        };
        let gated = gate_items(&gate, items).to_string();
        let cfg = "# [cfg (any (feature = \"a\" , feature = \"b\"))]";
        assert_eq!(gated.matches(cfg).count(), 5, "{gated}");
        assert!(gated.starts_with(cfg), "{gated}");
        assert!(gated.contains("{ } ; # [cfg"), "{gated}");
        // After the doc comment, before the other attributes.
        let documented = quote! {
            /// Docs.
            #[derive(Debug)]
            pub struct A;
        };
        let gated = gate_items(&gate, documented).to_string();
        assert!(
            gated.starts_with(&format!("# [doc = r\" Docs.\"] {cfg} # [derive")),
            "{gated}"
        );
        let open = quote! { pub struct A; };
        assert_eq!(
            gate_items(&Gate::open(), open.clone()).to_string(),
            open.to_string()
        );
    }

    #[test]
    fn gates_read_as_cfg_attributes() {
        assert!(Gate::open().cfg().is_empty());
        assert_eq!(
            Gate::any_of(["hss".to_owned()]).cfg().to_string(),
            "# [cfg (feature = \"hss\")]"
        );
    }
}
