//! The naming plan (`generator/ir/src/plan/`) over every name in the vendor's
//! documents and the bench specs: in each scope no two items share a name,
//! every name is a valid Rust identifier, and the same input gives the same
//! names. Needs `../shared/` (skips without it).

use hwcloud_codegen::ir::{NamedKind, Service};
use hwcloud_codegen::names::is_keyword;
use hwcloud_tests::shared_or_skip;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[test]
fn every_scope_of_every_document_has_unique_valid_names() {
    let test = "every_scope_of_every_document_has_unique_valid_names";
    let Some(vendor) = shared_or_skip("vendor-openapi", test) else {
        return;
    };
    let Some(bench) = shared_or_skip("bench-specs", test) else {
        return;
    };
    let mut documents: Vec<PathBuf> = [vendor, bench]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    documents.sort();
    let (mut services, mut names, mut problems) = (0, 0, Vec::new());
    let mut refused = Vec::new();
    for document in &documents {
        let file = document.file_name().unwrap().to_string_lossy().into_owned();
        let Some(service) = hwcloud_codegen::load_file(document).service else {
            refused.push(file);
            continue;
        };
        services += 1;
        for (scope, list) in scopes(&service) {
            names += list.len();
            // Commands and flags are command-line words, not Rust.
            let words = scope.ends_with("flags") || scope == "commands";
            for problem in check(&list, words) {
                problems.push(format!("{file}: {scope}: {problem}"));
            }
        }
    }
    println!("{services} services, {names} names checked");
    // Refused as a whole: cce.json alone, which is not JSON.
    assert_eq!(refused, ["cce.json"]);
    assert!(services > 100, "{services}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The same document gives the same names, every time.
#[test]
fn the_same_document_gives_the_same_names() {
    let test = "the_same_document_gives_the_same_names";
    let Some(ecs) = shared_or_skip("vendor-openapi/ecs.json", test) else {
        return;
    };
    let first = hwcloud_codegen::load_file(&ecs).service.unwrap();
    let again = hwcloud_codegen::load_file(&ecs).service.unwrap();
    assert_eq!(scopes(&first), scopes(&again));
}

/// Every scope of a service: the name of the scope, and its names.
fn scopes(service: &Service) -> Vec<(String, Vec<String>)> {
    let owned = |names: Vec<&str>| names.into_iter().map(str::to_owned).collect();
    let mut scopes = vec![
        (
            "the service module's types".to_owned(),
            owned(hwcloud_codegen::plan::type_scope(service)),
        ),
        (
            "client methods".to_owned(),
            service
                .operations
                .iter()
                .map(|op| op.names.method.clone())
                .collect(),
        ),
        (
            "mock rules".to_owned(),
            service
                .operations
                .iter()
                .map(|op| op.names.mock_rule.clone())
                .collect(),
        ),
        (
            "operation modules".to_owned(),
            service
                .operations
                .iter()
                .map(|op| op.names.module.clone())
                .collect(),
        ),
        (
            "commands".to_owned(),
            service
                .operations
                .iter()
                .map(|op| op.names.command.clone())
                .collect(),
        ),
    ];
    for op in &service.operations {
        let mut fields: Vec<String> = op.names.param_fields.iter().flatten().cloned().collect();
        if op.body.is_some() {
            fields.push("body".to_owned());
        }
        scopes.push((format!("{} request fields", op.id), fields));
        let mut flags: Vec<String> = op
            .names
            .param_flags
            .iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect();
        flags.extend(op.names.body_flags.iter().map(|f| f.flag.clone()));
        scopes.push((format!("{} flags", op.id), flags));
        scopes.push((
            format!("{} path locals", op.id),
            op.names.path_locals.clone(),
        ));
        scopes.push((
            format!("{} answers", op.id),
            op.names.answer_variants.clone(),
        ));
        scopes.push((format!("{} errors", op.id), op.names.error_variants.clone()));
    }
    for ty in &service.types {
        let names = match &ty.kind {
            NamedKind::Struct(s) => s.fields.iter().map(|f| f.rust_name.clone()).collect(),
            NamedKind::StringEnum(values) => values.iter().map(|v| v.rust_name.clone()).collect(),
            NamedKind::IntegerEnum { values, .. } => {
                values.iter().map(|v| v.rust_name.clone()).collect()
            }
        };
        scopes.push((format!("{} members", ty.name), names));
    }
    scopes
}

/// What is wrong with one scope's names: duplicates, and names that are
/// not identifiers (for command-line `words`: not kebab case).
fn check(names: &[String], words: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            problems.push(format!("`{name}` twice"));
        }
        let valid = if words {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        } else {
            let plain = name.strip_prefix("r#").unwrap_or(name);
            plain
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && (name.starts_with("r#") || !is_keyword(plain))
                // Raw identifiers cannot be these.
                && !["_", "self", "Self", "super", "crate"].contains(&plain)
        };
        if !valid {
            problems.push(format!("`{name}` is not an identifier"));
        }
    }
    problems
}
