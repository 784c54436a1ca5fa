//! Serde support that generated types share instead of deriving it.
//!
//! `#[derive(Deserialize)]` writes, for every struct, a field-identifier
//! enum with three visitors and both a sequence and a map visitor; for an
//! enum with an `#[serde(untagged)]` catch-all it buffers every value and
//! retries each variant. Over the thousand-odd types of a whole service that
//! derive output was most of the crate's compile time. Generated types
//! instead carry a small `Deserialize` impl of their own (a map visitor that
//! matches keys as strings) and call these helpers, so the shared parts are
//! compiled once, here.
//!
//! Behaviour matches the derive where it matters: unknown keys are skipped,
//! a repeated key and a missing required field are errors naming the field,
//! and `null` for an optional field is `None`.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// An object key: borrowed from the input where the format allows (no
/// escapes), owned otherwise.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Writes a JSON object one field at a time for a generated `Serialize`
/// impl. The first error is kept and later fields are skipped, so the impl
/// is straight-line code (a branch per field would grow the crate's compile
/// memory with every field of every model).
pub struct Object<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Object<M> {
    /// Starts the object.
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        Ok(Self {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes `key: value`.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            if let Err(err) = self.map.serialize_entry(key, value) {
                self.error = Some(err);
            }
        }
    }

    /// Writes `key: value` if the value is set; an unset field is left out.
    pub fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// Ends the object, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(err) => Err(err),
            None => self.map.end(),
        }
    }
}

/// Reads the value of field `name` into `slot`; a second value for the same
/// field is an error, as with the derive.
pub fn read<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the type does not know.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// The value of a required field, or the error naming it.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Deserializes a string enum: any string, mapped by `T::from` (unknown
/// values included, which `T` keeps in its `Unknown` variant). Borrows the
/// string from the input where the format allows, so a known value
/// allocates nothing.
pub fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a generated struct's impl looks like.
    #[derive(Debug, PartialEq)]
    struct Pair {
        name: String,
        size: Option<u32>,
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct PairVisitor;

            impl<'de> Visitor<'de> for PairVisitor {
                type Value = Pair;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a `Pair` object")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair, A::Error> {
                    let (mut name, mut size) = (None, None);
                    while let Some(key) = map.next_key::<Key>()? {
                        match key.as_str() {
                            "name" => read(&mut map, &mut name, "name"),
                            "size" => read(&mut map, &mut size, "size"),
                            _ => skip(&mut map),
                        }?;
                    }
                    Ok(Pair {
                        name: required(name, "name")?,
                        size: size.flatten(),
                    })
                }
            }

            deserializer.deserialize_map(PairVisitor)
        }
    }

    impl Serialize for Pair {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = Object::new(serializer)?;
            object.field("name", &self.name);
            object.optional("size", &self.size);
            object.end()
        }
    }

    #[test]
    fn objects_encode_as_the_derive_would() {
        let pair = |size| Pair {
            name: "a".into(),
            size,
        };
        assert_eq!(
            serde_json::to_string(&pair(Some(3))).unwrap(),
            r#"{"name":"a","size":3}"#
        );
        assert_eq!(
            serde_json::to_string(&pair(None)).unwrap(),
            r#"{"name":"a"}"#
        );
    }

    #[test]
    fn an_object_reports_its_first_error_and_writes_nothing_after_it() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("cannot be written"))
            }
        }
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut object = Object::new(&mut serializer).unwrap();
        object.field("a", &1);
        object.field("b", &Fails);
        object.field("c", &2);
        let err = object.end().unwrap_err();
        assert_eq!(err.to_string(), "cannot be written");
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"b":"#);
    }

    #[test]
    fn objects_decode_as_the_derive_would() {
        let cases = [
            (
                r#"{"name": "a", "size": 3}"#,
                Ok(Pair {
                    name: "a".into(),
                    size: Some(3),
                }),
            ),
            (
                r#"{"name": "a", "size": null}"#,
                Ok(Pair {
                    name: "a".into(),
                    size: None,
                }),
            ),
            (
                r#"{"extra": [1, {"x": 2}], "name": "a"}"#,
                Ok(Pair {
                    name: "a".into(),
                    size: None,
                }),
            ),
            (
                r#"{"n\u0061me": "a"}"#,
                Ok(Pair {
                    name: "a".into(),
                    size: None,
                }),
            ),
            (
                r#"{"size": 3}"#,
                Err("missing field `name` at line 1 column 11"),
            ),
            (
                r#"{"name": "a", "name": "b"}"#,
                Err("duplicate field `name` at line 1 column 20"),
            ),
            (
                r#"{"name": 1}"#,
                Err("invalid type: integer `1`, expected a string at line 1 column 10"),
            ),
            (
                r#"["a", 3]"#,
                Err("invalid type: sequence, expected a `Pair` object at line 1 column 0"),
            ),
        ];
        for (json, expected) in cases {
            let decoded = serde_json::from_str::<Pair>(json).map_err(|e| e.to_string());
            assert_eq!(decoded, expected.map_err(str::to_owned), "{json}");
        }
        // From a `Value`, whose keys are owned.
        let value = serde_json::json!({"name": "b", "size": 1});
        assert_eq!(
            serde_json::from_value::<Pair>(value).unwrap(),
            Pair {
                name: "b".into(),
                size: Some(1)
            }
        );
    }

    #[derive(Debug, PartialEq)]
    enum Colour {
        Red,
        Unknown(String),
    }

    impl From<&str> for Colour {
        fn from(value: &str) -> Self {
            match value {
                "red" => Colour::Red,
                other => Colour::Unknown(other.to_owned()),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Colour {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            string_enum(deserializer)
        }
    }

    #[test]
    fn known_unknown_and_escaped_values_decode() {
        let decoded: Vec<Colour> = serde_json::from_str(r#"["red", "blue", "r\u0065d"]"#).unwrap();
        assert_eq!(
            decoded,
            [Colour::Red, Colour::Unknown("blue".into()), Colour::Red]
        );
    }

    #[test]
    fn a_non_string_is_an_error_saying_what_was_expected() {
        let err = serde_json::from_str::<Colour>("7").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: integer `7`, expected a string at line 1 column 1"
        );
    }
}
