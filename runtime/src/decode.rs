//! Response decoding helpers for generated `from_http_response` functions.

use serde::de::DeserializeOwned;
use std::fmt;

/// The start of a response body, for error messages: at most
/// [`Excerpt::LIMIT`] bytes, cut on a character boundary, so a huge or
/// binary body cannot flood a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    text: String,
    /// The whole body's length, in bytes.
    total: usize,
}

impl Excerpt {
    pub const LIMIT: usize = 512;

    pub fn of(body: &[u8]) -> Self {
        let mut end = body.len().min(Self::LIMIT);
        // Back off to a UTF-8 boundary (at most 3 bytes) so the cut does not
        // turn the last character into a replacement character.
        while end < body.len() && end > 0 && (body[end] & 0b1100_0000) == 0b1000_0000 {
            end -= 1;
        }
        Self {
            text: String::from_utf8_lossy(&body[..end]).into_owned(),
            total: body.len(),
        }
    }

    /// The excerpt's text (lossy UTF-8).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_truncated(&self) -> bool {
        self.text.len() < self.total
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total == 0 {
            f.write_str("(empty)")
        } else if self.is_truncated() {
            write!(f, "{:?}... ({} bytes in all)", self.text, self.total)
        } else {
            write!(f, "{:?}", self.text)
        }
    }
}

/// A response that the operation's documentation does not account for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    #[error("status {status} is not documented for this operation; body: {excerpt}")]
    UndocumentedStatus { status: u16, excerpt: Excerpt },
    #[error("the body of the {status} response does not decode ({reason}); body: {excerpt}")]
    Body {
        status: u16,
        reason: String,
        excerpt: Excerpt,
    },
    /// A paged operation answered with a documented status that carries
    /// no page.
    #[error("the {status} response carries no page")]
    NoPage { status: u16 },
}

impl DecodeError {
    pub fn status(&self) -> u16 {
        match self {
            DecodeError::UndocumentedStatus { status, .. }
            | DecodeError::Body { status, .. }
            | DecodeError::NoPage { status } => *status,
        }
    }

    pub fn undocumented_status(status: u16, body: &[u8]) -> Self {
        DecodeError::UndocumentedStatus {
            status,
            excerpt: Excerpt::of(body),
        }
    }
}

/// Decodes a JSON body. Unknown fields are ignored and documented limits are
/// not checked: a server that sends more than it documents must not break
/// the client.
pub fn json<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(|err| DecodeError::Body {
        status,
        reason: err.to_string(),
        excerpt: Excerpt::of(body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_capped_on_a_character_boundary() {
        let body = "中".repeat(400); // 1200 bytes
        let excerpt = Excerpt::of(body.as_bytes());
        assert!(excerpt.is_truncated());
        assert_eq!(excerpt.text().len(), 510);
        assert!(!excerpt.text().contains('\u{fffd}'));
        assert!(excerpt.to_string().ends_with("... (1200 bytes in all)"));
        assert_eq!(Excerpt::of(b"").to_string(), "(empty)");
    }

    #[test]
    fn a_bad_body_names_status_and_excerpt() {
        let err = json::<Vec<u32>>(200, b"<html>oops</html>").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("the body of the 200 response does not decode"),
            "{text}"
        );
        assert!(text.ends_with("body: \"<html>oops</html>\""), "{text}");
        assert_eq!(err.status(), 200);
    }
}
