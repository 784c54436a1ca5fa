//! The oracle's file formats (`../shared/oracle/README.md`): cases to run,
//! and captures of what the vendor's SDK sent and made of the answer.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Deserialize)]
pub struct CasesFile {
    pub cases: Vec<Case>,
}

/// A case to run: an operation and the SDK request's fields.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub name: String,
    pub op: String,
    /// The input in a captures file (where `request` is what was sent).
    #[serde(default)]
    input: Option<Value>,
    /// The input in a cases file.
    #[serde(default)]
    request: Option<Value>,
}

impl Case {
    pub fn new(name: impl Into<String>, op: impl Into<String>, input: Value) -> Self {
        Self {
            name: name.into(),
            op: op.into(),
            input: Some(input),
            request: None,
        }
    }

    /// The SDK request's fields, from either file format.
    pub fn input(&self) -> Option<&Value> {
        self.input.as_ref().or(self.request.as_ref())
    }
}

#[derive(Debug, Deserialize)]
pub struct CapturesFile {
    pub meta: Meta,
    pub cases: Vec<Capture>,
}

#[derive(Debug, Deserialize)]
pub struct Meta {
    pub endpoint: String,
    pub credentials: MetaCredentials,
    pub x_sdk_date: String,
}

#[derive(Debug, Deserialize)]
pub struct MetaCredentials {
    pub ak: String,
    pub sk: String,
    pub project_id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Capture {
    pub name: String,
    pub op: String,
    pub input: Value,
    pub server_response: Option<Answer>,
    /// What reached the socket; absent when the SDK sent nothing.
    pub request: Option<Sent>,
    pub outcome: Value,
}

/// What the fake server answered.
#[derive(Debug, Clone, Deserialize)]
pub struct Answer {
    pub status: u16,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: String,
}

/// A request as received on the socket.
#[derive(Debug, Clone, Deserialize)]
pub struct Sent {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Sent {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The SDK's error outcome, when the call ended in an exception with a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkError {
    pub status: u16,
    pub request_id: Option<String>,
    pub error_code: String,
    pub error_msg: String,
    pub encoded_authorization_message: Option<String>,
}

impl Capture {
    pub fn sdk_error(&self) -> Option<SdkError> {
        let o = &self.outcome;
        if o["kind"] != "exception" {
            return None;
        }
        let text = |key: &str| o[key].as_str().filter(|s| !s.is_empty()).map(str::to_owned);
        Some(SdkError {
            status: u16::try_from(o["status_code"].as_u64()?).ok()?,
            request_id: text("request_id"),
            error_code: o["error_code"].as_str()?.to_owned(),
            error_msg: o["error_msg"].as_str()?.to_owned(),
            encoded_authorization_message: text("encoded_auth_msg"),
        })
    }
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
