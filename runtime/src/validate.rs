//! Validation reports: where a value breaks a documented rule, and which rule.
//!
//! Generated types implement [`Validate`]; the checks themselves are the
//! functions in [`crate::check`]. A report lists every violation, not just the
//! first, and never quotes a string value, so a secret cannot leak through it.

use std::fmt;

/// Where a value sits inside a request or model: `body.credential.access_secret`,
/// `body[2].auth`, `query.limit`.
///
/// A path is a chain of borrowed segments on the stack and is turned into text
/// only when a violation is recorded, so validating a valid value allocates
/// nothing.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// Where validation started (the empty path for a model on its own).
    Root,
    /// A named field (or parameter location, such as `query`) of the parent.
    Field(&'a Path<'a>, &'a str),
    /// An element of the parent array.
    Index(&'a Path<'a>, usize),
    /// An entry of the parent map.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of field `name` of this value.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of element `index` of this array.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The path of entry `key` of this map.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Field(parent, name) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Path::Index(parent, index) => {
                parent.write(out);
                out.push_str(&format!("[{index}]"));
            }
            Path::Key(parent, key) => {
                parent.write(out);
                out.push_str(&format!("[{key:?}]"));
            }
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// A number in a rule: integer bounds stay integers in messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => write!(f, "{n}"),
            Number::Float(n) => write!(f, "{n}"),
        }
    }
}

/// A documented rule, as broken by one value. Lengths are in characters
/// (Unicode scalar values), as the vendor documents them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// A required value is missing, or empty where it cannot be (a path segment).
    Required,
    /// Required because another field has a given value (`x-required-when`).
    RequiredWhen {
        property: &'static str,
        /// The triggering value, as JSON.
        equals: &'static str,
    },
    MinLength {
        min: u64,
        actual: usize,
    },
    MaxLength {
        max: u64,
        actual: usize,
    },
    Pattern {
        pattern: &'static str,
    },
    Minimum {
        minimum: Number,
        exclusive: bool,
        actual: Number,
    },
    Maximum {
        maximum: Number,
        exclusive: bool,
        actual: Number,
    },
    MultipleOf {
        multiple_of: Number,
        actual: Number,
    },
    MinItems {
        min: u64,
        actual: usize,
    },
    MaxItems {
        max: u64,
        actual: usize,
    },
    UniqueItems,
    MinProperties {
        min: u64,
        actual: usize,
    },
    MaxProperties {
        max: u64,
        actual: usize,
    },
    /// A value outside the documented enumeration.
    Enum,
}

impl Rule {
    /// The spec keyword that states the rule (`maxLength`, `x-required-when`).
    pub fn keyword(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::RequiredWhen { .. } => "x-required-when",
            Rule::MinLength { .. } => "minLength",
            Rule::MaxLength { .. } => "maxLength",
            Rule::Pattern { .. } => "pattern",
            Rule::Minimum { .. } => "minimum",
            Rule::Maximum { .. } => "maximum",
            Rule::MultipleOf { .. } => "multipleOf",
            Rule::MinItems { .. } => "minItems",
            Rule::MaxItems { .. } => "maxItems",
            Rule::UniqueItems => "uniqueItems",
            Rule::MinProperties { .. } => "minProperties",
            Rule::MaxProperties { .. } => "maxProperties",
            Rule::Enum => "enum",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let strictly = |exclusive: &bool| if *exclusive { "more than" } else { "at least" };
        let strictly_below = |exclusive: &bool| if *exclusive { "less than" } else { "at most" };
        match self {
            Rule::Required => f.write_str("is required"),
            Rule::RequiredWhen { property, equals } => {
                write!(f, "is required when `{property}` is {equals}")
            }
            Rule::MinLength { min, actual } => {
                write!(f, "must be at least {min} characters long (is {actual})")
            }
            Rule::MaxLength { max, actual } => {
                write!(f, "must be at most {max} characters long (is {actual})")
            }
            Rule::Pattern { pattern } => write!(f, "must match the pattern {pattern}"),
            Rule::Minimum {
                minimum,
                exclusive,
                actual,
            } => write!(f, "must be {} {minimum} (is {actual})", strictly(exclusive)),
            Rule::Maximum {
                maximum,
                exclusive,
                actual,
            } => write!(
                f,
                "must be {} {maximum} (is {actual})",
                strictly_below(exclusive)
            ),
            Rule::MultipleOf {
                multiple_of,
                actual,
            } => write!(f, "must be a multiple of {multiple_of} (is {actual})"),
            Rule::MinItems { min, actual } => {
                write!(f, "must have at least {min} items (has {actual})")
            }
            Rule::MaxItems { max, actual } => {
                write!(f, "must have at most {max} items (has {actual})")
            }
            Rule::UniqueItems => f.write_str("must not repeat an item"),
            Rule::MinProperties { min, actual } => {
                write!(f, "must have at least {min} entries (has {actual})")
            }
            Rule::MaxProperties { max, actual } => {
                write!(f, "must have at most {max} entries (has {actual})")
            }
            Rule::Enum => f.write_str("is not one of the documented values"),
        }
    }
}

/// One broken rule and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Rendered [`Path`], e.g. `body.credential.access_secret`.
    pub path: String,
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.rule)
        } else {
            write!(f, "{}: {}", self.path, self.rule)
        }
    }
}

/// Every violation found in one value, in the order found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Records that the value at `path` breaks `rule`.
    pub fn push(&mut self, path: &Path<'_>, rule: Rule) {
        self.0.push(Violation {
            path: path.to_string(),
            rule,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// `Ok(())` when nothing was recorded, else the report.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "{count} documented rule{} broken",
            if count == 1 { "" } else { "s" }
        )?;
        for violation in &self.0 {
            write!(f, "\n  - {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// A value that can check itself against the rules its spec documents.
pub trait Validate {
    /// Records every rule this value breaks, with paths below `path`.
    fn validate_at(&self, path: &Path<'_>, violations: &mut Violations);

    /// Every rule this value breaks, or `Ok(())`.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::default();
        self.validate_at(&Path::Root, &mut violations);
        violations.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_documented() {
        let root = Path::Root;
        let body = root.field("body");
        let item = body.index(2);
        assert_eq!(item.field("auth").to_string(), "body[2].auth");
        let credential = body.field("credential");
        assert_eq!(
            credential.field("access_secret").to_string(),
            "body.credential.access_secret"
        );
        let hosts = root.field("dns_conf");
        let hosts = hosts.field("hosts");
        assert_eq!(
            hosts.key("a.example").to_string(),
            "dns_conf.hosts[\"a.example\"]"
        );
        assert_eq!(Path::Root.to_string(), "");
    }

    #[test]
    fn a_report_lists_every_violation() {
        let mut violations = Violations::default();
        let root = Path::Root;
        violations.push(&root.field("limit"), Rule::Enum);
        violations.push(&root.field("name"), Rule::MaxLength { max: 3, actual: 4 });
        assert_eq!(
            violations.to_string(),
            "2 documented rules broken\n  - limit: is not one of the documented values\n  - name: must be at most 3 characters long (is 4)"
        );
        assert_eq!(
            violations
                .iter()
                .map(|v| v.rule.keyword())
                .collect::<Vec<_>>(),
            ["enum", "maxLength"]
        );
    }
}
