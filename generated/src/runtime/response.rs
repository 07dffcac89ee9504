// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The undecoded response handed to each endpoint's `decode` function.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

/// A fully read HTTP response, before any decoding.
///
/// Keeping the transport out of decoding means endpoint decoders can be
/// unit-tested with canned bytes and reused with any HTTP client.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The complete body.
    pub body: Bytes,
}

impl RawResponse {
    /// A response with the given status and body and no headers; handy for
    /// tests and mocks.
    pub fn new(status: StatusCode, body: impl Into<Bytes>) -> Self {
        RawResponse {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// `true` for 2xx statuses.
    pub fn is_success(&self) -> bool {
        self.status.is_success()
    }

    /// The `Content-Type` header, if present and readable.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }
}

impl From<http::Response<Bytes>> for RawResponse {
    fn from(response: http::Response<Bytes>) -> Self {
        let (parts, body) = response.into_parts();
        RawResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }
}
