//! Why a request could not be encoded ([`RequestError`]), and why a call
//! failed ([`Error`]).

use crate::transport::{TransportError, TransportErrorKind};
use crate::{AuthorizeError, BuildError, DecodeError, EncodeError, ServiceError, Violations};

/// Why a request could not be turned into an `http::Request`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// The request breaks documented rules; nothing was encoded.
    #[error("invalid request: {0}")]
    Invalid(#[from] Violations),
    #[error(transparent)]
    Encode(#[from] EncodeError),
}

/// Why a call failed: one type for every operation of every service.
///
/// No case carries a secret: violations never quote values, transport
/// details leave out the URL, and service errors hold only what the
/// service answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required field of the request was not set; nothing was sent.
    #[error("{operation}: {source}")]
    Build {
        operation: &'static str,
        source: BuildError,
    },
    /// The request breaks documented rules; nothing was sent.
    #[error("{operation}: invalid request: {violations}")]
    Invalid {
        operation: &'static str,
        violations: Violations,
    },
    /// The request could not be built (e.g. no project id configured).
    #[error("{operation}: {source}")]
    Encode {
        operation: &'static str,
        source: EncodeError,
    },
    /// No credentials could be had, or no id of the project or domain the
    /// call acts in; nothing was sent to the service.
    #[error("{operation}: {source}")]
    Credentials {
        operation: &'static str,
        source: crate::CredentialsError,
    },
    /// The request could not be signed or given its headers.
    #[error("{operation}: {source}")]
    Authorize {
        operation: &'static str,
        source: AuthorizeError,
    },
    /// No complete response: could not connect, timed out, connection
    /// broken, a body over the size limit, or a request this transport
    /// cannot send at all (`Unsupported`: nothing was sent).
    #[error("{operation}: {source} (after {attempts} attempt(s))")]
    Transport {
        operation: &'static str,
        attempts: u32,
        source: TransportError,
    },
    /// The service answered with a status of 400 or more. Boxed: it keeps
    /// the answer's body, and every `Result` of a call carries this type.
    #[error("{operation}: {source} (after {attempts} attempt(s))")]
    Service {
        operation: &'static str,
        attempts: u32,
        source: Box<ServiceError>,
    },
    /// A success status whose body does not decode, or a status the
    /// operation does not document.
    #[error("{operation}: {source} (request id {})", request_id.as_deref().unwrap_or("none"))]
    Decode {
        operation: &'static str,
        request_id: Option<String>,
        source: DecodeError,
    },
    /// The server sent the same page twice in a row; paging stops rather
    /// than loop.
    #[error(
        "{operation}: the service returned the same page twice (request {page}); paging stopped"
    )]
    RepeatedPage {
        operation: &'static str,
        page: usize,
    },
}

impl Error {
    /// The operation that failed (`ListRegistry`).
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Build { operation, .. }
            | Error::Invalid { operation, .. }
            | Error::Encode { operation, .. }
            | Error::Authorize { operation, .. }
            | Error::Credentials { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Service { operation, .. }
            | Error::Decode { operation, .. }
            | Error::RepeatedPage { operation, .. } => operation,
        }
    }

    /// Whether the request reached the wire: `false` for what stops a call
    /// before sending (an unbuilt or invalid request, no credentials, no
    /// signature), `true` once an attempt was made.
    pub fn was_sent(&self) -> bool {
        !matches!(
            self,
            Error::Build { .. }
                | Error::Invalid { .. }
                | Error::Encode { .. }
                | Error::Authorize { .. }
                | Error::Credentials { .. }
        ) && self.transport_kind() != Some(TransportErrorKind::Unsupported)
    }

    /// The validation report, for an invalid request.
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::Invalid { violations, .. } => Some(violations),
            _ => None,
        }
    }

    /// The required fields the request lacked, for a request that could not
    /// be built.
    pub fn build_error(&self) -> Option<&BuildError> {
        match self {
            Error::Build { source, .. } => Some(source),
            _ => None,
        }
    }

    /// The service's error answer, if it gave one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service { source, .. } => Some(source),
            _ => None,
        }
    }

    /// The HTTP status of the last answer, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service { source, .. } => Some(source.status),
            Error::Decode { source, .. } => Some(source.status()),
            _ => None,
        }
    }

    /// The `X-Request-Id` of the last answer, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service { source, .. } => source.request_id.as_deref(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// How many times the call was tried, as [`crate::Output::attempts`]
    /// counts them: 0 when it stopped before trying (building, validation,
    /// credentials); a try the transport refused outright counts, though
    /// nothing was sent ([`Error::was_sent`]).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Transport { attempts, .. } | Error::Service { attempts, .. } => *attempts,
            Error::Decode { .. } => 1,
            _ => 0,
        }
    }

    pub fn is_timeout(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Timeout)
    }

    pub fn is_connect(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Connect)
    }

    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Error::Transport { source, .. } => Some(source.kind),
            _ => None,
        }
    }

    pub(crate) fn from_request(operation: &'static str, err: RequestError) -> Self {
        match err {
            RequestError::Invalid(violations) => Error::Invalid {
                operation,
                violations,
            },
            RequestError::Encode(source) => Error::Encode { operation, source },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_the_transport_could_not_send_at_all_was_not_sent() {
        let failed = |kind| Error::Transport {
            operation: "ListThings",
            attempts: 1,
            source: TransportError::new(kind, "detail"),
        };
        assert!(!failed(TransportErrorKind::Unsupported).was_sent());
        assert!(failed(TransportErrorKind::Io).was_sent());
    }
}
