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
//!
//! Signing runs once per attempt of every call, so [`sign`] writes the
//! canonical request into one buffer, hashes it, and keys the HMAC from a
//! state prepared once per [`AccessKey`]; [`signature`] returns the same
//! intermediate values as text, for tests and debugging.

use crate::encode::UNRESERVED;
use crate::SecretString;
use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
const DATE_HEADER: http::HeaderName = http::HeaderName::from_static("x-sdk-date");
const CONTENT_SHA256_HEADER: http::HeaderName =
    http::HeaderName::from_static("x-sdk-content-sha256");
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The SHA-256 of no bytes: the payload hash of every bodiless request.
const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// An access key and its secret key. `Debug` shows the access key only.
///
/// The secret is kept only as the HMAC state it keys (computed once here,
/// not once per request).
#[derive(Clone)]
pub struct AccessKey {
    id: String,
    mac: Hmac<Sha256>,
}

impl AccessKey {
    pub fn new(id: impl Into<String>, secret: impl Into<SecretString>) -> Self {
        let secret = secret.into();
        Self {
            id: id.into(),
            mac: Hmac::new_from_slice(secret.expose().as_bytes())
                .expect("HMAC takes a key of any length"),
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
            .field("secret", &SecretString::default())
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

/// Signs `request` in place: [`prepare`]s it, then adds `Authorization`.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    key: &AccessKey,
    now: SystemTime,
) -> Result<(), SignError> {
    prepare(request, now)?;
    let parts = Parts::of(request, key)?;
    let authorization = http::HeaderValue::try_from(parts.authorization(key))
        // Everything but the access key id is hex or fixed text.
        .map_err(|_| SignError::BadAccessKey)?;
    request
        .headers_mut()
        .insert(http::header::AUTHORIZATION, authorization);
    Ok(())
}

/// Adds what the signature covers besides the request's own parts:
/// `X-Sdk-Date` (from `now`, unless the request already has one), `Host`
/// when missing, and `X-Sdk-Content-Sha256` for non-JSON bodies.
pub fn prepare(request: &mut http::Request<Vec<u8>>, now: SystemTime) -> Result<(), SignError> {
    if !request.headers().contains_key(DATE_HEADER) {
        let date =
            http::HeaderValue::from_bytes(&sdk_date_bytes(now)).map_err(|_| SignError::BadDate)?;
        request.headers_mut().insert(DATE_HEADER, date);
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
    Ok(())
}

/// Computes the signature of `request` as it stands (it must already carry
/// `X-Sdk-Date` and `Host`, as [`prepare`] ensures), with every
/// intermediate value.
pub fn signature(
    request: &http::Request<Vec<u8>>,
    key: &AccessKey,
) -> Result<Signature, SignError> {
    let parts = Parts::of(request, key)?;
    Ok(Signature {
        string_to_sign: parts.string_to_sign(),
        signed_headers: parts.signed_headers().to_owned(),
        signature: parts.signature().to_owned(),
        authorization: parts.authorization(key),
        canonical_request: parts.canonical_request,
    })
}

/// Why a received request's signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the request has no `Authorization` header")]
    Missing,
    #[error("the `Authorization` header is not `{ALGORITHM} Access=..., SignedHeaders=..., Signature=...`")]
    Malformed,
    #[error("the request is signed with an unknown access key")]
    UnknownAccessKey,
    #[error("the signed header `{0}` is not in the request")]
    MissingSignedHeader(String),
    #[error(transparent)]
    Sign(#[from] SignError),
    #[error("the signature does not match the request")]
    Mismatch,
}

/// Checks a received request's `Authorization` header the way the service
/// does: the access key is `key`'s, and signing the request's method, path,
/// query, body and the headers the signature names gives the same
/// signature. Headers added on the way (by proxies or the HTTP stack) are
/// not in `SignedHeaders`, so they do not count.
pub fn verify(request: &http::Request<Vec<u8>>, key: &AccessKey) -> Result<(), VerifyError> {
    let header = request
        .headers()
        .get(http::header::AUTHORIZATION)
        .ok_or(VerifyError::Missing)?;
    let claimed = header
        .to_str()
        .ok()
        .and_then(Claimed::parse)
        .ok_or(VerifyError::Malformed)?;
    if claimed.access != key.id {
        return Err(VerifyError::UnknownAccessKey);
    }
    let mut signed = http::Request::new(request.body().clone());
    *signed.method_mut() = request.method().clone();
    *signed.uri_mut() = request.uri().clone();
    for name in claimed.signed_headers.split(';') {
        let name =
            http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| VerifyError::Malformed)?;
        let values = request.headers().get_all(&name);
        if values.iter().next().is_none() {
            return Err(VerifyError::MissingSignedHeader(name.as_str().to_owned()));
        }
        for value in values {
            signed.headers_mut().append(name.clone(), value.clone());
        }
    }
    let parts = Parts::of(&signed, key)?;
    if parts.signed_headers() != claimed.signed_headers || parts.signature() != claimed.signature {
        return Err(VerifyError::Mismatch);
    }
    Ok(())
}

/// The parts of an `Authorization` header.
struct Claimed<'a> {
    access: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

impl<'a> Claimed<'a> {
    fn parse(value: &'a str) -> Option<Self> {
        let rest = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
        let (mut access, mut signed_headers, mut signature) = (None, None, None);
        for pair in rest.split(',') {
            let (name, value) = pair.trim().split_once('=')?;
            let slot = match name {
                "Access" => &mut access,
                "SignedHeaders" => &mut signed_headers,
                "Signature" => &mut signature,
                _ => return None,
            };
            *slot = Some(value);
        }
        Some(Self {
            access: access?,
            signed_headers: signed_headers?,
            signature: signature?,
        })
    }
}

/// One signature, computed: the canonical request (with the signed header
/// names inside it), the date, and the hex HMAC.
struct Parts<'r> {
    canonical_request: String,
    signed_headers: Range<usize>,
    date: &'r str,
    canonical_hash: [u8; 64],
    signature: [u8; 64],
}

impl<'r> Parts<'r> {
    fn of(request: &'r http::Request<Vec<u8>>, key: &AccessKey) -> Result<Self, SignError> {
        let headers = request.headers();
        let date = headers
            .get(DATE_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(SignError::BadDate)?;
        let uri = request.uri();
        let mut out = String::with_capacity(
            uri.path().len() + uri.query().map_or(0, str::len) + 64 * (headers.len() + 2),
        );
        // METHOD \n URI \n QUERY \n HEADERS \n \n NAMES \n PAYLOAD
        for c in request.method().as_str().chars() {
            out.push(c.to_ascii_uppercase());
        }
        out.push('\n');
        write_canonical_uri(uri.path(), &mut out);
        out.push('\n');
        write_canonical_query(uri.query().unwrap_or(""), &mut out);
        out.push('\n');
        let signed_headers = write_canonical_headers(headers, &mut out);
        out.push('\n');
        write_payload_hash(headers, request.body(), &mut out);

        let mut canonical_hash = [0; 64];
        hex_into(&Sha256::digest(out.as_bytes()), &mut canonical_hash);
        let mut mac = key.mac.clone();
        for piece in string_to_sign(date, &canonical_hash) {
            mac.update(piece);
        }
        let mut signature = [0; 64];
        hex_into(&mac.finalize().into_bytes(), &mut signature);
        Ok(Self {
            canonical_request: out,
            signed_headers,
            date,
            canonical_hash,
            signature,
        })
    }

    fn signed_headers(&self) -> &str {
        &self.canonical_request[self.signed_headers.clone()]
    }

    fn signature(&self) -> &str {
        hex_str(&self.signature)
    }

    fn string_to_sign(&self) -> String {
        let pieces = string_to_sign(self.date, &self.canonical_hash);
        String::from_utf8_lossy(&pieces.concat()).into_owned()
    }

    fn authorization(&self, key: &AccessKey) -> String {
        let (names, signature) = (self.signed_headers(), self.signature());
        let mut out = String::with_capacity(64 + key.id.len() + names.len() + signature.len());
        for piece in [ALGORITHM, " Access=", &key.id, ", SignedHeaders=", names] {
            out.push_str(piece);
        }
        out.push_str(", Signature=");
        out.push_str(signature);
        out
    }
}

/// The string to sign, in pieces (the HMAC takes them without joining):
/// algorithm, date and the canonical request's hex SHA-256, one per line.
fn string_to_sign<'a>(date: &'a str, canonical_hash: &'a [u8; 64]) -> [&'a [u8]; 5] {
    [
        ALGORITHM.as_bytes(),
        b"\n",
        date.as_bytes(),
        b"\n",
        canonical_hash,
    ]
}

/// `bytes` as lower-case hex into `out` (twice as long as `bytes`).
fn hex_into(bytes: &[u8], out: &mut [u8; 64]) {
    hex::encode_to_slice(bytes, out).expect("a SHA-256 digest is 32 bytes");
}

fn hex_str(hex: &[u8; 64]) -> &str {
    std::str::from_utf8(hex).expect("hex digits are ASCII")
}

/// Whether `byte` is one of `A-Za-z0-9_.-~`, which encoding leaves alone.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-' | b'~')
}

