//! Does a JSON value conform to a schema? Used to check the spec's own
//! examples and defaults.

use super::{NamedKind, Schema, Service, Type};
use serde_json::Value;

/// One way a value breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where in the value, e.g. `body.credential.type` or `body[2].auth`.
    pub path: String,
    pub message: String,
    pub kind: ViolationKind,
}

/// What a generated client does with such a value, which decides how a
/// generated test checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationKind {
    /// The value has the wrong shape (type, width, null, a missing required
    /// field): it does not even decode into the generated types.
    Shape,
    /// It decodes, but breaks a documented rule: validation refuses it.
    Rule,
    /// A field the schema does not know: decoding ignores it.
    Extra,
}

/// Every way `value` breaks `schema` (empty if it conforms). `path` names
/// the value's root in messages. Secret values are never quoted.
pub fn conform(value: &Value, schema: &Schema, service: &Service, path: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    Checker {
        service,
        out: &mut out,
    }
    .check(value, schema, path);
    out
}

struct Checker<'a> {
    service: &'a Service,
    out: &'a mut Vec<Violation>,
}

impl Checker<'_> {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        self.fail_as(ViolationKind::Rule, path, message);
    }

    fn fail_as(&mut self, kind: ViolationKind, path: &str, message: impl Into<String>) {
        self.out.push(Violation {
            path: path.to_owned(),
            message: message.into(),
            kind,
        });
    }

    fn check(&mut self, value: &Value, schema: &Schema, path: &str) {
        if value.is_null() {
            if !schema.nullable {
                self.fail_as(
                    ViolationKind::Shape,
                    path,
                    "is null, which the schema does not allow",
                );
            }
            return;
        }
        match &schema.ty {
            Type::Any => {}
            Type::Binary => {}
            Type::File => {
                if !is_file_view(value) {
                    self.wrong_type(path, "a file (`{\"file_name\": …, \"content_type\": …, \"text\" or \"base64\": …}`)", value);
                }
            }
            Type::Boolean => {
                if !value.is_boolean() {
                    self.wrong_type(path, "a boolean", value);
                }
            }
            Type::String(s) => {
                let Some(text) = value.as_str() else {
                    return self.wrong_type(path, "a string", value);
                };
                let chars = text.chars().count() as u64;
                if !s.length_allows(chars) {
                    self.fail(
                        path,
                        format!(
                            "has {chars} characters; allowed: {}",
                            range(s.min_length, s.max_length)
                        ),
                    );
                }
                if let Some(pattern) = s.pattern.as_ref().filter(|_| !s.pattern_allows(text)) {
                    self.fail(path, format!("does not match the pattern `{pattern}`"));
                }
            }
            Type::Integer(i) => {
                let Some(n) = value.as_i64() else {
                    return self.wrong_type(path, "an integer", value);
                };
                if !i.width.holds(n) {
                    self.fail_as(
                        ViolationKind::Shape,
                        path,
                        format!("{n} does not fit in 32 bits"),
                    );
                }
                if !i.range_allows(n) {
                    self.fail(
                        path,
                        format!("is {n}; allowed: {}", range(i.minimum, i.maximum)),
                    );
                }
                if !i.multiple_allows(n) {
                    self.fail(
                        path,
                        format!("{n} is not a multiple of {}", i.multiple_of.unwrap_or(1)),
                    );
                }
            }
            Type::Number(num) => {
                let Some(n) = value.as_f64() else {
                    return self.wrong_type(path, "a number", value);
                };
                if !num.range_allows(n) {
                    self.fail(path, format!("{n} is out of range"));
                }
                if !num.multiple_allows(n) {
                    self.fail(
                        path,
                        format!(
                            "{n} is not a multiple of {}",
                            num.multiple_of.unwrap_or(1.0)
                        ),
                    );
                }
            }
            Type::Array(a) => {
                let Some(items) = value.as_array() else {
                    return self.wrong_type(path, "an array", value);
                };
                let n = items.len() as u64;
                if a.min_items.is_some_and(|min| n < min) || a.max_items.is_some_and(|max| n > max)
                {
                    self.fail(
                        path,
                        format!(
                            "has {n} items; allowed: {}",
                            range(a.min_items, a.max_items)
                        ),
                    );
                }
                if a.unique_items
                    && items
                        .iter()
                        .enumerate()
                        .any(|(i, x)| items[..i].contains(x))
                {
                    self.fail(path, "has duplicate items");
                }
                for (i, item) in items.iter().enumerate() {
                    self.check(item, &a.items, &format!("{path}[{i}]"));
                }
            }
            Type::Map(m) => {
                let Some(obj) = value.as_object() else {
                    return self.wrong_type(path, "an object", value);
                };
                for (key, item) in obj {
                    self.check(item, &m.values, &format!("{path}.{key}"));
                }
            }
            Type::Named(name) => self.named(value, name, path),
        }
    }

    fn named(&mut self, value: &Value, name: &str, path: &str) {
        let Some(ty) = self.service.type_by_name(name) else {
            return;
        };
        match &ty.kind {
            NamedKind::StringEnum(values) => match value.as_str() {
                Some(s) if values.iter().any(|v| v.value == s) => {}
                Some(s) => self.fail(
                    path,
                    format!(
                        "`{s}` is not one of {}",
                        list(values.iter().map(|v| v.value.clone()))
                    ),
                ),
                None => self.wrong_type(path, "a string", value),
            },
            NamedKind::IntegerEnum { values, .. } => match value.as_i64() {
                Some(n) if values.iter().any(|v| v.value == n) => {}
                Some(n) => self.fail(
                    path,
                    format!(
                        "{n} is not one of {}",
                        list(values.iter().map(|v| v.value.to_string()))
                    ),
                ),
                None => self.wrong_type(path, "an integer", value),
            },
            NamedKind::Struct(s) => {
                let Some(obj) = value.as_object() else {
                    return self.wrong_type(path, "an object", value);
                };
                for field in &s.fields {
                    let field_path = format!("{path}.{}", field.name);
                    match obj.get(&field.name) {
                        Some(v) => self.check(v, &field.schema, &field_path),
                        None if field.required => self.fail_as(
                            ViolationKind::Shape,
                            &field_path,
                            "is required but missing",
                        ),
                        None => {}
                    }
                }
                for key in obj.keys() {
                    if s.field(key).is_none() {
                        self.fail_as(
                            ViolationKind::Extra,
                            &format!("{path}.{key}"),
                            format!("is not a field of `{name}`"),
                        );
                    }
                }
                for rule in &s.required_when {
                    if obj.get(&rule.property) == Some(&rule.equals) {
                        for required in &rule.required {
                            if obj.get(required).is_none_or(Value::is_null) {
                                self.fail(
                                    &format!("{path}.{required}"),
                                    format!(
                                        "is required when `{}` is {}",
                                        rule.property, rule.equals
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.fail_as(
            ViolationKind::Shape,
            path,
            format!("should be {expected}, but is {found}"),
        );
    }
}

fn range<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".into(),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    items.join(", ")
}

/// Whether `value` is the runtime's JSON view of a file: an object with
/// `text` or `base64` (one of them), and optionally `file_name` and
/// `content_type`, all strings.
fn is_file_view(value: &Value) -> bool {
    let Some(view) = value.as_object() else {
        return false;
    };
    let strings = view.values().all(Value::is_string);
    let known = view
        .keys()
        .all(|k| ["file_name", "content_type", "text", "base64"].contains(&k.as_str()));
    let contents = view.contains_key("text") as u8 + view.contains_key("base64") as u8;
    strings && known && contents == 1
}
