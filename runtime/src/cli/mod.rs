//! A command-line client for generated services: `<service> <operation>`
//! with one flag per parameter, checked against every documented rule
//! before anything is sent, plus `mock` to serve a local test double.
//!
//! Generated crates list their operations ([`App`], behind their `cli`
//! feature) and call [`main`]; everything else is here, compiled once. The
//! flags come from the generated [`OperationInfo`]s, and the flag values go
//! through the generated request types (so validation is the client's own);
//! an answer is printed as the service sent it, once it decodes as
//! documented.
//!
//! Exit status: 0 success; 1 the service or the connection failed; 2 a
//! usage error or an invalid request (nothing sent).

mod args;
mod output;

use crate::describe::{Location, OperationInfo};
use crate::mock::{Engine, Mocked, Route, Unfit};
use crate::transport::BoxFuture;
use crate::Environment;
use crate::{
    Config, Credentials, DecodeError, Error, Paginated, ServiceClient, ServiceInfo, Violations,
};
use serde::Serialize;
use serde_json::Value;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

/// Flags every command takes, anywhere on the line.
const GLOBAL_FLAGS: &[(&str, &str)] = &[
    (
        "endpoint",
        "Send to this base URL instead of the service's (e.g. a mock's)",
    ),
    (
        "region",
        "The region whose endpoint to use (default: the spec's, or HWCLOUD_REGION)",
    ),
    ("output", "How to print the answer"),
    (
        "dry-run",
        "Print the signed request (secrets replaced) instead of sending it",
    ),
];

/// The whole command line of a generated crate.
#[derive(Debug)]
pub struct App {
    name: &'static str,
    version: &'static str,
    about: &'static str,
    services: Vec<Service>,
}

/// One service's subcommand.
#[derive(Debug)]
pub struct Service {
    id: &'static str,
    about: &'static str,
    info: ServiceInfo,
    commands: Vec<Command>,
}

/// Why [`App::send_json`] has no answer.
#[derive(Debug, thiserror::Error)]
pub enum JsonCallError {
    /// No such service or operation, or `call` is not a request of it;
    /// nothing was sent.
    #[error("{0}")]
    Unusable(String),
    /// The call failed as any call can (`Error::was_sent` tells whether the
    /// request left).
    #[error(transparent)]
    Call(#[from] Error),
}

/// One operation's subcommand.
pub struct Command {
    route: Route,
    run: Run,
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Command")
            .field(&self.route.info().command)
            .finish()
    }
}

/// Sends (or shows) a call given as a recorded call: compiled once per
/// operation, from the generic functions below.
type Run = for<'c> fn(&'c ServiceClient, Value, Mode) -> BoxFuture<'c, Result<Outcome, Failure>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    DryRun,
    Send,
    AllPages,
}

enum Outcome {
    /// The signed request, not sent.
    DryRun(Box<http::Request<Vec<u8>>>),
    /// The answer's body, as the service would send it.
    Answer(Vec<u8>),
}

enum Failure {
    /// The flags do not make a valid request: exit 2.
    Usage(String),
    /// The request breaks documented rules: exit 2, each rule by flag.
    Invalid(Violations),
    /// The call failed: exit 1 (or 2 when it never left).
    Call(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Call(error)
    }
}

impl App {
    pub fn new(name: &'static str, version: &'static str, about: &'static str) -> Self {
        Self {
            name,
            version,
            about,
            services: Vec::new(),
        }
    }

    /// Adds a service: `id` is its subcommand, `info` where it lives.
    pub fn service(
        mut self,
        id: &'static str,
        about: &'static str,
        info: ServiceInfo,
        commands: Vec<Command>,
    ) -> Self {
        self.services.push(Service {
            id,
            about,
            info,
            commands,
        });
        self
    }

    /// Sends one call the way the command line sends it, for programs that
    /// hold their requests as JSON (scripts, tests against another client's
    /// captures): `service` is the service's subcommand (`hss`), `operation`
    /// the `operationId` (`ListRegistry`), `call` the parameters by wire
    /// name with the body under `"body"`. Returns the answer's body.
    pub async fn send_json(
        &self,
        service: &str,
        operation: &str,
        call: Value,
        config: &Config,
    ) -> Result<Vec<u8>, JsonCallError> {
        let service = self
            .services
            .iter()
            .find(|s| s.id == service)
            .ok_or_else(|| JsonCallError::Unusable(format!("no service `{service}`")))?;
        let command = service
            .commands
            .iter()
            .find(|c| c.route.info().name == operation)
            .ok_or_else(|| {
                JsonCallError::Unusable(format!("{}: no operation `{operation}`", service.id))
            })?;
        let client = ServiceClient::new(config, service.info)
            .map_err(|e| JsonCallError::Unusable(e.to_string()))?;
        match (command.run)(&client, call, Mode::Send).await {
            Ok(Outcome::Answer(body)) => Ok(body),
            Ok(Outcome::DryRun(_)) => unreachable!("sent, not shown"),
            Err(Failure::Usage(why)) => Err(JsonCallError::Unusable(why)),
            Err(Failure::Invalid(violations)) => Err(JsonCallError::Call(Error::Invalid {
                operation: command.route.info().name,
                violations,
            })),
            Err(Failure::Call(error)) => Err(JsonCallError::Call(error)),
        }
    }

