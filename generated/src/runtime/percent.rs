// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Percent-encoding sets shared by path and query encoding.
//!
//! Both path segments and query components are encoded with the most
//! conservative rule that still reads well: everything except the RFC 3986
//! "unreserved" characters (`A-Z a-z 0-9 - . _ ~`) is escaped. This keeps a
//! value from ever being mistaken for a delimiter (`/`, `?`, `&`, `=`, `+`,
//! `#`, `,`) by the server or by proxies in between.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters gets escaped.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Like [`COMPONENT`] but keeps `$`, which SuperOffice uses in OData-style
/// query parameter names such as `$select` and `$top`.
pub(crate) const QUERY_NAME: &AsciiSet = &COMPONENT.remove(b'$');

/// Appends `value` to `out`, escaped with [`COMPONENT`].
pub(crate) fn push_component(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, COMPONENT));
}

/// Appends a query parameter name to `out`, escaped with [`QUERY_NAME`].
pub(crate) fn push_query_name(out: &mut String, name: &str) {
    out.extend(utf8_percent_encode(name, QUERY_NAME));
}
