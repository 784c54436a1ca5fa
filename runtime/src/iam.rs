//! Project and domain ids looked up through IAM when the credentials do not
//! name them, as the vendor's SDKs do: `GET /v3/projects?name=<region>`
//! for a regional service, `GET /v3/auth/domains` for a global one, signed
//! with the caller's own credentials. Each answer is kept for the life of
//! the [`Config`](crate::Config) (and every client built from it), keyed by
//! who asked, the scope and the region.

use crate::encode::{EncodeContext, RequestBuilder};
use crate::scope::Scope;
use crate::transport::{within, Transport};
use crate::{Credentials, CredentialsError, ServiceError};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};
use tokio::sync::watch;

/// The SDKs' variable for another IAM endpoint.
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
/// IAM for regions without an endpoint of their own.
pub const DEFAULT_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

/// Regions with an IAM endpoint of their own (`https://iam.<region>.myhuaweicloud.com`),
/// as listed by the vendor's SDKs.
const REGIONS_WITH_IAM: &[&str] = &[
    "af-south-1",
    "ae-ad-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-east-5",
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-north-12",
    "cn-south-1",
    "cn-south-2",
    "cn-southwest-2",
    "eu-west-0",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "my-kualalumpur-1",
    "na-mexico-1",
    "ru-moscow-1",
    "sa-brazil-1",
    "tr-west-1",
];

/// The IAM endpoint for lookups in `region`: its own where it has one,
/// else the global one.
pub fn endpoint_for(region: Option<&str>) -> String {
    match region {
        Some(region) if REGIONS_WITH_IAM.contains(&region) => {
            format!("https://iam.{region}.myhuaweicloud.com")
        }
        _ => DEFAULT_IAM_ENDPOINT.to_owned(),
    }
}

/// Ids already looked up, shared by the clients of one config.
#[derive(Debug, Default)]
pub(crate) struct ScopeIds {
    /// Never held across an await: a lookup in flight is an entry of its own.
    entries: Mutex<HashMap<Key, Entry>>,
}

/// What is known of one key's id.
#[derive(Debug)]
enum Entry {
    Known(String),
    /// A caller is asking IAM: those that come meanwhile wait for its
    /// outcome, success or failure, instead of asking again one after
    /// another (against a dead IAM, each would wait out a timeout in turn).
    Asking(watch::Receiver<Outcome>),
}

/// A lookup's outcome, `None` while it is in flight.
type Outcome = Option<Result<String, CredentialsError>>;

/// What a call does about an id it does not know.
enum Turn<'a> {
    Ask(Asking<'a>),
    Wait(watch::Receiver<Outcome>),
}

/// The asking caller's hold on its `Asking` entry. Dropped before it sent
/// an outcome (the call was cancelled), it removes the entry, then wakes
/// the waiters, and one of them asks instead.
struct Asking<'a> {
    ids: &'a ScopeIds,
    key: Key,
    outcome: watch::Sender<Outcome>,
}

impl Asking<'_> {
    /// Removes the entry, unless it is another call's by now (a waiter gave
    /// up on this one and the next call asks).
    fn forget(&self) {
        self.ids.forget(&self.key, &self.outcome.subscribe());
    }
}

impl Drop for Asking<'_> {
    fn drop(&mut self) {
        if self.outcome.borrow().is_none() {
            self.forget();
        }
        // `outcome` is dropped after this: the waiters wake to no entry.
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    scope: Scope,
    /// [`Credentials::cache_identity`]: temporary keys and tokens share one
    /// entry.
    who: Option<String>,
    region: Option<String>,
}

/// One lookup's inputs.
pub(crate) struct Lookup<'a> {
    pub scope: Scope,
    pub credentials: &'a Credentials,
    pub region: Option<&'a str>,
    pub iam_endpoint: &'a str,
    pub transport: &'a dyn Transport,
    pub user_agent: &'a str,
    pub now: SystemTime,
    pub timeout: Duration,
}

