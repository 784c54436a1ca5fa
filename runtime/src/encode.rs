//! Sans-IO request encoding: typed values to an `http::Request`, with the
//! wire rules the vendor's SDK follows (percent-encoding, query order).
//!
//! Generated `to_http_request` methods fill a [`RequestBuilder`]; sending,
//! signing and retrying happen elsewhere, so everything here is pure.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use std::borrow::Cow;

/// Everything outside `A-Za-z0-9_.-~` is percent-encoded, in path segments
/// and in query keys and values alike (RFC 3986's unreserved set), which is
/// what the vendor's SDK sends and signs.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~');

/// What a request needs besides its own fields: where to send it, and the
/// values the client fills in for parameters marked `x-sdk-auto-filled`.
#[derive(Debug, Clone, Copy)]
pub struct EncodeContext<'a> {
    base_url: &'a str,
    project_id: Option<&'a str>,
    domain_id: Option<&'a str>,
}

impl<'a> EncodeContext<'a> {
    /// `base_url` is the endpoint, e.g. `https://hss.cn-north-4.myhuaweicloud.com`;
    /// a path prefix is kept.
    pub fn new(base_url: &'a str) -> Self {
        Self {
            base_url,
            project_id: None,
            domain_id: None,
        }
    }

    /// The project the credentials belong to.
    pub fn with_project_id(mut self, project_id: &'a str) -> Self {
        self.project_id = Some(project_id);
        self
    }

    /// The account (domain) the credentials belong to.
    pub fn with_domain_id(mut self, domain_id: &'a str) -> Self {
        self.domain_id = Some(domain_id);
        self
    }

    /// The id of the project or domain calls of `scope` act in.
    pub fn with_scope_id(self, scope: crate::Scope, id: &'a str) -> Self {
        match scope {
            crate::Scope::Project => self.with_project_id(id),
            crate::Scope::Domain => self.with_domain_id(id),
        }
    }

    pub fn base_url(&self) -> &'a str {
        self.base_url
    }

    /// The value for an auto-filled parameter, by its wire name. Which
    /// names the client can fill is a rule of this vendor's platform, so it
    /// lives here and not in the generator.
    pub fn auto_filled(&self, param: &str) -> Option<&'a str> {
        match param {
            "project_id" => self.project_id,
            "domain_id" => self.domain_id,
            _ => None,
        }
    }
}

/// Why a valid request could still not be encoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EncodeError {
    /// The path needs a value the client fills in, and the context has none.
    #[error(
        "path parameter `{param}` is filled in by the client, but no value was configured for it"
    )]
    MissingAutoFilled { param: &'static str },
    /// A header value holds characters HTTP does not allow (the value is not
    /// repeated here: it may be a secret).
    #[error("header `{name}` has a value that is not allowed in an HTTP header")]
    InvalidHeader { name: &'static str },
    #[error("the request body could not be serialized: {reason}")]
    Body { reason: String },
    #[error("the base URL `{base_url}` and path do not form a valid URI: {reason}")]
    InvalidUri { base_url: String, reason: String },
}

/// Percent-encodes one path parameter.
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Applies `x-wire-replace` substitutions, in order, before encoding.
pub fn replace_all<'v>(value: &'v str, rules: &[(&str, &str)]) -> Cow<'v, str> {
    let mut out = Cow::Borrowed(value);
    for (from, to) in rules {
        if out.contains(from) {
            out = Cow::Owned(out.replace(from, to));
        }
    }
    out
}

/// Collects the parts of one request, then checks and assembles them.
///
/// Values are borrowed from the request they describe where they already
/// are text, so encoding copies each byte once, into the URI.
pub struct RequestBuilder<'a> {
    method: http::Method,
    path: String,
    query: Vec<Pair<'a, &'a str>>,
    headers: Vec<Pair<'a, &'static str>>,
    /// The encoded path segments that are secrets (`format: password`
    /// parameters): marked on the request built, as secret query pairs and
    /// headers are, so that hooks, dry runs and logs show `***`.
    secret_path: Vec<String>,
    body: Option<(ContentType<'a>, Vec<u8>)>,
}

