//! The cargo features of a crate of our own, and which code each compiles.
//!
//! One feature per service compiles its module, commands, tests and
//! examples. With [`CrateOptions::features_per_tag`](super::CrateOptions),
//! a service whose operations have tags gets one feature per tag as well
//! (`hss-image-registry`), its own feature turning them all on: then an
//! operation compiles where any of its tags' features is on, and a named
//! type where any feature of an operation that reaches it is. Code every
//! tag needs (an untagged operation, a type all tags reach, the client) is
//! gated by the module alone. Whether a crate has these features at all
//! (crates.io's limit) is the plan's decision, which `diff` reads too.

use crate::ir::{Operation, Service};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

use crate::plan::{has_service_features, tag_features_fit};

/// The features that compile a piece of code: none (whenever its module
/// is), or any of these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate(Vec<String>);

impl Gate {
    /// Compiled whenever its module is.
    pub fn open() -> Self {
        Gate(Vec::new())
    }

    pub fn any_of(features: impl IntoIterator<Item = String>) -> Self {
        let features: BTreeSet<String> = features.into_iter().collect();
        Gate(features.into_iter().collect())
    }

    pub fn is_open(&self) -> bool {
        self.0.is_empty()
    }

    /// The features, sorted.
    pub fn features(&self) -> &[String] {
        &self.0
    }

