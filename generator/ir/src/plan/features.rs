//! The cargo features of a crate of our own, and which of them compile each
//! operation and named type: decided here, as data, so that the emitters
//! write `#[cfg]`s from it and `diff` compares two crates by it (a rule
//! written once cannot be judged by a second copy of itself).
//!
//! One feature per service compiles its module, commands, tests and
//! examples. With a feature per tag (`generate --features-per-tag`), a
//! service whose operations have tags gets one feature per tag as well
//! (`hss-image-registry`), its own feature turning them all on: then an
//! operation compiles where any of its tags' features is on, and a named
//! type where any feature of an operation that reaches it is. Code every
//! tag needs (an untagged operation, a type all tags reach, the client) is
//! gated by the module alone. Past crates.io's limit a crate has no
//! features of its own ([`has_service_features`]), or none per tag
//! ([`tag_features_fit`]).

use super::{has_service_features, tag_features_fit};
use crate::ir::{Operation, Service};
use std::collections::{BTreeMap, BTreeSet};

/// The features that compile a piece of code: none (whenever its module
/// is), or any of these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate(BTreeSet<String>);

impl Gate {
    /// Compiled whenever its module is.
    pub fn open() -> Self {
        Gate(BTreeSet::new())
    }

    pub fn any_of(features: impl IntoIterator<Item = String>) -> Self {
        Gate(features.into_iter().collect())
    }

    pub fn is_open(&self) -> bool {
        self.0.is_empty()
    }

    /// The features, sorted.
    pub fn features(&self) -> impl ExactSizeIterator<Item = &String> + Clone {
        self.0.iter()
    }
}

/// Which features compile each part of one service's code in a crate.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    /// The service's module, its commands and its tests; open in a crate
    /// without features (or code a build script `include!`s).
    pub module: Gate,
    /// The service's own feature, which turns on all of its tag features;
    /// `None` in a crate without features.
    pub service_feature: Option<String>,
    /// Tag feature → the tag it stands for, for the tags of the service's
    /// operations; empty without features per tag.
    pub tags: BTreeMap<String, String>,
    operations: BTreeMap<String, Gate>,
    types: BTreeMap<String, Gate>,
}

impl Gates {
    /// No features: code a build script `include!`s, which cannot know its
    /// includer's features.
    pub fn none() -> Self {
        Gates::default()
    }

    /// The gates of `service` in a crate of `services`, with a feature per
    /// tag or not.
    pub fn new(services: &[Service], service: &Service, per_tag: bool) -> Self {
        if !has_service_features(services) {
            return Gates::none();
        }
        let per_tag = per_tag && tag_features_fit(services);
        let service_feature = service.names.feature.clone();
        // The tags the (selected) operations have, with their features.
        let tags: BTreeMap<String, String> = if per_tag {
            service
                .tags()
                .into_iter()
                .filter_map(|tag| {
                    let feature = service.names.tag_features.get(tag)?;
                    Some((feature.clone(), tag.to_owned()))
                })
                .collect()
        } else {
            BTreeMap::new()
        };
        if tags.is_empty() {
            return Gates {
                module: Gate::any_of([service_feature.clone()]),
                service_feature: Some(service_feature),
                ..Gates::none()
            };
        }
        let every_tag: BTreeSet<&String> = tags.keys().collect();
        // An operation with no tag, or with every tag, is the module's.
        let gate_of = |features: BTreeSet<String>| {
            if features.is_empty() || features.iter().collect::<BTreeSet<_>>() == every_tag {
                Gate::open()
            } else {
                Gate(features)
            }
        };
        let operations = service
            .operations
            .iter()
            .map(|op| (op.id.clone(), gate_of(tag_features(service, &op.tags))))
            .collect();
        let types = crate::ir::usage::tags_of_types(service)
            .into_iter()
            .map(|(ty, tags)| {
                let gate =
                    tags.map_or_else(Gate::open, |tags| gate_of(tag_features(service, &tags)));
                (ty, gate)
            })
            .collect();
        Gates {
            module: Gate::any_of(tags.keys().cloned()),
            service_feature: Some(service_feature),
            tags,
            operations,
            types,
        }
    }

