//! Media types, compared as HTTP compares them: without parameters
//! (`; charset=utf-8`) and without regard to case.

use super::BodyEncoding;

pub use crate::media_type::{essence, is_json};

impl BodyEncoding {
    /// How a request body of `content_type` is written.
    pub fn of(content_type: &str) -> Self {
        if is_json(content_type) {
            BodyEncoding::Json
        } else if essence(content_type) == "multipart/form-data" {
            BodyEncoding::Form
        } else {
            BodyEncoding::Bytes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_compare_without_parameters_or_case() {
        let cases = [
            ("application/json", BodyEncoding::Json),
            ("Application/JSON; charset=utf-8", BodyEncoding::Json),
            ("application/problem+json", BodyEncoding::Json),
            ("multipart/form-data", BodyEncoding::Form),
            ("Multipart/Form-Data; boundary=x", BodyEncoding::Form),
            ("application/octet-stream", BodyEncoding::Bytes),
            ("text/json-ish", BodyEncoding::Bytes),
        ];
        for (content_type, encoding) in cases {
            assert_eq!(BodyEncoding::of(content_type), encoding, "{content_type}");
        }
    }
}
