//! The IR's type model: schemas with their constraints, and named types.

use serde_json::Value;

/// A value's type, its constraints and what documents it.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub ty: Type,
    pub description: Option<String>,
    /// `null` is a valid value (`nullable: true`).
    pub nullable: bool,
    pub default: Option<Value>,
    /// The value is a secret (`format: password`): never printed or logged.
    pub secret: bool,
    /// Where in the spec this schema was written (a JSON pointer), so that
    /// later stages can report against it.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String(StringType),
    Integer(IntegerType),
    Number(NumberType),
    Boolean,
    Array(ArrayType),
    /// An object with arbitrary keys, all values of one schema.
    Map(MapType),
    /// A named struct or enum in [`super::Service::types`].
    Named(String),
    /// Any JSON value (`{}`, or an object with no properties).
    Any,
    /// Raw bytes (`format: binary`), for non-JSON bodies.
    Binary,
    /// A file in a `multipart/form-data` body: bytes with an optional file
    /// name and media type (a `format: binary` field of a form).
    File,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringType {
    pub format: Option<String>,
    /// In characters (Unicode scalar values), as the vendor documents them.
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// An ECMA-262 regular expression; checked to compile.
    pub pattern: Option<String>,
}

impl StringType {
    /// Whether a string of `chars` characters is within the length bounds.
    pub fn length_allows(&self, chars: u64) -> bool {
        self.min_length.is_none_or(|min| chars >= min)
            && self.max_length.is_none_or(|max| chars <= max)
    }

    /// Whether `text` matches the pattern (or there is none). A pattern that
    /// does not compile matches nothing; the IR reports it as an error.
    pub fn pattern_allows(&self, text: &str) -> bool {
        match &self.pattern {
            Some(p) => compile_pattern(p).is_ok_and(|r| r.find(text).is_some()),
            None => true,
        }
    }

    /// Whether `text` satisfies every rule.
    pub fn allows(&self, text: &str) -> bool {
        self.length_allows(text.chars().count() as u64) && self.pattern_allows(text)
    }
}

impl IntegerWidth {
    pub fn holds(self, value: i64) -> bool {
        match self {
            IntegerWidth::I32 => i32::try_from(value).is_ok(),
            IntegerWidth::I64 => true,
        }
    }
}

impl IntegerType {
    pub fn range_allows(&self, n: i64) -> bool {
        self.minimum.is_none_or(|min| n >= min) && self.maximum.is_none_or(|max| n <= max)
    }

    pub fn multiple_allows(&self, n: i64) -> bool {
        self.multiple_of
            .is_none_or(|m| n.checked_rem(m).is_none_or(|r| r == 0))
    }

    /// Whether `n` fits the width and satisfies every rule.
    pub fn allows(&self, n: i64) -> bool {
        self.width.holds(n) && self.range_allows(n) && self.multiple_allows(n)
    }
}

impl NumberType {
    pub fn range_allows(&self, n: f64) -> bool {
        let above = self.minimum.is_none_or(|b| {
            if b.exclusive {
                n > b.value
            } else {
                n >= b.value
            }
        });
        let below = self.maximum.is_none_or(|b| {
            if b.exclusive {
                n < b.value
            } else {
                n <= b.value
            }
        });
        above && below
    }

    /// With the same tolerance for binary fractions as the runtime's check.
    pub fn multiple_allows(&self, n: f64) -> bool {
        self.multiple_of.is_none_or(|m| {
            let q = n / m;
            m == 0.0 || (q - q.round()).abs() <= 1e-9
        })
    }

    pub fn allows(&self, n: f64) -> bool {
        self.range_allows(n) && self.multiple_allows(n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntegerWidth {
    I32,
    I64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntegerType {
    pub width: IntegerWidth,
    /// Inclusive bounds (OpenAPI 3.0's exclusive flags are folded in).
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    pub multiple_of: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberType {
    pub format: Option<String>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub multiple_of: Option<f64>,
}

/// A floating-point bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArrayType {
    pub items: Box<Schema>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapType {
    pub values: Box<Schema>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
}

/// A struct or enum with a name of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// Unique within the service, UpperCamelCase: the component's name, or
    /// one made from where an inline schema sits (`UserAuthAuth`).
    pub name: String,
    pub description: Option<String>,
    pub origin: String,
    pub kind: NamedKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NamedKind {
    Struct(Struct),
    StringEnum(Vec<EnumValue<String>>),
    IntegerEnum {
        width: IntegerWidth,
        values: Vec<EnumValue<i64>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue<T> {
    pub value: T,
    /// A name for the value (`x-enum-varnames`), where the value itself is
    /// not one (integers).
    pub name: Option<String>,
    /// Its variant's Rust name (`crate::plan`).
    pub rust_name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// In spec order.
    pub fields: Vec<Field>,
    /// Conditional requirements (`x-required-when`).
    pub required_when: Vec<RequiredWhen>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
}

impl Struct {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub name: String,
    pub required: bool,
    pub schema: Schema,
    /// The value is held behind a `Box`: the struct contains itself through
    /// this field (see `recursion.rs`).
    pub boxed: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    /// Its Rust name, also its builder setter's (`crate::plan`).
    pub rust_name: String,
}

/// "When `property` equals `equals`, the fields in `required` must be set."
#[derive(Debug, Clone, PartialEq)]
pub struct RequiredWhen {
    pub property: String,
    pub equals: Value,
    pub required: Vec<String>,
}

/// A spec's pattern as the runtime compiles it (`hwcloud_runtime::Pattern`):
/// ECMA-262 in Unicode mode, as JSON Schema reads patterns, else (for a
/// pattern Unicode mode refuses) plain ECMA-262. The two must agree, or a
/// pattern checked here would behave differently in the generated client.
pub fn compile_pattern(pattern: &str) -> Result<regress::Regex, regress::Error> {
    regress::Regex::with_flags(pattern, "u").or_else(|_| regress::Regex::new(pattern))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_rules_accept_and_refuse() {
        let s = StringType {
            format: None,
            min_length: Some(2),
            max_length: Some(3),
            pattern: Some("^[a-z]+$".into()),
        };
        let cases = [
            ("ab", true),
            ("中文", false),
            ("a", false),
            ("abcd", false),
            ("AB", false),
        ];
        for (text, want) in cases {
            assert_eq!(s.allows(text), want, "{text:?}");
        }
        let i = IntegerType {
            width: IntegerWidth::I32,
            minimum: Some(0),
            maximum: None,
            multiple_of: Some(5),
        };
        for (n, want) in [
            (0, true),
            (10, true),
            (7, false),
            (-5, false),
            (1 << 40, false),
        ] {
            assert_eq!(i.allows(n), want, "{n}");
        }
        let f = NumberType {
            format: None,
            minimum: Some(Bound {
                value: 0.0,
                exclusive: true,
            }),
            maximum: Some(Bound {
                value: 1.0,
                exclusive: false,
            }),
            multiple_of: Some(0.25),
        };
        for (n, want) in [
            (0.0, false),
            (0.25, true),
            (1.0, true),
            (0.3, false),
            (1.25, false),
        ] {
            assert_eq!(f.allows(n), want, "{n}");
        }
    }
}