    /// `feature = "a"` or `any(feature = "a", ...)`; `None` when open.
    pub fn predicate(&self) -> Option<TokenStream> {
        match self.0.as_slice() {
            [] => None,
            [one] => Some(quote! { feature = #one }),
            many => Some(quote! { any( #( feature = #many ),* ) }),
        }
    }

    /// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", ...))]` or nothing.
    pub fn cfg(&self) -> TokenStream {
        let predicate = self.predicate().into_iter();
        quote! { #( #[cfg(#predicate)] )* }
    }

    /// The same as an inner attribute, for a whole file: `#![cfg(...)]`.
    pub fn inner_cfg(&self) -> TokenStream {
        let predicate = self.predicate().into_iter();
        quote! { #( #![cfg(#predicate)] )* }
    }
}

/// Which features compile each part of one service's code in a crate.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    /// The service's module, its commands and its tests.
    pub module: Gate,
    /// The tag features of the service's operations, and the tags they
    /// stand for; empty without features per tag.
    pub tags: BTreeMap<String, String>,
    operations: BTreeMap<String, Gate>,
    types: BTreeMap<String, Gate>,
}

impl Gates {
    /// No features: code a build script `include!`s, which cannot know its
    /// includer's features.
    pub fn none() -> Self {
        Gates::default()
    }

    /// The gates of `service` in a crate of `services`, with a feature per
    /// tag or not.
    pub fn new(services: &[Service], service: &Service, per_tag: bool) -> Self {
        if !has_service_features(services) {
            return Gates::none();
        }
        let per_tag = per_tag && tag_features_fit(services);
        let service_gate = Gate::any_of([service.names.feature.clone()]);
        // The tags the (selected) operations have, with their features.
        let tags: BTreeMap<String, String> = if per_tag {
            service
                .tags()
                .into_iter()
                .filter_map(|tag| {
                    let feature = service.names.tag_features.get(tag)?;
                    Some((feature.clone(), tag.to_owned()))
                })
                .collect()
        } else {
            BTreeMap::new()
        };
        if tags.is_empty() {
            return Gates {
                module: service_gate,
                ..Gates::none()
            };
        }
        let every_tag: BTreeSet<&String> = tags.keys().collect();
        // An operation with no tag, or with every tag, is the module's.
        let gate_of = |features: BTreeSet<String>| {
            if features.is_empty() || features.iter().collect::<BTreeSet<_>>() == every_tag {
                Gate::open()
            } else {
                Gate::any_of(features)
            }
        };
        let operations = service
            .operations
            .iter()
            .map(|op| (op.id.clone(), gate_of(tag_features(service, &op.tags))))
            .collect();
        let types = crate::ir::usage::tags_of_types(service)
            .into_iter()
            .map(|(ty, tags)| {
                let gate =
                    tags.map_or_else(Gate::open, |tags| gate_of(tag_features(service, &tags)));
                (ty, gate)
            })
            .collect();
        Gates {
            module: Gate::any_of(tags.keys().cloned()),
            tags,
            operations,
            types,
        }
    }

    /// The gate of operation `op`, within its module.
    pub fn operation(&self, op: &Operation) -> Gate {
        self.operations.get(&op.id).cloned().unwrap_or_default()
    }

    /// The features that compile `op` for certain: its own gate, else (where
    /// it compiles with its module) the module's.
    pub fn operation_or_module(&self, op: &Operation) -> Gate {
        let gate = self.operation(op);
        if gate.is_open() {
            self.module.clone()
        } else {
            gate
        }
    }

    /// The gate of what any of `operations` needs: `None` when there are
    /// none, open when one of them is.
    pub fn any_operation<'a>(
        &self,
        operations: impl IntoIterator<Item = &'a Operation>,
    ) -> Option<Gate> {
        let mut features = BTreeSet::new();
        let mut any = false;
        for op in operations {
            any = true;
            let gate = self.operation(op);
            if gate.is_open() {
                return Some(gate);
            }
            features.extend(gate.0);
        }
        any.then(|| Gate::any_of(features))
    }

    /// The gate of named type `name`, within its module.
    pub fn named_type(&self, name: &str) -> Gate {
        self.types.get(name).cloned().unwrap_or_default()
    }
}

/// The features of `tags` (of `service`'s operations).
fn tag_features<'a>(
    service: &Service,
    tags: impl IntoIterator<Item = &'a String>,
) -> BTreeSet<String> {
    tags.into_iter()
        .filter_map(|tag| service.names.tag_features.get(tag).cloned())
        .collect()
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

    /// Four operations: `A` (t1) and `B` (t2) share `X`, `B` alone has
    /// `Y`, `C` (t3) has `W`, untagged `D` has `Z`. No operation uses `U`,
    /// whose field is a `V`, which `A` uses too.
    fn tagged_service() -> Service {
        let op = |id: &str, tags: &[&str], schema: &str| {
            serde_json::json!({"operationId": id, "tags": tags,
                "responses": {"200": {"description": "ok", "content": {"application/json":
                    {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}}})
        };
        let object = |field: Option<&str>| match field {
            Some(to) => serde_json::json!({"type": "object", "properties": {
                "inner": {"$ref": format!("#/components/schemas/{to}")}}}),
            None => serde_json::json!({"type": "object", "properties": {"n": {"type": "string"}}}),
        };
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "x-service-id": "svc"},
            "servers": [{"url": "https://svc.example.com"}],
            "paths": {
                "/a": {"get": op("A", &["t1"], "X")},
                "/a2": {"post": op("A2", &["t1"], "V")},
                "/b": {"get": op("B", &["t2"], "Y")},
                "/c": {"get": op("C", &["t3"], "W")},
                "/d": {"get": op("D", &[], "Z")}
            },
            "components": {"schemas": {
                "X": object(None), "Y": object(Some("X")), "W": object(None), "Z": object(None),
                "V": object(None), "U": object(Some("V"))
            }}
        });
        let loaded = crate::load_str("t.json", &spec.to_string());
        let mut services = vec![loaded
            .service
            .unwrap_or_else(|| panic!("{}", loaded.diagnostics))];
        crate::plan::assign_crate_names(&mut services);
        services.remove(0)
    }

    #[test]
    fn operations_and_the_types_they_reach_are_compiled_with_their_tags() {
        let service = tagged_service();
        let services = std::slice::from_ref(&service);
        let gates = Gates::new(services, &service, true);
        let features = |gate: Gate| gate.features().join(" ");
        assert_eq!(features(gates.module.clone()), "svc-t1 svc-t2 svc-t3");
        let ops: Vec<String> = service
            .operations
            .iter()
            .map(|op| format!("{}: {}", op.id, features(gates.operation(op))))
            .collect();
        assert_eq!(
            ops,
            ["A: svc-t1", "A2: svc-t1", "B: svc-t2", "C: svc-t3", "D: "]
        );
        // `U` is always compiled, so `V`, which it holds, must be too.
        let types: Vec<String> = ["X", "Y", "W", "Z", "U", "V"]
            .iter()
            .map(|ty| format!("{ty}: {}", features(gates.named_type(ty))))
            .collect();
        assert_eq!(
            types,
            [
                "X: svc-t1 svc-t2",
                "Y: svc-t2",
                "W: svc-t3",
                "Z: ",
                "U: ",
                "V: "
            ]
        );
        assert_eq!(gates.tags.values().collect::<Vec<_>>(), ["t1", "t2", "t3"]);

        // Without features per tag, the service's own feature gates it all.
        let plain = Gates::new(services, &service, false);
        assert_eq!(features(plain.module.clone()), "svc");
        assert!(plain.operation(&service.operations[0]).is_open());
        assert!(plain.tags.is_empty());
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
