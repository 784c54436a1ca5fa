//! Reads the vendor's SDK samples on a page: they name the operation, the
//! request body type and the service the way the vendor's own clients do.

use regress::Regex;
use std::sync::LazyLock;

#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct SdkFacts {
    /// `AddRegistry`, from `AddRegistryRequest`.
    pub operation_id: Option<String>,
    /// `AddRegistryRequestBody`, the body's type in the samples.
    pub body_type: Option<String>,
    /// (`hss`, `v5`), from the SDK package name.
    pub service: Option<(String, String)>,
    /// The samples give the project ID to the credentials, not to the request.
    pub project_id_from_credentials: bool,
    /// The samples sign with an access key / secret key pair.
    pub signs_with_aksk: bool,
}

static OPERATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"request = (?:new )?([A-Z]\w*)Request\(\)").expect("built-in pattern")
});
static BODY_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"request\.body = ([A-Z]\w*)\(|\b([A-Z]\w*) body = new ").expect("built-in pattern")
});
static SERVICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"huaweicloudsdk([a-z]+)\.(v\d+)").expect("built-in pattern"));

pub(crate) fn read(text: &str) -> SdkFacts {
    let group = |re: &Regex| {
        re.find(text).and_then(|m| {
            (1..=m.captures.len())
                .find_map(|i| m.group(i))
                .map(|r| text[r].to_owned())
        })
    };
    let service = SERVICE.find(text).and_then(|m| {
        let name = m.group(1)?;
        let version = m.group(2)?;
        Some((text[name].to_owned(), text[version].to_owned()))
    });
    SdkFacts {
        operation_id: group(&OPERATION),
        body_type: group(&BODY_TYPE),
        service,
        project_id_from_credentials: text.contains("withProjectId(projectId)")
            || text.contains("BasicCredentials(ak, sk, projectId)"),
        signs_with_aksk: text.contains("BasicCredentials"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_python_and_java_samples() {
        let python = "from huaweicloudsdkhss.v5 import *\ncredentials = BasicCredentials(ak, sk, projectId)\nrequest = AddRegistryRequest()\nrequest.body = AddRegistryRequestBody(\n)";
        let facts = read(python);
        assert_eq!(facts.operation_id.as_deref(), Some("AddRegistry"));
        assert_eq!(facts.body_type.as_deref(), Some("AddRegistryRequestBody"));
        assert_eq!(facts.service, Some(("hss".into(), "v5".into())));
        assert!(facts.project_id_from_credentials);
        let java = "UpdateInstanceRegistryRequest request = new UpdateInstanceRegistryRequest();\nUpdateRegistryRequestBody body = new UpdateRegistryRequestBody();";
        let facts = read(java);
        assert_eq!(
            facts.operation_id.as_deref(),
            Some("UpdateInstanceRegistry")
        );
        assert_eq!(
            facts.body_type.as_deref(),
            Some("UpdateRegistryRequestBody")
        );
    }
}
