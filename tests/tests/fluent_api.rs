//! The generated crate's surface as its users meet it, against a real HTTP
//! server on 127.0.0.1: fluent calls send exactly what a built request
//! sends, required fields left unset are named and nothing is sent, paged
//! calls walk their pages, and documented error bodies come back typed.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::{Config, Credentials, Error, Proxy, RetryPolicy};
use hwcloud_tests::loopback::{Reply, Server};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn config(server: &Server) -> Config {
    Config::new(Credentials::access_key("AKFLUENT", "SKfluent").with_project_id(PROJECT))
        .with_endpoint(server.url())
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::none())
}

use hwcloud_tests::requests::registry_body;

#[tokio::test]
async fn a_fluent_call_sends_what_a_built_request_sends() {
    let server = Server::start(|_, _| Reply::json(200, ""));
    let client = hss::Client::new(&config(&server)).unwrap();

    let fluent = client
        .add_registry()
        .enterprise_project_id("all_granted_eps")
        .body(registry_body())
        .send()
        .await
        .unwrap();
    // One documented success without a body: the output holds `()`.
    let () = fluent.into_inner();
    let built = hss::AddRegistryRequest::builder()
        .enterprise_project_id("all_granted_eps")
        .body(registry_body().build().unwrap())
        .build()
        .unwrap();
    client.send(&built).await.unwrap();

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].target, received[1].target);
    assert_eq!(
        received[0].target,
        format!("/v5/{PROJECT}/image/registries?enterprise_project_id=all_granted_eps")
    );
    assert_eq!(received[0].body, received[1].body);
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent["registry_name"], "harbor-prod");
    assert_eq!(sent["get_scan_image_channel"], "Swr");
}

#[tokio::test]
async fn every_required_field_left_unset_is_named_and_nothing_is_sent() {
    let server = Server::start(|_, _| Reply::json(200, ""));
    let client = hss::Client::new(&config(&server)).unwrap();

    let err = client
        .add_registry()
        .body(
            hss::AddRegistryRequestBody::builder()
                .registry_name("harbor-prod")
                .protocol(hss::Protocol::Https),
        )
        .send()
        .await
        .unwrap_err();
    let Error::Build { operation, source } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(*operation, "AddRegistry");
    assert_eq!(source.type_name(), "AddRegistryRequest");
    assert_eq!(
        source.missing(),
        [
            "body.registry_type",
            "body.api_version",
            "body.registry_addr",
            "body.registry_username",
            "body.registry_password",
            "body.connect_cluster_id",
            "body.get_scan_image_channel",
        ]
    );
    assert!(err.to_string().starts_with(
        "AddRegistry: `AddRegistryRequest` is missing required field(s): body.registry_type,"
    ));

    // No body at all: the body itself is named.
    let err = client.add_registry().send().await.unwrap_err();
    assert_eq!(err.build_error().unwrap().missing(), ["body"]);

    // A path parameter and the body, on a request built beforehand.
    let err = hss::UpdateRegistryRequest::builder().build().unwrap_err();
    assert_eq!(err.missing(), ["path.id", "body"]);
    assert!(server.received().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn fluent_pages_walk_every_page() {
    let server = Server::start(|request, _| {
        let offset: usize = request
            .target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("offset="))
            .map_or(0, |v| v.parse().unwrap());
        let items: Vec<String> = (offset..(offset + 10).min(15))
            .map(|i| format!(r#"{{"id": "r{i}"}}"#))
            .collect();
        Reply::json(
            200,
            &format!(r#"{{"total_num": 15, "data_list": [{}]}}"#, items.join(",")),
        )
    });
    let client = hss::Client::new(&config(&server)).unwrap();
    let mut pages = client.list_registry().limit(10).pages();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        ids.extend(
            page.into_inner()
                .data_list
                .unwrap_or_default()
                .into_iter()
                .map(|r| r.id),
        );
    }
    assert_eq!(ids.len(), 15);
    assert_eq!(ids[14].as_deref(), Some("r14"));
    assert_eq!(server.received().len(), 2);

    // Out-of-range input is refused by the first page, before sending.
    let err = client
        .list_registry()
        .limit(0)
        .pages()
        .try_collect()
        .await
        .unwrap_err();
    assert!(err.violations().is_some(), "{err}");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn documented_error_bodies_are_read_typed_from_the_error() {
    let server = Server::start(|_, _| {
        Reply::json(
            404,
            r#"{"error_code": "SVCSTG.SWR.4040001", "error_msg": "no such registry"}"#,
        )
    });
    let client = swr::Client::new(&config(&server)).unwrap();
    let err = client
        .update_instance_registry()
        .instance_id("instance")
        .registry_id(7)
        .body(
            swr::UpdateRegistryRequestBody::builder()
                .name("target")
                .r#type(swr::RegistryType::SwrPro)
                .url("https://registry.example.com")
                .credential(
                    swr::Credential::builder()
                        .r#type(swr::CredentialType::Basic)
                        .access_key("user")
                        .access_secret("access-secret"),
                )
                .insecure(false),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    let Some(swr::UpdateInstanceRegistryError::NotFound(body)) =
        swr::UpdateInstanceRegistryError::from_error(&err)
    else {
        panic!("404 is documented with a body: {err:?}");
    };
    assert_eq!(body.error_code.as_deref(), Some("SVCSTG.SWR.4040001"));
    assert_eq!(body.error_msg.as_deref(), Some("no such registry"));
    // The generic reading agrees.
    assert_eq!(err.service_error().unwrap().error_msg, "no such registry");
}
