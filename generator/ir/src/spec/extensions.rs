//! The `x-` extensions a spec may use: where each may appear and the shape of
//! its value. `spec/README.md` documents each one with an example.
//!
//! An extension that is not listed here is refused, so that a spec author is
//! never left wondering why the generator ignored what they wrote.

use crate::diagnostics::Diagnostics;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The kinds of object an extension can sit on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Info,
    PathItem,
    Operation,
    Parameter,
    Schema,
    Response,
    SecurityScheme,
}

/// A known extension.
#[derive(Debug)]
pub struct Extension {
    pub name: &'static str,
    pub places: &'static [Place],
    /// Read by the generator (`true`), or accepted as documentation only.
    pub meaningful: bool,
}

/// Every extension the generator accepts.
pub const KNOWN_EXTENSIONS: &[Extension] = &[
    Extension {
        name: "x-service-id",
        places: &[Place::Info],
        meaningful: true,
    },
    Extension {
        name: "x-hwcloud-scope",
        places: &[Place::Info],
        meaningful: true,
    },
    Extension {
        name: "x-crate-links",
        places: &[Place::Info],
        meaningful: true,
    },
    Extension {
        name: "x-sdk-auto-filled",
        places: &[Place::Parameter],
        meaningful: true,
    },
    Extension {
        name: "x-wire-replace",
        places: &[Place::Parameter],
        meaningful: true,
    },
    Extension {
        name: "x-pagination",
        places: &[Place::Operation],
        meaningful: true,
    },
    Extension {
        name: "x-required-when",
        places: &[Place::Schema],
        meaningful: true,
    },
    Extension {
        name: "x-enum-varnames",
        places: &[Place::Schema],
        meaningful: true,
    },
    Extension {
        name: "x-huaweicloud-signing",
        places: &[Place::SecurityScheme],
        meaningful: true,
    },
    // The vendor's own documents (spec/vendor.rs): the real request of an
    // operation whose path item is keyed by its id.
    Extension {
        name: "x-url",
        places: &[Place::PathItem],
        meaningful: true,
    },
    Extension {
        name: "x-method",
        places: &[Place::PathItem],
        meaningful: true,
    },
    Extension {
        name: "x-content-type",
        places: &[Place::PathItem],
        meaningful: true,
    },
    Extension {
        name: "x-operationId",
        places: &[Place::PathItem],
        meaningful: false,
    },
    Extension {
        name: "x-host",
        places: &[Place::Info],
        meaningful: true,
    },
    Extension {
        name: "x-host_prefix",
        places: &[Place::Info],
        meaningful: true,
    },
    // Set by the reader itself (spec/repair.rs), never written by hand: a
    // Swagger 2.0 body or form parameter read into the request body.
    Extension {
        name: "x-hwcloud-moved-to-body",
        places: &[Place::Parameter],
        meaningful: true,
    },
    // Informational: carried by specs derived from the vendor's SDK metadata.
    Extension {
        name: "x-sdk-package",
        places: &[Place::Info],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-version",
        places: &[Place::Info],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-name",
        places: &[Place::Operation],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-request-type",
        places: &[Place::Operation],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-response-type",
        places: &[Place::Operation],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-collection-format",
        places: &[Place::Parameter],
        meaningful: false,
    },
    Extension {
        name: "x-sdk-attr",
        places: &[Place::Parameter],
        meaningful: false,
    },
    Extension {
        name: "x-synthetic",
        places: &[Place::Schema, Place::Response],
        meaningful: false,
    },
];

/// A scope `info.x-hwcloud-scope` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NamedScope {
    /// Regional: requests name a project (`project_id`).
    Project,
    /// Global: requests name an account (`domain_id`).
    Domain,
}

impl NamedScope {
    /// As the extension spells it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            NamedScope::Project => "project",
            NamedScope::Domain => "domain",
        }
    }
}

/// `info.x-hwcloud-scope` as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScopeValue {
    pub scope: NamedScope,
    /// Written as the extension spells it; not a word people also write
    /// for it (`regional`, `global`) or another case (`Domain`).
    pub exact: bool,
}

/// `info.x-hwcloud-scope` read as the scope it names, `project` or
/// `domain`, or the words people also write for them, in any case; `None`
/// names no scope.
pub(crate) fn scope_named(text: &str) -> Option<ScopeValue> {
    let scope = match text.to_ascii_lowercase().as_str() {
        "project" | "regional" => NamedScope::Project,
        "domain" | "global" => NamedScope::Domain,
        _ => return None,
    };
    Some(ScopeValue {
        scope,
        exact: text == scope.as_str(),
    })
}

pub(crate) fn lookup(name: &str) -> Option<&'static Extension> {
    KNOWN_EXTENSIONS.iter().find(|e| e.name == name)
}

/// The extension the generator reads that `name` is one or two edits away
/// from (`x-paginaton`), if any.
pub(crate) fn misspelt(name: &str) -> Option<&'static str> {
    KNOWN_EXTENSIONS
        .iter()
        .filter(|e| e.meaningful)
        .map(|e| (crate::similar::edit_distance(name, e.name), e.name))
        .filter(|(distance, _)| (1..=2).contains(distance))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    #[test]
    fn misspelt_extensions_are_found() {
        assert_eq!(super::misspelt("x-paginaton"), Some("x-pagination"));
        assert_eq!(super::misspelt("x-wire-replaces"), Some("x-wire-replace"));
        assert_eq!(super::misspelt("x-is-registered"), None);
        assert_eq!(super::misspelt("x-pagination"), None);
    }
}

/// `x-required-when`: on an object schema, fields that become required when
/// another field has a given value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredWhen {
    pub property: String,
    pub equals: serde_json::Value,
    pub required: Vec<String>,
}

/// `x-wire-replace`: on a parameter, substrings replaced before the value is
/// percent-encoded (SWR sends a `/` in a repository name as `$`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireReplace {
    pub from: String,
    pub to: String,
}

/// `x-pagination`: how an operation pages through a collection.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub style: PaginationStyle,
    /// The query parameter holding the index of the first item.
    pub offset: String,
    /// The query parameter holding the page size.
    pub limit: String,
    /// The response field holding the page's items (an array).
    pub items: String,
    /// The response field holding the total number of items, if any.
    #[serde(default)]
    pub total: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum PaginationStyle {
    #[serde(rename = "offset-limit")]
    OffsetLimit,
}

/// `x-huaweicloud-signing`: on an `apiKey` security scheme in the
/// `x-crate-links`: where the generated crate's manifest points people
/// (`repository`, `homepage`, `documentation`), each an `http(s)` URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateLinks {
    #[serde(default)]
    pub repository: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
}

/// `Authorization` header, the request-signing algorithm. Other keys describe
/// the algorithm for people and are accepted as they are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Signing {
    pub algorithm: String,
}

/// Reads extension `name` from `extensions` as a `T`. A value of the wrong
/// shape is reported at `pointer/name` and gives `None`.
pub(crate) fn read<T: DeserializeOwned>(
    extensions: &IndexMap<String, serde_json::Value>,
    name: &str,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let value = extensions.get(name)?;
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Some(v),
        Err(err) => {
            let at = crate::diagnostics::pointer(pointer, name);
            let inner = if err.path().iter().next().is_some() {
                format!(" (at `{}`)", err.path())
            } else {
                String::new()
            };
            diagnostics.error_at(
                &at,
                format!("`{name}` is malformed{inner}: {}", err.inner()),
            );
            None
        }
    }
}