/// Writes `text` with everything but `A-Za-z0-9_.-~` percent-encoded.
fn write_encoded(text: &str, out: &mut String) {
    out.extend(utf8_percent_encode(text, UNRESERVED));
}

fn decode(text: &str) -> Cow<'_, str> {
    // Most text holds no escape: then decoding is the identity.
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    percent_decode_str(text).decode_utf8_lossy()
}

/// The path decoded, split, each segment re-encoded, with a trailing `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::new();
    write_canonical_uri(path, &mut out);
    out
}

fn write_canonical_uri(path: &str, out: &mut String) {
    let start = out.len();
    // A path of unreserved characters and `/` is its own canonical form,
    // as the paths this crate encodes usually are.
    if path.bytes().all(|b| b == b'/' || is_unreserved(b)) {
        out.push_str(path);
    } else {
        write_reencoded_path(path, out);
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

fn write_reencoded_path(path: &str, out: &mut String) {
    for (i, segment) in decode(path).split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        write_encoded(segment, out);
    }
}

/// The query's pairs, decoded, sorted by (key, value), re-encoded.
pub fn canonical_query(query: &str) -> String {
    let mut out = String::new();
    write_canonical_query(query, &mut out);
    out
}

fn write_canonical_query(query: &str, out: &mut String) {
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        write_encoded(key, out);
        out.push('=');
        write_encoded(value, out);
    }
}

