// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The bundled async HTTP client (feature `client`, on by default), built on
//! `reqwest`: timeouts, a `User-Agent`, gzip/brotli, retries (see
//! [`RetryPolicy`]) and, with feature `online`, tenant discovery and
//! credentials that renew themselves.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::USER_AGENT;
use http::{HeaderValue, StatusCode};

use super::auth::Auth;
use super::base_url::BaseUrl;
use super::error::{ApiError, BuildError};
use super::options::{RequestOptions, WithOptions};
use super::request::{build_request, ApiRequest, RequestParts};
use super::response::RawResponse;
use super::retry::{self, RetryPolicy, Retryable};
use super::trace::{self, AttemptSpan};

#[cfg(feature = "online")]
use super::credentials::{CredentialCache, CredentialProvider};
#[cfg(feature = "online")]
use super::discovery::{Discovery, TenantInfo};

/// The `User-Agent` every request carries: the crate and its version, then
/// what the application adds with [`ClientBuilder::user_agent_suffix`].
pub const USER_AGENT_PREFIX: &str = concat!("superoffice-api/", env!("CARGO_PKG_VERSION"));

/// The default per-request timeout: SuperOffice answers most calls in well
/// under a second, and a stalled connection should not hold a call forever.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends single HTTP requests with the client's `User-Agent` and timeout and
/// reads their whole answer; no retries. What credential providers use for
/// their own calls, so those carry the same `User-Agent` and timeout.
#[derive(Clone)]
pub struct Transport {
    http: reqwest::Client,
    user_agent: HeaderValue,
    timeout: Duration,
}

impl Transport {
    /// Sends `request` (adding the `User-Agent` unless it has one) and reads
    /// the whole response, whatever its status. A request that takes longer
    /// than the timeout, answer included, is [`ApiError::Timeout`].
    pub async fn send(&self, mut request: http::Request<Vec<u8>>) -> Result<RawResponse, ApiError> {
        if !request.headers().contains_key(USER_AGENT) {
            request
                .headers_mut()
                .insert(USER_AGENT, self.user_agent.clone());
        }
        let request = reqwest::Request::try_from(request).map_err(ApiError::transport)?;
        let exchange = async {
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
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(ApiError::Timeout {
                after: self.timeout,
            }),
        }
    }

    /// The per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// What a client did so far, summed over all its clones: for monitoring, and
/// for checking that throttling or an outage did not make it hammer the
/// server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// Calls made (`send`/`execute`).
    pub calls: u64,
    /// API requests sent, retries included.
    pub attempts: u64,
    /// Attempts that were retries of a failed one (429, 503, timeout,
    /// transport error, a tenant in maintenance), after waiting.
    pub retries: u64,
    /// Credentials fetched from the provider (the first one included).
    pub grants: u64,
    /// Tenant state lookups.
    pub lookups: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    calls: AtomicU64,
    attempts: AtomicU64,
    retries: AtomicU64,
    pub(crate) grants: AtomicU64,
    pub(crate) lookups: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> ClientStats {
        ClientStats {
            calls: self.calls.load(Ordering::Relaxed),
            attempts: self.attempts.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
            grants: self.grants.load(Ordering::Relaxed),
            lookups: self.lookups.load(Ordering::Relaxed),
        }
    }
}

/// What clones of one client share.
#[derive(Debug)]
struct Shared {
    transport: Transport,
    retry: RetryPolicy,
    counters: Arc<Counters>,
    #[cfg(feature = "online")]
    discovery: Option<Discovery>,
    #[cfg(feature = "online")]
    credentials: Option<CredentialCache>,
}

/// Sends generated requests to one SuperOffice tenant.
///
/// Holds the tenant [`BaseUrl`] (or, with feature `online`, finds it through
/// the environment's state endpoint), default [`RequestOptions`]
/// (credentials, `SO-*` headers) that every request starts from, a timeout,
/// a `User-Agent` and a [`RetryPolicy`]. Cloning is cheap and shares the
/// connection pool, the cached tenant state and the credentials, so clones
/// used from many tasks renew a credential once.
#[derive(Debug, Clone)]
pub struct Client {
    base: BaseUrl,
    defaults: RequestOptions,
    shared: Arc<Shared>,
}

/// How one attempt ended, for the retry loop.
enum Attempt {
    /// Final: return this.
    Done(Result<RawResponse, ApiError>),
    /// Worth repeating after a wait, when the method and budget allow;
    /// otherwise `last` is returned.
    Failed {
        why: Retryable,
        reason: &'static str,
        last: Result<RawResponse, ApiError>,
    },
    /// 421: the tenant moved; look it up again (the cached state had this
    /// generation) and retry once.
    #[cfg_attr(not(feature = "online"), allow(dead_code))]
    Misdirected { tenant: u64, last: RawResponse },
    /// 401: renew the credential of this generation and retry once.
    #[cfg_attr(not(feature = "online"), allow(dead_code))]
    Unauthorized { credential: u64, last: RawResponse },
}

