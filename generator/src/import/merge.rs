//! Merges imported operations into an existing spec.
//!
//! The page is the authority on what it states; the spec keeps everything
//! the page does not state (a maintainer's enum list where the export lost
//! the page's, `format: password`, extensions, descriptions written in the
//! project's own words). Every change is listed; so is every fact the spec
//! keeps that the page is silent on.

use super::report::Report;
use super::ServiceDocument;
use serde_json::{json, Value};

/// What a merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// Changes made to the spec, one line each.
    pub changes: Vec<String>,
    /// Facts the spec holds that the page does not state, kept as they were.
    pub kept: Vec<String>,
}

/// Schema properties the page can state and a merge therefore updates:
/// the scalar facts, plus the enum and conditional requirements, which facts
/// reads in their own way.
fn fact_keys() -> impl Iterator<Item = &'static str> {
    super::facts::SCALAR_SCHEMA_FACTS
        .iter()
        .copied()
        .chain(["enum", "x-required-when"])
}

/// Merges `imported` (one service's document) into `spec`.
pub fn merge(spec: &mut Value, imported: &ServiceDocument, report: &Report) -> Merged {
    let mut merger = Merger {
        spec,
        imported: &imported.document,
        report,
        out: Merged::default(),
    };
    let paths = imported.document["paths"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (path, item) in &paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            merger.operation(path, method, op);
        }
    }
    merger.out
}

