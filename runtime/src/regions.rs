//! Where a service answers for a region, looked up as the vendor's SDKs
//! do: `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` (a comma-separated list
//! of endpoints), then `~/.huaweicloud/regions.yaml` (or the file
//! `HUAWEICLOUD_SDK_REGIONS_FILE` names), then the spec's own host
//! template. Several endpoints for one region are tried in turn when a
//! connection cannot be made.
//!
//! The file is YAML, a list of regions under each service's name:
//!
//! ```yaml
//! HSS:
//!   - id: cn-north-4
//!     endpoint: https://hss.cn-north-4.example.com
//!   - id: ap-southeast-1
//!     endpoints:
//!       - https://hss-1.ap-southeast-1.example.com
//!       - https://hss-2.ap-southeast-1.example.com
//! ```

use crate::config::ConfigError;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

/// The variable that points at another regions file.
pub const ENV_REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";

/// The variable with a service's endpoints in a region:
/// `HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4` for `HSS` in `cn-north-4`.
pub fn env_name(service: &str, region: &str) -> String {
    let upper = |s: &str| s.replace('-', "_").to_ascii_uppercase();
    format!(
        "HUAWEICLOUD_SDK_REGION_{}_{}",
        upper(service),
        upper(region)
    )
}

/// The endpoints the environment gives `service` in `region`, if any.
pub fn from_env(
    var: &dyn Fn(&str) -> Option<String>,
    service: &str,
    region: &str,
) -> Option<Vec<String>> {
    let endpoints = endpoint_list(var(&env_name(service, region))?.split(','));
    (!endpoints.is_empty()).then_some(endpoints)
}

/// The regions file's path: `HUAWEICLOUD_SDK_REGIONS_FILE`, else
/// `$HOME/.huaweicloud/regions.yaml`.
pub fn file_path(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::env::huaweicloud_file(var, ENV_REGIONS_FILE, "regions.yaml")
}

/// The endpoints the regions file at `path` gives `service` in `region`:
/// `Ok(None)` when there is no file or no entry; an error when the file
/// cannot be read as a regions file.
pub fn from_file(
    path: &Path,
    service: &str,
    region: &str,
) -> Result<Option<Vec<String>>, ConfigError> {
    let Some(text) =
        crate::env::read_if_exists(path).map_err(|err| file_error(path, err.to_string()))?
    else {
        return Ok(None);
    };
    let docs = YamlLoader::load_from_str(&text).map_err(|err| file_error(path, err.to_string()))?;
    let Some(doc) = docs.first() else {
        return Ok(None);
    };
    let Yaml::Hash(services) = doc else {
        return Err(file_error(
            path,
            "the file is not a map of service names".into(),
        ));
    };
    // Service names are matched without regard to case, as the SDKs do.
    let entries = services.iter().find_map(|(name, regions)| {
        name.as_str()
            .filter(|name| name.eq_ignore_ascii_case(service))
            .map(|_| regions)
    });
    let Some(entries) = entries else {
        return Ok(None);
    };
    let Yaml::Array(entries) = entries else {
        return Err(file_error(
            path,
            format!("`{service}` is not a list of regions"),
        ));
    };
    for entry in entries {
        if entry["id"].as_str() != Some(region) {
            continue;
        }
        let mut endpoints = match &entry["endpoints"] {
            Yaml::Array(list) => endpoint_list(list.iter().filter_map(Yaml::as_str)),
            _ => Vec::new(),
        };
        if let Some(one) = entry["endpoint"].as_str() {
            endpoints.extend(endpoint_list([one]));
        }
        if endpoints.is_empty() {
            return Err(file_error(
                path,
                format!("`{service}` region `{region}` has no `endpoint` or `endpoints`"),
            ));
        }
        return Ok(Some(endpoints));
    }
    Ok(None)
}

/// Trimmed, non-empty endpoints, with `https://` where no scheme is given
/// (as the SDKs read them).
fn endpoint_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    items
        .into_iter()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            if e.starts_with("http://") || e.starts_with("https://") {
                e.trim_end_matches('/').to_owned()
            } else {
                format!("https://{}", e.trim_end_matches('/'))
            }
        })
        .collect()
}

fn file_error(path: &Path, reason: String) -> ConfigError {
    ConfigError::RegionsFile {
        path: path.display().to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_follow_the_sdks() {
        assert_eq!(
            env_name("hss", "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4"
        );
        let var = |name: &str| {
            (name == "HUAWEICLOUD_SDK_REGION_HSS_AP_SOUTHEAST_1")
                .then(|| " a.example.com/, http://b.example.com ,,".to_owned())
        };
        assert_eq!(
            from_env(&var, "HSS", "ap-southeast-1"),
            Some(vec![
                "https://a.example.com".to_owned(),
                "http://b.example.com".to_owned()
            ])
        );
        assert_eq!(from_env(&var, "HSS", "cn-north-4"), None);
    }

    #[test]
    fn the_regions_file() {
        let dir = crate::env::scratch::Dir::new();
        let path = dir.0.join("regions.yaml");
        std::fs::write(
            &path,
            "hss:\n  - id: cn-north-4\n    endpoint: hss.private.example\n  - id: ap-southeast-1\n    endpoints:\n      - https://one.example\n      - https://two.example\n  - id: both-1\n    endpoint: https://single.example\n    endpoints: [https://listed.example]\n  - id: broken-1\nSWR: []\n",
        )
        .unwrap();
        assert_eq!(
            from_file(&path, "HSS", "cn-north-4").unwrap(),
            Some(vec!["https://hss.private.example".to_owned()])
        );
        assert_eq!(
            from_file(&path, "HSS", "ap-southeast-1").unwrap(),
            Some(vec![
                "https://one.example".to_owned(),
                "https://two.example".to_owned()
            ])
        );
        // Both keys: the list, then the single one (as the SDKs read them).
        assert_eq!(
            from_file(&path, "HSS", "both-1").unwrap(),
            Some(vec![
                "https://listed.example".to_owned(),
                "https://single.example".to_owned()
            ])
        );
        assert_eq!(from_file(&path, "SWR", "cn-north-4").unwrap(), None);
        assert_eq!(from_file(&path, "ECS", "cn-north-4").unwrap(), None);
        let err = from_file(&path, "HSS", "broken-1").unwrap_err().to_string();
        assert!(err.contains("no `endpoint`"), "{err}");
        assert_eq!(
            from_file(&dir.0.join("absent.yaml"), "HSS", "x").unwrap(),
            None
        );
        std::fs::write(&path, "HSS: [unclosed\n").unwrap();
        assert!(matches!(
            from_file(&path, "HSS", "cn-north-4"),
            Err(ConfigError::RegionsFile { .. })
        ));
    }
}
