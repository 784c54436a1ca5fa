//! Values for the generated tests, computed from the IR: a small valid
//! value for any schema, and for each documented bound a value at the bound
//! (valid) and one just past it (invalid).
//!
//! Strings must satisfy their pattern, so candidates are tried against it
//! with the same regex engine the runtime uses. When no candidate fits, the
//! constraint is reported as not covered, with the reason, rather than
//! tested with a value that proves nothing.

use crate::ir::{
    ArrayType, IntegerType, MapType, NamedKind, NumberType, Schema, Service, StringType, Struct,
    Type,
};
use serde_json::{json, Map, Value};

/// How deep [`Samples::valid`] follows nested named types before giving up
/// (a recursive type with a required self-reference has no finite value).
const MAX_DEPTH: usize = 8;

/// The largest collection and the longest string a test value may hold: a
/// bound beyond them (`maxItems: 2147483647`) is reported as not covered
/// rather than built.
const MAX_ITEMS: u64 = 1_000;
const MAX_CHARS: u64 = 100_000;

/// Characters tried, in order, to fill a string of a given length.
const FILLERS: &[&str] = &["a", "x", "A", "0", "1", "a0", "-", "_", "."];

/// Characters tried to build a string that breaks a pattern.
const BREAKERS: &[&str] = &["!", " ", "#", "A", "a", "0", "-", "é"];

/// A value for a field at one documented bound, and one just past it.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The spec keyword (`maxLength`); also the name `Rule::keyword` gives.
    pub keyword: &'static str,
    pub at: Value,
    pub past: Value,
    /// Below the field, where the violation is reported: `""`, `"[0]"`,
    /// `"[\"k0\"]"`.
    pub suffix: String,
}

/// A documented rule the generated tests do not exercise, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncovered {
    pub keyword: &'static str,
    pub reason: String,
}

/// Every documented rule of one field's schema: tested, or explained.
#[derive(Debug, Default)]
pub struct FieldBoundaries {
    pub covered: Vec<Boundary>,
    pub uncovered: Vec<Uncovered>,
}

impl FieldBoundaries {
    fn add(&mut self, keyword: &'static str, case: Result<(Value, Value), String>) {
        self.add_at(keyword, case, String::new());
    }

    fn add_at(
        &mut self,
        keyword: &'static str,
        case: Result<(Value, Value), String>,
        suffix: String,
    ) {
        match case {
            Ok((at, past)) => self.covered.push(Boundary {
                keyword,
                at,
                past,
                suffix,
            }),
            Err(reason) => self.uncovered.push(Uncovered { keyword, reason }),
        }
    }
}

pub struct Samples<'a> {
    service: &'a Service,
}

impl<'a> Samples<'a> {
    pub fn new(service: &'a Service) -> Self {
        Self { service }
    }

    /// A small valid value of `schema`: required fields only, the fewest
    /// items allowed, strings as short as allowed (but not empty).
    pub fn valid(&self, schema: &Schema) -> Option<Value> {
        self.valid_at(schema, 0)
    }

    fn valid_at(&self, schema: &Schema, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match &schema.ty {
            Type::String(t) => preferred_string(t).map(Value::String),
            Type::Integer(t) => valid_integer(t).map(Value::from),
            Type::Number(t) => valid_number(t).map(|n| json!(n)),
            Type::Boolean => Some(Value::Bool(false)),
            Type::Array(a) => {
                let n = a.min_items.unwrap_or(0);
                (n <= MAX_ITEMS).then_some(())?;
                self.items(a, n as usize, depth).map(Value::Array)
            }
            Type::Map(m) => {
                let n = m.min_properties.unwrap_or(0);
                (n <= MAX_ITEMS).then_some(())?;
                self.entries(m, n as usize, depth).map(Value::Object)
            }
            Type::Named(name) => match &self.service.type_by_name(name)?.kind {
                NamedKind::Struct(s) => self.structure(s, depth + 1),
                NamedKind::StringEnum(values) => values.first().map(|v| json!(v.value)),
                NamedKind::IntegerEnum { values, .. } => values.first().map(|v| json!(v.value)),
            },
            Type::Any => Some(json!({})),
            // Bytes, as serde reads a `Vec<u8>`: a list of numbers.
            Type::Binary => Some(json!(b"sample".to_vec())),
            // The runtime's JSON view of a file (`FilePart`).
            Type::File => Some(
                json!({ "file_name": "sample.txt", "content_type": "text/plain", "text": "sample" }),
            ),
        }
    }

