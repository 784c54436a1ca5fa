//! What generated builders share: the error a `build()` gives when required
//! fields are not set, and [`Buildable`], which lets a setter take either a
//! finished value or the builder of one.
//!
//! Required fields are checked when a value is built rather than by the type
//! system (one type parameter per required field, as typestate builders do):
//! a missing field is an error that names it with its full path
//! (`body.registry_name`), before anything is sent. The choice and its cost
//! are in the repository's README.

use std::fmt;

/// Required fields that were not set when a value was built. Lists every
/// one of them, nested ones by their path from the value built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<String>,
}

impl BuildError {
    /// The generated type that could not be built (`AddRegistryRequest`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The paths of the required fields not set, in declaration order
    /// (`body.registry_name`).
    pub fn missing(&self) -> &[String] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is missing required field(s): {}",
            self.type_name,
            self.missing.join(", ")
        )
    }
}

impl std::error::Error for BuildError {}

/// A value, or something that builds into one: what the setter of a field
/// of a generated struct type takes, so that a nested builder can be passed
/// as it is and its missing fields are reported when the outer value is
/// built.
pub trait Buildable<T> {
    fn build_value(self) -> Result<T, BuildError>;
}

impl<T> Buildable<T> for T {
    fn build_value(self) -> Result<T, BuildError> {
        Ok(self)
    }
}

/// A builder's field slot for a struct-typed value: set, or the error of
/// the builder that was passed for it.
pub type BuildSlot<T> = Option<Result<T, BuildError>>;

/// Collects what a `build()` finds missing. Generated `build` functions
/// take every slot through it and then either construct the value (when
/// [`MissingFields::is_empty`]) or return [`MissingFields::into_error`].
#[derive(Debug)]
pub struct MissingFields {
    type_name: &'static str,
    missing: Vec<String>,
}

impl MissingFields {
    pub fn new(type_name: &'static str) -> Self {
        Self {
            type_name,
            missing: Vec::new(),
        }
    }

    /// A required field: its value, or `None` with the field recorded.
    pub fn required<T>(&mut self, field: &'static str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.missing.push(field.to_owned());
        }
        value
    }

    /// A required field of a struct type: recorded when unset, and the
    /// nested builder's missing fields recorded under `field.` when it failed.
    pub fn required_nested<T>(&mut self, field: &'static str, value: BuildSlot<T>) -> Option<T> {
        match value {
            None => {
                self.missing.push(field.to_owned());
                None
            }
            Some(value) => self.nested(field, value),
        }
    }

    /// An optional field of a struct type: `None` when unset; a nested
    /// builder that failed is recorded under `field.`.
    pub fn optional_nested<T>(&mut self, field: &'static str, value: BuildSlot<T>) -> Option<T> {
        value.and_then(|value| self.nested(field, value))
    }

    fn nested<T>(&mut self, field: &'static str, value: Result<T, BuildError>) -> Option<T> {
        match value {
            Ok(value) => Some(value),
            Err(err) => {
                self.missing
                    .extend(err.missing.into_iter().map(|m| format!("{field}.{m}")));
                None
            }
        }
    }

    /// Whether nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty()
    }

    pub fn into_error(self) -> BuildError {
        BuildError {
            type_name: self.type_name,
            missing: self.missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_missing_field_with_nested_paths() {
        let inner = {
            let mut missing = MissingFields::new("Body");
            assert_eq!(missing.required::<String>("name", None), None);
            assert_eq!(missing.required("kind", Some(1)), Some(1));
            assert_eq!(missing.required::<String>("addr", None), None);
            Err::<(), _>(missing.into_error())
        };
        let mut missing = MissingFields::new("Request");
        assert_eq!(missing.required_nested::<()>("body", Some(inner)), None);
        assert_eq!(missing.required_nested::<()>("other", None), None);
        assert_eq!(missing.optional_nested::<()>("unset", None), None);
        assert_eq!(missing.optional_nested("set", Some(Ok(5))), Some(5));
        let err = missing.into_error();
        assert_eq!(err.type_name(), "Request");
        assert_eq!(err.missing(), ["body.name", "body.addr", "other"]);
        assert_eq!(
            err.to_string(),
            "`Request` is missing required field(s): body.name, body.addr, other"
        );
    }

    #[test]
    fn a_value_builds_into_itself() {
        assert_eq!(Buildable::<u8>::build_value(3u8), Ok(3));
        assert!(MissingFields::new("T").is_empty());
    }
}
