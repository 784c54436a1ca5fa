//! One bad operation does not sink a service: operations that cannot be
//! generated are left out of the document, each with a located warning,
//! and the rest goes on.
//!
//! An error inside an operation leaves that operation out; one on a path
//! item's shared parts leaves out the item's operations; one inside a
//! component (a schema, parameter, response…) leaves out the component and
//! every operation that reaches it, through any chain of `$ref`s. An error
//! anywhere else (`info`, `servers`, the document's shape) concerns the
//! whole service and stays an error, and so do errors that would leave no
//! operation at all. In strict mode nothing is left out.

use super::is_method;
use super::shape::Shape;
use crate::diagnostics::{pointer, unescape, Diagnostic, Diagnostics, Location};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// An operation of the document that is not generated, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LeftOut {
    /// Its `operationId` (or its path key, when it has none).
    pub operation: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The request path.
    pub path: String,
    /// The first problem found, with where it is (a JSON pointer).
    pub reason: String,
}

/// An operation by where it is written: path key and method key.
type OpKey = (String, String);

/// Where an error falls.
enum Blame {
    Operation(OpKey),
    PathItem(String),
    /// `#/components/<kind>/<name>`, as a reference names it.
    Component(String),
}

/// `#/components/<kind>/<name>`, as a reference writes it.
fn component_ref(kind: &str, name: &str) -> String {
    format!("#{}", pointer(&pointer("/components", kind), name))
}

fn blame(pointer: &str) -> Option<Blame> {
    let segments: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    match segments.as_slice() {
        [paths, key, method, ..] if paths == "paths" && is_method(method) => {
            Some(Blame::Operation((key.clone(), method.clone())))
        }
        [paths, key, ..] if paths == "paths" => Some(Blame::PathItem(key.clone())),
        [components, kind, name, ..] if components == "components" => {
            Some(Blame::Component(component_ref(kind, name)))
        }
        _ => None,
    }
}

