//! Stage 3 of the pipeline: the naming plan. Every Rust name the generated
//! code uses (modules, types and their builders, fields, enum variants,
//! each operation's request, builder, answer and error types, client
//! methods, command-line commands and flags, mock rules, the locals of an
//! encoding) is decided here, once per service, and emitters only read it.
//! `names.rs` holds the rules for making one name; this is the only caller.
//!
//! Collisions are resolved with one rule everywhere ([`names::dedupe`]):
//! names are wanted in the IR's order (operations and types are sorted),
//! and a name already taken, by a reserved word of the generated API or by
//! an earlier name of the same scope, gets the first free `2`, `3`, …
//! suffix. The scopes, each checked by `tests/naming.rs` over every vendor
//! document: a service module's types (named types, builders, operation
//! types, the client, the mock); a service's client methods; its commands;
//! a struct's fields; an enum's variants; a request's fields; a command's
//! flags.

pub mod features;
mod operation;

/// The runtime items every generated file imports by name; no generated
/// type may take one of them (a naming rule of `names.rs`).
pub use crate::names::RUNTIME_IMPORTS;

use crate::ir::{EnumValue, NamedKind, Service, ServiceNames};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};

/// What every generated client has, which operation methods must not take.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "endpoint",
    "clone",
    "fmt",
    "send",
    "send_streaming",
    "pages",
];

/// What every generated mock has, which its per-operation rules must not take.
pub const MOCK_METHODS: &[&str] = &[
    "new",
    "default",
    "verifying",
    "routes",
    "engine",
    "client",
    "client_with",
    "serve",
    "rejections",
];

/// What every generated builder has, which a request's or a model's
/// fields must not take (a field is also its setter).
pub const BUILDER_METHODS: &[&str] = &["build", "send", "pages", "client", "new"];

/// Flags the command line has of its own.
pub const RESERVED_FLAGS: &[&str] = &[
    "endpoint", "region", "output", "dry-run", "all", "body", "help", "version",
];

/// Decides every name of `service` and records it in its IR: the
/// service's [`ServiceNames`], each operation's [`OperationNames`](crate::ir::OperationNames), each
/// struct field's and enum value's `rust_name`. Runs on the whole service,
/// before any selection, so that taking part of a spec renames nothing.
/// Its module, feature and command are its own until
/// [`assign_crate_names`] sees the crate.
pub fn assign(service: &mut Service) {
    let all_builders = all_builders(service);
    let received = received_only(service);
    let (received_builders, builders) = all_builders
        .clone()
        .into_iter()
        .partition(|(ty, _)| received.contains(ty));
    let operations = operation::names(service, &all_builders);
    let mut taken: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    taken.extend(all_builders.values().map(String::as_str));
    for op in &operations {
        taken.extend(op.types());
    }
    let client = names::dedupe(vec!["Client".to_owned()], &taken).remove(0);
    taken.push(&client);
    let mock = names::dedupe(vec!["Mock".to_owned()], &taken).remove(0);
    let module = names::module_name(&service.id);
    service.names = ServiceNames {
        // A crate's services are made unique together (`assign_crate_names`).
        feature: module.clone(),
        tag_features: tag_features(&module, service),
        module,
        command: names::command_name(&service.id),
        client,
        mock,
        all_builders,
        builders,
        received_builders,
    };
    for (op, names) in service.operations.iter_mut().zip(operations) {
        op.names = names;
    }
    for ty in &mut service.types {
        match &mut ty.kind {
            NamedKind::Struct(s) => {
                let wanted = s
                    .fields
                    .iter()
                    .map(|f| names::field_name(&f.name))
                    .collect();
                for (field, name) in s.fields.iter_mut().zip(names::dedupe(wanted, &["build"])) {
                    field.rust_name = name;
                }
            }
            NamedKind::StringEnum(values) => name_variants(values),
            NamedKind::IntegerEnum { values, .. } => name_variants(values),
        }
    }
}

/// The names a crate's services share one scope for, made unique among
/// them: modules (never `cli` or `runtime`, the crate's own), features
/// (never `default`, `mock` or `cli`) and commands (never `mock` or
/// `help`, the command line's own).
pub fn assign_crate_names(services: &mut [Service]) {
    let ids = |rule: fn(&str) -> String| -> Vec<String> {
        services.iter().map(|s| rule(&s.id)).collect()
    };
    let modules = names::dedupe(ids(names::module_name), &["cli", "runtime"]);
    let commands = names::dedupe(ids(names::command_name), &["mock", "help"]);
    let features = names::dedupe(modules.clone(), &["default", "mock", "cli"]);
    for (((service, module), command), feature) in
        services.iter_mut().zip(modules).zip(commands).zip(features)
    {
        service.names.tag_features = tag_features(&feature, service);
        service.names.module = module;
        service.names.command = command;
        service.names.feature = feature;
    }
}

