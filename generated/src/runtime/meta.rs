// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Static description of an endpoint: HTTP method, route template and where
//! it is documented.
//!
//! Every generated endpoint owns one `static` [`EndpointMeta`], so the facts
//! scraped from the documentation live in read-only data instead of code.

use std::fmt;

/// The HTTP methods the SuperOffice WebAPI uses.
///
/// A closed enum (instead of [`http::Method`]) so that endpoint metadata can
/// be built in a `static` and matched exhaustively by generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: read without side effects.
    Get,
    /// `POST`: create, or run an agent/action.
    Post,
    /// `PUT`: replace an entity.
    Put,
    /// `PATCH`: partial update with a JSON Patch or merge patch body.
    Patch,
    /// `DELETE`: remove an entity.
    Delete,
}

impl Method {
    /// The upper-case method name as it appears on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Converts to the [`http`] crate's method type used by [`http::Request`].
    pub fn to_http(self) -> http::Method {
        match self {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }

    /// Parses a method name, ignoring ASCII case because documentation pages
    /// are not consistent about it. Returns `None` for methods the WebAPI
    /// does not use (such as `HEAD`).
    pub fn parse(s: &str) -> Option<Self> {
        const ALL: [Method; 5] = [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ];
        let s = s.trim();
        ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Facts about one documented endpoint, kept in a `static` per endpoint.
///
/// The runtime reads `method` and `path_template` to build requests; the
/// other fields exist so that errors, logs and tooling can point a human at
/// the documentation the code was generated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EndpointMeta {
    /// Stable identifier chosen by the generator, e.g. `"ChatSession.Pickup"`.
    pub id: &'static str,
    /// HTTP method of the endpoint.
    pub method: Method,
    /// Documented route, starting with `/api/v1/`, with `{name}` placeholders
    /// for path parameters, e.g. `/api/v1/ChatSession/{chatSessionId}/Pickup`.
    pub path_template: &'static str,
    /// URL of the documentation page the endpoint was generated from.
    pub docs_url: &'static str,
    /// One-line summary from the documentation.
    pub summary: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_round_trips_through_its_name() {
        for m in [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ] {
            assert_eq!(Method::parse(m.as_str()), Some(m));
            assert_eq!(m.to_http().as_str(), m.as_str());
            assert_eq!(m.to_string(), m.as_str());
        }
        assert_eq!(Method::parse("patch"), Some(Method::Patch));
        assert_eq!(Method::parse("HEAD"), None);
    }

    #[test]
    fn endpoint_meta_is_constructible_in_a_static() {
        static META: EndpointMeta = EndpointMeta {
            id: "Thing.Get",
            method: Method::Get,
            path_template: "/api/v1/Thing/{id}",
            docs_url: "https://docs.superoffice.com/",
            summary: "Gets a thing.",
        };
        assert_eq!(META.method, Method::Get);
    }
}
