//! `diff`: a table of spec changes, each made by a small JSON edit of
//! spec/hss.json or spec/swr.json, with the exact changes and bump that
//! must be reported; then the command line's exit codes and JSON, and a
//! check that the emitter still writes the API the verdicts assume.

mod common;

use common::{codegen, workspace_root, Scratch};
use hwcloud_codegen::diff::{self, Bump, Report, Version};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn spec(name: &str) -> Value {
    let path = workspace_root().join("spec").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The value at a JSON pointer (`~1` for `/`), which must exist.
fn at<'a>(doc: &'a mut Value, pointer: &str) -> &'a mut Value {
    doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the spec"))
}

fn object<'a>(doc: &'a mut Value, pointer: &str) -> &'a mut serde_json::Map<String, Value> {
    at(doc, pointer)
        .as_object_mut()
        .unwrap_or_else(|| panic!("{pointer} is not an object"))
}

fn array<'a>(doc: &'a mut Value, pointer: &str) -> &'a mut Vec<Value> {
    at(doc, pointer)
        .as_array_mut()
        .unwrap_or_else(|| panic!("{pointer} is not an array"))
}

const LIST: &str = "/paths/~1v5~1{project_id}~1image~1registries/get";
const ADD: &str = "/paths/~1v5~1{project_id}~1image~1registries/post";
const UPDATE_PATH: &str = "/paths/~1v5~1{project_id}~1image~1registries~1{id}";
const SCHEMAS: &str = "/components/schemas";
const INSTANCE: &str =
    "/paths/~1v2~1{project_id}~1instances~1{instance_id}~1registries~1{registry_id}/put";
const USER_AUTH: &str =
    "/paths/~1v2~1manage~1namespaces~1{namespace}~1repos~1{repository}~1access/patch";

/// Index of the `limit` parameter in ListRegistry's list.
const LIMIT: usize = 3;

/// Replaces every `{"$ref": "#/components/<section>/X"}` under `paths` by
/// the component itself, then drops the section: a pure refactor.
fn inline_refs(doc: &mut Value, section: &str) {
    let components = doc["components"][section].clone();
    let prefix = format!("#/components/{section}/");
    fn walk(value: &mut Value, prefix: &str, components: &Value) {
        if let Some(name) = value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(prefix))
        {
            *value = components[name].clone();
            return;
        }
        match value {
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, prefix, components)),
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, prefix, components)),
            _ => {}
        }
    }
    walk(&mut doc["paths"], &prefix, &components);
    object(doc, "/components").remove(section);
}

/// One row of the table: the edit, and what `diff` must say about it.
struct Case {
    name: &'static str,
    spec: &'static str,
    /// Applied to both versions first (to set up a situation).
    both: fn(&mut Value),
    /// Applied to the old version only (a removal, read backwards, is an
    /// addition).
    old: fn(&mut Value),
    /// Applied to the new version only.
    new: fn(&mut Value),
    /// Every change: (location, kind, severity).
    want: &'static [(&'static str, &'static str, &'static str)],
    /// The bump from 0.1.0.
    bump: Bump,
}

fn nothing(_: &mut Value) {}

const BASE: Case = Case {
    name: "",
    spec: "hss.json",
    both: nothing,
    old: nothing,
    new: nothing,
    want: &[],
    bump: Bump::None,
};

