//! Compares named types (struct fields, enum values) and schemas (Rust type,
//! nullability, default, and every rule the client validates).
//!
//! A schema that names a type (`Type::Named`) is compared by name only; the
//! type's own changes are reported once, at `schema <Name>`, judged by where
//! the type is used in either version.

use super::compare::{index, pair_up, some, Differ};
use super::ChangeKind;
use crate::ir::usage::Usage;
use crate::ir::{
    Bound, EnumValue, Field, IntegerWidth, NamedKind, NamedType, RequiredWhen, Schema, Struct, Type,
};
use std::collections::BTreeSet;
use std::fmt::Display;

/// Which way a bound makes the set of valid values smaller.
#[derive(Clone, Copy)]
enum Tighter {
    /// A lower bound (`minimum`, `minLength`): raising it tightens.
    WhenRaised,
    /// An upper bound (`maximum`, `maxItems`): lowering it tightens.
    WhenLowered,
}

impl Differ<'_> {
    pub(super) fn named_types(&mut self) {
        let old = index(&self.old.types, |t| t.name.as_str());
        let new = index(&self.new.types, |t| t.name.as_str());
        for (name, o, n) in pair_up(&old, &new) {
            let location = format!("schema {name}");
            let usage = self.type_usage(name);
            match (o, n) {
                (Some(o), None) => {
                    let old = some(kind_name(o));
                    self.push(&location, ChangeKind::TypeRemoved, old, None, usage);
                }
                (None, Some(n)) => {
                    let new = some(kind_name(n));
                    self.push(&location, ChangeKind::TypeAdded, None, new, usage);
                }
                (Some(o), Some(n)) => self.named_type(&location, o, n, usage),
                (None, None) => {}
            }
        }
    }

    fn named_type(&mut self, location: &str, old: &NamedType, new: &NamedType, usage: Usage) {
        self.docs(location, &old.description, &new.description);
        match (&old.kind, &new.kind) {
            (NamedKind::Struct(o), NamedKind::Struct(n)) => self.structure(location, o, n, usage),
            (NamedKind::StringEnum(o), NamedKind::StringEnum(n)) => {
                self.enum_values(location, o, n, usage)
            }
            (
                NamedKind::IntegerEnum {
                    width: ow,
                    values: o,
                },
                NamedKind::IntegerEnum {
                    width: nw,
                    values: n,
                },
            ) => {
                if ow != nw {
                    let (o, n) = (width_name(*ow), width_name(*nw));
                    self.push(location, ChangeKind::TypeChanged, some(o), some(n), usage);
                }
                self.enum_values(location, o, n, usage);
            }
            _ => {
                let (o, n) = (kind_name(old), kind_name(new));
                self.push(location, ChangeKind::TypeChanged, some(o), some(n), usage);
            }
        }
    }

    fn structure(&mut self, location: &str, old: &Struct, new: &Struct, usage: Usage) {
        let old_fields = index(&old.fields, |f| f.name.as_str());
        let new_fields = index(&new.fields, |f| f.name.as_str());
        for (name, o, n) in pair_up(&old_fields, &new_fields) {
            let at = format!("{location} field {name}");
            match (o, n) {
                (Some(o), None) => {
                    let old = Some(describe_field(o));
                    self.push(&at, ChangeKind::FieldRemoved, old, None, usage);
                }
                (None, Some(n)) => {
                    let kind = ChangeKind::FieldAdded {
                        required: n.required,
                        drops_default: n.required && old.fields.iter().all(|f| !f.required),
                    };
                    self.push(&at, kind, None, Some(describe_field(n)), usage);
                }
                (Some(o), Some(n)) => {
                    self.required(&at, o.required, n.required, usage);
                    self.schema(&at, &o.schema, &n.schema, usage);
                    self.field_names(&at, o, n, usage);
                }
                (None, None) => {}
            }
        }
        let (lower, upper) = (Tighter::WhenRaised, Tighter::WhenLowered);
        let (omin, nmin) = (old.min_properties, new.min_properties);
        self.bound(location, "minProperties", lower, omin, nmin, usage);
        let (omax, nmax) = (old.max_properties, new.max_properties);
        self.bound(location, "maxProperties", upper, omax, nmax, usage);
        self.required_when(location, &old.required_when, &new.required_when, usage);
    }

    /// `x-required-when` rules, matched by the property and value that
    /// trigger them: a rule, or a field in one, added tightens.
    fn required_when(
        &mut self,
        location: &str,
        old: &[RequiredWhen],
        new: &[RequiredWhen],
        usage: Usage,
    ) {
        let trigger = |r: &RequiredWhen| (r.property.clone(), r.equals.to_string());
        let (old, new) = (index(old, trigger), index(new, trigger));
        for (_, o, n) in pair_up(&old, &new) {
            let fields = |r: Option<&RequiredWhen>| -> BTreeSet<String> {
                r.map(|r| r.required.iter().cloned().collect())
                    .unwrap_or_default()
            };
            let (of, nf) = (fields(o), fields(n));
            let kind = if of == nf {
                continue;
            } else if of.is_subset(&nf) {
                ChangeKind::ConstraintTightened
            } else if nf.is_subset(&of) {
                ChangeKind::ConstraintLoosened
            } else {
                ChangeKind::ConstraintTightened
            };
            let describe = |r: &RequiredWhen| {
                format!(
                    "x-required-when: {} = {} requires {}",
                    r.property,
                    r.equals,
                    r.required.join(", ")
                )
            };
            let (o, n) = (o.map(describe), n.map(describe));
            self.push(location, kind, o, n, usage);
        }
    }

    /// Values matched by value; the variant names (`x-enum-varnames`, else
    /// made from the value) compared for the values kept.
    fn enum_values<T>(
        &mut self,
        location: &str,
        old: &[EnumValue<T>],
        new: &[EnumValue<T>],
        usage: Usage,
    ) where
        T: Display,
    {
        let value = |v: &EnumValue<T>| v.value.to_string();
        let (old, new) = (index(old, value), index(new, value));
        for (value, o, n) in pair_up(&old, &new) {
            match (o, n) {
                (Some(_), None) => {
                    let kind = ChangeKind::EnumValueRemoved;
                    self.push(location, kind, Some(value), None, usage);
                }
                (None, Some(_)) => {
                    let kind = ChangeKind::EnumValueAdded;
                    self.push(location, kind, None, Some(value), usage);
                }
                (Some(o), Some(n)) => {
                    let (ov, nv) = (&o.rust_name, &n.rust_name);
                    if ov != nv {
                        let kind = ChangeKind::EnumVariantRenamed;
                        let (o, n) = (format!("{value} ({ov})"), format!("{value} ({nv})"));
                        self.push(location, kind, Some(o), Some(n), usage);
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// Everything about one value's schema at `location`, except a named
    /// type's contents.
    pub(super) fn schema(&mut self, location: &str, old: &Schema, new: &Schema, usage: Usage) {
        self.docs(location, &old.description, &new.description);
        if old.default != new.default {
            let text = |s: &Schema| s.default.as_ref().map(|d| format!("default: {d}"));
            let kind = ChangeKind::DefaultChanged;
            self.push(location, kind, text(old), text(new), usage);
        }
        if old.nullable != new.nullable {
            let word = |s: &Schema| {
                some(if s.nullable {
                    "nullable"
                } else {
                    "not nullable"
                })
            };
            let kind = ChangeKind::NullableChanged;
            self.push(location, kind, word(old), word(new), usage);
        }
        self.ty(location, old, new, usage);
    }

    fn ty(&mut self, location: &str, old: &Schema, new: &Schema, usage: Usage) {
        let (lower, upper) = (Tighter::WhenRaised, Tighter::WhenLowered);
        match (&old.ty, &new.ty) {
            (Type::String(o), Type::String(n)) => {
                if old.secret != new.secret {
                    let (o, n) = (describe_type(old), describe_type(new));
                    self.push(location, ChangeKind::TypeChanged, Some(o), Some(n), usage);
                } else if o.format != n.format {
                    let kind = ChangeKind::FormatChanged;
                    self.push(location, kind, o.format.clone(), n.format.clone(), usage);
                }
                self.bound(
                    location,
                    "minLength",
                    lower,
                    o.min_length,
                    n.min_length,
                    usage,
                );
                self.bound(
                    location,
                    "maxLength",
                    upper,
                    o.max_length,
                    n.max_length,
                    usage,
                );
                self.pattern(location, &o.pattern, &n.pattern, usage);
            }
            (Type::Integer(o), Type::Integer(n)) => {
                if o.width != n.width {
                    let (ow, nw) = (width_name(o.width), width_name(n.width));
                    self.push(location, ChangeKind::TypeChanged, some(ow), some(nw), usage);
                }
                self.bound(location, "minimum", lower, o.minimum, n.minimum, usage);
                self.bound(location, "maximum", upper, o.maximum, n.maximum, usage);
                let divides = |a: i64, b: i64| a != 0 && b % a == 0;
                self.multiple_of(location, o.multiple_of, n.multiple_of, divides, usage);
            }
            (Type::Number(o), Type::Number(n)) => {
                if o.format != n.format {
                    let kind = ChangeKind::FormatChanged;
                    self.push(location, kind, o.format.clone(), n.format.clone(), usage);
                }
                self.number_bounds(location, o.minimum, n.minimum, o.maximum, n.maximum, usage);
                let divides = |a: f64, b: f64| {
                    let q = b / a;
                    a != 0.0 && (q - q.round()).abs() <= 1e-9
                };
                self.multiple_of(location, o.multiple_of, n.multiple_of, divides, usage);
            }
            (Type::Array(o), Type::Array(n)) => {
                self.bound(location, "minItems", lower, o.min_items, n.min_items, usage);
                self.bound(location, "maxItems", upper, o.max_items, n.max_items, usage);
                if o.unique_items != n.unique_items {
                    let kind = if n.unique_items {
                        ChangeKind::ConstraintTightened
                    } else {
                        ChangeKind::ConstraintLoosened
                    };
                    let text = |unique: bool| Some(format!("uniqueItems: {unique}"));
                    self.push(
                        location,
                        kind,
                        text(o.unique_items),
                        text(n.unique_items),
                        usage,
                    );
                }
                self.schema(&format!("{location} items"), &o.items, &n.items, usage);
            }
            (Type::Map(o), Type::Map(n)) => {
                let (omin, nmin) = (o.min_properties, n.min_properties);
                self.bound(location, "minProperties", lower, omin, nmin, usage);
                let (omax, nmax) = (o.max_properties, n.max_properties);
                self.bound(location, "maxProperties", upper, omax, nmax, usage);
                self.schema(&format!("{location} values"), &o.values, &n.values, usage);
            }
            (Type::Named(o), Type::Named(n)) if o == n => {}
            (Type::Boolean, Type::Boolean) | (Type::Any, Type::Any) => {}
            (Type::Binary, Type::Binary) | (Type::File, Type::File) => {}
            _ => {
                let (o, n) = (describe_type(old), describe_type(new));
                self.push(location, ChangeKind::TypeChanged, Some(o), Some(n), usage);
            }
        }
    }

    /// A bound that was added, removed, raised or lowered.
    fn bound<T: PartialOrd + Display + Copy>(
        &mut self,
        location: &str,
        keyword: &str,
        tighter: Tighter,
        old: Option<T>,
        new: Option<T>,
        usage: Usage,
    ) {
        let tightens = |o: T, n: T| match tighter {
            Tighter::WhenRaised => n > o,
            Tighter::WhenLowered => n < o,
        };
        self.constraint(location, keyword, old, new, tightens, usage);
    }

    /// Reports a change of one constraint: adding one tightens, removing one
    /// loosens, and a changed value tightens when `tightens(old, new)`.
    fn constraint<T: PartialEq + Display + Copy>(
        &mut self,
        location: &str,
        keyword: &str,
        old: Option<T>,
        new: Option<T>,
        tightens: impl Fn(T, T) -> bool,
        usage: Usage,
    ) {
        let tightened = match (old, new) {
            (None, None) => return,
            (Some(o), Some(n)) if o == n => return,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(o), Some(n)) => tightens(o, n),
        };
        let text = |v: Option<T>| v.map(|v| format!("{keyword}: {v}"));
        let kind = if tightened {
            ChangeKind::ConstraintTightened
        } else {
            ChangeKind::ConstraintLoosened
        };
        self.push(location, kind, text(old), text(new), usage);
    }

    /// Floating-point bounds, which may be exclusive: at the same value, an
    /// exclusive bound is the tighter one.
    fn number_bounds(
        &mut self,
        location: &str,
        old_min: Option<Bound>,
        new_min: Option<Bound>,
        old_max: Option<Bound>,
        new_max: Option<Bound>,
        usage: Usage,
    ) {
        // Ordered by how much they allow: a greater key allows less for a
        // minimum, more for a maximum.
        let min_key = |b: Bound| (b.value, u8::from(b.exclusive));
        let max_key = |b: Bound| (b.value, u8::from(!b.exclusive));
        for (keyword, old, new, key, tighter) in [
            (
                "minimum",
                old_min,
                new_min,
                min_key as fn(Bound) -> (f64, u8),
                Tighter::WhenRaised,
            ),
            ("maximum", old_max, new_max, max_key, Tighter::WhenLowered),
        ] {
            let tightened = match (old, new) {
                (None, None) => continue,
                (Some(o), Some(n)) if o == n => continue,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(o), Some(n)) => match tighter {
                    Tighter::WhenRaised => key(n) > key(o),
                    Tighter::WhenLowered => key(n) < key(o),
                },
            };
            let text = |b: Option<Bound>| {
                b.map(|b| {
                    let exclusive = if b.exclusive { " (exclusive)" } else { "" };
                    format!("{keyword}: {}{exclusive}", b.value)
                })
            };
            let kind = if tightened {
                ChangeKind::ConstraintTightened
            } else {
                ChangeKind::ConstraintLoosened
            };
            self.push(location, kind, text(old), text(new), usage);
        }
    }

    /// A new divisor that the old one divides allows fewer values; one that
    /// divides the old allows more; any other change refuses some values
    /// that passed, so it tightens.
    fn multiple_of<T: PartialEq + Display + Copy>(
        &mut self,
        location: &str,
        old: Option<T>,
        new: Option<T>,
        divides: impl Fn(T, T) -> bool,
        usage: Usage,
    ) {
        let tightens = |o: T, n: T| !divides(n, o);
        self.constraint(location, "multipleOf", old, new, tightens, usage);
    }

    /// A pattern added or changed tightens: whether the new one accepts
    /// everything the old one did cannot be known in general.
    fn pattern(
        &mut self,
        location: &str,
        old: &Option<String>,
        new: &Option<String>,
        usage: Usage,
    ) {
        let kind = match (old, new) {
            (Some(_), None) => ChangeKind::ConstraintLoosened,
            (o, n) if o != n => ChangeKind::ConstraintTightened,
            _ => return,
        };
        let text = |p: &Option<String>| p.as_ref().map(|p| format!("pattern: {p}"));
        self.push(location, kind, text(old), text(new), usage);
    }
}

fn kind_name(ty: &NamedType) -> &'static str {
    match ty.kind {
        NamedKind::Struct(_) => "struct",
        NamedKind::StringEnum(_) => "string enum",
        NamedKind::IntegerEnum { .. } => "integer enum",
    }
}

fn width_name(width: IntegerWidth) -> &'static str {
    match width {
        IntegerWidth::I32 => "int32",
        IntegerWidth::I64 => "int64",
    }
}

