//! The default transport: hyper's HTTP/1.1 client, which keeps connections
//! open between calls, over the connections of `connect.rs`.

use super::connect::{Connector, Proxies};
use super::{BoxFuture, Transport, TransportError, TransportErrorKind};
use crate::config::{redact_userinfo, ConfigError, Proxy};
use crate::stream::ByteStream;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use std::fmt;
use std::time::Duration;

/// What the default transport is built from (a [`crate::Config`]'s
/// connection settings).
#[derive(Clone)]
pub(crate) struct Settings<'a> {
    pub connect_timeout: Duration,
    pub proxy: &'a Proxy,
    /// Where [`Proxy::FromEnvironment`] reads its variables: the config's
    /// environment ([`crate::Config::with_environment`]), else the process's.
    pub environment: Option<&'a crate::config::Environment>,
    /// PEM certificates trusted besides the webpki roots.
    pub root_certificates: &'a [Vec<u8>],
    pub insecure_tls: bool,
    pub max_response_bytes: usize,
}

/// The default [`Transport`]: HTTP/1.1 with a connection pool, through the
/// configured proxy, with TLS (rustls) under the `rustls` feature. Redirects
/// are not followed: every request is signed for the URL it names.
#[derive(Clone)]
pub struct HttpTransport {
    client: Client<Connector, Full<Bytes>>,
    proxies: Proxies,
    max_response_bytes: usize,
}

impl Settings<'_> {
    /// Straight to the endpoint, no proxy, the webpki roots alone: for a
    /// side request whose settings are a condition of sending it (the
    /// metadata service's keys must not pass a proxy).
    pub(crate) fn direct(connect_timeout: Duration, max_response_bytes: usize) -> Self {
        Settings {
            connect_timeout,
            proxy: &Proxy::None,
            environment: None,
            root_certificates: &[],
            insecure_tls: false,
            max_response_bytes,
        }
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The proxies' credentials are not shown (hyper leaves them out).
        f.debug_struct("HttpTransport")
            .field("proxies", &self.proxies)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl HttpTransport {
    /// The transport clients of `config` use unless given another
    /// ([`crate::Config::with_transport`]): to wrap in middleware of your own.
    pub fn for_config(config: &crate::Config) -> Result<Self, ConfigError> {
        Self::new(&config.transport_settings())
    }

    pub(crate) fn new(settings: &Settings<'_>) -> Result<Self, ConfigError> {
        let proxies = proxies(settings.proxy, settings.environment)?;
        #[cfg(feature = "rustls")]
        let tls = super::tls::client_config(settings.root_certificates, settings.insecure_tls)?;
        #[cfg(not(feature = "rustls"))]
        if settings.insecure_tls || !settings.root_certificates.is_empty() {
            // Refused rather than dropped, so that nobody believes a custom
            // root is in use.
            return Err(ConfigError::Transport(
                "TLS settings need hwcloud-runtime's `rustls` feature".to_owned(),
            ));
        }
        let connector = Connector::new(
            settings.connect_timeout,
            proxies.clone(),
            #[cfg(feature = "rustls")]
            tls,
        );
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(connector);
        Ok(Self {
            client,
            proxies,
            max_response_bytes: settings.max_response_bytes,
        })
    }

    /// Sends `request`; the response's head is in, its body still to read.
    async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Incoming>, TransportError> {
        let https = request.uri().scheme() == Some(&http::uri::Scheme::HTTPS);
        if https && !cfg!(feature = "rustls") {
            return Err(TransportError::new(
                TransportErrorKind::Unsupported,
                "an https endpoint needs TLS: hwcloud-runtime was built without its `rustls` feature",
            ));
        }
        let mut request = request.map(|body| Full::new(Bytes::from(body)));
        // A forwarding proxy (plain `http`) reads its credentials from each
        // request; a tunnel's were given when it was opened.
        if !https {
            if let Some(auth) = self
                .proxies
                .route(request.uri())
                .and_then(|proxy| proxy.basic_auth().cloned())
            {
                request
                    .headers_mut()
                    .insert(http::header::PROXY_AUTHORIZATION, auth);
            }
        }
        self.client.request(request).await.map_err(|err| {
            let kind = if err.is_connect() {
                TransportErrorKind::Connect
            } else {
                TransportErrorKind::Io
            };
            // hyper's errors name no URL, so no query value is repeated.
            TransportError::new(kind, chain(&err))
        })
    }
}

impl Transport for HttpTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let (head, mut body) = self.execute(request).await?.into_parts();
            let limit = self.max_response_bytes;
            let too_large = || {
                TransportError::new(
                    TransportErrorKind::BodyTooLarge { limit },
                    format!("status {}", head.status.as_u16()),
                )
            };
            // What the body will hold, as hyper reads the head: a HEAD, 204
            // or 304 answer announces a length but has no body.
            if hyper::body::Body::size_hint(&body).lower() > limit as u64 {
                return Err(too_large());
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = next_chunk(&mut body).await? {
                if bytes.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(http::Response::from_parts(head, bytes))
        })
    }

    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let (head, body) = self.execute(request).await?.into_parts();
            let chunks = futures_util::stream::unfold(Some(body), |body| async move {
                let mut body = body?;
                match next_chunk(&mut body).await {
                    Ok(Some(chunk)) => Some((Ok(chunk), Some(body))),
                    Ok(None) => None,
                    Err(err) => Some((Err(err), None)),
                }
            });
            Ok(http::Response::from_parts(head, ByteStream::new(chunks)))
        })
    }
}

