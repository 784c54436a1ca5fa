//! The edge-case fixture spec (`tests/fixtures/edge.json`: keywords and odd
//! names, nested and repeated objects, maps, integer enums, `$ref` chains,
//! empty bodies, a `default` response) generates `tests/fixture-crate/`,
//! a standalone crate that depends on the runtime by path. That crate is a
//! workspace member, so `cargo test --workspace` compiles it and runs the
//! tests generated into it; this test pins its files and guards its drift.

use hwcloud_codegen::emit::{CrateOptions, RuntimeDependency};
use hwcloud_tests::workspace_root;

fn fixture_options() -> CrateOptions {
    CrateOptions {
        crate_name: "hwcloud-fixture-edge".to_owned(),
        runtime: RuntimeDependency::path("../../runtime"),
        // The crate where a feature per tag is compiled and checked.
        features_per_tag: true,
        ..CrateOptions::checkout_default()
    }
}

#[test]
fn fixture_crate_is_pinned_and_up_to_date() {
    let root = workspace_root();
    // The crate names its source relative to the checkout, as the CLI does.
    std::env::set_current_dir(&root).unwrap();
    let spec = std::path::PathBuf::from("tests/fixtures/edge.json");
    let generated = hwcloud_codegen::generate(&[spec], &fixture_options()).unwrap();

    // Both warnings are on purpose: examples with a field the schema does
    // not list. A response must still decode; a request drops the field.
    let warnings: Vec<String> = generated
        .diagnostics
        .iter()
        .flat_map(|d| d.iter().map(ToString::to_string))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("`body.owner.note` is not a field of `ThingOwner`"));
    assert!(warnings[1].contains("`body.unknownField` is not a field of `Thing`"));

    for file in &generated.files {
        let name = file.path.replace('/', "__");
        insta::assert_snapshot!(name.as_str(), &file.contents);
    }
    let drift =
        hwcloud_codegen::write::drift(&root.join("tests/fixture-crate"), &generated.files).unwrap();
    assert!(
        drift.is_empty(),
        "tests/fixture-crate is stale; run `cargo run -p hwcloud-codegen -- generate --spec tests/fixtures/edge.json --out tests/fixture-crate --crate-name hwcloud-fixture-edge --runtime-path ../../runtime --features-per-tag`: {drift:?}"
    );
}
