//! The vendor's own OpenAPI documents (`../shared/vendor-openapi/`, one per
//! service) are read as written: every one that is JSON gives a service,
//! at least 98% of all operations are generated, each operation left out
//! says where and why, and nothing panics, strict or not.
//!
//! Generating and compiling every crate is `scripts/vendor_corpus.py`
//! (`.ci/run` runs it); this test is the in-process part.

use hwcloud_codegen::diagnostics::Location;
use hwcloud_codegen::{load_file, load_file_strict};
use hwcloud_tests::{shared_or_skip, workspace_root};
use std::path::PathBuf;

fn documents(test: &str) -> Option<Vec<PathBuf>> {
    let dir = shared_or_skip("vendor-openapi", test)?;
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    docs.sort();
    Some(docs)
}

#[test]
fn every_document_gives_a_service_and_almost_every_operation() {
    let Some(docs) = documents("every_document_gives_a_service_and_almost_every_operation") else {
        return;
    };
    assert!(docs.len() >= 100, "{} documents", docs.len());
    let (mut generated, mut left_out, mut not_json) = (0, 0, Vec::new());
    for doc in &docs {
        let loaded = load_file(doc);
        let Some(service) = loaded.service else {
            // Only a file that is not JSON at all is refused, with line and column.
            let first = loaded.diagnostics.iter().next().unwrap();
            assert!(
                matches!(first.location, Location::LineColumn { .. })
                    && first.message.contains("not valid JSON"),
                "{}",
                loaded.diagnostics
            );
            not_json.push(doc.file_name().unwrap().to_string_lossy().into_owned());
            continue;
        };
        assert!(!service.operations.is_empty(), "{}", doc.display());
        generated += service.operations.len();
        left_out += service.left_out.len();
        for left in &service.left_out {
            assert!(
                left.reason.contains("(at /"),
                "{}: {left:?} says where",
                doc.display()
            );
        }
    }
    assert_eq!(not_json, ["cce.json"]);
    let share = generated as f64 / (generated + left_out) as f64;
    eprintln!(
        "{generated} operations generated, {left_out} left out ({:.1}%)",
        share * 100.0
    );
    assert!(share >= 0.98, "{generated} generated, {left_out} left out");
}

#[test]
fn the_strict_reading_refuses_without_panicking() {
    let Some(docs) = documents("the_strict_reading_refuses_without_panicking") else {
        return;
    };
    let mut refused = 0;
    for doc in &docs {
        let loaded = load_file_strict(doc);
        match loaded.service {
            // Strict: nothing repaired, nothing left out.
            Some(service) => {
                assert!(service.left_out.is_empty(), "{}", doc.display());
                assert_eq!(loaded.diagnostics.error_count(), 0);
            }
            None => refused += 1,
        }
    }
    // Most of the vendor's documents carry Swagger leftovers or other repairs.
    eprintln!("strict: {refused} of {} documents refused", docs.len());
    assert!(refused > docs.len() / 2, "{refused}");
}

#[test]
fn our_swr_spec_and_the_vendors_disagree_where_the_sdk_says_so() {
    let Some(dir) = shared_or_skip(
        "vendor-openapi/swr.json",
        "our_swr_spec_and_the_vendors_disagree_where_the_sdk_says_so",
    ) else {
        return;
    };
    let ours = workspace_root().join("spec/swr.json");
    let report = hwcloud_codegen::diff::diff_files(&ours, &dir, Default::default())
        .unwrap()
        .common();
    let locations: Vec<&str> = report.changes.iter().map(|c| c.location.as_str()).collect();
    // The vendor's document wraps the array body of UpdateUserRepositoryAuth
    // in an object; our spec (and the SDK) send the array itself.
    assert!(
        locations.contains(&"UpdateUserRepositoryAuth request body"),
        "{locations:#?}"
    );
    // Nothing only one side has: operations and types of one side only.
    let one_sided = [
        "operation-added",
        "operation-removed",
        "type-added",
        "type-removed",
    ];
    assert!(
        report
            .changes
            .iter()
            .all(|c| !one_sided.contains(&c.kind.as_str())),
        "{locations:#?}"
    );
}
