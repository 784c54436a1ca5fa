//! The generated command line (`cli` feature), run in process against the
//! generated mock served on 127.0.0.1: flags from the spec, checks before
//! sending, JSON and table output, dry runs without secrets, exit statuses.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::mock::{Engine, Server};
use std::collections::HashMap;

/// What one run printed, and its exit status.
#[derive(Debug)]
struct Run {
    status: u8,
    stdout: String,
    stderr: String,
}

const ENV: &[(&str, &str)] = &[
    ("HUAWEICLOUD_SDK_AK", "AKCLI"),
    ("HUAWEICLOUD_SDK_SK", "SKcli-secret"),
    ("HUAWEICLOUD_SDK_PROJECT_ID", "p1"),
];

/// Runs `hwcloud-registry ARGS` with the test credentials and `stdin`.
fn run_with(args: &[&str], stdin: &str) -> Run {
    run_in(args, stdin, ENV)
}

/// Runs `hwcloud-registry ARGS` with `stdin`, in environment `env`.
fn run_in(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let lookup = move |name: &str| env.get(name).map(|v| v.to_string());
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let argv = std::iter::once("hwcloud-registry").chain(args.iter().copied());
    let status = hwcloud_registry::cli::app().run(
        argv,
        lookup,
        &mut stdin.as_bytes(),
        &mut stdout,
        &mut stderr,
    );
    Run {
        status,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, "")
}

/// Both services' mock behind one server on its own thread (the command
/// line runs its own runtime, so it cannot share the test's).
fn serve() -> (
    Engine,
    String,
    std::thread::JoinHandle<()>,
    tokio::sync::oneshot::Sender<()>,
) {
    let engine = Engine::new(hss::Mock::routes().into_iter().chain(swr::Mock::routes()));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let serving = engine.clone();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let server: Server = serving.serve("127.0.0.1:0".parse().unwrap()).await.unwrap();
            ready_tx.send(server.url()).unwrap();
            let _ = stop_rx.await;
        });
    });
    let url = ready_rx.recv().unwrap();
    (engine, url, thread, stop_tx)
}

