//! A decoded answer together with what the service said about it.

use std::ops::Deref;

/// A successful call's decoded response, with its status, `X-Request-Id`
/// (quote it when asking the vendor about a call) and headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Output<T> {
    value: T,
    status: u16,
    request_id: Option<String>,
    headers: http::HeaderMap,
    attempts: u32,
}

impl<T> Output<T> {
    pub fn new(value: T, status: u16, headers: http::HeaderMap, attempts: u32) -> Self {
        let request_id = crate::service_error::request_id(&headers).map(str::to_owned);
        Self {
            value,
            status,
            request_id,
            headers,
            attempts,
        }
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// How many times the call was tried (1 without retries): a move to the
    /// next endpoint after a refused connection counts here, though not
    /// against [`RetryPolicy::with_max_attempts`](crate::RetryPolicy::with_max_attempts).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    pub fn into_inner(self) -> T {
        self.value
    }

    /// Keeps status, request id and headers, replacing the value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Output<U> {
        Output {
            value: f(self.value),
            status: self.status,
            request_id: self.request_id,
            headers: self.headers,
            attempts: self.attempts,
        }
    }
}

impl<T> Output<Option<T>> {
    /// `Some` output if the value is `Some`.
    pub fn transpose(self) -> Option<Output<T>> {
        let Output {
            value,
            status,
            request_id,
            headers,
            attempts,
        } = self;
        value.map(|value| Output {
            value,
            status,
            request_id,
            headers,
            attempts,
        })
    }
}

impl<T> Deref for Output<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}