    /// Runs one command line (`args` with the program name first), reading
    /// the environment through `env`; returns the exit status.
    pub fn run(
        &self,
        args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
        stdin: &mut dyn Read,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> u8 {
        let env: Environment = Arc::new(env);
        let matches = match args::command(self).try_get_matches_from(args) {
            Ok(matches) => matches,
            Err(err) => {
                let text = err.render().to_string();
                return if err.use_stderr() {
                    let _ = write!(stderr, "{text}");
                    2
                } else {
                    let _ = write!(stdout, "{text}");
                    0
                };
            }
        };
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(err) => {
                let _ = writeln!(stderr, "error: cannot start the async runtime: {err}");
                return 1;
            }
        };
        let Some((group, sub)) = matches.subcommand() else {
            return 2;
        };
        if group == "mock" {
            return runtime.block_on(self.mock(sub, &*env, stdout, stderr));
        }
        let Some(service) = self.services.iter().find(|s| s.id == group) else {
            return 2;
        };
        let Some((name, sub)) = sub.subcommand() else {
            return 2;
        };
        let Some(command) = service
            .commands
            .iter()
            .find(|c| c.route.info().command == name)
        else {
            return 2;
        };
        runtime.block_on(self.call(service, command, sub, &env, stdin, stdout, stderr))
    }

    #[allow(clippy::too_many_arguments)]
    async fn call(
        &self,
        service: &Service,
        command: &Command,
        matches: &clap::ArgMatches,
        env: &Environment,
        stdin: &mut dyn Read,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> u8 {
        let info = command.route.info();
        let usage = |stderr: &mut dyn Write, message: &str| {
            let _ = writeln!(stderr, "error: {message}");
            2
        };
        let call = match args::call(info, matches, stdin) {
            Ok(call) => call,
            Err(message) => return usage(stderr, &message),
        };
        let client = match client(service.info, matches, env) {
            Ok(client) => client,
            Err(message) => return usage(stderr, &message),
        };
        let mode = if matches.get_flag("dry-run") {
            Mode::DryRun
        } else if info.paging.is_some() && matches.get_flag(args::ALL) {
            Mode::AllPages
        } else {
            Mode::Send
        };
        let table = matches
            .get_one::<String>("output")
            .is_some_and(|o| o == "table");
        match (command.run)(&client, call, mode).await {
            Ok(Outcome::DryRun(request)) => {
                let _ = write!(stdout, "{}", output::dry_run(&request, info));
                0
            }
            Ok(Outcome::Answer(body)) => {
                let _ = write!(stdout, "{}", output::answer(&body, table));
                0
            }
            Err(Failure::Usage(message)) => usage(stderr, &message),
            Err(Failure::Invalid(violations)) => {
                let _ = writeln!(stderr, "error: the request breaks documented rules:");
                for violation in violations.iter() {
                    let flag = flag_of(info, &violation.path);
                    let _ = writeln!(stderr, "  {flag}{violation}");
                }
                2
            }
            Err(Failure::Call(error)) => {
                let _ = writeln!(stderr, "error: {error}");
                if let Some(id) = error.request_id() {
                    let _ = writeln!(stderr, "request id: {id}");
                }
                if caller_at_fault(&error) {
                    2
                } else {
                    1
                }
            }
        }
    }

    /// `mock`: every service's operations behind one local HTTP server.
    async fn mock(
        &self,
        matches: &clap::ArgMatches,
        env: &dyn Fn(&str) -> Option<String>,
        stdout: &mut dyn Write,
        stderr: &mut dyn Write,
    ) -> u8 {
        let routes = self
            .services
            .iter()
            .flat_map(|s| s.commands.iter().map(|c| c.route));
        let engine = Engine::new(routes);
        if env(crate::credentials::ENV_ACCESS_KEY).is_some() {
            match Credentials::from_vars(env) {
                Ok(credentials) => engine.verify_with(credentials),
                Err(err) => {
                    let _ = writeln!(stderr, "error: {err}");
                    return 2;
                }
            }
        }
        let addr = matches.get_one::<String>("addr").map_or("", String::as_str);
        let addr = match tokio::net::lookup_host(addr).await.map(|mut a| a.next()) {
            Ok(Some(addr)) => addr,
            _ => {
                let _ = writeln!(
                    stderr,
                    "error: --addr {addr}: not a HOST:PORT this machine can listen on"
                );
                return 2;
            }
        };
        let server = match engine.serve(addr).await {
            Ok(server) => server,
            Err(err) => {
                let _ = writeln!(stderr, "error: cannot listen on {addr}: {err}");
                return 1;
            }
        };
        let _ = writeln!(stdout, "listening on {}", server.url());
        let _ = stdout.flush();
        server.wait().await;
        0
    }
}

/// Runs the command line of the process, for a generated `main`.
pub fn main(app: App) -> ExitCode {
    let env = crate::env::process_var;
    let status = app.run(
        std::env::args_os(),
        env,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status)
}

/// The client for `service`: credentials from the environment, endpoint and
/// region from the flags (else the environment, else the spec).
fn client(
    service: ServiceInfo,
    matches: &clap::ArgMatches,
    env: &Environment,
) -> Result<ServiceClient, String> {
    let env = env.clone();
    let mut config = Config::from_vars(move |name| env(name)).map_err(|err| {
        format!("no credentials: {err} (set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or a credentials file)")
    })?;
    // The flags win over the environment.
    if let Some(region) = matches.get_one::<String>("region") {
        config = config.with_region(region.clone());
    }
    if let Some(endpoint) = matches.get_one::<String>("endpoint") {
        config = config.with_endpoint(endpoint.clone());
    }
    ServiceClient::new(&config, service).map_err(|err| err.to_string())
}

/// `--flag ` for the parameter or body field a violation's path starts
/// with (`query.limit` -> `--limit `), or nothing.
fn flag_of(info: &OperationInfo, path: &str) -> String {
    let mut steps = path.splitn(2, '.');
    let (place, rest) = (steps.next().unwrap_or(""), steps.next().unwrap_or(""));
    let name = rest
        .split(['.', '['])
        .next()
        .unwrap_or("")
        .trim_matches('"');
    let location = match place {
        "path" => Some(Location::Path),
        "query" => Some(Location::Query),
        "header" => Some(Location::Header),
        _ => None,
    };
    let flag = match location {
        Some(location) => info.param(name, location).map(|p| p.flag),
        None => info
            .body
            .and_then(|b| b.fields.iter().find(|f| f.name == name))
            .map(|f| f.flag),
    };
    match flag {
        Some(flag) if !flag.is_empty() => format!("--{flag}: "),
        _ if place == "body" => "--body: ".to_owned(),
        _ => String::new(),
    }
}

impl Command {
    /// The subcommand of `R`'s operation.
    pub fn of<R: Mocked>() -> Self
    where
        R::Response: Send,
    {
        Self {
            route: Route::of::<R>(),
            run: run::<R>,
        }
    }

