//! A response body read as it arrives, for downloads that should not be
//! held in memory whole (`application/octet-stream` answers).

use crate::transport::{TransportError, TransportErrorKind};
use bytes::Bytes;
use futures_core::Stream;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send>>;

/// The body of a response, chunk by chunk. Read it with
/// [`next_chunk`](Self::next_chunk) (or as a [`Stream`]); once a read has
/// to wait, the next chunk must arrive within the idle time the client
/// gives it (its attempt timeout), so a stalled download ends with a
/// [`TransportErrorKind::Timeout`] instead of hanging. Time the caller
/// spends between reads does not count.
pub struct ByteStream {
    chunks: Chunks,
    idle: Option<Idle>,
    read: u64,
    done: bool,
}

/// The idle limit, and the timer of the read that is waiting, if one is.
struct Idle {
    limit: Duration,
    waiting: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl ByteStream {
    /// A body that arrives as `chunks`.
    pub fn new(chunks: impl Stream<Item = Result<Bytes, TransportError>> + Send + 'static) -> Self {
        Self {
            chunks: Box::pin(chunks),
            idle: None,
            read: 0,
            done: false,
        }
    }

    /// A body already in memory, as one chunk (what a [`crate::Transport`]
    /// that reads whole bodies gives).
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        let once = (!bytes.is_empty()).then_some(Ok(bytes));
        Self::new(futures_util::stream::iter(once))
    }

    /// Ends the stream with a timeout error when no chunk arrives for
    /// `idle`.
    pub fn with_idle_timeout(mut self, idle: Duration) -> Self {
        self.idle = Some(Idle {
            limit: idle,
            waiting: None,
        });
        self
    }

    /// The next chunk; `None` at the end of the body.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, TransportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The whole body in memory, refused past `limit` bytes.
    pub async fn collect(mut self, limit: usize) -> Result<Vec<u8>, TransportError> {
        let mut body = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > limit {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge { limit },
                    "while collecting a streamed body",
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// How many bytes have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        match this.chunks.as_mut().poll_next(cx) {
            Poll::Ready(item) => {
                match &item {
                    Some(Ok(chunk)) => this.read += chunk.len() as u64,
                    // After an error or the end, nothing more is read.
                    Some(Err(_)) | None => this.done = true,
                }
                if let Some(idle) = &mut this.idle {
                    idle.waiting = None;
                }
                Poll::Ready(item)
            }
            Poll::Pending => {
                let Some(idle) = &mut this.idle else {
                    return Poll::Pending;
                };
                // The timer starts when a read first has to wait; a limit
                // too far off to be a time is no limit.
                let timer = match &mut idle.waiting {
                    Some(timer) => timer,
                    None => match tokio::time::Instant::now().checked_add(idle.limit) {
                        Some(deadline) => idle
                            .waiting
                            .insert(Box::pin(tokio::time::sleep_until(deadline))),
                        None => return Poll::Pending,
                    },
                };
                if timer.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                this.done = true;
                Poll::Ready(Some(Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!(
                        "no part of the body for {} ms after {} bytes",
                        idle.limit.as_millis(),
                        this.read
                    ),
                ))))
            }
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("bytes_read", &self.read)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: &[&'static [u8]]) -> ByteStream {
        let parts: Vec<Result<Bytes, TransportError>> =
            parts.iter().map(|p| Ok(Bytes::from_static(p))).collect();
        ByteStream::new(futures_util::stream::iter(parts))
    }

    #[tokio::test]
    async fn chunks_arrive_in_order_and_are_counted() {
        let mut body = chunks(&[b"ab", b"", b"cde"]);
        let mut read = Vec::new();
        while let Some(chunk) = body.next_chunk().await {
            read.extend_from_slice(&chunk.unwrap());
        }
        assert_eq!(read, b"abcde");
        assert_eq!(body.bytes_read(), 5);
        assert!(body.next_chunk().await.is_none());
    }

    #[tokio::test]
    async fn collect_keeps_to_its_limit() {
        assert_eq!(chunks(&[b"ab", b"cd"]).collect(4).await.unwrap(), b"abcd");
        let err = chunks(&[b"ab", b"cd"]).collect(3).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::BodyTooLarge { limit: 3 });
        assert!(ByteStream::from_bytes(Vec::new())
            .collect(0)
            .await
            .unwrap()
            .is_empty());
    }

    /// A reader slower than the limit is no stall: the timer runs only
    /// while a read waits.
    #[tokio::test(start_paused = true)]
    async fn time_between_reads_does_not_count() {
        let start = tokio::time::Instant::now();
        // `a` at once, `b` 2.1 s in.
        let chunks = futures_util::stream::unfold(0, move |n| async move {
            match n {
                0 => Some((Ok(Bytes::from_static(b"a")), 1)),
                1 => {
                    tokio::time::sleep_until(start + Duration::from_millis(2100)).await;
                    Some((Ok(Bytes::from_static(b"b")), 2))
                }
                _ => None,
            }
        });
        let mut body = ByteStream::new(chunks).with_idle_timeout(Duration::from_secs(1));
        assert_eq!(body.next_chunk().await.unwrap().unwrap(), "a");
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(body.next_chunk().await.unwrap().unwrap(), "b");
        assert!(body.next_chunk().await.is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn no_limit_past_the_end_of_time() {
        let stalled = futures_util::stream::pending::<Result<Bytes, TransportError>>();
        let mut body = ByteStream::new(stalled).with_idle_timeout(Duration::MAX);
        // Neither a panic (the deadline overflows) nor a timeout of its own.
        let waited = tokio::time::timeout(Duration::from_secs(3600), body.next_chunk()).await;
        assert!(waited.is_err(), "still waiting after an hour");
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_body_times_out() {
        let stalled = futures_util::stream::pending::<Result<Bytes, TransportError>>();
        let mut body = ByteStream::new(stalled).with_idle_timeout(Duration::from_secs(5));
        let err = body.next_chunk().await.unwrap().unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Timeout);
        assert!(body.next_chunk().await.is_none());
    }
}
