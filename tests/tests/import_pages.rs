//! `hwcloud-codegen import` reads the vendor's five pages (from
//! `../shared/api-docs/`, never copied into the repo) into the same facts as
//! `spec/`: every difference is a fact the page lost, named in the import's
//! report, or one the spec took from elsewhere, listed here with the reason.

use hwcloud_codegen::import::facts::{facts, Facts};
use hwcloud_codegen::import::merge::merge;
use hwcloud_codegen::import::{import, FindingKind, Import, Page};
use hwcloud_tests::{shared_or_skip, workspace_root};
use serde_json::Value;

/// The five pages, or `None` (the test is skipped, with a notice) where
/// `../shared/` is absent.
fn pages(test: &str) -> Option<Vec<Page>> {
    let dir = shared_or_skip("api-docs", test)?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "the five documented pages");
    let pages = paths
        .into_iter()
        .map(|path| Page {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&path).unwrap(),
        })
        .collect();
    Some(pages)
}

fn spec(name: &str) -> Value {
    let path = workspace_root().join("spec").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Facts of `spec/` the pages do not state, and why the spec has them.
const FROM_ELSEWHERE: &[(&str, &str, &str)] = &[
    (
        "UpdateUserRepositoryAuth path repository",
        "minLength",
        REPOSITORY_RULES,
    ),
    (
        "UpdateUserRepositoryAuth path repository",
        "maxLength",
        REPOSITORY_RULES,
    ),
    (
        "UpdateUserRepositoryAuth path repository",
        "pattern",
        REPOSITORY_RULES,
    ),
];

const REPOSITORY_RULES: &str =
    "the page describes `repository` only as the image repository's name; \
     SWR's naming rules for it came with the issue that asked for the spec";

/// Whether the report says the page lost, or the importer could not read,
/// this fact: a finding about the subject (or an enclosing one) and about
/// this property, or about the subject as a whole.
fn named_in_report(imported: &Import, subject: &str, property: &str) -> bool {
    imported.report.findings.iter().any(|f| {
        let about_subject = f.subject.as_deref().is_some_and(|s| {
            subject == s
                || subject.starts_with(&format!("{s}."))
                || subject.starts_with(&format!("{s}["))
        });
        matches!(f.kind, FindingKind::Lost | FindingKind::Unreadable)
            && about_subject
            && f.fact.is_none_or(|fact| fact == property)
    })
}

#[test]
fn the_five_pages_import_to_the_facts_of_spec() {
    let Some(pages) = pages("the_five_pages_import_to_the_facts_of_spec") else {
        return;
    };
    let imported = import(&pages);
    let mut got = Facts::new();
    for document in &imported.documents {
        got.extend(facts(&document.document));
    }
    let operations: Vec<&str> = imported
        .documents
        .iter()
        .flat_map(|d| d.operations.iter().map(String::as_str))
        .collect();
    assert_eq!(operations.len(), 5, "{operations:?}\n{}", imported.report);
    let mut want = facts(&spec("hss.json"));
    want.extend(facts(&spec("swr.json")));

    let (mut agree, mut named, mut elsewhere) = (0, 0, 0);
    let mut problems = Vec::new();
    for ((subject, property), value) in &want {
        match got.get(&(subject.clone(), property.clone())) {
            Some(found) if found == value => agree += 1,
            Some(_) if named_in_report(&imported, subject, property) => named += 1,
            Some(found) => problems.push(format!(
                "differs: {subject} {property}: spec {value}, page {found}"
            )),
            None if named_in_report(&imported, subject, property) => named += 1,
            None if FROM_ELSEWHERE
                .iter()
                .any(|(s, p, _)| s == subject && p == property) =>
            {
                elsewhere += 1
            }
            None => problems.push(format!(
                "missing, not in the report: {subject} {property} = {value}"
            )),
        }
    }
    for ((subject, property), value) in &got {
        if !want.contains_key(&(subject.clone(), property.clone())) {
            problems.push(format!("extra: {subject} {property} = {value}"));
        }
    }
    println!(
        "{} facts in spec/: {agree} extracted alike, {named} lost or unread (named in the report), \
         {elsewhere} not on the pages; {} facts extracted",
        want.len(),
        got.len()
    );
    assert_eq!(agree + named + elsewhere, want.len());
    assert!(
        problems.is_empty(),
        "{}\n\nreport:\n{}",
        problems.join("\n"),
        imported.report
    );
}

#[test]
fn merging_the_five_pages_into_spec_changes_nothing() {
    let Some(pages) = pages("merging_the_five_pages_into_spec_changes_nothing") else {
        return;
    };
    let imported = import(&pages);
    for document in &imported.documents {
        let file = format!("{}.json", document.service.to_lowercase());
        let original = spec(&file);
        let mut merged = original.clone();
        let outcome = merge(&mut merged, document, &imported.report);
        assert_eq!(outcome.changes, Vec::<String>::new(), "{file}");
        assert_eq!(merged, original, "{file}");
        // What the pages lost is kept from the spec, and said so.
        assert!(!outcome.kept.is_empty());
    }
}

#[test]
fn merging_a_page_that_changed_updates_the_spec_and_lists_the_change() {
    let Some(mut pages) =
        pages("merging_a_page_that_changed_updates_the_spec_and_lists_the_change")
    else {
        return;
    };
    let add_registry = pages
        .iter_mut()
        .find(|p| p.text.contains("POST /v5/{project_id}/image/registries"))
        .expect("the AddRegistry page");
    // The vendor raises a limit and makes a field optional.
    add_registry.text = add_registry
        .text
        .replacen(
            "Range Length: 1 to 128 characters",
            "Range Length: 1 to 255 characters",
            1,
        )
        .replacen(
            "connect_cluster_id |\nYes |",
            "connect_cluster_id |\nNo |",
            1,
        );
    let imported = import(&pages);
    let document = imported
        .documents
        .iter()
        .find(|d| d.service == "HSS")
        .unwrap();
    let mut merged = spec("hss.json");
    let outcome = merge(&mut merged, document, &imported.report);
    assert_eq!(
        outcome.changes,
        vec![
            "AddRegistry body.registry_name: maxLength 128 -> 255 (schema AddRegistryRequestBody)".to_owned(),
            "AddRegistry body.connect_cluster_id: required true -> false (schema AddRegistryRequestBody)".to_owned(),
        ]
    );
    let body = &merged["components"]["schemas"]["AddRegistryRequestBody"];
    assert_eq!(body["properties"]["registry_name"]["maxLength"], 255);
    assert!(!body["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "connect_cluster_id"));
}

#[test]
fn each_imported_service_passes_the_linter() {
    let Some(pages) = pages("each_imported_service_passes_the_linter") else {
        return;
    };
    let imported = import(&pages);
    for document in &imported.documents {
        let text = serde_json::to_string(&document.document).unwrap();
        let loaded = hwcloud_codegen::load_str(&document.service, &text);
        assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    }
}
