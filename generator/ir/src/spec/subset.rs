//! The OpenAPI 3.0 subset the generator supports, checked on the raw JSON.
//!
//! `openapiv3` silently drops keys it does not model and accepts constructs
//! (`allOf`, callbacks, cookie parameters, …) that this generator cannot turn
//! into code. Walking the raw document first lets every such key be refused
//! by name, at its JSON pointer, and lets all of them be reported at once.

use super::extensions::{self, Place};
use super::v31::Version;
use crate::diagnostics::{pointer, Diagnostics};
use serde_json::{Map, Value};

/// Checks `doc` against the supported subset, reporting every problem. A
/// 3.1 document is checked in its 3.0 form (see [`super::v31`]), with what
/// 3.1 adds beside it.
pub(super) fn check(doc: &Value, version: Version, diagnostics: &mut Diagnostics) {
    Walker {
        strict: diagnostics.is_strict(),
        d: diagnostics,
        version,
    }
    .root(doc);
}

/// The version `doc` declares, or `None` (reported) when it is missing or
/// not one this generator reads.
pub(super) fn version(doc: &Value, d: &mut Diagnostics) -> Option<Version> {
    const READ: &str = "this generator reads 3.0.x and 3.1.x";
    match doc.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0.") => Some(Version::V30),
        Some(Value::String(v)) if v.starts_with("3.1.") => Some(Version::V31),
        Some(Value::String(v)) => {
            d.error_at(
                "/openapi",
                format!("OpenAPI version `{v}` is not supported; {READ}"),
            );
            None
        }
        Some(_) => {
            d.error_at(
                "/openapi",
                "`openapi` must be a version string such as \"3.0.3\" or \"3.1.0\"",
            );
            None
        }
        None if doc.is_object() => {
            d.error_at("", format!("missing `openapi`: {READ} documents"));
            None
        }
        None => None,
    }
}

/// A key that OpenAPI allows but the generator does not support, with why.
type Refused = (&'static str, &'static str);

const COMPOSITION: &str = "schema composition is not supported; write the object out";

struct Walker<'a> {
    d: &'a mut Diagnostics,
    version: Version,
    /// Unknown `x-` extensions are errors (OpenAPI allows them, and
    /// otherwise they are ignored).
    strict: bool,
}

/// Annotations a 3.1 schema may write beside `$ref` that the resolver reads
/// for the place that refers (3.0 ignores every sibling; a description is
/// still harmless there).
const REF_ANNOTATIONS_31: &[&str] = &["title", "deprecated", "readOnly", "writeOnly"];

/// The JSON kind a keyword's value must have.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    Bool,
    /// A non-negative integer.
    Count,
    Number,
    Array,
    Object,
}

/// Value kinds of keywords that mean the same everywhere they appear.
/// (`required` differs: a boolean on parameters, a list on schemas.)
const KINDS: &[(&str, Kind)] = &[
    ("openapi", Kind::Str),
    ("title", Kind::Str),
    ("version", Kind::Str),
    ("description", Kind::Str),
    ("summary", Kind::Str),
    ("operationId", Kind::Str),
    ("name", Kind::Str),
    ("in", Kind::Str),
    ("url", Kind::Str),
    ("pattern", Kind::Str),
    ("format", Kind::Str),
    ("$comment", Kind::Str),
    ("style", Kind::Str),
    ("deprecated", Kind::Bool),
    ("nullable", Kind::Bool),
    ("explode", Kind::Bool),
    ("uniqueItems", Kind::Bool),
    ("readOnly", Kind::Bool),
    ("writeOnly", Kind::Bool),
    ("exclusiveMinimum", Kind::Bool),
    ("exclusiveMaximum", Kind::Bool),
    ("minLength", Kind::Count),
    ("maxLength", Kind::Count),
    ("minItems", Kind::Count),
    ("maxItems", Kind::Count),
    ("minProperties", Kind::Count),
    ("maxProperties", Kind::Count),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
    ("enum", Kind::Array),
    ("tags", Kind::Array),
    ("servers", Kind::Array),
    ("security", Kind::Array),
    // Objects the walker descends into report their own kind; these it does not.
    ("variables", Kind::Object),
    ("headers", Kind::Object),
    ("schemas", Kind::Object),
];

