//! Pins every documented fact of the five operations as the IR sees it, so
//! that a fact lost from (or changed in) `spec/` fails here. The expected
//! lines were written from the pages in `../shared/api-docs/` and the facts
//! the issue adds where the export lost them.

use hwcloud_codegen::ir::Service;
use hwcloud_tests::describe::describe_operation;
use hwcloud_tests::workspace_root;

fn load(file: &str) -> Service {
    let loaded = hwcloud_codegen::load_file(&workspace_root().join("spec").join(file));
    assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    loaded.service.expect("no errors, so a service")
}

fn check(service: &Service, id: &str, want: &str) {
    let op = service
        .operation(id)
        .unwrap_or_else(|| panic!("no operation {id}"));
    let got = describe_operation(service, op);
    let want: Vec<&str> = want
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(got, want, "\n{id}, as the IR has it:\n{}\n", got.join("\n"));
}

const HSS_AUTH: &str = "security: XAuthToken | AkSkSignature";

#[test]
fn hss_service() {
    let hss = load("hss.json");
    assert_eq!(hss.id, "HSS");
    assert_eq!(hss.servers[0].url, "https://hss.{region}.myhuaweicloud.com");
    assert_eq!(hss.servers[0].variables[0].name, "region");
    assert_eq!(hss.servers[0].variables[0].default, "cn-north-4");
    let ids: Vec<&str> = hss.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["AddRegistry", "ListRegistry", "UpdateRegistry"]);
}

#[test]
fn hss_add_registry() {
    check(
        &load("hss.json"),
        "AddRegistry",
        &format!(
            "
        POST /v5/{{project_id}}/image/registries
        path project_id: required, auto-filled string len 1..=256
        query enterprise_project_id: optional string len 1..=256 default \"0\"
        header X-Auth-Token: required, auto-filled string len 1..=32768 format password secret
        body (application/json): required object AddRegistryRequestBody
        body.registry_name: required string len 1..=128
        body.registry_type: required enum ThirdPartyRegistryType [Harbor, Jfrog]
        body.api_version: required enum ApiVersion [V1, V2]
        body.protocol: required enum Protocol [http, https]
        body.registry_addr: required string len 1..=256
        body.registry_username: required string len 1..=128
        body.registry_password: required string len 1..=128 format password secret
        body.namespace: optional string len 1..=128
        body.connect_cluster_id: required string len 1..=64
        body.get_scan_image_channel: required enum ScanImageChannel [Swr, Other]
        body: when get_scan_image_channel = \"Other\" requires namespace
        response 200: no body
        {HSS_AUTH}"
        ),
    );
}

#[test]
fn hss_list_registry() {
    check(
        &load("hss.json"),
        "ListRegistry",
        &format!(
            "
        GET /v5/{{project_id}}/image/registries
        path project_id: required, auto-filled string len 1..=256
        query enterprise_project_id: optional string len 1..=256 default \"0\"
        query offset: optional i32 0..=2000000 default 0
        query limit: optional i32 10..=200 default 10
        query registry_name: optional string len 1..=128
        query registry_id: optional string len 1..=64
        query registry_type: optional, comma-separated array of enum RegistryType [Harbor, Jfrog, SwrPrivate, SwrShared, SwrEnterprise, Other]
        query registry_addr: optional string len 1..=256
        query status: optional enum RegistryStatus [success, fail, accessing]
        header X-Auth-Token: required, auto-filled string len 1..=32768 format password secret
        response 200: object ListRegistryResponseBody
        response 200.data_list: optional array items 0..=100 of object RegistryInfo
        response 200.data_list[].id: optional string len 1..=64
        response 200.data_list[].registry_name: optional string len 1..=128
        response 200.data_list[].registry_type: optional enum RegistryType [Harbor, Jfrog, SwrPrivate, SwrShared, SwrEnterprise, Other]
        response 200.data_list[].api_version: optional enum ApiVersion [V1, V2]
        response 200.data_list[].protocol: optional enum Protocol [http, https]
        response 200.data_list[].registry_addr: optional string len 1..=256
        response 200.data_list[].registry_username: optional string len 1..=128
        response 200.data_list[].namespace: optional string len 1..=128
        response 200.data_list[].connect_cluster_id: optional string len 1..=64
        response 200.data_list[].get_scan_image_channel: optional enum ScanImageChannel [Swr, Other]
        response 200.data_list[].status: optional enum RegistryStatus [success, fail, accessing]
        response 200.data_list[].fail_reason: optional enum RegistryFailReason [CREATE_JOB_FAILED, REQUEST_API_ERROR, SERVER_ERROR]
        response 200.data_list[].images_num: optional i32 0..=20000
        response 200.data_list[].latest_sync_time: optional i64 0..=9223372036854775807
        response 200.total_num: optional i32 0..=100
        paging: offset=offset limit=limit items=data_list total=total_num
        {HSS_AUTH}"
        ),
    );
}

