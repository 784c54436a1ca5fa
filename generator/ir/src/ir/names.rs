//! The Rust names the naming plan (`crate::plan`) decides, recorded in the
//! IR beside what they name. Empty until the plan runs: `crate::resolve`
//! hands emitters a planned IR, and emitters read these, never making one.

use std::collections::BTreeMap;

/// A service module's own names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceNames {
    /// The service's module (`hss`).
    pub module: String,
    /// Its command-line subcommand (`hss`), unique among a crate's services.
    pub command: String,
    /// The generated crate's cargo feature that compiles it (`hss`).
    pub feature: String,
    /// The cargo feature of each tag of its operations (`ImageRegistry` ->
    /// `hss-image-registry`), for crates generated with a feature per tag;
    /// unique among the crate's features, and decided before selection.
    pub tag_features: BTreeMap<String, String>,
    /// The client type (`Client`).
    pub client: String,
    /// The mock type (`Mock`).
    pub mock: String,
    /// The builder of every struct, built by callers or only received:
    /// each is reserved whether it is emitted or not, so that turning a
    /// feature on renames nothing.
    pub all_builders: BTreeMap<String, String>,
    /// The builders of the structs callers build.
    pub builders: BTreeMap<String, String>,
    /// The builders of the structs only ever received (the `mock` feature's).
    pub received_builders: BTreeMap<String, String>,
}

/// The Rust names of what is generated for one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationNames {
    /// The file (and module) name: `add_registry`.
    pub module: String,
    pub request: String,
    /// The request's builder (`AddRegistryRequestBuilder`).
    pub builder: String,
    /// The answer enum, generated when several answers are documented.
    pub response: String,
    /// The error enum, generated when a documented error has a body.
    pub error: String,
    /// The command-line subcommand (`list-registry`), unique in the service.
    pub command: String,
    /// The client's method that starts the request (`list_registry`).
    pub method: String,
    /// The mock's rule for the operation (its method's name where free).
    pub mock_rule: String,
    /// The request's field for each parameter, in `params` order; `None`
    /// for one the client fills in.
    pub param_fields: Vec<Option<String>>,
    /// The command-line flag for each parameter, in `params` order; empty
    /// for one the client fills in.
    pub param_flags: Vec<String>,
    /// The body's fields that take a flag, in field order.
    pub body_flags: Vec<FlagField>,
    /// The answer enum's variant for each of `answers()` when there are
    /// several (`Ok`, `Created`, `Other`).
    pub answer_variants: Vec<String>,
    /// The error enum's variant for each of `typed_errors()`.
    pub error_variants: Vec<String>,
    /// The local bound to each placeholder of the path, in path order.
    pub path_locals: Vec<String>,
}

impl OperationNames {
    /// The type names it adds to its service module's scope.
    pub fn types(&self) -> [&str; 4] {
        [
            self.request.as_str(),
            self.builder.as_str(),
            self.response.as_str(),
            self.error.as_str(),
        ]
    }
}

/// A body field given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagField {
    /// The field's wire name.
    pub name: String,
    pub flag: String,
}

impl super::Operation {
    /// The variant of the answer enum that `response` (one of `responses`)
    /// is; `None` when the operation documents one answer only.
    pub fn answer_variant(&self, response: &super::Response) -> Option<&str> {
        let super::Answers::Several(answers) = self.answers() else {
            return None;
        };
        let index = answers.iter().position(|r| std::ptr::eq(*r, response))?;
        self.names.answer_variants.get(index).map(String::as_str)
    }

    /// The request's field for the parameter `param` (one of `params`);
    /// `None` for one the client fills in.
    pub fn param_field(&self, param: &super::Param) -> Option<&str> {
        let index = self.params.iter().position(|p| std::ptr::eq(p, param))?;
        self.names.param_fields.get(index)?.as_deref()
    }
}
