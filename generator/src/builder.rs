//! The build-script API: generate a client into `OUT_DIR` and `include!` it.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
//! if let Err(err) = hwcloud_codegen::Builder::new()
//!     .spec("spec/hss.json")
//!     .generate_to(out_dir)
//! {
//!     // Every problem, with its spec file and JSON location.
//!     eprintln!("{err}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/hwcloud_client.rs"));
//! ```
//!
//! The included file holds one inline module per service (`hss`, `swr`, …)
//! and re-exports the runtime as `runtime`; the including crate depends on
//! `hwcloud-runtime`, `serde` and `serde_json`. The code is pretty-printed
//! only with this crate's `format` feature; without it (the usual build
//! dependency, `default-features = false`) it is the same code, unformatted,
//! and the build compiles neither `syn` nor `prettyplease`.

use crate::diagnostics::{Diagnostics, Severity};
use crate::{emit, load_all, GenerateError};
use std::io;
use std::path::{Path, PathBuf};

/// The file [`Builder::generate_to`] writes unless told otherwise.
pub const DEFAULT_FILE_NAME: &str = "hwcloud_client.rs";

/// Generates client code from spec files, for a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    file_name: String,
    cargo_output: bool,
    strict: bool,
    selection: crate::ir::select::Selection,
}

/// Why a build script could not generate its client. Its `Display` is meant
/// to be printed as it is: every problem with its file and JSON location.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// No spec was given.
    #[error("no spec files: call `Builder::spec` at least once")]
    NoSpecs,
    /// A spec has errors, or the generator failed.
    #[error(transparent)]
    Generate(#[from] GenerateError),
    /// The output could not be read or written.
    #[error("cannot write {}: {source}", .path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            file_name: DEFAULT_FILE_NAME.to_owned(),
            cargo_output: true,
            strict: false,
            selection: Default::default(),
        }
    }

    /// Adds a spec file (relative paths are relative to the build script's
    /// working directory, the package root). One module per spec.
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self
    }

    /// Adds several spec files.
    pub fn specs<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.specs.extend(paths.into_iter().map(Into::into));
        self
    }

    /// The name of the file [`generate_to`](Self::generate_to) writes
    /// (default [`DEFAULT_FILE_NAME`]).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for each spec and
    /// `cargo:warning` for each spec warning (default: on; turn it off
    /// outside a build script).
    pub fn cargo_output(mut self, on: bool) -> Self {
        self.cargo_output = on;
        self
    }

    /// Refuse instead of repairing (default: off): every shape of a spec
    /// that is read for what it clearly means (spec/README.md, "Tolerance")
    /// and every unknown `x-` extension is an error, and no operation is
    /// left out, so a spec that generates is exactly in the supported subset.
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// Generates only these operations (by `operationId`) and the types
    /// they reach, instead of the whole spec: what you call is what you
    /// compile. May be called again to add more; an unknown name is an
    /// error that lists the close ones.
    pub fn operations<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.selection
            .operations
            .extend(ids.into_iter().map(Into::into));
        self
    }

    /// Generates every operation with one of these tags (besides those named
    /// by [`operations`](Self::operations)).
    pub fn tags<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Self {
        self.selection.tags.extend(tags.into_iter().map(Into::into));
        self
    }

    /// The generated source, in memory.
    pub fn generate(&self) -> Result<String, BuildError> {
        if self.specs.is_empty() {
            return Err(BuildError::NoSpecs);
        }
        if self.cargo_output {
            // Before loading: a spec with errors must still trigger a rerun
            // once it is fixed.
            for spec in &self.specs {
                println!("cargo:rerun-if-changed={}", spec.display());
            }
        }
        let loaded = load_all(&self.specs, self.strict)?;
        if self.cargo_output {
            loaded.diagnostics.iter().for_each(print_warnings);
        }
        let sources: Vec<&str> = loaded.sources.values().map(String::as_str).collect();
        let services = crate::ir::select::select(loaded.services, &self.selection)
            .map_err(GenerateError::Selection)?;
        let header = format!(
            "// @generated by hwcloud-codegen {} from {}.",
            env!("CARGO_PKG_VERSION"),
            sources.join(", ")
        );
        emit::emit_single_file(&services, &header)
            .map_err(|message| GenerateError::Emit(message).into())
    }

    /// Generates into `out_dir`/[`file_name`](Self::file_name) and returns
    /// that path. The file is left untouched when its contents would not
    /// change, so that nothing downstream rebuilds.
    pub fn generate_to(&self, out_dir: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
        let source = self.generate()?;
        let path = out_dir.as_ref().join(&self.file_name);
        let write_error = |source| BuildError::Write {
            path: path.clone(),
            source,
        };
        match std::fs::read(&path) {
            Ok(existing) if existing == source.as_bytes() => return Ok(path),
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(write_error(err)),
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_error)?;
        }
        std::fs::write(&path, source).map_err(write_error)?;
        Ok(path)
    }
}

/// Warnings printed for cargo per spec; a vendor's document can have
/// thousands of repairs, and `lint` lists them all.
const MAX_CARGO_WARNINGS: usize = 20;

fn print_warnings(diagnostics: &Diagnostics) {
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    for warning in warnings.iter().take(MAX_CARGO_WARNINGS) {
        // Cargo says "warning" itself, and reads one line per message.
        let text = warning.to_string().replace('\n', " ");
        let text = text.strip_prefix("warning: ").unwrap_or(&text);
        println!("cargo:warning={text}");
    }
    if warnings.len() > MAX_CARGO_WARNINGS {
        println!(
            "cargo:warning={}: {} more warnings; `hwcloud-codegen lint {}` lists them all",
            diagnostics.file(),
            warnings.len() - MAX_CARGO_WARNINGS,
            diagnostics.file()
        );
    }
}