/// The next piece of data of `body` (trailers are skipped), or `None` at
/// its end.
async fn next_chunk(body: &mut Incoming) -> Result<Option<Bytes>, TransportError> {
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|err| TransportError::new(TransportErrorKind::Io, chain(&err)))?;
        if let Ok(data) = frame.into_data() {
            return Ok(Some(data));
        }
    }
    Ok(None)
}

/// The proxy variables as curl reads them (hyper-util's `Matcher::from_env`,
/// with the variables read through `var`): `HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY` for both, `NO_PROXY`, each upper-case first. `None` in a CGI
/// process (`REQUEST_METHOD` set), where a request's `Proxy:` header
/// arrives as `HTTP_PROXY` ("httpoxy").
fn environment_proxies(var: &dyn Fn(&str) -> Option<String>) -> Option<Matcher> {
    if var("REQUEST_METHOD").is_some() {
        return None;
    }
    let first = |names: [&str; 2]| names.into_iter().find_map(var).unwrap_or_default();
    let matcher = Matcher::builder()
        .all(first(["ALL_PROXY", "all_proxy"]))
        .http(first(["HTTP_PROXY", "http_proxy"]))
        .https(first(["HTTPS_PROXY", "https_proxy"]))
        .no(first(["NO_PROXY", "no_proxy"]))
        .build();
    Some(matcher)
}

/// `err` and its causes, `: `-separated.
fn chain(err: &dyn std::error::Error) -> String {
    let mut detail = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
        source = cause.source();
    }
    detail
}

