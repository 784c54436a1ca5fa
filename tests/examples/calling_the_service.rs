//! The README's "Calling the service" examples, compiled with the tests
//! (`tests/tests/readme_examples.rs` checks that each README block is the
//! text of a region here, so the README cannot drift from code that builds).
//! Compiled, not run: they would call the cloud.

use std::error::Error;

async fn default_chain() -> Result<(), Box<dyn Error>> {
    // README: calling
    use hwcloud_registry::{hss, runtime::Config};

    // The vendor SDKs' default chain: HUAWEICLOUD_SDK_AK / _SK (with
    // _SECURITY_TOKEN, _PROJECT_ID, _DOMAIN_ID), else ~/.huaweicloud/credentials
    // ([basic] for regional services, [global] for global ones), else the ECS
    // metadata service. Endpoints: HUAWEICLOUD_SDK_REGION_HSS_<REGION>, else
    // ~/.huaweicloud/regions.yaml, else the spec's host for the region.
    let config = Config::from_env()?.with_region("ap-southeast-1");
    let hss = hss::Client::new(&config)?;
    let output = hss.list_registry().limit(50).send().await?;
    let request_id = output.request_id().map(str::to_owned);
    println!("{request_id:?} {:?}", output.into_inner().data_list);
    // README end
    Ok(())
}

fn explicit(ak: String, sk: String, project: String) -> Result<(), Box<dyn Error>> {
    // README: explicit
    use hwcloud_registry::runtime::{Config, Credentials, MetadataProvider, Proxy};

    // Keys given here. Without a project id, the project named after the
    // region is looked up through IAM (signed with these keys) once per config.
    let config = Config::new(Credentials::access_key(ak, sk)).with_region("ap-southeast-1");

    // On an ECS instance with an agency: temporary keys from the metadata
    // service alone, renewed when less than 40 minutes of them are left.
    let on_ecs = Config::new(MetadataProvider::new().with_project_id(project));

    // This region's service behind two private endpoints, tried in turn
    // when one cannot be reached, and IAM at a private address too; every
    // request through a proxy.
    let private = config
        .clone()
        .with_endpoints(["https://hss-a.internal", "https://hss-b.internal"])
        .with_iam_endpoint("https://iam.internal")
        .with_proxy(Proxy::Url(
            "http://user:password@proxy.internal:3128".into(),
        ));
    // README end
    let _ = (on_ecs, private);
    Ok(())
}

fn main() {
    let _ = (default_chain, explicit);
}
