//! Temporary credentials from the ECS metadata service, as the vendor's
//! SDKs get them on an instance with an agency: an optional session token
//! (`PUT /meta-data/latest/api/token`), then
//! `GET /openstack/latest/securitykey`, renewed before they expire.

use super::timestamp::parse_rfc3339;
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::config::Clock;
// Error answers of the metadata service carry no secrets; success answers
// are never shown.
use crate::decode::Excerpt;
use crate::scope::Scope;
use crate::transport::{within, BoxFuture, HttpTransport, Transport, Unavailable};
use crate::SecretString;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Where the metadata service answers on an ECS instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://169.254.169.254";
/// Ours, not the SDKs': another address for the metadata service (a test's
/// fake one, or a proxy on a machine that reaches it through one).
pub const ENV_METADATA_ENDPOINT: &str = "HWCLOUD_METADATA_ENDPOINT";

const TOKEN_PATH: &str = "/meta-data/latest/api/token";
const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
const TOKEN_HEADER: &str = "X-Metadata-Token";
const TOKEN_TTL_HEADER: &str = "X-Metadata-Token-Ttl-Seconds";
/// The session token is asked for six hours, as the SDKs do...
const TOKEN_TTL: Duration = Duration::from_secs(6 * 60 * 60);
/// ...and used for a little less.
const TOKEN_REUSE: Duration = Duration::from_secs(6 * 60 * 60 - 5 * 60);
/// After a service that offers no token step said so, the SDKs try again
/// only a day later.
const TOKEN_RECHECK: Duration = Duration::from_secs(24 * 60 * 60);
/// What the service says when the instance has no agency: asking again with
/// a new token will not help.
const NO_AGENCY: &str = "Please configure Cloud Service Agency first";
/// The SDKs renew credentials with less than 40 minutes left.
const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(40 * 60);
/// While the credentials at hand are still valid, ask at most this often.
const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(60);
/// Each request to the metadata service, as in the SDKs (3 s to connect, 3 s to read).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Temporary access keys from the ECS metadata service, kept until they
/// near their expiry. Renewal happens in the call that needs it, one at a
/// time; a call never goes out with keys that have expired.
pub struct MetadataProvider {
    endpoint: String,
    transport: Arc<dyn Transport>,
    timeout: Duration,
    refresh_before: Duration,
    clock: Clock,
    project_id: Option<String>,
    domain_id: Option<String>,
    state: tokio::sync::Mutex<State>,
}

#[derive(Default)]
struct State {
    current: Option<Temporary>,
    /// When the service was last asked for keys.
    asked_at: Option<SystemTime>,
    token: Option<SessionToken>,
    /// When the service said it has no token step (IMDSv1-style).
    no_token_step_since: Option<SystemTime>,
}

struct Temporary {
    credentials: Credentials,
    expires_at: SystemTime,
}

struct SessionToken {
    value: SecretString,
    fetched_at: SystemTime,
}

impl MetadataProvider {
    /// The provider for this instance's metadata service.
    pub fn new() -> Self {
        Self::at(DEFAULT_METADATA_ENDPOINT)
    }

    /// The provider with its endpoint from `HWCLOUD_METADATA_ENDPOINT` (else
    /// the usual address) and the project and domain ids from
    /// `HUAWEICLOUD_SDK_PROJECT_ID` / `_DOMAIN_ID`, read through `var`.
    pub fn from_vars(var: &impl Fn(&str) -> Option<String>) -> Self {
        let var = crate::env::ignoring_empty(var);
        let mut provider = match var(ENV_METADATA_ENDPOINT) {
            Some(endpoint) => Self::at(&endpoint),
            None => Self::new(),
        };
        provider.project_id = var(super::ENV_PROJECT_ID);
        provider.domain_id = var(super::ENV_DOMAIN_ID);
        provider
    }