    /// A valid object of `s`: every required field, plus whatever a
    /// conditional requirement triggered by those values asks for.
    pub fn structure(&self, s: &Struct, depth: usize) -> Option<Value> {
        let mut object = Map::new();
        for field in s.fields.iter().filter(|f| f.required) {
            object.insert(field.name.clone(), self.valid_at(&field.schema, depth)?);
        }
        for rule in &s.required_when {
            if object.get(&rule.property) == Some(&rule.equals) {
                for name in &rule.required {
                    let field = s.field(name)?;
                    object.insert(name.clone(), self.valid_at(&field.schema, depth)?);
                }
            }
        }
        Some(Value::Object(object))
    }

    /// `n` valid items; distinct ones when the array asks for unique items.
    fn items(&self, a: &ArrayType, n: usize, depth: usize) -> Option<Vec<Value>> {
        if !a.unique_items || n < 2 {
            let item = self.valid_at(&a.items, depth)?;
            return Some(vec![item; n]);
        }
        let distinct = self.distinct(&a.items, n)?;
        Some(distinct)
    }

    /// `n` different valid values of a scalar schema.
    fn distinct(&self, schema: &Schema, n: usize) -> Option<Vec<Value>> {
        let values: Vec<Value> = match &schema.ty {
            Type::String(t) => (0..)
                .take(1000)
                .map(|i| format!("a{i}"))
                .filter(|s| t.allows(s))
                .take(n)
                .map(Value::String)
                .collect(),
            Type::Integer(t) => {
                let start = valid_integer(t)?;
                (0..n as i64)
                    .filter_map(|i| start.checked_add(i.checked_mul(t.multiple_of.unwrap_or(1))?))
                    .filter(|v| t.allows(*v))
                    .map(Value::from)
                    .collect()
            }
            Type::Named(name) => match &self.service.type_by_name(name)?.kind {
                NamedKind::StringEnum(values) => values.iter().map(|v| json!(v.value)).collect(),
                NamedKind::IntegerEnum { values, .. } => {
                    values.iter().map(|v| json!(v.value)).collect()
                }
                NamedKind::Struct(_) => return None,
            },
            _ => return None,
        };
        (values.len() >= n).then(|| values.into_iter().take(n).collect())
    }

    fn entries(&self, m: &MapType, n: usize, depth: usize) -> Option<Map<String, Value>> {
        let value = self.valid_at(&m.values, depth)?;
        Some((0..n).map(|i| (format!("k{i}"), value.clone())).collect())
    }

    /// The boundary cases of every rule `schema` states directly (a named
    /// struct's own fields are tested on that struct).
    pub fn boundaries(&self, schema: &Schema) -> FieldBoundaries {
        let mut out = FieldBoundaries::default();
        match &schema.ty {
            Type::String(t) => string_boundaries(t, &mut out),
            Type::Integer(t) => integer_boundaries(t, &mut out),
            Type::Number(t) => number_boundaries(t, &mut out),
            Type::Array(a) => self.array_boundaries(a, &mut out),
            Type::Map(m) => self.map_boundaries(m, &mut out),
            Type::Named(name) => match self.service.type_by_name(name).map(|t| &t.kind) {
                Some(NamedKind::StringEnum(values)) => {
                    let known: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                    let unknown = (0..)
                        .map(|i| format!("not-documented-{i}"))
                        .find(|s| !known.contains(&s.as_str()))
                        .unwrap_or_default();
                    let case = known
                        .first()
                        .map(|first| (json!(first), json!(unknown)))
                        .ok_or_else(|| "the enum has no values".to_owned());
                    out.add("enum", case);
                }
                Some(NamedKind::IntegerEnum { values, width }) => {
                    let max = values.iter().map(|v| v.value).max();
                    let case = match (values.first(), max.and_then(|m| m.checked_add(1))) {
                        (Some(first), Some(unknown)) if width.holds(unknown) => {
                            Ok((json!(first.value), json!(unknown)))
                        }
                        _ => Err("no integer outside the enum fits its width".to_owned()),
                    };
                    out.add("enum", case);
                }
                _ => {}
            },
            Type::Boolean | Type::Any | Type::Binary | Type::File => {}
        }
        out
    }