    /// The gate of operation `op`, within its module.
    pub fn operation(&self, op: &Operation) -> Gate {
        self.operation_id(&op.id)
    }

    fn operation_id(&self, id: &str) -> Gate {
        self.operations.get(id).cloned().unwrap_or_default()
    }

    /// The features that compile `op` for certain: its own gate, else (where
    /// it compiles with its module) the module's.
    pub fn operation_or_module(&self, op: &Operation) -> Gate {
        self.or_module(self.operation(op))
    }

    fn or_module(&self, gate: Gate) -> Gate {
        if gate.is_open() {
            self.module.clone()
        } else {
            gate
        }
    }

    /// The gate of what any of `operations` needs: `None` when there are
    /// none, open when one of them is.
    pub fn any_operation<'a>(
        &self,
        operations: impl IntoIterator<Item = &'a Operation>,
    ) -> Option<Gate> {
        let mut features = BTreeSet::new();
        let mut any = false;
        for op in operations {
            any = true;
            let gate = self.operation(op);
            if gate.is_open() {
                return Some(gate);
            }
            features.extend(gate.0);
        }
        any.then_some(Gate(features))
    }

    /// The gate of named type `name`, within its module.
    pub fn named_type(&self, name: &str) -> Gate {
        self.types.get(name).cloned().unwrap_or_default()
    }

    /// The manifest's features of this service, each with what it turns
    /// on: the service's own (its tags' features) and one per tag.
    pub fn manifest(&self) -> BTreeMap<String, Vec<String>> {
        let mut features = BTreeMap::new();
        if let Some(own) = &self.service_feature {
            features.insert(own.clone(), self.tags.keys().cloned().collect());
        }
        for feature in self.tags.keys() {
            features.insert(feature.clone(), Vec::new());
        }
        features
    }

    /// Which of this service's features, each turned on alone, compile
    /// `item`; `None` when it compiles with no feature at all.
    pub fn enabled_by(&self, item: Item<'_>) -> Option<BTreeSet<String>> {
        let gate = match item {
            Item::Operation(id) => self.operation_id(id),
            Item::Type(name) => self.named_type(name),
        };
        let gate = self.or_module(gate);
        if gate.is_open() {
            return None;
        }
        // The service's feature turns on every feature of its gates.
        Some(
            gate.0
                .into_iter()
                .chain(self.service_feature.clone())
                .collect(),
        )
    }
}

