//! `allOf`, flattened into the one object it describes.
//!
//! Rust has no inheritance, and a generated type that embeds its "parents"
//! (`#[serde(flatten)]`) is slower to decode, hides the fields from the
//! builder and cannot reject or default them one by one. So an `allOf` of
//! objects becomes one object with every member's properties and required
//! fields, which is what the vendor's own SDKs generate too. Members by
//! reference are expanded (their types stay in the API where they are used
//! on their own). An `allOf` of one member beside annotations only is that
//! member, annotated (the usual way of describing a reference in 3.0).
//!
//! Members that are not objects (an `allOf` of two strings) cannot be one
//! struct; they are reported as errors at the `allOf`, which leaves out
//! just the operations that use it.

use crate::diagnostics::{pointer, unescape, Diagnostics};
use crate::limits::MAX_SCHEMA_DEPTH;
use serde_json::{Map, Value};
use std::collections::HashMap;

use super::shape::Shape;

/// How many JSON values flattening may copy into a document in all: an
/// `allOf` of `allOf`s can double at every level, and past this the
/// document is refused at the member that would pass it.
const MAX_COPIED_VALUES: usize = 2_000_000;

/// Flattens every `allOf` in `doc`.
pub(super) fn flatten_all_of(doc: &mut Value, d: &mut Diagnostics) {
    if !contains_all_of(doc, Shape::Keywords) {
        return;
    }
    let originals: Map<String, Value> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut flattener = Flattener {
        originals: &originals,
        done: HashMap::new(),
        visiting: Vec::new(),
        copied: 0,
        d,
    };
    for name in originals.keys() {
        flattener.component(name);
    }
    let done = std::mem::take(&mut flattener.done);
    if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        for (name, schema) in schemas.iter_mut() {
            if let Some(Some(flat)) = done.get(name) {
                *schema = flat.clone();
            }
        }
    }
    flattener.done = done;
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    for (key, value) in root.iter_mut() {
        if key == "components" {
            if let Some(components) = value.as_object_mut() {
                for (kind, entries) in components.iter_mut() {
                    if kind != "schemas" {
                        let at = pointer("/components", kind);
                        flattener.walk(entries, &at, 0, Shape::Keywords.child(kind));
                    }
                }
            }
        } else if key == "paths" {
            flattener.walk(value, "/paths", 0, Shape::Names);
        }
    }
}

fn contains_all_of(value: &Value, shape: Shape) -> bool {
    match value {
        _ if shape == Shape::Data => false,
        Value::Object(obj) => obj.iter().any(|(k, v)| {
            (k == "allOf" && shape == Shape::Keywords) || contains_all_of(v, shape.child(k))
        }),
        Value::Array(items) => items.iter().any(|v| contains_all_of(v, Shape::Keywords)),
        _ => false,
    }
}

/// The number of JSON values in `value`.
fn size(value: &Value) -> usize {
    match value {
        Value::Object(obj) => 1 + obj.values().map(size).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        _ => 1,
    }
}

struct Flattener<'a, 'd> {
    /// The component schemas as written.
    originals: &'a Map<String, Value>,
    /// Component schemas flattened so far (`None`: it could not be).
    done: HashMap<String, Option<Value>>,
    /// Components being flattened, one inside the other (for cycles and
    /// for the depth of the chain).
    visiting: Vec<String>,
    /// JSON values copied from members so far (see [`MAX_COPIED_VALUES`]).
    copied: usize,
    d: &'d mut Diagnostics,
}

impl Flattener<'_, '_> {
    /// The component `name`, flattened; `None` when it cannot be (reported).
    fn component(&mut self, name: &str) -> Option<Value> {
        if let Some(done) = self.done.get(name) {
            return done.clone();
        }
        let original = self.originals.get(name)?;
        // A cycle through `allOf` (the type would contain itself), or a
        // chain too long to follow: the caller reports it at its member.
        if self.visiting.iter().any(|v| v == name) || self.visiting.len() >= MAX_SCHEMA_DEPTH {
            return None;
        }
        self.visiting.push(name.to_owned());
        let errors = self.d.error_count();
        let mut schema = original.clone();
        let at = pointer("/components/schemas", name);
        self.walk(&mut schema, &at, 0, Shape::Keywords);
        self.visiting.pop();
        let flat = (self.d.error_count() == errors).then_some(schema);
        self.done.insert(name.to_owned(), flat.clone());
        flat
    }

