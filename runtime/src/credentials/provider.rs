//! Where credentials come from: any [`ProvideCredentials`], asked before
//! every attempt, and the vendor SDKs' default chain.

use super::metadata::MetadataProvider;
use super::profile;
use super::{Credentials, CredentialsError, ENV_ACCESS_KEY, ENV_SECRET_KEY};
use crate::scope::Scope;
use crate::transport::BoxFuture;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Gives the credentials to sign the next attempt of a call with.
///
/// Asked before every attempt, so a provider of temporary credentials
/// renews them when they near their expiry and keeps them in between. A
/// provider never hands out credentials it knows to have expired.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Credentials for a call to a service of `scope` (a provider may hold
    /// different ones for regional and global services, as the credentials
    /// file does).
    fn provide_credentials(
        &self,
        scope: Scope,
    ) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// A provider shared by every client of a [`Config`](crate::Config).
pub type Source = Arc<dyn ProvideCredentials>;

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(
        &self,
        _: Scope,
    ) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// The vendor SDKs' default chain, with their names and their order, chosen
/// once for each scope: the environment (`HUAWEICLOUD_SDK_AK`, `_SK`,
/// `_SECURITY_TOKEN`, `_PROJECT_ID`, `_DOMAIN_ID`) when it names a key, else
/// the credentials file's `[basic]` (regional services) or `[global]`
/// (global services) section, else the ECS metadata service (temporary keys,
/// renewed before they expire).
///
/// Choosing reads the environment and the file, never the network: the
/// metadata service is first asked by the first call that needs it.
pub struct DefaultChain {
    regional: Link,
    global: Link,
    iam_endpoint: Option<String>,
}

/// One scope's choice.
#[derive(Debug)]
enum Link {
    Environment(Credentials),
    Profile {
        path: PathBuf,
        credentials: Credentials,
    },
    Metadata(Arc<MetadataProvider>),
}

impl DefaultChain {
    /// The chain over the process's environment.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_vars(crate::env::process_var)
    }

    /// The chain with variables read through `var`. An error when a link
    /// that was chosen cannot be used: a key without its secret in the
    /// environment, or a credentials file that exists but is broken.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        let var = crate::env::ignoring_empty(var);
        let mut metadata: Option<Arc<MetadataProvider>> = None;
        let mut iam_endpoint = None;
        let mut link = |scope: Scope| -> Result<Link, CredentialsError> {
            if var(ENV_ACCESS_KEY).is_some() || var(ENV_SECRET_KEY).is_some() {
                return Credentials::from_vars(&var).map(Link::Environment);
            }
            if let Some(path) = profile::default_path(&var) {
                if let Some(section) = profile::read(&path, scope)? {
                    iam_endpoint = iam_endpoint.take().or(section.iam_endpoint);
                    return Ok(Link::Profile {
                        path,
                        credentials: section.credentials.with_ids_from(&var),
                    });
                }
            }
            let provider = metadata
                .get_or_insert_with(|| Arc::new(MetadataProvider::from_vars(&var)))
                .clone();
            Ok(Link::Metadata(provider))
        };
        let regional = link(Scope::Project)?;
        let global = link(Scope::Domain)?;
        Ok(Self {
            regional,
            global,
            iam_endpoint,
        })
    }

    /// The IAM endpoint the credentials file names (`iam_endpoint`), if any.
    pub fn iam_endpoint(&self) -> Option<&str> {
        self.iam_endpoint.as_deref()
    }

    /// Which link serves `scope`, in words ("the environment", "the
    /// credentials file /home/u/.huaweicloud/credentials \[basic\]", "the ECS
    /// metadata service at http://169.254.169.254").
    pub fn describe(&self, scope: Scope) -> String {
        match self.link(scope) {
            Link::Environment(_) => "the environment".to_owned(),
            Link::Profile { path, .. } => format!(
                "the credentials file {} [{}]",
                path.display(),
                scope.profile_section()
            ),
            Link::Metadata(provider) => {
                format!("the ECS metadata service at {}", provider.endpoint())
            }
        }
    }

    fn link(&self, scope: Scope) -> &Link {
        match scope {
            Scope::Project => &self.regional,
            Scope::Domain => &self.global,
        }
    }
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultChain")
            .field("regional", &self.describe(Scope::Project))
            .field("global", &self.describe(Scope::Domain))
            .finish()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(
        &self,
        scope: Scope,
    ) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        match self.link(scope) {
            Link::Environment(credentials) | Link::Profile { credentials, .. } => {
                credentials.provide_credentials(scope)
            }
            Link::Metadata(provider) => provider.provide_credentials(scope),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_comes_first_and_the_metadata_service_last() {
        let env = |name: &str| match name {
            ENV_ACCESS_KEY => Some("AKENV".to_owned()),
            ENV_SECRET_KEY => Some("SKENV".to_owned()),
            "HOME" => Some("/nonexistent".to_owned()),
            _ => None,
        };
        let chain = DefaultChain::from_vars(env).unwrap();
        assert_eq!(chain.describe(Scope::Project), "the environment");
        assert_eq!(chain.describe(Scope::Domain), "the environment");

        let nothing = |name: &str| (name == "HOME").then(|| "/nonexistent".to_owned());
        let chain = DefaultChain::from_vars(nothing).unwrap();
        assert_eq!(
            chain.describe(Scope::Project),
            "the ECS metadata service at http://169.254.169.254"
        );
    }

    #[test]
    fn a_key_without_its_secret_is_an_error() {
        let env = |name: &str| (name == ENV_ACCESS_KEY).then(|| "AK".to_owned());
        assert_eq!(
            DefaultChain::from_vars(env).unwrap_err(),
            CredentialsError::Missing(ENV_SECRET_KEY)
        );
    }
}
