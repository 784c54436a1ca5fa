//! Request and response hooks: code of the caller's that sees every attempt
//! a client makes (for access logs, metrics, debugging), as the vendor's
//! SDKs offer (`HttpHandler` request and response handlers).
//!
//! A hook sees the request as it goes on the wire, but never a secret: the
//! values of `Authorization`, `X-Auth-Token`, `X-Security-Token` and of
//! secret (`format: password`) query and header parameters read `***`, as
//! do secret path segments, and the body is given by its length only.

use crate::transport::TransportError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Headers whose values are secrets (or carry one).
pub(crate) const SECRET_HEADERS: &[&str] = &["authorization", "x-auth-token", "x-security-token"];

/// Whether header `name`'s `value` is a secret: a credential header, or a
/// value the encoder marked sensitive (a `format: password` parameter).
pub(crate) fn is_secret_header(name: &http::HeaderName, value: &http::HeaderValue) -> bool {
    SECRET_HEADERS.contains(&name.as_str()) || value.is_sensitive()
}

/// What a hook is told.
#[derive(Debug)]
#[non_exhaustive]
pub enum HookEvent<'a> {
    /// An attempt is about to be sent (signed; retries are attempts too).
    Request {
        operation: &'static str,
        attempt: u32,
        request: RequestView<'a>,
    },
    /// The service answered (any status).
    Response {
        operation: &'static str,
        attempt: u32,
        status: u16,
        latency: Duration,
        /// The service's `X-Request-Id`, when it sent one.
        request_id: Option<&'a str>,
    },
    /// No answer: the connection failed or timed out.
    Failure {
        operation: &'static str,
        attempt: u32,
        latency: Duration,
        error: &'a TransportError,
    },
}

/// A request as a hook sees it: secrets masked, the body by its length.
pub struct RequestView<'a>(pub(crate) &'a http::Request<Vec<u8>>);

impl RequestView<'_> {
    pub fn method(&self) -> &http::Method {
        self.0.method()
    }

    /// The URI, with secret path segments and the values of secret query
    /// parameters as `***`.
    pub fn uri(&self) -> String {
        crate::encode::UriSecrets::mask(self.0, "***")
    }

    /// Every header, in order, with secret values as `***`.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.headers().iter().map(|(name, value)| {
            let value = if is_secret_header(name, value) {
                "***"
            } else {
                value.to_str().unwrap_or("<not text>")
            };
            (name.as_str(), value)
        })
    }

    /// The body's length in bytes.
    pub fn body_len(&self) -> usize {
        self.0.body().len()
    }
}

impl fmt::Debug for RequestView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", self.method())
            .field("uri", &self.uri())
            .field("headers", &self.headers().collect::<Vec<_>>())
            .field("body_len", &self.body_len())
            .finish()
    }
}

/// A hook, as `Config::with_hook` keeps it.
pub type Hook = Arc<dyn Fn(&HookEvent<'_>) + Send + Sync>;

/// Tells every hook of `hooks` about `event`.
pub(crate) fn tell(hooks: &[Hook], event: HookEvent<'_>) {
    for hook in hooks {
        hook(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked_and_the_body_is_a_length() {
        let request = http::Request::builder()
            .method("POST")
            .uri("https://hss.example.com/v5/p/image/registries")
            .header("Authorization", "SDK-HMAC-SHA256 Access=AK, Signature=abc")
            .header("X-Security-Token", "temporary-secret")
            .header("X-Auth-Token", "token-secret")
            .header("X-Project-Id", "p")
            .body(b"{\"registry_password\":\"secret\"}".to_vec())
            .unwrap();
        // A `format: password` header parameter, as the encoder marks it.
        let mut password = http::HeaderValue::from_static("header-secret");
        password.set_sensitive(true);
        let mut request = request;
        request.headers_mut().insert("x-password", password);
        let view = RequestView(&request);
        let headers: Vec<(&str, &str)> = view.headers().collect();
        assert_eq!(
            headers,
            [
                ("authorization", "***"),
                ("x-security-token", "***"),
                ("x-auth-token", "***"),
                ("x-project-id", "p"),
                ("x-password", "***")
            ]
        );
        let shown = format!("{view:?}");
        assert!(
            !shown.contains("secret") && !shown.contains("abc"),
            "{shown}"
        );
        assert_eq!(view.body_len(), 30);
    }
}
