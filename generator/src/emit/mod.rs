//! Stage 4: the planned IR to the files of a client crate.
//!
//! One emitter per concern (`enums`, `models`, `validation`, `operations`,
//! `crate_files`), each a
//! function from IR items to tokens; `format` turns tokens into text. The
//! output depends only on the IR, whose lists are sorted, so the same spec
//! always gives the same bytes.

mod builders;
mod cli;
mod client;
mod crate_files;
mod deserialize;
mod docs;
mod enums;
mod examples;
mod features;
mod format;
mod imports;
mod mock;
mod models;
mod module;
mod operations;
mod paging;
mod parallel;
mod quick_start;
mod responses;
mod samples;
mod serialize;
mod tests;
mod types;
mod validation;
mod values;

use crate::ir::{NamedKind, NamedType, Service, Struct};
use features::{gate_items, GateTokens, Gates};
use module::Module;
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
    let gates: Vec<Gates> = services
        .iter()
        .map(|service| Gates::new(services, service, options.features_per_tag))
        .collect();
    let mut files = Vec::new();
    let mut coverage = Coverage::default();
    let mut examples = Vec::new();
    if options.tests {
        let tokens = cli::binary_test(services, &gates, &options.crate_name);
        files.push(GeneratedFile {
            contents: format::rust_file("tests/cli.rs", &sources_of(services, options), tokens)?,
            path: "tests/cli.rs".into(),
        });
    }
    for (service, gates) in services.iter().zip(&gates) {
        files.extend(service_files(service, gates, options)?);
        if options.tests {
            let (extra, covered) = test_and_example_files(service, gates, options)?;
            // An example of an operation is built where its feature is on
            // (the first of its tags' where it has several: cargo's
            // `required-features` wants all of those it lists).
            let written: std::collections::BTreeSet<&str> =
                extra.iter().map(|f| f.path.as_str()).collect();
            for op in &service.operations {
                let name = example_name(service, op);
                let written = written.contains(format!("examples/{name}.rs").as_str());
                let feature = gates.operation_or_module(op).features().next().cloned();
                if let (true, Some(feature)) = (written, feature) {
                    examples.push(crate_files::Example { name, feature });
                }
            }
            files.extend(extra);
            coverage.add(&covered);
        }
    }
    files.extend(crate_files::files(services, &gates, &examples, options)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Emitted { files, coverage })
}

/// The specs a crate is made from, for its files' headers.
fn sources_of(services: &[Service], options: &CrateOptions) -> String {
    let sources: Vec<&str> = services.iter().map(|s| options.source_of(s)).collect();
    sources.join(", ")
}

/// A generated file outside the library: a test file, or an operation's
/// example program.
#[derive(Clone, Copy)]
enum Extra {
    ConstraintTests,
    ExampleTests,
    Example(usize),
}