/// A query pair or a header: a name, its value, and whether the value is
/// a secret.
struct Pair<'a, N> {
    name: N,
    value: Cow<'a, str>,
    secret: bool,
}

impl<'a, N> Pair<'a, N> {
    fn new(name: N, value: impl Into<Cow<'a, str>>, secret: bool) -> Self {
        Pair {
            name,
            value: value.into(),
            secret,
        }
    }
}

impl std::fmt::Debug for RequestBuilder<'_> {
    /// Names, never values: some are secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("path", &mask_path(&self.path, &self.secret_path, "***"))
            .field(
                "query",
                &self.query.iter().map(|p| p.name).collect::<Vec<_>>(),
            )
            .field(
                "headers",
                &self.headers.iter().map(|p| p.name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// What of a request's URI is secret, as the request's extension: the query
/// keys whose values are secrets (percent-encoded as in the URI) and the
/// encoded path segments that are (see [`RequestBuilder::secret_query`] and
/// [`RequestBuilder::secret_path_segment`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct UriSecrets {
    pub query_keys: Vec<String>,
    pub path_segments: Vec<String>,
}

impl std::fmt::Debug for UriSecrets {
    /// The keys, and how many path segments: those are the secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UriSecrets")
            .field("query_keys", &self.query_keys)
            .field("path_segments", &self.path_segments.len())
            .finish()
    }
}

impl UriSecrets {
    /// `request`'s URI as text with each secret path segment and the value
    /// of each secret query key shown as `shown`.
    pub(crate) fn mask(request: &http::Request<Vec<u8>>, shown: &str) -> String {
        let uri = request.uri().to_string();
        let Some(secrets) = request.extensions().get::<UriSecrets>() else {
            return uri;
        };
        let (head, query) = match uri.split_once('?') {
            Some((head, query)) => (head, Some(query)),
            None => (uri.as_str(), None),
        };
        let head = mask_path(head, &secrets.path_segments, shown);
        let Some(query) = query else {
            return head.into_owned();
        };
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if secrets.query_keys.iter().any(|s| s == key) => {
                    format!("{key}={shown}")
                }
                _ => pair.to_owned(),
            })
            .collect();
        format!("{head}?{}", pairs.join("&"))
    }

    /// `request`'s path with each secret segment shown as `shown`: what a
    /// log may record.
    pub(crate) fn masked_path<'r>(
        request: &'r http::Request<Vec<u8>>,
        shown: &str,
    ) -> Cow<'r, str> {
        let path = request.uri().path();
        match request.extensions().get::<UriSecrets>() {
            Some(secrets) => {
                Cow::Owned(mask_path(path, &secrets.path_segments, shown).into_owned())
            }
            None => Cow::Borrowed(path),
        }
    }
}

/// `path` with every occurrence of each secret (encoded) segment replaced by
/// `shown`. A template may put literal text beside a parameter in one
/// segment (`/files/{name}.json`), so occurrences are masked wherever they
/// are: a short secret may mask more than itself, never less.
fn mask_path<'p>(path: &'p str, secrets: &[String], shown: &str) -> Cow<'p, str> {
    // Longest first: masking a secret that is part of another first would
    // leave the rest of the longer one shown.
    let mut secrets: Vec<&str> = secrets
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    secrets.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    secrets.dedup();
    let mut out = Cow::Borrowed(path);
    for secret in secrets {
        if out.contains(secret) {
            out = Cow::Owned(out.replace(secret, shown));
        }
    }
    out
}

