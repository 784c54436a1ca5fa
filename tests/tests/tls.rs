//! TLS settings against a real TLS server on 127.0.0.1 whose certificate
//! is signed by a private CA (`tests/fixtures/tls/`, made for these tests
//! with openssl, valid for a century): refused by default, accepted with
//! the CA as a root, and accepted by the opt-in `with_insecure_tls` for
//! test environments.

use hwcloud_registry::hss;
use hwcloud_runtime::{Config, Credentials, Proxy, RetryPolicy};
use hwcloud_tests::workspace_root;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PAGE: &str = r#"{"total_num": 0, "data_list": []}"#;

fn fixture(name: &str) -> std::path::PathBuf {
    workspace_root().join("tests/fixtures/tls").join(name)
}

/// Serves every connection with one JSON answer, over TLS.
async fn tls_server() -> String {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(fixture("localhost.crt"))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture("localhost.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "https://127.0.0.1:{}",
        listener.local_addr().unwrap().port()
    );
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A refused handshake is the client's doing: nothing to serve.
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
                    PAGE.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

fn config(url: &str) -> Config {
    Config::new(Credentials::access_key("AK", "SK").with_project_id("p"))
        .with_endpoint(url)
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::default().with_max_attempts(1))
}

#[tokio::test]
async fn an_unknown_certificate_is_refused_unless_trusted_or_opted_out() {
    let url = tls_server().await;
    let request = hss::ListRegistryRequest::builder()
        .limit(10)
        .build()
        .unwrap();

    let client = hss::Client::new(&config(&url)).unwrap();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        err.is_connect(),
        "an unknown certificate ends the call: {err}"
    );

    let pem = std::fs::read(fixture("ca.crt")).unwrap();
    let trusted = config(&url).with_root_certificate_pem(pem);
    let client = hss::Client::new(&trusted).unwrap();
    client
        .send(&request)
        .await
        .expect("its own root is trusted");

    let insecure = config(&url).with_insecure_tls(true);
    let client = hss::Client::new(&insecure).unwrap();
    client
        .send(&request)
        .await
        .expect("not verified, on request");
}
