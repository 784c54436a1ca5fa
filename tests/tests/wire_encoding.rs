//! Sans-IO encoding against what the vendor's own SDK sent: for every case
//! in the oracle's captures (copied to `tests/data/`), the typed request
//! built from the same input encodes to the same method, the same request
//! target byte for byte, and a body equal as JSON. The cases the SDK sends
//! but the documented rules forbid are refused before encoding, on purpose
//! (`../shared/oracle/README.md`, "Where we differ on purpose").
//!
//! Signing and the SDK's own headers come with the transport; they are not
//! part of the sans-IO layer and are not compared here.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::http;
use hwcloud_runtime::Operation;
use hwcloud_runtime::{Credentials, EncodeContext, RequestError, Scope};
use hwcloud_tests::workspace_root;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

/// Cases the SDK sends although they break documented rules.
const REFUSED: &[&str] = &[
    // `limit=0` and an empty `registry_name`, both outside the documented ranges.
    "hss_list_registry_zero_and_empty_values",
    // No `id`: the SDK puts a literal `{id}` in the path.
    "edge_missing_required_path_param",
    // An empty `registry_username` (documented: 1 to 128 characters) and
    // `registry_type: SwrPrivate`, which AddRegistry does not accept (only
    // third-party registries, Harbor and Jfrog, are added). The case's own
    // subject, nulls left out, is checked in `explicit_nulls_are_left_out`.
    "hss_add_registry_explicit_nulls_dropped",
];

