//! The crate around the service modules: `Cargo.toml`, `README.md`,
//! `src/lib.rs`.

use super::features::{GateTokens, Gates};
use super::{format, types, GeneratedFile};
use crate::ir::{CrateLinks, Service};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The `hwcloud-runtime` version generated code is written against. The
/// generator and the runtime are released together, with one version.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// From this many operations a crate says it is mostly unused by any one
/// caller (`[hints] mostly-unused`): nightly cargo then leaves the code of
/// its items to the crates that call them. On `hss-full.json` (582
/// operations), the crate and a program calling three of them built in
/// 27.5 s instead of 33.5 s (README, "Performance"); a crate of a few
/// operations, whose callers use most of it, would only move its code
/// around. Stable cargo ignores the table, and says so for a crate built
/// from a path.
const MOSTLY_UNUSED_OPERATIONS: usize = 100;

/// How the generated crate depends on `hwcloud-runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// From crates.io, by version.
    Version(String),
    /// From a local checkout (and by version, so the crate can be published).
    Path { path: String, version: String },
}

/// What the generated crate is called and how it is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateOptions {
    pub crate_name: String,
    /// The generated crate's own version.
    pub version: String,
    pub description: String,
    pub runtime: RuntimeDependency,
    /// Whether to generate boundary and example tests under `tests/`.
    pub tests: bool,
    /// One cargo feature per tag of each service's operations besides the
    /// service's own (decided in `plan::features`).
    pub features_per_tag: bool,
    /// The spec file each service came from, by the service's module (unique
    /// in the crate, where two specs of one id are `hss` and `hss2`), for
    /// the "generated from" line of each file.
    pub sources: BTreeMap<String, String>,
    /// The manifest's links; each one set here wins over the specs'
    /// `info.x-crate-links`.
    pub links: CrateLinks,
}

impl RuntimeDependency {
    /// From crates.io, at [`RUNTIME_VERSION`].
    pub fn published() -> Self {
        RuntimeDependency::Version(RUNTIME_VERSION.to_owned())
    }

    /// From `path` (relative to the generated crate), at [`RUNTIME_VERSION`].
    pub fn path(path: impl Into<String>) -> Self {
        RuntimeDependency::Path {
            path: path.into(),
            version: RUNTIME_VERSION.to_owned(),
        }
    }
}

impl CrateOptions {
    /// The options for this repository's own crate: `spec/*.json` into
    /// `generated/`, beside `runtime/`.
    pub fn checkout_default() -> Self {
        CrateOptions {
            crate_name: "hwcloud-registry".to_owned(),
            version: RUNTIME_VERSION.to_owned(),
            description: "Typed clients for Huawei Cloud APIs, generated from their OpenAPI specs"
                .to_owned(),
            runtime: RuntimeDependency::path("../runtime"),
            tests: true,
            features_per_tag: false,
            sources: BTreeMap::new(),
            links: CrateLinks::default(),
        }
    }

    pub(super) fn source_of(&self, service: &Service) -> &str {
        self.sources
            .get(&service.names.module)
            .map(String::as_str)
            .unwrap_or("a spec")
    }
}

/// An example program under `examples/`, and the feature it needs.
pub(super) struct Example {
    pub name: String,
    pub feature: String,
}

pub(super) fn files(
    services: &[Service],
    gates: &[Gates],
    examples: &[Example],
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>, String> {
    let sources = super::sources_of(services, options);
    let links = links(services, &options.links)?;
    let mut manifest = cargo_toml(services, gates, options, &links);
    for example in examples {
        manifest += &format!(
            "\n[[example]]\nname = \"{}\"\nrequired-features = [\"{}\"]\n",
            example.name, example.feature
        );
    }
    Ok(vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: manifest,
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: readme(services, gates, options),
        },
        GeneratedFile {
            path: "src/lib.rs".into(),
            contents: lib_rs(services, gates, &sources)?,
        },
        GeneratedFile {
            path: "src/cli.rs".into(),
            contents: cli_rs(services, gates, &sources, &options.crate_name)?,
        },
        GeneratedFile {
            path: "src/main.rs".into(),
            contents: super::format::rust_file(
                "src/main.rs",
                &sources,
                super::cli::main_rs(&options.crate_name),
            )?,
        },
    ])
}