/// `tests/<service>_constraints.rs`, `tests/<service>_examples.rs` and
/// `examples/<service>_<op>.rs` (each operation end to end), built and
/// formatted on every core.
fn test_and_example_files(
    service: &Service,
    gates: &Gates,
    options: &CrateOptions,
) -> Result<(Vec<GeneratedFile>, Coverage), String> {
    let module = &service.names.module;
    let source = options.source_of(service);
    let mut jobs = vec![Extra::ConstraintTests, Extra::ExampleTests];
    jobs.extend((0..service.operations.len()).map(Extra::Example));
    let results = parallel::map(&jobs, |job| {
        // Identifiers cannot cross threads: each job makes its own.
        let krate = types::ident(&options.crate_name.replace('-', "_"));
        let (path, tokens, covered) = match *job {
            Extra::ConstraintTests => {
                let (tokens, covered) = tests::constraint_tests(service, gates, &krate);
                let path = format!("tests/{module}_constraints.rs");
                (path, Some(tokens), Some(covered))
            }
            Extra::ExampleTests => {
                let tokens = tests::example_tests(service, gates, &krate);
                (format!("tests/{module}_examples.rs"), tokens, None)
            }
            Extra::Example(i) => {
                let op = &service.operations[i];
                let name = example_name(service, op);
                let paged = paging::is_paged(op, service);
                let tokens = examples::example(&name, op, paged, service, &krate);
                (format!("examples/{name}.rs"), tokens, None)
            }
        };
        // A service's tests run where its module is compiled.
        let tokens = match (tokens, *job) {
            (Some(tokens), Extra::ConstraintTests | Extra::ExampleTests) => {
                let cfg = gates.module.inner_cfg();
                Some(quote! { #cfg #tokens })
            }
            (tokens, _) => tokens,
        };
        let file = match tokens {
            Some(tokens) => Some(GeneratedFile {
                contents: format::rust_file(&path, source, tokens)?,
                path,
            }),
            None => None,
        };
        Ok((file, covered))
    })?;
    let mut files = Vec::new();
    let mut coverage = Coverage::default();
    for (file, covered) in results {
        files.extend(file);
        if let Some(covered) = covered {
            coverage.add(&covered);
        }
    }
    Ok((files, coverage))
}

/// The example program of `op`, under `examples/`: `<service>_<op>`.
fn example_name(service: &Service, op: &crate::ir::Operation) -> String {
    format!("{}_{}", service.names.module, op.names.module)
}

/// The module of one service:
///
/// ```text
/// <service>                  re-exports
/// <service>::enums           named enums
/// <service>::models          named structs
/// <service>::validate        `Validate` for every struct
/// <service>::client          `Client`: `send`, `pages`, one fluent method per operation
/// <service>::operations::<op> request, builder, encoding, answers, errors
/// ```
fn service_module<'a>(service: &'a Service, gates: &'a Gates, with_mock: bool) -> Module<'a> {
    let mut about = format!("{} ({})", service.title, service.version);
    if let Some(description) = &service.description {
        about = format!("{about}\n\n{description}");
    }
    if !service.left_out.is_empty() {
        about.push_str(&docs::left_out(&service.left_out));
    }
    // A crate of our own (its files under `src/`, the only kind with the
    // mock) names the service's items from the crate's root; included
    // code, whose place in the including crate is unknown, relatively.
    let paths = std::sync::Arc::new(if with_mock {
        types::Root::in_crate(&service.names.module)
    } else {
        types::Root::relative()
    });
    let mut root = Module::new(&service.names.module, about, TokenStream::new);
    let enum_types: Vec<&NamedType> = service
        .types
        .iter()
        .filter(|ty| !matches!(ty.kind, NamedKind::Struct(_)))
        .collect();
    if !enum_types.is_empty() {
        let mut enums = Module::in_parts(
            "enums",
            "Enumerations: every documented value, plus `Unknown` for values added later.",
            &enum_types,
            |ty: &&NamedType| {
                let items = match &ty.kind {
                    NamedKind::StringEnum(values) => enums::string_enum(ty, values),
                    NamedKind::IntegerEnum { width, values } => {
                        enums::integer_enum(ty, *width, values)
                    }
                    NamedKind::Struct(_) => TokenStream::new(),
                };
                gate_items(&gates.named_type(&ty.name), items)
            },
        );
        enums.may_be_empty = !gates.tags.is_empty();
        root.child(enums, true);
    }
    // Types only ever received get no builder: callers never build them, and
    // on hss-full their setters were 7% of the crate's compile memory. Tests
    // build answers for the mock, so its feature adds theirs.
    let builders = &service.names.builders;
    let no_builders = std::collections::BTreeMap::new();
    let received = std::sync::Arc::new(if with_mock {
        service.names.received_builders.clone()
    } else {
        no_builders
    });
    let structs: Vec<(&NamedType, &Struct)> = service
        .types
        .iter()
        .filter_map(|ty| match &ty.kind {
            NamedKind::Struct(s) => Some((ty, s)),
            _ => None,
        })
        .collect();
    if !structs.is_empty() {
        let mut models = Module::in_parts(
            "models",
            "The request and response bodies and the objects inside them.",
            &structs,
            {
                let forms = service.form_types();
                let paths = paths.clone();
                move |(ty, s): &(&NamedType, &Struct)| {
                    let form = forms.contains(ty.name.as_str());
                    let items =
                        models::structure(ty, s, builders, &received, form, service, &paths.at(1));
                    gate_items(&gates.named_type(&ty.name), items)
                }
            },
        );
        let validate = Module::in_parts(
            "validate",
            "`Validate` for every model: one check per documented rule.",
            &structs,
            {
                let paths = paths.clone();
                move |(ty, s): &(&NamedType, &Struct)| {
                    let items = validation::struct_impl(ty, s, service, &paths.at(1));
                    gate_items(&gates.named_type(&ty.name), items)
                }
            },
        );
        models.may_be_empty = !gates.tags.is_empty();
        root.child(models, true);
        root.child(validate, false);
    }

    if service.operations.is_empty() {
        return root;
    }
    root.child(
        Module::new(
            "client",
            "The service's client: `send`, and one method per operation that starts its request.",
            {
                let paths = paths.clone();
                move || client::client(service, gates, &paths.at(1))
            },
        ),
        true,
    );
    let mut ops = Module::new(
        "operations",
        "One module per operation: its request type and builder, and what a call gives back.",
        TokenStream::new,
    );
    for op in &service.operations {
        let about = format!("`{}`: `{} {}`.", op.id, op.method.as_str(), op.path);
        ops.gated_child(
            Module::new(&op.names.module, about, {
                let paths = paths.clone();
                move || {
                    let ctx = operations::Context {
                        service,
                        root: paths.at(2),
                        mock: with_mock,
                    };
                    operations::operation(op, &op.names, &ctx)
                }
            }),
            true,
            gates.operation(op),
        );
    }
    root.child(ops, true);
    if with_mock {
        root.gated_child(
            Module::new(
                "mock",
                "A test double of the service (the `mock` feature): `Mock`.",
                move || mock::service_mock(service, gates, &paths.at(1)),
            ),
            true,
            mock::gate(),
        );
    }
    root
}

/// The files of one service's module, under `src/`.
fn service_files(
    service: &Service,
    gates: &Gates,
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>, String> {
    let header = format::header(options.source_of(service));
    let dir = format!("src/{}", service.names.module);
    let module = service_module(service, gates, true);
    module.render_files(&dir, &header)
}

/// Every service as an inline module, in one file for a build script to
/// `include!`: no inner attributes, no `mod x;` that would look for files.
pub fn emit_single_file(services: &[Service], header: &str) -> Result<String, String> {
    let mut out = format!("{header}\n\n");
    for service in services {
        out += &service_module(service, &Gates::none(), false).render_inline()?;
    }
    out += &format::rust_items(
        "the runtime re-export",
        quote! {
            /// The shared runtime: validation reports, encoding context, errors.
            pub use hwcloud_runtime as runtime;
        },
    )?;
    Ok(out)
}
