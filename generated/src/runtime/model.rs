// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Reading and writing generated models as JSON objects.
//!
//! serde's derive expands, per struct, to a field enum, its visitor, a struct visitor for maps
//! and for sequences and, because every model keeps undocumented members in a flattened
//! `extra` map, a path that buffers the whole object before reading it. Over ~1,600 models
//! that was most of the generated crate's compile time and memory. A model instead implements
//! [`Model`]: one `match` from wire name to field, one run of writes, and the serde plumbing
//! lives here once. It is also faster at run time than the flattening derive, which buffers
//! every member before assigning it.
//!
//! The wire behaviour is serde's: a model reads only from a JSON object, every field may be
//! missing or `null`, a repeated member is an error, members the docs do not describe land in
//! `extra`, and writing leaves out `None` fields and writes `extra` back.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// serde's traits that [`Model`]'s methods take, named here so generated models can name them
/// in one word.
pub use serde::de::MapAccess;
pub use serde::ser::SerializeMap;

/// A member name as read: borrowed from the input when it has no escapes.
pub type Key<'de> = Cow<'de, str>;

/// A generated model: a JSON object with known, optional members plus the `extra` ones.
///
/// Implemented by the generator for every model; its `Serialize` and `Deserialize` impls are
/// one call each to [`serialize_model`] and [`deserialize_model`].
pub trait Model: Default {
    /// The model's name, for error messages (`expected struct ChatSessionEntity`).
    const NAME: &'static str;

    /// Reads the value of member `key` from `map` into its field, or into `extra` when the
    /// model has no such field. Generated as one `match` calling [`read_field`] and
    /// [`read_extra`].
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Writes every field that is `Some`, then `extra`, through [`write_field`] and
    /// [`write_extra`].
    fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// The `Deserialize`, `Serialize` and `Debug` impls of a generated model (`model_traits!(Name);`),
/// one call each into [`deserialize_model`], [`serialize_model`] and [`debug_model`]. They are
/// the same for every model; written out, ~1,600 copies of them were a fifth of the models'
/// text.
macro_rules! model_traits {
    ($model:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_model(deserializer)
            }
        }

        impl ::serde::Serialize for $model {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_model(self, serializer)
            }
        }

        impl ::core::fmt::Debug for $model {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::runtime::debug_model(self, f)
            }
        }
    };
}
pub(crate) use model_traits;

/// Reads a model from a JSON object (never from an array, unlike derived structs).
pub fn deserialize_model<'de, T: Model, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ModelVisitor(PhantomData))
}

/// Writes a model as a JSON object.
pub fn serialize_model<T: Model, S: Serializer>(
    model: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    model.write_members(&mut map)?;
    map.end()
}

/// Reads one known member into its field; a member seen twice is an error, as with serde's
/// derive (`duplicate field`).
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut Option<T>,
    key: &str,
) -> Result<(), A::Error> {
    if field.is_some() {
        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
    }
    *field = map.next_value()?;
    Ok(())
}

/// Reads a member the model does not describe into `extra`, as the server sent it.
pub fn read_extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Map<String, Value>,
    key: Key<'de>,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// Writes one field when it is `Some`.
pub fn write_field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    field: &Option<T>,
) -> Result<(), M::Error> {
    match field {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes the members kept in `extra` back, after the known fields.
pub fn write_extra<M: SerializeMap>(
    map: &mut M,
    extra: &Map<String, Value>,
) -> Result<(), M::Error> {
    extra
        .iter()
        .try_for_each(|(key, value)| map.serialize_entry(key, value))
}

/// `Debug` of a model: its name and its JSON, pretty-printed under `{:#?}`.
///
/// Written by hand rather than derived: over ~1,600 models the derived impls (an array of
/// `&dyn Debug` per struct) cost more compile memory than all the serde code. The JSON shows
/// what a derived impl would, in the wire's names, `extra` included.
pub fn debug_model<T: Model + Serialize>(model: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let json = if f.alternate() {
        serde_json::to_string_pretty(model)
    } else {
        serde_json::to_string(model)
    };
    match json {
        Ok(json) => write!(f, "{} {json}", T::NAME),
        Err(_) => write!(f, "{} {{ .. }}", T::NAME),
    }
}

struct ModelVisitor<T>(PhantomData<T>);

impl<'de, T: Model> Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut model = T::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            model.read_member(key, &mut map)?;
        }
        Ok(model)
    }
}

/// Reads a member name without copying it when the input allows.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Cow::Owned(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written model, as the generator writes them.
    #[derive(Default, PartialEq)]
    struct Pair {
        id: Option<i32>,
        name: Option<String>,
        extra: Map<String, Value>,
    }

    impl Model for Pair {
        const NAME: &'static str = "Pair";

        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            key: Key<'de>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match &*key {
                "Id" => read_field(map, &mut self.id, &key),
                "Name" => read_field(map, &mut self.name, &key),
                _ => read_extra(map, &mut self.extra, key),
            }
        }

        fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            write_field(map, "Id", &self.id)?;
            write_field(map, "Name", &self.name)?;
            write_extra(map, &self.extra)
        }
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_model(d)
        }
    }

    impl Serialize for Pair {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize_model(self, s)
        }
    }

    impl fmt::Debug for Pair {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_model(self, f)
        }
    }

    #[test]
    fn debug_is_the_name_and_the_json() {
        let pair = Pair {
            id: Some(1),
            ..Pair::default()
        };
        assert_eq!(format!("{pair:?}"), r#"Pair {"Id":1}"#);
        assert_eq!(format!("{pair:#?}"), "Pair {\n  \"Id\": 1\n}");
    }

    #[test]
    fn reads_known_null_missing_and_extra_members() {
        let pair: Pair = serde_json::from_str(r#"{"Id": 7, "Name": null, "New": [1]}"#).unwrap();
        assert_eq!(pair.id, Some(7));
        assert_eq!(pair.name, None);
        assert_eq!(pair.extra.get("New"), Some(&serde_json::json!([1])));
    }

    #[test]
    fn writes_some_fields_then_extra() {
        let mut pair = Pair {
            name: Some("a".into()),
            ..Pair::default()
        };
        pair.extra.insert("New".into(), Value::Bool(true));
        assert_eq!(
            serde_json::to_string(&pair).unwrap(),
            r#"{"Name":"a","New":true}"#
        );
    }

    #[test]
    fn escaped_keys_are_matched_after_unescaping() {
        let pair: Pair = serde_json::from_str(r#"{"\u0049d": 1}"#).unwrap();
        assert_eq!(pair.id, Some(1));
        let from_value: Pair = serde_json::from_value(serde_json::json!({"Id": 2})).unwrap();
        assert_eq!(from_value.id, Some(2));
    }

    #[test]
    fn rejects_arrays_scalars_and_repeated_members() {
        let err = |json: &str| serde_json::from_str::<Pair>(json).unwrap_err().to_string();
        assert!(err("[1, \"a\"]").starts_with("invalid type: sequence, expected struct Pair"));
        assert!(err("null").starts_with("invalid type: null, expected struct Pair"));
        assert!(err(r#"{"Id": 1, "Id": 2}"#).starts_with("duplicate field `Id`"));
        assert!(err(r#"{"Id": "1"}"#).starts_with("invalid type: string \"1\", expected i32"));
    }
}
