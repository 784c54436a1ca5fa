//! What a generated request type is to the client that sends it: one
//! operation, with its encoding and its decoding. A generated client's
//! `send` and `pages` take any request of its service through these traits,
//! so there is one generic method per client rather than one per operation.

use crate::{DecodeError, EncodeContext, Error, Output, RequestError};
use std::future::Future;

/// A request of one operation: how it is encoded, and what a success
/// answer decodes to.
pub trait Operation {
    /// The generated client that sends it: a request of one service cannot
    /// be sent with the client of another.
    type Client;
    /// A success answer, decoded: the body's type where the operation
    /// documents one success status (`()` without a body), else an enum of
    /// the documented successes.
    type Response;
    /// The spec's `operationId`, for errors and traces.
    const NAME: &'static str;

    /// Validates the request, then encodes it (unsigned).
    fn to_http_request(
        &self,
        ctx: &EncodeContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Decodes an answer with a status below 400.
    fn from_http_response(
        response: &http::Response<Vec<u8>>,
    ) -> Result<Self::Response, DecodeError>;
}

/// An operation that pages (`x-pagination`): the request for the next page
/// comes from the request and the page before.
pub trait Paginated: Operation + Sized {
    /// What one page is: the success body that carries the items.
    type Page;

    /// The page in a decoded answer; `None` for a documented success that
    /// carries none.
    fn page(response: Self::Response) -> Option<Self::Page>;

    /// The request for the page after `page`, or `None` after the last.
    fn next_page(&self, page: &Self::Page) -> Option<Self>;
}

/// An operation whose success answer is a file: besides `send`, which
/// reads it into memory (up to the configured response limit), it can be
/// sent with `send_streaming`, which gives the body as it arrives
/// ([`crate::ByteStream`]).
pub trait Download: Operation {}

/// What a call returns: a future of the decoded answer, or the error.
/// Generated methods return `impl Call<T>`; `.await` it as any future.
pub trait Call<T>: Future<Output = Result<Output<T>, Error>> + Send {}

impl<T, F> Call<T> for F where F: Future<Output = Result<Output<T>, Error>> + Send {}