#[test]
fn hss_update_registry() {
    check(
        &load("hss.json"),
        "UpdateRegistry",
        &format!(
            "
        PUT /v5/{{project_id}}/image/registries/{{id}}
        path project_id: required, auto-filled string len 1..=256
        path id: required string len 1..=64
        query enterprise_project_id: optional string len 1..=256 default \"0\"
        header X-Auth-Token: required, auto-filled string len 1..=32768 format password secret
        body (application/json): required object UpdateRegistryRequestBody
        body.api_version: optional enum ApiVersion [V1, V2]
        body.protocol: optional enum Protocol [http, https]
        body.registry_addr: optional string len 1..=256
        body.registry_username: optional string len 1..=128
        body.registry_password: optional string len 1..=128 format password secret
        body.namespace: optional string len 1..=128
        body.connect_cluster_id: optional string len 1..=64
        body.get_scan_image_channel: optional enum ScanImageChannel [Swr, Other]
        body: when get_scan_image_channel = \"Other\" requires namespace
        response 200: no body
        {HSS_AUTH}"
        ),
    );
}

#[test]
fn swr_update_instance_registry() {
    let error = "object ErrorBody
        response {s}.error_code: optional string
        response {s}.error_msg: optional string
        response {s}.encoded_authorization_message: optional string";
    let errors: String = ["400", "401", "403", "404", "500"]
        .iter()
        .map(|s| format!("response {s}: {}\n", error.replace("{s}", s)))
        .collect();
    check(
        &load("swr.json"),
        "UpdateInstanceRegistry",
        &format!(
            "
        PUT /v2/{{project_id}}/instances/{{instance_id}}/registries/{{registry_id}}
        path project_id: required, auto-filled string
        path instance_id: required string
        path registry_id: required i32
        header X-Auth-Token: required, auto-filled string format password secret
        body (application/json): required object UpdateRegistryRequestBody
        body.name: required string len 1..=64 pattern ^[A-Za-z0-9_-]+$
        body.description: optional string
        body.type: required enum RegistryType [swr-pro, swr-pro-internal, huawei-SWR]
        body.project_id: optional string
        body.region_id: optional string
        body.instance_id: optional string
        body.url: required string
        body.credential: required object Credential
        body.credential.type: required enum CredentialType [basic]
        body.credential.access_key: required string
        body.credential.access_secret: required string format password secret
        body.dns_conf: optional object DnsConf
        body.dns_conf.hosts: optional map of string
        body.insecure: required boolean
        body: when type = \"swr-pro-internal\" requires project_id, region_id, instance_id
        response 200: no body
        {errors}
        security: XAuthToken | AkSkSignature"
        ),
    );
}

