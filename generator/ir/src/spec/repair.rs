//! Shapes outside the supported subset whose meaning is clear, rewritten
//! into the subset form that means the same, each reported with what was
//! assumed (a warning, or an error in strict mode: [`Diagnostics::repaired_at`]).
//!
//! These are what documents written by others carry, the vendor's above all:
//! Swagger 2.0 leftovers (`type` and `collectionFormat` on a parameter,
//! `in: formData` and `in: body`, `#/definitions/…` references), keywords
//! beside `$ref`, `properties` without `type`, type names in other
//! spellings, `required` naming no property, defaults of the wrong JSON
//! type, integer formats other than int32/int64, boolean enums. The table
//! is in spec/README.md ("Tolerance"). What is not clear is left alone for
//! the subset check to refuse.

use super::is_method;
use super::shape::{visit_keywords, Shape};
use crate::diagnostics::{pointer, unescape, Diagnostics};
use serde_json::{json, Map, Value};

/// Keywords Swagger 2.0 writes on a parameter or header that OpenAPI 3
/// writes on its `schema`.
const SCHEMA_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

/// Siblings of `$ref` that are kept: harmless in 3.0.
const KEPT_BESIDE_REF: &[&str] = &["$ref", "description", "summary"];
/// Siblings of `$ref` that 3.1 reads too.
const KEPT_BESIDE_REF_31: &[&str] = &["title", "deprecated", "readOnly", "writeOnly"];

/// The list under `key`, inserted empty when absent; `None` when `key`
/// holds something else (the subset check reports that).
pub(super) fn array_entry<'a>(
    obj: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Vec<Value>> {
    obj.entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
}

/// Rewrites the Swagger 2.0 places of references (`#/definitions/X`,
/// `#/parameters/X`, `#/responses/X`) to their `#/components/` places when
/// the target is there.
pub(super) fn references(doc: &mut Value, d: &mut Diagnostics) {
    let components = doc.get("components").cloned().unwrap_or(Value::Null);
    visit_keywords(doc, "", Shape::Keywords, &mut |obj, at| {
        rewrite_ref(obj, at, &components, d)
    });
}

/// One object's `$ref`, rewritten where it clearly means another place;
/// whether to go on inside the object.
fn rewrite_ref(
    obj: &mut Map<String, Value>,
    at: &str,
    components: &Value,
    d: &mut Diagnostics,
) -> bool {
    if let Some(Value::String(target)) = obj.get_mut("$ref") {
        let moved = [
            ("#/components/components/", ""),
            ("#/definitions/", "schemas"),
            // Written without its `#/`.
            ("definitions/", "schemas"),
            ("#/parameters/", "parameters"),
            ("#/responses/", "responses"),
        ]
        .into_iter()
        .find_map(|(old, kind)| Some((target.strip_prefix(old)?, kind)));
        if let Some((rest, kind)) = moved {
            // `#/components/components/<kind>/<name>`: a doubled segment.
            let (kind, name) = match kind {
                "" => rest.split_once('/').unwrap_or((rest, "")),
                kind => (kind, rest),
            };
            let unescaped = unescape(name);
            if components
                .get(kind)
                .and_then(|c| c.get(&unescaped))
                .is_some()
            {
                let new = format!("#/components/{kind}/{name}");
                d.repaired_at(
                    &pointer(at, "$ref"),
                    format!("`{target}` points nowhere: read as `{new}`"),
                );
                *target = new;
            }
        }
    }
    if let Some(generic) = generic_container(obj, components) {
        let target = obj.get("$ref").and_then(Value::as_str).unwrap_or_default();
        d.repaired_at(
            at,
            format!("`{target}` points nowhere; it names a Java generic type: read as {generic}"),
        );
        // What stood beside the reference (a description) stays.
        obj.remove("$ref");
        if let Value::Object(meant) = generic {
            for (key, v) in meant {
                obj.entry(key).or_insert(v);
            }
        }
        return false;
    }
    true
}

/// A reference to a schema that does not exist but whose name is a Java
/// generic container (`Map«string,object»`, `List«Item»`, as the vendor's
/// tooling names them): the schema that name means.
fn generic_container(obj: &Map<String, Value>, components: &Value) -> Option<Value> {
    let target = obj.get("$ref")?.as_str()?;
    let name = target.strip_prefix("#/components/schemas/")?;
    if components.pointer(&format!("/schemas/{name}")).is_some() {
        return None;
    }
    let element = |inner: &str| -> Option<Value> {
        let inner = inner.trim();
        Some(match inner.to_ascii_lowercase().as_str() {
            "object" => json!({}),
            "string" => json!({"type": "string"}),
            "int" | "integer" => json!({"type": "integer", "format": "int32"}),
            "long" => json!({"type": "integer", "format": "int64"}),
            "boolean" => json!({"type": "boolean"}),
            "double" | "float" | "number" | "bigdecimal" => json!({"type": "number"}),
            _ if components.pointer(&format!("/schemas/{inner}")).is_some() => {
                json!({"$ref": format!("#/components/schemas/{inner}")})
            }
            _ => return None,
        })
    };
    let generic = name.strip_suffix('»')?;
    if let Some(args) = generic.strip_prefix("Map«") {
        let (key, value) = args.split_once(',')?;
        (key.trim().eq_ignore_ascii_case("string")).then_some(())?;
        Some(json!({"type": "object", "additionalProperties": element(value)?}))
    } else if let Some(item) = generic.strip_prefix("List«") {
        Some(json!({"type": "array", "items": element(item)?}))
    } else {
        None
    }
}

