//! The generated mocks (`mock` feature): documented examples by default,
//! typed rules, sequences for retry tests, recorded typed requests,
//! signature checks, and refusals in the vendor's error shape, in process
//! and over HTTP on 127.0.0.1.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::mock::Reply;
use hwcloud_runtime::{Config, Credentials, HttpTransport, RetryPolicy, Transport};
use serde_json::Value;
use std::time::Duration;

#[tokio::test]
async fn an_unprogrammed_operation_answers_with_its_documented_example() {
    let mock = hss::Mock::new();
    let page = mock
        .client()
        .list_registry()
        .limit(10)
        .send()
        .await
        .unwrap();
    let page = page.into_inner();
    assert_eq!(page.total_num, Some(4));
    let items = page.data_list.unwrap();
    assert_eq!(items[0].registry_name.as_deref(), Some("0109test"));

    let calls = mock.list_registry().calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].limit, Some(10));
    assert_eq!(mock.list_registry().count(), 1);
    assert!(mock.rejections().is_empty());
}

#[tokio::test]
async fn rules_answer_with_typed_values_closures_and_errors() {
    let mock = hss::Mock::new();
    let client = mock.client();

    // Types only ever received have builders under the `mock` feature.
    let body = hss::ListRegistryResponseBody::builder()
        .total_num(1)
        .data_list(vec![hss::RegistryInfo::builder()
            .registry_name("harbor-test")
            .status(hss::RegistryStatus::Success)
            .build()
            .unwrap()])
        .build()
        .unwrap();
    mock.list_registry().returns(body.clone());
    let answer = client.list_registry().send().await.unwrap().into_inner();
    assert_eq!(answer, body);

    mock.list_registry()
        .respond_with(|request: &hss::ListRegistryRequest| {
            let mut body = hss::ListRegistryResponseBody::default();
            body.total_num = request.offset;
            Reply::json(200, &body)
        });
    let answer = client.list_registry().offset(7).send().await.unwrap();
    assert_eq!(answer.into_inner().total_num, Some(7));

    mock.list_registry().fails(403, "HSS.1001", "no permission");
    let err = client.list_registry().send().await.unwrap_err();
    let service = err.service_error().expect("a service error");
    assert_eq!(
        (service.status, service.error_code.as_str()),
        (403, "HSS.1001")
    );
    assert_eq!(service.error_msg, "no permission");
    assert!(err.request_id().is_some_and(|id| id.starts_with("mock-")));

    assert_eq!(mock.list_registry().count(), 3);
    mock.list_registry().reset();
    assert_eq!(mock.list_registry().count(), 0);
    client.list_registry().send().await.unwrap();
}

#[tokio::test]
async fn a_hostile_answer_is_a_decode_error_not_a_crash() {
    let mock = hss::Mock::new();
    let client = mock.client();
    let deep = format!(
        "{{\"data_list\": [{{\"registry_name\": {}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    mock.list_registry()
        .reply(Reply::raw(200, "application/json", deep.into_bytes()));
    let err = client.list_registry().send().await.unwrap_err();
    assert!(
        matches!(err, hwcloud_runtime::Error::Decode { .. }),
        "{err}"
    );
    mock.list_registry().reply(Reply::raw(
        200,
        "application/json",
        b"{\"total_num\": ".to_vec(),
    ));
    let err = client.list_registry().send().await.unwrap_err();
    assert!(
        matches!(err, hwcloud_runtime::Error::Decode { .. }),
        "{err}"
    );
}

#[tokio::test]
async fn a_sequence_drives_the_clients_retries() {
    let mock = hss::Mock::new();
    let retrying = Config::new(Credentials::access_key("ak", "sk").with_project_id("p"))
        .with_retry(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(1)),
        );
    let client = mock.client_with(retrying).unwrap();
    let rule = mock.list_registry();
    let mut last = hss::ListRegistryResponseBody::default();
    last.total_num = Some(1);
    rule.sequence([
        Reply::error(503, "SVC.503", "busy"),
        Reply::error(503, "SVC.503", "busy"),
        rule.answer(last.clone()),
    ]);
    let output = client.list_registry().send().await.unwrap();
    assert_eq!(output.attempts(), 3);
    assert_eq!(output.into_inner(), last);
    assert_eq!(rule.count(), 3);
    // The queue is spent: the example answers again.
    let again = client.list_registry().send().await.unwrap().into_inner();
    assert_eq!(again.total_num, Some(4));
}

