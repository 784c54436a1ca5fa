//! TLS settings against a real TLS server on 127.0.0.1 whose certificate
//! is signed by a private CA (`tests/fixtures/tls/`, made for these tests
//! with openssl, valid for a century): refused by default, accepted with
//! the CA as a root, and accepted by the opt-in `with_insecure_tls` for
//! test environments. And proxies, with a real proxy on 127.0.0.1: plain
//! `http` forwarded, `https` tunnelled, the proxy's password sent to it,
//! the proxy variables read from the config's environment.

use hwcloud_registry::hss;
use hwcloud_runtime::{Config, Credentials, Proxy, RetryPolicy};
use hwcloud_tests::workspace_root;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

const PAGE: &str = r#"{"total_num": 0, "data_list": []}"#;

fn fixture(name: &str) -> std::path::PathBuf {
    workspace_root().join("tests/fixtures/tls").join(name)
}

/// A request's head, read up to its blank line; `None` when the
/// connection ends (or fails) first.
async fn read_head(stream: &mut (impl AsyncRead + Unpin)) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// The endpoint's answer to every request: one page, then close.
fn answer() -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{PAGE}",
        PAGE.len()
    )
}

/// Serves every connection with one JSON answer, over TLS, and keeps the
/// head of each request it reads.
async fn tls_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(fixture("localhost.crt"))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture("localhost.key")).unwrap();
    // The runtime's provider (deprecated from rustls 0.23.48 on).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "https://127.0.0.1:{}",
        listener.local_addr().unwrap().port()
    );
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, seen) = (acceptor.clone(), seen.clone());
            tokio::spawn(async move {
                // A refused handshake is the client's doing: nothing to serve.
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let Some(head) = read_head(&mut tls).await else {
                    return;
                };
                seen.lock().unwrap().push(head);
                let _ = tls.write_all(answer().as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (url, heads)
}

fn config(url: &str) -> Config {
    Config::new(Credentials::access_key("AK", "SK").with_project_id("p"))
        .with_endpoint(url)
        .with_proxy(Proxy::None)
        .with_retry(RetryPolicy::default().with_max_attempts(1))
}

#[tokio::test]
async fn an_unknown_certificate_is_refused_unless_trusted_or_opted_out() {
    let (url, _) = tls_server().await;
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

/// A proxy on 127.0.0.1 that keeps the head of every request it gets. A
/// `CONNECT` is tunnelled to 127.0.0.1 at the port it names, whatever the
/// host; any other request it answers itself, as the endpoint would.
async fn proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let Some(head) = read_head(&mut stream).await else {
                    return;
                };
                seen.lock().unwrap().push(head.clone());
                if let Some(target) = head.strip_prefix("CONNECT ") {
                    let port = target.split([' ', ':']).nth(1).unwrap();
                    let mut upstream = tokio::net::TcpStream::connect(format!("127.0.0.1:{port}"))
                        .await
                        .unwrap();
                    stream
                        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        .await
                        .unwrap();
                    let _ = tokio::io::copy_bidirectional(&mut stream, &mut upstream).await;
                } else {
                    let _ = stream.write_all(answer().as_bytes()).await;
                }
            });
        }
    });
    (port, heads)
}

/// The value of header `name` (any case) in request head `head`.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// `alice:s3cret`, as a proxy reads it.
const PROXY_AUTHORIZATION: &str = "Basic YWxpY2U6czNjcmV0";

#[tokio::test]
async fn plain_http_is_forwarded_by_the_proxy_in_absolute_form_with_its_credentials() {
    let (port, heads) = proxy().await;
    // A host nobody resolves: only the proxy can answer for it.
    let config = config("http://hss.proxied.example")
        .with_proxy(Proxy::Url(format!("http://alice:s3cret@127.0.0.1:{port}")));
    let client = hss::Client::new(&config).unwrap();
    client.list_registry().limit(10).send().await.unwrap();

    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with(
            "GET http://hss.proxied.example/v5/p/image/registries?limit=10 HTTP/1.1\r\n"
        ),
        "{}",
        heads[0]
    );
    assert_eq!(
        header(&heads[0], "proxy-authorization"),
        Some(PROXY_AUTHORIZATION),
        "{}",
        heads[0]
    );
    assert_eq!(header(&heads[0], "host"), Some("hss.proxied.example"));
}

/// The proxy variables are read from the config's environment, as every
/// other variable `Config::from_vars` reads: a command line's or a test's
/// own, not the process's.
#[tokio::test]
async fn the_proxy_variables_come_from_the_configs_environment() {
    let (port, heads) = proxy().await;
    let proxy_url = format!("http://alice:s3cret@127.0.0.1:{port}");
    let config = config("http://hss.proxied.example")
        .with_proxy(Proxy::FromEnvironment)
        .with_environment(move |name| (name == "http_proxy").then(|| proxy_url.clone()));
    let client = hss::Client::new(&config).unwrap();
    client.list_registry().limit(10).send().await.unwrap();
    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("GET http://hss.proxied.example/"),
        "{}",
        heads[0]
    );
    assert_eq!(
        header(&heads[0], "proxy-authorization"),
        Some(PROXY_AUTHORIZATION)
    );
}

#[tokio::test]
async fn https_is_tunnelled_through_the_proxy_which_sees_no_request() {
    let (url, origin) = tls_server().await;
    let tls_port = url.rsplit(':').next().unwrap();
    let (port, heads) = proxy().await;
    // `localhost`, which the certificate names, is resolved by the proxy.
    let config = config(&format!("https://localhost:{tls_port}"))
        .with_root_certificate_pem(std::fs::read(fixture("ca.crt")).unwrap())
        .with_proxy(Proxy::Url(format!("http://alice:s3cret@127.0.0.1:{port}")));
    let client = hss::Client::new(&config).unwrap();
    client.list_registry().limit(10).send().await.unwrap();

    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let head = heads[0].to_lowercase();
    assert!(
        head.starts_with(&format!("connect localhost:{tls_port} http/1.1\r\n")),
        "{head}"
    );
    assert_eq!(
        header(&heads[0], "proxy-authorization"),
        Some(PROXY_AUTHORIZATION),
        "{head}"
    );
    // The signed request went inside the tunnel.
    assert!(
        !head.contains("x-sdk-date") && !head.contains("/v5/"),
        "{head}"
    );
    // The endpoint got the signed request, and nothing meant for the proxy.
    let origin = origin.lock().unwrap();
    assert_eq!(origin.len(), 1, "{origin:?}");
    assert!(header(&origin[0], "x-sdk-date").is_some(), "{}", origin[0]);
    assert_eq!(
        header(&origin[0], "proxy-authorization"),
        None,
        "{}",
        origin[0]
    );
}
