//! OpenAPI 3.1 read as the 3.0 document it means.
//!
//! A 3.1 document differs from 3.0 mostly inside its schemas, which are
//! JSON Schema 2020-12. The generator supports the part of 3.1 that says
//! what 3.0 can say, so this step rewrites those keywords, in place, into
//! their 3.0 form; from then on a 3.1 document is loaded, checked and
//! resolved exactly like a 3.0 one, and the same API written in either
//! version resolves to the same IR.
//!
//! Every rewrite keeps the object it touches where it was, so locations
//! reported later still point into the file as written:
//!
//! | 3.1 | read as (3.0) |
//! |---|---|
//! | `type: [T, "null"]` | `type: T`, `nullable: true` |
//! | `exclusiveMinimum: n` (a number) | `minimum: n`, `exclusiveMinimum: true` (the stricter of it and `minimum`) |
//! | `const: v` | `enum: [v]` (and `type` from `v` when none is given) |
//! | `contentEncoding: base64` | `format: byte` |
//! | `contentMediaType` on a string | `format: binary` |
//! | `application/octet-stream` without a schema | a `format: binary` string |
//!
//! Schema `examples` lists and the annotations 3.1 allows beside a `$ref`
//! are left where they are: the subset check accepts them in a 3.1
//! document and the resolver reads them. What 3.1 can say and 3.0 cannot
//! (`prefixItems`, several types, `if`/`then`, …) is refused by name here
//! or by the subset check.

use crate::diagnostics::{pointer, Diagnostics};
use serde_json::{Map, Value};

/// The OpenAPI version a document declares, as far as loading cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V30,
    V31,
}

/// The JSON Schema dialects a 3.1 document may declare (`jsonSchemaDialect`,
/// a schema's `$schema`): the OpenAPI 3.1 dialect in its published forms,
/// and plain JSON Schema 2020-12, whose vocabulary the supported keywords
/// share.
const DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
    "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
    "https://json-schema.org/draft/2020-12/schema",
];

const OCTET_STREAM: &str = "application/octet-stream";

/// Rewrites the 3.1 keywords of `doc` into their 3.0 form, reporting what
/// has none. `doc` must already be known to declare 3.1.
pub(super) fn lower(doc: &mut Value, d: &mut Diagnostics) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    if let Some(dialect) = root.get("jsonSchemaDialect") {
        dialect_is_known(dialect, "/jsonSchemaDialect", d);
    }
    if let Some(Value::Object(webhooks)) = root.get("webhooks") {
        if !webhooks.is_empty() {
            d.warning_at(
                "/webhooks",
                "webhooks are calls the service makes, not calls a client makes: none is generated",
            );
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            path_item(item, &pointer("/paths", path), d);
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        components_of(components, d);
    }
}

fn components_of(components: &mut Map<String, Value>, d: &mut Diagnostics) {
    let at = "/components";
    for (name, s) in entries(components.get_mut("schemas")) {
        schema(s, &pointer(&pointer(at, "schemas"), name), d);
    }
    for (name, p) in entries(components.get_mut("parameters")) {
        parameter(p, &pointer(&pointer(at, "parameters"), name), d);
    }
    for (name, b) in entries(components.get_mut("requestBodies")) {
        with_content(b, &pointer(&pointer(at, "requestBodies"), name), d);
    }
    for (name, r) in entries(components.get_mut("responses")) {
        response(r, &pointer(&pointer(at, "responses"), name), d);
    }
    for (name, h) in entries(components.get_mut("headers")) {
        header(h, &pointer(&pointer(at, "headers"), name), d);
    }
}

fn path_item(item: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    parameters(item.get_mut("parameters"), at, d);
    for method in super::METHODS {
        let Some(Value::Object(op)) = item.get_mut(method) else {
            continue;
        };
        let at = pointer(at, method);
        parameters(op.get_mut("parameters"), &at, d);
        if let Some(body) = op.get_mut("requestBody") {
            with_content(body, &pointer(&at, "requestBody"), d);
        }
        for (status, r) in entries(op.get_mut("responses")) {
            response(r, &pointer(&pointer(&at, "responses"), status), d);
        }
    }
}