    fn at(endpoint: &str) -> Self {
        // Straight to the link-local address: never through a proxy, which
        // would see the temporary keys. Without such a client, no client.
        let settings = crate::transport::Settings::direct(DEFAULT_TIMEOUT, 64 * 1024);
        let transport: Arc<dyn Transport> = match HttpTransport::new(&settings) {
            Ok(transport) => Arc::new(transport),
            Err(err) => Arc::new(Unavailable(format!(
                "no HTTP client for the metadata service: {err}"
            ))),
        };
        Self {
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            transport,
            timeout: DEFAULT_TIMEOUT,
            refresh_before: DEFAULT_REFRESH_BEFORE,
            clock: Arc::new(SystemTime::now),
            project_id: None,
            domain_id: None,
            state: tokio::sync::Mutex::new(State::default()),
        }
    }

    /// Another address for the metadata service.
    pub fn with_endpoint(mut self, endpoint: impl AsRef<str>) -> Self {
        self.endpoint = endpoint.as_ref().trim_end_matches('/').to_owned();
        self
    }

    /// Sends through `transport` instead of the default one.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    /// How long each request to the metadata service may take (default 3 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Renew the keys when less than this is left of them (default 40
    /// minutes, as the SDKs).
    pub fn with_refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The project regional services act in (else looked up through IAM).
    pub fn with_project_id(mut self, id: impl Into<String>) -> Self {
        self.project_id = Some(id.into());
        self
    }

    /// The account global services act for (else looked up through IAM).
    pub fn with_domain_id(mut self, id: impl Into<String>) -> Self {
        self.domain_id = Some(id.into());
        self
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let mut state = self.state.lock().await;
        let now = (self.clock)();
        if let Some(current) = &state.current {
            let left = current.expires_at.duration_since(now).unwrap_or_default();
            let asked_lately = state
                .asked_at
                .and_then(|at| now.duration_since(at).ok())
                .is_some_and(|since| since < MIN_REFRESH_INTERVAL);
            if left > self.refresh_before || (!left.is_zero() && asked_lately) {
                return Ok(current.credentials.clone());
            }
        }
        state.asked_at = Some(now);
        match self.fetch(&mut state, now).await {
            Ok(fresh) => {
                tracing::debug!(
                    endpoint = %self.endpoint,
                    valid_for_s = fresh.expires_at.duration_since(now).unwrap_or_default().as_secs(),
                    "temporary credentials from the metadata service"
                );
                let credentials = fresh.credentials.clone();
                state.current = Some(fresh);
                Ok(credentials)
            }
            Err(err) => match &state.current {
                // Still valid for a while: use them, and try again later.
                Some(current) if current.expires_at > now => {
                    tracing::warn!(error = %err, "could not renew temporary credentials; using the current ones until they expire");
                    Ok(current.credentials.clone())
                }
                Some(_) => Err(CredentialsError::Expired {
                    reason: err.to_string(),
                }),
                None => Err(err),
            },
        }
    }

    async fn fetch(
        &self,
        state: &mut State,
        now: SystemTime,
    ) -> Result<Temporary, CredentialsError> {
        let token_is_fresh = state
            .token
            .as_ref()
            .is_some_and(|t| now.duration_since(t.fetched_at).unwrap_or_default() < TOKEN_REUSE);
        let token_step_known_absent = state
            .no_token_step_since
            .is_some_and(|since| now.duration_since(since).unwrap_or_default() < TOKEN_RECHECK);
        if !token_is_fresh && !token_step_known_absent {
            self.token_step(state, now, false).await?;
        }
        let mut answer = self.get_security_key(state).await?;
        if answer.status() == 401 && !String::from_utf8_lossy(answer.body()).contains(NO_AGENCY) {
            // The session token may have been revoked: one more, then once more.
            self.token_step(state, now, true).await?;
            answer = self.get_security_key(state).await?;
        }
        if answer.status().as_u16() >= 400 {
            return Err(self.error(format!(
                "GET {SECURITY_KEY_PATH} answered {}: {}",
                answer.status().as_u16(),
                Excerpt::of(answer.body())
            )));
        }
        self.read_security_key(answer.body())
    }

