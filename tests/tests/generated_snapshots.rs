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
    let (files, _) =
        hwcloud_codegen::generate(&relative, &CrateOptions::checkout_default()).unwrap();
    for file in &files {
        let name = file.path.replace('/', "__");
        insta::assert_snapshot!(name, &file.contents);
    }
    // The committed crate is exactly this output (what `check` verifies).
    let drift = hwcloud_codegen::write::drift(&root.join("generated"), &files).unwrap();
    assert!(
        drift.is_empty(),
        "generated/ differs from the generator's output: {drift:?}"
    );
}
