//! Subcommands with enough code to want a file of their own.

pub mod import;
