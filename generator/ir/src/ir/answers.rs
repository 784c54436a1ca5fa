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

/// What a successful call gives back. Resolution refuses an operation
/// without a response below 400, so there is always at least one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answers<'a> {
    /// One documented answer: its body, any 2xx read as it.
    Single(&'a Response),
    /// Several: an enum, one variant per answer (`default` last, when it
    /// stands beside them as the catch-all).
    Several(Vec<&'a Response>),
}

impl Answers<'_> {
    /// Whether the response with `status` is one of the answers.
    pub fn includes(&self, status: Status) -> bool {
        match self {
            Answers::Single(answer) => answer.status == status,
            Answers::Several(answers) => answers.iter().any(|r| r.status == status),
        }
    }
}

impl Operation {
    /// Whether the one success answer is a file (`format: binary` bytes):
    /// such an operation can also be sent with its body streamed.
    pub fn downloads(&self) -> bool {
        matches!(
            self.answers(),
            Answers::Single(response)
                if response.body.as_ref().is_some_and(|b| b.schema.ty == super::Type::Binary)
        )
    }

    /// The answers. Beside a single answer, a `default` response documents
    /// the errors; beside several, it is the enum's catch-all.
    pub fn answers(&self) -> Answers<'_> {
        let coded: Vec<&Response> = self
            .responses
            .iter()
            .filter(|r| matches!(r.status, Status::Code(code) if code < 400))
            .collect();
        match coded.as_slice() {
            [single] => Answers::Single(single),
            _ => {
                let default = self.responses.iter().find(|r| r.status == Status::Default);
                Answers::Several(coded.into_iter().chain(default).collect())
            }
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

#[cfg(test)]
mod tests {
    use crate::ir::{Answers, Operation, Status};
    use serde_json::json;

    /// The one operation of a spec whose responses are `responses`.
    fn operation(responses: serde_json::Value) -> Operation {
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1", "x-service-id": "T"},
            "servers": [{"url": "https://t.example.com"}],
            "paths": {"/t": {"get": {"operationId": "GetT", "responses": responses}}}
        });
        let loaded = crate::load_str("t.json", &spec.to_string());
        let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
        let service = loaded.service.unwrap_or_else(|| panic!("{problems:?}"));
        service
            .operations
            .into_iter()
            .next()
            .expect("one operation")
    }

    fn statuses(answers: &Answers) -> Vec<Status> {
        match answers {
            Answers::Single(r) => vec![r.status],
            Answers::Several(rs) => rs.iter().map(|r| r.status).collect(),
        }
    }

    #[test]
    fn one_answer_is_single_and_default_beside_it_documents_errors() {
        let op = operation(json!({
            "200": {"description": "ok"},
            "default": {"description": "any error"}
        }));
        let answers = op.answers();
        assert!(matches!(answers, Answers::Single(_)));
        assert!(answers.includes(Status::Code(200)));
        assert!(!answers.includes(Status::Default));
        // No error documents a body: errors stay untyped.
        assert_eq!(op.typed_errors(), None);
    }

    #[test]
    fn several_answers_keep_default_last_as_their_catch_all() {
        let op = operation(json!({
            "default": {"description": "other"},
            "204": {"description": "gone"},
            "200": {"description": "ok"},
            "404": {"description": "missing", "content": {"application/json": {"schema": {"type": "object"}}}}
        }));
        let answers = op.answers();
        assert_eq!(
            statuses(&answers),
            [Status::Code(200), Status::Code(204), Status::Default]
        );
        assert!(!answers.includes(Status::Code(404)));
        let errors = op.typed_errors().expect("the 404 has a body");
        let errors: Vec<Status> = errors.iter().map(|r| r.status).collect();
        assert_eq!(errors, [Status::Code(404), Status::Default]);
    }
}
