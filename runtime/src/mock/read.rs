//! Reading a received request the way the service would: find the
//! operation by method and path, then turn path, query, header and body
//! into the JSON "recorded call" shape that generated request types
//! deserialize from (each parameter under its wire name, the body under
//! `body`). Text is converted by the parameter's documented kind, so that a
//! query `limit=abc` is refused here, naming the parameter, before the typed
//! request is even built.

use crate::describe::{BodyInfo, Kind, Location, OperationInfo, ParamInfo, Scalar};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Number, Value};

/// How well a path matches a template: `None` when it does not, else the
/// number of literal bytes matched (more is a better match) and the
/// captured parameters, percent-decoded. A trailing `/` counts on neither
/// side; a parameter may sit inside a segment (`{id}.json`, `{a}-{b}`),
/// each capturing at least one character, up to the next literal text.
pub(crate) fn match_path<'t>(
    template: &'t str,
    path: &str,
) -> Option<(usize, Vec<(&'t str, String)>)> {
    let trim = |p: &'t str| p.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(p);
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let (mut templates, mut segments) = (trim(template).split('/'), path.split('/'));
    let (mut literal, mut captured) = (0, Vec::new());
    loop {
        match (templates.next(), segments.next()) {
            (None, None) => return Some((literal, captured)),
            (Some(t), Some(s)) => literal += match_segment(t, s, &mut captured)?,
            _ => return None,
        }
    }
}

/// Matches one segment against one template segment; the literal bytes
/// matched, or `None`.
fn match_segment<'t>(
    template: &'t str,
    segment: &str,
    captured: &mut Vec<(&'t str, String)>,
) -> Option<usize> {
    let mut rest = segment;
    let mut literal = 0;
    let mut pieces = template;
    while !pieces.is_empty() {
        let Some(open) = pieces.find('{') else {
            // Only literal text left: it must be all that is left.
            return (rest == pieces).then_some(literal + pieces.len());
        };
        let (text, after) = pieces.split_at(open);
        rest = rest.strip_prefix(text)?;
        literal += text.len();
        let close = after.find('}')?;
        let name = &after[1..close];
        pieces = &after[close + 1..];
        // The value runs to the next literal text, or to the segment's end.
        let next = pieces.find('{').map_or(pieces, |i| &pieces[..i]);
        let end = if next.is_empty() {
            rest.len()
        } else {
            rest.get(1..)?.find(next)? + 1
        };
        if end == 0 {
            return None;
        }
        let (value, tail) = rest.split_at(end);
        captured.push((
            name,
            percent_decode_str(value).decode_utf8_lossy().into_owned(),
        ));
        rest = tail;
    }
    rest.is_empty().then_some(literal)
}

/// The request as a recorded call, or why the service would refuse it.
pub(crate) fn call(
    info: &OperationInfo,
    request: &http::Request<Vec<u8>>,
    captured: &[(&str, String)],
) -> Result<Value, String> {
    let query = query_pairs(request.uri().query().unwrap_or(""));
    let mut call = Map::new();
    for param in info.params {
        let values: Vec<String> = match param.location {
            Location::Path => captured
                .iter()
                .filter(|(name, _)| *name == param.name)
                .map(|(_, value)| value.clone())
                .collect(),
            Location::Query => query
                .iter()
                .filter(|(name, _)| name == param.name)
                .map(|(_, value)| value.clone())
                .collect(),
            Location::Header => request
                .headers()
                .get_all(param.name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .collect(),
        };
        let what = || format!("{} parameter `{}`", param.location.as_str(), param.name);
        if values.is_empty() {
            if param.required && !param.auto_filled {
                return Err(format!("{} is required", what()));
            }
            continue;
        }
        if param.auto_filled {
            continue;
        }
        let values: Vec<String> = values.iter().map(|v| unwire(param, v)).collect();
        let value = param_value(param, &values).map_err(|why| format!("{}: {why}", what()))?;
        call.insert(param.name.to_owned(), value);
    }
    if let Some(body) = &info.body {
        if request.body().is_empty() {
            if body.required {
                return Err("the request body is required".to_owned());
            }
        } else if body.is_form() {
            let content_type = request
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            call.insert("body".to_owned(), form(body, content_type, request.body())?);
        } else if !body.is_json() {
            // Bytes: the typed body is a `Vec<u8>`, read from a list of them.
            let bytes = request.body().iter().map(|b| Value::from(*b)).collect();
            call.insert("body".to_owned(), Value::Array(bytes));
        } else {
            let value: Value = serde_json::from_slice(request.body())
                .map_err(|err| format!("the request body is not JSON: {err}"))?;
            call.insert("body".to_owned(), value);
        }
    }
    Ok(Value::Object(call))
}

/// `value` with the client's `x-wire-replace` substitutions undone (in
/// reverse order), as the service reads it.
fn unwire(param: &ParamInfo, value: &str) -> String {
    let undo: Vec<(&str, &str)> = param
        .wire_replace
        .iter()
        .rev()
        .map(|&(from, to)| (to, from))
        .collect();
    crate::replace_all(value, &undo).into_owned()
}

/// `a=1&b=x%20y` as decoded pairs (`+` is a space, as in forms).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let text = text.replace('+', " ");
        percent_decode_str(&text).decode_utf8_lossy().into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

fn param_value(param: &ParamInfo, values: &[String]) -> Result<Value, String> {
    match param.kind {
        Kind::List { item, repeated } => {
            let pieces: Vec<&str> = if repeated {
                values.iter().map(String::as_str).collect()
            } else {
                one(values)?.split(',').filter(|p| !p.is_empty()).collect()
            };
            pieces
                .into_iter()
                .map(|p| scalar(item, p))
                .collect::<Result<_, _>>()
                .map(Value::Array)
        }
        Kind::String => scalar(Scalar::String, one(values)?),
        Kind::Integer => scalar(Scalar::Integer, one(values)?),
        Kind::Number => scalar(Scalar::Number, one(values)?),
        Kind::Boolean => scalar(Scalar::Boolean, one(values)?),
        Kind::Json => {
            let text = one(values)?;
            serde_json::from_str(text).map_err(|err| format!("`{text}` is not JSON: {err}"))
        }
        Kind::File => Err("a parameter cannot be a file".to_owned()),
    }
}

/// A `multipart/form-data` body as the JSON object its typed body reads:
/// each part under its name, text converted by the field's kind, a file as
/// `FilePart`'s JSON view. A part the description does not know is kept,
/// as text (or a file when it has a file name), like an unknown JSON field.
fn form(body: &BodyInfo, content_type: &str, bytes: &[u8]) -> Result<Value, String> {
    let boundary = crate::multipart::boundary_of(content_type).map_err(|err| err.to_string())?;
    let parts = crate::multipart::parse(boundary, bytes).map_err(|err| err.to_string())?;
    let mut object = Map::new();
    for part in parts {
        let kind = body
            .fields
            .iter()
            .find(|f| f.name == part.name)
            .map(|f| f.kind);
        let what = || format!("form field `{}`", part.name);
        let value = match (kind, &part.file_name) {
            (Some(Kind::File), _) | (None, Some(_)) => {
                let mut file = crate::FilePart::new(part.bytes.clone());
                if let Some(name) = &part.file_name {
                    file = file.with_file_name(name.clone());
                }
                if let Some(content_type) = &part.content_type {
                    file = file.with_content_type(content_type.clone());
                }
                serde_json::to_value(file).map_err(|err| format!("{}: {err}", what()))?
            }
            (kind, _) => {
                let text = String::from_utf8(part.bytes.clone())
                    .map_err(|_| format!("{} is not UTF-8 text", what()))?;
                let scalar_kind = match kind {
                    Some(Kind::Integer) => Scalar::Integer,
                    Some(Kind::Number) => Scalar::Number,
                    Some(Kind::Boolean) => Scalar::Boolean,
                    _ => Scalar::String,
                };
                scalar(scalar_kind, &text).map_err(|why| format!("{}: {why}", what()))?
            }
        };
        object.insert(part.name, value);
    }
    Ok(Value::Object(object))
}

/// The single value of a parameter that takes one.
fn one(values: &[String]) -> Result<&str, String> {
    match values {
        [value] => Ok(value),
        _ => Err(format!("given {} times; it takes one value", values.len())),
    }
}

/// `text` read as a value of kind `kind`.
pub(crate) fn scalar(kind: Scalar, text: &str) -> Result<Value, String> {
    match kind {
        Scalar::String => Ok(Value::String(text.to_owned())),
        Scalar::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.parse::<u64>().map(Value::from))
            .map_err(|_| format!("`{text}` is not a whole number")),
        Scalar::Number => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{text}` is not a number")),
        Scalar::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not `true` or `false`")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::describe::BodyInfo;
    use serde_json::json;

    #[test]
    fn paths_match_templates_segment_by_segment() {
        let t = "/v5/{project_id}/image/registries/{id}";
        assert_eq!(
            match_path(t, "/v5/p1/image/registries/a%2Fb"),
            Some((17, vec![("project_id", "p1".into()), ("id", "a/b".into())]))
        );
        assert_eq!(
            match_path(t, "/v5/p1/image/registries/x/"),
            match_path(t, "/v5/p1/image/registries/x")
        );
        assert_eq!(match_path(t, "/v5/p1/image/registries"), None);
        assert_eq!(match_path(t, "/v5/p1/image/registries/"), None);
        assert_eq!(match_path(t, "/v5//image/registries/x"), None);
        assert_eq!(match_path("/", "/"), Some((0, vec![])));
        // A template's own trailing slash does not count either.
        assert_eq!(match_path("/v1/x/", "/v1/x"), Some((3, vec![])));
        assert_eq!(match_path("/v1/x/", "/v1/x/"), Some((3, vec![])));
    }

    #[test]
    fn parameters_inside_a_segment_capture_up_to_the_next_literal() {
        assert_eq!(
            match_path("/jobs/{id}.json", "/jobs/42.json"),
            Some((9, vec![("id", "42".into())]))
        );
        assert_eq!(
            match_path("/r/{a}-{b}", "/r/x-y-z"),
            Some((2, vec![("a", "x".into()), ("b", "y-z".into())]))
        );
        assert_eq!(match_path("/jobs/{id}.json", "/jobs/.json"), None);
        assert_eq!(match_path("/jobs/{id}.json", "/jobs/42.xml"), None);
        assert_eq!(match_path("/r/{a}-{b}", "/r/x-"), None);
    }

    const PARAMS: &[ParamInfo] = &[
        ParamInfo {
            name: "project_id",
            flag: "",
            location: Location::Path,
            kind: Kind::String,
            required: true,
            auto_filled: true,
            help: "",
            allowed: &[],
            secret: false,
            wire_replace: &[],
        },
        ParamInfo {
            name: "limit",
            flag: "limit",
            location: Location::Query,
            kind: Kind::Integer,
            required: false,
            auto_filled: false,
            help: "",
            allowed: &[],
            secret: false,
            wire_replace: &[],
        },
        ParamInfo {
            name: "type",
            flag: "type",
            location: Location::Query,
            kind: Kind::List {
                item: Scalar::String,
                repeated: false,
            },
            required: false,
            auto_filled: false,
            help: "",
            allowed: &[],
            secret: false,
            wire_replace: &[],
        },
        ParamInfo {
            name: "X-Flag",
            flag: "x-flag",
            location: Location::Header,
            kind: Kind::Boolean,
            required: true,
            auto_filled: false,
            help: "",
            allowed: &[],
            secret: false,
            wire_replace: &[],
        },
    ];

    fn info(body: Option<BodyInfo>) -> OperationInfo {
        OperationInfo {
            name: "Op",
            command: "op",
            method: "POST",
            path: "/v5/{project_id}/x",
            summary: "",
            description: "",
            params: PARAMS,
            body,
            answers: &[],
            paging: None,
            secrets: &[],
        }
    }

    fn request(uri: &str, flag: Option<&str>, body: &str) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method("POST").uri(uri);
        if let Some(flag) = flag {
            builder = builder.header("x-flag", flag);
        }
        builder.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn parameters_are_read_by_kind() {
        let body = BodyInfo {
            required: true,
            content_type: "application/json",
            fields: &[],
            required_fields: &[],
        };
        let captured = [("project_id", "p".to_owned())];
        let call = call(
            &info(Some(body)),
            &request(
                "/v5/p/x?limit=20&type=a,b&other=1",
                Some("true"),
                r#"{"k":1}"#,
            ),
            &captured,
        );
        assert_eq!(
            call,
            Ok(json!({"limit": 20, "type": ["a", "b"], "X-Flag": true, "body": {"k": 1}}))
        );
    }

    #[test]
    fn wire_substitutions_are_undone_in_reverse_order() {
        let param = ParamInfo {
            wire_replace: &[("/", "$"), (" ", "_")],
            ..PARAMS[1]
        };
        // The client wrote `group/my app` as `group$my_app`.
        assert_eq!(unwire(&param, "group$my_app"), "group/my app");
        assert_eq!(unwire(&PARAMS[1], "a$b"), "a$b");
    }

    #[test]
    fn bad_or_missing_values_are_refused_by_name() {
        let captured = [("project_id", "p".to_owned())];
        let refuse = |uri: &str, flag: Option<&str>, body: &str, required: bool| {
            let body_info = BodyInfo {
                required,
                content_type: "application/json",
                fields: &[],
                required_fields: &[],
            };
            call(&info(Some(body_info)), &request(uri, flag, body), &captured).unwrap_err()
        };
        assert_eq!(
            refuse("/v5/p/x?limit=ten", Some("true"), "{}", true),
            "query parameter `limit`: `ten` is not a whole number"
        );
        assert_eq!(
            refuse("/v5/p/x?limit=1&limit=2", Some("true"), "{}", true),
            "query parameter `limit`: given 2 times; it takes one value"
        );
        assert_eq!(
            refuse("/v5/p/x", None, "{}", true),
            "header parameter `X-Flag` is required"
        );
        assert_eq!(
            refuse("/v5/p/x", Some("yes"), "{}", true),
            "header parameter `X-Flag`: `yes` is not `true` or `false`"
        );
        assert_eq!(
            refuse("/v5/p/x", Some("true"), "", true),
            "the request body is required"
        );
        assert!(
            refuse("/v5/p/x", Some("true"), "{", true).starts_with("the request body is not JSON")
        );
    }
}