#[tokio::test]
async fn answers_without_a_body_and_list_bodies_are_typed_too() {
    let mock = swr::Mock::new();
    let client = mock.client();
    client
        .update_user_repository_auth()
        .namespace("ns")
        .repository("repo")
        .body(vec![swr::UserAuth::builder()
            .user_id("u1")
            .user_name("alice")
            .auth(swr::AuthLevel::Manage)
            .build()
            .unwrap()])
        .send()
        .await
        .unwrap();
    let calls = mock.update_user_repository_auth().calls();
    assert_eq!(calls[0].namespace, "ns");
    assert_eq!(calls[0].body[0].user_name, "alice");
}

#[tokio::test]
async fn the_mock_reads_parameters_as_the_service_does_undoing_wire_substitutions() {
    // SWR wants `/` in a repository name sent as `$` (`x-wire-replace`).
    let mock = swr::Mock::new();
    mock.client()
        .update_user_repository_auth()
        .namespace("ns")
        .repository("group/app")
        .body(vec![swr::UserAuth::builder()
            .user_id("u1")
            .user_name("alice")
            .auth(swr::AuthLevel::Read)
            .build()
            .unwrap()])
        .send()
        .await
        .unwrap();
    assert_eq!(
        mock.update_user_repository_auth().calls()[0].repository,
        "group/app"
    );
}

#[tokio::test]
async fn a_verifying_mock_refuses_what_its_credentials_did_not_sign() {
    let credentials = Credentials::access_key("AKMOCK", "SKmock").with_project_id("p1");
    let mock = hss::Mock::verifying(credentials);
    mock.client().list_registry().send().await.unwrap();

    let stranger = Config::new(Credentials::access_key("AKMOCK", "wrong").with_project_id("p1"));
    let err = mock
        .client_with(stranger)
        .unwrap()
        .list_registry()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    let rejections = mock.rejections();
    assert_eq!(rejections.len(), 1);
    assert_eq!(rejections[0].operation, Some("ListRegistry"));
    assert!(rejections[0].reason.contains("signature"), "{rejections:?}");
    assert_eq!(
        mock.list_registry().count(),
        1,
        "a refused request is not a call"
    );
}

/// A request sent by hand, unsigned.
fn by_hand(method: &str, url: &str, json: Option<&str>) -> http::Request<Vec<u8>> {
    let builder = http::Request::builder().method(method).uri(url);
    match json {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(body.as_bytes().to_vec()),
        None => builder.body(Vec::new()),
    }
    .unwrap()
}

