//! The build-script API: what `Builder::generate_to` writes, when it leaves
//! the output alone, and how it reports a bad spec.

mod common;

use common::Scratch;
use hwcloud_codegen::{BuildError, Builder};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("spec")
        .join(name)
}

fn builder() -> Builder {
    Builder::new()
        .spec(spec("hss.json"))
        .spec(spec("swr.json"))
        .cargo_output(false)
}

#[test]
fn writes_one_includable_file_with_a_module_per_service() {
    let out = Scratch::new("builder-writes");
    let path = builder().generate_to(&out.0).unwrap();
    assert_eq!(path, out.0.join("hwcloud_client.rs"));
    let text = std::fs::read_to_string(&path).unwrap();
    let file = syn::parse_file(&text).expect("the output parses as Rust");
    assert!(
        file.attrs.is_empty(),
        "include! refuses inner attributes at the top of the file"
    );
    let modules: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) => {
                assert!(
                    m.content.is_some(),
                    "`mod {};` would look for a file",
                    m.ident
                );
                Some(m.ident.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(modules, ["hss", "swr"]);
    assert!(
        !text.contains("crate::"),
        "paths must work below any module"
    );
    assert!(text.contains("pub struct ListRegistryRequest"));
}

#[test]
fn leaves_identical_output_untouched_and_rewrites_changed_output() {
    let out = Scratch::new("builder-untouched");
    let path = builder().generate_to(&out.0).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    builder().generate_to(&out.0).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);

    std::fs::write(&path, "stale").unwrap();
    builder().generate_to(&out.0).unwrap();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("pub mod hss"));
}

#[test]
fn file_name_is_configurable() {
    let out = Scratch::new("builder-name");
    let path = builder()
        .file_name("registry.rs")
        .generate_to(&out.0)
        .unwrap();
    assert_eq!(path, out.0.join("registry.rs"));
    assert!(path.exists());
}

#[test]
fn a_bad_spec_is_reported_with_file_location_and_message() {
    let out = Scratch::new("builder-bad");
    let bad = out.0.join("bad.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec("hss.json")).unwrap()).unwrap();
    doc["paths"]["/v5/{project_id}/image/registries"]["get"]["parameters"][0] =
        serde_json::json!({"name": "session", "in": "cookie", "schema": {"type": "string"}});
    std::fs::write(&bad, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    // Read as it is, the operation is left out and the rest generates.
    let code = Builder::new()
        .spec(&bad)
        .cargo_output(false)
        .generate()
        .unwrap();
    assert!(!code.contains("pub struct ListRegistryRequest"));
    assert!(code.contains("`ListRegistry` (GET `/v5/{project_id}/image/registries`): cookie parameters are not supported (at /paths/~1v5~1{project_id}~1image~1registries/get/parameters/0/in)"), "the module docs list it");

    let err = Builder::new()
        .spec(&bad)
        .strict(true)
        .cargo_output(false)
        .generate_to(&out.0)
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, BuildError::Generate(_)), "{err:?}");
    assert!(
        text.contains(&format!(
            "{}#/paths/~1v5~1{{project_id}}~1image~1registries/get/parameters/0",
            bad.display()
        )),
        "{text}"
    );
    assert!(!out.0.join("hwcloud_client.rs").exists());
}

#[test]
fn missing_specs_are_errors_not_empty_clients() {
    let err = Builder::new().cargo_output(false).generate().unwrap_err();
    assert!(matches!(err, BuildError::NoSpecs), "{err:?}");
    let err = Builder::new()
        .spec("no/such/spec.json")
        .cargo_output(false)
        .generate()
        .unwrap_err();
    assert!(err.to_string().contains("no/such/spec.json"), "{err}");
}

