//! A table of broken specs: each case breaks a small valid spec in one way
//! and pins every diagnostic the strict loader (`lint --strict`) gives for
//! it, message and location. What the default, tolerant reading does with
//! such shapes is pinned in `tolerance.rs`.

use hwcloud_codegen::load_str_strict as load_str;
use serde_json::{json, Value};

/// A small spec that loads cleanly; each case changes it.
fn base() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Things", "version": "1" },
        "servers": [{ "url": "https://things.{region}.example.com", "variables": { "region": { "default": "r1" } } }],
        "paths": {
            "/v1/{project_id}/things/{id}": {
                "put": {
                    "operationId": "UpdateThing",
                    "parameters": [
                        { "name": "project_id", "in": "path", "required": true, "schema": { "type": "string" }, "x-sdk-auto-filled": true },
                        { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 10 } },
                        { "name": "offset", "in": "query", "schema": { "type": "integer", "minimum": 0 } }
                    ],
                    "requestBody": {
                        "required": true,
                        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } }
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Page" } } }
                        }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": { "type": "string", "minLength": 1, "maxLength": 5 },
                        "kind": { "type": "string", "enum": ["a", "b"] },
                        "note": { "type": "string" }
                    }
                },
                "Page": {
                    "type": "object",
                    "properties": {
                        "items": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" } },
                        "total": { "type": "integer" }
                    }
                }
            }
        }
    })
}

const OP: &str = "/paths/~1v1~1{project_id}~1things~1{id}/put";

fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let parent = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in the base spec"));
    match parent {
        Value::Object(map) => {
            map.insert(key.replace("~1", "/").replace("~0", "~"), value);
        }
        Value::Array(items) => {
            let i: usize = key.parse().expect("array index");
            if i == items.len() {
                items.push(value);
            } else {
                items[i] = value;
            }
        }
        _ => panic!("{parent} is not a container"),
    }
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("array index"));
        }
        _ => panic!("no {parent} in the base spec"),
    }
}

fn op(rest: &str) -> String {
    format!("{OP}{rest}")
}

/// Loads `doc` and returns its diagnostics, one line each.
fn lint(doc: &Value) -> Vec<String> {
    lint_text(&serde_json::to_string_pretty(doc).unwrap())
}

