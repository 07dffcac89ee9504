// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Credentials that renew themselves (feature `online`).
//!
//! A [`CredentialProvider`] knows how to get a fresh [`Credential`] (an
//! OAuth refresh-token grant: [`RefreshTokenProvider`]; a system-user
//! ticket: [`SystemUserProvider`](super::SystemUserProvider)); the client
//! keeps the current one and asks the provider again shortly before it
//! expires, or once when a request is answered 401. All clones of a client
//! share one cache behind an async lock, so however many calls run at once,
//! one renewal happens and the others wait for its result.
//!
//! Secrets (client secret, refresh token, tickets, keys) are held in
//! [`Secret`] or in types whose `Debug` shows none of them, and error
//! messages never contain them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use http::StatusCode;

use super::auth::Auth;
use super::base_url::BaseUrl;
use super::client::{Counters, Transport};
use super::decode::error_for_status;
use super::error::ApiError;
use super::query::Query;
use super::response::RawResponse;
use super::retry;
use super::trace;

/// A secret string (client secret, refresh token, system-user token): its
/// `Debug` shows `<redacted>` and it has no `Display`, so it cannot reach a
/// log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for sending it where it belongs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The longest a credential is renewed ahead of its expiry; a short-lived
/// one is renewed when a tenth of its life is left.
const RENEW_AHEAD: Duration = Duration::from_secs(60);

/// What a provider hands out: the `Authorization` to send, the `SO-AppToken`
/// that goes with it (system users), and when it stops being valid.
#[derive(Clone)]
pub struct Credential {
    auth: Auth,
    app_token: Option<Secret>,
    renew_at: Option<Instant>,
}

impl Credential {
    /// A credential that does not expire (until a 401 says otherwise).
    pub fn new(auth: Auth) -> Self {
        Credential {
            auth,
            app_token: None,
            renew_at: None,
        }
    }

    /// Sends `token` as `SO-AppToken` with this credential.
    pub fn with_app_token(mut self, token: Secret) -> Self {
        self.app_token = Some(token);
        self
    }

    /// The credential is valid for `lifetime` from now; the client renews it
    /// somewhat earlier (a minute, or a tenth of a short lifetime), so a
    /// request is not sent with a credential about to expire on the way.
    pub fn valid_for(mut self, lifetime: Duration) -> Self {
        let ahead = RENEW_AHEAD.min(lifetime / 10);
        self.renew_at = Some(Instant::now() + (lifetime - ahead));
        self
    }

    /// The `Authorization` credential.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The `SO-AppToken`, when this credential needs one.
    pub fn app_token(&self) -> Option<&Secret> {
        self.app_token.as_ref()
    }

    fn due(&self, now: Instant) -> bool {
        self.renew_at.is_some_and(|at| now >= at)
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("auth", &self.auth)
            .field("app_token", &self.app_token)
            .field("renew_at", &self.renew_at)
            .finish()
    }
}

/// What [`CredentialProvider::fetch`] returns.
pub type CredentialFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credential, CredentialError>> + Send + 'a>>;

/// Gets a fresh credential; the client decides when (see the module docs).
///
/// Implement it for a grant this crate does not know; `fetch` is called at
/// most once at a time per client. Its `Debug` must not show secrets.
pub trait CredentialProvider: fmt::Debug + Send + Sync + 'static {
    /// Obtains a new credential, using `transport` for any HTTP calls (it
    /// carries the client's `User-Agent` and timeout).
    fn fetch<'a>(&'a self, transport: &'a Transport) -> CredentialFuture<'a>;
}

/// Why no credential could be had. Its `Display` never contains a secret:
/// what the login service says is shown with any secret of the request cut
/// out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialError {
    /// The login service refused: a wrong or revoked secret, token or key.
    /// Retrying does not help.
    #[error("the login service refused the credentials ({status}): {message}")]
    Rejected {
        /// The status it answered with.
        status: StatusCode,
        /// What it said, secrets removed.
        message: String,
    },
    /// The login service could not be reached or was overloaded; worth
    /// retrying.
    #[error("the login service is unavailable: {source}")]
    Unavailable {
        /// The wait it asked for, if it named one.
        retry_after: Option<Duration>,
        /// What went wrong.
        source: Box<ApiError>,
    },
    /// The ticket's JWT did not verify against the environment's keys, so
    /// the ticket was not used.
    #[error("the ticket's JWT failed verification: {0}")]
    Unverified(String),
    /// The private key could not be read.
    #[error("invalid private key: {0}")]
    InvalidKey(String),
    /// The login service answered 2xx with something unexpected.
    #[error("unexpected answer from the login service: {0}")]
    Malformed(String),
}

