//! Subcommands with enough code to want a file of their own.

pub mod diff;
pub mod import;