    /// Flattens every `allOf` inside `value`, innermost first.
    fn walk(&mut self, value: &mut Value, at: &str, depth: usize, shape: Shape) {
        if depth > MAX_SCHEMA_DEPTH || shape == Shape::Data {
            return;
        }
        match value {
            Value::Object(obj) => {
                for (key, child) in obj.iter_mut() {
                    self.walk(child, &pointer(at, key), depth + 1, shape.child(key));
                }
                if shape == Shape::Keywords && obj.contains_key("allOf") {
                    self.merge(obj, at);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    self.walk(child, &pointer(at, i), depth + 1, Shape::Keywords);
                }
            }
            _ => {}
        }
    }

    /// Replaces the `allOf` of `obj` (whose members are flattened already)
    /// by what it means. On an error `obj` is left as it is (the error says
    /// why, and the operations that use it are left out).
    fn merge(&mut self, obj: &mut Map<String, Value>, at: &str) {
        let all_of_at = pointer(at, "allOf");
        let Some(Value::Array(members)) = obj.get("allOf").cloned() else {
            self.d
                .error_at(&all_of_at, "`allOf` must be a list of schemas");
            return;
        };
        let mut expanded = Vec::with_capacity(members.len());
        for (i, member) in members.into_iter().enumerate() {
            let member_at = pointer(&all_of_at, i);
            let reference = member.get("$ref").cloned();
            let Some(member) = self.expand(member, &member_at) else {
                return;
            };
            expanded.push((member_at, reference, member));
        }
        if expanded.len() > 1 || obj.contains_key("properties") {
            // Several: each must be an object to be merged into one.
            for (member_at, _, member) in &expanded {
                let ty = member.get("type").and_then(Value::as_str);
                if let Some(ty) = ty.filter(|t| *t != "object") {
                    self.d.error_at(
                        member_at,
                        format!(
                            "an `allOf` member of `type: {ty}` cannot be merged into an object"
                        ),
                    );
                    return;
                }
            }
        }
        obj.remove("allOf");
        if expanded.len() == 1 && !obj.contains_key("properties") {
            let (_, reference, member) = expanded.remove(0);
            self.one_member(obj, at, reference, member);
            return;
        }
        self.members(obj, expanded);
    }

    /// An `allOf` of one member beside annotations: that member, annotated
    /// as the place of use says. A member by reference stays a reference
    /// (with a description only, as 3.0 reads it).
    fn one_member(
        &mut self,
        obj: &mut Map<String, Value>,
        at: &str,
        reference: Option<Value>,
        member: Map<String, Value>,
    ) {
        let outer = std::mem::take(obj);
        if let Some(reference) = reference {
            obj.insert("$ref".to_owned(), reference);
            let mut dropped = Vec::new();
            for (key, v) in outer {
                if key == "description" || key.starts_with("x-") {
                    obj.insert(key, v);
                } else {
                    dropped.push(format!("`{key}`"));
                }
            }
            if !dropped.is_empty() {
                self.d.repaired_at(
                    at,
                    format!(
                        "{} beside an `allOf` of one reference dropped: it stands for what it refers to, as it is",
                        dropped.join(", ")
                    ),
                );
            }
            return;
        }
        *obj = member;
        for (key, v) in outer {
            match (key.as_str(), obj.get_mut(&key)) {
                // Both required lists apply.
                ("required", Some(Value::Array(list))) => {
                    for name in v.as_array().cloned().unwrap_or_default() {
                        if !list.contains(&name) {
                            list.push(name);
                        }
                    }
                }
                (_, Some(existing)) if *existing != v => {
                    self.d.warning_at(
                        &pointer(at, &key),
                        format!("`{key}` here and in the `allOf` member differ: this one is used"),
                    );
                    *existing = v;
                }
                _ => {
                    obj.insert(key, v);
                }
            }
        }
    }

