//! Stage 4: generated files to disk, and the drift check.

use crate::emit::GeneratedFile;
use std::io;
use std::path::{Path, PathBuf};

/// What writing changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or rewritten (those already identical are left alone,
    /// so their timestamps do not trigger rebuilds).
    pub changed: Vec<String>,
    /// Files under `src/`, `tests/` and `examples/` that the generator no longer produces, removed.
    pub removed: Vec<String>,
}

/// Writes `files` under `out`, and removes stale generated sources.
pub fn write_files(out: &Path, files: &[GeneratedFile]) -> io::Result<Written> {
    let mut written = Written::default();
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.contents)?;
        written.changed.push(file.path.clone());
    }
    for stale in stale_sources(out, files)? {
        std::fs::remove_file(out.join(&stale))?;
        written.removed.push(stale);
    }
    Ok(written)
}

/// The files under `out` that differ from `files`: changed, missing, or
/// stale (a source file the generator would not write). Empty means no drift.
pub fn drift(out: &Path, files: &[GeneratedFile]) -> io::Result<Vec<String>> {
    let mut differ = Vec::new();
    for file in files {
        match std::fs::read_to_string(out.join(&file.path)) {
            Ok(on_disk) if on_disk == file.contents => {}
            Ok(_) => differ.push(format!("{} (differs)", file.path)),
            Err(_) => differ.push(format!("{} (missing)", file.path)),
        }
    }
    for stale in stale_sources(out, files)? {
        differ.push(format!("{stale} (not generated)"));
    }
    Ok(differ)
}

/// `.rs` files under `out/src`, `out/tests` and `out/examples` that are not in `files`.
fn stale_sources(out: &Path, files: &[GeneratedFile]) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    collect_rs(&out.join("src"), &mut found)?;
    collect_rs(&out.join("tests"), &mut found)?;
    collect_rs(&out.join("examples"), &mut found)?;
    let mut stale: Vec<String> = found
        .into_iter()
        .filter_map(|p| {
            p.strip_prefix(out)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .filter(|rel| !files.iter().any(|f| f.path == *rel))
        .collect();
    stale.sort();
    Ok(stale)
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}
