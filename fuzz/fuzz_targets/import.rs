//! The doc-page importer: any page text gives operations and a report.
#![no_main]

use hwcloud_codegen::import::{import, Page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = Page {
        name: "fuzz.txt".to_owned(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let _ = import(&[page]);
});