/// What the server answered: status and JSON body.
async fn send(http: &HttpTransport, request: http::Request<Vec<u8>>) -> (u16, Value) {
    let response = http.send(request).await.unwrap();
    let body = serde_json::from_slice(response.body()).unwrap_or(Value::Null);
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn requests_sent_by_hand_to_the_server_are_checked_and_refused_in_the_vendors_shape() {
    let mock =
        hss::Mock::verifying(Credentials::access_key("AKMOCK", "SKmock").with_project_id("p1"));
    let server = mock.serve("127.0.0.1:0".parse().unwrap()).await.unwrap();
    // The runtime's own transport, with nothing signed.
    let http = HttpTransport::for_config(
        &Config::new(Credentials::access_key("AK", "SK")).with_proxy(hwcloud_runtime::Proxy::None),
    )
    .unwrap();
    let url = format!("{}/v5/p1/image/registries?limit=10", server.url());

    let (status, body) = send(&http, by_hand("GET", &url, None)).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error_code"], "MOCK.0401");
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("Authorization"),
        "{body}"
    );

    // Signed by the client and sent over HTTP: accepted.
    let client = mock
        .client_with(Config::new(
            Credentials::access_key("AKMOCK", "SKmock").with_project_id("p1"),
        ))
        .unwrap();
    let over_http = hss::Client::new(
        &Config::new(Credentials::access_key("AKMOCK", "SKmock").with_project_id("p1"))
            .with_endpoint(server.url())
            .with_proxy(hwcloud_runtime::Proxy::None),
    )
    .unwrap();
    over_http.list_registry().limit(20).send().await.unwrap();
    client.list_registry().send().await.unwrap();
    assert_eq!(mock.list_registry().calls()[0].limit, Some(20));

    let open = hss::Mock::new();
    let server = open.serve("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let base = server.url();
    let cases = [
        ("/v5/p1/image/registries?limit=0", "query.limit"),
        (
            "/v5/p1/image/registries?limit=ten",
            "query parameter `limit`",
        ),
        ("/v5/p1/image/registries?status=gone", "query.status"),
    ];
    for (path, named) in cases {
        let (status, body) = send(&http, by_hand("GET", &format!("{base}{path}"), None)).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["error_code"], "MOCK.0400", "{path}");
        assert!(
            body["error_msg"].as_str().unwrap().contains(named),
            "{path}: {body}"
        );
    }
    let (status, body) = send(
        &http,
        by_hand(
            "POST",
            &format!("{base}/v5/p1/image/registries"),
            Some(r#"{"registry_name": "x"}"#),
        ),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("missing field"),
        "{body}"
    );
    let (status, body) = send(&http, by_hand("GET", &format!("{base}/v9/nothing"), None)).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (404, Some("MOCK.0404"))
    );
    let (status, _) = send(
        &http,
        by_hand("DELETE", &format!("{base}/v5/p1/image/registries"), None),
    )
    .await;
    assert_eq!(status, 405);
    assert_eq!(open.rejections().len(), 6);

    // A dropped server closes its connections too, pooled ones included.
    let (status, _) = send(
        &http,
        by_hand("GET", &format!("{base}/v5/p1/image/registries"), None),
    )
    .await;
    assert_eq!(status, 200);
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let after = http
        .send(by_hand(
            "GET",
            &format!("{base}/v5/p1/image/registries"),
            None,
        ))
        .await;
    assert!(
        after.is_err(),
        "answered after the server was dropped: {after:?}"
    );
}