#[test]
fn the_issues_checks_list_registry_json_and_a_refused_limit() {
    let (engine, url, thread, stop) = serve();

    let ok = run(&[
        "hss",
        "list-registry",
        "--limit",
        "10",
        "--output",
        "json",
        "--endpoint",
        &url,
    ]);
    assert_eq!(ok.status, 0, "{ok:?}");
    let printed: serde_json::Value = serde_json::from_str(&ok.stdout).expect("JSON on stdout");
    assert_eq!(printed["total_num"], 4);
    assert_eq!(
        engine.rule::<hss::ListRegistryRequest>().calls()[0].limit,
        Some(10)
    );

    let refused = run(&["hss", "list-registry", "--limit", "0", "--endpoint", &url]);
    assert_eq!(refused.status, 2, "{refused:?}");
    assert!(refused.stderr.contains("--limit"), "{refused:?}");
    assert!(refused.stderr.contains("at least 10"), "{refused:?}");
    assert_eq!(refused.stdout, "");
    assert_eq!(
        engine.rule::<hss::ListRegistryRequest>().count(),
        1,
        "nothing sent"
    );

    // Global flags go anywhere on the line.
    let table = run(&[
        "--output",
        "table",
        "hss",
        "list-registry",
        "--endpoint",
        &url,
    ]);
    assert_eq!(table.status, 0, "{table:?}");
    assert!(
        table.stdout.starts_with("total_num  4\n"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("REGISTRY_NAME"), "{}", table.stdout);
    let all = run(&[
        "hss",
        "list-registry",
        "--all",
        "--endpoint",
        &url,
        "--limit",
        "10",
    ]);
    assert_eq!(all.status, 0, "{all:?}");
    let pages: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(
        pages.as_array().map(Vec::len),
        Some(2),
        "a page, then an empty one"
    );

    drop(stop);
    thread.join().unwrap();
}

#[test]
fn every_operation_has_its_subcommand_with_help_from_the_spec() {
    let mut seen = 0;
    for (service, routes) in [("hss", hss::Mock::routes()), ("swr", swr::Mock::routes())] {
        for route in routes {
            let info = route.info();
            let help = run(&[service, info.command, "--help"]);
            assert_eq!(help.status, 0, "{help:?}");
            assert!(help.stdout.contains(info.summary), "{}", help.stdout);
            for param in info.params.iter().filter(|p| !p.auto_filled) {
                assert!(
                    help.stdout.contains(&format!("--{}", param.flag)),
                    "{}",
                    help.stdout
                );
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 5);
    let limits = run(&["hss", "list-registry", "--help"]);
    assert!(limits.stdout.contains("10 to 200"), "{}", limits.stdout);
    let allowed = run(&["hss", "list-registry", "--help"]);
    assert!(
        allowed
            .stdout
            .contains("possible values: success, fail, accessing"),
        "{}",
        allowed.stdout
    );
    let required = run(&["swr", "update-user-repository-auth", "--dry-run"]);
    assert_eq!(required.status, 2);
    assert!(
        required.stderr.contains("--namespace"),
        "{}",
        required.stderr
    );
    // Negative numbers are values, refused by the documented rule.
    let negative = run(&["hss", "list-registry", "--offset", "-1", "--dry-run"]);
    assert_eq!(negative.status, 2, "{negative:?}");
    assert!(
        negative.stderr.contains("--offset: query.offset"),
        "{}",
        negative.stderr
    );
    // A secret body field has no flag of its own (shell histories keep flags).
    let add = run(&["hss", "add-registry", "--help"]);
    assert!(add.stdout.contains("--registry-username"), "{}", add.stdout);
    assert!(
        !add.stdout.contains("--registry-password"),
        "{}",
        add.stdout
    );
    let unknown = run(&["hss", "list-registry", "--status", "gone"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stderr.contains("--status"), "{}", unknown.stderr);
}

#[test]
fn bodies_come_from_json_files_stdin_and_field_flags_which_win() {
    let (engine, url, thread, stop) = serve();
    let body = serde_json::json!({
        "registry_name": "from-body",
        "registry_type": "Harbor",
        "api_version": "V2",
        "protocol": "https",
        "registry_addr": "myharbor.com",
        "registry_username": "admin",
        "registry_password": "Passw0rd!",
        "connect_cluster_id": "db69f3e6-887f-11ef-9825-0255ac1001b6",
        "get_scan_image_channel": "Swr"
    })
    .to_string();
    let file = std::env::temp_dir().join(format!("hwcloud-cli-body-{}.json", std::process::id()));
    std::fs::write(&file, &body).unwrap();
    let at_file = format!("@{}", file.display());

    let inline = run(&["hss", "add-registry", "--endpoint", &url, "--body", &body]);
    let from_file = run(&[
        "hss",
        "add-registry",
        "--endpoint",
        &url,
        "--body",
        &at_file,
        "--registry-name",
        "flag-wins",
    ]);
    let from_stdin = run_with(
        &["hss", "add-registry", "--endpoint", &url, "--body", "-"],
        &body,
    );
    std::fs::remove_file(&file).unwrap();
    for outcome in [&inline, &from_file, &from_stdin] {
        assert_eq!(outcome.status, 0, "{outcome:?}");
    }
    let names: Vec<String> = engine
        .rule::<hss::AddRegistryRequest>()
        .calls()
        .into_iter()
        .map(|call| call.body.registry_name)
        .collect();
    assert_eq!(names, ["from-body", "flag-wins", "from-body"]);

    let missing = run(&[
        "hss",
        "add-registry",
        "--endpoint",
        &url,
        "--registry-name",
        "x",
    ]);
    assert_eq!(missing.status, 2);
    assert!(
        missing.stderr.contains("--registry-username"),
        "{}",
        missing.stderr
    );
    // A secret has no flag: it is named as a field of --body.
    assert!(
        missing
            .stderr
            .contains("`registry_password` (in --body only)"),
        "{}",
        missing.stderr
    );
    let bad = run(&[
        "hss",
        "add-registry",
        "--endpoint",
        &url,
        "--body",
        "{not json",
    ]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("--body: not JSON"), "{}", bad.stderr);

    drop(stop);
    thread.join().unwrap();
}

#[test]
fn a_dry_run_prints_the_signed_request_without_secrets_and_sends_nothing() {
    let body = r#"{"registry_name": "n", "registry_type": "Harbor", "api_version": "V2",
        "protocol": "https", "registry_addr": "a.com", "registry_username": "admin",
        "registry_password": "Passw0rd!", "connect_cluster_id": "c",
        "get_scan_image_channel": "Swr"}"#;
    let dry = run(&[
        "hss",
        "add-registry",
        "--dry-run",
        "--endpoint",
        "http://127.0.0.1:9",
        "--body",
        body,
    ]);
    assert_eq!(dry.status, 0, "{dry:?}");
    assert!(
        dry.stdout
            .starts_with("POST http://127.0.0.1:9/v5/p1/image/registries\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("Signature=<redacted>"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("\"registry_name\": \"n\""),
        "{}",
        dry.stdout
    );
    for secret in ["AKCLI", "SKcli-secret", "Passw0rd!"] {
        assert!(
            !dry.stdout.contains(secret),
            "{secret} printed:\n{}",
            dry.stdout
        );
    }
}

#[test]
fn failures_exit_1_with_the_request_id_and_usage_errors_exit_2() {
    let (engine, url, thread, stop) = serve();
    engine
        .rule::<hss::ListRegistryRequest>()
        .fails(403, "HSS.1001", "no permission");
    let failed = run(&["hss", "list-registry", "--endpoint", &url]);
    assert_eq!(failed.status, 1, "{failed:?}");
    assert!(failed.stderr.contains("HSS.1001"), "{}", failed.stderr);
    assert!(
        failed.stderr.contains("request id: mock-"),
        "{}",
        failed.stderr
    );

    let unreachable = run(&["hss", "list-registry", "--endpoint", "http://127.0.0.1:9"]);
    assert_eq!(unreachable.status, 1, "{unreachable:?}");

    // Credentials: a key without its secret is the caller's fault (2); a
    // project id IAM could not give (here: IAM unreachable) is a failure (1).
    let list = ["hss", "list-registry", "--endpoint", url.as_str()];
    let nowhere = [
        ("HOME", "/nonexistent"),
        ("HWCLOUD_METADATA_ENDPOINT", "http://127.0.0.1:9"),
    ];
    let half_key = [nowhere[0], nowhere[1], ("HUAWEICLOUD_SDK_AK", "AKCLI")];
    let keyless = run_in(&list, "", &half_key);
    assert_eq!(keyless.status, 2, "{keyless:?}");
    let no_project = [
        nowhere[0],
        nowhere[1],
        ("HUAWEICLOUD_SDK_AK", "AKCLI"),
        ("HUAWEICLOUD_SDK_SK", "SKcli-secret"),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://127.0.0.1:9"),
        ("HUAWEICLOUD_SDK_REGION", "cn-north-4"),
    ];
    let lookup_failed = run_in(&list, "", &no_project);
    assert_eq!(lookup_failed.status, 1, "{lookup_failed:?}");
    assert!(
        lookup_failed.stderr.contains("no project id"),
        "{}",
        lookup_failed.stderr
    );
    assert_eq!(run(&[]).status, 2);
    assert_eq!(run(&["hss", "no-such-operation"]).status, 2);
    assert_eq!(run(&["--version"]).status, 0);

    drop(stop);
    thread.join().unwrap();
}

/// `App::send_json`: a call held as JSON, sent as the command line sends
/// it; what stops it before sending says so (`Error::was_sent`).
#[tokio::test(flavor = "current_thread")]
async fn a_call_given_as_json_is_sent_like_the_command_line_sends_it() {
    use hwcloud_runtime::cli::JsonCallError;
    use hwcloud_runtime::{Config, Credentials, Proxy, RetryPolicy};
    use hwcloud_tests::loopback::{Reply, Server};

    let server = Server::start(|_, _| Reply::json(200, r#"{"total_num": 0, "data_list": []}"#));
    let config = Config::new(Credentials::access_key("AK", "SK").with_project_id("p1"))
        .with_endpoint(server.url())
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::none());
    let app = hwcloud_registry::cli::app();
    let body = app
        .send_json(
            "hss",
            "ListRegistry",
            serde_json::json!({"limit": 10}),
            &config,
        )
        .await
        .unwrap();
    assert_eq!(body, br#"{"total_num": 0, "data_list": []}"#);
    assert_eq!(
        server.received()[0].target,
        "/v5/p1/image/registries?limit=10"
    );

    let invalid = app
        .send_json(
            "hss",
            "ListRegistry",
            serde_json::json!({"limit": 0}),
            &config,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&invalid, JsonCallError::Call(error) if !error.was_sent()),
        "{invalid:?}"
    );
    let unknown = app
        .send_json("hss", "ListRegistri", serde_json::json!({}), &config)
        .await
        .unwrap_err();
    assert!(matches!(unknown, JsonCallError::Unusable(_)), "{unknown:?}");
    assert_eq!(server.received().len(), 1);
}
