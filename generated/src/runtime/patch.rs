// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Typed RFC 6902 JSON Patch documents, as accepted by SuperOffice's `PATCH`
//! endpoints, and the RFC 7396 merge patches most of them take as well.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::body::Body;
use super::error::BuildError;

/// The JSON Patch operations SuperOffice supports: its `PATCH` pages say
/// "JSON PATCH supports operations 'add', 'replace', 'remove' and 'test'"
/// (`move` and `copy` are not supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PatchOp {
    /// Add a value (or append to an array with `/-`).
    Add,
    /// Replace an existing value.
    Replace,
    /// Remove a value.
    Remove,
    /// Fail the whole patch unless the value equals the given one.
    Test,
}

/// One operation of a [`JsonPatch`], e.g.
/// `{"op":"replace","path":"/Name","value":"x"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOperation {
    /// What to do.
    pub op: PatchOp,
    /// JSON Pointer to the target, e.g. `/Name` or `/UserDefinedFields/SuperOffice:1`.
    pub path: String,
    /// The operand; absent for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A JSON Patch document: operations applied in order, atomically.
///
/// ```
/// use superoffice_api::runtime::JsonPatch;
/// use serde_json::json;
/// let patch = JsonPatch::new().test("/Name", json!("old")).replace("/Name", json!("new"));
/// assert_eq!(
///     serde_json::to_string(&patch).unwrap(),
///     r#"[{"op":"test","path":"/Name","value":"old"},{"op":"replace","path":"/Name","value":"new"}]"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonPatch(pub Vec<PatchOperation>);

impl JsonPatch {
    /// An empty patch.
    pub fn new() -> Self {
        Self::default()
    }

    fn with(mut self, op: PatchOp, path: String, value: Option<Value>) -> Self {
        self.0.push(PatchOperation { op, path, value });
        self
    }

    /// Appends an `add` operation.
    pub fn add(self, path: impl Into<String>, value: Value) -> Self {
        self.with(PatchOp::Add, path.into(), Some(value))
    }

    /// Appends a `replace` operation.
    pub fn replace(self, path: impl Into<String>, value: Value) -> Self {
        self.with(PatchOp::Replace, path.into(), Some(value))
    }

    /// Appends a `remove` operation.
    pub fn remove(self, path: impl Into<String>) -> Self {
        self.with(PatchOp::Remove, path.into(), None)
    }

    /// Appends a `test` operation.
    pub fn test(self, path: impl Into<String>, value: Value) -> Self {
        self.with(PatchOp::Test, path.into(), Some(value))
    }

    /// `true` when the patch has no operations.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The operations, in order.
    pub fn operations(&self) -> &[PatchOperation] {
        &self.0
    }
}

impl From<Vec<PatchOperation>> for JsonPatch {
    fn from(operations: Vec<PatchOperation>) -> Self {
        JsonPatch(operations)
    }
}

impl FromIterator<PatchOperation> for JsonPatch {
    fn from_iter<I: IntoIterator<Item = PatchOperation>>(iter: I) -> Self {
        JsonPatch(iter.into_iter().collect())
    }
}

/// The body of a `PATCH` request: a JSON Patch, or, where the endpoint
/// takes one, a merge patch that states the new values directly
/// (`{"Department": "foo"}`; `null` clears a value).
///
/// Generated `PATCH` builders take a [`JsonPatch`] in `new`, and offer a
/// `merge_patch` constructor when the endpoint's page says the server
/// accepts a merge patch.
#[derive(Debug, Clone, PartialEq)]
pub enum PatchDocument {
    /// Sent as `application/json-patch+json`.
    JsonPatch(JsonPatch),
    /// Sent as `application/merge-patch+json`.
    MergePatch(Value),
}

impl PatchDocument {
    /// Serializes the document with its content type.
    pub fn into_body(self) -> Result<Body, BuildError> {
        match self {
            PatchDocument::JsonPatch(patch) => Body::json_patch(&patch),
            PatchDocument::MergePatch(value) => Body::merge_patch(&value),
        }
    }
}

impl From<JsonPatch> for PatchDocument {
    fn from(patch: JsonPatch) -> Self {
        PatchDocument::JsonPatch(patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_to_rfc6902() {
        let patch = JsonPatch::new()
            .add("/Urls/-", json!({"Value": "https://x"}))
            .replace("/Name", json!("x"))
            .remove("/Department");
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            json!([
                {"op": "add", "path": "/Urls/-", "value": {"Value": "https://x"}},
                {"op": "replace", "path": "/Name", "value": "x"},
                {"op": "remove", "path": "/Department"}
            ])
        );
        let back: JsonPatch =
            serde_json::from_value(serde_json::to_value(&patch).unwrap()).unwrap();
        assert_eq!(back, patch);
    }

    #[test]
    fn documents_carry_their_content_type() {
        let patch = PatchDocument::from(JsonPatch::new().replace("/Name", json!("x")));
        let body = patch.into_body().unwrap();
        assert_eq!(body.content_type(), Some("application/json-patch+json"));
        assert_eq!(
            body.into_bytes(),
            br#"[{"op":"replace","path":"/Name","value":"x"}]"#
        );
        let merge = PatchDocument::MergePatch(json!({"Name": "x", "Department": null}));
        let body = merge.into_body().unwrap();
        assert_eq!(body.content_type(), Some("application/merge-patch+json"));
        let sent: Value = serde_json::from_slice(&body.into_bytes()).unwrap();
        assert_eq!(sent, json!({"Name": "x", "Department": null}));
    }

    #[test]
    fn unsupported_operations_do_not_parse() {
        let moved = json!([{"op": "move", "from": "/a", "path": "/b"}]);
        assert!(serde_json::from_value::<JsonPatch>(moved).is_err());
        let ops: JsonPatch = vec![PatchOperation {
            op: PatchOp::Test,
            path: "/Name".into(),
            value: Some(json!("x")),
        }]
        .into_iter()
        .collect();
        assert_eq!(ops.operations().len(), 1);
    }
}
