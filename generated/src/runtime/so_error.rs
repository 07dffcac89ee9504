// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! SuperOffice's JSON error body.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// The error object SuperOffice returns with failed calls, e.g.
/// `{"Error":"...","ErrorType":"SoException","Message":"...","Source":"..."}`.
///
/// Every known field is optional and read leniently (a number or boolean is
/// kept as its JSON text) because the exact shape varies between versions and
/// error paths; anything else is kept in [`SoError::extra`]. A JSON error
/// body therefore always parses, so the information is never dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SoError {
    /// `Error`: the error text.
    #[serde(
        rename = "Error",
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub error: Option<String>,
    /// `ErrorType`: the server-side exception type.
    #[serde(
        rename = "ErrorType",
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub error_type: Option<String>,
    /// `Message`: a human-readable message.
    #[serde(
        rename = "Message",
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
    /// `Source`: where on the server the error originated.
    #[serde(
        rename = "Source",
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<String>,
    /// Any other members of the error object, unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SoError {
    /// The most useful one-line description: `Message`, else `Error`.
    pub fn summary(&self) -> Option<&str> {
        self.message
            .as_deref()
            .or(self.error.as_deref())
            .filter(|s| !s.trim().is_empty())
    }

    /// Parses an error body; `None` unless it is a JSON object (an HTML
    /// error page from a proxy, for instance).
    pub fn from_body(body: &[u8]) -> Option<Self> {
        serde_json::from_slice(body).ok()
    }
}

fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_superoffice_error_json() {
        let body = br#"{"Error":"Contact with id 7 not found","ErrorType":"SoException",
            "Message":"Not found","Source":"SoDataBase","TraceId":"abc","Code":17}"#;
        let e = SoError::from_body(body).unwrap();
        assert_eq!(e.error.as_deref(), Some("Contact with id 7 not found"));
        assert_eq!(e.error_type.as_deref(), Some("SoException"));
        assert_eq!(e.message.as_deref(), Some("Not found"));
        assert_eq!(e.source.as_deref(), Some("SoDataBase"));
        assert_eq!(e.extra["TraceId"], "abc");
        assert_eq!(e.extra["Code"], 17);
        assert_eq!(e.summary(), Some("Not found"));
    }

    #[test]
    fn tolerates_missing_and_oddly_typed_fields() {
        let e = SoError::from_body(br#"{"Error":true,"Message":null}"#).unwrap();
        assert_eq!(e.error.as_deref(), Some("true"));
        assert_eq!(e.message, None);
        assert_eq!(e.summary(), Some("true"));
    }

    #[test]
    fn non_json_bodies_are_not_errors_objects() {
        assert_eq!(SoError::from_body(b"<html><body>500</body></html>"), None);
        assert_eq!(SoError::from_body(b"\"just a string\""), None);
        assert_eq!(SoError::from_body(b""), None);
    }

    #[test]
    fn serializes_back_with_wire_names() {
        let e = SoError::from_body(br#"{"Message":"m","X":1}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"Message":"m","X":1}"#
        );
    }
}
