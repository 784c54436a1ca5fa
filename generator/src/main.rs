//! The `hwcloud-codegen` command line.

// Generation allocates and frees millions of small token and syntax-tree
// nodes; mimalloc makes `generate` about 30% faster than the system
// allocator on hss-full.json (bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

use clap::{Args, Parser, Subcommand};
use hwcloud_codegen::emit::{CrateOptions, RuntimeDependency};
use hwcloud_codegen::ir::CrateLinks;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
        /// Refuse instead of repairing: every shape read for what it clearly
        /// means, and every unknown `x-` extension, is an error, and no
        /// operation is left out (spec/README.md, "Tolerance").
        #[arg(long)]
        strict: bool,
    },
    /// Generate a client crate. Without arguments: every `spec/*.json` into
    /// `generated/` (run from the checkout).
    Generate(Target),
    /// Regenerate in memory and exit 1, naming each file, if the output
    /// directory is not exactly what `generate` would write.
    Check(Target),
    /// Compare two versions of a spec: every change that matters to users of
    /// the generated client, breaking or compatible, and the version bump
    /// the crate needs. Exits 1 when --fail-on trips, 2 when a spec is unusable.
    Diff(cli::diff::DiffArgs),
    /// Read API-reference pages (text exports) into OpenAPI: print a new
    /// document, or merge into a spec with --into. What a page lost or the
    /// importer cannot read is reported with its page line.
    Import(cli::import::ImportArgs),
}

#[derive(Args)]
struct Target {
    /// Spec files (default: every `spec/*.json`).
    #[arg(long = "spec", value_name = "FILE")]
    specs: Vec<PathBuf>,
    /// Where the crate goes (default: `generated`).
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
    /// The generated crate's name.
    #[arg(long, value_name = "NAME", default_value = "hwcloud-registry")]
    crate_name: String,
    /// The generated crate's version. Default for `generated/`: the one line
    /// of `spec/VERSION`, the single place the published crate's version is
    /// kept; elsewhere: the generator's own version.
    #[arg(long, value_name = "VERSION")]
    crate_version: Option<String>,
    /// Depend on `hwcloud-runtime` at this path (relative to the output
    /// directory) instead of by version only. Default for `generated/`: `../runtime`.
    #[arg(long, value_name = "PATH")]
    runtime_path: Option<String>,
    /// Generate the library only: no boundary tests under `tests/`, no
    /// programs under `examples/`.
    #[arg(long)]
    no_tests: bool,
    /// Generate only these operations (by `operationId`, comma-separated or
    /// repeated) and the types they reach.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    operations: Vec<String>,
    /// Generate only the operations with one of these tags (besides
    /// `--operations`).
    #[arg(long, value_name = "TAG,...", value_delimiter = ',')]
    tags: Vec<String>,
    /// Besides one cargo feature per service, one per tag of its operations
    /// (`<service>-<tag>`), so that a user compiles only the tags they turn
    /// on; the service's feature turns on all of its tags'.
    #[arg(long)]
    features_per_tag: bool,
    /// The crate's `repository` URL (default: the specs' `info.x-crate-links`).
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
    /// The crate's `homepage` URL (default: the specs' `info.x-crate-links`).
    #[arg(long, value_name = "URL")]
    homepage: Option<String>,
    /// The crate's `documentation` URL (default: the specs' `info.x-crate-links`).
    #[arg(long, value_name = "URL")]
    documentation: Option<String>,
}

impl Target {
    fn specs(&self) -> std::io::Result<Vec<PathBuf>> {
        if !self.specs.is_empty() {
            return Ok(self.specs.clone());
        }
        let mut specs: Vec<PathBuf> = std::fs::read_dir("spec")?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        specs.sort();
        Ok(specs)
    }

    fn options(&self) -> Result<CrateOptions, String> {
        let mut options = CrateOptions::checkout_default();
        let is_checkout_default = self.specs.is_empty() && self.out == Path::new("generated");
        options.runtime = match (&self.runtime_path, is_checkout_default) {
            (Some(path), _) => RuntimeDependency::path(path.clone()),
            (None, true) => options.runtime,
            (None, false) => RuntimeDependency::published(),
        };
        options.crate_name = self.crate_name.clone();
        options.version = match (&self.crate_version, is_checkout_default) {
            (Some(version), _) => version.clone(),
            (None, true) => checkout_version()?,
            (None, false) => env!("CARGO_PKG_VERSION").to_owned(),
        };
        options.tests = !self.no_tests;
        options.features_per_tag = self.features_per_tag;
        options.links = CrateLinks {
            repository: self.repository.clone(),
            homepage: self.homepage.clone(),
            documentation: self.documentation.clone(),
        };
        Ok(options)
    }

