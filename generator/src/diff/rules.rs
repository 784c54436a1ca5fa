//! The verdict for each kind of change: breaking or compatible *for the
//! generated crate*, and why.
//!
//! Every verdict follows from what the emitter writes (see `emit/`), which
//! `tests/diff.rs` (`emitted_api_is_what_the_rules_assume`) checks on real
//! output:
//!
//! 1. **Structs are `#[non_exhaustive]` and built by name.** Models and
//!    request types have `pub` fields, but callers outside the crate cannot
//!    write them as literals or take them apart exhaustively: types a
//!    request reaches are made with `T::builder()`, one setter per field,
//!    and `build()`, which reports every required field left unset
//!    (`BuildError`, or `Error::Build` from a fluent `send`). So a new
//!    optional field, on either side, breaks no code; a new *required*
//!    request field does: calls that never set it now fail before sending.
//!    `build()` returns a `Result` on every builder, so no added field
//!    changes its signature. Types only received get no builder. A struct whose fields
//!    are all optional derives `Default`, so its first required field is
//!    breaking on either side.
//! 2. **Enums are open on the wire and `#[non_exhaustive]` in Rust.** Every
//!    value enum has `Unknown(..)`, so an undocumented value still decodes,
//!    and callers' matches carry a `_` arm, so a new variant breaks none.
//! 3. **One answer is the call's output; more are an enum.** A call gives
//!    the body of its one documented answer below status 400 (`()` without
//!    one); with several, a `#[non_exhaustive]` enum of them
//!    ([`crate::ir::Answers`]). Documented error bodies are read by a
//!    non-exhaustive `<Operation>Error` enum. So a new error status, or a
//!    new answer beside several, is an addition; a second answer where
//!    there was one changes the output's type.
//! 4. **Requests are validated, responses are not.** `to_http_request`
//!    calls `validate()` first and refuses a request that breaks a documented
//!    rule (including an `Unknown` enum value); `from_http_response` decodes
//!    without checking limits. Models still have a public `validate()`.
//! 5. **Not emitted:** security schemes (the runtime signs with whatever
//!    credentials its `Config` holds), string and number `format`s other than
//!    `password` and `binary`, response headers, tags (in a crate with a
//!    feature per tag, the features are compared instead), field and parameter
//!    `deprecated`, `readOnly`/`writeOnly`, servers after the first. The
//!    comparison skips what has no effect at all and reports the rest as
//!    [`Level::SpecOnly`].
//!
//! 6. **Names are planned** (`crate::plan`): every Rust name is decided
//!    once, with collisions resolved in the spec's order, and fields on a
//!    cycle of types are boxed. So an addition can rename or box what was
//!    there; `rust_names` compares the planned names and boxing of what
//!    both versions have.
//!
//! If the emitter changes one of these (say, structs lose their builders,
//! or enums become exhaustive), that test fails: revisit the rules below
//! that cite the fact.

use super::{ChangeKind, ResponseEffect, Severity};
use crate::ir::usage::Usage;

/// What a change means for the generated crate, from most to least serious
/// (the order decides the report's [`super::Bump`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The spec changed, but the generated crate does not: no release is
    /// needed (it may still matter to callers, e.g. which credentials work).
    SpecOnly,
    /// The crate's code or docs change, its public API does not: a patch.
    Fix,
    /// New public API; existing code compiles and behaves as before.
    Addition,
    /// Code using the crate may stop compiling, or requests it made may now
    /// be refused or go elsewhere.
    Breaking,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Breaking => Severity::Breaking,
            _ => Severity::Compatible,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::SpecOnly => "spec-only",
            Level::Fix => "fix",
            Level::Addition => "addition",
            Level::Breaking => "breaking",
        }
    }
}

