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
//! 5. [`write`](mod@write) — put the files on disk, or compare them with what is there.
//!
//! Stages 1 to 3 are the crate `hwcloud-codegen-ir`, re-exported here
//! under the same names; stages 4 and 5 are this crate. Every stage reports
//! problems as [`diagnostics`] with the file and the JSON location, and
//! reports all of them, not just the first.
#![forbid(unsafe_code)]

mod builder;
#[cfg(feature = "tools")]
pub mod diff;
pub mod emit;
#[cfg(feature = "tools")]
pub mod import;
pub mod write;

pub use builder::{BuildError, Builder, DEFAULT_FILE_NAME};
use diagnostics::Diagnostics;
pub use hwcloud_codegen_ir::{
    diagnostics, ir, limits, load_file, load_file_strict, load_str, load_str_strict, media_type,
    names, plan, spec, template, Loaded,
};

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
    /// The spec file of each service, by its module (see
    /// [`emit::CrateOptions::sources`]).
    pub sources: std::collections::BTreeMap<String, String>,
}

/// Loads every spec in `specs`; an error if any of them has errors, with
/// the report of every spec.
pub(crate) fn load_all(
    specs: &[std::path::PathBuf],
    strict: bool,
) -> Result<LoadedSpecs, GenerateError> {
    load_crate(specs, strict).map_err(|every| GenerateError::InvalidSpecs {
        failed: every.iter().filter(|d| d.has_errors()).count(),
        report: every.iter().map(ToString::to_string).collect(),
    })
}

/// Loads every spec in `specs`, its services named as one crate names them;
/// when any has errors, the diagnostics of every spec, in order (those that
/// failed are those with errors: a spec loads unless it has one).
pub(crate) fn load_crate(
    specs: &[std::path::PathBuf],
    strict: bool,
) -> Result<LoadedSpecs, Vec<Diagnostics>> {
    let mut loaded_specs = LoadedSpecs {
        services: Vec::new(),
        diagnostics: Vec::new(),
        sources: Default::default(),
    };
    let mut failed = 0;
    let mut paths = Vec::new();
    for path in specs {
        let loaded = if strict {
            load_file_strict(path)
        } else {
            load_file(path)
        };
        match loaded.service {
            Some(service) => {
                paths.push(path.display().to_string());
                loaded_specs.services.push(service);
            }
            None => failed += 1,
        }
        loaded_specs.diagnostics.push(loaded.diagnostics);
    }
    if failed > 0 {
        return Err(loaded_specs.diagnostics);
    }
    // Named as one crate before any selection, so that asking for more or
    // fewer operations renames no service's module or feature.
    plan::assign_crate_names(&mut loaded_specs.services);
    loaded_specs.sources = loaded_specs
        .services
        .iter()
        .map(|service| service.names.module.clone())
        .zip(paths)
        .collect();
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
