//! Which named types travel in requests, which in responses; and which
//! operations' tags need each type.
//!
//! The emitter asks the first (it gives builders only to types a caller
//! builds: a type only ever received needs none), and `diff` judges a
//! changed limit by side, because the client validates what it sends and
//! not what it receives (see `diff::rules`); a type reachable from both
//! sides counts as both. The emitter asks the second to gate types with
//! the features of their tags.

use crate::ir::{NamedKind, Schema, Service, Type};
use std::collections::{BTreeMap, BTreeSet};

/// Where values of a type go. Neither side: a schema no operation uses
/// (the crate still has its type).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Usage {
    /// In a parameter or request body the caller supplies.
    pub request: bool,
    /// In a response body.
    pub response: bool,
}

impl Usage {
    pub const REQUEST: Usage = Usage {
        request: true,
        response: false,
    };
    pub const RESPONSE: Usage = Usage {
        request: false,
        response: true,
    };

    pub fn union(self, other: Usage) -> Usage {
        Usage {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }

    /// Whether `self` adds nothing to `other`.
    fn within(self, other: Usage) -> bool {
        other.union(self) == other
    }
}

/// The usage of every named type of `service` that some operation reaches,
/// directly or through fields, array items and map values. Auto-filled
/// parameters are left out: the caller never supplies them, and the client
/// does not validate them.
pub fn of_types(service: &Service) -> BTreeMap<String, Usage> {
    let mut usage = BTreeMap::new();
    for op in &service.operations {
        for param in op.params.iter().filter(|p| !p.auto_filled) {
            mark(service, &param.schema, Usage::REQUEST, &mut usage);
        }
        if let Some(body) = &op.body {
            mark(service, &body.schema, Usage::REQUEST, &mut usage);
        }
        for body in op.responses.iter().filter_map(|r| r.body.as_ref()) {
            mark(service, &body.schema, Usage::RESPONSE, &mut usage);
        }
    }
    usage
}

/// Adds `side` to every named type `schema` reaches. A type already marked
/// with `side` is not walked again, which also ends recursive types.
fn mark(service: &Service, schema: &Schema, side: Usage, usage: &mut BTreeMap<String, Usage>) {
    match &schema.ty {
        Type::Array(a) => mark(service, &a.items, side, usage),
        Type::Map(m) => mark(service, &m.values, side, usage),
        Type::Named(name) => {
            let seen = usage.entry(name.clone()).or_default();
            if side.within(*seen) {
                return;
            }
            *seen = seen.union(side);
            if let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) {
                for field in &s.fields {
                    mark(service, &field.schema, side, usage);
                }
            }
        }
        _ => {}
    }
}

/// The tags whose operations need each named type of `service`, for a crate
/// that compiles an operation with its tags (`plan/features.rs`): `None`
/// where every build of the service needs the type, as one an untagged
/// operation reaches, one no operation reaches (a schema of the spec's
/// own), or one such a type holds.
pub fn tags_of_types(service: &Service) -> BTreeMap<String, Option<BTreeSet<String>>> {
    use super::select::{reached_by, reached_from};
    let mut tags: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
    // One walk per tag, from the operations that carry it.
    for tag in service.tags() {
        let tagged = service
            .operations
            .iter()
            .filter(|op| op.tags.iter().any(|t| t == tag));
        for ty in reached_by(service, tagged) {
            if let Some(set) = tags.entry(ty).or_insert_with(|| Some(BTreeSet::new())) {
                set.insert(tag.to_owned());
            }
        }
    }
    // Every build needs what untagged operations reach, and the types no
    // operation reaches with everything they hold.
    let untagged = reached_by(
        service,
        service.operations.iter().filter(|op| op.tags.is_empty()),
    );
    let unreached = service
        .types
        .iter()
        .map(|ty| ty.name.as_str())
        .filter(|name| !tags.contains_key(*name) && !untagged.contains(*name));
    let always = reached_from(service, unreached);
    for ty in untagged.into_iter().chain(always) {
        tags.insert(ty, None);
    }
    tags
}