    fn array_boundaries(&self, a: &ArrayType, out: &mut FieldBoundaries) {
        let sized = |n: u64| -> Result<Value, String> {
            if n > MAX_ITEMS {
                return Err(format!("{n} items are too many to build for a test"));
            }
            self.items(a, n as usize, 0)
                .map(Value::Array)
                .ok_or_else(|| format!("no {n} valid items could be made"))
        };
        if let Some(min) = a.min_items.filter(|m| *m > 0) {
            out.add(
                "minItems",
                sized(min).and_then(|at| Ok((at, sized(min - 1)?))),
            );
        }
        if let Some(max) = a.max_items {
            out.add(
                "maxItems",
                sized(max).and_then(|at| Ok((at, sized(max + 1)?))),
            );
        }
        if a.unique_items {
            let case = match (self.distinct(&a.items, 2), a.max_items) {
                (_, Some(max)) if max < 2 => Err("at most one item is allowed".to_owned()),
                (Some(two), _) => {
                    let past = json!([two[0], two[0]]);
                    Ok((Value::Array(two), past))
                }
                (None, _) => Err("no two distinct valid items could be made".to_owned()),
            };
            out.add("uniqueItems", case);
        }
        // Each rule on the items, tested on the first item.
        let padding = a.min_items.unwrap_or(1).clamp(1, MAX_ITEMS) as usize - 1;
        let rest = if a.unique_items && padding > 0 {
            None
        } else {
            self.items(a, padding, 0)
        };
        let inner = self.boundaries(&a.items);
        for case in inner.covered {
            let wrap = |first: Value| {
                let mut items = vec![first];
                items.extend(rest.clone().unwrap_or_default());
                Value::Array(items)
            };
            let result = match &rest {
                Some(_) => Ok((wrap(case.at), wrap(case.past))),
                None => Err("the other items of the array could not be made".to_owned()),
            };
            out.add_at(case.keyword, result, format!("[0]{}", case.suffix));
        }
        out.uncovered.extend(inner.uncovered);
    }

    fn map_boundaries(&self, m: &MapType, out: &mut FieldBoundaries) {
        let sized = |n: u64| -> Result<Value, String> {
            if n > MAX_ITEMS {
                return Err(format!("{n} entries are too many to build for a test"));
            }
            self.entries(m, n as usize, 0)
                .map(Value::Object)
                .ok_or_else(|| format!("no {n} valid entries could be made"))
        };
        if let Some(min) = m.min_properties.filter(|m| *m > 0) {
            out.add(
                "minProperties",
                sized(min).and_then(|at| Ok((at, sized(min - 1)?))),
            );
        }
        if let Some(max) = m.max_properties {
            out.add(
                "maxProperties",
                sized(max).and_then(|at| Ok((at, sized(max + 1)?))),
            );
        }
        let padding = m.min_properties.unwrap_or(1).clamp(1, MAX_ITEMS) as usize - 1;
        let rest = self.entries(m, padding + 1, 0);
        let inner = self.boundaries(&m.values);
        for case in inner.covered {
            // The entry under test is `k0`; the others keep valid values.
            let wrap = |first: Value| -> Option<Value> {
                let mut entries = rest.clone()?;
                entries.insert("k0".to_owned(), first);
                Some(Value::Object(entries))
            };
            let result = match (wrap(case.at), wrap(case.past)) {
                (Some(at), Some(past)) => Ok((at, past)),
                _ => Err("the other entries of the map could not be made".to_owned()),
            };
            out.add_at(case.keyword, result, format!("[\"k0\"]{}", case.suffix));
        }
        out.uncovered.extend(inner.uncovered);
    }
}

