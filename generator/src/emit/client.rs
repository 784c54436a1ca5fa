//! `src/<service>/client.rs`: the service's `Client`, one async method per
//! operation (and a `_pages` method per paged one). The methods are thin:
//! the request type encodes, the response enum decodes, and the runtime's
//! `ServiceClient` signs, sends and retries. Runtime items are named by
//! full path, so no spec type name can clash with them.

use super::docs::Doc;
use super::operations::{response_variant_names, OperationNames};
use super::paging::page_response;
use super::types::{ident, type_ident};
use crate::ir::{Operation, Service};
use crate::names;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Methods every client has, which operation methods must not take.
const RESERVED_METHODS: &[&str] = &["new", "endpoint", "clone", "fmt"];

/// The name of the client type: `Client`, unless the spec has a type of
/// that name.
pub fn client_name(service: &Service, op_names: &[OperationNames]) -> String {
    let mut taken: Vec<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    for names in op_names {
        taken.push(&names.request);
        taken.push(&names.response);
    }
    names::dedupe(vec!["Client".to_owned()], &taken).remove(0)
}

/// The method names per operation: `(call, pages)`; `pages` is `Some` for
/// operations that page.
pub fn method_names(service: &Service) -> Vec<(String, Option<String>)> {
    let mut wanted = Vec::new();
    for op in &service.operations {
        let base = names::module_name(&op.id);
        wanted.push(base.clone());
        wanted.push(format!("{base}_pages"));
    }
    let unique = names::dedupe(wanted, RESERVED_METHODS);
    service
        .operations
        .iter()
        .zip(unique.chunks(2))
        .map(|(op, pair)| {
            let pages = page_response(op, service)
                .filter(|_| op.pagination.is_some())
                .map(|_| pair[1].clone());
            (pair[0].clone(), pages)
        })
        .collect()
}

pub fn client(service: &Service, op_names: &[OperationNames]) -> TokenStream {
    let name = type_ident(&client_name(service, op_names));
    let id = &service.id;
    let (template, variables) = match service.servers.first() {
        Some(server) => {
            let variables = server.variables.iter().map(|v| {
                let (name, default) = (&v.name, &v.default);
                quote! { (#name, #default) }
            });
            (server.url.clone(), quote! { #( #variables ),* })
        }
        None => (String::new(), TokenStream::new()),
    };
    let endpoint_doc = if template.is_empty() {
        "The spec names no server: give every client an endpoint with `Config::with_endpoint`."
            .to_owned()
    } else {
        format!(
            "Requests go to `{template}` (variables from the config's region, else their \
             defaults), or to the config's endpoint override."
        )
    };
    let docs = Doc::default()
        .para(&format!("Calls {}.", service.title))
        .para(&endpoint_doc)
        .para(
            "Each method validates the request, encodes it, signs it with the config's \
             credentials, sends it (retrying as the config's `RetryPolicy` allows) and decodes \
             the answer. A status of 400 or more is `Error::Service`, read with the vendor \
             SDK's rules. Clones share the connection pool.",
        )
        .tokens();

    let methods = service
        .operations
        .iter()
        .zip(op_names)
        .zip(method_names(service))
        .map(|((op, names), (call, pages))| {
            let mut tokens = call_method(op, names, &call);
            if let Some(pages) = pages {
                tokens.extend(pages_method(op, names, &call, &pages, service));
            }
            tokens
        });

    quote! {
        const SERVICE: hwcloud_runtime::ServiceInfo = hwcloud_runtime::ServiceInfo {
            id: #id,
            endpoint_template: #template,
            variables: &[#variables],
            client: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        };

        #docs
        #[derive(Debug, Clone)]
        pub struct #name {
            inner: hwcloud_runtime::ServiceClient,
        }

        impl #name {
            /// The server URL template from the spec.
            pub const ENDPOINT_TEMPLATE: &'static str = #template;

            /// A client with the credentials, endpoint and limits of `config`.
            pub fn new(
                config: &hwcloud_runtime::Config,
            ) -> Result<Self, hwcloud_runtime::ConfigError> {
                Ok(Self {
                    inner: hwcloud_runtime::ServiceClient::new(config, SERVICE)?,
                })
            }

            /// The base URL requests go to.
            pub fn endpoint(&self) -> &str {
                self.inner.endpoint()
            }

            #( #methods )*
        }
    }
}

fn call_method(op: &Operation, names: &OperationNames, method: &str) -> TokenStream {
    let method = ident(method);
    let request = type_ident(&names.request);
    let response = type_ident(&names.response);
    let id = &op.id;
    let docs = Doc::default()
        .para(&match &op.summary {
            Some(summary) => format!("`{id}`: {summary}"),
            None => format!("`{id}`"),
        })
        .para(&format!(
            "`{} {}`. See `{}` for its parameters and rules.",
            op.method.as_str(),
            op.path,
            names.request
        ))
        .tokens();
    let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #docs
        #deprecated
        pub async fn #method(
            &self,
            request: &super::#request,
        ) -> Result<hwcloud_runtime::Output<super::#response>, hwcloud_runtime::Error> {
            self.inner
                .call(
                    #id,
                    |ctx| request.to_http_request(ctx),
                    super::#response::from_http_response,
                )
                .await
        }
    }
}

fn pages_method(
    op: &Operation,
    names: &OperationNames,
    call: &str,
    method: &str,
    service: &Service,
) -> TokenStream {
    let Some(page) = page_response(op, service) else {
        return TokenStream::new();
    };
    let method = ident(method);
    let call = ident(call);
    let request = type_ident(&names.request);
    let response = type_ident(&names.response);
    let body = type_ident(page.body);
    let variants = response_variant_names(op);
    let page_variant = format_ident!("{}", variants[page.index]);
    // Other documented statuses carry no page (errors never get here: the
    // client turns them into `Error::Service`).
    let other = (variants.len() > 1).then(|| quote! { _ => None, });
    let id = &op.id;
    let docs = Doc::default()
        .para(&format!(
            "Every page of `{id}`, starting with `request`: the next request comes from \
             `{}::next_page`, and a page the server repeats ends the stream with \
             `Error::RepeatedPage`.",
            names.request
        ))
        .tokens();
    let deprecated = op
        .deprecated
        .then(|| quote! { #[deprecated] #[allow(deprecated)] });
    quote! {
        #docs
        #deprecated
        pub fn #method(
            &self,
            request: super::#request,
        ) -> hwcloud_runtime::Pages<super::#body> {
            let client = self.clone();
            hwcloud_runtime::paging::pages(
                #id,
                request,
                super::#request::next_page,
                move |request| {
                    let client = client.clone();
                    let request = request.clone();
                    async move {
                        let output = client.#call(&request).await?;
                        hwcloud_runtime::paging::page_of(#id, output, |response| match response {
                            super::#response::#page_variant(page) => Some(page),
                            #other
                        })
                    }
                },
            )
        }
    }
}
