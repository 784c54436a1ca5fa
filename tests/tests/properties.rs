//! Properties over generated values (proptest), with the generated mock as
//! the server side: a request that passes `validate()` arrives exactly as
//! it was built; one that fails is never sent; query encoding and its
//! canonical form round-trip and are stable; every answer the spec allows
//! decodes to what was sent.

use hwcloud_registry::hss;
use hwcloud_runtime::{EncodeContext, Operation, RequestBuilder, Validate};
use proptest::prelude::*;
use proptest::string::string_regex;

/// Text of 1 to `max` characters of any kind but control characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    string_regex(&format!("\\PC{{1,{max}}}")).expect("a valid regex")
}

fn registry_type() -> impl Strategy<Value = hss::RegistryType> {
    prop_oneof![
        Just(hss::RegistryType::Harbor),
        Just(hss::RegistryType::Jfrog),
        Just(hss::RegistryType::SwrPrivate),
        Just(hss::RegistryType::SwrShared),
        Just(hss::RegistryType::SwrEnterprise),
        Just(hss::RegistryType::Other),
    ]
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_query_request_arrives_as_it_was_built(
        limit in 10..=200i32,
        offset in 0..=2_000_000i32,
        name in text(128),
        addr in text(256),
        types in proptest::collection::vec(registry_type(), 1..4),
    ) {
        let request = hss::ListRegistryRequest::builder()
            .limit(limit)
            .offset(offset)
            .registry_name(name)
            .registry_addr(addr)
            .registry_type(types)
            .build()
            .unwrap();
        prop_assert!(request.validate().is_ok());
        let mock = hss::Mock::new();
        runtime().block_on(mock.client().send(&request)).unwrap();
        prop_assert_eq!(mock.list_registry().calls(), vec![request]);
    }

    #[test]
    fn a_valid_body_arrives_as_it_was_built(
        name in text(128),
        addr in text(256),
        user in text(128),
        password in text(64),
        cluster in text(64),
    ) {
        let body = hss::AddRegistryRequestBody::builder()
            .registry_name(name)
            .registry_type(hss::ThirdPartyRegistryType::Harbor)
            .api_version(hss::ApiVersion::V2)
            .protocol(hss::Protocol::Https)
            .registry_addr(addr)
            .registry_username(user)
            .registry_password(password)
            .connect_cluster_id(cluster)
            .get_scan_image_channel(hss::ScanImageChannel::Swr);
        let request = hss::AddRegistryRequest::builder().body(body).build().unwrap();
        prop_assert!(request.validate().is_ok());
        let mock = hss::Mock::new();
        runtime().block_on(mock.client().send(&request)).unwrap();
        prop_assert_eq!(mock.add_registry().calls(), vec![request]);
    }

    #[test]
    fn a_request_that_breaks_a_rule_is_never_sent(
        limit in prop_oneof![i32::MIN..10, 201..=i32::MAX],
    ) {
        let mock = hss::Mock::new();
        let err = runtime()
            .block_on(mock.client().list_registry().limit(limit).send())
            .unwrap_err();
        prop_assert!(err.violations().is_some(), "{}", err);
        prop_assert_eq!(mock.list_registry().count(), 0);
        prop_assert!(mock.rejections().is_empty());
    }

    #[test]
    fn query_encoding_round_trips_and_its_canonical_form_is_stable(
        pairs in proptest::collection::vec(("[a-z_]{1,8}", "\\PC{0,16}"), 0..8),
    ) {
        let mut builder = RequestBuilder::new(http::Method::GET, "/x".to_owned());
        for (key, value) in &pairs {
            builder.query(key, value.as_str());
        }
        let request = builder.build(&EncodeContext::new("https://h.example")).unwrap();
        let query = request.uri().query().unwrap_or("");
        let canonical = hwcloud_runtime::sign::canonical_query(query);
        prop_assert_eq!(hwcloud_runtime::sign::canonical_query(&canonical), canonical.clone());

        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8().unwrap().into_owned();
        let mut sent: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let mut given = pairs.clone();
        sent.sort();
        given.sort();
        prop_assert_eq!(sent, given);
    }

    #[test]
    fn every_page_the_spec_allows_decodes_to_what_was_sent(
        total in proptest::option::of(0..=i32::MAX),
        items in proptest::collection::vec(
            (proptest::option::of(text(64)), proptest::option::of(text(128)), proptest::option::of(0..=i32::MAX)),
            0..5,
        ),
    ) {
        let items: Vec<hss::RegistryInfo> = items
            .into_iter()
            .map(|(id, name, images)| {
                let mut info = hss::RegistryInfo::builder();
                if let Some(id) = id {
                    info = info.id(id);
                }
                if let Some(name) = name {
                    info = info.registry_name(name);
                }
                if let Some(images) = images {
                    info = info.images_num(images);
                }
                info.build().unwrap()
            })
            .collect();
        let mut page = hss::ListRegistryResponseBody::builder().data_list(items);
        if let Some(total) = total {
            page = page.total_num(total);
        }
        let page = page.build().unwrap();
        let mut response = http::Response::new(serde_json::to_vec(&page).unwrap());
        *response.status_mut() = http::StatusCode::OK;
        let decoded = hss::ListRegistryRequest::from_http_response(&response).unwrap();
        prop_assert_eq!(decoded, page);
    }
}
