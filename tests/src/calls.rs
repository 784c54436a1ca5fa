//! Calls an operation by its name with JSON input (the shape of a recorded
//! SDK call), through the real generated clients.

use hwcloud_registry::{hss, swr};
use hwcloud_runtime::{Config, ConfigError, Error, Output};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;

/// The clients of both services, from one config.
#[derive(Debug, Clone)]
pub struct Clients {
    pub hss: hss::Client,
    pub swr: swr::Client,
}

/// How a call ended.
#[derive(Debug)]
pub enum Called {
    /// A success status, decoded.
    Answered {
        status: u16,
        request_id: Option<String>,
    },
    /// The input is not a request of this operation (a required parameter
    /// missing, a value of the wrong type); nothing was sent.
    BadInput(String),
    Failed(Error),
}

impl Clients {
    pub fn new(config: &Config) -> Result<Self, ConfigError> {
        Ok(Self {
            hss: hss::Client::new(config)?,
            swr: swr::Client::new(config)?,
        })
    }

    /// Runs `op` with `input`; `None` for an operation these clients lack.
    pub async fn call(&self, op: &str, input: &Value) -> Option<Called> {
        Some(match op {
            "AddRegistry" => {
                run(input, |r: hss::AddRegistryRequest| async move {
                    self.hss.send(&r).await
                })
                .await
            }
            "ListRegistry" => {
                run(input, |r: hss::ListRegistryRequest| async move {
                    self.hss.send(&r).await
                })
                .await
            }
            "UpdateRegistry" => {
                run(input, |r: hss::UpdateRegistryRequest| async move {
                    self.hss.send(&r).await
                })
                .await
            }
            "UpdateInstanceRegistry" => {
                run(input, |r: swr::UpdateInstanceRegistryRequest| async move {
                    self.swr.send(&r).await
                })
                .await
            }
            "UpdateUserRepositoryAuth" => run(
                input,
                |r: swr::UpdateUserRepositoryAuthRequest| async move { self.swr.send(&r).await },
            )
            .await,
            _ => return None,
        })
    }
}

async fn run<R, T, F, Fut>(input: &Value, call: F) -> Called
where
    R: DeserializeOwned,
    F: FnOnce(R) -> Fut,
    Fut: Future<Output = Result<Output<T>, Error>>,
{
    let request = match serde_json::from_value::<R>(input.clone()) {
        Ok(request) => request,
        Err(err) => return Called::BadInput(err.to_string()),
    };
    match call(request).await {
        Ok(output) => Called::Answered {
            status: output.status(),
            request_id: output.request_id().map(str::to_owned),
        },
        Err(err) => Called::Failed(err),
    }
}
