//! A service's generated code as a tree of modules, rendered either as one
//! file per module (the generated crate) or as one file of inline modules
//! (what a build script `include!`s from `OUT_DIR`, where `mod x;` could not
//! find its files).
//!
//! Generated code only names its siblings through `super::`, never
//! `crate::`, so the same tokens work at a crate's root and inside whatever
//! module a user includes them in.

use super::features::{Gate, GateTokens};
use super::{docs, format, imports, parallel, types, GeneratedFile};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// Builds one part of a module's items when it is rendered, on the thread
/// that formats them (token streams cannot cross threads).
pub type Items<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// How many items a part of a [`Module::in_parts`] module holds: enough
/// that a part is worth a job, few enough that a service's thousands of
/// models spread over every core and are never all in memory as tokens.
const ITEMS_PER_PART: usize = 32;

/// One module: its own items, built and formatted in parts, and its child
/// modules.
pub struct Module<'a> {
    pub name: String,
    /// The module's documentation (an inner doc comment).
    pub about: String,
    /// The items, in order; formatted one part at a time and concatenated,
    /// which gives the same text as formatting them together (prettyplease
    /// lays out each item on its own).
    pub parts: Vec<Items<'a>>,
    pub children: Vec<Child<'a>>,
    /// Whether features can leave it without items (each gated on its
    /// own), so that its parent's glob export may import nothing.
    pub may_be_empty: bool,
}

/// A child module and how its parent exposes it.
pub struct Child<'a> {
    pub module: Module<'a>,
    /// `pub use child::*;` in the parent, so that users name items without
    /// the module (`hss::ListRegistryRequest`, not `hss::operations::...`).
    pub glob_export: bool,
    /// The cargo features the module (and its export) is compiled under,
    /// if any: a `#[cfg(...)]` on its `mod` and `use` lines.
    pub gate: Gate,
}

impl Child<'_> {
    fn cfg(&self) -> TokenStream {
        self.gate.cfg()
    }
}

/// One part of one module, formatted, with the runtime items it names.
struct RenderedPart {
    text: String,
    used: BTreeSet<&'static str>,
}

impl<'a> Module<'a> {
    pub fn new(
        name: impl Into<String>,
        about: impl Into<String>,
        items: impl Fn() -> TokenStream + Sync + 'a,
    ) -> Self {
        Module {
            name: name.into(),
            about: about.into(),
            parts: vec![Box::new(items)],
            children: Vec::new(),
            may_be_empty: false,
        }
    }

