//! `multipart/form-data`: any body is read to parts or refused, never a
//! panic; any form written reads back to the parts it was made of, under
//! a boundary none of them contains.
#![no_main]

use hwcloud_runtime::multipart::{boundary_of, parse, Form};
use hwcloud_runtime::FilePart;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    /// Read as a received form body under boundary `B`.
    received: Vec<u8>,
    /// Written as a form: name, optional file name and type, contents.
    parts: Vec<(String, Option<String>, Option<String>, Vec<u8>)>,
}

fuzz_target!(|input: Input| {
    let _ = parse("B", &input.received);

    let mut form = Form::new();
    for (name, file_name, content_type, bytes) in &input.parts {
        let mut file = FilePart::new(bytes.clone());
        if let Some(file_name) = file_name {
            file = file.with_file_name(file_name.clone());
        }
        if let Some(content_type) = content_type {
            file = file.with_content_type(content_type.clone());
        }
        form.file(name, &file);
    }
    let (content_type, body) = form.encode();
    let boundary = boundary_of(&content_type).expect("a boundary is named");
    let read = parse(boundary, &body).expect("a written form reads back");
    assert_eq!(read.len(), input.parts.len());
    for (part, (_, _, _, bytes)) in read.iter().zip(&input.parts) {
        assert_eq!(&part.bytes, bytes);
    }
});
