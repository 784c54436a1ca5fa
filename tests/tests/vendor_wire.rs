//! The same bytes on the wire as the vendor's Python SDK, across services:
//! for every case of `tests/data/oracle-services/captures.json` (what the
//! SDK sent, 15+ services, recorded by `scripts/oracle_services.py`), a
//! client generated from the vendor's own document for that service
//! (`../shared/vendor-openapi/`, only the captured operations) sends the
//! same call to a server on 127.0.0.1, with the capture's credentials, date
//! and User-Agent. Compared: method, path and query, the signed headers and
//! their values, the body (as a JSON value; a form up to its boundary), and
//! the `Authorization` the request gets when signed for the SDK's host.
//!
//! Where the two differ on purpose, [`EXPECTED`] says why; any other
//! difference, or an expected one that went away, fails the test. The
//! table of every case is printed (`--nocapture`).
//!
//! Needs `../shared/vendor-openapi/` (skips without it); builds the
//! generated crate once (with the scale test's target directory).

use base64::Engine;
use hwcloud_codegen::emit::{CrateOptions, RuntimeDependency};
use hwcloud_codegen::ir::select::Selection;
use hwcloud_runtime::sign::{self, AccessKey};
use hwcloud_tests::loopback::{Received, Reply, Server};
use hwcloud_tests::{conformance, shared_or_skip, workspace_root};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Cases whose request differs from the SDK's on purpose, and why.
const EXPECTED: &[(&str, &str)] = &[
    (
        "organizations_list_organizational_units",
        "left out: the document's parameters are references to nothing \
         (`#/components/components/parameters/ParentId`) that no other operation declares; \
         the SDK has query parameters `parent_id`, `limit`, `marker` the document does not describe",
    ),
    (
        "rms_list_resources_object_query",
        "left out: the query parameter `tag` is an object (string -> list of strings), \
         which OpenAPI's form style cannot send unambiguously; the SDK sends \
         `tag=key=<Python's repr of the list>`, an SDK defect rather than a form to copy",
    ),
];

/// Where only the `Content-Type` charset differs, the difference is on
/// purpose: the SDK sends `application/json;charset=utf-8` for some
/// operations and `application/json` for others, from metadata of its own;
/// the documents give `application/json` for every body (and the same
/// `x-content-type` for every operation), so nothing tells them apart. Both
/// name one media type, and the service checks the signature over the
/// header as sent.
const CHARSET: &str = "Content-Type charset";