const BREAKING: &str = "breaking";
const COMPATIBLE: &str = "compatible";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "identical hss",
            ..BASE
        },
        Case {
            name: "identical swr",
            spec: "swr.json",
            ..BASE
        },
        Case {
            name: "response $refs inlined",
            spec: "swr.json",
            new: |d| inline_refs(d, "responses"),
            ..BASE
        },
        Case {
            name: "parameter $refs inlined",
            new: |d| inline_refs(d, "parameters"),
            ..BASE
        },
        Case {
            name: "a plain string schema moved into components",
            new: |d| {
                object(d, SCHEMAS).insert(
                    "RegistryName".into(),
                    json!({"type": "string", "minLength": 1, "maxLength": 128}),
                );
                *at(d, &format!("{LIST}/parameters/4/schema")) =
                    json!({"$ref": "#/components/schemas/RegistryName"});
            },
            ..BASE
        },
        Case {
            name: "description only",
            new: |d| {
                *at(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/images_num/description"),
                ) = json!("How many images the registry holds.");
            },
            want: &[(
                "schema RegistryInfo field images_num",
                "docs-changed",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "operation added",
            new: |d| {
                object(d, UPDATE_PATH).insert(
                    "delete".into(),
                    json!({
                        "operationId": "DeleteRegistry",
                        "parameters": [
                            {"$ref": "#/components/parameters/ProjectId"},
                            {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
                        ],
                        "responses": {"204": {"description": "Deleted."}}
                    }),
                );
            },
            want: &[("DeleteRegistry", "operation-added", COMPATIBLE)],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "operation removed",
            new: |d| {
                object(d, "/paths").remove("/v5/{project_id}/image/registries/{id}");
            },
            want: &[("UpdateRegistry", "operation-removed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "method changed",
            new: |d| {
                let path = object(d, UPDATE_PATH);
                let put = path.remove("put").unwrap();
                path.insert("patch".into(), put);
            },
            want: &[("UpdateRegistry", "method-changed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "path changed",
            new: |d| {
                let paths = object(d, "/paths");
                let item = paths
                    .remove("/v5/{project_id}/image/registries/{id}")
                    .unwrap();
                paths.insert("/v5/{project_id}/image/registry/{id}".into(), item);
            },
            want: &[("UpdateRegistry", "path-changed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "optional query parameter added",
            new: |d| {
                array(d, &format!("{LIST}/parameters"))
                    .push(json!({"name": "sort_key", "in": "query", "schema": {"type": "string"}}));
            },
            want: &[(
                "ListRegistry query parameter sort_key",
                "parameter-added",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "required header parameter added",
            new: |d| {
                array(d, &format!("{ADD}/parameters")).push(json!({
                    "name": "X-Client-Token", "in": "header", "required": true,
                    "schema": {"type": "string"}
                }));
            },
            want: &[(
                "AddRegistry header parameter X-Client-Token",
                "parameter-added",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "parameter removed",
            new: |d| {
                array(d, &format!("{LIST}/parameters")).remove(7);
            },
            want: &[(
                "ListRegistry query parameter registry_addr",
                "parameter-removed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "request range narrowed",
            new: |d| *at(d, &format!("{LIST}/parameters/{LIMIT}/schema/maximum")) = json!(100),
            want: &[(
                "ListRegistry query parameter limit",
                "constraint-tightened",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "request range widened",
            new: |d| *at(d, &format!("{LIST}/parameters/{LIMIT}/schema/maximum")) = json!(500),
            want: &[(
                "ListRegistry query parameter limit",
                "constraint-loosened",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "response range narrowed",
            new: |d| {
                *at(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/images_num/maximum"),
                ) = json!(10000);
            },
            want: &[(
                "schema RegistryInfo field images_num",
                "constraint-tightened",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "range narrowed on a type in requests and responses",
            both: |d| {
                *at(
                    d,
                    &format!("{UPDATE_PATH}/put/requestBody/content/application~1json/schema"),
                ) = json!({"$ref": "#/components/schemas/RegistryInfo"});
                object(
                    d,
                    &format!("{UPDATE_PATH}/put/requestBody/content/application~1json"),
                )
                .remove("examples");
            },
            new: |d| {
                *at(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/images_num/maximum"),
                ) = json!(10000);
            },
            want: &[(
                "schema RegistryInfo field images_num",
                "constraint-tightened",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "optional request field added",
            new: |d| {
                object(d, &format!("{SCHEMAS}/AddRegistryRequestBody/properties"))
                    .insert("note".into(), json!({"type": "string"}));
            },
            want: &[(
                "schema AddRegistryRequestBody field note",
                "field-added",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "required request field added",
            new: |d| {
                object(d, &format!("{SCHEMAS}/AddRegistryRequestBody/properties"))
                    .insert("note".into(), json!({"type": "string"}));
                array(d, &format!("{SCHEMAS}/AddRegistryRequestBody/required")).push(json!("note"));
            },
            want: &[(
                "schema AddRegistryRequestBody field note",
                "field-added",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "response field added",
            new: |d| {
                object(d, &format!("{SCHEMAS}/RegistryInfo/properties")).insert(
                    "created_at".into(),
                    json!({"type": "integer", "format": "int64"}),
                );
            },
            want: &[(
                "schema RegistryInfo field created_at",
                "field-added",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "required response field added where every field was optional",
            new: |d| {
                let info = object(d, &format!("{SCHEMAS}/RegistryInfo"));
                info.insert("required".into(), json!(["created_at"]));
                object(d, &format!("{SCHEMAS}/RegistryInfo/properties"))
                    .insert("created_at".into(), json!({"type": "integer"}));
            },
            want: &[(
                "schema RegistryInfo field created_at",
                "field-added",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "response field removed",
            new: |d| {
                object(d, &format!("{SCHEMAS}/RegistryInfo/properties")).remove("images_num");
            },
            want: &[(
                "schema RegistryInfo field images_num",
                "field-removed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "request field became required",
            new: |d| {
                array(d, &format!("{SCHEMAS}/AddRegistryRequestBody/required"))
                    .push(json!("namespace"));
            },
            want: &[(
                "schema AddRegistryRequestBody field namespace",
                "became-required",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "integer widened to int64",
            new: |d| {
                *at(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/images_num/format"),
                ) = json!("int64");
            },
            want: &[(
                "schema RegistryInfo field images_num",
                "type-changed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "string format that does not change the Rust type",
            new: |d| {
                object(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/registry_addr"),
                )
                .insert("format".into(), json!("uri"));
            },
            want: &[(
                "schema RegistryInfo field registry_addr",
                "format-changed",
                COMPATIBLE,
            )],
            bump: Bump::None,
            ..BASE
        },
        Case {
            name: "field now refers to another enum",
            new: |d| {
                *at(
                    d,
                    &format!("{SCHEMAS}/AddRegistryRequestBody/properties/registry_type/$ref"),
                ) = json!("#/components/schemas/RegistryType");
            },
            want: &[(
                "schema AddRegistryRequestBody field registry_type",
                "type-changed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "enum value added on the request side",
            new: |d| {
                array(d, &format!("{SCHEMAS}/ThirdPartyRegistryType/enum")).push(json!("Quay"))
            },
            want: &[(
                "schema ThirdPartyRegistryType",
                "enum-value-added",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "enum value added on the response side",
            new: |d| array(d, &format!("{SCHEMAS}/RegistryFailReason/enum")).push(json!("TIMEOUT")),
            want: &[("schema RegistryFailReason", "enum-value-added", COMPATIBLE)],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "enum value removed on the request side",
            new: |d| {
                array(d, &format!("{SCHEMAS}/ThirdPartyRegistryType/enum")).pop();
            },
            want: &[(
                "schema ThirdPartyRegistryType",
                "enum-value-removed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "integer enum variant renamed",
            spec: "swr.json",
            new: |d| *at(d, &format!("{SCHEMAS}/AuthLevel/x-enum-varnames/0")) = json!("Admin"),
            want: &[("schema AuthLevel", "enum-variant-renamed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "default changed",
            new: |d| *at(d, &format!("{LIST}/parameters/{LIMIT}/schema/default")) = json!(20),
            want: &[(
                "ListRegistry query parameter limit",
                "default-changed",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "response field became nullable",
            new: |d| {
                object(
                    d,
                    &format!("{SCHEMAS}/RegistryInfo/properties/registry_name"),
                )
                .insert("nullable".into(), json!(true));
            },
            want: &[(
                "schema RegistryInfo field registry_name",
                "nullable-changed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "response status added",
            new: |d| {
                object(d, &format!("{LIST}/responses"))
                    .insert("400".into(), json!({"description": "Invalid request."}));
            },
            want: &[("ListRegistry response 400", "response-added", COMPATIBLE)],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "second success status added",
            new: |d| {
                object(d, &format!("{LIST}/responses")).insert(
                    "202".into(),
                    json!({"description": "Accepted, listed later."}),
                );
            },
            want: &[("ListRegistry response 202", "response-added", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "error status added beside typed errors",
            spec: "swr.json",
            new: |d| {
                object(d, &format!("{INSTANCE}/responses"))
                    .insert("409".into(), json!({"description": "Conflict."}));
            },
            want: &[(
                "UpdateInstanceRegistry response 409",
                "response-added",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "response status removed",
            spec: "swr.json",
            new: |d| {
                object(d, &format!("{INSTANCE}/responses")).remove("404");
            },
            want: &[(
                "UpdateInstanceRegistry response 404",
                "response-removed",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "request body added",
            old: |d| {
                object(d, ADD).remove("requestBody");
            },
            want: &[("AddRegistry request body", "request-body-added", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "x-required-when rule dropped",
            new: |d| {
                object(d, &format!("{SCHEMAS}/AddRegistryRequestBody")).remove("x-required-when");
            },
            want: &[(
                "schema AddRegistryRequestBody",
                "constraint-loosened",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "pattern added to a request field",
            spec: "swr.json",
            new: |d| {
                object(
                    d,
                    &format!("{SCHEMAS}/UpdateRegistryRequestBody/properties/url"),
                )
                .insert("pattern".into(), json!("^https?://.+$"));
            },
            want: &[(
                "schema UpdateRegistryRequestBody field url",
                "constraint-tightened",
                BREAKING,
            )],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "pagination removed",
            new: |d| {
                object(d, LIST).remove("x-pagination");
            },
            want: &[("ListRegistry pagination", "pagination-removed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            name: "operation deprecated",
            new: |d| {
                object(d, LIST).insert("deprecated".into(), json!(true));
            },
            want: &[("ListRegistry", "deprecated", COMPATIBLE)],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "header parameter moved to the query",
            spec: "swr.json",
            new: |d| *at(d, &format!("{USER_AUTH}/parameters/2/in")) = json!("query"),
            want: &[(
                "UpdateUserRepositoryAuth parameter Content-Type",
                "parameter-moved",
                COMPATIBLE,
            )],
            bump: Bump::Patch,
            ..BASE
        },
        Case {
            name: "auth scheme removed",
            new: |d| {
                object(d, "/components/securitySchemes").remove("XAuthToken");
                array(d, "/security").remove(0);
            },
            want: &[("auth scheme XAuthToken", "auth-scheme-removed", COMPATIBLE)],
            bump: Bump::None,
            ..BASE
        },
        Case {
            name: "server URL changed",
            new: |d| {
                *at(d, "/servers/0/url") = json!("https://hss.{region}.myhuaweicloud.eu");
            },
            want: &[("server", "server-changed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            // Tags are cargo features only with `--features-per-tag`
            // (`tags_are_features_in_a_crate_with_a_feature_per_tag`).
            name: "tags moved between operations",
            new: |d| {
                *at(d, "/paths/~1v5~1{project_id}~1image~1registries/get/tags") =
                    json!(["ImageRegistry", "Scan"]);
                *at(
                    d,
                    "/paths/~1v5~1{project_id}~1image~1registries~1{id}/put/tags",
                ) = json!(["Scan"]);
            },
            want: &[
                ("tag Scan", "tag-added", COMPATIBLE),
                ("ListRegistry", "operation-tag-added", COMPATIBLE),
                ("UpdateRegistry", "operation-tag-added", COMPATIBLE),
                ("UpdateRegistry", "operation-tag-removed", COMPATIBLE),
            ],
            bump: Bump::None,
            ..BASE
        },
        Case {
            name: "an untagged operation tagged",
            both: |d| {
                object(d, "/paths/~1v5~1{project_id}~1image~1registries/post").remove("tags");
            },
            new: |d| {
                object(d, "/paths/~1v5~1{project_id}~1image~1registries/post")
                    .insert("tags".into(), json!(["ImageRegistry"]));
            },
            want: &[("AddRegistry", "operation-tagged", COMPATIBLE)],
            bump: Bump::None,
            ..BASE
        },
        Case {
            name: "service made global",
            new: |d| {
                object(d, "/info").insert("x-hwcloud-scope".into(), json!("domain"));
            },
            want: &[("service scope", "scope-changed", BREAKING)],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            // Only an addition in the spec, but the operation's request
            // type and builder are moved aside for the new schema.
            name: "schema added under an operation's request name",
            new: |d| {
                object(d, SCHEMAS).insert(
                    "ListRegistryRequest".into(),
                    json!({"type": "object", "properties": {"a": {"type": "string"}}}),
                );
            },
            want: &[
                (
                    "ListRegistry request builder",
                    "rust-name-changed",
                    BREAKING,
                ),
                ("ListRegistry request type", "rust-name-changed", BREAKING),
                ("schema ListRegistryRequest", "type-added", COMPATIBLE),
            ],
            bump: Bump::Minor,
            ..BASE
        },
        Case {
            // A field that closes a cycle boxes the existing field too.
            name: "field added that closes a cycle of types",
            both: |d| {
                let schemas = object(d, SCHEMAS);
                schemas.insert(
                    "Outer".into(),
                    json!({"type": "object", "properties": {"inner": {"$ref": "#/components/schemas/Inner"}}}),
                );
                schemas.insert(
                    "Inner".into(),
                    json!({"type": "object", "properties": {"x": {"type": "string"}}}),
                );
            },
            new: |d| {
                object(d, &format!("{SCHEMAS}/Inner/properties")).insert(
                    "outer".into(),
                    json!({"$ref": "#/components/schemas/Outer"}),
                );
            },
            want: &[
                ("schema Outer field inner", "boxing-changed", BREAKING),
                ("schema Inner field outer", "field-added", COMPATIBLE),
            ],
            bump: Bump::Minor,
            ..BASE
        },
    ]
}

/// Writes both versions of `case` and compares them.
fn run(case: &Case, scratch_name: &str) -> Report {
    run_with(case, scratch_name, diff::Options::default())
}

/// [`run`] for a crate generated with `options`.
fn run_with(case: &Case, scratch_name: &str, options: diff::Options) -> Report {
    let scratch = Scratch::new(scratch_name);
    let mut old = spec(case.spec);
    (case.both)(&mut old);
    let mut new = old.clone();
    (case.old)(&mut old);
    (case.new)(&mut new);
    let (old_path, new_path) = (scratch.0.join("old.json"), scratch.0.join("new.json"));
    std::fs::write(&old_path, serde_json::to_string_pretty(&old).unwrap()).unwrap();
    std::fs::write(&new_path, serde_json::to_string_pretty(&new).unwrap()).unwrap();
    diff::diff_files(&old_path, &new_path, options)
        .unwrap_or_else(|err| panic!("{}: the specs must load:\n{err}", case.name))
}

#[test]
fn each_spec_change_is_reported_with_its_verdict_and_bump() {
    let current = Version::parse("0.1.0").unwrap();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 25, "the table has {} cases", cases.len());
    for (i, case) in cases.iter().enumerate() {
        let report = run(case, &format!("diff-case-{i}"));
        let got: BTreeSet<(String, String, String)> = report
            .changes
            .iter()
            .map(|c| {
                let severity = c.severity().as_str().to_owned();
                (c.location.clone(), c.kind.as_str().to_owned(), severity)
            })
            .collect();
        let want: BTreeSet<(String, String, String)> = case
            .want
            .iter()
            .map(|(l, k, s)| (l.to_string(), k.to_string(), s.to_string()))
            .collect();
        let bump = report.bump(Some(&current));
        if got != want || bump != case.bump {
            failures.push(format!(
                "{}:\n  want {want:?}, bump {:?}\n  got  {got:?}, bump {bump:?}",
                case.name, case.bump
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bumps_after_1_0_are_major_minor_patch() {
    let cases = cases();
    let find = |name: &str| cases.iter().find(|c| c.name == name).unwrap();
    let current = Version::parse("1.4.2").unwrap();
    for (name, bump, next) in [
        ("operation removed", Bump::Major, "2.0.0"),
        ("operation added", Bump::Minor, "1.5.0"),
        ("operation deprecated", Bump::Minor, "1.5.0"),
        ("request range widened", Bump::Patch, "1.4.3"),
        ("auth scheme removed", Bump::None, "1.4.2"),
    ] {
        let report = run(find(name), &format!("diff-1x-{}", name.replace(' ', "-")));
        assert_eq!(report.bump(Some(&current)), bump, "{name}");
        assert_eq!(current.bumped(bump).to_string(), next, "{name}");
    }
}

#[test]
fn an_unusable_spec_is_an_error_naming_file_and_location() {
    let scratch = Scratch::new("diff-unusable");
    let good = workspace_root().join("spec/hss.json");
    let mut broken = spec("hss.json");
    // Refused whole: every operation of the spec would be left out.
    for op in [ADD, LIST, &format!("{UPDATE_PATH}/put")] {
        object(&mut broken, op).insert("callbacks".into(), json!({}));
    }
    let broken_path = scratch.0.join("broken.json");
    std::fs::write(&broken_path, broken.to_string()).unwrap();
    let missing = scratch.0.join("missing.json");

    let err = diff::diff_files(&good, &broken_path, diff::Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("broken.json#/paths/"), "{err}");
    assert!(err.contains("callbacks"), "{err}");

    // Both sides are checked before giving up.
    let err = diff::diff_files(&missing, &broken_path, diff::Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing.json"), "{err}");
    assert!(err.contains("broken.json"), "{err}");
}

#[test]
fn changes_are_sorted_breaking_first_then_by_location() {
    let report = diff::diff_files(
        &workspace_root().join("spec/hss.json"),
        &workspace_root().join("spec/swr.json"),
        diff::Options::default(),
    )
    .unwrap();
    let keys: Vec<_> = report
        .changes
        .iter()
        .map(|c| (c.severity(), c.location.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(report.has_breaking());
}

#[test]
fn the_command_gates_on_fail_on_and_prints_json() {
    let scratch = Scratch::new("diff-cli");
    let write = |name: &str, edit: fn(&mut Value)| {
        let mut doc = spec("hss.json");
        edit(&mut doc);
        let path = scratch.0.join(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let old = write("old.json", nothing);
    let breaking = write("breaking.json", |d| {
        *at(d, &format!("{LIST}/parameters/{LIMIT}/schema/maximum")) = json!(100);
    });
    let loosened = write("loosened.json", |d| {
        *at(d, &format!("{LIST}/parameters/{LIMIT}/schema/maximum")) = json!(500);
    });
    let code = |args: &[&str]| codegen(args).status.code();

    assert_eq!(code(&["diff", &old, &old, "--fail-on", "any"]), Some(0));
    assert_eq!(code(&["diff", &old, &breaking]), Some(0), "default: never");
    assert_eq!(
        code(&["diff", &old, &breaking, "--fail-on", "breaking"]),
        Some(1)
    );
    assert_eq!(
        code(&["diff", &old, &loosened, "--fail-on", "breaking"]),
        Some(0)
    );
    assert_eq!(
        code(&["diff", &old, &loosened, "--fail-on", "compatible"]),
        Some(1)
    );
    // An operation's tag removed: spec-only, unless tags are features.
    let retagged = write("retagged.json", |d| {
        *at(d, &format!("{LIST}/tags")) = json!(["Elsewhere"]);
    });
    let gate = ["--fail-on", "breaking"];
    assert_eq!(code(&["diff", &old, &retagged, gate[0], gate[1]]), Some(0));
    assert_eq!(
        code(&[
            "diff",
            &old,
            &retagged,
            gate[0],
            gate[1],
            "--features-per-tag"
        ]),
        Some(1)
    );
    let missing = scratch.0.join("missing.json");
    let missing = missing.to_str().unwrap();
    let unusable = codegen(&["diff", &old, missing]);
    assert_eq!(unusable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unusable.stderr).contains("missing.json"));
    assert_eq!(
        code(&["diff", &old, &old, "--current-version", "1.x"]),
        Some(2)
    );

    let text = codegen(&["diff", &old, &breaking, "--current-version", "1.2.3"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("breaking (1):\n  ListRegistry query parameter limit: constraint-tightened (maximum: 200 -> maximum: 100): "), "{text}");
    assert!(text.ends_with("bump: major (1.2.3 -> 2.0.0)\n"), "{text}");

    let output = codegen(&[
        "diff",
        &old,
        &breaking,
        "--json",
        "--current-version",
        "0.1.0",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&output.stdout).expect("--json prints JSON");
    assert_eq!(
        doc,
        json!({
            "changes": [{
                "location": "ListRegistry query parameter limit",
                "kind": "constraint-tightened",
                "severity": "breaking",
                "level": "breaking",
                "old": "maximum: 200",
                "new": "maximum: 100",
                "reason": "requests that passed validation may now be refused before they are sent"
            }],
            "bump": "minor",
            "current_version": "0.1.0",
            "next_version": "0.2.0"
        })
    );
}

/// `diff::rules` decides verdicts from what the emitter writes. If this
/// fails, the emitter changed: revisit the rules that cite the fact.
#[test]
fn emitted_api_is_what_the_rules_assume() {
    let code = hwcloud_codegen::Builder::new()
        .spec(workspace_root().join("spec/hss.json"))
        .cargo_output(false)
        .generate()
        .unwrap();
    // The inline modules are indented: compare with whitespace collapsed.
    let flat = code.split_whitespace().collect::<Vec<_>>().join(" ");
    // Fact 1: structs are non-exhaustive; types callers build have a
    // builder whose build() names the required fields left unset.
    assert!(flat.contains("#[non_exhaustive] pub struct RegistryInfo {"));
    assert!(flat.contains("#[non_exhaustive] pub struct ListRegistryRequest {"));
    assert!(code.contains("pub registry_name: Option<String>,"));
    assert!(code.contains("pub limit: Option<i32>,"));
    assert!(!flat.contains("pub fn new( registry_name") && !code.contains("pub fn with_"));
    assert!(code.contains("pub struct AddRegistryRequestBodyBuilder {"));
    assert!(flat.contains("missing.required(\"registry_name\", self.registry_name)"));
    assert!(!code.contains("pub struct RegistryInfoBuilder"));
    // `build()` returns a Result even with nothing required, so no added
    // field (required, or optional with a nested builder) changes it.
    assert!(flat.contains(
        "pub fn build(self) -> Result<ListRegistryRequest, hwcloud_runtime::BuildError>"
    ));
    // ... and `Default` while every field is optional.
    assert!(flat.contains(
        "#[derive(Debug, Clone, PartialEq, Default)] #[non_exhaustive] pub struct RegistryInfo {"
    ));
    // Fact 2: value enums are open on the wire and non-exhaustive.
    assert!(code.contains("Unknown(String),"));
    assert!(flat.contains("#[non_exhaustive] pub enum ThirdPartyRegistryType {"));
    // Fact 3: one documented answer is the call's output, no enum.
    assert!(flat.contains("type Response = super::super::ListRegistryResponseBody;"));
    assert!(code.contains("type Response = ();"));
    assert!(!code.contains("pub enum ListRegistryResponse"));
    // Fact 4: requests are validated before encoding, responses are not.
    let up_to_next_fn = |text: &str| text.split("fn ").next().unwrap_or_default().to_owned();
    let encodes: Vec<String> = code
        .split("pub fn to_http_request(")
        .skip(1)
        .map(up_to_next_fn)
        .collect();
    assert!(!encodes.is_empty());
    assert!(encodes.iter().all(|body| body.contains("self.validate()?")));
    let decodes: Vec<String> = code
        .split("fn from_http_response(")
        .skip(1)
        .map(up_to_next_fn)
        .collect();
    assert!(!decodes.is_empty());
    assert!(decodes.iter().all(|body| !body.contains("validate")));
    // Fact 5: security schemes are not in the generated code.
    assert!(!code.contains("AkSkSignature") && !code.contains("SDK-HMAC-SHA256"));
}

/// With `--features-per-tag` tags are cargo features: the same tag
/// changes, judged by which features compile each operation and type.
#[test]
fn tags_are_features_in_a_crate_with_a_feature_per_tag() {
    let case = cases()
        .into_iter()
        .find(|c| c.name == "tags moved between operations")
        .unwrap();
    let per_tag = diff::Options {
        features_per_tag: true,
    };
    let report = run_with(&case, "diff-tag-features", per_tag);
    let got: Vec<(&str, &str, &str)> = report
        .changes
        .iter()
        .filter(|c| c.level != diff::Level::SpecOnly)
        .map(|c| (c.location.as_str(), c.kind.as_str(), c.level.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("UpdateRegistry", "features-narrowed", "breaking"),
            // Its request body, which only it uses.
            (
                "schema UpdateRegistryRequestBody",
                "features-narrowed",
                "breaking"
            ),
            ("feature hss-scan", "feature-added", "addition"),
        ]
    );
    assert_eq!(
        report.bump(Some(&Version::parse("1.4.2").unwrap())),
        Bump::Major
    );
}

/// A spec written from scratch with two tags, and what features make of it.
fn tagged(ops: &[(&str, &[&str], &str)], schemas: &[&str]) -> String {
    let mut paths = serde_json::Map::new();
    for (id, tags, schema) in ops {
        paths.insert(
            format!("/{id}"),
            json!({"get": {"operationId": id, "tags": tags,
            "responses": {"200": {"description": "ok", "content": {"application/json":
                {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}}}}),
        );
    }
    let schemas: serde_json::Map<String, Value> = schemas
        .iter()
        .map(|name| {
            let object = json!({"type": "object", "properties": {"n": {"type": "string"}}});
            (name.to_string(), object)
        })
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1", "x-service-id": "svc"},
        "servers": [{"url": "https://svc.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
    .to_string()
}

/// What `diff --features-per-tag` says of two specs: the changes that
/// are not spec-only, as (location, kind, level).
fn per_tag_changes(name: &str, old: &str, new: &str) -> Vec<(String, String, String)> {
    let scratch = Scratch::new(name);
    let (old_path, new_path) = (scratch.0.join("old.json"), scratch.0.join("new.json"));
    std::fs::write(&old_path, old).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let options = diff::Options {
        features_per_tag: true,
    };
    let report = diff::diff_files(&old_path, &new_path, options).unwrap();
    report
        .changes
        .iter()
        .filter(|c| c.level != diff::Level::SpecOnly)
        .map(|c| {
            let (kind, level) = (c.kind.as_str(), c.level.as_str());
            (c.location.clone(), kind.to_owned(), level.to_owned())
        })
        .collect()
}

/// Changes that add to the spec can still move code behind fewer features:
/// each is found from the features, whatever spec change caused it.
#[test]
fn additions_that_narrow_what_a_feature_compiles_are_breaking() {
    let owned = |rows: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    // `U` no operation uses compiles with every feature; an operation of
    // `t1` that returns it puts it behind `t1`'s feature alone.
    let old = tagged(&[("A", &["t1"], "X"), ("B", &["t2"], "X")], &["X", "U"]);
    let new = tagged(
        &[
            ("A", &["t1"], "X"),
            ("B", &["t2"], "X"),
            ("C", &["t1"], "U"),
        ],
        &["X", "U"],
    );
    assert_eq!(
        per_tag_changes("diff-tag-unreached", &old, &new),
        owned(&[
            ("schema U", "features-narrowed", "breaking"),
            ("C", "operation-added", "addition"),
        ])
    );
    // A tag that kebab-cases like an existing one takes its feature name
    // (the two are numbered in sorted order): the feature stands for another
    // tag, once, not again for each operation of the old one.
    let old = tagged(
        &[("A", &["image_registry"], "X"), ("B", &["t2"], "X")],
        &["X"],
    );
    let new = tagged(
        &[
            ("A", &["image_registry"], "X"),
            ("B", &["t2"], "X"),
            ("C", &["Image Registry"], "X"),
        ],
        &["X"],
    );
    assert_eq!(
        per_tag_changes("diff-tag-renumbered", &old, &new),
        owned(&[
            ("feature svc-image-registry", "feature-changed", "breaking"),
            ("C", "operation-added", "addition"),
            ("feature svc-image-registry2", "feature-added", "addition"),
        ])
    );
    // An operation's last tag taken: it now compiles with any tag's feature.
    let old = tagged(&[("A", &["t1"], "X"), ("B", &["t2"], "Y")], &["X", "Y"]);
    let new = tagged(&[("A", &[], "X"), ("B", &["t2"], "Y")], &["X", "Y"]);
    assert_eq!(
        per_tag_changes("diff-tag-untagged", &old, &new),
        owned(&[
            ("feature svc-t1", "feature-removed", "breaking"),
            ("A", "features-widened", "addition"),
            ("schema X", "features-widened", "addition"),
        ])
    );
}

/// Two folders of specs are two versions of one crate: a service added is
/// an addition (its module comes behind a new cargo feature, on by default),
/// one removed is breaking, and the changes of a service in both are
/// located under its module.
#[test]
fn folders_compare_crates_a_new_service_is_a_new_feature() {
    let scratch = Scratch::new("diff-folders");
    let (old, new) = (scratch.0.join("old"), scratch.0.join("new"));
    for dir in [&old, &new] {
        std::fs::create_dir_all(dir).unwrap();
    }
    let root = workspace_root();
    std::fs::copy(root.join("spec/swr.json"), old.join("swr.json")).unwrap();
    let mut swr = spec("swr.json");
    *at(&mut swr, "/info/description") = json!("The same service, described anew.");
    std::fs::write(new.join("swr.json"), swr.to_string()).unwrap();
    std::fs::copy(root.join("spec/hss.json"), new.join("hss.json")).unwrap();
    let current = Version::parse("1.4.2").unwrap();
    let summary = |report: &Report| -> Vec<(String, String, Option<String>, Option<String>)> {
        report
            .changes
            .iter()
            .map(|c| {
                let kind = c.kind.as_str().to_owned();
                (c.location.clone(), kind, c.old.clone(), c.new.clone())
            })
            .collect()
    };

    let added = diff::diff_folders(&old, &new, diff::Options::default()).unwrap();
    let changes = summary(&added);
    assert_eq!(
        changes[0],
        (
            "service hss".to_owned(),
            "service-added".to_owned(),
            None,
            Some("feature `hss`".to_owned())
        ),
        "{changes:?}"
    );
    assert!(changes.len() > 1, "{changes:?}");
    assert!(
        changes[1..]
            .iter()
            .all(|(location, kind, ..)| location == "swr: service" && kind == "docs-changed"),
        "{changes:?}"
    );
    assert!(!added.has_breaking());
    assert_eq!(added.bump(Some(&current)), Bump::Minor);

    let removed = diff::diff_folders(&new, &old, diff::Options::default()).unwrap();
    let (location, kind, before, _) = &summary(&removed)[0];
    assert_eq!(
        (location.as_str(), kind.as_str(), before.as_deref()),
        ("service hss", "service-removed", Some("feature `hss`"))
    );
    assert!(removed.has_breaking());
    assert_eq!(removed.bump(Some(&current)), Bump::Major);

    // The command takes folders too, but not a folder against a file.
    let (old_arg, new_arg) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = codegen(&["diff", old_arg, new_arg, "--current-version", "1.4.2"]);
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && text.contains("service hss"),
        "{text}"
    );
    let mixed = codegen(&[
        "diff",
        old_arg,
        root.join("spec/hss.json").to_str().unwrap(),
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("two folders"));
    // A new service whose module would be `hss` and whose file sorts first
    // takes the name: the existing one is moved aside, which is breaking.
    let crowded = scratch.0.join("crowded");
    std::fs::create_dir_all(&crowded).unwrap();
    std::fs::copy(root.join("spec/hss.json"), crowded.join("hss.json")).unwrap();
    let mut other = spec("swr.json");
    *at(&mut other, "/info/x-service-id") = json!("hss");
    std::fs::write(crowded.join("a.json"), other.to_string()).unwrap();
    let only_hss = scratch.0.join("only-hss");
    std::fs::create_dir_all(&only_hss).unwrap();
    std::fs::copy(root.join("spec/hss.json"), only_hss.join("hss.json")).unwrap();
    let moved = diff::diff_folders(&only_hss, &crowded, diff::Options::default()).unwrap();
    let changes = summary(&moved);
    let some = |s: &str| Some(s.to_owned());
    for want in [
        (
            "service hss module",
            "rust-name-changed",
            some("hss"),
            some("hss2"),
        ),
        // The name stays, for another service: breaking, once.
        (
            "feature hss",
            "feature-changed",
            some("service HSS (hss)"),
            some("service hss (hss)"),
        ),
        (
            "feature hss2",
            "feature-added",
            None,
            some("service HSS (hss2)"),
        ),
    ] {
        assert!(
            changes
                .iter()
                .any(|(l, k, o, n)| (l.as_str(), k.as_str(), o, n)
                    == (want.0, want.1, &want.2, &want.3)),
            "{want:?} in {changes:?}"
        );
    }
    assert!(moved.has_breaking());
    // And back: the service that kept its id takes its name again.
    let back = diff::diff_folders(&crowded, &only_hss, diff::Options::default()).unwrap();
    let back = summary(&back);
    for want in [
        (
            "feature hss",
            "feature-changed",
            some("service hss (hss)"),
            some("service HSS (hss)"),
        ),
        (
            "feature hss2",
            "feature-removed",
            some("service HSS (hss2)"),
            None,
        ),
        (
            "service hss",
            "service-removed",
            some("feature `hss`"),
            None,
        ),
    ] {
        assert!(
            back.iter()
                .any(|(l, k, o, n)| (l.as_str(), k.as_str(), o, n)
                    == (want.0, want.1, &want.2, &want.3)),
            "{want:?} in {back:?}"
        );
    }

    // Two specs of one service id are two services of the crate (`hss`,
    // `hss2`, in file order), and are matched in that order: a change to
    // the first is located under `hss` alone, and dropping the second
    // removes `hss2` and nothing else.
    let folder = |name: &str, first_description: &str, second: bool| {
        let dir = scratch.0.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut first = spec("swr.json");
        *at(&mut first, "/info/x-service-id") = json!("HSS");
        *at(&mut first, "/info/description") = json!(first_description);
        std::fs::write(dir.join("a.json"), first.to_string()).unwrap();
        if second {
            std::fs::copy(root.join("spec/hss.json"), dir.join("b.json")).unwrap();
        }
        dir
    };
    let twice = folder("twice", "One of two.", true);
    let changed = diff::diff_folders(
        &twice,
        &folder("twice-changed", "Changed.", true),
        diff::Options::default(),
    )
    .unwrap();
    let changes = summary(&changed);
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .all(|(location, kind, ..)| location == "hss: service" && kind == "docs-changed"),
        "{changes:?}"
    );
    let dropped = diff::diff_folders(
        &twice,
        &folder("first-only", "One of two.", false),
        diff::Options::default(),
    )
    .unwrap();
    assert_eq!(
        summary(&dropped),
        [(
            "service hss2".to_owned(),
            "service-removed".to_owned(),
            Some("feature `hss2`".to_owned()),
            None
        )]
    );
    assert!(diff::diff_folders(&twice, &twice, diff::Options::default())
        .unwrap()
        .changes
        .is_empty());

    let empty = scratch.0.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = diff::diff_folders(&old, &empty, diff::Options::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("empty") && err.contains("no `*.json`"),
        "{err}"
    );
}

/// Past 250 services a crate has no feature per service: crossing that line
/// either way changes what `default-features = false` and each feature
/// build, so it is breaking.
#[test]
fn a_crate_crossing_the_feature_limit_is_a_breaking_change() {
    let scratch = Scratch::new("diff-feature-limit");
    let tiny = |i: usize, tags: &[&str]| {
        json!({
            "openapi": "3.0.3",
            "info": {"title": format!("S{i}"), "version": "1", "x-service-id": format!("s{i}")},
            "servers": [{"url": format!("https://s{i}.example.com")}],
            "paths": {"/things": {"get": {"operationId": "ListThings", "tags": tags,
                "responses": {"200": {"description": "ok"}}}}}
        })
        .to_string()
    };
    // What the two folders' crates differ in, besides the services added.
    let crossing = |name: &str, counts: [usize; 2], tags: &[&str], options: diff::Options| {
        let (old, new) = (
            scratch.0.join(name).join("old"),
            scratch.0.join(name).join("new"),
        );
        for (dir, count) in [(&old, counts[0]), (&new, counts[1])] {
            std::fs::create_dir_all(dir).unwrap();
            for i in 0..count {
                std::fs::write(dir.join(format!("s{i:03}.json")), tiny(i, tags)).unwrap();
            }
        }
        let report = diff::diff_folders(&old, &new, options).unwrap();
        report
            .changes
            .iter()
            .filter(|c| c.kind.as_str() != "service-added")
            .map(|c| (c.location.clone(), c.kind.as_str(), c.severity().as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        crossing("services", [250, 251], &[], diff::Options::default()),
        [(
            "crate features".to_owned(),
            "service-features-changed",
            "breaking"
        )]
    );
    // 125 services and their 125 tags fit; one more of each does not. A
    // crate with a feature per tag loses them all; one without never had
    // them.
    let per_tag = diff::Options {
        features_per_tag: true,
    };
    let tags = crossing("tags", [125, 126], &["things"], per_tag);
    assert_eq!(tags.len(), 125, "{tags:?}");
    assert!(
        tags.iter()
            .all(|(location, kind, severity)| location.ends_with("-things")
                && *kind == "feature-removed"
                && *severity == "breaking"),
        "{tags:?}"
    );
    let plain = crossing(
        "tags-plain",
        [125, 126],
        &["things"],
        diff::Options::default(),
    );
    assert_eq!(plain, [], "tags are no features without a feature per tag");
}
