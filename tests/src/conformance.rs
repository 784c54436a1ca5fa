//! Runs oracle cases through the Rust client and compares each with what the
//! vendor's SDK did (`../shared/oracle/`). No network: a capturing
//! transport records the signed request and answers with the captured
//! server response, so the whole client path (validate, encode, sign,
//! decode) runs with the captures' endpoint, credentials, date and
//! User-Agent.

use crate::calls::{Called, Clients};
use crate::oracle::{header, Answer, Capture, CapturesFile, Case, SdkError};
use hwcloud_runtime::transport::BoxFuture;
use hwcloud_runtime::{Config, Credentials, Error, RetryPolicy, Transport, TransportError};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One case's result: `Ok` with an optional remark, or what differs.
#[derive(Debug)]
pub struct Verdict {
    pub name: String,
    pub result: Result<Option<String>, Vec<String>>,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.result.is_ok()
    }

    /// `ok  name`, `ok  name (remark)` or `diff name: a; b`.
    pub fn line(&self) -> String {
        match &self.result {
            Ok(None) => format!("ok   {}", self.name),
            Ok(Some(remark)) => format!("ok   {} ({remark})", self.name),
            Err(diffs) => format!("diff {}: {}", self.name, diffs.join("; ")),
        }
    }
}

/// Runs every case of `cases` against its capture in `captures` (matched by
/// name).
pub async fn run(cases: &[Case], captures: &CapturesFile) -> Vec<Verdict> {
    let mut verdicts = Vec::new();
    for case in cases {
        let result = match captures.cases.iter().find(|c| c.name == case.name) {
            Some(capture) => run_case(case, capture, captures).await,
            None => Err(vec!["no capture of this case".to_owned()]),
        };
        verdicts.push(Verdict {
            name: case.name.clone(),
            result,
        });
    }
    verdicts
}

async fn run_case(
    case: &Case,
    capture: &Capture,
    captures: &CapturesFile,
) -> Result<Option<String>, Vec<String>> {
    let meta = &captures.meta;
    let date = parse_sdk_date(&meta.x_sdk_date)
        .ok_or_else(|| vec![format!("bad x_sdk_date `{}`", meta.x_sdk_date)])?;
    let transport = Arc::new(Capturing::new(capture.server_response.clone()));
    let credentials = Credentials::access_key(&meta.credentials.ak, meta.credentials.sk.as_str())
        .with_project_id(&meta.credentials.project_id);
    let mut config = Config::new(credentials)
        .with_endpoint(&meta.endpoint)
        .with_retry(RetryPolicy::none())
        .with_transport(transport.clone())
        .with_clock(Arc::new(move || date));
    let sdk_sent = capture.request.as_ref();
    if let Some(user_agent) = sdk_sent.and_then(|s| s.header("user-agent")) {
        config = config.with_user_agent(user_agent);
    }
    let clients = Clients::new(&config).map_err(|e| vec![e.to_string()])?;
    let input = case
        .input()
        .ok_or_else(|| vec!["the case has no request".to_owned()])?;
    let called = clients
        .call(&case.op, input)
        .await
        .ok_or_else(|| vec![format!("unknown operation `{}`", case.op)])?;
    let ours = transport.take();

    let refusal = match &called {
        Called::BadInput(why) => Some(why.clone()),
        Called::Failed(Error::Invalid { violations, .. }) => Some(violations.to_string()),
        _ => None,
    };
    let (Some(theirs), Some(ours)) = (sdk_sent, ours) else {
        return match (sdk_sent, refusal) {
            (Some(_), Some(why)) => Ok(Some(format!("refused on purpose: {why}"))),
            (Some(_), None) => Err(vec![format!("not sent: {called:?}")]),
            (None, _) => Err(vec!["the SDK sent nothing to compare with".to_owned()]),
        };
    };

    let mut diffs = compare_requests(&ours, theirs, meta);
    diffs.extend(compare_outcomes(&called, capture));
    if diffs.is_empty() {
        Ok(None)
    } else {
        Err(diffs)
    }
}