/// The manifest's links: each from the options, else from the specs, which
/// must then agree (one crate, one repository).
fn links(services: &[Service], options: &CrateLinks) -> Result<CrateLinks, String> {
    let pick = |name: &str,
                given: &Option<String>,
                of: fn(&CrateLinks) -> &Option<String>|
     -> Result<Option<String>, String> {
        if given.is_some() {
            return Ok(given.clone());
        }
        let mut stated = services
            .iter()
            .filter_map(|s| of(&s.links).as_ref().map(|url| (s.id.as_str(), url)));
        let Some((first, url)) = stated.next() else {
            return Ok(None);
        };
        match stated.find(|(_, other)| *other != url) {
            Some((service, other)) => Err(format!(
                "the specs disagree on the crate's {name}: `{url}` (service {first}) and \
                 `{other}` (service {service}); pass --{name} to choose"
            )),
            None => Ok(Some(url.clone())),
        }
    };
    Ok(CrateLinks {
        repository: pick("repository", &options.repository, |l| &l.repository)?,
        homepage: pick("homepage", &options.homepage, |l| &l.homepage)?,
        documentation: pick("documentation", &options.documentation, |l| {
            &l.documentation
        })?,
    })
}

/// The manifest's features for `services` (see [`crate::plan::features`]).
fn service_features(services: &[Service], gates: &[Gates], per_tag: bool) -> String {
    if !crate::plan::has_service_features(services) {
        return format!(
            "# {} services: more than crates.io's features allow one each, so every\n\
             # service is always compiled.\n",
            services.len()
        );
    }
    let list: Vec<String> = services
        .iter()
        .map(|s| format!("\"{}\"", s.names.feature))
        .collect();
    let mut out = format!(
        "default = [{}]\n\
         # One feature per service: its module, client, mock and commands. A feature\n\
         # is public API: once published it is never removed, and a service added\n\
         # later comes with a feature of its own (on by default).\n",
        list.join(", ")
    );
    if per_tag && !crate::plan::tag_features_fit(services) {
        out += "# No feature per tag: with them this crate would pass crates.io's limit.\n";
    }
    for (service, gates) in services.iter().zip(gates) {
        // The plan's features, as `diff` compares them: the service's own
        // (all of its tags') sorts before its tags' (`hss`, `hss-…`).
        for (feature, turns_on) in gates.manifest() {
            let turns_on: Vec<String> = turns_on.iter().map(|f| format!("\"{f}\"")).collect();
            let line = format!("{feature} = [{}]", turns_on.join(", "));
            match gates.tags.get(&feature) {
                None => out += &format!("{line}\n"),
                Some(tag) => out += &format!("{line} # tag `{tag}`\n"),
            }
            if !gates.tags.is_empty() && gates.service_feature.as_ref() == Some(&feature) {
                let own = &service.names.feature;
                out += &format!(
                    "# One feature per tag of {own}: its operations and the types they use; a type\n\
                     # several tags use is compiled where any of them is on. A tag added later\n\
                     # comes with a feature of its own, in `{own}`.\n"
                );
            }
        }
    }
    out
}

