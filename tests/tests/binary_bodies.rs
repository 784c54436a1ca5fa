//! The mock reads every kind of body the generator writes: bytes as they
//! are, and a body sent with another media type than the operation takes
//! is refused with 415 in the vendor's error shape.

use hwcloud_fixture_edge::edge;
use hwcloud_runtime::http;
use serde_json::Value;

fn sent_by_hand(
    method: http::Method,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(body.to_vec());
    *request.method_mut() = method;
    *request.uri_mut() = format!("http://mock{path}").parse().unwrap();
    request.headers_mut().insert(
        "content-type",
        http::HeaderValue::from_str(content_type).unwrap(),
    );
    request
}

#[tokio::test]
async fn bytes_arrive_as_they_were_sent() {
    let mock = edge::Mock::new();
    let bytes: Vec<u8> = (0..=255).collect();
    mock.client()
        .upload_file()
        .file_id("all-bytes")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    let calls = mock.upload_file().calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].body, bytes);
    assert_eq!(calls[0].file_id, "all-bytes");
}

#[test]
fn a_body_of_another_media_type_is_refused() {
    let mock = edge::Mock::new();
    let cases = [
        (
            http::Method::PUT,
            "/v1/p/files/f",
            "application/json",
            &b"{}"[..],
            "application/octet-stream",
        ),
        (
            http::Method::POST,
            "/v5/p/report/logo/upload",
            "application/json",
            b"{}",
            "multipart/form-data",
        ),
        (
            http::Method::PUT,
            "/v1/p/things/t",
            "text/plain",
            b"x",
            "application/json",
        ),
    ];
    for (method, path, sent, body, takes) in cases {
        let answer = mock
            .engine()
            .handle(&sent_by_hand(method, path, sent, body));
        assert_eq!(answer.status(), 415, "{path}");
        let body: Value = serde_json::from_slice(answer.body()).unwrap();
        assert_eq!(body["error_code"], "MOCK.0415");
        let message = body["error_msg"].as_str().unwrap();
        assert!(message.contains(&format!("takes `{takes}")), "{message}");
    }
}
