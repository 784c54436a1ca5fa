//! What changed between two versions of a spec, for the user of the
//! generated client: each change located, classified as breaking or
//! compatible for the generated crate, and the version bump it needs.
//!
//! The comparison works on the resolved IR ([`crate::ir::Service`]), not on
//! the JSON, because the IR is what decides the generated API: moving a
//! parameter into `components` and referring to it changes nothing and is
//! reported as nothing, while a change that the JSON hides behind a `$ref`
//! (an enum value added to a shared schema) is reported where it lands.
//!
//! The stages, one file each:
//!
//! - [`usage`] — which named types requests carry, which responses carry
//!   (a constraint matters only where the client validates it);
//! - `compare` (service and operations) and `schemas` (named types and
//!   schemas) — walk both services side by side and name each difference;
//! - `features` — which cargo features compile each operation and type in
//!   both crates (the plan's gates), compared;
//! - [`rules`] — the verdict for each kind of difference, with the reason,
//!   decided by what the emitter writes for it (see that module);
//! - [`version`] — the bump a set of changes needs under Cargo's semver
//!   rules, and the version after it;
//! - [`report`] — the human text and the JSON document.
//!
//! ```no_run
//! use hwcloud_codegen::diff::{self, version::Version};
//! use std::path::Path;
//!
//! let (old, new) = (Path::new("old/hss.json"), Path::new("spec/hss.json"));
//! let report = diff::diff_files(old, new, diff::Options::default())?;
//! let current = Version::parse("0.1.0")?;
//! print!("{}", diff::report::text(&report, Some(&current)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compare;
mod crates;
mod features;
pub mod report;
pub mod rules;
mod rust_names;
mod schemas;
pub use crate::ir::usage;
pub mod version;

use crate::diagnostics::Diagnostics;
use crate::ir::Service;
use std::fmt;
use std::path::Path;

pub use crates::diff_folders;

pub use rules::Level;
pub use version::{Bump, Version};

/// One difference between the old and the new spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Where it is, in words: `ListRegistry query parameter limit`,
    /// `schema RegistryInfo field images_num`, `schema RegistryType`.
    pub location: String,
    pub kind: ChangeKind,
    /// The old value (`maximum: 200`), when there was one.
    pub old: Option<String>,
    /// The new value, when there is one.
    pub new: Option<String>,
    /// What the change means for the generated crate.
    pub level: Level,
    /// Why, in one sentence: what code using the generated crate sees.
    pub reason: &'static str,
}

impl Change {
    /// A change of `kind` at `location`, with the level and reason
    /// [`rules::verdict`] gives it for `usage`.
    pub(crate) fn judged(
        location: impl Into<String>,
        kind: ChangeKind,
        old: Option<String>,
        new: Option<String>,
        usage: crate::ir::usage::Usage,
    ) -> Change {
        let (level, reason) = rules::verdict(kind, usage);
        Change {
            location: location.into(),
            kind,
            old,
            new,
            level,
            reason,
        }
    }

    pub fn severity(&self) -> Severity {
        self.level.severity()
    }
}

/// Breaking or not, as the report states it; [`Level`] says more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Breaking,
    Compatible,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
        }
    }
}