/// What the retry loop tells the next attempt.
#[derive(Default, Clone, Copy)]
struct Stale {
    /// The tenant state generation a 421 condemned.
    tenant: Option<u64>,
    /// The credential generation a 401 condemned.
    credential: Option<u64>,
}

impl Client {
    /// A client for `base` authenticating with `auth`, with the default
    /// timeouts and retry policy.
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot be initialised (like `reqwest::Client::new`).
    /// Use [`Client::builder`] to handle that case yourself.
    pub fn new(base: BaseUrl, auth: Auth) -> Self {
        Client::builder()
            .base_url(base)
            .auth(auth)
            .build()
            .expect("the default HTTP client could not be created")
    }

    /// Starts configuring a client; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The tenant root requests are sent to; for a client that discovers its
    /// tenant (feature `online`) the environment root instead, since the
    /// tenant's own root may change between calls (see
    /// `Client::tenant`).
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// The options every request starts from.
    pub fn defaults(&self) -> &RequestOptions {
        &self.defaults
    }

    /// What the client (all its clones) did so far.
    pub fn stats(&self) -> ClientStats {
        self.shared.counters.snapshot()
    }

    /// The transport (timeout, `User-Agent`, connection pool) the client
    /// sends with.
    pub fn transport(&self) -> &Transport {
        &self.shared.transport
    }

    /// Sends a typed request and decodes its response.
    pub async fn send<R: ApiRequest>(&self, request: R) -> Result<R::Response, ApiError> {
        let parts = request.into_parts()?;
        R::decode(self.execute(parts).await?)
    }

