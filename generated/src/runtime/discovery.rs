// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Finding a SuperOffice Online tenant (feature `online`).
//!
//! `GET {environment}/api/state/{contextId}` says where the tenant's API is
//! now and whether it runs. The API moves between nodes (load balancing); an
//! old node answers 421 Misdirected Request, and the client looks the state
//! up again and retries there once. The state is cached until its
//! `ValidUntil`, within bounds: at least [`MIN_RUNNING_TTL`] (a server
//! clock behind ours must not make every call a lookup) and at most
//! [`MAX_RUNNING_TTL`]. A tenant in maintenance or being provisioned is
//! looked at again after a short while ([`NOT_RUNNING_RECHECK`], or the
//! server's `Retry-After`), and calls wait for it within the retry policy;
//! any other state that is not running fails calls with
//! [`TenantError::NotRunning`] at once.

use std::fmt;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime};

use serde::Deserialize;

use super::base_url::BaseUrl;
use super::client::{Counters, Transport};
use super::credentials::auxiliary;
use super::datetime::DateTime;
use super::error::ApiError;
use super::percent::push_component;
use super::retry;

/// The shortest time a running tenant's state is cached.
pub const MIN_RUNNING_TTL: Duration = Duration::from_secs(30);
/// The longest time a running tenant's state is cached.
pub const MAX_RUNNING_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long a running state is cached when it has no `ValidUntil`.
const DEFAULT_RUNNING_TTL: Duration = Duration::from_secs(3600);
/// How long a tenant in maintenance is left before it is looked up again,
/// unless the server's `Retry-After` or an earlier `ValidUntil` says
/// otherwise (never less than a second).
pub const NOT_RUNNING_RECHECK: Duration = Duration::from_secs(2);

/// The state endpoint's answer (`GET {environment}/api/state/{contextId}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct TenantInfo {
    /// The context id, e.g. `Cust12345`.
    #[serde(default)]
    pub context_identifier: String,
    /// The tenant's web client URL.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// `Running`, `OnlineMaintenance`, `Provisioning`, `Suspended`,
    /// `Deleted`, `Unknown`, ...
    #[serde(default)]
    pub state: String,
    /// Whether the tenant serves requests.
    #[serde(default)]
    pub is_running: bool,
    /// Until when this answer holds, as the server wrote it.
    #[serde(default)]
    pub valid_until: Option<String>,
    /// The tenant's API URL (`https://sod2.superoffice.com/Cust12345/api`).
    #[serde(default)]
    pub api: Option<String>,
}

impl TenantInfo {
    /// Running: the state says so and `IsRunning` agrees.
    pub fn running(&self) -> bool {
        self.is_running && self.state.eq_ignore_ascii_case("running")
    }

    /// Not running, but expected to come back by itself (maintenance,
    /// provisioning): calls wait for it within the retry policy.
    pub fn transient(&self) -> bool {
        let state = self.state.to_ascii_lowercase();
        state.contains("maintenance") || state == "provisioning" || state == "upgrading"
    }
}

/// Why the tenant is not usable. Its `Display` names the context id and the
/// state, nothing else.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TenantError {
    /// The state endpoint says the tenant is not running.
    #[error("tenant {context_id} is not running: its state is {state}")]
    NotRunning {
        /// The tenant's context id.
        context_id: String,
        /// Its state, e.g. `OnlineMaintenance` or `Suspended`.
        state: String,
        /// When it is worth asking again, for maintenance and provisioning;
        /// `None` for states that do not pass by themselves.
        recheck_in: Option<Duration>,
    },
    /// The state endpoint could not be asked, or refused.
    #[error("could not look up tenant {context_id}: {source}")]
    Lookup {
        /// The tenant's context id.
        context_id: String,
        /// The failure.
        source: Box<ApiError>,
        /// `Some` (with the server's `Retry-After`) when worth retrying.
        retry: Option<Option<Duration>>,
    },
    /// The state endpoint answered something unusable.
    #[error("the state of tenant {context_id} is unusable: {reason}")]
    Malformed {
        /// The tenant's context id.
        context_id: String,
        /// What was wrong with it.
        reason: String,
    },
}

impl TenantError {
    pub(crate) fn retry_hint(&self) -> Option<Option<Duration>> {
        match self {
            TenantError::NotRunning { recheck_in, .. } => recheck_in.map(Some),
            TenantError::Lookup { retry, .. } => *retry,
            TenantError::Malformed { .. } => None,
        }
    }
}

struct Entry {
    info: TenantInfo,
    /// The API root, when running.
    base: Option<BaseUrl>,
    until: Instant,
    generation: u64,
}

/// The cached state of one tenant, looked up one lookup at a time.
pub(crate) struct Discovery {
    environment: BaseUrl,
    context_id: String,
    cache: tokio::sync::Mutex<Option<Entry>>,
}

impl fmt::Debug for Discovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Discovery")
            .field("environment", &self.environment)
            .field("context_id", &self.context_id)
            .finish_non_exhaustive()
    }
}

impl Discovery {
    pub(crate) fn new(environment: BaseUrl, context_id: String) -> Self {
        Discovery {
            environment,
            context_id,
            cache: tokio::sync::Mutex::new(None),
        }
    }

    pub(crate) fn environment(&self) -> &BaseUrl {
        &self.environment
    }

