// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Request bodies, already serialized, with the content type they travel as.

use serde::Serialize;

use super::error::BuildError;
use super::patch::JsonPatch;
use super::upload::{multipart_form, upload_content_type};

/// `Content-Type` of [`Body::Json`].
pub const CONTENT_TYPE_JSON: &str = "application/json; charset=utf-8";
/// `Content-Type` of [`Body::JsonPatch`] (RFC 6902).
pub const CONTENT_TYPE_JSON_PATCH: &str = "application/json-patch+json";
/// `Content-Type` of [`Body::MergePatch`] (RFC 7396).
pub const CONTENT_TYPE_MERGE_PATCH: &str = "application/merge-patch+json";

/// A serialized request body.
///
/// Bodies are serialized while the request is built (not while it is sent),
/// so serialization errors surface as [`BuildError`] and the request can be
/// inspected or replayed byte for byte.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Body {
    /// No body and no `Content-Type`.
    #[default]
    Empty,
    /// A JSON document (`application/json; charset=utf-8`).
    Json(Vec<u8>),
    /// Opaque bytes with their own content type, e.g. a document upload.
    Bytes {
        /// The `Content-Type` to send.
        content_type: String,
        /// The payload.
        data: Vec<u8>,
    },
    /// An RFC 6902 JSON Patch document (`application/json-patch+json`).
    JsonPatch(Vec<u8>),
    /// An RFC 7396 JSON merge patch (`application/merge-patch+json`).
    MergePatch(Vec<u8>),
}

impl Body {
    /// Serializes `value` as a JSON body.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Body, BuildError> {
        Ok(Body::Json(serde_json::to_vec(value)?))
    }

    /// Serializes `value` as a JSON merge-patch body.
    pub fn merge_patch<T: Serialize + ?Sized>(value: &T) -> Result<Body, BuildError> {
        Ok(Body::MergePatch(serde_json::to_vec(value)?))
    }

    /// Serializes a typed JSON Patch.
    pub fn json_patch(patch: &JsonPatch) -> Result<Body, BuildError> {
        Ok(Body::JsonPatch(serde_json::to_vec(patch)?))
    }

    /// An upload of raw bytes to an endpoint that takes the media types
    /// `documented`: sent as `content_type` when the caller chose one, else
    /// as the documented type the bytes show (see
    /// [`upload_content_type`](super::upload_content_type)).
    pub fn upload(data: Vec<u8>, content_type: Option<String>, documented: &[&str]) -> Body {
        let content_type = content_type.unwrap_or_else(|| upload_content_type(&data, documented));
        Body::Bytes { content_type, data }
    }

    /// A file upload to an endpoint that takes it as a form: sent as the raw
    /// bytes when the caller chose a `content_type`, else as
    /// `multipart/form-data` with one file part named `field`, of the
    /// documented type the bytes show (see
    /// [`multipart_form`](super::upload::multipart_form)).
    pub fn upload_form(
        field: &str,
        data: Vec<u8>,
        content_type: Option<String>,
        documented: &[&str],
    ) -> Body {
        if content_type.is_some() {
            return Body::upload(data, content_type, documented);
        }
        let part_type = upload_content_type(&data, documented);
        let (content_type, data) = multipart_form(field, &data, &part_type);
        Body::Bytes { content_type, data }
    }

    /// The `Content-Type` header to send, `None` for [`Body::Empty`].
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Body::Empty => None,
            Body::Json(_) => Some(CONTENT_TYPE_JSON),
            Body::Bytes { content_type, .. } => Some(content_type),
            Body::JsonPatch(_) => Some(CONTENT_TYPE_JSON_PATCH),
            Body::MergePatch(_) => Some(CONTENT_TYPE_MERGE_PATCH),
        }
    }

    /// The payload bytes (empty for [`Body::Empty`]).
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Body::Empty => Vec::new(),
            Body::Json(data)
            | Body::Bytes { data, .. }
            | Body::JsonPatch(data)
            | Body::MergePatch(data) => data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_bodies_carry_their_content_type() {
        let body = Body::json(&json!({"Name": "x"})).unwrap();
        assert_eq!(body.content_type(), Some("application/json; charset=utf-8"));
        assert_eq!(body.into_bytes(), br#"{"Name":"x"}"#);

        let merge = Body::merge_patch(&json!({"Name": null})).unwrap();
        assert_eq!(merge.content_type(), Some("application/merge-patch+json"));

        let patch = Body::json_patch(&JsonPatch::new().remove("/Name")).unwrap();
        assert_eq!(patch.content_type(), Some("application/json-patch+json"));
        assert_eq!(patch.into_bytes(), br#"[{"op":"remove","path":"/Name"}]"#);

        assert_eq!(Body::Empty.content_type(), None);
        let raw = Body::Bytes {
            content_type: "application/pdf".into(),
            data: vec![1, 2],
        };
        assert_eq!(raw.content_type(), Some("application/pdf"));
    }

    #[test]
    fn uploads_take_the_chosen_or_the_documented_type() {
        let documented = ["image/png", "image/jpeg"];
        let sniffed = Body::upload(b"\xff\xd8\xff\xe0".to_vec(), None, &documented);
        assert_eq!(sniffed.content_type(), Some("image/jpeg"));
        let chosen = Body::upload(vec![1], Some("image/gif".into()), &documented);
        assert_eq!(chosen.content_type(), Some("image/gif"));
        assert_eq!(chosen.into_bytes(), [1]);
    }

    #[test]
    fn form_uploads_are_multipart_unless_a_type_is_chosen() {
        let documented = ["image/png", "image/gif"];
        let form = Body::upload_form("image", b"GIF89a".to_vec(), None, &documented);
        assert_eq!(
            form.content_type(),
            Some("multipart/form-data; boundary=superoffice-api-0")
        );
        assert!(form
            .into_bytes()
            .ends_with(b"GIF89a\r\n--superoffice-api-0--\r\n"));
        let raw = Body::upload_form("image", vec![1], Some("image/png".into()), &documented);
        assert_eq!(raw.content_type(), Some("image/png"));
        assert_eq!(raw.into_bytes(), [1]);
    }

    #[test]
    fn serialization_failures_are_build_errors() {
        use std::collections::HashMap;
        let mut bad = HashMap::new();
        bad.insert(vec![1u8], 1);
        assert!(matches!(Body::json(&bad), Err(BuildError::Serialize(_))));
    }
}