/// Leaves out of `doc` what `errors` are found in, reporting each operation
/// left out as a warning in `d`. `Err` gives the errors back when one of
/// them concerns the whole service or nothing would be left out.
pub(crate) fn leave_out(
    doc: &mut Value,
    errors: Vec<Diagnostic>,
    d: &mut Diagnostics,
) -> Result<Vec<LeftOut>, Vec<Diagnostic>> {
    let mut bad_ops: BTreeMap<OpKey, String> = BTreeMap::new();
    let mut bad_components: BTreeMap<String, String> = BTreeMap::new();
    for error in &errors {
        let Location::Pointer(at) = &error.location else {
            return Err(errors);
        };
        let reason = format!(
            "{} (at {})",
            error.message,
            if at.is_empty() { "/" } else { at }
        );
        match blame(at) {
            Some(Blame::Operation(op)) => {
                bad_ops.entry(op).or_insert(reason);
            }
            Some(Blame::PathItem(key)) => {
                for op in operations_of(doc, &key) {
                    bad_ops.entry(op).or_insert_with(|| reason.clone());
                }
            }
            Some(Blame::Component(name)) => {
                bad_components.entry(name).or_insert(reason);
            }
            None => return Err(errors),
        }
    }

    // Components that reach a bad one are bad too (found backwards from
    // the bad ones), and so are the operations that reach any of them.
    let graph = references_of_components(doc);
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
    for (name, refs) in &graph {
        for target in refs {
            users
                .entry(target.as_str())
                .or_default()
                .push(name.as_str());
        }
    }
    let mut queue: VecDeque<String> = bad_components.keys().cloned().collect();
    while let Some(bad) = queue.pop_front() {
        for user in users.get(bad.as_str()).into_iter().flatten() {
            if !bad_components.contains_key(*user) {
                let why = format!(
                    "uses `{bad}`, which is left out: {}",
                    root_cause(&bad_components[&bad])
                );
                bad_components.insert((*user).to_owned(), why);
                queue.push_back((*user).to_owned());
            }
        }
    }
    for (key, method) in all_operations(doc) {
        if bad_ops.contains_key(&(key.clone(), method.clone())) {
            continue;
        }
        let Some(op) = doc.pointer(&op_pointer(&key, &method)) else {
            continue;
        };
        let mut refs = BTreeSet::new();
        collect_refs(op, Shape::Keywords, &mut refs);
        if let Some(item_params) = doc.pointer(&pointer(&pointer("/paths", &key), "parameters")) {
            collect_refs(item_params, Shape::Names, &mut refs);
        }
        if let Some(bad) = refs.iter().find(|r| bad_components.contains_key(*r)) {
            let why = format!(
                "uses `{bad}`, which is left out: {}",
                root_cause(&bad_components[bad])
            );
            bad_ops.insert((key, method), why);
        }
    }
    if bad_ops.is_empty() && bad_components.is_empty() {
        return Err(errors);
    }
    // A service with nothing left is no service: the errors say why.
    let operations = all_operations(doc);
    if !operations.is_empty() && operations.iter().all(|op| bad_ops.contains_key(op)) {
        return Err(errors);
    }

    let mut left_out = Vec::new();
    for ((key, method), reason) in &bad_ops {
        let item_at = pointer("/paths", key);
        let at = pointer(&item_at, method);
        let operation = doc
            .pointer(&pointer(&at, "operationId"))
            .and_then(Value::as_str)
            .unwrap_or(key)
            .to_owned();
        let path = doc
            .pointer(&pointer(&item_at, "x-url"))
            .and_then(Value::as_str)
            .map(super::vendor::url_path)
            .unwrap_or_else(|| key.clone());
        d.warning_at(
            &at,
            format!("operation `{operation}` is left out: {reason}"),
        );
        left_out.push(LeftOut {
            operation,
            method: method.to_ascii_uppercase(),
            path,
            reason: reason.clone(),
        });
    }
    for (name, reason) in &bad_components {
        let at = name.trim_start_matches('#');
        d.warning_at(at, format!("left out: {reason}"));
    }
    remove(doc, bad_ops.keys(), bad_components.keys());
    left_out.sort();
    Ok(left_out)
}

/// The first cause of a chain of "uses X, which is left out: …".
fn root_cause(reason: &str) -> &str {
    reason
        .rsplit("which is left out: ")
        .next()
        .unwrap_or(reason)
}

/// Each component (as a reference names it) and the references in it.
fn references_of_components(doc: &Value) -> HashMap<String, BTreeSet<String>> {
    let mut graph = HashMap::new();
    let Some(components) = doc.get("components").and_then(Value::as_object) else {
        return graph;
    };
    for (kind, entries) in components {
        for (name, entry) in entries.as_object().into_iter().flatten() {
            let mut refs = BTreeSet::new();
            collect_refs(entry, Shape::Keywords, &mut refs);
            graph.insert(component_ref(kind, name), refs);
        }
    }
    graph
}

fn collect_refs(value: &Value, shape: Shape, refs: &mut BTreeSet<String>) {
    match value {
        _ if shape == Shape::Data => {}
        Value::Object(obj) => {
            for (key, child) in obj {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) if shape == Shape::Keywords => {
                        refs.insert(target.clone());
                    }
                    _ => collect_refs(child, shape.child(key), refs),
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_refs(v, Shape::Keywords, refs)),
        _ => {}
    }
}

fn op_pointer(key: &str, method: &str) -> String {
    pointer(&pointer("/paths", key), method)
}

fn operations_of(doc: &Value, key: &str) -> Vec<OpKey> {
    let item = doc.get("paths").and_then(|p| p.get(key));
    item.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(m, _)| is_method(m))
        .map(|(m, _)| (key.to_owned(), m.clone()))
        .collect()
}

fn all_operations(doc: &Value) -> Vec<OpKey> {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .flat_map(|(key, _)| operations_of(doc, key))
        .collect()
}

