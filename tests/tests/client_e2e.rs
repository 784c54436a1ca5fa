//! The generated clients against a real HTTP server on 127.0.0.1: every
//! captured SDK case again (differential, through sockets this time), and
//! the faults a client must survive, each ending in the right number of
//! attempts and the right error. Every request's signature is recomputed
//! by `hwcloud_tests::signature`, which does not use the runtime's signer.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::{
    Config, Credentials, Error, Proxy, RetryPolicy, Timeouts, TransportErrorKind,
};
use hwcloud_tests::calls::{Called, Clients};
use hwcloud_tests::loopback::{Received, Reply, Server};
use hwcloud_tests::oracle::CapturesFile;
use hwcloud_tests::{conformance, signature, workspace_root};
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

const AK: &str = "AKLOOPBACK0000000001";
const SK: &str = "SKloopback/secret+key";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// Fast retries, and a clock that moves a second per reading, so that each
/// attempt's `X-Sdk-Date` differs.
fn config(server: &Server) -> Config {
    let tick = Arc::new(AtomicU64::new(1_795_507_200));
    Config::new(Credentials::access_key(AK, SK).with_project_id(PROJECT))
        .with_endpoint(server.url())
        .with_proxy(Proxy::None)
        .with_retry(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(40)),
        )
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            attempt: Duration::from_secs(3),
            total: Duration::from_secs(20),
        })
        .with_clock(Arc::new(move || {
            UNIX_EPOCH + Duration::from_secs(tick.fetch_add(1, Ordering::SeqCst))
        }))
}

fn verified(request: &Received) {
    signature::verify(
        &request.method,
        &request.target,
        &request.headers,
        &request.body,
        AK,
        SK,
    )
    .unwrap_or_else(|why| panic!("{} {}: {why}", request.method, request.target));
}

fn list() -> hss::ListRegistryRequest {
    hss::ListRegistryRequest::builder()
        .limit(10)
        .build()
        .unwrap()
}

fn add() -> hss::AddRegistryRequest {
    hwcloud_tests::requests::add_registry()
}

