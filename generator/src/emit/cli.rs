//! What the `cli` feature of a generated crate adds: `src/cli.rs`, the
//! list of every service's operations for the runtime's command line, and
//! `src/main.rs`, the binary that runs it. The flags, checks and output are
//! the runtime's (`hwcloud_runtime::cli`), driven by the `OperationInfo`s
//! that [`super::mock`] writes.

use super::features::{GateTokens, Gates};
use super::types::{ident, type_ident};
use crate::ir::Service;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/cli.rs`: `app()` and `main()`.
pub fn cli_module(services: &[Service], gates: &[Gates], crate_name: &str) -> TokenStream {
    let about = format!("Calls the {} from a shell.", titles(services));
    let groups = services.iter().zip(gates).map(|(service, gates)| {
        let id = &service.names.command;
        let module = ident(&service.names.module);
        let title = format!("{} ({})", service.title, service.version);
        let commands = service
            .operations
            .iter()
            .map(|op| {
                let request = type_ident(&op.names.request);
                let command = if super::paging::is_paged(op, service) {
                    quote! { hwcloud_runtime::cli::Command::paged::<crate::#module::#request>() }
                } else {
                    quote! { hwcloud_runtime::cli::Command::of::<crate::#module::#request>() }
                };
                (gates.operation(op), command)
            })
            .collect();
        let commands =
            super::features::gated_vec(quote! { hwcloud_runtime::cli::Command }, commands);
        // Each service's commands, where its module is compiled.
        let cfg = gates.module.cfg();
        quote! {
            #cfg
            let app = app.service(#id, #title, crate::#module::SERVICE, #commands);
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
            let app = hwcloud_runtime::cli::App::new(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"), #about);
            #( #groups )*
            app
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

fn titles(services: &[Service]) -> String {
    let titles: Vec<&str> = services.iter().map(|s| s.title.as_str()).collect();
    titles.join(" and ")
}

/// `tests/cli.rs`: the binary end to end. Its `mock` prints where it
/// listens; every operation's subcommand answers `--help`, and those that
/// need no flags are called against the mock and succeed.
pub fn binary_test(services: &[Service], gates: &[Gates], crate_name: &str) -> TokenStream {
    let bin = format!("CARGO_BIN_EXE_{crate_name}");
    let rows = services.iter().zip(gates).flat_map(|(service, gates)| {
        let id = &service.names.command;
        service.operations.iter().map(move |op| {
            let command = &op.names.command;
            let runnable = !op.params.iter().any(|p| p.required && !p.auto_filled)
                && !op.body.as_ref().is_some_and(|b| b.required);
            // Whether the features compiled the command in.
            let gate = gates.operation_or_module(op);
            let enabled = match gate.predicate() {
                Some(predicate) => quote! { cfg!(#predicate) },
                None => quote! { true },
            };
            quote! { (#id, #command, #runnable, #enabled) }
        })
    });
    let docs = super::docs::inner_doc(&format!(
        "The `{crate_name}` binary end to end (the `cli` feature): its mock server, and \
         every operation's subcommand against it."
    ));
    let items = quote! {
        use std::io::BufRead;
        use std::process::{Child, Command, Output, Stdio};
        use std::time::Duration;

        const BIN: &str = env!(#bin);

        /// Every operation: service, subcommand, whether it runs without
        /// flags, and whether the features compiled it in.
        const OPERATIONS: &[(&str, &str, bool, bool)] = &[ #( #rows ),* ];

        /// The credential variables, cleared for the mock (it would check
        /// signatures against whatever the caller's shell holds).
        const CREDENTIALS: [&str; 4] = [
            "HUAWEICLOUD_SDK_AK",
            "HUAWEICLOUD_SDK_SK",
            "HUAWEICLOUD_SDK_PROJECT_ID",
            "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        ];

        /// A child process killed when the test ends, however it ends.
        struct Running(Child);

        impl Drop for Running {
            fn drop(&mut self) {
                let _ = self.0.kill();
                let _ = self.0.wait();
            }
        }

        fn cli(args: &[&str]) -> Output {
            let mut command = Command::new(BIN);
            for name in CREDENTIALS {
                command.env_remove(name);
            }
            command
                .args(args)
                .env("HUAWEICLOUD_SDK_AK", "AKTEST")
                .env("HUAWEICLOUD_SDK_SK", "SKtest")
                .env("HUAWEICLOUD_SDK_PROJECT_ID", "0123456789abcdef")
                .output()
                .expect("the binary runs")
        }

        #[test]
        fn the_binary_serves_a_mock_and_calls_every_operation() {
            let mut command = Command::new(BIN);
            for name in CREDENTIALS {
                command.env_remove(name);
            }
            let mut child = command
                .args(["mock", "--addr", "127.0.0.1:0"])
                .stdout(Stdio::piped())
                .spawn()
                .expect("the mock starts");
            let stdout = child.stdout.take().expect("piped stdout");
            let mock = Running(child);
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let mut line = String::new();
                let _ = std::io::BufReader::new(stdout).read_line(&mut line);
                let _ = sender.send(line);
            });
            let line = receiver
                .recv_timeout(Duration::from_secs(60))
                .expect("the mock prints where it listens within a minute");
            let url = line
                .trim()
                .strip_prefix("listening on ")
                .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
                .to_owned();

            for (service, operation, runnable, enabled) in OPERATIONS {
                if !enabled {
                    continue;
                }
                let help = cli(&[service, operation, "--help"]);
                assert!(help.status.success(), "{service} {operation} --help: {help:?}");
                if *runnable {
                    let called = cli(&[service, operation, "--endpoint", &url]);
                    assert!(
                        called.status.success(),
                        "{service} {operation}: {}",
                        String::from_utf8_lossy(&called.stderr)
                    );
                }
            }
            let usage = cli(&["no-such-service"]);
            assert_eq!(usage.status.code(), Some(2));
            drop(mock);
        }
    };
    let about = quote! {
        #![cfg(feature = "cli")]
        #docs
    };
    super::tests::skip_rustfmt(about, items)
}
