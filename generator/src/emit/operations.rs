//! One file per operation: its request type (fields, constructor, setters,
//! validation, sans-IO encoding) and its response enum (one variant per
//! documented status, decoded from an `http::Response`).
//!
//! Everything vendor-specific comes from the IR: auto-filled parameters are
//! asked of the runtime's `EncodeContext` by name, `x-wire-replace` rules
//! become `replace_all` calls, array styles decide how lists are joined.

use super::deserialize::{impl_deserialize, WireField};
use super::docs::{self, Doc};
use super::types::{ident, rust_type, type_ident};
use super::validation;
use crate::ir::{
    ArrayStyle, Operation, Param, ParamLocation, RequestBody, Response, Schema, Service, Status,
    Type,
};
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The Rust names of what is generated for one operation.
#[derive(Debug, Clone)]
pub struct OperationNames {
    /// The file (and module) name: `add_registry`.
    pub module: String,
    pub request: String,
    pub response: String,
}

/// Names for every operation of `service`, unique among themselves and
/// against the service's named types (a spec may well have a schema called
/// `AddRegistryRequest`).
pub fn operation_names(service: &Service) -> Vec<OperationNames> {
    let type_names: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    let mut wanted = Vec::new();
    for op in &service.operations {
        let base = names::type_name(&op.id);
        wanted.push(format!("{base}Request"));
        wanted.push(format!("{base}Response"));
    }
    let unique = names::dedupe(wanted, &type_names);
    let modules = names::dedupe(
        service
            .operations
            .iter()
            .map(|op| names::module_name(&op.id))
            .collect(),
        &["mod"],
    );
    modules
        .into_iter()
        .zip(unique.chunks(2))
        .map(|(module, pair)| OperationNames {
            module,
            request: pair[0].clone(),
            response: pair[1].clone(),
        })
        .collect()
}

/// The path from an operation's file to the service module's types.
fn scope() -> TokenStream {
    quote! { super::super }
}

/// The items of one operation's file.
pub fn operation(op: &Operation, names: &OperationNames, service: &Service) -> TokenStream {
    let fields = request_fields(op);
    let request = request_type(op, names, &fields, service);
    let encode = encode_impl(op, names, &fields);
    let validate = validate_impl(names, &fields, service);
    let response = response_type(op, names);
    let paging = super::paging::next_page(op, &names.request, service);
    quote! {
        #request
        #encode
        #paging
        #validate
        #response
    }
}

/// Where a request field goes on the wire.
enum Source<'a> {
    Param(&'a Param),
    Body(&'a RequestBody),
}

/// One field of a request type.
struct RequestField<'a> {
    source: Source<'a>,
    ident: Ident,
    /// Without the `Option` of an optional field.
    ty: TokenStream,
    required: bool,
}

impl<'a> RequestField<'a> {
    fn schema(&self) -> &'a Schema {
        match self.source {
            Source::Param(p) => &p.schema,
            Source::Body(b) => &b.schema,
        }
    }

    /// The name in validation paths and docs: `query.limit`, `body`.
    fn path_parts(&self) -> (&str, Option<&str>) {
        match self.source {
            Source::Param(p) => (p.location.as_str(), Some(p.name.as_str())),
            Source::Body(_) => ("body", None),
        }
    }
}

/// A request field as generated tests see it.
pub struct FieldInfo<'a> {
    pub ident: Ident,
    /// Its place in validation paths: `query.limit`, `body`.
    pub label: String,
    pub required: bool,
    pub schema: &'a Schema,
}

/// The fields of `op`'s request type, in constructor order.
pub fn request_field_info(op: &Operation) -> Vec<FieldInfo<'_>> {
    request_fields(op)
        .into_iter()
        .map(|f| FieldInfo {
            label: wire_label(&f),
            required: f.required,
            schema: f.schema(),
            ident: f.ident,
        })
        .collect()
}

