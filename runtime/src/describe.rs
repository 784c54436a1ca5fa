//! What an operation looks like from outside: its method and path, each
//! parameter's place on the wire and kind of value, its answers with a
//! sample body. Generated crates write one [`OperationInfo`] per operation
//! (behind their `mock` feature) so that the mock can read a request off the
//! wire and the command line can offer one flag per parameter, both from
//! this data instead of generated code.

/// One operation, as the spec documents it.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// The spec's `operationId` (`ListRegistry`).
    pub name: &'static str,
    /// The command-line name, kebab case (`list-registry`).
    pub command: &'static str,
    /// `GET`, `PUT`, ...
    pub method: &'static str,
    /// The path template, as documented (`/v5/{project_id}/image/registries`).
    pub path: &'static str,
    /// One line about the operation.
    pub summary: &'static str,
    /// The longer description, if any.
    pub description: &'static str,
    /// Path, query and header parameters, in spec order.
    pub params: &'static [ParamInfo],
    pub body: Option<BodyInfo>,
    /// The documented answers below 400, lowest status first.
    pub answers: &'static [AnswerInfo],
    /// How the operation pages (`x-pagination`), if it does.
    pub paging: Option<PagingInfo>,
    /// Where the body holds secrets, for what prints a request to hide:
    /// paths of steps joined by `.`, each a field name, `[]` (every item of
    /// a list) or `{}` (every value of a map); `""` is the whole body.
    pub secrets: &'static [&'static str],
}

impl BodyInfo {
    /// Whether the body is `multipart/form-data` (one part per field).
    pub fn is_form(&self) -> bool {
        crate::media::is_form(self.content_type)
    }

    /// Whether the body is JSON (`application/json`, `...+json`, with or
    /// without parameters).
    pub fn is_json(&self) -> bool {
        crate::media::is_json(self.content_type)
    }
}

impl OperationInfo {
    /// The parameter `name` at `location`.
    pub fn param(&self, name: &str, location: Location) -> Option<&'static ParamInfo> {
        self.params
            .iter()
            .find(|p| p.location == location && p.name == name)
    }

    /// The answer a mock gives when nobody programmed one: the first
    /// documented success.
    pub fn default_answer(&self) -> Option<&'static AnswerInfo> {
        self.answers.first()
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

/// The kind of value a parameter or body field takes, as far as reading it
/// from text needs to know (the generated types check the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, including string enums.
    String,
    /// A whole number, including integer enums.
    Integer,
    /// Any number.
    Number,
    Boolean,
    /// A list of scalars of one kind: comma-separated (`a=1,2`), or repeated
    /// (`a=1&a=2`) when `repeated`.
    List {
        item: Scalar,
        repeated: bool,
    },
    /// Anything else (objects, maps): given as JSON text.
    Json,
    /// A file of a form body: the command line takes a path, the recorded
    /// call holds [`crate::FilePart`]'s JSON view.
    File,
}

/// The kinds a list item may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Number,
    Boolean,
}

/// One path, query or header parameter.
#[derive(Debug, Clone, Copy)]
pub struct ParamInfo {
    /// The name on the wire.
    pub name: &'static str,
    /// The command-line flag, without `--` (`registry-type`); empty for an
    /// auto-filled parameter.
    pub flag: &'static str,
    pub location: Location,
    pub kind: Kind,
    pub required: bool,
    /// Filled in by the client from its credentials (`project_id`,
    /// `X-Auth-Token`): not the caller's to give.
    pub auto_filled: bool,
    /// The description, then the documented rules, one per line.
    pub help: &'static str,
    /// Every allowed value, for an enum (or a list of one); else empty.
    pub allowed: &'static [&'static str],
    /// The value is a secret (`format: password`). What shows a request
    /// (hooks, dry runs, logs) masks it through the request's own marks
    /// (`RequestBuilder::secret_*`); this says so to readers of the
    /// description.
    pub secret: bool,
    /// `(from, to)` substitutions the client makes before percent-encoding
    /// (`x-wire-replace`), in order; a reader undoes them in reverse.
    pub wire_replace: &'static [(&'static str, &'static str)],
}

/// The request body.
#[derive(Debug, Clone, Copy)]
pub struct BodyInfo {
    pub required: bool,
    /// The media type; the mock and the command line read JSON bodies only.
    pub content_type: &'static str,
    /// The body's top-level fields whose values are scalars (or lists of
    /// scalars), secrets left out: the command line offers each as a flag of
    /// its own (a secret on a command line ends up in shell histories).
    pub fields: &'static [FieldInfo],
    /// Every required top-level field of a body object, flags or not.
    pub required_fields: &'static [&'static str],
}

/// A scalar top-level field of a request body.
#[derive(Debug, Clone, Copy)]
pub struct FieldInfo {
    /// The name in the JSON body.
    pub name: &'static str,
    /// The command-line flag, without `--`: the name in kebab case, with
    /// `body-` in front when a parameter or a global flag has that name.
    pub flag: &'static str,
    pub kind: Kind,
    pub help: &'static str,
    pub allowed: &'static [&'static str],
}

/// Offset paging: which query parameter moves through the list, and which
/// field of the answer holds a page's items.
#[derive(Debug, Clone, Copy)]
pub struct PagingInfo {
    pub offset_param: &'static str,
    pub items_field: &'static str,
}

/// A documented answer below 400.
#[derive(Debug, Clone, Copy)]
pub struct AnswerInfo {
    pub status: u16,
    /// A body the spec allows: its example, else a sample built from its
    /// schema; `None` for an answer without a body.
    pub sample: Option<&'static str>,
}