fn lint_text(text: &str) -> Vec<String> {
    let loaded = load_str("case.json", text);
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

fn case(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut doc = base();
    change(&mut doc);
    lint(&doc)
}

#[test]
fn the_base_spec_is_clean() {
    assert_eq!(lint(&base()), Vec::<String>::new());
}

#[test]
fn broken_specs() {
    let cases: Vec<(&str, Vec<String>, Vec<&str>)> = vec![
        (
            "JSON syntax error",
            lint_text("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n}\n,}"),
            vec!["error: case.json:5:2: the file is not valid JSON: trailing comma"],
        ),
        (
            "not an object",
            lint_text("[1, 2]"),
            vec!["error: case.json#/: the document must be a JSON object, not an array"],
        ),
        (
            "OpenAPI 3.2",
            case(|d| set(d, "/openapi", json!("3.2.0"))),
            vec!["error: case.json#/openapi: OpenAPI version `3.2.0` is not supported; this generator reads 3.0.x and 3.1.x"],
        ),
        (
            "3.1: a document that is 3.0 otherwise reads clean",
            case(|d| set(d, "/openapi", json!("3.1.0"))),
            vec![],
        ),
        (
            "3.1: info.summary and $comment are accepted",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, "/info/summary", json!("Things, briefly."));
                set(d, "/components/schemas/Thing/$comment", json!("kept for older clients"));
            }),
            vec![],
        ),
        (
            "a +json request body is JSON",
            case(|d| set(d, &op("/requestBody/content"), json!({ "application/merge-patch+json": { "schema": { "$ref": "#/components/schemas/Thing" } } }))),
            vec![],
        ),
        (
            "3.1: tuples",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, "/components/schemas/Thing/properties/note", json!({ "type": "array", "prefixItems": [{ "type": "string" }] }));
            }),
            vec!["error: case.json#/components/schemas/Thing/properties/note: an array without `items`: read as an array of any JSON values", "error: case.json#/components/schemas/Thing/properties/note/prefixItems: `prefixItems` on a schema: tuples (`prefixItems`) are not supported; use `items` with one schema"],
        ),
        (
            "3.1: a constraint beside $ref",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, "/components/schemas/Page/properties/items/items", json!({ "$ref": "#/components/schemas/Thing", "deprecated": true, "maxProperties": 2 }));
            }),
            vec!["error: case.json#/components/schemas/Page/properties/items/items: `maxProperties` beside `$ref` dropped: a reference stands for what it refers to, as it is"],
        ),
        (
            "3.1: exclusiveMinimum as a flag",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, &op("/parameters/2/schema/exclusiveMinimum"), json!(true));
            }),
            vec![&*format!("error: case.json#{}: in OpenAPI 3.1 `exclusiveMinimum` is the bound itself (a number), not a flag", op("/parameters/2/schema/exclusiveMinimum")).leak()],
        ),
        (
            "3.1: a schema example list that breaks the schema",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, "/components/schemas/Thing/properties/name/examples", json!(["ok", "far too long"]));
            }),
            vec!["warning: case.json#/components/schemas/Thing/properties/name/examples/1: example 1 of this schema does not match its schema: `example` has 12 characters; allowed: 1 to 5"],
        ),
        (
            "form body with a list field",
            case(|d| set(d, &op("/requestBody/content"), json!({ "multipart/form-data": { "schema": { "type": "object", "properties": { "tags": { "type": "array", "items": { "type": "string" } } } } } }))),
            vec![&*format!("error: case.json#{}: field `tags` of the form body of UpdateThing: a form field is text (a string, number, boolean or enum) or a file (`format: binary`)", op("/requestBody/content/multipart~1form-data/schema/properties/tags")).leak()],
        ),
        (
            "form body that is also JSON",
            case(|d| set(d, &op("/requestBody/content"), json!({ "multipart/form-data": { "schema": { "$ref": "#/components/schemas/Thing" } } }))),
            vec!["error: case.json#/components/schemas/Thing: `Thing` is the form body of UpdateThing and is also sent or received as JSON: give the form a schema of its own (its binary fields are files)"],
        ),
        (
            "form body that is not an object",
            case(|d| set(d, &op("/requestBody/content"), json!({ "multipart/form-data": { "schema": { "type": "string" } } }))),
            vec![&*format!("error: case.json#{}: the `multipart/form-data` body of UpdateThing must be an object: each of its fields is one part", op("/requestBody/content/multipart~1form-data/schema")).leak()],
        ),
        (
            "bytes body with an object schema",
            case(|d| set(d, &op("/requestBody/content"), json!({ "application/octet-stream": { "schema": { "$ref": "#/components/schemas/Thing" } } }))),
            vec![&*format!("error: case.json#{}: the `application/octet-stream` body is sent as it is: read as bytes (the schema describes their content)", op("/requestBody/content/application~1octet-stream/schema")).leak()],
        ),
        (
            "3.1: webhooks",
            case(|d| {
                set(d, "/openapi", json!("3.1.0"));
                set(d, "/webhooks", json!({ "thingAdded": { "post": { "responses": { "200": { "description": "ok" } } } } }));
            }),
            vec!["warning: case.json#/webhooks: webhooks are calls the service makes, not calls a client makes: none is generated"],
        ),
        (
            "3.0: webhooks",
            case(|d| set(d, "/webhooks", json!({}))),
            vec!["error: case.json#/webhooks: `webhooks` on the document: webhooks are OpenAPI 3.1 (this document declares 3.0)"],
        ),
        (
            "3.0: const",
            case(|d| set(d, "/components/schemas/Thing/properties/kind/const", json!("a"))),
            vec!["error: case.json#/components/schemas/Thing/properties/kind/const: `const` on a schema: `const` is OpenAPI 3.1 (this document declares 3.0); use a one-value `enum`"],
        ),
        (
            "crate link that is not a URL",
            case(|d| set(d, "/info/x-crate-links", json!({ "repository": "github: me/things" }))),
            vec!["error: case.json#/info/x-crate-links/repository: `github: me/things` is not an http(s) URL"],
        ),
        (
            "unknown crate link",
            case(|d| set(d, "/info/x-crate-links", json!({ "wiki": "https://example.com" }))),
            vec!["error: case.json#/info/x-crate-links: `x-crate-links` is malformed (at `wiki`): unknown field `wiki`, expected one of `repository`, `homepage`, `documentation`"],
        ),
        (
            "no paths",
            case(|d| remove(d, "/paths")),
            vec!["error: case.json#/: missing `paths`"],
        ),
        (
            "allOf of one object is read (it is merged, see tolerance.rs)",
            case(|d| set(d, "/components/schemas/Thing/allOf", json!([{ "type": "object" }]))),
            vec![],
        ),
        (
            "oneOf in a property",
            case(|d| set(d, "/components/schemas/Thing/properties/note", json!({ "oneOf": [{ "type": "string" }] }))),
            vec!["error: case.json#/components/schemas/Thing/properties/note/oneOf: `oneOf` on a schema: schema composition is not supported; write the object out"],
        ),
        (
            "cookie parameter",
            case(|d| set(d, &op("/parameters/4"), json!({ "name": "s", "in": "cookie", "schema": { "type": "string" } }))),
            vec![&*format!("error: case.json#{}: cookie parameters are not supported", op("/parameters/4/in")).leak()],
        ),
        (
            "misspelt operation key",
            case(|d| set(d, &op("/operationID"), json!("X"))),
            vec![&*format!("error: case.json#{}: unknown key `operationID` on an operation", op("/operationID")).leak()],
        ),
        (
            "unknown extension",
            case(|d| set(d, &op("/x-retry"), json!(true))),
            vec![&*format!("error: case.json#{}: unknown extension `x-retry`: the generator would ignore it (spec/README.md lists the supported ones)", op("/x-retry")).leak()],
        ),
        (
            "extension in the wrong place",
            case(|d| set(d, "/components/schemas/Thing/x-pagination", json!({}))),
            vec!["error: case.json#/components/schemas/Thing/x-pagination: `x-pagination` is not allowed on a schema; it belongs on an operation"],
        ),
        (
            "reference into another file",
            case(|d| set(d, &op("/requestBody/content/application~1json/schema"), json!({ "$ref": "other.json#/Thing" }))),
            vec![&*format!("error: case.json#{}: `other.json#/Thing`: only references into this file's `#/components/` are supported", op("/requestBody/content/application~1json/schema/$ref")).leak()],
        ),
        (
            "reference to a missing schema",
            case(|d| set(d, "/components/schemas/Page/properties/items/items", json!({ "$ref": "#/components/schemas/Thingy" }))),
            vec!["error: case.json#/components/schemas/Page/properties/items/items: `#/components/schemas/Thingy` does not exist"],
        ),
        (
            "operationId used twice",
            case(|d| {
                let put = d.pointer(OP).unwrap().clone();
                set(d, "/paths/~1v1~1{project_id}~1things~1{id}/post", put);
            }),
            vec!["error: case.json#/paths/~1v1~1{project_id}~1things~1{id}/post/operationId: operationId `UpdateThing` is used twice (also at /paths/~1v1~1{project_id}~1things~1{id}/put), or names the same Rust type as another"],
        ),
        (
            "path placeholder without a parameter",
            case(|d| remove(d, &op("/parameters/1"))),
            vec![&*format!("error: case.json#{OP}: the path has `{{id}}` but the operation declares no path parameter `id`").leak()],
        ),
        (
            "path parameter not in the path",
            case(|d| set(d, &op("/parameters/4"), json!({ "name": "zone", "in": "path", "required": true, "schema": { "type": "string" } }))),
            vec![&*format!("error: case.json#{OP}: path parameter `zone` does not appear in the path `/v1/{{project_id}}/things/{{id}}`: dropped").leak()],
        ),
        (
            "optional path parameter",
            case(|d| set(d, &op("/parameters/1/required"), json!(false))),
            vec![&*format!("error: case.json#{}: path parameter `id` must have `required: true`", op("/parameters/1")).leak()],
        ),
        (
            "minLength above maxLength",
            case(|d| set(d, "/components/schemas/Thing/properties/name/minLength", json!(9))),
            vec!["error: case.json#/components/schemas/Thing/properties/name: `minLength` (9) is greater than `maxLength` (5): no value can satisfy both"],
        ),
        (
            "minimum above maximum",
            case(|d| set(d, &op("/parameters/2/schema/minimum"), json!(11))),
            vec![&*format!("error: case.json#{}: `minimum` (11) is greater than `maximum` (10): no value can satisfy both", op("/parameters/2/schema")).leak()],
        ),
        (
            "pattern that does not compile",
            case(|d| set(d, "/components/schemas/Thing/properties/note/pattern", json!("^(a$"))),
            vec!["error: case.json#/components/schemas/Thing/properties/note/pattern: the pattern `^(a$` is not a valid ECMA-262 regular expression: Unbalanced parenthesis"],
        ),
        (
            "enum value listed twice",
            case(|d| set(d, "/components/schemas/Thing/properties/kind/enum", json!(["a", "b", "a"]))),
            vec!["error: case.json#/components/schemas/Thing/properties/kind: `a` is listed twice"],
        ),
        (
            "default outside the range",
            case(|d| set(d, &op("/parameters/2/schema/default"), json!(99))),
            vec![&*format!("error: case.json#{}: the default value is 99; allowed: 1 to 10 (documented as written; a client never sends a default)", op("/parameters/2/schema/default")).leak()],
        ),
        (
            "x-required-when names a missing field",
            case(|d| set(d, "/components/schemas/Thing/x-required-when", json!([{ "property": "colour", "equals": "red", "required": ["note"] }]))),
            vec!["error: case.json#/components/schemas/Thing/x-required-when/0: `property`: `colour` is not a field of this object"],
        ),
        (
            "x-required-when without `required`",
            case(|d| set(d, "/components/schemas/Thing/x-required-when", json!([{ "property": "kind", "equals": "a" }]))),
            vec!["error: case.json#/components/schemas/Thing/x-required-when: `x-required-when` is malformed (at `[0]`): missing field `required`"],
        ),
        (
            "x-required-when value the field can never take",
            case(|d| set(d, "/components/schemas/Thing/x-required-when", json!([{ "property": "kind", "equals": "c", "required": ["note"] }]))),
            vec!["error: case.json#/components/schemas/Thing/x-required-when/0: `equals` can never match: the value `c` is not one of `a`, `b`"],
        ),
        (
            "x-pagination names a missing parameter",
            case(|d| set(d, &op("/x-pagination"), json!({ "style": "offset-limit", "offset": "start", "limit": "limit", "items": "items", "total": "total" }))),
            vec![&*format!("error: case.json#{}: paging parameter `start` is not a query parameter of the operation", op("/x-pagination")).leak()],
        ),
        (
            "x-pagination over a nullable items field",
            case(|d| {
                set(d, &op("/x-pagination"), json!({ "style": "offset-limit", "offset": "offset", "limit": "limit", "items": "items", "total": "total" }));
                set(d, "/components/schemas/Page/properties/items/nullable", json!(true));
            }),
            vec![&*format!("error: case.json#{}: paging items field `items` must not be nullable", op("/x-pagination")).leak()],
        ),
        (
            "x-pagination style unknown",
            case(|d| set(d, &op("/x-pagination"), json!({ "style": "cursor", "offset": "offset", "limit": "limit", "items": "items" }))),
            vec![&*format!("error: case.json#{}: `x-pagination` is malformed (at `style`): unknown variant `cursor`, expected `offset-limit`", op("/x-pagination")).leak()],
        ),
        (
            "x-enum-varnames of the wrong length",
            case(|d| set(d, "/components/schemas/Thing/properties/kind/x-enum-varnames", json!(["A"]))),
            vec!["error: case.json#/components/schemas/Thing/properties/kind/x-enum-varnames: `x-enum-varnames` has 1 names for 2 enum values"],
        ),
        (
            "x-sdk-auto-filled that is not a boolean",
            case(|d| set(d, &op("/parameters/0/x-sdk-auto-filled"), json!("yes"))),
            vec![&*format!("error: case.json#{}: `x-sdk-auto-filled` is malformed: invalid type: string \"yes\", expected a boolean", op("/parameters/0/x-sdk-auto-filled")).leak()],
        ),
        (
            "keyword of another type",
            case(|d| set(d, "/components/schemas/Thing/properties/note/minimum", json!(1))),
            vec!["error: case.json#/components/schemas/Thing/properties/note: `minimum` cannot apply to `type: string`: dropped (JSON Schema ignores them)"],
        ),
        (
            "properties without a type",
            case(|d| remove(d, "/components/schemas/Page/type")),
            vec!["error: case.json#/components/schemas/Page: `properties` without `type`: read as `type: object`"],
        ),
        (
            "a list of types",
            case(|d| set(d, "/components/schemas/Thing/properties/note/type", json!(["string", "null"]))),
            vec!["error: case.json#/components/schemas/Thing/properties/note/type: a list of types is OpenAPI 3.1 (this document declares 3.0); write one type (and `nullable: true` for null)"],
        ),
        (
            "no success response",
            case(|d| {
                let ok = d.pointer(&op("/responses/200")).unwrap().clone();
                remove(d, &op("/responses/200"));
                set(d, &op("/responses/404"), ok);
            }),
            vec![&*format!("error: case.json#{}: the operation documents no answer below 400 (no success)", op("/responses")).leak()],
        ),
        (
            "required field that does not exist",
            case(|d| set(d, "/components/schemas/Thing/required", json!(["name", "colour"]))),
            vec!["error: case.json#/components/schemas/Thing/required: `colour` required but not in `properties`: dropped from `required`"],
        ),
        (
            "status code range",
            case(|d| {
                let ok = d.pointer(&op("/responses/200")).unwrap().clone();
                set(d, &op("/responses/4XX"), ok);
            }),
            vec![&*format!("error: case.json#{}: status code ranges are not supported; list each status", op("/responses/4XX")).leak()],
        ),
        (
            "unknown integer format",
            case(|d| set(d, &op("/parameters/3/schema/format"), json!("uint8"))),
            vec![&*format!("error: case.json#{}: `integer` format `uint8`: read as `int32`", op("/parameters/3/schema/format")).leak()],
        ),
        (
            "value of the wrong JSON type",
            case(|d| set(d, &op("/parameters/1/required"), json!("yes"))),
            vec![&*format!("error: case.json#{}: `required` must be a boolean, not a string", op("/parameters/1/required")).leak()],
        ),
        (
            "negative length",
            case(|d| set(d, "/components/schemas/Thing/properties/name/minLength", json!(-1))),
            vec!["error: case.json#/components/schemas/Thing/properties/name/minLength: `minLength` must be a whole number, 0 or more, not a number"],
        ),
        (
            "OAuth security scheme and an unknown requirement",
            case(|d| {
                set(d, "/components/securitySchemes", json!({ "oauth": { "type": "oauth2", "flows": {} } }));
            }),
            vec![
                "error: case.json#/components/securitySchemes/oauth/flows: `flows` on a security scheme: OAuth 2 flows are not supported",
                "error: case.json#/components/securitySchemes/oauth/type: security scheme type `oauth2` is not supported; use `apiKey` (a token or a signed header)",
            ],
        ),
        (
            "security requirement naming no scheme",
            case(|d| set(d, "/security", json!([{ "Signature": [] }]))),
            vec!["error: case.json#/security/0: security scheme `Signature` is not defined in `components.securitySchemes`: the requirement is dropped"],
        ),
        (
            "server variable missing",
            case(|d| remove(d, "/servers/0/variables")),
            vec!["error: case.json#/servers/0/url: `{region}` in the URL has no entry in `variables`"],
        ),
        (
            "x-wire-replace on a header",
            case(|d| set(d, &op("/parameters/4"), json!({ "name": "X-Tag", "in": "header", "schema": { "type": "string" }, "x-wire-replace": [{ "from": "/", "to": "$" }] }))),
            vec![&*format!("error: case.json#{}: `x-wire-replace` on header `X-Tag`: only path and query values are rewritten", op("/parameters/4/schema")).leak()],
        ),
        (
            "object parameter",
            case(|d| set(d, &op("/parameters/3/schema"), json!({ "$ref": "#/components/schemas/Thing" }))),
            vec![&*format!("error: case.json#{}: parameter `offset` must be a string, number, boolean, enum, or an array of those", op("/parameters/3/schema")).leak()],
        ),
        (
            "example that does not match (a warning only)",
            case(|d| set(d, &op("/requestBody/content/application~1json/examples"), json!({ "bad": { "value": { "name": "toolong", "kind": "c", "extra": 1 } } }))),
            vec![&*format!(
                "warning: case.json#{}: example `bad` of the request body of UpdateThing does not match its schema: `body.name` has 7 characters; allowed: 1 to 5; `body.kind` `c` is not one of `a`, `b`; `body.extra` is not a field of `Thing`",
                op("/requestBody/content/application~1json/examples/bad")
            ).leak()],
        ),
        (
            "schema-level example that contradicts its schema",
            case(|d| set(d, "/components/schemas/Thing/example", json!({ "name": "toolong" }))),
            vec!["warning: case.json#/components/schemas/Thing/example: the example of this schema does not match its schema: `example.name` has 7 characters; allowed: 1 to 5"],
        ),
        (
            "property example of the wrong type",
            case(|d| set(d, "/components/schemas/Page/properties/total/example", json!("many"))),
            vec!["warning: case.json#/components/schemas/Page/properties/total/example: the example of this schema does not match its schema: `example` should be an integer, but is a string"],
        ),
        (
            "parameter examples, inline and named",
            case(|d| {
                set(d, &op("/parameters/2/example"), json!(0));
                set(d, &op("/parameters/3/examples"), json!({ "neg": { "value": -1 }, "ok": { "value": 5 } }));
            }),
            vec![
                &*format!("warning: case.json#{}: the example of query parameter `limit` does not match its schema: `example` is 0; allowed: 1 to 10", op("/parameters/2/example")).leak(),
                &*format!("warning: case.json#{}: example `neg` of query parameter `offset` does not match its schema: `example` is -1; allowed: at least 0", op("/parameters/3/examples/neg")).leak(),
            ],
        ),
        (
            "a scope that is neither project nor domain",
            case(|d| set(d, "/info/x-hwcloud-scope", json!("account"))),
            vec!["error: case.json#/info/x-hwcloud-scope: `account` is not a scope (`project` or `domain`): the scope is taken from the ids the client fills, as without the extension"],
        ),
        (
            "a scope by another word that can only mean one: a repair, so an error when strict (tolerance.rs pins what it means)",
            case(|d| set(d, "/info/x-hwcloud-scope", json!("global"))),
            vec!["error: case.json#/info/x-hwcloud-scope: `global` is read as `domain` (the extension takes `project` or `domain`)"],
        ),
        (
            "an explicit domain scope draws no diagnostic (tolerance.rs pins what it means)",
            case(|d| set(d, "/info/x-hwcloud-scope", json!("domain"))),
            vec![],
        ),
    ];
    assert!(cases.len() >= 25, "the table keeps at least 25 cases");

    let mut failures = Vec::new();
    for (name, got, want) in &cases {
        if got != want {
            failures.push(format!(
                "case `{name}`:\n  want: {want:#?}\n  got:  {got:#?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_error_in_a_file_is_reported() {
    let got = case(|d| {
        set(
            d,
            "/components/schemas/Thing/properties/name/minLength",
            json!(9),
        );
        set(d, &op("/parameters/2/schema/minimum"), json!(11));
        set(
            d,
            "/components/schemas/Thing/properties/kind/enum",
            json!(["a", "a"]),
        );
    });
    assert_eq!(got.len(), 3, "{got:#?}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let loaded = hwcloud_codegen::load_file(std::path::Path::new("/nonexistent/spec.json"));
    assert!(loaded.service.is_none());
    let lines: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("error: /nonexistent/spec.json: cannot read the file: "),
        "{lines:?}"
    );
}
