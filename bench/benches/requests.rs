//! Per-request runtime cost of the generated clients, each next to the
//! floor any client pays for the same request:
//!
//! - `encode_sign/ours/<op>`: validate + encode to an `http::Request` + sign
//!   (SDK-HMAC-SHA256), for each of the five documented operations;
//!   `encode_sign/baseline/<op>`: `serde_json::to_vec` of the same body plus
//!   one HMAC-SHA256 over it; `encode_sign/floor/<op>`: `to_vec` plus the
//!   hashing the vendor's signature itself requires (SHA-256 of the body,
//!   SHA-256 of a canonical request as long as ours, HMAC of the string to
//!   sign with the key state prepared once).
//! - `decode/ours`: a 100-item `ListRegistry` response through
//!   `from_http_response` (status dispatch, decoding with error excerpts);
//!   `decode/baseline`: `serde_json::from_slice` into the same struct.
//!
//! `bench/run.sh` prints the ratios.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use hmac::{Hmac, Mac};
use hwcloud_registry::{hss, swr};
use hwcloud_runtime::sign::{prepare, sign, signature, AccessKey};
use hwcloud_runtime::{EncodeContext, Operation};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

const SECRET: &str = "SKbench/secret+key0000000000000000000000";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const HSS: &str = "https://hss.cn-north-4.myhuaweicloud.com";
const SWR: &str = "https://swr-api.cn-north-4.myhuaweicloud.com";

/// A request of one operation, as its recorded SDK call names it.
fn request<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("a valid request of the operation")
}

/// Validates and encodes one operation's request.
type Encode = Box<dyn Fn(&EncodeContext<'_>) -> http::Request<Vec<u8>>>;

/// One operation: how our client turns it into a request, and the body
/// bytes the baseline serializes.
struct Case {
    name: &'static str,
    endpoint: &'static str,
    encode: Encode,
    body: Box<dyn Fn() -> Vec<u8>>,
}

macro_rules! case {
    ($name:literal, $endpoint:expr, $ty:ty, $json:literal, $body:expr) => {{
        let request: $ty = request($json);
        let for_body = request.clone();
        Case {
            name: $name,
            endpoint: $endpoint,
            encode: Box::new(move |ctx| request.to_http_request(ctx).expect("valid request")),
            body: Box::new(move || $body(&for_body)),
        }
    }};
}

fn cases() -> Vec<Case> {
    vec![
        case!(
            "AddRegistry",
            HSS,
            hss::AddRegistryRequest,
            r#"{"enterprise_project_id": "all_granted_eps", "body": {"get_scan_image_channel": "Other", "connect_cluster_id": "db69f3e6-887f-11ef-9825-0255ac1001b6", "namespace": "scan-ns", "registry_password": "p@ss\"w\\ord/+%\t~", "registry_username": "robot$scanner", "registry_addr": "100.85.219.197:8082", "protocol": "http", "api_version": "V1", "registry_type": "Jfrog", "registry_name": "0109test"}}"#,
            |r: &hss::AddRegistryRequest| serde_json::to_vec(&r.body).unwrap()
        ),
        case!(
            "ListRegistry",
            HSS,
            hss::ListRegistryRequest,
            r#"{"status": "success", "registry_type": "Harbor", "registry_name": "harbor-prod", "limit": 50, "offset": 20, "enterprise_project_id": "all_granted_eps", "registry_id": "ad7552e3-1eb7-475a-b5a4-3d28262b855e", "registry_addr": "myharbor.com:8443"}"#,
            // No body: the baseline is the HMAC alone.
            |_: &hss::ListRegistryRequest| Vec::new()
        ),
        case!(
            "UpdateRegistry",
            HSS,
            hss::UpdateRegistryRequest,
            r#"{"enterprise_project_id": "all_granted_eps", "id": "ad7552e3-1eb7-475a-b5a4-3d28262b855e", "body": {"api_version": "V2", "protocol": "https", "registry_addr": "myharbor.com", "registry_username": "admin", "registry_password": "N3wP@ss", "namespace": "library", "connect_cluster_id": "db69f3e6-887f-11ef-9825-0255ac1001b6", "get_scan_image_channel": "Other"}}"#,
            |r: &hss::UpdateRegistryRequest| serde_json::to_vec(&r.body).unwrap()
        ),
        case!(
            "UpdateInstanceRegistry",
            SWR,
            swr::UpdateInstanceRegistryRequest,
            r#"{"instance_id": "1f3e0a9c-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "registry_id": 42, "body": {"name": "target-harbor", "type": "swr-pro", "url": "https://harbor.example.com", "credential": {"type": "basic", "access_key": "admin", "access_secret": "Harbor12345"}, "insecure": false}}"#,
            |r: &swr::UpdateInstanceRegistryRequest| serde_json::to_vec(&r.body).unwrap()
        ),
        case!(
            "UpdateUserRepositoryAuth",
            SWR,
            swr::UpdateUserRepositoryAuthRequest,
            r#"{"namespace": "my-org", "repository": "nginx", "body": [{"user_id": "fb3f175c1fd146ab8cdae3272be6107b", "user_name": "liugenping01", "auth": 7}, {"auth": 3, "user_name": "dev-user", "user_id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}, {"user_id": "ffffffffffffffffffffffffffffffff", "user_name": "reader", "auth": 1}]}"#,
            |r: &swr::UpdateUserRepositoryAuthRequest| serde_json::to_vec(&r.body).unwrap()
        ),
    ]
}

fn encode_sign(c: &mut Criterion) {
    let key = AccessKey::new("AKBENCH0000000000001", SECRET);
    let now = UNIX_EPOCH + Duration::from_secs(1_795_507_200);
    let mut group = c.benchmark_group("encode_sign");
    for case in cases() {
        let ctx = EncodeContext::new(case.endpoint).with_project_id(PROJECT);
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                let mut request = (case.encode)(black_box(&ctx));
                sign(&mut request, &key, now).expect("signable");
                request
            })
        });
        group.bench_function(BenchmarkId::new("baseline", case.name), |b| {
            b.iter(|| {
                let body = (case.body)();
                let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
                mac.update(black_box(&body));
                (body, mac.finalize().into_bytes())
            })
        });
        // The vendor's signature hashes the body, then the canonical
        // request, then HMACs the string to sign: texts of the lengths
        // this request has.
        let mut request = (case.encode)(&ctx);
        prepare(&mut request, now).expect("signable");
        let signed = signature(&request, &key).expect("signable");
        let mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        group.bench_function(BenchmarkId::new("floor", case.name), |b| {
            b.iter(|| {
                let body = (case.body)();
                let body_hash = Sha256::digest(&body);
                let canonical_hash = Sha256::digest(black_box(&signed.canonical_request));
                let mut mac = mac.clone();
                mac.update(black_box(signed.string_to_sign.as_bytes()));
                (body, body_hash, canonical_hash, mac.finalize().into_bytes())
            })
        });
    }
    group.finish();
}

