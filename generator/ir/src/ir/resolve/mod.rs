//! Builds the IR from a loaded spec: resolves `$ref`s, names inline types,
//! reads extensions, and checks what OpenAPI's own schema cannot (see
//! [`checks`]).

mod checks;
mod forms;
mod operations;
mod schemas;

use super::{AuthScheme, CrateLinks, NamedType, Scope, Server, ServerVariable, Service};
use crate::diagnostics::{pointer, Diagnostics};
use crate::spec::{extensions, SpecDocument};
use openapiv3::{ReferenceOr, SecurityScheme};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Resolves `doc` into a [`Service`]. Problems go to `diagnostics`; `None`
/// means there were errors (warnings alone still give a service).
pub fn resolve(doc: &SpecDocument, diagnostics: &mut Diagnostics) -> Option<Service> {
    let before = diagnostics.error_count();
    let mut resolver = Resolver::new(doc, diagnostics);
    let service = resolver.service();
    let examples = std::mem::take(&mut resolver.examples);
    checks::run(&service, &examples, diagnostics);
    (diagnostics.error_count() == before).then_some(service)
}

pub(super) struct Resolver<'a> {
    doc: &'a SpecDocument,
    d: &'a mut Diagnostics,
    /// Named types made so far, by name.
    types: BTreeMap<String, NamedType>,
    /// The Rust-level name reserved for each component schema that becomes a
    /// named type (structs and enums), decided before anything is resolved
    /// so that inline types never take a component's name.
    component_names: HashMap<String, String>,
    /// The values of `component_names`, for quick lookups.
    reserved_names: HashSet<String>,
    /// Component schemas being resolved or done (for aliases and cycles).
    components: HashMap<String, schemas::ComponentState>,
    /// Examples written on schemas and parameters, checked against their
    /// schemas once every type is known.
    examples: Vec<LooseExample>,
    /// Schemas being resolved, one inside the other.
    schema_depth: usize,
}

/// An example written beside a schema (a schema's or a parameter's), not in
/// a media type: the IR does not keep it, but the linter checks it.
pub(super) struct LooseExample {
    /// Where it is written (a JSON pointer).
    pub origin: String,
    /// What it is the example of, for the message.
    pub what: String,
    pub value: serde_json::Value,
    pub schema: super::Schema,
}

impl<'a> Resolver<'a> {
    fn new(doc: &'a SpecDocument, d: &'a mut Diagnostics) -> Self {
        let mut resolver = Resolver {
            doc,
            d,
            types: BTreeMap::new(),
            component_names: HashMap::new(),
            reserved_names: HashSet::new(),
            components: HashMap::new(),
            examples: Vec::new(),
            schema_depth: 0,
        };
        resolver.reserve_component_names();
        resolver
    }

    fn service(&mut self) -> Service {
        let openapi = &self.doc.openapi;
        let id =
            extensions::read::<String>(&openapi.info.extensions, "x-service-id", "/info", self.d)
                .unwrap_or_else(|| self.doc.stem.clone());
        if id.trim().is_empty() {
            self.d
                .error_at("/info", "the service needs a name: set `info.x-service-id`");
        }
        let servers = self.servers();
        let auth = self.auth_schemes();
        let links = self.crate_links();

        // Every component schema becomes part of the API, used or not.
        if let Some(components) = &openapi.components {
            for name in components.schemas.keys() {
                let at = pointer("/components/schemas", name);
                self.component_schema(name, &at);
            }
        }
        let mut operations = self.operations(&auth);
        operations.sort_by(|a, b| a.id.cmp(&b.id));
        let scope = self.scope(&operations);
        self.forms(&operations);
        let mut types: Vec<NamedType> = std::mem::take(&mut self.types).into_values().collect();
        super::recursion::box_loops(&mut types);

        Service {
            id,
            title: openapi.info.title.clone(),
            version: openapi.info.version.clone(),
            description: openapi.info.description.clone(),
            servers,
            scope,
            auth,
            operations,
            types,
            links,
            left_out: self
                .doc
                .left_out
                .iter()
                .map(|l| super::LeftOut {
                    id: l.operation.clone(),
                    method: l.method.clone(),
                    path: l.path.clone(),
                    reason: l.reason.clone(),
                })
                .collect(),
            names: Default::default(),
        }
    }

    /// `info.x-hwcloud-scope` (`project` or `domain`, or a word that can
    /// only mean one of them); without it (or with a word that names none),
    /// a service whose only
    /// client-filled id is `domain_id` is global, any other regional
    /// (`project_id`, as the vendor's regional services).
    fn scope(&mut self, operations: &[super::Operation]) -> Scope {
        let info = &self.doc.openapi.info.extensions;
        if let Some(written) = extensions::read::<String>(info, "x-hwcloud-scope", "/info", self.d)
        {
            let at = "/info/x-hwcloud-scope";
            match extensions::scope_named(&written) {
                Some(value) => {
                    if !value.exact {
                        let scope = value.scope.as_str();
                        self.d.repaired_at(
                            at,
                            format!("`{written}` is read as `{scope}` (the extension takes `project` or `domain`)"),
                        );
                    }
                    return match value.scope {
                        extensions::NamedScope::Domain => Scope::Domain,
                        extensions::NamedScope::Project => Scope::Project,
                    };
                }
                // Read as if absent: the ids the client fills say which.
                None => self.d.repaired_at(
                    at,
                    format!("`{written}` is not a scope (`project` or `domain`): the scope is taken from the ids the client fills, as without the extension"),
                ),
            }
        }
        let filled = |name: &str| {
            operations
                .iter()
                .flat_map(|op| &op.params)
                .any(|p| p.auto_filled && p.name == name)
        };
        if filled("domain_id") && !filled("project_id") {
            self.d.warning_at(
                "/info",
                "no `x-hwcloud-scope`: the service is taken to be global (domain-scoped), \
                 as the only id its client fills is `domain_id`",
            );
            Scope::Domain
        } else {
            Scope::Project
        }
    }

