//! Stage 2: the intermediate representation (IR) of an API.
//!
//! The IR is the contract between reading a spec and writing code: every
//! `$ref` is resolved, every inline enum and object has a name, every vendor
//! rule that the spec states through an extension is a typed field, and
//! nothing refers back to OpenAPI. Emitters read only this.
//!
//! Lists are sorted (operations by id, types by name, fields and parameters in
//! spec order) so that the same spec always gives the same output.

mod answers;
mod conform;
mod resolve;
mod schema;
pub mod select;
pub mod usage;
mod walk;

mod media;
mod names;
mod recursion;

pub use answers::Answers;
pub use conform::{conform, Violation, ViolationKind};
pub use media::{essence, is_json};
pub use names::{FlagField, OperationNames, ServiceNames};
pub use resolve::resolve;
pub use schema::*;
pub use walk::{for_each_schema, Site};

/// One API service, read from one spec file.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Identifies the service (`hss`): `info.x-service-id`, else the file
    /// stem. Module and client names derive from it.
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    /// Whose resources calls act on: a project (regional) or a domain
    /// (global). The runtime sends the matching id header and fills the
    /// matching path parameter.
    pub scope: Scope,
    /// The authentication schemes the service accepts, any one of which will
    /// do, in the spec's order of preference.
    pub auth: Vec<AuthScheme>,
    /// Sorted by id.
    pub operations: Vec<Operation>,
    /// Named structs and enums, sorted by name.
    pub types: Vec<NamedType>,
    /// Where the generated crate's manifest points (`x-crate-links`).
    pub links: CrateLinks,
    /// Operations of the spec that are not generated, and why (sorted by
    /// id); the generated docs list them.
    pub left_out: Vec<LeftOut>,
    /// The module's Rust names (`crate::plan`).
    pub names: ServiceNames,
}

/// An operation of the spec that could not be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The spec's `operationId`.
    pub id: String,
    /// `GET`, `POST`, …
    pub method: String,
    pub path: String,
    /// The problem, with its JSON pointer.
    pub reason: String,
}

/// Links for the generated crate's manifest, from `info.x-crate-links`:
/// each an `http(s)` URL, or unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateLinks {
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
}

impl Service {
    pub fn type_by_name(&self, name: &str) -> Option<&NamedType> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.id == id)
    }

    /// The tags of the service's operations, each once, sorted.
    pub fn tags(&self) -> std::collections::BTreeSet<&str> {
        self.operations
            .iter()
            .flat_map(|op| op.tags.iter().map(String::as_str))
            .collect()
    }

    /// Whether any schema has a `pattern`: the generated code then needs the
    /// runtime's regex engine (its `patterns` feature).
    pub fn has_patterns(&self) -> bool {
        let mut found = false;
        for_each_schema(self, |schema, _| {
            found |= matches!(&schema.ty, Type::String(s) if s.pattern.is_some());
        });
        found
    }

    /// What one value of `schema` is when it is a single scalar (an enum
    /// is its values' kind): what gets a command-line flag, and what the
    /// mock reads a parameter as.
    pub fn scalar_kind(&self, schema: &Schema) -> Option<ScalarKind> {
        match &schema.ty {
            Type::String(_) => Some(ScalarKind::String),
            Type::Integer(_) => Some(ScalarKind::Integer),
            Type::Number(_) => Some(ScalarKind::Number),
            Type::Boolean => Some(ScalarKind::Boolean),
            Type::Named(name) => match self.type_by_name(name).map(|t| &t.kind) {
                Some(NamedKind::StringEnum(_)) => Some(ScalarKind::String),
                Some(NamedKind::IntegerEnum { .. }) => Some(ScalarKind::Integer),
                _ => None,
            },
            _ => None,
        }
    }

    /// The named types sent as `multipart/form-data` bodies.
    pub fn form_types(&self) -> std::collections::BTreeSet<&str> {
        self.operations
            .iter()
            .filter_map(|op| op.body.as_ref())
            .filter(|body| body.encoding == BodyEncoding::Form)
            .filter_map(|body| match &body.schema.ty {
                Type::Named(name) => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// A base URL template such as `https://hss.{region}.myhuaweicloud.com`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
    pub variables: Vec<ServerVariable>,
}

/// Whose resources a service's calls act on (`info.x-hwcloud-scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A regional service, in a project: `X-Project-Id`, `{project_id}`.
    Project,
    /// A global service, for an account: `X-Domain-Id`, `{domain_id}`.
    Domain,
}

impl Scope {
    /// As `info.x-hwcloud-scope` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Project => "project",
            Scope::Domain => "domain",
        }
    }
}

