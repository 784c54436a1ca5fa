//! One configuration shared by every service client: who calls, where,
//! with which limits, over which transport.

use crate::credentials::{DefaultChain, ProvideCredentials, Source};
use crate::iam::ScopeIds;
use crate::retry::RetryPolicy;
use crate::scope::Scope;
use crate::transport::{HttpTransport, Transport};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The region for endpoint templates, read by [`Config::from_env`].
pub const ENV_REGION: &str = "HWCLOUD_REGION";
/// An endpoint override, read by [`Config::from_env`].
pub const ENV_ENDPOINT: &str = "HWCLOUD_ENDPOINT";

/// How long a call may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Making a connection (default transport only).
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Duration,
    /// The whole call, retries and the waits between them included.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            total: Duration::from_secs(120),
        }
    }
}

/// Where the default transport sends requests through.
#[derive(Clone, PartialEq, Eq)]
pub enum Proxy {
    /// The `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`
    /// environment variables (or their lower-case forms), read as curl
    /// reads them, from the config's environment
    /// ([`Config::from_vars`], [`Config::with_environment`]), else the
    /// process's; ignored in a CGI process (`REQUEST_METHOD` set), where a
    /// request header could set them.
    FromEnvironment,
    /// Straight to the endpoint.
    None,
    /// Every request through this `http://` proxy URL, credentials included
    /// when the proxy wants them (`http://user:password@proxy:3128`);
    /// `Debug` and errors show the password as `***`. An `https://` or SOCKS
    /// proxy is refused when a client is built.
    Url(String),
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proxy::FromEnvironment => f.write_str("FromEnvironment"),
            Proxy::None => f.write_str("None"),
            Proxy::Url(url) => f.debug_tuple("Url").field(&redact_userinfo(url)).finish(),
        }
    }
}

/// `url` with the password of its user information, if any, as `***`.
pub(crate) fn redact_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_owned()
            };
            format!("{scheme}://{masked}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

/// Stands in for the clock, so that tests can pin `X-Sdk-Date`.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Reads one environment variable: the process's, or a test's own.
pub type Environment = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Settings shared by the service clients built from it (`hss::Client::new(&config)`).
/// Cloning is cheap; the default transport (and its connection pool) is
/// built once and shared.
#[derive(Clone)]
pub struct Config {
    pub(crate) credentials: Source,
    pub(crate) region: Option<String>,
    pub(crate) endpoints: Vec<String>,
    pub(crate) iam_endpoint: Option<String>,
    /// Where per-service endpoint overrides are read (`None`: nowhere).
    pub(crate) environment: Option<Environment>,
    /// Project and domain ids looked up through IAM, for every client of
    /// this config and its clones.
    pub(crate) scope_ids: Arc<ScopeIds>,
    pub(crate) timeouts: Timeouts,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent_suffix: Option<String>,
    pub(crate) user_agent: Option<String>,
    pub(crate) max_response_bytes: usize,
    pub(crate) proxy: Proxy,
    pub(crate) root_certificates: Vec<Vec<u8>>,
    pub(crate) transport: Option<Arc<dyn Transport>>,
    pub(crate) clock: Clock,
    pub(crate) insecure_tls: bool,
    pub(crate) hooks: Vec<crate::Hook>,
}

/// Why a client could not be built from a [`Config`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("region `{0}` is not a valid region name (lower-case letters, digits and `-`)")]
    BadRegion(String),
    #[error("endpoint `{endpoint}` is not an absolute http(s) URL: {reason}")]
    BadEndpoint { endpoint: String, reason: String },
    #[error("proxy URL is not valid: {0}")]
    BadProxy(String),
    #[error("a root certificate is not valid PEM: {0}")]
    BadCertificate(String),
    #[error("the HTTP client could not be built: {0}")]
    Transport(String),
    /// The service's endpoint depends on a region, and none is known.
    #[error("no endpoint for service {service}: {reason}")]
    NoEndpoint {
        service: &'static str,
        reason: String,
    },
    #[error("regions file {path}: {reason}")]
    RegionsFile { path: String, reason: String },
}

