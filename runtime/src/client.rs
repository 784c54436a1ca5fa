//! The call loop every generated operation method runs: encode (sans-IO,
//! generated), then per attempt authorize with a fresh date, send, and
//! either decode, retry or fail.

use crate::config::{Clock, Config, ConfigError, ServiceInfo, Timeouts};
use crate::hook::{self, HookEvent, RequestView};
use crate::retry::{self, Failure, RetryPolicy};
use crate::stream::ByteStream;
use crate::transport::{BoxFuture, Transport, TransportError, TransportErrorKind};
use crate::{Credentials, DecodeError, EncodeContext, Error, Operation, Output, ServiceError};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// The service-independent half of a generated client (`hss::Client` wraps
/// one). Cheap to clone: clones share the transport and its connections.
#[derive(Clone)]
pub struct ServiceClient {
    inner: Arc<Inner>,
}

struct Inner {
    service: ServiceInfo,
    endpoint: String,
    user_agent: String,
    credentials: Credentials,
    timeouts: Timeouts,
    retry: RetryPolicy,
    transport: Arc<dyn Transport>,
    clock: Clock,
    /// How much of a streamed error body is read (whole bodies keep to the
    /// transport's own limit).
    max_response_bytes: usize,
    hooks: Vec<crate::Hook>,
}

impl fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClient")
            .field("service", &self.inner.service.id)
            .field("endpoint", &self.inner.endpoint)
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl ServiceClient {
    /// A client for `service`, with the endpoint, credentials and limits of
    /// `config`. Each call builds its own connection pool unless the config
    /// carries a transport: build clients once and clone them.
    pub fn new(config: &Config, service: ServiceInfo) -> Result<Self, ConfigError> {
        Ok(Self {
            inner: Arc::new(Inner {
                endpoint: service.endpoint(config)?,
                user_agent: config.user_agent(service.client),
                credentials: config.credentials.clone(),
                timeouts: config.timeouts,
                retry: config.retry.clone(),
                transport: config.transport()?,
                clock: config.clock.clone(),
                hooks: config.hooks.clone(),
                max_response_bytes: config.max_response_bytes,
                service,
            }),
        })
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// Validates and encodes `request` for this client (its endpoint and
    /// project id); a request that breaks a documented rule, or lacks what
    /// the client fills in, is the error, and nothing is to be sent.
    pub fn encode<R: Operation>(&self, request: &R) -> Result<http::Request<Vec<u8>>, Error> {
        request
            .to_http_request(&self.encode_context())
            .map_err(|err| Error::from_request(R::NAME, err))
    }

    /// [`encode`](Self::encode) for a request that may not have been built
    /// (what a fluent call's `send` holds): a builder's error is
    /// `Error::Build`, and nothing is to be sent.
    pub fn encode_built<R: Operation>(
        &self,
        request: Result<R, crate::BuildError>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        match request {
            Ok(request) => self.encode(&request),
            Err(source) => Err(Error::Build {
                operation: R::NAME,
                source,
            }),
        }
    }

    /// Sends an encoded request (or returns the error that stopped it from
    /// being encoded or built), then `decode`s an answer with a status
    /// below 400. A status of 400 or more is a [`ServiceError`] read with
    /// the SDK's rules.
    ///
    /// Only decoding depends on the operation, through a plain function
    /// pointer: this is compiled once per output type, not once per
    /// operation, and the attempts (signing, sending, retrying, tracing)
    /// are one function compiled once here.
    pub async fn execute<T>(
        &self,
        operation: &'static str,
        request: Result<http::Request<Vec<u8>>, Error>,
        decode: fn(&http::Response<Vec<u8>>) -> Result<T, DecodeError>,
    ) -> Result<Output<T>, Error> {
        let answer = self.send(operation, request?, whole).await?;
        match decode(&answer.response) {
            Ok(value) => {
                let status = answer.response.status().as_u16();
                let headers = answer.response.into_parts().0.headers;
                Ok(Output::new(value, status, headers, answer.attempts))
            }
            Err(source) => Err(Error::Decode {
                operation,
                request_id: crate::service_error::request_id(answer.response.headers())
                    .map(str::to_owned),
                source,
            }),
        }
    }

    /// Sends an encoded request like [`execute`](Self::execute), but
    /// returns a success answer as soon as its head is in, with the body to
    /// be read as it arrives: a download is never held in memory whole.
    /// Each chunk must arrive within the attempt timeout. An error answer
    /// (400 or more) is read whole, as for `execute`.
    pub async fn execute_streaming(
        &self,
        operation: &'static str,
        request: Result<http::Request<Vec<u8>>, Error>,
    ) -> Result<Output<ByteStream>, Error> {
        let answer = self.send(operation, request?, streamed).await?;
        let status = answer.response.status().as_u16();
        let (head, body) = answer.response.into_parts();
        let body = body.with_idle_timeout(self.inner.timeouts.attempt);
        Ok(Output::new(body, status, head.headers, answer.attempts))
    }

    /// `request` as an attempt sends it now: with the client's headers and
    /// signed (or carrying the token). What a dry run shows.
    pub fn authorized(
        &self,
        operation: &'static str,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let inner = &self.inner;
        let mut signed = clone_request(request);
        inner
            .credentials
            .authorize(&mut signed, &inner.user_agent, (inner.clock)())
            .map_err(|source| Error::Authorize { operation, source })?;
        Ok(signed)
    }

    fn encode_context(&self) -> EncodeContext<'_> {
        let ctx = EncodeContext::new(&self.inner.endpoint);
        match self.inner.credentials.project_id() {
            Some(project_id) => ctx.with_project_id(project_id),
            None => ctx,
        }
    }

    /// Sends `request` until it is answered with a status below 400, or
    /// fails for good, within one tracing span.
    async fn send<B: Received>(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        how: Sender<B>,
    ) -> Result<Answer<B>, Error> {
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.inner.service.id,
            operation,
            method = %request.method(),
            path = request.uri().path(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.attempts(operation, request, how)
            .instrument(span)
            .await
    }

    async fn attempts<B: Received>(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        how: Sender<B>,
    ) -> Result<Answer<B>, Error> {
        let inner = &self.inner;
        let started = Instant::now();
        let deadline = started + inner.timeouts.total;
        let span = tracing::Span::current();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempts", attempt);
            // Each attempt is signed anew, so a retry carries a fresh date.
            let signed = self.authorized(operation, &request)?;
            hook::tell(
                &inner.hooks,
                HookEvent::Request {
                    operation,
                    attempt,
                    request: RequestView(&signed),
                },
            );
            let budget = inner
                .timeouts
                .attempt
                .min(deadline.saturating_duration_since(Instant::now()));
            let sent_at = Instant::now();
            let result = match tokio::time::timeout(budget, how(&*inner.transport, signed)).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("no complete response within {} ms", budget.as_millis()),
                )),
            };
            let latency_ms = sent_at.elapsed().as_millis() as u64;

            let (failure, retry_after, error) = match result {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let request_id = crate::service_error::request_id(response.headers());
                    span.record("status", status);
                    span.record("latency_ms", latency_ms);
                    if let Some(id) = request_id {
                        span.record("request_id", id);
                    }
                    tracing::debug!(attempt, status, request_id, latency_ms, "answered");
                    hook::tell(
                        &inner.hooks,
                        HookEvent::Response {
                            operation,
                            attempt,
                            status,
                            latency: sent_at.elapsed(),
                            request_id,
                        },
                    );
                    if status < 400 {
                        return Ok(Answer {
                            response,
                            attempts: attempt,
                        });
                    }
                    let retry_after = retry::retry_after(response.headers(), (inner.clock)());
                    let (head, body) = response.into_parts();
                    // Within what is left of the attempt's time.
                    let until = tokio::time::Instant::from_std(sent_at) + budget;
                    let body = body.error_body(inner.max_response_bytes, until).await;
                    let source =
                        Box::new(ServiceError::from_response(status, &head.headers, &body));
                    let error = Error::Service {
                        operation,
                        attempts: attempt,
                        source,
                    };
                    (Failure::Status(status), retry_after, error)
                }
                Err(source) => {
                    tracing::debug!(attempt, latency_ms, error = %source, "no answer");
                    hook::tell(
                        &inner.hooks,
                        HookEvent::Failure {
                            operation,
                            attempt,
                            latency: sent_at.elapsed(),
                            error: &source,
                        },
                    );
                    let failure = match source.kind {
                        TransportErrorKind::Connect => Failure::Connect,
                        TransportErrorKind::BodyTooLarge { .. } => Failure::Final,
                        _ => Failure::AfterSending,
                    };
                    let error = Error::Transport {
                        operation,
                        attempts: attempt,
                        source,
                    };
                    (failure, None, error)
                }
            };

            if !inner.retry.should_retry(request.method(), failure, attempt) {
                return Err(error);
            }
            let delay = inner.retry.delay(attempt, retry_after);
            if Instant::now() + delay >= deadline {
                tracing::warn!(attempt, error = %error, "giving up: no time left for a retry");
                return Err(error);
            }
            tracing::info!(attempt, delay_ms = delay.as_millis() as u64, error = %error, "retrying");
            sleep(delay).await;
        }
    }
}