fn remove<'a>(
    doc: &mut Value,
    ops: impl Iterator<Item = &'a OpKey>,
    components: impl Iterator<Item = &'a String>,
) {
    for (key, method) in ops {
        if let Some(Value::Object(paths)) = doc.get_mut("paths") {
            let now_empty = match paths.get_mut(key).and_then(Value::as_object_mut) {
                Some(item) => {
                    item.remove(method);
                    !item.keys().any(|k| is_method(k))
                }
                None => false,
            };
            if now_empty {
                paths.remove(key);
            }
        }
    }
    for name in components {
        let Some((kind, escaped)) = name
            .strip_prefix("#/components/")
            .and_then(|rest| rest.split_once('/'))
        else {
            continue;
        };
        let entry = unescape(escaped);
        if let Some(Value::Object(entries)) = doc.pointer_mut(&pointer("/components", kind)) {
            entries.remove(&entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(at: &str, message: &str) -> Diagnostic {
        let mut d = Diagnostics::new("t.json");
        d.error_at(at, message);
        d.into_vec().remove(0)
    }

    #[test]
    fn an_operation_and_those_reaching_a_bad_component_are_left_out() {
        let mut doc = json!({"paths": {
            "/a": {"get": {"operationId": "GetA"}, "post": {"operationId": "PostA",
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Outer"}}}}}}},
            "/b": {"get": {"operationId": "GetB"}}},
            "components": {"schemas": {
                "Outer": {"properties": {"i": {"$ref": "#/components/schemas/Inner"}}},
                "Inner": {"type": "weird"}, "Fine": {"type": "string"}}}});
        let mut d = Diagnostics::new("t.json");
        let left = leave_out(
            &mut doc,
            vec![
                error("/paths/~1b/get/parameters/0", "undeclared"),
                error("/components/schemas/Inner/type", "not a type"),
            ],
            &mut d,
        )
        .unwrap();
        let names: Vec<&str> = left.iter().map(|l| l.operation.as_str()).collect();
        assert_eq!(names, ["GetB", "PostA"]);
        assert!(left[1].reason.contains("Outer"), "{}", left[1].reason);
        assert_eq!(
            doc,
            json!({"paths": {"/a": {"get": {"operationId": "GetA"}}},
                "components": {"schemas": {"Fine": {"type": "string"}}}})
        );
        assert_eq!(d.warning_count(), 4, "{d}");
    }

    #[test]
    fn users_of_users_in_a_loop_are_found_and_default_responses_count() {
        // M -> {N, Z}, N -> M: both reach the bad Z, whatever the order.
        let mut doc = json!({"paths": {
            "/n": {"get": {"operationId": "UsesN", "responses": {"default": {"$ref": "#/components/responses/R"}}}},
            "/ok": {"get": {"operationId": "Fine"}}},
            "components": {"responses": {"R": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/N"}}}}},
                "schemas": {
                "M": {"properties": {"n": {"$ref": "#/components/schemas/N"}, "z": {"$ref": "#/components/schemas/Z"}}},
                "N": {"properties": {"m": {"$ref": "#/components/schemas/M"}}},
                "Z": {}}}});
        let mut d = Diagnostics::new("t.json");
        let left = leave_out(
            &mut doc,
            vec![error("/components/schemas/Z/type", "bad")],
            &mut d,
        )
        .unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].operation, "UsesN");
        assert!(
            left[0]
                .reason
                .ends_with("bad (at /components/schemas/Z/type)"),
            "{}",
            left[0].reason
        );
        assert_eq!(doc["components"]["schemas"], json!({}));
    }

    #[test]
    fn errors_about_the_whole_service_are_given_back() {
        let mut doc = json!({"paths": {"/a": {"get": {}}}});
        let mut d = Diagnostics::new("t.json");
        let errors = vec![error("/info", "no title"), error("/paths/~1a/get", "bad")];
        assert_eq!(leave_out(&mut doc, errors, &mut d).unwrap_err().len(), 2);
        assert_eq!(doc, json!({"paths": {"/a": {"get": {}}}}));
    }
}
