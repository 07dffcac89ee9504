// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Open enums: the values a page documents for a parameter or property (`Enum: Slim, Wide`),
//! as variants, plus one variant that carries any other text.
//!
//! The docs list the values of .NET enums, and the server takes and sends more than they list:
//! values added after the docs were written, and flags enums, which travel as several names
//! joined by `", "`. A closed Rust enum would refuse those; a `String` would let a caller send
//! what the docs say is not allowed, unnoticed. An open enum names the documented values and
//! still round-trips any other text unchanged through its fallback variant.
//!
//! Generated enums are made by the [`open_enum!`] macro; everything they share is the
//! [`OpenEnum`] trait, so the per-enum code is the variant table and nothing else.

use serde::{Deserialize, Deserializer, Serializer};

/// What every generated open enum can do: name its wire text, and be made from any text.
pub trait OpenEnum: Sized {
    /// The documented wire values, in the docs' order.
    const VALUES: &'static [&'static str];

    /// The text sent on the wire: the documented value, or the fallback's text.
    fn as_str(&self) -> &str;

    /// The variant for `text`: the documented value it equals exactly (the wire is
    /// case-sensitive as far as the docs tell), else the fallback holding it.
    fn from_text(text: String) -> Self;
}

/// Writes an open enum as its wire text.
pub fn serialize_open_enum<T: OpenEnum, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Reads an open enum from a JSON string; a value the docs do not list lands in the fallback.
pub fn deserialize_open_enum<'de, T: OpenEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    String::deserialize(deserializer).map(T::from_text)
}

/// The impls of an open enum the generated code declares (one unit variant per documented
/// value and a fallback holding a `String`): `open_enum!(Mode { Slim = "Slim", Wide = "Wide" }
/// Other);` gives its `OpenEnum`, serde, `Display`, `From<&str>`, `From<String>`, `FromStr`
/// (infallible), path and query impls. The enum itself is written out, so that its docs read
/// as any other type's.
macro_rules! open_enum {
    (
        $name:ident {
            $($variant:ident = $wire:literal),* $(,)?
        }
        $other:ident
    ) => {
        impl $crate::runtime::OpenEnum for $name {
            const VALUES: &'static [&'static str] = &[$($wire),*];

            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(text) => text,
                }
            }

            fn from_text(text: ::std::string::String) -> Self {
                match text.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(text),
                }
            }
        }

        impl $name {
            /// The text sent on the wire.
            pub fn as_str(&self) -> &str {
                $crate::runtime::OpenEnum::as_str(self)
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                $crate::runtime::OpenEnum::from_text(text.to_owned())
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                $crate::runtime::OpenEnum::from_text(text)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(::core::convert::From::from(text))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_open_enum(deserializer)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::runtime::serialize_open_enum(self, serializer)
            }
        }

        impl $crate::runtime::PathValue for $name {
            fn write_path(&self, out: &mut ::std::string::String) {
                $crate::runtime::PathValue::write_path(self.as_str(), out)
            }
        }

        impl $crate::runtime::QueryValue for $name {
            fn write_query(&self, out: &mut ::std::string::String) {
                $crate::runtime::QueryValue::write_query(self.as_str(), out)
            }
        }
    };
}
pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    #[derive(Clone, PartialEq, Eq, Hash, Debug)]
    enum Width {
        Slim,
        Wide,
        Other(String),
    }

    open_enum!(Width { Slim = "Slim", Wide = "Wide" } Other);

    #[test]
    fn documented_values_and_others_round_trip() {
        for text in ["Slim", "Wide", "Huge", "Slim, Wide", "slim"] {
            let json = serde_json::to_string(text).unwrap();
            let value: Width = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(value.to_string(), text);
        }
        assert_eq!(Width::from("Wide"), Width::Wide);
        assert_eq!(Width::from("slim"), Width::Other("slim".into()));
    }

    #[test]
    fn path_and_query_take_the_wire_text() {
        let path = crate::runtime::fill_path("/a/{w}", &[&Width::from("x y")]);
        assert_eq!(path, "/a/x%20y");
        let mut q = crate::runtime::Query::default();
        q.push("w", &Width::Slim);
        assert_eq!(q.to_string(), "w=Slim");
    }
}