/// A ListRegistry page of `items` registries numbered from `first`.
fn page_from(first: usize, items: usize, total: usize) -> String {
    let items: Vec<String> = (first..first + items)
        .map(|i| format!(r#"{{"id": "r{i}"}}"#))
        .collect();
    format!(
        r#"{{"total_num": {total}, "data_list": [{}]}}"#,
        items.join(",")
    )
}

fn page(items: usize, total: usize) -> String {
    page_from(0, items, total)
}

/// Every captured case, sent through a socket: the server sees the SDK's
/// method, target, body and signed headers (all but Host and User-Agent,
/// which name a different port and client), the signature verifies, and the
/// captured answer reads as the SDK read it.
#[tokio::test]
async fn captured_cases_over_loopback() {
    let path = workspace_root().join("tests/data/oracle-captures.json");
    let captures: CapturesFile = hwcloud_tests::oracle::read_json(&path).unwrap();
    let mut sent = 0;
    for capture in &captures.cases {
        let answer = capture.server_response.clone().unwrap();
        let server = Server::start(move |_, _| Reply::Respond {
            status: answer.status,
            headers: answer.headers.clone(),
            body: answer.body.clone().into_bytes(),
        });
        let config = config(&server).with_retry(RetryPolicy::none());
        let clients = Clients::new(&config).unwrap();
        let called = clients.call(&capture.op, &capture.input).await.unwrap();
        let received = server.received();
        let name = &capture.name;
        if matches!(
            called,
            Called::BadInput(_) | Called::Failed(Error::Invalid { .. })
        ) {
            assert!(received.is_empty(), "{name}: refused, yet sent");
            continue;
        }
        let theirs = capture.request.as_ref().unwrap();
        let [ours] = received.as_slice() else {
            panic!("{name}: {} requests", received.len());
        };
        assert_eq!(ours.method, theirs.method, "{name}");
        assert_eq!(ours.target, theirs.target, "{name}");
        if theirs.body.is_empty() {
            assert!(ours.body.is_empty(), "{name}");
        } else {
            let a: Value = serde_json::from_slice(&ours.body).unwrap();
            let b: Value = serde_json::from_str(&theirs.body).unwrap();
            assert_eq!(a, b, "{name}");
        }
        for header in ["content-type", "x-project-id"] {
            assert_eq!(
                ours.header(header),
                theirs.header(header),
                "{name}: {header}"
            );
        }
        let signed = |auth: Option<&str>| {
            auth.and_then(|a| a.split("SignedHeaders=").nth(1))
                .and_then(|s| s.split(',').next())
                .map(str::to_owned)
        };
        assert_eq!(
            signed(ours.header("authorization")),
            signed(theirs.header("authorization")),
            "{name}"
        );
        verified(ours);
        let diffs = conformance::compare_outcomes(&called, capture);
        assert!(diffs.is_empty(), "{name}: {diffs:?}");
        sent += 1;
    }
    assert_eq!(sent, 24);
}

#[tokio::test]
async fn a_hang_up_on_get_is_retried_then_reported() {
    let server = Server::start(|_, _| Reply::HangUp);
    let client = hss::Client::new(&config(&server)).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Io), "{err}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn a_post_is_never_sent_twice_unless_opted_in() {
    for reply in [Reply::HangUp, Reply::json(503, "{}")] {
        let server = Server::start(move |_, _| reply.clone());
        let client = hss::Client::new(&config(&server)).unwrap();
        let err = client.send(&add()).await.unwrap_err();
        assert_eq!(err.attempts(), 1, "{err}");
        assert_eq!(server.received().len(), 1);
    }

    let server = Server::start(|_, _| Reply::json(503, "{}"));
    let opted_in = config(&server).with_retry(
        RetryPolicy::default()
            .with_backoff(Duration::from_millis(10), Duration::from_millis(40))
            .retry_non_idempotent(true),
    );
    let client = hss::Client::new(&opted_in).unwrap();
    let err = client.send(&add()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn status_500_is_final_and_503_is_retried_with_a_fresh_signature() {
    let server = Server::start(|_, _| {
        Reply::json(500, r#"{"error_code": "HSS.1000", "error_msg": "boom"}"#)
            .with_header("X-Request-Id", "req-500")
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    let service = err.service_error().unwrap();
    assert_eq!(
        (
            service.status,
            service.error_code.as_str(),
            err.request_id()
        ),
        (500, "HSS.1000", Some("req-500"))
    );
    assert_eq!(server.received().len(), 1);

    let server = Server::start(|_, n| match n {
        0 => Reply::json(503, "{}"),
        _ => Reply::json(200, &page(1, 1)).with_header("X-Request-Id", "req-ok"),
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let output = client.send(&list()).await.unwrap();
    assert_eq!(
        (output.attempts(), output.request_id()),
        (2, Some("req-ok"))
    );
    let received = server.received();
    assert_eq!(received.len(), 2);
    received.iter().for_each(verified);
    assert_ne!(
        received[0].header("x-sdk-date"),
        received[1].header("x-sdk-date"),
        "each attempt is signed anew"
    );
}

#[tokio::test]
async fn status_429_waits_for_retry_after() {
    let server = Server::start(|_, n| match n {
        0 => Reply::json(
            429,
            r#"{"error_code": "APIGW.0308", "error_msg": "throttled"}"#,
        )
        .with_header("Retry-After", "1"),
        _ => Reply::json(200, &page(0, 0)),
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let started = Instant::now();
    let output = client.send(&list()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert_eq!(output.attempts(), 2);

    // A wait longer than the call may last is not waited for.
    let server = Server::start(|_, _| Reply::json(429, "{}").with_header("Retry-After", "3600"));
    let client = hss::Client::new(&config(&server)).unwrap();
    let started = Instant::now();
    let err = client.send(&list()).await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(429), 1));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_slow_answer_times_out_each_attempt_and_the_call_is_bounded() {
    let slow =
        |_: &Received, _| Reply::Delay(Duration::from_secs(3), Box::new(Reply::json(200, "{}")));
    let server = Server::start(slow);
    let fast_timeouts = Timeouts {
        connect: Duration::from_secs(1),
        attempt: Duration::from_millis(200),
        total: Duration::from_secs(20),
    };
    let client = hss::Client::new(&config(&server).with_timeouts(fast_timeouts)).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!((err.attempts(), server.received().len()), (3, 3));

    // The whole call stops at its total, however many attempts remain.
    let server = Server::start(slow);
    let bounded = Timeouts {
        attempt: Duration::from_secs(10),
        total: Duration::from_millis(500),
        ..fast_timeouts
    };
    let retries = RetryPolicy::default().with_max_attempts(10);
    let config = config(&server).with_timeouts(bounded).with_retry(retries);
    let client = hss::Client::new(&config).unwrap();
    let started = Instant::now();
    let err = client.send(&list()).await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn cut_off_and_undecodable_bodies() {
    // Fewer bytes than announced: the connection broke, so a GET retries.
    let server = Server::start(|_, _| Reply::CutOff {
        status: 200,
        declared: 1000,
        body: b"{\"total_num\"".to_vec(),
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Io), "{err}");
    assert_eq!(server.received().len(), 3);

    // A complete response whose JSON is cut short, or is not JSON at all:
    // the service answered, so it is not retried.
    for body in [r#"{"total_num": 3, "data_li"#, "<html>busy</html>"] {
        let server = Server::start(move |_, _| {
            Reply::json(200, body).with_header("X-Request-Id", "req-bad")
        });
        let client = hss::Client::new(&config(&server)).unwrap();
        let err = client.send(&list()).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err}");
        assert_eq!(
            (err.status(), err.request_id()),
            (Some(200), Some("req-bad"))
        );
        assert!(err.to_string().contains("does not decode"), "{err}");
        assert_eq!(server.received().len(), 1);
    }
}

#[tokio::test]
async fn a_ten_mebibyte_body_is_refused_unless_allowed() {
    let big = format!(
        r#"{{"total_num": 1, "data_list": [{{"registry_name": "{}"}}]}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    let body = big.clone();
    let server = Server::start(move |_, _| Reply::json(200, &body));
    let client = hss::Client::new(&config(&server)).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    assert!(
        matches!(
            err.transport_kind(),
            Some(TransportErrorKind::BodyTooLarge { .. })
        ),
        "{err}"
    );
    assert_eq!(server.received().len(), 1);

    let roomy = config(&server).with_max_response_bytes(16 * 1024 * 1024);
    let client = hss::Client::new(&roomy).unwrap();
    let page = client.send(&list()).await.unwrap().into_inner();
    let name = page.data_list.unwrap()[0].registry_name.clone().unwrap();
    assert_eq!(name.len(), 10 * 1024 * 1024);
}

#[tokio::test]
async fn no_listener_is_a_connect_error_retried_even_for_post() {
    // Port 1: nothing listens there, and no parallel test can start to (a
    // port 0 listener dropped here could be taken by another test's server).
    let port = 1;
    let server = Server::start(|_, _| Reply::HangUp);
    let config = config(&server).with_endpoint(format!("http://127.0.0.1:{port}"));
    let client = hss::Client::new(&config).unwrap();
    let err = client.send(&add()).await.unwrap_err();
    assert!(err.is_connect(), "{err}");
    assert_eq!(err.attempts(), 3);
}

#[tokio::test]
async fn an_invalid_request_is_never_sent() {
    let server = Server::start(|_, _| Reply::json(200, "{}"));
    let client = hss::Client::new(&config(&server)).unwrap();
    let err = client
        .send(
            &hss::ListRegistryRequest::builder()
                .limit(0)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    let violations = err.violations().unwrap();
    let report: Vec<String> = violations.iter().map(ToString::to_string).collect();
    assert_eq!(report, ["query.limit: must be at least 10 (is 0)"]);
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn pages_follow_offsets_and_stop_at_the_total() {
    let server = Server::start(|request, _| {
        let offset: usize = request
            .target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("offset="))
            .map_or(0, |v| v.parse().unwrap());
        Reply::json(200, &page_from(offset, 10.min(25 - offset), 25))
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let pages = client.pages(list()).try_collect().await.unwrap();
    let items: usize = pages
        .iter()
        .map(|p| p.data_list.as_ref().unwrap().len())
        .sum();
    assert_eq!((pages.len(), items), (3, 25));
    let targets: Vec<String> = server.received().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            format!("/v5/{PROJECT}/image/registries?limit=10"),
            format!("/v5/{PROJECT}/image/registries?limit=10&offset=10"),
            format!("/v5/{PROJECT}/image/registries?limit=10&offset=20"),
        ]
    );
}

#[tokio::test]
async fn a_server_that_repeats_itself_does_not_loop_paging() {
    use futures_util::StreamExt;

    let server = Server::start(|_, _| Reply::json(200, &page(10, 1_000_000)));
    let client = hss::Client::new(&config(&server)).unwrap();
    let results: Vec<_> = client.pages(list()).collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let Err(Error::RepeatedPage { page, .. }) = &results[1] else {
        panic!("{:?}", results[1]);
    };
    assert_eq!(page, &2);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn tokens_and_security_tokens_are_sent_as_the_sdk_sends_them() {
    let server = Server::start(|_, _| Reply::json(201, ""));
    let token = Config::new(Credentials::token("iam-token").with_project_id(PROJECT))
        .with_endpoint(server.url())
        .with_proxy(Proxy::None);
    let client = swr::Client::new(&token).unwrap();
    let request = swr::UpdateUserRepositoryAuthRequest::builder()
        .namespace("group")
        .repository("app/web")
        .body(vec![])
        .build()
        .unwrap();
    client.send(&request).await.unwrap();

    let temporary = Config::new(
        Credentials::access_key(AK, SK)
            .with_project_id(PROJECT)
            .with_security_token("sts-token"),
    )
    .with_endpoint(server.url())
    .with_proxy(Proxy::None);
    let client = swr::Client::new(&temporary).unwrap();
    client.send(&request).await.unwrap();

    let received = server.received();
    assert_eq!(received[0].header("x-auth-token"), Some("iam-token"));
    assert_eq!(received[0].header("authorization"), None);
    assert_eq!(
        received[0].target,
        "/v2/manage/namespaces/group/repos/app%24web/access"
    );
    assert_eq!(received[1].header("x-security-token"), Some("sts-token"));
    assert!(received[1]
        .header("authorization")
        .unwrap()
        .contains("x-security-token"));
    verified(&received[1]);
    let user_agent = received[1].header("user-agent").unwrap();
    assert!(
        user_agent.starts_with("hwcloud-registry/0.1.0 hwcloud-runtime/"),
        "{user_agent}"
    );
}

#[tokio::test]
async fn hooks_see_every_attempt_and_no_secret() {
    let server = Server::start(|_, n| match n {
        0 => Reply::json(503, "{}"),
        _ => Reply::json(200, &page(1, 1)).with_header("X-Request-Id", "req-ok"),
    });
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    // Temporary keys: a security token is sent, and must not be seen.
    let credentials = Credentials::access_key(AK, SK)
        .with_project_id(PROJECT)
        .with_security_token("temporary-token");
    let temporary = Config::new(credentials)
        .with_endpoint(server.url())
        .with_proxy(Proxy::None)
        .with_retry(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(40)),
        )
        .with_hook(move |event| log.lock().unwrap().push(format!("{event:?}")));
    let client = hss::Client::new(&temporary).unwrap();
    client.send(&list()).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    let kinds: Vec<&str> = seen
        .iter()
        .map(|e| e.split([' ', '{']).next().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["Request", "Response", "Request", "Response"],
        "{seen:#?}"
    );
    assert!(seen[1].contains("status: 503") && seen[3].contains("status: 200"));
    assert!(
        seen[3].contains("request_id: Some(\"req-ok\")"),
        "{}",
        seen[3]
    );
    assert!(
        seen[0].contains("(\"authorization\", \"***\")"),
        "{}",
        seen[0]
    );
    assert!(
        seen[0].contains("(\"x-security-token\", \"***\")"),
        "{}",
        seen[0]
    );
    for event in &seen {
        assert!(
            !event.contains(SK) && !event.contains("temporary-token"),
            "{event}"
        );
    }

    // No answer at all: a failure, for each attempt.
    // Port 1: nothing listens there, and no parallel test can start to (a
    // port 0 listener dropped here could be taken by another test's server).
    let port = 1;
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let unreachable = config(&server)
        .with_endpoint(format!("http://127.0.0.1:{port}"))
        .with_hook(move |event| log.lock().unwrap().push(format!("{event:?}")));
    let client = hss::Client::new(&unreachable).unwrap();
    let err = client.send(&list()).await.unwrap_err();
    let seen = seen.lock().unwrap();
    let failures = seen.iter().filter(|e| e.starts_with("Failure")).count();
    assert_eq!(failures as u32, err.attempts(), "{seen:#?}");
}
