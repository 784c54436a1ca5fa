//! `multipart/form-data` uploads against what the vendor's SDK sent for
//! HSS's `UploadReportLogo` (`tests/data/multipart_upload_capture.json`,
//! captured with the oracle's tools). The fixture crate's `UploadLogo` has
//! the same path, query and form.
//!
//! The SDK's boundary is random (pinned for the capture); ours is a hash of
//! the parts. So bodies are compared with our boundary written as theirs,
//! and the signature is computed over their boundary: byte for byte the
//! same request.

use hwcloud_fixture_edge::edge;
use hwcloud_runtime::multipart::{boundary_of, parse};
use hwcloud_runtime::{http, Credentials, EncodeContext, FilePart, Scope};
use hwcloud_tests::oracle::Sent;
use hwcloud_tests::workspace_root;
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

fn capture() -> Value {
    let path = workspace_root().join("tests/data/multipart_upload_capture.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn case<'c>(capture: &'c Value, name: &str) -> &'c Value {
    capture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

fn base64(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

/// The typed request for a captured case's input.
fn request(input: &Value, file: FilePart) -> edge::UploadLogoRequest {
    let mut builder = edge::UploadLogoRequest::builder().body(edge::LogoForm::builder().file(file));
    if let Some(id) = input["query"]["enterprise_project_id"].as_str() {
        builder = builder.enterprise_project_id(id);
    }
    builder.build().unwrap()
}

/// Our encoding of `request`, with its boundary replaced by `theirs`
/// (header and body), so that it can be compared and signed as theirs.
fn encoded_as(
    request: &edge::UploadLogoRequest,
    ctx: &EncodeContext<'_>,
    theirs: &str,
) -> http::Request<Vec<u8>> {
    let mut encoded = request.to_http_request(ctx).unwrap();
    let content_type = encoded.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let ours = boundary_of(&content_type).unwrap().to_owned();
    assert_eq!(ours.len(), 32, "{content_type}");
    assert!(ours.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
    let body = String::from_utf8_lossy(encoded.body()).into_owned();
    assert!(!body.is_empty());
    let swapped = replace_bytes(encoded.body(), ours.as_bytes(), theirs.as_bytes());
    *encoded.body_mut() = swapped;
    encoded.headers_mut().insert(
        "content-type",
        http::HeaderValue::from_str(&content_type.replace(&ours, theirs)).unwrap(),
    );
    encoded
}

fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn every_captured_upload_is_sent_and_signed_as_the_sdk_did() {
    let capture = capture();
    let meta = &capture["meta"];
    let creds = &meta["credentials"];
    let project_id = creds["project_id"].as_str().unwrap();
    let credentials =
        Credentials::access_key(creds["ak"].as_str().unwrap(), creds["sk"].as_str().unwrap())
            .with_project_id(project_id);
    let ctx = EncodeContext::new(meta["endpoint"].as_str().unwrap()).with_project_id(project_id);
    assert_eq!(meta["x_sdk_date"], "20261124T080000Z");
    let date = UNIX_EPOCH + Duration::from_secs(1_795_507_200);

    let scratch = std::env::temp_dir().join(format!("hwcloud-upload-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut compared = 0;
    for case in capture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let Some(file_name) = input["file_name"].as_str() else {
            continue; // no file: see `a_form_without_its_file_is_not_sent`
        };
        let sent: Sent = serde_json::from_value(case["request"].clone()).unwrap();
        let bytes = base64(input["file_base64"].as_str().unwrap());
        // A file given by path is named by its last component, as the SDK
        // names it; otherwise the name and type are given.
        let file = if input["file_given_as"].as_str().unwrap().contains("path") {
            let path = scratch.join(file_name);
            std::fs::write(&path, &bytes).unwrap();
            FilePart::from_path(&path).unwrap()
        } else {
            FilePart::new(bytes).with_file_name(file_name)
        };
        let file = match input["content_type"].as_str() {
            Some(content_type) => file.with_content_type(content_type),
            None => file,
        };
        let theirs = boundary_of(sent.header("Content-Type").unwrap())
            .unwrap()
            .to_owned();
        let mut encoded = encoded_as(&request(input, file), &ctx, &theirs);

        let target = encoded.uri().path_and_query().unwrap().as_str();
        assert_eq!(target, sent.target, "{name}: target");
        assert_eq!(encoded.method(), "POST", "{name}");
        let body = base64(case["request"]["body_base64"].as_str().unwrap());
        assert!(
            encoded.body() == &body,
            "{name}: body\nours:   {:?}\ntheirs: {:?}",
            String::from_utf8_lossy(encoded.body()),
            String::from_utf8_lossy(&body)
        );

        credentials
            .authorize_in(
                &mut encoded,
                Scope::Project,
                credentials.project_id().unwrap(),
                sent.header("User-Agent").unwrap(),
                date,
            )
            .unwrap();
        for signed in [
            "content-type",
            "x-sdk-content-sha256",
            "x-project-id",
            "host",
        ] {
            assert_eq!(
                encoded.headers()[signed].to_str().unwrap(),
                sent.header(signed).unwrap(),
                "{name}: {signed}"
            );
        }
        assert_eq!(
            encoded.headers()["authorization"].to_str().unwrap(),
            sent.header("Authorization").unwrap(),
            "{name}: authorization"
        );
        compared += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert_eq!(compared, 4, "cases with a file");
}

/// The SDK sends a form without its required file (case
/// `upload_report_logo_missing_file`); we refuse to build such a request.
#[test]
fn a_form_without_its_file_is_not_sent() {
    let capture = capture();
    let sdk = case(&capture, "upload_report_logo_missing_file");
    assert!(sdk["input"]["file_name"].is_null());
    let err = edge::UploadLogoRequest::builder()
        .body(edge::LogoForm::builder())
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("body.file"), "{err}");
}

/// Text fields before the file, as the SDK writes them (text fields first,
/// then files, each in the spec's order: `tests/tests/vendor_wire.rs`
/// compares a captured upload with both), read back by the service's rules.
#[test]
fn text_fields_go_before_the_file() {
    let request = edge::UploadLogoRequest::builder()
        .body(
            edge::LogoForm::builder()
                .file(FilePart::new(&b"img"[..]).with_file_name("a.png"))
                .note("hello \"there\"")
                .shade(edge::LogoFormShade::Dark)
                .width(640),
        )
        .build()
        .unwrap();
    let ctx = EncodeContext::new("https://edge.example.com").with_project_id("p");
    let encoded = request.to_http_request(&ctx).unwrap();
    let content_type = encoded.headers()["content-type"].to_str().unwrap();
    let parts = parse(boundary_of(content_type).unwrap(), encoded.body()).unwrap();
    let seen: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|p| (p.name.as_str(), p.bytes.as_slice()))
        .collect();
    assert_eq!(
        seen,
        [
            ("note", &b"hello \"there\""[..]),
            ("shade", b"dark"),
            ("width", b"640"),
            ("file", b"img"),
        ]
    );
    assert_eq!(parts[3].file_name.as_deref(), Some("a.png"));
    // The same request is the same bytes (and boundary) every time.
    assert_eq!(
        request.to_http_request(&ctx).unwrap().body(),
        encoded.body()
    );
}

/// The mock reads a form as the service would: the typed request it
/// records holds the file, and a broken form is refused in the vendor's
/// error shape.
#[tokio::test]
async fn the_mock_reads_forms() {
    let mock = edge::Mock::new();
    let logo = FilePart::new(&b"\x89PNG"[..])
        .with_file_name("logo.png")
        .with_content_type("image/png");
    mock.client()
        .upload_logo()
        .body(edge::LogoForm::builder().file(logo.clone()).width(3))
        .send()
        .await
        .unwrap();
    let calls = mock.upload_logo().calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].body.file, logo);
    assert_eq!(calls[0].body.width, Some(3));

    // A form whose `width` is not a number, sent by hand.
    let mut request = http::Request::new(
        b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nx\r\n\
          --B\r\nContent-Disposition: form-data; name=\"width\"\r\n\r\nwide\r\n--B--\r\n"
            .to_vec(),
    );
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = "http://mock/v5/p/report/logo/upload".parse().unwrap();
    request.headers_mut().insert(
        "content-type",
        http::HeaderValue::from_static("multipart/form-data; boundary=B"),
    );
    let answer = mock.engine().handle(&request);
    assert_eq!(answer.status(), 400);
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    let message = body["error_msg"].as_str().unwrap();
    assert!(message.contains("form field `width`"), "{message}");
}
