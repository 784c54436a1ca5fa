//! What the pipeline says about a spec: errors and warnings, each tied to a
//! file and a place in it.
//!
//! Every stage reports through [`Diagnostics`] instead of stopping at the
//! first problem, so that a spec author sees everything wrong with a file in
//! one run.

use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec cannot be used as it is.
    Error,
    /// The spec can be used, but something in it looks wrong (for example a
    /// documented example that does not match its schema).
    Warning,
}

/// Where in a spec file a finding is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The file as a whole (it could not be read, say).
    File,
    /// A line and column (1-based), for JSON that does not parse.
    LineColumn { line: usize, column: usize },
    /// A JSON pointer (RFC 6901) into the parsed document, e.g.
    /// `/paths/~1v5~1{project_id}~1image~1registries/get/parameters/2`.
    Pointer(String),
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The spec file, as the caller named it.
    pub file: String,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Location::File => write!(f, "{severity}: {}: {}", self.file, self.message),
            Location::LineColumn { line, column } => {
                write!(
                    f,
                    "{severity}: {}:{line}:{column}: {}",
                    self.file, self.message
                )
            }
            Location::Pointer(pointer) => {
                let pointer = if pointer.is_empty() { "/" } else { pointer };
                write!(f, "{severity}: {}#{pointer}: {}", self.file, self.message)
            }
        }
    }
}

/// The findings for one file, in the order they were made.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
    /// Whether a repair (a shape read for what it clearly means, see
    /// [`Diagnostics::repaired_at`]) is an error instead of a warning.
    strict: bool,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            items: Vec::new(),
            strict: false,
        }
    }

    /// Findings where every repair is an error (`lint --strict`).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    pub fn is_strict(&self) -> bool {
        self.strict
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// Something outside the supported subset whose meaning is clear was
    /// read as that meaning; `assumed` says what was assumed. A warning,
    /// or an error in strict mode (spec/README.md, "Tolerance").
    pub fn repaired_at(&mut self, pointer: &str, assumed: impl Into<String>) {
        let severity = if self.strict {
            Severity::Error
        } else {
            Severity::Warning
        };
        self.push(
            severity,
            Location::Pointer(pointer.to_owned()),
            assumed.into(),
        );
    }

    /// Takes the findings of `other` (about the same file) after these.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Puts back errors taken with [`Diagnostics::take_errors`].
    pub fn restore(&mut self, errors: Vec<Diagnostic>) {
        self.items.extend(errors);
    }

    /// Removes and returns the errors, keeping the warnings.
    pub fn take_errors(&mut self) -> Vec<Diagnostic> {
        let (errors, rest) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        self.items = rest;
        errors
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message.into());
    }

    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message.into());
    }

    /// An error at a JSON pointer.
    pub fn error_at(&mut self, pointer: &str, message: impl Into<String>) {
        self.error(Location::Pointer(pointer.to_owned()), message);
    }

    /// A warning at a JSON pointer.
    pub fn warning_at(&mut self, pointer: &str, message: impl Into<String>) {
        self.warning(Location::Pointer(pointer.to_owned()), message);
    }

    fn push(&mut self, severity: Severity, location: Location, message: String) {
        self.items.push(Diagnostic {
            severity,
            file: self.file.clone(),
            location,
            message,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        Ok(())
    }
}

/// One JSON-pointer segment as the name it stands for (`~1` is `/`, `~0`
/// is `~`): the inverse of what [`pointer()`] does to a segment.
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Builds JSON pointers (RFC 6901) one segment at a time.
pub fn pointer(base: &str, segment: impl fmt::Display) -> String {
    let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
    format!("{base}/{segment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        assert_eq!(
            pointer("/paths", "/v5/{id}~x"),
            "/paths/~1v5~1{id}~0x".to_string()
        );
    }

    #[test]
    fn display_names_file_and_place() {
        let mut d = Diagnostics::new("spec/a.json");
        d.error(Location::LineColumn { line: 3, column: 7 }, "expected `,`");
        d.warning_at("/paths", "odd");
        d.error_at("", "whole document");
        assert_eq!(
            d.to_string(),
            "error: spec/a.json:3:7: expected `,`\n\
             warning: spec/a.json#/paths: odd\n\
             error: spec/a.json#/: whole document\n"
        );
        assert_eq!((d.error_count(), d.warning_count()), (2, 1));
    }
}
