//! Secrets (`registry_password`, `access_secret`, the SK, IAM and security
//! tokens) appear in no `Debug` output, error message or log line, even
//! with every log level on and calls that fail in every way.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::{Config, Credentials, Proxy, RetryPolicy, Timeouts};
use hwcloud_tests::loopback::{Reply, Server};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SECRETS: &[&str] = &[
    "SK-very-secret-key",
    "sts-very-secret-token",
    "iam-very-secret-token",
    "registry-very-secret-password",
    "access-very-secret",
];

/// Collects every formatted log line.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line, at every level, while the guard lives.
fn capture_logs() -> (Captured, tracing::subscriber::DefaultGuard) {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    (logs, tracing::subscriber::set_default(subscriber))
}

fn assert_clean(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

#[test]
fn no_secret_in_debug_errors_or_logs() {
    let (logs, _guard) = capture_logs();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = Server::start(|_, n| match n % 3 {
        0 => Reply::json(503, r#"{"error_code": "X.503", "error_msg": "busy"}"#),
        1 => Reply::HangUp,
        _ => Reply::json(200, "not json"),
    });
    let configs = [
        Credentials::access_key("AK", "SK-very-secret-key")
            .with_project_id("p")
            .with_security_token("sts-very-secret-token"),
        Credentials::token("iam-very-secret-token").with_project_id("p"),
    ]
    .map(|credentials| {
        Config::new(credentials)
            .with_endpoint(server.url())
            .with_proxy(Proxy::None)
            .with_retry(
                RetryPolicy::default()
                    .with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
            )
            .with_timeouts(Timeouts {
                attempt: Duration::from_secs(5),
                ..Timeouts::default()
            })
    });

    let update = hss::UpdateRegistryRequest::builder()
        .id("r1")
        .body(
            hss::UpdateRegistryRequestBody::builder()
                .registry_password("registry-very-secret-password"),
        )
        .build()
        .unwrap();
    let too_long = hss::UpdateRegistryRequest::builder()
        .id("r1")
        .body(
            hss::UpdateRegistryRequestBody::builder()
                .registry_password("registry-very-secret-password".repeat(20)),
        )
        .build()
        .unwrap();
    let credential = swr::Credential::builder()
        .r#type(swr::CredentialType::Basic)
        .access_key("user")
        .access_secret("access-very-secret");
    let instance = swr::UpdateInstanceRegistryRequest::builder()
        .instance_id("instance")
        .registry_id(7)
        .body(
            swr::UpdateRegistryRequestBody::builder()
                .name("target")
                .r#type(swr::RegistryType::SwrPro)
                .url("https://registry.example.com")
                .credential(credential)
                .insecure(false),
        )
        .build()
        .unwrap();

    let mut seen = Vec::new();
    for config in &configs {
        seen.push(format!("{config:?}"));
        let hss_client = hss::Client::new(config).unwrap();
        let swr_client = swr::Client::new(config).unwrap();
        seen.push(format!("{hss_client:?} {swr_client:?}"));
        runtime.block_on(async {
            for _ in 0..3 {
                let result = hss_client.send(&update).await;
                seen.push(format!("{result:?}"));
                if let Err(err) = result {
                    seen.push(err.to_string());
                }
                let result = swr_client.send(&instance).await;
                seen.push(format!("{result:?}"));
                if let Err(err) = result {
                    seen.push(err.to_string());
                }
            }
            let err = hss_client.send(&too_long).await.unwrap_err();
            seen.push(format!("{err:?} {err}"));
        });
    }
    seen.push(format!("{update:?} {instance:?}"));
    // Builders holding a secret, unfinished and bound to a client.
    let half = hss::UpdateRegistryRequestBody::builder()
        .registry_password("registry-very-secret-password");
    seen.push(format!("{half:?}"));
    let client = hss::Client::new(&configs[0]).unwrap();
    let fluent = client.update_registry().body(half);
    seen.push(format!("{fluent:?}"));

    assert!(
        server.received().len() >= 12,
        "the calls reached the server"
    );
    for text in &seen {
        assert_clean("Debug or Display", text);
    }
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("retrying"), "retries are logged: {logs}");
    assert!(logs.contains("hwcloud.call"), "calls are spans: {logs}");
    assert_clean("the log", &logs);
}

/// A secret in the path (`format: password`, the fixture's `OpenShare`)
/// reaches the server as it is, and hooks and logs see `***` in its place.
#[test]
fn a_secret_path_parameter_is_sent_and_shown_masked() {
    use hwcloud_fixture_edge::edge;
    const TOKEN: &str = "share-very-secret/token";

    let (logs, _guard) = capture_logs();

    let server = Server::start(|_, n| match n {
        0 => Reply::json(503, r#"{"error_code": "X.503", "error_msg": "busy"}"#),
        _ => Reply::Respond {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        },
    });
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hooked = seen.clone();
    let config = Config::new(Credentials::access_key("AK", "SK").with_project_id("p"))
        .with_endpoint(server.url())
        .with_proxy(Proxy::None)
        .with_retry(
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
        .with_hook(move |event| hooked.lock().unwrap().push(format!("{event:?}")));
    let client = edge::Client::new(&config).unwrap();
    let request = edge::OpenShareRequest::builder()
        .share_token(TOKEN)
        .build()
        .unwrap();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(client.send(&request))
        .unwrap();

    let received = server.received();
    assert_eq!(received.len(), 2, "one retry, then the answer");
    assert_eq!(received[1].target, "/v1/p/shares/share-very-secret%2Ftoken");
    let seen = seen.lock().unwrap().join("\n");
    assert!(seen.contains("/v1/p/shares/***"), "{seen}");
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("path=/v1/p/shares/***"), "{logs}");
    for text in [&seen, &logs, &format!("{request:?}")] {
        assert!(
            !text.contains("share-very-secret"),
            "a secret shown: {text}"
        );
    }
}