#[test]
fn generated_clients_send_what_the_sdk_sends() {
    let test = "generated_clients_send_what_the_sdk_sends";
    let Some(documents) = shared_or_skip("vendor-openapi", test) else {
        return;
    };
    let root = workspace_root();
    let captures: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/oracle-services/captures.json")).unwrap(),
    )
    .unwrap();
    let cases = captures["cases"].as_array().unwrap();

    // One crate with a module per service, each with its captured operations.
    let services: BTreeSet<&str> = cases
        .iter()
        .map(|c| c["service"].as_str().unwrap())
        .collect();
    let specs: Vec<_> = services
        .iter()
        .map(|s| documents.join(format!("{s}.json")))
        .collect();
    // Operations the generator leaves out of a document (with a located
    // reason) cannot be sent; they are reported like any other difference.
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut left_out: BTreeMap<(String, String), String> = BTreeMap::new();
    for (service, spec) in services.iter().zip(&specs) {
        let loaded = hwcloud_codegen::load_file(spec);
        let loaded = loaded.service.expect("the document loads");
        for gone in &loaded.left_out {
            left_out.insert((service.to_string(), gone.id.clone()), gone.reason.clone());
        }
        ids.insert(service, hwcloud_codegen::names::command_name(&loaded.id));
    }
    let is_left_out = |case: &Value| {
        left_out.get(&(
            case["service"].as_str().unwrap().to_owned(),
            case["operation"].as_str().unwrap().to_owned(),
        ))
    };
    let selection = Selection {
        operations: cases
            .iter()
            .filter(|c| is_left_out(c).is_none())
            .map(|c| c["operation"].as_str().unwrap().to_owned())
            .collect(),
        tags: BTreeSet::new(),
    };
    let out = root.join("target").join("vendor-wire");
    let mut options = CrateOptions::checkout_default();
    options.crate_name = "vendor-wire".to_owned();
    options.runtime = RuntimeDependency::path(root.join("runtime").display().to_string());
    options.tests = false;
    let generated = hwcloud_codegen::generate_selected(&specs, &selection, &options)
        .unwrap_or_else(|err| panic!("{err}"));
    hwcloud_codegen::write::write_files(&out, &generated.files).unwrap();
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let driver = std::fs::read_to_string(root.join("tests/data/oracle-services/wire_driver.rs"))
        .unwrap()
        .replace("CRATE::", "vendor_wire::");
    std::fs::create_dir_all(out.join("examples")).unwrap();
    write_if_changed(&out.join("examples/wire.rs"), &driver);

    let target = root.join("target").join("scale").join("target");
    let build = Command::new(env!("CARGO"))
        .args([
            "build",
            "--example",
            "wire",
            "--features",
            "cli",
            "--message-format=short",
        ])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "cargo build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let wire = target.join("debug").join("examples").join("wire");

    // What the driver sends: each case as its command line would.
    let meta = &captures["meta"];
    let credentials = &meta["credentials"];
    let date = conformance::parse_sdk_date(meta["x_sdk_date"].as_str().unwrap()).unwrap();
    let date_secs = date
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let sends = json!({
        "meta": {
            "ak": credentials["ak"], "sk": credentials["sk"],
            "project_id": credentials["project_id"], "domain_id": credentials["domain_id"],
            "date": date_secs,
        },
        "cases": cases.iter().map(|case| json!({
            "service": ids[case["service"].as_str().unwrap()],
            "operation": case["operation"],
            "call": call_of(case, &documents),
            "user_agent": header(&case["request"], "User-Agent").unwrap_or_default(),
        })).collect::<Vec<_>>(),
    });
    // One file per run: two test runs at once do not read each other's.
    let sends_file = out.join(format!("sends-{}.json", std::process::id()));
    std::fs::write(&sends_file, serde_json::to_vec_pretty(&sends).unwrap()).unwrap();

    let server = Server::start(|request, _| {
        if request.method == "HEAD" {
            Reply::Respond {
                status: 204,
                headers: Vec::new(),
                body: Vec::new(),
            }
        } else {
            Reply::json(200, "{}")
        }
    });
    let key = AccessKey::new(
        credentials["ak"].as_str().unwrap(),
        credentials["sk"].as_str().unwrap(),
    );
    let expected: BTreeMap<&str, &str> = EXPECTED.iter().copied().collect();
    for name in expected.keys() {
        assert!(
            cases.iter().any(|c| c["name"] == *name),
            "EXPECTED names `{name}`, which is not a captured case"
        );
    }
    let mut table = Vec::new();
    let mut unexpected = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        if let Some(reason) = is_left_out(case) {
            let verdict = format!("left out of the generated client: {reason}");
            match expected.get(name) {
                Some(why) => table.push((case, format!("differs on purpose: {why}"))),
                None => unexpected.push(format!("{name}: {verdict}")),
            }
            continue;
        }
        let before = server.received().len();
        let run = Command::new(&wire)
            .args([
                server.url(),
                sends_file.display().to_string(),
                i.to_string(),
            ])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stdout).trim().to_owned();
        let received = server.received();
        let ours = received.get(before..).unwrap_or_default();
        let differences = match ours {
            [ours] => compare(ours, &case["request"], &key, date),
            [] => vec![format!(
                "not sent: {said} {}",
                String::from_utf8_lossy(&run.stderr).trim()
            )],
            several => vec![format!("{} requests", several.len())],
        };
        let verdict = if differences.is_empty() {
            "equal".to_owned()
        } else {
            differences.join("; ")
        };
        if differences.iter().all(|d| d.starts_with(CHARSET)) && !differences.is_empty() {
            table.push((case, format!("differs on purpose: {verdict}")));
            continue;
        }
        // EXPECTED names the cases left out of the client: one that is now
        // generated must be equal, and leave the list.
        match (differences.is_empty(), expected.get(name)) {
            (true, None) => {}
            (_, Some(_)) => unexpected.push(format!(
                "{name}: no longer left out ({verdict}); drop it from EXPECTED"
            )),
            (false, None) => unexpected.push(format!("{name}: {verdict}")),
        }
        table.push((case, verdict));
    }
    println!("| service | operation | case | verdict |\n|---|---|---|---|");
    for (case, verdict) in &table {
        println!(
            "| {} | {} | {} | {verdict} |",
            case["service"].as_str().unwrap(),
            case["operation"].as_str().unwrap(),
            case["name"].as_str().unwrap()
        );
    }
    // Compared on the wire: equal, or equal but for the charset (their
    // signatures then match once signed with the SDK's Content-Type).
    let compared: BTreeSet<&str> = table
        .iter()
        .filter(|(_, v)| v == "equal" || v.contains(CHARSET))
        .map(|(c, _)| c["service"].as_str().unwrap())
        .collect();
    let equal = table.iter().filter(|(_, v)| v == "equal").count();
    println!(
        "{} cases over {} services: {equal} equal, {} differ on purpose",
        table.len(),
        compared.len(),
        table.len() - equal
    );
    std::fs::remove_file(&sends_file).ok();
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    assert!(compared.len() >= 15, "{compared:?}");
}

