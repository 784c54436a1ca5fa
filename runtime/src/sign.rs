//! `SDK-HMAC-SHA256` request signing, computed exactly as the vendor's SDK
//! computes it (`huaweicloudsdkcore.signer.Signer`), so that the service,
//! which verifies the same way, accepts the signature.
//!
//! The rules that are easy to get wrong, each pinned by a vector in
//! `tests/data/oracle-signer-vectors.json`:
//! - canonical URI: the path percent-decoded, split on `/`, each segment
//!   re-encoded keeping only `A-Za-z0-9_.-~`, then a trailing `/` (so a
//!   `%2F` inside a segment is signed as `/` while the wire keeps `%2F`);
//! - canonical query: pairs sorted by (key, value), both encoded the same way;
//! - signed headers: every header present, lower-cased and sorted, except
//!   names containing `_`; values trimmed; `Host` added from the URI;
//! - payload: the SHA-256 of the body, or `UNSIGNED-PAYLOAD` (announced in a
//!   signed `X-Sdk-Content-Sha256` header) for a non-JSON content type.

use crate::SecretString;
use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
const DATE_HEADER: &str = "x-sdk-date";
const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// An access key and its secret key. `Debug` shows the access key only.
#[derive(Clone)]
pub struct AccessKey {
    id: String,
    secret: SecretString,
}

impl AccessKey {
    pub fn new(id: impl Into<String>, secret: impl Into<SecretString>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKey")
            .field("id", &self.id)
            .field("secret", &self.secret)
            .finish()
    }
}

/// Every intermediate value of one signature, for tests and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signed_headers: String,
    pub signature: String,
    /// The `Authorization` header's value.
    pub authorization: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the request URI has no host to sign")]
    NoHost,
    #[error("the `X-Sdk-Date` header is not valid text")]
    BadDate,
    #[error("the access key id holds characters not allowed in an HTTP header")]
    BadAccessKey,
}

/// Signs `request` in place: adds `X-Sdk-Date` (from `now`, unless the
/// request already has one), `Host` when missing, `X-Sdk-Content-Sha256` for
/// non-JSON bodies, and `Authorization`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    key: &AccessKey,
    now: SystemTime,
) -> Result<Signature, SignError> {
    let headers = request.headers_mut();
    if !headers.contains_key(DATE_HEADER) {
        let date = sdk_date(now);
        headers.insert(
            DATE_HEADER,
            http::HeaderValue::from_str(&date).map_err(|_| SignError::BadDate)?,
        );
    }
    if !request.headers().contains_key(http::header::HOST) {
        let host = request.uri().authority().ok_or(SignError::NoHost)?.as_str();
        let host = http::HeaderValue::from_str(host).map_err(|_| SignError::NoHost)?;
        request.headers_mut().insert(http::header::HOST, host);
    }
    if !is_signed_payload(request.headers()) {
        request.headers_mut().insert(
            CONTENT_SHA256_HEADER,
            http::HeaderValue::from_static(UNSIGNED_PAYLOAD),
        );
    }
    let signature = signature(request, key)?;
    // Everything but the access key id is hex or fixed text.
    let authorization = http::HeaderValue::from_str(&signature.authorization)
        .map_err(|_| SignError::BadAccessKey)?;
    request
        .headers_mut()
        .insert(http::header::AUTHORIZATION, authorization);
    Ok(signature)
}

/// Computes the signature of `request` as it stands (it must already carry
/// `X-Sdk-Date` and `Host`, as [`sign`] ensures).
pub fn signature(
    request: &http::Request<Vec<u8>>,
    key: &AccessKey,
) -> Result<Signature, SignError> {
    let headers = request.headers();
    let date = headers
        .get(DATE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or(SignError::BadDate)?;

    let mut signed: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| {
            // Non-ASCII values are signed as the text they encode.
            let text = String::from_utf8_lossy(value.as_bytes());
            (name.as_str().to_owned(), text.trim().to_owned())
        })
        .collect();
    signed.sort();
    let canonical_headers: String = signed
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();
    let mut names: Vec<&str> = signed.iter().map(|(name, _)| name.as_str()).collect();
    names.dedup();
    let signed_headers = names.join(";");

    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method().as_str().to_ascii_uppercase(),
        canonical_uri(request.uri().path()),
        canonical_query(request.uri().query().unwrap_or("")),
        canonical_headers,
        signed_headers,
        payload_hash(headers, request.body()),
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(key.secret.expose().as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    let authorization = format!(
        "{ALGORITHM} Access={}, SignedHeaders={signed_headers}, Signature={signature}",
        key.id
    );
    Ok(Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, crate::encode::UNRESERVED).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The path decoded, split, each segment re-encoded, with a trailing `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = decode(path);
    let mut uri: String = decoded.split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The query's pairs, decoded, sorted by (key, value), re-encoded.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// JSON (and BSON) bodies are signed; others are announced as unsigned.
/// A request without a content type counts as signed.
fn is_signed_payload(headers: &http::HeaderMap) -> bool {
    match headers.get(http::header::CONTENT_TYPE) {
        None => true,
        Some(value) => {
            let value = value.to_str().unwrap_or("").to_ascii_lowercase();
            value.starts_with("application/json") || value.starts_with("application/bson")
        }
    }
}

fn payload_hash(headers: &http::HeaderMap, body: &[u8]) -> String {
    // The SDK checks for an empty body before it looks at the content type.
    if body.is_empty() || is_signed_payload(headers) {
        hex::encode(Sha256::digest(body))
    } else {
        UNSIGNED_PAYLOAD.to_owned()
    }
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
pub fn sdk_date(now: SystemTime) -> String {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sdk_dates() {
        let at = |s: u64| sdk_date(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(1_795_507_200), "20261124T080000Z");
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(4_102_444_799), "20991231T235959Z");
    }

    #[test]
    fn the_secret_key_is_not_printed() {
        let key = AccessKey::new("AK", "very-secret");
        assert_eq!(
            format!("{key:?}"),
            "AccessKey { id: \"AK\", secret: \"***\" }"
        );
    }

    #[test]
    fn a_bad_access_key_is_an_error() {
        let mut request = http::Request::builder()
            .uri("https://h/x")
            .body(Vec::new())
            .unwrap();
        let key = AccessKey::new("AK\n", "sk");
        assert_eq!(
            sign(&mut request, &key, UNIX_EPOCH),
            Err(SignError::BadAccessKey)
        );
    }

    #[test]
    fn canonical_uri_rules() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(
            canonical_uri("/v2/manage/namespaces/"),
            "/v2/manage/namespaces/"
        );
        assert_eq!(canonical_uri("/a/b%2Fc/%7Eu"), "/a/b/c/~u/");
    }
}
