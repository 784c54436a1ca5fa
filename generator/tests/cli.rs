//! The command line, run as a user runs it: `check` catches drift and names
//! the file; `generate --spec --out --crate-name` writes a standalone crate.

mod common;

use common::{codegen, workspace_root, Scratch};
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn check_names_the_file_that_drifted() {
    let scratch = Scratch::new("cli-check");
    let out = scratch.0.join("generated");
    copy_dir(&workspace_root().join("generated"), &out);
    let out_arg = out.to_str().unwrap();
    let args = [
        "check",
        "--spec",
        "spec/hss.json",
        "--spec",
        "spec/swr.json",
        "--out",
        out_arg,
        "--runtime-path",
        "../runtime",
    ];

    let clean = codegen(&args);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );

    let edited = out.join("src/hss/models.rs");
    let mut bytes = std::fs::read(&edited).unwrap();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'x' { b'y' } else { b'x' };
    std::fs::write(&edited, bytes).unwrap();

    let drifted = codegen(&args);
    assert_eq!(drifted.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&drifted.stderr);
    assert!(stderr.contains("src/hss/models.rs (differs)"), "{stderr}");
    assert!(!stderr.contains("src/swr/models.rs"), "{stderr}");
}

#[test]
fn generate_writes_a_standalone_crate() {
    let scratch = Scratch::new("cli-generate");
    let out = scratch.0.join("edge-client");
    let output = codegen(&[
        "generate",
        "--spec",
        "tests/fixtures/edge.json",
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "edge-client",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(
        summary.starts_with("generated 6 operations, 11 types: 27 files"),
        "{summary}"
    );
    assert!(
        summary.contains("boundary tests cover 33 of 34 documented rules"),
        "{summary}"
    );

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"edge-client\""), "{manifest}");
    // Outside this checkout the runtime comes from crates.io; the fixture
    // has patterns, so the runtime's regex engine is asked for.
    let runtime_line = format!(
        "hwcloud-runtime = {{ version = \"{}\", features = [\"patterns\"] }}",
        hwcloud_codegen::emit::RUNTIME_VERSION
    );
    assert!(manifest.contains(&runtime_line), "{manifest}");
    assert!(out.join("src/edge/operations/put_thing.rs").is_file());
    assert!(out.join("tests/edge_constraints.rs").is_file());
    // The `mock` and `cli` features: a mock per service, the binary and its test.
    for file in [
        "src/edge/mock.rs",
        "src/cli.rs",
        "src/main.rs",
        "tests/cli.rs",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    assert!(
        manifest.contains("required-features = [\"cli\"]"),
        "{manifest}"
    );

    // Cargo reads it as a package of its own.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let metadata = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    assert!(String::from_utf8_lossy(&metadata.stdout).contains("\"name\":\"edge-client\""));
}

#[test]
fn a_broken_spec_fails_with_its_diagnostics() {
    let scratch = Scratch::new("cli-broken");
    let spec = scratch.0.join("broken.json");
    std::fs::write(&spec, r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"head": {}}}}"#).unwrap();
    let output = codegen(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        scratch.0.join("out").to_str().unwrap(),
        "--crate-name",
        "broken",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("head"), "{stderr}");
    assert!(
        !scratch.0.join("out").exists(),
        "nothing is written for a broken spec"
    );
}

/// `generate --operations` keeps the named operations (and the types they
/// reach); an unknown name is an error with the close ones.
#[test]
fn generate_takes_part_of_a_spec() {
    let scratch = Scratch::new("cli-generate-selected");
    let out = scratch.0.join("edge-part");
    let run = |operations: &str| {
        let out = out.to_str().unwrap();
        codegen(&[
            "generate",
            "--spec",
            "tests/fixtures/edge.json",
            "--out",
            out,
            "--crate-name",
            "edge-part",
            "--no-tests",
            "--operations",
            operations,
        ])
    };
    let output = run("PutThing,create-thing");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(summary.starts_with("generated 2 operations"), "{summary}");
    assert!(out.join("src/edge/operations/put_thing.rs").is_file());
    assert!(!out.join("src/edge/operations/upload_file.rs").exists());

    let output = run("PutThng");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `PutThing`?"), "{stderr}");
}

/// Two specs of one service id make two services (`hss`, `hss2`), and each
/// service's files name the spec they came from.
#[test]
fn two_specs_of_one_id_each_name_their_own_source() {
    let scratch = Scratch::new("cli-same-id");
    let root = workspace_root();
    let mut other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("spec/swr.json")).unwrap())
            .unwrap();
    other["info"]["x-service-id"] = serde_json::json!("HSS");
    let other_path = scratch.0.join("other-hss.json");
    std::fs::write(&other_path, other.to_string()).unwrap();
    let specs = [root.join("spec/hss.json"), other_path.clone()];
    let options = hwcloud_codegen::emit::CrateOptions {
        tests: false,
        ..hwcloud_codegen::emit::CrateOptions::checkout_default()
    };
    let generated = hwcloud_codegen::generate(&specs, &options).unwrap();
    let header = |path: &str| {
        let file = generated.files.iter().find(|f| f.path == path).unwrap();
        file.contents.lines().next().unwrap().to_owned()
    };
    let first = header("src/hss/mod.rs");
    let second = header("src/hss2/mod.rs");
    assert!(
        first.contains("spec/hss.json") && !first.contains("other-hss"),
        "{first}"
    );
    assert!(second.contains("other-hss.json"), "{second}");
}