/// Drops what is written beside a `$ref` (OpenAPI 3.0 ignores it; 3.1 reads
/// a few annotations, kept when `is_31`). A property's `required: true`
/// beside its reference moves to the object's `required` list first.
pub(super) fn ref_siblings(doc: &mut Value, is_31: bool, d: &mut Diagnostics) {
    visit_keywords(doc, "", Shape::Keywords, &mut |obj, at| {
        ref_siblings_of(obj, at, is_31, d)
    });
}

/// One object's keywords beside its `$ref`; whether to go on inside it.
fn ref_siblings_of(
    obj: &mut Map<String, Value>,
    at: &str,
    is_31: bool,
    d: &mut Diagnostics,
) -> bool {
    required_beside_refs(obj, at, d);
    if obj.get("$ref").is_some_and(Value::is_string) {
        let dropped: Vec<String> = obj
            .keys()
            .filter(|k| {
                let kept = KEPT_BESIDE_REF.contains(&k.as_str())
                    || (is_31 && KEPT_BESIDE_REF_31.contains(&k.as_str()))
                    || k.starts_with("x-");
                !kept
            })
            .cloned()
            .collect();
        for key in &dropped {
            obj.remove(key);
        }
        if !dropped.is_empty() {
            d.repaired_at(
                at,
                format!(
                    "{} beside `$ref` dropped: a reference stands for what it refers to, as it is",
                    quoted(&dropped)
                ),
            );
        }
        return false;
    }
    true
}

/// `required: true` beside a property's `$ref`: an entry in the object's
/// `required`, as it is for an inline property (see [`schema`]).
fn required_beside_refs(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(Value::Object(props)) = obj.get_mut("properties") else {
        return;
    };
    let mut required = Vec::new();
    for (name, prop) in props.iter_mut() {
        let Some(p) = prop.as_object_mut() else {
            continue;
        };
        if !p.contains_key("$ref") {
            continue;
        }
        if let Some(Value::Bool(flag)) = p.remove("required") {
            d.repaired_at(
                &pointer(&pointer(&pointer(at, "properties"), name), "required"),
                format!(
                    "`required: {flag}` on a property: read as {} the object's `required` list",
                    if flag { "an entry in" } else { "absent from" }
                ),
            );
            if flag {
                required.push(Value::String(name.clone()));
            }
        }
    }
    if required.is_empty() {
        return;
    }
    if let Some(list) = array_entry(obj, "required") {
        for name in required {
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }
}

/// Repairs every parameter, body, response and schema of `doc`.
pub(super) fn run(doc: &mut Value, d: &mut Diagnostics) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (key, item) in paths.iter_mut() {
            let item_at = pointer("/paths", key);
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            let content_type = item
                .get("x-content-type")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(Value::Array(params)) = item.get_mut("parameters") {
                for (i, p) in params.iter_mut().enumerate() {
                    parameter(p, &pointer(&pointer(&item_at, "parameters"), i), d);
                }
            }
            for (method, op) in item.iter_mut() {
                if !is_method(method) {
                    continue;
                }
                if let Some(op) = op.as_object_mut() {
                    operation(op, &pointer(&item_at, method), content_type.as_deref(), d);
                }
            }
        }
    }
    let Some(Value::Object(components)) = root.get_mut("components") else {
        return;
    };
    for (kind, entries) in components.iter_mut() {
        let Some(entries) = entries.as_object_mut() else {
            continue;
        };
        let kind_at = pointer("/components", kind);
        for (name, entry) in entries.iter_mut() {
            let at = pointer(&kind_at, name);
            match kind.as_str() {
                "schemas" => schema(entry, &at, d),
                "parameters" => parameter(entry, &at, d),
                "responses" => response(entry, &at, d),
                "requestBodies" => content(entry, &at, d),
                "headers" => header(entry, &at, d),
                _ => {}
            }
        }
    }
}