    /// Builds `parts` with the client's defaults and sends them, returning
    /// the undecoded response whatever its status, after the retries, the
    /// rediscovery and the renewal the client's configuration allows.
    pub async fn execute(&self, parts: RequestParts) -> Result<RawResponse, ApiError> {
        let counters = &self.shared.counters;
        counters.calls.fetch_add(1, Ordering::Relaxed);
        let policy = &self.shared.retry;
        let started = Instant::now();
        let meta = parts.meta;
        let mut failures = 0u32;
        let mut attempt = 0u32;
        let mut stale = Stale::default();
        let mut rediscovered = false;
        let mut renewed = false;
        loop {
            attempt += 1;
            match self.attempt(&parts, attempt, stale).await {
                Attempt::Done(result) => return result,
                Attempt::Misdirected { tenant, last } => {
                    if rediscovered {
                        return Ok(last);
                    }
                    rediscovered = true;
                    stale.tenant = Some(tenant);
                    trace::retrying(meta, "421", Duration::ZERO);
                }
                Attempt::Unauthorized { credential, last } => {
                    if renewed {
                        return Ok(last);
                    }
                    renewed = true;
                    stale.credential = Some(credential);
                    trace::retrying(meta, "401", Duration::ZERO);
                }
                Attempt::Failed { why, reason, last } => {
                    failures += 1;
                    if failures >= policy.max_attempts || !why.allows(meta.method) {
                        return last;
                    }
                    let wait = why.floor().max(policy.backoff(failures));
                    if started.elapsed() + wait > policy.max_elapsed {
                        return last;
                    }
                    trace::retrying(meta, reason, wait);
                    tokio::time::sleep(wait).await;
                    counters.retries.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }

    /// One attempt: the tenant root, the credential, the request, its answer.
    async fn attempt(&self, parts: &RequestParts, attempt: u32, stale: Stale) -> Attempt {
        let shared = &*self.shared;
        #[cfg_attr(not(feature = "online"), allow(unused_mut))]
        let mut defaults = std::borrow::Cow::Borrowed(&self.defaults);
        #[cfg_attr(not(feature = "online"), allow(unused_mut))]
        let mut base = std::borrow::Cow::Borrowed(&self.base);
        #[cfg(feature = "online")]
        let mut tenant = None;
        #[cfg(feature = "online")]
        if let Some(discovery) = &shared.discovery {
            match discovery
                .resolve(&shared.transport, &shared.counters, stale.tenant)
                .await
            {
                Ok((root, generation)) => {
                    base = std::borrow::Cow::Owned(root);
                    tenant = Some(generation);
                }
                Err(e) => return failed_before_sending(e),
            }
        }
        #[cfg(feature = "online")]
        let mut credential = None;
        #[cfg(feature = "online")]
        if let (Some(cache), None) = (&shared.credentials, &parts.options.auth) {
            match cache
                .get(&shared.transport, &shared.counters, stale.credential)
                .await
            {
                Ok((current, generation)) => {
                    let options = defaults.to_mut();
                    options.auth = Some(current.auth().clone());
                    if let Some(token) = current.app_token() {
                        options.so_app_token = Some(token.expose().to_owned());
                    }
                    credential = Some(generation);
                }
                Err(e) => return failed_before_sending(ApiError::from(e)),
            }
        }
        #[cfg(not(feature = "online"))]
        let _ = stale;

        let request = match build_request(&base, &defaults, parts.clone()) {
            Ok(request) => request,
            Err(e) => return Attempt::Done(Err(e.into())),
        };
        drop(defaults);
        shared.counters.attempts.fetch_add(1, Ordering::Relaxed);
        let span = AttemptSpan::new(parts.meta, attempt);
        let sent = Instant::now();
        let result = span.run(shared.transport.send(request)).await;
        let elapsed = sent.elapsed();
        match result {
            Err(e) => {
                let reason = if matches!(e, ApiError::Timeout { .. }) {
                    "timeout"
                } else {
                    "transport error"
                };
                span.finish(None, reason, elapsed);
                Attempt::Failed {
                    why: Retryable::Transport,
                    reason,
                    last: Err(e),
                }
            }
            Ok(response) => {
                let status = response.status;
                span.finish(Some(status.as_u16()), outcome_of(status), elapsed);
                #[cfg(feature = "online")]
                if let (StatusCode::MISDIRECTED_REQUEST, Some(tenant)) = (status, tenant) {
                    return Attempt::Misdirected {
                        tenant,
                        last: response,
                    };
                }
                #[cfg(feature = "online")]
                if let (StatusCode::UNAUTHORIZED, Some(credential)) = (status, credential) {
                    return Attempt::Unauthorized {
                        credential,
                        last: response,
                    };
                }
                match retry::not_processed(status, &response.headers) {
                    Some(why) => Attempt::Failed {
                        why,
                        reason: outcome_of(status),
                        last: Ok(response),
                    },
                    None => Attempt::Done(Ok(response)),
                }
            }
        }
    }

    /// Sends a ready-made request as is (no defaults are added, no retries)
    /// apart from the `User-Agent`, and reads the whole response, whatever
    /// its status.
    pub async fn send_raw(&self, request: http::Request<Vec<u8>>) -> Result<RawResponse, ApiError> {
        self.shared.transport.send(request).await
    }

    /// The tenant as the environment's state endpoint last described it,
    /// looked up now when nothing valid is cached (feature `online`, on a
    /// client built with [`ClientBuilder::tenant`]; `None` on other clients).
    ///
    /// A tenant that is not running is [`TenantError::NotRunning`](super::TenantError::NotRunning).
    #[cfg(feature = "online")]
    pub async fn tenant(&self) -> Option<Result<TenantInfo, ApiError>> {
        let shared = &*self.shared;
        let discovery = shared.discovery.as_ref()?;
        Some(discovery.info(&shared.transport, &shared.counters).await)
    }
}

/// A failure of the tenant lookup or the credential grant: the API request
/// was not sent, so any method may be retried when the failure is transient.
#[cfg(feature = "online")]
fn failed_before_sending(error: ApiError) -> Attempt {
    match error.retry_hint() {
        Some(retry_after) => Attempt::Failed {
            why: Retryable::NotProcessed { retry_after },
            reason: "tenant or credential unavailable",
            last: Err(error),
        },
        None => Attempt::Done(Err(error)),
    }
}

fn outcome_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        200..=299 => "ok",
        401 => "401",
        421 => "421",
        429 => "429",
        503 => "503",
        _ => "error status",
    }
}

/// Configures a [`Client`]: the tenant (a fixed [`BaseUrl`], or with
/// feature `online` an environment and context id to discover it), default
/// options through the [`WithOptions`] setters (e.g. `.auth(..)`,
/// `.so_language(..)`), timeouts, retries and the `User-Agent`, and
/// optionally your own `reqwest::Client` (for proxies, ...).
#[derive(Debug)]
pub struct ClientBuilder {
    base: Option<BaseUrl>,
    http: Option<reqwest::Client>,
    defaults: RequestOptions,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent_suffix: Option<String>,
    retry: RetryPolicy,
    #[cfg(feature = "online")]
    tenant: Option<(BaseUrl, String)>,
    #[cfg(feature = "online")]
    credentials: Option<Arc<dyn CredentialProvider>>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base: None,
            http: None,
            defaults: RequestOptions::default(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent_suffix: None,
            retry: RetryPolicy::default(),
            #[cfg(feature = "online")]
            tenant: None,
            #[cfg(feature = "online")]
            credentials: None,
        }
    }
}

