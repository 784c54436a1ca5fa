//! How an operation's documented responses reach the caller. The client
//! hands decoding only answers with a status below 400 (the rest become an
//! `Error::Service`), so the responses split in two, and both the emitter
//! and `diff` (which judges changes by what the emitter writes) ask here:
//!
//! - **answers** (below 400): one documented gives its body (`()` without
//!   one), which is what nearly every operation has; several give an enum;
//! - **errors** (400 and above, and `default`): typed when one of them
//!   documents a body.

use super::{Operation, Response, Status};

/// What a successful call gives back.
#[derive(Debug, Clone, PartialEq)]
pub enum Answers<'a> {
    /// Nothing documented below 400: `()` for any 2xx.
    Unit,
    /// One documented answer: its body, any 2xx read as it.
    Single(&'a Response),
    /// Several: an enum, one variant per answer (`default` last, when it
    /// stands beside them).
    Several(Vec<&'a Response>),
}

impl Operation {
    /// The answers. A `default` response counts as one only beside other
    /// answers (then the enum's catch-all) or alone; beside a single
    /// answer, it documents the errors.
    pub fn answers(&self) -> Answers<'_> {
        let coded: Vec<&Response> = self
            .responses
            .iter()
            .filter(|r| matches!(r.status, Status::Code(code) if code < 400))
            .collect();
        let default = self.responses.iter().find(|r| r.status == Status::Default);
        match (coded.as_slice(), default) {
            ([], None) => Answers::Unit,
            ([], Some(default)) => Answers::Single(default),
            ([single], _) => Answers::Single(single),
            (_, default) => Answers::Several(coded.into_iter().chain(default).collect()),
        }
    }

    /// The documented error responses (400 and above, and `default`), when
    /// one of them has a body: then they are typed. Else `None`: the
    /// generic service error says all the spec does.
    pub fn typed_errors(&self) -> Option<Vec<&Response>> {
        let errors: Vec<&Response> = self
            .responses
            .iter()
            .filter(|r| match r.status {
                Status::Code(code) => code >= 400,
                Status::Default => true,
            })
            .collect();
        errors.iter().any(|r| r.body.is_some()).then_some(errors)
    }
}
