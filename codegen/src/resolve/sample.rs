//! What sample JSON values tell about a type.

use serde_json::Value;

use crate::ir::TypeRef;

/// True for the docs' date-time strings (`2004-09-26T18:25:50.1305954+02:00`, with or without
/// fraction and offset).
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
}

/// The text the docs' sample generator prints where it cannot sample an object value: it says
/// nothing about the type (the value is an object, not a string).
pub const OBJECT_PLACEHOLDER: &str = "An object of some kind";

/// The text the docs' sample generator prints for bytes (a `byte[]` or `Stream` value, which
/// travels as base64 inside JSON): it shows the value is binary.
pub const BINARY_PLACEHOLDER: &str = "GIF89....File contents as raw bytes...";

/// The scalar type a JSON value shows, `None` for null, objects and arrays. The docs' placeholder
/// for an unsampled object shows `any`, the one for bytes `binary`.
pub fn scalar_of(v: &Value) -> Option<TypeRef> {
    Some(match v {
        Value::String(s) if s == OBJECT_PLACEHOLDER => TypeRef::Any,
        Value::String(s) if s == BINARY_PLACEHOLDER => TypeRef::Binary,
        Value::Bool(_) => TypeRef::Bool,
        Value::Number(n) if n.is_i64() || n.is_u64() => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => TypeRef::Int32,
            _ => TypeRef::Int64,
        },
        Value::Number(_) => TypeRef::Double,
        Value::String(s) if is_date_time(s) => TypeRef::DateTime,
        Value::String(_) => TypeRef::String,
        _ => return None,
    })
}

/// The common scalar type of several values: integers widen to int64 and then double;
/// date-time or binary with string make string; anything else disagreeing gives `any`.
pub fn unify(a: TypeRef, b: TypeRef) -> TypeRef {
    use TypeRef::*;
    match (a, b) {
        (a, b) if a == b => a,
        (Int32, Int64) | (Int64, Int32) => Int64,
        (Int32 | Int64, Double) | (Double, Int32 | Int64) => Double,
        (DateTime | Binary, String) | (String, DateTime | Binary) => String,
        _ => Any,
    }
}

/// Whether a sample object is a dictionary rather than a model: the docs' samples show
/// dictionaries with placeholder keys (`fieldName`, `CustomFields1`/`CustomFields2` for a
/// property named `CustomFields`, `SuperOffice:1`).
///
/// Objects whose keys mix upper- and lower-case initials are dictionaries too: SuperOffice's
/// models spell every property in PascalCase, so `{"PrimaryKey": 1, "personId": 1}` is a row of
/// dynamic columns (OData results).
pub fn looks_like_map(prop: &str, obj: &serde_json::Map<String, Value>) -> bool {
    let initial = |k: &String| k.chars().next().map(|c| c.is_uppercase());
    let mixed_case = obj.keys().any(|k| initial(k) == Some(true))
        && obj.keys().any(|k| initial(k) == Some(false));
    mixed_case
        || !obj.is_empty()
            && obj.keys().all(|k| {
                k == "fieldName"
                    || k.strip_prefix(prop).is_some_and(|rest| {
                        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
                    })
                    || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
}
