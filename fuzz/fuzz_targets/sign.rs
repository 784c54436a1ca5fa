//! The signer's canonicalisation of any method, path, query and header set:
//! never a panic, the same request always signs the same, and `verify`
//! accepts what `sign` wrote.
#![no_main]

use hwcloud_runtime::sign::{self, AccessKey};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, UNIX_EPOCH};

#[derive(Debug, Arbitrary)]
struct Input {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    seconds: u32,
}

fuzz_target!(|input: Input| {
    let _ = sign::canonical_uri(&input.path);
    let _ = sign::canonical_query(&input.query);
    let uri = format!(
        "https://h.example/{}?{}",
        input.path.trim_start_matches('/'),
        input.query
    );
    let mut builder = http::Request::builder()
        .method(input.method.as_str())
        .uri(uri);
    for (name, value) in &input.headers {
        builder = builder.header(name.as_str(), value.as_slice());
    }
    let Ok(mut request) = builder.body(input.body.clone()) else {
        return;
    };
    let key = AccessKey::new("AKFUZZ", "SKfuzz");
    let now = UNIX_EPOCH + Duration::from_secs(u64::from(input.seconds));
    let before = request.clone();
    if sign::sign(&mut request, &key, now).is_ok() {
        assert_eq!(sign::verify(&request, &key), Ok(()), "{before:?}");
        let mut again = before;
        sign::sign(&mut again, &key, now).unwrap();
        assert_eq!(
            request.headers().get("authorization"),
            again.headers().get("authorization")
        );
    }
});