/// A string of exactly `len` characters that matches the pattern.
fn string_of_length(t: &StringType, len: u64) -> Option<String> {
    if len > MAX_CHARS {
        return None;
    }
    FILLERS.iter().find_map(|filler| {
        let s: String = filler.chars().cycle().take(len as usize).collect();
        t.pattern_allows(&s).then_some(s)
    })
}

/// Any string of exactly `len` characters (for values past a length bound,
/// preferably one that still matches the pattern, so only the length is wrong).
fn any_string_of_length(t: &StringType, len: u64) -> Option<String> {
    (len <= MAX_CHARS).then(|| string_of_length(t, len).unwrap_or_else(|| "a".repeat(len as usize)))
}

/// The shortest valid string of at least one character.
fn preferred_string(t: &StringType) -> Option<String> {
    let min = t.min_length.unwrap_or(0).max(1);
    let max = t.max_length.unwrap_or(u64::MAX);
    (min..=max.min(min.saturating_add(16))).find_map(|len| string_of_length(t, len))
}

fn string_boundaries(t: &StringType, out: &mut FieldBoundaries) {
    if let Some(min) = t.min_length.filter(|m| *m > 0) {
        let case = string_of_length(t, min)
            .filter(|s| t.allows(s))
            .zip(any_string_of_length(t, min - 1))
            .map(|(at, past)| (json!(at), json!(past)))
            .ok_or_else(|| format!("no usable string of {min} characters matches the pattern"));
        out.add("minLength", case);
    }
    if let Some(max) = t.max_length {
        let case = string_of_length(t, max)
            .filter(|s| t.allows(s))
            .zip(any_string_of_length(t, max.saturating_add(1)))
            .map(|(at, past)| (json!(at), json!(past)))
            .ok_or_else(|| format!("no usable string of {max} characters matches the pattern"));
        out.add("maxLength", case);
    }
    if t.pattern.is_some() {
        let case = preferred_string(t)
            .and_then(|at| {
                let len = at.chars().count();
                BREAKERS
                    .iter()
                    .map(|b| b.repeat(len))
                    .find(|s| !t.pattern_allows(s))
                    .map(|past| (json!(at), json!(past)))
            })
            .ok_or_else(|| {
                "no matching and non-matching strings of one length were found".to_owned()
            });
        out.add("pattern", case);
    }
}

/// The valid integer closest to zero.
fn valid_integer(t: &IntegerType) -> Option<i64> {
    let start = t
        .minimum
        .unwrap_or(0)
        .max(0)
        .min(t.maximum.unwrap_or(i64::MAX));
    let start = if t.minimum.is_none() && t.maximum.is_some_and(|m| m < 0) {
        t.maximum.unwrap_or(0)
    } else {
        start
    };
    (0..1000)
        .flat_map(|i| [start.checked_add(i), start.checked_sub(i)])
        .flatten()
        .find(|v| t.allows(*v))
}

fn integer_boundaries(t: &IntegerType, out: &mut FieldBoundaries) {
    let bound = |at: i64, past: Option<i64>| -> Result<(Value, Value), String> {
        if !t.allows(at) {
            return Err(format!(
                "the bound {at} itself breaks another rule of the value"
            ));
        }
        match past.filter(|p| t.width.holds(*p)) {
            Some(past) => Ok((json!(at), json!(past))),
            None => Err(format!("no integer past {at} fits the value's width")),
        }
    };
    if let Some(min) = t.minimum {
        out.add("minimum", bound(min, min.checked_sub(1)));
    }
    if let Some(max) = t.maximum {
        out.add("maximum", bound(max, max.checked_add(1)));
    }
    if let Some(m) = t.multiple_of.filter(|m| *m > 1) {
        let case = valid_integer(t)
            .and_then(|at| {
                [at.checked_add(1), at.checked_sub(1)]
                    .into_iter()
                    .flatten()
                    .find(|p| t.width.holds(*p) && t.range_allows(*p))
                    .map(|past| (json!(at), json!(past)))
            })
            .ok_or_else(|| format!("no value in range breaks only `multipleOf {m}`"));
        out.add("multipleOf", case);
    }
}

