//! Shared runtime for the clients that `hwcloud-codegen` generates.
//!
//! Generated crates keep only what is specific to an API (types, validation
//! rules, request encoding); everything they share lives here.
#![forbid(unsafe_code)]

mod secret;

pub use secret::SecretString;
