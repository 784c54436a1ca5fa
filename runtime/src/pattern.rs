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
            .get_or_init(|| regress::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.find(value).is_some())
    }
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
    }
}
