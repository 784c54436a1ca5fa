//! Part of a service: the operations a user calls, and exactly the named
//! types they reach. What a build script or `generate --operations` asks
//! for, so that a user of three operations compiles three.

use super::{NamedKind, Schema, Service, Type};
use std::collections::BTreeSet;

/// Which operations to keep: by `operationId`, or every operation with one
/// of the tags. Empty: all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub operations: BTreeSet<String>,
    pub tags: BTreeSet<String>,
}

/// A name the selection asks for that the service does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("{service}: no operation `{name}`{}", did_you_mean(.close))]
    UnknownOperation {
        service: String,
        name: String,
        close: Vec<String>,
    },
    #[error("{service}: no operation is tagged `{name}`{}", did_you_mean(.close))]
    UnknownTag {
        service: String,
        name: String,
        close: Vec<String>,
    },
    /// The operation is in the spec but could not be generated.
    #[error("{service}: operation `{name}` cannot be generated: {reason}")]
    LeftOut {
        service: String,
        name: String,
        reason: String,
    },
}

fn did_you_mean(close: &[String]) -> String {
    match close {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        several => format!("; did you mean one of `{}`?", several.join("`, `")),
    }
}

impl Selection {
    pub fn is_everything(&self) -> bool {
        self.operations.is_empty() && self.tags.is_empty()
    }

    /// The names this selection asks of `service` that it lacks; empty when
    /// every name is found. Names are checked per service, so a selection
    /// over several services names each operation in the service that has it.
    fn unknown(&self, services: &[Service]) -> Vec<SelectError> {
        let mut errors = Vec::new();
        let first = services
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        for name in &self.operations {
            let found = services
                .iter()
                .any(|s| s.operations.iter().any(|op| &op.id == name));
            if found {
                continue;
            }
            if let Some((service, left)) = services
                .iter()
                .find_map(|s| s.left_out.iter().find(|l| &l.id == name).map(|l| (s, l)))
            {
                errors.push(SelectError::LeftOut {
                    service: service.id.clone(),
                    name: name.clone(),
                    reason: left.reason.clone(),
                });
                continue;
            }
            let all = services
                .iter()
                .flat_map(|s| s.operations.iter().map(|op| op.id.as_str()));
            errors.push(SelectError::UnknownOperation {
                service: first.clone(),
                name: name.clone(),
                close: crate::similar::close_matches(name, all),
            });
        }
        let all: BTreeSet<&str> = services.iter().flat_map(Service::tags).collect();
        for tag in &self.tags {
            if !all.contains(tag.as_str()) {
                errors.push(SelectError::UnknownTag {
                    service: first.clone(),
                    name: tag.clone(),
                    close: crate::similar::close_matches(tag, all.iter().copied()),
                });
            }
        }
        errors
    }

    fn keeps(&self, op: &super::Operation) -> bool {
        self.operations.contains(&op.id) || op.tags.iter().any(|t| self.tags.contains(t))
    }
}

/// Keeps in each of `services` the selected operations and the named types
/// they reach (a service left with no operation is dropped), or says which
/// names are unknown, with the close ones.
pub fn select(
    services: Vec<Service>,
    selection: &Selection,
) -> Result<Vec<Service>, Vec<SelectError>> {
    if selection.is_everything() {
        return Ok(services);
    }
    let errors = selection.unknown(&services);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(services
        .into_iter()
        .filter_map(|mut service| {
            service.operations.retain(|op| selection.keeps(op));
            if service.operations.is_empty() {
                return None;
            }
            let reached = reached_types(&service);
            service.types.retain(|t| reached.contains(&t.name));
            // Only what was asked for and could not be generated is news.
            service
                .left_out
                .retain(|l| selection.operations.contains(&l.id));
            Some(service)
        })
        .collect())
}

/// Every named type an operation of `service` reaches: through parameters,
/// bodies and response headers, then fields, items and map values.
fn reached_types(service: &Service) -> BTreeSet<String> {
    reached_by(service, &service.operations)
}

/// Every named type `operations` (of `service`) reach, as
/// [`select`] keeps them.
pub(crate) fn reached_by<'a>(
    service: &Service,
    operations: impl IntoIterator<Item = &'a super::Operation>,
) -> BTreeSet<String> {
    let mut pending: Vec<&Schema> = Vec::new();
    for op in operations {
        pending.extend(op.params.iter().map(|p| &p.schema));
        pending.extend(op.body.iter().map(|b| &b.schema));
        for answer in &op.responses {
            pending.extend(answer.body.iter().map(|b| &b.schema));
            pending.extend(answer.headers.iter().map(|h| &h.schema));
        }
    }
    walk(service, pending)
}

/// `types` (of `service`) and every named type their fields reach.
pub(crate) fn reached_from<'a>(
    service: &Service,
    types: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<&Schema> = Vec::new();
    for name in types {
        reached.insert(name.to_owned());
        if let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) {
            pending.extend(s.fields.iter().map(|f| &f.schema));
        }
    }
    reached.extend(walk(service, pending));
    reached
}

/// The named types `pending` reach, through items, map values and fields.
fn walk<'s>(service: &'s Service, mut pending: Vec<&'s Schema>) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    while let Some(schema) = pending.pop() {
        match &schema.ty {
            Type::Array(a) => pending.push(&a.items),
            Type::Map(m) => pending.push(&m.values),
            Type::Named(name) if reached.insert(name.clone()) => {
                if let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) {
                    pending.extend(s.fields.iter().map(|f| &f.schema));
                }
            }
            _ => {}
        }
    }
    reached
}
