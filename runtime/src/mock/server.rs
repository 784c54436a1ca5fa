//! The mock engine over HTTP/1.1, for tests in other languages and for the
//! command line: each connection is served on its own task, each request
//! read whole (up to [`MAX_BODY_BYTES`]) and handed to [`Engine::handle`].

use super::{Engine, Reply};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

/// The largest request body the server reads; a larger one gets 413.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long a client may take to send its request headers, and then its
/// body: a connection that stalls is closed rather than held for ever.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// A running mock server. Dropping it stops it: no new connections, and
/// the open ones (kept alive in a client's pool) are closed.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub(super) async fn start(engine: Engine, addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept(listener, engine));
        Ok(Self { addr, task })
    }

    /// The address it listens on (with the port chosen, for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, the endpoint to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves until the task ends (it does not, unless the runtime shuts
    /// down).
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Aborting the accept task drops its `JoinSet`, which aborts every
        // connection task with it.
        self.task.abort();
    }
}

async fn accept(listener: TcpListener, engine: Engine) {
    let mut connections = JoinSet::new();
    loop {
        // Forget the connections that have ended.
        while connections.try_join_next().is_some() {}
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of file descriptors and the like: wait, then go on.
                tracing::warn!(error = %err, "mock server: accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let engine = engine.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let engine = engine.clone();
                async move { Ok::<_, Infallible>(respond(&engine, request).await) }
            });
            let served = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            if let Err(err) = served {
                tracing::debug!(error = %err, "mock server: connection ended with an error");
            }
        });
    }
}

async fn respond(engine: &Engine, request: http::Request<Incoming>) -> http::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(READ_TIMEOUT, Limited::new(body, MAX_BODY_BYTES).collect());
    let response = match read.await {
        Ok(Ok(body)) => engine.handle(&http::Request::from_parts(parts, body.to_bytes().to_vec())),
        Err(_) => Reply::error(
            408,
            "MOCK.0408",
            &format!(
                "the request body did not arrive within {} s",
                READ_TIMEOUT.as_secs()
            ),
        )
        .into_response("mock-unread"),
        Ok(Err(err)) => {
            let too_large = err
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some();
            let reply = if too_large {
                Reply::error(
                    413,
                    "MOCK.0413",
                    &format!("the request body is over {MAX_BODY_BYTES} bytes"),
                )
            } else {
                Reply::error(
                    400,
                    "MOCK.0400",
                    &format!("the request body could not be read: {err}"),
                )
            };
            reply.into_response("mock-unread")
        }
    };
    response.map(|body| Full::new(Bytes::from(body)))
}
