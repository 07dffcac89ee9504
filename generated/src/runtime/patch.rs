// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Typed RFC 6902 JSON Patch documents, as accepted by SuperOffice's `PATCH`
//! endpoints.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The JSON Patch operations SuperOffice supports.
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
}
