//! `multipart/form-data` request bodies, written as the vendor's SDK writes
//! them (requests-toolbelt's encoder; `tests/data/multipart_upload_capture.json`
//! holds what it sent):
//!
//! ```text
//! --BOUNDARY\r\n
//! Content-Disposition: form-data; name="file"; filename="logo.png"\r\n
//! Content-Type: image/png\r\n            (only when the file has one)
//! \r\n
//! <bytes>\r\n
//! --BOUNDARY--\r\n
//! ```
//!
//! The boundary is 32 lowercase hex digits, as the SDK's, but taken from a
//! SHA-256 of the parts instead of a random number: the same request is the
//! same bytes every time (dry runs, tests and retries agree), and no file
//! can contain the boundary without containing its own hash. The signature
//! does not cover the body (`X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, added
//! by [`crate::sign`] for any body that is not JSON), but it does cover the
//! `Content-Type` header, and so the boundary.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;

/// A file sent in a form: its bytes, and the name and media type the
/// receiver is told.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// `bytes` with neither a file name nor a media type.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file at `path`, named by its last component (as the vendor's SDK
    /// names a file it is given by path); no media type.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        let mut part = Self::new(bytes);
        if let Some(name) = path.file_name() {
            part.file_name = Some(name.to_string_lossy().into_owned());
        }
        Ok(part)
    }

    /// The name the receiver is told (`filename=` of the part).
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's `Content-Type`, e.g. `image/png`.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// The length, never the bytes: a file can be large, or private.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The JSON view of a file, for what carries requests as JSON (the mock's
/// recorded calls, the command line's `--body`):
/// `{"file_name": "logo.png", "content_type": "image/png", "base64": "iVBO…"}`,
/// the names optional; `"text": "…"` may stand for `base64` when the
/// contents are UTF-8 text. It is written with `base64`.
impl serde::Serialize for FilePart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine;
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if let Some(name) = &self.file_name {
            map.serialize_entry("file_name", name)?;
        }
        if let Some(content_type) = &self.content_type {
            map.serialize_entry("content_type", content_type)?;
        }
        let encoded = base64::engine::general_purpose::STANDARD.encode(&self.bytes);
        map.serialize_entry("base64", &encoded)?;
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine;
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct View {
            file_name: Option<String>,
            content_type: Option<String>,
            base64: Option<String>,
            text: Option<String>,
        }
        let view = View::deserialize(deserializer)?;
        let bytes = match (view.base64, view.text) {
            (Some(encoded), None) => base64::engine::general_purpose::STANDARD
                .decode(encoded.as_bytes())
                .map_err(|err| {
                    serde::de::Error::custom(format!("`base64` is not base64: {err}"))
                })?,
            (None, Some(text)) => text.into_bytes(),
            _ => {
                return Err(serde::de::Error::custom(
                    "a file needs its contents as one of `base64` or `text`",
                ))
            }
        };
        Ok(Self {
            bytes,
            file_name: view.file_name,
            content_type: view.content_type,
        })
    }
}

/// A type that is sent as a form: generated for the bodies of operations
/// that take `multipart/form-data`.
pub trait ToForm {
    /// Adds one part per field that is set, in the spec's field order.
    fn to_form<'a>(&'a self, form: &mut Form<'a>);
}

/// The parts of a form: its text fields, then its files, each in the order
/// they are added (the SDK's layout: it writes text fields before files,
/// whatever the field order). Files are borrowed, so a large upload is
/// copied once, into the body.
#[derive(Default)]
pub struct Form<'a> {
    parts: Vec<Part<'a>>,
}

struct Part<'a> {
    name: &'a str,
    is_file: bool,
    file_name: Option<&'a str>,
    content_type: Option<&'a str>,
    bytes: Cow<'a, [u8]>,
}

/// Names and sizes only: a text field may hold a secret, a file anything.
impl fmt::Debug for Form<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.parts
                    .iter()
                    .map(|p| (p.name, p.file_name, p.bytes.len())),
            )
            .finish()
    }
}

impl<'a> Form<'a> {
    pub fn new() -> Self {
        Self::default()
    }

    /// A text field: after the text fields added before, ahead of every file.
    pub fn text(&mut self, name: &'a str, value: impl fmt::Display) {
        let at = self
            .parts
            .iter()
            .position(|p| p.is_file)
            .unwrap_or(self.parts.len());
        self.parts.insert(
            at,
            Part {
                name,
                is_file: false,
                file_name: None,
                content_type: None,
                bytes: Cow::Owned(value.to_string().into_bytes()),
            },
        );
    }

