//! The credentials file the vendor's SDKs read: `~/.huaweicloud/credentials`
//! (or where `HUAWEICLOUD_SDK_CREDENTIALS_FILE` points), an INI file with a
//! `[basic]` section for regional (project-scoped) services and a `[global]`
//! one for global (domain-scoped) services. Keys: `ak`, `sk`,
//! `security_token`, `project_id`, `domain_id`, `iam_endpoint` (and
//! `idp_id`, `id_token_file` for federated login, which this runtime does
//! not offer: a section with them and no key pair is an error that says so).

use crate::scope::Scope;
use crate::{Credentials, CredentialsError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The variable that points at another credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// What one section of the file gives.
#[derive(Debug, Clone)]
pub struct Section {
    pub credentials: Credentials,
    /// Where to look project and domain ids up (`iam_endpoint`).
    pub iam_endpoint: Option<String>,
}

/// The file's path: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
/// `$HOME/.huaweicloud/credentials` (variables read through `var`).
pub fn default_path(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::env::huaweicloud_file(var, ENV_CREDENTIALS_FILE, "credentials")
}

/// The section for services of `scope` (`[basic]` or `[global]`) of the
/// file at `path`. `Ok(None)` when the file or the section does not exist
/// (the next provider of a chain is asked); an error when it exists but
/// cannot be used.
pub fn read(path: &Path, scope: Scope) -> Result<Option<Section>, CredentialsError> {
    let unusable = |reason: String| CredentialsError::Profile {
        path: path.display().to_string(),
        reason,
    };
    let Some(text) = crate::env::read_if_exists(path).map_err(|err| unusable(err.to_string()))?
    else {
        return Ok(None);
    };
    let sections = parse(&text).map_err(unusable)?;
    let Some(section) = sections.get(scope.profile_section()) else {
        return Ok(None);
    };
    let value = |key: &str| section.get(key).filter(|v| !v.is_empty()).cloned();
    let missing = |key: &str| unusable(format!("`[{}]` has no `{key}`", scope.profile_section()));
    if value("ak").is_none() && value("idp_id").is_some() {
        return Err(unusable(format!(
            "`[{}]` names a federated login (`idp_id`), which this client does not offer",
            scope.profile_section()
        )));
    }
    let ak = value("ak").ok_or_else(|| missing("ak"))?;
    let sk = value("sk").ok_or_else(|| missing("sk"))?;
    let mut credentials = Credentials::access_key(ak, sk);
    if let Some(project_id) = value("project_id") {
        credentials = credentials.with_project_id(project_id);
    }
    if let Some(domain_id) = value("domain_id") {
        credentials = credentials.with_domain_id(domain_id);
    }
    if let Some(token) = value("security_token") {
        credentials = credentials.with_security_token(token);
    }
    Ok(Some(Section {
        credentials,
        iam_endpoint: value("iam_endpoint"),
    }))
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

    fn file(text: &str) -> (crate::env::scratch::Dir, PathBuf) {
        let dir = crate::env::scratch::Dir::new();
        let path = dir.0.join("credentials");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    /// A folder of its own under the system's temporary one, removed after.
    #[test]
    fn basic_and_global_sections() {
        let (_dir, path) = file(
            "# my keys\n[basic]\nak = AKBASIC\nsk = SKBASIC\nproject_id = p1\n\n[global]\nak=AKGLOBAL\nsk=SKGLOBAL\nsecurity_token = tmp\ndomain_id = d1\n",
        );
        let basic = read(&path, Scope::Project).unwrap().unwrap().credentials;
        assert_eq!(basic.project_id(), Some("p1"));
        let shown = format!("{basic:?}");
        assert!(
            shown.contains("AKBASIC") && !shown.contains("SKBASIC"),
            "{shown}"
        );
        let global = read(&path, Scope::Domain).unwrap().unwrap().credentials;
        assert_eq!(global.domain_id(), Some("d1"));
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
        let dir = crate::env::scratch::Dir::new();
        assert!(read(&dir.0.join("nothing"), Scope::Project)
            .unwrap()
            .is_none());
        let (_d, path) = file("[global]\nak = A\nsk = B\n");
        assert!(read(&path, Scope::Project).unwrap().is_none());
        let (_d, path) = file("[basic]\nak = A\n");
        let err = read(&path, Scope::Project).unwrap_err().to_string();
        assert!(err.contains("`[basic]` has no `sk`"), "{err}");
        let (_d, path) = file("[basic]\nak = A\nthe-secret-without-equals\n");
        let err = read(&path, Scope::Project).unwrap_err().to_string();
        assert!(
            err.contains("line 3") && !err.contains("the-secret"),
            "{err}"
        );
    }

    #[test]
    fn the_chain_takes_the_environment_then_the_file() {
        use crate::credentials::{DefaultChain, ENV_ACCESS_KEY, ENV_SECRET_KEY};
        let (_dir, path) =
            file("[basic]\nak = AKFILE\nsk = SKFILE\niam_endpoint = https://iam.example\n");
        let shown = path.display().to_string();
        let file_only = move |name: &str| match name {
            ENV_CREDENTIALS_FILE => Some(shown.clone()),
            _ => None,
        };
        let chain = DefaultChain::from_vars(&file_only).unwrap();
        assert_eq!(
            chain.describe(Scope::Project),
            format!("the credentials file {} [basic]", path.display())
        );
        assert_eq!(chain.iam_endpoint(), Some("https://iam.example"));
        // No `[global]` section: global services fall through to the metadata service.
        assert!(chain.describe(Scope::Domain).contains("metadata"));

        let both = |name: &str| match name {
            ENV_ACCESS_KEY => Some("AKENV".to_owned()),
            ENV_SECRET_KEY => Some("SKENV".to_owned()),
            other => file_only(other),
        };
        let chain = DefaultChain::from_vars(both).unwrap();
        assert_eq!(chain.describe(Scope::Project), "the environment");
    }

    #[test]
    fn a_federated_section_is_refused_by_name() {
        let (_d, path) = file("[basic]\nidp_id = idp\nid_token_file = /t\n");
        let err = read(&path, Scope::Project).unwrap_err().to_string();
        assert!(err.contains("federated login"), "{err}");
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
