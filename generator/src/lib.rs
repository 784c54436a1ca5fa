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
//!
//! Every stage reports problems as [`diagnostics`] with the file and the JSON
//! location, and reports all of them, not just the first.
#![forbid(unsafe_code)]

pub mod diagnostics;
pub mod ir;
pub mod names;
pub mod spec;

use diagnostics::Diagnostics;
use std::path::Path;

/// The outcome of reading one spec: the service, if it has no errors, and
/// everything that was found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub service: Option<ir::Service>,
    pub diagnostics: Diagnostics,
}

/// Reads, checks and resolves the spec at `path`.
pub fn load_file(path: &Path) -> Loaded {
    let mut diagnostics = Diagnostics::new(path.display().to_string());
    let service =
        spec::load_file(path, &mut diagnostics).and_then(|doc| ir::resolve(&doc, &mut diagnostics));
    Loaded {
        service,
        diagnostics,
    }
}

/// Checks and resolves spec text; `file` names it in diagnostics.
pub fn load_str(file: &str, text: &str) -> Loaded {
    let mut diagnostics = Diagnostics::new(file);
    let service = spec::parse(file, text, &mut diagnostics)
        .and_then(|doc| ir::resolve(&doc, &mut diagnostics));
    Loaded {
        service,
        diagnostics,
    }
}