struct Merger<'a> {
    spec: &'a mut Value,
    imported: &'a Value,
    report: &'a Report,
    out: Merged,
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl Merger<'_> {
    /// JSON pointer of the operation with `id` in the spec.
    fn find_operation(&self, id: &str) -> Option<(String, String)> {
        for (path, item) in self.spec.get("paths")?.as_object()? {
            for (method, op) in item.as_object()? {
                if op.get("operationId").and_then(Value::as_str) == Some(id) {
                    return Some((path.clone(), method.clone()));
                }
            }
        }
        None
    }

    fn operation(&mut self, path: &str, method: &str, op: &Value) {
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        let Some((old_path, old_method)) = self.find_operation(&id) else {
            if self
                .spec
                .pointer(&format!("/paths/{}/{method}", escape(path)))
                .is_some()
            {
                self.out.changes.push(format!(
                    "{id}: not added: {} {path} is already another operation in the spec",
                    method.to_uppercase()
                ));
                return;
            }
            self.copy_refs(op);
            self.spec["paths"][path][method] = op.clone();
            self.out
                .changes
                .push(format!("{id}: added ({} {path})", method.to_uppercase()));
            return;
        };
        if (old_path.as_str(), old_method.as_str()) != (path, method) {
            let moved = self.spec["paths"][&old_path]
                .as_object_mut()
                .and_then(|item| item.shift_remove(&old_method));
            if let Some(moved) = moved {
                self.spec["paths"][path][method] = moved;
            }
            self.out.changes.push(format!(
                "{id}: moved from {} {old_path} to {} {path}",
                old_method.to_uppercase(),
                method.to_uppercase()
            ));
        }
        let at = format!("/paths/{}/{method}", escape(path));
        self.parameters(&id, &at, op);
        if let Some(body) = op.get("requestBody") {
            let schema = &body["content"]["application/json"]["schema"];
            let existing = format!("{at}/requestBody/content/application~1json/schema");
            if self.target(&format!("{at}/requestBody")).is_some() {
                self.schema(
                    &format!("{id} body"),
                    &self.target(&existing).unwrap_or(existing),
                    schema,
                );
            } else {
                self.copy_refs(body);
                self.edit(&at, |o| o["requestBody"] = body.clone());
                self.out.changes.push(format!("{id}: request body added"));
            }
        }
        for (code, response) in op["responses"].as_object().into_iter().flatten() {
            let existing = format!("{at}/responses/{code}");
            let Some(existing) = self.target(&existing) else {
                self.copy_refs(response);
                self.edit(&at, |o| o["responses"][code] = response.clone());
                self.out
                    .changes
                    .push(format!("{id}: response {code} added"));
                continue;
            };
            let schema = &response["content"]["application/json"]["schema"];
            if schema.is_null() {
                continue;
            }
            let body = format!("{existing}/content/application~1json/schema");
            match self.target(&body) {
                Some(body) => self.schema(&format!("{id} {code} body"), &body, schema),
                None => {
                    self.copy_refs(response);
                    self.edit(&existing, |r| r["content"] = response["content"].clone());
                    self.out
                        .changes
                        .push(format!("{id} {code}: response body added"));
                }
            }
        }
    }

    fn parameters(&mut self, id: &str, at: &str, op: &Value) {
        let existing: Vec<(String, String, String)> = self
            .spec
            .pointer(&format!("{at}/parameters"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, _)| {
                let pointer = self.target(&format!("{at}/parameters/{i}"))?;
                let param = self.spec.pointer(&pointer)?;
                Some((
                    param["name"].as_str()?.to_owned(),
                    param["in"].as_str()?.to_owned(),
                    pointer,
                ))
            })
            .collect();
        let same = |a: &str, b: &str, location: &str| {
            if location == "header" {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        for param in op["parameters"].as_array().into_iter().flatten() {
            let (name, location) = (
                param["name"].as_str().unwrap_or(""),
                param["in"].as_str().unwrap_or(""),
            );
            let subject = format!(
                "{id} {location} {}",
                if location == "header" {
                    name.to_ascii_lowercase()
                } else {
                    name.to_owned()
                }
            );
            match existing
                .iter()
                .find(|(n, l, _)| l == location && same(n, name, location))
            {
                Some((_, _, pointer)) => {
                    let was = self
                        .spec
                        .pointer(pointer)
                        .and_then(|p| p.get("required"))
                        .cloned()
                        .unwrap_or(json!(false));
                    if self.report.lost(&subject, "required") {
                        self.out
                            .kept
                            .push(format!("{subject}: required {was} kept (the page lost it)"));
                    } else if was != param["required"] {
                        self.edit(pointer, |p| p["required"] = param["required"].clone());
                        self.out.changes.push(format!(
                            "{subject}: required {was} -> {}",
                            param["required"]
                        ));
                    }
                    let schema = self
                        .target(&format!("{pointer}/schema"))
                        .unwrap_or(format!("{pointer}/schema"));
                    self.schema(&subject, &schema, &param["schema"]);
                }
                None => {
                    self.copy_refs(param);
                    if let Some(Value::Array(list)) =
                        self.spec.pointer_mut(&format!("{at}/parameters"))
                    {
                        list.push(param.clone());
                    } else if let Some(op) = self.spec.pointer_mut(at) {
                        op["parameters"] = json!([param]);
                    }
                    self.out.changes.push(format!("{subject}: parameter added"));
                }
            }
        }
        for (name, location, _) in &existing {
            let on_page = op["parameters"].as_array().into_iter().flatten().any(|p| {
                p["in"] == location.as_str()
                    && same(p["name"].as_str().unwrap_or(""), name, location)
            });
            if !on_page {
                self.out.kept.push(format!(
                    "{id} {location} {name}: parameter not on the page, kept"
                ));
            }
        }
    }

    /// Applies `change` to the value at `pointer`, if there is one.
    fn edit(&mut self, pointer: &str, change: impl FnOnce(&mut Value)) {
        if let Some(value) = self.spec.pointer_mut(pointer) {
            change(value);
        }
    }

    /// The pointer `pointer` leads to after following `$ref`s; `None` if
    /// nothing is there.
    fn target(&self, pointer: &str) -> Option<String> {
        let mut pointer = pointer.to_owned();
        for _ in 0..12 {
            let value = self.spec.pointer(&pointer)?;
            match value
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            {
                Some(next) => pointer = next.to_owned(),
                None => return Some(pointer),
            }
        }
        Some(pointer)
    }

    fn imported_schema<'v>(&self, schema: &'v Value) -> &'v Value
    where
        Self: 'v,
    {
        let mut schema = schema;
        for _ in 0..12 {
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            {
                Some(pointer) => match self.imported.pointer(pointer) {
                    Some(next) => schema = next,
                    None => break,
                },
                None => break,
            }
        }
        schema
    }

    /// Merges the facts of the imported `schema` into the spec's schema at
    /// `at` (a resolved pointer).
    fn schema(&mut self, subject: &str, at: &str, schema: &Value) {
        let imported = self.imported_schema(schema).clone();
        // Changes inside a named schema reach every operation that uses it.
        let shared = at
            .strip_prefix("/components/schemas/")
            .and_then(|rest| rest.split('/').next());
        let note = shared
            .map(|name| format!(" (schema {name})"))
            .unwrap_or_default();
        let Some(existing) = self.spec.pointer(at).cloned() else {
            return;
        };
        for key in fact_keys() {
            match (existing.get(key), imported.get(key)) {
                // A fact read only in part (a pattern of the allowed
                // characters, without the rules on their order) does not
                // replace the spec's.
                (Some(old), Some(new))
                    if !same_fact(key, old, new) && self.report.unread(subject, key) =>
                {
                    self.out.kept.push(format!(
                        "{subject}: {key} {old} kept (the page's rule was read only in part)"
                    ));
                }
                (Some(old), Some(new)) if !same_fact(key, old, new) => {
                    self.edit(at, |s| s[key] = new.clone());
                    self.out
                        .changes
                        .push(format!("{subject}: {key} {old} -> {new}{note}"));
                }
                (None, Some(new)) => {
                    self.edit(at, |s| s[key] = new.clone());
                    self.out
                        .changes
                        .push(format!("{subject}: {key} set to {new}{note}"));
                }
                (Some(old), None) if !(key == "format" && old == "password") => {
                    self.out.kept.push(format!(
                        "{subject}: {key} {old} kept (the page does not state it)"
                    ));
                }
                _ => {}
            }
        }
        if let (Some(_), Some(items)) = (existing.get("items"), imported.get("items")) {
            let inner = self
                .target(&format!("{at}/items"))
                .unwrap_or(format!("{at}/items"));
            self.schema(&format!("{subject}[]"), &inner, items);
        }
        if let (Some(_), Some(values)) = (
            existing.get("additionalProperties"),
            imported.get("additionalProperties"),
        ) {
            let inner = self
                .target(&format!("{at}/additionalProperties"))
                .unwrap_or(format!("{at}/additionalProperties"));
            self.schema(&format!("{subject}.*"), &inner, values);
        }
        let Some(properties) = imported.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required_now: Vec<&str> = imported["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, property) in properties {
            let field = format!("{subject}.{name}");
            let pointer = format!("{at}/properties/{}", escape(name));
            match self.target(&pointer) {
                Some(inner) => self.schema(&field, &inner, property),
                None => {
                    self.copy_refs(property);
                    self.edit(at, |s| s["properties"][name] = property.clone());
                    self.out.changes.push(format!("{field}: field added{note}"));
                }
            }
            let was = existing["required"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|r| r == name.as_str());
            let now = required_now.contains(&name.as_str());
            if self.report.lost(&field, "required") {
                self.out
                    .kept
                    .push(format!("{field}: required {was} kept (the page lost it)"));
            } else if was != now {
                set_required(self.spec.pointer_mut(at), name, now);
                self.out
                    .changes
                    .push(format!("{field}: required {was} -> {now}{note}"));
            }
        }
        for name in existing["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(n, _)| n)
        {
            if !properties.contains_key(name) {
                self.out
                    .kept
                    .push(format!("{subject}.{name}: field not on the page, kept"));
            }
        }
    }

    /// Copies the imported schemas that `value` refers to, and those they
    /// refer to, into the spec where it has none of that name.
    fn copy_refs(&mut self, value: &Value) {
        let mut stack = vec![value.clone()];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    if let Some(name) = map
                        .get("$ref")
                        .and_then(Value::as_str)
                        .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    {
                        let exists = self
                            .spec
                            .pointer(&format!("/components/schemas/{}", escape(name)))
                            .is_some();
                        if let (false, Some(schema)) =
                            (exists, self.imported["components"]["schemas"].get(name))
                        {
                            self.spec["components"]["schemas"][name] = schema.clone();
                            self.out.changes.push(format!("schema {name} added"));
                            stack.push(schema.clone());
                        }
                    }
                    stack.extend(map.into_iter().map(|(_, v)| v));
                }
                Value::Array(list) => stack.extend(list),
                _ => {}
            }
        }
    }
}

/// Enums compare as sets: the order of values is not a fact of the page.
fn same_fact(key: &str, old: &Value, new: &Value) -> bool {
    if key == "enum" {
        let (Some(old), Some(new)) = (old.as_array(), new.as_array()) else {
            return old == new;
        };
        return old.len() == new.len() && old.iter().all(|v| new.contains(v));
    }
    old == new
}

fn set_required(schema: Option<&mut Value>, name: &str, required: bool) {
    let Some(schema) = schema else { return };
    let list = schema
        .as_object_mut()
        .map(|s| s.entry("required").or_insert_with(|| json!([])));
    if let Some(Value::Array(list)) = list {
        list.retain(|r| r != name);
        if required {
            list.push(json!(name));
        }
    }
    if schema["required"].as_array().is_some_and(Vec::is_empty) {
        if let Some(s) = schema.as_object_mut() {
            s.shift_remove("required");
        }
    }
}