/// A schema in words, without nullability: `array of RegistryType`.
fn describe_type(schema: &Schema) -> String {
    match &schema.ty {
        Type::String(_) if schema.secret => "secret string".to_owned(),
        Type::String(t) => match &t.format {
            Some(format) => format!("string ({format})"),
            None => "string".to_owned(),
        },
        Type::Integer(t) => format!("integer ({})", width_name(t.width)),
        Type::Number(_) => "number".to_owned(),
        Type::Boolean => "boolean".to_owned(),
        Type::Array(a) => format!("array of {}", describe_type(&a.items)),
        Type::Map(m) => format!("map of {}", describe_type(&m.values)),
        Type::Named(name) => name.clone(),
        Type::Any => "any JSON value".to_owned(),
        Type::Binary => "binary".to_owned(),
        Type::File => "file".to_owned(),
    }
}

/// A schema in words, with nullability: `string or null`.
pub(super) fn describe(schema: &Schema) -> String {
    let ty = describe_type(schema);
    if schema.nullable {
        format!("{ty} or null")
    } else {
        ty
    }
}

/// A parameter, body or field in words: `optional integer (int32)`.
pub(super) fn describe_input(required: bool, schema: &Schema) -> String {
    let required = if required { "required" } else { "optional" };
    format!("{required} {}", describe(schema))
}

fn describe_field(field: &Field) -> String {
    describe_input(field.required, &field.schema)
}
