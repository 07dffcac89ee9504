// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The bundled async HTTP client (feature `client`, on by default), built on
//! `reqwest`.

use super::auth::Auth;
use super::base_url::BaseUrl;
use super::error::{ApiError, BuildError};
use super::options::{RequestOptions, WithOptions};
use super::request::{build_request, ApiRequest, RequestParts};
use super::response::RawResponse;

/// Sends generated requests to one SuperOffice tenant.
///
/// Holds the tenant [`BaseUrl`] and default [`RequestOptions`] (credentials,
/// `SO-*` headers) that every request starts from; each request may override
/// them. Cloning is cheap and shares the connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: BaseUrl,
    defaults: RequestOptions,
}

impl Client {
    /// A client for `base` authenticating with `auth`, using a default
    /// `reqwest` client.
    ///
    /// # Panics
    ///
    /// Like `reqwest::Client::new`, if the TLS backend cannot be
    /// initialised. Use [`Client::builder`] with
    /// [`ClientBuilder::http_client`] to handle that case yourself.
    pub fn new(base: BaseUrl, auth: Auth) -> Self {
        Client {
            http: reqwest::Client::new(),
            base,
            defaults: RequestOptions::new().auth(auth),
        }
    }

    /// Starts configuring a client; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The tenant root requests are sent to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// The options every request starts from.
    pub fn defaults(&self) -> &RequestOptions {
        &self.defaults
    }

    /// Sends a typed request and decodes its response.
    pub async fn send<R: ApiRequest>(&self, request: R) -> Result<R::Response, ApiError> {
        let parts = request.into_parts()?;
        R::decode(self.execute(parts).await?)
    }

    /// Builds `parts` with the client's defaults and sends them, returning
    /// the undecoded response whatever its status.
    pub async fn execute(&self, parts: RequestParts) -> Result<RawResponse, ApiError> {
        let request = build_request(&self.base, &self.defaults, parts)?;
        self.send_raw(request).await
    }

    /// Sends a ready-made request as is (no defaults are added) and reads
    /// the whole response, whatever its status.
    pub async fn send_raw(&self, request: http::Request<Vec<u8>>) -> Result<RawResponse, ApiError> {
        let request = reqwest::Request::try_from(request).map_err(ApiError::transport)?;
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(ApiError::transport)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(ApiError::transport)?;
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }
}

/// Configures a [`Client`]: base URL (required), default options through
/// the [`WithOptions`] setters (e.g. `.auth(..)`, `.so_language(..)`), and
/// optionally your own `reqwest::Client` (for timeouts, proxies, ...).
#[derive(Debug, Default)]
pub struct ClientBuilder {
    base: Option<BaseUrl>,
    http: Option<reqwest::Client>,
    defaults: RequestOptions,
}

impl ClientBuilder {
    /// Sets the tenant root.
    pub fn base_url(mut self, base: BaseUrl) -> Self {
        self.base = Some(base);
        self
    }

    /// Uses `http` instead of a default `reqwest` client.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Replaces all default options at once.
    pub fn defaults(mut self, defaults: RequestOptions) -> Self {
        self.defaults = defaults;
        self
    }

    /// Finishes the client. Fails with [`BuildError::InvalidBaseUrl`] when
    /// no base URL was set, or with [`ApiError::Transport`] when no
    /// `reqwest` client was given and one cannot be created.
    pub fn build(self) -> Result<Client, ApiError> {
        let base = self
            .base
            .ok_or_else(|| BuildError::InvalidBaseUrl("no base URL was set".to_owned()))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(ApiError::transport)?,
        };
        Ok(Client {
            http,
            base,
            defaults: self.defaults,
        })
    }
}

impl WithOptions for ClientBuilder {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.defaults
    }
}