/// The caller's fields: every parameter the client does not fill in, then
/// the body.
fn request_fields(op: &Operation) -> Vec<RequestField<'_>> {
    let params: Vec<&Param> = op.params.iter().filter(|p| !p.auto_filled).collect();
    let wanted = params.iter().map(|p| names::field_name(&p.name)).collect();
    let reserved: &[&str] = if op.body.is_some() { &["body"] } else { &[] };
    let rust_names = names::dedupe(wanted, reserved);
    let mut fields: Vec<RequestField> = params
        .iter()
        .zip(rust_names)
        .map(|(p, name)| RequestField {
            source: Source::Param(p),
            ident: ident(&name),
            ty: rust_type(&p.schema, &scope()),
            required: p.required,
        })
        .collect();
    if let Some(body) = &op.body {
        fields.push(RequestField {
            source: Source::Body(body),
            ident: format_ident!("body"),
            ty: rust_type(&body.schema, &scope()),
            required: body.required,
        });
    }
    fields
}

fn request_type(
    op: &Operation,
    names: &OperationNames,
    fields: &[RequestField],
    service: &Service,
) -> TokenStream {
    let name = type_ident(&names.request);
    let method = op.method.as_str();
    let path = &op.path;

    let mut doc = Doc::default();
    doc.para(&format!(
        "`{}`: {}",
        op.id,
        op.summary.as_deref().unwrap_or("an operation")
    ))
    .para(&format!("`{method} {path}`"))
    .para_opt(op.description.as_deref());
    let auto: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.auto_filled)
        .map(|p| format!("`{}` ({})", p.name, p.location.as_str()))
        .collect();
    if !auto.is_empty() {
        doc.para(&format!(
            "Filled in by the client, not by the caller: {}.",
            auto.join(", ")
        ));
    }
    if op.deprecated {
        doc.para("Deprecated by the service.");
    }
    doc.para(
        "Build one with `new` and the `with_*` setters, or deserialize one from JSON \
         that names each parameter as the API does, with the body under `body` \
         (the shape of a recorded call).",
    );
    if let Some(body) = op.body.as_ref().filter(|b| !b.examples.is_empty()) {
        doc.heading("Examples");
        for example in &body.examples {
            let title = match &example.summary {
                Some(summary) => format!("Example body `{}`: {summary}", example.name),
                None => format!("Example body `{}`", example.name),
            };
            doc.para(&title).code(
                "json",
                &serde_json::to_string_pretty(&example.value).unwrap_or_default(),
            );
        }
    }
    let docs = doc.tokens();

    let declarations = fields.iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        let docs = field_doc(f, service);
        if f.required {
            quote! { #docs pub #ident: #ty, }
        } else {
            quote! { #docs pub #ident: Option<#ty>, }
        }
    });
    let wire_fields: Vec<WireField> = fields
        .iter()
        .map(|f| WireField {
            ident: &f.ident,
            wire: match f.source {
                Source::Param(p) => p.name.as_str(),
                Source::Body(_) => "body",
            },
            required: f.required,
            // A list joined with commas on the wire may be recorded joined too.
            joined_list: matches!(f.source, Source::Param(p)
                if p.array_style == ArrayStyle::CommaSeparated && matches!(p.schema.ty, Type::Array(_))),
        })
        .collect();
    let deserialize = impl_deserialize(&name, &wire_fields);
    let required: Vec<&RequestField> = fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        quote! { #ident: impl Into<#ty> }
    });
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.required {
            quote! { #ident: #ident.into() }
        } else {
            quote! { #ident: None }
        }
    });
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        let method = format_ident!("with_{}", ident.to_string().trim_start_matches("r#"));
        let docs = docs::doc(&format!("Sets `{}`.", wire_label(f)));
        quote! {
            #docs
            pub fn #method(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        }
    });
    let default = required.is_empty().then(|| quote! { Default, });
    let many = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let ctor_doc = docs::doc(&if required.is_empty() {
        "A request with no optional field set.".to_owned()
    } else {
        let labels: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", wire_label(f)))
            .collect();
        format!(
            "A request with its required fields ({}).",
            labels.join(", ")
        )
    });

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #( #declarations )*
        }

        impl #name {
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The path template, as documented.
            pub const PATH: &'static str = #path;

            #ctor_doc
            #many
            pub fn new( #( #args ),* ) -> Self {
                Self { #( #inits ),* }
            }

            #( #setters )*
        }

        #deserialize
    }
}