/// What kind of difference a [`Change`] is. [`rules::verdict`] gives each its
/// level and reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A crate's service (`diff` of two folders of specs), with its module
    /// and cargo feature.
    ServiceAdded,
    ServiceRemoved,
    /// The service's id, which names its module and client.
    ServiceRenamed,
    /// A generated item of something both versions have (a request type,
    /// builder, client method, field, variant...) has another Rust name.
    RustNameChanged,
    /// A struct field became, or stopped being, `Box`ed (cycles of types).
    BoxingChanged,
    /// The first server's URL template or a variable's default.
    ServerChanged,
    /// Regional (project) or global (domain): `x-hwcloud-scope`, or what
    /// a vendor document's paths imply.
    ScopeChanged,
    AuthSchemeAdded,
    AuthSchemeRemoved,
    /// Same name, different header, kind or signing algorithm.
    AuthSchemeChanged,
    OperationAdded,
    OperationRemoved,
    MethodChanged,
    PathChanged,
    /// A parameter the caller supplies (not `x-sdk-auto-filled`).
    ParameterAdded {
        required: bool,
    },
    ParameterRemoved,
    /// An `x-sdk-auto-filled` parameter: the client supplies it.
    AutoFilledParameterAdded,
    AutoFilledParameterRemoved,
    /// A parameter became, or stopped being, `x-sdk-auto-filled`.
    AutoFillChanged,
    /// Same name, another place (query, header).
    ParameterMoved,
    RequestBodyAdded {
        required: bool,
    },
    RequestBodyRemoved,
    ResponseAdded {
        effect: ResponseEffect,
    },
    ResponseRemoved {
        effect: ResponseEffect,
    },
    ResponseBodyAdded,
    ResponseBodyRemoved,
    /// A named struct or enum.
    TypeAdded,
    TypeRemoved,
    FieldAdded {
        required: bool,
        /// The struct had only optional fields, so it derived `Default`,
        /// and this required one ends that.
        drops_default: bool,
    },
    FieldRemoved,
    /// A parameter, body or field.
    BecameRequired,
    BecameOptional,
    /// The value's Rust type differs (`i32` to `i64`, `String` to
    /// `SecretString`, one named type to another, struct to enum).
    TypeChanged,
    /// A `format` that does not change the Rust type (`date-time`, `double`).
    FormatChanged,
    /// Fewer values pass validation (minLength up, maximum down, a pattern
    /// added or changed, uniqueItems, an `x-required-when` rule).
    ConstraintTightened,
    /// More values pass validation.
    ConstraintLoosened,
    EnumValueAdded,
    EnumValueRemoved,
    /// The Rust name of a value's variant (`x-enum-varnames`).
    EnumVariantRenamed,
    DefaultChanged,
    NullableChanged,
    /// How a value is written on the wire: array style, `x-wire-replace`,
    /// content type.
    EncodingChanged,
    PaginationAdded,
    PaginationRemoved,
    /// Other `x-pagination` fields or parameters.
    PaginationChanged,
    Deprecated,
    Undeprecated,
    /// A description, summary, title or example: the generated docs.
    DocsChanged,
    /// A tag some operation of the service has, new or gone. Tags alone
    /// are not emitted; in a crate with a feature per tag, what they change
    /// is reported as feature changes.
    TagAdded,
    TagRemoved,
    /// An operation of both versions got, or lost, a tag (not its first
    /// or its last: [`ChangeKind::OperationTagged`], [`ChangeKind::OperationUntagged`]).
    /// Reported only: [`ChangeKind::FeaturesNarrowed`] and
    /// [`ChangeKind::FeaturesWidened`] carry the verdict for a crate with a
    /// feature per tag.
    OperationTagAdded,
    OperationTagRemoved,
    /// An operation without tags got some.
    OperationTagged,
    /// An operation lost all its tags.
    OperationUntagged,
    /// A cargo feature of the crate, new or gone (a tag's, with a feature
    /// per tag, or a service's renamed: `ecs` moved aside to `ecs2`).
    FeatureAdded,
    FeatureRemoved,
    /// A cargo feature of both crates that stands for something else: its
    /// name passed to another service (moved aside to `ecs2`) or another
    /// tag (numbered in sorted order).
    FeatureChanged,
    /// An operation or named type of both versions that a feature of both
    /// crates compiled and no longer does: code that enables only that
    /// feature loses it (with a feature per tag: a tag taken from the
    /// operation, a first tag given to it, a schema that a tagged
    /// operation now reaches).
    FeaturesNarrowed,
    /// An operation or named type that more of the crate's features
    /// compile than before.
    FeaturesWidened,
    /// A crate's services passed crates.io's feature limit, so they lost
    /// their features (every service always compiled), or came back under
    /// it and got them.
    ServiceFeaturesChanged,
}

/// What a response added or removed does to the generated API (see
/// [`crate::ir::Answers`]: one answer is the call's output, several are an
/// enum, typed errors another).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResponseEffect {
    /// The call's output type changes: one answer becomes several, or
    /// `()` becomes a body.
    OutputChanged,
    /// A variant of the (non-exhaustive) answer or error enum, or a whole
    /// error enum.
    Variant,
    /// An error status without a body where errors are not typed: only
    /// the docs.
    DocsOnly,
}

