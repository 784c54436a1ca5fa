//! Checks on the resolved service that OpenAPI's own schema cannot make:
//! bounds in order, patterns that compile, enum values unique, conditional
//! requirements that name real fields, defaults and examples that conform.

use super::LooseExample;
use crate::diagnostics::{pointer, Diagnostics};
use crate::ir::{
    conform, for_each_schema, NamedKind, ParamLocation, Schema, Service, Struct, Type,
};
use crate::limits::MAX_TYPE_DEPTH;
use std::collections::{BTreeSet, HashMap};

pub(super) fn run(service: &Service, examples: &[LooseExample], d: &mut Diagnostics) {
    if !type_depth_within_limit(service, d) {
        // Everything below walks the types; too deep, it is not safe to.
        return;
    }
    // Examples beside schemas and parameters: warnings, as for the examples
    // of bodies below (the vendor's pages contradict themselves at times).
    for example in examples {
        let (value, schema) = (&example.value, &example.schema);
        warn_unless_conforms(
            value,
            schema,
            "example",
            &example.origin,
            &example.what,
            service,
            d,
        );
    }
    // Component schemas used in several places are visited once per place;
    // report each spec location once.
    let mut seen = BTreeSet::new();
    for_each_schema(service, |schema, _| {
        if seen.insert(schema.origin.clone()) {
            check_schema(schema, service, d);
        }
    });
    for ty in &service.types {
        match &ty.kind {
            NamedKind::Struct(s) => check_required_when(s, &ty.origin, service, d),
            NamedKind::StringEnum(values) => {
                duplicates(values.iter().map(|v| v.value.clone()), &ty.origin, d);
                duplicates(
                    values.iter().filter_map(|v| v.name.clone()),
                    &pointer(&ty.origin, "x-enum-varnames"),
                    d,
                );
            }
            NamedKind::IntegerEnum { values, .. } => {
                duplicates(values.iter().map(|v| v.value.to_string()), &ty.origin, d);
                duplicates(
                    values.iter().filter_map(|v| v.name.clone()),
                    &pointer(&ty.origin, "x-enum-varnames"),
                    d,
                );
            }
        }
    }
    for op in &service.operations {
        for p in &op.params {
            if !p.wire_replace.is_empty() && p.location == ParamLocation::Header {
                d.error_at(
                    &p.schema.origin,
                    format!(
                        "`x-wire-replace` on header `{}`: only path and query values are rewritten",
                        p.name
                    ),
                );
            }
        }
        let bodies = op
            .body
            .iter()
            .map(|b| (&b.schema, &b.examples, "request body".to_owned()))
            .chain(op.responses.iter().filter_map(|r| {
                let what = match r.status {
                    crate::ir::Status::Code(c) => format!("{c} response"),
                    crate::ir::Status::Default => "default response".to_owned(),
                };
                r.body.as_ref().map(|b| (&b.schema, &r.examples, what))
            }));
        for (schema, examples, what) in bodies {
            for example in examples {
                // The vendor's pages sometimes contradict themselves; the
                // spec keeps the documented types and flags the example.
                let what = format!("example `{}` of the {what} of {}", example.name, op.id);
                warn_unless_conforms(
                    &example.value,
                    schema,
                    "body",
                    &example.origin,
                    &what,
                    service,
                    d,
                );
            }
        }
    }
}

/// Whether every chain of named types inside one another is at most
/// [`MAX_TYPE_DEPTH`] long (a type met again inside itself ends a chain);
/// reports the first type that starts a longer one. Computed without
/// recursion, so that the check itself cannot overflow.
fn type_depth_within_limit(service: &Service, d: &mut Diagnostics) -> bool {
    let index: HashMap<&str, usize> = service
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let children: Vec<Vec<usize>> = service
        .types
        .iter()
        .map(|t| match &t.kind {
            NamedKind::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| named_inside(&f.schema))
                .filter_map(|name| index.get(name).copied())
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    // 0: not seen; 1: on the current path; 2: done, `depth` known.
    let mut state = vec![0u8; children.len()];
    let mut depth = vec![1usize; children.len()];
    for root in 0..children.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&child) = children[node].get(next) {
                stack.push((node, next + 1));
                if state[child] == 0 {
                    state[child] = 1;
                    stack.push((child, 0));
                }
                continue;
            }
            let deepest = children[node]
                .iter()
                .filter(|&&c| state[c] == 2)
                .map(|&c| depth[c])
                .max()
                .unwrap_or(0);
            depth[node] = deepest + 1;
            state[node] = 2;
        }
    }
    match depth.iter().position(|&n| n > MAX_TYPE_DEPTH) {
        Some(i) => {
            let ty = &service.types[i];
            d.error_at(
                &ty.origin,
                format!(
                    "`{}` holds types inside types {} deep; at most {MAX_TYPE_DEPTH} are supported",
                    ty.name, depth[i]
                ),
            );
            false
        }
        None => true,
    }
}

