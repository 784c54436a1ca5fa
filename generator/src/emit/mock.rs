//! What the `mock` feature of a generated crate adds: for each operation,
//! its description as data (`hwcloud_runtime::describe::OperationInfo`:
//! parameters with their kinds, flags and help, answers with a sample body)
//! and `Mocked` (typed request in, typed answer out); for each service, a
//! `Mock` with one typed rule per operation. The engine that reads requests
//! and answers them is the runtime's; everything here is data and glue.

use super::docs::constraints;
use super::features::{self, gate_items, GateTokens, Gates};
use super::responses;
use super::samples::Samples;
use super::types::{ident, type_ident};
use crate::ir::{
    Answers, ArrayStyle, FlagField, NamedKind, Operation, OperationNames, Param, ParamLocation,
    ScalarKind, Schema, Service, Status, Type,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The cargo feature everything here is compiled under.
pub const FEATURE: &str = "mock";

/// What compiles an item only under the feature.
pub fn gate() -> features::Gate {
    features::Gate::any_of([FEATURE.to_owned()])
}

/// `impl Mocked for <Request>`, under the feature.
pub fn mocked_impl(
    op: &Operation,
    names: &OperationNames,
    service: &Service,
    root: &TokenStream,
) -> TokenStream {
    let request = type_ident(&names.request);
    let info = operation_info(op, names, service);
    let answer = responses::encode_answer(op, names, root);
    let cfg = gate().cfg();
    quote! {
        #cfg
        impl hwcloud_runtime::mock::Mocked for #request {
            fn describe() -> &'static hwcloud_runtime::describe::OperationInfo {
                static INFO: hwcloud_runtime::describe::OperationInfo = #info;
                &INFO
            }

            fn answer(response: Self::Response) -> hwcloud_runtime::mock::Reply {
                #answer
            }
        }
    }
}

