//! Sending one signed request and reading its whole answer. The client
//! talks to a [`Transport`] only, so tests and users can put a capture, a
//! mock or middleware in place of [`ReqwestTransport`].

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

    fn from_reqwest(err: reqwest::Error) -> Self {
        let kind = if err.is_connect() {
            TransportErrorKind::Connect
        } else if err.is_timeout() {
            TransportErrorKind::Timeout
        } else {
            TransportErrorKind::Io
        };
        // The URL is left out: errors should not carry query values around.
        let err = err.without_url();
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            detail.push_str(": ");
            detail.push_str(&cause.to_string());
            source = cause.source();
        }
        Self { kind, detail }
    }
}

/// The default transport: `reqwest`, over rustls with the `rustls` feature
/// (on by default); without it, plain `http` only.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
    /// Whether `client` can reach `https` endpoints: always for a client
    /// the caller configured, which may bring its own TLS.
    tls: bool,
}

impl ReqwestTransport {
    /// Uses a `reqwest::Client` configured by the caller (proxies, TLS roots,
    /// pools: anything reqwest offers). Bodies over `max_response_bytes` are
    /// refused without being read to the end.
    pub fn from_client(client: reqwest::Client, max_response_bytes: usize) -> Self {
        Self {
            client,
            max_response_bytes,
            tls: true,
        }
    }

    /// The client this crate builds: with TLS only under `rustls`.
    pub(crate) fn built(client: reqwest::Client, max_response_bytes: usize) -> Self {
        Self {
            tls: cfg!(feature = "rustls"),
            ..Self::from_client(client, max_response_bytes)
        }
    }
}

impl ReqwestTransport {
    /// Sends `request`; the response's head is in, its body still to read.
    async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<reqwest::Response, TransportError> {
        if !self.tls && request.uri().scheme() == Some(&http::uri::Scheme::HTTPS) {
            return Err(TransportError::new(
                TransportErrorKind::Unsupported,
                "an https endpoint needs TLS: hwcloud-runtime was built without its `rustls` feature".to_owned(),
            ));
        }
        let request = reqwest::Request::try_from(request.map(reqwest::Body::from))
            .map_err(TransportError::from_reqwest)?;
        self.client
            .execute(request)
            .await
            .map_err(TransportError::from_reqwest)
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let mut response = self.execute(request).await?;
            let limit = self.max_response_bytes;
            let status = response.status().as_u16();
            let too_large = || {
                TransportError::new(
                    TransportErrorKind::BodyTooLarge { limit },
                    format!("status {status}"),
                )
            };
            if response
                .content_length()
                .is_some_and(|length| length > limit as u64)
            {
                return Err(too_large());
            }
            let mut body = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(TransportError::from_reqwest)?
            {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(head_of(&mut response, body))
        })
    }

    fn send_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let mut response = self.execute(request).await?;
            let head = head_of(&mut response, ());
            let chunks = futures_util::stream::unfold(Some(response), |response| async move {
                let mut response = response?;
                match response.chunk().await {
                    Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                    Ok(None) => None,
                    Err(err) => Some((Err(TransportError::from_reqwest(err)), None)),
                }
            });
            Ok(head.map(|()| ByteStream::new(chunks)))
        })
    }
}

/// Sends `request` through `transport` and waits at most `timeout` for the
/// whole answer: a side request's own deadline (IAM, the metadata service),
/// outside any call's retries.
pub(crate) async fn send_within(
    transport: &dyn Transport,
    request: http::Request<Vec<u8>>,
    timeout: std::time::Duration,
) -> Result<http::Response<Vec<u8>>, TransportError> {
    tokio::time::timeout(timeout, transport.send(request))
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

/// The status, version and headers of `response`, with `body`.
fn head_of<B>(response: &mut reqwest::Response, body: B) -> http::Response<B> {
    let mut answer = http::Response::new(body);
    *answer.status_mut() = response.status();
    *answer.version_mut() = response.version();
    *answer.headers_mut() = std::mem::take(response.headers_mut());
    answer
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