/// The proxy rules for `proxy`, its variables read from `environment`
/// (else the process's). A proxy this transport cannot speak to (TLS to the
/// proxy itself, SOCKS) is refused here, before any request.
fn proxies(
    proxy: &Proxy,
    environment: Option<&crate::config::Environment>,
) -> Result<Proxies, ConfigError> {
    let probes = [
        http::Uri::from_static("http://probe.invalid/"),
        http::Uri::from_static("https://probe.invalid/"),
    ];
    let (matcher, from) = match proxy {
        Proxy::None => return Ok(Proxies::none()),
        Proxy::FromEnvironment => {
            let matcher = match environment {
                Some(var) => environment_proxies(&**var),
                None => environment_proxies(&crate::env::process_var),
            };
            let Some(matcher) = matcher else {
                return Ok(Proxies::none());
            };
            let from =
                " (from ALL_PROXY/HTTPS_PROXY/HTTP_PROXY; `Config::with_proxy` overrides them)";
            (matcher, from)
        }
        Proxy::Url(url) => {
            let matcher = Matcher::builder().all(url.clone()).build();
            // The error must not repeat the URL whole: it may hold a password.
            if matcher.intercept(&probes[0]).is_none() {
                return Err(ConfigError::BadProxy(redact_userinfo(url)));
            }
            (matcher, "")
        }
    };
    for probe in &probes {
        if let Some(route) = matcher.intercept(probe) {
            if route.uri().scheme() != Some(&http::uri::Scheme::HTTP) {
                // The route's URI holds no user information.
                return Err(ConfigError::BadProxy(format!(
                    "{}{from}: only `http://` proxies are supported",
                    route.uri()
                )));
            }
        }
    }
    Ok(Proxies::new(matcher))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn transport(proxy: &Proxy) -> HttpTransport {
        HttpTransport::new(&Settings {
            connect_timeout: Duration::from_millis(300),
            proxy,
            environment: None,
            root_certificates: &[],
            insecure_tls: false,
            max_response_bytes: 1024,
        })
        .unwrap()
    }

    /// A server on 127.0.0.1 that answers each request (head only, no
    /// body) with `answer`, on the same connection while it is open; with
    /// an empty `answer`, it never answers.
    async fn server(answer: &'static [u8]) -> std::net::SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let (mut read, mut buf) = (Vec::new(), [0u8; 1024]);
                    loop {
                        while let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                            read.drain(..end + 4);
                            if stream.write_all(answer).await.is_err() {
                                return;
                            }
                        }
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => read.extend_from_slice(&buf[..n]),
                        }
                    }
                });
            }
        });
        addr
    }

    #[tokio::test]
    async fn the_size_limit_counts_the_body_not_the_announced_length() {
        let addr = server(b"HTTP/1.1 200 OK\r\nContent-Length: 20000000\r\n\r\n").await;
        let transport = transport(&Proxy::None);
        let url = format!("http://{addr}/object");
        // A HEAD answer announces the object's length and has no body.
        let head = http::Request::head(&url).body(Vec::new()).unwrap();
        let answer = transport.send(head).await.unwrap();
        assert_eq!(answer.status(), 200);
        assert!(answer.body().is_empty());
        // A GET's body would be that long: refused before reading it.
        let get = http::Request::get(&url).body(Vec::new()).unwrap();
        let err = transport.send(get).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::BodyTooLarge { limit: 1024 });
    }

    /// The connect timeout covers the proxy's `CONNECT` too: a proxy that
    /// takes the connection and never answers is a connection failure
    /// (nothing was sent, so it may be retried) within that time.
    #[cfg(feature = "rustls")]
    #[tokio::test]
    async fn a_silent_proxy_is_a_connection_failure_within_the_connect_timeout() {
        let proxy = server(b"").await;
        let transport = transport(&Proxy::Url(format!("http://{proxy}")));
        let request = http::Request::get("https://hss.example.com/v5/things")
            .body(Vec::new())
            .unwrap();
        let started = std::time::Instant::now();
        let err = transport.send(request).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Connect, "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{err:?}");
    }

    /// Where a request to each of `urls` goes with the proxy variables
    /// `vars`: the proxy's `host:port`, or `-` for straight there.
    fn routes(vars: &[(&str, &str)], urls: &[&str]) -> Vec<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // As `Config::with_environment` keeps it: set to "" is unset.
        let environment: crate::config::Environment =
            std::sync::Arc::new(crate::env::ignoring_empty(move |name: &str| {
                vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            }));
        let proxies = proxies(&Proxy::FromEnvironment, Some(&environment)).unwrap();
        urls.iter()
            .map(|url| match proxies.route(&url.parse().unwrap()) {
                Some(route) => route.uri().authority().unwrap().to_string(),
                None => "-".to_owned(),
            })
            .collect()
    }

    #[test]
    fn proxy_variables_are_read_from_the_configs_environment() {
        let urls = [
            "https://hss.example.com/",
            "http://hss.example.com/",
            "https://iam.internal.test/",
        ];
        assert_eq!(routes(&[], &urls), ["-", "-", "-"]);
        // ALL_PROXY for both schemes, a scheme's own variable before it,
        // NO_PROXY's domains (and their subdomains) straight there.
        let vars = [
            ("ALL_PROXY", "http://all:1"),
            ("HTTPS_PROXY", "http://secure:2"),
            ("NO_PROXY", "internal.test"),
        ];
        assert_eq!(routes(&vars, &urls), ["secure:2", "all:1", "-"]);
        // Lower-case forms, when the upper-case ones are unset.
        let vars = [("http_proxy", "http://lower:3"), ("HTTP_PROXY", "")];
        assert_eq!(routes(&vars, &urls)[1], "lower:3");
        // A CGI process reads none of them: a request can set HTTP_PROXY.
        let vars = [("REQUEST_METHOD", "GET"), ("ALL_PROXY", "http://all:1")];
        assert_eq!(routes(&vars, &urls), ["-", "-", "-"]);
    }

    #[test]
    fn a_proxy_variable_the_transport_cannot_speak_is_refused_naming_its_source() {
        let environment: crate::config::Environment = std::sync::Arc::new(|name: &str| {
            (name == "HTTPS_PROXY").then(|| "socks5://alice:s3cret@proxy:1080".to_owned())
        });
        let err = proxies(&Proxy::FromEnvironment, Some(&environment)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("HTTPS_PROXY"), "{message}");
        assert!(!message.contains("s3cret"), "{message}");
    }
}
