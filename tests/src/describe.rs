//! A one-line-per-fact description of an operation in the IR, for tests
//! that pin every documented fact of the spec.

use hwcloud_codegen::ir::{
    ArrayStyle, IntegerWidth, NamedKind, Operation, Schema, Service, Status, Type,
};

/// Every parameter, body field, response and rule of `op`, one per line.
pub fn describe_operation(service: &Service, op: &Operation) -> Vec<String> {
    let mut lines = vec![format!("{} {}", op.method.as_str(), op.path)];
    for p in &op.params {
        let mut flags = vec![if p.required { "required" } else { "optional" }.to_owned()];
        if p.auto_filled {
            flags.push("auto-filled".into());
        }
        if matches!(p.schema.ty, Type::Array(_)) {
            flags.push(match p.array_style {
                ArrayStyle::CommaSeparated => "comma-separated".into(),
                ArrayStyle::Repeated => "repeated".into(),
            });
        }
        for r in &p.wire_replace {
            flags.push(format!("`{}` sent as `{}`", r.from, r.to));
        }
        lines.push(format!(
            "{} {}: {} {}",
            p.location.as_str(),
            p.name,
            flags.join(", "),
            schema(service, &p.schema)
        ));
    }
    if let Some(body) = &op.body {
        let required = if body.required {
            "required"
        } else {
            "optional"
        };
        lines.push(format!(
            "body ({}): {required} {}",
            body.content_type,
            schema(service, &body.schema)
        ));
        fields(service, &body.schema, "body", &mut lines);
    }
    for r in &op.responses {
        let status = match r.status {
            Status::Code(c) => c.to_string(),
            Status::Default => "default".into(),
        };
        match &r.body {
            Some(b) => {
                lines.push(format!("response {status}: {}", schema(service, &b.schema)));
                fields(
                    service,
                    &b.schema,
                    &format!("response {status}"),
                    &mut lines,
                );
            }
            None => lines.push(format!("response {status}: no body")),
        }
    }
    if let Some(p) = &op.pagination {
        lines.push(format!(
            "paging: offset={} limit={} items={} total={}",
            p.offset_param,
            p.limit_param,
            p.items_field,
            p.total_field.as_deref().unwrap_or("-")
        ));
    }
    lines.push(format!("security: {}", op.security.join(" | ")));
    lines
}

/// The fields of the struct behind `s` (through arrays and maps), recursively.
fn fields(service: &Service, s: &Schema, prefix: &str, lines: &mut Vec<String>) {
    match &s.ty {
        Type::Array(a) => fields(service, &a.items, &format!("{prefix}[]"), lines),
        Type::Map(m) => fields(service, &m.values, &format!("{prefix}{{}}"), lines),
        Type::Named(name) => {
            let Some(NamedKind::Struct(st)) = service.type_by_name(name).map(|t| &t.kind) else {
                return;
            };
            for f in &st.fields {
                let required = if f.required { "required" } else { "optional" };
                let path = format!("{prefix}.{}", f.name);
                lines.push(format!("{path}: {required} {}", schema(service, &f.schema)));
                fields(service, &f.schema, &path, lines);
            }
            for rule in &st.required_when {
                lines.push(format!(
                    "{prefix}: when {} = {} requires {}",
                    rule.property,
                    rule.equals,
                    rule.required.join(", ")
                ));
            }
        }
        _ => {}
    }
}

/// A schema's type and every constraint on it.
pub fn schema(service: &Service, s: &Schema) -> String {
    let mut out = match &s.ty {
        Type::String(t) => {
            let mut out = "string".to_owned();
            if t.min_length.is_some() || t.max_length.is_some() {
                out += &format!(" len {}", range(t.min_length, t.max_length));
            }
            if let Some(p) = &t.pattern {
                out += &format!(" pattern {p}");
            }
            if let Some(f) = &t.format {
                out += &format!(" format {f}");
            }
            out
        }
        Type::Integer(i) => {
            let mut out = width_name(i.width).to_owned();
            if i.minimum.is_some() || i.maximum.is_some() {
                out += &format!(" {}", range(i.minimum, i.maximum));
            }
            out
        }
        Type::Number(_) => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Any => "any".into(),
        Type::Binary => "binary".into(),
        Type::File => "file".into(),
        Type::Array(a) => {
            let mut out = "array".to_owned();
            if a.min_items.is_some() || a.max_items.is_some() {
                out += &format!(" items {}", range(a.min_items, a.max_items));
            }
            format!("{out} of {}", schema(service, &a.items))
        }
        Type::Map(m) => format!("map of {}", schema(service, &m.values)),
        Type::Named(name) => match service.type_by_name(name).map(|t| &t.kind) {
            Some(NamedKind::StringEnum(values)) => {
                let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                format!("enum {name} [{}]", values.join(", "))
            }
            Some(NamedKind::IntegerEnum { width, values }) => {
                let values: Vec<String> = values
                    .iter()
                    .map(|v| match &v.name {
                        Some(n) => format!("{}={n}", v.value),
                        None => v.value.to_string(),
                    })
                    .collect();
                format!("{} enum {name} [{}]", width_name(*width), values.join(", "))
            }
            Some(NamedKind::Struct(_)) => format!("object {name}"),
            None => format!("unknown {name}"),
        },
    };
    if let Some(d) = &s.default {
        out += &format!(" default {d}");
    }
    if s.secret {
        out += " secret";
    }
    if s.nullable {
        out += " nullable";
    }
    out
}

fn range<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    let show = |v: Option<T>| v.map(|v| v.to_string()).unwrap_or_default();
    format!("{}..={}", show(min), show(max))
}

fn width_name(width: IntegerWidth) -> &'static str {
    match width {
        IntegerWidth::I32 => "i32",
        IntegerWidth::I64 => "i64",
    }
}
