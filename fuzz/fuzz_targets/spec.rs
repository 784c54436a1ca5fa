//! Spec loading, the linter and the IR: any bytes give a service or
//! diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = hwcloud_codegen::load_str("fuzz.json", &text);
});
