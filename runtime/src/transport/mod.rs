//! Sending one signed request and reading its whole answer. The client
//! talks to a [`Transport`] only, so tests and users can put a capture, a
//! mock or middleware in place of [`HttpTransport`], the default: hyper's
//! HTTP/1.1 client (`client.rs`) over connections opened straight, through
//! a proxy or tunnelled through one (`connect.rs`), with rustls under the
//! `rustls` feature (`tls.rs`).

mod client;
mod connect;
#[cfg(feature = "rustls")]
mod tls;

pub use client::HttpTransport;
pub(crate) use client::Settings;

use crate::stream::ByteStream;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed future, so that `Transport` can be used as `dyn Transport`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends a request and returns the response with its whole body. One call
/// is one attempt: retries, timeouts per attempt and signing are the
/// client's job.
pub trait Transport: fmt::Debug + Send + Sync {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;

    /// Sends a request and returns the response as soon as its head is in,
    /// the body to be read as it arrives (downloads). The default reads the
    /// whole body with [`send`](Self::send), which suits test doubles.
    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let response = self.send(request).await?;
            Ok(response.map(ByteStream::from_bytes))
        })
    }
}

/// Why an attempt got no complete response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {detail}")]
pub struct TransportError {
    pub kind: TransportErrorKind,
    /// What the HTTP stack said, without the URL.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made; nothing was sent.
    Connect,
    /// The attempt took longer than its time allows.
    Timeout,
    /// The connection broke after the request may have been sent, or the
    /// response was cut off.
    Io,
    /// The response body is larger than the configured limit.
    BodyTooLarge { limit: usize },
    /// This transport cannot send such a request at all (an `https` URL
    /// without TLS compiled in); nothing was sent.
    Unsupported,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportErrorKind::Connect => f.write_str("could not connect"),
            TransportErrorKind::Timeout => f.write_str("timed out"),
            TransportErrorKind::Io => f.write_str("the connection failed"),
            TransportErrorKind::BodyTooLarge { limit } => {
                write!(f, "the response body is larger than {limit} bytes")
            }
            TransportErrorKind::Unsupported => f.write_str("the transport cannot send this"),
        }
    }
}

impl TransportError {
    pub fn new(kind: TransportErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }
}

/// `attempt`'s outcome, or a [`TransportErrorKind::Timeout`] when it takes
/// longer than `timeout`.
pub(crate) async fn within<T>(
    timeout: std::time::Duration,
    attempt: impl Future<Output = Result<T, TransportError>>,
) -> Result<T, TransportError> {
    tokio::time::timeout(timeout, attempt)
        .await
        .unwrap_or_else(|_| {
            Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no answer within {} ms", timeout.as_millis()),
            ))
        })
}

/// A transport that could not be made: every request fails with why, and
/// nothing is sent. For a client whose settings are a condition of sending
/// at all (the metadata service's, never through a proxy), where falling
/// back to a default client would quietly drop them.
#[derive(Debug)]
pub(crate) struct Unavailable(pub String);

impl Transport for Unavailable {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let error = TransportError::new(TransportErrorKind::Unsupported, self.0.clone());
        Box::pin(async move { Err(error) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_unavailable_transport_sends_nothing_and_says_why() {
        let transport = Unavailable("no client: because".to_owned());
        let request = http::Request::get("http://127.0.0.1:1/")
            .body(Vec::new())
            .unwrap();
        let err = transport.send(request).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Unsupported);
        assert_eq!(err.detail, "no client: because");
    }
}
