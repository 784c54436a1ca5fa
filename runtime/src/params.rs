//! Reading a list parameter from a recorded call, where a list sent as
//! `a,b` on the wire may be written either as a JSON array or as that
//! comma-separated string (the vendor's SDKs take the string). Generated
//! request types use these through `#[serde(deserialize_with)]`.

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Deserialize;
use serde_json::Value;

/// A list given as a JSON array or as one comma-separated string.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(deserializer)? {
        Value::String(joined) => joined
            .split(',')
            .filter(|piece| !piece.is_empty())
            .map(|piece| item(piece).map_err(D::Error::custom))
            .collect(),
        other => serde_json::from_value(other).map_err(D::Error::custom),
    }
}

/// Like [`list`], for an optional parameter (`null` or absent is `None`).
pub fn optional_list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        value => list(value).map(Some).map_err(D::Error::custom),
    }
}

/// A list read as [`list`] reads it, for generated `Deserialize` impls.
#[derive(Debug, Clone, PartialEq)]
pub struct List<T>(pub Vec<T>);

impl<T> List<T> {
    /// The items.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        list(deserializer).map(List)
    }
}

/// One piece of a comma-separated list: a string value, or a number or
/// boolean written as text.
fn item<T: DeserializeOwned>(piece: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(Value::String(piece.to_owned()))
        .or_else(|err| serde_json::from_str(piece).map_err(|_| err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Params {
        #[serde(default, deserialize_with = "optional_list")]
        kinds: Option<Vec<String>>,
        #[serde(deserialize_with = "list")]
        levels: Vec<i64>,
    }

    #[test]
    fn arrays_and_comma_separated_strings_read_alike() {
        let a: Params = serde_json::from_str(r#"{"kinds": ["a", "b"], "levels": [7, 3]}"#).unwrap();
        let b: Params = serde_json::from_str(r#"{"kinds": "a,b", "levels": "7,3"}"#).unwrap();
        assert_eq!(a.kinds, b.kinds);
        assert_eq!(a.levels, b.levels);
        let c: Params = serde_json::from_str(r#"{"kinds": null, "levels": []}"#).unwrap();
        assert_eq!(c.kinds, None);
        let d: Params = serde_json::from_str(r#"{"levels": "1"}"#).unwrap();
        assert_eq!(d.kinds, None);
        assert!(serde_json::from_str::<Params>(r#"{"levels": "x"}"#).is_err());
    }
}
