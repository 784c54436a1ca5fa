//! The signer against every vector the vendor's SDK produced
//! (`tests/data/oracle-signer-vectors.json`, copied from `../shared/oracle/`):
//! canonical request, string to sign, signed headers and `Authorization`
//! must match exactly.

use hwcloud_runtime::http;
use hwcloud_runtime::sign::{self, AccessKey};
use hwcloud_tests::workspace_root;
use serde_json::Value;
use std::time::UNIX_EPOCH;

/// A vector's query parameter value as the SDK renders it on the wire.
fn query_values(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(query_values).collect(),
        other => vec![other.to_string()],
    }
}

/// The vector's input as the request our transport would hand the signer.
fn request_of(input: &Value) -> http::Request<Vec<u8>> {
    let mut query = Vec::new();
    for pair in input["query"].as_array().unwrap() {
        let key = pair[0].as_str().unwrap();
        for value in query_values(&pair[1]) {
            query.push(format!(
                "{}={}",
                hwcloud_runtime::path_segment(key),
                hwcloud_runtime::path_segment(&value)
            ));
        }
    }
    let mut uri = format!(
        "http://{}{}",
        input["host"].as_str().unwrap(),
        input["path"].as_str().unwrap()
    );
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    let body = match (&input["body"], &input["body_hex"]) {
        (_, Value::String(hex)) => hex::decode(hex).unwrap(),
        (Value::String(text), _) => text.as_bytes().to_vec(),
        _ => Vec::new(),
    };
    let method = http::Method::from_bytes(input["method"].as_str().unwrap().as_bytes()).unwrap();
    let mut request = http::Request::builder().method(method).uri(uri);
    for header in input["headers"].as_array().unwrap() {
        request = request.header(
            header[0].as_str().unwrap(),
            header[1].as_str().unwrap().as_bytes(),
        );
    }
    request.body(body).unwrap()
}

#[test]
fn every_signer_vector_matches() {
    let path = workspace_root().join("tests/data/oracle-signer-vectors.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors = vectors["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 31);
    for vector in vectors {
        let name = vector["name"].as_str().unwrap();
        let credentials = &vector["credentials"];
        let key = AccessKey::new(
            credentials["ak"].as_str().unwrap(),
            credentials["sk"].as_str().unwrap(),
        );
        let expected = &vector["expected"];
        let mut request = request_of(&vector["input"]);
        // Every vector carries its own date; the clock must not be read.
        let mut prepared = request.clone();
        sign::prepare(&mut prepared, UNIX_EPOCH).unwrap();
        let signature = sign::signature(&prepared, &key).unwrap();
        sign::sign(&mut request, &key, UNIX_EPOCH).unwrap();
        assert_eq!(
            signature.canonical_request, expected["canonical_request"],
            "{name}: canonical request"
        );
        assert_eq!(
            signature.string_to_sign, expected["string_to_sign"],
            "{name}: string to sign"
        );
        assert_eq!(
            signature.signed_headers, expected["signed_headers"],
            "{name}: signed headers"
        );
        assert_eq!(
            signature.authorization, expected["authorization"],
            "{name}: authorization"
        );
        assert_eq!(
            request.headers()["authorization"].to_str().unwrap(),
            expected["authorization"],
            "{name}: header"
        );
    }
}