/// 8 MiB: far above any documented response of these APIs, low enough that
/// a misbehaving server cannot exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

impl Config {
    /// A config with these credentials (fixed [`Credentials`](crate::Credentials),
    /// or any provider) and nothing read from the environment.
    pub fn new(credentials: impl ProvideCredentials + 'static) -> Self {
        Self::with_source(Arc::new(credentials))
    }

    /// [`Config::new`] with a provider shared with other configs.
    pub fn with_source(credentials: Source) -> Self {
        Self {
            credentials,
            region: None,
            endpoints: Vec::new(),
            iam_endpoint: None,
            environment: None,
            scope_ids: Arc::default(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            user_agent_suffix: None,
            user_agent: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: Proxy::FromEnvironment,
            root_certificates: Vec::new(),
            transport: None,
            clock: Arc::new(SystemTime::now),
            insecure_tls: false,
            hooks: Vec::new(),
        }
    }

    /// What the vendor's SDKs read, from the process's environment:
    /// credentials from their default chain ([`DefaultChain`]: the
    /// `HUAWEICLOUD_SDK_*` variables, else the credentials file, else the
    /// ECS metadata service), `HUAWEICLOUD_SDK_IAM_ENDPOINT`, per-service
    /// endpoints (`HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`, the regions
    /// file); and ours, `HWCLOUD_REGION` / `HWCLOUD_ENDPOINT`, when set.
    pub fn from_env() -> Result<Self, crate::CredentialsError> {
        Self::from_vars(crate::env::process_var)
    }

    /// [`Config::from_env`] with the variables read through `var` (a test's
    /// or a command line's own environment), now and when clients are built.
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Result<Self, crate::CredentialsError> {
        let var = crate::env::ignoring_empty(var);
        let chain = DefaultChain::from_vars(&var)?;
        let iam_endpoint =
            var(crate::iam::ENV_IAM_ENDPOINT).or_else(|| chain.iam_endpoint().map(str::to_owned));
        let mut config = Self::new(chain);
        config.iam_endpoint = iam_endpoint;
        if let Some(region) = var(ENV_REGION) {
            config = config.with_region(region);
        }
        if let Some(endpoint) = var(ENV_ENDPOINT) {
            config = config.with_endpoint(endpoint);
        }
        Ok(config.with_environment(var))
    }

    /// The region filled into each service's endpoint template
    /// (`https://hss.{region}.myhuaweicloud.com`), and the one whose project
    /// is looked up when no project id is set. Without one, the spec's
    /// default region is used.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every service's requests to this base URL instead (a private
    /// endpoint, a proxy, a test server).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoints = vec![endpoint.into()];
        self
    }

    /// Like [`with_endpoint`](Self::with_endpoint), with endpoints tried in
    /// turn: when no connection can be made to one, the call goes on to the
    /// next (and later calls start there).
    pub fn with_endpoints(
        mut self,
        endpoints: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.endpoints = endpoints.into_iter().map(Into::into).collect();
        self
    }

