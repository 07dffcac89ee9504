//! Helpers of the client tests (`online_client`, `online_tracing`): a wiremock responder that
//! answers in turn and records arrivals, token and error answers, clients set up for tests, and
//! the check that no test secret shows in a text.
// Each test binary uses some of these.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::json;
use superoffice_api::runtime::{BaseUrl, Client, RefreshTokenProvider, RetryPolicy};
use wiremock::{MockServer, Request, Respond, ResponseTemplate};
use workspace_tests::fake_online::key_fixture;

/// Answers with `answers` in turn, then with `last` forever; records when each request came.
#[derive(Clone)]
pub struct Sequence {
    answers: Arc<Mutex<VecDeque<ResponseTemplate>>>,
    last: ResponseTemplate,
    arrivals: Arc<Mutex<Vec<(SystemTime, Request)>>>,
}

impl Sequence {
    pub fn new(answers: Vec<ResponseTemplate>, last: ResponseTemplate) -> Self {
        Sequence {
            answers: Arc::new(Mutex::new(answers.into())),
            last,
            arrivals: Arc::default(),
        }
    }

    pub fn arrivals(&self) -> Vec<(SystemTime, Request)> {
        self.arrivals.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }
}

impl Respond for Sequence {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.arrivals
            .lock()
            .unwrap()
            .push((SystemTime::now(), request.clone()));
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| self.last.clone())
    }
}

pub fn ok_json(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

pub fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"Message": "no"}))
}

/// Fast retries, so tests do not wait on backoff.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_elapsed: Duration::from_secs(20),
    }
}

pub fn any_path() -> wiremock::matchers::PathRegexMatcher {
    wiremock::matchers::path_regex(".*")
}

pub fn token(n: usize, expires_in: u64) -> ResponseTemplate {
    ok_json(
        json!({"token_type": "Bearer", "access_token": format!("access-{n}"),
                   "expires_in": expires_in, "id_token": "x"}),
    )
}

pub fn oauth_client(environment: &MockServer, node: &MockServer) -> Client {
    Client::builder()
        .base_url(BaseUrl::parse(&node.uri()).unwrap())
        .credentials(RefreshTokenProvider::new(
            BaseUrl::parse(&environment.uri()).unwrap(),
            "client-id",
            "client-secret-xyz",
            "refresh-token-xyz",
        ))
        .retry(quick_retries())
        .build()
        .unwrap()
}

pub const SECRETS: [&str; 6] = [
    "client-secret-xyz",
    "refresh-token-xyz",
    "access-1",
    "access-2",
    "app-secret-123",
    "system-user-token-123",
];

pub fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let key = key_fixture("client_pkcs1.pem");
    let key_line = key.lines().nth(1).unwrap();
    assert!(!text.contains(key_line), "the key in {text}");
}
