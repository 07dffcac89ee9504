// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Bytes inside JSON: .NET writes a `byte[]` (or a `Stream` property of an
//! agent request, such as `SetPersonImage`'s `Image`) as base64 text.

use std::fmt;
use std::ops::Deref;

use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use base64::Engine as _;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Binary data that travels as a base64 string in JSON.
///
/// Generated models use it for every property the docs type as `byte` (or
/// show with the docs' bytes placeholder), so callers hand over and get back
/// the bytes themselves, never the text. It serializes with standard
/// padded base64, as .NET does, and reads standard base64 with or without
/// padding; anything else is a decode error.
///
/// ```
/// use superoffice_api::runtime::Base64Bytes;
/// let image = Base64Bytes::from(&b"GIF89a"[..]);
/// assert_eq!(serde_json::to_string(&image).unwrap(), r#""R0lGODlh""#);
/// let back: Base64Bytes = serde_json::from_str(r#""R0lGODlh""#).unwrap();
/// assert_eq!(&back[..], b"GIF89a");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// The bytes, by value.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// The base64 text sent on the wire.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }
}

impl Deref for Base64Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Base64Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl From<bytes::Bytes> for Base64Bytes {
    fn from(bytes: bytes::Bytes) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl From<Base64Bytes> for Vec<u8> {
    fn from(bytes: Base64Bytes) -> Self {
        bytes.0
    }
}

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Images and documents are large; their length says enough.
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Base64Visitor;

        impl Visitor<'_> for Base64Visitor {
            type Value = Base64Bytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Base64Bytes, E> {
                STANDARD_PAD_INDIFFERENT
                    .decode(s)
                    .map(Base64Bytes)
                    .map_err(|e| E::custom(format_args!("invalid base64 ({e})")))
            }
        }

        deserializer.deserialize_str(Base64Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_padded_base64() {
        let data = Base64Bytes::from(vec![0u8, 1, 2, 250, 255]);
        let json = serde_json::to_string(&data).unwrap();
        assert_eq!(json, r#""AAEC+v8=""#);
        let back: Base64Bytes = serde_json::from_str(&json).unwrap();
        assert_eq!(back, data);
        let unpadded: Base64Bytes = serde_json::from_str(r#""AAEC+v8""#).unwrap();
        assert_eq!(unpadded, data);
        let empty: Base64Bytes = serde_json::from_str(r#""""#).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn rejects_what_is_not_base64() {
        let err = serde_json::from_str::<Base64Bytes>(r#""GIF89....File contents""#);
        assert!(err.unwrap_err().to_string().contains("invalid base64"));
        assert!(serde_json::from_str::<Base64Bytes>("12").is_err());
        assert_eq!(
            format!("{:?}", Base64Bytes::from(&b"abc"[..])),
            "Base64Bytes(3 bytes)"
        );
    }
}