fn operation(
    op: &mut Map<String, Value>,
    at: &str,
    content_type: Option<&str>,
    d: &mut Diagnostics,
) {
    let params_at = pointer(at, "parameters");
    let mut form_fields: Vec<(String, Value, bool)> = Vec::new();
    let mut body: Option<Value> = None;
    if let Some(Value::Array(params)) = op.get_mut("parameters") {
        let mut kept = Vec::with_capacity(params.len());
        for (i, mut p) in std::mem::take(params).into_iter().enumerate() {
            let p_at = pointer(&params_at, i);
            parameter(&mut p, &p_at, d);
            match p.get("in").and_then(Value::as_str) {
                Some("formData") => {
                    let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
                    d.repaired_at(
                        &pointer(&p_at, "in"),
                        format!("`in: formData` is Swagger 2.0: `{name}` read as a field of a form body"),
                    );
                    let required = p.get("required").and_then(Value::as_bool) == Some(true);
                    let mut field = p.get("schema").cloned().unwrap_or_else(|| json!({}));
                    if let (Some(desc), Some(f)) = (p.get("description"), field.as_object_mut()) {
                        f.entry("description").or_insert(desc.clone());
                    }
                    form_fields.push((name.to_owned(), field, required));
                    kept.push(moved_to_body(&p));
                }
                Some("body") if body.is_none() => {
                    d.repaired_at(
                        &pointer(&p_at, "in"),
                        "`in: body` is Swagger 2.0: read as the request body",
                    );
                    kept.push(moved_to_body(&p));
                    body = Some(p);
                }
                _ => kept.push(p),
            }
        }
        *params = kept;
    }
    if op.contains_key("requestBody") && (body.is_some() || !form_fields.is_empty()) {
        d.error_at(
            at,
            "the operation has a `requestBody` and Swagger 2.0 body parameters; which is meant is not clear",
        );
    } else if let Some(body) = body {
        // The media type the vendor's `x-content-type` names, else JSON.
        let media = content_type.unwrap_or("application/json");
        let mut request = json!({
            "required": body.get("required").and_then(Value::as_bool).unwrap_or(false),
            "content": { media: { "schema": body.get("schema").cloned().unwrap_or_else(|| json!({})) } }
        });
        if let Some(desc) = body.get("description") {
            request["description"] = desc.clone();
        }
        op.insert("requestBody".to_owned(), request);
    } else if !form_fields.is_empty() {
        let media = content_type
            .filter(|t| crate::media_type::essence(t) == "application/x-www-form-urlencoded")
            .unwrap_or("multipart/form-data");
        let required: Vec<Value> = form_fields
            .iter()
            .filter(|(_, _, required)| *required)
            .map(|(name, _, _)| Value::String(name.clone()))
            .collect();
        let any_required = !required.is_empty();
        let properties: Map<String, Value> = form_fields
            .into_iter()
            .map(|(name, field, _)| (name, field))
            .collect();
        let mut schema = json!({"type": "object", "properties": properties});
        if any_required {
            schema["required"] = Value::Array(required);
        }
        op.insert(
            "requestBody".to_owned(),
            json!({"required": any_required, "content": {media: {"schema": schema}}}),
        );
    }
    if let Some(body) = op.get_mut("requestBody") {
        content(body, &pointer(at, "requestBody"), d);
    }
    if let Some(Value::Object(responses)) = op.get_mut("responses") {
        for (status, r) in responses.iter_mut() {
            response(r, &pointer(&pointer(at, "responses"), status), d);
        }
    }
}

/// What stays in the parameter list where a Swagger 2.0 body or form
/// parameter was: a mark the resolver skips ([`MOVED_TO_BODY`]), so that
/// the parameters after it keep their places (locations point into the file
/// as written).
fn moved_to_body(p: &Value) -> Value {
    let name = p.get("name").cloned().unwrap_or_else(|| json!(""));
    json!({"name": name, "in": "query", "schema": {}, MOVED_TO_BODY: true})
}

/// The mark on a parameter that was read into the request body.
pub const MOVED_TO_BODY: &str = "x-hwcloud-moved-to-body";

/// A parameter: Swagger 2.0 keywords on it move into its `schema`, and
/// `collectionFormat` becomes `style`/`explode`.
fn parameter(p: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(obj) = p.as_object_mut() else {
        return;
    };
    if obj.contains_key("$ref") {
        return;
    }
    let by_reference = schema_is_reference(obj);
    let moved = move_into_schema(obj);
    if !moved.is_empty() {
        let read_as = if by_reference {
            "dropped: the parameter's `schema` is a reference, which stands as it is"
        } else {
            "read as its `schema`"
        };
        d.repaired_at(
            at,
            format!("Swagger 2.0 {} on the parameter: {read_as}", quoted(&moved)),
        );
    }
    // `collectionFormat` on the parameter or (misplaced) on its schema.
    let format = obj.remove("collectionFormat").or_else(|| {
        obj.get_mut("schema")
            .and_then(Value::as_object_mut)
            .and_then(|s| s.remove("collectionFormat"))
    });
    if let Some(format) = format {
        let format = format.as_str().unwrap_or_default().to_owned();
        let in_query = obj.get("in").and_then(Value::as_str) == Some("query");
        let explode = match format.as_str() {
            "multi" => true,
            "csv" => false,
            other => {
                d.repaired_at(
                    at,
                    format!("`collectionFormat: {other}` is not supported: read as `csv` (comma-separated)"),
                );
                false
            }
        };
        if in_query {
            obj.insert("style".to_owned(), Value::String("form".to_owned()));
            obj.insert("explode".to_owned(), Value::Bool(explode));
        }
        d.repaired_at(
            at,
            format!(
                "Swagger 2.0 `collectionFormat: {format}`: read as {}",
                if explode {
                    "repeated keys (`style: form`, `explode: true`)"
                } else {
                    "comma-separated values (`explode: false`)"
                }
            ),
        );
    }
    if let Some(schema_value) = obj.get_mut("schema") {
        schema(schema_value, &pointer(at, "schema"), d);
    }
}

