//! An independent check of `SDK-HMAC-SHA256` signatures, written from the
//! oracle README's rules rather than with the runtime's signer, so that the
//! two can catch each other's mistakes.

use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~');

/// Checks the `Authorization` of a request as a server would: recomputes
/// the signature from what arrived and the secret key.
pub fn verify(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
    access_key: &str,
    secret_key: &str,
) -> Result<(), String> {
    let authorization =
        crate::oracle::header(headers, "authorization").ok_or("no Authorization")?;
    let rest = authorization
        .strip_prefix("SDK-HMAC-SHA256 ")
        .ok_or_else(|| format!("unknown scheme: {authorization}"))?;
    let mut access = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(", ") {
        match part.split_once('=') {
            Some(("Access", v)) => access = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(format!("unexpected part `{part}`")),
        }
    }
    let (access, signed, signature) = match (access, signed, signature) {
        (Some(a), Some(s), Some(g)) => (a, s, g),
        _ => return Err(format!("incomplete Authorization: {authorization}")),
    };
    if access != access_key {
        return Err(format!("signed by {access}, expected {access_key}"));
    }
    let date = crate::oracle::header(headers, "x-sdk-date").ok_or("no X-Sdk-Date")?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));

    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri: String = decoded
        .split('/')
        .map(|segment| utf8_percent_encode(segment, KEEP).to_string())
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let enc = |s: &str| {
                utf8_percent_encode(&percent_decode_str(s).decode_utf8_lossy(), KEEP).to_string()
            };
            (enc(k), enc(v))
        })
        .collect();
    pairs.sort();
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();

    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let value = crate::oracle::header(headers, name)
            .ok_or_else(|| format!("signed header `{name}` is missing"))?;
        canonical_headers.push_str(&format!("{name}:{}\n", value.trim()));
    }
    let payload = match crate::oracle::header(headers, "x-sdk-content-sha256") {
        Some("UNSIGNED-PAYLOAD") => "UNSIGNED-PAYLOAD".to_owned(),
        _ => hex::encode(Sha256::digest(body)),
    };
    let canonical = format!(
        "{method}\n{uri}\n{}\n{canonical_headers}\n{signed}\n{payload}",
        query.join("&")
    );
    let to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(to_sign.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    if expected == signature {
        Ok(())
    } else {
        Err(format!(
            "signature does not verify: expected {expected}, got {signature}"
        ))
    }
}
