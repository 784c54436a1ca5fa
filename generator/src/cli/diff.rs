//! `hwcloud-codegen diff OLD NEW`: what changed for users of the generated
//! client, and the version bump it needs. OLD and NEW are two specs, or two
//! folders of specs: the services of one crate, before and after.
//!
//! Exit codes: 0 when the report is printed and the `--fail-on` gate holds,
//! 1 when the gate trips, 2 when a spec cannot be read or compared (its
//! diagnostics are printed) or the current version cannot be read.

use clap::{Args, ValueEnum};
use hwcloud_codegen::diff::{self, version::VersionError, Level, Report, Version};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the current version comes from without `--current-version`: the
/// generated crate's manifest, when run from the checkout.
const GENERATED_MANIFEST: &str = "generated/Cargo.toml";

#[derive(Args)]
pub struct DiffArgs {
    /// The spec as it was, or a folder of the crate's specs (`*.json`).
    old: PathBuf,
    /// The spec as it is now, or the folder as it is now.
    new: PathBuf,
    /// Print a JSON document instead of text.
    #[arg(long)]
    json: bool,
    /// Only where the two disagree on what both have (operations and types
    /// of both): to check one spec against another that covers more or less
    /// of the API, such as `spec/swr.json` against the vendor's `swr.json`.
    #[arg(long)]
    common: bool,
    /// Exit 1 when the changes reach this level: `breaking` (a breaking
    /// change), `compatible` (any change that needs a new release of the
    /// crate), `any` (anything reported, even spec-only changes), `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = FailOn::Never)]
    fail_on: FailOn,
    /// The generated crate's version now, to name the next one (default:
    /// the `version` in generated/Cargo.toml, if there is one).
    #[arg(long, value_name = "X.Y.Z", value_parser = Version::parse)]
    current_version: Option<Version>,
    /// The crate is generated with `--features-per-tag`: which of its
    /// features compile each operation and type is compared too (a feature
    /// removed, or one that no longer compiles an operation or type, is
    /// breaking: a tag taken from an operation that keeps others, a first
    /// tag given to one, a schema that a tagged operation now reaches).
    #[arg(long)]
    features_per_tag: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Breaking,
    Compatible,
    Any,
    Never,
}

impl FailOn {
    /// Whether `report` trips the gate.
    fn trips(self, report: &Report) -> bool {
        match self {
            FailOn::Breaking => report.has_breaking(),
            FailOn::Compatible => report.level() >= Some(Level::Fix),
            FailOn::Any => !report.changes.is_empty(),
            FailOn::Never => false,
        }
    }
}

pub fn run(args: &DiffArgs) -> ExitCode {
    let options = diff::Options {
        features_per_tag: args.features_per_tag,
    };
    let compared = match (args.old.is_dir(), args.new.is_dir()) {
        (true, true) => diff::diff_folders(&args.old, &args.new, options),
        (false, false) => diff::diff_files(&args.old, &args.new, options),
        _ => return unusable("compare two specs, or two folders of specs"),
    };
    let report = match compared {
        Ok(report) if args.common => report.common(),
        Ok(report) => report,
        Err(err) => return unusable(&err.to_string()),
    };
    let current = match args.current_version {
        Some(version) => Some(version),
        None => match manifest_version(Path::new(GENERATED_MANIFEST)) {
            Ok(version) => version,
            Err(err) => return unusable(&err.to_string()),
        },
    };
    if args.json {
        println!("{:#}", diff::report::json(&report, current.as_ref()));
    } else {
        print!("{}", diff::report::text(&report, current.as_ref()));
    }
    if args.fail_on.trips(&report) {
        let gate = args
            .fail_on
            .to_possible_value()
            .map(|v| v.get_name().to_owned());
        eprintln!(
            "error: the changes trip --fail-on {}",
            gate.unwrap_or_default()
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The version in `manifest`, or `None` when there is no such file.
fn manifest_version(manifest: &Path) -> Result<Option<Version>, VersionError> {
    match std::fs::read_to_string(manifest) {
        Ok(text) => Version::from_cargo_toml(&text, &manifest.display().to_string()).map(Some),
        Err(_) if !manifest.exists() => Ok(None),
        Err(err) => Err(VersionError::Unreadable(format!(
            "{}: {err}",
            manifest.display()
        ))),
    }
}

fn unusable(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
