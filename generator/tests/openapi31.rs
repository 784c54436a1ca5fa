//! OpenAPI 3.1: the same API written as 3.0 and as 3.1 resolves to the same
//! IR and generates the same crate, apart from the line naming the spec.

mod common;

use common::{workspace_root, Scratch};
use hwcloud_codegen::emit::CrateOptions;
use hwcloud_codegen::{generate, load_file};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Every generated file, with the lines that name `spec` left out.
fn crate_from(spec: &Path) -> Vec<(String, String)> {
    let generated = generate(&[spec.to_path_buf()], &CrateOptions::checkout_default())
        .unwrap_or_else(|err| panic!("{}: {err}", spec.display()));
    let name = spec.display().to_string();
    generated
        .files
        .into_iter()
        .map(|file| {
            let text: Vec<&str> = file
                .contents
                .lines()
                .filter(|line| !line.contains(&name))
                .collect();
            (file.path, text.join("\n"))
        })
        .collect()
}

fn assert_same_api(v30: &Path, v31: &Path) {
    let (a, b) = (load_file(v30), load_file(v31));
    assert!(!a.diagnostics.has_errors(), "{}", a.diagnostics);
    assert!(!b.diagnostics.has_errors(), "{}", b.diagnostics);
    assert_eq!(
        a.diagnostics.warning_count(),
        b.diagnostics.warning_count(),
        "3.0:\n{}\n3.1:\n{}",
        a.diagnostics,
        b.diagnostics
    );
    assert_eq!(a.service, b.service, "the IR differs");
    let (a, b) = (crate_from(v30), crate_from(v31));
    assert_eq!(a.len(), b.len());
    for ((path_a, text_a), (path_b, text_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(text_a == text_b, "{path_a} differs");
    }
}

/// A fixture that uses each 3.1 keyword the generator reads, and the same
/// API written by hand as 3.0.
#[test]
fn the_31_fixture_is_its_30_twin() {
    let dir = workspace_root().join("tests/fixtures/openapi31");
    assert_same_api(&dir.join("gadgets-3.0.json"), &dir.join("gadgets-3.1.json"));
}

/// What a 3.0 -> 3.1 converter does to a document (the one keywords of the
/// two versions that differ): the version, `nullable`, boolean exclusive
/// bounds, a schema's `example`, `format: binary`.
fn to_31(doc: &mut Value) {
    doc["openapi"] = json!("3.1.0");
    convert_schemas(doc, false);
}

fn convert_schemas(value: &mut Value, in_schema: bool) {
    match value {
        Value::Object(map) => {
            if in_schema && !map.contains_key("$ref") {
                if map.remove("nullable") == Some(json!(true)) {
                    let ty = map["type"].clone();
                    map.insert("type".into(), json!([ty, "null"]));
                }
                for (flag, bound) in [
                    ("exclusiveMinimum", "minimum"),
                    ("exclusiveMaximum", "maximum"),
                ] {
                    if map.remove(flag) == Some(json!(true)) {
                        let limit = map.remove(bound).unwrap();
                        map.insert(flag.into(), limit);
                    }
                }
                if let Some(example) = map.remove("example") {
                    map.insert("examples".into(), json!([example]));
                }
                if map.get("format") == Some(&json!("binary")) {
                    map.remove("format");
                    map.insert("contentMediaType".into(), json!("application/octet-stream"));
                }
            }
            for (key, child) in map.iter_mut() {
                match key.as_str() {
                    // Values, not schemas.
                    "examples" | "example" | "default" | "enum" => {}
                    // Maps of names to schemas.
                    "schemas" => each_schema(child),
                    "properties" if in_schema => each_schema(child),
                    "schema" | "items" | "additionalProperties" => convert_schemas(child, true),
                    _ => convert_schemas(child, false),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                convert_schemas(item, false);
            }
        }
        _ => {}
    }
}

fn each_schema(map: &mut Value) {
    if let Value::Object(map) = map {
        for schema in map.values_mut() {
            convert_schemas(schema, true);
        }
    }
}

/// The repository's own specs, converted to 3.1, generate the same client.
#[test]
fn the_repository_specs_as_31_generate_the_same_client() {
    let scratch = Scratch::new("openapi31");
    for name in ["hss", "swr"] {
        let original: PathBuf = workspace_root().join(format!("spec/{name}.json"));
        let mut doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&original).unwrap()).unwrap();
        to_31(&mut doc);
        let converted = scratch.0.join(format!("{name}.json"));
        std::fs::write(&converted, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        assert_same_api(&original, &converted);
    }
}

/// The converter above really produces 3.1 keywords (else the test above
/// would compare a file with itself).
#[test]
fn the_converter_writes_31_keywords() {
    let mut doc = json!({ "openapi": "3.0.3", "components": { "schemas": { "S": {
        "type": "object",
        "properties": {
            "a": { "type": "string", "nullable": true, "example": "x" },
            "b": { "type": "number", "minimum": 0, "exclusiveMinimum": true },
            "c": { "type": "string", "format": "binary" }
        }
    } } } });
    to_31(&mut doc);
    assert_eq!(
        doc["components"]["schemas"]["S"]["properties"],
        json!({
            "a": { "type": ["string", "null"], "examples": ["x"] },
            "b": { "type": "number", "exclusiveMinimum": 0 },
            "c": { "type": "string", "contentMediaType": "application/octet-stream" }
        })
    );
}

/// 3.1 lets a reference say that the field referring is read-only or
/// deprecated (3.0 cannot say it, so the twin above does not).
#[test]
fn annotations_beside_a_reference_mark_the_field() {
    let path = workspace_root().join("tests/fixtures/openapi31/gadgets-3.1.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let props = &mut doc["components"]["schemas"]["Gadget"]["properties"];
    props["owner"]["readOnly"] = json!(true);
    props["legacy_id"]["deprecated"] = json!(true);
    let loaded = hwcloud_codegen::load_str("gadgets.json", &doc.to_string());
    let service = loaded.service.expect("loads");
    let hwcloud_codegen::ir::NamedKind::Struct(gadget) =
        &service.type_by_name("Gadget").unwrap().kind
    else {
        panic!("Gadget is a struct")
    };
    let field = |name: &str| gadget.fields.iter().find(|f| f.name == name).unwrap();
    assert!(field("owner").read_only && !field("owner").deprecated);
    assert!(field("legacy_id").deprecated && !field("legacy_id").read_only);
}
