//! What the `cli` feature of a generated crate adds: `src/cli.rs`, the
//! list of every service's operations for the runtime's command line, and
//! `src/main.rs`, the binary that runs it. The flags, checks and output are
//! the runtime's (`hwcloud_runtime::cli`), driven by the `OperationInfo`s
//! that [`super::mock`] writes.

use super::operations::OperationNames;
use super::types::{ident, type_ident};
use crate::ir::Service;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/cli.rs`: `app()` and `main()`.
pub fn cli_module(services: &[(&Service, Vec<OperationNames>)], crate_name: &str) -> TokenStream {
    let about = format!("Calls the {} from a shell.", titles(services));
    let groups = services.iter().map(|(service, op_names)| {
        let module = ident(&names::module_name(&service.id));
        let id = names::command_name(&service.id);
        let title = format!("{} ({})", service.title, service.version);
        let commands = service.operations.iter().zip(op_names).map(|(op, names)| {
            let request = type_ident(&names.request);
            if super::paging::page(op, names, service).is_some() {
                quote! { hwcloud_runtime::cli::Command::paged::<super::#module::#request>() }
            } else {
                quote! { hwcloud_runtime::cli::Command::of::<super::#module::#request>() }
            }
        });
        quote! {
            .service(#id, #title, super::#module::SERVICE, vec![ #( #commands ),* ])
        }
    });
    let docs = super::docs::doc(&format!(
        "The command line: `{crate_name} <service> <operation> [--flag value]...`, and \
         `{crate_name} mock` for a local mock of every service. `--help` at any level lists \
         what is there."
    ));
    let module_docs = super::docs::inner_doc(
        "The command line (the `cli` feature): one subcommand per service and operation.",
    );
    quote! {
        #module_docs

        #docs
        pub fn app() -> hwcloud_runtime::cli::App {
            hwcloud_runtime::cli::App::new(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"), #about)
                #( #groups )*
        }

        /// Runs the command line of this process (what the binary's `main` does).
        pub fn main() -> std::process::ExitCode {
            hwcloud_runtime::cli::main(app())
        }
    }
}

/// `src/main.rs`.
pub fn main_rs(crate_name: &str) -> TokenStream {
    let krate = ident(&crate_name.replace('-', "_"));
    let docs = super::docs::inner_doc("The command line of this crate (`--features cli`).");
    quote! {
        #docs
        #![forbid(unsafe_code)]

        fn main() -> std::process::ExitCode {
            #krate::cli::main()
        }
    }
}

fn titles(services: &[(&Service, Vec<OperationNames>)]) -> String {
    let titles: Vec<&str> = services.iter().map(|(s, _)| s.title.as_str()).collect();
    titles.join(" and ")
}