/// A piece of a service's code that features can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// An operation, by id: its request, builder, client method, command.
    Operation(&'a str),
    /// A named type, by its Rust name.
    Type(&'a str),
}

/// The features of `tags` (of `service`'s operations).
fn tag_features<'a>(
    service: &Service,
    tags: impl IntoIterator<Item = &'a String>,
) -> BTreeSet<String> {
    tags.into_iter()
        .filter_map(|tag| service.names.tag_features.get(tag).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four operations: `A` (t1) and `B` (t2) share `X`, `B` alone has
    /// `Y`, `C` (t3) has `W`, untagged `D` has `Z`. No operation uses `U`,
    /// whose field is a `V`, which `A` uses too.
    fn tagged_service() -> Service {
        let op = |id: &str, tags: &[&str], schema: &str| {
            serde_json::json!({"operationId": id, "tags": tags,
                "responses": {"200": {"description": "ok", "content": {"application/json":
                    {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}}})
        };
        let object = |field: Option<&str>| match field {
            Some(to) => serde_json::json!({"type": "object", "properties": {
                "inner": {"$ref": format!("#/components/schemas/{to}")}}}),
            None => serde_json::json!({"type": "object", "properties": {"n": {"type": "string"}}}),
        };
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "x-service-id": "svc"},
            "servers": [{"url": "https://svc.example.com"}],
            "paths": {
                "/a": {"get": op("A", &["t1"], "X")},
                "/a2": {"post": op("A2", &["t1"], "V")},
                "/b": {"get": op("B", &["t2"], "Y")},
                "/c": {"get": op("C", &["t3"], "W")},
                "/d": {"get": op("D", &[], "Z")}
            },
            "components": {"schemas": {
                "X": object(None), "Y": object(Some("X")), "W": object(None), "Z": object(None),
                "V": object(None), "U": object(Some("V"))
            }}
        });
        let loaded = crate::load_str("t.json", &spec.to_string());
        let mut services = vec![loaded
            .service
            .unwrap_or_else(|| panic!("{}", loaded.diagnostics))];
        crate::plan::assign_crate_names(&mut services);
        services.remove(0)
    }

    fn names(gate: Gate) -> String {
        gate.features().cloned().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn operations_and_the_types_they_reach_are_compiled_with_their_tags() {
        let service = tagged_service();
        let services = std::slice::from_ref(&service);
        let gates = Gates::new(services, &service, true);
        assert_eq!(names(gates.module.clone()), "svc-t1 svc-t2 svc-t3");
        let ops: Vec<String> = service
            .operations
            .iter()
            .map(|op| format!("{}: {}", op.id, names(gates.operation(op))))
            .collect();
        assert_eq!(
            ops,
            ["A: svc-t1", "A2: svc-t1", "B: svc-t2", "C: svc-t3", "D: "]
        );
        // `U` is always compiled, so `V`, which it holds, must be too.
        let types: Vec<String> = ["X", "Y", "W", "Z", "U", "V"]
            .iter()
            .map(|ty| format!("{ty}: {}", names(gates.named_type(ty))))
            .collect();
        assert_eq!(
            types,
            [
                "X: svc-t1 svc-t2",
                "Y: svc-t2",
                "W: svc-t3",
                "Z: ",
                "U: ",
                "V: "
            ]
        );
        assert_eq!(gates.tags.values().collect::<Vec<_>>(), ["t1", "t2", "t3"]);

        // Without features per tag, the service's own feature gates it all.
        let plain = Gates::new(services, &service, false);
        assert_eq!(names(plain.module.clone()), "svc");
        assert!(plain.operation(&service.operations[0]).is_open());
        assert!(plain.tags.is_empty());
    }

    #[test]
    fn an_item_is_enabled_by_its_gates_features_and_its_services() {
        let service = tagged_service();
        let services = std::slice::from_ref(&service);
        let gates = Gates::new(services, &service, true);
        let enabled_by = |item| {
            let features = gates.enabled_by(item).expect("a crate with features");
            features.into_iter().collect::<Vec<_>>().join(" ")
        };
        assert_eq!(enabled_by(Item::Operation("A")), "svc svc-t1");
        assert_eq!(enabled_by(Item::Type("X")), "svc svc-t1 svc-t2");
        // What compiles with the module: any tag's feature, or the service's.
        assert_eq!(enabled_by(Item::Type("Z")), "svc svc-t1 svc-t2 svc-t3");
        assert_eq!(
            gates.manifest(),
            BTreeMap::from([
                (
                    "svc".to_owned(),
                    vec!["svc-t1".into(), "svc-t2".into(), "svc-t3".into()]
                ),
                ("svc-t1".to_owned(), vec![]),
                ("svc-t2".to_owned(), vec![]),
                ("svc-t3".to_owned(), vec![]),
            ])
        );
        let plain = Gates::new(services, &service, false);
        assert_eq!(
            plain.enabled_by(Item::Operation("A")),
            Some(BTreeSet::from(["svc".to_owned()]))
        );
        // Code a build script includes compiles with no feature.
        assert_eq!(Gates::none().enabled_by(Item::Operation("A")), None);
        assert!(Gates::none().manifest().is_empty());
    }

    /// crates.io's limit counts tag features with service features: a
    /// crate they would not fit keeps one feature per service.
    #[test]
    fn tag_features_past_the_limit_fall_back_to_one_per_service() {
        let service = tagged_service();
        // Three tags each: 62 services and 186 tags fit in 250, 63 do not.
        for (count, fits) in [(62, true), (63, false)] {
            let services = vec![service.clone(); count];
            let gates = Gates::new(&services, &services[0], true);
            assert_eq!(!gates.tags.is_empty(), fits, "{count} services");
            if !fits {
                assert_eq!(names(gates.module.clone()), "svc");
                assert!(gates.operation(&service.operations[0]).is_open());
                assert_eq!(gates.manifest().len(), 1);
            }
        }
    }
}
