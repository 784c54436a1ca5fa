//! Walks two services side by side: the service itself (id, docs, server,
//! auth) and each operation (method, path, parameters, body, responses,
//! paging). Named types and schemas are compared in `schemas`.
//!
//! Operations are matched by `operationId`, parameters by place and name
//! (then by name alone, to see a parameter that moved), responses by
//! status. What the generated code never reads is not compared at all (see
//! `rules`, fact 5): response headers, per-operation security, parameter
//! `deprecated`, servers after the first. Tags are compared as spec
//! changes; what they do to a crate with a feature per tag is compared in
//! `features.rs`.

use super::schemas;
use super::{Change, ChangeKind, ResponseEffect};
use crate::ir::usage::{self, Usage};
use crate::ir::{
    Answers, AuthScheme, Example, Operation, Pagination, Param, RequestBody, Response, Service,
    Status, Type,
};
use std::collections::BTreeMap;

/// The comparison in progress: both services, the usage of their types,
/// and the changes found so far.
pub(super) struct Differ<'a> {
    pub(super) old: &'a Service,
    pub(super) new: &'a Service,
    /// Each named type's usage in either version, merged: a type that moved
    /// from responses to requests is judged as a request type.
    usage: BTreeMap<String, Usage>,
    changes: Vec<Change>,
}

/// Every change between `old` and `new`, unsorted.
pub(super) fn services(old: &Service, new: &Service) -> Vec<Change> {
    let mut usage = usage::of_types(old);
    for (name, side) in usage::of_types(new) {
        let merged = usage.get(&name).copied().unwrap_or_default().union(side);
        usage.insert(name, merged);
    }
    let mut differ = Differ {
        old,
        new,
        usage,
        changes: Vec::new(),
    };
    differ.service();
    differ.service_names();
    differ.tags();
    differ.operations();
    differ.named_types();
    differ.changes
}

