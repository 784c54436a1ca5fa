//! A whole service: `../shared/bench-specs/hss-full.json` (582 operations,
//! 1099 schemas) generates a standalone crate whose library and boundary
//! tests compile without a single warning.
//!
//! Its 582 example programs are not built: each links a binary (11 minutes
//! and 50 GB of debug binaries here); the workspace builds the same
//! emitter's examples for `spec/`.
//!
//! Ignored in the default run (it compiles ~470k generated lines, and the
//! crate's dependencies once); `.ci/run` runs it explicitly:
//! `cargo test -p hwcloud-tests --test scale -- --ignored`.

use hwcloud_codegen::emit::{CrateOptions, RuntimeDependency};
use hwcloud_codegen::ir::{Answers, BodyEncoding, Service, Type};
use hwcloud_tests::{shared_or_skip, workspace_root};
use std::collections::BTreeMap;
use std::process::Command;

#[test]
#[ignore = "compiles a 450k-line crate; .ci/run runs it explicitly"]
fn hss_full_generates_every_operation_and_compiles_warning_free() {
    let test = "hss_full_generates_every_operation_and_compiles_warning_free";
    let Some(spec) = shared_or_skip("bench-specs/hss-full.json", test) else {
        return;
    };

    let lint = hwcloud_codegen::load_file(&spec);
    let service = lint
        .service
        .as_ref()
        .unwrap_or_else(|| panic!("{}", lint.diagnostics));
    assert_eq!(
        (
            lint.diagnostics.error_count(),
            lint.diagnostics.warning_count()
        ),
        (0, 0),
        "nothing is skipped or doubtful:\n{}",
        lint.diagnostics
    );
    assert_eq!(service.operations.len(), 582);
    let kinds = body_kinds(service);
    eprintln!("hss-full operations by body kind: {kinds:?}");
    // Every kind the spec uses is callable: JSON, one form upload, two
    // downloads (streamed on request); no body is left unsupported.
    assert_eq!(kinds["request: form (multipart/form-data)"], 1);
    assert_eq!(kinds["answer: file (application/octet-stream)"], 2);
    assert_eq!(
        kinds["request: JSON"] + kinds["request: none"] + 1,
        582,
        "{kinds:?}"
    );

    let root = workspace_root();
    let out = root.join("target").join("scale").join("hss-full");
    let mut options = CrateOptions::checkout_default();
    options.crate_name = "hss-full".to_owned();
    options.runtime = RuntimeDependency::path(root.join("runtime").display().to_string());
    let generated = hwcloud_codegen::generate(std::slice::from_ref(&spec), &options)
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(generated.operations, 582);
    hwcloud_codegen::write::write_files(&out, &generated.files).unwrap();
    // The workspace's lock file: the same dependency versions, nothing
    // resolved afresh.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();

    let build = Command::new(env!("CARGO"))
        .args(["build", "--lib", "--tests", "--message-format=short"])
        .current_dir(&out)
        // Its own target dir (the crate is not a workspace member), kept
        // between runs so dependencies compile once.
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("scale").join("target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "cargo build failed:\n{stderr}");
    // The one warning allowed is stable cargo's about the `[hints]` table
    // such a big crate carries for nightly cargo, which it ignores.
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("warning") && !line.contains("ignoring 'hints.mostly-unused'"))
        .collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
}

/// How many operations send each kind of request body, and answer with
/// each kind of success body.
fn body_kinds(service: &Service) -> BTreeMap<&'static str, usize> {
    let mut kinds = BTreeMap::new();
    for op in &service.operations {
        let request = match op.body.as_ref().map(|b| b.encoding) {
            None => "request: none",
            Some(BodyEncoding::Json) => "request: JSON",
            Some(BodyEncoding::Form) => "request: form (multipart/form-data)",
            Some(BodyEncoding::Bytes) => "request: bytes (application/octet-stream)",
        };
        *kinds.entry(request).or_insert(0) += 1;
        let answers = match op.answers() {
            Answers::Single(response) => vec![response],
            Answers::Several(responses) => responses,
        };
        for response in answers {
            let answer = match response.body.as_ref().map(|b| &b.schema.ty) {
                None => "answer: none",
                Some(Type::Binary) => "answer: file (application/octet-stream)",
                Some(_) => "answer: JSON",
            };
            *kinds.entry(answer).or_insert(0) += 1;
        }
    }
    kinds
}
