//! Whose resources a service's calls act on: a project (regional services)
//! or a whole account, a "domain" (global services). The generator reads
//! it from the spec; the runtime sends what the vendor's SDKs send for it.

use std::fmt;

/// How a service scopes its calls, as its spec says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A regional service: each call acts in a project of one region. The
    /// client sends `X-Project-Id` and fills `{project_id}` in paths; the
    /// credentials file's `[basic]` section applies.
    Project,
    /// A global service (IAM-style): each call acts for the account. The
    /// client sends `X-Domain-Id` and fills `{domain_id}` in paths; the
    /// credentials file's `[global]` section applies.
    Domain,
}

impl Scope {
    /// The header that carries the scope's id (`x-project-id`,
    /// `x-domain-id`; header names are case-insensitive).
    pub fn header(self) -> &'static str {
        match self {
            Scope::Project => "x-project-id",
            Scope::Domain => "x-domain-id",
        }
    }

    /// The section of the credentials file for services of this scope.
    pub fn profile_section(self) -> &'static str {
        match self {
            Scope::Project => "basic",
            Scope::Domain => "global",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::Project => "project",
            Scope::Domain => "domain",
        })
    }
}