    /// A file field.
    pub fn file(&mut self, name: &'a str, file: &'a FilePart) {
        self.parts.push(Part {
            name,
            is_file: true,
            file_name: file.file_name.as_deref(),
            content_type: file.content_type.as_deref(),
            bytes: Cow::Borrowed(&file.bytes),
        });
    }

    /// The form of `value`.
    pub fn of<T: ToForm + ?Sized>(value: &'a T) -> Self {
        let mut form = Self::new();
        value.to_form(&mut form);
        form
    }

    /// The body's `Content-Type` (with its boundary) and its bytes.
    pub fn encode(&self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let body = self.write(&boundary);
        (format!("multipart/form-data; boundary={boundary}"), body)
    }

    /// 32 hex digits of a hash of every part; hashed again, with a counter,
    /// in the (never yet seen) case that a part contains them.
    fn boundary(&self) -> String {
        let mut hasher = Sha256::new();
        for part in &self.parts {
            for piece in [
                part.name.as_bytes(),
                part.file_name.unwrap_or("").as_bytes(),
                part.content_type.unwrap_or("").as_bytes(),
                &part.bytes,
            ] {
                hasher.update((piece.len() as u64).to_be_bytes());
                hasher.update(piece);
            }
        }
        let mut digest = hasher.finalize();
        loop {
            let boundary = hex::encode(&digest[..16]);
            let clash = self
                .parts
                .iter()
                .any(|p| contains(&p.bytes, boundary.as_bytes()));
            if !clash {
                return boundary;
            }
            digest = Sha256::digest(digest);
        }
    }

    fn write(&self, boundary: &str) -> Vec<u8> {
        let size: usize = self.parts.iter().map(|p| p.bytes.len() + 160).sum();
        let mut out = Vec::with_capacity(size + boundary.len() + 8);
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(quoted(part.name).as_bytes());
            out.push(b'"');
            if let Some(file_name) = part.file_name {
                out.extend_from_slice(b"; filename=\"");
                out.extend_from_slice(quoted(file_name).as_bytes());
                out.push(b'"');
            }
            out.extend_from_slice(b"\r\n");
            if let Some(content_type) = part.content_type {
                out.extend_from_slice(b"Content-Type: ");
                // A header value cannot hold a line break.
                out.extend_from_slice(content_type.replace(['\r', '\n'], " ").as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.bytes);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        out
    }
}

/// A name or file name inside `"…"`, escaped as browsers (and the SDK's
/// HTTP stack) do: `"` as `%22`, line breaks as `%0D` / `%0A`; other text,
/// non-ASCII included, as UTF-8.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// One part of a received form.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceivedPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The size, never the bytes (as for [`FilePart`]).
impl fmt::Debug for ReceivedPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceivedPart")
            .field("name", &self.name)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Why a body is not a form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a multipart/form-data body: {0}")]
pub struct FormError(String);

/// The boundary named by a `multipart/form-data` content type.
pub fn boundary_of(content_type: &str) -> Result<&str, FormError> {
    if !crate::media::is_form(content_type) {
        let essence = crate::media::essence(content_type);
        return Err(FormError(format!("the content type is `{essence}`")));
    }
    content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim().trim_matches('"'))
        .filter(|b| !b.is_empty() && b.len() <= 70)
        .ok_or_else(|| FormError("the content type names no boundary (1 to 70 characters)".into()))
}

/// Reads a form body written with `boundary`: what a service (and this
/// crate's mock) sees of it.
pub fn parse(boundary: &str, body: &[u8]) -> Result<Vec<ReceivedPart>, FormError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut rest = body
        .strip_prefix(delimiter)
        .ok_or_else(|| FormError("the body does not start with its boundary".into()))?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or_else(|| FormError("a boundary line does not end with CRLF".into()))?;
        let head_end = find(rest, b"\r\n\r\n")
            .ok_or_else(|| FormError(format!("part {} has no end of headers", parts.len())))?;
        let head = std::str::from_utf8(&rest[..head_end])
            .map_err(|_| FormError(format!("the headers of part {} are not UTF-8", parts.len())))?;
        let mut part =
            part_head(head).map_err(|why| FormError(format!("part {}: {why}", parts.len())))?;
        rest = &rest[head_end + 4..];
        let mut end_marker = b"\r\n".to_vec();
        end_marker.extend_from_slice(delimiter);
        let end = find(rest, &end_marker).ok_or_else(|| {
            FormError(format!(
                "part {} is not closed by the boundary",
                parts.len()
            ))
        })?;
        part.bytes = rest[..end].to_vec();
        parts.push(part);
        rest = &rest[end + end_marker.len()..];
    }
}