/// A response header: Swagger 2.0 keywords move into its `schema`; the
/// parameter-only `style`/`explode` go.
fn header(h: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(obj) = h.as_object_mut() else {
        return;
    };
    if obj.contains_key("$ref") {
        return;
    }
    let by_reference = schema_is_reference(obj);
    let mut moved = move_into_schema(obj);
    if by_reference && !moved.is_empty() {
        d.repaired_at(
            at,
            format!(
                "{} on a response header dropped: its `schema` is a reference, which stands as it is",
                quoted(&moved)
            ),
        );
        moved.clear();
    }
    for key in ["style", "explode", "collectionFormat"] {
        if obj.remove(key).is_some() {
            moved.push(key.to_owned());
        }
    }
    if !moved.is_empty() {
        d.repaired_at(
            at,
            format!(
                "{} on a response header: read as its `schema` (style keywords dropped: a header is one value)",
                quoted(&moved)
            ),
        );
    }
    if let Some(schema_value) = obj.get_mut("schema") {
        schema(schema_value, &pointer(at, "schema"), d);
    }
}

/// Whether the `schema` of a parameter or header is a reference (or not an
/// object), which keywords cannot be moved into.
fn schema_is_reference(obj: &Map<String, Value>) -> bool {
    obj.get("schema")
        .is_some_and(|s| s.get("$ref").is_some() || !s.is_object())
}

/// Moves [`SCHEMA_KEYWORDS`] from `obj` into `obj.schema` (creating it);
/// a keyword the schema already has is dropped from `obj`. Returns the keys.
fn move_into_schema(obj: &mut Map<String, Value>) -> Vec<String> {
    let keys: Vec<String> = SCHEMA_KEYWORDS
        .iter()
        .filter(|k| obj.contains_key(**k))
        .map(|k| (*k).to_owned())
        .collect();
    if keys.is_empty() {
        return keys;
    }
    let mut values: Vec<(String, Value)> = Vec::new();
    for key in &keys {
        if let Some(v) = obj.remove(key) {
            values.push((key.clone(), v));
        }
    }
    let schema = obj
        .entry("schema")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(schema) = schema.as_object_mut() {
        if !schema.contains_key("$ref") {
            for (key, v) in values {
                schema.entry(key).or_insert(v);
            }
        }
    }
    keys
}

fn response(r: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(obj) = r.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(headers)) = obj.get_mut("headers") {
        for (name, h) in headers.iter_mut() {
            header(h, &pointer(&pointer(at, "headers"), name), d);
        }
    }
    content(r, at, d);
}

/// The schemas under `holder.content`.
fn content(holder: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(Value::Object(content)) = holder.get_mut("content") else {
        return;
    };
    let at = pointer(at, "content");
    for (media, m) in content.iter_mut() {
        if let Some(s) = m.get_mut("schema") {
            schema(s, &pointer(&pointer(&at, media), "schema"), d);
        }
    }
}

/// One schema and everything inside it.
pub(super) fn schema(s: &mut Value, at: &str, d: &mut Diagnostics) {
    let Some(obj) = s.as_object_mut() else {
        return;
    };
    if obj.contains_key("$ref") {
        return;
    }
    annotations(obj, at, d);
    type_name(obj, at, d);
    missing_type(obj, at, d);
    keywords_of_another_type(obj, at, d);
    if obj.get("type").and_then(Value::as_str) == Some("array") && !obj.contains_key("items") {
        obj.insert("items".to_owned(), json!({}));
        d.repaired_at(
            at,
            "an array without `items`: read as an array of any JSON values",
        );
    }
    formats(obj, at, d);
    integer_bounds(obj, at, d);
    enum_values(obj, at, d);
    boolean_enum(obj, at, d);
    default_value(obj, at, d);

    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        let mut newly_required = Vec::new();
        for (name, prop) in props.iter_mut() {
            let prop_at = pointer(&pointer(at, "properties"), name);
            if let Some(p) = prop.as_object_mut() {
                if let Some(Value::Bool(required)) = p.get("required").cloned() {
                    p.remove("required");
                    d.repaired_at(
                        &pointer(&prop_at, "required"),
                        format!("`required: {required}` on a property: read as {} the object's `required` list", if required { "an entry in" } else { "absent from" }),
                    );
                    if required {
                        newly_required.push(Value::String(name.clone()));
                    }
                }
            }
            schema(prop, &prop_at, d);
        }
        if !newly_required.is_empty() {
            if let Some(list) = array_entry(obj, "required") {
                for name in newly_required {
                    if !list.contains(&name) {
                        list.push(name);
                    }
                }
            }
        }
    }
    required_names(obj, at, d);
    if let Some(items) = obj.get_mut("items") {
        schema(items, &pointer(at, "items"), d);
    }
    if let Some(extra) = obj.get_mut("additionalProperties") {
        if extra.is_object() {
            schema(extra, &pointer(at, "additionalProperties"), d);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = obj.get_mut(key) {
            for (i, m) in members.iter_mut().enumerate() {
                schema(m, &pointer(&pointer(at, key), i), d);
            }
        }
    }
}

