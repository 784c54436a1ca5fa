//! `hwcloud-codegen import PAGE...`: API-reference pages into OpenAPI.

use clap::Args;
use hwcloud_codegen::import::{self, FindingKind, Import, Page, ServiceDocument};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// Pages exported as text (one table cell per line).
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Merge into this spec and write it back, keeping what the pages do not
    /// state; prints every change. Without it, prints a new document.
    #[arg(long, value_name = "SPEC", conflicts_with = "out")]
    into: Option<PathBuf>,
    /// Write one document per service (`hss.json`, …) into this directory
    /// instead of printing. Needed when the pages cover several services.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Exit 1 if the report has anything lost or unreadable.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: &ImportArgs) -> ExitCode {
    let mut pages = Vec::new();
    for path in &args.pages {
        match std::fs::read_to_string(path) {
            Ok(text) => pages.push(Page {
                name: path.display().to_string(),
                text,
            }),
            Err(err) => return fail(&format!("cannot read {}: {err}", path.display())),
        }
    }
    let imported = import::import(&pages);
    eprint!("{}", imported.report);
    let written = match (&args.into, &args.out) {
        (Some(spec), _) => merge_into(spec, &imported),
        (None, Some(dir)) => write_documents(dir, &imported.documents),
        (None, None) => print_document(&imported.documents),
    };
    if let Err(message) = written {
        return fail(&message);
    }
    let operations: usize = imported.documents.iter().map(|d| d.operations.len()).sum();
    let count = |kind| imported.report.of_kind(kind).count();
    let (lost, unreadable) = (count(FindingKind::Lost), count(FindingKind::Unreadable));
    eprintln!(
        "imported {operations} operation(s) from {} page(s): {lost} fact(s) lost by the pages, \
         {unreadable} unreadable, {} repaired, {} hint(s)",
        pages.len(),
        count(FindingKind::Repaired),
        count(FindingKind::Hint),
    );
    if args.strict && lost + unreadable > 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn print_document(documents: &[ServiceDocument]) -> Result<(), String> {
    match documents {
        [] => Err("no operation could be imported".into()),
        [only] => {
            println!("{}", to_json(&only.document)?);
            Ok(())
        }
        several => Err(format!(
            "the pages cover {} services ({}); pass --out DIR to write one document each",
            several.len(),
            several
                .iter()
                .map(|d| d.service.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn write_documents(dir: &Path, documents: &[ServiceDocument]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for document in documents {
        let path = dir.join(format!("{}.json", document.service.to_lowercase()));
        write(&path, &document.document)?;
        eprintln!(
            "wrote {} ({} operation(s))",
            path.display(),
            document.operations.len()
        );
    }
    Ok(())
}

fn merge_into(spec_path: &Path, imported: &Import) -> Result<(), String> {
    let text = std::fs::read_to_string(spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let mut spec: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not JSON: {e}", spec_path.display()))?;
    let service = spec["info"]["x-service-id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut merged_any = false;
    for document in &imported.documents {
        if !document.service.eq_ignore_ascii_case(&service) {
            eprintln!(
                "not merged: {} (service {}) does not belong in {} (service {service})",
                document.operations.join(", "),
                document.service,
                spec_path.display()
            );
            continue;
        }
        let merged = import::merge::merge(&mut spec, document, &imported.report);
        for change in &merged.changes {
            println!("changed: {change}");
        }
        for kept in &merged.kept {
            println!("kept: {kept}");
        }
        merged_any = true;
    }
    if !merged_any {
        return Err(format!(
            "no page belongs to the service of {}",
            spec_path.display()
        ));
    }
    write(spec_path, &spec)?;
    eprintln!(
        "wrote {}; next: hwcloud-codegen lint {}",
        spec_path.display(),
        spec_path.display()
    );
    Ok(())
}

fn to_json(value: &serde_json::Value) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| format!("cannot write JSON: {e}"))
}

fn write(path: &Path, value: &serde_json::Value) -> Result<(), String> {
    let text = to_json(value)? + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
