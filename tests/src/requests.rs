//! Requests the tests send again and again, complete and valid.

use hwcloud_registry::hss;

/// An `AddRegistry` body with every required field set, as a builder (set
/// more, or `build()` it).
pub fn registry_body() -> hss::AddRegistryRequestBodyBuilder {
    hss::AddRegistryRequestBody::builder()
        .registry_name("harbor-prod")
        .registry_type(hss::ThirdPartyRegistryType::Harbor)
        .api_version(hss::ApiVersion::V2)
        .protocol(hss::Protocol::Https)
        .registry_addr("myharbor.com")
        .registry_username("admin")
        .registry_password("Passw0rd!")
        .connect_cluster_id("db69f3e6-887f-11ef-9825-0255ac1001b6")
        .get_scan_image_channel(hss::ScanImageChannel::Swr)
}

/// A complete `AddRegistry` request.
pub fn add_registry() -> hss::AddRegistryRequest {
    hss::AddRegistryRequest::builder()
        .body(registry_body())
        .build()
        .expect("every required field is set")
}