    /// The API root to send to and the generation of the state it came from;
    /// looks up when the cached state ran out or is generation `stale` (a
    /// node answered 421).
    pub(crate) async fn resolve(
        &self,
        transport: &Transport,
        counters: &Counters,
        stale: Option<u64>,
    ) -> Result<(BaseUrl, u64), ApiError> {
        let mut cache = self.cache.lock().await;
        let now = Instant::now();
        let fresh = cache
            .as_ref()
            .is_some_and(|e| now < e.until && Some(e.generation) != stale);
        if !fresh {
            let generation = cache.as_ref().map_or(1, |e| e.generation + 1);
            *cache = Some(self.lookup(transport, counters, generation).await?);
        }
        let entry = cache.as_ref().expect("filled above");
        match &entry.base {
            Some(base) => Ok((base.clone(), entry.generation)),
            None => Err(self.not_running(entry, now).into()),
        }
    }

    /// The cached state, or a new one.
    pub(crate) async fn info(
        &self,
        transport: &Transport,
        counters: &Counters,
    ) -> Result<TenantInfo, ApiError> {
        self.resolve(transport, counters, None).await?;
        let cache = self.cache.lock().await;
        Ok(cache.as_ref().expect("resolved").info.clone())
    }

    fn not_running(&self, entry: &Entry, now: Instant) -> TenantError {
        TenantError::NotRunning {
            context_id: self.context_id.clone(),
            state: entry.info.state.clone(),
            recheck_in: entry
                .info
                .transient()
                .then(|| entry.until.saturating_duration_since(now)),
        }
    }

    async fn lookup(
        &self,
        transport: &Transport,
        counters: &Counters,
        generation: u64,
    ) -> Result<Entry, TenantError> {
        counters.lookups.fetch_add(1, Ordering::Relaxed);
        let mut url = format!("{}/api/state/", self.environment);
        push_component(&mut url, &self.context_id);
        let request = http::Request::get(url)
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|e| self.malformed(format!("could not build the lookup: {e}")))?;
        let response = match auxiliary(transport, "state lookup", request).await {
            Ok(response) => response,
            Err(e) => {
                return Err(TenantError::Lookup {
                    context_id: self.context_id.clone(),
                    source: Box::new(e),
                    retry: Some(None),
                })
            }
        };
        let now = SystemTime::now();
        let retry_after = retry::retry_after(&response.headers, now);
        if !response.status.is_success() {
            let status = response.status;
            let retry = (status.as_u16() == 429 || status.is_server_error()).then_some(retry_after);
            let source = super::decode::error_for_status(response).expect_err("not a success");
            return Err(TenantError::Lookup {
                context_id: self.context_id.clone(),
                source: Box::new(source),
                retry,
            });
        }
        let info: TenantInfo = serde_json::from_slice(&response.body)
            .map_err(|e| self.malformed(format!("not the expected JSON: {e}")))?;
        let valid_for = info
            .valid_until
            .as_deref()
            .and_then(|text| until_from(text, now));
        let instant = Instant::now();
        if !info.running() {
            let wait = match retry_after {
                Some(wait) => wait,
                None => valid_for
                    .unwrap_or(NOT_RUNNING_RECHECK)
                    .clamp(Duration::from_secs(1), NOT_RUNNING_RECHECK),
            };
            return Ok(Entry {
                info,
                base: None,
                until: instant + wait,
                generation,
            });
        }
        let api = info
            .api
            .as_deref()
            .or(info.endpoint.as_deref())
            .ok_or_else(|| self.malformed("no Api URL".to_owned()))?;
        let base = BaseUrl::parse(api).map_err(|e| self.malformed(e.to_string()))?;
        let ttl = valid_for
            .unwrap_or(DEFAULT_RUNNING_TTL)
            .clamp(MIN_RUNNING_TTL, MAX_RUNNING_TTL);
        Ok(Entry {
            info,
            base: Some(base),
            until: instant + ttl,
            generation,
        })
    }

    fn malformed(&self, reason: String) -> TenantError {
        TenantError::Malformed {
            context_id: self.context_id.clone(),
            reason,
        }
    }
}

/// How long from `now` until `valid_until` (a .NET date-time; without an
/// offset it is taken as UTC); zero when it has passed, `None` when
/// unreadable.
fn until_from(valid_until: &str, now: SystemTime) -> Option<Duration> {
    let parsed = DateTime::parse(valid_until.trim()).ok()?;
    let utc = parsed
        .to_utc()
        .unwrap_or_else(|| parsed.naive_local().and_utc());
    super::retry::wait_until(utc.timestamp_millis(), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_until_is_read_with_or_without_offset() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        // 2027-01-15T08:00:00Z is 1800000000.
        assert_eq!(
            until_from("2027-01-15T08:00:30Z", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            until_from("2027-01-15T08:01:00", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            until_from("2027-01-15T10:00:00+02:00", now),
            Some(Duration::ZERO)
        );
        assert_eq!(until_from("tomorrow", now), None);
    }

    #[test]
    fn states_are_classified() {
        let info = |state: &str, is_running| TenantInfo {
            context_identifier: "Cust1".into(),
            endpoint: None,
            state: state.into(),
            is_running,
            valid_until: None,
            api: None,
        };
        assert!(info("Running", true).running());
        assert!(!info("Running", false).running());
        assert!(info("OnlineMaintenance", false).transient());
        assert!(!info("Suspended", false).transient());
        assert!(!info("Deleted", false).transient());
    }
}
