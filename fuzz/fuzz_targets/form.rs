//! `multipart/form-data`: any body is read to parts or refused, never a
//! panic; any form written reads back to the parts it was made of (names,
//! file names, media types and bytes; text fields first, then files, as the
//! SDK writes them), under a boundary none contains.
#![no_main]

use hwcloud_runtime::multipart::{boundary_of, parse, Form};
use hwcloud_runtime::FilePart;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    /// Read as a received form body under boundary `B`.
    received: Vec<u8>,
    /// Written as a form: name, then a text value or a file.
    parts: Vec<(String, Written)>,
}

#[derive(Debug, Arbitrary)]
enum Written {
    Text(String),
    File {
        file_name: Option<String>,
        content_type: Option<String>,
        bytes: Vec<u8>,
    },
}

/// What the writer's escaping cannot carry through as written: `%22`,
/// `%0D` and `%0A` in a name read back as the characters they escape (the
/// SDK's HTTP stack escapes the same way), and a media type has no line
/// breaks.
fn round_trips(text: &str) -> bool {
    !text.contains("%22") && !text.contains("%0D") && !text.contains("%0A")
}

fuzz_target!(|input: Input| {
    let _ = parse("B", &input.received);

    let files: Vec<Option<FilePart>> = input
        .parts
        .iter()
        .map(|(_, written)| match written {
            Written::Text(_) => None,
            Written::File { file_name, content_type, bytes } => {
                let mut file = FilePart::new(bytes.clone());
                if let Some(file_name) = file_name {
                    file = file.with_file_name(file_name.clone());
                }
                if let Some(content_type) = content_type {
                    file = file.with_content_type(content_type.clone());
                }
                Some(file)
            }
        })
        .collect();
    let mut form = Form::new();
    for ((name, written), file) in input.parts.iter().zip(&files) {
        match (written, file) {
            (Written::Text(text), _) => form.text(name, text),
            (_, Some(file)) => form.file(name, file),
            (_, None) => unreachable!("a file part has its file"),
        }
    }
    let (content_type, body) = form.encode();
    let boundary = boundary_of(&content_type).expect("a boundary is named");
    let read = parse(boundary, &body).expect("a written form reads back");
    assert_eq!(read.len(), input.parts.len());
    let is_text = |written: &Written| matches!(written, Written::Text(_));
    let in_order = input
        .parts
        .iter()
        .filter(|(_, w)| is_text(w))
        .chain(input.parts.iter().filter(|(_, w)| !is_text(w)));
    for (part, (name, written)) in read.iter().zip(in_order) {
        if round_trips(name) {
            assert_eq!(&part.name, name);
        }
        match written {
            Written::Text(text) => {
                assert_eq!(part.bytes, text.as_bytes());
                assert_eq!(part.file_name, None);
            }
            Written::File { file_name, content_type, bytes } => {
                assert_eq!(&part.bytes, bytes);
                if file_name.as_deref().is_none_or(round_trips) {
                    assert_eq!(&part.file_name, file_name);
                }
                let plain = content_type
                    .as_deref()
                    .is_none_or(|t| !t.contains(['\r', '\n']) && t.trim() == t);
                if plain {
                    assert_eq!(&part.content_type, content_type);
                }
            }
        }
    }
});