    /// Asks for a session token. A service without the step (404, 405,
    /// 503) is asked without one, unless `required`; any other refusal is
    /// an error.
    async fn token_step(
        &self,
        state: &mut State,
        now: SystemTime,
        required: bool,
    ) -> Result<(), CredentialsError> {
        let request = http::Request::put(format!("{}{TOKEN_PATH}", self.endpoint))
            .header(TOKEN_TTL_HEADER, TOKEN_TTL.as_secs().to_string())
            .body(Vec::new())
            .map_err(|err| self.error(err.to_string()))?;
        let answer = self.send(request).await?;
        match answer.status().as_u16() {
            200 => {
                let token = String::from_utf8_lossy(answer.body()).trim().to_owned();
                state.token = Some(SessionToken {
                    value: SecretString::from(token),
                    fetched_at: now,
                });
                state.no_token_step_since = None;
                Ok(())
            }
            404 | 405 | 503 if !required => {
                state.token = None;
                state.no_token_step_since = Some(now);
                Ok(())
            }
            // Below 400 the body may be a token: never quoted.
            status if status < 400 => Err(self.error(format!(
                "the token step (PUT {TOKEN_PATH}) answered with status {status}, not 200"
            ))),
            status => Err(self.error(format!(
                "the token step (PUT {TOKEN_PATH}) was refused with status {status}: {}",
                Excerpt::of(answer.body())
            ))),
        }
    }

    async fn get_security_key(
        &self,
        state: &State,
    ) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let mut request = http::Request::get(format!("{}{SECURITY_KEY_PATH}", self.endpoint));
        if let Some(token) = &state.token {
            let value = super::secret_value(TOKEN_HEADER, &token.value)
                .map_err(|_| self.error("the session token is not a valid header value"))?;
            request = request.header(TOKEN_HEADER, value);
        }
        let request = request
            .body(Vec::new())
            .map_err(|err| self.error(err.to_string()))?;
        self.send(request).await
    }

    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        within(self.timeout, self.transport.send(request))
            .await
            .map_err(|err| self.error(err.to_string()))
    }

    /// The keys of an answer, under `credential` (or `credentials`), with
    /// the field spellings the SDKs accept. Error messages name fields,
    /// never values.
    fn read_security_key(&self, body: &[u8]) -> Result<Temporary, CredentialsError> {
        let value: serde_json::Value = serde_json::from_slice(body)
            .map_err(|_| self.error("the security key answer is not JSON"))?;
        let object = value
            .get("credential")
            .or_else(|| value.get("credentials"))
            .unwrap_or(&value);
        let field = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| object.get(*name).and_then(serde_json::Value::as_str))
                .filter(|v| !v.is_empty())
        };
        let missing = |what: &str| self.error(format!("the security key answer has no {what}"));
        let access = field(&["access", "accessKeyId", "access_key_id"])
            .ok_or_else(|| missing("access key"))?;
        let secret = field(&["secret", "secretAccessKey", "secret_access_key"])
            .ok_or_else(|| missing("secret key"))?;
        let token = field(&["securitytoken", "securityToken", "security_token"])
            .ok_or_else(|| missing("security token"))?;
        let expires_at =
            field(&["expires_at", "expiration"]).ok_or_else(|| missing("expiry time"))?;
        let expires_at = parse_rfc3339(expires_at)
            .ok_or_else(|| self.error("the expiry time is not an RFC 3339 time"))?;
        let mut credentials = Credentials::access_key(access, secret).with_security_token(token);
        if let Some(id) = &self.project_id {
            credentials = credentials.with_project_id(id.clone());
        }
        if let Some(id) = &self.domain_id {
            credentials = credentials.with_domain_id(id.clone());
        }
        Ok(Temporary {
            credentials,
            expires_at,
        })
    }

    fn error(&self, reason: impl Into<String>) -> CredentialsError {
        CredentialsError::Metadata {
            endpoint: self.endpoint.clone(),
            reason: reason.into(),
        }
    }
}

impl Default for MetadataProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MetadataProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetadataProvider")
            .field("endpoint", &self.endpoint)
            .field("refresh_before", &self.refresh_before)
            .field("project_id", &self.project_id)
            .field("domain_id", &self.domain_id)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for MetadataProvider {
    fn provide_credentials(
        &self,
        _: Scope,
    ) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.credentials())
    }
}
