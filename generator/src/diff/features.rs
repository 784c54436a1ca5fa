//! What the crate's cargo features compile, before and after. The plan
//! decides the features and which of them compile each operation and named
//! type ([`crate::plan::features`]); this compares the two decisions, so
//! that whatever moves an item behind other features (a tag added to an
//! operation, a schema a tagged operation now reaches, a tag feature
//! renamed by a new tag, crates.io's limit crossed) is judged by its effect
//! on code that enables features, not by which spec change caused it.
//!
//! A user turns on some features; an item compiles when one of them turns
//! on a feature of the item's gate (a service's feature turns on its tags'
//! and nothing else does, so one feature at a time is enough to compare).
//! Each feature is first matched by name: gone (breaking), new, or kept but
//! standing for something else (another service took the name, or another
//! tag: breaking). Then, for each item in both versions, the features that
//! compile it alone are compared, counting only the features that stand for
//! the same thing in both crates: one that did and no longer does breaks the
//! code that enables it. A feature gone or changed is reported once, not
//! again for every item it compiled.
//!
//! What `diff` cannot know: which operations a crate was generated from
//! (`generate --operations/--tags`); it compares crates of whole specs.

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

/// What a feature stands for, to tell a feature kept from one whose name
/// passed to something else.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Meaning {
    /// The index of its service in the pairs of services in both crates;
    /// `None` for a service on one side only.
    pair: Option<usize>,
    /// The tag, for a tag's feature.
    tag: Option<String>,
    /// In words, for the report: `service HSS (hss)`, `tag `Scan` of hss`.
    shown: String,
}

impl Meaning {
    /// Whether both stand for the same code: one service's own feature, or
    /// one tag's of it.
    fn same(&self, other: &Meaning) -> bool {
        self.pair.is_some() && self.pair == other.pair && self.tag == other.tag
    }
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

    /// Every feature of the crate by name, with what it stands for;
    /// `pair_of` gives a service's index among the pairs.
    fn meanings(&self, pair_of: impl Fn(usize) -> Option<usize>) -> BTreeMap<String, Meaning> {
        let mut features = BTreeMap::new();
        for (i, (service, gates)) in self.services.iter().zip(&self.gates).enumerate() {
            let module = &service.names.module;
            for feature in gates.manifest().into_keys() {
                let tag = gates.tags.get(&feature).cloned();
                let shown = match &tag {
                    Some(tag) => format!("tag `{tag}` of {module}"),
                    None => format!("service {} ({module})", service.id),
                };
                let meaning = Meaning {
                    pair: pair_of(i),
                    tag,
                    shown,
                };
                features.insert(feature, meaning);
            }
        }
        features
    }
}

/// The feature changes between crates `old` and `new`, whose services are
/// paired by index in `pairs` (old, new); `locate` places an item of a
/// paired service (by its old side) in the report.
pub(super) fn compare(
    old: &Side<'_>,
    new: &Side<'_>,
    pairs: &[(usize, usize)],
    locate: impl Fn(&Service, String) -> String,
) -> Vec<Change> {
    let no_usage = Usage::default();
    if has_service_features(old.services) != has_service_features(new.services) {
        // Every item moves in or out from behind its service's feature:
        // one change says it, not one per item.
        let count = |side: &Side<'_>| Some(format!("{} services", side.services.len()));
        let kind = ChangeKind::ServiceFeaturesChanged;
        let change = Change::judged("crate features", kind, count(old), count(new), no_usage);
        return vec![change];
    }
    let before = old.meanings(|i| pairs.iter().position(|&(o, _)| o == i));
    let after = new.meanings(|j| pairs.iter().position(|&(_, n)| n == j));
    let mut changes = Vec::new();
    let mut push = |feature: &str, kind, was: Option<&Meaning>, is: Option<&Meaning>| {
        let shown = |m: Option<&Meaning>| m.map(|m| m.shown.clone());
        let location = format!("feature {feature}");
        changes.push(Change::judged(
            location,
            kind,
            shown(was),
            shown(is),
            no_usage,
        ));
    };
    for (feature, was) in &before {
        match after.get(feature) {
            Some(is) if !was.same(is) => {
                push(feature, ChangeKind::FeatureChanged, Some(was), Some(is))
            }
            Some(_) => {}
            // A service on one side only is reported as added or removed,
            // its features with it.
            None if was.pair.is_some() => {
                push(feature, ChangeKind::FeatureRemoved, Some(was), None)
            }
            None => {}
        }
    }
    for (feature, is) in &after {
        if !before.contains_key(feature) && is.pair.is_some() {
            push(feature, ChangeKind::FeatureAdded, None, Some(is));
        }
    }
    // The features that stand for the same code in both crates.
    let kept: BTreeSet<&String> = before
        .iter()
        .filter(|(feature, was)| after.get(*feature).is_some_and(|is| was.same(is)))
        .map(|(feature, _)| feature)
        .collect();
    for &(i, j) in pairs {
        let (service, old_gates, new_gates) = (&old.services[i], &old.gates[i], &new.gates[j]);
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
            let (Some(was), Some(is)) = (old_gates.enabled_by(item), new_gates.enabled_by(item))
            else {
                continue;
            };
            let Some(kind) = moved(&was, &is, &kept) else {
                continue;
            };
            let list = |features: &BTreeSet<String>| {
                Some(features.iter().cloned().collect::<Vec<_>>().join(", "))
            };
            let location = locate(service, location);
            changes.push(Change::judged(
                location,
                kind,
                list(&was),
                list(&is),
                no_usage,
            ));
        }
    }
    changes
}

/// How an item compiled by features `was` and now by `is` moved, counting
/// only the features `kept` (standing for the same code in both crates):
/// behind fewer of them (breaking), or more.
fn moved(
    was: &BTreeSet<String>,
    is: &BTreeSet<String>,
    kept: &BTreeSet<&String>,
) -> Option<ChangeKind> {
    if was.difference(is).any(|f| kept.contains(f)) {
        Some(ChangeKind::FeaturesNarrowed)
    } else if is.difference(was).any(|f| kept.contains(f)) {
        Some(ChangeKind::FeaturesWidened)
    } else {
        None
    }
}