/// `query limit`, `body`: how docs name a field.
fn wire_label(field: &RequestField) -> String {
    match field.path_parts() {
        (location, Some(name)) => format!("{location}.{name}"),
        (location, None) => location.to_owned(),
    }
}

fn field_doc(field: &RequestField, service: &Service) -> TokenStream {
    let schema = field.schema();
    let (description, label) = match field.source {
        Source::Param(p) => (
            p.description.as_deref().or(schema.description.as_deref()),
            format!("The {} parameter `{}`.", p.location.as_str(), p.name),
        ),
        Source::Body(b) => (
            b.description.as_deref().or(schema.description.as_deref()),
            format!("The body, sent as `{}`.", b.content_type),
        ),
    };
    let mut doc = Doc::default();
    doc.para(&label)
        .para_opt(description)
        .list(&docs::constraints(schema, service));
    doc.tokens()
}

/// `to_http_request`: validate, then encode path, query, headers and body.
fn encode_impl(op: &Operation, names: &OperationNames, fields: &[RequestField]) -> TokenStream {
    let name = type_ident(&names.request);
    let method = format_ident!("{}", op.method.as_str());
    let path = path_expression(op, fields);
    let mut statements = Vec::new();
    for location in [ParamLocation::Query, ParamLocation::Header] {
        for param in op.params.iter().filter(|p| p.location == location) {
            statements.push(param_statement(param, fields));
        }
    }
    if let Some(body) = &op.body {
        statements.push(body_statement(body, fields));
    }
    let request_var = if statements.is_empty() {
        quote! { request }
    } else {
        quote! { mut request }
    };
    quote! {
        impl #name {
            /// Validates the request, then encodes it as the service expects
            /// it: path parameters percent-encoded, query pairs sorted, unset
            /// optional values left out. Signing and sending are the
            /// transport's job.
            pub fn to_http_request(
                &self,
                ctx: &EncodeContext<'_>,
            ) -> Result<http::Request<Vec<u8>>, RequestError> {
                self.validate()?;
                #path
                let #request_var = RequestBuilder::new(http::Method::#method, path);
                #( #statements )*
                Ok(request.build(ctx)?)
            }
        }
    }
}

fn field_of<'a>(param: &Param, fields: &'a [RequestField]) -> Option<&'a RequestField<'a>> {
    fields
        .iter()
        .find(|f| matches!(f.source, Source::Param(p) if std::ptr::eq(p, param)))
}

