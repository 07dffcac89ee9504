//! Names for models the docs do not name.

use heck::ToUpperCamelCase;

/// The singular of a plural property name, for the element type of an array or the value type
/// of a dictionary: `FieldProperties` gives `FieldProperty`, `Participants` gives `Participant`.
pub fn singular(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if let Some(stem) = camel.strip_suffix("ies") {
        format!("{stem}y")
    } else if camel.ends_with("ss") || camel.ends_with("us") {
        format!("{camel}Item")
    } else if let Some(stem) = camel.strip_suffix('s') {
        stem.to_string()
    } else {
        format!("{camel}Item")
    }
}

/// An UpperCamelCase name made of parts, each already a name or a wire name.
pub fn join(parts: &[&str]) -> String {
    parts.iter().map(|p| p.to_upper_camel_case()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("FieldProperties"), "FieldProperty");
        assert_eq!(singular("Participants"), "Participant");
        assert_eq!(singular("Address"), "AddressItem");
        assert_eq!(singular("Data"), "DataItem");
    }
}