/// The `OperationInfo` of `op`, as a constant expression.
fn operation_info(op: &Operation, names: &OperationNames, service: &Service) -> TokenStream {
    let command = &names.command;
    let name = &op.id;
    let method = op.method.as_str();
    let path = &op.path;
    let summary = op.summary.as_deref().unwrap_or("");
    let description = op.description.as_deref().unwrap_or("");
    let params = op
        .params
        .iter()
        .zip(&names.param_flags)
        .map(|(param, flag)| param_info(param, flag, service));
    let body = match &op.body {
        Some(body) => {
            let (required, content_type) = (body.required, &body.content_type);
            let fields = body_fields(&body.schema, &names.body_flags, service);
            let required_fields = required_fields(&body.schema, service);
            quote! {
                Some(hwcloud_runtime::describe::BodyInfo {
                    required: #required,
                    content_type: #content_type,
                    fields: &[ #( #fields ),* ],
                    required_fields: &[ #( #required_fields ),* ],
                })
            }
        }
        None => quote! { None },
    };
    let samples = Samples::new(service);
    let answers = match op.answers() {
        Answers::Single(response) => vec![response],
        Answers::Several(responses) => responses,
    };
    let answers = answers.into_iter().filter_map(|response| {
        let Status::Code(status) = response.status else {
            return None;
        };
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        // The mock writes samples as JSON; a file answers with no body.
        let json_body = response
            .body
            .as_ref()
            .filter(|body| body.schema.ty != Type::Binary);
        let sample = json_body.and_then(|body| {
            let value = response
                .examples
                .first()
                .map(|example| example.value.clone())
                .or_else(|| samples.valid(&body.schema))?;
            Some(value.to_string())
        });
        let sample = match sample {
            Some(text) => quote! { Some(#text) },
            None => quote! { None },
        };
        Some(quote! {
            hwcloud_runtime::describe::AnswerInfo { status: #status, sample: #sample }
        })
    });
    let paging = match &op.pagination {
        Some(p) => {
            let (offset, items) = (&p.offset_param, &p.items_field);
            quote! {
                Some(hwcloud_runtime::describe::PagingInfo {
                    offset_param: #offset,
                    items_field: #items,
                })
            }
        }
        None => quote! { None },
    };
    let mut secrets = Vec::new();
    if let Some(body) = &op.body {
        secret_paths(
            &body.schema,
            service,
            &mut Vec::new(),
            &mut Vec::new(),
            &mut secrets,
        );
    }
    quote! {
        hwcloud_runtime::describe::OperationInfo {
            name: #name,
            command: #command,
            method: #method,
            path: #path,
            summary: #summary,
            description: #description,
            params: &[ #( #params ),* ],
            body: #body,
            answers: &[ #( #answers ),* ],
            paging: #paging,
            secrets: &[ #( #secrets ),* ],
        }
    }
}

/// The path of every secret under `schema`, as the runtime reads them:
/// steps joined by `.`, each a field name, `[]` (every list item) or `{}`
/// (every map value); `""` when the whole value is secret. A type met again
/// inside itself is not followed: its secrets are hidden at its first level.
fn secret_paths<'s>(
    schema: &'s Schema,
    service: &'s Service,
    path: &mut Vec<&'s str>,
    visiting: &mut Vec<&'s str>,
    out: &mut Vec<String>,
) {
    if schema.secret {
        out.push(path.join("."));
        return;
    }
    let mut below = |step: &'s str, schema: &'s Schema, visiting: &mut Vec<&'s str>| {
        path.push(step);
        secret_paths(schema, service, path, visiting, out);
        path.pop();
    };
    match &schema.ty {
        Type::Array(a) => below("[]", &a.items, visiting),
        Type::Map(m) => below("{}", &m.values, visiting),
        Type::Named(name) if !visiting.contains(&name.as_str()) => {
            let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) else {
                return;
            };
            visiting.push(name);
            for field in &s.fields {
                below(&field.name, &field.schema, visiting);
            }
            visiting.pop();
        }
        _ => {}
    }
}

fn param_info(param: &Param, flag: &str, service: &Service) -> TokenStream {
    let name = &param.name;
    let location = match param.location {
        ParamLocation::Path => quote! { Path },
        ParamLocation::Query => quote! { Query },
        ParamLocation::Header => quote! { Header },
    };
    let kind = kind(&param.schema, param.array_style, service);
    let (required, auto_filled) = (param.required, param.auto_filled);
    let help = help(param.description.as_deref(), &param.schema, service);
    let allowed = allowed(&param.schema, service);
    let secret = param.schema.secret;
    let replaced = param.wire_replace.iter().map(|r| {
        let (from, to) = (&r.from, &r.to);
        quote! { (#from, #to) }
    });
    quote! {
        hwcloud_runtime::describe::ParamInfo {
            name: #name,
            flag: #flag,
            location: hwcloud_runtime::describe::Location::#location,
            kind: #kind,
            required: #required,
            auto_filled: #auto_filled,
            help: #help,
            allowed: &[ #( #allowed ),* ],
            secret: #secret,
            wire_replace: &[ #( #replaced ),* ],
        }
    }
}

/// The body's top-level fields that take a flag (the plan's
/// [`crate::ir::FlagField`]s), with their kinds and help.
fn body_fields(schema: &Schema, flags: &[FlagField], service: &Service) -> Vec<TokenStream> {
    let Type::Named(name) = &schema.ty else {
        return Vec::new();
    };
    let Some(NamedKind::Struct(s)) = service.type_by_name(name).map(|t| &t.kind) else {
        return Vec::new();
    };
    flags
        .iter()
        .filter_map(|FlagField { name, flag }| {
            let field = s.field(name)?;
            let kind = kind(&field.schema, ArrayStyle::CommaSeparated, service);
            let help = help(field.schema.description.as_deref(), &field.schema, service);
            let allowed = allowed(&field.schema, service);
            Some(quote! {
                hwcloud_runtime::describe::FieldInfo {
                    name: #name,
                    flag: #flag,
                    kind: #kind,
                    help: #help,
                    allowed: &[ #( #allowed ),* ],
                }
            })
        })
        .collect()
}

/// The required top-level fields of a body object.
fn required_fields(schema: &Schema, service: &Service) -> Vec<String> {
    let Type::Named(name) = &schema.ty else {
        return Vec::new();
    };
    match service.type_by_name(name).map(|t| &t.kind) {
        Some(NamedKind::Struct(s)) => s
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.clone())
            .collect(),
        _ => Vec::new(),
    }
}

/// The scalar kind of a value, if it is one, as the runtime names it.
fn scalar(schema: &Schema, service: &Service) -> Option<TokenStream> {
    Some(match service.scalar_kind(schema)? {
        ScalarKind::String => quote! { String },
        ScalarKind::Integer => quote! { Integer },
        ScalarKind::Number => quote! { Number },
        ScalarKind::Boolean => quote! { Boolean },
    })
}

fn kind(schema: &Schema, style: ArrayStyle, service: &Service) -> TokenStream {
    if let Some(scalar) = scalar(schema, service) {
        return quote! { hwcloud_runtime::describe::Kind::#scalar };
    }
    match &schema.ty {
        Type::File => quote! { hwcloud_runtime::describe::Kind::File },
        Type::Array(a) => match scalar(&a.items, service) {
            Some(item) => {
                let repeated = style == ArrayStyle::Repeated;
                quote! {
                    hwcloud_runtime::describe::Kind::List {
                        item: hwcloud_runtime::describe::Scalar::#item,
                        repeated: #repeated,
                    }
                }
            }
            None => quote! { hwcloud_runtime::describe::Kind::Json },
        },
        _ => quote! { hwcloud_runtime::describe::Kind::Json },
    }
}

/// The description, then each documented rule on a line of its own.
fn help(description: Option<&str>, schema: &Schema, service: &Service) -> String {
    let mut lines: Vec<String> = description.map(str::to_owned).into_iter().collect();
    lines.extend(
        constraints(schema, service)
            .into_iter()
            .map(|rule| format!("- {rule}")),
    );
    lines.join("\n")
}

/// Every allowed value of an enum, or of a list of one.
fn allowed(schema: &Schema, service: &Service) -> Vec<String> {
    let name = match &schema.ty {
        Type::Named(name) => name,
        Type::Array(a) => match &a.items.ty {
            Type::Named(name) => name,
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    match service.type_by_name(name).map(|t| &t.kind) {
        Some(NamedKind::StringEnum(values)) => values.iter().map(|v| v.value.clone()).collect(),
        Some(NamedKind::IntegerEnum { values, .. }) => {
            values.iter().map(|v| v.value.to_string()).collect()
        }
        _ => Vec::new(),
    }
}

/// The service's `Mock`: a typed face on the runtime's engine, one rule
/// per operation (named as the client's methods are).
pub fn service_mock(service: &Service, gates: &Gates, root: &TokenStream) -> TokenStream {
    let mock = type_ident(&service.names.mock);
    let client = type_ident(&service.names.client);
    let title = &service.title;
    let requests: Vec<_> = service
        .operations
        .iter()
        .map(|op| type_ident(&op.names.request))
        .collect();
    let rules = service
        .operations
        .iter()
        .zip(&requests)
        .map(|(op, request)| {
            let method = ident(&op.names.mock_rule);
            let docs = super::docs::doc(&format!(
                "`{}`: program its answers, read the requests it received.",
                op.id
            ));
            let rule = quote! {
                #docs
                pub fn #method(&self) -> hwcloud_runtime::mock::Rule<'_, #root::#request> {
                    self.engine.rule()
                }
            };
            gate_items(&gates.operation(op), rule)
        });
    let routes = features::gated_vec(
        quote! { hwcloud_runtime::mock::Route },
        service
            .operations
            .iter()
            .zip(&requests)
            .map(|(op, request)| {
                let route = quote! { hwcloud_runtime::mock::Route::of::<#root::#request>() };
                (gates.operation(op), route)
            })
            .collect(),
    );
    let docs = super::docs::doc(&format!(
        "A test double of the {title}: each operation answers with its documented example \
         (or a valid sample) until a rule says otherwise, and every request is checked as \
         the service would check it (parameters, body rules and, with `verifying`, the \
         signature). A refused request gets the service's error shape and is kept in \
         `rejections()`.\n\n\
         Build clients on it with `client()` (in process, no socket) or serve it over \
         HTTP with `serve()`. Clones share rules and records."
    ));
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #mock {
            engine: hwcloud_runtime::mock::Engine,
            credentials: hwcloud_runtime::Credentials,
        }

        impl Default for #mock {
            fn default() -> Self {
                Self::new()
            }
        }

        impl #mock {
            /// A mock that checks requests but not their signatures; its
            /// `client()` signs with a fixed test key and project id
            /// `mock-project`.
            pub fn new() -> Self {
                let credentials = hwcloud_runtime::Credentials::access_key("mock-ak", "mock-sk")
                    .with_project_id("mock-project");
                Self {
                    engine: hwcloud_runtime::mock::Engine::new(Self::routes()),
                    credentials,
                }
            }

            /// A mock that also refuses, with 401, every request not signed
            /// with `credentials` (or, for a token, not carrying it); its
            /// `client()` uses them.
            pub fn verifying(credentials: hwcloud_runtime::Credentials) -> Self {
                let engine = hwcloud_runtime::mock::Engine::new(Self::routes());
                engine.verify_with(credentials.clone());
                Self { engine, credentials }
            }

            /// The service's operations, for an engine that serves several
            /// services at once.
            pub fn routes() -> Vec<hwcloud_runtime::mock::Route> {
                #routes
            }

            /// The engine underneath: records and refusals of every operation.
            pub fn engine(&self) -> &hwcloud_runtime::mock::Engine {
                &self.engine
            }

            /// Every request refused so far, with the reason.
            pub fn rejections(&self) -> Vec<hwcloud_runtime::mock::Rejection> {
                self.engine.rejections()
            }

            /// A client whose calls this mock answers in process.
            pub fn client(&self) -> #root::#client {
                let config = hwcloud_runtime::Config::new(self.credentials.clone());
                self.client_with(config)
                    .expect("a fixed endpoint and a given transport make a valid config")
            }

            /// A client with `config` (its retries, timeouts, credentials),
            /// whose calls this mock answers in process.
            pub fn client_with(
                &self,
                config: hwcloud_runtime::Config,
            ) -> Result<#root::#client, hwcloud_runtime::ConfigError> {
                let config = config
                    .with_endpoint("http://mock.invalid")
                    .with_transport(std::sync::Arc::new(self.engine.clone()));
                #root::#client::new(&config)
            }

            /// Serves the mock over HTTP on `addr` (`127.0.0.1:0` for any
            /// free port) until the returned server is dropped.
            pub async fn serve(
                &self,
                addr: std::net::SocketAddr,
            ) -> std::io::Result<hwcloud_runtime::mock::Server> {
                self.engine.serve(addr).await
            }

            #( #rules )*
        }
    }
}
