//! Operations: paths, parameters, bodies, responses, security and paging.

use super::{component_ref, placeholders, LooseExample, Resolver};
use crate::diagnostics::pointer;
use crate::ir::{
    ArrayStyle, AuthScheme, BodyEncoding, Example, Method, Operation, Pagination, Param,
    ParamLocation, RequestBody, Response, ResponseBody, ResponseHeader, Schema, Status, Type,
    WireReplace,
};
use crate::limits::MAX_PARAMETERS;
use crate::names;
use crate::spec::extensions;
use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, StatusCode,
};
use std::collections::HashMap;

impl Resolver<'_> {
    pub(super) fn operations(&mut self, auth: &[AuthScheme]) -> Vec<Operation> {
        let openapi = &self.doc.openapi;
        let mut operations = Vec::new();
        let mut seen_ids: HashMap<String, String> = HashMap::new();
        for (path, item) in &openapi.paths.paths {
            let path_at = pointer("/paths", path);
            let ReferenceOr::Item(item) = item else {
                self.d
                    .error_at(&path_at, "path items by reference are not supported");
                continue;
            };
            let methods = [
                (Method::Get, "get", &item.get),
                (Method::Put, "put", &item.put),
                (Method::Post, "post", &item.post),
                (Method::Patch, "patch", &item.patch),
                (Method::Delete, "delete", &item.delete),
                (Method::Head, "head", &item.head),
                (Method::Options, "options", &item.options),
            ];
            // The vendor's documents key path items by operation and give
            // the real path in `x-url` (spec/vendor.rs).
            let real_path = match item.extensions.get("x-url") {
                Some(serde_json::Value::String(url)) => crate::spec::vendor::url_path(url),
                _ => path.clone(),
            };
            let path = &real_path;
            for (method, key, op) in methods {
                let Some(op) = op else { continue };
                let at = pointer(&path_at, key);
                let Some(id) = op.operation_id.clone().filter(|id| !id.trim().is_empty()) else {
                    self.d.error_at(
                        &at,
                        "the operation has no `operationId`: the generator names the call after it",
                    );
                    continue;
                };
                let rust_name = names::type_name(&id);
                if let Some(other) = seen_ids.insert(rust_name.clone(), at.clone()) {
                    self.d.error_at(
                        &pointer(&at, "operationId"),
                        format!("operationId `{id}` is used twice (also at {other}), or names the same Rust type as another"),
                    );
                }
                let op =
                    self.operation(id, method, path, &path_at, &item.parameters, op, &at, auth);
                operations.push(op);
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        id: String,
        method: Method,
        path: &str,
        path_at: &str,
        shared: &[ReferenceOr<Parameter>],
        op: &openapiv3::Operation,
        at: &str,
        auth: &[AuthScheme],
    ) -> Operation {
        let hint = names::type_name(&id);
        let mut params: Vec<Param> = Vec::new();
        let count = shared.len() + op.parameters.len();
        if count > MAX_PARAMETERS {
            self.d.error_at(
                at,
                format!("{count} parameters; an operation may have at most {MAX_PARAMETERS}"),
            );
        }
        let shared = shared
            .iter()
            .enumerate()
            .map(|(i, p)| (p, pointer(&pointer(path_at, "parameters"), i)));
        let own = op
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, pointer(&pointer(at, "parameters"), i)));
        for (from_path_item, (param, param_at)) in shared
            .map(|x| (true, x))
            .chain(own.map(|x| (false, x)))
            .take(MAX_PARAMETERS)
        {
            let Some(param) = self.parameter(param, &param_at, &hint) else {
                continue;
            };
            match params
                .iter()
                .position(|p| p.name == param.name && p.location == param.location)
            {
                // An operation's parameter overrides the path item's.
                Some(i) if !from_path_item => params[i] = param,
                Some(_) => self.d.error_at(
                    &param_at,
                    format!("parameter `{}` is declared twice", param.name),
                ),
                None => params.push(param),
            }
        }
        self.check_path_template(path, path_at, &mut params, at);

        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.request_body(b, &pointer(at, "requestBody"), &hint));
        let responses = self.responses(&op.responses, &pointer(at, "responses"), &hint);
        let security = self.security(op, at, auth);
        let pagination =
            extensions::read::<extensions::Pagination>(&op.extensions, "x-pagination", at, self.d);
        let pagination = pagination.and_then(|p| self.pagination(p, &params, &responses, at));

        Operation {
            id,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            tags: op.tags.clone(),
            deprecated: op.deprecated,
            params,
            body,
            responses,
            security,
            pagination,
            names: Default::default(),
        }
    }

    fn parameter(
        &mut self,
        param: &ReferenceOr<Parameter>,
        at: &str,
        op_hint: &str,
    ) -> Option<Param> {
        let (param, at, hint) = match param {
            ReferenceOr::Item(p) => (p, at.to_owned(), None),
            ReferenceOr::Reference { reference } => {
                let Some(name) = component_ref(reference, "parameters") else {
                    self.d.error_at(
                        &pointer(at, "$ref"),
                        format!("`{reference}` does not point at `#/components/parameters/…`"),
                    );
                    return None;
                };
                let target = self
                    .doc
                    .openapi
                    .components
                    .as_ref()
                    .and_then(|c| c.parameters.get(&name));
                match target {
                    Some(ReferenceOr::Item(p)) => (
                        p,
                        pointer("/components/parameters", &name),
                        Some(names::type_name(&name)),
                    ),
                    Some(ReferenceOr::Reference { .. }) => {
                        self.d.error_at(at, format!("`{reference}` is itself a reference; point at the parameter directly"));
                        return None;
                    }
                    None => {
                        self.d.error_at(
                            &pointer(at, "$ref"),
                            format!("`{reference}` does not exist"),
                        );
                        return None;
                    }
                }
            }
        };
        // A Swagger 2.0 body or form parameter, read into the body.
        let data = match param {
            Parameter::Path { parameter_data, .. }
            | Parameter::Header { parameter_data, .. }
            | Parameter::Query { parameter_data, .. }
            | Parameter::Cookie { parameter_data, .. } => parameter_data,
        };
        if data.extensions.contains_key(crate::spec::MOVED_TO_BODY) {
            return None;
        }
        let (location, data, array_style) = match param {
            Parameter::Path { parameter_data, .. } => (
                ParamLocation::Path,
                parameter_data,
                ArrayStyle::CommaSeparated,
            ),
            Parameter::Header { parameter_data, .. } => (
                ParamLocation::Header,
                parameter_data,
                ArrayStyle::CommaSeparated,
            ),
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => {
                if !matches!(style, QueryStyle::Form) {
                    self.d.error_at(
                        &pointer(&at, "style"),
                        "only `style: form` is supported for query parameters",
                    );
                }
                let style = if parameter_data.explode.unwrap_or(true) {
                    ArrayStyle::Repeated
                } else {
                    ArrayStyle::CommaSeparated
                };
                (ParamLocation::Query, parameter_data, style)
            }
            Parameter::Cookie { .. } => {
                self.d.error_at(&at, "cookie parameters are not supported");
                return None;
            }
        };
        // A shared parameter's inline types are named after the component, so
        // every operation using it gets the same Rust type.
        let hint = hint.unwrap_or_else(|| format!("{op_hint}{}", names::type_name(&data.name)));
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => self.schema(s, &pointer(&at, "schema"), &hint),
            ParameterSchemaOrContent::Content(_) => {
                self.d.error_at(
                    &at,
                    "parameters with `content` are not supported; use `schema`",
                );
                return None;
            }
        };
        self.check_param_type(&schema, &data.name, &at);
        let what = format!("{} parameter `{}`", location.as_str(), data.name);
        if let Some(example) = &data.example {
            self.examples.push(LooseExample {
                origin: pointer(&at, "example"),
                what: format!("the example of {what}"),
                value: example.clone(),
                schema: schema.clone(),
            });
        }
        for (name, example) in &data.examples {
            // A referenced example is checked where it is used in a body;
            // here only the ones written in place.
            if let ReferenceOr::Item(openapiv3::Example {
                value: Some(value), ..
            }) = example
            {
                self.examples.push(LooseExample {
                    origin: pointer(&pointer(&at, "examples"), name),
                    what: format!("example `{name}` of {what}"),
                    value: value.clone(),
                    schema: schema.clone(),
                });
            }
        }
        if location == ParamLocation::Path && !data.required {
            self.d.error_at(
                &at,
                format!("path parameter `{}` must have `required: true`", data.name),
            );
        }
        let auto_filled =
            extensions::read::<bool>(&data.extensions, "x-sdk-auto-filled", &at, self.d)
                .unwrap_or(false);
        let wire_replace: Vec<WireReplace> = extensions::read::<Vec<extensions::WireReplace>>(
            &data.extensions,
            "x-wire-replace",
            &at,
            self.d,
        )
        .unwrap_or_default()
        .into_iter()
        .map(|r| WireReplace {
            from: r.from,
            to: r.to,
        })
        .collect();
        if wire_replace.iter().any(|r| r.from.is_empty()) {
            self.d
                .error_at(&pointer(&at, "x-wire-replace"), "`from` must not be empty");
        }
        Some(Param {
            name: data.name.clone(),
            location,
            required: data.required,
            description: data.description.clone(),
            schema,
            array_style,
            auto_filled,
            wire_replace,
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    /// Parameters are scalars, enums, or arrays of them.
    fn check_param_type(&mut self, schema: &Schema, name: &str, at: &str) {
        let scalar =
            |ty: &Type, types: &std::collections::BTreeMap<String, crate::ir::NamedType>| match ty {
                Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean => true,
                Type::Named(n) => types
                    .get(n)
                    .is_some_and(|t| !matches!(t.kind, crate::ir::NamedKind::Struct(_))),
                _ => false,
            };
        let ok = match &schema.ty {
            Type::Array(a) => scalar(&a.items.ty, &self.types),
            ty => scalar(ty, &self.types),
        };
        if !ok {
            self.d.error_at(
                &pointer(at, "schema"),
                format!("parameter `{name}` must be a string, number, boolean, enum, or an array of those"),
            );
        }
    }

    fn check_path_template(
        &mut self,
        path: &str,
        path_at: &str,
        params: &mut Vec<Param>,
        at: &str,
    ) {
        let in_template = placeholders(path);
        for name in &in_template {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.name == *name)
            {
                self.d.error_at(at, format!("the path has `{{{name}}}` but the operation declares no path parameter `{name}`"));
            }
        }
        params.retain(|p| {
            let unused =
                p.location == ParamLocation::Path && !in_template.contains(&p.name.as_str());
            if unused {
                self.d.repaired_at(
                    at,
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`: dropped",
                        p.name
                    ),
                );
            }
            !unused
        });
        if path.matches('{').count() != path.matches('}').count() {
            self.d.error_at(path_at, "the path has unbalanced `{` `}`");
        }
    }

    fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        at: &str,
        op_hint: &str,
    ) -> Option<RequestBody> {
        let (body, at) = match body {
            ReferenceOr::Item(b) => (b, at.to_owned()),
            ReferenceOr::Reference { reference } => {
                let name = component_ref(reference, "requestBodies");
                let target = name.as_ref().and_then(|n| {
                    self.doc
                        .openapi
                        .components
                        .as_ref()
                        .and_then(|c| c.request_bodies.get(n))
                });
                match (name, target) {
                    (Some(name), Some(ReferenceOr::Item(b))) => {
                        (b, pointer("/components/requestBodies", &name))
                    }
                    _ => {
                        self.d.error_at(&pointer(at, "$ref"), format!("`{reference}` is not a request body in `#/components/requestBodies`"));
                        return None;
                    }
                }
            }
        };
        let (content_type, media) = self.pick_media(
            &body.content,
            &at,
            &["multipart/form-data", "application/octet-stream"],
        )?;
        let encoding = BodyEncoding::of(&content_type);
        let media_at = pointer(&pointer(&at, "content"), &content_type);
        let schema = match &media.schema {
            Some(s) => self.schema(
                s,
                &pointer(&media_at, "schema"),
                &format!("{op_hint}RequestBody"),
            ),
            None => {
                self.d
                    .error_at(&media_at, "a request body needs a `schema`");
                return None;
            }
        };
        let examples = self.examples(media, &media_at);
        let mut schema = schema;
        if encoding == BodyEncoding::Bytes && schema.ty != Type::Binary {
            self.d.repaired_at(
                &pointer(&media_at, "schema"),
                format!("the `{content_type}` body is sent as it is: read as bytes (the schema describes their content)"),
            );
            schema.ty = Type::Binary;
        }
        Some(RequestBody {
            content_type,
            encoding,
            schema,
            required: body.required,
            description: body.description.clone(),
            examples,
        })
    }

    /// Chooses the media type to use: JSON if offered, else one of `others`.
    fn pick_media<'m>(
        &mut self,
        content: &'m IndexMap<String, MediaType>,
        at: &str,
        others: &[&str],
    ) -> Option<(String, &'m MediaType)> {
        let chosen = content
            .iter()
            .find(|(ct, _)| crate::ir::is_json(ct))
            .or_else(|| {
                content
                    .iter()
                    .find(|(ct, _)| others.contains(&crate::ir::essence(ct).as_str()))
            })
            .or_else(|| {
                // Any other type but XML is bytes, sent or read as they are.
                let chosen = content.iter().find(|(ct, _)| !is_xml(ct))?;
                self.d.repaired_at(
                    &pointer(&pointer(at, "content"), chosen.0),
                    format!(
                        "`{}` is read as bytes, sent or received as they are",
                        chosen.0
                    ),
                );
                Some(chosen)
            });
        match chosen {
            Some((ct, media)) => {
                for other in content.keys().filter(|k| *k != ct) {
                    self.d.warning_at(
                        &pointer(&pointer(at, "content"), other),
                        format!("`{other}` is ignored: the client sends and reads `{ct}`"),
                    );
                }
                Some((ct.clone(), media))
            }
            None if content.is_empty() => None,
            None => {
                let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                self.d.error_at(
                    &pointer(at, "content"),
                    format!("no supported media type in {listed:?} (JSON, or one of {others:?})"),
                );
                None
            }
        }
    }

    fn responses(
        &mut self,
        responses: &openapiv3::Responses,
        at: &str,
        op_hint: &str,
    ) -> Vec<Response> {
        let mut out = Vec::new();
        let listed = responses
            .responses
            .iter()
            .map(|(code, r)| (Some(code), r))
            .chain(responses.default.iter().map(|r| (None, r)));
        for (code, response) in listed {
            let (status, key) = match code {
                Some(StatusCode::Code(c)) => (Status::Code(*c), c.to_string()),
                Some(StatusCode::Range(r)) => {
                    self.d.error_at(
                        &pointer(at, format!("{r}XX")),
                        "status code ranges are not supported; list each status",
                    );
                    continue;
                }
                None => (Status::Default, "default".to_owned()),
            };
            if let Status::Code(c) = status {
                if !(100..=599).contains(&c) {
                    self.d.error_at(
                        &pointer(at, &key),
                        format!("`{c}` is not an HTTP status code"),
                    );
                    continue;
                }
            }
            let response_at = pointer(at, &key);
            if let Some(r) = self.response(
                response,
                &response_at,
                status,
                &format!("{op_hint}Response{key}"),
            ) {
                out.push(r);
            }
        }
        // An answer below 400 is what the call gives back (`Answers`); a
        // 300 listing versions is one too.
        if !out
            .iter()
            .any(|r| matches!(r.status, Status::Code(code) if code < 400))
        {
            self.d.error_at(
                at,
                "the operation documents no answer below 400 (no success)",
            );
        }
        out.sort_by_key(|r| r.status);
        out
    }

    fn response(
        &mut self,
        response: &ReferenceOr<openapiv3::Response>,
        at: &str,
        status: Status,
        hint: &str,
    ) -> Option<Response> {
        let (response, at) = match response {
            ReferenceOr::Item(r) => (r, at.to_owned()),
            ReferenceOr::Reference { reference } => {
                let name = component_ref(reference, "responses");
                let target = name.as_ref().and_then(|n| {
                    self.doc
                        .openapi
                        .components
                        .as_ref()
                        .and_then(|c| c.responses.get(n))
                });
                match (name, target) {
                    (Some(name), Some(ReferenceOr::Item(r))) => {
                        (r, pointer("/components/responses", &name))
                    }
                    _ => {
                        self.d.error_at(
                            &pointer(at, "$ref"),
                            format!("`{reference}` is not a response in `#/components/responses`"),
                        );
                        return None;
                    }
                }
            }
        };
        let mut body = None;
        let mut examples = Vec::new();
        if let Some((content_type, media)) =
            self.pick_media(&response.content, &at, &["application/octet-stream"])
        {
            let media_at = pointer(&pointer(&at, "content"), &content_type);
            let schema = match &media.schema {
                Some(s) => self.schema(s, &pointer(&media_at, "schema"), hint),
                None => Schema {
                    ty: Type::Any,
                    description: None,
                    nullable: false,
                    default: None,
                    secret: false,
                    origin: media_at.clone(),
                },
            };
            examples = self.examples(media, &media_at);
            let mut schema = schema;
            if !crate::ir::is_json(&content_type) && schema.ty != Type::Binary {
                self.d.repaired_at(
                    &pointer(&media_at, "schema"),
                    format!("the `{content_type}` answer is not JSON: read as bytes (the schema describes their content)"),
                );
                schema.ty = Type::Binary;
            }
            body = Some(ResponseBody {
                content_type,
                schema,
            });
        }
        let mut headers = Vec::new();
        for (name, header) in &response.headers {
            let header_at = pointer(&pointer(&at, "headers"), name);
            let ReferenceOr::Item(header) = header else {
                self.d.error_at(
                    &header_at,
                    "response headers by reference are not supported",
                );
                continue;
            };
            let schema = match &header.format {
                ParameterSchemaOrContent::Schema(s) => self.schema(
                    s,
                    &pointer(&header_at, "schema"),
                    &format!("{hint}{}", names::type_name(name)),
                ),
                ParameterSchemaOrContent::Content(_) => {
                    self.d.error_at(
                        &header_at,
                        "response headers with `content` are not supported",
                    );
                    continue;
                }
            };
            headers.push(ResponseHeader {
                name: name.clone(),
                description: header.description.clone(),
                schema,
            });
        }
        Some(Response {
            status,
            description: response.description.clone(),
            body,
            headers,
            examples,
        })
    }

    fn examples(&mut self, media: &MediaType, at: &str) -> Vec<Example> {
        let mut out = Vec::new();
        if let Some(value) = &media.example {
            out.push(Example {
                name: "example".into(),
                origin: pointer(at, "example"),
                summary: None,
                value: value.clone(),
            });
        }
        for (name, example) in &media.examples {
            let example_at = pointer(&pointer(at, "examples"), name);
            let (example, origin) = match example {
                ReferenceOr::Item(e) => (e, example_at),
                ReferenceOr::Reference { reference } => {
                    let target = component_ref(reference, "examples").and_then(|n| {
                        self.doc
                            .openapi
                            .components
                            .as_ref()
                            .and_then(|c| c.examples.get(&n))
                            .map(|e| (e, pointer("/components/examples", &n)))
                    });
                    match target {
                        Some((ReferenceOr::Item(e), origin)) => (e, origin),
                        _ => {
                            self.d.error_at(
                                &example_at,
                                format!(
                                    "`{reference}` is not an example in `#/components/examples`"
                                ),
                            );
                            continue;
                        }
                    }
                }
            };
            match &example.value {
                Some(value) => out.push(Example {
                    name: name.clone(),
                    origin,
                    summary: example.summary.clone(),
                    value: value.clone(),
                }),
                None => self.d.error_at(&origin, "an example needs a `value`"),
            }
        }
        out
    }

    fn security(
        &mut self,
        op: &openapiv3::Operation,
        at: &str,
        auth: &[AuthScheme],
    ) -> Vec<String> {
        let (requirements, req_at) = match &op.security {
            Some(s) => (s, pointer(at, "security")),
            None => match &self.doc.openapi.security {
                Some(s) => (s, "/security".to_owned()),
                None => return Vec::new(),
            },
        };
        let mut names = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            if requirement.len() > 1 {
                // The generated code never reads security (the runtime signs
                // or sends its token): each scheme is read as one the call
                // accepts.
                self.d.repaired_at(
                    &pointer(&req_at, i),
                    "a requirement names several schemes at once: read as each of them, \
                     the client authenticating with the one it is configured for",
                );
            }
            for name in requirement.keys() {
                let known = auth.iter().any(|a| match a {
                    AuthScheme::Token { scheme, .. } | AuthScheme::Signature { scheme, .. } => {
                        scheme == name
                    }
                });
                if known {
                    names.push(name.clone());
                } else {
                    self.d.repaired_at(&pointer(&req_at, i), format!("security scheme `{name}` is not defined in `components.securitySchemes`: the requirement is dropped"));
                }
            }
        }
        names
    }

    fn pagination(
        &mut self,
        p: extensions::Pagination,
        params: &[Param],
        responses: &[Response],
        at: &str,
    ) -> Option<Pagination> {
        let at = pointer(at, "x-pagination");
        let before = self.d.error_count();
        for name in [&p.offset, &p.limit] {
            match params
                .iter()
                .find(|q| q.location == ParamLocation::Query && q.name == *name)
            {
                Some(q) if q.auto_filled || q.schema.nullable => self.d.error_at(
                    &at,
                    format!("paging parameter `{name}` must be set by the caller and not nullable"),
                ),
                Some(q) if matches!(q.schema.ty, Type::Integer(_)) => {}
                Some(_) => self
                    .d
                    .error_at(&at, format!("paging parameter `{name}` must be an integer")),
                None => self.d.error_at(
                    &at,
                    format!("paging parameter `{name}` is not a query parameter of the operation"),
                ),
            }
        }
        let body = responses
            .iter()
            .find(|r| r.is_success())
            .and_then(|r| r.body.as_ref());
        let fields = match body.map(|b| &b.schema.ty) {
            Some(Type::Named(name)) => match self.types.get(name).map(|t| &t.kind) {
                Some(crate::ir::NamedKind::Struct(s)) => Some(s.fields.clone()),
                _ => None,
            },
            _ => None,
        };
        match fields {
            None => self.d.error_at(
                &at,
                "paging needs a success response whose body is an object",
            ),
            Some(fields) => {
                match fields.iter().find(|f| f.name == p.items) {
                    Some(f) if f.schema.nullable => self.d.error_at(
                        &at,
                        format!("paging items field `{}` must not be nullable", p.items),
                    ),
                    Some(f) if matches!(f.schema.ty, Type::Array(_)) => {}
                    Some(_) => self.d.error_at(
                        &at,
                        format!("paging items field `{}` must be an array", p.items),
                    ),
                    None => self.d.error_at(
                        &at,
                        format!(
                            "paging items field `{}` is not in the success response",
                            p.items
                        ),
                    ),
                }
                if let Some(total) = &p.total {
                    match fields.iter().find(|f| f.name == *total) {
                        Some(f) if f.schema.nullable => self.d.error_at(
                            &at,
                            format!("paging total field `{total}` must not be nullable"),
                        ),
                        Some(f) if matches!(f.schema.ty, Type::Integer(_)) => {}
                        Some(_) => self.d.error_at(
                            &at,
                            format!("paging total field `{total}` must be an integer"),
                        ),
                        None => self.d.error_at(
                            &at,
                            format!("paging total field `{total}` is not in the success response"),
                        ),
                    }
                }
            }
        }
        (self.d.error_count() == before).then_some(Pagination {
            offset_param: p.offset,
            limit_param: p.limit,
            items_field: p.items,
            total_field: p.total,
        })
    }
}

/// XML, which the generated code does not read or write.
fn is_xml(content_type: &str) -> bool {
    let essence = crate::ir::essence(content_type);
    essence.ends_with("/xml") || essence.ends_with("+xml")
}
