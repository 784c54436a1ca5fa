//! The README's Rust examples are code that compiles: each ```rust block of
//! its "Calling the service" section is, word for word, a region of
//! `tests/examples/calling_the_service.rs` (marked `// README: <name>` …
//! `// README end`), which `cargo test` builds; the block of "Testing your
//! code with the mock" is a region of `tests/tests/readme_mock.rs`, which
//! runs it.

use hwcloud_tests::workspace_root;

/// The marked regions of `source`, without the indentation they share.
fn regions(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in source.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix("// README: ") {
            current = Some((name.to_owned(), Vec::new()));
        } else if trimmed == "// README end" {
            let (name, lines) = current.take().expect("an end without a start");
            let indent = lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0);
            let text: Vec<&str> = lines
                .iter()
                .map(|l| l.get(indent..).unwrap_or(""))
                .collect();
            found.push((name, text.join("\n")));
        } else if let Some((_, lines)) = &mut current {
            lines.push(line);
        }
    }
    assert!(current.is_none(), "a region is not closed");
    found
}

/// The ```rust blocks of the README section that starts with `heading`.
fn rust_blocks(readme: &str, heading: &str) -> Vec<String> {
    let start = readme.find(heading).expect("the section exists");
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```rust\n") {
        let body = &rest[open + "```rust\n".len()..];
        let close = body.find("\n```").expect("a closed block");
        blocks.push(body[..close].to_owned());
        rest = &body[close..];
    }
    blocks
}

/// Every ```rust block of the README section `heading` is a region of the
/// file at `source`, and every region is in the README.
fn blocks_are_regions_of(heading: &str, source: &str) {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let regions = regions(&std::fs::read_to_string(root.join(source)).unwrap());
    let blocks = rust_blocks(&readme, heading);
    assert!(!blocks.is_empty(), "no ```rust block under {heading:?}");
    for block in &blocks {
        assert!(
            regions.iter().any(|(_, text)| text == block),
            "a README block is not in {source}:\n{block}"
        );
    }
    // And no region of the file is missing from the README.
    assert_eq!(
        regions.len(),
        blocks.len(),
        "one README block per region of {source}"
    );
}

#[test]
fn calling_the_service_examples_are_compiled_code() {
    blocks_are_regions_of(
        "## Calling the service\n",
        "tests/examples/calling_the_service.rs",
    );
}

#[test]
fn the_mock_example_is_a_test_that_runs() {
    blocks_are_regions_of(
        "## Testing your code with the mock\n",
        "tests/tests/readme_mock.rs",
    );
}