/// The named type a schema holds, through lists and maps.
fn named_inside(schema: &Schema) -> Option<&str> {
    let mut schema = schema;
    loop {
        match &schema.ty {
            Type::Named(name) => return Some(name),
            Type::Array(a) => schema = &a.items,
            Type::Map(m) => schema = &m.values,
            _ => return None,
        }
    }
}

/// Warns at `origin` that `what` does not match its schema, naming every
/// violation (`root` starts their paths), unless `value` conforms.
fn warn_unless_conforms(
    value: &serde_json::Value,
    schema: &Schema,
    root: &str,
    origin: &str,
    what: &str,
    service: &Service,
    d: &mut Diagnostics,
) {
    let violations = conform(value, schema, service, root);
    if violations.is_empty() {
        return;
    }
    let details: Vec<String> = violations
        .iter()
        .map(|v| format!("`{}` {}", v.path, v.message))
        .collect();
    d.warning_at(
        origin,
        format!("{what} does not match its schema: {}", details.join("; ")),
    );
}

fn check_schema(schema: &Schema, service: &Service, d: &mut Diagnostics) {
    let at = &schema.origin;
    match &schema.ty {
        Type::String(s) => {
            order(s.min_length, s.max_length, "minLength", "maxLength", at, d);
            if let Some(pattern) = &s.pattern {
                if let Err(err) = crate::ir::compile_pattern(pattern) {
                    d.error_at(&pointer(at, "pattern"), format!("the pattern `{pattern}` is not a valid ECMA-262 regular expression: {err}"));
                }
            }
        }
        Type::Integer(i) => order(i.minimum, i.maximum, "minimum", "maximum", at, d),
        Type::Number(n) => order(
            n.minimum.map(|b| b.value),
            n.maximum.map(|b| b.value),
            "minimum",
            "maximum",
            at,
            d,
        ),
        Type::Array(a) => order(a.min_items, a.max_items, "minItems", "maxItems", at, d),
        Type::Map(m) => order(
            m.min_properties,
            m.max_properties,
            "minProperties",
            "maxProperties",
            at,
            d,
        ),
        Type::Named(_) | Type::Boolean | Type::Any | Type::Binary | Type::File => {}
    }
    if let Some(default) = &schema.default {
        for v in conform(default, schema, service, "default") {
            d.repaired_at(
                &pointer(at, "default"),
                format!(
                    "the default value {} {} (documented as written; a client never sends a default)",
                    v.path.trim_start_matches("default"),
                    v.message
                )
                .replace("  ", " "),
            );
        }
    }
}

fn order<T: PartialOrd + std::fmt::Display>(
    min: Option<T>,
    max: Option<T>,
    min_key: &str,
    max_key: &str,
    at: &str,
    d: &mut Diagnostics,
) {
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            d.error_at(at, format!("`{min_key}` ({min}) is greater than `{max_key}` ({max}): no value can satisfy both"));
        }
    }
}

fn duplicates(values: impl Iterator<Item = String>, at: &str, d: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for value in values {
        if !seen.insert(value.clone()) {
            d.error_at(at, format!("`{value}` is listed twice"));
        }
    }
}

fn check_required_when(s: &Struct, origin: &str, service: &Service, d: &mut Diagnostics) {
    let at = pointer(origin, "x-required-when");
    for (i, rule) in s.required_when.iter().enumerate() {
        let rule_at = pointer(&at, i);
        match s.field(&rule.property) {
            None => d.error_at(
                &rule_at,
                format!(
                    "`property`: `{}` is not a field of this object",
                    rule.property
                ),
            ),
            Some(field) => {
                for v in conform(&rule.equals, &field.schema, service, &rule.property) {
                    d.error_at(
                        &rule_at,
                        format!("`equals` can never match: the value {}", v.message),
                    );
                }
            }
        }
        for name in &rule.required {
            match s.field(name) {
                None => d.error_at(
                    &rule_at,
                    format!("`required`: `{name}` is not a field of this object"),
                ),
                Some(f) if f.required => d.warning_at(
                    &rule_at,
                    format!("`{name}` is always required; the condition adds nothing"),
                ),
                Some(_) => {}
            }
        }
        if rule.required.is_empty() {
            d.error_at(&rule_at, "`required` lists no fields");
        }
    }
}
