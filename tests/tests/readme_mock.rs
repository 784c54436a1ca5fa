//! The README's "Testing your code with the mock" example, run as a test
//! (`readme_examples.rs` checks that the README block is, word for word,
//! the region marked here).

// The README's layout (aligned comments, one call a line) is kept as is.
#[rustfmt::skip]
#[tokio::test]
async fn the_readme_mock_example_runs() -> Result<(), Box<dyn std::error::Error>> {
    // README: mock
    use hwcloud_registry::hss;
    use hwcloud_registry::runtime::mock::Reply;

    let mock = hss::Mock::new();               // or Mock::verifying(credentials)
    let client = mock.client();                // in process: no socket, no network

    // Unprogrammed, an operation answers with its documented example.
    let page = client.list_registry().limit(10).send().await?;

    // Typed answers (types only ever received have builders under `mock`) ...
    mock.list_registry().returns(
        hss::ListRegistryResponseBody::builder().total_num(0).data_list(vec![]).build()?,
    );
    // ... a closure over the typed request, an error in the vendor's shape ...
    mock.list_registry().respond_with(|request| Reply::json(200, &serde_json::json!({"total_num": request.offset})));
    mock.add_registry().fails(403, "HSS.1001", "no permission");
    // ... or a sequence, one answer per call, to test retries.
    mock.list_registry().sequence([Reply::error(503, "SVC.503", "busy"), Reply::error(503, "SVC.503", "busy")]);

    assert_eq!(mock.list_registry().calls()[0].limit, Some(10)); // typed requests received
    assert!(mock.rejections().is_empty());                      // and refused, with why
    // README end
    assert!(page.into_inner().total_num.is_some());
    // What the README programs, as it says: the two queued 503s are retried
    // by the client, then the standing closure answers; the error comes in
    // the vendor's shape.
    let retried = client.list_registry().offset(7).send().await?;
    assert_eq!(retried.attempts(), 3);
    assert_eq!(retried.into_inner().total_num, Some(7));
    let request = hwcloud_tests::requests::add_registry();
    let refused = client.send(&request).await.unwrap_err();
    let error = refused.service_error().expect("an error in the vendor's shape");
    assert_eq!((error.status, error.error_code.as_str()), (403, "HSS.1001"));
    Ok(())
}
