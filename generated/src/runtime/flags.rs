// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Helpers for .NET `[Flags]` enum values, which SuperOffice sends as
//! comma-separated names such as `"CustomerIsTyping, UserIsTyping"`.
//!
//! The generator types enum-like fields as `String` so that values added to
//! the server later still decode; these helpers make the flags form usable.

/// Splits a flags string into its names, trimming whitespace and skipping
/// empty parts: `"A, B,,C "` yields `A`, `B`, `C`.
pub fn split_flags(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|part| !part.is_empty())
}

/// `true` when `flag` is one of the names in `s`, compared ASCII
/// case-insensitively as .NET's enum parsing does.
pub fn has_flag(s: &str, flag: &str) -> bool {
    split_flags(s).any(|part| part.eq_ignore_ascii_case(flag))
}

/// Joins names into the flags form the server expects (`", "`-separated).
pub fn join_flags(flags: &[&str]) -> String {
    flags.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_dotnet_flags() {
        let parts: Vec<_> = split_flags("CustomerIsTyping, UserIsTyping").collect();
        assert_eq!(parts, ["CustomerIsTyping", "UserIsTyping"]);
        assert_eq!(split_flags(" A,,B , ").collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!(split_flags("").count(), 0);
        assert_eq!(split_flags("None").collect::<Vec<_>>(), ["None"]);
    }

    #[test]
    fn checks_and_joins() {
        assert!(has_flag("CustomerIsTyping, UserIsTyping", "useristyping"));
        assert!(!has_flag("CustomerIsTyping", "User"));
        assert_eq!(join_flags(&["A", "B"]), "A, B");
        assert_eq!(join_flags(&[]), "");
    }
}