/// Writes `name:value\n` for every signed header, sorted, and then the
/// names joined with `;`; returns where the names sit in `out`.
fn write_canonical_headers(headers: &http::HeaderMap, out: &mut String) -> Range<usize> {
    let mut signed: Vec<(&str, Cow<'_, str>)> = headers
        .iter()
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| {
            let value = match value.to_str() {
                Ok(text) => Cow::Borrowed(text.trim()),
                // Non-ASCII values are signed as the text they encode.
                Err(_) => Cow::Owned(String::from_utf8_lossy(value.as_bytes()).trim().to_owned()),
            };
            (name.as_str(), value)
        })
        .collect();
    signed.sort_unstable();
    for (name, value) in &signed {
        for piece in [*name, ":", value, "\n"] {
            out.push_str(piece);
        }
    }
    out.push('\n');
    let start = out.len();
    let mut previous = None;
    for (name, _) in &signed {
        if previous != Some(*name) {
            if previous.is_some() {
                out.push(';');
            }
            out.push_str(name);
            previous = Some(*name);
        }
    }
    start..out.len()
}

/// JSON (and BSON) bodies are signed; others are announced as unsigned.
/// A request without a content type counts as signed.
fn is_signed_payload(headers: &http::HeaderMap) -> bool {
    let Some(value) = headers.get(http::header::CONTENT_TYPE) else {
        return true;
    };
    // A value that is not visible ASCII names no JSON type.
    let value = value.to_str().unwrap_or("").as_bytes();
    [&b"application/json"[..], b"application/bson"]
        .iter()
        .any(|prefix| {
            value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix)
        })
}