    /// Where project and domain ids are looked up when the credentials do
    /// not name them (default: the region's IAM, else
    /// `https://iam.myhuaweicloud.com`).
    pub fn with_iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.iam_endpoint = Some(endpoint.into());
        self
    }

    /// Reads per-service endpoints through `var` when clients are built:
    /// `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`, and the regions file
    /// (`HUAWEICLOUD_SDK_REGIONS_FILE`, else `$HOME/.huaweicloud/regions.yaml`).
    /// [`Config::from_env`] does this with the process's environment;
    /// [`Config::new`] reads nothing.
    pub fn with_environment(
        mut self,
        var: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        // As every `from_vars` reads it: set to "" is unset.
        self.environment = Some(Arc::new(crate::env::ignoring_empty(var)));
        self
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Appended to the User-Agent, which otherwise names the generated
    /// client and this runtime with their versions.
    pub fn with_user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Replaces the whole User-Agent (conformance runs pin the SDK's).
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    pub fn with_max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    pub fn with_proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = proxy;
        self
    }

    /// Trusts this PEM certificate as well as the built-in roots (a private
    /// endpoint's CA).
    pub fn with_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Sends through `transport` instead of the default [`HttpTransport`]; the
    /// proxy, certificate, connect-timeout and size settings then belong
    /// to that transport.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Accept any TLS certificate, valid or not (default: off). For test
    /// environments with self-signed certificates only: anyone on the path
    /// can then read and change the traffic, signed requests included.
    /// Prefer [`Config::with_root_certificate_pem`].
    pub fn with_insecure_tls(mut self, on: bool) -> Self {
        self.insecure_tls = on;
        self
    }

    /// Adds a hook that sees every attempt of every call, and its answer
    /// or failure ([`crate::HookEvent`]), with secrets masked.
    pub fn with_hook(
        mut self,
        hook: impl Fn(&crate::HookEvent<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Where the clients of this config take their credentials from.
    pub fn credentials(&self) -> &Source {
        &self.credentials
    }

    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The transport clients built from this config will use.
    pub(crate) fn transport(&self) -> Result<Arc<dyn Transport>, ConfigError> {
        if let Some(transport) = &self.transport {
            return Ok(transport.clone());
        }
        Ok(Arc::new(HttpTransport::new(&self.transport_settings())?))
    }

    /// The connection settings of the default transport.
    pub(crate) fn transport_settings(&self) -> crate::transport::Settings<'_> {
        crate::transport::Settings {
            connect_timeout: self.timeouts.connect,
            proxy: &self.proxy,
            environment: self.environment.as_ref(),
            root_certificates: &self.root_certificates,
            insecure_tls: self.insecure_tls,
            max_response_bytes: self.max_response_bytes,
        }
    }

    /// The User-Agent for a client named `client` (`name/version`).
    pub(crate) fn user_agent(&self, client: &str) -> String {
        if let Some(user_agent) = &self.user_agent {
            return user_agent.clone();
        }
        let mut user_agent = format!("{client} hwcloud-runtime/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = &self.user_agent_suffix {
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        user_agent
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoints", &self.endpoints)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("environment", &self.environment.is_some())
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("proxy", &self.proxy)
            .field("insecure_tls", &self.insecure_tls)
            .field("hooks", &self.hooks.len())
            .field("custom_transport", &self.transport.is_some())
            .finish_non_exhaustive()
    }
}

/// Where a service lives and whose resources its calls act on, as the
/// spec gives them.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// The service id (`HSS`): for logs, and the name its endpoint
    /// overrides go by (`HUAWEICLOUD_SDK_REGION_HSS_<REGION>`, regions file).
    pub id: &'static str,
    /// `https://hss.{region}.myhuaweicloud.com`.
    pub endpoint_template: &'static str,
    /// `(name, default)` for each variable of the template; an empty
    /// default means the variable has none (a region must be configured).
    pub variables: &'static [(&'static str, &'static str)],
    /// `name/version` of the generated client, for the User-Agent.
    pub client: &'static str,
    /// Regional (project-scoped) or global (domain-scoped).
    pub scope: Scope,
}

impl ServiceInfo {
    /// The region calls under `config` are made in: the config's, else the
    /// template's default, if any.
    pub fn region<'c>(&self, config: &'c Config) -> Option<&'c str> {
        config.region.as_deref().or_else(|| {
            self.variables
                .iter()
                .find(|(name, default)| *name == "region" && !default.is_empty())
                .map(|(_, default)| *default)
        })
    }

    /// The base URL for this service under `config`: its first endpoint
    /// ([`endpoints`](Self::endpoints)).
    pub fn endpoint(&self, config: &Config) -> Result<String, ConfigError> {
        Ok(self.endpoints(config)?.swap_remove(0))
    }

    /// The base URLs for this service under `config`, to be tried in turn,
    /// as the vendor's SDKs find them: the config's own endpoints, else for
    /// the region (the config's, else the template's default) the
    /// environment's `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>`, else the
    /// regions file, else the spec's template with the region filled in
    /// (and every other variable at its default). Never empty.
    pub fn endpoints(&self, config: &Config) -> Result<Vec<String>, ConfigError> {
        if !config.endpoints.is_empty() {
            return config.endpoints.iter().map(|e| valid_endpoint(e)).collect();
        }
        let region = self.region(config);
        if let Some(region) = region {
            let valid = !region.is_empty()
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                return Err(ConfigError::BadRegion(region.to_owned()));
            }
            if let Some(var) = &config.environment {
                let overridden = match crate::regions::from_env(&**var, self.id, region) {
                    Some(endpoints) => Some(endpoints),
                    None => match crate::regions::file_path(&**var) {
                        Some(path) => crate::regions::from_file(&path, self.id, region)?,
                        None => None,
                    },
                };
                if let Some(endpoints) = overridden {
                    return endpoints.iter().map(|e| valid_endpoint(e)).collect();
                }
            }
        }
        let mut url = self.endpoint_template.to_owned();
        for (name, default) in self.variables {
            let value = match (*name, region) {
                ("region", Some(region)) => region,
                _ if !default.is_empty() => default,
                _ => {
                    return Err(ConfigError::NoEndpoint {
                        service: self.id,
                        reason: format!(
                            "its endpoint `{}` needs a {name}: set one (Config::with_region, \
                             HWCLOUD_REGION) or an endpoint (Config::with_endpoint, {})",
                            self.endpoint_template,
                            crate::regions::env_name(self.id, "<REGION>"),
                        ),
                    })
                }
            };
            url = url.replace(&format!("{{{name}}}"), value);
        }
        if url.is_empty() || url.contains('{') {
            return Err(ConfigError::NoEndpoint {
                service: self.id,
                reason: format!(
                    "the spec gives no usable server (`{}`): set an endpoint (Config::with_endpoint)",
                    self.endpoint_template
                ),
            });
        }
        Ok(vec![valid_endpoint(&url)?])
    }
}