impl ClientBuilder {
    /// Sets the tenant root.
    pub fn base_url(mut self, base: BaseUrl) -> Self {
        self.base = Some(base);
        self
    }

    /// Uses `http` instead of a default `reqwest` client. Its own timeouts
    /// and `User-Agent` apply besides the builder's; the connect timeout set
    /// here does not (it is a setting of the `reqwest` client).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Replaces all default options at once.
    pub fn defaults(mut self, defaults: RequestOptions) -> Self {
        self.defaults = defaults;
        self
    }

    /// The longest one request may take, from sending to the last byte of
    /// the answer ([`DEFAULT_TIMEOUT`] unless set). A request that takes
    /// longer fails with [`ApiError::Timeout`] and is retried only when its
    /// method is idempotent.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest opening a connection may take
    /// ([`DEFAULT_CONNECT_TIMEOUT`] unless set).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Appended to the `User-Agent` after [`USER_AGENT_PREFIX`] and a space,
    /// so SuperOffice (and your own logs) can tell which application calls,
    /// e.g. `my-sync/2.1`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Replaces the [`RetryPolicy`] ([`RetryPolicy::default`] unless set;
    /// [`RetryPolicy::disabled`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Finds the tenant `context_id` (e.g. `Cust12345`) through the state
    /// endpoint of `environment` (e.g. `https://online.superoffice.com`)
    /// instead of a fixed base URL (feature `online`): the state is cached
    /// until its `ValidUntil`, looked up again when a node answers 421
    /// Misdirected Request, and a tenant that is not running fails calls with
    /// [`TenantError::NotRunning`](super::TenantError::NotRunning) (after
    /// waiting within the retry policy when it is in maintenance).
    #[cfg(feature = "online")]
    pub fn tenant(mut self, environment: BaseUrl, context_id: impl Into<String>) -> Self {
        self.tenant = Some((environment, context_id.into()));
        self
    }

    /// Authenticates every request with credentials from `provider` (feature
    /// `online`), e.g. [`RefreshTokenProvider`](super::RefreshTokenProvider)
    /// or [`SystemUserProvider`](super::SystemUserProvider). Renewed before
    /// they expire and once when a request is answered 401, one renewal at a
    /// time for all clones of the client. A request's own `.auth(..)` wins.
    #[cfg(feature = "online")]
    pub fn credentials(mut self, provider: impl CredentialProvider) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Finishes the client. Fails with [`BuildError::InvalidBaseUrl`] when
    /// neither a base URL nor a tenant was set, with
    /// [`BuildError::InvalidHeader`] when the `User-Agent` suffix is not a
    /// valid header value, or with [`ApiError::Transport`] when no `reqwest`
    /// client was given and one cannot be created.
    pub fn build(self) -> Result<Client, ApiError> {
        #[cfg(feature = "online")]
        let discovery = self
            .tenant
            .map(|(environment, context_id)| Discovery::new(environment, context_id));
        #[cfg(feature = "online")]
        let base = match (&discovery, self.base) {
            (Some(discovery), _) => discovery.environment().clone(),
            (None, base) => base.ok_or_else(no_base)?,
        };
        #[cfg(not(feature = "online"))]
        let base = self.base.ok_or_else(no_base)?;
        let user_agent = match &self.user_agent_suffix {
            Some(suffix) => format!("{USER_AGENT_PREFIX} {suffix}"),
            None => USER_AGENT_PREFIX.to_owned(),
        };
        let user_agent =
            HeaderValue::try_from(user_agent).map_err(|_| BuildError::InvalidHeader {
                name: USER_AGENT.as_str().to_owned(),
            })?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(user_agent.clone())
                .build()
                .map_err(ApiError::transport)?,
        };
        Ok(Client {
            base,
            defaults: self.defaults,
            shared: Arc::new(Shared {
                transport: Transport {
                    http,
                    user_agent,
                    timeout: self.timeout,
                },
                retry: self.retry,
                counters: Arc::default(),
                #[cfg(feature = "online")]
                discovery,
                #[cfg(feature = "online")]
                credentials: self.credentials.map(CredentialCache::new),
            }),
        })
    }
}

fn no_base() -> BuildError {
    BuildError::InvalidBaseUrl("no base URL was set".to_owned())
}

impl WithOptions for ClientBuilder {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.defaults
    }
}
