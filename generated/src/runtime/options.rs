// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Per-request and client-wide header settings.
//!
//! SuperOffice reads the caller's language, culture and time zone from
//! `Accept-Language`, `SO-Language`, `SO-Culture` and `SO-TimeZone`, and the
//! partner application from `SO-AppToken`. These are usually the same for a
//! whole session, so the client holds defaults and each request may override
//! them; [`build_request`](super::build_request) merges the two with the
//! per-request value winning.

use std::fmt;

use http::{HeaderName, HeaderValue};

use super::auth::Auth;
use super::request::ApiRequest;

/// Optional headers and credentials for a request (or, on the client, the
/// defaults for all requests).
///
/// `None` means "not set here": on a request it falls back to the client's
/// default, on the client it means the header is not sent.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// `Accept-Language`, e.g. `en-US`.
    pub accept_language: Option<String>,
    /// `SO-Language`: SuperOffice UI language code, e.g. `en` or `no`.
    pub so_language: Option<String>,
    /// `SO-Culture`: culture for formatting, e.g. `nb-NO`.
    pub so_culture: Option<String>,
    /// `SO-TimeZone`: time zone the server should use for date-times.
    pub so_timezone: Option<String>,
    /// `SO-AppToken`: the partner application's secret token; never printed.
    pub so_app_token: Option<String>,
    /// Credentials; a per-request value replaces the client's.
    pub auth: Option<Auth>,
    /// Any other headers, sent after the ones above. An extra header replaces
    /// a typed one of the same name, and per-request extras replace
    /// client-wide extras of the same name.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl RequestOptions {
    /// No options set; same as [`Default::default`].
    pub fn new() -> Self {
        Self::default()
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may carry secrets too, so only their names are shown.
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("accept_language", &self.accept_language)
            .field("so_language", &self.so_language)
            .field("so_culture", &self.so_culture)
            .field("so_timezone", &self.so_timezone)
            .field(
                "so_app_token",
                &self.so_app_token.as_ref().map(|_| "<redacted>"),
            )
            .field("auth", &self.auth)
            .field("headers", &header_names)
            .finish()
    }
}

/// Chained setters for [`RequestOptions`], shared by every generated request
/// builder (and the client builder).
///
/// Implementors only provide [`WithOptions::options_mut`]; all setters are
/// provided methods. Every [`ApiRequest`] has them through a blanket impl, so
/// the ~3,000 generated builders carry no setter code of their own.
pub trait WithOptions: Sized {
    /// The options this builder will send with.
    fn options_mut(&mut self) -> &mut RequestOptions;

    /// Sets `Accept-Language`.
    fn accept_language(mut self, value: impl Into<String>) -> Self {
        self.options_mut().accept_language = Some(value.into());
        self
    }

    /// Sets `SO-Language`.
    fn so_language(mut self, value: impl Into<String>) -> Self {
        self.options_mut().so_language = Some(value.into());
        self
    }

    /// Sets `SO-Culture`.
    fn so_culture(mut self, value: impl Into<String>) -> Self {
        self.options_mut().so_culture = Some(value.into());
        self
    }

    /// Sets `SO-TimeZone`.
    fn so_timezone(mut self, value: impl Into<String>) -> Self {
        self.options_mut().so_timezone = Some(value.into());
        self
    }

    /// Sets `SO-AppToken`.
    fn so_app_token(mut self, value: impl Into<String>) -> Self {
        self.options_mut().so_app_token = Some(value.into());
        self
    }

    /// Sets the credentials, replacing the client's for this request.
    fn auth(mut self, auth: Auth) -> Self {
        self.options_mut().auth = Some(auth);
        self
    }

    /// Adds an arbitrary header (see [`RequestOptions::headers`] for how it
    /// interacts with the typed ones).
    fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.options_mut().headers.push((name, value));
        self
    }
}

/// Every request builder: its setters change [`ApiRequest::request_options`]. One blanket
/// impl instead of one per generated builder, which saves the compiler thousands of impls.
impl<T: ApiRequest> WithOptions for T {
    fn options_mut(&mut self) -> &mut RequestOptions {
        self.request_options()
    }
}

impl WithOptions for RequestOptions {
    fn options_mut(&mut self) -> &mut RequestOptions {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_fill_the_options() {
        let o = RequestOptions::new()
            .accept_language("en-US")
            .so_language("en")
            .so_culture("en-GB")
            .so_timezone("UTC")
            .so_app_token("secret-token")
            .auth(Auth::Bearer("t".into()))
            .header(
                HeaderName::from_static("x-trace"),
                HeaderValue::from_static("1"),
            );
        assert_eq!(o.accept_language.as_deref(), Some("en-US"));
        assert_eq!(o.so_language.as_deref(), Some("en"));
        assert_eq!(o.so_culture.as_deref(), Some("en-GB"));
        assert_eq!(o.so_timezone.as_deref(), Some("UTC"));
        assert_eq!(o.so_app_token.as_deref(), Some("secret-token"));
        assert_eq!(o.auth, Some(Auth::Bearer("t".into())));
        assert_eq!(o.headers.len(), 1);
        let shown = format!("{o:?}");
        assert!(!shown.contains("secret-token"));
        assert!(shown.contains("x-trace"));
    }
}
