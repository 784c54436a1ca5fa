//! The credentials file the vendor's SDKs read: `~/.huaweicloud/credentials`
//! (or where `HUAWEICLOUD_SDK_CREDENTIALS_FILE` points), an INI file with a
//! `[basic]` section for regional (project-scoped) services and a `[global]`
//! one for global (domain-scoped) services. Keys: `ak`, `sk`,
//! `security_token`, `project_id`, `domain_id` (and `iam_endpoint`,
//! `idp_id`, `id_token_file`, which are read but not used yet).

use crate::{Credentials, CredentialsError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The variable that points at another credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// Which section of the file a client reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `[basic]`: regional, project-scoped services.
    Basic,
    /// `[global]`: global, domain-scoped services.
    Global,
}

impl Scope {
    fn section(self) -> &'static str {
        match self {
            Scope::Basic => "basic",
            Scope::Global => "global",
        }
    }
}

/// The file's path: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
/// `$HOME/.huaweicloud/credentials` (variables read through `var`).
pub fn default_path(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = var(ENV_CREDENTIALS_FILE) {
        return Some(PathBuf::from(path));
    }
    let home = var("HOME").or_else(|| var("USERPROFILE"))?;
    Some(Path::new(&home).join(".huaweicloud").join("credentials"))
}

/// Credentials from the `scope` section of the file at `path`. `Ok(None)`
/// when the file or the section does not exist (the next provider of a
/// chain is asked); an error when it exists but cannot be used.
pub fn read(path: &Path, scope: Scope) -> Result<Option<Credentials>, CredentialsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(CredentialsError::Profile {
                path: path.display().to_string(),
                reason: err.to_string(),
            })
        }
    };
    let sections = parse(&text).map_err(|reason| CredentialsError::Profile {
        path: path.display().to_string(),
        reason,
    })?;
    let Some(section) = sections.get(scope.section()) else {
        return Ok(None);
    };
    let value = |key: &str| section.get(key).filter(|v| !v.is_empty()).cloned();
    let missing = |key: &str| CredentialsError::Profile {
        path: path.display().to_string(),
        reason: format!("`[{}]` has no `{key}`", scope.section()),
    };
    let ak = value("ak").ok_or_else(|| missing("ak"))?;
    let sk = value("sk").ok_or_else(|| missing("sk"))?;
    let mut credentials = Credentials::access_key(ak, sk);
    if let Some(project_id) = value("project_id") {
        credentials = credentials.with_project_id(project_id);
    }
    if let Some(token) = value("security_token") {
        credentials = credentials.with_security_token(token);
    }
    Ok(Some(credentials))
}

/// Sections of an INI text, keys and section names lower-cased. A line
/// that is neither a section, a `key = value` pair, a comment (`#`, `;`)
/// nor blank is an error naming its line (never its content: it may hold a
/// secret).
fn parse(text: &str) -> Result<HashMap<String, HashMap<String, String>>, String> {
    let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim().to_ascii_lowercase();
            sections.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {} is not `key = value`", i + 1));
        };
        let Some(section) = &current else {
            return Err(format!("line {} comes before any `[section]`", i + 1));
        };
        sections
            .entry(section.clone())
            .or_default()
            .insert(key.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempdir::Dir, PathBuf) {
        let dir = tempdir::Dir::new();
        let path = dir.0.join("credentials");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    /// A folder of its own under the system's temporary one, removed after.
    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static NEXT: AtomicUsize = AtomicUsize::new(0);
                let path = std::env::temp_dir().join(format!(
                    "hwcloud-profile-{}-{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::SeqCst)
                ));
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn basic_and_global_sections() {
        let (_dir, path) = file(
            "# my keys\n[basic]\nak = AKBASIC\nsk = SKBASIC\nproject_id = p1\n\n[global]\nak=AKGLOBAL\nsk=SKGLOBAL\nsecurity_token = tmp\ndomain_id = d1\n",
        );
        let basic = read(&path, Scope::Basic).unwrap().unwrap();
        assert_eq!(basic.project_id(), Some("p1"));
        let shown = format!("{basic:?}");
        assert!(
            shown.contains("AKBASIC") && !shown.contains("SKBASIC"),
            "{shown}"
        );
        let global = read(&path, Scope::Global).unwrap().unwrap();
        assert!(matches!(
            global,
            Credentials::AccessKey {
                security_token: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn absent_is_none_and_broken_is_an_error_without_secrets() {
        let dir = tempdir::Dir::new();
        assert!(read(&dir.0.join("nothing"), Scope::Basic)
            .unwrap()
            .is_none());
        let (_d, path) = file("[global]\nak = A\nsk = B\n");
        assert!(read(&path, Scope::Basic).unwrap().is_none());
        let (_d, path) = file("[basic]\nak = A\n");
        let err = read(&path, Scope::Basic).unwrap_err().to_string();
        assert!(err.contains("`[basic]` has no `sk`"), "{err}");
        let (_d, path) = file("[basic]\nak = A\nthe-secret-without-equals\n");
        let err = read(&path, Scope::Basic).unwrap_err().to_string();
        assert!(
            err.contains("line 3") && !err.contains("the-secret"),
            "{err}"
        );
    }

    #[test]
    fn the_chain_takes_the_environment_then_the_file() {
        let (_dir, path) = file("[basic]\nak = AKFILE\nsk = SKFILE\n");
        let file_only = |name: &str| match name {
            ENV_CREDENTIALS_FILE => Some(path.display().to_string()),
            _ => None,
        };
        let from_file = Credentials::from_chain_vars(file_only).unwrap();
        assert!(format!("{from_file:?}").contains("AKFILE"));

        let both = |name: &str| match name {
            ENV_CREDENTIALS_FILE => Some(path.display().to_string()),
            crate::credentials::ENV_ACCESS_KEY => Some("AKENV".to_owned()),
            crate::credentials::ENV_SECRET_KEY => Some("SKENV".to_owned()),
            _ => None,
        };
        let from_env = Credentials::from_chain_vars(both).unwrap();
        assert!(format!("{from_env:?}").contains("AKENV"));

        let nothing = Credentials::from_chain_vars(|_| None).unwrap_err();
        assert_eq!(nothing, CredentialsError::Missing("HUAWEICLOUD_SDK_AK"));
    }

    #[test]
    fn the_path_comes_from_the_variable_or_home() {
        let vars = |name: &str| match name {
            "HOME" => Some("/home/u".to_owned()),
            _ => None,
        };
        assert_eq!(
            default_path(&vars),
            Some(PathBuf::from("/home/u/.huaweicloud/credentials"))
        );
        let vars = |name: &str| match name {
            ENV_CREDENTIALS_FILE => Some("/etc/hw/creds".to_owned()),
            "HOME" => Some("/home/u".to_owned()),
            _ => None,
        };
        assert_eq!(default_path(&vars), Some(PathBuf::from("/etc/hw/creds")));
    }
}