impl CredentialError {
    /// `Some` (with the server's `Retry-After`, if any) when worth retrying.
    pub(crate) fn retry_hint(&self) -> Option<Option<Duration>> {
        match self {
            CredentialError::Unavailable { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }
}

/// The current credential of a client and its clones, renewed one at a time.
pub(crate) struct CredentialCache {
    provider: Arc<dyn CredentialProvider>,
    current: tokio::sync::Mutex<Option<(Arc<Credential>, u64)>>,
}

impl fmt::Debug for CredentialCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialCache")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

impl CredentialCache {
    pub(crate) fn new(provider: Arc<dyn CredentialProvider>) -> Self {
        CredentialCache {
            provider,
            current: tokio::sync::Mutex::new(None),
        }
    }

    /// The credential to send and its generation. Renews when there is none,
    /// when it is due, or when it is generation `rejected` (answered 401);
    /// callers that wait for the lock while another renews get its result.
    pub(crate) async fn get(
        &self,
        transport: &Transport,
        counters: &Counters,
        rejected: Option<u64>,
    ) -> Result<(Arc<Credential>, u64), CredentialError> {
        let mut current = self.current.lock().await;
        if let Some((credential, generation)) = &*current {
            if Some(*generation) != rejected && !credential.due(Instant::now()) {
                return Ok((credential.clone(), *generation));
            }
        }
        counters.grants.fetch_add(1, Ordering::Relaxed);
        let fresh = Arc::new(self.provider.fetch(transport).await?);
        let generation = current.as_ref().map_or(1, |(_, g)| g + 1);
        *current = Some((fresh.clone(), generation));
        Ok((fresh, generation))
    }
}

/// Sends an auxiliary request (grant, key set, state lookup), with its trace
/// event.
pub(crate) async fn auxiliary(
    transport: &Transport,
    what: &'static str,
    request: http::Request<Vec<u8>>,
) -> Result<RawResponse, ApiError> {
    let started = Instant::now();
    let result = transport.send(request).await;
    let status = result.as_ref().ok().map(|r| r.status.as_u16());
    trace::auxiliary(what, status, started.elapsed());
    result
}

/// A POST of `body` (with its content type) to `url`, expecting JSON.
pub(crate) fn post(
    url: &str,
    content_type: &'static str,
    body: Vec<u8>,
) -> Result<http::Request<Vec<u8>>, CredentialError> {
    http::Request::post(url)
        .header(http::header::CONTENT_TYPE, content_type)
        .header(http::header::ACCEPT, "application/json")
        .body(body)
        .map_err(|e| CredentialError::Malformed(format!("could not build the request: {e}")))
}

/// Turns the login service's answer into its 2xx body, or the error it
/// means: 429 and 5xx are worth retrying, anything else is a refusal.
/// `secrets` are cut out of the message shown.
pub(crate) fn grant_answer(
    result: Result<RawResponse, ApiError>,
    secrets: &[&str],
) -> Result<RawResponse, CredentialError> {
    let response = result.map_err(|e| CredentialError::Unavailable {
        retry_after: None,
        source: Box::new(e),
    })?;
    let status = response.status;
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = retry::retry_after(&response.headers, std::time::SystemTime::now());
    let message = scrub(&refusal_message(&response.body), secrets);
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        let source = error_for_status(response).expect_err("not a success");
        return Err(CredentialError::Unavailable {
            retry_after,
            source: Box::new(source),
        });
    }
    Err(CredentialError::Rejected { status, message })
}

/// What a refusal says: the OAuth `error_description`/`error`, SuperOffice's
/// `ErrorMessage`/`Message`, or the start of the body.
fn refusal_message(body: &[u8]) -> String {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        for key in ["error_description", "ErrorMessage", "Message", "error"] {
            if let Some(serde_json::Value::String(text)) = map.get(key) {
                if !text.is_empty() {
                    return text.clone();
                }
            }
        }
    }
    String::from_utf8_lossy(body).chars().take(200).collect()
}

/// `text` with every non-empty `secret` in it replaced by `<redacted>`.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(secret, "<redacted>");
    }
    out
}

