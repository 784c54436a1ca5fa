//! Opening a connection for a request: straight to the endpoint, to an
//! HTTP proxy that forwards it (plain `http`), or through a tunnel the
//! proxy opens with `CONNECT` (`https`, so the proxy sees only TLS); then
//! TLS where the URL asks for it.

use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::proxy::matcher::{Intercept, Matcher};
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::net::TcpStream;
use tower_service::Service;

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Which proxy, if any, a destination goes through.
#[derive(Debug, Clone, Default)]
pub(crate) struct Proxies(Option<Arc<Matcher>>);

impl Proxies {
    /// No proxy for any destination.
    pub(crate) fn none() -> Self {
        Self(None)
    }

    pub(crate) fn new(matcher: Matcher) -> Self {
        Self(Some(Arc::new(matcher)))
    }

    /// The proxy for `dst`, if it goes through one.
    pub(crate) fn route(&self, dst: &http::Uri) -> Option<Intercept> {
        self.0.as_ref()?.intercept(dst)
    }
}

/// Opens connections for hyper's pooled client.
#[derive(Clone)]
pub(crate) struct Connector {
    /// For the whole of it: DNS, TCP, the proxy's `CONNECT` and TLS.
    timeout: std::time::Duration,
    tcp: HttpConnector,
    proxies: Proxies,
    #[cfg(feature = "rustls")]
    tls: tokio_rustls::TlsConnector,
}

impl Connector {
    pub(crate) fn new(
        connect_timeout: std::time::Duration,
        proxies: Proxies,
        #[cfg(feature = "rustls")] tls: rustls::ClientConfig,
    ) -> Self {
        let mut tcp = HttpConnector::new();
        // The connector opens TCP for `https` URLs and proxies too; TLS is
        // added here, above it.
        tcp.enforce_http(false);
        tcp.set_connect_timeout(Some(connect_timeout));
        tcp.set_nodelay(true);
        Self {
            timeout: connect_timeout,
            tcp,
            proxies,
            #[cfg(feature = "rustls")]
            tls: tokio_rustls::TlsConnector::from(Arc::new(tls)),
        }
    }

    async fn connect(mut self, dst: http::Uri) -> Result<Stream, BoxError> {
        let https = dst.scheme() == Some(&http::uri::Scheme::HTTPS);
        match self.proxies.route(&dst) {
            None => {
                let tcp = self.tcp.call(dst.clone()).await?;
                self.over(tcp, &dst, https).await
            }
            // The proxy forwards the request, which names the whole URL
            // (absolute form) and carries the proxy's credentials itself.
            // Refused when the client is built; here too, so that no
            // request (nor the proxy's password) goes out in the clear to
            // what wants TLS or SOCKS.
            Some(proxy) if proxy.uri().scheme() != Some(&http::uri::Scheme::HTTP) => {
                Err("only `http://` proxies are supported".into())
            }
            Some(proxy) if !https => {
                let tcp = self.tcp.call(proxy.uri().clone()).await?;
                Ok(Stream {
                    io: Io::Plain(tcp),
                    proxied: true,
                })
            }
            Some(proxy) => {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), self.tcp.clone());
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                let tcp = tunnel.call(dst.clone()).await?;
                self.over(tcp, &dst, https).await
            }
        }
    }

    /// `tcp`, with TLS to `dst` on top when `https`.
    async fn over(
        &self,
        tcp: TokioIo<TcpStream>,
        dst: &http::Uri,
        https: bool,
    ) -> Result<Stream, BoxError> {
        if !https {
            return Ok(Stream {
                io: Io::Plain(tcp),
                proxied: false,
            });
        }
        #[cfg(feature = "rustls")]
        {
            let host = dst.host().unwrap_or_default();
            // An IPv6 host comes in brackets, which a server name has not.
            let host = host.trim_start_matches('[').trim_end_matches(']');
            let name = rustls::pki_types::ServerName::try_from(host.to_owned())?;
            let tls = self.tls.connect(name, tcp.into_inner()).await?;
            Ok(Stream {
                io: Io::Tls(Box::new(TokioIo::new(tls))),
                proxied: false,
            })
        }
        #[cfg(not(feature = "rustls"))]
        {
            // The transport refuses `https` before it connects.
            let _ = (tcp, dst);
            Err("an https endpoint needs hwcloud-runtime's `rustls` feature".into())
        }
    }
}

impl Service<http::Uri> for Connector {
    type Response = Stream;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Stream, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: http::Uri) -> Self::Future {
        let (timeout, connecting) = (self.timeout, self.clone().connect(dst));
        Box::pin(async move {
            // Nothing is sent before the connection is made: a connection
            // error, not a timeout of the request, so it may be retried.
            tokio::time::timeout(timeout, connecting)
                .await
                .unwrap_or_else(|_| {
                    let late = io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("no connection within {} ms", timeout.as_millis()),
                    );
                    Err(late.into())
                })
        })
    }
}

/// An open connection, plain or TLS.
pub(crate) struct Stream {
    io: Io,
    /// Whether requests on it go to a forwarding proxy, which wants them
    /// in absolute form.
    proxied: bool,
}

enum Io {
    Plain(TokioIo<TcpStream>),
    /// Boxed: a TLS session is a kilobyte, a socket a few words.
    #[cfg(feature = "rustls")]
    Tls(Box<TokioIo<tokio_rustls::client::TlsStream<TcpStream>>>),
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        Connected::new().proxy(self.proxied)
    }
}

impl Read for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(io) => Pin::new(io).poll_read(cx, buf),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => Pin::new(&mut **io).poll_read(cx, buf),
        }
    }
}

impl Write for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().io {
            Io::Plain(io) => Pin::new(io).poll_write(cx, buf),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => Pin::new(&mut **io).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().io {
            Io::Plain(io) => Pin::new(io).poll_write_vectored(cx, bufs),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => Pin::new(&mut **io).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match &self.io {
            Io::Plain(io) => io.is_write_vectored(),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => io.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(io) => Pin::new(io).poll_flush(cx),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => Pin::new(&mut **io).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(io) => Pin::new(io).poll_shutdown(cx),
            #[cfg(feature = "rustls")]
            Io::Tls(io) => Pin::new(&mut **io).poll_shutdown(cx),
        }
    }
}
