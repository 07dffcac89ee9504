// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The error types of the runtime: [`BuildError`] for requests that could not
//! be assembled and [`ApiError`] for everything that can go wrong on a call.

use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;

use super::so_error::SoError;

/// A request could not be turned into an [`http::Request`].
///
/// These errors are raised before anything is sent, so retrying without
/// changing the input will fail the same way.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not an absolute `http`/`https` URL usable as a tenant
    /// root. Holds a human-readable reason.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(String),
    /// The request body could not be serialized to JSON.
    #[error("could not serialize the request body as JSON")]
    Serialize(#[from] serde_json::Error),
    /// A header value (e.g. a language code or a token) contains characters
    /// that are not allowed in HTTP headers.
    #[error("invalid value for header `{name}`")]
    InvalidHeader {
        /// Name of the offending header.
        name: String,
    },
    /// The filled-in path does not fit the endpoint's route template: a
    /// placeholder was left unfilled, a path parameter was empty, or it was
    /// `.`/`..` (which URL normalisation would turn into a different route).
    #[error("invalid request path `{0}`")]
    InvalidPath(String),
    /// The `http` crate rejected the assembled URI or request.
    #[error("could not assemble the HTTP request")]
    Http(#[from] http::Error),
}

/// Everything that can make an API call fail.
///
/// Non-2xx answers are [`ApiError::Status`] and carry SuperOffice's error
/// JSON when there was one, plus the raw body so nothing is lost when the
/// server (or a proxy in front of it) answers with something else.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The request could not be built; nothing was sent.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The request could not be sent or the response could not be read
    /// (connection refused, TLS failure, timeout, ...).
    #[error("transport error: {0}")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
    /// No complete answer came within the client's per-request timeout.
    #[error("no answer within {} ms", after.as_millis())]
    Timeout {
        /// The timeout that ran out.
        after: Duration,
    },
    /// No usable credential could be obtained (feature `online`); the
    /// request was not sent.
    #[cfg(feature = "online")]
    #[error(transparent)]
    Credentials(#[from] super::credentials::CredentialError),
    /// The tenant could not be found or is not running (feature `online`);
    /// the request was not sent.
    #[cfg(feature = "online")]
    #[error(transparent)]
    Tenant(#[from] super::discovery::TenantError),
    /// The server answered with a non-2xx status.
    #[error("{}", status_message(*status, error.as_deref()))]
    Status {
        /// The HTTP status received.
        status: StatusCode,
        /// SuperOffice's error JSON, when the body was a JSON object.
        /// Boxed so that `Result<_, ApiError>` stays small.
        error: Option<Box<SoError>>,
        /// The raw response body, kept for diagnostics (e.g. an HTML page).
        raw: Bytes,
    },
    /// A 2xx body did not match the expected type.
    #[error("could not decode the body of the {status} response")]
    Decode {
        /// The (successful) HTTP status received.
        status: StatusCode,
        /// The raw response body that failed to decode.
        raw: Bytes,
        /// What serde_json complained about.
        source: serde_json::Error,
    },
    /// A list could not be paged through (feature `client`): the server's link to the next
    /// page leads elsewhere, or the request does not have the shape its paging needs.
    #[cfg(feature = "client")]
    #[error(transparent)]
    Paging(#[from] super::paging::PagingError),
}

impl ApiError {
    /// Wraps any transport-level failure, e.g. from a custom HTTP client.
    pub fn transport(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        ApiError::Transport(source.into())
    }

    /// The HTTP status, when a response was received at all.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ApiError::Status { status, .. } | ApiError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// SuperOffice's parsed error body, if the server sent one.
    pub fn so_error(&self) -> Option<&SoError> {
        match self {
            ApiError::Status { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    /// The raw response body, when a response was received at all.
    pub fn raw_body(&self) -> Option<&Bytes> {
        match self {
            ApiError::Status { raw, .. } | ApiError::Decode { raw, .. } => Some(raw),
            _ => None,
        }
    }
}

#[cfg(feature = "online")]
impl ApiError {
    /// For a failure before the API request was sent (tenant lookup,
    /// credential grant): `Some` when it is transient, with the server's
    /// `Retry-After` when it named one; `None` when retrying cannot help.
    pub(crate) fn retry_hint(&self) -> Option<Option<Duration>> {
        match self {
            ApiError::Credentials(e) => e.retry_hint(),
            ApiError::Tenant(e) => e.retry_hint(),
            ApiError::Transport(_) | ApiError::Timeout { .. } => Some(None),
            _ => None,
        }
    }
}

fn status_message(status: StatusCode, error: Option<&SoError>) -> String {
    match error.and_then(SoError::summary) {
        Some(summary) => format!("server answered {status}: {summary}"),
        None => format!("server answered {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_small() {
        // Every generated call returns Result<_, ApiError>; keep it cheap to move.
        assert!(std::mem::size_of::<ApiError>() <= 64);
    }

    #[test]
    fn status_error_mentions_the_server_message() {
        let err = ApiError::Status {
            status: StatusCode::NOT_FOUND,
            error: Some(Box::new(SoError {
                message: Some("Contact 7 not found".into()),
                ..SoError::default()
            })),
            raw: Bytes::new(),
        };
        assert_eq!(
            err.to_string(),
            "server answered 404 Not Found: Contact 7 not found"
        );
        assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    }
}