/// The type a schema without one clearly has, by its keywords: `properties`
/// an object, `items` an array, string keywords a string.
fn missing_type(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    if obj.contains_key("type") || is_composed(obj) {
        return;
    }
    let Some(ty) = implied_type(obj) else {
        return;
    };
    let keys = keywords_present(obj);
    obj.insert("type".to_owned(), Value::String(ty.to_owned()));
    d.repaired_at(
        at,
        format!("{} without `type`: read as `type: {ty}`", quoted(&keys)),
    );
}

/// The one type whose keywords are all the typed keywords `obj` has.
fn implied_type(obj: &Map<String, Value>) -> Option<&'static str> {
    let keys = keywords_present(obj);
    if keys.is_empty() {
        return None;
    }
    let enum_type = obj
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|values| {
            let first = values.iter().find(|v| !v.is_null())?;
            let ty = json_type(first);
            values
                .iter()
                .filter(|v| !v.is_null())
                .all(|v| json_type(v) == ty)
                .then_some(ty)
        });
    // A format names its type (`int64` an integer), before the keywords do.
    let by_format = match obj.get("format").and_then(Value::as_str) {
        Some("int32" | "int64") => Some("integer"),
        Some("float" | "double") => Some("number"),
        _ => None,
    };
    if let Some(ty) = by_format {
        let allowed = super::keywords::of_type(ty);
        if keys.iter().all(|k| allowed.contains(&k.as_str())) {
            return Some(ty);
        }
    }
    let candidates = ["object", "array", "string", "integer", "number"];
    candidates.into_iter().find(|ty| {
        let allowed = super::keywords::of_type(ty);
        keys.iter().all(|k| allowed.contains(&k.as_str()))
            && enum_type.is_none_or(|e| e == *ty || (e == "integer" && *ty == "number"))
            && (*ty != "integer" || !has_fractional_bound(obj))
    })
}

fn has_fractional_bound(obj: &Map<String, Value>) -> bool {
    ["minimum", "maximum"]
        .iter()
        .filter_map(|k| obj.get(*k))
        .any(|v| v.as_f64().is_some_and(|f| f.fract() != 0.0))
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    }
}

fn keywords_present(obj: &Map<String, Value>) -> Vec<String> {
    super::keywords::typed_keywords()
        .iter()
        .filter(|k| obj.contains_key(**k))
        .map(|k| (*k).to_owned())
        .collect()
}

/// Keywords of another type than the one written. JSON Schema ignores
/// them, and so are they dropped; but an object with nothing of an
/// object's (`type: object` with only `enum` strings, or only `items`) is
/// read as the one type all its keywords belong to.
fn keywords_of_another_type(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(ty) = obj.get("type").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let allowed = super::keywords::of_type(&ty);
    let present = keywords_present(obj);
    let stray: Vec<String> = present
        .iter()
        .filter(|k| !allowed.contains(&k.as_str()))
        .cloned()
        .collect();
    if stray.is_empty() {
        return;
    }
    // `type: object` is what the vendor's documents write when they name no
    // type; with nothing of an object's, the keywords say what was meant.
    let empty_object = ty == "object"
        && !obj.contains_key("properties")
        && !obj.contains_key("additionalProperties");
    if empty_object {
        if let Some(meant) = implied_type(obj).filter(|t| *t != ty) {
            obj.insert("type".to_owned(), Value::String(meant.to_owned()));
            d.repaired_at(
                &pointer(at, "type"),
                format!(
                    "`type: {ty}` with {}: read as `type: {meant}`",
                    quoted(&stray)
                ),
            );
            return;
        }
    }
    for key in &stray {
        obj.remove(key);
    }
    d.repaired_at(
        at,
        format!(
            "{} cannot apply to `type: {ty}`: dropped (JSON Schema ignores them)",
            quoted(&stray)
        ),
    );
}

