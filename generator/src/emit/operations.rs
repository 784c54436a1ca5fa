//! One file per operation: its request type (fields, builder, validation,
//! sans-IO encoding), what a call gives back ([`super::responses`]), and
//! the `Operation` impl through which the client sends it.
//!
//! Everything vendor-specific comes from the IR: auto-filled parameters are
//! asked of the runtime's `EncodeContext` by name, `x-wire-replace` rules
//! become `replace_all` calls, array styles decide how lists are joined.

use super::builders::{self, BuilderField};
use super::deserialize::{impl_deserialize, WireField};
use super::docs::{self, Doc};
use super::responses;
use super::types::{ident, rust_type, type_ident};
use super::validation;
use crate::ir::OperationNames;
use crate::ir::{
    ArrayStyle, BodyEncoding, Operation, Param, ParamLocation, RequestBody, Schema, Service, Type,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// What an operation's file needs to know of the rest of its service.
pub struct Context<'a> {
    /// Its names (the client's, the builders') are in `service.names`.
    pub service: &'a Service,
    /// The path from the operation's file to the service's module.
    pub root: TokenStream,
    /// Whether to add what the crate's `mock` feature offers (`Mocked`):
    /// in a crate of our making, not in code a build script includes
    /// (whose crate has features we cannot know).
    pub mock: bool,
}

/// The items of one operation's file.
pub fn operation(op: &Operation, names: &OperationNames, ctx: &Context) -> TokenStream {
    let service = ctx.service;
    let fields = request_fields(op, names, &ctx.root);
    let request = request_type(op, names, &fields, ctx);
    let encode = encode_impl(op, names, &fields);
    let validate = validate_impl(names, &fields, service);
    let answer = responses::answer_enum(op, names, &ctx.root);
    let error = responses::error_enum(op, names, &ctx.root);
    let paging = super::paging::next_page(op, service, &ctx.root);
    let traits = operation_impls(op, names, ctx);
    let fluent = fluent_impl(op, names, ctx);
    let mocked = ctx
        .mock
        .then(|| super::mock::mocked_impl(op, names, service, &ctx.root));
    quote! {
        #request
        #encode
        #paging
        #validate
        #traits
        #fluent
        #answer
        #error
        #mocked
    }
}

/// `Operation` (and `Paginated` for a paged operation): what the client's
/// generic `send` and `pages` call.
fn operation_impls(op: &Operation, names: &OperationNames, ctx: &Context) -> TokenStream {
    let request = type_ident(&names.request);
    let client = type_ident(&ctx.service.names.client);
    let id = &op.id;
    let root = &ctx.root;
    let answer = responses::answer_type(op, names, root);
    let decode = responses::decode_answer(op, names);
    let paged = super::paging::page(op, ctx.service, root).map(|page| {
        let super::paging::Page { ty, extract } = page;
        quote! {
            impl hwcloud_runtime::Paginated for #request {
                type Page = #ty;

                #[inline]
                fn page(response: Self::Response) -> Option<Self::Page> {
                    #extract
                }

                #[inline]
                fn next_page(&self, page: &Self::Page) -> Option<Self> {
                    #request::next_page(self, page)
                }
            }
        }
    });
    let download = op
        .downloads()
        .then(|| quote! { impl hwcloud_runtime::Download for #request {} });
    quote! {
        #download

        impl hwcloud_runtime::Operation for #request {
            type Client = #root::#client;
            type Response = #answer;
            const NAME: &'static str = #id;

            // `#[inline]`: compiled where a call is made, not for every
            // operation in this crate (decoding pulls in each body's
            // deserializer, which would otherwise be compiled for all).
            #[inline]
            fn to_http_request(
                &self,
                ctx: &EncodeContext<'_>,
            ) -> Result<http::Request<Vec<u8>>, RequestError> {
                #request::to_http_request(self, ctx)
            }

            #[inline]
            fn from_http_response(
                response: &http::Response<Vec<u8>>,
            ) -> Result<Self::Response, DecodeError> {
                #decode
            }
        }

        #paged
    }
}

/// `send` (and `pages`) on the builder the client's fluent method makes.
fn fluent_impl(op: &Operation, names: &OperationNames, ctx: &Context) -> TokenStream {
    let builder = type_ident(&names.builder);
    let client = type_ident(&ctx.service.names.client);
    let root = &ctx.root;
    let answer = responses::answer_type(op, names, root);
    let pages = super::paging::page(op, ctx.service, root).map(|page| {
        let ty = page.ty;
        quote! {
            /// Builds the request and walks its pages, as the client's `pages`
            /// does; a request that cannot be built gives one error.
            #[inline]
            pub fn pages(self) -> hwcloud_runtime::Pages<#ty> {
                let client = self.client;
                client.pages_built(self.build())
            }
        }
    });
    let streaming = op.downloads().then(|| {
        quote! {
            /// Builds the request and sends it, as the client's
            /// `send_streaming` does: the file is read as it arrives.
            #[inline]
            pub fn send_streaming(self) -> impl hwcloud_runtime::Call<hwcloud_runtime::ByteStream> + 'a {
                let client = self.client;
                client.send_built_streaming(self.build())
            }
        }
    });
    let deprecated = op.deprecated.then(|| quote! { #[allow(deprecated)] });
    quote! {
        #deprecated
        impl<'a> #builder<&'a #root::#client> {
            /// Builds the request and sends it, as the client's `send` does.
            /// A required field left unset is `Error::Build`, and nothing is sent.
            #[inline]
            pub fn send(self) -> impl hwcloud_runtime::Call<#answer> + 'a {
                let client = self.client;
                client.send_built(self.build())
            }

            #streaming

            #pages
        }
    }
}