/// `operations` and `tags` keep what is asked for and the types it reaches;
/// a service left with nothing is dropped; an unknown name is an error with
/// the close ones.
#[test]
fn a_selection_generates_only_what_is_asked_for() {
    let text = builder().operations(["ListRegistry"]).generate().unwrap();
    assert!(text.contains("pub struct ListRegistryRequest"));
    assert!(
        !text.contains("pub struct AddRegistryRequest"),
        "not selected"
    );
    assert!(
        !text.contains("AddRegistryRequestBody"),
        "reached by AddRegistry only"
    );
    assert!(
        !text.contains("pub mod swr"),
        "no operation of swr was asked for"
    );
    let whole = builder().generate().unwrap();
    assert!(
        text.len() * 3 < whole.len(),
        "{} of {}",
        text.len(),
        whole.len()
    );

    let tagged = builder().tags(["ImageRegistry"]).generate().unwrap();
    for op in ["ListRegistry", "AddRegistry", "UpdateRegistry"] {
        assert!(tagged.contains(&format!("pub struct {op}Request")), "{op}");
    }

    let err = builder()
        .operations(["ListRegistri", "NoSuchThing"])
        .generate()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no operation `ListRegistri`; did you mean `ListRegistry`?"),
        "{err}"
    );
    assert!(err.contains("no operation `NoSuchThing`"), "{err}");
    let err = builder()
        .tags(["ImageRegistri"])
        .generate()
        .unwrap_err()
        .to_string();
    assert!(err.contains("did you mean `ImageRegistry`?"), "{err}");
}

/// Services are named as one crate before the selection: a service whose
/// module is moved aside (`hss2`) keeps that name when the other one is
/// left out by the selection, so asking for more or fewer operations never
/// renames a module.
#[test]
fn a_selection_renames_no_service() {
    let out = Scratch::new("builder-selection-names");
    let mut twin: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec("swr.json")).unwrap()).unwrap();
    twin["info"]["x-service-id"] = "hss".into();
    let twin_path = out.0.join("twin.json");
    std::fs::write(&twin_path, twin.to_string()).unwrap();
    let both = || {
        Builder::new()
            .spec(spec("hss.json"))
            .spec(&twin_path)
            .cargo_output(false)
    };
    let whole = both().generate().unwrap();
    assert!(whole.contains("pub mod hss {") && whole.contains("pub mod hss2 {"));
    let selected = both()
        .operations(["UpdateUserRepositoryAuth"])
        .generate()
        .unwrap();
    assert!(selected.contains("pub mod hss2 {"), "kept its name");
    assert!(!selected.contains("pub mod hss {"), "left out");
}

/// A `format: password` query or header parameter is sent through the
/// encoder's secret setters, which mark it for hooks and dry runs.
#[test]
fn secret_parameters_are_encoded_as_secrets() {
    let out = Scratch::new("builder-secret-params");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(spec("hss.json")).unwrap()).unwrap();
    let list = doc["paths"]["/v5/{project_id}/image/registries"]["get"]["parameters"]
        .as_array_mut()
        .unwrap();
    for (name, location) in [("api_key", "query"), ("X-Api-Key", "header")] {
        list.push(serde_json::json!({
            "name": name, "in": location, "required": false,
            "schema": {"type": "string", "format": "password"}
        }));
    }
    let path = out.0.join("hss.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let code = Builder::new()
        .spec(&path)
        .cargo_output(false)
        .generate()
        .unwrap();
    assert!(code.contains(r#"request.secret_query("api_key""#), "query");
    assert!(
        code.contains(r#"request.secret_header("X-Api-Key""#),
        "header"
    );
    assert!(
        code.contains(r#"request.query("limit""#),
        "others as before"
    );
}

/// The only runtime items behind a feature that an included client names
/// are the regex engine's (`patterns`): code from a spec without patterns
/// names none of them, so it compiles against the runtime with its default
/// features off (README, "Generating the client in `build.rs`").
#[test]
fn code_without_patterns_needs_no_regex_engine() {
    for name in ["hss.json", "swr.json"] {
        let loaded = hwcloud_codegen::load_file(&spec(name));
        let has_patterns = loaded.service.unwrap().has_patterns();
        let code = Builder::new()
            .spec(spec(name))
            .cargo_output(false)
            .generate()
            .unwrap();
        // `check::pattern` takes a `Pattern`: the type is named wherever
        // the engine is.
        let names_engine = code.contains("Pattern");
        assert_eq!(names_engine, has_patterns, "{name}");
    }
}
