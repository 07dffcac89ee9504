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

/// The type of a JSON request body that has neither table nor sample, from what its
/// description says it is; `None` when the text does not say.
///
/// The pages describe such bodies (a .NET `Dictionary<string,string>`, `string[]` or `string`
/// parameter) in words only: "A StringDictionary with the values to insert", "The string
/// names: ['SR_YES', 'SR_NO' etc]. You can specify multiple string ids in the array", "Name of
/// node to add". In order:
/// - a dictionary, or named values passed as variables: a map, of strings unless an inline
///   example `{ 'a': 'foo', 'b': 123 }` shows other values; such an example alone is a map too;
/// - a quoted list `['A', 'B']` or an array: strings;
/// - `Name(s) of ...` or `Content of ...`: a string, or strings when the thing named is plural
///   ("Name of module licenses to assign").
pub fn described_body(text: &str) -> Option<TypeRef> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.iter().any(|x| x.eq_ignore_ascii_case(w));
    let example = inline_object(text);
    let dictionary = words
        .iter()
        .any(|w| w.to_ascii_lowercase().ends_with("dictionary"))
        || has("variables");
    if dictionary || example.is_some() {
        let values = match example {
            Some(values) if values.iter().any(|v| !v.starts_with('\'')) => TypeRef::Any,
            _ => TypeRef::String,
        };
        return Some(TypeRef::map(values));
    }
    if text.contains("['") || has("array") {
        return Some(TypeRef::array(TypeRef::String));
    }
    let lead = |w: &str| words.first().is_some_and(|f| f.eq_ignore_ascii_case(w));
    if (lead("name") || lead("names") || lead("content")) && words.get(1) == Some(&"of") {
        // The thing named: the words after `of` up to `to`/`as`/`for`.
        let named = words[2..]
            .iter()
            .take_while(|w| !matches!(**w, "to" | "as" | "for" | "that" | "which"))
            .last()?;
        let plural =
            lead("names") || (named.len() > 3 && named.ends_with('s') && !named.ends_with("ss"));
        return Some(if plural {
            TypeRef::array(TypeRef::String)
        } else {
            TypeRef::String
        });
    }
    None
}

/// The values of an inline object example in a description (`{ 'windowName': 'foo',
/// 'widgets': 123 }` gives `'foo'` and `123`), if there is one.
fn inline_object(text: &str) -> Option<Vec<&str>> {
    let open = text.find("{ '").or_else(|| text.find("{'"))?;
    let close = open + text[open..].find('}')?;
    let values: Vec<&str> = text[open + 1..close]
        .split(',')
        .filter_map(|pair| pair.split_once(':').map(|(_, v)| v.trim()))
        .collect();
    (!values.is_empty()).then_some(values)
}

/// The type of a path or query parameter cell; parameters are scalars or enums, or lists of
/// text, except that a list named as ids (`secondaryTicketIds`) is a list of integers, the
/// primary keys of .NET `int`.
pub fn param_type(name: &str, cell: &str) -> TypeRef {
    match Stated::parse(cell) {
        Stated::Scalar(t) | Stated::Loose(t) => t,
        Stated::Enum(values) => TypeRef::Enum(values),
        Stated::Array if names_ids(name) => TypeRef::array(TypeRef::Int32),
        Stated::Array => TypeRef::array(TypeRef::String),
        _ => TypeRef::String,
    }
}

/// Whether a parameter or body name says it holds ids (`ids`, `contactIds`): the .NET `int[]`
/// parameters the `Get...List` agents and the selection member endpoints take, which the pages
/// describe only as "The primary keys." (bodies) or `array` (query lists).
pub fn names_ids(name: &str) -> bool {
    name == "ids" || name.ends_with("Ids")
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

    #[test]
    fn lists_named_as_ids_are_integers() {
        let ints = TypeRef::array(TypeRef::Int32);
        assert_eq!(param_type("secondaryWidgetIds", "array"), ints);
        assert_eq!(param_type("ids", "Array"), ints);
        assert_eq!(
            param_type("names", "array"),
            TypeRef::array(TypeRef::String)
        );
        assert_eq!(param_type("widgetIds", "string"), TypeRef::String);
    }

    #[test]
    fn bodies_described_in_words() {
        let map = |t| Some(TypeRef::map(t));
        let strings = Some(TypeRef::array(TypeRef::String));
        for (text, want) in [
            (
                "A StringDictionary with the new widget sizes.",
                map(TypeRef::String),
            ),
            ("Dictionary of label names and texts.", map(TypeRef::String)),
            (
                "Settings passed as variables to the widget script",
                map(TypeRef::String),
            ),
            (
                "Widget data, such as { 'colour': 'red', 'size': 12 }",
                map(TypeRef::Any),
            ),
            (
                "Widget names: ['W_ONE', 'W_TWO']. Several may be given.",
                strings.clone(),
            ),
            ("The labels, as an array.", strings.clone()),
            ("Name of widget groups to hide", strings.clone()),
            ("Name of the widget to rename", Some(TypeRef::String)),
            ("Content of the widget file as XML.", Some(TypeRef::String)),
            ("Names of the address fields", strings),
            ("The widget to save.", None),
            ("Parameters for the call", None),
        ] {
            assert_eq!(described_body(text), want, "{text}");
        }
    }
}
