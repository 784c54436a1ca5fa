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
/// `HWCLOUD_SHARED_DIR` points (a relative path from the checkout's root,
/// as `.ci/run` reads it, not from the test's own directory).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("HWCLOUD_SHARED_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("..").join("shared"),
    }
}

/// The variable that makes a missing [`shared_dir`] an error instead of a
/// skip: `.ci/run` sets it, so that the tests that need the vendor's
/// material never silently stop running there.
pub const REQUIRE_SHARED: &str = "HWCLOUD_REQUIRE_SHARED";

/// `shared_dir()/part` when it exists. Otherwise the test that asks is
/// skipped, with a one-line notice naming it (a clone of the repository has
/// no `../shared/`), or, where [`REQUIRE_SHARED`] is set, it fails.
pub fn shared_or_skip(part: &str, test: &str) -> Option<PathBuf> {
    let path = shared_dir().join(part);
    if path.exists() {
        return Some(path);
    }
    // Set and neither empty nor "0", as the runtime reads its variables.
    if std::env::var(REQUIRE_SHARED).is_ok_and(|v| !v.is_empty() && v != "0") {
        panic!(
            "{test}: {} is missing, and {REQUIRE_SHARED} says it must be there",
            path.display()
        );
    }
    // Straight to the stream: the test harness captures `eprintln!` of a
    // passing test, and this notice must be seen.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "\nskipped {test}: it needs {} (the vendor's material beside the checkout)",
        path.display()
    );
    None
}

pub mod calls;
pub mod conformance;
pub mod describe;
pub mod loopback;
pub mod oracle;
pub mod requests;
pub mod signature;
