//! Every file the generator writes for `spec/` is pinned by an insta
//! snapshot: a change to the generated crate shows up as a snapshot diff to
//! review, beside the change to the generator or the spec that caused it.

use hwcloud_codegen::emit::CrateOptions;
use hwcloud_tests::workspace_root;

#[test]
fn generated_crate_for_spec() {
    let root = workspace_root();
    let specs = [root.join("spec/hss.json"), root.join("spec/swr.json")];
    // The committed crate names its sources relative to the checkout.
    std::env::set_current_dir(&root).unwrap();
    let relative: Vec<_> = specs
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    let files = hwcloud_codegen::generate(&relative, &CrateOptions::checkout_default())
        .unwrap()
        .files;
    let mut names = Vec::new();
    for file in &files {
        let name = file.path.replace('/', "__");
        insta::assert_snapshot!(name.as_str(), &file.contents);
        names.push(format!("generated_snapshots__{name}.snap"));
    }
    // A snapshot of a file the generator no longer writes is stale.
    let stale: Vec<String> = std::fs::read_dir(root.join("tests/tests/snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("generated_snapshots__") && n.ends_with(".snap"))
        .filter(|n| !names.contains(n))
        .collect();
    assert!(stale.is_empty(), "stale snapshots: {stale:?}");
    // The committed crate is exactly this output (what `check` verifies).
    let drift = hwcloud_codegen::write::drift(&root.join("generated"), &files).unwrap();
    assert!(
        drift.is_empty(),
        "generated/ differs from the generator's output: {drift:?}"
    );
}
