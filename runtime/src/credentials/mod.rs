//! Who is calling: an access key pair (signed requests) or an IAM token,
//! and the project or account (domain) they act in. Secrets are
//! `SecretString`s, so `Debug` never shows them.
//!
//! A [`Credentials`] value is fixed. Where credentials come from and when
//! they are renewed is a provider's business ([`ProvideCredentials`]): a
//! `Credentials` value is itself a provider that never changes, the vendor
//! SDKs' default chain is [`DefaultChain`], the ECS metadata service is
//! [`MetadataProvider`], and [`profile`] reads the credentials file.

mod metadata;
pub mod profile;
mod provider;
mod timestamp;

pub use metadata::{MetadataProvider, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT};
pub use provider::{DefaultChain, ProvideCredentials, Source};

use crate::scope::Scope;
use crate::sign::{self, AccessKey, SignError};
use crate::SecretString;
use std::time::SystemTime;

/// The environment variables the vendor's SDKs read.
pub const ENV_ACCESS_KEY: &str = "HUAWEICLOUD_SDK_AK";
pub const ENV_SECRET_KEY: &str = "HUAWEICLOUD_SDK_SK";
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
pub const ENV_DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/// Who calls. Made with [`Credentials::access_key`], [`Credentials::token`]
/// and their `with_*` methods; the variants are `#[non_exhaustive]` so that
/// a field added later (as `domain_id` was) breaks no caller: outside this
/// crate they are matched with `..` and never written as literals.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Requests are signed with `SDK-HMAC-SHA256`. Temporary keys come with
    /// a security token, sent (and signed) as `X-Security-Token`.
    #[non_exhaustive]
    AccessKey {
        key: AccessKey,
        project_id: Option<String>,
        domain_id: Option<String>,
        security_token: Option<SecretString>,
    },
    /// An IAM user token, sent as `X-Auth-Token`; requests are not signed.
    #[non_exhaustive]
    Token {
        token: SecretString,
        project_id: Option<String>,
        domain_id: Option<String>,
    },
}

/// Why no credentials could be had, or no project or domain id for them.
/// Providers are added over time, so the enum is non-exhaustive. No case
/// holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    #[error("environment variable {0} is not set")]
    Missing(&'static str),
    /// The credentials file exists but cannot be used (the reason never
    /// holds a value from it).
    #[error("credentials file {path}: {reason}")]
    Profile { path: String, reason: String },
    /// The ECS metadata service gave no credentials.
    #[error("ECS metadata service at {endpoint}: {reason}")]
    Metadata { endpoint: String, reason: String },
    /// The temporary credentials at hand have expired and none could be
    /// had in their place; no request is sent with them.
    #[error("the temporary credentials expired and could not be renewed: {reason}")]
    Expired { reason: String },
    /// The calls of this service act in a project (or for a domain) whose
    /// id is neither configured nor could be looked up through IAM.
    #[error("no {scope} id: {reason}")]
    ScopeId { scope: Scope, reason: String },
}

impl Credentials {
    pub fn access_key(id: impl Into<String>, secret: impl Into<SecretString>) -> Self {
        Credentials::AccessKey {
            key: AccessKey::new(id, secret),
            project_id: None,
            domain_id: None,
            security_token: None,
        }
    }

    pub fn token(token: impl Into<SecretString>) -> Self {
        Credentials::Token {
            token: token.into(),
            project_id: None,
            domain_id: None,
        }
    }

    /// The project regional services act in (else it is looked up through
    /// IAM for the configured region).
    pub fn with_project_id(mut self, id: impl Into<String>) -> Self {
        *self.ids_mut().0 = Some(id.into());
        self
    }

    /// The account (domain) global services act for (else it is looked up
    /// through IAM).
    pub fn with_domain_id(mut self, id: impl Into<String>) -> Self {
        *self.ids_mut().1 = Some(id.into());
        self
    }

    /// Adds a security token (temporary access keys); ignored for IAM tokens.
    pub fn with_security_token(mut self, token: impl Into<SecretString>) -> Self {
        if let Credentials::AccessKey { security_token, .. } = &mut self {
            *security_token = Some(token.into());
        }
        self
    }

