//! A test double of a service: answers each operation with a documented
//! example (or a valid sample), checks every request as strictly as the
//! generated client does (and, given credentials, its signature), and can
//! be programmed per operation with typed values.
//!
//! The [`Engine`] is a [`Transport`], so a client can be built on it with no
//! socket at all; [`Engine::serve`] puts the same engine behind HTTP on a
//! local port. Generated crates wrap it in a typed `Mock` per service (their
//! `mock` feature), with one method per operation returning its [`Rule`].
//!
//! A refused request gets the vendor's error shape (`error_code`,
//! `error_msg`): 400 for a request the service would refuse, 401 for a
//! missing or wrong signature, 404 for a path no operation has, 405 for a
//! method the path does not take, 415 for a body whose `Content-Type` is not
//! the one the operation takes (JSON, a form or bytes). Each refusal is also kept, with its reason, for
//! the test to read ([`Engine::rejections`]).

pub(crate) mod read;
mod reply;
mod server;

pub use reply::Reply;
pub use server::Server;

use crate::describe::OperationInfo;
use crate::sign;
use crate::transport::{BoxFuture, Transport, TransportError};
use crate::{Credentials, Operation, Validate};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// A received request, decoded into its generated type.
type Received = Arc<dyn Any + Send + Sync>;

/// A programmed answer over the received (typed) request.
type Answerer = Arc<dyn Fn(&dyn Any) -> Reply + Send + Sync>;

/// Path parameters captured from a request's path, by name.
type Captured = Vec<(&'static str, String)>;

/// A request type the mock can serve: generated for every operation (behind
/// the `mock` feature).
pub trait Mocked:
    Operation + DeserializeOwned + Validate + Clone + fmt::Debug + Send + Sync + 'static
{
    /// The operation's method, path, parameters and documented answers.
    fn describe() -> &'static OperationInfo;

    /// A decoded answer as the service would send it: its documented
    /// status, and its body as JSON.
    fn answer(response: Self::Response) -> Reply;
}

/// One operation the engine serves: what it is, and how to turn a recorded
/// call into its typed request.
#[derive(Clone, Copy)]
pub struct Route {
    info: &'static OperationInfo,
    accept: fn(serde_json::Value) -> Result<Received, String>,
}

impl Route {
    pub fn of<R: Mocked>() -> Self {
        Self {
            info: R::describe(),
            accept: accept::<R>,
        }
    }

    pub fn info(&self) -> &'static OperationInfo {
        self.info
    }
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Route").field(&self.info.name).finish()
    }
}

/// Why a recorded call is not a valid request.
pub(crate) enum Unfit {
    /// It does not decode into the request type (a missing required field,
    /// a value of the wrong type).
    Shape(String),
    /// It decodes, but breaks documented rules.
    Invalid(crate::Violations),
}

/// Decodes a recorded call into `R` and checks it as the client would: what
/// the mock accepts and what the command line sends are the same requests.
pub(crate) fn decode_call<R: Mocked>(call: serde_json::Value) -> Result<R, Unfit> {
    let request: R = serde_json::from_value(call).map_err(|err| Unfit::Shape(err.to_string()))?;
    request.validate().map_err(Unfit::Invalid)?;
    Ok(request)
}

fn accept<R: Mocked>(call: serde_json::Value) -> Result<Received, String> {
    match decode_call::<R>(call) {
        Ok(request) => Ok(Arc::new(request)),
        Err(Unfit::Shape(why)) => Err(why),
        Err(Unfit::Invalid(violations)) => Err(violations.to_string()),
    }
}

/// A request the mock refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The operation the request was for, when its path and method found one.
    pub operation: Option<&'static str>,
    pub status: u16,
    pub error_code: &'static str,
    pub reason: String,
}

/// The mock service. Clones share routes, programmed answers and records.
#[derive(Clone)]
pub struct Engine {
    shared: Arc<Shared>,
}

struct Shared {
    routes: Vec<Route>,
    state: Mutex<State>,
    requests: AtomicU64,
}

/// How many calls per operation, and how many refusals, are kept: a
/// long-running mock server keeps the latest, not every one.
const MAX_RECORDS: usize = 10_000;

/// Appends `item`, dropping the oldest beyond [`MAX_RECORDS`].
fn record<T>(records: &mut VecDeque<T>, item: T) {
    if records.len() == MAX_RECORDS {
        records.pop_front();
    }
    records.push_back(item);
}

#[derive(Default)]
struct State {
    /// Checks signatures (or the token) when set.
    credentials: Option<Credentials>,
    /// One per route, by index.
    operations: Vec<OperationState>,
    rejections: VecDeque<Rejection>,
}

#[derive(Default)]
struct OperationState {
    calls: VecDeque<Received>,
    /// Answers for the next calls, one each, before the standing one.
    queued: VecDeque<Reply>,
    standing: Option<Standing>,
}

