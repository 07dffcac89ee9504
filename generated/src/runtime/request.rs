// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! From a generated request value to an [`http::Request`].
//!
//! Generated request types implement [`ApiRequest`]: they only describe the
//! request as [`RequestParts`]. The single non-generic [`build_request`] turns
//! parts into HTTP, so that logic is compiled once for all endpoints.

use http::header::{HeaderName, HeaderValue, ACCEPT, ACCEPT_LANGUAGE, AUTHORIZATION, CONTENT_TYPE};
use http::HeaderMap;

use super::base_url::BaseUrl;
use super::body::Body;
use super::error::{ApiError, BuildError};
use super::meta::EndpointMeta;
use super::options::RequestOptions;
use super::path::{fill_path, PathValue};
use super::query::Query;
use super::response::RawResponse;
use super::route::check_filled_path;

/// What the response body is expected to be, sent as the `Accept` header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Accept {
    /// `Accept: application/json`, for almost every endpoint.
    #[default]
    Json,
    /// `Accept: application/octet-stream`, for downloads (documents,
    /// pictures, blobs) whose page lists that type.
    Binary,
    /// The media types a download's page lists, for downloads that do not
    /// come as `application/octet-stream` (a person's picture:
    /// `image/png, image/jpeg, image/gif, image/tiff`).
    Media(&'static str),
}

impl Accept {
    /// The header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Accept::Json => "application/json",
            Accept::Binary => "application/octet-stream",
            Accept::Media(media) => media,
        }
    }
}

/// A request described as data: what generated code produces and what
/// [`build_request`] consumes.
#[derive(Debug, Clone)]
pub struct RequestParts {
    /// The endpoint being called; supplies the method and route template.
    pub meta: &'static EndpointMeta,
    /// The path, i.e. `meta.path_template` filled by
    /// [`fill_path`](super::fill_path), starting with `/api/v1/`.
    pub path: String,
    /// Query parameters.
    pub query: Query,
    /// The serialized body.
    pub body: Body,
    /// Per-request headers and credentials; they win over client defaults.
    pub options: RequestOptions,
    /// The expected response kind.
    pub accept: Accept,
}

impl RequestParts {
    /// Parts with the given endpoint and path, no query, no body, default
    /// options and a JSON `Accept`, for code that fills the path itself (see
    /// [`RequestParts::for_endpoint`]).
    pub fn new(meta: &'static EndpointMeta, path: String) -> Self {
        RequestParts {
            meta,
            path,
            query: Query::new(),
            body: Body::Empty,
            options: RequestOptions::new(),
            accept: Accept::Json,
        }
    }

    /// Parts for `meta` with its route template filled with `path_values` (in template order),
    /// the request's own `options`, no query, no body and a JSON `Accept`: what a generated
    /// builder starts from before it adds its query parameters and body.
    pub fn for_endpoint(
        meta: &'static EndpointMeta,
        path_values: &[&dyn PathValue],
        options: RequestOptions,
    ) -> Self {
        RequestParts {
            options,
            ..RequestParts::new(meta, fill_path(meta.path_template, path_values))
        }
    }
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, BuildError> {
    HeaderValue::from_str(value).map_err(|_| BuildError::InvalidHeader {
        name: name.to_owned(),
    })
}

/// Assembles the HTTP request for `parts`, with `defaults` (usually the
/// client's options) filling whatever `parts.options` leaves unset.
///
/// The URI is `base` + `parts.path` (+ `?` + query when there is one). The
/// path must be the endpoint's template filled in: an unfilled placeholder,
/// an empty path parameter or a `.`/`..` parameter is rejected with
/// [`BuildError::InvalidPath`] rather than sent to a different route.
///
/// Headers are inserted in this fixed order, each only when it has a value:
/// 1. `Accept`
/// 2. `Content-Type` (from the body)
/// 3. `Accept-Language`, `SO-Language`, `SO-Culture`, `SO-TimeZone`,
///    `SO-AppToken`, `Authorization` (per-request value, else default)
/// 4. extra headers: the defaults' extras (minus names the request also sets
///    as extras), then the request's own. An extra header replaces an
///    earlier header of the same name in place; repeating a name within the
///    extras appends another value.
///
/// `Authorization` and `SO-AppToken` values are marked sensitive.
pub fn build_request(
    base: &BaseUrl,
    defaults: &RequestOptions,
    parts: RequestParts,
) -> Result<http::Request<Vec<u8>>, BuildError> {
    let RequestParts {
        meta,
        path,
        query,
        body,
        options,
        accept,
    } = parts;
    check_filled_path(meta.path_template, &path)?;

    let mut uri =
        String::with_capacity(base.as_str().len() + path.len() + query.as_str().len() + 1);
    uri.push_str(base.as_str());
    uri.push_str(&path);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(query.as_str());
    }

    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, header_value("accept", accept.as_str())?);
    if let Some(content_type) = body.content_type() {
        headers.insert(CONTENT_TYPE, header_value("content-type", content_type)?);
    }

    let typed: [(HeaderName, &Option<String>, &Option<String>, bool); 5] = [
        (
            ACCEPT_LANGUAGE,
            &options.accept_language,
            &defaults.accept_language,
            false,
        ),
        (
            HeaderName::from_static("so-language"),
            &options.so_language,
            &defaults.so_language,
            false,
        ),
        (
            HeaderName::from_static("so-culture"),
            &options.so_culture,
            &defaults.so_culture,
            false,
        ),
        (
            HeaderName::from_static("so-timezone"),
            &options.so_timezone,
            &defaults.so_timezone,
            false,
        ),
        (
            HeaderName::from_static("so-apptoken"),
            &options.so_app_token,
            &defaults.so_app_token,
            true,
        ),
    ];
    for (name, own, default, sensitive) in typed {
        if let Some(value) = own.as_deref().or(default.as_deref()) {
            let mut value = header_value(name.as_str(), value)?;
            value.set_sensitive(sensitive);
            headers.insert(name, value);
        }
    }
    if let Some(auth) = options.auth.as_ref().or(defaults.auth.as_ref()) {
        headers.insert(AUTHORIZATION, auth.header_value()?);
    }

    let inherited = defaults
        .headers
        .iter()
        .filter(|(name, _)| !options.headers.iter().any(|(own, _)| own == name));
    let mut extra_names: Vec<&HeaderName> = Vec::new();
    for (name, value) in inherited.chain(options.headers.iter()) {
        if extra_names.contains(&name) {
            headers.append(name.clone(), value.clone());
        } else {
            extra_names.push(name);
            headers.insert(name.clone(), value.clone());
        }
    }

    let mut request = http::Request::builder()
        .method(meta.method.to_http())
        .uri(uri)
        .body(body.into_bytes())?;
    *request.headers_mut() = headers;
    Ok(request)
}

