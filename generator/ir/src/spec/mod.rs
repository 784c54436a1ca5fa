//! Stage 1: read a spec file into an [`openapiv3::OpenAPI`] document.
//!
//! Loading happens in these steps, each of which reports where a problem is:
//! 1. the text is parsed as JSON (a syntax error gives line and column);
//! 2. an OpenAPI 3.1 document is rewritten into the 3.0 form it means
//!    (`v31.rs`), so that everything after reads one version;
//! 3. the vendor's dialect ([`vendor`]) and shapes whose meaning is clear
//!    (`repair.rs`, each reported) are rewritten into the supported subset,
//!    and `allOf` is flattened (`compose.rs`);
//! 4. the raw JSON is checked against the OpenAPI subset this generator
//!    supports (`subset.rs`), so that an unsupported construct is refused by
//!    name instead of being dropped by the typed parser;
//! 5. the JSON is deserialized into `openapiv3`'s types (a 3.0 model), and a
//!    type error is reported at its JSON pointer.
//!
//! An error inside one operation (or in a component only some operations
//! use) leaves those operations out (`quarantine.rs`) unless the
//! diagnostics are strict. Nothing here interprets the document; that is
//! the IR stage's job.

mod compose;
pub mod extensions;
pub mod keywords;
mod quarantine;
mod repair;
mod shape;
mod subset;
mod v31;
pub mod vendor;

pub use extensions::KNOWN_EXTENSIONS;
pub use quarantine::LeftOut;
pub use repair::MOVED_TO_BODY;
use v31::Version;

/// The operations of a path item the generator reads.
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

/// Whether `key` of a path item is an operation the generator reads.
fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}

pub use crate::template::placeholders;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::limits::MAX_SPEC_BYTES;
use std::path::Path;

/// A spec that parsed and uses only supported constructs.
#[derive(Debug, Clone)]
pub struct SpecDocument {
    /// The file name, as the caller gave it (used in every diagnostic).
    pub file: String,
    /// The file's stem (`hss` for `spec/hss.json`): a fallback service name.
    pub stem: String,
    /// The document as plain JSON, for what `openapiv3` does not keep
    /// (extension values are kept by both); a 3.1 document in its 3.0 form.
    pub raw: serde_json::Value,
    pub openapi: openapiv3::OpenAPI,
    /// Operations left out because they cannot be generated, sorted.
    pub left_out: Vec<LeftOut>,
}

impl SpecDocument {
    /// Leaves out what `errors` (found in this document by a later stage)
    /// are in, and reads the rest again. `Err` gives the errors back when
    /// they concern the whole service, or in strict mode.
    pub fn leave_out(
        &mut self,
        errors: Vec<Diagnostic>,
        d: &mut Diagnostics,
    ) -> Result<(), Vec<Diagnostic>> {
        d.restore(errors);
        if !leave_out_errors(&mut self.raw, &mut self.left_out, d) {
            return Err(d.take_errors());
        }
        self.openapi =
            deserialize(&mut self.raw, &mut self.left_out, d).ok_or_else(|| d.take_errors())?;
        self.left_out.sort();
        Ok(())
    }
}

/// Lets `quarantine` take the errors in `d`; `false` when some remain.
fn leave_out_errors(
    raw: &mut serde_json::Value,
    left_out: &mut Vec<LeftOut>,
    d: &mut Diagnostics,
) -> bool {
    let errors = d.take_errors();
    if errors.is_empty() {
        return true;
    }
    if d.is_strict() {
        d.restore(errors);
        return false;
    }
    match quarantine::leave_out(raw, errors, d) {
        Ok(left) => {
            left_out.extend(left);
            true
        }
        Err(errors) => {
            d.restore(errors);
            false
        }
    }
}

