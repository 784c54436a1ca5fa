//! `diff` on two specs: the input is split in two at its first NUL byte;
//! whatever loads is compared, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let old = hwcloud_codegen::load_str("old.json", &String::from_utf8_lossy(old));
    let new = hwcloud_codegen::load_str("new.json", &String::from_utf8_lossy(new));
    if let (Some(old), Some(new)) = (old.service, new.service) {
        let report = hwcloud_codegen::diff::diff(&old, &new);
        let _ = format!("{report:?}");
    }
});
