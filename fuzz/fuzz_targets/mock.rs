//! The mock's reading of a request: any method, target, headers and body
//! get an answer (a refusal in the vendor's shape, usually), never a panic.
#![no_main]

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::mock::Engine;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
struct Input {
    method: String,
    target: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(hss::Mock::routes().into_iter().chain(swr::Mock::routes())))
}

fuzz_target!(|input: Input| {
    let mut builder = http::Request::builder()
        .method(input.method.as_str())
        .uri(input.target.as_str());
    for (name, value) in &input.headers {
        builder = builder.header(name.as_str(), value.as_slice());
    }
    let Ok(request) = builder.body(input.body) else {
        return;
    };
    let response = engine().handle(&request);
    let status = response.status().as_u16();
    assert!(status < 600, "{status}");
    if status >= 400 {
        let body: serde_json::Value =
            serde_json::from_slice(response.body()).expect("a JSON refusal");
        assert!(body["error_code"].is_string() && body["error_msg"].is_string());
    }
});