impl ChangeKind {
    /// The kind's name in reports, kebab-case: `field-added`.
    pub fn as_str(self) -> &'static str {
        use ChangeKind::*;
        match self {
            ServiceAdded => "service-added",
            ServiceRemoved => "service-removed",
            ServiceRenamed => "service-renamed",
            RustNameChanged => "rust-name-changed",
            BoxingChanged => "boxing-changed",
            ServerChanged => "server-changed",
            ScopeChanged => "scope-changed",
            AuthSchemeAdded => "auth-scheme-added",
            AuthSchemeRemoved => "auth-scheme-removed",
            AuthSchemeChanged => "auth-scheme-changed",
            OperationAdded => "operation-added",
            OperationRemoved => "operation-removed",
            MethodChanged => "method-changed",
            PathChanged => "path-changed",
            ParameterAdded { .. } => "parameter-added",
            ParameterRemoved => "parameter-removed",
            AutoFilledParameterAdded => "auto-filled-parameter-added",
            AutoFilledParameterRemoved => "auto-filled-parameter-removed",
            AutoFillChanged => "auto-fill-changed",
            ParameterMoved => "parameter-moved",
            RequestBodyAdded { .. } => "request-body-added",
            RequestBodyRemoved => "request-body-removed",
            ResponseAdded { .. } => "response-added",
            ResponseRemoved { .. } => "response-removed",
            ResponseBodyAdded => "response-body-added",
            ResponseBodyRemoved => "response-body-removed",
            TypeAdded => "type-added",
            TypeRemoved => "type-removed",
            FieldAdded { .. } => "field-added",
            FieldRemoved => "field-removed",
            BecameRequired => "became-required",
            BecameOptional => "became-optional",
            TypeChanged => "type-changed",
            FormatChanged => "format-changed",
            ConstraintTightened => "constraint-tightened",
            ConstraintLoosened => "constraint-loosened",
            EnumValueAdded => "enum-value-added",
            EnumValueRemoved => "enum-value-removed",
            EnumVariantRenamed => "enum-variant-renamed",
            DefaultChanged => "default-changed",
            NullableChanged => "nullable-changed",
            EncodingChanged => "encoding-changed",
            PaginationAdded => "pagination-added",
            PaginationRemoved => "pagination-removed",
            PaginationChanged => "pagination-changed",
            Deprecated => "deprecated",
            Undeprecated => "undeprecated",
            DocsChanged => "docs-changed",
            TagAdded => "tag-added",
            TagRemoved => "tag-removed",
            OperationTagAdded => "operation-tag-added",
            OperationTagRemoved => "operation-tag-removed",
            OperationTagged => "operation-tagged",
            OperationUntagged => "operation-untagged",
            FeatureAdded => "feature-added",
            FeatureRemoved => "feature-removed",
            FeatureChanged => "feature-changed",
            FeaturesNarrowed => "features-narrowed",
            FeaturesWidened => "features-widened",
            ServiceFeaturesChanged => "service-features-changed",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every change between two specs, sorted: breaking first, then by
/// location, kind and values, so the same pair always gives the same report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The most serious level among the changes; `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    pub fn has_breaking(&self) -> bool {
        self.level() == Some(Level::Breaking)
    }

    /// Only where two specs disagree on what both have: the operations and
    /// types of both, and not the service's name, servers or auth, nor what
    /// only one of them has. For checking one spec against another that
    /// covers more or less of the API (our `spec/` against the vendor's
    /// document of the whole service).
    pub fn common(self) -> Report {
        let one_sided = |kind: &ChangeKind| {
            matches!(
                kind,
                ChangeKind::ServiceRenamed
                    | ChangeKind::ServerChanged
                    | ChangeKind::AuthSchemeAdded
                    | ChangeKind::AuthSchemeRemoved
                    | ChangeKind::AuthSchemeChanged
                    | ChangeKind::OperationAdded
                    | ChangeKind::OperationRemoved
                    | ChangeKind::TypeAdded
                    | ChangeKind::TypeRemoved
                    // What the two documents have on one side only renames
                    // and boxes: derived, not a disagreement on the API.
                    | ChangeKind::RustNameChanged
                    | ChangeKind::BoxingChanged
                    | ChangeKind::TagAdded
                    | ChangeKind::TagRemoved
                    | ChangeKind::FeatureAdded
                    | ChangeKind::FeatureRemoved
                    | ChangeKind::FeatureChanged
                    | ChangeKind::FeaturesNarrowed
                    | ChangeKind::FeaturesWidened
                    | ChangeKind::ServiceFeaturesChanged
                    | ChangeKind::ServiceAdded
                    | ChangeKind::ServiceRemoved
            )
        };
        Report {
            changes: self
                .changes
                .into_iter()
                .filter(|c| !one_sided(&c.kind))
                .collect(),
        }
    }