/// Bounds of an integer written as fractions (or as `9223372036854776000`,
/// `i64::MAX` gone through a double): the nearest integers inside them.
fn integer_bounds(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    if obj.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for (key, round) in [
        ("minimum", f64::ceil as fn(f64) -> f64),
        ("maximum", f64::floor),
    ] {
        let Some(bound) = obj.get(key) else { continue };
        if bound.is_i64() {
            continue;
        }
        let Some(f) = bound.as_f64() else { continue };
        let shown = bound.to_string();
        // Past ±2^63 a double is no longer exact: the bound is the type's own.
        let read = if f >= 9.2e18 {
            Value::from(i64::MAX)
        } else if f <= -9.2e18 {
            Value::from(i64::MIN)
        } else {
            Value::from(round(f) as i64)
        };
        d.repaired_at(
            &pointer(at, key),
            format!("`{key}: {shown}` of an integer: read as {read}"),
        );
        obj.insert(key.to_owned(), read);
    }
}

/// Enum values of the wrong JSON type: converted when the text says the
/// same value (`"1"` in an integer enum, `1` in a string enum); an enum
/// with a value that cannot be converted is dropped.
fn enum_values(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(ty) = obj.get("type").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let Some(Value::Array(values)) = obj.get("enum") else {
        return;
    };
    let fits = |v: &Value| {
        v.is_null()
            || match ty.as_str() {
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                _ => true,
            }
    };
    if values.iter().all(fits) {
        return;
    }
    let converted: Option<Vec<Value>> = values
        .iter()
        .map(|v| {
            if fits(v) {
                Some(v.clone())
            } else {
                convert(v, &ty)
            }
        })
        .collect();
    match converted {
        Some(values) => {
            obj.insert("enum".to_owned(), Value::Array(values));
            d.repaired_at(
                &pointer(at, "enum"),
                format!("`enum` values of another JSON type than `{ty}`: read as `{ty}` values"),
            );
        }
        None => {
            obj.remove("enum");
            d.repaired_at(
                &pointer(at, "enum"),
                format!("`enum` values that are not `{ty}` values: the list is dropped"),
            );
        }
    }
}