#[derive(Clone)]
enum Standing {
    Reply(Reply),
    With(Answerer),
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("routes", &self.shared.routes)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Serves `routes`; with several services, the first route whose path
    /// and method match a request (most literal segments first) takes it.
    pub fn new(routes: impl IntoIterator<Item = Route>) -> Self {
        let routes: Vec<Route> = routes.into_iter().collect();
        let operations = routes.iter().map(|_| OperationState::default()).collect();
        Self {
            shared: Arc::new(Shared {
                routes,
                state: Mutex::new(State {
                    operations,
                    ..State::default()
                }),
                requests: AtomicU64::new(0),
            }),
        }
    }

    /// From now on, requests must be signed with `credentials` (or, for a
    /// token, carry it); else they are refused with 401.
    pub fn verify_with(&self, credentials: Credentials) {
        self.state().credentials = Some(credentials);
    }

    /// The rule of `R`'s operation: program its answers, read its calls.
    ///
    /// # Panics
    ///
    /// If the engine does not serve `R`'s operation: a mistake in the test,
    /// not in the request under test. Generated `Mock`s only ask for their
    /// own operations.
    pub fn rule<R: Mocked>(&self) -> Rule<'_, R> {
        let info = R::describe();
        let index = self
            .shared
            .routes
            .iter()
            .position(|route| std::ptr::eq(route.info, info))
            .unwrap_or_else(|| panic!("this mock does not serve {}", info.name));
        Rule {
            engine: self,
            index,
            _request: PhantomData,
        }
    }

    /// Every request refused so far (the latest 10 000), oldest first.
    pub fn rejections(&self) -> Vec<Rejection> {
        self.state().rejections.iter().cloned().collect()
    }

    /// The operations served.
    pub fn routes(&self) -> &[Route] {
        &self.shared.routes
    }

    /// Answers one request.
    pub fn handle(&self, request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let number = self.shared.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = format!("mock-{number:08}");
        let reply = match self.answer(request) {
            Ok(reply) => reply,
            Err(rejection) => {
                tracing::debug!(
                    operation = rejection.operation,
                    status = rejection.status,
                    reason = %rejection.reason,
                    "mock: request refused"
                );
                let reply = Reply::error(rejection.status, rejection.error_code, &rejection.reason);
                record(&mut self.state().rejections, rejection);
                reply
            }
        };
        reply.into_response(&request_id)
    }

    fn answer(&self, request: &http::Request<Vec<u8>>) -> Result<Reply, Rejection> {
        let (index, captured) = self.route(request)?;
        let info = self.shared.routes[index].info;
        let refuse = |status, error_code, reason: String| Rejection {
            operation: Some(info.name),
            status,
            error_code,
            reason,
        };
        let credentials = self.state().credentials.clone();
        if let Some(credentials) = credentials {
            check_credentials(request, &credentials)
                .map_err(|reason| refuse(401, "MOCK.0401", reason))?;
        }
        if let Some(body) = info.body.filter(|_| !request.body().is_empty()) {
            let sent = request
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if crate::media::essence(sent) != crate::media::essence(body.content_type) {
                let reason = format!(
                    "the body is sent as `{sent}`; this operation takes `{}`",
                    body.content_type
                );
                return Err(refuse(415, "MOCK.0415", reason));
            }
        }
        let call = read::call(info, request, &captured)
            .map_err(|reason| refuse(400, "MOCK.0400", reason))?;
        let past_first_page = info.paging.is_some_and(|paging| {
            call.get(paging.offset_param)
                .and_then(serde_json::Value::as_i64)
                .is_some_and(|offset| offset > 0)
        });
        let received = (self.shared.routes[index].accept)(call)
            .map_err(|reason| refuse(400, "MOCK.0400", reason))?;

        let standing = {
            let mut state = self.state();
            let operation = &mut state.operations[index];
            record(&mut operation.calls, received.clone());
            if let Some(reply) = operation.queued.pop_front() {
                return Ok(reply);
            }
            operation.standing.clone()
        };
        // A closure runs without the lock: it may read the rule's calls.
        Ok(match standing {
            Some(Standing::Reply(reply)) => reply,
            Some(Standing::With(answer)) => answer(received.as_ref()),
            None => sample(info, past_first_page),
        })
    }

    /// The route that takes `request`, and the path parameters it captured.
    fn route(&self, request: &http::Request<Vec<u8>>) -> Result<(usize, Captured), Rejection> {
        let path = request.uri().path();
        // (route index, literal segments matched, captured parameters)
        let mut best: Option<(usize, usize, Captured)> = None;
        let mut path_known = false;
        for (index, route) in self.shared.routes.iter().enumerate() {
            let Some((literal, captured)) = read::match_path(route.info.path, path) else {
                continue;
            };
            path_known = true;
            let better = best.as_ref().is_none_or(|(_, most, _)| literal > *most);
            if route
                .info
                .method
                .eq_ignore_ascii_case(request.method().as_str())
                && better
            {
                best = Some((index, literal, captured));
            }
        }
        match best {
            Some((index, _, captured)) => Ok((index, captured)),
            None => Err(Rejection {
                operation: None,
                status: if path_known { 405 } else { 404 },
                error_code: if path_known { "MOCK.0405" } else { "MOCK.0404" },
                reason: if path_known {
                    format!("no operation takes {} {path}", request.method())
                } else {
                    format!("no operation has the path {path}")
                },
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the records as
        // they were, which is still what the test wants to read.
        self.shared
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts the engine behind HTTP on `addr` (`127.0.0.1:0` for any free
    /// port); see [`Server`].
    pub async fn serve(&self, addr: std::net::SocketAddr) -> std::io::Result<Server> {
        Server::start(self.clone(), addr).await
    }
}

impl Transport for Engine {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let response = self.handle(&request);
        Box::pin(async move { Ok(response) })
    }
}

/// The operation's first documented answer, with its sample body. Past
/// the first page of a paged operation the sample's items are left out, so
/// that a client walking the pages comes to an end.
fn sample(info: &OperationInfo, past_first_page: bool) -> Reply {
    let Some(answer) = info.default_answer() else {
        return Reply::status(200);
    };
    let Some(body) = answer.sample else {
        return Reply::status(answer.status);
    };
    if let (true, Some(paging)) = (past_first_page, info.paging) {
        if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(body) {
            if let Some(items) = value.get_mut(paging.items_field) {
                *items = serde_json::Value::Array(Vec::new());
                return Reply::json(answer.status, &value);
            }
        }
    }
    Reply::raw(answer.status, "application/json", body.as_bytes())
}

/// Whether `request` proves it comes from `credentials`.
fn check_credentials(
    request: &http::Request<Vec<u8>>,
    credentials: &Credentials,
) -> Result<(), String> {
    match credentials {
        Credentials::AccessKey { key, .. } => {
            sign::verify(request, key).map_err(|err| format!("bad signature: {err}"))
        }
        Credentials::Token { token, .. } => {
            let given = request.headers().get("x-auth-token").map(|v| v.as_bytes());
            if given == Some(token.expose().as_bytes()) {
                Ok(())
            } else {
                Err("the `X-Auth-Token` header is missing or not the expected token".to_owned())
            }
        }
    }
}

/// One operation of an [`Engine`]: what it answers, and what it received.
///
/// Answers are taken in this order: those queued with [`Rule::then`] (one
/// call each), then the standing answer ([`Rule::returns`],
/// [`Rule::reply`], [`Rule::respond_with`]), else the documented example.
pub struct Rule<'m, R> {
    engine: &'m Engine,
    index: usize,
    _request: PhantomData<fn() -> R>,
}

impl<R> fmt::Debug for Rule<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Rule")
            .field(&self.engine.shared.routes[self.index].info.name)
            .finish()
    }
}