/// How `ours` differs from what the SDK sent (`theirs`); empty when equal.
fn compare(
    ours: &Received,
    theirs: &Value,
    key: &AccessKey,
    date: std::time::SystemTime,
) -> Vec<String> {
    let mut differences = Vec::new();
    let their_method = theirs["method"].as_str().unwrap();
    if ours.method != their_method {
        differences.push(format!("method {} vs {their_method}", ours.method));
    }
    let their_target = theirs["target"].as_str().unwrap();
    if ours.target != their_target {
        differences.push(format!("target `{}` vs `{their_target}`", ours.target));
    }
    let their_authorization = header(theirs, "Authorization").unwrap_or_default();
    let our_signed = signed_names(ours.header("Authorization").unwrap_or_default());
    let their_signed = signed_names(&their_authorization);
    if our_signed != their_signed {
        differences.push(format!("signed headers {our_signed:?} vs {their_signed:?}"));
    }
    let their_type = header(theirs, "Content-Type").unwrap_or_default();
    let form = their_type.starts_with("multipart/form-data");
    let without_charset = |t: &str| t.to_ascii_lowercase().replace(";charset=utf-8", "");
    for name in their_signed.iter().filter(|n| *n != "host") {
        let (mine, theirs_value) = (ours.header(name), header(theirs, name));
        match (name.as_str(), mine, theirs_value.as_deref()) {
            (_, mine, t) if mine == t => {}
            // A form's boundary is any unique string.
            ("content-type", Some(mine), Some(_))
                if form && mine.starts_with("multipart/form-data") => {}
            ("content-type", Some(mine), Some(t))
                if without_charset(mine) == without_charset(t) =>
            {
                differences.push(format!("{CHARSET}: `{mine}` vs the SDK's `{t}`"));
            }
            _ => differences.push(format!("header {name}: {mine:?} vs {theirs_value:?}")),
        }
    }
    // Bytes that are not UTF-8 (a file) are in `body_base64`.
    let their_body = match theirs["body_base64"].as_str() {
        Some(encoded) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
        None => theirs["body"]
            .as_str()
            .unwrap_or_default()
            .as_bytes()
            .to_vec(),
    };
    let their_body = their_body.as_slice();
    // Bodies equal as JSON values may differ in bytes (the SDK writes `", "`
    // and `\uXXXX`): the signature is then compared over the SDK's bytes.
    let mut signed_body = ours.body.clone();
    let body_same = if form {
        let boundary = |content_type: &str| {
            content_type
                .split("boundary=")
                .nth(1)
                .unwrap_or("")
                .to_owned()
        };
        let mine = boundary(ours.header("Content-Type").unwrap_or_default());
        let their = boundary(&their_type);
        let same = replace_bytes(their_body, their.as_bytes(), mine.as_bytes()) == ours.body;
        if same {
            signed_body = their_body.to_vec();
        }
        same
    } else if their_body.is_empty() || ours.body.is_empty() {
        their_body.is_empty() && ours.body.is_empty()
    } else {
        match (
            serde_json::from_slice::<Value>(&ours.body),
            serde_json::from_slice::<Value>(their_body),
        ) {
            (Ok(a), Ok(b)) if a == b => {
                signed_body = their_body.to_vec();
                true
            }
            _ => ours.body == their_body,
        }
    };
    if !body_same {
        differences.push(format!(
            "body {} vs {}",
            String::from_utf8_lossy(&ours.body),
            String::from_utf8_lossy(their_body)
        ));
    }
    // Signed for the SDK's host (and with its body bytes, form boundary and
    // charset where only those differ), our request must carry the SDK's
    // Authorization to the byte.
    if differences.iter().all(|d| d.starts_with(CHARSET)) {
        let host = header(theirs, "Host").unwrap_or_default();
        let mut request = hwcloud_runtime::http::Request::builder()
            .method(ours.method.as_str())
            .uri(format!("http://{host}{}", ours.target));
        // What the transports add unsigned (the SDK's `requests` adds its own).
        let unsigned = [
            "host",
            "authorization",
            "content-length",
            "accept",
            "accept-encoding",
            "connection",
        ];
        for (name, value) in &ours.headers {
            if unsigned.iter().any(|s| name.eq_ignore_ascii_case(s)) {
                continue;
            }
            let value = if name.eq_ignore_ascii_case("content-type") {
                their_type.clone()
            } else {
                value.clone()
            };
            request = request.header(name.as_str(), value);
        }
        let mut request = request.body(signed_body).unwrap();
        sign::sign(&mut request, key, date).unwrap();
        let ours_again = request.headers()["authorization"]
            .to_str()
            .unwrap()
            .to_owned();
        if ours_again != their_authorization {
            differences.push(format!(
                "Authorization {ours_again} vs {their_authorization}"
            ));
        }
    }
    differences
}