fn cargo_toml(
    services: &[Service],
    gates: &[Gates],
    options: &CrateOptions,
    links: &CrateLinks,
) -> String {
    let links: String = [
        ("repository", &links.repository),
        ("homepage", &links.homepage),
        ("documentation", &links.documentation),
    ]
    .iter()
    .filter_map(|(key, url)| url.as_ref().map(|url| format!("{key} = \"{url}\"\n")))
    .collect();
    // The runtime's regex engine is a default feature, named all the same
    // where the specs need it: the crate must not depend on a default.
    let runtime_features = if services.iter().any(Service::has_patterns) {
        ", features = [\"patterns\"]"
    } else {
        ""
    };
    let runtime = match &options.runtime {
        RuntimeDependency::Version(v) => format!("{{ version = \"{v}\"{runtime_features} }}"),
        RuntimeDependency::Path { path, version } => {
            format!("{{ version = \"{version}\", path = \"{path}\"{runtime_features} }}")
        }
    };
    let operations: usize = services.iter().map(|s| s.operations.len()).sum();
    let hints = if operations >= MOSTLY_UNUSED_OPERATIONS {
        "\n# Most callers use a few operations of this many: nightly cargo's\n\
         # `-Zprofile-hint-mostly-unused` then compiles only what they call.\n\
         [hints]\nmostly-unused = true\n"
    } else {
        ""
    };
    format!(
        r#"# @generated by hwcloud-codegen. Do not edit: run `hwcloud-codegen generate`.
[package]
name = "{name}"
version = "{version}"
edition = "2021"
rust-version = "1.85"
description = "{description}"
license = "MIT OR Apache-2.0"
readme = "README.md"
{links}keywords = ["huaweicloud", "api", "client", "sdk"]
categories = ["api-bindings"]

[features]
{features}# A test double of every service: `<service>::Mock`, in process or over HTTP.
mock = ["hwcloud-runtime/mock"]
# The `{name}` command: `<service> <operation>` subcommands and `mock`.
cli = ["mock", "hwcloud-runtime/cli"]

[[bin]]
name = "{name}"
path = "src/main.rs"
required-features = ["cli"]

[package.metadata.docs.rs]
# The mock and the command line are part of the documented API.
all-features = true
{hints}
[dependencies]
hwcloud-runtime = {runtime}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
{dev}"#,
        // The README's quick start is a doctest that needs an executor,
        // so tokio is there with or without the generated tests.
        dev =
            "\n[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
        features = service_features(services, gates, options.features_per_tag),
        hints = hints,
        name = options.crate_name,
        version = options.version,
        description = options.description.replace('"', "'"),
    )
}

fn readme(services: &[Service], gates: &[Gates], options: &CrateOptions) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\nGenerated by `hwcloud-codegen`; do not edit.\n\n",
        options.crate_name, options.description
    );
    if let Some(quick_start) = super::quick_start::section(services, &options.crate_name) {
        out += &quick_start;
        out += "\n";
    }
    out += GUIDE;
    out += "\n## Services\n\n";
    out += if gates.iter().any(|g| !g.tags.is_empty()) {
        "Each service compiles under its cargo feature, on by default, which turns on a \
         feature per tag of its operations: an operation compiles where one of its tags' \
         features is on, with the types it uses.\n\n"
    } else if gates.iter().any(|g| !g.module.is_open()) {
        "Each service compiles under its cargo feature, on by default.\n\n"
    } else {
        ""
    };
    out += "| module | service | features | operations |\n|---|---|---|---|\n";
    for (s, gates) in services.iter().zip(gates) {
        let ops: Vec<String> = s.operations.iter().map(|o| format!("`{}`", o.id)).collect();
        let features = if gates.module.is_open() {
            "(always compiled)".to_owned()
        } else if gates.tags.is_empty() {
            format!("`{}`", s.names.feature)
        } else {
            let tags: Vec<String> = gates.tags.keys().map(|f| format!("`{f}`")).collect();
            format!("`{}`: {}", s.names.feature, tags.join(", "))
        };
        out += &format!(
            "| `{}` | {} ({}) | {features} | {} |\n",
            s.names.module,
            s.title,
            s.version,
            ops.join(", ")
        );
    }
    out
}

/// How the generated API is used, the same for every spec.
const GUIDE: &str = "## The API

- **Calls.** `client.<operation>()` starts a request: one setter per field, named \
after it, then `.send().await`. A field whose type is a struct takes the struct or its \
builder, unfinished. `client.send(&request)` sends a request built beforehand with \
`<Operation>Request::builder()...build()`.
- **Checked before sending.** `build()` (and `send`) name every required field left \
unset (`BuildError`, `Error::Build`); a value that breaks a documented rule is \
`Error::Invalid`, with the path and the rule.
- **Answers.** A call gives an `Output` of the operation's one documented success body \
(`()` without one), with the status, request id and headers; an operation that documents \
several answers gives an enum of them. An error answer is `Error::Service`, read as the \
vendor's SDK reads it; where the spec documents error bodies, `<Operation>Error::from_error` \
gives them typed.
- **Paging.** Paged operations have `.pages()` on the fluent call (and `client.pages(request)`): \
a stream of pages that stops at the last one.
- **Evolution.** Structs and enums are `#[non_exhaustive]` and built by name, so a field, \
an enum value or an error status that the service documents later arrives in a compatible \
release; enums keep values they do not know as `Unknown`.
- **Testing (feature `mock`).** `<service>::Mock` answers each operation with its \
documented example, checks every request as the service would (and, built with \
`Mock::verifying`, its signature), and takes typed answers per operation: \
`mock.<operation>().returns(..)`, `.respond_with(|request| ..)`, `.sequence([..])`, \
`.fails(..)`; `.calls()` gives the typed requests received. `mock.client()` calls it in \
process; `mock.serve(addr)` serves it over HTTP.
- **Command line (feature `cli`).** The crate's binary: `<service> <operation> --flag value`, \
checked against every documented rule before sending; `--dry-run`, `--output json|table`, \
`--all` for paged operations, and `mock` to serve every service locally. Exit status 0 \
success, 1 failure (with the request id), 2 usage or an invalid request.
";

