//! The quick start that opens the generated crate's README (and so its
//! crate docs, which include the README): credentials, a client, a call
//! with the typed API, an error match, paging. It is a `no_run` doctest,
//! so `cargo test` compiles it against the crate it documents.
//!
//! The calls come from the spec: the first operation that takes a body
//! (the builders show best there), else the first operation, and the first
//! paged operation; their values are the examples' ([`super::examples`]).

use super::examples::call_chain;
use super::features::{Gate, Gates};
use super::values::Values;
use super::{format, paging, types};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// The README section, or `None` when no service has an operation whose
/// request can be written out.
pub fn section(services: &[Service], crate_name: &str) -> Option<String> {
    let krate = types::ident(&crate_name.replace('-', "_"));
    let (_, service, call, paged) = shown(services)?;
    let module = types::ident(&service.names.module);
    let values = Values::in_program(service, &krate);
    // The crate as the program names it (see `values::crate_path`).
    let krate = super::values::crate_path(&krate, &service.names.module)
        .to_string()
        .replace(' ', "");
    let call = call_chain(call, &values)?;
    let paged = paged.and_then(|op| call_chain(op, &values));

    // The runtime fills a `{region}` server variable from the config; a
    // variable without a default must be given one (here, from the
    // environment, which `Config::from_env` reads).
    let region = service
        .servers
        .first()
        .and_then(|s| s.variables.iter().find(|v| v.name == "region"))
        .map(|v| match v.default.as_str() {
            "" => ";\n    // The region: HWCLOUD_REGION, or `.with_region(\"...\")`.".to_owned(),
            default => format!(".with_region(\"{default}\");"),
        })
        .unwrap_or_else(|| ";".to_owned());
    let call = statements(quote! { let result = #call.send().await; })?;
    let paging = match paged {
        Some(paged) => {
            let pages = statements(quote! { let mut pages = #paged.pages(); })?;
            format!(
                "\n    // Paging: one call per page, each request made from the page before.\n\
                 {pages}\
                 \x20   while let Some(page) = pages.next().await {{\n\
                 \x20       println!(\"{{:#?}}\", page?.into_inner());\n\
                 \x20   }}\n"
            )
        }
        None => String::new(),
    };
    Some(format!(
        r#"## Quick start

```rust,no_run
use {krate}::{module};
use {krate}::runtime::{{Config, Error}};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
    // Credentials from the vendor SDKs' default chain: HUAWEICLOUD_SDK_AK and
    // _SK (with _PROJECT_ID, _DOMAIN_ID, _SECURITY_TOKEN), else the file
    // ~/.huaweicloud/credentials, else the ECS metadata service. To give keys
    // as values: `Config::new(Credentials::access_key(ak, sk))`.
    let config = Config::from_env()?{region}
    // One client per service; clones share their connections.
    let client = {module}::Client::new(&config)?;

    // A call: the request's fields by name, then `send`. Nothing is sent
    // while a required field is unset or a value breaks a documented rule.
{call}    match result {{
        Ok(output) => println!("done: request id {{:?}}", output.request_id()),
        Err(Error::Build {{ source, .. }}) => eprintln!("not sent: {{source}}"),
        Err(Error::Invalid {{ violations, .. }}) => eprintln!("not sent: {{violations}}"),
        Err(err) => match err.service_error() {{
            Some(answer) => eprintln!(
                "refused: {{}} {{}} (request id {{:?}})",
                answer.error_code, answer.error_msg, answer.request_id
            ),
            None => return Err(err.into()),
        }},
    }}
{paging}    Ok(())
}}
```
"#
    ))
}

/// The service the quick start calls (and its index), its call, and its
/// paged call.
fn shown(services: &[Service]) -> Option<(usize, &Service, &Operation, Option<&Operation>)> {
    let (index, service) = services
        .iter()
        .enumerate()
        .find(|(_, s)| !s.operations.is_empty())?;
    let call = service
        .operations
        .iter()
        .find(|op| op.body.is_some())
        .unwrap_or(&service.operations[0]);
    let paged = service
        .operations
        .iter()
        .find(|op| paging::is_paged(op, service));
    Some((index, service, call, paged))
}

/// What the quick start needs compiled, where features decide it: its
/// service's module and the operations it calls (`gates` is `services`').
pub fn needs(services: &[Service], gates: &[Gates]) -> Vec<Gate> {
    let Some((index, _, call, paged)) = shown(services) else {
        return Vec::new();
    };
    let gates = &gates[index];
    let mut needs = vec![gates.operation(call)];
    needs.extend(paged.map(|op| gates.operation(op)));
    needs.retain(|gate| !gate.is_open());
    // An operation's gate implies its module's.
    if needs.is_empty() && !gates.module.is_open() {
        needs.push(gates.module.clone());
    }
    needs.dedup();
    needs
}

/// `tokens` (statements) formatted as the body of `main`: four spaces in.
fn statements(tokens: TokenStream) -> Option<String> {
    let text = format::rust_items("the quick start", quote! { fn main() { #tokens } }).ok()?;
    let body: String = text
        .lines()
        .skip(1)
        .take_while(|line| *line != "}")
        .map(|line| format!("{line}\n"))
        .collect();
    Some(body)
}
