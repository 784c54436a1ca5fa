//! Documented patterns, compiled once on first use.

use std::sync::OnceLock;

/// An ECMA-262 regular expression from a spec, usable in a `static`.
///
/// The generator compiles every pattern with the same engine (`regress`)
/// before it emits it, so a pattern that fails here means a mismatched
/// engine version; it is then reported as a violation rather than a panic.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as the spec writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches (the spec's patterns carry their own anchors).
    /// `false` if the pattern does not compile.
    pub fn matches(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| compile(self.source))
            .as_ref()
            .is_some_and(|regex| regex.find(value).is_some())
    }
}

/// `source` as JSON Schema reads a pattern: ECMA-262 in Unicode mode (the
/// `u` flag), so that `\p{L}` is a property escape; a pattern Unicode mode
/// refuses (sloppy escapes such as `\_`) is read as plain ECMA-262. The
/// generator applies the same rule when it checks patterns.
pub fn compile(source: &str) -> Option<regress::Regex> {
    regress::Regex::with_flags(source, "u")
        .or_else(|_| regress::Regex::new(source))
        .ok()
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NAME: Pattern = Pattern::new("^[a-z][a-z0-9]*$");

    #[test]
    fn matches_with_the_patterns_own_anchors() {
        assert!(NAME.matches("abc1"));
        assert!(!NAME.matches("1abc"));
        assert!(!NAME.matches("abc-"));
        assert!(!Pattern::new("(").matches("("));
        // Unicode property escapes need Unicode mode; sloppy escapes do not
        // survive it, and are read as written.
        let tag = Pattern::new(r"^[\p{L}\p{N}_.:+\-@]{1,128}(=[\p{L}\p{N}_.:\/+\-@]{0,255})?$");
        assert!(tag.matches("env=prod") && tag.matches("标签") && !tag.matches("a b"));
        assert!(Pattern::new(r"^\_[a-z]$").matches("_a"));
    }
}