impl<'a> RequestBuilder<'a> {
    /// `path` is already encoded (see [`path_segment`]).
    pub fn new(method: http::Method, path: String) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            secret_path: Vec::new(),
            body: None,
        }
    }

    /// Adds a query pair; an array parameter sent repeated calls this once per item.
    pub fn query(&mut self, key: &'a str, value: impl Into<Cow<'a, str>>) {
        self.query.push(Pair::new(key, value, false));
    }

    pub fn header(&mut self, name: &'static str, value: impl Into<Cow<'a, str>>) {
        self.headers.push(Pair::new(name, value, false));
    }

    /// [`query`](Self::query) for a secret value: shown as `***` to hooks.
    pub fn secret_query(&mut self, key: &'a str, value: impl Into<Cow<'a, str>>) {
        self.query.push(Pair::new(key, value, true));
    }

    /// Marks `segment`, a secret path parameter already in the path as
    /// [`path_segment`] encoded it, so that hooks, dry runs and logs show
    /// `***` in its place.
    pub fn secret_path_segment(&mut self, segment: &str) {
        // The raw value of a segment that needed encoding would mask
        // nothing: generated code passes what `path_segment` returned.
        debug_assert!(
            self.path.contains(segment),
            "a secret path segment must be marked as it was encoded into the path"
        );
        self.secret_path.push(segment.to_owned());
    }

    /// [`header`](Self::header) for a secret value: marked sensitive, so
    /// hooks and dry runs show `***`.
    pub fn secret_header(&mut self, name: &'static str, value: impl Into<Cow<'a, str>>) {
        self.headers.push(Pair::new(name, value, true));
    }

    /// Serializes `body` as JSON, sent with `content_type` unless a
    /// `Content-Type` header parameter says otherwise.
    pub fn json_body<T: Serialize + ?Sized>(
        &mut self,
        content_type: &'a str,
        body: &T,
    ) -> Result<(), EncodeError> {
        // Most bodies fit; the rest grow once or twice instead of from zero.
        let mut bytes = Vec::with_capacity(256);
        serde_json::to_writer(&mut bytes, body).map_err(|err| EncodeError::Body {
            reason: err.to_string(),
        })?;
        self.body = Some((ContentType::Spec(content_type), bytes));
        Ok(())
    }

    /// Sends `bytes` as they are (`format: binary` bodies).
    pub fn raw_body(&mut self, content_type: &'a str, bytes: Vec<u8>) {
        self.body = Some((ContentType::Spec(content_type), bytes));
    }

    /// Sends `body` as `multipart/form-data`, with a boundary chosen for it
    /// (see [`crate::multipart`]).
    pub fn form_body<T: crate::multipart::ToForm + ?Sized>(&mut self, body: &T) {
        let (content_type, bytes) = crate::multipart::Form::of(body).encode();
        self.body = Some((ContentType::Form(content_type), bytes));
    }

    /// The target URI: the base URL, the path, and the query as sent, its
    /// pairs sorted by key, then value, each percent-encoded.
    fn target(&mut self, base_url: &str) -> String {
        let base_url = base_url.trim_end_matches('/');
        let query_len: usize = self
            .query
            .iter()
            .map(|p| p.name.len() + p.value.len() + 2)
            .sum();
        let mut target =
            String::with_capacity(base_url.len() + self.path.len() + query_len * 3 / 2);
        target.push_str(base_url);
        target.push_str(&self.path);
        self.query
            .sort_unstable_by(|a, b| (a.name, &a.value).cmp(&(b.name, &b.value)));
        for (i, pair) in self.query.iter().enumerate() {
            target.push(if i == 0 { '?' } else { '&' });
            target.extend(utf8_percent_encode(pair.name, UNRESERVED));
            target.push('=');
            target.extend(utf8_percent_encode(&pair.value, UNRESERVED));
        }
        target
    }

    pub fn build(mut self, ctx: &EncodeContext<'_>) -> Result<http::Request<Vec<u8>>, EncodeError> {
        let uri = http::Uri::try_from(self.target(ctx.base_url)).map_err(|err| {
            EncodeError::InvalidUri {
                base_url: ctx.base_url.to_owned(),
                reason: err.to_string(),
            }
        })?;
        if uri.scheme().is_none() || uri.authority().is_none() {
            return Err(EncodeError::InvalidUri {
                base_url: ctx.base_url.to_owned(),
                reason: "it needs a scheme and a host, e.g. `https://example.com`".to_owned(),
            });
        }

        let mut request = http::Request::new(Vec::new());
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        // Room for what sending adds (date, host, authorization, user agent,
        // project id, content type), so that signing does not regrow the map.
        *request.headers_mut() = http::HeaderMap::with_capacity(self.headers.len() + 8);
        let headers = request.headers_mut();
        for Pair {
            name,
            value,
            secret,
        } in self.headers
        {
            let header_name = header_name(name)?;
            let mut header_value = http::HeaderValue::from_str(&value)
                .map_err(|_| EncodeError::InvalidHeader { name })?;
            header_value.set_sensitive(secret);
            headers.append(header_name, header_value);
        }
        if let Some((content_type, bytes)) = self.body {
            // A form's content type names its boundary, which no header
            // parameter can know: it always wins.
            let (content_type, wins) = match &content_type {
                ContentType::Spec(content_type) => (*content_type, false),
                ContentType::Form(content_type) => (content_type.as_str(), true),
            };
            if wins || !headers.contains_key(http::header::CONTENT_TYPE) {
                let value = http::HeaderValue::from_str(content_type).map_err(|_| {
                    EncodeError::InvalidHeader {
                        name: "Content-Type",
                    }
                })?;
                headers.insert(http::header::CONTENT_TYPE, value);
            }
            *request.body_mut() = bytes;
        }
        let query_keys: Vec<String> = self
            .query
            .iter()
            .filter(|pair| pair.secret)
            .map(|pair| utf8_percent_encode(pair.name, UNRESERVED).to_string())
            .collect();
        if !query_keys.is_empty() || !self.secret_path.is_empty() {
            request.extensions_mut().insert(UriSecrets {
                query_keys,
                path_segments: self.secret_path,
            });
        }
        Ok(request)
    }
}

