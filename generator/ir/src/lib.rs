//! The front half of [`hwcloud-codegen`](https://docs.rs/hwcloud-codegen):
//! an OpenAPI spec read, repaired where its meaning is clear, and resolved
//! into the intermediate representation that the emitters read.
//!
//! 1. [`spec`] — read a file into an OpenAPI document, refusing constructs
//!    the generator does not support;
//! 2. [`ir`] — resolve it into the intermediate representation, checking
//!    everything OpenAPI's own schema cannot;
//! 3. [`plan`] — decide every Rust name the generated code uses, once,
//!    and record it in the IR.
//!
//! The IR is the contract between this crate and the emitters in
//! `hwcloud-codegen`, which never see the OpenAPI model. Every stage
//! reports problems as [`diagnostics`] with the file and the JSON location,
//! and reports all of them, not just the first.
#![forbid(unsafe_code)]

pub mod diagnostics;
pub mod ir;
pub mod limits;
pub mod media_type;
pub mod names;
pub mod plan;
mod similar;
pub mod spec;
/// Path templates, read one way by every stage; public for the emitters in
/// `hwcloud-codegen`, not part of the API.
#[doc(hidden)]
pub mod template;

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

fn load_file_with(path: &Path, strict: bool) -> Loaded {
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
