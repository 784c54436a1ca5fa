//! What the command line prints: an answer as JSON or as a table, and a
//! dry run's signed request with every secret replaced.

use crate::describe::OperationInfo;
use serde_json::Value;
use std::fmt::Write as _;

// Headers whose whole value is a secret: the hooks' list.
use crate::hook::is_secret_header;

/// What replaces a secret.
const REDACTED: &str = "<redacted>";

/// An answer's body, as `--output` asks: pretty JSON, or a table. A body
/// that is not JSON is printed as it came; an empty one prints nothing.
pub(crate) fn answer(body: &[u8], table: bool) -> String {
    if body.is_empty() {
        return String::new();
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value) if table => to_table(&value),
        Ok(value) => pretty(&value) + "\n",
        Err(_) => String::from_utf8_lossy(body).into_owned() + "\n",
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// A JSON value as text tables: an object's scalar fields as `name  value`
/// rows, then each list of objects in it as a table of its own (columns:
/// every scalar field any item has, in order of first appearance).
pub(crate) fn to_table(value: &Value) -> String {
    match value {
        Value::Array(items) => rows(items),
        Value::Object(object) => {
            let pairs: Vec<Vec<String>> = object
                .iter()
                .filter(|(_, v)| !is_list_of_objects(v))
                .map(|(k, v)| vec![k.clone(), cell(v)])
                .collect();
            let mut out = grid(&[], &pairs);
            for (name, list) in object.iter().filter(|(_, v)| is_list_of_objects(v)) {
                let Value::Array(items) = list else { continue };
                let _ = write!(out, "\n{name}:\n{}", rows(items));
            }
            out
        }
        other => cell(other) + "\n",
    }
}

fn is_list_of_objects(value: &Value) -> bool {
    matches!(value, Value::Array(items) if items.iter().any(Value::is_object))
}

fn rows(items: &[Value]) -> String {
    let mut columns: Vec<&str> = Vec::new();
    for item in items {
        if let Value::Object(object) = item {
            for key in object.keys() {
                if !columns.contains(&key.as_str()) {
                    columns.push(key);
                }
            }
        }
    }
    if columns.is_empty() {
        let cells: Vec<Vec<String>> = items.iter().map(|v| vec![cell(v)]).collect();
        return grid(&[], &cells);
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            columns
                .iter()
                .map(|c| item.get(c).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    grid(&columns, &cells)
}

/// A scalar as text; anything nested as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Left-aligned columns two spaces apart, under an optional header row.
fn grid(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_uppercase()).collect();
    let all: Vec<&Vec<String>> = std::iter::once(&header)
        .filter(|h| !h.is_empty())
        .chain(rows)
        .collect();
    let columns = all.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            all.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in all {
        let mut line = String::new();
        for (i, c) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(c);
            } else {
                let pad = widths[i] - c.chars().count();
                line.push_str(c);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A signed request as text: method and URL, headers, a blank line and
/// the body. Replaced: the access key and signature, the secret headers and
/// query values (as hooks see them, [`crate::hook`]), and the body's
/// secrets (`info.secrets`).
pub(crate) fn dry_run(request: &http::Request<Vec<u8>>, info: &OperationInfo) -> String {
    let mut out = format!(
        "{} {}\n",
        request.method(),
        crate::encode::UriSecrets::mask(request, REDACTED)
    );
    for (name, value) in request.headers() {
        let text = String::from_utf8_lossy(value.as_bytes());
        let shown = if name == http::header::AUTHORIZATION {
            redact_authorization(&text)
        } else if is_secret_header(name, value) {
            REDACTED.to_owned()
        } else {
            text.into_owned()
        };
        let _ = writeln!(out, "{name}: {shown}");
    }
    if !request.body().is_empty() {
        out.push('\n');
        match serde_json::from_slice::<Value>(request.body()) {
            Ok(mut body) => {
                for path in info.secrets {
                    let steps: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
                    redact_at(&mut body, &steps);
                }
                out.push_str(&pretty(&body));
            }
            // Not JSON: it cannot be searched for secrets, so it is not shown.
            Err(_) => {
                let _ = write!(out, "({} bytes, not JSON: not shown)", request.body().len());
            }
        }
        out.push('\n');
    }
    out
}

/// `Access=` and `Signature=` replaced; the algorithm and the signed
/// header names kept.
fn redact_authorization(value: &str) -> String {
    value
        .split(", ")
        .map(|part| {
            let (head, pair) = match part.split_once(' ') {
                Some((algorithm, pair)) if !part.starts_with("SignedHeaders") => {
                    (format!("{algorithm} "), pair)
                }
                _ => (String::new(), part),
            };
            match pair.split_once('=') {
                Some(("SignedHeaders", _)) | None => format!("{head}{pair}"),
                Some((key, _)) => format!("{head}{key}={REDACTED}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Replaces what `steps` lead to: a field name steps into an object, `[]`
/// into every item of a list, `{}` into every value of a map; no steps
/// left, the value itself.
fn redact_at(value: &mut Value, steps: &[&str]) {
    let Some((step, rest)) = steps.split_first() else {
        if !value.is_null() {
            *value = Value::String(REDACTED.to_owned());
        }
        return;
    };
    match (*step, value) {
        ("[]", Value::Array(items)) => items.iter_mut().for_each(|item| redact_at(item, rest)),
        ("{}", Value::Object(map)) => map.values_mut().for_each(|v| redact_at(v, rest)),
        (name, Value::Object(map)) => {
            if let Some(inner) = map.get_mut(name) {
                redact_at(inner, rest);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_show_scalars_then_lists_of_objects() {
        let value = json!({"total_num": 2, "data_list": [
            {"registry_id": "r1", "registry_name": "a"},
            {"registry_id": "r2", "status": "fail"}
        ]});
        assert_eq!(
            to_table(&value),
            "total_num  2\n\ndata_list:\n\
             REGISTRY_ID  REGISTRY_NAME  STATUS\n\
             r1           a\n\
             r2                          fail\n"
        );
        assert_eq!(answer(b"", true), "");
        assert_eq!(answer(b"{\"a\":1}", false), "{\n  \"a\": 1\n}\n");
    }

    const PARAMS: &[crate::describe::ParamInfo] = &[crate::describe::ParamInfo {
        name: "api_key",
        flag: "api-key",
        location: crate::describe::Location::Query,
        kind: crate::describe::Kind::String,
        required: false,
        auto_filled: false,
        help: "",
        allowed: &[],
        secret: true,
        wire_replace: &[],
    }];

    fn info(secrets: &'static [&'static str]) -> OperationInfo {
        OperationInfo {
            name: "Op",
            command: "op",
            method: "POST",
            path: "/v5/p/x",
            summary: "",
            description: "",
            params: PARAMS,
            body: None,
            answers: &[],
            paging: None,
            secrets,
        }
    }

    #[test]
    fn dry_runs_hide_every_secret() {
        let mut request = http::Request::builder()
            .method("POST")
            .uri("https://h.example/v5/p/x/tok-55b2?api_key=qk-77a1&page=2")
            .header(
                "authorization",
                "SDK-HMAC-SHA256 Access=AKID, SignedHeaders=host;x-sdk-date, Signature=abc123",
            )
            .header("x-security-token", "sts-9f3e")
            .header("x-sdk-date", "20261125T000000Z")
            .body(br#"{"name":"n","password":"pw","creds":[{"secret":"s"}],"labels":{"a":"m1","b":"m2"}}"#.to_vec())
            .unwrap();
        let mut hidden = http::HeaderValue::from_static("hidden");
        hidden.set_sensitive(true);
        request.headers_mut().insert("x-other", hidden);
        // As the encoder marks a secret query parameter and path segment.
        request.extensions_mut().insert(crate::encode::UriSecrets {
            query_keys: vec!["api_key".to_owned()],
            path_segments: vec!["tok-55b2".to_owned()],
        });
        let text = dry_run(
            &request,
            &info(&["password", "creds.[].secret", "labels.{}"]),
        );
        for secret in [
            "AKID", "abc123", "sts-9f3e", "hidden", "\"pw\"", "\"s\"", "qk-77a1", "m1", "m2",
            "tok-55b2",
        ] {
            assert!(!text.contains(secret), "{secret} shown in:\n{text}");
        }
        assert!(
            text.starts_with(
                "POST https://h.example/v5/p/x/<redacted>?api_key=<redacted>&page=2\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("authorization: SDK-HMAC-SHA256 Access=<redacted>, SignedHeaders=host;x-sdk-date, Signature=<redacted>"),
            "{text}"
        );
        assert!(text.contains("\"name\": \"n\""), "{text}");
    }

    #[test]
    fn secrets_inside_list_bodies_and_whole_secret_bodies_are_hidden() {
        let list = http::Request::builder()
            .uri("https://h/x")
            .body(br#"[{"password":"p1"},{"password":"p2","user":"u"}]"#.to_vec())
            .unwrap();
        let text = dry_run(&list, &info(&["[].password"]));
        assert!(!text.contains("p1") && !text.contains("p2"), "{text}");
        assert!(text.contains("\"user\": \"u\""), "{text}");
        let whole = http::Request::builder()
            .uri("https://h/x")
            .body(br#""the-whole-secret""#.to_vec())
            .unwrap();
        let text = dry_run(&whole, &info(&[""]));
        assert!(!text.contains("the-whole-secret"), "{text}");
    }
}