/// A body's media type: the spec's, or a form's with its boundary.
#[derive(Debug)]
enum ContentType<'a> {
    Spec(&'a str),
    Form(String),
}

/// Header names come from the spec with their documented case; `http`
/// stores them lower-cased.
fn header_name(name: &'static str) -> Result<http::HeaderName, EncodeError> {
    http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| EncodeError::InvalidHeader { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_keep_only_unreserved_characters() {
        assert_eq!(path_segment("inst a/b+c~d%e"), "inst%20a%2Fb%2Bc~d%25e");
        assert_eq!(path_segment("中"), "%E4%B8%AD");
        assert_eq!(replace_all("group/app/web", &[("/", "$")]), "group$app$web");
        assert_eq!(path_segment(&replace_all("a/b", &[("/", "$")])), "a%24b");
    }

    /// Secret parameters go on the wire as they are, and are marked so
    /// that hooks and dry runs see `***`; Debug shows no value at all.
    #[test]
    fn secret_parameters_are_sent_and_marked() {
        let mut builder = RequestBuilder::new(http::Method::GET, "/v1/x".to_owned());
        builder.query("limit", "10");
        builder.secret_query("pass word", "hunter2");
        builder.secret_header("X-Api-Key", "key-secret");
        builder.header("X-Plain", "shown");
        assert!(!format!("{builder:?}").contains("hunter2"));
        let request = builder
            .build(&EncodeContext::new("http://127.0.0.1:1"))
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            "http://127.0.0.1:1/v1/x?limit=10&pass%20word=hunter2"
        );
        assert_eq!(
            UriSecrets::mask(&request, "***"),
            "http://127.0.0.1:1/v1/x?limit=10&pass%20word=***"
        );
        assert!(request.headers()["x-api-key"].is_sensitive());
        assert!(!request.headers()["x-plain"].is_sensitive());
    }

    /// A secret path parameter, marked as it was encoded, is masked
    /// wherever the path is shown; the request still carries it.
    #[test]
    fn secret_path_segments_are_sent_and_masked() {
        let token = path_segment("s3cret/t");
        let mut builder =
            RequestBuilder::new(http::Method::GET, format!("/v1/shares/{token}.json"));
        builder.secret_path_segment(&token);
        builder.secret_query("key", "k-secret");
        assert!(!format!("{builder:?}").contains("s3cret"), "{builder:?}");
        let request = builder
            .build(&EncodeContext::new("http://127.0.0.1:1"))
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            "http://127.0.0.1:1/v1/shares/s3cret%2Ft.json?key=k-secret"
        );
        assert_eq!(
            UriSecrets::mask(&request, "***"),
            "http://127.0.0.1:1/v1/shares/***.json?key=***"
        );
        assert_eq!(
            UriSecrets::masked_path(&request, "***"),
            "/v1/shares/***.json"
        );
        let secrets = request.extensions().get::<UriSecrets>().unwrap();
        assert!(!format!("{secrets:?}").contains("s3cret"));
    }

    /// A secret that is part of another is masked after it, so that no
    /// piece of the longer one shows.
    #[test]
    fn overlapping_secret_segments_are_masked_whole() {
        let secrets = ["abc".to_owned(), "abcdef".to_owned(), "abc".to_owned()];
        assert_eq!(
            mask_path("/s/abcdef/t/abc", &secrets, "***"),
            "/s/***/t/***"
        );
        assert_eq!(mask_path("/s/x", &[String::new()], "***"), "/s/x");
    }

    #[test]
    fn the_query_is_sorted_and_encoded() {
        let mut builder = RequestBuilder::new(http::Method::GET, "/v5/p/items".to_owned());
        builder.query("registry_name", "中文 仓库");
        builder.query("limit", "10");
        builder.query("registry_type", "Harbor,Jfrog");
        let request = builder
            .build(&EncodeContext::new("http://127.0.0.1:18080/"))
            .unwrap();
        assert_eq!(
            request.uri().to_string(),
            "http://127.0.0.1:18080/v5/p/items?limit=10&registry_name=%E4%B8%AD%E6%96%87%20%E4%BB%93%E5%BA%93&registry_type=Harbor%2CJfrog"
        );
        assert!(request.headers().is_empty());
        assert!(request.body().is_empty());
    }

    #[test]
    fn a_body_brings_its_content_type_unless_one_is_set() {
        let mut builder = RequestBuilder::new(http::Method::PATCH, "/x".to_owned());
        builder.json_body("application/json", &[1, 2]).unwrap();
        let request = builder.build(&EncodeContext::new("https://h")).unwrap();
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(request.body(), b"[1,2]");

        let mut builder = RequestBuilder::new(http::Method::PATCH, "/x".to_owned());
        builder.header("Content-Type", "application/json;charset=utf-8");
        builder.json_body("application/json", &[1]).unwrap();
        let request = builder.build(&EncodeContext::new("https://h")).unwrap();
        assert_eq!(
            request.headers()["content-type"],
            "application/json;charset=utf-8"
        );
    }

    #[test]
    fn bad_input_is_an_error_that_does_not_repeat_header_values() {
        let mut builder = RequestBuilder::new(http::Method::GET, "/x".to_owned());
        builder.header("X-Auth-Token", "secret\nvalue");
        let err = builder.build(&EncodeContext::new("https://h")).unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");

        let builder = RequestBuilder::new(http::Method::GET, "/x".to_owned());
        let err = builder.build(&EncodeContext::new("not a url")).unwrap_err();
        assert!(matches!(err, EncodeError::InvalidUri { .. }), "{err}");
    }
}
