//! The client's `tracing` output: the facts of each request, and no secret. A test binary of
//! its own: tracing caches per call site whether any subscriber wants it, and a test running
//! beside it on another thread with no subscriber could have the span's site cached as unwanted
//! while this test's scoped subscriber was being set (seen once in a CI run: the events came
//! through, the `superoffice_api.request` span did not).

use std::sync::{Arc, Mutex};

use serde_json::json;
use superoffice_api::rest::chat_session::ChatSessionsForUser;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer};

mod online;
use online::*;

/// Collects everything a `fmt` subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_output_has_the_request_facts_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    Mock::given(path("/login/common/oauth/tokens"))
        .respond_with(Sequence::new(vec![token(1, 3600)], token(2, 3600)))
        .mount(&environment)
        .await;
    let api = Sequence::new(
        vec![status(401), status(429).insert_header("Retry-After", "0")],
        ok_json(json!([])),
    );
    Mock::given(any_path()).respond_with(api).mount(&node).await;
    let client = oauth_client(&environment, &node);
    client.send(ChatSessionsForUser::new()).await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_no_secret(&text);
    for fact in [
        "superoffice_api.request",
        "http.method=\"GET\"",
        "path_template=\"/api/v1/ChatSession/ForCurrentUser\"",
        "endpoint_id=\"v1ChatSessionEntity_ChatSessionsForUser\"",
        "attempt=3",
        "http.status=200",
        "elapsed_ms=",
        "reason=\"429\"",
        "call=\"oauth token grant\"",
    ] {
        assert!(text.contains(fact), "{fact} not in {text}");
    }
}
