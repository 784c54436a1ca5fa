//! Reads the "Type" cell of a parameter table.

use serde_json::{json, Value};

/// A type as the pages write it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PageType {
    /// `String`, `Integer`, `Long`, `Boolean`, …: an OpenAPI type and format.
    Scalar {
        ty: &'static str,
        format: Option<&'static str>,
    },
    /// `Object`: any JSON object.
    AnyObject,
    /// The items of a list whose cell names no item type: any JSON value.
    AnyValue,
    /// `Credential object`: an object described by its own table.
    Object(String),
    /// `Array of …`.
    Array(Box<PageType>),
    /// `Map<String,String>`: an object with values of one type.
    Map(Box<PageType>),
}

/// Scalars by the names the pages use, singular and plural.
const SCALARS: &[(&[&str], &str, Option<&str>)] = &[
    // `Enumerated`: older pages' word for a string with listed values.
    (
        &["String", "string", "strings", "Enumerated", "Enum"],
        "string",
        None,
    ),
    (
        &["Integer", "integer", "integers", "Int", "int"],
        "integer",
        Some("int32"),
    ),
    (&["Long", "long", "longs"], "integer", Some("int64")),
    (&["Boolean", "boolean", "booleans"], "boolean", None),
    (&["Float", "float", "floats"], "number", Some("float")),
    (&["Double", "double", "doubles"], "number", Some("double")),
    (
        &["Number", "number", "numbers", "BigDecimal"],
        "number",
        None,
    ),
];

impl PageType {
    /// Reads a type cell; `None` if it is not one of the forms above.
    pub fn parse(cell: &str) -> Option<PageType> {
        let cell = cell.trim();
        // Older pages follow the type with a pointer: `Dictionary data
        // structure. For details, see Table 3.`
        if let Some((first, rest)) = cell.split_once(". ") {
            if rest.starts_with("For details") || rest.starts_with("See ") {
                return PageType::parse(first);
            }
        }
        // Lists whose items the cell does not name: any JSON value.
        match cell {
            "Array" | "array" | "List" | "list" | "List data structure" => {
                return Some(PageType::Array(Box::new(PageType::AnyValue)))
            }
            "Array of objects" | "array of objects" => {
                return Some(PageType::Array(Box::new(PageType::AnyObject)))
            }
            "Dictionary data structure" => return Some(PageType::AnyObject),
            _ => {}
        }
        // `Dict<Tag>`: an object of the type the table of that name describes.
        if let Some(inner) = cell.strip_prefix("Dict<").and_then(|c| c.strip_suffix('>')) {
            let inner = inner.trim();
            return is_type_name(inner).then(|| PageType::Object(inner.to_owned()));
        }
        if cell == "JSON Array" {
            return Some(PageType::Array(Box::new(PageType::AnyValue)));
        }
        if let Some(inner) = cell
            .strip_prefix("List<")
            .or_else(|| cell.strip_prefix("Array<"))
            .and_then(|c| c.strip_suffix('>'))
        {
            let inner = inner.trim();
            return match PageType::parse(inner) {
                Some(element) => Some(PageType::Array(Box::new(element))),
                None if is_type_name(inner) => Some(PageType::Array(Box::new(PageType::Object(
                    inner.to_owned(),
                )))),
                None => None,
            };
        }
        if let Some(rest) = cell.strip_prefix("Array of ") {
            let element = rest
                .strip_suffix(" objects")
                .or(rest.strip_suffix(" object"));
            return match element {
                Some(name) if is_type_name(name) => {
                    Some(PageType::Array(Box::new(PageType::Object(name.to_owned()))))
                }
                Some(_) => None,
                None => PageType::parse(rest).map(|t| PageType::Array(Box::new(t))),
            };
        }
        if let Some(inner) = cell.strip_prefix("Map<").and_then(|c| c.strip_suffix('>')) {
            let (key, value) = inner.split_once(',')?;
            if key.trim() != "String" {
                return None;
            }
            return PageType::parse(value.trim()).map(|t| PageType::Map(Box::new(t)));
        }
        if matches!(cell, "Object" | "object") {
            return Some(PageType::AnyObject);
        }
        if let Some(name) = cell.strip_suffix(" object") {
            return is_type_name(name).then(|| PageType::Object(name.to_owned()));
        }
        SCALARS
            .iter()
            .find(|(names, _, _)| names.contains(&cell))
            .map(|(_, ty, format)| PageType::Scalar {
                ty,
                format: *format,
            })
    }

    /// The OpenAPI type word (`string`, `array`, …).
    pub fn openapi_type(&self) -> &'static str {
        match self {
            PageType::Scalar { ty, .. } => ty,
            PageType::AnyObject | PageType::Object(_) | PageType::Map(_) => "object",
            PageType::AnyValue => "any",
            PageType::Array(_) => "array",
        }
    }

    /// The schema, with named objects as references to `components/schemas`.
    pub fn schema(&self) -> Value {
        match self {
            PageType::Scalar { ty, format } => match format {
                Some(format) => json!({"type": ty, "format": format}),
                None => json!({"type": ty}),
            },
            PageType::AnyObject => json!({"type": "object"}),
            PageType::AnyValue => json!({}),
            PageType::Object(name) => json!({"$ref": format!("#/components/schemas/{name}")}),
            PageType::Array(element) => json!({"type": "array", "items": element.schema()}),
            PageType::Map(value) => {
                json!({"type": "object", "additionalProperties": value.schema()})
            }
        }
    }

    /// `Object` or a list of them: an object no table has been named for.
    pub fn is_bare_object(&self) -> bool {
        match self {
            PageType::AnyObject => true,
            PageType::Array(item) => **item == PageType::AnyObject,
            _ => false,
        }
    }

    /// The named object this type refers to, directly or as array items.
    pub fn object_name(&self) -> Option<&str> {
        match self {
            PageType::Object(name) => Some(name),
            PageType::Array(element) | PageType::Map(element) => element.object_name(),
            _ => None,
        }
    }
}

fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_the_pages_use() {
        let cases: &[(&str, Value)] = &[
            ("String", json!({"type": "string"})),
            ("Integer", json!({"type": "integer", "format": "int32"})),
            ("Enumerated", json!({"type": "string"})),
            ("Long", json!({"type": "integer", "format": "int64"})),
            ("Boolean", json!({"type": "boolean"})),
            ("Double", json!({"type": "number", "format": "double"})),
            ("Object", json!({"type": "object"})),
            (
                "Credential object",
                json!({"$ref": "#/components/schemas/Credential"}),
            ),
            (
                "Array of RegistryInfo objects",
                json!({"type": "array", "items": {"$ref": "#/components/schemas/RegistryInfo"}}),
            ),
            (
                "Array of strings",
                json!({"type": "array", "items": {"type": "string"}}),
            ),
            ("JSON Array", json!({"type": "array", "items": {}})),
            (
                "Dictionary data structure. For details, see Table 3.",
                json!({"type": "object"}),
            ),
            (
                "Array<Object>",
                json!({"type": "array", "items": {"type": "object"}}),
            ),
            (
                "Map<String,String>",
                json!({"type": "object", "additionalProperties": {"type": "string"}}),
            ),
        ];
        for (cell, schema) in cases {
            let parsed = PageType::parse(cell).unwrap_or_else(|| panic!("{cell} not read"));
            assert_eq!(&parsed.schema(), schema, "{cell}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_type() {
        for cell in [
            "",
            "Yes",
            "Project ID.",
            "Array of",
            "Map<Integer,String>",
            "two words object",
        ] {
            assert_eq!(PageType::parse(cell), None, "{cell:?}");
        }
    }
}