fn captures() -> Value {
    let path = workspace_root().join("tests/data/oracle-captures.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Why a case was not encoded.
#[derive(Debug)]
enum Refusal {
    /// The input lacks a required parameter or has a value of the wrong type.
    Input(String),
    Request(RequestError),
}

fn encode<R: DeserializeOwned>(
    input: &Value,
    to_http: impl Fn(&R) -> Result<http::Request<Vec<u8>>, RequestError>,
) -> Result<http::Request<Vec<u8>>, Refusal> {
    let request: R =
        serde_json::from_value(input.clone()).map_err(|e| Refusal::Input(e.to_string()))?;
    to_http(&request).map_err(Refusal::Request)
}

fn encode_case(
    op: &str,
    input: &Value,
    ctx: &EncodeContext<'_>,
) -> Result<http::Request<Vec<u8>>, Refusal> {
    match op {
        "AddRegistry" => encode(input, |r: &hss::AddRegistryRequest| r.to_http_request(ctx)),
        "ListRegistry" => encode(input, |r: &hss::ListRegistryRequest| r.to_http_request(ctx)),
        "UpdateRegistry" => encode(input, |r: &hss::UpdateRegistryRequest| {
            r.to_http_request(ctx)
        }),
        "UpdateInstanceRegistry" => encode(input, |r: &swr::UpdateInstanceRegistryRequest| {
            r.to_http_request(ctx)
        }),
        "UpdateUserRepositoryAuth" => encode(input, |r: &swr::UpdateUserRepositoryAuthRequest| {
            r.to_http_request(ctx)
        }),
        other => panic!("the captures name an operation this client does not have: {other}"),
    }
}

#[test]
fn every_captured_request_encodes_as_the_sdk_sent_it() {
    let captures = captures();
    let meta = &captures["meta"];
    let endpoint = meta["endpoint"].as_str().unwrap();
    let project_id = meta["credentials"]["project_id"].as_str().unwrap();
    let ctx = EncodeContext::new(endpoint).with_project_id(project_id);

    let cases = captures["cases"].as_array().unwrap();
    assert!(cases.len() >= 27, "the captures hold {} cases", cases.len());
    let mut compared = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let op = case["op"].as_str().unwrap();
        let encoded = encode_case(op, &case["input"], &ctx);
        if REFUSED.contains(&name) {
            assert!(encoded.is_err(), "{name}: should be refused, was encoded");
            continue;
        }
        let request = encoded.unwrap_or_else(|why| panic!("{name}: refused: {why:?}"));
        let sent = &case["request"];

        assert_eq!(request.method().as_str(), sent["method"], "{name}: method");
        let target = request.uri().path_and_query().unwrap().as_str();
        assert_eq!(target, sent["target"], "{name}: request target");

        let sent_body = sent["body"].as_str().unwrap();
        if sent_body.is_empty() {
            assert!(
                request.body().is_empty(),
                "{name}: a body where the SDK sent none"
            );
        } else {
            let ours: Value = serde_json::from_slice(request.body()).unwrap();
            let theirs: Value = serde_json::from_str(sent_body).unwrap();
            assert_eq!(ours, theirs, "{name}: body");
            assert_eq!(
                request.headers()["content-type"],
                "application/json",
                "{name}: content type"
            );
        }
        compared += 1;
    }
    assert_eq!(compared, cases.len() - REFUSED.len());
}

/// The signed headers and signature of every sent case, against the SDK's:
/// identical for bodiless requests; for requests with a body (whose bytes
/// differ from the SDK's only in JSON spacing) the SDK's canonical request,
/// with our body's hash in place of its own, must give our signature.
#[test]
fn every_captured_request_is_signed_as_the_sdk_signed_it() {
    use hmac::Mac;
    use sha2::Digest;

    let captures = captures();
    let meta = &captures["meta"];
    let creds = &meta["credentials"];
    let credentials =
        Credentials::access_key(creds["ak"].as_str().unwrap(), creds["sk"].as_str().unwrap())
            .with_project_id(creds["project_id"].as_str().unwrap());
    let project_id = creds["project_id"].as_str().unwrap();
    let ctx = EncodeContext::new(meta["endpoint"].as_str().unwrap()).with_project_id(project_id);
    assert_eq!(meta["x_sdk_date"], "20261124T080000Z");
    let date = UNIX_EPOCH + Duration::from_secs(1_795_507_200);

    let mut identical = 0;
    let mut verified = 0;
    for case in captures["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if REFUSED.contains(&name) {
            continue;
        }
        let sent = &case["request"];
        let header = |wanted: &str| -> &str {
            sent["headers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(wanted))
                .and_then(|h| h[1].as_str())
                .unwrap_or_else(|| panic!("{name}: the SDK sent no {wanted}"))
        };
        let mut request = encode_case(case["op"].as_str().unwrap(), &case["input"], &ctx).unwrap();
        credentials
            .authorize_in(
                &mut request,
                Scope::Project,
                project_id,
                header("User-Agent"),
                date,
            )
            .unwrap();

        let theirs = header("Authorization");
        let signed = theirs
            .split("SignedHeaders=")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        for name_signed in signed.split(';') {
            let ours = request.headers()[name_signed].to_str().unwrap();
            assert_eq!(ours, header(name_signed), "{name}: header {name_signed}");
        }
        let ours = request.headers()["authorization"].to_str().unwrap();
        if sent["body"].as_str().unwrap().is_empty() {
            assert_eq!(ours, theirs, "{name}: authorization");
            identical += 1;
        } else {
            let canonical = case["signing"]["canonical_request"].as_str().unwrap();
            let (head, _their_hash) = canonical.rsplit_once('\n').unwrap();
            let canonical = format!(
                "{head}\n{}",
                hex::encode(sha2::Sha256::digest(request.body()))
            );
            let to_sign = format!(
                "SDK-HMAC-SHA256\n20261124T080000Z\n{}",
                hex::encode(sha2::Sha256::digest(canonical.as_bytes()))
            );
            let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(
                creds["sk"].as_str().unwrap().as_bytes(),
            )
            .unwrap();
            mac.update(to_sign.as_bytes());
            let expected = hex::encode(mac.finalize().into_bytes());
            assert!(
                ours.ends_with(&format!("Signature={expected}")),
                "{name}: {ours}"
            );
            verified += 1;
        }
    }
    assert_eq!((identical, verified), (7, 17));
}

#[test]
fn explicit_nulls_are_left_out() {
    let input = serde_json::json!({
        "enterprise_project_id": null,
        "body": {
            "registry_name": "n", "registry_type": "Harbor", "api_version": "V2",
            "protocol": "https", "registry_addr": "swr.example.com", "registry_username": "u",
            "registry_password": "x", "namespace": null, "connect_cluster_id": "c",
            "get_scan_image_channel": "Swr", "unknown_to_the_spec": null
        }
    });
    let ctx = EncodeContext::new("http://127.0.0.1:18080").with_project_id("p");
    let request = encode_case("AddRegistry", &input, &ctx).unwrap();
    assert_eq!(
        request.uri().path_and_query().unwrap(),
        "/v5/p/image/registries"
    );
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "registry_name",
            "registry_type",
            "api_version",
            "protocol",
            "registry_addr",
            "registry_username",
            "registry_password",
            "connect_cluster_id",
            "get_scan_image_channel"
        ]
    );
}

