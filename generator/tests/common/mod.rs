//! Helpers shared by the generator's integration tests. Each test binary
//! compiles this module and uses part of it, hence the `dead_code` allows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root (the generator's parent directory).
#[allow(dead_code)]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs the built `hwcloud-codegen` with `args`, from the workspace root.
#[allow(dead_code)]
pub fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hwcloud-codegen"))
        .args(args)
        .current_dir(workspace_root())
        .output()
        .unwrap()
}

/// A fresh directory under the system's temp dir, removed on drop. `name`
/// and the process id keep concurrent tests and runs apart.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("hwcloud-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