/// See [`Service::scalar_kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    String,
    Integer,
    Number,
    Boolean,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    /// Allowed values; empty means any.
    pub values: Vec<String>,
    pub description: Option<String>,
}

/// How a request proves who sends it.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthScheme {
    /// A token sent as-is in a header (`X-Auth-Token`).
    Token { scheme: String, header: String },
    /// The request is signed; the signature goes in `header`.
    Signature {
        scheme: String,
        header: String,
        /// The algorithm's name (`SDK-HMAC-SHA256`), from `x-huaweicloud-signing`.
        algorithm: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`, as written.
    pub id: String,
    pub method: Method,
    /// The path template, e.g. `/v5/{project_id}/image/registries/{id}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// Path, query and header parameters, path-item ones first, in spec order.
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    /// Sorted: status codes ascending, then `default`.
    pub responses: Vec<Response>,
    /// Names of the schemes that authorise this call (any one of them).
    pub security: Vec<String>,
    pub pagination: Option<Pagination>,
    /// Its Rust names (`crate::plan`).
    pub names: OperationNames,
}

impl Operation {
    pub fn param(&self, name: &str, location: ParamLocation) -> Option<&Param> {
        self.params
            .iter()
            .find(|p| p.name == name && p.location == location)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

impl ParamLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }
}

/// How an array parameter is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayStyle {
    /// `a=1&a=2` (query `style: form, explode: true`, the default).
    Repeated,
    /// `a=1,2` (query `style: form, explode: false`; path and header `simple`).
    CommaSeparated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Schema,
    pub array_style: ArrayStyle,
    /// Filled by the client from its credentials (`x-sdk-auto-filled`), so a
    /// request type has no field for it.
    pub auto_filled: bool,
    /// Substitutions made before percent-encoding (`x-wire-replace`), in order.
    pub wire_replace: Vec<WireReplace>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireReplace {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub content_type: String,
    /// How the value becomes bytes, from the content type.
    pub encoding: BodyEncoding,
    pub schema: Schema,
    pub required: bool,
    pub description: Option<String>,
    pub examples: Vec<Example>,
}

/// How a request body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyEncoding {
    /// `application/json` (or `+json`): the value serialized.
    Json,
    /// `multipart/form-data`: an object whose fields are text and files
    /// ([`Type::File`]), one part each.
    Form,
    /// Any other type (`application/octet-stream`): the bytes as they are.
    Bytes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Code(u16),
    /// Any status the spec does not list.
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Status,
    pub description: String,
    pub body: Option<ResponseBody>,
    /// Response headers, in spec order.
    pub headers: Vec<ResponseHeader>,
    pub examples: Vec<Example>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        matches!(self.status, Status::Code(c) if (200..300).contains(&c))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    pub content_type: String,
    pub schema: Schema,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    pub name: String,
    pub description: Option<String>,
    pub schema: Schema,
}

/// A documented example value.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub name: String,
    /// Where the example is written (a JSON pointer).
    pub origin: String,
    pub summary: Option<String>,
    pub value: serde_json::Value,
}

/// Offset/limit paging (`x-pagination`), checked against the operation:
/// both parameters exist in the query, and both fields in the success body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub offset_param: String,
    pub limit_param: String,
    pub items_field: String,
    pub total_field: Option<String>,
}
