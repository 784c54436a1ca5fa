//! The checks generated `validate_at` methods call, one per kind of rule.
//!
//! Each records a [`Violation`](crate::Violation) when the value breaks the
//! rule and does nothing otherwise. Bounds are `Option`s so that generated
//! code states both sides of a rule in one call.

use crate::validate::{Number, Path, Rule, Violations};
#[cfg(feature = "patterns")]
use crate::Pattern;

/// `minLength` / `maxLength`, counted in characters.
pub fn length(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let actual = value.chars().count();
    if let Some(min) = min.filter(|min| (actual as u64) < *min) {
        out.push(path, Rule::MinLength { min, actual });
    }
    if let Some(max) = max.filter(|max| (actual as u64) > *max) {
        out.push(path, Rule::MaxLength { max, actual });
    }
}

/// `pattern`.
#[cfg(feature = "patterns")]
pub fn pattern(value: &str, pattern: &Pattern, path: &Path<'_>, out: &mut Violations) {
    if !pattern.matches(value) {
        out.push(
            path,
            Rule::Pattern {
                pattern: pattern.source(),
            },
        );
    }
}

/// Inclusive `minimum` / `maximum` of an integer.
pub fn integer_range(
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let actual = Number::Int(value);
    if let Some(min) = min.filter(|min| value < *min) {
        out.push(
            path,
            Rule::Minimum {
                minimum: Number::Int(min),
                exclusive: false,
                actual,
            },
        );
    }
    if let Some(max) = max.filter(|max| value > *max) {
        out.push(
            path,
            Rule::Maximum {
                maximum: Number::Int(max),
                exclusive: false,
                actual,
            },
        );
    }
}

/// `multipleOf` of an integer.
pub fn integer_multiple_of(value: i64, multiple_of: i64, path: &Path<'_>, out: &mut Violations) {
    if multiple_of != 0 && value % multiple_of != 0 {
        out.push(
            path,
            Rule::MultipleOf {
                multiple_of: Number::Int(multiple_of),
                actual: Number::Int(value),
            },
        );
    }
}

/// A bound on a floating-point number: the limit, and whether it is exclusive.
pub type Bound = (f64, bool);

/// `minimum` / `maximum` (inclusive or exclusive) of a number.
pub fn number_range(
    value: f64,
    min: Option<Bound>,
    max: Option<Bound>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let actual = Number::Float(value);
    if let Some((limit, exclusive)) = min {
        if value < limit || (exclusive && value == limit) {
            out.push(
                path,
                Rule::Minimum {
                    minimum: Number::Float(limit),
                    exclusive,
                    actual,
                },
            );
        }
    }
    if let Some((limit, exclusive)) = max {
        if value > limit || (exclusive && value == limit) {
            out.push(
                path,
                Rule::Maximum {
                    maximum: Number::Float(limit),
                    exclusive,
                    actual,
                },
            );
        }
    }
}

/// `multipleOf` of a number, with a tolerance for binary fractions.
pub fn number_multiple_of(value: f64, multiple_of: f64, path: &Path<'_>, out: &mut Violations) {
    if multiple_of == 0.0 {
        return;
    }
    let quotient = value / multiple_of;
    if (quotient - quotient.round()).abs() > 1e-9 {
        out.push(
            path,
            Rule::MultipleOf {
                multiple_of: Number::Float(multiple_of),
                actual: Number::Float(value),
            },
        );
    }
}

/// `minItems` / `maxItems`.
pub fn items(
    actual: usize,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    if let Some(min) = min.filter(|min| (actual as u64) < *min) {
        out.push(path, Rule::MinItems { min, actual });
    }
    if let Some(max) = max.filter(|max| (actual as u64) > *max) {
        out.push(path, Rule::MaxItems { max, actual });
    }
}

/// `uniqueItems: true`.
pub fn unique<T: PartialEq>(items: &[T], path: &Path<'_>, out: &mut Violations) {
    let repeated = items
        .iter()
        .enumerate()
        .any(|(i, item)| items[..i].contains(item));
    if repeated {
        out.push(path, Rule::UniqueItems);
    }
}

/// `minProperties` / `maxProperties`.
pub fn properties(
    actual: usize,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    if let Some(min) = min.filter(|min| (actual as u64) < *min) {
        out.push(path, Rule::MinProperties { min, actual });
    }
    if let Some(max) = max.filter(|max| (actual as u64) > *max) {
        out.push(path, Rule::MaxProperties { max, actual });
    }
}

/// `enum`: the value is one the spec documents (not an `Unknown` variant).
pub fn known(is_known: bool, path: &Path<'_>, out: &mut Violations) {
    if !is_known {
        out.push(path, Rule::Enum);
    }
}

/// `x-required-when`: `present` must hold because `property` equals `equals`
/// (the caller has already compared).
pub fn required_when(
    present: bool,
    property: &'static str,
    equals: &'static str,
    path: &Path<'_>,
    out: &mut Violations,
) {
    if !present {
        out.push(path, Rule::RequiredWhen { property, equals });
    }
}

/// A path parameter: an empty value would remove a segment from the path
/// and address a different resource.
pub fn path_segment(value: &str, path: &Path<'_>, out: &mut Violations) {
    if value.is_empty() {
        out.push(path, Rule::Required);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(check: impl FnOnce(&Path<'_>, &mut Violations)) -> Vec<&'static str> {
        let mut out = Violations::default();
        check(&Path::Root, &mut out);
        out.iter().map(|v| v.rule.keyword()).collect()
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(keywords(|p, o| length("中文中文", Some(4), Some(4), p, o)).is_empty());
        assert_eq!(
            keywords(|p, o| length("", Some(1), Some(4), p, o)),
            ["minLength"]
        );
        assert_eq!(
            keywords(|p, o| length("abcde", Some(1), Some(4), p, o)),
            ["maxLength"]
        );
    }

    #[test]
    fn ranges_are_inclusive_unless_marked() {
        assert!(keywords(|p, o| integer_range(10, Some(10), Some(10), p, o)).is_empty());
        assert_eq!(
            keywords(|p, o| integer_range(9, Some(10), None, p, o)),
            ["minimum"]
        );
        assert_eq!(
            keywords(|p, o| integer_range(11, None, Some(10), p, o)),
            ["maximum"]
        );
        assert!(keywords(|p, o| number_range(1.0, Some((1.0, false)), None, p, o)).is_empty());
        assert_eq!(
            keywords(|p, o| number_range(1.0, Some((1.0, true)), Some((1.0, true)), p, o)),
            ["minimum", "maximum"]
        );
        assert!(keywords(|p, o| number_multiple_of(0.3, 0.1, p, o)).is_empty());
        assert_eq!(
            keywords(|p, o| integer_multiple_of(7, 2, p, o)),
            ["multipleOf"]
        );
    }

    #[test]
    fn collections() {
        assert_eq!(
            keywords(|p, o| items(0, Some(1), Some(2), p, o)),
            ["minItems"]
        );
        assert_eq!(
            keywords(|p, o| items(3, Some(1), Some(2), p, o)),
            ["maxItems"]
        );
        assert_eq!(keywords(|p, o| unique(&[1, 2, 1], p, o)), ["uniqueItems"]);
        assert!(keywords(|p, o| unique(&[1, 2, 3], p, o)).is_empty());
        assert_eq!(
            keywords(|p, o| properties(5, None, Some(4), p, o)),
            ["maxProperties"]
        );
    }
}