    /// `info.x-crate-links`, each link checked to be an `http(s)` URL
    /// (they land in a Cargo manifest, where crates.io wants URLs).
    fn crate_links(&mut self) -> CrateLinks {
        let info = &self.doc.openapi.info.extensions;
        let Some(links) =
            extensions::read::<extensions::CrateLinks>(info, "x-crate-links", "/info", self.d)
        else {
            return CrateLinks::default();
        };
        let mut checked = |key: &str, url: Option<String>| {
            let url = url?;
            let is_url = (url.starts_with("https://") || url.starts_with("http://"))
                && !url.contains(char::is_whitespace)
                && !url.contains('"');
            if is_url {
                Some(url)
            } else {
                self.d.error_at(
                    &format!("/info/x-crate-links/{key}"),
                    format!("`{url}` is not an http(s) URL"),
                );
                None
            }
        };
        CrateLinks {
            repository: checked("repository", links.repository),
            homepage: checked("homepage", links.homepage),
            documentation: checked("documentation", links.documentation),
        }
    }

    fn servers(&mut self) -> Vec<Server> {
        let openapi = &self.doc.openapi;
        if openapi.servers.is_empty() {
            self.d.error_at(
                "",
                "`servers` is empty: a client needs at least one base URL",
            );
        }
        let mut servers = Vec::new();
        for (i, server) in openapi.servers.iter().enumerate() {
            let at = pointer("/servers", i);
            let mut variables = Vec::new();
            for (name, var) in server.variables.iter().flatten() {
                if !var.enumeration.is_empty() && !var.enumeration.contains(&var.default) {
                    self.d.error_at(
                        &pointer(&pointer(&at, "variables"), name),
                        format!(
                            "default `{}` is not one of the variable's values",
                            var.default
                        ),
                    );
                }
                variables.push(ServerVariable {
                    name: name.clone(),
                    default: var.default.clone(),
                    values: var.enumeration.clone(),
                    description: var.description.clone(),
                });
            }
            for placeholder in placeholders(&server.url) {
                if !variables.iter().any(|v| v.name == placeholder) {
                    self.d.error_at(
                        &pointer(&at, "url"),
                        format!("`{{{placeholder}}}` in the URL has no entry in `variables`"),
                    );
                }
            }
            servers.push(Server {
                url: server.url.clone(),
                description: server.description.clone(),
                variables,
            });
        }
        servers
    }

    fn auth_schemes(&mut self) -> Vec<AuthScheme> {
        let Some(components) = &self.doc.openapi.components else {
            return Vec::new();
        };
        let mut schemes = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let at = pointer("/components/securitySchemes", name);
            let ReferenceOr::Item(SecurityScheme::APIKey {
                name: header,
                extensions: ext,
                ..
            }) = scheme
            else {
                self.d.error_at(
                    &at,
                    "only `apiKey` security schemes in a header are supported",
                );
                continue;
            };
            let scheme = match extensions::read::<extensions::Signing>(
                ext,
                "x-huaweicloud-signing",
                &at,
                self.d,
            ) {
                Some(signing) => AuthScheme::Signature {
                    scheme: name.clone(),
                    header: header.clone(),
                    algorithm: signing.algorithm,
                },
                None => AuthScheme::Token {
                    scheme: name.clone(),
                    header: header.clone(),
                },
            };
            schemes.push(scheme);
        }
        schemes
    }

    /// The raw JSON at `at`, for what `openapiv3` drops (a `description`
    /// beside a `$ref`).
    fn raw(&self, at: &str) -> Option<&'a serde_json::Value> {
        self.doc.raw.pointer(at)
    }

    fn raw_description(&self, at: &str) -> Option<String> {
        self.raw(at)?
            .get("description")?
            .as_str()
            .map(str::to_owned)
    }

    /// Registers a component's named type under the name reserved for it.
    fn add_component_type(&mut self, ty: NamedType) -> String {
        let name = ty.name.clone();
        self.types.insert(name.clone(), ty);
        name
    }

    /// Registers an inline schema's named type, making its name unique.
    /// Returns the name used.
    fn add_inline_type(&mut self, mut ty: NamedType) -> String {
        let name = crate::names::unique(&ty.name, |name| {
            self.types.contains_key(name) || self.reserved_names.contains(name)
        });
        ty.name = name.clone();
        self.types.insert(name.clone(), ty);
        name
    }
}

pub(super) use crate::spec::placeholders;

/// The name after a `#/components/<kind>/` prefix, if `reference` has it.
pub(super) fn component_ref(reference: &str, kind: &str) -> Option<String> {
    reference
        .strip_prefix("#/components/")?
        .strip_prefix(kind)?
        .strip_prefix('/')
        .filter(|name| !name.contains('/'))
        .map(unescape)
}

pub(super) use crate::diagnostics::unescape;
