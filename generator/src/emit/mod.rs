//! Stage 3: the IR to the files of a client crate.
//!
//! One emitter per concern ([`enums`], [`models`], [`crate_files`]), each a
//! function from IR items to tokens; [`format`] turns tokens into text. The
//! output depends only on the IR, whose lists are sorted, so the same spec
//! always gives the same bytes.

mod crate_files;
mod docs;
mod enums;
mod format;
mod models;
mod types;

use crate::ir::{NamedKind, Service};
use crate::names;
use quote::quote;

pub use crate_files::{CrateOptions, RuntimeDependency};

/// One file of the generated crate, its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// Emits the whole crate for `services`. An error is a generator bug (it
/// produced invalid Rust), described.
pub fn emit_crate(
    services: &[Service],
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>, String> {
    let mut files = crate_files::files(services, options)?;
    for service in services {
        files.extend(service_files(service, options)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The module of one service: `src/<service>/{mod,enums,models}.rs`.
fn service_files(service: &Service, options: &CrateOptions) -> Result<Vec<GeneratedFile>, String> {
    let module = names::module_name(&service.id);
    let source = options.source_of(service);
    let mut enums = Vec::new();
    let mut structs = Vec::new();
    for ty in &service.types {
        match &ty.kind {
            NamedKind::StringEnum(values) => enums.push(enums::string_enum(ty, values)),
            NamedKind::IntegerEnum { width, values } => {
                enums.push(enums::integer_enum(ty, *width, values))
            }
            NamedKind::Struct(s) => structs.push(models::structure(ty, s)),
        }
    }

    let mut files = Vec::new();
    let mut submodules = Vec::new();
    for (name, doc, items) in [
        (
            "enums",
            "Enumerations: every documented value, plus `Unknown` for values added later.",
            enums,
        ),
        (
            "models",
            "The request and response bodies and the objects inside them.",
            structs,
        ),
    ] {
        if items.is_empty() {
            continue;
        }
        let path = format!("src/{module}/{name}.rs");
        let about = docs::inner_doc(doc);
        let tokens = quote! {
            #about
            #( #items )*
        };
        files.push(GeneratedFile {
            contents: format::rust_file(&path, source, tokens)?,
            path,
        });
        submodules.push(types::ident(name));
    }

    let mut about = format!("{} ({})", service.title, service.version);
    if let Some(description) = &service.description {
        about = format!("{about}\n\n{description}");
    }
    let about = docs::inner_doc(&about);
    let path = format!("src/{module}/mod.rs");
    let tokens = quote! {
        #about
        #( mod #submodules; )*
        #( pub use #submodules::*; )*
    };
    files.push(GeneratedFile {
        contents: format::rust_file(&path, source, tokens)?,
        path,
    });
    Ok(files)
}