impl Walker<'_> {
    fn root(&mut self, doc: &Value) {
        let Some(obj) = self.object(doc, "", "the document") else {
            return;
        };
        if !obj.contains_key("paths") {
            self.d.error_at("", "missing `paths`");
        }
        if !obj.contains_key("info") {
            self.d.error_at("", "missing `info`");
        }
        let allowed = self.with_31(
            &[
                "openapi",
                "info",
                "servers",
                "paths",
                "components",
                "security",
                "tags",
                "externalDocs",
            ],
            &["jsonSchemaDialect", "webhooks"],
        );
        self.keys(
            "",
            obj,
            "the document",
            None,
            &allowed,
            &[(
                "webhooks",
                "webhooks are OpenAPI 3.1 (this document declares 3.0)",
            )],
        );
        if let Some(info) = obj.get("info") {
            self.info(info);
        }
        for (i, server) in array_items(obj.get("servers")) {
            self.server(server, &pointer("/servers", i));
        }
        if let Some(paths) = obj.get("paths") {
            self.paths(paths);
        }
        if let Some(components) = obj.get("components") {
            self.components(components);
        }
    }

    fn info(&mut self, info: &Value) {
        let Some(obj) = self.object(info, "/info", "`info`") else {
            return;
        };
        let allowed = self.with_31(
            &[
                "title",
                "version",
                "description",
                "termsOfService",
                "contact",
                "license",
            ],
            &["summary"],
        );
        self.keys("/info", obj, "`info`", Some(Place::Info), &allowed, &[]);
    }

    fn server(&mut self, server: &Value, at: &str) {
        let Some(obj) = self.object(server, at, "a server") else {
            return;
        };
        self.keys(
            at,
            obj,
            "a server",
            None,
            &["url", "description", "variables"],
            &[],
        );
        if let Some(Value::Object(vars)) = obj.get("variables") {
            for (name, var) in vars {
                let at = pointer(&pointer(at, "variables"), name);
                if let Some(v) = self.object(var, &at, "a server variable") {
                    self.keys(
                        &at,
                        v,
                        "a server variable",
                        None,
                        &["default", "enum", "description"],
                        &[],
                    );
                }
            }
        }
    }

    fn paths(&mut self, paths: &Value) {
        let Some(obj) = self.object(paths, "/paths", "`paths`") else {
            return;
        };
        for (path, item) in obj {
            let at = pointer("/paths", path);
            if path.starts_with("x-") {
                self.unknown_extension(&at, path);
                continue;
            }
            if !path.starts_with('/') {
                self.d
                    .error_at(&at, format!("path `{path}` must start with `/`"));
            }
            self.path_item(item, &at);
        }
    }

    fn path_item(&mut self, item: &Value, at: &str) {
        let Some(obj) = self.object(item, at, "a path item") else {
            return;
        };
        self.keys(
            at,
            obj,
            "a path item",
            Some(Place::PathItem),
            &[
                "get",
                "put",
                "post",
                "delete",
                "patch",
                "head",
                "options",
                "parameters",
                "summary",
                "description",
            ],
            &[
                ("$ref", "path items by reference are not supported"),
                ("trace", "TRACE operations are not supported"),
                ("servers", "per-path servers are not supported"),
            ],
        );
        for method in super::METHODS {
            if let Some(op) = obj.get(method) {
                self.operation(op, &pointer(at, method));
            }
        }
        self.parameters(obj.get("parameters"), at);
    }

    fn operation(&mut self, op: &Value, at: &str) {
        let Some(obj) = self.object(op, at, "an operation") else {
            return;
        };
        self.keys(
            at,
            obj,
            "an operation",
            Some(Place::Operation),
            &[
                "operationId",
                "summary",
                "description",
                "tags",
                "parameters",
                "requestBody",
                "responses",
                "security",
                "deprecated",
                "externalDocs",
            ],
            &[
                ("callbacks", "callbacks are not supported"),
                ("servers", "per-operation servers are not supported"),
            ],
        );
        if !obj.contains_key("responses") {
            self.d.error_at(at, "an operation needs `responses`");
        }
        self.parameters(obj.get("parameters"), at);
        if let Some(body) = obj.get("requestBody") {
            self.request_body(body, &pointer(at, "requestBody"));
        }
        if let Some(responses) = obj.get("responses") {
            let at = pointer(at, "responses");
            if let Some(map) = self.object(responses, &at, "`responses`") {
                for (status, response) in map {
                    let at = pointer(&at, status);
                    if status.starts_with("x-") {
                        self.unknown_extension(&at, status);
                    } else {
                        self.response(response, &at);
                    }
                }
            }
        }
    }

    fn parameters(&mut self, list: Option<&Value>, at: &str) {
        let at = pointer(at, "parameters");
        if list.is_some_and(|v| !v.is_array()) {
            self.d.error_at(&at, "`parameters` must be an array");
        }
        for (i, p) in array_items(list) {
            self.parameter(p, &pointer(&at, i));
        }
    }

    fn parameter(&mut self, p: &Value, at: &str) {
        let Some(obj) = self.object(p, at, "a parameter") else {
            return;
        };
        if self.reference(obj, at) {
            return;
        }
        self.keys(
            at,
            obj,
            "a parameter",
            Some(Place::Parameter),
            &[
                "name",
                "in",
                "required",
                "description",
                "schema",
                "style",
                "explode",
                "deprecated",
                "example",
                "examples",
            ],
            &[
                (
                    "content",
                    "parameters with `content` are not supported; use `schema`",
                ),
                ("allowEmptyValue", "`allowEmptyValue` is not supported"),
                ("allowReserved", "`allowReserved` is not supported"),
            ],
        );
        match obj.get("in").and_then(Value::as_str) {
            Some("path" | "query" | "header") => {}
            Some("cookie") => self
                .d
                .error_at(&pointer(at, "in"), "cookie parameters are not supported"),
            Some(other) => self.d.error_at(
                &pointer(at, "in"),
                format!("`in: {other}` is not a parameter location (path, query or header)"),
            ),
            None => self
                .d
                .error_at(at, "a parameter needs `in` (path, query or header)"),
        }
        if let Some(schema) = obj.get("schema") {
            self.schema(schema, &pointer(at, "schema"));
        } else {
            self.d.error_at(at, "a parameter needs a `schema`");
        }
        self.examples(obj.get("examples"), at);
    }

    fn request_body(&mut self, body: &Value, at: &str) {
        let Some(obj) = self.object(body, at, "a request body") else {
            return;
        };
        if self.reference(obj, at) {
            return;
        }
        self.keys(
            at,
            obj,
            "a request body",
            None,
            &["description", "content", "required"],
            &[],
        );
        self.content(obj.get("content"), at);
    }

    fn response(&mut self, response: &Value, at: &str) {
        let Some(obj) = self.object(response, at, "a response") else {
            return;
        };
        if self.reference(obj, at) {
            return;
        }
        self.keys(
            at,
            obj,
            "a response",
            Some(Place::Response),
            &["description", "content", "headers"],
            &[("links", "response links are not supported")],
        );
        self.content(obj.get("content"), at);
        if let Some(Value::Object(headers)) = obj.get("headers") {
            for (name, header) in headers {
                let at = pointer(&pointer(at, "headers"), name);
                let Some(h) = self.object(header, &at, "a response header") else {
                    continue;
                };
                if self.reference(h, &at) {
                    continue;
                }
                self.keys(
                    &at,
                    h,
                    "a response header",
                    None,
                    &["description", "schema", "required", "deprecated"],
                    &[],
                );
                if let Some(schema) = h.get("schema") {
                    self.schema(schema, &pointer(&at, "schema"));
                }
            }
        }
    }

    fn content(&mut self, content: Option<&Value>, at: &str) {
        let Some(content) = content else { return };
        let at = pointer(at, "content");
        let Some(map) = self.object(content, &at, "`content`") else {
            return;
        };
        for (media_type, media) in map {
            let at = pointer(&at, media_type);
            let Some(obj) = self.object(media, &at, "a media type") else {
                continue;
            };
            self.keys(
                &at,
                obj,
                "a media type",
                None,
                &["schema", "example", "examples"],
                &[("encoding", "per-property encodings are not supported")],
            );
            if let Some(schema) = obj.get("schema") {
                self.schema(schema, &pointer(&at, "schema"));
            }
            self.examples(obj.get("examples"), &at);
        }
    }

    fn examples(&mut self, examples: Option<&Value>, at: &str) {
        let Some(examples) = examples else { return };
        let at = pointer(at, "examples");
        let Some(map) = self.object(examples, &at, "`examples`") else {
            return;
        };
        for (name, example) in map {
            let at = pointer(&at, name);
            let Some(obj) = self.object(example, &at, "an example") else {
                continue;
            };
            if self.reference(obj, &at) {
                continue;
            }
            self.keys(
                &at,
                obj,
                "an example",
                None,
                &["summary", "description", "value"],
                &[(
                    "externalValue",
                    "examples by external URL are not supported",
                )],
            );
        }
    }

    fn schema(&mut self, schema: &Value, at: &str) {
        let Some(obj) = self.object(schema, at, "a schema") else {
            return;
        };
        if self.schema_reference(obj, at) {
            return;
        }
        // Annotations, then every keyword of some `type` (`keywords.rs`).
        let mut base = vec![
            "type",
            "title",
            "description",
            "default",
            "nullable",
            "example",
            "deprecated",
            "readOnly",
            "writeOnly",
            "externalDocs",
        ];
        base.extend(super::keywords::typed_keywords());
        let allowed = self.with_31(&base, &["examples", "$comment"]);
        self.keys(
            at,
            obj,
            "a schema",
            Some(Place::Schema),
            &allowed,
            &[
                ("allOf", COMPOSITION),
                ("oneOf", COMPOSITION),
                ("anyOf", COMPOSITION),
                ("not", "`not` schemas are not supported"),
                ("discriminator", "discriminators are not supported"),
                ("xml", "XML bodies are not supported"),
                (
                    "const",
                    "`const` is OpenAPI 3.1 (this document declares 3.0); use a one-value `enum`",
                ),
                (
                    "examples",
                    "a list of examples is OpenAPI 3.1 (this document declares 3.0); use `example`",
                ),
                ("if", "`if`/`then` is not supported; use `x-required-when`"),
                (
                    "$defs",
                    "`$defs` is not supported; use `components/schemas`",
                ),
                (
                    "prefixItems",
                    "tuples (`prefixItems`) are not supported; use `items` with one schema",
                ),
                (
                    "patternProperties",
                    "`patternProperties` is not supported; use `additionalProperties`",
                ),
                (
                    "unevaluatedProperties",
                    "`unevaluatedProperties` is not supported; use `additionalProperties`",
                ),
                (
                    "dependentRequired",
                    "`dependentRequired` is not supported; use `x-required-when`",
                ),
            ],
        );
        if self.version == Version::V31 {
            if let Some(examples) = obj.get("examples") {
                if !examples.is_array() {
                    self.d.error_at(
                        &pointer(at, "examples"),
                        format!(
                            "a schema's `examples` must be a list, not {}",
                            kind(examples)
                        ),
                    );
                }
            }
        }
        match obj.get("type") {
            None | Some(Value::String(_)) => {}
            Some(Value::Array(_)) => self.d.error_at(
                &pointer(at, "type"),
                "a list of types is OpenAPI 3.1 (this document declares 3.0); write one type (and `nullable: true` for null)",
            ),
            Some(_) => self
                .d
                .error_at(&pointer(at, "type"), "`type` must be a string"),
        }
        if let Some(Value::String(t)) = obj.get("type") {
            if !["string", "integer", "number", "boolean", "array", "object"].contains(&t.as_str())
            {
                self.d.error_at(
                    &pointer(at, "type"),
                    format!("`{t}` is not a supported type"),
                );
            }
            if t == "array" && !obj.contains_key("items") {
                self.d.error_at(at, "an array schema needs `items`");
            }
        }
        if let Some(items) = obj.get("items") {
            self.schema(items, &pointer(at, "items"));
        }
        if let Some(props) = obj.get("properties") {
            let props_at = pointer(at, "properties");
            if let Some(map) = self.object(props, &props_at, "`properties`") {
                for (name, prop) in map {
                    self.schema(prop, &pointer(&props_at, name));
                }
            }
        }
        if let Some(additional) = obj.get("additionalProperties") {
            if !additional.is_boolean() {
                self.schema(additional, &pointer(at, "additionalProperties"));
            }
        }
    }

    fn components(&mut self, components: &Value) {
        let at = "/components";
        let Some(obj) = self.object(components, at, "`components`") else {
            return;
        };
        self.keys(
            at,
            obj,
            "`components`",
            None,
            &[
                "schemas",
                "parameters",
                "requestBodies",
                "responses",
                "securitySchemes",
                "examples",
                "headers",
            ],
            &[
                ("callbacks", "callbacks are not supported"),
                ("links", "response links are not supported"),
                (
                    "pathItems",
                    "path items in `components` are not supported; write them under `paths`",
                ),
            ],
        );
        for (name, schema) in entries(obj.get("schemas")) {
            self.schema(schema, &pointer(&pointer(at, "schemas"), name));
        }
        for (name, p) in entries(obj.get("parameters")) {
            self.parameter(p, &pointer(&pointer(at, "parameters"), name));
        }
        for (name, b) in entries(obj.get("requestBodies")) {
            self.request_body(b, &pointer(&pointer(at, "requestBodies"), name));
        }
        for (name, r) in entries(obj.get("responses")) {
            self.response(r, &pointer(&pointer(at, "responses"), name));
        }
        for (name, s) in entries(obj.get("securitySchemes")) {
            self.security_scheme(s, &pointer(&pointer(at, "securitySchemes"), name));
        }
    }

    fn security_scheme(&mut self, scheme: &Value, at: &str) {
        let Some(obj) = self.object(scheme, at, "a security scheme") else {
            return;
        };
        self.keys(
            at,
            obj,
            "a security scheme",
            Some(Place::SecurityScheme),
            &["type", "name", "in", "description"],
            &[
                (
                    "scheme",
                    "HTTP authentication schemes are not supported; use `apiKey`",
                ),
                (
                    "bearerFormat",
                    "HTTP authentication schemes are not supported; use `apiKey`",
                ),
                ("flows", "OAuth 2 flows are not supported"),
                ("openIdConnectUrl", "OpenID Connect is not supported"),
            ],
        );
        match obj.get("type").and_then(Value::as_str) {
            Some("apiKey") => {}
            Some(other) => self.d.error_at(
                &pointer(at, "type"),
                format!("security scheme type `{other}` is not supported; use `apiKey` (a token or a signed header)"),
            ),
            None => self.d.error_at(at, "a security scheme needs `type`"),
        }
        if obj
            .get("in")
            .and_then(Value::as_str)
            .is_some_and(|i| i != "header")
        {
            self.d
                .error_at(&pointer(at, "in"), "only header API keys are supported");
        }
    }

    /// Checks a schema that may be a `{"$ref": …}`. Returns whether it is one.
    /// 3.1 lets a schema reference carry annotations of its own.
    fn schema_reference(&mut self, obj: &Map<String, Value>, at: &str) -> bool {
        let annotations = match self.version {
            Version::V30 => &[][..],
            Version::V31 => REF_ANNOTATIONS_31,
        };
        self.reference_with(obj, at, annotations)
    }

    /// Checks a `{"$ref": …}` object. Returns whether `obj` is one.
    fn reference(&mut self, obj: &Map<String, Value>, at: &str) -> bool {
        self.reference_with(obj, at, &[])
    }

    fn reference_with(&mut self, obj: &Map<String, Value>, at: &str, annotations: &[&str]) -> bool {
        let Some(target) = obj.get("$ref") else {
            return false;
        };
        match target.as_str() {
            Some(t) if t.starts_with("#/components/") => {}
            Some(t) => self.d.error_at(
                &pointer(at, "$ref"),
                format!("`{t}`: only references into this file's `#/components/` are supported"),
            ),
            None => self
                .d
                .error_at(&pointer(at, "$ref"), "`$ref` must be a string"),
        }
        for key in obj.keys() {
            // OpenAPI 3.0 ignores siblings of `$ref`; a description is harmless.
            let harmless = ["$ref", "description", "summary"].contains(&key.as_str());
            if harmless || annotations.contains(&key.as_str()) {
                continue;
            }
            let why = match self.version {
                Version::V30 => "is ignored by OpenAPI 3.0",
                Version::V31 => "is not read: a reference stands for the referenced schema as it is (beside it: description, title, deprecated, readOnly, writeOnly)",
            };
            self.d.error_at(
                &pointer(at, key),
                format!("`{key}` beside `$ref` {why}; move it into the referenced object"),
            );
        }
        true
    }

    /// `base`, and `added` too in a 3.1 document.
    fn with_31<'k>(&self, base: &[&'k str], added: &[&'k str]) -> Vec<&'k str> {
        let mut keys = base.to_vec();
        if self.version == Version::V31 {
            keys.extend_from_slice(added);
        }
        keys
    }

    /// Checks every key of `obj`: allowed, refused with a reason, a known
    /// extension in its place, or unknown.
    fn keys(
        &mut self,
        at: &str,
        obj: &Map<String, Value>,
        what: &str,
        place: Option<Place>,
        allowed: &[&str],
        refused: &[Refused],
    ) {
        for (key, value) in obj {
            let key_at = pointer(at, key);
            self.kind_of(&key_at, key, value, place);
            if key.starts_with("x-") {
                match (extensions::lookup(key), place) {
                    (Some(ext), Some(place)) if ext.places.contains(&place) => {}
                    (Some(ext), _) => self.d.error_at(
                        &key_at,
                        format!(
                            "`{key}` is not allowed on {what}; it belongs on {}",
                            places(ext.places)
                        ),
                    ),
                    (None, _) => self.unknown_extension(&key_at, key),
                }
            } else if allowed.contains(&key.as_str()) {
            } else if let Some((_, why)) = refused.iter().find(|(k, _)| k == key) {
                self.d
                    .error_at(&key_at, format!("`{key}` on {what}: {why}"));
            } else {
                self.d
                    .error_at(&key_at, format!("unknown key `{key}` on {what}"));
            }
        }
    }

    /// Checks that `key`'s value has the JSON kind the keyword needs, so a
    /// wrong value is reported at its own location (the typed parser can
    /// only say which top-level section it was in).
    fn kind_of(&mut self, at: &str, key: &str, value: &Value, place: Option<Place>) {
        let expected = match key {
            "required" if place == Some(Place::Schema) => Kind::Array,
            "required" => Kind::Bool,
            "default" | "example" | "value" | "type" => return,
            _ => match KINDS.iter().find(|(k, _)| *k == key) {
                Some((_, kind)) => *kind,
                None => return,
            },
        };
        let (ok, wanted) = match expected {
            Kind::Str => (value.is_string(), "a string"),
            Kind::Bool => (value.is_boolean(), "a boolean"),
            Kind::Count => (value.is_u64(), "a whole number, 0 or more"),
            Kind::Number => (value.is_number(), "a number"),
            Kind::Array => (value.is_array(), "an array"),
            Kind::Object => (value.is_object(), "an object"),
        };
        if !ok {
            self.d
                .error_at(at, format!("`{key}` must be {wanted}, not {}", kind(value)));
        }
    }

    fn unknown_extension(&mut self, at: &str, name: &str) {
        if !self.strict {
            // Ignored (OpenAPI allows any), unless it looks like a misspelt
            // one the generator reads: then it would be lost unnoticed.
            if let Some(known) = extensions::misspelt(name) {
                self.d.warning_at(
                    at,
                    format!("unknown extension `{name}` is ignored; did you mean `{known}`?"),
                );
            }
            return;
        }
        self.d.error_at(
            at,
            format!("unknown extension `{name}`: the generator would ignore it (spec/README.md lists the supported ones)"),
        );
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        at: &str,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(obj) => Some(obj),
            other => {
                self.d.error_at(
                    at,
                    format!("{what} must be a JSON object, not {}", kind(other)),
                );
                None
            }
        }
    }
}

fn array_items(value: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

fn places(places: &[Place]) -> String {
    let names: Vec<&str> = places
        .iter()
        .map(|p| match p {
            Place::Info => "`info`",
            Place::PathItem => "a path item",
            Place::Operation => "an operation",
            Place::Parameter => "a parameter",
            Place::Schema => "a schema",
            Place::Response => "a response",
            Place::SecurityScheme => "a security scheme",
        })
        .collect();
    names.join(" or ")
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
