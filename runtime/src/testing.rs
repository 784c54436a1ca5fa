//! Assertions for the tests `hwcloud-codegen` generates beside a client
//! (boundary and example tests). They panic with a message naming the
//! value and the rule, as test assertions do; they are not meant for
//! application code.

use crate::{Validate, Violations};
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// Decodes `json` into `T`, failing the test with the reason if it does not.
pub fn parse<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|err| panic!("{json} does not decode: {err}"))
}

/// A JSON string of `count` copies of `c`, decoded into `T` (long boundary
/// strings stay readable in generated tests).
pub fn repeat<T: DeserializeOwned>(c: char, count: usize) -> T {
    parse(&serde_json::Value::String(c.to_string().repeat(count)).to_string())
}

/// Fails unless `value` breaks no documented rule.
pub fn assert_valid<T: Validate + Debug>(value: &T) {
    if let Err(violations) = value.validate() {
        panic!("{value:?} should be valid, but: {violations}");
    }
}

/// Fails unless `value` breaks the rule named `keyword` at `path`.
pub fn assert_broken<T: Validate + Debug>(value: &T, path: &str, keyword: &str) {
    let violations = value.validate().err().unwrap_or_default();
    assert_has(&violations, path, keyword, &format!("{value:?}"));
}

/// Fails unless `violations` holds the rule named `keyword` at `path`.
pub fn assert_has(violations: &Violations, path: &str, keyword: &str, what: &str) {
    let found = violations
        .iter()
        .any(|v| v.path == path && v.rule.keyword() == keyword);
    assert!(
        found,
        "{what} should break `{keyword}` at `{path}`; found: {violations}"
    );
}

/// Fails unless `violations` reports something at `path`.
pub fn assert_reported(violations: &Violations, path: &str) {
    assert!(
        violations.iter().any(|v| v.path == path),
        "a violation at `{path}` should be reported; found: {violations}"
    );
}
