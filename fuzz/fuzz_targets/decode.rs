//! Response decoding of every generated operation: any status, headers and
//! body give a value or a `DecodeError`.
#![no_main]

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::Operation;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn response(answer: &Answer) -> Option<http::Response<Vec<u8>>> {
    let mut builder = http::Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(answer.body.clone()).ok()
}

fuzz_target!(|answer: Answer| {
    let Some(response) = response(&answer) else {
        return;
    };
    let _ = hss::ListRegistryRequest::from_http_response(&response);
    let _ = hss::AddRegistryRequest::from_http_response(&response);
    let _ = hss::UpdateRegistryRequest::from_http_response(&response);
    let _ = swr::UpdateInstanceRegistryRequest::from_http_response(&response);
    let _ = swr::UpdateUserRepositoryAuthRequest::from_http_response(&response);
    let headers = response.headers().clone();
    let _ = hwcloud_runtime::ServiceError::from_response(answer.status, &headers, &answer.body);
});