fn write_payload_hash(headers: &http::HeaderMap, body: &[u8], out: &mut String) {
    // The SDK checks for an empty body before it looks at the content type.
    if body.is_empty() {
        out.push_str(EMPTY_PAYLOAD_SHA256);
    } else if is_signed_payload(headers) {
        let mut hash = [0; 64];
        hex_into(&Sha256::digest(body), &mut hash);
        out.push_str(hex_str(&hash));
    } else {
        out.push_str(UNSIGNED_PAYLOAD);
    }
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
pub fn sdk_date(now: SystemTime) -> String {
    String::from_utf8_lossy(&sdk_date_bytes(now)).into_owned()
}

/// [`sdk_date`] as bytes, written without the formatting machinery: it is
/// computed for every request.
fn sdk_date_bytes(now: SystemTime) -> [u8; 16] {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    let mut out = *b"00000000T000000Z";
    let mut put = |at: usize, width: usize, mut value: u64| {
        for slot in out[at..at + width].iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    // Years past 9999 wrap: the format has four digits.
    put(0, 4, year.rem_euclid(10_000) as u64);
    put(4, 2, u64::from(month));
    put(6, 2, u64::from(day));
    put(9, 2, rest / 3600);
    put(11, 2, rest % 3600 / 60);
    put(13, 2, rest % 60);
    out
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
    fn the_empty_payload_hash_is_the_hash_of_nothing() {
        assert_eq!(EMPTY_PAYLOAD_SHA256, hex::encode(Sha256::digest(b"")));
    }

    #[test]
    fn sign_writes_the_authorization_that_signature_computes() {
        let mut request = http::Request::builder()
            .method("PUT")
            .uri("https://h.example/v2/a%2Fb/c?b=2&a=1&a=0")
            .header("Content-Type", "application/json")
            .header("X-Custom", "  padded  ")
            .body(br#"{"k":"v"}"#.to_vec())
            .unwrap();
        let key = AccessKey::new("AK", "sk");
        let mut prepared = request.clone();
        prepare(&mut prepared, UNIX_EPOCH).unwrap();
        let expected = signature(&prepared, &key).unwrap();
        sign(&mut request, &key, UNIX_EPOCH).unwrap();
        assert_eq!(
            request.headers()["authorization"],
            expected.authorization.as_str()
        );
        assert_eq!(
            expected.canonical_request,
            "PUT\n/v2/a/b/c/\na=0&a=1&b=2\n\
             content-type:application/json\nhost:h.example\nx-custom:padded\n\
             x-sdk-date:19700101T000000Z\n\n\
             content-type;host;x-custom;x-sdk-date\n\
             666c1aa02e8068c6d5cc1d3295009432c16790bec28ec8ce119d0d1a18d61319"
        );
        assert_eq!(
            expected.string_to_sign,
            format!(
                "{ALGORITHM}\n19700101T000000Z\n{}",
                hex::encode(Sha256::digest(expected.canonical_request.as_bytes()))
            )
        );
    }

    #[test]
    fn verify_accepts_what_sign_writes_and_refuses_any_change() {
        let key = AccessKey::new("AK", "sk");
        let mut request = http::Request::builder()
            .method("PUT")
            .uri("https://h.example/v2/x?a=1")
            .header("Content-Type", "application/json")
            .body(br#"{"k":"v"}"#.to_vec())
            .unwrap();
        sign(&mut request, &key, UNIX_EPOCH).unwrap();
        assert_eq!(verify(&request, &key), Ok(()));

        // A header added after signing is not covered, so it does not count.
        let mut added = request.clone();
        added.headers_mut().insert("accept", "*/*".parse().unwrap());
        assert_eq!(verify(&added, &key), Ok(()));

        let mut body = request.clone();
        *body.body_mut() = br#"{"k":"w"}"#.to_vec();
        assert_eq!(verify(&body, &key), Err(VerifyError::Mismatch));
        let mut query = request.clone();
        *query.uri_mut() = "https://h.example/v2/x?a=2".parse().unwrap();
        assert_eq!(verify(&query, &key), Err(VerifyError::Mismatch));
        let mut dropped = request.clone();
        dropped.headers_mut().remove("content-type");
        assert_eq!(
            verify(&dropped, &key),
            Err(VerifyError::MissingSignedHeader("content-type".into()))
        );
        assert_eq!(
            verify(&request, &AccessKey::new("AK", "other")),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verify(&request, &AccessKey::new("AK2", "sk")),
            Err(VerifyError::UnknownAccessKey)
        );
        let mut garbled = request.clone();
        garbled
            .headers_mut()
            .insert("authorization", "Basic abc".parse().unwrap());
        assert_eq!(verify(&garbled, &key), Err(VerifyError::Malformed));
        let mut unsigned = request;
        unsigned.headers_mut().remove("authorization");
        assert_eq!(verify(&unsigned, &key), Err(VerifyError::Missing));
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