/// A typed request for one endpoint; implemented by every generated request
/// builder.
///
/// The split into [`into_parts`](ApiRequest::into_parts) (describe) and
/// [`decode`](ApiRequest::decode) (interpret) keeps the transport out of
/// generated code: the bundled client, any other HTTP client, or a test can
/// drive the same request types.
pub trait ApiRequest: Sized {
    /// What a successful call returns.
    type Response;

    /// The endpoint's static metadata.
    const META: &'static EndpointMeta;

    /// The per-request options (headers, credentials) this request carries; the setters of
    /// [`WithOptions`](super::WithOptions), implemented for every `ApiRequest`, change them.
    fn request_options(&mut self) -> &mut RequestOptions;

    /// The endpoint's static metadata ([`ApiRequest::META`]).
    fn meta(&self) -> &'static EndpointMeta {
        Self::META
    }

    /// Describes the request; fails only if the body cannot be serialized.
    fn into_parts(self) -> Result<RequestParts, BuildError>;

    /// Interprets the response, usually with one of the `decode_*` helpers.
    fn decode(response: RawResponse) -> Result<Self::Response, ApiError>;

    /// Builds the HTTP request against `base` without any client defaults,
    /// for callers that bring their own HTTP client.
    fn to_http_request(self, base: &BaseUrl) -> Result<http::Request<Vec<u8>>, BuildError> {
        build_request(base, &RequestOptions::new(), self.into_parts()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::auth::Auth;
    use super::super::meta::Method;
    use super::super::options::WithOptions;
    use super::super::path::fill_path;
    use super::*;

    static GET_THING: EndpointMeta = EndpointMeta {
        id: "Thing.Get",
        method: Method::Get,
        path_template: "/api/v1/Thing/{id}",
        docs_url: "https://docs.example/thing",
        summary: "Gets a thing",
    };

    static PATCH_THING: EndpointMeta = EndpointMeta {
        id: "Thing.Patch",
        method: Method::Patch,
        path_template: "/api/v1/Thing/{id}",
        docs_url: "https://docs.example/thing",
        summary: "Patches a thing",
    };

    fn base() -> BaseUrl {
        BaseUrl::parse("https://sod.superoffice.com/Cust1/api/").unwrap()
    }

    fn names(req: &http::Request<Vec<u8>>) -> Vec<&str> {
        req.headers().keys().map(|k| k.as_str()).collect()
    }

    #[test]
    fn builds_uri_method_and_headers_in_documented_order() {
        let mut parts =
            RequestParts::new(&PATCH_THING, fill_path(GET_THING.path_template, &[&"a b"]));
        parts.query.push("$select", &vec!["Name", "Id"]);
        parts.body = Body::JsonPatch(b"[]".to_vec());
        parts.options = RequestOptions::new().so_language("de").so_app_token("app");
        let defaults = RequestOptions::new()
            .so_language("en")
            .so_culture("en-GB")
            .auth(Auth::SoTicket("7T:x".into()))
            .header(
                HeaderName::from_static("x-b"),
                HeaderValue::from_static("1"),
            );

        let req = build_request(&base(), &defaults, parts).unwrap();
        assert_eq!(req.method(), http::Method::PATCH);
        assert_eq!(
            req.uri().to_string(),
            "https://sod.superoffice.com/Cust1/api/v1/Thing/a%20b?$select=Name,Id"
        );
        assert_eq!(
            names(&req),
            [
                "accept",
                "content-type",
                "so-language",
                "so-culture",
                "so-apptoken",
                "authorization",
                "x-b"
            ]
        );
        let h = req.headers();
        assert_eq!(h["accept"], "application/json");
        assert_eq!(h["content-type"], "application/json-patch+json");
        assert_eq!(h["so-language"], "de");
        assert_eq!(h["so-culture"], "en-GB");
        assert_eq!(h["authorization"], "SOTicket 7T:x");
        assert!(h["authorization"].is_sensitive() && h["so-apptoken"].is_sensitive());
        assert_eq!(req.body(), b"[]");
    }

    #[test]
    fn per_request_auth_and_extras_win() {
        let mut parts = RequestParts::new(&GET_THING, "/api/v1/Thing/1".into());
        parts.accept = Accept::Binary;
        parts.options = RequestOptions::new()
            .auth(Auth::Bearer("mine".into()))
            .header(
                HeaderName::from_static("x-a"),
                HeaderValue::from_static("own"),
            )
            .header(
                HeaderName::from_static("x-a"),
                HeaderValue::from_static("own2"),
            )
            .header(ACCEPT, HeaderValue::from_static("text/plain"));
        let defaults = RequestOptions::new()
            .accept_language("nb-NO")
            .so_timezone("CET")
            .auth(Auth::Bearer("default".into()))
            .header(
                HeaderName::from_static("x-a"),
                HeaderValue::from_static("default"),
            )
            .header(
                HeaderName::from_static("x-c"),
                HeaderValue::from_static("kept"),
            );
        let req = build_request(&base(), &defaults, parts).unwrap();
        assert_eq!(
            names(&req),
            [
                "accept",
                "accept-language",
                "so-timezone",
                "authorization",
                "x-c",
                "x-a"
            ]
        );
        let h = req.headers();
        assert_eq!(h["accept"], "text/plain");
        assert_eq!(h["authorization"], "Bearer mine");
        let x_a: Vec<_> = h.get_all("x-a").iter().collect();
        assert_eq!(x_a, ["own", "own2"]);
        assert_eq!(h["x-c"], "kept");
        assert!(req.body().is_empty());
    }

    #[test]
    fn listed_media_types_are_sent_as_accept() {
        let mut parts = RequestParts::new(&GET_THING, "/api/v1/Thing/1".into());
        parts.accept = Accept::Media("image/png, image/jpeg");
        let req = build_request(&base(), &RequestOptions::new(), parts).unwrap();
        assert_eq!(req.headers()["accept"], "image/png, image/jpeg");
        let mut parts = RequestParts::new(&GET_THING, "/api/v1/Thing/1".into());
        parts.accept = Accept::Media("image/png\r\nX-Evil: 1");
        assert!(matches!(
            build_request(&base(), &RequestOptions::new(), parts),
            Err(BuildError::InvalidHeader { name }) if name == "accept"
        ));
    }

    #[test]
    fn binary_accept_and_bytes_body() {
        let mut parts = RequestParts::new(&GET_THING, "/api/v1/Thing/1".into());
        parts.accept = Accept::Binary;
        parts.body = Body::Bytes {
            content_type: "image/png".into(),
            data: vec![1, 2, 3],
        };
        let req = build_request(&base(), &RequestOptions::new(), parts).unwrap();
        assert_eq!(req.headers()["accept"], "application/octet-stream");
        assert_eq!(req.headers()["content-type"], "image/png");
        assert_eq!(req.body(), &[1, 2, 3]);
        assert!(req.headers().get("authorization").is_none());
    }

    #[test]
    fn rejects_bad_paths_and_headers() {
        for path in [
            "/api/v1/Thing/{id}",
            "/api/v1/Thing/",
            "/api/v1/Thing/..",
            "/api/v1/Thing/%2e",
        ] {
            let parts = RequestParts::new(&GET_THING, path.into());
            assert!(matches!(
                build_request(&base(), &RequestOptions::new(), parts),
                Err(BuildError::InvalidPath(_))
            ));
        }
        let mut parts = RequestParts::new(&GET_THING, "/api/v1/Thing/1".into());
        parts.options.so_language = Some("en\r\nX-Evil: 1".into());
        assert!(matches!(
            build_request(&base(), &RequestOptions::new(), parts),
            Err(BuildError::InvalidHeader { name }) if name == "so-language"
        ));
    }
}