#[tokio::test]
async fn the_mock_enforces_the_documented_bounds_of_every_query_parameter() {
    let spec = hwcloud_tests::workspace_root().join("spec/hss.json");
    let service = hwcloud_codegen::load_file(&spec)
        .service
        .expect("the spec loads");
    let mock = hss::Mock::new();
    let engine = mock.engine();
    let mut checked = 0;
    for op in &service.operations {
        let template = op.path.replace("{project_id}", "p1").replace("{id}", "r1");
        for param in op
            .params
            .iter()
            .filter(|p| p.location == hwcloud_codegen::ir::ParamLocation::Query)
        {
            let hwcloud_codegen::ir::Type::Integer(bounds) = &param.schema.ty else {
                continue;
            };
            let (Some(min), Some(max)) = (bounds.minimum, bounds.maximum) else {
                continue;
            };
            for (value, ok) in [(min, true), (max, true), (min - 1, false), (max + 1, false)] {
                let request = http::Request::builder()
                    .method(op.method.as_str())
                    .uri(format!("http://mock{template}?{}={value}", param.name))
                    .header("content-type", "application/json")
                    .body(body_of(op))
                    .unwrap();
                let response = engine.handle(&request);
                let status = response.status().as_u16();
                assert_eq!(
                    status < 400,
                    ok,
                    "{} {}={value}: {status}",
                    op.id,
                    param.name
                );
                if !ok {
                    let body: Value = serde_json::from_slice(response.body()).unwrap();
                    let message = body["error_msg"].as_str().unwrap();
                    assert!(
                        message.contains(&format!("query.{}", param.name)),
                        "{message}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} bounds checked");
}

#[test]
fn the_mock_enforces_the_documented_lengths_of_body_fields() {
    use hwcloud_codegen::ir::{NamedKind, Type};
    let mut checked = 0;
    for (file, routes) in [
        ("hss.json", hss::Mock::routes()),
        ("swr.json", swr::Mock::routes()),
    ] {
        let spec = hwcloud_tests::workspace_root().join("spec").join(file);
        let service = hwcloud_codegen::load_file(&spec)
            .service
            .expect("the spec loads");
        let engine = hwcloud_runtime::mock::Engine::new(routes);
        for op in &service.operations {
            let Some(body) = &op.body else { continue };
            let Type::Named(name) = &body.schema.ty else {
                continue;
            };
            let Some(NamedKind::Struct(model)) = service.type_by_name(name).map(|t| &t.kind) else {
                continue;
            };
            // A body the service takes: a documented example that is valid
            // (some break their own spec), else one written here.
            let candidates = body
                .examples
                .iter()
                .map(|e| e.value.clone())
                .chain(valid_bodies(&op.id));
            let Some(valid) = candidates.into_iter().find(|b| accepted(&engine, op, b)) else {
                panic!(
                    "{}: no valid body to start from: {:?}",
                    op.id,
                    engine.rejections()
                );
            };
            for field in &model.fields {
                let Type::String(text) = &field.schema.ty else {
                    continue;
                };
                let Some(max) = text.max_length else { continue };
                let mut long = valid.clone();
                long[&field.name] = Value::String("a".repeat(max as usize + 1));
                let response = engine.handle(&request(op, &long));
                assert_eq!(response.status(), 400, "{} {}", op.id, field.name);
                let body: Value = serde_json::from_slice(response.body()).unwrap();
                let message = body["error_msg"].as_str().unwrap();
                assert!(
                    message.contains(&format!("body.{}", field.name)),
                    "{message}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} lengths checked");
}

/// Valid bodies for the operations whose documented examples are not.
fn valid_bodies(operation: &str) -> Vec<Value> {
    let body = match operation {
        "AddRegistry" => serde_json::json!({
            "registry_name": "harbor-prod", "registry_type": "Harbor", "api_version": "V2",
            "protocol": "https", "registry_addr": "myharbor.com", "registry_username": "admin",
            "registry_password": "Passw0rd!",
            "connect_cluster_id": "db69f3e6-887f-11ef-9825-0255ac1001b6",
            "get_scan_image_channel": "Swr"
        }),
        "UpdateRegistry" => serde_json::json!({}),
        "UpdateInstanceRegistry" => serde_json::json!({
            "name": "target", "type": "swr-pro", "url": "https://harbor.example.com",
            "credential": {"type": "basic", "access_key": "ak", "access_secret": "sk"},
            "insecure": false
        }),
        _ => return Vec::new(),
    };
    vec![body]
}

/// `op` with `body` and its path parameters filled in.
fn request(op: &hwcloud_codegen::ir::Operation, body: &Value) -> http::Request<Vec<u8>> {
    let mut path = op.path.clone();
    for param in op
        .params
        .iter()
        .filter(|p| p.location == hwcloud_codegen::ir::ParamLocation::Path)
    {
        let value = match param.schema.ty {
            hwcloud_codegen::ir::Type::Integer(_) => "1",
            _ => "x1",
        };
        path = path.replace(&format!("{{{}}}", param.name), value);
    }
    http::Request::builder()
        .method(op.method.as_str())
        .uri(format!("http://mock{path}"))
        .header("content-type", "application/json;charset=UTF-8")
        .body(body.to_string().into_bytes())
        .unwrap()
}

fn accepted(
    engine: &hwcloud_runtime::mock::Engine,
    op: &hwcloud_codegen::ir::Operation,
    body: &Value,
) -> bool {
    engine.handle(&request(op, body)).status().as_u16() < 400
}

/// The operation's first documented request example, as bytes (empty when
/// it has no body).
fn body_of(op: &hwcloud_codegen::ir::Operation) -> Vec<u8> {
    op.body
        .as_ref()
        .and_then(|b| b.examples.first())
        .map(|e| e.value.to_string().into_bytes())
        .unwrap_or_default()
}

#[test]
fn every_operation_describes_itself_for_the_mock_and_the_cli() {
    let mut names = Vec::new();
    for route in hss::Mock::routes().iter().chain(&swr::Mock::routes()) {
        let info = route.info();
        assert!(!info.answers.is_empty(), "{}", info.name);
        assert!(
            info.params
                .iter()
                .all(|p| p.auto_filled == p.flag.is_empty()),
            "{}",
            info.name
        );
        names.push(info.command);
    }
    assert_eq!(
        names,
        [
            "add-registry",
            "list-registry",
            "update-registry",
            "update-instance-registry",
            "update-user-repository-auth"
        ]
    );
}
