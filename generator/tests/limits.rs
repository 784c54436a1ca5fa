//! Hostile specs get located errors, never a stack overflow or an hour of
//! work: each limit of `hwcloud_codegen::limits` is hit here, on a test
//! thread's small stack.

use hwcloud_codegen::limits::{MAX_PARAMETERS, MAX_SCHEMA_DEPTH, MAX_SPEC_BYTES, MAX_TYPE_DEPTH};
use hwcloud_codegen::load_str;
use serde_json::{json, Value};

/// A one-operation spec whose body is `Root`, with `schemas` added.
fn spec(schemas: serde_json::Map<String, Value>, parameters: Vec<Value>) -> String {
    let mut all = schemas;
    all.entry("Root".to_owned())
        .or_insert(json!({ "type": "object", "properties": { "v": { "type": "string" } } }));
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Deep", "version": "1" },
        "servers": [{ "url": "https://deep.example.com" }],
        "paths": { "/v1/deep": { "post": {
            "operationId": "Deep",
            "parameters": parameters,
            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Root" } } } },
            "responses": { "200": { "description": "ok" } }
        } } },
        "components": { "schemas": all }
    })
    .to_string()
}

/// Every error message of loading `text`.
fn errors(text: &str) -> Vec<String> {
    let loaded = load_str("deep.json", text);
    assert!(loaded.service.is_none(), "should not load");
    loaded
        .diagnostics
        .to_string()
        .lines()
        .filter(|l| l.starts_with("error"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_long_ref_chain_is_refused_not_followed_to_a_stack_overflow() {
    let mut schemas = serde_json::Map::new();
    for i in 0..5_000 {
        schemas.insert(
            format!("A{i:05}"),
            json!({ "$ref": format!("#/components/schemas/A{:05}", i + 1) }),
        );
    }
    schemas.insert("A05000".into(), json!({ "type": "string" }));
    schemas.insert("Root".into(), json!({ "type": "object", "properties": { "v": { "$ref": "#/components/schemas/A00000" } } }));
    let errors = errors(&spec(schemas, Vec::new()));
    let limit = format!("schemas nest more than {MAX_SCHEMA_DEPTH} deep");
    assert!(errors.iter().any(|e| e.contains(&limit)), "{errors:?}");
}

#[test]
fn types_nested_deeper_than_the_limit_are_refused_whatever_order_they_resolve_in() {
    // Each type holds the next: resolved leaf first (names sort that way),
    // no single resolution is deep, but the chain is.
    let mut schemas = serde_json::Map::new();
    let n = MAX_TYPE_DEPTH + 10;
    for i in 0..n {
        schemas.insert(
            format!("T{:03}", n - i),
            json!({ "type": "object", "properties": { "next": { "$ref": format!("#/components/schemas/T{:03}", n - i - 1) } } }),
        );
    }
    schemas.insert(
        "T000".into(),
        json!({ "type": "object", "properties": { "end": { "type": "string" } } }),
    );
    schemas.insert("Root".into(), json!({ "type": "object", "properties": { "v": { "$ref": format!("#/components/schemas/T{n:03}") } } }));
    let errors = errors(&spec(schemas, Vec::new()));
    let limit = format!("at most {MAX_TYPE_DEPTH} are supported");
    assert!(errors.iter().any(|e| e.contains(&limit)), "{errors:?}");
}

#[test]
fn a_recursive_type_is_not_too_deep() {
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "Root".into(),
        json!({ "type": "object", "properties": {
        "children": { "type": "array", "items": { "$ref": "#/components/schemas/Root" } }
    } }),
    );
    let loaded = load_str("deep.json", &spec(schemas, Vec::new()));
    assert!(loaded.service.is_some(), "{}", loaded.diagnostics);
}

#[test]
fn json_nested_past_serde_jsons_limit_is_a_located_syntax_error() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("deep.json:1:"), "{errors:?}");
    assert!(errors[0].contains("recursion limit exceeded"), "{errors:?}");
}

#[test]
fn too_many_parameters_are_refused() {
    let parameters: Vec<Value> = (0..MAX_PARAMETERS + 1)
        .map(|i| json!({ "name": format!("p{i}"), "in": "query", "schema": { "type": "string" } }))
        .collect();
    let errors = errors(&spec(serde_json::Map::new(), parameters));
    let limit = format!(
        "{} parameters; an operation may have at most {MAX_PARAMETERS}",
        MAX_PARAMETERS + 1
    );
    assert!(errors.iter().any(|e| e.contains(&limit)), "{errors:?}");
}

#[test]
fn a_spec_over_the_size_limit_is_refused_before_parsing() {
    let text = " ".repeat(MAX_SPEC_BYTES as usize + 1);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("specs of up to 64 MiB are read"),
        "{errors:?}"
    );
}