/// `raw` as `openapiv3`'s model; an operation it cannot be read into is left
/// out (unless strict), one at a time.
fn deserialize(
    raw: &mut serde_json::Value,
    left_out: &mut Vec<LeftOut>,
    d: &mut Diagnostics,
) -> Option<openapiv3::OpenAPI> {
    // Each round leaves out at least one operation or component, or stops.
    for _ in 0..crate::limits::MAX_LEAVE_OUT_ROUNDS {
        // One deserializer, the path-tracking one: a second, faster one
        // (tried first) would compile openapiv3's whole model twice, a sixth
        // of this crate's code and of every build script's compile time,
        // to save a few milliseconds on the largest specs.
        match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&*raw) {
            Ok(openapi) => return Some(openapi),
            Err(err) => {
                let pointer = path_to_pointer(err.path());
                d.error_at(
                    &pointer,
                    format!("not a valid OpenAPI document here: {}", err.inner()),
                );
                if !leave_out_errors(raw, left_out, d) {
                    return None;
                }
            }
        }
    }
    d.error_at("", "too many operations left out; giving up");
    None
}

fn too_large(bytes: u64) -> String {
    format!(
        "the file is {bytes} bytes; specs of up to {} MiB are read",
        MAX_SPEC_BYTES / (1024 * 1024)
    )
}

/// Reads and parses a spec file. Problems go to `diagnostics`; `None` means
/// the file cannot be used at all.
pub fn load_file(path: &Path, diagnostics: &mut Diagnostics) -> Option<SpecDocument> {
    // Refused before reading: a huge file would be read whole first.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_SPEC_BYTES {
            diagnostics.error(Location::File, too_large(meta.len()));
            return None;
        }
    }
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&path.display().to_string(), &text, diagnostics),
        Err(err) => {
            diagnostics.error(Location::File, format!("cannot read the file: {err}"));
            None
        }
    }
}

/// Parses spec text. `file` names it in diagnostics and gives the stem.
pub fn parse(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<SpecDocument> {
    if text.len() as u64 > MAX_SPEC_BYTES {
        diagnostics.error(Location::File, too_large(text.len() as u64));
        return None;
    }
    let mut raw: serde_json::Value = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(err) => {
            diagnostics.error(
                Location::LineColumn {
                    line: err.line(),
                    column: err.column(),
                },
                format!("the file is not valid JSON: {}", json_error_message(&err)),
            );
            return None;
        }
    };

    // Errors from an earlier file or stage are not this document's.
    let earlier = diagnostics.take_errors();
    let read = read(&mut raw, diagnostics);
    diagnostics.restore(earlier);
    let (openapi, left_out) = read?;

    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(SpecDocument {
        file: file.to_owned(),
        stem,
        raw,
        openapi,
        left_out,
    })
}

/// Steps 2 to 5 of the module docs on a parsed document.
fn read(
    raw: &mut serde_json::Value,
    d: &mut Diagnostics,
) -> Option<(openapiv3::OpenAPI, Vec<LeftOut>)> {
    // A missing or unknown version is reported; the rest is still checked
    // as 3.0, so that one run lists every problem.
    let version = subset::version(raw, d).unwrap_or(Version::V30);
    if version == Version::V31 {
        v31::lower(raw, d);
    }
    repair::references(raw, d);
    repair::ref_siblings(raw, version == Version::V31, d);
    vendor::read(raw, d);
    // Repairs first: `allOf` members are then read as what they mean, and
    // each repair is reported once, where it is written.
    repair::run(raw, d);
    compose::flatten_all_of(raw, d);
    subset::check(raw, version, d);
    let mut left_out = Vec::new();
    if !leave_out_errors(raw, &mut left_out, d) {
        return None;
    }
    let openapi = deserialize(raw, &mut left_out, d)?;
    left_out.sort();
    Some((openapi, left_out))
}

/// serde_json's message without its trailing " at line L column C" (the
/// location is reported separately).
fn json_error_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => crate::diagnostics::pointer(&pointer, index),
            Segment::Map { key } => crate::diagnostics::pointer(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => continue,
        };
    }
    pointer
}