/// `url` without a trailing `/`, if it is an absolute http(s) URL without
/// a query.
fn valid_endpoint(url: &str) -> Result<String, ConfigError> {
    let url = url.trim_end_matches('/').to_owned();
    let bad = |reason: &str| ConfigError::BadEndpoint {
        endpoint: url.clone(),
        reason: reason.to_owned(),
    };
    let uri: http::Uri = url
        .parse()
        .map_err(|e: http::uri::InvalidUri| bad(&e.to_string()))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(bad("the scheme must be http or https")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("there is no host"));
    }
    if uri.query().is_some() {
        return Err(bad("an endpoint cannot have a query"));
    }
    Ok(url)
}

#[cfg(test)]
mod proxy_tests {
    use super::*;
    use crate::Credentials;

    #[test]
    fn a_proxy_password_is_never_shown() {
        let proxy = Proxy::Url("http://alice:s3cret@proxy.example:3128/".into());
        assert_eq!(
            format!("{proxy:?}"),
            "Url(\"http://alice:***@proxy.example:3128/\")"
        );
        let config = Config::new(Credentials::access_key("AK", "SK")).with_proxy(proxy);
        assert!(!format!("{config:?}").contains("s3cret"));
        // An unusable proxy URL is an error that does not repeat the password.
        let bad = Config::new(Credentials::access_key("AK", "SK"))
            .with_proxy(Proxy::Url("http://alice:s3cret@[::1".into()));
        let Err(err) = bad.transport() else {
            panic!("not a URL, so no transport")
        };
        assert!(!err.to_string().contains("s3cret"), "{err}");
        assert_eq!(
            redact_userinfo("http://bob@proxy:8080"),
            "http://bob@proxy:8080"
        );
        assert_eq!(redact_userinfo("proxy:8080"), "proxy:8080");
    }

