//! The names of what is generated for each operation, decided together so
//! that no two collide: its types, its module, client method, command,
//! mock rule, request fields, flags, answer variants and encoding locals.

use super::{BUILDER_METHODS, CLIENT_METHODS, MOCK_METHODS, RESERVED_FLAGS};
use crate::ir::{
    Answers, FlagField, NamedKind, Operation, OperationNames, Response, Service, Status, Type,
};
use crate::names;
use std::collections::BTreeMap;

/// Names for every operation of `service`, unique among themselves and
/// against the service's named types and their builders (a spec may well
/// have a schema called `AddRegistryRequest`).
pub(super) fn names(service: &Service, builders: &BTreeMap<String, String>) -> Vec<OperationNames> {
    let taken: Vec<&str> = service
        .types
        .iter()
        .map(|t| t.name.as_str())
        .chain(builders.values().map(String::as_str))
        .collect();
    let mut wanted = Vec::new();
    for op in &service.operations {
        let base = names::type_name(&op.id);
        wanted.push(format!("{base}Request"));
        wanted.push(format!("{base}RequestBuilder"));
        wanted.push(format!("{base}Response"));
        wanted.push(format!("{base}Error"));
    }
    let types = names::dedupe(wanted, &taken);
    let ids = |rule: fn(&str) -> String| -> Vec<String> {
        service.operations.iter().map(|op| rule(&op.id)).collect()
    };
    let modules = names::dedupe(ids(names::module_name), &["mod"]);
    let commands = names::dedupe(ids(names::command_name), &["help"]);
    let methods = names::dedupe(ids(names::module_name), CLIENT_METHODS);
    let mock_rules = names::dedupe(methods.clone(), MOCK_METHODS);
    service
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let param_flags = param_flags(op);
            OperationNames {
                module: modules[i].clone(),
                request: types[4 * i].clone(),
                builder: types[4 * i + 1].clone(),
                response: types[4 * i + 2].clone(),
                error: types[4 * i + 3].clone(),
                command: commands[i].clone(),
                method: methods[i].clone(),
                mock_rule: mock_rules[i].clone(),
                param_fields: param_fields(op),
                body_flags: body_flags(op, &param_flags, service),
                param_flags,
                answer_variants: match op.answers() {
                    Answers::Several(answers) => status_variants(&answers),
                    Answers::Single(_) => Vec::new(),
                },
                error_variants: op
                    .typed_errors()
                    .map(|errors| status_variants(&errors))
                    .unwrap_or_default(),
                path_locals: path_locals(&op.path),
            }
        })
        .collect()
}

/// The caller's fields: every parameter the client does not fill in (the
/// body's field is `body`; the builder's own methods are taken).
fn param_fields(op: &Operation) -> Vec<Option<String>> {
    let wanted = op
        .params
        .iter()
        .filter(|p| !p.auto_filled)
        .map(|p| names::field_name(&p.name))
        .collect();
    let mut reserved = BUILDER_METHODS.to_vec();
    if op.body.is_some() {
        reserved.push("body");
    }
    let mut unique = names::dedupe(wanted, &reserved).into_iter();
    op.params
        .iter()
        .map(|p| if p.auto_filled { None } else { unique.next() })
        .collect()
}

/// Each parameter's flag: its name in kebab case, `<location>-<name>`
/// where that is taken; empty for an auto-filled parameter.
fn param_flags(op: &Operation) -> Vec<String> {
    let mut taken: Vec<String> = RESERVED_FLAGS.iter().map(|s| s.to_string()).collect();
    op.params
        .iter()
        .map(|param| {
            if param.auto_filled {
                return String::new();
            }
            let flag = names::command_name(&param.name);
            let flag = if taken.contains(&flag) {
                format!("{}-{flag}", param.location.as_str())
            } else {
                flag
            };
            let flag = names::unique(&flag, |f| taken.iter().any(|t| t == f));
            taken.push(flag.clone());
            flag
        })
        .collect()
}

/// The body's top-level fields that take a scalar, a list of scalars or a
/// file, each with a flag not taken by a parameter (`body-<name>` where it
/// is). Secrets take none: given as a flag, they would end up in shell
/// histories and process lists.
fn body_flags(op: &Operation, param_flags: &[String], service: &Service) -> Vec<FlagField> {
    let Some(Type::Named(name)) = op.body.as_ref().map(|b| &b.schema.ty) else {
        return Vec::new();
    };
    let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) else {
        return Vec::new();
    };
    let mut taken: Vec<String> = RESERVED_FLAGS
        .iter()
        .map(|s| s.to_string())
        .chain(param_flags.iter().cloned())
        .collect();
    s.fields
        .iter()
        .filter(|f| {
            !f.read_only
                && !f.schema.secret
                && (service.scalar_kind(&f.schema).is_some()
                    || matches!(&f.schema.ty, Type::Array(a) if service.scalar_kind(&a.items).is_some())
                    || f.schema.ty == Type::File)
        })
        .map(|field| {
            let flag = names::command_name(&field.name);
            let flag = if taken.contains(&flag) {
                format!("body-{flag}")
            } else {
                flag
            };
            let flag = names::unique(&flag, |f| taken.iter().any(|t| t == f));
            taken.push(flag.clone());
            FlagField {
                name: field.name.clone(),
                flag,
            }
        })
        .collect()
}

/// Variant names by status (`Ok`, `NotFound`, `Other` for `default`).
fn status_variants(responses: &[&Response]) -> Vec<String> {
    names::dedupe(
        responses
            .iter()
            .map(|r| match r.status {
                Status::Code(code) => names::status_variant_name(code),
                Status::Default => "Other".to_owned(),
            })
            .collect(),
        &[],
    )
}

/// The locals an encoding binds the path's placeholders to: named after
/// them, never shadowing what the method itself uses.
fn path_locals(path: &str) -> Vec<String> {
    let wanted = crate::template::placeholders(path)
        .into_iter()
        .map(names::module_name)
        .collect();
    names::dedupe(wanted, &["ctx", "path", "request", "value"])
}
