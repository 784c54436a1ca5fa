//! Stage 3: the IR to the files of a client crate.
//!
//! One emitter per concern ([`enums`], [`models`], [`validation`],
//! [`operations`], [`crate_files`]), each a
//! function from IR items to tokens; [`format`] turns tokens into text. The
//! output depends only on the IR, whose lists are sorted, so the same spec
//! always gives the same bytes.

mod client;
mod crate_files;
mod deserialize;
mod docs;
mod enums;
mod examples;
mod format;
mod imports;
mod models;
mod operations;
mod paging;
mod samples;
mod tests;
mod types;
mod validation;

use crate::ir::{NamedKind, Service};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

pub use crate_files::{CrateOptions, RuntimeDependency, RUNTIME_VERSION};
pub use tests::Coverage;

/// One file of the generated crate, its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// A generated crate, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emitted {
    /// Sorted by path.
    pub files: Vec<GeneratedFile>,
    /// How many documented rules the generated boundary tests exercise
    /// (all zero when tests are not generated).
    pub coverage: Coverage,
}

/// Emits the whole crate for `services`. An error is a generator bug (it
/// produced invalid Rust), described.
pub fn emit_crate(services: &[Service], options: &CrateOptions) -> Result<Emitted, String> {
    let mut files = crate_files::files(services, options)?;
    let mut coverage = Coverage::default();
    for service in services {
        files.extend(service_files(service, options)?);
        if options.tests {
            let (test_files, covered) = test_files(service, options)?;
            files.extend(test_files);
            coverage.add(&covered);
            files.extend(example_files(service, options)?);
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Emitted { files, coverage })
}

/// `tests/<service>_constraints.rs` and `tests/<service>_examples.rs`.
fn test_files(
    service: &Service,
    options: &CrateOptions,
) -> Result<(Vec<GeneratedFile>, Coverage), String> {
    let module = names::module_name(&service.id);
    let source = options.source_of(service);
    let krate = types::ident(&options.crate_name.replace('-', "_"));
    let op_names = operations::operation_names(service);
    let mut files = Vec::new();
    let (constraints, coverage) = tests::constraint_tests(service, &krate, &op_names);
    let path = format!("tests/{module}_constraints.rs");
    files.push(GeneratedFile {
        contents: format::rust_file(&path, source, constraints)?,
        path,
    });
    if let Some(examples) = tests::example_tests(service, &krate, &op_names) {
        let path = format!("tests/{module}_examples.rs");
        files.push(GeneratedFile {
            contents: format::rust_file(&path, source, examples)?,
            path,
        });
    }
    Ok((files, coverage))
}

/// `examples/<service>_<op>.rs`: each operation end to end.
fn example_files(service: &Service, options: &CrateOptions) -> Result<Vec<GeneratedFile>, String> {
    let module = names::module_name(&service.id);
    let source = options.source_of(service);
    let krate = types::ident(&options.crate_name.replace('-', "_"));
    let op_names = operations::operation_names(service);
    let methods = client::method_names(service);
    let mut files = Vec::new();
    for ((op, names), (method, pages)) in service.operations.iter().zip(&op_names).zip(&methods) {
        let name = format!("{module}_{}", names.module);
        let Some(tokens) =
            examples::example(&name, op, names, method, pages.as_deref(), service, &krate)
        else {
            continue;
        };
        let path = format!("examples/{name}.rs");
        files.push(GeneratedFile {
            contents: format::rust_file(&path, source, tokens)?,
            path,
        });
    }
    Ok(files)
}

/// The module of one service:
///
/// ```text
/// src/<service>/mod.rs              re-exports
/// src/<service>/enums.rs            named enums
/// src/<service>/models.rs           named structs
/// src/<service>/validate.rs         `Validate` for every struct
/// src/<service>/operations/<op>.rs  request, encoding, response, decoding
/// src/<service>/client.rs           `Client`: one async method per operation
/// ```
fn service_files(service: &Service, options: &CrateOptions) -> Result<Vec<GeneratedFile>, String> {
    let module = names::module_name(&service.id);
    let source = options.source_of(service);
    let mut enums = Vec::new();
    let mut structs = Vec::new();
    let mut validations = Vec::new();
    for ty in &service.types {
        match &ty.kind {
            NamedKind::StringEnum(values) => enums.push(enums::string_enum(ty, values)),
            NamedKind::IntegerEnum { width, values } => {
                enums.push(enums::integer_enum(ty, *width, values))
            }
            NamedKind::Struct(s) => {
                structs.push(models::structure(ty, s, service));
                validations.push(validation::struct_impl(ty, s, service));
            }
        }
    }

    let mut files = Vec::new();
    let mut file = |path: String, about: &str, items: TokenStream| -> Result<(), String> {
        let about = docs::inner_doc(about);
        let imports = imports::runtime_use(&items);
        let tokens = quote! {
            #about
            #imports
            #items
        };
        files.push(GeneratedFile {
            contents: format::rust_file(&path, source, tokens)?,
            path,
        });
        Ok(())
    };

    let mut modules = Vec::new();
    let mut exported = Vec::new();
    for (name, about, items, public) in [
        (
            "enums",
            "Enumerations: every documented value, plus `Unknown` for values added later.",
            enums,
            true,
        ),
        (
            "models",
            "The request and response bodies and the objects inside them.",
            structs,
            true,
        ),
        (
            "validate",
            "`Validate` for every model: one check per documented rule.",
            validations,
            false,
        ),
    ] {
        if items.is_empty() {
            continue;
        }
        file(
            format!("src/{module}/{name}.rs"),
            about,
            quote! { #( #items )* },
        )?;
        modules.push(types::ident(name));
        if public {
            exported.push(types::ident(name));
        }
    }

    let op_names = operations::operation_names(service);
    let mut op_modules = Vec::new();
    for (op, names) in service.operations.iter().zip(&op_names) {
        let about = format!("`{}`: `{} {}`.", op.id, op.method.as_str(), op.path);
        file(
            format!("src/{module}/operations/{}.rs", names.module),
            &about,
            operations::operation(op, names, service),
        )?;
        op_modules.push(types::ident(&names.module));
    }
    if !op_modules.is_empty() {
        file(
            format!("src/{module}/client.rs"),
            "The service's client: one async method per operation.",
            client::client(service, &op_names),
        )?;
        modules.push(types::ident("client"));
        exported.push(types::ident("client"));
        file(
            format!("src/{module}/operations/mod.rs"),
            "One module per operation: its request type and its response enum.",
            quote! {
                #( mod #op_modules; )*
                #( pub use #op_modules::*; )*
            },
        )?;
        modules.push(types::ident("operations"));
        exported.push(types::ident("operations"));
    }

    let mut about = format!("{} ({})", service.title, service.version);
    if let Some(description) = &service.description {
        about = format!("{about}\n\n{description}");
    }
    file(
        format!("src/{module}/mod.rs"),
        &about,
        quote! {
            #( mod #modules; )*
            #( pub use #exported::*; )*
        },
    )?;
    Ok(files)
}