    /// Several members: one object with every member's properties and
    /// required fields, the object's own first; its own annotations win.
    fn members(
        &mut self,
        obj: &mut Map<String, Value>,
        members: Vec<(String, Option<Value>, Map<String, Value>)>,
    ) {
        let mut properties: Map<String, Value> = match obj.remove("properties") {
            Some(Value::Object(p)) => p,
            _ => Map::new(),
        };
        let mut required: Vec<Value> = match obj.remove("required") {
            Some(Value::Array(r)) => r,
            _ => Vec::new(),
        };
        for (member_at, _, member) in members {
            for (key, v) in member {
                match key.as_str() {
                    "properties" => {
                        for (name, prop) in v.as_object().cloned().unwrap_or_default() {
                            match properties.get(&name) {
                                Some(existing) if *existing != prop => self.d.warning_at(
                                    &pointer(&pointer(&member_at, "properties"), &name),
                                    format!("property `{name}` is also defined by an earlier `allOf` member; the earlier definition is used"),
                                ),
                                Some(_) => {}
                                None => {
                                    properties.insert(name, prop);
                                }
                            }
                        }
                    }
                    "required" => {
                        for name in v.as_array().cloned().unwrap_or_default() {
                            if !required.contains(&name) {
                                required.push(name);
                            }
                        }
                    }
                    _ => {
                        obj.entry(key).or_insert(v);
                    }
                }
            }
        }
        obj.insert("type".to_owned(), Value::String("object".to_owned()));
        obj.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            obj.insert("required".to_owned(), Value::Array(required));
        }
    }

    /// A member as an object schema: references followed (flattened).
    /// `None` when it cannot be one (reported).
    fn expand(&mut self, member: Value, at: &str) -> Option<Map<String, Value>> {
        let mut member = member;
        for _ in 0..MAX_SCHEMA_DEPTH {
            let Value::Object(obj) = member else {
                self.d
                    .error_at(at, "an `allOf` member must be a schema object");
                return None;
            };
            let Some(target) = obj.get("$ref").and_then(Value::as_str) else {
                self.copied += size(&Value::Object(obj.clone()));
                if self.copied > MAX_COPIED_VALUES {
                    self.d.error_at(
                        at,
                        format!("flattening `allOf` would copy more than {MAX_COPIED_VALUES} values; the document nests merges too deeply"),
                    );
                    return None;
                }
                return Some(obj);
            };
            let Some(name) = target.strip_prefix("#/components/schemas/").map(unescape) else {
                self.d.error_at(
                    &pointer(at, "$ref"),
                    format!("`{target}` does not point at `#/components/schemas/…`"),
                );
                return None;
            };
            if !self.originals.contains_key(&name) {
                self.d
                    .error_at(&pointer(at, "$ref"), format!("`{target}` does not exist"));
                return None;
            }
            let target = target.to_owned();
            match self.component(&name) {
                Some(flat) => member = flat,
                None => {
                    self.d.error_at(
                        &pointer(at, "$ref"),
                        format!("`{target}` cannot be merged: it contains itself through `allOf`, is merged too deeply, or cannot be flattened"),
                    );
                    return None;
                }
            }
        }
        self.d.error_at(at, "references nested too deeply");
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flat(mut doc: Value) -> (Value, Diagnostics) {
        let mut d = Diagnostics::new("t.json");
        flatten_all_of(&mut doc, &mut d);
        (doc, d)
    }

    #[test]
    fn members_by_reference_and_inline_become_one_object() {
        let (doc, d) = flat(json!({"components": {"schemas": {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Named": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object",
                "required": ["name"], "properties": {"name": {"type": "string"}}}],
                "description": "A thing with a name."}
        }}}));
        assert_eq!(
            doc["components"]["schemas"]["Named"],
            json!({"description": "A thing with a name.", "type": "object",
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                "required": ["id", "name"]})
        );
        assert_eq!(d.error_count(), 0);
    }

    #[test]
    fn one_member_is_that_member_annotated() {
        let (doc, _) = flat(
            json!({"paths": {"/a": {"get": {"responses": {"200": {"content": {
            "application/json": {"schema": {"type": "object", "properties": {"b": {
                "allOf": [{"$ref": "#/components/schemas/B"}], "description": "the b"}}}}}}}}}},
            "components": {"schemas": {"B": {"type": "string"}}}}),
        );
        assert_eq!(
            doc.pointer(
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/b"
            )
            .unwrap(),
            &json!({"$ref": "#/components/schemas/B", "description": "the b"})
        );
    }

    #[test]
    fn nested_and_chained_compositions_flatten() {
        let (doc, d) = flat(json!({"components": {"schemas": {
            "A": {"properties": {"a": {"type": "integer"}}},
            "B": {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"b": {"type": "integer"}}}]},
            "C": {"allOf": [{"$ref": "#/components/schemas/B"}, {"properties": {"c": {"type": "integer"}}}]}
        }}}));
        let c = &doc["components"]["schemas"]["C"]["properties"];
        assert_eq!(
            c.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(d.error_count(), 0);
    }

    #[test]
    fn a_failed_merge_is_no_half_merged_type_for_its_users() {
        let (doc, d) = flat(json!({"components": {"schemas": {
            "X": {"allOf": [{"$ref": "#/components/schemas/Missing"}, {"properties": {"a": {}}}]},
            "Y": {"allOf": [{"$ref": "#/components/schemas/X"}, {"properties": {"b": {}}}]}
        }}}));
        // Both keep their `allOf` (the subset check refuses them, leaving out
        // their users), each with an error of its own.
        assert!(doc["components"]["schemas"]["X"].get("allOf").is_some());
        assert!(doc["components"]["schemas"]["Y"].get("allOf").is_some());
        assert_eq!(d.error_count(), 2, "{d}");
    }

    #[test]
    fn long_chains_and_doubling_merges_are_refused_not_followed() {
        // The top of a long chain first: followed down to the depth limit.
        let mut schemas = serde_json::Map::new();
        for i in (1..300).rev() {
            schemas.insert(format!("A{i}"), json!({"allOf": [
                {"$ref": format!("#/components/schemas/A{}", i - 1)}, {"properties": {format!("p{i}"): {}}}]}));
        }
        schemas.insert(
            "A0".into(),
            json!({"properties": {"p": {"type": "string"}}}),
        );
        let (_, d) = flat(json!({"components": {"schemas": schemas}}));
        assert!(d.to_string().contains("merged too deeply"), "{d}");

        let mut schemas = serde_json::Map::new();
        schemas.insert(
            "D0".into(),
            json!({"properties": {"p": {"type": "string"}}}),
        );
        for i in 1..40 {
            let half = json!({"allOf": [{"$ref": format!("#/components/schemas/D{}", i - 1)}, {"type": "object"}]});
            schemas.insert(
                format!("D{i}"),
                json!({"properties": {"l": half, "r": half}}),
            );
        }
        let (_, d) = flat(json!({"components": {"schemas": schemas}}));
        assert!(d.to_string().contains("would copy more than"), "{d}");
    }

    #[test]
    fn what_cannot_be_one_object_is_an_error_at_the_member() {
        let (_, d) = flat(json!({"components": {"schemas": {
            "S": {"allOf": [{"type": "string"}, {"type": "object"}]},
            "M": {"allOf": [{"$ref": "#/components/schemas/Missing"}, {"type": "object"}]},
            "L": {"allOf": [{"$ref": "#/components/schemas/L"}, {"type": "object"}]}
        }}}));
        assert_eq!(d.error_count(), 3, "{d}");
    }
}
