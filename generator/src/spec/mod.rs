//! Stage 1: read a spec file into an [`openapiv3::OpenAPI`] document.
//!
//! Loading happens in four steps, each of which reports where a problem is:
//! 1. the text is parsed as JSON (a syntax error gives line and column);
//! 2. an OpenAPI 3.1 document is rewritten into the 3.0 form it means
//!    ([`v31`]), so that everything after reads one version;
//! 3. the raw JSON is checked against the OpenAPI subset this generator
//!    supports ([`subset`]), so that an unsupported construct is refused by
//!    name instead of being dropped by the typed parser;
//! 4. the JSON is deserialized into `openapiv3`'s types (a 3.0 model), and a
//!    type error is reported at its JSON pointer.
//!
//! Nothing here interprets the document; that is the IR stage's job.

pub mod extensions;
mod subset;
mod v31;

pub use extensions::KNOWN_EXTENSIONS;
use v31::Version;

/// The operations of a path item the generator reads.
const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

use crate::diagnostics::{Diagnostics, Location};
use crate::limits::MAX_SPEC_BYTES;
use serde::Deserialize;
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

    let before = diagnostics.error_count();
    // A missing or unknown version is reported; the rest is still checked
    // as 3.0, so that one run lists every problem.
    let version = subset::version(&raw, diagnostics).unwrap_or(Version::V30);
    if version == Version::V31 {
        v31::lower(&mut raw, diagnostics);
    }
    subset::check(&raw, version, diagnostics);
    if diagnostics.error_count() > before {
        return None;
    }

    // Tracking the path costs a third of the time on large specs, so it is
    // paid only to locate an error.
    let openapi = match openapiv3::OpenAPI::deserialize(&raw)
        .or_else(|_| serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&raw))
    {
        Ok(openapi) => openapi,
        Err(err) => {
            let pointer = path_to_pointer(err.path());
            diagnostics.error_at(
                &pointer,
                format!("not a valid OpenAPI document here: {}", err.inner()),
            );
            return None;
        }
    };

    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(SpecDocument {
        file: file.to_owned(),
        stem,
        raw,
        openapi,
    })
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
