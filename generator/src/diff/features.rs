//! What the crate's cargo features compile, before and after. The plan
//! decides the features and which of them compile each operation and named
//! type ([`crate::plan::features`]); this compares the two decisions, so
//! that whatever moves an item behind other features (a tag added to an
//! operation, a schema a tagged operation now reaches, a tag feature
//! renamed by a new tag, crates.io's limit crossed) is judged by its effect
//! on code that enables features, not by which spec change caused it.
//!
//! A user turns on some features; an item compiles when one of them turns
//! on a feature of the item's gate. So for each item in both versions, the
//! features that compile it alone are compared: one that did and, still in
//! the crate, no longer does breaks the code that enables it. A feature
//! gone from the crate is reported once, as removed, and not again for
//! every item it compiled.

use super::{Change, ChangeKind};
use crate::ir::usage::Usage;
use crate::ir::Service;
use crate::plan::features::{Gates, Item};
use crate::plan::has_service_features;
use std::collections::{BTreeMap, BTreeSet};

/// One side of the comparison: a crate's services and their gates.
pub(super) struct Side<'a> {
    services: &'a [Service],
    gates: Vec<Gates>,
}

impl<'a> Side<'a> {
    /// The crate made of `services`, with a feature per tag or not.
    pub(super) fn new(services: &'a [Service], per_tag: bool) -> Self {
        let gates = services
            .iter()
            .map(|service| Gates::new(services, service, per_tag))
            .collect();
        Side { services, gates }
    }

    /// Every feature of the services in `paired`, with what it stands for.
    fn features(&self, paired: impl Iterator<Item = usize>) -> BTreeMap<String, String> {
        let mut features = BTreeMap::new();
        for i in paired {
            let gates = &self.gates[i];
            for feature in gates.manifest().into_keys() {
                let what = match gates.tags.get(&feature) {
                    Some(tag) => format!("tag `{tag}` of {}", self.services[i].names.module),
                    None => format!("service {}", self.services[i].names.module),
                };
                features.insert(feature, what);
            }
        }
        features
    }
}

/// The feature changes between crates `old` and `new`, whose services are
/// paired by index in `pairs`; `locate` places an item of a paired service
/// (by its old side) in the report.
pub(super) fn compare(
    old: &Side<'_>,
    new: &Side<'_>,
    pairs: &[(usize, usize)],
    locate: impl Fn(&Service, String) -> String,
) -> Vec<Change> {
    let none = Usage::default();
    let (had, has) = (
        has_service_features(old.services),
        has_service_features(new.services),
    );
    if had != has {
        // Every item moves in or out from behind its service's feature:
        // one change says it, not one per item.
        let count = |side: &Side<'_>| Some(format!("{} services", side.services.len()));
        let kind = ChangeKind::ServiceFeaturesChanged;
        return vec![Change::judged(
            "crate features",
            kind,
            count(old),
            count(new),
            none,
        )];
    }
    let mut changes = Vec::new();
    let before = old.features(pairs.iter().map(|&(i, _)| i));
    let after = new.features(pairs.iter().map(|&(_, j)| j));
    for (feature, what) in &before {
        if !after.contains_key(feature) {
            let kind = ChangeKind::FeatureRemoved;
            let location = format!("feature {feature}");
            changes.push(Change::judged(
                location,
                kind,
                Some(what.clone()),
                None,
                none,
            ));
        }
    }
    for (feature, what) in &after {
        if !before.contains_key(feature) {
            let kind = ChangeKind::FeatureAdded;
            let location = format!("feature {feature}");
            changes.push(Change::judged(
                location,
                kind,
                None,
                Some(what.clone()),
                none,
            ));
        }
    }
    for &(i, j) in pairs {
        let (service, gates) = (&old.services[i], (&old.gates[i], &new.gates[j]));
        let operations = service
            .operations
            .iter()
            .filter(|op| new.services[j].operation(&op.id).is_some())
            .map(|op| (op.id.clone(), Item::Operation(&op.id)));
        let types = service
            .types
            .iter()
            .filter(|ty| new.services[j].type_by_name(&ty.name).is_some())
            .map(|ty| (format!("schema {}", ty.name), Item::Type(&ty.name)));
        for (location, item) in operations.chain(types) {
            let (Some(was), Some(is)) = (gates.0.enabled_by(item), gates.1.enabled_by(item)) else {
                continue;
            };
            let Some(kind) = moved(&was, &is, &before, &after) else {
                continue;
            };
            let list = |features: &BTreeSet<String>| {
                Some(features.iter().cloned().collect::<Vec<_>>().join(", "))
            };
            let location = locate(service, location);
            changes.push(Change::judged(location, kind, list(&was), list(&is), none));
        }
    }
    changes
}

/// How an item compiled by features `was` and now by `is` moved: behind
/// fewer of the features both crates have (breaking), or more.
fn moved(
    was: &BTreeSet<String>,
    is: &BTreeSet<String>,
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Option<ChangeKind> {
    if was.difference(is).any(|f| after.contains_key(f)) {
        Some(ChangeKind::FeaturesNarrowed)
    } else if is.difference(was).any(|f| before.contains_key(f)) {
        Some(ChangeKind::FeaturesWidened)
    } else {
        None
    }
}
