//! The shape of the pipeline, pinned: emitters read the naming plan and
//! never make a name (no file of `emit/` uses `names.rs`), read the IR and
//! never the OpenAPI model, and no two
//! emitters depend on each other in a circle (a file's `super::<file>`
//! uses are its edges), so that a change to one emitter's helper does not
//! ripple back into it.

use std::collections::BTreeMap;
use std::path::Path;

fn emit_files() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn no_emitter_makes_a_name() {
    for (file, text) in emit_files() {
        for forbidden in ["crate::names", "names::"] {
            assert!(
                !text.contains(forbidden),
                "emit/{file}.rs uses `{forbidden}`: names come from the plan (crate::plan)"
            );
        }
    }
}

/// The IR is the emitters' only input: the OpenAPI model stays in
/// `hwcloud-codegen-ir`, which this crate reaches only as `spec` (it does
/// not depend on `openapiv3`, so a use of that would not even compile).
#[test]
fn no_emitter_reads_the_openapi_model() {
    for (file, text) in emit_files() {
        for forbidden in ["crate::spec", "spec::"] {
            assert!(
                !text.contains(forbidden),
                "emit/{file}.rs uses `{forbidden}`: emitters read the IR (crate::ir)"
            );
        }
    }
}

#[test]
fn emitters_depend_on_each_other_without_a_circle() {
    let files = emit_files();
    let edges: BTreeMap<&str, Vec<&str>> = files
        .iter()
        .map(|(file, text)| {
            let used = used_siblings(text);
            let mut uses: Vec<&str> = files
                .keys()
                .filter(|other| *other != file && used.contains(other))
                .map(String::as_str)
                .collect();
            uses.sort_unstable();
            (file.as_str(), uses)
        })
        .collect();
    // Depth-first, keeping the path: a file met again on it closes a circle.
    fn visit<'a>(
        file: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) {
        if done.contains(&file) {
            return;
        }
        if let Some(at) = path.iter().position(|f| *f == file) {
            let mut circle = path[at..].to_vec();
            circle.push(file);
            panic!("emitters in a circle: {}", circle.join(" -> "));
        }
        path.push(file);
        for next in edges.get(file).into_iter().flatten() {
            visit(next, edges, path, done);
        }
        path.pop();
        done.push(file);
    }
    let mut done = Vec::new();
    for file in edges.keys() {
        visit(file, &edges, &mut Vec::new(), &mut done);
    }
    // The test sees real edges: operations uses responses.
    assert!(edges["operations"].contains(&"responses"), "{edges:?}");
}

/// The sibling modules `text` names: `super::x::…`, `super::x;`, and each
/// first segment of a `use super::{x, y::z};` list.
fn used_siblings(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (at, _) in text.match_indices("super::") {
        let rest = &text[at + "super::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            used.extend(list.split(',').map(|item| {
                let item = item.trim();
                item[..item.find("::").unwrap_or(item.len())].to_owned()
            }));
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            used.push(rest[..end].to_owned());
        }
    }
    used
}
