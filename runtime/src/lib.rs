//! Shared runtime for the clients that `hwcloud-codegen` generates.
//!
//! Generated crates keep only what is specific to an API (types, validation
//! rules, request encoding); everything they share lives here:
//!
//! - [`Operation`] and [`Paginated`]: what a generated request is to the
//!   client that sends it;
//! - [`builder`]: what generated builders share ([`BuildError`] names every
//!   required field left unset);
//! - [`Validate`], [`Violations`] and the [`check`] functions behind every
//!   generated `validate()`;
//! - [`RequestBuilder`] and [`EncodeContext`]: the wire rules of request
//!   encoding (percent-encoding, query order, auto-filled parameters);
//! - [`decode`]: response decoding with capped body excerpts in errors;
//! - [`multipart`]: form bodies with files ([`FilePart`]), as the vendor's SDK
//!   writes them;
//! - [`sign`]: `SDK-HMAC-SHA256` request signing, as the vendor's SDK does it;
//! - [`SecretString`], which never prints its value;
//! - [`Config`] and [`ServiceClient`]: calling a service, with
//!   [`Credentials`] from any [`ProvideCredentials`] (the SDKs' default
//!   chain [`DefaultChain`]: environment, credentials file, ECS metadata),
//!   the project or domain [`Scope`] (ids looked up through [`iam`] when not
//!   set), endpoints per region ([`regions`]), a [`Transport`] (hyper by default), retries
//!   ([`RetryPolicy`]), one [`Error`] type, and [`Pages`] for paged
//!   operations.
#![forbid(unsafe_code)]

pub mod builder;
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod config;
pub mod credentials;
pub mod decode;
pub mod describe;
mod encode;
mod env;
mod error;
pub mod hook;
pub mod iam;
mod media;
#[cfg(feature = "mock")]
pub mod mock;
pub mod multipart;
mod operation;
mod output;
pub mod paging;
pub mod params;
#[cfg(feature = "patterns")]
mod pattern;
pub mod regions;
pub mod retry;
mod scope;
mod secret;
mod service_error;
pub mod sign;
mod stream;
pub mod testing;
pub mod transport;
mod validate;
pub mod wire;

pub use builder::{BuildError, BuildSlot, Buildable, MissingFields};
pub use client::ServiceClient;
pub use config::{
    Clock, Config, ConfigError, Environment, Proxy, ServiceInfo, Timeouts,
    DEFAULT_MAX_RESPONSE_BYTES,
};
pub use credentials::profile;
pub use credentials::{
    AuthorizeError, Credentials, CredentialsError, DefaultChain, MetadataProvider,
    ProvideCredentials, Source,
};
pub use decode::{DecodeError, Excerpt};
pub use encode::{path_segment, replace_all, EncodeContext, EncodeError, RequestBuilder};
pub use error::{Error, RequestError};
pub use hook::{Hook, HookEvent, RequestView};
/// Generated crates name `http` types through this re-export, so that they
/// always agree with the runtime on its version.
pub use http;
pub use multipart::FilePart;
pub use operation::{Call, Download, Operation, Paginated};
pub use output::Output;
pub use paging::Pages;
#[cfg(feature = "patterns")]
pub use pattern::Pattern;
pub use retry::RetryPolicy;
pub use scope::Scope;
pub use secret::SecretString;
pub use service_error::ServiceError;
pub use stream::ByteStream;
pub use transport::{HttpTransport, Transport, TransportError, TransportErrorKind};
pub use validate::{Number, Path, Rule, Validate, Violation, Violations};