fn valid_number(t: &NumberType) -> Option<f64> {
    let candidates = [
        0.0,
        t.minimum.map_or(0.0, |b| b.value),
        t.minimum.map_or(0.0, |b| b.value + 1.0),
        t.maximum.map_or(0.0, |b| b.value),
        t.maximum.map_or(0.0, |b| b.value - 1.0),
    ];
    candidates.into_iter().find(|v| t.allows(*v))
}

fn number_boundaries(t: &NumberType, out: &mut FieldBoundaries) {
    // At an exclusive bound the bound itself is the first invalid value,
    // and the valid side is one unit inside.
    if let Some(b) = t.minimum {
        let (at, past) = if b.exclusive {
            (b.value + 1.0, b.value)
        } else {
            (b.value, b.value - 1.0)
        };
        let case = t
            .allows(at)
            .then(|| (json!(at), json!(past)))
            .ok_or_else(|| format!("{at} breaks another rule of the value"));
        out.add("minimum", case);
    }
    if let Some(b) = t.maximum {
        let (at, past) = if b.exclusive {
            (b.value - 1.0, b.value)
        } else {
            (b.value, b.value + 1.0)
        };
        let case = t
            .allows(at)
            .then(|| (json!(at), json!(past)))
            .ok_or_else(|| format!("{at} breaks another rule of the value"));
        out.add("maximum", case);
    }
    if let Some(m) = t.multiple_of {
        let case = valid_number(t)
            .map(|at| (json!(at), json!(at + m / 2.0)))
            .filter(|(_, past)| past.as_f64().is_some_and(|p| !t.allows(p)))
            .ok_or_else(|| format!("no value in range breaks only `multipleOf {m}`"));
        out.add("multipleOf", case);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::IntegerWidth;

    fn string(min: Option<u64>, max: Option<u64>, pattern: Option<&str>) -> StringType {
        StringType {
            format: None,
            min_length: min,
            max_length: max,
            pattern: pattern.map(str::to_owned),
        }
    }

    #[test]
    fn string_bounds_respect_the_pattern() {
        let t = string(
            Some(1),
            Some(64),
            Some("^[a-z][a-z0-9]*(?:(?:[.-]|_{1,2})[a-z0-9]+)*$"),
        );
        let mut out = FieldBoundaries::default();
        string_boundaries(&t, &mut out);
        let keywords: Vec<_> = out.covered.iter().map(|c| c.keyword).collect();
        assert_eq!(keywords, ["minLength", "maxLength", "pattern"]);
        assert_eq!(out.covered[1].at, json!("a".repeat(64)));
        assert_eq!(out.covered[1].past, json!("a".repeat(65)));
        assert_eq!(out.covered[2].past, json!("!"));
        assert!(out.uncovered.is_empty());
    }

    #[test]
    fn an_impossible_pattern_is_reported_not_faked() {
        let t = string(Some(3), Some(3), Some("^ab$"));
        let mut out = FieldBoundaries::default();
        string_boundaries(&t, &mut out);
        assert!(out.covered.is_empty());
        assert_eq!(out.uncovered.len(), 3);
    }

    #[test]
    fn huge_bounds_are_reported_not_built() {
        let mut out = FieldBoundaries::default();
        string_boundaries(&string(None, Some(u32::MAX as u64), None), &mut out);
        assert_eq!(out.uncovered[0].keyword, "maxLength");
        assert!(out.covered.is_empty());
    }

    #[test]
    fn integer_bounds_and_width() {
        let t = IntegerType {
            width: IntegerWidth::I32,
            minimum: Some(1),
            maximum: Some(i32::MAX as i64),
            multiple_of: None,
        };
        let mut out = FieldBoundaries::default();
        integer_boundaries(&t, &mut out);
        assert_eq!(out.covered[0].at, json!(1));
        assert_eq!(out.covered[0].past, json!(0));
        assert_eq!(out.uncovered[0].keyword, "maximum");
        assert_eq!(valid_integer(&t), Some(1));
    }
}
