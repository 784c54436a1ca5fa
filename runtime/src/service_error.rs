//! An error answer from the service, read with the vendor SDK's rules, so
//! that callers see the same code and message the SDK would show.

use crate::Excerpt;
use serde_json::{Map, Value};
use std::fmt;

/// The field pairs an error body may use, tried in this order, first at the
/// top level and then inside each nested object.
const CODE_MESSAGE_PAIRS: &[(&str, &str)] = &[
    VENDOR_ERROR_FIELDS,
    ("errorCode", "errorMsg"),
    ("code", "message"),
];

/// The field names of the vendor's usual error body, the first pair read
/// (and the one the mock writes).
pub(crate) const VENDOR_ERROR_FIELDS: (&str, &str) = ("error_code", "error_msg");

/// The service's id for a call, from the `X-Request-Id` response header
/// (never from the body, as the SDK reads it).
pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<&str> {
    headers.get("x-request-id").and_then(|v| v.to_str().ok())
}

/// A response with status 400 or above.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    /// From the `X-Request-Id` response header (never from the body).
    pub request_id: Option<String>,
    /// The service's code (`SVCSTG.SWR.4001234`), or the status as text when
    /// the body has none.
    pub error_code: String,
    /// The service's message, or the start of the raw body when the body
    /// has no code/message pair.
    pub error_msg: String,
    /// Set by IAM when a policy denies the call.
    pub encoded_authorization_message: Option<String>,
    /// The body as the service sent it (within the config's response size
    /// limit), for the typed error bodies an operation documents.
    body: Vec<u8>,
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("error_code", &self.error_code)
            .field("error_msg", &self.error_msg)
            .field(
                "encoded_authorization_message",
                &self.encoded_authorization_message,
            )
            .field("body", &Excerpt::of(&self.body).text())
            .finish()
    }
}

impl ServiceError {
    pub fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let request_id = request_id(headers).map(str::to_owned);
        let object = serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            });
        let found = object.as_ref().and_then(|map| {
            code_and_message(map).or_else(|| {
                map.values()
                    .filter_map(Value::as_object)
                    .find_map(code_and_message)
            })
        });
        let (error_code, error_msg) =
            found.unwrap_or_else(|| (status.to_string(), Excerpt::of(body).text().to_owned()));
        let encoded_authorization_message = object
            .as_ref()
            .and_then(|map| map.get("encoded_authorization_message"))
            .and_then(text);
        ServiceError {
            status,
            request_id,
            error_code,
            error_msg,
            encoded_authorization_message,
            body: body.to_vec(),
        }
    }

    /// The body as the service sent it; generated `<Operation>Error`
    /// enums decode it by the documented status.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

fn code_and_message(map: &Map<String, Value>) -> Option<(String, String)> {
    CODE_MESSAGE_PAIRS
        .iter()
        .find_map(|(code, message)| Some((text(map.get(*code)?)?, text(map.get(*message)?)?)))
}

/// A string value as is; a number as its text (some services send numeric codes).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the service answered {} {}: {}",
            self.status, self.error_code, self.error_msg
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(body: &str) -> ServiceError {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-request-id", http::HeaderValue::from_static("rid"));
        ServiceError::from_response(418, &headers, body.as_bytes())
    }

    #[test]
    fn pairs_in_order_then_nested_then_raw() {
        let e = error(r#"{"errorCode": "A", "errorMsg": "a", "code": "B", "message": "b"}"#);
        assert_eq!((e.error_code.as_str(), e.error_msg.as_str()), ("A", "a"));
        let e = error(r#"{"error": {"code": "C", "message": "c"}}"#);
        assert_eq!((e.error_code.as_str(), e.error_msg.as_str()), ("C", "c"));
        // A code without its message does not count.
        let e = error(r#"{"error_code": "D", "error_description": "d"}"#);
        assert_eq!(e.error_code, "418");
        assert_eq!(
            e.error_msg,
            r#"{"error_code": "D", "error_description": "d"}"#
        );
        assert_eq!(e.request_id.as_deref(), Some("rid"));
        // The body is kept as sent, for typed error enums.
        assert_eq!(
            e.body(),
            br#"{"error_code": "D", "error_description": "d"}"#
        );
        let e = error(
            r#"{"error_code": "E", "error_msg": "e", "encoded_authorization_message": "xyz"}"#,
        );
        assert_eq!(e.encoded_authorization_message.as_deref(), Some("xyz"));
    }

    #[test]
    fn a_huge_raw_body_is_cut() {
        let e = error(&"x".repeat(10 << 20));
        assert_eq!(e.error_msg.len(), Excerpt::LIMIT);
        // Debug shows excerpts (message and body), never the whole body.
        assert!(format!("{e:?}").len() < 4 * Excerpt::LIMIT);
    }
}