    /// The bump the generated crate needs from `current` (see
    /// [`version::bump`]).
    pub fn bump(&self, current: Option<&Version>) -> Bump {
        version::bump(self.level(), current)
    }

    /// `changes`, breaking first, then by location; each once.
    fn sorted(mut changes: Vec<Change>) -> Report {
        changes.sort_by(|a, b| {
            (a.severity(), &a.location, a.kind.as_str(), &a.old, &a.new).cmp(&(
                b.severity(),
                &b.location,
                b.kind.as_str(),
                &b.old,
                &b.new,
            ))
        });
        changes.dedup();
        Report { changes }
    }
}

/// How the crate of the compared specs is generated, where that decides
/// what a change means for its users.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The crate has a feature per tag (`generate --features-per-tag`):
    /// which of them compile each operation and type is compared too.
    pub features_per_tag: bool,
}

/// Compares two resolved services, each the one service of its crate.
pub fn diff(old: &Service, new: &Service) -> Report {
    diff_with(old, new, Options::default())
}

/// [`diff`] for a crate generated with `options`.
pub fn diff_with(old: &Service, new: &Service, options: Options) -> Report {
    let mut changes = compare::services(old, new);
    let per_tag = options.features_per_tag;
    let (old, new) = (std::slice::from_ref(old), std::slice::from_ref(new));
    changes.extend(features::compare(
        &features::Side::new(old, per_tag),
        &features::Side::new(new, per_tag),
        &[(0, 0)],
        |_, location| location,
    ));
    Report::sorted(changes)
}

/// Why two spec files could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// One or both specs have errors; the diagnostics of each (file and
    /// JSON location of every problem) are kept.
    #[error("{}", failed_report(.0))]
    InvalidSpecs(Vec<Diagnostics>),
    /// A folder of specs (a crate's) that cannot be listed or holds none.
    #[error("{}: {message}", .path.display())]
    Folder {
        path: std::path::PathBuf,
        message: String,
    },
}

fn failed_report(failed: &[Diagnostics]) -> String {
    failed
        .iter()
        .map(|d| format!("{} cannot be compared, it has errors:\n{d}", d.file()))
        .collect::<Vec<_>>()
        .join("")
        .trim_end()
        .to_owned()
}

/// Loads both specs and compares them, each the one service of its crate
/// (named as `generate` names it). A spec with errors (unreadable, not
/// JSON, outside the supported subset, inconsistent) is an error carrying
/// its diagnostics; both specs are checked before giving up.
pub fn diff_files(old: &Path, new: &Path, options: Options) -> Result<Report, DiffError> {
    let (old, new) = both(load_specs(&[old.into()]), load_specs(&[new.into()]))?;
    Ok(diff_with(&old[0], &new[0], options))
}

/// The services of `specs`, named as `generate` names one crate of them;
/// the diagnostics of those with errors when any has one.
fn load_specs(specs: &[std::path::PathBuf]) -> Result<Vec<Service>, DiffError> {
    crate::load_crate(specs, false)
        .map(|loaded| loaded.services)
        .map_err(|every| {
            DiffError::InvalidSpecs(every.into_iter().filter(Diagnostics::has_errors).collect())
        })
}

/// Both sides loaded, or why not: both sides are read before giving up.
fn both<T>(old: Result<T, DiffError>, new: Result<T, DiffError>) -> Result<(T, T), DiffError> {
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (Err(DiffError::InvalidSpecs(mut both)), Err(DiffError::InvalidSpecs(new))) => {
            both.extend(new);
            Err(DiffError::InvalidSpecs(both))
        }
        (Err(err), _) | (_, Err(err)) => Err(err),
    }
}