/// The request's fields as its builder sees them.
fn builder_fields<'a>(fields: &'a [RequestField], ctx: &Context) -> Vec<BuilderField<'a>> {
    fields
        .iter()
        .map(|f| BuilderField {
            ident: &f.ident,
            label: wire_label(f),
            ty: &f.ty,
            required: f.required,
            nested: super::models::is_nested(f.schema(), &ctx.service.names.builders),
        })
        .collect()
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
pub fn request_field_info<'a>(op: &'a Operation, names: &OperationNames) -> Vec<FieldInfo<'a>> {
    // The fields' types are not asked for here: any root will do.
    request_fields(op, names, &TokenStream::new())
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
fn request_fields<'a>(
    op: &'a Operation,
    names: &OperationNames,
    root: &TokenStream,
) -> Vec<RequestField<'a>> {
    let mut fields: Vec<RequestField> = op
        .params
        .iter()
        .zip(&names.param_fields)
        .filter_map(|(p, name)| Some((p, name.as_ref()?)))
        .map(|(p, name)| RequestField {
            source: Source::Param(p),
            ident: ident(name),
            ty: rust_type(&p.schema, root),
            required: p.required,
        })
        .collect();
    if let Some(body) = &op.body {
        fields.push(RequestField {
            source: Source::Body(body),
            ident: format_ident!("body"),
            ty: rust_type(&body.schema, root),
            required: body.required,
        });
    }
    fields
}

fn request_type(
    op: &Operation,
    names: &OperationNames,
    fields: &[RequestField],
    ctx: &Context,
) -> TokenStream {
    let service = ctx.service;
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
    doc.para(&format!(
        "Send one with the client's `{}()` method (fields by name, then `send`), or \
         build one with `{}::builder()` and send it with the client's `send`. It also \
         deserializes from JSON that names each parameter as the API does, with the body \
         under `body` (the shape of a recorded call).",
        names.module, names.request
    ));
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
    let default = fields
        .iter()
        .all(|f| !f.required)
        .then(|| quote! { Default, });
    let builder = builders::builder(
        &builders::Target {
            name: &name,
            builder: &type_ident(&names.builder),
            with_client: true,
        },
        &builder_fields(fields, ctx),
    );

    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #declarations )*
        }

        impl #name {
            /// The HTTP method.
            pub const METHOD: &'static str = #method;
            /// The path template, as documented.
            pub const PATH: &'static str = #path;
        }

        #builder
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
    let (path, secret_segments) = path_expression(op, &names.path_locals, fields);
    // A secret path parameter is marked once the path holds it, so that
    // hooks, dry runs and logs show `***` in its place.
    let mut statements: Vec<TokenStream> = secret_segments
        .iter()
        .map(|local| quote! { request.secret_path_segment(&#local); })
        .collect();
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
/// those names filled in (`format!("/v5/{project_id}/image/registries")`);
/// and the locals that hold secrets (`format: password` parameters).
fn path_expression(
    op: &Operation,
    locals: &[String],
    fields: &[RequestField],
) -> (TokenStream, Vec<Ident>) {
    let mut template = String::new();
    let mut lets = Vec::new();
    let mut secrets = Vec::new();
    let (pieces, rest) = crate::template::pieces(&op.path);
    // The locals are the plan's: named after their parameters, none
    // shadowing what the method itself uses.
    for ((literal, name), local) in pieces.iter().zip(locals) {
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
                    if p.schema.secret {
                        secrets.push(local.clone());
                    }
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
    let path = if lets.is_empty() {
        quote! { let path = String::from(#template); }
    } else {
        quote! {
            #( #lets )*
            let path = format!(#template);
        }
    };
    (path, secrets)
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
    // A secret's value is marked on the request, for hooks and dry runs.
    let secret =
        param.schema.secret || matches!(&param.schema.ty, Type::Array(a) if a.items.secret);
    let add = if secret {
        format_ident!("secret_{}", add)
    } else {
        add
    };
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
    let add = match body.encoding {
        BodyEncoding::Json => quote! { request.json_body(#content_type, value)?; },
        BodyEncoding::Form => quote! { request.form_body(value); },
        BodyEncoding::Bytes => quote! { request.raw_body(#content_type, value.clone()); },
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
