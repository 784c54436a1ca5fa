//! Sends one captured case through a client generated from the vendor's
//! documents, the way its command line would (`cli::App::send_json`), with
//! the SDK capture's credentials, date and User-Agent.
//!
//! `tests/tests/vendor_wire.rs` copies this file into the generated crate
//! as `examples/wire.rs` and runs it once per case:
//! `wire <endpoint> <sends.json> <index>`. It prints `sent`, or `refused:
//! <why>` when the client would not send the request, or `answered:
//! <error>` when it was sent and the answer did not read.

use hwcloud_runtime::cli::JsonCallError as CallError;
use hwcloud_runtime::{Config, Credentials, Proxy, RetryPolicy};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, endpoint, file, index] = args.as_slice() else {
        eprintln!("usage: wire <endpoint> <sends.json> <index>");
        std::process::exit(2);
    };
    let sends: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let meta = &sends["meta"];
    let case = &sends["cases"][index.parse::<usize>().unwrap()];
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    let credentials = Credentials::access_key(text(&meta["ak"]), text(&meta["sk"]))
        .with_project_id(text(&meta["project_id"]))
        .with_domain_id(text(&meta["domain_id"]));
    let date = UNIX_EPOCH + Duration::from_secs(meta["date"].as_u64().unwrap());
    let config = Config::new(credentials)
        .with_endpoint(endpoint.clone())
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::none())
        .with_user_agent(text(&case["user_agent"]))
        .with_clock(Arc::new(move || date));
    let app = CRATE::cli::app();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let result = runtime.block_on(app.send_json(
        case["service"].as_str().unwrap(),
        case["operation"].as_str().unwrap(),
        case["call"].clone(),
        &config,
    ));
    match result {
        Ok(_) => println!("sent"),
        Err(CallError::Call(error)) if error.was_sent() => println!("answered: {error}"),
        Err(why) => println!("refused: {why}"),
    }
}