impl Differ<'_> {
    /// Records a change, with the level and reason its kind gets for `usage`.
    pub(super) fn push(
        &mut self,
        location: &str,
        kind: ChangeKind,
        old: Option<String>,
        new: Option<String>,
        usage: Usage,
    ) {
        self.changes
            .push(Change::judged(location, kind, old, new, usage));
    }

    /// Records a documentation change, if the text differs.
    pub(super) fn docs(&mut self, location: &str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            let kind = ChangeKind::DocsChanged;
            self.push(location, kind, old.clone(), new.clone(), Usage::default());
        }
    }

    pub(super) fn type_usage(&self, name: &str) -> Usage {
        self.usage.get(name).copied().unwrap_or_default()
    }

    fn service(&mut self) {
        let (old, new) = (self.old, self.new);
        let none = Usage::default();
        if old.id != new.id {
            let kind = ChangeKind::ServiceRenamed;
            self.push(
                "service",
                kind,
                Some(old.id.clone()),
                Some(new.id.clone()),
                none,
            );
        }
        // The title and version are printed in the crate's docs.
        self.docs(
            "service title",
            &Some(old.title.clone()),
            &Some(new.title.clone()),
        );
        self.docs(
            "service version",
            &Some(old.version.clone()),
            &Some(new.version.clone()),
        );
        self.docs("service", &old.description, &new.description);
        if old.scope != new.scope {
            let scope = |s: &Service| some(s.scope.as_str());
            self.push(
                "service scope",
                ChangeKind::ScopeChanged,
                scope(old),
                scope(new),
                none,
            );
        }
        self.server();
        self.auth();
    }

    /// Only the first server is used: its URL template, and the defaults
    /// of its variables (used when the config names no region).
    fn server(&mut self) {
        let (old, new) = (self.old.servers.first(), self.new.servers.first());
        let url = |s: Option<&crate::ir::Server>| s.map(|s| s.url.clone());
        if url(old) != url(new) {
            let kind = ChangeKind::ServerChanged;
            self.push("server", kind, url(old), url(new), Usage::default());
            return;
        }
        let (Some(old), Some(new)) = (old, new) else {
            return;
        };
        for o in &old.variables {
            let Some(n) = new.variables.iter().find(|n| n.name == o.name) else {
                continue;
            };
            if o.default != n.default {
                self.push(
                    &format!("server variable {}", o.name),
                    ChangeKind::ServerChanged,
                    Some(o.default.clone()),
                    Some(n.default.clone()),
                    Usage::default(),
                );
            }
        }
    }

    fn auth(&mut self) {
        let old = index(&self.old.auth, auth_name);
        let new = index(&self.new.auth, auth_name);
        for (name, o, n) in pair_up(&old, &new) {
            let location = format!("auth scheme {name}");
            let kind = match (o, n) {
                (Some(_), None) => ChangeKind::AuthSchemeRemoved,
                (None, Some(_)) => ChangeKind::AuthSchemeAdded,
                (Some(o), Some(n)) if o != n => ChangeKind::AuthSchemeChanged,
                _ => continue,
            };
            let (o, n) = (o.map(describe_auth), n.map(describe_auth));
            self.push(&location, kind, o, n, Usage::default());
        }
    }

    /// The tags of each version's operations (each a cargo feature in a
    /// crate with a feature per tag).
    fn tags(&mut self) {
        let (old, new) = (self.old.tags(), self.new.tags());
        for tag in old.difference(&new) {
            let location = format!("tag {tag}");
            self.push(
                &location,
                ChangeKind::TagRemoved,
                some(tag),
                None,
                Usage::default(),
            );
        }
        for tag in new.difference(&old) {
            let location = format!("tag {tag}");
            self.push(
                &location,
                ChangeKind::TagAdded,
                None,
                some(tag),
                Usage::default(),
            );
        }
    }

    /// The tags of an operation in both versions: its first tag and its
    /// last one are told apart from the others in the report (in a crate
    /// with a feature per tag, `features.rs` judges what each does).
    fn operation_tags(&mut self, old: &Operation, new: &Operation) {
        let (id, none) = (old.id.as_str(), Usage::default());
        let list = |op: &Operation| some(&op.tags.join(", "));
        match (old.tags.is_empty(), new.tags.is_empty()) {
            (true, true) => {}
            (true, false) => self.push(id, ChangeKind::OperationTagged, None, list(new), none),
            (false, true) => self.push(id, ChangeKind::OperationUntagged, list(old), None, none),
            (false, false) => {
                for tag in old.tags.iter().filter(|t| !new.tags.contains(t)) {
                    self.push(id, ChangeKind::OperationTagRemoved, some(tag), None, none);
                }
                for tag in new.tags.iter().filter(|t| !old.tags.contains(t)) {
                    self.push(id, ChangeKind::OperationTagAdded, None, some(tag), none);
                }
            }
        }
    }

    fn operations(&mut self) {
        let old = index(&self.old.operations, |op| op.id.as_str());
        let new = index(&self.new.operations, |op| op.id.as_str());
        for (id, o, n) in pair_up(&old, &new) {
            let endpoint = |op: &Operation| format!("{} {}", op.method.as_str(), op.path);
            match (o, n) {
                (Some(o), None) => {
                    let kind = ChangeKind::OperationRemoved;
                    self.push(id, kind, Some(endpoint(o)), None, Usage::default());
                }
                (None, Some(n)) => {
                    let kind = ChangeKind::OperationAdded;
                    self.push(id, kind, None, Some(endpoint(n)), Usage::default());
                }
                (Some(o), Some(n)) => self.operation(o, n),
                (None, None) => {}
            }
        }
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let id = old.id.as_str();
        let none = Usage::default();
        self.operation_tags(old, new);
        if old.method != new.method {
            let (o, n) = (old.method.as_str(), new.method.as_str());
            self.push(id, ChangeKind::MethodChanged, some(o), some(n), none);
        }
        if old.path != new.path {
            let kind = ChangeKind::PathChanged;
            self.push(
                id,
                kind,
                Some(old.path.clone()),
                Some(new.path.clone()),
                none,
            );
        }
        if old.deprecated != new.deprecated {
            let kind = if new.deprecated {
                ChangeKind::Deprecated
            } else {
                ChangeKind::Undeprecated
            };
            self.push(id, kind, None, None, none);
        }
        self.docs(&format!("{id} summary"), &old.summary, &new.summary);
        self.docs(id, &old.description, &new.description);
        self.params(id, &old.params, &new.params);
        self.body(id, old.body.as_ref(), new.body.as_ref());
        self.responses(id, old, new);
        self.pagination(id, old.pagination.as_ref(), new.pagination.as_ref());
        self.operation_names(old, new);
    }

    fn params(&mut self, op: &str, old: &[Param], new: &[Param]) {
        let place = |p: &'_ Param| (p.location, p.name.clone());
        let (old, new) = (index(old, place), index(new, place));
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (_, o, n) in pair_up(&old, &new) {
            match (o, n) {
                (Some(o), Some(n)) => self.param(&param_location(op, o), o, n),
                (Some(o), None) => removed.push(o),
                (None, Some(n)) => added.push(n),
                (None, None) => {}
            }
        }
        // A parameter that left one place and arrived at another under the
        // same name has moved: the request type keeps its field.
        removed.retain(|o| {
            let Some(i) = added.iter().position(|n| n.name == o.name) else {
                return true;
            };
            let n = added.remove(i);
            let location = format!("{op} parameter {}", o.name);
            let (from, to) = (o.location.as_str(), n.location.as_str());
            let kind = ChangeKind::ParameterMoved;
            self.push(&location, kind, some(from), some(to), Usage::REQUEST);
            self.param(&location, o, n);
            false
        });
        for o in removed {
            let kind = if o.auto_filled {
                ChangeKind::AutoFilledParameterRemoved
            } else {
                ChangeKind::ParameterRemoved
            };
            let old = Some(schemas::describe_input(o.required, &o.schema));
            self.push(&param_location(op, o), kind, old, None, Usage::REQUEST);
        }
        for n in added {
            let kind = if n.auto_filled {
                ChangeKind::AutoFilledParameterAdded
            } else {
                ChangeKind::ParameterAdded {
                    required: n.required,
                }
            };
            let new = Some(schemas::describe_input(n.required, &n.schema));
            self.push(&param_location(op, n), kind, None, new, Usage::REQUEST);
        }
    }

    fn param(&mut self, location: &str, old: &Param, new: &Param) {
        let request = Usage::REQUEST;
        if old.auto_filled != new.auto_filled {
            let who = |p: &Param| {
                some(if p.auto_filled {
                    "auto-filled"
                } else {
                    "caller"
                })
            };
            self.push(
                location,
                ChangeKind::AutoFillChanged,
                who(old),
                who(new),
                request,
            );
            return;
        }
        // The client supplies an auto-filled value as its config holds it:
        // the parameter has no field, no validation and no wire rules.
        if old.auto_filled {
            return;
        }
        self.required(location, old.required, new.required, request);
        self.docs(location, &old.description, &new.description);
        let is_array = |p: &Param| matches!(p.schema.ty, Type::Array(_));
        if old.array_style != new.array_style && (is_array(old) || is_array(new)) {
            let style = |p: &Param| Some(format!("{:?}", p.array_style).to_lowercase());
            let kind = ChangeKind::EncodingChanged;
            self.push(location, kind, style(old), style(new), request);
        }
        if old.wire_replace != new.wire_replace {
            let rules = |p: &Param| {
                let pairs: Vec<String> = p
                    .wire_replace
                    .iter()
                    .map(|r| format!("{:?} -> {:?}", r.from, r.to))
                    .collect();
                Some(format!("x-wire-replace: [{}]", pairs.join(", ")))
            };
            let kind = ChangeKind::EncodingChanged;
            self.push(location, kind, rules(old), rules(new), request);
        }
        self.schema(location, &old.schema, &new.schema, request);
    }

    /// A parameter, body or field that became required or optional.
    pub(super) fn required(&mut self, location: &str, old: bool, new: bool, usage: Usage) {
        if old != new {
            let word = |required: bool| some(if required { "required" } else { "optional" });
            let kind = if new {
                ChangeKind::BecameRequired
            } else {
                ChangeKind::BecameOptional
            };
            self.push(location, kind, word(old), word(new), usage);
        }
    }

    fn body(&mut self, op: &str, old: Option<&RequestBody>, new: Option<&RequestBody>) {
        let location = format!("{op} request body");
        let request = Usage::REQUEST;
        let describe = |b: &RequestBody| Some(schemas::describe_input(b.required, &b.schema));
        let (old, new) = match (old, new) {
            (None, None) => return,
            (Some(o), None) => {
                let kind = ChangeKind::RequestBodyRemoved;
                return self.push(&location, kind, describe(o), None, request);
            }
            (None, Some(n)) => {
                let kind = ChangeKind::RequestBodyAdded {
                    required: n.required,
                };
                return self.push(&location, kind, None, describe(n), request);
            }
            (Some(o), Some(n)) => (o, n),
        };
        self.required(&location, old.required, new.required, request);
        if old.content_type != new.content_type {
            let (o, n) = (old.content_type.clone(), new.content_type.clone());
            self.push(
                &location,
                ChangeKind::EncodingChanged,
                Some(o),
                Some(n),
                request,
            );
        }
        self.docs(&location, &old.description, &new.description);
        self.examples(&location, &old.examples, &new.examples);
        self.schema(&location, &old.schema, &new.schema, request);
    }

    fn responses(&mut self, op: &str, old_op: &Operation, new_op: &Operation) {
        let output_changed = output(old_op) != output(new_op);
        let effect = |status: Status, within: &Operation| {
            if output_changed {
                return ResponseEffect::OutputChanged;
            }
            let answers = within.answers();
            let in_enum = matches!(answers, Answers::Several(_)) && answers.includes(status);
            let typed = within
                .typed_errors()
                .is_some_and(|errors| errors.iter().any(|r| r.status == status));
            if in_enum || typed {
                ResponseEffect::Variant
            } else {
                ResponseEffect::DocsOnly
            }
        };
        let (old, new) = (
            index(&old_op.responses, |r| r.status),
            index(&new_op.responses, |r| r.status),
        );
        for (status, o, n) in pair_up(&old, &new) {
            let location = format!("{op} response {}", status_text(status));
            let body = |r: &Response| match &r.body {
                Some(b) => Some(schemas::describe(&b.schema)),
                None => some("no body"),
            };
            match (o, n) {
                (Some(o), None) => {
                    let kind = ChangeKind::ResponseRemoved {
                        effect: effect(status, old_op),
                    };
                    self.push(&location, kind, body(o), None, Usage::RESPONSE);
                }
                (None, Some(n)) => {
                    let kind = ChangeKind::ResponseAdded {
                        effect: effect(status, new_op),
                    };
                    self.push(&location, kind, None, body(n), Usage::RESPONSE);
                }
                (Some(o), Some(n)) => self.response(&location, o, n),
                (None, None) => {}
            }
        }
    }

    fn response(&mut self, location: &str, old: &Response, new: &Response) {
        let response = Usage::RESPONSE;
        self.docs(
            location,
            &Some(old.description.clone()),
            &Some(new.description.clone()),
        );
        self.examples(location, &old.examples, &new.examples);
        let location = format!("{location} body");
        match (&old.body, &new.body) {
            (None, None) => {}
            (Some(o), None) => {
                let old = Some(schemas::describe(&o.schema));
                self.push(
                    &location,
                    ChangeKind::ResponseBodyRemoved,
                    old,
                    None,
                    response,
                );
            }
            (None, Some(n)) => {
                let new = Some(schemas::describe(&n.schema));
                self.push(
                    &location,
                    ChangeKind::ResponseBodyAdded,
                    None,
                    new,
                    response,
                );
            }
            (Some(o), Some(n)) => {
                if o.content_type != n.content_type {
                    let (oc, nc) = (o.content_type.clone(), n.content_type.clone());
                    let kind = ChangeKind::EncodingChanged;
                    self.push(&location, kind, Some(oc), Some(nc), response);
                }
                self.schema(&location, &o.schema, &n.schema, response);
            }
        }
    }

    fn pagination(&mut self, op: &str, old: Option<&Pagination>, new: Option<&Pagination>) {
        let kind = match (old, new) {
            (None, Some(_)) => ChangeKind::PaginationAdded,
            (Some(_), None) => ChangeKind::PaginationRemoved,
            (Some(o), Some(n)) if o != n => ChangeKind::PaginationChanged,
            _ => return,
        };
        let describe = |p: &Pagination| {
            let mut text = format!(
                "offset {}, limit {}, items {}",
                p.offset_param, p.limit_param, p.items_field
            );
            if let Some(total) = &p.total_field {
                text.push_str(&format!(", total {total}"));
            }
            text
        };
        let (o, n) = (old.map(describe), new.map(describe));
        self.push(&format!("{op} pagination"), kind, o, n, Usage::default());
    }

    /// Examples are printed in the request type's docs and turned into
    /// generated tests; which file they came from does not matter.
    fn examples(&mut self, location: &str, old: &[Example], new: &[Example]) {
        let key = |examples: &[Example]| {
            let map: serde_json::Map<String, serde_json::Value> = examples
                .iter()
                .map(|e| {
                    let value = serde_json::json!({ "summary": e.summary, "value": e.value });
                    (e.name.clone(), value)
                })
                .collect();
            (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string())
        };
        self.docs(&format!("{location} examples"), &key(old), &key(new));
    }
}