/// The level of a change of `kind` to something that `usage` says is sent in
/// requests, received in responses, or both (a type used in both gets the
/// stricter verdict), and the reason in one sentence.
pub fn verdict(kind: ChangeKind, usage: Usage) -> (Level, &'static str) {
    use ChangeKind::*;
    use Level::*;
    match kind {
        // A service's module is compiled under a cargo feature of its own,
        // on by default (`plan::features`): code built with the defaults
        // sees a new module, code that picks its features sees nothing.
        ServiceAdded => (
            Addition,
            "a new module and client behind a new cargo feature, on by default; existing code \
             compiles as before, with default features or without",
        ),
        ServiceRemoved => (
            Breaking,
            "its module, client and cargo feature are gone: code that names them, or enables \
             the feature, stops compiling",
        ),
        // Planned names (`crate::plan`): code that writes the old one stops
        // compiling, whatever the spec change that moved it.
        RustNameChanged => (
            Breaking,
            "the generated item has another Rust name (names are made unique in the spec's \
             order, so an addition can move an existing one aside): code naming it stops compiling",
        ),
        BoxingChanged => (
            Breaking,
            "the field's type gains or loses a `Box` (types that contain themselves are boxed \
             along the cycle): code that reads, moves or matches it by type may stop compiling",
        ),
        // The module (`hwcloud_registry::hss`) and client are named after it.
        ServiceRenamed => (
            Breaking,
            "the service's module and client are named after its id, so every path to them changes",
        ),
        // A judgment call: the public API is unchanged, but every call goes
        // to another host. Callers behind firewalls or proxies, or pinned to
        // a region, find out at run time, so it is flagged as breaking.
        ServerChanged => (
            Breaking,
            "every request goes to a different host (ENDPOINT_TEMPLATE changes); \
             callers that set Config::with_endpoint are not affected",
        ),
        // The scope decides the id header, the id filled into paths, and the
        // credentials file's section: every call changes.
        ScopeChanged => (
            Breaking,
            "every call acts in another scope: it sends X-Project-Id instead of X-Domain-Id (or \
             the reverse), fills the other id into paths, and reads the other section of the \
             credentials file",
        ),
        // Fact 5: nothing in the generated code reads the schemes.
        AuthSchemeAdded | AuthSchemeRemoved | AuthSchemeChanged => (
            SpecOnly,
            "the generated code does not read security schemes (the runtime signs with the \
             Config's credentials); callers whose credentials the service stops accepting fail \
             at run time",
        ),
        OperationAdded => (
            Addition,
            "a new request type, builder and client method; existing code is unaffected",
        ),
        OperationRemoved => (
            Breaking,
            "its request type, builder and client method are gone",
        ),
        // A judgment call, like ServerChanged: the method decides what the
        // service does and which failures the client retries (only GET,
        // PUT and DELETE are retried on timeouts by default).
        MethodChanged => (
            Breaking,
            "the same call sends another HTTP method (METHOD changes), so the service may act \
             differently and the client retries different failures",
        ),
        PathChanged => (
            Breaking,
            "requests go to a different URL (PATH changes); callers, mocks and proxies that \
             expect the old one break",
        ),
        // Fact 1: required fields are checked when the request is built.
        ParameterAdded { required: true } | RequestBodyAdded { required: true } => (
            Breaking,
            "a new required field: calls that do not set it fail before sending (Error::Build)",
        ),
        // Fact 1: the request struct is non-exhaustive and built by name.
        ParameterAdded { required: false } | RequestBodyAdded { required: false } => (
            Addition,
            "a new optional field and builder setter; the request struct is #[non_exhaustive], \
             so existing code compiles and sends what it sent",
        ),
        ParameterRemoved | RequestBodyRemoved => (
            Breaking,
            "the request type loses a field, and its builder the setter",
        ),
        // An auto-filled parameter is no field of the request type; the
        // client takes it from the encode context.
        AutoFilledParameterAdded | AutoFilledParameterRemoved => (
            Fix,
            "the client supplies it from its configuration; the request type does not change",
        ),
        AutoFillChanged => (
            Breaking,
            "the request type gains or loses the field, since only parameters the client does \
             not fill in are fields",
        ),
        ParameterMoved => (
            Fix,
            "the request type keeps the field; the client sends it where the service now \
             expects it",
        ),
        // Fact 3: what a response does depends on where it lands.
        ResponseAdded { effect } => match effect {
            ResponseEffect::OutputChanged => (
                Breaking,
                "the call's output changes type: one documented answer gave its body, several \
                 give an enum (or a body replaces ())",
            ),
            ResponseEffect::Variant => (
                Addition,
                "the answer or error enum gains a variant, or the operation an error enum; both \
                 are #[non_exhaustive], so existing matches compile",
            ),
            ResponseEffect::DocsOnly => (
                Fix,
                "an error status without a body: it stays an Error::Service, only the docs \
                 change",
            ),
        },
        ResponseRemoved { effect } => match effect {
            ResponseEffect::OutputChanged => (
                Breaking,
                "the call's output changes type (an enum of answers becomes one answer's body, \
                 or a body becomes ())",
            ),
            ResponseEffect::Variant => (
                Breaking,
                "the answer or error enum loses a variant, and that status no longer decodes",
            ),
            ResponseEffect::DocsOnly => (
                Fix,
                "an error status without a body: it stays an Error::Service, only the docs \
                 change",
            ),
        },
        ResponseBodyAdded | ResponseBodyRemoved => (
            Breaking,
            "the answer's type, or the variant's payload, changes, so code reading it stops \
             compiling",
        ),
        TypeAdded => (Addition, "a new public type; existing code is unaffected"),
        TypeRemoved => (Breaking, "a public type is gone"),
        // Fact 1 for both sides: non-exhaustive structs, required request
        // fields checked by build(), `Default` only while every field is
        // optional.
        FieldAdded { required: true, .. } if usage.request => (
            Breaking,
            "a new required field: build() reports it missing until callers set it",
        ),
        FieldAdded {
            drops_default: true,
            ..
        } => (
            Breaking,
            "the struct's first required field: it no longer derives Default, so code that \
             made one with T::default() stops compiling",
        ),
        FieldAdded { .. } => (
            Addition,
            "the struct is #[non_exhaustive]: a new field (with a builder setter on types \
             callers build) breaks no existing code",
        ),
        FieldRemoved => (
            Breaking,
            "the struct loses a public field (and its builder the setter)",
        ),
        // `T` becomes `Option<T>` or back, and build() checks required fields.
        BecameRequired | BecameOptional => (
            Breaking,
            "the field's type changes between T and Option<T>, and whether build() requires \
             it changes",
        ),
        TypeChanged => (
            Breaking,
            "the Rust type changes, so code reading or setting the value stops compiling",
        ),
        NullableChanged => (Breaking, "the Rust type changes between T and Option<T>"),
        // Fact 5: formats other than `password` and `binary` only document.
        FormatChanged => (
            SpecOnly,
            "the Rust type stays the same and the generated code does not check the format",
        ),
        // Fact 4: only requests are validated before they are sent.
        ConstraintTightened if usage.request => (
            Breaking,
            "requests that passed validation may now be refused before they are sent",
        ),
        ConstraintTightened => (
            Fix,
            "responses are not validated when decoded; only the docs and the type's validate() \
             change",
        ),
        ConstraintLoosened => (
            Fix,
            "more values pass validation; calls that worked still work",
        ),
        // Fact 2: `Unknown` keeps decoding open and the Rust enum is
        // non-exhaustive.
        EnumValueAdded => (
            Addition,
            if usage.response {
                "the enum gains a variant; it is #[non_exhaustive], so matches compile, and the \
                 value now decodes as its variant instead of Unknown"
            } else {
                "the enum gains a variant; it is #[non_exhaustive], so matches compile"
            },
        ),
        EnumValueRemoved => (
            Breaking,
            if usage.request {
                "the enum loses a variant, and the value sent as Unknown fails validation"
            } else {
                "the enum loses a variant; the value now decodes as Unknown"
            },
        ),
        EnumVariantRenamed => (Breaking, "the enum variant's Rust name changes"),
        // The client never sends a default; the docs name it.
        DefaultChanged => (
            Fix,
            "only the docs change: the client sends nothing for an unset value, and the service \
             applies its new default",
        ),
        EncodingChanged => (
            Fix,
            "the API stays the same; the client writes or reads the value as the service now \
             expects",
        ),
        PaginationAdded => (
            Addition,
            "the request gains next_page and Paginated, its builder pages(); existing code is \
             unaffected",
        ),
        PaginationRemoved => (
            Breaking,
            "next_page, Paginated (so client.pages) and the builder's pages() are gone",
        ),
        PaginationChanged => (
            Fix,
            "next_page follows other fields; its signature stays the same",
        ),
        // Cargo's semver guide counts deprecating an item as minor.
        Deprecated => (
            Addition,
            "the client method gets #[deprecated]: callers see a warning",
        ),
        Undeprecated => (Fix, "the client method loses #[deprecated]"),
        DocsChanged => (
            Fix,
            "only the generated documentation (or the examples and tests made from it) changes",
        ),
        // Past 250 services a crate has no feature per service
        // (`plan::has_service_features`): every service compiles, whatever
        // is asked.
        ServiceFeaturesChanged => (
            Breaking,
            "the crate has a feature per service on one side only: code that enables one, or \
             turns the default features off, does not build the same",
        ),
        // In a crate with a feature per tag, what a tag change does to the
        // features is judged on its own (the feature kinds below).
        TagAdded | TagRemoved | OperationTagAdded | OperationTagRemoved | OperationTagged
        | OperationUntagged => (
            SpecOnly,
            "tags alone are not emitted (with a feature per tag, `diff --features-per-tag` \
             reports what they do to the features)",
        ),
        FeatureAdded => (
            Addition,
            "a new cargo feature: existing code compiles as before",
        ),
        FeatureRemoved => (
            Breaking,
            "the cargo feature is gone: a crate that enables it stops compiling",
        ),
        FeatureChanged => (
            Breaking,
            "the cargo feature compiles other code now: a crate that enables it loses what it compiled",
        ),
        FeaturesNarrowed => (
            Breaking,
            "code that enables only a feature that compiled this, and no longer does, loses it",
        ),
        FeaturesWidened => (
            Addition,
            "more of the crate's features compile it: existing code compiles as before",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_matter_where_requests_are_validated() {
        let request = Usage {
            request: true,
            response: false,
        };
        let response = Usage {
            request: false,
            response: true,
        };
        let both = request.union(response);
        let tightened = ChangeKind::ConstraintTightened;
        assert_eq!(verdict(tightened, request).0, Level::Breaking);
        assert_eq!(verdict(tightened, response).0, Level::Fix);
        assert_eq!(verdict(tightened, both).0, Level::Breaking);
        assert_eq!(verdict(ChangeKind::ConstraintLoosened, both).0, Level::Fix);
    }

    #[test]
    fn levels_order_from_least_to_most_serious() {
        assert!(Level::SpecOnly < Level::Fix);
        assert!(Level::Fix < Level::Addition);
        assert!(Level::Addition < Level::Breaking);
        assert_eq!(Level::Addition.severity(), Severity::Compatible);
        assert_eq!(Level::Breaking.severity(), Severity::Breaking);
    }
}
