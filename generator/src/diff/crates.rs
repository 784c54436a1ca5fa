//! `diff` of two crates: two folders of specs, one service each, as
//! `generate` makes one crate of several specs. Services are matched by
//! their module (also their cargo feature; `plan::assign_crate_names`): one
//! in both is compared as `diff` compares two specs, its changes located
//! under its module; one on one side only is a service added or removed.

use super::{compare, rules, Change, ChangeKind, DiffError, Report};
use crate::ir::usage::Usage;
use crate::ir::Service;
use std::path::{Path, PathBuf};

/// Loads every `*.json` of both folders and compares the crates they make.
/// A spec with errors is an error carrying its diagnostics; both folders
/// are read before giving up.
pub fn diff_folders(old: &Path, new: &Path) -> Result<Report, DiffError> {
    let (old, new) = match (load_folder(old), load_folder(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(DiffError::InvalidSpecs(mut both)), Err(DiffError::InvalidSpecs(new))) => {
            both.extend(new);
            return Err(DiffError::InvalidSpecs(both));
        }
        (Err(err), _) | (_, Err(err)) => return Err(err),
    };
    let mut changes = Vec::new();
    for before in &old {
        match new
            .iter()
            .find(|after| after.names.module == before.names.module)
        {
            Some(after) => changes.extend(compare::services(before, after).into_iter().map(
                |change| Change {
                    location: format!("{}: {}", before.names.module, change.location),
                    ..change
                },
            )),
            None => changes.push(service_change(before, ChangeKind::ServiceRemoved)),
        }
    }
    for after in &new {
        if !old
            .iter()
            .any(|before| before.names.module == after.names.module)
        {
            changes.push(service_change(after, ChangeKind::ServiceAdded));
        }
    }
    Ok(Report::sorted(changes))
}

fn service_change(service: &Service, kind: ChangeKind) -> Change {
    let (level, reason) = rules::verdict(kind, Usage::default());
    let feature = Some(format!("feature `{}`", service.names.feature));
    let (old, new) = match kind {
        ChangeKind::ServiceAdded => (None, feature),
        _ => (feature, None),
    };
    Change {
        location: format!("service {}", service.names.module),
        kind,
        old,
        new,
        level,
        reason,
    }
}

/// The services of the specs in `folder`, in file-name order, named as one
/// crate names them.
fn load_folder(folder: &Path) -> Result<Vec<Service>, DiffError> {
    let unreadable = |message: String| DiffError::Folder {
        path: folder.to_owned(),
        message,
    };
    let entries = std::fs::read_dir(folder).map_err(|err| unreadable(err.to_string()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    if files.is_empty() {
        return Err(unreadable("holds no `*.json` spec".to_owned()));
    }
    files.sort();
    let mut services = Vec::new();
    let mut failed = Vec::new();
    for file in &files {
        let loaded = crate::load_file(file);
        match loaded.service {
            Some(service) => services.push(service),
            None => failed.push(loaded.diagnostics),
        }
    }
    if !failed.is_empty() {
        return Err(DiffError::InvalidSpecs(failed));
    }
    crate::plan::assign_crate_names(&mut services);
    Ok(services)
}
