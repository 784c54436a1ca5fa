//! `examples/<op>.rs`: each operation end to end, with credentials from the
//! environment. The request is made with the typed API (the client's
//! fluent method, setters by name, nested builders), from the documented
//! body example where it meets the spec, else valid sample values.

use super::operations::request_field_info;
use super::samples::Samples;
use super::types::ident;
use super::values::Values;
use crate::ir::{conform, Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

/// The example program for `op`, or `None` when no valid input can be made.
pub fn example(
    name: &str,
    op: &Operation,
    paged: bool,
    service: &Service,
    krate: &proc_macro2::Ident,
) -> Option<TokenStream> {
    let module = ident(&service.names.module);
    let values = Values::in_program(service, krate);
    let request = call_chain(op, &values)?;
    let call = if paged {
        quote! {
            let mut pages = #request.pages();
            while let Some(page) = pages.next().await {
                let page = page?;
                println!("page (request id {})", page.request_id().unwrap_or("-"));
                println!("{:#?}", page.into_inner());
            }
        }
    } else {
        quote! {
            let output = #request.send().await?;
            println!("status {}, request id {}", output.status(), output.request_id().unwrap_or("-"));
            println!("{:#?}", output.into_inner());
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
    let krate = super::values::crate_path(krate, &service.names.module);
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
            #call
            Ok(())
        }
    })
}

/// `client.op().a(..).body(..)`: the client's fluent method with the
/// required parameters and the body set to valid values, unsent.
pub fn call_chain(op: &Operation, values: &Values) -> Option<TokenStream> {
    let input = input(op, values.service)?;
    let method = ident(&op.names.method);
    let mut setters = Vec::new();
    for field in request_field_info(op, &op.names) {
        let wire = match field.label.split_once('.') {
            Some((_, wire)) => wire,
            None => field.label.as_str(),
        };
        let Some(value) = input.get(wire) else {
            continue;
        };
        let setter = field.ident;
        let argument = values.argument(field.schema, value)?;
        setters.push(quote! { .#setter(#argument) });
    }
    Some(quote! { client.#method() #( #setters )* })
}

/// Required parameters with valid values, and the body, by wire name.
fn input(op: &Operation, service: &Service) -> Option<Map<String, Value>> {
    let samples = Samples::new(service);
    let mut input = Map::new();
    for field in request_field_info(op, &op.names) {
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
    Some(input)
}
