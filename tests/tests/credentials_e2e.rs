//! Where a client's credentials, project or domain id and endpoints come
//! from, end to end against real HTTP servers on 127.0.0.1: a fake ECS
//! metadata service (session token, temporary keys, renewal before expiry),
//! a fake IAM (project and domain ids, looked up once), and endpoints from
//! the environment and a regions file, with failover. Nothing here reads
//! the process environment: variables go through `from_vars`.

use hwcloud_registry::hss;
use hwcloud_runtime::{
    Config, Credentials, CredentialsError, Error, MetadataProvider, Proxy, RetryPolicy, Scope,
    ServiceClient, ServiceInfo,
};
use hwcloud_tests::loopback::{Received, Reply, Server};
use hwcloud_tests::signature;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2026-11-24T08:00:00Z, and the same as text.
const START: u64 = 1_795_507_200;
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// A clock the test moves by hand.
#[derive(Clone)]
struct Clock(Arc<AtomicU64>);

impl Clock {
    fn new() -> Self {
        Clock(Arc::new(AtomicU64::new(START)))
    }
    fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_secs(), Ordering::SeqCst);
    }
    fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst))
    }
    fn as_clock(&self) -> hwcloud_runtime::Clock {
        let inner = self.0.clone();
        Arc::new(move || UNIX_EPOCH + Duration::from_secs(inner.load(Ordering::SeqCst)))
    }
}

/// `t` as the metadata service writes expiry times.
fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000000Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

fn security_key(n: usize, expires_at: SystemTime) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"credential": {{"access": "AKTEMP{n}", "secret": "SKtemp{n}", "securitytoken": "sts-{n}", "expires_at": "{}"}}}}"#,
            rfc3339(expires_at)
        ),
    )
}