fn part_head(head: &str) -> Result<ReceivedPart, String> {
    let mut part = ReceivedPart {
        name: String::new(),
        file_name: None,
        content_type: None,
        bytes: Vec::new(),
    };
    let mut named = false;
    for line in head.split("\r\n") {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("`{line}` is not a header"))?;
        let value = value.trim();
        if key.eq_ignore_ascii_case("content-type") {
            part.content_type = Some(value.to_owned());
        } else if key.eq_ignore_ascii_case("content-disposition") {
            let mut params = parameters(value).into_iter();
            let kind = params.next().map(|(key, _)| key).unwrap_or_default();
            if !kind.eq_ignore_ascii_case("form-data") {
                return Err(format!("disposition `{value}` is not form-data"));
            }
            for (key, value) in params {
                if key.eq_ignore_ascii_case("name") {
                    part.name = value;
                    named = true;
                } else if key.eq_ignore_ascii_case("filename") {
                    part.file_name = Some(value);
                }
            }
        }
    }
    if !named {
        return Err("no `name` in its Content-Disposition".into());
    }
    Ok(part)
}

/// `form-data; name="a;b"; filename=x` as `[("form-data", ""), ("name",
/// "a;b"), ("filename", "x")]`: a `;` inside quotes does not split, and
/// quoted values are unescaped as [`quoted`] escapes them.
fn parameters(value: &str) -> Vec<(String, String)> {
    let mut pieces = Vec::new();
    let (mut piece, mut in_quotes) = (String::new(), false);
    for c in value.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                piece.push(c);
            }
            ';' if !in_quotes => pieces.push(std::mem::take(&mut piece)),
            _ => piece.push(c),
        }
    }
    pieces.push(piece);
    pieces
        .iter()
        .map(|piece| match piece.split_once('=') {
            Some((key, value)) => (key.trim().to_owned(), unquoted(value.trim())),
            None => (piece.trim().to_owned(), String::new()),
        })
        .collect()
}