/// Statements binding `path`: one `let` per parameter, encoded, then the template with
/// those names filled in (`format!("/v5/{project_id}/image/registries")`).
fn path_expression(op: &Operation, fields: &[RequestField]) -> TokenStream {
    let mut template = String::new();
    let mut lets = Vec::new();
    let mut rest = op.path.as_str();
    let mut names_in_order = Vec::new();
    let mut pieces = Vec::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        pieces.push((rest[..open].to_owned(), rest[open + 1..close].to_owned()));
        names_in_order.push(names::module_name(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    // Locals are named after their parameters; none may shadow what the
    // method itself uses.
    let locals = names::dedupe(names_in_order, &["ctx", "path", "request", "value"]);
    for ((literal, name), local) in pieces.iter().zip(&locals) {
        template.push_str(literal);
        template.push_str(&format!("{{{local}}}"));
        let local = format_ident!("{}", local);
        let param = op.param(name, ParamLocation::Path);
        let value = match param {
            Some(p) if p.auto_filled => quote! {
                path_segment(ctx.auto_filled(#name).ok_or(EncodeError::MissingAutoFilled { param: #name })?)
            },
            Some(p) => match field_of(p, fields) {
                Some(field) => {
                    let ident = &field.ident;
                    let text = replaced(p, wire_text(&p.schema, quote! { self.#ident })).as_str();
                    quote! { path_segment(#text) }
                }
                None => quote! { String::new() },
            },
            // The IR guarantees each template name is a path parameter.
            None => quote! { String::from(#name) },
        };
        lets.push(quote! { let #local = #value; });
    }
    template.push_str(rest);
    if lets.is_empty() {
        quote! { let path = String::from(#template); }
    } else {
        quote! {
            #( #lets )*
            let path = format!(#template);
        }
    }
}

/// A value as text on the wire: borrowed where the value already is text,
/// so that generated code does not copy strings needlessly.
enum Wire {
    /// An expression of type `&str`.
    Str(TokenStream),
    /// An expression of a type that dereferences to `str` (`String`, `Cow<str>`).
    Owned(TokenStream),
}

impl Wire {
    /// As an argument taking `&str`.
    fn as_str(&self) -> TokenStream {
        match self {
            Wire::Str(ts) => ts.clone(),
            Wire::Owned(ts) => quote! { &#ts },
        }
    }

    /// As an argument taking `impl Into<String>`.
    fn to_string_arg(&self) -> TokenStream {
        match self {
            Wire::Str(ts) | Wire::Owned(ts) => ts.clone(),
        }
    }
}

/// The text on the wire of `value` (an expression of `schema`'s type, or a
/// reference to one).
fn wire_text(schema: &Schema, value: TokenStream) -> Wire {
    match &schema.ty {
        Type::String(_) if schema.secret => Wire::Str(quote! { #value.expose() }),
        Type::String(_) => Wire::Str(quote! { #value.as_str() }),
        // Arrays in a path, a header or a `form, explode: false` query
        // parameter are joined with commas; repeated query parameters are
        // handled item by item by the caller.
        Type::Array(a) => {
            let item = wire_text(&a.items, quote! { item }).to_string_arg();
            Wire::Owned(quote! {
                #value.iter().map(|item| #item).collect::<Vec<_>>().join(",")
            })
        }
        _ => Wire::Owned(quote! { #value.to_string() }),
    }
}

/// Applies the parameter's `x-wire-replace` rules to `text`.
fn replaced(param: &Param, text: Wire) -> Wire {
    if param.wire_replace.is_empty() {
        return text;
    }
    let pairs = param.wire_replace.iter().map(|r| {
        let (from, to) = (&r.from, &r.to);
        quote! { (#from, #to) }
    });
    let text = text.as_str();
    Wire::Owned(quote! { replace_all(#text, &[ #( #pairs ),* ]) })
}

/// Adds one query or header parameter to `request`, if it has a value.
fn param_statement(param: &Param, fields: &[RequestField]) -> TokenStream {
    let name = &param.name;
    let add = match param.location {
        ParamLocation::Header => format_ident!("header"),
        _ => format_ident!("query"),
    };
    if param.auto_filled {
        return quote! {
            if let Some(value) = ctx.auto_filled(#name) {
                request.#add(#name, value);
            }
        };
    }
    let Some(field) = field_of(param, fields) else {
        return TokenStream::new();
    };
    let ident = &field.ident;
    let repeated = param.location == ParamLocation::Query
        && param.array_style == ArrayStyle::Repeated
        && matches!(param.schema.ty, Type::Array(_));
    let add_value = if repeated {
        let Type::Array(a) = &param.schema.ty else {
            unreachable!("checked above")
        };
        let item = replaced(param, wire_text(&a.items, quote! { item })).to_string_arg();
        quote! {
            for item in value {
                request.#add(#name, #item);
            }
        }
    } else {
        let text = replaced(param, wire_text(&param.schema, quote! { value })).to_string_arg();
        quote! { request.#add(#name, #text); }
    };
    let add_value = if param.schema.nullable {
        quote! { if let Some(value) = value { #add_value } }
    } else {
        add_value
    };
    if field.required {
        quote! { { let value = &self.#ident; #add_value } }
    } else {
        quote! {
            if let Some(value) = &self.#ident {
                #add_value
            }
        }
    }
}

fn body_statement(body: &RequestBody, fields: &[RequestField]) -> TokenStream {
    let content_type = &body.content_type;
    let required = fields
        .iter()
        .any(|f| matches!(f.source, Source::Body(_)) && f.required);
    let add = if matches!(body.schema.ty, Type::Binary) {
        quote! { request.raw_body(#content_type, value.clone()); }
    } else if is_json(content_type) {
        quote! { request.json_body(#content_type, value)?; }
    } else if required {
        return quote! { request.unsupported_body(#content_type); };
    } else {
        return quote! {
            if self.body.is_some() {
                request.unsupported_body(#content_type);
            }
        };
    };
    if required {
        quote! { { let value = &self.body; #add } }
    } else {
        quote! {
            if let Some(value) = &self.body {
                #add
            }
        }
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn validate_impl(
    names: &OperationNames,
    fields: &[RequestField],
    service: &Service,
) -> TokenStream {
    let name = type_ident(&names.request);
    let mut body = Vec::new();
    for field in fields {
        let mut checks = validation::schema_checks(field.schema(), service);
        if matches!(field.source, Source::Param(p) if p.location == ParamLocation::Path)
            && matches!(field.schema().ty, Type::String(_))
        {
            let text = if field.schema().secret {
                quote! { value.expose() }
            } else {
                quote! { value }
            };
            checks = quote! { check::path_segment(#text, path, out); #checks };
        }
        if checks.is_empty() {
            continue;
        }
        let (location, wire) = field.path_parts();
        let ident = &field.ident;
        let inner = match wire {
            Some(wire) => quote! { let path = &path.field(#wire); #checks },
            None => checks,
        };
        let value = if field.required {
            quote! { let value = &self.#ident; }
        } else {
            quote! {}
        };
        body.push(if field.required {
            quote! {
                {
                    #value
                    let path = &path.field(#location);
                    #inner
                }
            }
        } else {
            quote! {
                if let Some(value) = &self.#ident {
                    let path = &path.field(#location);
                    #inner
                }
            }
        });
    }
    validation::validate_impl(&quote! { #name }, body)
}

/// The response enum's variant names, one per `op.responses` entry.
pub fn response_variant_names(op: &Operation) -> Vec<String> {
    names::dedupe(
        op.responses
            .iter()
            .map(|r| match r.status {
                Status::Code(code) => names::status_variant_name(code),
                Status::Default => "Other".to_owned(),
            })
            .collect(),
        &[],
    )
}

fn response_type(op: &Operation, names: &OperationNames) -> TokenStream {
    let name = type_ident(&names.response);
    let variant_names = response_variant_names(op);
    let variants: Vec<ResponseVariant> = op
        .responses
        .iter()
        .zip(variant_names)
        .map(|(response, name)| ResponseVariant::new(response, &name))
        .collect();
    let declarations = variants.iter().map(ResponseVariant::declaration);
    let statuses = variants.iter().map(ResponseVariant::status_arm);
    let has_default = op.responses.iter().any(|r| r.status == Status::Default);
    // The vendor's SDK accepts any 2xx, and the pages sometimes name 200
    // where the service sends 201: with one documented success, any other
    // 2xx reads as that one (the real status stays on the `Output`).
    let single_success =
        !has_default && variants.iter().filter(|v| v.response.is_success()).count() == 1;
    let decodes = variants.iter().map(|v| {
        if single_success && v.response.is_success() {
            let decoded = v.decoded();
            quote! { 200..=299 => Ok(#decoded), }
        } else {
            v.decode_arm()
        }
    });
    let fallback = (!has_default).then(|| {
        quote! { _ => Err(DecodeError::undocumented_status(status, body)), }
    });
    let docs = docs::doc(&format!(
        "The documented responses of `{}`, one variant per status.",
        op.id
    ));
    quote! {
        #docs
        // A response is decoded, matched and dropped; boxing a large
        // variant would cost every caller a dereference for no gain.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #( #declarations )*
        }

        impl #name {
            /// The HTTP status this response came with.
            pub fn status(&self) -> u16 {
                match self {
                    #( #statuses )*
                }
            }

            /// Whether the status is a success (2xx).
            pub fn is_success(&self) -> bool {
                (200..300).contains(&self.status())
            }

            /// Decodes a response by its status. A status the spec does not
            /// document, or a body that does not decode, is an error that
            /// keeps the status and the start of the body; documented limits
            /// are not enforced here (see `validate`). Where one success
            /// status is documented, any other 2xx is read as it, as the
            /// vendor's SDK accepts any 2xx.
            pub fn from_http_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<Self, DecodeError> {
                let status = response.status().as_u16();
                let body = response.body().as_ref();
                match status {
                    #( #decodes )*
                    #fallback
                }
            }
        }
    }
}

/// One variant of a response enum.
struct ResponseVariant<'a> {
    response: &'a Response,
    ident: Ident,
    /// The body's Rust type, if the response documents one.
    body: Option<TokenStream>,
}

impl<'a> ResponseVariant<'a> {
    fn new(response: &'a Response, name: &str) -> Self {
        Self {
            response,
            ident: type_ident(name),
            body: response
                .body
                .as_ref()
                .map(|b| rust_type(&b.schema, &scope())),
        }
    }

    /// The status code as an unsuffixed literal (`200`, not `200u16`).
    fn code(&self) -> proc_macro2::Literal {
        match self.response.status {
            Status::Code(code) => proc_macro2::Literal::u16_unsuffixed(code),
            Status::Default => proc_macro2::Literal::u16_unsuffixed(0),
        }
    }

    fn declaration(&self) -> TokenStream {
        let ident = &self.ident;
        let label = match self.response.status {
            Status::Code(code) => format!("`{code}`"),
            Status::Default => "Any other status (`default`)".to_owned(),
        };
        let docs = docs::doc(&format!("{label}: {}", self.response.description));
        match (self.response.status, &self.body) {
            (Status::Code(_), None) => quote! { #docs #ident, },
            (Status::Code(_), Some(ty)) => quote! { #docs #ident(#ty), },
            (Status::Default, None) => quote! {
                #docs
                #ident {
                    /// The status the service sent.
                    status: u16,
                },
            },
            (Status::Default, Some(ty)) => quote! {
                #docs
                #ident {
                    /// The status the service sent.
                    status: u16,
                    /// The decoded body.
                    body: #ty,
                },
            },
        }
    }

    fn status_arm(&self) -> TokenStream {
        let ident = &self.ident;
        let code = self.code();
        match (self.response.status, &self.body) {
            (Status::Code(_), None) => quote! { Self::#ident => #code, },
            (Status::Code(_), Some(_)) => quote! { Self::#ident(_) => #code, },
            (Status::Default, _) => quote! { Self::#ident { status, .. } => *status, },
        }
    }

    /// `Self::Variant(decoded body)` for a numbered status.
    fn decoded(&self) -> TokenStream {
        let ident = &self.ident;
        match self.body_decoder() {
            Some(decoded) => quote! { Self::#ident(#decoded) },
            None => quote! { Self::#ident },
        }
    }

    fn body_decoder(&self) -> Option<TokenStream> {
        self.response.body.as_ref().map(|b| match b.schema.ty {
            Type::Binary => quote! { body.to_vec() },
            Type::String(_) if !is_json(&b.content_type) => {
                quote! { String::from_utf8_lossy(body).into_owned() }
            }
            _ => quote! { decode::json(status, body)? },
        })
    }

    fn decode_arm(&self) -> TokenStream {
        let ident = &self.ident;
        let code = self.code();
        match (self.response.status, self.body_decoder()) {
            (Status::Code(_), None) => quote! { #code => Ok(Self::#ident), },
            (Status::Code(_), Some(decoded)) => quote! { #code => Ok(Self::#ident(#decoded)), },
            (Status::Default, None) => quote! { _ => Ok(Self::#ident { status }), },
            (Status::Default, Some(decoded)) => {
                quote! { _ => Ok(Self::#ident { status, body: #decoded }), }
            }
        }
    }
}