/// The OAuth 2.0 / OpenID Connect refresh-token grant of SuperOffice Online:
/// `POST {environment}/login/common/oauth/tokens` with the app's client id
/// and secret and the user's refresh token; the access token is sent as
/// `Authorization: Bearer`.
pub struct RefreshTokenProvider {
    environment: BaseUrl,
    client_id: String,
    client_secret: Secret,
    refresh_token: Mutex<Secret>,
    redirect_uri: Option<String>,
}

impl RefreshTokenProvider {
    /// A provider for `environment` (e.g. `https://online.superoffice.com`).
    pub fn new(
        environment: BaseUrl,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        refresh_token: impl Into<Secret>,
    ) -> Self {
        RefreshTokenProvider {
            environment,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_token: Mutex::new(refresh_token.into()),
            redirect_uri: None,
        }
    }

    /// Sends `redirect_uri` with the grant (optional for SuperOffice).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    async fn grant(&self, transport: &Transport) -> Result<Credential, CredentialError> {
        let refresh_token = self
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut form = Query::new();
        form.push("grant_type", &"refresh_token");
        form.push("client_id", &self.client_id.as_str());
        form.push("client_secret", &self.client_secret.expose());
        form.push("refresh_token", &refresh_token.expose());
        if let Some(uri) = &self.redirect_uri {
            form.push("redirect_uri", &uri.as_str());
        }
        let url = format!("{}/login/common/oauth/tokens", self.environment);
        let request = post(
            &url,
            "application/x-www-form-urlencoded",
            form.as_str().as_bytes().to_vec(),
        )?;
        let result = auxiliary(transport, "oauth token grant", request).await;
        let secrets = [self.client_secret.expose(), refresh_token.expose()];
        let response = grant_answer(result, &secrets)?;
        let answer: TokenAnswer = serde_json::from_slice(&response.body).map_err(|e| {
            CredentialError::Malformed(format!("token answer is not the expected JSON: {e}"))
        })?;
        if !answer.token_type.eq_ignore_ascii_case("bearer") {
            return Err(CredentialError::Malformed(format!(
                "token type {:?} instead of Bearer",
                answer.token_type
            )));
        }
        if let Some(rotated) = answer.refresh_token.filter(|t| !t.is_empty()) {
            *self
                .refresh_token
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Secret(rotated);
        }
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(3600).max(1));
        Ok(Credential::new(Auth::Bearer(answer.access_token)).valid_for(lifetime))
    }
}

/// The token endpoint's answer (the fields the client uses).
#[derive(serde::Deserialize)]
struct TokenAnswer {
    token_type: String,
    access_token: String,
    #[serde(default, deserialize_with = "number_or_text")]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// `expires_in` as a number or, as some servers write it, a string.
fn number_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    use serde::Deserialize as _;
    match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Number(n)) => Ok(n.as_u64()),
        Some(serde_json::Value::String(s)) => Ok(s.trim().parse().ok()),
        _ => Ok(None),
    }
}

impl CredentialProvider for RefreshTokenProvider {
    fn fetch<'a>(&'a self, transport: &'a Transport) -> CredentialFuture<'a> {
        Box::pin(self.grant(transport))
    }
}

impl fmt::Debug for RefreshTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshTokenProvider")
            .field("environment", &self.environment)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &"Secret(<redacted>)")
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// A fixed credential: the static [`Auth`] as a provider, for code that
/// wants one shape for both. A 401 cannot be cured by fetching it again.
impl CredentialProvider for Auth {
    fn fetch<'a>(&'a self, _transport: &'a Transport) -> CredentialFuture<'a> {
        Box::pin(std::future::ready(Ok(Credential::new(self.clone()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewal_is_due_ahead_of_expiry() {
        let now = Instant::now();
        let long = Credential::new(Auth::Bearer("t".into())).valid_for(Duration::from_secs(3600));
        assert!(!long.due(now));
        assert!(long.due(now + Duration::from_secs(3541)));
        let short = Credential::new(Auth::Bearer("t".into())).valid_for(Duration::from_secs(10));
        assert!(!short.due(now + Duration::from_secs(8)));
        assert!(short.due(now + Duration::from_secs(9) + Duration::from_millis(10)));
        assert!(!Credential::new(Auth::Bearer("t".into())).due(now + Duration::from_secs(1 << 30)));
    }

    #[test]
    fn refusals_lose_their_secrets() {
        let body = br#"{"error":"invalid_grant","error_description":"token rt-123 revoked"}"#;
        assert_eq!(
            scrub(&refusal_message(body), &["rt-123", ""]),
            "token <redacted> revoked"
        );
        assert_eq!(refusal_message(b"<html>"), "<html>");
    }
}
