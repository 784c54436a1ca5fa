//! Cross-crate tests live in `tests/tests/`; this library holds their shared helpers.
#![forbid(unsafe_code)]

use std::path::PathBuf;

/// The workspace root (the checkout).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits inside the workspace")
        .to_path_buf()
}

/// The vendor material beside the checkout (`../shared`), or where
/// `HWCLOUD_SHARED_DIR` points.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("HWCLOUD_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("..").join("shared"))
}

pub mod calls;
pub mod conformance;
pub mod describe;
pub mod loopback;
pub mod oracle;
pub mod signature;
