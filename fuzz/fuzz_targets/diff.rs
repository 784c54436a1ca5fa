//! `diff` on two specs: the input is split in two at its first NUL byte;
//! whatever loads is compared, as one crate and as one with a feature per
//! tag, never a panic. A spec compared with itself has no change.
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
        for features_per_tag in [false, true] {
            let options = hwcloud_codegen::diff::Options { features_per_tag };
            let report = hwcloud_codegen::diff::diff_with(&old, &new, options);
            let _ = format!("{report:?}");
            let same = hwcloud_codegen::diff::diff_with(&new, &new, options);
            assert!(same.changes.is_empty(), "{same:?}");
        }
    }
});
