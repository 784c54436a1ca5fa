//! Inputs the fuzz targets (`fuzz/`) once crashed on, replayed: each must
//! now give a result, not a panic. One folder per target.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_importer_reads_every_page_that_once_crashed_it() {
    let inputs = inputs("import");
    assert!(!inputs.is_empty());
    for (name, bytes) in inputs {
        let page = hwcloud_codegen::import::Page {
            name: name.clone(),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        };
        // A table with neither caption nor headings used to index the
        // first heading for its line number.
        let imported = hwcloud_codegen::import::import(&[page]);
        // Object types inside each other many times over (a 1.4 KB page)
        // used to report the notes of their rows at every place, 780 000
        // findings in 600 MB; each type's rows are reported once now.
        assert!(
            imported.report.findings.len() < 1_000,
            "{name}: {} findings",
            imported.report.findings.len()
        );
        for document in &imported.documents {
            let facts = hwcloud_codegen::import::facts::facts(&document.document);
            assert!(facts.len() < 10_000, "{name}: {} facts", facts.len());
        }
    }
}
