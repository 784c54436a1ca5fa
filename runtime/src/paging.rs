//! A stream of pages for operations with `x-pagination`. The generated
//! `next_page` decides where the next page starts and when the last one
//! has come; this stream adds the guard against a server that repeats
//! itself.

use crate::{DecodeError, Error, Output, Paginated};
use futures_core::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The pages of a paged operation, in order; an error ends the stream.
///
/// Use it as a `futures::Stream`, or without any stream crate:
///
/// ```ignore
/// let mut pages = client.list_registry().limit(50).pages();
/// while let Some(page) = pages.next().await {
///     for registry in page?.data_list.iter().flatten() { /* ... */ }
/// }
/// ```
pub struct Pages<P> {
    inner: Pin<Box<dyn Stream<Item = Result<Output<P>, Error>> + Send>>,
}

impl<P> Pages<P> {
    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<Output<P>, Error>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<Output<P>>, Error> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

impl<P> Stream for Pages<P> {
    type Item = Result<Output<P>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<P> std::fmt::Debug for Pages<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// Fetches `first`, then the request `next` gives for each page, until it
/// gives none. A page equal to the one before ends the stream with
/// [`Error::RepeatedPage`]: the server ignored the offset.
pub fn pages<Req, P, F, Fut>(
    operation: &'static str,
    first: Req,
    next: fn(&Req, &P) -> Option<Req>,
    fetch: F,
) -> Pages<P>
where
    Req: Send + 'static,
    P: Clone + PartialEq + Send + 'static,
    F: FnMut(&Req) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Output<P>, Error>> + Send + 'static,
{
    struct State<Req, P, F> {
        request: Option<Req>,
        previous: Option<P>,
        fetched: usize,
        fetch: F,
    }
    let state = State {
        request: Some(first),
        previous: None,
        fetched: 0,
        fetch,
    };
    let stream = futures_util::stream::unfold(state, move |mut state| async move {
        let request = state.request.take()?;
        let page = match (state.fetch)(&request).await {
            Ok(page) => page,
            // Ends the stream after this item: `request` stays `None`.
            Err(err) => return Some((Err(err), state)),
        };
        state.fetched += 1;
        if state.previous.as_ref() == Some(&*page) {
            let err = Error::RepeatedPage {
                operation,
                page: state.fetched,
            };
            return Some((Err(err), state));
        }
        state.request = next(&request, &page);
        state.previous = Some((*page).clone());
        Some((Ok(page), state))
    });
    Pages {
        inner: Box::pin(stream),
    }
}

/// The page inside a paged operation's decoded response, or an error for a
/// documented status that carries none.
pub fn page_of<R, P>(
    operation: &'static str,
    output: Output<R>,
    page: impl FnOnce(R) -> Option<P>,
) -> Result<Output<P>, Error> {
    let status = output.status();
    let request_id = output.request_id().map(str::to_owned);
    output.map(page).transpose().ok_or(Error::Decode {
        operation,
        request_id,
        source: DecodeError::NoPage { status },
    })
}

/// The pages of a [`Paginated`] request, starting with `first`; `send`
/// makes one call. What generated clients' `pages` methods run.
pub fn pages_of<R, F, Fut>(first: R, send: F) -> Pages<R::Page>
where
    R: Paginated + Clone + Send + 'static,
    R::Page: Clone + PartialEq + Send + 'static,
    F: Fn(R) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Output<R::Response>, Error>> + Send + 'static,
{
    pages(R::NAME, first, R::next_page, move |request: &R| {
        let call = send(request.clone());
        async move { page_of(R::NAME, call.await?, R::page) }
    })
}

/// A stream that yields `error` and ends: the pages of a request that
/// could not be built.
pub fn failed<P: Send + 'static>(error: Error) -> Pages<P> {
    Pages {
        inner: Box::pin(futures_util::stream::once(async move { Err(error) })),
    }
}
