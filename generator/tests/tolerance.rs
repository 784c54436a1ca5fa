//! Reading documents as others write them (spec/README.md, "Tolerance" and
//! "The vendor's own documents"): the vendor's dialect, shapes repaired with
//! a located warning, operations left out one at a time, and `--strict`,
//! which refuses all of that. The fixture is written here, in the shape the
//! vendor's documents have (none of their text).

use hwcloud_codegen::ir::{BodyEncoding, Method, ParamLocation, Type};
use hwcloud_codegen::{load_str, load_str_strict, Loaded};
use serde_json::{json, Value};

/// A service in the vendor's dialect: path items keyed by operation, the
/// real request in `x-url` / `x-method`, the host in `info.x-host`.
fn vendor_doc() -> Value {
    let token = json!({"name": "X-Auth-Token", "in": "header", "required": true, "schema": {"type": "string"}});
    let project =
        json!({"name": "project_id", "in": "path", "required": true, "schema": {"type": "string"}});
    let ok = json!({"200": {"description": "done"}});
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Gadgets", "version": "2025-01-01",
                 "x-host": "gadgets.{region}.myhuaweicloud.com", "x-host_prefix": "gadgets"},
        "servers": [{"url": "/"}],
        "paths": {
            "/StartGadget": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets/{gadget_id}/action",
                "x-method": "POST", "x-content-type": "application/json;charset=UTF-8",
                "post": {"operationId": "StartGadget", "x-is-registered": "Y",
                    "parameters": [token, project,
                        {"name": "gadget_id", "in": "path", "required": true, "type": "string"}],
                    "requestBody": {"content": {"application/json;charset=UTF-8": {"schema": {"$ref": "#/components/schemas/StartBody"}}}},
                    "responses": ok}
            },
            "/StopGadget": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets/{gadget_id}/action",
                "x-method": "POST",
                // `gadget_id` is not declared: read from the path.
                "post": {"operationId": "StopGadget", "parameters": [token, project],
                    "requestBody": {"content": {"application/json": {"schema": {"properties": {"stop": {"type": "object", "required": ["force"], "properties": {"force": {"type": "boolean", "enum": [true, false]}}}}}}}},
                    "responses": ok}
            },
            "/ListGadgets": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets", "x-method": "GET",
                "get": {"operationId": "ListGadgets",
                    "parameters": [token, project,
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int16", "default": "10"}}],
                    "responses": {"200": {"description": "the page",
                        "headers": {"X-Request-Id": {"type": "string"}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GadgetPage"}}}}}}
            },
            "/UploadManual": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets/{gadget_id}/manual", "x-method": "PUT",
                "x-content-type": "multipart/form-data",
                "put": {"operationId": "UploadManual", "parameters": [project,
                        {"name": "gadget_id", "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": "file", "in": "formData", "type": "file", "required": true},
                        {"name": "note", "in": "formData", "type": "string"}],
                    "responses": ok}
            },
            "/CheckGadget": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets/{gadget_id}", "x-method": "HEAD",
                "head": {"operationId": "CheckGadget", "parameters": [project,
                        {"name": "gadget_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": ok}
            },
            "/ImportGadget": {
                "x-url": "{endpoint}/v1/{project_id}/gadgets/import", "x-method": "POST",
                "post": {"operationId": "ImportGadget", "parameters": [project],
                    "requestBody": {"content": {"*/*": {"schema": {"type": "object"}}}},
                    "responses": ok}
            },
            // Cannot be generated: a reference to nothing, and an XML body.
            "/ShowGhost": {
                "x-url": "{endpoint}/v1/{project_id}/ghosts", "x-method": "GET",
                "get": {"operationId": "ShowGhost", "parameters": [project],
                    "responses": {"200": {"description": "a ghost", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ghost"}}}}}}
            },
            "/PutXml": {
                "x-url": "{endpoint}/v1/{project_id}/xml", "x-method": "PUT",
                "put": {"operationId": "PutXml", "parameters": [project],
                    "requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}},
                    "responses": ok}
            }
        },
        "components": {"schemas": {
            "Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 64}}},
            "StartBody": {"allOf": [{"$ref": "#/components/schemas/Named"},
                {"type": "object", "properties": {"delay": {"type": "integer", "format": "uint32"}}}]},
            "Gadget": {"properties": {"id": {"type": "string"},
                "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Gadget"}},
                "parent": {"$ref": "#/components/schemas/Gadget", "type": "object"}}},
            "GadgetPage": {"type": "object", "required": ["gadgets", "count"], "properties": {
                "gadgets": {"type": "array", "items": {"$ref": "#/components/schemas/Gadget"}}}}
        }}
    })
}

fn load(doc: &Value) -> Loaded {
    load_str("gadgets.json", &doc.to_string())
}

fn lines(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn the_vendors_dialect_is_read_as_written() {
    let loaded = load(&vendor_doc());
    let service = loaded
        .service
        .as_ref()
        .unwrap_or_else(|| panic!("{}", loaded.diagnostics));
    assert_eq!(
        loaded.diagnostics.error_count(),
        0,
        "{}",
        loaded.diagnostics
    );
    assert_eq!(
        service.servers[0].url,
        "https://gadgets.{region}.myhuaweicloud.com"
    );

    // Two "action" operations on one method and path, each its own call.
    let start = service.operation("StartGadget").unwrap();
    let stop = service.operation("StopGadget").unwrap();
    assert_eq!((start.method, stop.method), (Method::Post, Method::Post));
    assert_eq!(start.path, "/v1/{project_id}/gadgets/{gadget_id}/action");
    assert_eq!(stop.path, start.path);

    // The token header is authentication; the project id is filled in.
    for op in &service.operations {
        let token = op.param("X-Auth-Token", ParamLocation::Header);
        assert!(token.is_none_or(|p| p.auto_filled), "{}", op.id);
        let project = op.param("project_id", ParamLocation::Path).unwrap();
        assert!(project.auto_filled, "{}", op.id);
    }
    // Declared from the path where the document forgot it.
    let gadget_id = stop.param("gadget_id", ParamLocation::Path).unwrap();
    assert!(gadget_id.required && matches!(gadget_id.schema.ty, Type::String(_)));

    let check = service.operation("CheckGadget").unwrap();
    assert_eq!(check.method, Method::Head);
    let upload = service.operation("UploadManual").unwrap();
    assert_eq!(upload.body.as_ref().unwrap().encoding, BodyEncoding::Form);
    let import = service.operation("ImportGadget").unwrap();
    assert_eq!(import.body.as_ref().unwrap().schema.ty, Type::Binary);
}

#[test]
fn all_of_is_one_struct_and_loops_are_boxed() {
    let loaded = load(&vendor_doc());
    let service = loaded.service.unwrap();
    let fields = |name: &str| match &service.type_by_name(name).unwrap().kind {
        hwcloud_codegen::ir::NamedKind::Struct(s) => s.fields.clone(),
        _ => panic!("{name} is a struct"),
    };
    let start: Vec<(String, bool)> = fields("StartBody")
        .iter()
        .map(|f| (f.name.clone(), f.required))
        .collect();
    assert_eq!(
        start,
        [("name".to_owned(), true), ("delay".to_owned(), false)]
    );
    let gadget = fields("Gadget");
    let boxed: Vec<(&str, bool)> = gadget.iter().map(|f| (f.name.as_str(), f.boxed)).collect();
    // A list of itself is on the heap already; a field of itself is boxed.
    assert_eq!(boxed, [("id", false), ("parts", false), ("parent", true)]);
}

#[test]
fn repairs_are_located_warnings_saying_what_was_assumed() {
    let got = lines(&load(&vendor_doc()));
    let expected = [
        "warning: gadgets.json#/paths/~1StartGadget/post/parameters/2: Swagger 2.0 `type` on the parameter: read as its `schema`",
        "warning: gadgets.json#/paths/~1StopGadget/post/parameters: path parameter `gadget_id` (in `/v1/{project_id}/gadgets/{gadget_id}/action`) is not declared: read as a required string",
        "warning: gadgets.json#/paths/~1StopGadget/post/requestBody/content/application~1json/schema: `properties` without `type`: read as `type: object`",
        "warning: gadgets.json#/paths/~1StopGadget/post/requestBody/content/application~1json/schema/properties/stop/properties/force/enum: an `enum` on a boolean: dropped (read as any boolean)",
        "warning: gadgets.json#/paths/~1ListGadgets/get/parameters/2: Swagger 2.0 `collectionFormat: csv`: read as repeated keys (`k=a&k=b`), as the vendor's SDKs send every list in the query",
        "warning: gadgets.json#/paths/~1ListGadgets/get/parameters/3/schema/format: `integer` format `int16`: read as `int32`",
        "warning: gadgets.json#/paths/~1ListGadgets/get/parameters/3/schema/default: default \"10\" is not of `type: integer`: read as 10",
        "warning: gadgets.json#/paths/~1ListGadgets/get/responses/200/headers/X-Request-Id: `type` on a response header: read as its `schema` (style keywords dropped: a header is one value)",
        "warning: gadgets.json#/paths/~1UploadManual/put/parameters/2/in: `in: formData` is Swagger 2.0: `file` read as a field of a form body",
        "warning: gadgets.json#/components/schemas/Gadget/properties/parent: `type` beside `$ref` dropped: a reference stands for what it refers to, as it is",
        "warning: gadgets.json#/components/schemas/Gadget: `properties` without `type`: read as `type: object`",
        "warning: gadgets.json#/components/schemas/GadgetPage/required: `count` required but not in `properties`: dropped from `required`",
        "warning: gadgets.json#/components/schemas/StartBody/allOf/1/properties/delay/format: `integer` format `uint32`: read as `int64`",
        "warning: gadgets.json#/paths/~1ImportGadget/post/requestBody/content/*~1*: `*/*` is read as bytes, sent or received as they are",
    ];
    for line in expected {
        assert!(
            got.iter().any(|g| g == line),
            "missing: {line}\ngot:\n{}",
            got.join("\n")
        );
    }
    assert!(
        got.iter().all(|l| l.starts_with("warning: gadgets.json#/")),
        "{got:#?}"
    );
}

#[test]
fn an_operation_that_cannot_be_generated_is_left_out_alone() {
    let loaded = load(&vendor_doc());
    let service = loaded.service.as_ref().unwrap();
    assert!(service.operation("ShowGhost").is_none() && service.operation("PutXml").is_none());
    assert_eq!(service.operations.len(), 6);
    let left: Vec<(&str, &str, &str)> = service
        .left_out
        .iter()
        .map(|l| (l.id.as_str(), l.method.as_str(), l.path.as_str()))
        .collect();
    assert_eq!(
        left,
        [
            ("PutXml", "PUT", "/v1/{project_id}/xml"),
            ("ShowGhost", "GET", "/v1/{project_id}/ghosts")
        ]
    );
    assert!(service.left_out[1]
        .reason
        .contains("`#/components/schemas/Ghost` does not exist"));
    let got = lines(&loaded);
    assert!(
        got.iter().any(|l| l.starts_with(
            "warning: gadgets.json#/paths/~1ShowGhost/get: operation `ShowGhost` is left out: "
        )),
        "{got:#?}"
    );
    assert!(got.iter().any(|l| l.starts_with(
        "warning: gadgets.json#/paths/~1PutXml/put: operation `PutXml` is left out: no supported media type"
    )), "{got:#?}");
}

#[test]
fn the_generated_docs_list_what_was_left_out() {
    let dir = std::env::temp_dir().join(format!("hwcloud-tolerance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("gadgets.json");
    std::fs::write(&spec, vendor_doc().to_string()).unwrap();
    let code = hwcloud_codegen::Builder::new()
        .spec(&spec)
        .cargo_output(false)
        .generate()
        .unwrap();
    assert!(
        code.contains("# Not generated"),
        "a section of the module docs"
    );
    assert!(code.contains("`PutXml` (PUT `/v1/{project_id}/xml`): no supported media type"));
    assert!(code.contains("pub struct StopGadgetRequest"));
    let strict = hwcloud_codegen::Builder::new()
        .spec(&spec)
        .strict(true)
        .cargo_output(false)
        .generate();
    assert!(strict.is_err());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn strict_reading_refuses_every_repair_and_leaves_nothing_out() {
    let loaded = load_str_strict("gadgets.json", &vendor_doc().to_string());
    assert!(loaded.service.is_none());
    let got = lines(&loaded);
    assert!(got
        .iter()
        .all(|l| l.starts_with("error: ") || l.starts_with("warning: ")));
    // Each repair of the tolerant reading is one of its errors.
    assert!(got.contains(&"error: gadgets.json#/paths/~1ListGadgets/get/parameters/3/schema/format: `integer` format `int16`: read as `int32`".to_owned()), "{got:#?}");
    // Unknown extensions are errors too.
    assert!(
        got.iter()
            .any(|l| l.contains("unknown extension `x-is-registered`")),
        "{got:#?}"
    );
    assert!(!got.iter().any(|l| l.contains("is left out")), "{got:#?}");
}

#[test]
fn a_document_that_is_not_json_is_an_error_with_line_and_column() {
    let loaded = load_str("broken.json", "{\n  \"openapi\": \"3.0.0\",\n}\n");
    assert!(loaded.service.is_none());
    assert_eq!(
        lines(&loaded),
        ["error: broken.json:3:1: the file is not valid JSON: trailing comma"]
    );
}

#[test]
fn a_service_whose_every_operation_fails_is_refused() {
    let mut doc = vendor_doc();
    let paths = doc["paths"].as_object_mut().unwrap();
    paths.retain(|key, _| key == "/ShowGhost" || key == "/PutXml");
    let loaded = load(&doc);
    assert!(loaded.service.is_none());
    assert_eq!(
        loaded.diagnostics.error_count(),
        2,
        "{}",
        loaded.diagnostics
    );
}

#[test]
fn smaller_readings_each_pinned() {
    let doc = json!({
        "openapi": "3.0.0",
        "info": {"title": "Versions", "version": "1", "x-host": "v.example.com"},
        "paths": {
            "/ListVersions": {
                "x-url": "{endpoint}/", "x-method": "POST",
                // The version listing answers 300: that is its success.
                "get": {"operationId": "ListVersions", "responses": {
                    "300": {"description": "versions", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {
                            "labels": {"$ref": "#/components/schemas/Map«string,string»"},
                            "error": {"$ref": "definitions/Error"}}}}}},
                    "400": {"description": "bad"}}}
            },
            "/PutBlob": {
                "x-url": "{endpoint}/blobs", "x-method": "PUT", "x-content-type": "application/octet-stream",
                "put": {"operationId": "PutBlob", "parameters": [
                    {"name": "blob", "in": "body", "required": true, "schema": {"type": "string", "format": "binary"}}],
                    "responses": {"204": {"description": "stored"}}}
            }
        },
        "components": {"schemas": {"Error": {"type": "object", "properties": {"code": {"type": "string"}}}}}
    });
    let loaded = load(&doc);
    let service = loaded
        .service
        .as_ref()
        .unwrap_or_else(|| panic!("{}", loaded.diagnostics));
    let got = lines(&loaded);
    let list = service.operation("ListVersions").unwrap();
    assert_eq!(list.method, Method::Get, "the method it is written under");
    assert!(
        got.iter()
            .any(|l| l.contains("`x-method` says `post` but the operation is written under `get`")),
        "{got:#?}"
    );
    assert!(list
        .responses
        .iter()
        .any(|r| r.status == hwcloud_codegen::ir::Status::Code(300) && r.body.is_some()));
    assert!(got.iter().any(|l| l.contains("`#/components/schemas/Map«string,string»` points nowhere; it names a Java generic type")), "{got:#?}");
    assert!(
        got.iter().any(|l| l
            .contains("`definitions/Error` points nowhere: read as `#/components/schemas/Error`")),
        "{got:#?}"
    );
    // An `in: body` parameter keeps the media type `x-content-type` names.
    let put = service.operation("PutBlob").unwrap();
    let body = put.body.as_ref().unwrap();
    assert_eq!(
        (body.content_type.as_str(), body.encoding),
        ("application/octet-stream", BodyEncoding::Bytes)
    );
}

/// A security requirement naming several schemes at once (all of them
/// together) is read as each of them, with a located warning: the client
/// authenticates with what it is configured for. It used to refuse the
/// whole service (the document's global `security` belongs to no operation).
#[test]
fn a_requirement_of_several_schemes_is_read_with_a_warning() {
    let mut doc = vendor_doc();
    doc["components"]["securitySchemes"] = json!({
        "token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"},
        "other": {"type": "apiKey", "in": "header", "name": "X-Other"}});
    doc["security"] = json!([{"token": [], "other": []}]);
    let loaded = load(&doc);
    assert!(loaded.service.is_some(), "{}", loaded.diagnostics);
    assert!(
        lines(&loaded)
            .iter()
            .any(|l| l.contains("#/security/0") && l.contains("several schemes at once")),
        "{:?}",
        lines(&loaded)
    );
    let strict = load_str_strict("gadgets.json", &doc.to_string());
    assert!(
        strict.service.is_none(),
        "strict reading refuses every repair"
    );
}

/// `info.x-hwcloud-scope` is read as written, over what the paths suggest.
#[test]
fn a_declared_scope_wins_over_the_paths() {
    let mut doc = vendor_doc();
    let inferred = load(&doc).service.unwrap();
    assert_eq!(inferred.scope, hwcloud_codegen::ir::Scope::Project);
    doc["info"]["x-hwcloud-scope"] = json!("domain");
    let declared = load(&doc).service.unwrap();
    assert_eq!(declared.scope, hwcloud_codegen::ir::Scope::Domain);
    // A word that can only mean one scope is read as that scope, in the
    // vendor's dialect (whose paths name the client-filled id) too.
    for (written, scope) in [
        ("global", hwcloud_codegen::ir::Scope::Domain),
        ("Regional", hwcloud_codegen::ir::Scope::Project),
        ("DOMAIN", hwcloud_codegen::ir::Scope::Domain),
    ] {
        doc["info"]["x-hwcloud-scope"] = json!(written);
        let loaded = load(&doc);
        let service = loaded.service.unwrap();
        assert_eq!(service.scope, scope, "{written}");
        // The document's paths name `{project_id}`: the client fills it
        // for a regional service only.
        let fills_project = service
            .operations
            .iter()
            .flat_map(|op| &op.params)
            .any(|p| p.auto_filled && p.name == "project_id");
        assert_eq!(
            fills_project,
            scope == hwcloud_codegen::ir::Scope::Project,
            "{written}"
        );
        assert!(
            loaded
                .diagnostics
                .to_string()
                .contains(&format!("`{written}` is read as")),
            "{}",
            loaded.diagnostics
        );
    }
    // A word that names no scope is read as if absent, with a warning: the
    // service is not refused for it.
    doc["info"]["x-hwcloud-scope"] = json!("account");
    let loaded = load(&doc);
    assert!(
        loaded
            .diagnostics
            .to_string()
            .contains("`account` is not a scope"),
        "{}",
        loaded.diagnostics
    );
    assert_eq!(
        loaded.service.unwrap().scope,
        hwcloud_codegen::ir::Scope::Project
    );
}