    /// The subcommand of a paged operation: `--all` fetches every page.
    pub fn paged<R: Mocked + Paginated>() -> Self
    where
        R::Response: Send,
        R::Page: Serialize + Clone + PartialEq + Send + 'static,
    {
        Self {
            route: Route::of::<R>(),
            run: run_paged::<R>,
        }
    }
}

/// The typed request of a recorded call, checked.
fn typed<R: Mocked>(call: Value) -> Result<R, Failure> {
    crate::mock::decode_call::<R>(call).map_err(|unfit| match unfit {
        Unfit::Shape(why) => Failure::Usage(why),
        Unfit::Invalid(violations) => Failure::Invalid(violations),
    })
}

/// Checks that an answer decodes as the spec documents it, then keeps the
/// body as the service sent it: what is printed is the service's answer,
/// with any field the spec does not know, not a re-encoding of it.
fn documented_body<R: Mocked>(response: &http::Response<Vec<u8>>) -> Result<Vec<u8>, DecodeError> {
    R::from_http_response(response)?;
    Ok(response.body().clone())
}

fn run<R: Mocked>(
    client: &ServiceClient,
    call: Value,
    mode: Mode,
) -> BoxFuture<'_, Result<Outcome, Failure>>
where
    R::Response: Send,
{
    Box::pin(async move {
        let request = typed::<R>(call)?;
        let encoded = client.encode(&request).await?;
        if mode == Mode::DryRun {
            return Ok(Outcome::DryRun(Box::new(
                client.authorized(R::NAME, &encoded).await?,
            )));
        }
        let output = client
            .execute(R::NAME, Ok(encoded), documented_body::<R>)
            .await?;
        Ok(Outcome::Answer(output.into_inner()))
    })
}

fn run_paged<R: Mocked + Paginated>(
    client: &ServiceClient,
    call: Value,
    mode: Mode,
) -> BoxFuture<'_, Result<Outcome, Failure>>
where
    R::Response: Send,
    R::Page: Serialize + Clone + PartialEq + Send + 'static,
{
    if mode != Mode::AllPages {
        return run::<R>(client, call, mode);
    }
    Box::pin(async move {
        let first = typed::<R>(call)?;
        let sender = client.clone();
        let mut pages = crate::paging::pages_of(first, move |request: R| {
            let client = sender.clone();
            async move { client.call(&request).await }
        });
        let mut all = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page?.into_inner();
            all.push(serde_json::to_value(&page).map_err(|err| Failure::Usage(err.to_string()))?);
        }
        Ok(Outcome::Answer(Value::Array(all).to_string().into_bytes()))
    })
}

/// Whether the flags or the request are at fault (exit 2): nothing was
/// sent, and trying again as is cannot help. A credentials lookup that
/// failed during the call (the metadata service, IAM) or keys that could
/// not be renewed are failures like a service's (exit 1); missing or
/// unusable configured keys are refused before any call, when the client
/// is made (`client`).
fn caller_at_fault(error: &crate::Error) -> bool {
    !error.was_sent() && !matches!(error, crate::Error::Credentials { .. })
}
