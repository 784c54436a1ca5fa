//! `hwcloud-codegen`: generates typed Rust clients for Huawei Cloud APIs
//! from OpenAPI 3.0 specs.
//!
//! The pipeline has one module per stage, and no stage reaches back into an
//! earlier one:
//!
//! 1. [`spec`] — read a file into an OpenAPI document, refusing constructs
//!    the generator does not support;
//! 2. [`ir`] — resolve it into the intermediate representation, checking
//!    everything OpenAPI's own schema cannot;
//! 3. [`plan`] — decide every Rust name the generated code uses, once,
//!    and record it in the IR;
//! 4. [`emit`] — turn the planned IR into the files of a client crate
//!    (tokens with `quote`, formatted with `prettyplease` under the
//!    `format` feature); emitters read
//!    names, never make them;
//! 5. [`write`] — put the files on disk, or compare them with what is there.
//!
//! Every stage reports problems as [`diagnostics`] with the file and the JSON
//! location, and reports all of them, not just the first.
#![forbid(unsafe_code)]

mod builder;
pub mod diagnostics;
#[cfg(feature = "tools")]
pub mod diff;
pub mod emit;
#[cfg(feature = "tools")]
pub mod import;
pub mod ir;
pub mod limits;
pub mod media_type;
pub mod names;
pub mod plan;
mod similar;
pub mod spec;
mod template;
pub mod write;

pub use builder::{BuildError, Builder};
use diagnostics::Diagnostics;
use std::path::Path;

/// The outcome of reading one spec: the service, if it has no errors, and
/// everything that was found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub service: Option<ir::Service>,
    pub diagnostics: Diagnostics,
}

/// Reads, checks and resolves the spec at `path`. Shapes whose meaning is
/// clear are read as that meaning (reported as warnings), and operations
/// that cannot be generated are left out (see [`load_file_strict`]).
pub fn load_file(path: &Path) -> Loaded {
    load_file_with(path, false)
}

/// [`load_file`] where every repair is an error and nothing is left out.
pub fn load_file_strict(path: &Path) -> Loaded {
    load_file_with(path, true)
}

/// Checks and resolves spec text; `file` names it in diagnostics.
pub fn load_str(file: &str, text: &str) -> Loaded {
    load_str_with(file, text, false)
}

/// [`load_str`] where every repair is an error and nothing is left out.
pub fn load_str_strict(file: &str, text: &str) -> Loaded {
    load_str_with(file, text, true)
}

pub(crate) fn load_file_with(path: &Path, strict: bool) -> Loaded {
    let mut diagnostics = Diagnostics::new(path.display().to_string()).strict(strict);
    let service =
        spec::load_file(path, &mut diagnostics).and_then(|doc| resolve(doc, &mut diagnostics));
    Loaded {
        service,
        diagnostics,
    }
}

fn load_str_with(file: &str, text: &str, strict: bool) -> Loaded {
    let mut diagnostics = Diagnostics::new(file).strict(strict);
    let service =
        spec::parse(file, text, &mut diagnostics).and_then(|doc| resolve(doc, &mut diagnostics));
    Loaded {
        service,
        diagnostics,
    }
}

/// Resolves `doc`; when resolving finds errors inside operations, those
/// operations are left out and the rest is resolved again (not in strict
/// mode). Only the last round's findings are kept, so nothing is reported
/// twice.
fn resolve(mut doc: spec::SpecDocument, diagnostics: &mut Diagnostics) -> Option<ir::Service> {
    for _ in 0..limits::MAX_LEAVE_OUT_ROUNDS {
        let mut round = Diagnostics::new(diagnostics.file()).strict(diagnostics.is_strict());
        if let Some(mut service) = ir::resolve(&doc, &mut round) {
            diagnostics.append(round);
            plan::assign(&mut service);
            return Some(service);
        }
        let errors = round.take_errors();
        let mut leaving = Diagnostics::new(diagnostics.file()).strict(diagnostics.is_strict());
        match doc.leave_out(errors, &mut leaving) {
            Ok(()) => diagnostics.append(leaving),
            Err(errors) => {
                diagnostics.append(round);
                diagnostics.append(leaving);
                diagnostics.restore(errors);
                return None;
            }
        }
    }
    diagnostics.error_at("", "too many operations left out; giving up");
    None
}

/// Why generation stopped.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A spec has errors; the diagnostics of every spec are included.
    #[error("{} spec file(s) have errors:\n{}", .failed, .report)]
    InvalidSpecs { failed: usize, report: String },
    /// The generator produced invalid Rust (a bug in the generator).
    #[error("internal error: {0}")]
    Emit(String),
    /// The operations or tags asked for are not all there.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Selection(Vec<ir::select::SelectError>),
}

/// A crate generated in memory, and what was found on the way.
#[derive(Debug)]
pub struct Generated {
    /// Sorted by path.
    pub files: Vec<emit::GeneratedFile>,
    /// One per spec, warnings included.
    pub diagnostics: Vec<Diagnostics>,
    pub operations: usize,
    pub types: usize,
    pub coverage: emit::Coverage,
}

/// Every spec loaded, with where each came from.
pub(crate) struct LoadedSpecs {
    pub services: Vec<ir::Service>,
    /// One per spec, warnings included.
    pub diagnostics: Vec<Diagnostics>,
    /// The spec file of each service, by service id.
    pub sources: std::collections::BTreeMap<String, String>,
}

/// Loads every spec in `specs`; an error if any of them has errors, with
/// the report of every spec.
pub(crate) fn load_all(
    specs: &[std::path::PathBuf],
    strict: bool,
) -> Result<LoadedSpecs, GenerateError> {
    let mut loaded_specs = LoadedSpecs {
        services: Vec::new(),
        diagnostics: Vec::new(),
        sources: Default::default(),
    };
    let mut failed = 0;
    for path in specs {
        let loaded = load_file_with(path, strict);
        match loaded.service {
            Some(service) => {
                loaded_specs
                    .sources
                    .insert(service.id.clone(), path.display().to_string());
                loaded_specs.services.push(service);
            }
            None => failed += 1,
        }
        loaded_specs.diagnostics.push(loaded.diagnostics);
    }
    if failed > 0 {
        let report = loaded_specs
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        return Err(GenerateError::InvalidSpecs { failed, report });
    }
    // Named as one crate before any selection, so that asking for more or
    // fewer operations renames no service's module or feature.
    plan::assign_crate_names(&mut loaded_specs.services);
    Ok(loaded_specs)
}

/// Loads every spec in `specs` and emits one crate covering all of them.
pub fn generate(
    specs: &[std::path::PathBuf],
    options: &emit::CrateOptions,
) -> Result<Generated, GenerateError> {
    generate_selected(specs, &ir::select::Selection::default(), options)
}

/// [`generate`] with only the operations `selection` names (and the types
/// they reach).
pub fn generate_selected(
    specs: &[std::path::PathBuf],
    selection: &ir::select::Selection,
    options: &emit::CrateOptions,
) -> Result<Generated, GenerateError> {
    let loaded = load_all(specs, false)?;
    let mut options = options.clone();
    options.sources.extend(loaded.sources);
    let services =
        ir::select::select(loaded.services, selection).map_err(GenerateError::Selection)?;
    let emitted = emit::emit_crate(&services, &options).map_err(GenerateError::Emit)?;
    Ok(Generated {
        files: emitted.files,
        diagnostics: loaded.diagnostics,
        operations: services.iter().map(|s| s.operations.len()).sum(),
        types: services.iter().map(|s| s.types.len()).sum(),
        coverage: emitted.coverage,
    })
}