/// `bytes` with every `from` replaced by `to`.
fn replace_bytes(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while !from.is_empty() {
        match rest.windows(from.len()).position(|w| w == from) {
            Some(at) => {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(to);
                rest = &rest[at + from.len()..];
            }
            None => break,
        }
    }
    out.extend_from_slice(rest);
    out
}

/// The header names an `Authorization` value says were signed.
fn signed_names(authorization: &str) -> Vec<String> {
    authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .map(|names| names.split(';').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The case's input as the generated client takes it: the document's
/// `formData` parameters are fields of the form body the generator reads
/// them into, and a file is `{file_name, content_type, base64}`.
fn call_of(case: &Value, documents: &Path) -> Value {
    let mut call = case["input"].clone();
    let service = case["service"].as_str().unwrap();
    let document: Value = serde_json::from_str(
        &std::fs::read_to_string(documents.join(format!("{service}.json"))).unwrap(),
    )
    .unwrap();
    let item = &document["paths"][format!("/{}", case["operation"].as_str().unwrap())];
    let form_fields: Vec<String> = item
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, op)| op.get("parameters").and_then(Value::as_array))
        .flatten()
        .filter(|p| p["in"] == "formData")
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect();
    if form_fields.is_empty() {
        return call;
    }
    let mut body = serde_json::Map::new();
    for name in form_fields {
        if let Some(mut value) = call.as_object_mut().unwrap().remove(&name) {
            if let Some(bytes) = value.get("content_base64").cloned() {
                value = json!({
                    "file_name": value["filename"],
                    "content_type": value["content_type"],
                    "base64": bytes,
                });
            }
            body.insert(name, value);
        }
    }
    call["body"] = Value::Object(body);
    call
}

fn header(request: &Value, name: &str) -> Option<String> {
    request["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str())
        .map(str::to_owned)
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}