/// A response with a status below 400, and how many attempts it took.
struct Answer<B> {
    response: http::Response<B>,
    attempts: u32,
}

/// How an attempt is sent: for a whole body, or a streamed one.
type Sender<B> = fn(
    &dyn Transport,
    http::Request<Vec<u8>>,
) -> BoxFuture<'_, Result<http::Response<B>, TransportError>>;

fn whole(
    transport: &dyn Transport,
    request: http::Request<Vec<u8>>,
) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
    transport.send(request)
}

fn streamed(
    transport: &dyn Transport,
    request: http::Request<Vec<u8>>,
) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
    transport.send_streaming(request)
}

/// A response body as the call loop holds it.
trait Received: Send + Sized + 'static {
    /// The body of an error answer, for [`ServiceError`]: at most `limit`
    /// bytes of it, read until `until`.
    fn error_body(self, limit: usize, until: tokio::time::Instant) -> BoxFuture<'static, Vec<u8>>;
}

impl Received for Vec<u8> {
    fn error_body(self, _: usize, _: tokio::time::Instant) -> BoxFuture<'static, Vec<u8>> {
        Box::pin(std::future::ready(self))
    }
}

impl Received for ByteStream {
    /// What arrives up to `limit` bytes and until `until`: a body cut short
    /// is still an excerpt of what the service said.
    fn error_body(
        mut self,
        limit: usize,
        until: tokio::time::Instant,
    ) -> BoxFuture<'static, Vec<u8>> {
        Box::pin(async move {
            let mut body = Vec::new();
            while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(until, self.next_chunk()).await
            {
                let room = limit.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() >= limit {
                    break;
                }
            }
            body
        })
    }
}

async fn sleep(delay: Duration) {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
}

/// `http::Request` is not `Clone` (extensions may not be); ours carry none.
fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}
