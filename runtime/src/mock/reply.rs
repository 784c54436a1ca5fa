//! What the mock answers: a status, headers and a body.

use serde::Serialize;

/// One answer of the mock. Typed answers come from a rule
/// ([`super::Rule::answer`]); errors in the vendor's shape from
/// [`Reply::error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    /// `status` without a body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// `status` with `body` as JSON. A value that cannot be written as JSON
    /// (a map with non-text keys) gives a 500 that says so.
    pub fn json<T: Serialize + ?Sized>(status: u16, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(body) => Self::raw(status, "application/json", body),
            Err(err) => Self::error(
                500,
                "MOCK.0500",
                &format!("the mock's answer cannot be written as JSON: {err}"),
            ),
        }
    }

    /// `status` with `body` as the service writes its errors:
    /// `{"error_code": ..., "error_msg": ...}`.
    pub fn error(status: u16, error_code: &str, error_msg: &str) -> Self {
        let (code_field, message_field) = crate::service_error::VENDOR_ERROR_FIELDS;
        let mut body = serde_json::Map::new();
        body.insert(code_field.to_owned(), error_code.into());
        body.insert(message_field.to_owned(), error_msg.into());
        let body = serde_json::Value::Object(body);
        Self::raw(status, "application/json", body.to_string().into_bytes())
    }

    /// `status` with a body of any content type.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::status(status)
            .with_header("content-type", content_type)
            .with_body(body)
    }

    /// The same answer with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    pub fn status_code(&self) -> u16 {
        self.status
    }

    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The answer as an HTTP response carrying `request_id`. A header the
    /// caller wrote that HTTP cannot carry is left out (and logged).
    pub(crate) fn into_response(self, request_id: &str) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = http::StatusCode::from_u16(self.status)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            match (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                (Ok(name), Ok(value)) => {
                    headers.append(name, value);
                }
                _ => tracing::warn!(header = %name, "mock: a header HTTP cannot carry is left out"),
            }
        }
        if let Ok(id) = http::HeaderValue::from_str(request_id) {
            headers.insert("x-request-id", id);
        }
        response
    }
}
