//! `diff` of two crates: two folders of specs, one service each, as
//! `generate` makes one crate of several specs. Services are matched by
//! their id (two of one id, which a crate holds as `hss` and `hss2`, in the
//! order their files sort): one in both is compared as `diff` compares two specs, its
//! changes located under its module, and its module and cargo feature
//! (made unique across the crate, `plan::assign_crate_names`) compared too;
//! one on one side only is a service added or removed.

use super::{compare, Change, ChangeKind, DiffError, Report};
use crate::ir::usage::Usage;
use crate::ir::Service;
use crate::plan;
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
    // Whether the crate has features at all is decided by its size; tag
    // features only matter where both sides have tags.
    let count = |services: &[Service]| Some(format!("{} services", services.len()));
    let none = Usage::default();
    let tagged = |services: &[Service]| services.iter().any(|s| !s.tags().is_empty());
    let features = (
        plan::has_service_features(&old),
        plan::has_service_features(&new),
    );
    let crossed =
        |location: &str, kind| Change::judged(location, kind, count(&old), count(&new), none);
    if features.0 != features.1 {
        changes.push(crossed(
            "crate features",
            ChangeKind::ServiceFeaturesChanged,
        ));
    }
    if tagged(&old) && tagged(&new) && plan::tag_features_fit(&old) != plan::tag_features_fit(&new)
    {
        changes.push(crossed(
            "crate tag features",
            ChangeKind::TagFeaturesChanged,
        ));
    }
    let features = features.0 && features.1;
    for before in &old {
        let Some(after) = counterpart(before, &old, &new) else {
            changes.push(service_change(before, ChangeKind::ServiceRemoved));
            continue;
        };
        changes.extend(
            compare::services(before, after)
                .into_iter()
                .map(|change| Change {
                    location: format!("{}: {}", before.names.module, change.location),
                    ..change
                }),
        );
        // Another service taking its name moves it aside (`ecs2`); its
        // feature too, where both crates have them.
        let at = format!("service {}", before.names.module);
        let (old_names, new_names) = (&before.names, &after.names);
        let mut renamed = |what: &str, old: &String, new: &String| {
            if old != new {
                let kind = ChangeKind::RustNameChanged;
                changes.push(Change::judged(
                    format!("{at} {what}"),
                    kind,
                    Some(old.clone()),
                    Some(new.clone()),
                    none,
                ));
            }
        };
        renamed("module", &old_names.module, &new_names.module);
        if features {
            renamed("feature", &old_names.feature, &new_names.feature);
        }
    }
    for after in &new {
        if counterpart(after, &new, &old).is_none() {
            changes.push(service_change(after, ChangeKind::ServiceAdded));
        }
    }
    Ok(Report::sorted(changes))
}

/// `service`'s match on the other side: the service of its id there, the
/// second of that id for the second, and so on.
fn counterpart<'a>(
    service: &Service,
    own: &[Service],
    other: &'a [Service],
) -> Option<&'a Service> {
    let nth = own
        .iter()
        .take_while(|s| !std::ptr::eq(*s, service))
        .filter(|s| s.id == service.id)
        .count();
    other.iter().filter(|s| s.id == service.id).nth(nth)
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
