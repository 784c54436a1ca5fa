//! The facts an API reference page states about operations, read from any
//! OpenAPI document, so that an import can be compared with a spec fact by
//! fact, whatever `$ref`s and names either of them uses.
//!
//! A fact is a subject, a property and a value:
//!
//! | subject | properties |
//! |---|---|
//! | `ListRegistry` | `method`, `path` |
//! | `ListRegistry query limit` | `required` and the schema's |
//! | `UpdateInstanceRegistry body.credential.type` | `required` and the schema's |
//! | `UpdateUserRepositoryAuth body[].auth` | (array items are `[]`) |
//! | `ListRegistry 200` / `ListRegistry 200 body.total_num` | `status`; the schema's |
//!
//! Schema properties: `type`, `format`, `minLength`, `maxLength`, `minimum`,
//! `maximum`, `minItems`, `maxItems`, `pattern`, `enum`, `default` and
//! `required-when`. Descriptions, examples and `format: password` (a
//! maintainer's call about redaction) are not facts of the page.

use serde_json::Value;
use std::collections::BTreeMap;

/// `(subject, property) → value`, with values written as JSON.
pub type Facts = BTreeMap<(String, String), String>;

/// Schema properties that are facts as they stand (compared as JSON).
pub(crate) const SCALAR_SCHEMA_FACTS: &[&str] = &[
    "type",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "pattern",
    "default",
];

/// How deep `$ref`s are followed; specs may describe recursive types.
const MAX_DEPTH: usize = 12;

/// Every fact about every operation in `doc`.
pub fn facts(doc: &Value) -> Facts {
    let mut out = Facts::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let mut add = |subject: String, property: &str, value: String| {
                out.insert((subject, property.to_owned()), value);
            };
            add(id.to_owned(), "method", method.clone());
            add(id.to_owned(), "path", path.clone());
            let params = item
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .chain(
                    op.get("parameters")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                );
            for param in params {
                let param = resolve(doc, param);
                let (Some(name), Some(location)) = (
                    param.get("name").and_then(Value::as_str),
                    param.get("in").and_then(Value::as_str),
                ) else {
                    continue;
                };
                // Header names are case-insensitive.
                let name = if location == "header" {
                    name.to_ascii_lowercase()
                } else {
                    name.to_owned()
                };
                let subject = format!("{id} {location} {name}");
                let required = param
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                out.insert((subject.clone(), "required".into()), required.to_string());
                if let Some(schema) = param.get("schema") {
                    schema_facts(doc, schema, &subject, &mut out, 0);
                }
            }
            if let Some(body) = op.get("requestBody").map(|b| resolve(doc, b)) {
                if let Some(schema) = json_schema(body) {
                    schema_facts(doc, schema, &format!("{id} body"), &mut out, 0);
                }
            }
            for (code, response) in op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let subject = format!("{id} {code}");
                out.insert((subject.clone(), "status".into()), "true".into());
                if let Some(schema) = json_schema(resolve(doc, response)) {
                    schema_facts(doc, schema, &format!("{subject} body"), &mut out, 0);
                }
            }
        }
    }
    out
}

fn json_schema(holder: &Value) -> Option<&Value> {
    holder
        .get("content")?
        .get("application/json")?
        .get("schema")
}

/// Follows `$ref`s within the document.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut value = value;
    for _ in 0..MAX_DEPTH {
        let Some(target) = value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| doc.pointer(pointer))
        else {
            break;
        };
        value = target;
    }
    value
}

/// Facts of one place. A `$ref` to a schema already open on the way here
/// (a type inside itself) is not expanded again: its facts are those of the
/// enclosing place. Past [`MAX_FACTS`] nothing more is added, so that a
/// document whose types refer to each other many times over stays cheap.
fn schema_facts(doc: &Value, schema: &Value, subject: &str, out: &mut Facts, depth: usize) {
    schema_facts_on(doc, schema, subject, out, depth, &mut Vec::new());
}

/// The most facts one document gives (a real spec has a few thousand).
const MAX_FACTS: usize = 200_000;

fn schema_facts_on<'d>(
    doc: &'d Value,
    schema: &'d Value,
    subject: &str,
    out: &mut Facts,
    depth: usize,
    open: &mut Vec<&'d str>,
) {
    if depth > MAX_DEPTH || out.len() >= MAX_FACTS {
        return;
    }
    let reference = schema.get("$ref").and_then(Value::as_str);
    if let Some(reference) = reference {
        if open.contains(&reference) {
            return;
        }
        open.push(reference);
    }
    let resolved = resolve(doc, schema);
    place_facts(doc, resolved, subject, out, depth, open);
    if reference.is_some() {
        open.pop();
    }
}

fn place_facts<'d>(
    doc: &'d Value,
    schema: &'d Value,
    subject: &str,
    out: &mut Facts,
    depth: usize,
    open: &mut Vec<&'d str>,
) {
    for &key in SCALAR_SCHEMA_FACTS {
        if let Some(value) = schema.get(key) {
            if key == "format" && value == "password" {
                continue;
            }
            out.insert((subject.to_owned(), key.to_owned()), value.to_string());
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let mut values: Vec<String> = values.iter().map(Value::to_string).collect();
        values.sort();
        out.insert((subject.to_owned(), "enum".into()), values.join(","));
    }
    if let Some(rules) = schema.get("x-required-when").and_then(Value::as_array) {
        for rule in rules {
            let condition = format!(
                "{}={}",
                rule["property"].as_str().unwrap_or("?"),
                rule["equals"]
            );
            for name in rule["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or("?");
                out.insert(
                    (
                        format!("{subject}.{name}"),
                        format!("required-when {condition}"),
                    ),
                    "true".into(),
                );
            }
        }
    }
    if let Some(items) = schema.get("items") {
        schema_facts_on(doc, items, &format!("{subject}[]"), out, depth + 1, open);
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        schema_facts_on(doc, values, &format!("{subject}.*"), out, depth + 1, open);
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (name, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let field = format!("{subject}.{name}");
        out.insert(
            (field.clone(), "required".into()),
            required.contains(&name.as_str()).to_string(),
        );
        schema_facts_on(doc, property, &field, out, depth + 1, open);
    }
}
