// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! `tracing` spans and events of the client (feature `tracing`); without the
//! feature every function here compiles to nothing.
//!
//! What is recorded is chosen so that nothing secret can reach a log: the
//! method, the endpoint's path *template* and id (not the filled path or the
//! query), the attempt, the status and the time taken; state lookups and
//! credential grants only say that they happened and how they ended.

use std::future::Future;
use std::time::Duration;

use super::meta::EndpointMeta;

/// The span of one attempt of one API request.
pub(crate) struct AttemptSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl AttemptSpan {
    /// Opens the span of attempt `attempt` (1 for the first) of `meta`.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(meta: &'static EndpointMeta, attempt: u32) -> Self {
        AttemptSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "superoffice_api.request",
                http.method = meta.method.as_str(),
                path_template = meta.path_template,
                endpoint_id = meta.id,
                attempt,
                http.status = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
                outcome = tracing::field::Empty,
            ),
        }
    }

    /// Runs `future` inside the span.
    pub(crate) async fn run<F: Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument as _;
            future.instrument(self.span.clone()).await
        }
        #[cfg(not(feature = "tracing"))]
        {
            future.await
        }
    }

    /// Records how the attempt ended: its status when there was an answer,
    /// else a short outcome (`timeout`, `transport error`, ...).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn finish(&self, status: Option<u16>, outcome: &'static str, elapsed: Duration) {
        #[cfg(feature = "tracing")]
        {
            if let Some(status) = status {
                self.span.record("http.status", status);
            }
            self.span.record("elapsed_ms", elapsed.as_millis() as u64);
            self.span.record("outcome", outcome);
            let _entered = self.span.enter();
            tracing::info!(outcome, "attempt finished");
        }
    }
}

/// An event: the client waits `delay` before the next attempt, because of
/// `reason` (`429`, `503`, `timeout`, ...).
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn retrying(meta: &'static EndpointMeta, reason: &'static str, delay: Duration) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        endpoint_id = meta.id,
        reason,
        delay_ms = delay.as_millis() as u64,
        "retrying"
    );
}

#[cfg_attr(not(feature = "online"), allow(dead_code))]
/// An event: an auxiliary call (`state lookup`, `credential grant`, ...)
/// ended with `status` (none when it did not get an answer).
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
pub(crate) fn auxiliary(what: &'static str, status: Option<u16>, elapsed: Duration) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        call = what,
        http.status = status,
        elapsed_ms = elapsed.as_millis() as u64,
        "auxiliary call"
    );
}