    /// An access key pair from `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK`,
    /// with `HUAWEICLOUD_SDK_PROJECT_ID`, `HUAWEICLOUD_SDK_DOMAIN_ID` and
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN` when set. This is the first link of
    /// the default chain; [`DefaultChain::from_env`] is the whole chain.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_vars(crate::env::process_var)
    }

    /// Like [`from_env`](Self::from_env), reading variables through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        let var = crate::env::ignoring_empty(var);
        let ak = var(ENV_ACCESS_KEY).ok_or(CredentialsError::Missing(ENV_ACCESS_KEY))?;
        let sk = var(ENV_SECRET_KEY).ok_or(CredentialsError::Missing(ENV_SECRET_KEY))?;
        let mut credentials = Self::access_key(ak, sk).with_ids_from(&var);
        if let Some(token) = var(ENV_SECURITY_TOKEN) {
            credentials = credentials.with_security_token(token);
        }
        Ok(credentials)
    }

    /// The ids of `HUAWEICLOUD_SDK_PROJECT_ID` and `HUAWEICLOUD_SDK_DOMAIN_ID`
    /// where set, unless already given.
    pub(crate) fn with_ids_from(mut self, var: &impl Fn(&str) -> Option<String>) -> Self {
        let (project_id, domain_id) = self.ids_mut();
        if project_id.is_none() {
            *project_id = var(ENV_PROJECT_ID);
        }
        if domain_id.is_none() {
            *domain_id = var(ENV_DOMAIN_ID);
        }
        self
    }

    pub fn project_id(&self) -> Option<&str> {
        self.id_for(Scope::Project)
    }

    pub fn domain_id(&self) -> Option<&str> {
        self.id_for(Scope::Domain)
    }

    /// The configured id of the project or domain that calls of `scope` act in.
    pub fn id_for(&self, scope: Scope) -> Option<&str> {
        let (project_id, domain_id) = match self {
            Credentials::AccessKey {
                project_id,
                domain_id,
                ..
            }
            | Credentials::Token {
                project_id,
                domain_id,
                ..
            } => (project_id, domain_id),
        };
        match scope {
            Scope::Project => project_id.as_deref(),
            Scope::Domain => domain_id.as_deref(),
        }
    }

    /// Who asks, for caches of what an account sees (never a secret): the
    /// access key id of permanent keys. Temporary keys get a new id at each
    /// renewal for the same identity, and tokens carry none, so both give
    /// `None`: a config's credentials come from one source, and its cache
    /// keeps one entry for them rather than one per renewal.
    pub(crate) fn cache_identity(&self) -> Option<&str> {
        match self {
            Credentials::AccessKey {
                key,
                security_token: None,
                ..
            } => Some(key.id()),
            Credentials::AccessKey { .. } | Credentials::Token { .. } => None,
        }
    }

    fn ids_mut(&mut self) -> (&mut Option<String>, &mut Option<String>) {
        match self {
            Credentials::AccessKey {
                project_id,
                domain_id,
                ..
            }
            | Credentials::Token {
                project_id,
                domain_id,
                ..
            } => (project_id, domain_id),
        }
    }

    /// [`authorize`](Self::authorize) for a call that acts in the project
    /// or domain `scope_id`: its header (`X-Project-Id`, `X-Domain-Id`) is
    /// added first, so that it is signed with the rest. What every attempt
    /// of a client's call runs.
    pub fn authorize_in(
        &self,
        request: &mut http::Request<Vec<u8>>,
        scope: Scope,
        scope_id: &str,
        user_agent: &str,
        now: SystemTime,
    ) -> Result<(), AuthorizeError> {
        let name = http::HeaderName::from_static(scope.header());
        let value = header_value(scope.header(), scope_id)?;
        request.headers_mut().insert(name, value);
        self.authorize(request, user_agent, now)
    }

    /// Makes an encoded request ready to send, as the vendor's SDK does:
    /// `Content-Type: application/json` when none is set (on every request,
    /// bodiless ones too), `User-Agent`, then either the token or the
    /// security token and the signature (dated `now`, unless the request
    /// already has an `X-Sdk-Date`). The scope header (`X-Project-Id` or
    /// `X-Domain-Id`) is [`authorize_in`](Self::authorize_in)'s.
    /// Secret header values are marked sensitive, so `http` never prints
    /// them.
    pub fn authorize(
        &self,
        request: &mut http::Request<Vec<u8>>,
        user_agent: &str,
        now: SystemTime,
    ) -> Result<(), AuthorizeError> {
        let headers = request.headers_mut();
        if !headers.contains_key(http::header::CONTENT_TYPE) {
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
        }
        headers.insert(
            http::header::USER_AGENT,
            header_value("User-Agent", user_agent)?,
        );
        match self {
            Credentials::Token { token, .. } => {
                headers.insert("x-auth-token", secret_value("X-Auth-Token", token)?);
            }
            Credentials::AccessKey {
                key,
                security_token,
                ..
            } => {
                if let Some(security_token) = security_token {
                    headers.insert(
                        "x-security-token",
                        secret_value("X-Security-Token", security_token)?,
                    );
                }
                sign::sign(request, key, now)?;
            }
        }
        Ok(())
    }
}

/// Why a request could not be made ready to send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizeError {
    /// The value is not repeated: it may be a secret.
    #[error("the value for header `{0}` holds characters not allowed in HTTP headers")]
    BadHeader(&'static str),
    #[error(transparent)]
    Sign(#[from] SignError),
}

fn header_value(name: &'static str, value: &str) -> Result<http::HeaderValue, AuthorizeError> {
    http::HeaderValue::from_str(value).map_err(|_| AuthorizeError::BadHeader(name))
}

pub(crate) fn secret_value(
    name: &'static str,
    value: &SecretString,
) -> Result<http::HeaderValue, AuthorizeError> {
    let mut value = header_value(name, value.expose())?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn request() -> http::Request<Vec<u8>> {
        http::Request::builder()
            .uri("https://hss.example.com/v5/p/image/registries")
            .body(Vec::new())
            .unwrap()
    }

    #[test]
    fn from_vars_reads_the_sdk_variables() {
        let vars = |name: &str| match name {
            ENV_ACCESS_KEY => Some("AK".to_owned()),
            ENV_SECRET_KEY => Some("SK-secret".to_owned()),
            ENV_PROJECT_ID => Some("p1".to_owned()),
            ENV_DOMAIN_ID => Some("d1".to_owned()),
            _ => None,
        };
        let credentials = Credentials::from_vars(vars).unwrap();
        assert_eq!(credentials.project_id(), Some("p1"));
        assert_eq!(credentials.domain_id(), Some("d1"));
        assert!(!format!("{credentials:?}").contains("SK-secret"));
        assert_eq!(
            Credentials::from_vars(|_| None).unwrap_err().to_string(),
            "environment variable HUAWEICLOUD_SDK_AK is not set"
        );
        // Set to nothing is unset, as in the process's environment.
        let empty = |name: &str| (name != ENV_SECRET_KEY).then(String::new);
        assert_eq!(
            Credentials::from_vars(empty).unwrap_err(),
            CredentialsError::Missing(ENV_ACCESS_KEY)
        );
        let no_ids = Credentials::from_vars(|name: &str| match name {
            ENV_ACCESS_KEY | ENV_SECRET_KEY => Some("k".to_owned()),
            _ => Some(String::new()),
        })
        .unwrap();
        assert_eq!((no_ids.project_id(), no_ids.domain_id()), (None, None));
    }

    #[test]
    fn a_token_is_sent_and_nothing_is_signed() {
        let mut request = request();
        Credentials::token("tok-secret")
            .with_project_id("p1")
            .authorize(&mut request, "ua/1", UNIX_EPOCH)
            .unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-auth-token"], "tok-secret");
        assert!(headers["x-auth-token"].is_sensitive());
        assert_eq!(headers["content-type"], "application/json");
        assert!(!headers.contains_key("authorization"));
        assert!(!format!("{request:?}").contains("tok-secret"));
    }

    #[test]
    fn access_keys_sign_the_security_token_too() {
        let mut request = request();
        Credentials::access_key("AK", "SK")
            .with_security_token("sts-secret")
            .authorize(&mut request, "ua/1", UNIX_EPOCH)
            .unwrap();
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization
                .contains("SignedHeaders=content-type;host;user-agent;x-sdk-date;x-security-token"),
            "{authorization}"
        );
        assert_eq!(request.headers()["x-sdk-date"], "19700101T000000Z");
    }
}
