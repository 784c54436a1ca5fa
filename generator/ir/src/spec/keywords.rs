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
/// Every keyword some `type` has, in [`TYPE_KEYWORDS`]' order, once each;
/// derived from the table once, as it is asked for every schema.
pub fn typed_keywords() -> &'static [&'static str] {
    static ALL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut all: Vec<&'static str> = Vec::new();
        for keyword in TYPE_KEYWORDS
            .iter()
            .flat_map(|(_, keywords)| keywords.iter())
        {
            if !all.contains(keyword) {
                all.push(keyword);
            }
        }
        all
    });
    &ALL
}

/// The keywords of `ty`.
pub fn of_type(ty: &str) -> &'static [&'static str] {
    TYPE_KEYWORDS
        .iter()
        .find(|(t, _)| *t == ty)
        .map(|(_, k)| *k)
        .unwrap_or(&[])
}
