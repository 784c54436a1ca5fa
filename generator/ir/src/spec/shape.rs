//! Where a value sits in an OpenAPI document, for the passes that walk all
//! of it (`$ref` siblings, `allOf`, the references an operation reaches).
//!
//! A key means different things by position: `default` is a keyword of a
//! schema (data) but a status in `responses` (a response); `properties` is
//! a map of names in a schema but may be the name of a property itself. So
//! walkers ask this module what a child is, given what its parent is.

use crate::diagnostics::pointer;
use serde_json::{Map, Value};

/// What a JSON value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// An object of keywords (a schema, a parameter, an operation…), or a
    /// list of such objects.
    Keywords,
    /// An object whose keys are names (`properties`, `responses`,
    /// `components/schemas`, `paths`…): each entry is keywords.
    Names,
    /// A value given as it is (`example`, `default`, `enum`…): never walked.
    Data,
}

/// Keywords whose value is a map of names.
const NAME_MAPS: &[&str] = &[
    "properties",
    "responses",
    "schemas",
    "parameters",
    "headers",
    "requestBodies",
    "securitySchemes",
    "content",
    "paths",
    "variables",
    "callbacks",
    "links",
    "patternProperties",
];

/// Keywords whose value is data.
const DATA: &[&str] = &["example", "examples", "default", "enum", "const", "value"];

impl Shape {
    /// The shape of the value under `key` in a value of this shape.
    pub(super) fn child(self, key: &str) -> Shape {
        match self {
            Shape::Data => Shape::Data,
            Shape::Names => Shape::Keywords,
            Shape::Keywords if key.starts_with("x-") || DATA.contains(&key) => Shape::Data,
            Shape::Keywords if NAME_MAPS.contains(&key) => Shape::Names,
            Shape::Keywords => Shape::Keywords,
        }
    }
}

/// Calls `visit` on every object of keywords in `value` (at JSON pointer
/// `at`), outermost first; `visit` says whether to go on inside it. Data is
/// never visited.
pub(super) fn visit_keywords(
    value: &mut Value,
    at: &str,
    shape: Shape,
    visit: &mut dyn FnMut(&mut Map<String, Value>, &str) -> bool,
) {
    match value {
        Value::Object(obj) if shape != Shape::Data => {
            if shape == Shape::Keywords && !visit(obj, at) {
                return;
            }
            for (key, child) in obj.iter_mut() {
                visit_keywords(child, &pointer(at, key), shape.child(key), visit);
            }
        }
        Value::Array(items) if shape != Shape::Data => {
            for (i, child) in items.iter_mut().enumerate() {
                visit_keywords(child, &pointer(at, i), Shape::Keywords, visit);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::Shape::*;

    #[test]
    fn a_key_means_what_its_place_says() {
        // A property named `default` is a schema; a schema's `default` is data.
        assert_eq!(Keywords.child("properties").child("default"), Keywords);
        assert_eq!(Keywords.child("default"), Data);
        // A property named `properties` is a schema, whose `properties` names.
        assert_eq!(Names.child("properties"), Keywords);
        assert_eq!(Names.child("properties").child("properties"), Names);
        // `responses.default` is a response.
        assert_eq!(Keywords.child("responses").child("default"), Keywords);
        // Extensions and examples are never walked.
        assert_eq!(Keywords.child("x-pagination"), Data);
        assert_eq!(Keywords.child("examples").child("a"), Data);
    }
}
