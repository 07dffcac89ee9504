//! [`TypeRef`]: the type language of the IR, with the manifest's spelling as its text form.

use std::fmt;

/// A type in the IR.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// 32-bit integer.
    Int32,
    /// 64-bit integer.
    Int64,
    /// Floating point.
    Double,
    /// Boolean.
    Bool,
    /// String.
    String,
    /// Date-time with or without an offset.
    DateTime,
    /// Bytes (base64 in JSON, raw on a binary body).
    Binary,
    /// Unknowable from the docs: any JSON.
    Any,
    /// Array of the inner type.
    Array(Box<TypeRef>),
    /// String-keyed map of the inner type.
    Map(Box<TypeRef>),
    /// A model, by name.
    Named(String),
    /// A string with a documented set of values.
    Enum(Vec<String>),
}

impl TypeRef {
    /// An array of `inner`.
    pub fn array(inner: TypeRef) -> Self {
        TypeRef::Array(Box::new(inner))
    }

    /// A map of `inner`.
    pub fn map(inner: TypeRef) -> Self {
        TypeRef::Map(Box::new(inner))
    }

    /// True for `any`.
    pub fn is_any(&self) -> bool {
        matches!(self, TypeRef::Any)
    }

    /// Whether any part of this type is `any`.
    pub fn contains_any(&self) -> bool {
        match self {
            TypeRef::Any => true,
            TypeRef::Array(t) | TypeRef::Map(t) => t.contains_any(),
            _ => false,
        }
    }

    /// The model this type names, looking through arrays and maps.
    pub fn model_name(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Array(t) | TypeRef::Map(t) => t.model_name(),
            _ => None,
        }
    }

    /// Parses the manifest spelling (`int32`, `Foo[]`, `map<Bar>`, `enum<A|B>`).
    pub fn parse(s: &str) -> TypeRef {
        if let Some(inner) = s.strip_suffix("[]") {
            return TypeRef::array(TypeRef::parse(inner));
        }
        if let Some(inner) = s.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
            return TypeRef::map(TypeRef::parse(inner));
        }
        if let Some(inner) = s.strip_prefix("enum<").and_then(|r| r.strip_suffix('>')) {
            return TypeRef::Enum(inner.split('|').map(str::to_string).collect());
        }
        match s {
            "int32" => TypeRef::Int32,
            "int64" => TypeRef::Int64,
            "double" => TypeRef::Double,
            "bool" => TypeRef::Bool,
            "string" => TypeRef::String,
            "date-time" => TypeRef::DateTime,
            "binary" => TypeRef::Binary,
            "any" | "" => TypeRef::Any,
            name => TypeRef::Named(name.to_string()),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Int32 => f.write_str("int32"),
            TypeRef::Int64 => f.write_str("int64"),
            TypeRef::Double => f.write_str("double"),
            TypeRef::Bool => f.write_str("bool"),
            TypeRef::String => f.write_str("string"),
            TypeRef::DateTime => f.write_str("date-time"),
            TypeRef::Binary => f.write_str("binary"),
            TypeRef::Any => f.write_str("any"),
            TypeRef::Array(t) => write!(f, "{t}[]"),
            TypeRef::Map(t) => write!(f, "map<{t}>"),
            TypeRef::Named(n) => f.write_str(n),
            TypeRef::Enum(values) => write!(f, "enum<{}>", values.join("|")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeRef;

    #[test]
    fn manifest_spelling_round_trips() {
        for s in [
            "int32",
            "Foo[]",
            "map<Bar>",
            "map<int32[]>",
            "enum<A|B>",
            "any",
            "date-time",
        ] {
            assert_eq!(TypeRef::parse(s).to_string(), s);
        }
    }
}