#[test]
fn refusals_say_where_and_why() {
    let captures = captures();
    let case = captures["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "hss_list_registry_zero_and_empty_values")
        .unwrap();
    let ctx = EncodeContext::new("http://127.0.0.1:18080").with_project_id("p");
    let Err(Refusal::Request(RequestError::Invalid(violations))) =
        encode_case("ListRegistry", &case["input"], &ctx)
    else {
        panic!("limit=0 should be refused by validation");
    };
    let missing = captures["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "edge_missing_required_path_param")
        .unwrap();
    match encode_case("UpdateRegistry", &missing["input"], &ctx) {
        Err(Refusal::Input(reason)) => assert!(reason.contains("missing field `id`"), "{reason}"),
        other => panic!("a request without its path parameter must not encode: {other:?}"),
    }

    let report: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(
        report,
        [
            "query.limit: must be at least 10 (is 0)",
            "query.registry_name: must be at least 1 characters long (is 0)",
        ]
    );
}

#[test]
fn comma_separated_and_replaced_values() {
    let ctx = EncodeContext::new("https://hss.example.com").with_project_id("p1");
    let request = hss::ListRegistryRequest::builder()
        .registry_type(vec![hss::RegistryType::Harbor, hss::RegistryType::Jfrog])
        .limit(10)
        .build()
        .unwrap();
    let encoded = request.to_http_request(&ctx).unwrap();
    assert_eq!(
        encoded.uri().to_string(),
        "https://hss.example.com/v5/p1/image/registries?limit=10&registry_type=Harbor%2CJfrog"
    );

    let request = swr::UpdateUserRepositoryAuthRequest::builder()
        .namespace("group")
        .repository("app/web")
        .body(vec![])
        .build()
        .unwrap();
    let encoded = request.to_http_request(&ctx).unwrap();
    assert_eq!(
        encoded.uri().path(),
        "/v2/manage/namespaces/group/repos/app%24web/access"
    );
    assert_eq!(encoded.body(), b"[]");
}

#[test]
fn the_project_id_must_come_from_the_context() {
    let request = hss::ListRegistryRequest::default();
    let err = request
        .to_http_request(&EncodeContext::new("https://hss.example.com"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "path parameter `project_id` is filled in by the client, but no value was configured for it"
    );
}

#[test]
fn secrets_stay_out_of_debug_and_reports() {
    let request = hss::UpdateRegistryRequest::builder()
        .id("r1")
        .body(
            hss::UpdateRegistryRequestBody::builder()
                .registry_password("hunter2-but-far-too-long-".repeat(10)),
        )
        .build()
        .unwrap();
    assert!(!format!("{request:?}").contains("hunter2"));
    let Err(RequestError::Invalid(violations)) =
        request.to_http_request(&EncodeContext::new("https://h").with_project_id("p"))
    else {
        panic!("a 250-character password should be refused");
    };
    let report = violations.to_string();
    assert!(
        report.contains("body.registry_password: must be at most"),
        "{report}"
    );
    assert!(!report.contains("hunter2"), "{report}");
}

#[test]
fn responses_decode_by_status_and_unknown_ones_are_typed_errors() {
    let response = |status: u16, body: &str| {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    let ok = response(
        200,
        r#"{"total_num": 1, "data_list": [{"registry_type": "Quay", "status": "success"}]}"#,
    );
    // One documented success: the call gives its body.
    let page = hss::ListRegistryRequest::from_http_response(&ok).unwrap();
    let registry = &page.data_list.unwrap()[0];
    // A value the spec does not document still decodes, and says so.
    assert_eq!(
        registry.registry_type,
        Some(hss::RegistryType::Unknown("Quay".to_owned()))
    );

    let teapot = response(418, &"x".repeat(5000));
    let err = hss::ListRegistryRequest::from_http_response(&teapot).unwrap_err();
    assert_eq!(err.status(), 418);
    assert!(err.to_string().len() < 700, "the excerpt is capped");

    let garbled = response(200, "<html>");
    let err = hss::ListRegistryRequest::from_http_response(&garbled).unwrap_err();
    assert!(err.to_string().contains("does not decode"), "{err}");

    // A documented error body is typed, read from the service's answer.
    let error = hwcloud_runtime::ServiceError::from_response(
        404,
        &http::HeaderMap::new(),
        br#"{"error_code": "SVCSTG.SWR.4040001", "error_msg": "not found"}"#,
    );
    let Some(swr::UpdateInstanceRegistryError::NotFound(body)) =
        swr::UpdateInstanceRegistryError::from_service_error(&error)
    else {
        panic!("404 is documented");
    };
    assert_eq!(body.error_code.as_deref(), Some("SVCSTG.SWR.4040001"));
}

/// Error answers read as the SDK reads them: status, request id (from the
/// header only), code, message, encoded authorization message. The SDK's
/// HTTP stack turns a 429 on GET and PUT into a generic error without
/// reading the body; we read it like any other, on purpose.
#[test]
fn captured_error_answers_read_as_the_sdk_read_them() {
    let captures = captures();
    let mut checked = 0;
    for case in captures["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if !name.starts_with("error_") || name == "error_429_on_get" || name == "error_429_on_put" {
            continue;
        }
        let answer = &case["server_response"];
        let mut headers = http::HeaderMap::new();
        for pair in answer["headers"].as_array().unwrap() {
            headers.append(
                http::HeaderName::from_bytes(pair[0].as_str().unwrap().as_bytes()).unwrap(),
                http::HeaderValue::from_str(pair[1].as_str().unwrap()).unwrap(),
            );
        }
        let status = answer["status"].as_u64().unwrap() as u16;
        let body = answer["body"].as_str().unwrap().as_bytes();
        let ours = hwcloud_runtime::ServiceError::from_response(status, &headers, body);
        let theirs = &case["outcome"];
        assert_eq!(u64::from(ours.status), theirs["status_code"], "{name}");
        assert_eq!(
            ours.request_id.as_deref(),
            theirs["request_id"].as_str(),
            "{name}"
        );
        assert_eq!(ours.error_code, theirs["error_code"], "{name}");
        assert_eq!(ours.error_msg, theirs["error_msg"], "{name}");
        assert_eq!(
            ours.encoded_authorization_message.as_deref(),
            theirs["encoded_auth_msg"].as_str(),
            "{name}"
        );
        checked += 1;
    }
    assert_eq!(checked, 6);
}

/// Paging follows `x-pagination`: the offset advances by the items received,
/// and stops at the total, at an empty page, or where the offset would overflow.
#[test]
fn next_page_advances_and_stops() {
    // A received type has no builder; its fields are public.
    let page = |items: usize, total: Option<i32>| {
        let mut page = hss::ListRegistryResponseBody::default();
        page.data_list = Some(vec![hss::RegistryInfo::default(); items]);
        page.total_num = total;
        page
    };
    let first = hss::ListRegistryRequest::builder()
        .limit(10)
        .build()
        .unwrap();
    let second = first.next_page(&page(10, Some(25))).unwrap();
    assert_eq!((second.offset, second.limit), (Some(10), Some(10)));
    let third = second.next_page(&page(10, Some(25))).unwrap();
    assert_eq!(third.offset, Some(20));
    assert_eq!(third.next_page(&page(5, Some(25))), None);
    assert_eq!(first.next_page(&page(0, None)), None);

    // Near the top of the offset's range the walk ends instead of wrapping.
    let last = hss::ListRegistryRequest::builder()
        .offset(i32::MAX - 5)
        .build()
        .unwrap();
    assert_eq!(last.next_page(&page(10, None)), None);
}