fn parameters(list: Option<&mut Value>, at: &str, d: &mut Diagnostics) {
    let Some(Value::Array(list)) = list else {
        return;
    };
    let at = pointer(at, "parameters");
    for (i, p) in list.iter_mut().enumerate() {
        parameter(p, &pointer(&at, i), d);
    }
}

fn parameter(p: &mut Value, at: &str, d: &mut Diagnostics) {
    if let Some(s) = p.get_mut("schema") {
        schema(s, &pointer(at, "schema"), d);
    }
}

fn header(h: &mut Value, at: &str, d: &mut Diagnostics) {
    if let Some(s) = h.get_mut("schema") {
        schema(s, &pointer(at, "schema"), d);
    }
}

fn response(r: &mut Value, at: &str, d: &mut Diagnostics) {
    with_content(r, at, d);
    for (name, h) in entries(r.get_mut("headers")) {
        header(h, &pointer(&pointer(at, "headers"), name), d);
    }
}

/// A request body or response: the schema of each media type. 3.1 lets a
/// binary media type go without a schema (its bytes are the value).
fn with_content(holder: &mut Value, at: &str, d: &mut Diagnostics) {
    let at = pointer(at, "content");
    for (media_type, media) in entries(holder.get_mut("content")) {
        let Some(media) = media.as_object_mut() else {
            continue;
        };
        let media_at = pointer(&at, media_type);
        match media.get_mut("schema") {
            Some(s) => schema(s, &pointer(&media_at, "schema"), d),
            None if media_type == OCTET_STREAM => {
                media.insert(
                    "schema".to_owned(),
                    serde_json::json!({ "type": "string", "format": "binary" }),
                );
            }
            None => {}
        }
    }
}

/// Rewrites one schema and the schemas inside it.
fn schema(value: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(s) = value.as_object_mut() else {
        return;
    };
    if let Some(dialect) = s.get("$schema") {
        if dialect_is_known(dialect, &pointer(at, "$schema"), d) {
            s.remove("$schema");
        }
    }
    if s.contains_key("$ref") {
        // Its siblings are annotations the subset check rules on.
        return;
    }
    if s.contains_key("nullable") {
        d.error_at(
            &pointer(at, "nullable"),
            "`nullable` is OpenAPI 3.0; in 3.1 write the type as a list with `\"null\"` (`type: [T, \"null\"]`)",
        );
    }
    types(s, at, d);
    for bound in [Bound::Minimum, Bound::Maximum] {
        exclusive(s, bound, at, d);
    }
    constant(s, at, d);
    content_keywords(s, at, d);
    for (name, property) in entries(s.get_mut("properties")) {
        schema(property, &pointer(&pointer(at, "properties"), name), d);
    }
    if let Some(items) = s.get_mut("items") {
        schema(items, &pointer(at, "items"), d);
    }
    if let Some(additional @ Value::Object(_)) = s.get_mut("additionalProperties") {
        schema(additional, &pointer(at, "additionalProperties"), d);
    }
}