/// `items` by the key each has (the IR keeps keys unique: operation ids,
/// statuses, parameter places, type and field names).
pub(super) fn index<'a, K: Ord, T>(items: &'a [T], key: impl Fn(&'a T) -> K) -> BTreeMap<K, &'a T> {
    items.iter().map(|item| (key(item), item)).collect()
}

/// The keys of both maps, in order, each with its value on either side.
pub(super) fn pair_up<'m, K: Ord + Clone, T: ?Sized>(
    old: &BTreeMap<K, &'m T>,
    new: &BTreeMap<K, &'m T>,
) -> Vec<(K, Option<&'m T>, Option<&'m T>)> {
    let mut keys: Vec<&K> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| (k.clone(), old.get(k).copied(), new.get(k).copied()))
        .collect()
}

pub(super) fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

pub(super) fn param_location(op: &str, param: &Param) -> String {
    format!("{op} {} parameter {}", param.location.as_str(), param.name)
}

pub(super) fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Default => "default".to_owned(),
    }
}

fn auth_name(scheme: &AuthScheme) -> &str {
    match scheme {
        AuthScheme::Token { scheme, .. } | AuthScheme::Signature { scheme, .. } => scheme,
    }
}

fn describe_auth(scheme: &AuthScheme) -> String {
    match scheme {
        AuthScheme::Token { header, .. } => format!("token in {header}"),
        AuthScheme::Signature {
            header, algorithm, ..
        } => format!("{algorithm} signature in {header}"),
    }
}

/// What a successful call of `op` gives, as far as its Rust type goes: the
/// one answer's body (`None`: `()`), or the enum of several.
fn output(op: &Operation) -> Option<String> {
    match op.answers() {
        Answers::Single(answer) => answer.body.as_ref().map(|b| schemas::describe(&b.schema)),
        Answers::Several(_) => Some("an enum of answers".to_owned()),
    }
}