impl ScopeIds {
    /// The id for `lookup`'s scope: known, asked of IAM now, or the outcome
    /// of the lookup another call has in flight.
    pub(crate) async fn resolve(&self, lookup: Lookup<'_>) -> Result<String, CredentialsError> {
        let key = Key {
            scope: lookup.scope,
            who: lookup.credentials.cache_identity().map(str::to_owned),
            region: match lookup.scope {
                Scope::Project => lookup.region.map(str::to_owned),
                Scope::Domain => None,
            },
        };
        loop {
            // Decided under the lock, done after it: a guard held across an
            // await would make every call's future `!Send`.
            let turn = {
                let mut entries = self.entries();
                match entries.get(&key) {
                    Some(Entry::Known(id)) => return Ok(id.clone()),
                    Some(Entry::Asking(outcome)) => Turn::Wait(outcome.clone()),
                    None => {
                        let (outcome, waiting) = watch::channel(None);
                        entries.insert(key.clone(), Entry::Asking(waiting));
                        Turn::Ask(Asking {
                            ids: self,
                            key: key.clone(),
                            outcome,
                        })
                    }
                }
            };
            let mut waiting = match turn {
                Turn::Ask(asking) => return self.ask_for(asking, &lookup).await,
                Turn::Wait(waiting) => waiting,
            };
            // As long as a lookup of its own may take: an asking call that
            // is never polled again (nor dropped) must not hold this one,
            // nor, through its entry, every later one: the next asks anew.
            let Ok(outcome) =
                tokio::time::timeout(lookup.timeout, waiting.wait_for(Option::is_some)).await
            else {
                self.forget(&key, &waiting);
                return Err(CredentialsError::ScopeId {
                    scope: lookup.scope,
                    reason: format!(
                        "the lookup another call started through IAM ({}) did not end within {:?}",
                        lookup.iam_endpoint, lookup.timeout
                    ),
                });
            };
            let outcome = outcome.ok().and_then(|outcome| outcome.clone());
            // No outcome (the asking call was dropped first): ask again.
            if let Some(outcome) = outcome {
                return outcome;
            }
        }
    }

    async fn ask_for(
        &self,
        asking: Asking<'_>,
        lookup: &Lookup<'_>,
    ) -> Result<String, CredentialsError> {
        let outcome = ask(lookup).await;
        match &outcome {
            Ok(id) => {
                let known = Entry::Known(id.clone());
                self.entries().insert(asking.key.clone(), known);
            }
            // The next call asks again: IAM may answer by then.
            Err(_) => asking.forget(),
        }
        // Sent once the map is settled: the lookup has ended.
        asking.outcome.send_replace(Some(outcome.clone()));
        if outcome.is_ok() {
            tracing::info!(scope = %lookup.scope, iam = lookup.iam_endpoint, "looked up the {} id through IAM", lookup.scope);
        }
        outcome
    }