#[test]
fn swr_update_user_repository_auth() {
    check(
        &load("swr.json"),
        "UpdateUserRepositoryAuth",
        "
        PATCH /v2/manage/namespaces/{namespace}/repos/{repository}/access
        path namespace: required string len 1..=64 pattern ^[a-z][a-z0-9]*(?:(?:[.-]|_{1,2})[a-z0-9]+)*$
        path repository: required, `/` sent as `$` string len 1..=128 pattern ^[a-z0-9]+(?:(?:[./-]|_{1,2})[a-z0-9]+)*$
        header Content-Type: optional enum ContentType [application/json;charset=utf-8, application/json] default \"application/json\"
        header X-Auth-Token: required, auto-filled string format password secret
        body (application/json): required array of object UserAuth
        body[].user_id: required string
        body[].user_name: required string
        body[].auth: required i64 enum AuthLevel [7=Manage, 3=Write, 1=Read]
        response 201: no body
        response 400: no body
        response 401: no body
        response 404: no body
        response 500: no body
        security: XAuthToken | AkSkSignature",
    );
}

/// The naming rules the pages state in prose are patterns; check them with
/// ECMA-262 semantics against names the pages allow and forbid.
#[test]
fn name_patterns_follow_the_pages() {
    let swr = load("swr.json");
    let pattern = |op: &str, name: &str| -> regress::Regex {
        let op = swr.operation(op).unwrap();
        let p = op.params.iter().find(|p| p.name == name).unwrap();
        let hwcloud_codegen::ir::Type::String(s) = &p.schema.ty else {
            panic!("{name} is a string")
        };
        regress::Regex::new(s.pattern.as_deref().unwrap()).unwrap()
    };
    let matches = |re: &regress::Regex, s: &str| re.find(s).is_some();

    let repository = pattern("UpdateUserRepositoryAuth", "repository");
    for ok in [
        "nginx",
        "a",
        "9lives",
        "library/nginx",
        "a__b",
        "a.b-c_d",
        "app.web_v2-x",
        "a1/b2/c3",
    ] {
        assert!(matches(&repository, ok), "repository {ok:?} is allowed");
    }
    for bad in [
        "", "A", "aB", "-a", "a-", "_a", "a/", "/a", "a___b", "a._b", "a//b", "a b", "a$b",
    ] {
        assert!(
            !matches(&repository, bad),
            "repository {bad:?} is forbidden"
        );
    }

    let namespace = pattern("UpdateUserRepositoryAuth", "namespace");
    for ok in ["a", "my-org", "group", "team1", "a__b", "a.b-c_d", "a-1"] {
        assert!(matches(&namespace, ok), "namespace {ok:?} is allowed");
    }
    for bad in [
        "", "1a", "A", "-a", "a-", "a.", "a___b", "a._b", "a..b", "a/b", "_a",
    ] {
        assert!(!matches(&namespace, bad), "namespace {bad:?} is forbidden");
    }

    let body = swr.type_by_name("UpdateRegistryRequestBody").unwrap();
    let hwcloud_codegen::ir::NamedKind::Struct(s) = &body.kind else {
        panic!()
    };
    let hwcloud_codegen::ir::Type::String(name) = &s.field("name").unwrap().schema.ty else {
        panic!()
    };
    let name = regress::Regex::new(name.pattern.as_deref().unwrap()).unwrap();
    for ok in ["test112", "A", "a-b_C", "___"] {
        assert!(matches(&name, ok), "registry name {ok:?} is allowed");
    }
    for bad in ["", "a.b", "a b", "a/b", "é"] {
        assert!(!matches(&name, bad), "registry name {bad:?} is forbidden");
    }
}

/// `lint` on the committed spec reports only the examples that contradict
/// their own page, as warnings.
#[test]
fn lint_warns_only_about_the_self_contradicting_examples() {
    for (file, warnings) in [("hss.json", 1), ("swr.json", 1)] {
        let loaded = hwcloud_codegen::load_file(&workspace_root().join("spec").join(file));
        let d = &loaded.diagnostics;
        assert_eq!(
            (d.error_count(), d.warning_count()),
            (0, warnings),
            "{file}:\n{d}"
        );
    }
    let hss = hwcloud_codegen::load_file(&workspace_root().join("spec/hss.json"))
        .diagnostics
        .to_string();
    assert!(
        hss.contains("`body.registry_password` should be a string, but is an integer"),
        "{hss}"
    );
}
