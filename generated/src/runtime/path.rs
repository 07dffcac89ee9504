// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Filling route templates such as `/api/v1/Contact/{id}` with encoded
//! path parameters.
//!
//! Generated code calls [`fill_path`] with trait objects so that one
//! non-generic function serves every endpoint.

use std::fmt::Write as _;

use super::percent::push_component;

/// A value that can stand in for a `{placeholder}` of a route template.
///
/// Implementations write the value as exactly ONE path segment: everything
/// except RFC 3986 unreserved characters is percent-encoded, so a `/` in a
/// value becomes `%2F` and can never change which route is hit.
pub trait PathValue {
    /// Appends the encoded segment to `out`.
    fn write_path(&self, out: &mut String);
}

macro_rules! display_path_value {
    ($($t:ty),*) => {$(
        impl PathValue for $t {
            fn write_path(&self, out: &mut String) {
                // Numbers and booleans only ever produce unreserved characters
                // (digits, letters, `-`, `.`), so they need no escaping.
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

display_path_value!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, bool);

impl PathValue for str {
    fn write_path(&self, out: &mut String) {
        push_component(out, self);
    }
}

impl PathValue for String {
    fn write_path(&self, out: &mut String) {
        push_component(out, self);
    }
}

impl<T: PathValue + ?Sized> PathValue for &T {
    fn write_path(&self, out: &mut String) {
        (**self).write_path(out);
    }
}

/// Replaces the `{name}` placeholders of `template`, in order, with the
/// encoded `args`.
///
/// Placeholder names are not looked at: generated code passes the arguments
/// in template order. Surplus arguments are ignored; a placeholder without an
/// argument is left as is, which [`build_request`](super::build_request)
/// then rejects as [`BuildError::InvalidPath`](super::BuildError::InvalidPath)
/// instead of sending a request to a wrong URL.
///
/// ```
/// use superoffice_api::runtime::fill_path;
/// let path = fill_path("/api/v1/List/{listName}/Items/{id}", &[&"a/b c", &7]);
/// assert_eq!(path, "/api/v1/List/a%2Fb%20c/Items/7");
/// ```
pub fn fill_path(template: &'static str, args: &[&dyn PathValue]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut args = args.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        match args.next() {
            Some(arg) => arg.write_path(&mut out),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(v: &dyn PathValue) -> String {
        let mut s = String::new();
        v.write_path(&mut s);
        s
    }

    #[test]
    fn segment_encoding_escapes_delimiters() {
        assert_eq!(segment(&"a/b c"), "a%2Fb%20c");
        assert_eq!(segment(&"100%"), "100%25");
        assert_eq!(segment(&"a?b#c&d=e+f,g"), "a%3Fb%23c%26d%3De%2Bf%2Cg");
        assert_eq!(segment(&"Az09-._~"), "Az09-._~");
        assert_eq!(segment(&"$select"), "%24select");
    }

    #[test]
    fn segment_encoding_handles_unicode() {
        assert_eq!(segment(&"Bjørn"), "Bj%C3%B8rn");
        assert_eq!(segment(&String::from("日本")), "%E6%97%A5%E6%9C%AC");
    }

    #[test]
    fn scalars_are_written_plainly() {
        assert_eq!(segment(&-12i32), "-12");
        assert_eq!(segment(&12i64), "12");
        assert_eq!(segment(&7u32), "7");
        assert_eq!(segment(&1.5f64), "1.5");
        assert_eq!(segment(&true), "true");
    }

    #[test]
    fn fill_path_replaces_placeholders_in_order() {
        let name = String::from("my list");
        assert_eq!(
            fill_path("/api/v1/List/{listName}/Items/{id}", &[&name, &42]),
            "/api/v1/List/my%20list/Items/42"
        );
        assert_eq!(
            fill_path("/api/v1/ChatSession/{chatSessionId}/Pickup", &[&12]),
            "/api/v1/ChatSession/12/Pickup"
        );
        assert_eq!(fill_path("/api/v1/User", &[]), "/api/v1/User");
    }

    #[test]
    fn fill_path_leaves_unfilled_placeholders_visible() {
        assert_eq!(
            fill_path("/api/v1/Thing/{id}/{x}", &[&1]),
            "/api/v1/Thing/1/{x}"
        );
        assert_eq!(fill_path("/api/v1/Thing/{id", &[&1]), "/api/v1/Thing/{id");
    }
}
