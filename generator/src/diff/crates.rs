//! `diff` of two crates: two folders of specs, one service each, as
//! `generate` makes one crate of several specs. Services are matched by
//! their id (two of one id, which a crate holds as `hss` and `hss2`, in the
//! order their files sort): one in both is compared as `diff` compares two
//! specs, its changes located under its module, and its module (made unique
//! across the crate, `plan::assign_crate_names`) compared too; one on one
//! side only is a service added or removed. The crate's features, and what
//! each compiles, are compared for all of them at once (`features.rs`).

use super::{both, compare, features, load_specs, Change, ChangeKind, DiffError, Options, Report};
use crate::ir::usage::Usage;
use crate::ir::Service;
use std::path::{Path, PathBuf};

/// Loads every `*.json` of both folders and compares the crates they make.
/// A spec with errors is an error carrying its diagnostics; both folders
/// are read before giving up.
pub fn diff_folders(old: &Path, new: &Path, options: Options) -> Result<Report, DiffError> {
    let (old, new) = both(load_folder(old), load_folder(new))?;
    let mut changes = Vec::new();
    let mut pairs = Vec::new();
    for (i, before) in old.iter().enumerate() {
        let Some(j) = counterpart(i, &old, &new) else {
            changes.push(service_change(before, ChangeKind::ServiceRemoved));
            continue;
        };
        pairs.push((i, j));
        let after = &new[j];
        changes.extend(
            compare::services(before, after)
                .into_iter()
                .map(|change| Change {
                    location: located(before, change.location),
                    ..change
                }),
        );
        // Another service taking its name moves it aside (`ecs2`); its
        // feature too (see `features`).
        if before.names.module != after.names.module {
            changes.push(Change::judged(
                format!("service {} module", before.names.module),
                ChangeKind::RustNameChanged,
                Some(before.names.module.clone()),
                Some(after.names.module.clone()),
                Usage::default(),
            ));
        }
    }
    for (j, after) in new.iter().enumerate() {
        if counterpart(j, &new, &old).is_none() {
            changes.push(service_change(after, ChangeKind::ServiceAdded));
        }
    }
    let per_tag = options.features_per_tag;
    changes.extend(features::compare(
        &features::Side::new(&old, per_tag),
        &features::Side::new(&new, per_tag),
        &pairs,
        located,
    ));
    Ok(Report::sorted(changes))
}

/// A location within `service`, in a report on the crate.
fn located(service: &Service, location: String) -> String {
    format!("{}: {location}", service.names.module)
}

/// The index of service `i` of `own` on the other side: the service of its
/// id there, the second of that id for the second, and so on.
fn counterpart(i: usize, own: &[Service], other: &[Service]) -> Option<usize> {
    let id = &own[i].id;
    let nth = own[..i].iter().filter(|s| &s.id == id).count();
    other
        .iter()
        .enumerate()
        .filter(|(_, s)| &s.id == id)
        .nth(nth)
        .map(|(j, _)| j)
}

fn service_change(service: &Service, kind: ChangeKind) -> Change {
    let feature = Some(format!("feature `{}`", service.names.feature));
    let (old, new) = match kind {
        ChangeKind::ServiceAdded => (None, feature),
        _ => (feature, None),
    };
    let location = format!("service {}", service.names.module);
    Change::judged(location, kind, old, new, Usage::default())
}

/// The services of the specs in `folder`, in file-name order, named as one
/// crate names them.
fn load_folder(folder: &Path) -> Result<Vec<Service>, DiffError> {
    let unreadable = |message: String| DiffError::Folder {
        path: folder.to_owned(),
        message,
    };
    let entries = std::fs::read_dir(folder).map_err(|err| unreadable(err.to_string()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path: PathBuf = entry.map_err(|err| unreadable(err.to_string()))?.path();
        if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(unreadable("holds no `*.json` spec".to_owned()));
    }
    files.sort();
    load_specs(&files)
}