/// The cargo feature of each tag of `service`'s operations, for a crate
/// with a feature per tag: `<feature>-<tag in kebab case>`. Tag features
/// have a `-` and service features none, so they only collide among one
/// service's tags. crates.io takes ASCII names only: a tag with other
/// characters is named by its ASCII words (or `tag`) and a hash of it, not
/// by its place among the others, so that a tag added later renames none
/// of those. ASCII tags that kebab-case alike (`Image Registry`,
/// `image_registry`) are numbered in sorted order, so one added among them
/// can rename another (`diff` reports it as breaking).
fn tag_features(feature: &str, service: &Service) -> BTreeMap<String, String> {
    let tags = service.tags();
    let wanted = tags
        .iter()
        .map(|tag| {
            let words = if tag.chars().any(|c| c.is_ascii_alphanumeric()) {
                names::command_name(tag)
            } else {
                "tag".to_owned()
            };
            if tag.is_ascii() {
                format!("{feature}-{words}")
            } else {
                // Its ASCII words alone would collide (`专享版-API分组管理`
                // and `专享版-API管理` are both `api`), and be numbered.
                format!("{feature}-{words}-{:08x}", fnv1a(tag.as_bytes()))
            }
        })
        .collect();
    let features = names::dedupe(wanted, &[]);
    tags.into_iter().map(String::from).zip(features).collect()
}

/// 32-bit FNV-1a: a stable, dependency-free name for bytes.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// crates.io takes at most 300 features a crate; past this many services,
/// the crate has none of its own and compiles every service (split the
/// specs over several crates instead). Tag features count against it too.
pub const MAX_SERVICE_FEATURES: usize = 250;

/// Whether each service of a crate of `services` has a cargo feature of its
/// own.
pub fn has_service_features(services: &[Service]) -> bool {
    services.len() <= MAX_SERVICE_FEATURES
}

/// Whether a crate of `services` can have a feature per tag as well as per
/// service within [`MAX_SERVICE_FEATURES`] (counting every tag the specs
/// have, so that selecting operations changes nothing).
pub fn tag_features_fit(services: &[Service]) -> bool {
    let tags: usize = services.iter().map(|s| s.names.tag_features.len()).sum();
    services.len() + tags <= MAX_SERVICE_FEATURES
}

/// Every name of a service module's own scope, for checks: named types,
/// builders, operation types, client and mock.
pub fn type_scope(service: &Service) -> Vec<&str> {
    let mut all: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    all.extend(service.names.all_builders.values().map(String::as_str));
    for op in &service.operations {
        all.extend(op.names.types());
    }
    all.extend([service.names.client.as_str(), service.names.mock.as_str()]);
    all
}

/// `<Type>Builder` for every struct, unless the spec has a type of that name.
fn all_builders(service: &Service) -> BTreeMap<String, String> {
    let structs: Vec<&str> = service
        .types
        .iter()
        .filter(|ty| matches!(ty.kind, NamedKind::Struct(_)))
        .map(|ty| ty.name.as_str())
        .collect();
    let type_names: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    let unique = names::dedupe(
        structs
            .iter()
            .map(|name| format!("{name}Builder"))
            .collect(),
        &type_names,
    );
    structs.into_iter().map(str::to_owned).zip(unique).collect()
}

/// The structs that appear in responses only.
fn received_only(service: &Service) -> BTreeSet<String> {
    crate::ir::usage::of_types(service)
        .into_iter()
        .filter(|(_, u)| u.response && !u.request)
        .map(|(name, _)| name)
        .collect()
}

/// Variant names for `values`: their `x-enum-varnames`, else made from the
/// value; unique, and never `Unknown`.
fn name_variants<T: ToString>(values: &mut [EnumValue<T>]) {
    let wanted = values
        .iter()
        .map(|v| names::variant_name(&v.name.clone().unwrap_or_else(|| v.value.to_string())))
        .collect();
    for (value, name) in values.iter_mut().zip(names::dedupe(wanted, &["Unknown"])) {
        value.rust_name = name;
    }
}

/// Names unique in their scope: `wanted` in order, each one already taken
/// (by `reserved` or an earlier one) with the first free suffix. For the
/// few names an emitter lists itself (generated test functions), made from
/// names of this plan.
pub fn unique_in_scope(wanted: Vec<String>, reserved: &[&str]) -> Vec<String> {
    names::dedupe(wanted, reserved)
}

/// The snake_case form of `raw`, for generated test names made of planned
/// pieces and rule words.
pub fn snake(raw: &str) -> String {
    names::module_name(raw)
}

#[cfg(test)]
mod tests {
    use crate::ir::NamedKind;