/// `value` as a value of `ty` that its text means, if there is one.
fn convert(value: &Value, ty: &str) -> Option<Value> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    match ty {
        "string" => Some(Value::String(text)),
        "integer" => text.parse::<i64>().ok().map(Value::from).or_else(|| {
            // `1.0` for an integer.
            let f = text.parse::<f64>().ok()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then(|| Value::from(f as i64))
        }),
        "number" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        "boolean" => match text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

fn is_composed(obj: &Map<String, Value>) -> bool {
    ["allOf", "oneOf", "anyOf"]
        .iter()
        .any(|k| obj.contains_key(*k))
}

/// Annotations that cannot hurt: `description: null`, an empty key, `xml`
/// (how a value is written as XML, which a JSON body never is).
fn annotations(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    for key in ["description", "title"] {
        if obj.get(key).is_some_and(|v| !v.is_string()) {
            obj.remove(key);
            d.repaired_at(
                &pointer(at, key),
                format!("`{key}` is not a string: dropped"),
            );
        }
    }
    if obj.remove("").is_some() {
        d.repaired_at(&pointer(at, ""), "a key with no name: dropped");
    }
    if obj.remove("xml").is_some() {
        d.repaired_at(
            &pointer(at, "xml"),
            "`xml` (how the value is written as XML) dropped: bodies are read as JSON",
        );
    }
}

/// Type names in other spellings (`Integer`, `long`, Swagger 2.0's `file`).
fn type_name(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(Value::String(written)) = obj.get("type") else {
        return;
    };
    const STANDARD: [&str; 6] = ["string", "integer", "number", "boolean", "array", "object"];
    if STANDARD.contains(&written.as_str()) {
        return;
    }
    let lower = written.to_ascii_lowercase();
    let (ty, format) = match lower.as_str() {
        t if STANDARD.contains(&t) => (t.to_owned(), None),
        "file" => ("string".to_owned(), Some("binary")),
        "long" | "bigint" => ("integer".to_owned(), Some("int64")),
        "int" => ("integer".to_owned(), Some("int32")),
        "float" => ("number".to_owned(), Some("float")),
        "double" => ("number".to_owned(), Some("double")),
        "bool" => ("boolean".to_owned(), None),
        "str" => ("string".to_owned(), None),
        _ => return,
    };
    let written = written.clone();
    let mut read_as = format!("`type: {ty}`");
    obj.insert("type".to_owned(), Value::String(ty));
    if let Some(format) = format {
        if !obj.contains_key("format") {
            obj.insert("format".to_owned(), Value::String(format.to_owned()));
            read_as = format!("{read_as} with `format: {format}`");
        }
    }
    d.repaired_at(
        &pointer(at, "type"),
        format!("`{written}` is not an OpenAPI type: read as {read_as}"),
    );
}

/// Integer and number formats the IR has no width for, read as the nearest
/// one that holds every value.
fn formats(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let ty = obj
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(format) = obj.get("format") else {
        return;
    };
    let Some(written) = format.as_str().map(str::to_owned) else {
        obj.remove("format");
        d.repaired_at(&pointer(at, "format"), "`format` is not a string: dropped");
        return;
    };
    let (ty, written) = (ty.as_str(), written.as_str());
    let read_as = match (ty, written) {
        ("integer", "int32" | "int64") | ("number", "float" | "double") => return,
        ("integer", "int8" | "int16" | "uint8" | "uint16" | "int") => Some("int32"),
        ("integer", "uint32" | "uint64" | "long" | "bigint") => Some("int64"),
        ("integer" | "number", _) => None,
        _ => return,
    };
    match read_as {
        Some(new) => {
            obj.insert("format".to_owned(), Value::String(new.to_owned()));
            let note = if written == "uint64" {
                " (values above 2^63 - 1 do not fit)"
            } else {
                ""
            };
            d.repaired_at(
                &pointer(at, "format"),
                format!("`{ty}` format `{written}`: read as `{new}`{note}"),
            );
        }
        None => {
            obj.remove("format");
            d.repaired_at(
                &pointer(at, "format"),
                format!(
                    "`{ty}` format `{written}` is not known: dropped (read as the widest {ty})"
                ),
            );
        }
    }
}

/// `enum: [true, false]` on a boolean says nothing a `bool` does not; a
/// one-value list would, but no client can send the other value anyway.
fn boolean_enum(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    if obj.get("type").and_then(Value::as_str) == Some("boolean") && obj.contains_key("enum") {
        obj.remove("enum");
        d.repaired_at(
            &pointer(at, "enum"),
            "an `enum` on a boolean: dropped (read as any boolean)",
        );
    }
}

/// A default of the wrong JSON type: converted when the text says the same
/// value (`"10"` for an integer, `"true"` for a boolean, `5` for a string),
/// dropped otherwise.
fn default_value(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(ty) = obj.get("type").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let Some(default) = obj.get("default") else {
        return;
    };
    let fits = match ty.as_str() {
        "string" => default.is_string(),
        "integer" => default.is_i64() || default.is_u64(),
        "number" => default.is_number(),
        "boolean" => default.is_boolean(),
        "array" => default.is_array(),
        "object" => default.is_object(),
        _ => true,
    };
    if fits {
        return;
    }
    let converted = if default.is_array() || default.is_object() || default.is_null() {
        None
    } else {
        convert(default, &ty)
    };
    let shown = default.to_string();
    match converted {
        Some(value) => {
            d.repaired_at(
                &pointer(at, "default"),
                format!("default {shown} is not of `type: {ty}`: read as {value}"),
            );
            obj.insert("default".to_owned(), value);
        }
        None => {
            obj.remove("default");
            d.repaired_at(
                &pointer(at, "default"),
                format!("default {shown} is not of `type: {ty}`: dropped"),
            );
        }
    }
}

/// `required` entries that name no property are dropped (an object with
/// `properties` lists every field it has).
fn required_names(obj: &mut Map<String, Value>, at: &str, d: &mut Diagnostics) {
    let Some(Value::Object(props)) = obj.get("properties") else {
        return;
    };
    if obj.contains_key("additionalProperties") || is_composed(obj) {
        return;
    }
    let names: Vec<String> = props.keys().cloned().collect();
    let Some(Value::Array(required)) = obj.get_mut("required") else {
        return;
    };
    let mut dropped = Vec::new();
    required.retain(|r| match r.as_str() {
        Some(name) if !names.iter().any(|n| n == name) => {
            dropped.push(name.to_owned());
            false
        }
        _ => true,
    });
    if !dropped.is_empty() {
        d.repaired_at(
            &pointer(at, "required"),
            format!(
                "{} required but not in `properties`: dropped from `required`",
                quoted(&dropped)
            ),
        );
    }
    if required.is_empty() {
        obj.remove("required");
    }
}

fn quoted(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(mut doc: Value) -> (Value, Diagnostics) {
        let mut d = Diagnostics::new("t.json");
        references(&mut doc, &mut d);
        ref_siblings(&mut doc, false, &mut d);
        run(&mut doc, &mut d);
        (doc, d)
    }

    /// Each row: a schema as written, and what it is read as.
    #[test]
    fn schemas_read_for_what_they_mean() {
        let table = [
            (
                json!({"properties": {"a": {"type": "string"}}}),
                json!({"type": "object", "properties": {"a": {"type": "string"}}}),
            ),
            (json!({"type": "Integer"}), json!({"type": "integer"})),
            (
                json!({"type": "long"}),
                json!({"type": "integer", "format": "int64"}),
            ),
            (
                json!({"type": "file"}),
                json!({"type": "string", "format": "binary"}),
            ),
            (
                json!({"type": "integer", "format": "uint32"}),
                json!({"type": "integer", "format": "int64"}),
            ),
            (
                json!({"type": "integer", "format": "int16"}),
                json!({"type": "integer", "format": "int32"}),
            ),
            (
                json!({"type": "integer", "format": "weird"}),
                json!({"type": "integer"}),
            ),
            (
                json!({"type": "boolean", "enum": [true, false]}),
                json!({"type": "boolean"}),
            ),
            (
                json!({"type": "integer", "default": "10"}),
                json!({"type": "integer", "default": 10}),
            ),
            (
                json!({"type": "boolean", "default": "TRUE"}),
                json!({"type": "boolean", "default": true}),
            ),
            (
                json!({"type": "string", "default": 5}),
                json!({"type": "string", "default": "5"}),
            ),
            (
                json!({"type": "integer", "default": "ten"}),
                json!({"type": "integer"}),
            ),
            (
                json!({"$ref": "#/components/schemas/A", "type": "object", "readOnly": true}),
                json!({"$ref": "#/components/schemas/A"}),
            ),
            (
                json!({"type": "object", "enum": ["a", "b"]}),
                json!({"type": "string", "enum": ["a", "b"]}),
            ),
            (
                json!({"type": "object", "items": {"type": "string"}}),
                json!({"type": "array", "items": {"type": "string"}}),
            ),
            (
                json!({"type": "string", "uniqueItems": true, "minLength": 1}),
                json!({"type": "string", "minLength": 1}),
            ),
            (
                json!({"minLength": 1}),
                json!({"type": "string", "minLength": 1}),
            ),
            (
                json!({"type": "integer", "enum": ["1", 2]}),
                json!({"type": "integer", "enum": [1, 2]}),
            ),
            (
                json!({"type": "integer", "enum": ["one"]}),
                json!({"type": "integer"}),
            ),
            (
                json!({"type": "integer", "maximum": 9223372036854776000_u64, "minimum": 0.5}),
                json!({"type": "integer", "maximum": i64::MAX, "minimum": 1}),
            ),
            (
                json!({"type": "array"}),
                json!({"type": "array", "items": {}}),
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", "b"]}),
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}),
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "string", "required": true}}}),
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}),
            ),
            (
                json!({"type": "string", "description": null, "xml": {"name": "x"}}),
                json!({"type": "string"}),
            ),
        ];
        for (written, read) in table {
            let (doc, d) = repaired(json!({"components": {"schemas": {"S": written.clone()}}}));
            assert_eq!(doc["components"]["schemas"]["S"], read, "{written}");
            assert!(
                d.warning_count() > 0 && d.error_count() == 0,
                "{written}: {d}"
            );
        }
    }

    #[test]
    fn swagger_parameters_move_into_schemas_and_bodies() {
        let (doc, d) = repaired(json!({"paths": {"/a": {"post": {"parameters": [
            {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
            {"name": "file", "in": "formData", "type": "file", "required": true},
            {"name": "note", "in": "formData", "type": "string"}
        ], "responses": {"200": {"description": "ok",
            "headers": {"X-Count": {"type": "integer", "style": "simple"}}}}}}}}));
        let op = &doc["paths"]["/a"]["post"];
        assert_eq!(
            op["parameters"][0],
            json!({"name": "ids", "in": "query", "style": "form", "explode": false,
                   "schema": {"type": "array", "items": {"type": "string"}}})
        );
        // The form fields stay in the list, marked, so locations hold.
        let params = op["parameters"].as_array().unwrap();
        assert_eq!(params.len(), 3);
        assert!(params[1][MOVED_TO_BODY] == true && params[2][MOVED_TO_BODY] == true);
        assert_eq!(
            op["requestBody"]["content"]["multipart/form-data"]["schema"],
            json!({"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "format": "binary"}, "note": {"type": "string"}}})
        );
        assert_eq!(
            op["responses"]["200"]["headers"]["X-Count"],
            json!({"schema": {"type": "integer"}})
        );
        assert_eq!(d.error_count(), 0);
    }

    #[test]
    fn a_body_parameter_is_the_request_body() {
        let (doc, _) = repaired(json!({"paths": {"/a": {"put": {"parameters": [
            {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/T"}}
        ]}}}, "components": {"schemas": {"T": {"type": "object"}}}}));
        assert_eq!(
            doc["paths"]["/a"]["put"]["requestBody"],
            json!({"required": true, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/T"}}}})
        );
    }

    #[test]
    fn strict_mode_makes_every_repair_an_error() {
        let mut doc = json!({"components": {"schemas": {"S": {"type": "Integer"}}}});
        let mut d = Diagnostics::new("t.json").strict(true);
        run(&mut doc, &mut d);
        assert_eq!(d.error_count(), 1, "{d}");
    }
}