/// A `ListRegistry` page of 100 registries, every field set.
fn list_page() -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({
                "id": format!("ad7552e3-1eb7-475a-b5a4-3d28262b{i:04}"),
                "registry_name": format!("harbor-{i}"),
                "registry_type": "Harbor",
                "registry_addr": format!("harbor{i}.example.com:8443"),
                "namespace": "library",
                "registry_username": "admin",
                "status": if i % 3 == 0 { "fail" } else { "success" },
                "fail_reason": if i % 3 == 0 { "REQUEST_API_ERROR" } else { "SERVER_ERROR" },
                "api_version": "V2",
                "protocol": "https",
                "connect_cluster_id": "db69f3e6-887f-11ef-9825-0255ac1001b6",
                "get_scan_image_channel": "Swr",
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "data_list": items, "total_num": 100 })).unwrap()
}

fn decode(c: &mut Criterion) {
    let body = list_page();
    let response = http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(body.clone())
        .unwrap();
    // The page must decode fully, or the comparison is meaningless.
    let page = hss::ListRegistryRequest::from_http_response(&response).unwrap();
    let registries = page.data_list.unwrap_or_default();
    assert_eq!(registries.len(), 100);
    assert!(registries
        .iter()
        .all(|r| r.registry_username.is_some() && r.fail_reason.is_some()));

    let mut group = c.benchmark_group("decode");
    group.bench_function("ours/ListRegistry100", |b| {
        b.iter(|| hss::ListRegistryRequest::from_http_response(black_box(&response)).unwrap())
    });
    group.bench_function("baseline/ListRegistry100", |b| {
        b.iter(|| {
            serde_json::from_slice::<hss::ListRegistryResponseBody>(black_box(&body)).unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = encode_sign, decode
}
criterion_main!(benches);