impl<R: Mocked> Rule<'_, R> {
    /// `response` as the service would send it (its documented status).
    pub fn answer(&self, response: R::Response) -> Reply {
        R::answer(response)
    }

    /// Answers every call with `response`.
    pub fn returns(&self, response: R::Response) -> &Self {
        self.reply(R::answer(response))
    }

    /// Answers every call with `reply`.
    pub fn reply(&self, reply: Reply) -> &Self {
        self.with_state(|op| op.standing = Some(Standing::Reply(reply)));
        self
    }

    /// Answers every call with what `answer` makes of the typed request.
    pub fn respond_with(&self, answer: impl Fn(&R) -> Reply + Send + Sync + 'static) -> &Self {
        let name = R::describe().name;
        let answer = move |received: &dyn Any| match received.downcast_ref::<R>() {
            Some(request) => answer(request),
            None => Reply::error(
                500,
                "MOCK.0500",
                &format!("{name}: the request has another type"),
            ),
        };
        self.with_state(|op| op.standing = Some(Standing::With(Arc::new(answer))));
        self
    }

    /// Answers the next call with `reply` (after any queued before it).
    pub fn then(&self, reply: Reply) -> &Self {
        self.with_state(|op| op.queued.push_back(reply));
        self
    }

    /// Answers the next calls with `replies`, one each, in order: e.g. 503,
    /// 503, then a success, to test retries.
    pub fn sequence(&self, replies: impl IntoIterator<Item = Reply>) -> &Self {
        self.with_state(|op| op.queued.extend(replies));
        self
    }

    /// Answers every call with an error in the vendor's shape.
    pub fn fails(&self, status: u16, error_code: &str, error_msg: &str) -> &Self {
        self.reply(Reply::error(status, error_code, error_msg))
    }

    /// The requests received and accepted so far (the latest 10 000),
    /// oldest first.
    pub fn calls(&self) -> Vec<R> {
        self.with_state(|op| {
            op.calls
                .iter()
                .filter_map(|call| call.downcast_ref::<R>().cloned())
                .collect()
        })
    }

    /// How many requests were received and accepted.
    pub fn count(&self) -> usize {
        self.with_state(|op| op.calls.len())
    }

    /// Forgets the calls and programmed answers: back to the example.
    pub fn reset(&self) {
        self.with_state(|op| *op = OperationState::default());
    }

    fn with_state<T>(&self, f: impl FnOnce(&mut OperationState) -> T) -> T {
        f(&mut self.engine.state().operations[self.index])
    }
}