fn unquoted(value: &str) -> String {
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => inner
            .replace("%22", "\"")
            .replace("%0D", "\r")
            .replace("%0A", "\n"),
        None => value.to_owned(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logo() -> FilePart {
        FilePart::new(&b"\x89PNG\r\n\x1a\nlogo-bytes"[..])
            .with_file_name("logo.png")
            .with_content_type("image/png")
    }

    #[test]
    fn a_file_is_written_as_the_sdk_writes_it() {
        let logo = logo();
        let mut form = Form::new();
        form.file("file", &logo);
        let body = form.write("B");
        assert_eq!(
            body,
            b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nlogo-bytes\r\n--B--\r\n"
        );
    }

    #[test]
    fn text_fields_go_before_files_whatever_the_field_order() {
        let (a, b) = (logo(), logo());
        let mut form = Form::new();
        form.file("first_file", &a);
        form.text("style", "anime");
        form.file("second_file", &b);
        form.text("name", "\u{5c0f}\u{660e}");
        let names: Vec<&str> = form.parts.iter().map(|p| p.name).collect();
        assert_eq!(names, ["style", "name", "first_file", "second_file"]);
    }

    #[test]
    fn text_fields_and_odd_names() {
        let file = FilePart::new(&b"x"[..]).with_file_name("my \"logo\" \u{fc}.png");
        let mut form = Form::new();
        form.text("note", 42);
        form.file("file", &file);
        let body = String::from_utf8(form.write("B")).unwrap();
        assert_eq!(
            body,
            "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n42\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"my %22logo%22 \u{fc}.png\"\r\n\r\nx\r\n--B--\r\n"
        );
    }

    #[test]
    fn the_boundary_is_stable_and_follows_the_content() {
        let form = |bytes: &[u8]| {
            let file = FilePart::new(bytes);
            let mut form = Form::new();
            form.file("file", &file);
            form.encode()
        };
        let (a, body_a) = form(b"one");
        assert_eq!(form(b"one").0, a);
        assert_ne!(form(b"two").0, a);
        let boundary = boundary_of(&a).unwrap();
        assert_eq!(boundary.len(), 32);
        assert!(boundary
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(parse(boundary, &body_a).unwrap()[0].bytes, b"one");
    }

    #[test]
    fn what_is_written_reads_back() {
        let (logo, empty) = (
            logo(),
            FilePart::new(Vec::new()).with_file_name("a;b \"c\".png"),
        );
        let mut form = Form::new();
        form.text("a", "text\r\n--not-a-boundary");
        form.file("file", &logo);
        form.file("empty", &empty);
        let (content_type, body) = form.encode();
        let parts = parse(boundary_of(&content_type).unwrap(), &body).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].bytes, b"text\r\n--not-a-boundary");
        assert_eq!(parts[0].file_name, None);
        assert_eq!(parts[1].file_name.as_deref(), Some("logo.png"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/png"));
        assert_eq!(parts[1].bytes, logo.bytes());
        assert_eq!(parts[2].bytes, b"");
        assert_eq!(parts[2].file_name.as_deref(), Some("a;b \"c\".png"));
        assert!(parse("B", b"--B--\r\n").unwrap().is_empty());
    }

    #[test]
    fn broken_forms_say_why() {
        let cases: &[(&[u8], &str)] = &[
            (b"hello", "does not start with its boundary"),
            (b"--Bxx", "does not end with CRLF"),
            (
                b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n",
                "no end of headers",
            ),
            (
                b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
                "not closed",
            ),
            (
                b"--B\r\nContent-Type: text/plain\r\n\r\nv\r\n--B--",
                "no `name`",
            ),
            (
                b"--B\r\nContent-Disposition: attachment\r\n\r\nv\r\n--B--",
                "not form-data",
            ),
        ];
        for (body, why) in cases {
            let err = parse("B", body).unwrap_err().to_string();
            assert!(err.contains(why), "{err}");
        }
        assert!(boundary_of("application/json").is_err());
        assert!(boundary_of("multipart/form-data").is_err());
        assert_eq!(
            boundary_of("multipart/form-data; boundary=\"abc\"").unwrap(),
            "abc"
        );
    }

    #[test]
    fn the_json_view_round_trips() {
        let json = serde_json::to_value(logo()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "file_name": "logo.png", "content_type": "image/png", "base64": "iVBORw0KGgpsb2dvLWJ5dGVz" })
        );
        assert_eq!(serde_json::from_value::<FilePart>(json).unwrap(), logo());
        let bare: FilePart = serde_json::from_str(r#"{"base64": ""}"#).unwrap();
        assert_eq!(bare, FilePart::new(Vec::new()));
        assert!(serde_json::from_str::<FilePart>(r#"{"base64": "%%"}"#).is_err());
        assert!(serde_json::from_str::<FilePart>(r#"{"bytes": []}"#).is_err());
        let text: FilePart =
            serde_json::from_str(r#"{"text": "hi", "file_name": "a.txt"}"#).unwrap();
        assert_eq!(text, FilePart::new(&b"hi"[..]).with_file_name("a.txt"));
        assert!(serde_json::from_str::<FilePart>(r#"{"text": "a", "base64": "YQ=="}"#).is_err());
        assert!(serde_json::from_str::<FilePart>(r#"{}"#).is_err());
    }

    #[test]
    fn debug_shows_the_size_not_the_bytes() {
        let text = format!("{:?}", FilePart::new(&b"secret bytes"[..]));
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("len: 12"), "{text}");
        let mut form = Form::new();
        form.text("password", "hunter2");
        let text = format!("{form:?}");
        assert!(
            !text.contains("hunter2") && text.contains("password"),
            "{text}"
        );
        let (content_type, body) = form.encode();
        let parts = parse(boundary_of(&content_type).unwrap(), &body).unwrap();
        assert!(!format!("{parts:?}").contains("hunter2"));
    }

    #[test]
    fn disposition_keywords_are_read_in_any_case() {
        let body = b"--B\r\ncontent-disposition: Form-Data; NAME=\"a\"; FileName=f.txt\r\n\r\nv\r\n--B--\r\n";
        let parts = parse("B", body).unwrap();
        assert_eq!(parts[0].name, "a");
        assert_eq!(parts[0].file_name.as_deref(), Some("f.txt"));
    }
}
