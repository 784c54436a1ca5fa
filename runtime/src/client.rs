//! The call loop every generated operation method runs: find the project
//! or domain id, encode (sans-IO, generated), then per attempt get
//! credentials, authorize with a fresh date, send, and either decode, fail
//! over to the next endpoint, retry or fail.

use crate::config::{Clock, Config, ConfigError, ServiceInfo, Timeouts};
use crate::credentials::Source;
use crate::hook::{self, HookEvent, RequestView};
use crate::iam::{Lookup, ScopeIds};
use crate::retry::{self, Failure, RetryPolicy};
use crate::stream::ByteStream;
use crate::transport::{BoxFuture, Transport, TransportError, TransportErrorKind};
use crate::{
    BuildError, Call, Credentials, DecodeError, EncodeContext, Error, Operation, Output, Scope,
    ServiceError,
};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Never empty; tried in turn when no connection can be made.
    endpoints: Vec<String>,
    /// The endpoint calls start at: the last one a connection was made to.
    current: AtomicUsize,
    /// The region projects are looked up in.
    region: Option<String>,
    iam_endpoint: String,
    user_agent: String,
    credentials: Source,
    scope_ids: Arc<ScopeIds>,
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
            .field("scope", &self.inner.service.scope)
            .field("endpoints", &self.inner.endpoints)
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl ServiceClient {
    /// A client for `service`, with the endpoints, credentials and limits of
    /// `config`. Each call builds its own connection pool unless the config
    /// carries a transport: build clients once and clone them.
    pub fn new(config: &Config, service: ServiceInfo) -> Result<Self, ConfigError> {
        let region = service.region(config).map(str::to_owned);
        let iam_endpoint = config
            .iam_endpoint
            .clone()
            .unwrap_or_else(|| crate::iam::endpoint_for(region.as_deref()));
        Ok(Self {
            inner: Arc::new(Inner {
                endpoints: service.endpoints(config)?,
                current: AtomicUsize::new(0),
                region,
                iam_endpoint,
                user_agent: config.user_agent(service.client),
                credentials: config.credentials.clone(),
                scope_ids: config.scope_ids.clone(),
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

    /// The base URL calls start at.
    pub fn endpoint(&self) -> &str {
        let inner = &self.inner;
        &inner.endpoints[inner.current.load(Ordering::Relaxed) % inner.endpoints.len()]
    }

    /// Every base URL this client may send to, in the order they are tried.
    pub fn endpoints(&self) -> &[String] {
        &self.inner.endpoints
    }

    /// Whether the service's calls act in a project or for a domain.
    pub fn scope(&self) -> Scope {
        self.inner.service.scope
    }

    /// Sends `request`: finds the project or domain id, validates and
    /// encodes the request, then sends it as [`execute`](Self::execute) does.
    pub fn call<'a, R>(&'a self, request: &'a R) -> impl Call<R::Response> + 'a
    where
        R: Operation + Sync,
        R::Response: Send + 'static,
    {
        async move {
            let (encoded, scope_id) = self.encode_in_scope(request).await?;
            self.finish(R::NAME, encoded, &scope_id, whole, R::from_http_response)
                .await
        }
    }

    /// [`call`](Self::call) for a request that may not have been built
    /// (what a fluent call's `send` holds): a builder's error is
    /// `Error::Build`, and nothing is sent.
    pub fn call_built<'a, R>(
        &'a self,
        request: Result<R, BuildError>,
    ) -> impl Call<R::Response> + 'a
    where
        R: Operation + Send + Sync + 'a,
        R::Response: Send + 'static,
    {
        async move { self.call(&built(request)?).await }
    }

    /// Like [`call`](Self::call), but a success answer is returned as soon
    /// as its head is in, with the body to be read as it arrives: a download
    /// is never held in memory whole. Each chunk must arrive within the
    /// attempt timeout. An error answer (400 or more) is read whole.
    pub fn call_streaming<'a, R>(&'a self, request: &'a R) -> impl Call<ByteStream> + 'a
    where
        R: Operation + Sync,
    {
        async move {
            let (encoded, scope_id) = self.encode_in_scope(request).await?;
            self.stream(R::NAME, encoded, &scope_id).await
        }
    }

    /// [`call_streaming`](Self::call_streaming) for a request that may not
    /// have been built.
    pub fn call_streaming_built<'a, R>(
        &'a self,
        request: Result<R, BuildError>,
    ) -> impl Call<ByteStream> + 'a
    where
        R: Operation + Send + Sync + 'a,
    {
        async move { self.call_streaming(&built(request)?).await }
    }

    /// Validates and encodes `request` for this client: its endpoint, and
    /// the id of the project or domain the service's calls act in
    /// (configured, else looked up through IAM once). Nothing is sent to
    /// the service.
    pub async fn encode<R: Operation>(&self, request: &R) -> Result<http::Request<Vec<u8>>, Error> {
        Ok(self.encode_in_scope(request).await?.0)
    }

    /// [`encode`](Self::encode), and the scope id it filled in.
    async fn encode_in_scope<R: Operation>(
        &self,
        request: &R,
    ) -> Result<(http::Request<Vec<u8>>, String), Error> {
        let (_, scope_id) = self.credentials_in_scope(R::NAME).await?;
        let ctx = EncodeContext::new(self.endpoint()).with_scope_id(self.scope(), &scope_id);
        let encoded = request
            .to_http_request(&ctx)
            .map_err(|err| Error::from_request(R::NAME, err))?;
        Ok((encoded, scope_id))
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
        let request = request?;
        let (_, scope_id) = self.credentials_in_scope(operation).await?;
        self.finish(operation, request, &scope_id, whole, decode)
            .await
    }

    async fn finish<T>(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        scope_id: &str,
        how: Sender<Vec<u8>>,
        decode: fn(&http::Response<Vec<u8>>) -> Result<T, DecodeError>,
    ) -> Result<Output<T>, Error> {
        let answer = self.send(operation, request, scope_id, how).await?;
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

    async fn stream(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        scope_id: &str,
    ) -> Result<Output<ByteStream>, Error> {
        let answer = self.send(operation, request, scope_id, streamed).await?;
        let status = answer.response.status().as_u16();
        let (head, body) = answer.response.into_parts();
        let body = body.with_idle_timeout(self.inner.timeouts.attempt);
        Ok(Output::new(body, status, head.headers, answer.attempts))
    }

    /// `request` as an attempt sends it now: with the client's headers and
    /// the scope id, signed (or carrying the token). What a dry run shows.
    pub async fn authorized(
        &self,
        operation: &'static str,
        request: &http::Request<Vec<u8>>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let (credentials, scope_id) = self.credentials_in_scope(operation).await?;
        self.sign(operation, request, &credentials, &scope_id)
    }

    /// The credentials for the next attempt, and the id of the project or
    /// domain the call acts in.
    async fn credentials_in_scope(
        &self,
        operation: &'static str,
    ) -> Result<(Credentials, String), Error> {
        let credentials = self.credentials(operation).await?;
        let scope_id = self.scope_id(operation, &credentials).await?;
        Ok((credentials, scope_id))
    }

    /// The credentials for the next attempt, from the config's provider.
    async fn credentials(&self, operation: &'static str) -> Result<Credentials, Error> {
        self.inner
            .credentials
            .provide_credentials(self.scope())
            .await
            .map_err(|source| Error::Credentials { operation, source })
    }

    /// The id of the project or domain the service's calls act in: that of
    /// `credentials`, else IAM's (asked once per config).
    async fn scope_id(
        &self,
        operation: &'static str,
        credentials: &Credentials,
    ) -> Result<String, Error> {
        let inner = &self.inner;
        let scope = self.scope();
        if let Some(id) = credentials.id_for(scope) {
            return Ok(id.to_owned());
        }
        let lookup = Lookup {
            scope,
            credentials,
            region: inner.region.as_deref(),
            iam_endpoint: &inner.iam_endpoint,
            transport: &*inner.transport,
            user_agent: &inner.user_agent,
            now: (inner.clock)(),
            timeout: inner.timeouts.attempt,
        };
        inner
            .scope_ids
            .resolve(lookup)
            .await
            .map_err(|source| Error::Credentials { operation, source })
    }

    /// A copy of `request` with the scope header, signed (or carrying the
    /// token) with `credentials`, dated now.
    fn sign(
        &self,
        operation: &'static str,
        request: &http::Request<Vec<u8>>,
        credentials: &Credentials,
        scope_id: &str,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let inner = &self.inner;
        let mut signed = clone_request(request);
        credentials
            .authorize_in(
                &mut signed,
                self.scope(),
                scope_id,
                &inner.user_agent,
                (inner.clock)(),
            )
            .map_err(|source| Error::Authorize { operation, source })?;
        Ok(signed)
    }

    /// Sends `request` until it is answered with a status below 400, or
    /// fails for good, within one tracing span.
    async fn send<B: Received>(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        scope_id: &str,
        how: Sender<B>,
    ) -> Result<Answer<B>, Error> {
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.inner.service.id,
            operation,
            method = %request.method(),
            path = %crate::encode::UriSecrets::masked_path(&request, "***"),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.attempts(operation, request, scope_id, how)
            .instrument(span)
            .await
    }

    async fn attempts<B: Received>(
        &self,
        operation: &'static str,
        mut request: http::Request<Vec<u8>>,
        scope_id: &str,
        how: Sender<B>,
    ) -> Result<Answer<B>, Error> {
        let inner = &self.inner;
        let started = Instant::now();
        let deadline = started + inner.timeouts.total;
        let span = tracing::Span::current();
        let mut attempt = 0;
        // The endpoint the request is addressed to, if it is one of ours,
        // and how many endpoints this round of failover has tried.
        let mut at = self.endpoint_index_of(&request);
        let mut tried = 1;
        // Sends to the next endpoint after a refused connection: nothing
        // was sent, so they do not count against the retry policy.
        let mut failovers = 0;
        loop {
            attempt += 1;
            span.record("attempts", attempt);
            // Each attempt is signed anew, so a retry carries a fresh date;
            // credentials are asked anew, so temporary ones are renewed
            // before they expire.
            let credentials = self.credentials(operation).await?;
            let signed = self.sign(operation, &request, &credentials, scope_id)?;
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
            let result = crate::transport::within(budget, how(&*inner.transport, signed)).await;
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
                    if source.kind == TransportErrorKind::Connect && tried < inner.endpoints.len() {
                        if let Some(from) = at {
                            // Nothing was sent: go on to the next endpoint now.
                            let to = (from + 1) % inner.endpoints.len();
                            rebase(&mut request, &inner.endpoints[from], &inner.endpoints[to]);
                            inner.current.store(to, Ordering::Relaxed);
                            tracing::warn!(attempt, endpoint = %inner.endpoints[to], error = %source, "could not connect; trying the next endpoint");
                            at = Some(to);
                            tried += 1;
                            failovers += 1;
                            continue;
                        }
                    }
                    let failure = match source.kind {
                        TransportErrorKind::Connect => Failure::Connect,
                        TransportErrorKind::BodyTooLarge { .. }
                        | TransportErrorKind::Unsupported => Failure::Final,
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

            let counted = attempt - failovers;
            if !inner.retry.should_retry(request.method(), failure, counted) {
                return Err(error);
            }
            let delay = inner.retry.delay(counted, retry_after);
            if Instant::now() + delay >= deadline {
                tracing::warn!(attempt, error = %error, "giving up: no time left for a retry");
                return Err(error);
            }
            tracing::info!(attempt, delay_ms = delay.as_millis() as u64, error = %error, "retrying");
            tried = 1;
            sleep(delay).await;
        }
    }

    /// Which of the endpoints `request` is addressed to.
    fn endpoint_index_of(&self, request: &http::Request<Vec<u8>>) -> Option<usize> {
        let uri = request.uri().to_string();
        self.inner
            .endpoints
            .iter()
            .position(|endpoint| addressed_to(&uri, endpoint))
    }
}

/// The request for a built request, or the builder's error.
fn built<R: Operation>(request: Result<R, BuildError>) -> Result<R, Error> {
    request.map_err(|source| Error::Build {
        operation: R::NAME,
        source,
    })
}

/// Whether `uri` is at `endpoint`: its prefix, up to a path, query or the
/// end (`https://a.example:8443/x` is not at `https://a.example`).
fn addressed_to(uri: &str, endpoint: &str) -> bool {
    uri.strip_prefix(endpoint)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
}

/// Readdresses `request` from one endpoint to another, the path and query
/// kept as they were encoded.
fn rebase(request: &mut http::Request<Vec<u8>>, from: &str, to: &str) {
    let uri = request.uri().to_string();
    if let Some(rest) = uri.strip_prefix(from) {
        if let Ok(moved) = format!("{to}{rest}").parse() {
            *request.uri_mut() = moved;
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

/// `http::Request` is not `Clone` (extensions may not be); ours carry only
/// the marks of their secrets, copied here.
fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    // Which path segments and query values are secrets, for hooks and logs.
    if let Some(secret) = request.extensions().get::<crate::encode::UriSecrets>() {
        copy.extensions_mut().insert(secret.clone());
    }
    copy
}

#[cfg(test)]
mod tests {
    use super::{addressed_to, clone_request};

    /// Each attempt signs a copy: the copy keeps which query values are
    /// secrets, or hooks would show them.
    #[test]
    fn a_copy_keeps_the_secret_marks() {
        let mut builder = crate::encode::RequestBuilder::new(http::Method::GET, "/x".to_owned());
        builder.secret_query("token", "t-secret");
        let request = builder
            .build(&crate::encode::EncodeContext::new("http://127.0.0.1:1"))
            .unwrap();
        let copy = clone_request(&request);
        assert_eq!(
            crate::hook::RequestView(&copy).uri(),
            "http://127.0.0.1:1/x?token=***"
        );
    }

    #[test]
    fn a_request_is_at_an_endpoint_up_to_a_path_or_query_only() {
        for (uri, endpoint, at) in [
            ("https://a.example/v5/x", "https://a.example", true),
            ("https://a.example?q=1", "https://a.example", true),
            ("https://a.example", "https://a.example", true),
            ("https://a.example:8443/v5/x", "https://a.example", false),
            ("https://a.example.evil/v5", "https://a.example", false),
            ("https://b.example/v5", "https://a.example", false),
        ] {
            assert_eq!(addressed_to(uri, endpoint), at, "{uri} at {endpoint}");
        }
    }
}
