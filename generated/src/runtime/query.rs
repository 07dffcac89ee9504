// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Query strings such as `?$select=Name,Id&$top=10`.
//!
//! Values go through the [`QueryValue`] trait object so [`Query::push`] is
//! compiled once, not once per parameter type.

use std::fmt::{self, Write as _};

use super::percent::{push_component, push_query_name};

/// A value that can be the right-hand side of a query parameter.
///
/// Single values are percent-encoded so that `&`, `=`, `+`, `#`, `,` and
/// spaces inside them survive (a space becomes `%20`, never `+`). Lists are
/// written comma-separated, the form SuperOffice expects (e.g.
/// `$select=Name,Department`); the joining commas stay literal while commas
/// inside an element are encoded as `%2C`.
pub trait QueryValue {
    /// Appends the encoded value to `out`.
    fn write_query(&self, out: &mut String);
}

macro_rules! display_query_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn write_query(&self, out: &mut String) {
                // Only unreserved characters are produced; no escaping needed.
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

display_query_value!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, bool);

impl QueryValue for str {
    fn write_query(&self, out: &mut String) {
        push_component(out, self);
    }
}

impl QueryValue for String {
    fn write_query(&self, out: &mut String) {
        push_component(out, self);
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn write_query(&self, out: &mut String) {
        (**self).write_query(out);
    }
}

impl<T: QueryValue> QueryValue for [T] {
    fn write_query(&self, out: &mut String) {
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_query(out);
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn write_query(&self, out: &mut String) {
        self.as_slice().write_query(out);
    }
}

/// An encoded query string under construction, without the leading `?`.
///
/// Parameters keep the order in which they were pushed, so generated
/// requests are byte-for-byte reproducible.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Query {
    encoded: String,
}

impl Query {
    /// An empty query string.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `name=value`. The name is encoded like a value except that
    /// `$` stays literal, as SuperOffice's `$select`/`$top`/`$filter` need.
    pub fn push(&mut self, name: &str, value: &dyn QueryValue) {
        if !self.encoded.is_empty() {
            self.encoded.push('&');
        }
        push_query_name(&mut self.encoded, name);
        self.encoded.push('=');
        value.write_query(&mut self.encoded);
    }

    /// Appends `name=value` when `value` is `Some`; does nothing otherwise,
    /// which is how optional parameters are left out of the URL.
    pub fn push_opt(&mut self, name: &str, value: Option<&dyn QueryValue>) {
        if let Some(value) = value {
            self.push(name, value);
        }
    }

    /// Appends `name=value` when the optional parameter `value` is set, as generated builders
    /// do for each of theirs.
    pub fn push_some<T: QueryValue>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.push(name, value);
        }
    }

    /// A query string that is already encoded, as a URL carries it after its `?` (a server's
    /// link to the next page of a list): taken as is, so nothing is encoded twice.
    pub fn from_encoded(encoded: &str) -> Self {
        Query {
            encoded: encoded.trim_start_matches('?').to_owned(),
        }
    }

    /// Takes out every `name=value` pair and returns the encoded value of the last one, for
    /// code that sets a parameter the request may already carry: paging sends its own `$top`
    /// and `$skip` with each page, starting from the caller's.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let mut wanted = String::new();
        push_query_name(&mut wanted, name);
        let mut found = None;
        let mut kept = String::with_capacity(self.encoded.len());
        for pair in self.encoded.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key == wanted {
                found = Some(value.to_owned());
            } else {
                if !kept.is_empty() {
                    kept.push('&');
                }
                kept.push_str(pair);
            }
        }
        self.encoded = kept;
        found
    }

    /// The encoded query string without the leading `?`.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// `true` when no parameter was pushed, so no `?` should be emitted.
    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_dollar_and_values_are_encoded() {
        let mut q = Query::new();
        assert!(q.is_empty());
        q.push("$select", &"Name,Id");
        q.push("$top", &10);
        q.push("q", &"a b&c=d+e#f");
        assert_eq!(
            q.as_str(),
            "$select=Name%2CId&$top=10&q=a%20b%26c%3Dd%2Be%23f"
        );
        assert!(!q.is_empty());
    }

    #[test]
    fn lists_are_comma_joined_with_inner_commas_encoded() {
        let mut q = Query::new();
        q.push("$select", &vec!["Name", "Department"]);
        q.push("ids", &&[1, 2, 3][..]);
        q.push("odd", &vec![String::from("a,b"), String::from("c d")]);
        q.push("none", &Vec::<i32>::new());
        assert_eq!(
            q.as_str(),
            "$select=Name,Department&ids=1,2,3&odd=a%2Cb,c%20d&none="
        );
    }

    #[test]
    fn names_are_encoded_too() {
        let mut q = Query::new();
        q.push("we ird&name", &true);
        assert_eq!(q.to_string(), "we%20ird%26name=true");
    }

    #[test]
    fn push_opt_skips_none() {
        let top: Option<i32> = None;
        let skip: Option<i32> = Some(5);
        let mut q = Query::new();
        q.push_opt("$top", top.as_ref().map(|v| v as &dyn QueryValue));
        q.push_opt("$skip", skip.as_ref().map(|v| v as &dyn QueryValue));
        assert_eq!(q.as_str(), "$skip=5");
    }

    #[test]
    fn remove_takes_every_pair_of_a_name_out() {
        let mut q = Query::new();
        q.push("$top", &5);
        q.push("$select", &"a b");
        q.push("$top", &7);
        assert_eq!(q.remove("$top").as_deref(), Some("7"));
        assert_eq!(q.as_str(), "$select=a%20b");
        assert_eq!(q.remove("$skip"), None);
        assert_eq!(q.remove("$select").as_deref(), Some("a%20b"));
        assert!(q.is_empty());
        let mut linked = Query::from_encoded("?$skip=10&$top=5");
        assert_eq!(linked.remove("$skip").as_deref(), Some("10"));
        assert_eq!(linked.to_string(), "$top=5");
    }

    #[test]
    fn unicode_values_are_utf8_encoded() {
        let mut q = Query::new();
        q.push("name", &"Bjørn");
        assert_eq!(q.as_str(), "name=Bj%C3%B8rn");
    }
}
