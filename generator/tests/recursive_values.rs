//! A value of a type that contains itself, written with the generated API
//! (examples, quick start): the boxed field's setter takes the value, so the
//! nested value is built (`.build()?`), never handed over as a builder.

use hwcloud_codegen::emit::{emit_crate, CrateOptions};

#[test]
fn a_boxed_field_is_set_to_a_built_value() {
    let spec = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1", "x-service-id": "tree"},
        "servers": [{"url": "https://tree.example.com"}],
        "paths": {"/nodes": {"post": {"operationId": "CreateNode",
            "requestBody": {"required": true, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Node"},
                "examples": {"two": {"value": {"name": "root", "child": {"name": "leaf"}}}}}}},
            "responses": {"204": {"description": "created"}}}}},
        "components": {"schemas": {"Node": {"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"},
                "child": {"$ref": "#/components/schemas/Node"}}}}}
    });
    let loaded = hwcloud_codegen::load_str("tree.json", &spec.to_string());
    let service = loaded
        .service
        .unwrap_or_else(|| panic!("{}", loaded.diagnostics));
    let emitted = emit_crate(&[service], &CrateOptions::checkout_default()).unwrap();
    let example = emitted
        .files
        .iter()
        .find(|f| f.path == "examples/tree_create_node.rs")
        .expect("an example program for the operation");
    let text: String = example.contents.split_whitespace().collect();
    assert!(
        text.contains(".child(tree::Node::builder().name(\"leaf\").build()?)"),
        "{}",
        example.contents
    );
}
