//! Which schema keywords belong to which `type`: read by the repairs (a
//! keyword of another type) and by the resolver (its message).

/// The keywords of integers and numbers alike.
const NUMERIC: &[&str] = &[
    "format",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Which keywords each `type` allows, for the message when a schema mixes
/// keywords of different types (openapiv3 then gives up on typing it).
pub const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "string",
        &["format", "pattern", "enum", "minLength", "maxLength"],
    ),
    ("integer", NUMERIC),
    ("number", NUMERIC),
    ("boolean", &["enum"]),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];
pub const TYPED_KEYWORDS: &[&str] = &[
    "format",
    "pattern",
    "enum",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
];

/// The keywords of `ty`.
pub fn of_type(ty: &str) -> &'static [&'static str] {
    TYPE_KEYWORDS
        .iter()
        .find(|(t, _)| *t == ty)
        .map(|(_, k)| *k)
        .unwrap_or(&[])
}
