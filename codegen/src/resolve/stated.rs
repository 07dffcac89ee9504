//! What a table's Type cell states, before any other page or sample is weighed.

use crate::ir::TypeRef;

/// A Type cell, classified.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stated {
    /// Left blank.
    Blank,
    /// A precise scalar (`int32`, `date-time`, ...): the response tables' vocabulary.
    Scalar(TypeRef),
    /// A loose scalar from a request-body table (`Integer`, `String`, `Boolean`, `Number`): the
    /// wire kind is right but the precision (int64, date-time) may be lost.
    Loose(TypeRef),
    /// `object` (lower case): what the docs print for a string-keyed dictionary
    /// (`FieldProperties`, `_Links`); named models are printed by name.
    Dictionary,
    /// `Object` (request tables): some JSON object, model or dictionary.
    Object,
    /// `array` / `Array`: some array.
    Array,
    /// `Enum: A, B`.
    Enum(Vec<String>),
    /// A type name (`Associate`).
    Named(String),
}

impl Stated {
    /// Classifies a Type cell.
    pub fn parse(cell: &str) -> Stated {
        let cell = cell.trim();
        if let Some(values) = cell.strip_prefix("Enum:") {
            return Stated::Enum(
                values
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect(),
            );
        }
        match cell {
            "" => Stated::Blank,
            "int32" => Stated::Scalar(TypeRef::Int32),
            "int64" => Stated::Scalar(TypeRef::Int64),
            "double" | "float" | "decimal" => Stated::Scalar(TypeRef::Double),
            "bool" => Stated::Scalar(TypeRef::Bool),
            "string" => Stated::Scalar(TypeRef::String),
            "date-time" => Stated::Scalar(TypeRef::DateTime),
            "byte" | "binary" => Stated::Scalar(TypeRef::Binary),
            "Integer" => Stated::Loose(TypeRef::Int32),
            "String" => Stated::Loose(TypeRef::String),
            "Boolean" => Stated::Loose(TypeRef::Bool),
            "Number" => Stated::Loose(TypeRef::Double),
            "object" => Stated::Dictionary,
            "Object" => Stated::Object,
            "array" | "Array" => Stated::Array,
            name if is_type_name(name) => Stated::Named(name.to_string()),
            _ => Stated::Blank,
        }
    }
}

/// A .NET-style type name: starts with a letter, then letters, digits or `_`.
pub fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A type a body's description names: `The TicketStatusEntity to be saved.` names
/// `TicketStatusEntity`. The first word that looks like a .NET type name (an upper-case letter
/// and a lower-case one later, no spaces) counts.
pub fn mentioned_type(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| {
            w.len() > 3
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().skip(1).any(|c| c.is_ascii_uppercase())
                && w.chars().any(|c| c.is_ascii_lowercase())
        })
        .map(str::to_string)
}

/// The type of a path or query parameter cell; parameters are scalars or enums.
pub fn param_type(cell: &str) -> TypeRef {
    match Stated::parse(cell) {
        Stated::Scalar(t) | Stated::Loose(t) => t,
        Stated::Enum(values) => TypeRef::Enum(values),
        Stated::Array => TypeRef::array(TypeRef::String),
        _ => TypeRef::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_spelling() {
        assert_eq!(Stated::parse(""), Stated::Blank);
        assert_eq!(Stated::parse("int32"), Stated::Scalar(TypeRef::Int32));
        assert_eq!(Stated::parse("Integer"), Stated::Loose(TypeRef::Int32));
        assert_eq!(Stated::parse("String"), Stated::Loose(TypeRef::String));
        assert_eq!(Stated::parse("Boolean"), Stated::Loose(TypeRef::Bool));
        assert_eq!(Stated::parse("Array"), Stated::Array);
        assert_eq!(Stated::parse("object"), Stated::Dictionary);
        assert_eq!(Stated::parse("Object"), Stated::Object);
        assert_eq!(
            Stated::parse("Associate"),
            Stated::Named("Associate".into())
        );
        assert_eq!(
            Stated::parse("Enum: Slim, Wide"),
            Stated::Enum(vec!["Slim".into(), "Wide".into()])
        );
    }
}