/// `type: ["string", "null"]` is `type: string` with `nullable: true`.
fn types(s: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let at = pointer(at, "type");
    let listed = match s.get("type") {
        Some(Value::Array(list)) => list.clone(),
        Some(Value::String(t)) if t == "null" => {
            d.error_at(
                &at,
                "a schema whose only type is `null` is not supported; give the type its value has when set, with `\"null\"` beside it",
            );
            return;
        }
        _ => return,
    };
    let mut nullable = false;
    let mut others = Vec::new();
    for t in &listed {
        match t.as_str() {
            Some("null") => nullable = true,
            Some(t) => others.push(t.to_owned()),
            None => {
                d.error_at(&at, "every entry of a `type` list must be a type name");
                return;
            }
        }
    }
    match others.as_slice() {
        [one] => {
            s.insert("type".to_owned(), Value::String(one.clone()));
            if nullable {
                s.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
        [] => d.error_at(
            &at,
            "a schema whose only type is `null` is not supported; give the type its value has when set, with `\"null\"` beside it",
        ),
        several => d.error_at(
            &at,
            format!(
                "a value of several types ({}) is not supported; write one type (and `\"null\"` if it may be null)",
                several.join(", ")
            ),
        ),
    }
}

#[derive(Clone, Copy)]
enum Bound {
    Minimum,
    Maximum,
}

impl Bound {
    fn keywords(self) -> (&'static str, &'static str) {
        match self {
            Bound::Minimum => ("minimum", "exclusiveMinimum"),
            Bound::Maximum => ("maximum", "exclusiveMaximum"),
        }
    }

    /// Whether bound `a` allows fewer values than bound `b`.
    fn stricter(self, a: f64, b: f64) -> bool {
        match self {
            Bound::Minimum => a >= b,
            Bound::Maximum => a <= b,
        }
    }
}

/// A numeric `exclusiveMinimum` (3.1) is the bound itself; 3.0 writes it as
/// `minimum` with a flag. With both, the stricter one is kept: a value must
/// satisfy both.
fn exclusive(s: &mut Map<String, Value>, bound: Bound, at: &str, d: &mut Diagnostics) {
    let (inclusive_key, exclusive_key) = bound.keywords();
    let exclusive_at = pointer(at, exclusive_key);
    let limit = match s.get(exclusive_key) {
        None => return,
        Some(Value::Number(n)) => n.clone(),
        Some(Value::Bool(_)) => {
            d.error_at(
                &exclusive_at,
                format!(
                    "in OpenAPI 3.1 `{exclusive_key}` is the bound itself (a number), not a flag"
                ),
            );
            return;
        }
        Some(other) => {
            d.error_at(
                &exclusive_at,
                format!(
                    "`{exclusive_key}` must be a number, not {}",
                    super::subset::kind(other)
                ),
            );
            return;
        }
    };
    let inclusive = match s.get(inclusive_key) {
        None => None,
        Some(Value::Number(n)) => n.as_f64(),
        // Not a number: left for the subset check to report where it is.
        Some(_) => return,
    };
    let limit_f64 = limit.as_f64().unwrap_or(f64::NAN);
    match inclusive {
        Some(inclusive) if !bound.stricter(limit_f64, inclusive) => {
            // `minimum` already excludes everything the exclusive bound does.
            s.remove(exclusive_key);
        }
        _ => {
            s.insert(inclusive_key.to_owned(), Value::Number(limit));
            s.insert(exclusive_key.to_owned(), Value::Bool(true));
        }
    }
}

/// `const: v` is a one-value enum.
fn constant(s: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(value) = s.get("const").cloned() else {
        return;
    };
    if s.contains_key("enum") {
        d.error_at(
            &pointer(at, "const"),
            "`const` beside `enum`: keep one of them",
        );
        return;
    }
    if !s.contains_key("type") {
        let ty = match &value {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            _ => {
                d.error_at(
                    &pointer(at, "const"),
                    "a `const` that is not a string, number or boolean is not supported",
                );
                return;
            }
        };
        s.insert("type".to_owned(), Value::String(ty.to_owned()));
    }
    s.remove("const");
    s.insert("enum".to_owned(), Value::Array(vec![value]));
}

/// How 3.1 says a string holds bytes: `contentEncoding: base64` is 3.0's
/// `format: byte`; a `contentMediaType` alone means raw bytes, 3.0's
/// `format: binary` (a file in a form, or a whole body). Beside a `format`
/// that says the same they are dropped; anything else is refused.
fn content_keywords(s: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let has = |key| s.contains_key(key);
    if !has("contentEncoding") && !has("contentMediaType") {
        return;
    }
    let keyword = if has("contentEncoding") {
        "contentEncoding"
    } else {
        "contentMediaType"
    };
    let keyword_at = pointer(at, keyword);
    if s.get("type").and_then(Value::as_str) != Some("string") {
        d.error_at(
            &keyword_at,
            format!(
                "`{keyword}` describes the bytes a string holds: give the schema `type: string`"
            ),
        );
        return;
    }
    let format = match s.get("contentEncoding") {
        Some(Value::String(e)) if e.eq_ignore_ascii_case("base64") => "byte",
        Some(other) => {
            d.error_at(
                &keyword_at,
                format!(
                    "content encoding {other} is not supported; only `base64` (or none: raw bytes)"
                ),
            );
            return;
        }
        None => "binary",
    };
    match s.get("format").and_then(Value::as_str) {
        None => {
            s.insert("format".to_owned(), Value::String(format.to_owned()));
        }
        Some(given) if given == format => {}
        Some(given) => {
            d.error_at(&keyword_at, format!("`{keyword}` says `format: {format}`, but the schema says `format: {given}`: keep one"));
            return;
        }
    }
    s.remove("contentEncoding");
    s.remove("contentMediaType");
}

/// Whether `dialect` is one this generator reads; reports it if not.
fn dialect_is_known(dialect: &Value, at: &str, d: &mut Diagnostics) -> bool {
    match dialect.as_str() {
        Some(uri) if DIALECTS.contains(&uri.trim_end_matches('#')) => true,
        Some(uri) => {
            d.error_at(
                at,
                format!(
                    "JSON Schema dialect `{uri}` is not supported; schemas are read as the OpenAPI 3.1 dialect ({})",
                    DIALECTS[0]
                ),
            );
            false
        }
        None => {
            d.error_at(at, "a JSON Schema dialect must be a URI string");
            false
        }
    }
}

fn entries(value: Option<&mut Value>) -> impl Iterator<Item = (&String, &mut Value)> {
    value.and_then(Value::as_object_mut).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// One schema lowered as the only component of a 3.1 document.
    fn lowered(schema: Value) -> (Value, Vec<String>) {
        let mut doc = json!({ "components": { "schemas": { "S": schema } } });
        let mut d = Diagnostics::new("t.json");
        lower(&mut doc, &mut d);
        let messages = d.iter().map(|m| m.to_string()).collect();
        (doc["components"]["schemas"]["S"].clone(), messages)
    }

    #[test]
    fn each_keyword_reads_as_its_30_form() {
        let cases = [
            (
                json!({ "type": ["string", "null"] }),
                json!({ "type": "string", "nullable": true }),
            ),
            (json!({ "type": ["integer"] }), json!({ "type": "integer" })),
            (
                json!({ "type": "integer", "exclusiveMinimum": 0 }),
                json!({ "type": "integer", "minimum": 0, "exclusiveMinimum": true }),
            ),
            (
                json!({ "type": "number", "minimum": 1, "exclusiveMinimum": 0 }),
                json!({ "type": "number", "minimum": 1 }),
            ),
            (
                json!({ "type": "number", "minimum": 0, "exclusiveMinimum": 0 }),
                json!({ "type": "number", "minimum": 0, "exclusiveMinimum": true }),
            ),
            (
                json!({ "type": "number", "maximum": 10, "exclusiveMaximum": 5.5 }),
                json!({ "type": "number", "maximum": 5.5, "exclusiveMaximum": true }),
            ),
            (
                json!({ "const": "v1" }),
                json!({ "type": "string", "enum": ["v1"] }),
            ),
            (
                json!({ "type": "integer", "const": 3 }),
                json!({ "type": "integer", "enum": [3] }),
            ),
            (
                json!({ "type": "string", "contentMediaType": "image/png" }),
                json!({ "type": "string", "format": "binary" }),
            ),
            (
                json!({ "type": "string", "contentEncoding": "base64" }),
                json!({ "type": "string", "format": "byte" }),
            ),
            (
                json!({ "type": "string", "format": "binary", "contentMediaType": "image/png" }),
                json!({ "type": "string", "format": "binary" }),
            ),
            (
                json!({ "type": "number", "minimum": "zero", "exclusiveMinimum": 1 }),
                json!({ "type": "number", "minimum": "zero", "exclusiveMinimum": 1 }),
            ),
            (
                json!({ "type": "object", "properties": { "a": { "type": ["boolean", "null"] } } }),
                json!({ "type": "object", "properties": { "a": { "type": "boolean", "nullable": true } } }),
            ),
            (
                json!({ "type": "array", "items": { "const": 1 } }),
                json!({ "type": "array", "items": { "type": "integer", "enum": [1] } }),
            ),
            // Beside a reference, nothing is rewritten: the subset check rules.
            (
                json!({ "$ref": "#/components/schemas/T", "type": ["string", "null"] }),
                json!({ "$ref": "#/components/schemas/T", "type": ["string", "null"] }),
            ),
            (
                json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string" }),
                json!({ "type": "string" }),
            ),
        ];
        for (written, expected) in cases {
            let (read, messages) = lowered(written.clone());
            assert_eq!(read, expected, "{written}");
            assert!(messages.is_empty(), "{written}: {messages:?}");
        }
    }

    #[test]
    fn what_30_cannot_say_is_refused_where_it_is_written() {
        let cases = [
            (json!({ "type": ["string", "integer"] }), "#/components/schemas/S/type: a value of several types (string, integer)"),
            (json!({ "type": "null" }), "#/components/schemas/S/type: a schema whose only type is `null`"),
            (json!({ "type": ["null"] }), "#/components/schemas/S/type: a schema whose only type is `null`"),
            (json!({ "type": "integer", "exclusiveMinimum": true }), "#/components/schemas/S/exclusiveMinimum: in OpenAPI 3.1 `exclusiveMinimum` is the bound itself"),
            (json!({ "const": "a", "enum": ["a", "b"] }), "#/components/schemas/S/const: `const` beside `enum`"),
            (json!({ "const": { "a": 1 } }), "#/components/schemas/S/const: a `const` that is not a string"),
            (json!({ "$schema": "http://json-schema.org/draft-04/schema#" }), "#/components/schemas/S/$schema: JSON Schema dialect `http://json-schema.org/draft-04/schema#` is not supported"),
            (json!({ "type": "string", "nullable": true }), "#/components/schemas/S/nullable: `nullable` is OpenAPI 3.0"),
            (json!({ "type": "string", "contentEncoding": "base32" }), "#/components/schemas/S/contentEncoding: content encoding \"base32\" is not supported"),
            (json!({ "type": "integer", "contentMediaType": "image/png" }), "#/components/schemas/S/contentMediaType: `contentMediaType` describes the bytes a string holds"),
            (json!({ "type": "string", "format": "date", "contentMediaType": "image/png" }), "#/components/schemas/S/contentMediaType: `contentMediaType` says `format: binary`, but the schema says `format: date`"),
        ];
        for (written, expected) in cases {
            let (_, messages) = lowered(written.clone());
            assert!(
                messages.iter().any(|m| m.contains(expected)),
                "{written}: {messages:?}"
            );
        }
    }

    #[test]
    fn a_binary_body_may_go_without_a_schema() {
        let mut doc = json!({ "paths": { "/f": { "get": { "responses": { "200": {
            "description": "the file",
            "content": { "application/octet-stream": {} }
        } } } } } });
        lower(&mut doc, &mut Diagnostics::new("t.json"));
        assert_eq!(
            doc.pointer("/paths/~1f/get/responses/200/content/application~1octet-stream/schema"),
            Some(&json!({ "type": "string", "format": "binary" }))
        );
    }

    #[test]
    fn webhooks_are_named_and_an_unknown_dialect_refused() {
        let mut doc = json!({
            "jsonSchemaDialect": "https://example.com/my-dialect",
            "webhooks": { "newThing": { "post": {} } }
        });
        let mut d = Diagnostics::new("t.json");
        lower(&mut doc, &mut d);
        let messages: Vec<String> = d.iter().map(|m| m.to_string()).collect();
        assert!(messages[0].starts_with("error: t.json#/jsonSchemaDialect: JSON Schema dialect `https://example.com/my-dialect`"), "{messages:?}");
        assert!(
            messages[1]
                .starts_with("warning: t.json#/webhooks: webhooks are calls the service makes"),
            "{messages:?}"
        );
    }
}