    /// Removes `key`'s entry if it is still the lookup of `channel`.
    fn forget(&self, key: &Key, channel: &watch::Receiver<Outcome>) {
        let mut entries = self.entries();
        if matches!(entries.get(key), Some(Entry::Asking(asking)) if asking.same_channel(channel)) {
            entries.remove(key);
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        // Nothing panics while holding it; a poisoned map is still whole.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

async fn ask(lookup: &Lookup<'_>) -> Result<String, CredentialsError> {
    let failed = |reason: String| CredentialsError::ScopeId {
        scope: lookup.scope,
        reason,
    };
    let base = lookup.iam_endpoint.trim_end_matches('/');
    // Built by the same encoder as every call, query encoding included.
    let builder = match (lookup.scope, lookup.region) {
        (Scope::Project, Some(region)) => {
            let mut builder = RequestBuilder::new(http::Method::GET, "/v3/projects".to_owned());
            builder.query("name", region);
            builder
        }
        (Scope::Project, None) => {
            return Err(failed(
                "no region is configured to look the project up by, and no project id is set \
                 (HUAWEICLOUD_SDK_PROJECT_ID or Credentials::with_project_id)"
                    .to_owned(),
            ))
        }
        (Scope::Domain, _) => RequestBuilder::new(http::Method::GET, "/v3/auth/domains".to_owned()),
    };
    let mut request = builder
        .build(&EncodeContext::new(base))
        .map_err(|err| failed(format!("IAM endpoint `{base}`: {err}")))?;
    lookup
        .credentials
        .authorize(&mut request, lookup.user_agent, lookup.now)
        .map_err(|err| failed(err.to_string()))?;
    let response = within(lookup.timeout, lookup.transport.send(request))
        .await
        .map_err(|err| failed(format!("IAM at {base}: {err}")))?;
    let status = response.status().as_u16();
    if status >= 400 {
        let error = ServiceError::from_response(status, response.headers(), response.body());
        return Err(failed(format!("IAM at {base} refused the lookup: {error}")));
    }
    let body: serde_json::Value = serde_json::from_slice(response.body()).map_err(|_| {
        failed(format!(
            "IAM at {base} answered with something other than JSON"
        ))
    })?;
    let list = match lookup.scope {
        Scope::Project => "projects",
        Scope::Domain => "domains",
    };
    let ids: Vec<&str> = body
        .get(list)
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.get("id").and_then(serde_json::Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    match (lookup.scope, ids.as_slice()) {
        (_, [id]) => Ok((*id).to_owned()),
        (Scope::Domain, [first, ..]) => Ok((*first).to_owned()),
        (Scope::Project, []) => Err(failed(format!(
            "IAM knows no project named `{}` for these credentials; set the project id",
            lookup.region.unwrap_or_default()
        ))),
        (Scope::Project, several) => Err(failed(format!(
            "several projects are named `{}` ({}); set the one to use",
            lookup.region.unwrap_or_default(),
            several.join(", ")
        ))),
        (Scope::Domain, []) => Err(failed(
            "IAM named no domain for these credentials".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_with_their_own_iam() {
        assert_eq!(
            endpoint_for(Some("ap-southeast-1")),
            "https://iam.ap-southeast-1.myhuaweicloud.com"
        );
        assert_eq!(endpoint_for(Some("xx-nowhere-1")), DEFAULT_IAM_ENDPOINT);
        assert_eq!(endpoint_for(None), DEFAULT_IAM_ENDPOINT);
        let mut sorted = REGIONS_WITH_IAM.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), REGIONS_WITH_IAM.len());
    }

    /// A transport that counts what it is asked to send and fails it.
    #[derive(Debug, Default)]
    struct Counting(std::sync::atomic::AtomicUsize);

    impl Transport for Counting {
        fn send(
            &self,
            _request: http::Request<Vec<u8>>,
        ) -> crate::transport::BoxFuture<'_, Result<http::Response<Vec<u8>>, crate::TransportError>>
        {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Box::pin(async {
                Err(crate::TransportError::new(
                    crate::TransportErrorKind::Connect,
                    "no IAM in this test",
                ))
            })
        }
    }

    /// A call waiting for another's lookup gives up after the lookup's own
    /// timeout when that call neither ends nor is dropped (its future is
    /// parked: nobody polls it again), without asking IAM itself; the next
    /// call asks anew instead of waiting on the parked one too.
    #[tokio::test(start_paused = true)]
    async fn a_waiter_gives_up_when_the_asking_call_is_parked() {
        let ids = ScopeIds::default();
        let credentials = Credentials::access_key("AK", "SK");
        let key = Key {
            scope: Scope::Project,
            who: credentials.cache_identity().map(str::to_owned),
            region: Some("xx-north-1".to_owned()),
        };
        // The parked call: its entry in place, its guard alive, no outcome.
        let (outcome, waiting) = watch::channel(None);
        ids.entries().insert(key.clone(), Entry::Asking(waiting));
        let parked = Asking {
            ids: &ids,
            key: key.clone(),
            outcome,
        };
        let transport = Counting::default();
        let asked = || transport.0.load(std::sync::atomic::Ordering::SeqCst);
        let lookup = || Lookup {
            scope: Scope::Project,
            credentials: &credentials,
            region: Some("xx-north-1"),
            iam_endpoint: "http://iam.invalid",
            transport: &transport,
            user_agent: "test",
            now: SystemTime::now(),
            timeout: Duration::from_secs(5),
        };
        let started = tokio::time::Instant::now();
        let err = ids.resolve(lookup()).await.unwrap_err();
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        let message = err.to_string();
        assert!(message.contains("did not end within 5s"), "{message}");
        assert_eq!(asked(), 0);
        assert!(ids.entries().is_empty(), "the parked call's entry is gone");

        // Another call's lookup in flight is not the parked call's to end.
        let (other, waiting) = watch::channel(None);
        ids.entries().insert(key.clone(), Entry::Asking(waiting));
        drop(parked);
        let kept = matches!(ids.entries().get(&key), Some(Entry::Asking(asking)) if asking.same_channel(&other.subscribe()));
        assert!(kept, "another call's entry stays");
        ids.entries().clear();

        // The next call asks IAM itself (which fails here, at once).
        let err = ids.resolve(lookup()).await.unwrap_err();
        assert_eq!(asked(), 1);
        assert!(!err.to_string().contains("did not end"), "{err}");
    }
}