    /// A spec whose names collide every way the plan resolves.
    fn service() -> crate::ir::Service {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "x-service-id": "things"},
            "servers": [{"url": "https://things.example.com"}],
            "paths": {
                "/things": {"get": {"operationId": "ListThings",
                    "parameters": [
                        {"name": "type", "in": "query", "schema": {"type": "string"}},
                        {"name": "Type", "in": "header", "schema": {"type": "string"}},
                        {"name": "build", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok"}}}},
                "/new": {"post": {"operationId": "new",
                    "responses": {"200": {"description": "ok"}}}},
                "/serve": {"post": {"operationId": "Serve",
                    "responses": {"200": {"description": "ok"}}}}
            },
            "components": {"schemas": {
                "ListThingsRequest": {"type": "object", "properties": {
                    "a-b": {"type": "string"}, "a_b": {"type": "string"}, "build": {"type": "string"}}},
                "Client": {"type": "string", "enum": ["Unknown", "x y", "x-y"]},
                "ClientBuilder": {"type": "object", "properties": {}}
            }}
        });
        let loaded = crate::load_str("t.json", &spec.to_string());
        loaded
            .service
            .unwrap_or_else(|| panic!("{}", loaded.diagnostics))
    }

    #[test]
    fn services_of_one_crate_get_their_own_modules_features_and_commands() {
        let mut services: Vec<crate::ir::Service> = ["cli", "Cli", "mock"]
            .iter()
            .map(|id| {
                let mut s = service();
                s.id = (*id).to_owned();
                s
            })
            .collect();
        super::assign_crate_names(&mut services);
        let names: Vec<(&str, &str, &str)> = services
            .iter()
            .map(|s| {
                let n = &s.names;
                (n.module.as_str(), n.feature.as_str(), n.command.as_str())
            })
            .collect();
        assert_eq!(
            names,
            [
                ("cli2", "cli2", "cli"),
                ("cli3", "cli3", "cli2"),
                ("mock", "mock2", "mock2")
            ]
        );
    }

    /// Tag features have a `-`, service features none: only tags of one
    /// service can collide.
    #[test]
    fn each_tag_gets_a_feature_unique_in_the_crate() {
        let tagged = |id: &str, tags: &[&[&str]]| {
            let mut s = service();
            s.id = id.to_owned();
            for (op, tags) in s.operations.iter_mut().zip(tags) {
                op.tags = tags.iter().map(|t| (*t).to_owned()).collect();
            }
            s
        };
        let mut services = vec![
            tagged(
                "a",
                &[
                    &["Image Registry", "image_registry"],
                    &["镜像", "专享版-API管理"],
                    &[],
                ],
            ),
            tagged("b", &[&["x"]]),
        ];
        super::assign_crate_names(&mut services);
        let features: Vec<Vec<(&str, &str)>> = services
            .iter()
            .map(|s| {
                s.names
                    .tag_features
                    .iter()
                    .map(|(tag, feature)| (tag.as_str(), feature.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            features,
            [
                vec![
                    ("Image Registry", "a-image-registry"),
                    ("image_registry", "a-image-registry2"),
                    ("专享版-API管理", "a-api-48d10165"),
                    ("镜像", "a-tag-d17685ea")
                ],
                vec![("x", "b-x")],
            ]
        );
    }

    #[test]
    fn collisions_are_resolved_by_one_rule() {
        let service = service();
        let op = |id: &str| {
            &service
                .operations
                .iter()
                .find(|o| o.id == id)
                .unwrap()
                .names
        };
        let list = op("ListThings");
        // (what, wanted, got): the first taker keeps the name, the next
        // gets the first free suffix.
        let table: Vec<(&str, &str, String)> = vec![
            (
                "request type beside a schema of its name",
                "ListThingsRequest",
                list.request.clone(),
            ),
            (
                "client type beside a schema `Client`",
                "Client",
                service.names.client.clone(),
            ),
            ("mock type", "Mock", service.names.mock.clone()),
            (
                "client method that is a client's own",
                "new",
                op("new").method.clone(),
            ),
            (
                "mock rule that is a mock's own",
                "serve",
                op("Serve").mock_rule.clone(),
            ),
            (
                "request field `build` (a builder's own)",
                "build",
                list.param_fields[2].clone().unwrap(),
            ),
            (
                "header `Type` after query `type`",
                "type",
                list.param_fields[1].clone().unwrap(),
            ),
            (
                "flag `type` taken by the query",
                "type",
                list.param_flags[1].clone(),
            ),
        ];
        let expected = [
            "ListThingsRequest2",
            "Client2",
            "Mock",
            "new2",
            "serve2",
            "build2",
            "r#type2",
            "header-type",
        ];
        for ((what, wanted, got), expected) in table.iter().zip(expected) {
            assert_eq!(got, expected, "{what} (wanted `{wanted}`)");
        }
        assert_eq!(list.param_fields[0].as_deref(), Some("r#type"));
        let builder = &service.names.all_builders["ListThingsRequest"];
        assert_eq!(builder, "ListThingsRequestBuilder");
        let fields: Vec<&str> = match &service.type_by_name("ListThingsRequest").unwrap().kind {
            NamedKind::Struct(s) => s.fields.iter().map(|f| f.rust_name.as_str()).collect(),
            _ => unreachable!(),
        };
        assert_eq!(fields, ["a_b", "a_b2", "build2"]);
        let variants: Vec<&str> = match &service.type_by_name("Client").unwrap().kind {
            NamedKind::StringEnum(values) => values.iter().map(|v| v.rust_name.as_str()).collect(),
            _ => unreachable!(),
        };
        assert_eq!(variants, ["Unknown2", "XY", "XY2"]);
    }
}