fn ok_service() -> Server {
    Server::start(|_, _| Reply::json(200, r#"{"total_num": 0, "data_list": []}"#))
}

/// A client on an ECS instance: temporary keys from `metadata`, read on
/// `clock`, for the fixed project, calling `service`.
fn ecs_client(metadata: &Server, service: &Server, clock: &Clock) -> hss::Client {
    let provider = MetadataProvider::new()
        .with_endpoint(metadata.url())
        .with_clock(clock.as_clock())
        .with_project_id(PROJECT);
    let config = base_config(provider, service).with_clock(clock.as_clock());
    hss::Client::new(&config).unwrap()
}

/// The methods `server` was asked, in order.
fn methods(server: &Server) -> Vec<String> {
    server.received().iter().map(|r| r.method.clone()).collect()
}

fn list() -> hss::ListRegistryRequest {
    hss::ListRegistryRequest::builder()
        .limit(10)
        .build()
        .unwrap()
}

fn base_config(
    provider: impl hwcloud_runtime::ProvideCredentials + 'static,
    service: &Server,
) -> Config {
    Config::new(provider)
        .with_endpoint(service.url())
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::none())
        // Never the real IAM: a test that sets none of its own reaches nothing.
        .with_iam_endpoint("http://127.0.0.1:1")
}

fn verified_with(request: &Received, ak: &str, sk: &str) {
    signature::verify(
        &request.method,
        &request.target,
        &request.headers,
        &request.body,
        ak,
        sk,
    )
    .unwrap_or_else(|why| panic!("{} {}: {why}", request.method, request.target));
}

/// An ECS-style run: keys from the metadata service after its token step,
/// used until less than the renewal margin is left, then renewed; the
/// session token is asked for once and sent with every key request.
#[tokio::test]
async fn temporary_keys_are_used_then_renewed_before_they_expire() {
    let clock = Clock::new();
    let metadata = {
        let clock = clock.clone();
        Server::start(
            move |request, _| match (request.method.as_str(), request.target.as_str()) {
                ("PUT", "/meta-data/latest/api/token") => Reply::json(200, "session-token-1"),
                ("GET", "/openstack/latest/securitykey") => {
                    // Each answer is valid for an hour from "now".
                    let n = usize::from(clock.now() > UNIX_EPOCH + Duration::from_secs(START));
                    security_key(n, clock.now() + Duration::from_secs(3600))
                }
                _ => Reply::json(404, "{}"),
            },
        )
    };
    let service = ok_service();
    let client = ecs_client(&metadata, &service, &clock);

    client.send(&list()).await.unwrap();
    // 15 minutes on, 45 are left: no renewal yet.
    clock.advance(Duration::from_secs(15 * 60));
    client.send(&list()).await.unwrap();
    // 10 more minutes: 35 left, under the 40-minute margin.
    clock.advance(Duration::from_secs(10 * 60));
    client.send(&list()).await.unwrap();

    let sent = service.received();
    assert_eq!(sent.len(), 3);
    for (request, (ak, sk, token)) in sent.iter().zip([
        ("AKTEMP0", "SKtemp0", "sts-0"),
        ("AKTEMP0", "SKtemp0", "sts-0"),
        ("AKTEMP1", "SKtemp1", "sts-1"),
    ]) {
        verified_with(request, ak, sk);
        assert_eq!(request.header("X-Security-Token"), Some(token));
        assert_eq!(request.header("X-Project-Id"), Some(PROJECT));
    }
    let asked: Vec<(String, Option<String>)> = metadata
        .received()
        .iter()
        .map(|r| {
            (
                format!("{} {}", r.method, r.target),
                r.header("X-Metadata-Token")
                    .or(r.header("X-Metadata-Token-Ttl-Seconds"))
                    .map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        asked,
        [
            (
                "PUT /meta-data/latest/api/token".to_owned(),
                Some("21600".to_owned())
            ),
            (
                "GET /openstack/latest/securitykey".to_owned(),
                Some("session-token-1".to_owned())
            ),
            (
                "GET /openstack/latest/securitykey".to_owned(),
                Some("session-token-1".to_owned())
            ),
        ]
    );
}

/// Keys past their expiry are never used: when they cannot be renewed the
/// call fails before anything is sent. Keys that are due for renewal but
/// still valid keep working while the metadata service is down.
#[tokio::test]
async fn no_request_goes_out_on_expired_keys() {
    let clock = Clock::new();
    let metadata = {
        let clock = clock.clone();
        Server::start(move |request, n| match request.method.as_str() {
            "PUT" => Reply::json(404, "no token step here"),
            // The first answer is valid for 30 minutes; then the service fails.
            _ if n <= 1 => security_key(0, clock.now() + Duration::from_secs(30 * 60)),
            _ => Reply::json(500, r#"{"error": "down"}"#),
        })
    };
    let service = ok_service();
    let provider = MetadataProvider::new()
        .with_endpoint(metadata.url())
        .with_clock(clock.as_clock())
        .with_project_id(PROJECT);
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();

    client.send(&list()).await.unwrap();
    // Due for renewal (under 40 minutes left), renewal fails, still valid.
    clock.advance(Duration::from_secs(2 * 60));
    client.send(&list()).await.unwrap();
    // Asked a moment ago: not asked again within the minute.
    let asked = metadata.received().len();
    clock.advance(Duration::from_secs(10));
    client.send(&list()).await.unwrap();
    assert_eq!(metadata.received().len(), asked, "at most once a minute");
    // Expired, and the service is still down.
    clock.advance(Duration::from_secs(30 * 60));
    let err = client.send(&list()).await.unwrap_err();
    let Error::Credentials { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(source, CredentialsError::Expired { .. }),
        "{source}"
    );
    assert_eq!(service.received().len(), 3, "nothing sent on expired keys");
    // Without a token step the keys are asked for without a token.
    assert!(metadata
        .received()
        .iter()
        .all(|r| r.header("X-Metadata-Token").is_none()));
    assert!(!err.to_string().contains("SKtemp"), "{err}");
}

/// A metadata service that refuses the token step (not merely lacks it) is
/// an error that says so, and nothing reaches the service.
#[tokio::test]
async fn a_refused_token_step_is_an_error() {
    let metadata = Server::start(|_, _| Reply::json(403, "forbidden"));
    let service = ok_service();
    let provider = MetadataProvider::new().with_endpoint(metadata.url());
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();
    let err = client.send(&list()).await.unwrap_err().to_string();
    assert!(err.contains("token step") && err.contains("403"), "{err}");
    assert!(service.received().is_empty());

    // An answer below 400 other than 200 may carry a token: never quoted.
    let metadata = Server::start(|_, _| Reply::json(201, "session-token-secret"));
    let provider = MetadataProvider::new().with_endpoint(metadata.url());
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();
    let err = client.send(&list()).await.unwrap_err().to_string();
    assert!(
        err.contains("201") && !err.contains("session-token-secret"),
        "{err}"
    );
}

/// A metadata service without the token step (404, 405 or 503 to the PUT)
/// is asked for keys without a token, and asked for the step again only a
/// day after it last lacked it.
#[tokio::test]
async fn a_missing_token_step_is_skipped_and_asked_again_a_day_later() {
    for status in [404, 405, 503] {
        let clock = Clock::new();
        let metadata = {
            let clock = clock.clone();
            Server::start(move |request, _| match request.method.as_str() {
                "PUT" => Reply::json(status, "no token step here"),
                // Valid for an hour from "now": each call below renews.
                _ => security_key(0, clock.now() + Duration::from_secs(3600)),
            })
        };
        let service = ok_service();
        let client = ecs_client(&metadata, &service, &clock);
        client.send(&list()).await.unwrap();
        // Two hours on the keys have expired; the step is still known absent.
        clock.advance(Duration::from_secs(2 * 3600));
        client.send(&list()).await.unwrap();
        // 25 hours after the step was found missing, it is asked for again.
        clock.advance(Duration::from_secs(23 * 3600));
        client.send(&list()).await.unwrap();

        let asked = methods(&metadata);
        assert_eq!(
            asked,
            ["PUT", "GET", "GET", "PUT", "GET"],
            "status {status}"
        );
        assert!(metadata
            .received()
            .iter()
            .all(|r| r.header("X-Metadata-Token").is_none()));
        assert_eq!(service.received().len(), 3, "status {status}");
    }
}

/// An instance without an agency answers 401 with a message saying so: a
/// new session token would not help, so none is asked for, and the error
/// carries the service's words.
#[tokio::test]
async fn an_instance_without_agency_is_an_error_without_a_second_token() {
    let metadata = Server::start(|request, _| match request.method.as_str() {
        "PUT" => Reply::json(200, "token"),
        _ => Reply::json(
            401,
            r#"{"message": "Please configure Cloud Service Agency first"}"#,
        ),
    });
    let service = ok_service();
    let provider = MetadataProvider::new().with_endpoint(metadata.url());
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();
    let err = client.send(&list()).await.unwrap_err().to_string();
    assert!(err.contains("401") && err.contains("Agency"), "{err}");
    assert_eq!(methods(&metadata), ["PUT", "GET"]);
    assert!(service.received().is_empty());
}

/// A metadata service that does not answer (a laptop, where the link-local
/// address leads nowhere) costs the call its timeout, no more, and the
/// error says so.
#[tokio::test]
async fn a_silent_metadata_service_times_out() {
    let metadata = Server::start(|_, _| {
        Reply::Delay(Duration::from_secs(30), Box::new(Reply::json(200, "late")))
    });
    let service = ok_service();
    let provider = MetadataProvider::new()
        .with_endpoint(metadata.url())
        .with_timeout(Duration::from_millis(200));
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();
    let started = std::time::Instant::now();
    let err = client.send(&list()).await.unwrap_err().to_string();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(err.contains("no answer within 200 ms"), "{err}");
    assert!(service.received().is_empty());
}

/// A session token the metadata service no longer takes (401) is asked for
/// again, once.
#[tokio::test]
async fn a_rejected_session_token_is_renewed_once() {
    let clock = Clock::new();
    let metadata = {
        let clock = clock.clone();
        Server::start(move |request, n| match (request.method.as_str(), n) {
            ("PUT", 0) => Reply::json(200, "old-token"),
            ("PUT", _) => Reply::json(200, "new-token"),
            (_, 1) => Reply::json(401, "token expired"),
            _ => security_key(0, clock.now() + Duration::from_secs(3600)),
        })
    };
    let service = ok_service();
    let provider = MetadataProvider::new()
        .with_endpoint(metadata.url())
        .with_clock(clock.as_clock())
        .with_project_id(PROJECT);
    let client = hss::Client::new(&base_config(provider, &service)).unwrap();
    client.send(&list()).await.unwrap();
    let tokens: Vec<Option<String>> = metadata
        .received()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.header("X-Metadata-Token").map(str::to_owned))
        .collect();
    assert_eq!(tokens, [Some("old-token".into()), Some("new-token".into())]);
}

/// The default chain ends at the metadata service when neither the
/// environment nor a credentials file names keys.
#[tokio::test]
async fn the_default_chain_falls_back_to_the_metadata_service() {
    let metadata = Server::start(|request, _| match request.method.as_str() {
        "PUT" => Reply::json(200, "t"),
        _ => security_key(7, SystemTime::now() + Duration::from_secs(6 * 3600)),
    });
    let service = ok_service();
    let vars: HashMap<String, String> = [
        ("HOME", "/nonexistent-home".to_owned()),
        ("HWCLOUD_METADATA_ENDPOINT", metadata.url()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT.to_owned()),
        ("HWCLOUD_ENDPOINT", service.url()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let config = Config::from_vars(move |name| vars.get(name).cloned())
        .unwrap()
        .with_proxy(Proxy::None);
    assert!(format!("{:?}", config.credentials()).contains("metadata service"));
    hss::Client::new(&config)
        .unwrap()
        .send(&list())
        .await
        .unwrap();
    let sent = service.received();
    verified_with(&sent[0], "AKTEMP7", "SKtemp7");
}

/// A fake IAM that knows one project per region and one domain.
fn iam() -> Server {
    Server::start(|request, _| match request.target.as_str() {
        "/v3/projects?name=ap-southeast-1" => Reply::json(
            200,
            r#"{"projects": [{"id": "p-southeast", "name": "ap-southeast-1"}]}"#,
        ),
        "/v3/projects?name=cn-twice-1" => {
            Reply::json(200, r#"{"projects": [{"id": "a"}, {"id": "b"}]}"#)
        }
        "/v3/projects?name=cn-none-1" => Reply::json(200, r#"{"projects": []}"#),
        "/v3/auth/domains" => {
            Reply::json(200, r#"{"domains": [{"id": "d-account", "name": "me"}]}"#)
        }
        _ => Reply::json(
            404,
            r#"{"error_code": "IAM.404", "error_msg": "no such thing"}"#,
        ),
    })
}

/// Without a project id, the project of the configured region is asked of
/// IAM (signed with the caller's keys) once for every client of a config.
#[tokio::test]
async fn the_project_id_is_looked_up_once_per_config() {
    let iam = iam();
    let service = ok_service();
    let config = base_config(Credentials::access_key("AKIAM", "SKiam"), &service)
        .with_region("ap-southeast-1")
        .with_iam_endpoint(iam.url());
    let client = hss::Client::new(&config).unwrap();
    client.send(&list()).await.unwrap();
    client.send(&list()).await.unwrap();
    // Another client of the same config (a clone) shares what was found.
    hss::Client::new(&config.clone())
        .unwrap()
        .send(&list())
        .await
        .unwrap();

    let asked = iam.received();
    assert_eq!(asked.len(), 1, "{asked:?}");
    verified_with(&asked[0], "AKIAM", "SKiam");
    assert!(asked[0].header("X-Project-Id").is_none());
    for request in service.received() {
        assert_eq!(request.header("X-Project-Id"), Some("p-southeast"));
        assert!(
            request.target.starts_with("/v5/p-southeast/"),
            "{}",
            request.target
        );
    }
}

/// A client of `iam()` in `region`, and `service`.
fn iam_client(region: &str, iam: &Server, service: &Server) -> hss::Client {
    let config = base_config(Credentials::access_key("AKIAM", "SKiam"), service)
        .with_region(region)
        .with_iam_endpoint(iam.url());
    hss::Client::new(&config).unwrap()
}

/// Calls that all start before the project is known ask IAM once between
/// them: the first looks it up while the others wait for its answer.
#[tokio::test]
async fn concurrent_first_calls_ask_iam_once() {
    let (iam, service) = (iam(), ok_service());
    let client = iam_client("ap-southeast-1", &iam, &service);
    let request = list();
    let calls = (0..8).map(|_| client.send(&request));
    for output in futures_util::future::join_all(calls).await {
        output.unwrap();
    }
    assert_eq!(iam.received().len(), 1, "{:?}", iam.received());
    assert_eq!(service.received().len(), 8);
}

/// Calls that start together while IAM fails share that failure: IAM is
/// asked once, not once per call in turn (against an IAM that does not
/// answer, each would wait out its timeout after the one before).
#[tokio::test]
async fn concurrent_first_calls_share_a_failed_lookup() {
    let (iam, service) = (iam(), ok_service());
    let client = iam_client("cn-unknown-1", &iam, &service);
    let request = list();
    let calls = (0..8).map(|_| client.send(&request));
    for output in futures_util::future::join_all(calls).await {
        let err = output.unwrap_err();
        assert!(err.to_string().contains("IAM.404"), "{err}");
    }
    assert_eq!(iam.received().len(), 1, "{:?}", iam.received());
    // A later call asks again: IAM may answer by then.
    client.send(&request).await.unwrap_err();
    assert_eq!(iam.received().len(), 2);
    assert!(service.received().is_empty());
}

/// A call dropped while it asks IAM (its caller gave up) leaves the
/// lookup to a call that was waiting for it, which asks again.
#[tokio::test]
async fn a_lookup_dropped_midway_is_taken_over() {
    let iam = Server::start(|_, n| {
        let found = Reply::json(
            200,
            r#"{"projects": [{"id": "p-southeast", "name": "ap-southeast-1"}]}"#,
        );
        match n {
            0 => Reply::Delay(Duration::from_secs(30), Box::new(found)),
            _ => found,
        }
    });
    let service = ok_service();
    let client = iam_client("ap-southeast-1", &iam, &service);
    let request = list();
    let first = tokio::time::timeout(Duration::from_millis(400), client.send(&request));
    let second = async {
        // Starts once the first is asking, so it waits for that lookup.
        tokio::time::sleep(Duration::from_millis(100)).await;
        tokio::time::timeout(Duration::from_secs(10), client.send(&request)).await
    };
    let watch = async {
        // While the first asks, the second waits: IAM has one request.
        tokio::time::sleep(Duration::from_millis(250)).await;
        iam.received().len()
    };
    let (first, second, asked_meanwhile) = tokio::join!(first, second, watch);
    assert!(first.is_err(), "the first call was given up");
    assert_eq!(
        asked_meanwhile, 1,
        "the second call waited for the first's lookup"
    );
    second.expect("the second call ended").unwrap();
    assert_eq!(iam.received().len(), 2, "{:?}", iam.received());
    assert_eq!(service.received().len(), 1);
}

/// Temporary keys come with a new access key id at each renewal, for the
/// same identity: the project looked up with the first keys serves the
/// renewed ones, and IAM is not asked again.
#[tokio::test]
async fn renewed_temporary_keys_reuse_the_project_looked_up() {
    let clock = Clock::new();
    let metadata = {
        let clock = clock.clone();
        Server::start(move |request, n| match request.method.as_str() {
            "PUT" => Reply::json(200, "t"),
            // Valid for an hour from "now"; a new id each time.
            _ => security_key(n, clock.now() + Duration::from_secs(3600)),
        })
    };
    let iam = iam();
    let service = ok_service();
    let provider = MetadataProvider::new()
        .with_endpoint(metadata.url())
        .with_clock(clock.as_clock());
    let config = base_config(provider, &service)
        .with_clock(clock.as_clock())
        .with_region("ap-southeast-1")
        .with_iam_endpoint(iam.url());
    let client = hss::Client::new(&config).unwrap();
    client.send(&list()).await.unwrap();
    clock.advance(Duration::from_secs(2 * 3600));
    client.send(&list()).await.unwrap();

    let sent = service.received();
    assert_eq!(sent.len(), 2);
    assert_ne!(
        sent[0].header("X-Security-Token"),
        sent[1].header("X-Security-Token"),
        "the keys were renewed"
    );
    assert!(sent
        .iter()
        .all(|r| r.header("X-Project-Id") == Some("p-southeast")));
    assert_eq!(iam.received().len(), 1, "{:?}", iam.received());
}

/// What IAM cannot settle is an error naming the region, and no request is
/// sent to the service.
#[tokio::test]
async fn an_unsettled_project_is_an_error() {
    let iam = iam();
    let service = ok_service();
    for (region, expected) in [
        ("cn-twice-1", "several projects"),
        ("cn-none-1", "no project named `cn-none-1`"),
        ("cn-unknown-1", "IAM.404"),
    ] {
        let config = base_config(Credentials::access_key("AK", "SK"), &service)
            .with_region(region)
            .with_iam_endpoint(iam.url());
        let err = hss::Client::new(&config)
            .unwrap()
            .send(&list())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Credentials { .. }), "{err:?}");
        assert!(err.to_string().contains(expected), "{region}: {err}");
    }
    assert!(service.received().is_empty());
}

/// A global service's calls carry `X-Domain-Id` (looked up once when not
/// given) and fill `{domain_id}`; never `X-Project-Id`.
#[tokio::test]
async fn a_global_service_acts_for_the_domain() {
    const GLOBAL: ServiceInfo = ServiceInfo {
        id: "GLOBAL",
        endpoint_template: "https://global.example.com",
        variables: &[],
        client: "test/1",
        scope: Scope::Domain,
    };
    let iam = iam();
    let service = ok_service();
    let config = base_config(
        Credentials::access_key("AKG", "SKg").with_project_id("not-this-one"),
        &service,
    )
    .with_iam_endpoint(iam.url());
    let client = ServiceClient::new(&config, GLOBAL).unwrap();
    for _ in 0..2 {
        let request = hwcloud_runtime::http::Request::get(format!("{}/v1/things", service.url()))
            .body(Vec::new())
            .unwrap();
        client
            .execute("ListThings", Ok(request), |_| Ok(()))
            .await
            .unwrap();
    }
    assert_eq!(iam.received().len(), 1);
    assert_eq!(iam.received()[0].target, "/v3/auth/domains");
    for request in service.received() {
        verified_with(&request, "AKG", "SKg");
        assert_eq!(request.header("X-Domain-Id"), Some("d-account"));
        assert_eq!(request.header("X-Project-Id"), None);
    }
}

/// Going on to the next endpoint after a refused connection does not spend
/// the retry policy's attempts: with two attempts, a call whose first
/// endpoint is down still gets its retry at the second.
#[tokio::test]
async fn failover_does_not_spend_the_retry_budget() {
    let service = Server::start(|_, n| match n {
        0 => Reply::json(503, r#"{"error_code": "SVC.503", "error_msg": "busy"}"#),
        _ => Reply::json(200, r#"{"total_num": 0, "data_list": []}"#),
    });
    let config = Config::new(Credentials::access_key("AK", "SK").with_project_id(PROJECT))
        .with_proxy(Proxy::None)
        .with_retry(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_backoff(Duration::from_millis(1), Duration::from_millis(1)),
        )
        // Port 1: nothing listens there, and no other test can start to.
        .with_endpoints(["http://127.0.0.1:1".to_owned(), service.url()]);
    let client = hss::Client::new(&config).unwrap();
    let output = client.send(&list()).await.unwrap();
    // Refused, then 503 at the second endpoint, then the retry there.
    assert_eq!(output.attempts(), 3);
    assert_eq!(service.received().len(), 2);
}

/// Endpoints for a region from `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`,
/// then the regions file; when no connection can be made to the first, the
/// next is tried at once, and later calls start there.
#[tokio::test]
async fn region_overrides_and_failover() {
    // Port 1: nothing listens there, and no other test can start to.
    let closed = "http://127.0.0.1:1".to_owned();
    let service = ok_service();
    let dir = std::env::temp_dir().join(format!("hwcloud-regions-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("regions.yaml");
    std::fs::write(
        &file,
        format!(
            "HSS:\n  - id: ap-southeast-1\n    endpoints:\n      - {closed}\n      - {}\n",
            service.url()
        ),
    )
    .unwrap();

    let vars = {
        let file = file.display().to_string();
        move |name: &str| match name {
            "HUAWEICLOUD_SDK_REGIONS_FILE" => Some(file.clone()),
            "HUAWEICLOUD_SDK_REGION_HSS_CN_NORTH_4" => Some("https://hss.private.example".into()),
            _ => None,
        }
    };
    let config = Config::new(Credentials::access_key("AK", "SK").with_project_id(PROJECT))
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::none())
        .with_environment(vars);
    // The environment first (cn-north-4 is the spec's default region).
    assert_eq!(
        hss::Client::new(&config).unwrap().endpoint(),
        "https://hss.private.example"
    );
    // Then the file.
    let config = config.with_region("ap-southeast-1");
    let client = hss::Client::new(&config).unwrap();
    assert_eq!(client.endpoint(), closed);
    let output = client.send(&list()).await.unwrap();
    assert_eq!(
        output.attempts(),
        2,
        "one refused connection, then the next endpoint"
    );
    assert_eq!(
        client.endpoint(),
        service.url(),
        "later calls start at the one that answered"
    );
    client.send(&list()).await.unwrap();
    let sent = service.received();
    assert_eq!(sent.len(), 2);
    verified_with(&sent[0], "AK", "SK");
    // Neither source knows the region: the spec's template.
    let config = config.with_region("eu-west-101");
    assert_eq!(
        hss::Client::new(&config).unwrap().endpoint(),
        "https://hss.eu-west-101.myhuaweicloud.com"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