    /// A module of one item per element of `elements`, built by `item`.
    pub fn in_parts<T: Clone + Sync + 'a>(
        name: impl Into<String>,
        about: impl Into<String>,
        elements: &[T],
        item: impl Fn(&T) -> TokenStream + Clone + Sync + 'a,
    ) -> Self {
        let parts = elements
            .chunks(ITEMS_PER_PART)
            .map(|chunk| {
                let (chunk, item) = (chunk.to_vec(), item.clone());
                Box::new(move || chunk.iter().map(&item).collect()) as Items<'a>
            })
            .collect();
        Module {
            name: name.into(),
            about: about.into(),
            parts,
            children: Vec::new(),
            may_be_empty: false,
        }
    }

    pub fn child(&mut self, module: Module<'a>, glob_export: bool) {
        self.gated_child(module, glob_export, Gate::open());
    }

    /// A child compiled only where `gate` lets it.
    pub fn gated_child(&mut self, module: Module<'a>, glob_export: bool, gate: Gate) {
        self.children.push(Child {
            module,
            glob_export,
            gate,
        });
    }

    /// One file per module, `dir` being where this module's file goes
    /// without its extension (`src/hss`): a module with children becomes
    /// `dir/mod.rs`, a leaf `dir.rs`. Each file starts with `header`.
    pub fn render_files(&self, dir: &str, header: &str) -> Result<Vec<GeneratedFile>, String> {
        let mut modules = Vec::new();
        self.flatten(dir.to_owned(), &mut modules);
        let paths: Vec<String> = modules
            .iter()
            .map(|(dir, module)| {
                if module.children.is_empty() {
                    format!("{dir}.rs")
                } else {
                    format!("{dir}/mod.rs")
                }
            })
            .collect();
        let what: Vec<String> = paths.iter().map(|path| format!("`{path}`")).collect();
        let mut parts = render_parts(&modules, &what)?.into_iter();
        modules
            .iter()
            .zip(paths.into_iter().zip(&what))
            .map(|((_, module), (path, what))| {
                let children = module.children.iter().map(|c| {
                    let (cfg, name) = (c.cfg(), types::ident(&c.module.name));
                    quote! { #cfg mod #name; }
                });
                let text = module.assemble(what, &mut parts, quote! { #( #children )* })?;
                Ok(GeneratedFile {
                    contents: format!("{header}\n\n{text}"),
                    path,
                })
            })
            .collect()
    }

    /// The module with its children inline, as formatted text:
    /// `pub mod name { ... mod child { ... } }`.
    pub fn render_inline(&self) -> Result<String, String> {
        let mut modules = Vec::new();
        self.flatten(self.name.clone(), &mut modules);
        let what: Vec<String> = modules
            .iter()
            .map(|(path, _)| format!("module `{path}`"))
            .collect();
        let mut parts = render_parts(&modules, &what)?.into_iter();
        let texts = modules
            .iter()
            .zip(&what)
            .map(|((_, module), what)| module.assemble(what, &mut parts, TokenStream::new()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = String::new();
        self.nest(&mut texts.into_iter(), 0, &mut out);
        Ok(out)
    }

    /// This module and its descendants, parents first, each with its path.
    fn flatten<'m>(&'m self, path: String, out: &mut Vec<(String, &'m Module<'a>)>) {
        let children = self.children.iter();
        let paths: Vec<String> = children
            .map(|c| format!("{path}/{}", c.module.name))
            .collect();
        out.push((path, self));
        for (child, path) in self.children.iter().zip(paths) {
            child.module.flatten(path, out);
        }
    }

    /// Wraps each module's formatted text in `mod name { }`, indented to
    /// its depth, in the order [`flatten`](Self::flatten) lists them.
    fn nest(&self, texts: &mut impl Iterator<Item = String>, depth: usize, out: &mut String) {
        let indent = "    ".repeat(depth);
        let vis = if depth == 0 { "pub " } else { "" };
        out.push_str(&format!("{indent}{vis}mod {} {{\n", self.name));
        debug_assert!(
            self.children.iter().all(|c| c.gate.is_open()),
            "an inline module names no features: its includer's are unknown"
        );
        for line in texts.next().unwrap_or_default().lines() {
            if !line.is_empty() {
                // Formatted code has no line breaks inside literals
                // (prettyplease escapes them), so indenting is safe.
                out.push_str(&indent);
                out.push_str("    ");
                out.push_str(line);
            }
            out.push('\n');
        }
        for child in &self.children {
            child.module.nest(texts, depth + 1, out);
        }
        out.push_str(&format!("{indent}}}\n"));
    }

    /// The module's formatted text from its parts (the next ones `parts`
    /// yields): the inner doc and the runtime imports, the parts, then
    /// `extra` and the glob re-exports of the children.
    fn assemble(
        &self,
        what: &str,
        parts: &mut impl Iterator<Item = RenderedPart>,
        extra: TokenStream,
    ) -> Result<String, String> {
        let mine: Vec<RenderedPart> = parts.take(self.parts.len()).collect();
        let used = mine.iter().flat_map(|p| p.used.iter().copied()).collect();
        let about = docs::inner_doc(&self.about);
        let imports = imports::use_line(&used);
        let exported = self.children.iter().filter(|c| c.glob_export).map(|c| {
            let (cfg, name) = (c.cfg(), types::ident(&c.module.name));
            let allow = c
                .module
                .may_be_empty
                .then(|| quote! { #[allow(unused_imports)] });
            quote! { #cfg #allow pub use #name::*; }
        });
        let mut text = format::rust_items(what, quote! { #about #imports })?;
        for part in mine {
            text.push_str(&part.text);
        }
        text.push_str(&format::rust_items(
            what,
            quote! {
                #extra
                #( #exported )*
            },
        )?);
        Ok(text)
    }
}

/// Every part of every module of `modules`, built and formatted on every
/// core, in order; `what` names each module in errors.
fn render_parts(
    modules: &[(String, &Module<'_>)],
    what: &[String],
) -> Result<Vec<RenderedPart>, String> {
    let jobs: Vec<(&Items<'_>, &str)> = modules
        .iter()
        .zip(what)
        .flat_map(|((_, module), what)| module.parts.iter().map(move |part| (part, what.as_str())))
        .collect();
    parallel::map(&jobs, |(part, what)| {
        let (tokens, used) = imports::used(part());
        Ok(RenderedPart {
            text: format::rust_items(what, tokens)?,
            used,
        })
    })
}

// They read the rendered text, which is laid out only with `format`.
#[cfg(all(test, feature = "format"))]
mod tests {
    use super::*;

    fn tree() -> Module<'static> {
        let mut root = Module::new("svc", "The service.", TokenStream::new);
        let mut ops = Module::new("operations", "Operations.", TokenStream::new);
        ops.child(
            Module::new("list", "List.", || quote! { pub struct List; }),
            true,
        );
        root.child(
            Module::new("models", "Models.", || quote! { pub struct M; }),
            true,
        );
        root.child(Module::new("validate", "Checks.", TokenStream::new), false);
        root.child(ops, true);
        root
    }

    #[test]
    fn a_gated_child_is_declared_and_exported_under_its_feature() {
        let mut root = Module::new("svc", "The service.", TokenStream::new);
        root.gated_child(
            Module::new("mock", "Mock.", || quote! { pub struct M; }),
            true,
            Gate::any_of(["mock".to_owned()]),
        );
        let files = root.render_files("src/svc", "// h").unwrap();
        let text = &files[0].contents;
        assert!(
            text.contains("#[cfg(feature = \"mock\")]\nmod mock;"),
            "{text}"
        );
        assert!(
            text.contains("#[cfg(feature = \"mock\")]\npub use mock::*;"),
            "{text}"
        );
    }

    #[test]
    fn files_put_parents_in_mod_rs_and_leaves_beside_them() {
        let files = tree().render_files("src/svc", "// header").unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "src/svc/mod.rs",
                "src/svc/models.rs",
                "src/svc/validate.rs",
                "src/svc/operations/mod.rs",
                "src/svc/operations/list.rs",
            ]
        );
        let root = &files[0].contents;
        assert!(root.starts_with("// header\n\n//! The service."), "{root}");
        assert!(root.contains("mod validate;"), "{root}");
        assert!(root.contains("pub use operations::*;"), "{root}");
        assert!(!root.contains("pub use validate::*;"), "{root}");
    }

    #[test]
    fn a_module_in_parts_reads_as_one_formatted_whole() {
        let names: Vec<String> = (0..ITEMS_PER_PART * 2 + 3)
            .map(|i| format!("S{i}"))
            .collect();
        let item = |name: &String| {
            let name = types::ident(name);
            quote! {
                /// A struct.
                pub struct #name { pub field: Option<String> }
                impl #name { pub fn check(&self) -> bool { check::length(&self.field) } }
            }
        };
        let parted = Module::in_parts("many", "Many.", &names, item);
        assert_eq!(parted.parts.len(), 3);
        let whole = Module::new("many", "Many.", || names.iter().map(item).collect());
        let (parted, whole) = (
            parted.render_files("src/many", "// h").unwrap(),
            whole.render_files("src/many", "// h").unwrap(),
        );
        assert_eq!(parted[0].contents, whole[0].contents);
        assert!(whole[0].contents.contains("use hwcloud_runtime::check;"));
    }

    #[test]
    fn inline_nests_every_module_in_its_parent() {
        let text = tree().render_inline().unwrap();
        syn::parse_file(&text).expect("valid Rust");
        assert_eq!(
            text,
            "pub mod svc {
    //! The service.
    pub use models::*;
    pub use operations::*;
    mod models {
        //! Models.
        pub struct M;
    }
    mod validate {
        //! Checks.
    }
    mod operations {
        //! Operations.
        pub use list::*;
        mod list {
            //! List.
            pub struct List;
        }
    }
}
"
        );
    }
}
