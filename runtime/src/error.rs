//! Why a request could not be turned into an `http::Request`.

use crate::{EncodeError, Violations};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// The request breaks documented rules; nothing was encoded.
    #[error("invalid request: {0}")]
    Invalid(#[from] Violations),
    #[error(transparent)]
    Encode(#[from] EncodeError),
}