fn compare_requests(
    ours: &http::Request<Vec<u8>>,
    theirs: &crate::oracle::Sent,
    meta: &crate::oracle::Meta,
) -> Vec<String> {
    let mut diffs = Vec::new();
    if ours.method().as_str() != theirs.method {
        diffs.push(format!("method {} != {}", ours.method(), theirs.method));
    }
    let target = ours.uri().path_and_query().map_or("", |p| p.as_str());
    if target != theirs.target {
        diffs.push(format!("target `{target}` != `{}`", theirs.target));
    }
    let our_body = ours.body();
    if theirs.body.is_empty() != our_body.is_empty() {
        diffs.push("one side has a body, the other none".to_owned());
    } else if !our_body.is_empty() {
        let a: Result<Value, _> = serde_json::from_slice(our_body);
        let b: Result<Value, _> = serde_json::from_str(&theirs.body);
        match (a, b) {
            (Ok(a), Ok(b)) if a == b => {}
            (Ok(a), Ok(b)) => diffs.push(format!("body {a} != {b}")),
            _ => diffs.push("a body is not JSON".to_owned()),
        }
    }

    let our_headers: Vec<(String, String)> = ours
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let signed_list = |headers: &[(String, String)]| {
        header(headers, "authorization")
            .and_then(|a| a.split("SignedHeaders=").nth(1))
            .and_then(|s| s.split(',').next())
            .unwrap_or("")
            .to_owned()
    };
    let (our_signed, their_signed) = (signed_list(&our_headers), signed_list(&theirs.headers));
    if our_signed != their_signed {
        diffs.push(format!("signed headers `{our_signed}` != `{their_signed}`"));
    }
    for name in their_signed.split(';').filter(|n| *n != "user-agent") {
        let (a, b) = (header(&our_headers, name), theirs.header(name));
        if a != b {
            diffs.push(format!("header {name}: {a:?} != {b:?}"));
        }
    }
    // The signature covers the bytes sent: where ours equal the SDK's (and
    // so does the User-Agent), the Authorization must be identical.
    let same_bytes = our_body == theirs.body.as_bytes()
        && header(&our_headers, "user-agent") == theirs.header("user-agent");
    let (a, b) = (
        header(&our_headers, "authorization"),
        theirs.header("authorization"),
    );
    if same_bytes && a != b {
        diffs.push(format!("authorization {a:?} != {b:?}"));
    }
    if let Err(why) = crate::signature::verify(
        ours.method().as_str(),
        target,
        &our_headers,
        our_body,
        &meta.credentials.ak,
        &meta.credentials.sk,
    ) {
        diffs.push(why);
    }
    diffs
}

pub fn compare_outcomes(called: &Called, capture: &Capture) -> Vec<String> {
    let theirs = capture.sdk_error();
    match (called, theirs) {
        (Called::Answered { status, .. }, None) => {
            let expected = capture.outcome["status_code"].as_u64();
            if expected == Some(u64::from(*status)) {
                vec![]
            } else {
                vec![format!("status {status}, the SDK had {expected:?}")]
            }
        }
        (Called::Failed(Error::Service { source, .. }), Some(theirs)) => {
            let ours = SdkError {
                status: source.status,
                request_id: source.request_id.clone(),
                error_code: source.error_code.clone(),
                error_msg: source.error_msg.clone(),
                encoded_authorization_message: source.encoded_authorization_message.clone(),
            };
            // The SDK's HTTP stack sometimes gives up on a status without
            // reading the body (429 on GET/PUT): its code is then the bare
            // status and its message is not from the body. Only the status
            // is comparable; we read the body on purpose.
            let body = capture.server_response.as_ref().map(|a| a.body.as_str());
            let sdk_skipped_body = theirs.error_code == theirs.status.to_string()
                && Some(theirs.error_msg.as_str()) != body;
            let comparable_match = if sdk_skipped_body {
                ours.status == theirs.status
            } else {
                ours == theirs
            };
            if comparable_match {
                vec![]
            } else {
                vec![format!("error {ours:?} != the SDK's {theirs:?}")]
            }
        }
        (ours, Some(theirs)) => vec![format!("{ours:?}, the SDK failed with {theirs:?}")],
        (ours, None) => vec![format!("{ours:?}, the SDK succeeded")],
    }
}

/// Records each request and answers with one fixed response.
#[derive(Debug)]
pub struct Capturing {
    answer: Option<Answer>,
    sent: Mutex<Option<http::Request<Vec<u8>>>>,
}

impl Capturing {
    pub fn new(answer: Option<Answer>) -> Self {
        Self {
            answer,
            sent: Mutex::new(None),
        }
    }

    /// The last request sent, if any.
    pub fn take(&self) -> Option<http::Request<Vec<u8>>> {
        self.sent.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl Transport for Capturing {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        *self.sent.lock().unwrap_or_else(|e| e.into_inner()) = Some(request);
        let answer = self.answer.clone().unwrap_or(Answer {
            status: 200,
            headers: vec![],
            body: "{}".to_owned(),
        });
        Box::pin(async move {
            let mut response = http::Response::new(answer.body.into_bytes());
            *response.status_mut() = http::StatusCode::from_u16(answer.status).map_err(|e| {
                TransportError::new(hwcloud_runtime::TransportErrorKind::Io, e.to_string())
            })?;
            for (name, value) in &answer.headers {
                if let (Ok(name), Ok(value)) = (
                    http::HeaderName::from_bytes(name.as_bytes()),
                    http::HeaderValue::from_str(value),
                ) {
                    response.headers_mut().append(name, value);
                }
            }
            Ok(response)
        })
    }
}

/// `YYYYMMDDTHHMMSSZ` to a time.
pub fn parse_sdk_date(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sdk_dates_parse() {
        let t = super::parse_sdk_date("20261124T080000Z").unwrap();
        assert_eq!(hwcloud_runtime::sign::sdk_date(t), "20261124T080000Z");
        assert_eq!(super::parse_sdk_date("2026-11-24"), None);
    }
}