    #[test]
    fn a_proxy_the_transport_cannot_speak_is_refused_when_it_is_built() {
        for url in [
            "https://alice:s3cret@proxy.example:3128",
            "socks5://alice:s3cret@proxy.example:1080",
        ] {
            let config =
                Config::new(Credentials::access_key("AK", "SK")).with_proxy(Proxy::Url(url.into()));
            let Err(err) = config.transport() else {
                panic!("{url}: refused, not sent in the clear or dropped")
            };
            let shown = err.to_string();
            assert!(shown.contains("only `http://` proxies"), "{shown}");
            assert!(!shown.contains("s3cret"), "{shown}");
        }
        let config = Config::new(Credentials::access_key("AK", "SK"))
            .with_proxy(Proxy::Url("http://alice:s3cret@proxy.example:3128".into()));
        let transport = config.transport().unwrap();
        assert!(!format!("{transport:?}").contains("s3cret"));
    }

    #[test]
    fn insecure_tls_and_hooks_are_shown_by_debug() {
        let config = Config::new(Credentials::access_key("AK", "SK"))
            .with_insecure_tls(true)
            .with_hook(|_| {});
        let shown = format!("{config:?}");
        assert!(
            shown.contains("insecure_tls: true") && shown.contains("hooks: 1"),
            "{shown}"
        );
        #[cfg(feature = "rustls")]
        assert!(config.transport().is_ok());
        #[cfg(not(feature = "rustls"))]
        assert!(matches!(
            config.transport(),
            Err(ConfigError::Transport(message)) if message.contains("`rustls` feature")
        ));
    }

    /// Built without TLS, an `https` endpoint is refused before anything is
    /// sent, saying which feature it needs (CI runs this with
    /// `--no-default-features`).
    #[cfg(not(feature = "rustls"))]
    #[tokio::test]
    async fn without_tls_an_https_endpoint_is_refused_naming_the_feature() {
        use crate::transport::TransportErrorKind;
        let transport = Config::new(Credentials::access_key("AK", "SK"))
            .transport()
            .unwrap();
        let request = http::Request::get("https://127.0.0.1:1/v2/things")
            .body(Vec::new())
            .unwrap();
        let err = transport.send(request).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Unsupported);
        assert!(err.detail.contains("`rustls` feature"), "{err:?}");

