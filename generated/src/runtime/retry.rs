// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! When and how long the client waits before it tries a request again
//! (feature `client`).
//!
//! Two kinds of failure are retried, with different rules:
//! - `429 Too Many Requests` and `503 Service Unavailable` mean the server did
//!   not process the request, so any method may be sent again, but never
//!   before the `Retry-After` the server named (seconds or an HTTP date);
//! - a transport error or a timeout leaves open whether the server acted on
//!   the request, so only idempotent methods (GET, HEAD, PUT, DELETE) are sent
//!   again: an Agents call is a POST, and a timed-out POST is never replayed.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use super::meta::Method;

/// How often and how long the client retries a failed request.
///
/// Bounded both in attempts and in total time: a `Retry-After` that would end
/// after [`RetryPolicy::max_elapsed`] is not waited for, the answer is
/// returned instead. The wait before attempt `n + 1` is a random time between
/// half and all of `initial_backoff * 2^(n-1)` (capped at `max_backoff`), and
/// never less than the server's `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, the first one included; 1 disables retries.
    pub max_attempts: u32,
    /// The wait before the first retry, before jitter.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts that the backoff alone makes
    /// (a longer `Retry-After` is still honoured within `max_elapsed`).
    pub max_backoff: Duration,
    /// The longest a call may take, waits included, before the client stops
    /// retrying and returns what it last got.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 8 attempts, 200 ms first backoff doubling up to 8 s, at most 60 s per
    /// call: a maintenance window that sends no `Retry-After` is waited for
    /// about 20 s before the call fails.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(8),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is one attempt. Tenant rediscovery after a 421
    /// and credential renewal after a 401 still happen once, since they are
    /// part of the protocol, not retries of a failure.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The jittered backoff before attempt `attempt + 1` (`attempt` >= 1).
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let shift = attempt.saturating_sub(1).min(20);
        let full = self
            .initial_backoff
            .saturating_mul(1u32 << shift)
            .min(self.max_backoff);
        let half = full / 2;
        let spread = (full - half).as_nanos() as u64;
        let jitter = if spread == 0 {
            0
        } else {
            random_u64() % spread
        };
        half + Duration::from_nanos(jitter)
    }
}

/// Why an attempt is worth repeating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retryable {
    /// The server said it did not process the request (429, 503, a tenant in
    /// maintenance); wait at least `retry_after` when it named one.
    NotProcessed {
        /// The server's `Retry-After`, as a wait from now.
        retry_after: Option<Duration>,
    },
    /// The request may or may not have reached the server.
    Transport,
}

impl Retryable {
    /// Whether a request with `method` may be sent again after this failure.
    pub(crate) fn allows(self, method: Method) -> bool {
        match self {
            Retryable::NotProcessed { .. } => true,
            Retryable::Transport => is_idempotent(method),
        }
    }

    /// The least the client must wait before the next attempt.
    pub(crate) fn floor(self) -> Duration {
        match self {
            Retryable::NotProcessed {
                retry_after: Some(wait),
            } => wait,
            _ => Duration::ZERO,
        }
    }
}

/// GET, HEAD, PUT and DELETE: sending them twice has the effect of sending
/// them once. (The WebAPI has no HEAD endpoints, so [`Method`] lacks it.)
pub(crate) fn is_idempotent(method: Method) -> bool {
    matches!(method, Method::Get | Method::Put | Method::Delete)
}

/// The statuses that say the request was not processed: 429 and 503.
pub(crate) fn not_processed(status: StatusCode, headers: &HeaderMap) -> Option<Retryable> {
    (status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE).then(
        || Retryable::NotProcessed {
            retry_after: retry_after(headers, SystemTime::now()),
        },
    )
}

/// A small margin added to a `Retry-After` date: the date has whole seconds
/// and the conversion from the wall clock to a timer is not exact.
const DATE_MARGIN: Duration = Duration::from_millis(20);

/// The `Retry-After` header as a wait from `now`: delay-seconds, or an HTTP
/// date (IMF-fixdate, as RFC 9110 requires senders to write it). A date in
/// the past is no wait; an unreadable value is ignored.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(wait_until(date.timestamp_millis(), now)? + DATE_MARGIN)
}

/// The wait from `now` until a moment given as milliseconds since the Unix epoch (what the
/// server's dates, `Retry-After` and the state's `ValidUntil`, come to): zero when it has
/// passed, `None` before 1970.
pub(crate) fn wait_until(unix_millis: i64, now: SystemTime) -> Option<Duration> {
    let at = SystemTime::UNIX_EPOCH + Duration::from_millis(u64::try_from(unix_millis).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A random number for jitter: std's per-process random hash keys, mixed
/// with the clock and a counter (no `rand` dependency for this).
fn random_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(now) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            http::header::RETRY_AFTER,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(
            retry_after(&headers("3"), now),
            Some(Duration::from_secs(3))
        );
        // 1994-11-06T08:49:37Z is 784111777: seven seconds after `now`.
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), now),
            Some(Duration::from_secs(7) + DATE_MARGIN)
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:49:00 GMT"), now),
            Some(DATE_MARGIN)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_grows_within_its_bounds() {
        let policy = RetryPolicy::default();
        for attempt in 1..30 {
            let full =
                (policy.initial_backoff * 2u32.pow(attempt.min(20) - 1)).min(policy.max_backoff);
            let wait = policy.backoff(attempt);
            assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
        }
    }

    #[test]
    fn only_idempotent_methods_survive_transport_errors() {
        for (method, replayed) in [
            (Method::Get, true),
            (Method::Put, true),
            (Method::Delete, true),
            (Method::Post, false),
            (Method::Patch, false),
        ] {
            assert_eq!(Retryable::Transport.allows(method), replayed);
            assert!(Retryable::NotProcessed { retry_after: None }.allows(method));
        }
    }
}