fn cli_rs(
    services: &[Service],
    gates: &[Gates],
    sources: &str,
    crate_name: &str,
) -> Result<String, String> {
    let tokens = super::cli::cli_module(services, gates, crate_name);
    format::rust_file("src/cli.rs", sources, tokens)
}

fn lib_rs(services: &[Service], gates: &[Gates], sources: &str) -> Result<String, String> {
    // The crate docs are the README: its quick start is a doctest, so
    // `cargo test` keeps it compiling, where the features compile what it
    // calls (a build with fewer gets a line instead).
    let needs: Vec<TokenStream> = super::quick_start::needs(services, gates)
        .iter()
        .filter_map(|gate| gate.predicate())
        .collect();
    let needs = match needs.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        all => Some(quote! { all( #( #all ),* ) }),
    };
    let about = if let Some(needs) = needs {
        let fallback = "Typed clients for Huawei Cloud APIs. The crate's documentation is its \
                        README, shown where the default features are on.";
        quote! {
            #![cfg_attr(#needs, doc = include_str!("../README.md"))]
            #![cfg_attr(not(#needs), doc = #fallback)]
        }
    } else {
        quote! { #![doc = include_str!("../README.md")] }
    };
    let modules = services.iter().zip(gates).map(|(s, gates)| {
        let module = types::ident(&s.names.module);
        let cfg = gates.module.cfg();
        quote! { #cfg #[rustfmt::skip] pub mod #module; }
    });
    let tokens = quote! {
        #about
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        // The generator formats its output (prettyplease); `cargo fmt` on a
        // workspace holding this crate must not rewrite it into drift.
        #( #modules )*
        #[cfg(feature = "cli")]
        #[rustfmt::skip]
        pub mod cli;

        /// The shared runtime: validation reports, encoding context, errors.
        pub use hwcloud_runtime as runtime;
    };
    format::rust_file("src/lib.rs", sources, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str, repository: Option<&str>) -> Service {
        Service {
            id: id.to_owned(),
            title: id.to_owned(),
            version: "v1".to_owned(),
            description: None,
            servers: Vec::new(),
            scope: crate::ir::Scope::Project,
            auth: Vec::new(),
            operations: Vec::new(),
            types: Vec::new(),
            links: CrateLinks {
                repository: repository.map(str::to_owned),
                ..CrateLinks::default()
            },
            left_out: Vec::new(),
            names: Default::default(),
        }
    }

    #[test]
    fn links_come_from_the_options_else_the_specs_which_must_agree() {
        let a = "https://example.com/a";
        let b = "https://example.com/b";
        let none = CrateLinks::default();
        let specs = [service("one", Some(a)), service("two", None)];
        assert_eq!(links(&specs, &none).unwrap().repository.as_deref(), Some(a));

        let given = CrateLinks {
            repository: Some(b.to_owned()),
            ..CrateLinks::default()
        };
        assert_eq!(
            links(&specs, &given).unwrap().repository.as_deref(),
            Some(b)
        );

        let disagree = [service("one", Some(a)), service("two", Some(b))];
        let err = links(&disagree, &none).unwrap_err();
        assert!(err.contains("disagree on the crate's repository"), "{err}");
        assert!(err.contains("--repository"), "{err}");
        assert_eq!(
            links(&disagree, &given).unwrap().repository.as_deref(),
            Some(b)
        );
    }

    #[test]
    fn the_manifest_names_only_the_links_it_has() {
        let links = CrateLinks {
            documentation: Some("https://docs.rs/x".to_owned()),
            ..CrateLinks::default()
        };
        let manifest = cargo_toml(&[], &[], &CrateOptions::checkout_default(), &links);
        assert!(manifest.contains("documentation = \"https://docs.rs/x\"\n"));
        assert!(!manifest.contains("repository =") && !manifest.contains("homepage ="));
    }

    /// A service of one operation, `GET /things` with a query parameter
    /// `name` of `schema`, loaded from a spec.
    fn things(schema: serde_json::Value) -> Service {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "x-service-id": "things"},
            "servers": [{"url": "https://things.example.com"}],
            "paths": {"/things": {"get": {"operationId": "ListThings",
                "parameters": [{"name": "name", "in": "query", "schema": schema}],
                "responses": {"200": {"description": "ok"}}}}}
        });
        let loaded = crate::load_str("t.json", &spec.to_string());
        loaded
            .service
            .unwrap_or_else(|| panic!("{}", loaded.diagnostics))
    }

    /// The runtime's regex engine is named where a spec has a pattern,
    /// wherever it sits (here a query parameter), and only there.
    #[test]
    fn the_manifest_asks_for_the_regex_engine_where_a_spec_has_patterns() {
        let manifest_of = |schema: serde_json::Value| {
            let service = things(schema);
            let options = CrateOptions {
                runtime: RuntimeDependency::Version("1.2.3".to_owned()),
                ..CrateOptions::checkout_default()
            };
            cargo_toml(&[service], &[], &options, &CrateLinks::default())
        };
        let patterned = manifest_of(serde_json::json!({"type": "string", "pattern": "^[a-z]+$"}));
        assert!(
            patterned
                .contains("hwcloud-runtime = { version = \"1.2.3\", features = [\"patterns\"] }\n"),
            "{patterned}"
        );
        let plain = manifest_of(serde_json::json!({"type": "string", "maxLength": 8}));
        assert!(
            plain.contains("hwcloud-runtime = { version = \"1.2.3\" }\n"),
            "{plain}"
        );
    }

    /// A crate of many operations says it is mostly unused (for nightly
    /// cargo); one of a few does not.
    #[test]
    fn only_a_big_crate_hints_that_it_is_mostly_unused() {
        let mut service = things(serde_json::json!({"type": "string"}));
        let manifest_of = |service: &Service| {
            let options = CrateOptions::checkout_default();
            cargo_toml(
                std::slice::from_ref(service),
                &[],
                &options,
                &CrateLinks::default(),
            )
        };
        assert!(!manifest_of(&service).contains("[hints]"));
        let one = service.operations[0].clone();
        service.operations = vec![one; MOSTLY_UNUSED_OPERATIONS];
        let manifest = manifest_of(&service);
        assert!(
            manifest.contains("\n[hints]\nmostly-unused = true\n\n[dependencies]"),
            "{manifest}"
        );
    }

    /// One feature per service, all on by default; past what crates.io
    /// takes, none (every service compiled).
    #[test]
    fn each_service_has_a_feature_while_crates_io_allows() {
        let manifest_of = |services: &[Service]| {
            let gates: Vec<Gates> = services
                .iter()
                .map(|s| Gates::new(services, s, false))
                .collect();
            cargo_toml(
                services,
                &gates,
                &CrateOptions::checkout_default(),
                &CrateLinks::default(),
            )
        };
        let mut services = vec![service("hss", None), service("swr", None)];
        for s in &mut services {
            crate::plan::assign(s);
        }
        let manifest = manifest_of(&services);
        assert!(
            manifest.contains("default = [\"hss\", \"swr\"]\nhss = []")
                || manifest.contains("default = [\"hss\", \"swr\"]\n# One feature"),
            "{manifest}"
        );
        assert!(manifest.contains("\nhss = []\nswr = []\n"), "{manifest}");
        let many: Vec<Service> = (0..=crate::plan::MAX_SERVICE_FEATURES)
            .map(|i| {
                let mut s = service(&format!("s{i}"), None);
                crate::plan::assign(&mut s);
                s
            })
            .collect();
        let manifest = manifest_of(&many);
        assert!(
            !manifest.contains("default = ["),
            "no feature list past the limit"
        );
        assert!(Gates::new(&many, &many[0], true).module.is_open());
    }
}