    /// Loads the specs and emits the crate in memory, printing warnings.
    fn emit(&self) -> Result<hwcloud_codegen::Generated, String> {
        let specs = self
            .specs()
            .map_err(|e| format!("cannot list spec/: {e}"))?;
        if specs.is_empty() {
            return Err("no spec files (pass --spec FILE, or run where spec/*.json is)".into());
        }
        let selection = hwcloud_codegen::ir::select::Selection {
            operations: self.operations.iter().cloned().collect(),
            tags: self.tags.iter().cloned().collect(),
        };
        let generated = hwcloud_codegen::generate_selected(&specs, &selection, &self.options()?)
            .map_err(|e| e.to_string())?;
        for report in &generated.diagnostics {
            eprint!("{report}");
        }
        Ok(generated)
    }
}

/// Where the version of the crate in `generated/` is kept.
const VERSION_FILE: &str = "spec/VERSION";

/// The version in `spec/VERSION`: `MAJOR.MINOR.PATCH`, optionally with a
/// pre-release suffix.
fn checkout_version() -> Result<String, String> {
    let text = std::fs::read_to_string(VERSION_FILE)
        .map_err(|e| format!("cannot read {VERSION_FILE}: {e}"))?;
    let version = text.trim();
    let core = version.split(['-', '+']).next().unwrap_or("");
    let numbers: Vec<&str> = core.split('.').collect();
    let valid = numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return Err(format!(
            "{VERSION_FILE}: {version:?} is not a version (MAJOR.MINOR.PATCH)"
        ));
    }
    Ok(version.to_owned())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { files, strict } => lint(&files, strict),
        Command::Generate(target) => generate(&target),
        Command::Check(target) => check(&target),
        Command::Diff(args) => cli::diff::run(&args),
        Command::Import(args) => cli::import::run(&args),
    }
}

fn generate(target: &Target) -> ExitCode {
    let started = Instant::now();
    let generated = match target.emit() {
        Ok(generated) => generated,
        Err(message) => return fail(&message),
    };
    let files = &generated.files;
    match hwcloud_codegen::write::write_files(&target.out, files) {
        Ok(written) => {
            let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
            let coverage = &generated.coverage;
            println!(
                "generated {} operations, {} types: {} files ({lines} lines) into {} in {:.0?} \
                 ({} changed, {} removed); boundary tests cover {} of {} documented rules",
                generated.operations,
                generated.types,
                files.len(),
                target.out.display(),
                started.elapsed(),
                written.changed.len(),
                written.removed.len(),
                coverage.covered,
                coverage.total(),
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(&format!("cannot write to {}: {err}", target.out.display())),
    }
}

fn check(target: &Target) -> ExitCode {
    let files = match target.emit() {
        Ok(generated) => generated.files,
        Err(message) => return fail(&message),
    };
    match hwcloud_codegen::write::drift(&target.out, &files) {
        Ok(differ) if differ.is_empty() => {
            println!(
                "{} is up to date ({} files)",
                target.out.display(),
                files.len()
            );
            ExitCode::SUCCESS
        }
        Ok(differ) => {
            eprintln!(
                "{} is not what `hwcloud-codegen generate` writes:",
                target.out.display()
            );
            for file in differ {
                eprintln!("  {file}");
            }
            ExitCode::FAILURE
        }
        Err(err) => fail(&format!("cannot read {}: {err}", target.out.display())),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn lint(files: &[PathBuf], strict: bool) -> ExitCode {
    let mut failed = false;
    for file in files {
        let loaded = if strict {
            hwcloud_codegen::load_file_strict(file)
        } else {
            hwcloud_codegen::load_file(file)
        };
        let d = &loaded.diagnostics;
        eprint!("{d}");
        let summary = match &loaded.service {
            Some(s) if s.left_out.is_empty() => {
                format!("{} operations, {} types", s.operations.len(), s.types.len())
            }
            Some(s) => format!(
                "{} operations, {} types; {} operation(s) left out",
                s.operations.len(),
                s.types.len(),
                s.left_out.len()
            ),
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