        // So does a custom root: refused, not dropped.
        let rooted = Config::new(Credentials::access_key("AK", "SK"))
            .with_root_certificate_pem(b"-----BEGIN CERTIFICATE-----".to_vec())
            .transport();
        assert!(matches!(rooted, Err(ConfigError::Transport(m)) if m.contains("`rustls`")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Credentials;

    const HSS: ServiceInfo = ServiceInfo {
        id: "hss",
        endpoint_template: "https://hss.{region}.myhuaweicloud.com",
        variables: &[("region", "cn-north-4")],
        client: "hwcloud-registry/0.1.0",
        scope: Scope::Project,
    };

    fn config() -> Config {
        Config::new(Credentials::access_key("AK", "SK"))
    }

    #[test]
    fn endpoints_come_from_the_region_or_an_override() {
        assert_eq!(
            HSS.endpoint(&config()).unwrap(),
            "https://hss.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            HSS.endpoint(&config().with_region("ap-southeast-1"))
                .unwrap(),
            "https://hss.ap-southeast-1.myhuaweicloud.com"
        );
        assert_eq!(
            HSS.endpoint(&config().with_endpoint("http://127.0.0.1:8080/"))
                .unwrap(),
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn a_template_without_a_default_region_needs_one() {
        const VENDOR: ServiceInfo = ServiceInfo {
            id: "ECS",
            endpoint_template: "https://ecs.{region}.myhuaweicloud.com",
            variables: &[("region", "")],
            client: "c/1",
            scope: Scope::Project,
        };
        let err = VENDOR.endpoint(&config()).unwrap_err().to_string();
        assert!(
            err.starts_with("no endpoint for service ECS")
                && err.contains("HUAWEICLOUD_SDK_REGION_ECS_<REGION>"),
            "{err}"
        );
        assert_eq!(VENDOR.region(&config()), None);
        assert_eq!(
            VENDOR
                .endpoint(&config().with_region("la-south-2"))
                .unwrap(),
            "https://ecs.la-south-2.myhuaweicloud.com"
        );
        // Config::new reads no environment; with_environment opts in.
        assert!(config().environment.is_none() && config().iam_endpoint.is_none());
        let config = config().with_region("la-south-2").with_environment(|name| {
            (name == "HUAWEICLOUD_SDK_REGION_ECS_LA_SOUTH_2")
                .then(|| "ecs.internal,ecs2.internal".into())
        });
        assert_eq!(
            VENDOR.endpoints(&config).unwrap(),
            ["https://ecs.internal", "https://ecs2.internal"]
        );
    }

    #[test]
    fn bad_regions_and_endpoints_are_refused() {
        let err = HSS
            .endpoint(&config().with_region("evil.com/x"))
            .unwrap_err();
        assert_eq!(err, ConfigError::BadRegion("evil.com/x".into()));
        for endpoint in ["ftp://h", "not a url", "http://h/?q=1", "/relative"] {
            let err = HSS.endpoint(&config().with_endpoint(endpoint)).unwrap_err();
            assert!(
                matches!(err, ConfigError::BadEndpoint { .. }),
                "{endpoint}: {err}"
            );
        }
    }

    #[test]
    fn user_agent_names_client_and_runtime() {
        let ua = config()
            .with_user_agent_suffix("app/2")
            .user_agent("hwcloud-registry/0.1.0");
        assert_eq!(
            ua,
            format!(
                "hwcloud-registry/0.1.0 hwcloud-runtime/{} app/2",
                env!("CARGO_PKG_VERSION")
            )
        );
        assert_eq!(config().with_user_agent("x/1").user_agent("c/1"), "x/1");
    }

    /// The SDKs' order for IAM's address: the variable, then the
    /// credentials file's `iam_endpoint`.
    #[test]
    fn the_iam_variable_wins_over_the_credentials_file() {
        let dir = crate::env::scratch::Dir::new();
        let file = dir.0.join("credentials");
        std::fs::write(
            &file,
            "[basic]\nak = AKFILE\nsk = SKFILE\niam_endpoint = https://iam.file\n",
        )
        .unwrap();
        let vars = |iam: Option<&'static str>| {
            let file = file.display().to_string();
            move |name: &str| match name {
                "HUAWEICLOUD_SDK_CREDENTIALS_FILE" => Some(file.clone()),
                "HUAWEICLOUD_SDK_IAM_ENDPOINT" => iam.map(str::to_owned),
                _ => None,
            }
        };
        let from_file = Config::from_vars(vars(None)).unwrap();
        assert_eq!(from_file.iam_endpoint.as_deref(), Some("https://iam.file"));
        let from_env = Config::from_vars(vars(Some("https://iam.env"))).unwrap();
        assert_eq!(from_env.iam_endpoint.as_deref(), Some("https://iam.env"));
    }

    #[test]
    fn debug_shows_no_secret() {
        let config = Config::new(
            Credentials::access_key("AK", "very-secret-sk")
                .with_security_token("very-secret-token"),
        );
        let text = format!("{config:?}");
        assert!(!text.contains("very-secret"), "{text}");
    }
}
