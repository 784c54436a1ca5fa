//! A service's generated code as a tree of modules, rendered either as one
//! file per module (the generated crate) or as one file of inline modules
//! (what a build script `include!`s from `OUT_DIR`, where `mod x;` could not
//! find its files).
//!
//! Generated code only names its siblings through `super::`, never
//! `crate::`, so the same tokens work at a crate's root and inside whatever
//! module a user includes them in.

use super::{docs, imports, types};
use proc_macro2::TokenStream;
use quote::quote;

/// One module: its own items, and its child modules.
pub struct Module {
    pub name: String,
    /// The module's documentation (an inner doc comment).
    pub about: String,
    pub items: TokenStream,
    pub children: Vec<Child>,
}

/// A child module and how its parent exposes it.
pub struct Child {
    pub module: Module,
    /// `pub use child::*;` in the parent, so that users name items without
    /// the module (`hss::ListRegistryRequest`, not `hss::operations::...`).
    pub glob_export: bool,
}

impl Module {
    pub fn new(name: impl Into<String>, about: impl Into<String>, items: TokenStream) -> Self {
        Module {
            name: name.into(),
            about: about.into(),
            items,
            children: Vec::new(),
        }
    }

    pub fn child(&mut self, module: Module, glob_export: bool) {
        self.children.push(Child {
            module,
            glob_export,
        });
    }

    /// One `(path, tokens)` per module, `dir` being where this module's
    /// file goes without its extension (`src/hss`): a module with children
    /// becomes `dir/mod.rs`, a leaf `dir.rs`.
    pub fn into_files(self, dir: &str) -> Vec<(String, TokenStream)> {
        let mut files = Vec::new();
        self.collect_files(dir, &mut files);
        files
    }

    fn collect_files(self, dir: &str, files: &mut Vec<(String, TokenStream)>) {
        let path = if self.children.is_empty() {
            format!("{dir}.rs")
        } else {
            format!("{dir}/mod.rs")
        };
        let head = head(&self.about, &self.items);
        let items = self.items;
        let names: Vec<_> = self
            .children
            .iter()
            .map(|c| types::ident(&c.module.name))
            .collect();
        let exports = exports(&self.children);
        files.push((
            path,
            quote! {
                #head
                #items
                #( mod #names; )*
                #exports
            },
        ));
        for child in self.children {
            let child_dir = format!("{dir}/{}", child.module.name);
            child.module.collect_files(&child_dir, files);
        }
    }

    /// The module with its children inline: `pub mod name { ... }`.
    pub fn into_inline(self) -> TokenStream {
        let name = types::ident(&self.name);
        let body = self.inline_body();
        quote! { pub mod #name { #body } }
    }

    fn inline_body(self) -> TokenStream {
        let head = head(&self.about, &self.items);
        let items = self.items;
        let exports = exports(&self.children);
        let children = self.children.into_iter().map(|child| {
            let name = types::ident(&child.module.name);
            let body = child.module.inline_body();
            quote! { mod #name { #body } }
        });
        quote! {
            #head
            #items
            #( #children )*
            #exports
        }
    }
}

/// The inner doc comment and the runtime imports the items need.
fn head(about: &str, items: &TokenStream) -> TokenStream {
    let about = docs::inner_doc(about);
    let imports = imports::runtime_use(items);
    quote! { #about #imports }
}

fn exports(children: &[Child]) -> TokenStream {
    let exported = children
        .iter()
        .filter(|c| c.glob_export)
        .map(|c| types::ident(&c.module.name));
    quote! { #( pub use #exported::*; )* }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Module {
        let mut root = Module::new("svc", "The service.", quote! {});
        let mut ops = Module::new("operations", "Operations.", quote! {});
        ops.child(
            Module::new("list", "List.", quote! { pub struct List; }),
            true,
        );
        root.child(
            Module::new("models", "Models.", quote! { pub struct M; }),
            true,
        );
        root.child(Module::new("validate", "Checks.", quote! {}), false);
        root.child(ops, true);
        root
    }

    #[test]
    fn files_put_parents_in_mod_rs_and_leaves_beside_them() {
        let paths: Vec<String> = tree()
            .into_files("src/svc")
            .into_iter()
            .map(|f| f.0)
            .collect();
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
        let (_, root) = &tree().into_files("src/svc")[0];
        let root: syn::File = syn::parse2(root.clone()).unwrap();
        let text = prettyplease::unparse(&root);
        assert!(text.contains("mod validate;"), "{text}");
        assert!(text.contains("pub use operations::*;"), "{text}");
        assert!(!text.contains("pub use validate::*;"), "{text}");
    }

    #[test]
    fn inline_nests_every_module_in_its_parent() {
        let tokens = tree().into_inline();
        let file: syn::File = syn::parse2(tokens).unwrap();
        let text = prettyplease::unparse(&file);
        assert!(
            text.starts_with("pub mod svc {\n    //! The service."),
            "{text}"
        );
        assert!(text.contains("mod operations {"), "{text}");
        assert!(text.contains("mod list {"), "{text}");
        assert!(text.contains("pub struct List;"), "{text}");
        assert!(!text.contains("mod list;"), "{text}");
    }
}
