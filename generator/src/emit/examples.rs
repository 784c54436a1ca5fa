//! `examples/<op>.rs`: each operation end to end, with credentials from the
//! environment. The request is written as JSON in the shape of a recorded
//! call (parameters by wire name, body under `body`): the documented body
//! example where it meets the spec, else valid sample values.

use super::operations::{request_field_info, OperationNames};
use super::paging::page_response;
use super::samples::Samples;
use super::types::{ident, type_ident};
use crate::ir::{conform, Operation, Service};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

/// The example program for `op`, or `None` when no valid input can be made.
pub fn example(
    name: &str,
    op: &Operation,
    op_names: &OperationNames,
    method: &str,
    pages_method: Option<&str>,
    service: &Service,
    krate: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let input = super::tests::raw(&serde_json::to_string_pretty(&input(op, service)?).ok()?);
    let module = ident(&names::module_name(&service.id));
    let request = type_ident(&op_names.request);
    let call = match (pages_method, page_response(op, service)) {
        (Some(pages), Some(_)) => {
            let pages = ident(pages);
            quote! {
                let mut pages = client.#pages(request);
                while let Some(page) = pages.next().await {
                    let page = page?;
                    println!("page (request id {})", page.request_id().unwrap_or("-"));
                    println!("{:#?}", page.into_inner());
                }
            }
        }
        _ => {
            let method = ident(method);
            quote! {
                let output = client.#method(&request).await?;
                println!("status {}, request id {}", output.status(), output.request_id().unwrap_or("-"));
                println!("{:#?}", output.into_inner());
            }
        }
    };
    let about = format!(
        "`{}` end to end. Set `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and \
         `HUAWEICLOUD_SDK_PROJECT_ID` (and optionally `HWCLOUD_REGION` or \
         `HWCLOUD_ENDPOINT`), then `cargo run --example {}`.",
        op.id, name
    );
    let about = super::docs::inner_doc(&about);
    // In the order `cargo fmt` keeps them.
    let mut uses = [
        (module.to_string(), quote! { use #krate::#module; }),
        (
            "runtime".to_owned(),
            quote! { use #krate::runtime::Config; },
        ),
    ];
    uses.sort_by(|a, b| a.0.cmp(&b.0));
    let uses = uses.map(|(_, tokens)| tokens);
    Some(quote! {
        #about
        #( #uses )*

        // Formatted by the generator; `cargo fmt` would disagree.
        #[rustfmt::skip]
        #[tokio::main(flavor = "current_thread")]
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let config = Config::from_env()?;
            let client = #module::Client::new(&config)?;
            let request: #module::#request = serde_json::from_str(#input)?;
            #call
            Ok(())
        }
    })
}

/// Required parameters with valid values, and the body.
fn input(op: &Operation, service: &Service) -> Option<Value> {
    let samples = Samples::new(service);
    let mut input = Map::new();
    for field in request_field_info(op) {
        if field.label == "body" {
            let documented = op.body.as_ref().and_then(|b| {
                b.examples
                    .iter()
                    .map(|e| &e.value)
                    .find(|v| conform(v, field.schema, service, "body").is_empty())
                    .cloned()
            });
            let body = match documented {
                Some(body) => body,
                None => samples.valid(field.schema)?,
            };
            input.insert("body".to_owned(), body);
        } else if field.required {
            let (_, wire) = field.label.split_once('.')?;
            input.insert(wire.to_owned(), samples.valid(field.schema)?);
        }
    }
    Some(Value::Object(input))
}
