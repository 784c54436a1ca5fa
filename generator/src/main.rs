//! The `hwcloud-codegen` command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hwcloud-codegen",
    version,
    about = "Generates typed Rust clients for Huawei Cloud APIs from OpenAPI 3.0 specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check spec files: report every error and warning with its location.
    /// Exits 1 if any file has errors.
    Lint {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { files } => lint(&files),
    }
}

fn lint(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        let loaded = hwcloud_codegen::load_file(file);
        let d = &loaded.diagnostics;
        eprint!("{d}");
        let summary = match &loaded.service {
            Some(s) => format!("{} operations, {} types", s.operations.len(), s.types.len()),
            None => "not usable".to_owned(),
        };
        eprintln!(
            "{}: {} error(s), {} warning(s); {summary}",
            file.display(),
            d.error_count(),
            d.warning_count()
        );
        failed |= d.has_errors();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
