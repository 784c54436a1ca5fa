//! `src/<service>/client.rs`: the service's `Client`. It sends any request
//! of its service (`send`, and `pages` for paged operations, generic over
//! the runtime's `Operation` and `Paginated`), and has one fluent method
//! per operation that starts that operation's request builder. Runtime
//! items are named by full path, so no spec type name can clash with them.

use super::docs::Doc;
use super::features::{gate_items, Gates};
use super::types::{ident, type_ident};
use crate::ir::{Operation, Scope, Service};
use proc_macro2::TokenStream;
use quote::quote;

pub fn client(service: &Service, gates: &Gates, root: &TokenStream) -> TokenStream {
    let name = type_ident(&service.names.client);
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
             defaults), unless the config, the environment \
             (`HUAWEICLOUD_SDK_REGION_{}_<REGION>`) or the regions file names other \
             endpoints for the region.",
            service.id.to_ascii_uppercase().replace('-', "_")
        )
    };
    let (scope, scope_doc) = match service.scope {
        Scope::Project => (
            quote! { hwcloud_runtime::Scope::Project },
            "A regional service: calls act in a project, whose id comes from the credentials \
             or, when they name none, from IAM for the configured region (once per config).",
        ),
        Scope::Domain => (
            quote! { hwcloud_runtime::Scope::Domain },
            "A global service: calls act for an account (a domain), whose id comes from the \
             credentials or, when they name none, from IAM (once per config).",
        ),
    };
    let docs = Doc::default()
        .para(&format!("Calls {}.", service.title))
        .para(&endpoint_doc)
        .para(scope_doc)
        .para(
            "Each operation has a method of its name that starts its request: set the fields \
             by name, then `send`. `send` also takes a request built beforehand. A call \
             validates the request, encodes it, signs it with the config's credentials, sends \
             it (retrying as the config's `RetryPolicy` allows) and decodes the answer. A \
             status of 400 or more is `Error::Service`, read with the vendor SDK's rules. \
             Clones share the connection pool.",
        )
        .tokens();

    // Each operation's method where the operation is compiled.
    let methods = service
        .operations
        .iter()
        .map(|op| gate_items(&gates.operation(op), fluent_method(op, root)));
    // Where some operation that uses them is compiled.
    let pages = gates
        .any_operation(
            service
                .operations
                .iter()
                .filter(|op| super::paging::is_paged(op, service)),
        )
        .map(|gate| gate_items(&gate, pages_method()));
    let streaming = gates
        .any_operation(service.operations.iter().filter(|op| op.downloads()))
        .map(|gate| gate_items(&gate, streaming_methods()));

    quote! {
        /// Where the service lives (its subcommand in the `cli` feature
        /// reads it too).
        pub(crate) const SERVICE: hwcloud_runtime::ServiceInfo = hwcloud_runtime::ServiceInfo {
            id: #id,
            endpoint_template: #template,
            variables: &[#variables],
            client: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            scope: #scope,
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

            /// Sends `request`: validates and encodes it, signs it, sends it
            /// (retrying as the config's `RetryPolicy` allows) and decodes the
            /// answer. A status of 400 or more is `Error::Service`.
            pub fn send<'a, R>(&'a self, request: &'a R) -> impl hwcloud_runtime::Call<R::Response> + 'a
            where
                R: hwcloud_runtime::Operation<Client = Self> + Sync,
                R::Response: Send + 'static,
            {
                self.inner.call(request)
            }

            /// `send` for a request that may not have been built: what the
            /// fluent calls' `send` runs.
            pub(crate) fn send_built<R>(
                &self,
                request: Result<R, hwcloud_runtime::BuildError>,
            ) -> impl hwcloud_runtime::Call<R::Response> + '_
            where
                R: hwcloud_runtime::Operation<Client = Self> + Send + Sync + 'static,
                R::Response: Send + 'static,
            {
                self.inner.call_built(request)
            }

            #pages

            #streaming

            #( #methods )*
        }
    }
}

/// `client.send_streaming(&request)`: a download read as it arrives.
fn streaming_methods() -> TokenStream {
    quote! {
        /// Sends a request whose answer is a file, like `send`, but returns
        /// as soon as the answer's head is in: the body is read as it arrives
        /// (`ByteStream::next_chunk`), never held in memory whole. Each chunk
        /// must arrive within the attempt timeout.
        pub fn send_streaming<'a, R>(
            &'a self,
            request: &'a R,
        ) -> impl hwcloud_runtime::Call<hwcloud_runtime::ByteStream> + 'a
        where
            R: hwcloud_runtime::Download<Client = Self> + Sync,
        {
            self.inner.call_streaming(request)
        }

        /// `send_streaming` for a request that may not have been built.
        pub(crate) fn send_built_streaming<R>(
            &self,
            request: Result<R, hwcloud_runtime::BuildError>,
        ) -> impl hwcloud_runtime::Call<hwcloud_runtime::ByteStream> + '_
        where
            R: hwcloud_runtime::Download<Client = Self> + Send + Sync + 'static,
        {
            self.inner.call_streaming_built(request)
        }
    }
}

/// `client.pages(first)`: every page of a paged operation.
fn pages_method() -> TokenStream {
    quote! {
        /// Every page of a paged operation, starting with `first`: the next
        /// request comes from the page before (`Paginated::next_page`), and
        /// a page the server repeats ends the stream with
        /// `Error::RepeatedPage`.
        pub fn pages<R>(&self, first: R) -> hwcloud_runtime::Pages<R::Page>
        where
            R: hwcloud_runtime::Paginated<Client = Self> + Clone + Send + Sync + 'static,
            R::Response: Send + 'static,
            R::Page: Clone + PartialEq + Send + 'static,
        {
            let client = self.clone();
            hwcloud_runtime::paging::pages_of(first, move |request: R| {
                let client = client.clone();
                async move { client.send(&request).await }
            })
        }

        /// `pages` for a first request that may not have been built: what
        /// the fluent calls' `pages` runs (one `Error::Build`, then the end).
        pub(crate) fn pages_built<R>(
            &self,
            first: Result<R, hwcloud_runtime::BuildError>,
        ) -> hwcloud_runtime::Pages<R::Page>
        where
            R: hwcloud_runtime::Paginated<Client = Self> + Clone + Send + Sync + 'static,
            R::Response: Send + 'static,
            R::Page: Clone + PartialEq + Send + 'static,
        {
            match first {
                Ok(first) => self.pages(first),
                Err(source) => hwcloud_runtime::paging::failed(hwcloud_runtime::Error::Build {
                    operation: R::NAME,
                    source,
                }),
            }
        }
    }
}

/// `client.add_registry()`: the operation's request builder, bound to the
/// client so that it can `send`.
fn fluent_method(op: &Operation, root: &TokenStream) -> TokenStream {
    let names = &op.names;
    let method = ident(&names.method);
    let builder = type_ident(&names.builder);
    let id = &op.id;
    let docs = Doc::default()
        .para(&match &op.summary {
            Some(summary) => format!("`{id}`: {summary}"),
            None => format!("`{id}`"),
        })
        .para(&format!(
            "`{} {}`. Set the request's fields by name, then `.send().await`{}; see `{}` \
             for the fields and their rules.",
            op.method.as_str(),
            op.path,
            if op.pagination.is_some() {
                " (or `.pages()` for every page)"
            } else {
                ""
            },
            names.request
        ))
        .tokens();
    let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #docs
        #deprecated
        pub fn #method(&self) -> #root::#builder<&Self> {
            #root::#builder::new(self)
        }
    }
}
