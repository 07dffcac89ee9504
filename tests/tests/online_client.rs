//! The runtime client's production behaviour on real loopback HTTP (`wiremock`): retries per
//! method, `Retry-After` as seconds and as a date, timeouts, the `User-Agent`, tenant discovery
//! (421, a tenant not running, maintenance), renewing credentials (expiry under 50 concurrent
//! calls, 401), system-user tickets whose JWT must verify, and that no secret reaches `Debug`,
//! `Display` or `tracing` output.

use std::time::{Duration, Instant, SystemTime};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;
use superoffice_api::agents::time_zone::TimeOfLastTimeZoneUpdate;
use superoffice_api::rest::chat_session::ChatSessionsForUser;
use superoffice_api::runtime::{
    ApiError, Auth, BaseUrl, Client, CredentialError, EndpointMeta, Method, PrivateKey,
    RefreshTokenProvider, RequestParts, RetryPolicy, Secret, SystemUserProvider, TenantError,
    WithOptions, TICKET_CLAIM,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::fake_online::{http_date, key_fixture};

mod online;
use online::*;

// --- helpers ---------------------------------------------------------------------------------

fn fixed_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(BaseUrl::parse(&server.uri()).unwrap())
        .auth(Auth::Bearer("static-token".into()))
        .retry(quick_retries())
        .timeout(Duration::from_millis(300))
        .user_agent_suffix("tests/1.0")
        .build()
        .unwrap()
}

macro_rules! thing {
    ($name:ident, $method:expr) => {
        static $name: EndpointMeta = EndpointMeta {
            id: stringify!($name),
            method: $method,
            path_template: "/api/v1/Thing/{id}",
            docs_url: "https://docs.example/thing",
            summary: "A thing.",
        };
    };
}
thing!(GET_THING, Method::Get);
thing!(PUT_THING, Method::Put);
thing!(DELETE_THING, Method::Delete);
thing!(POST_THING, Method::Post);
thing!(PATCH_THING, Method::Patch);

fn thing(meta: &'static EndpointMeta) -> RequestParts {
    RequestParts::new(meta, "/api/v1/Thing/1".into())
}

async fn mount(server: &MockServer, responder: Sequence) {
    Mock::given(path("/api/v1/Thing/1"))
        .respond_with(responder)
        .mount(server)
        .await;
}

// --- retries ---------------------------------------------------------------------------------

#[tokio::test]
async fn throttling_is_retried_for_every_method() {
    for meta in [
        &GET_THING,
        &PUT_THING,
        &DELETE_THING,
        &POST_THING,
        &PATCH_THING,
    ] {
        for code in [429, 503] {
            let server = MockServer::start().await;
            let seq = Sequence::new(vec![status(code), status(code)], ok_json(json!({})));
            mount(&server, seq.clone()).await;
            let response = fixed_client(&server).execute(thing(meta)).await.unwrap();
            assert_eq!(response.status, 200, "{} {code}", meta.id);
            assert_eq!(seq.count(), 3, "{} {code}", meta.id);
        }
    }
}

#[tokio::test]
async fn timeouts_are_retried_for_idempotent_methods_only() {
    let stall = || ok_json(json!({})).set_delay(Duration::from_secs(2));
    for (meta, replayed) in [
        (&GET_THING, true),
        (&PUT_THING, true),
        (&DELETE_THING, true),
        (&POST_THING, false),
        (&PATCH_THING, false),
    ] {
        let server = MockServer::start().await;
        let seq = Sequence::new(vec![stall()], ok_json(json!({})));
        mount(&server, seq.clone()).await;
        let result = fixed_client(&server).execute(thing(meta)).await;
        if replayed {
            assert_eq!(result.unwrap().status, 200, "{}", meta.id);
            assert_eq!(seq.count(), 2, "{}", meta.id);
        } else {
            let error = result.unwrap_err();
            assert!(matches!(error, ApiError::Timeout { .. }), "{error:?}");
            assert_eq!(error.to_string(), "no answer within 300 ms");
            // Give a replay the time to arrive, should there be one.
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert_eq!(seq.count(), 1, "{} was replayed", meta.id);
        }
    }
}

#[tokio::test]
async fn connection_failures_are_retried_for_get_only() {
    // A port nobody listens on: every attempt is a transport error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = BaseUrl::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(base)
        .retry(quick_retries())
        .build()
        .unwrap();
    client.execute(thing(&GET_THING)).await.unwrap_err();
    assert_eq!(client.stats().attempts, 4, "GET: every attempt");
    client.execute(thing(&POST_THING)).await.unwrap_err();
    assert_eq!(client.stats().attempts, 5, "POST: one attempt");
}

#[tokio::test]
async fn other_errors_are_not_retried_and_retries_can_be_disabled() {
    let server = MockServer::start().await;
    let seq = Sequence::new(vec![status(500)], ok_json(json!({})));
    mount(&server, seq.clone()).await;
    let response = fixed_client(&server)
        .execute(thing(&GET_THING))
        .await
        .unwrap();
    assert_eq!((response.status.as_u16(), seq.count()), (500, 1));

    let server = MockServer::start().await;
    let seq = Sequence::new(vec![status(503)], ok_json(json!({})));
    mount(&server, seq.clone()).await;
    let client = Client::builder()
        .base_url(BaseUrl::parse(&server.uri()).unwrap())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let response = client.execute(thing(&GET_THING)).await.unwrap();
    assert_eq!((response.status.as_u16(), seq.count()), (503, 1));
}

#[tokio::test]
async fn retry_after_in_seconds_is_never_undercut() {
    let server = MockServer::start().await;
    let seq = Sequence::new(
        vec![status(429).insert_header("Retry-After", "1")],
        ok_json(json!({})),
    );
    mount(&server, seq.clone()).await;
    let started = Instant::now();
    let response = fixed_client(&server)
        .execute(thing(&POST_THING))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    let arrivals = seq.arrivals();
    let gap = arrivals[1].0.duration_since(arrivals[0].0).unwrap();
    assert!(gap >= Duration::from_secs(1), "retried after {gap:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn retry_after_as_a_date_is_never_undercut() {
    let server = MockServer::start().await;
    let until = SystemTime::now() + Duration::from_secs(2);
    let seq = Sequence::new(
        vec![status(503).insert_header("Retry-After", http_date(until).as_str())],
        ok_json(json!({})),
    );
    mount(&server, seq.clone()).await;
    fixed_client(&server)
        .execute(thing(&GET_THING))
        .await
        .unwrap();
    let arrivals = seq.arrivals();
    // The date has whole seconds: the retry may not come before that second.
    let whole = SystemTime::UNIX_EPOCH
        + Duration::from_secs(
            until
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        );
    assert!(arrivals[1].0 >= whole, "retried before the date");
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    let seq = Sequence::new(
        vec![status(429).insert_header("Retry-After", "3600")],
        ok_json(json!({})),
    );
    mount(&server, seq.clone()).await;
    let started = Instant::now();
    let response = fixed_client(&server)
        .execute(thing(&GET_THING))
        .await
        .unwrap();
    assert_eq!((response.status.as_u16(), seq.count()), (429, 1));
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn every_request_names_the_crate_and_the_app() {
    let server = MockServer::start().await;
    let seq = Sequence::new(vec![], ok_json(json!([])));
    Mock::given(any_path())
        .respond_with(seq.clone())
        .mount(&server)
        .await;
    fixed_client(&server)
        .send(ChatSessionsForUser::new())
        .await
        .unwrap();
    let ua = seq.arrivals()[0].1.headers["user-agent"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(ua, "superoffice-api/0.1.0 tests/1.0");
    assert_eq!(
        superoffice_api::runtime::USER_AGENT_PREFIX,
        "superoffice-api/0.1.0"
    );
}

// --- discovery -------------------------------------------------------------------------------

fn state(node: &str, state: &str, running: bool) -> ResponseTemplate {
    ok_json(json!({
        "ContextIdentifier": "Cust1",
        "Endpoint": format!("{node}/Cust1"),
        "State": state,
        "IsRunning": running,
        "ValidUntil": "2099-01-01T00:00:00",
        "Api": format!("{node}/Cust1/api"),
    }))
}

fn discovering_client(environment: &MockServer) -> Client {
    Client::builder()
        .tenant(BaseUrl::parse(&environment.uri()).unwrap(), "Cust1")
        .auth(Auth::Bearer("t".into()))
        .retry(quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_moved_tenant_is_looked_up_again_once() {
    let environment = MockServer::start().await;
    let (a, b) = (MockServer::start().await, MockServer::start().await);
    let lookups = Sequence::new(
        vec![
            state(&a.uri(), "Running", true),
            state(&b.uri(), "Running", true),
        ],
        state(&b.uri(), "Running", true),
    );
    Mock::given(path("/api/state/Cust1"))
        .respond_with(lookups.clone())
        .mount(&environment)
        .await;
    let on_a = Sequence::new(vec![], status(421));
    Mock::given(any_path())
        .respond_with(on_a.clone())
        .mount(&a)
        .await;
    let on_b = Sequence::new(vec![], ok_json(json!("2026-12-01T10:00:00")));
    Mock::given(path(
        "/Cust1/api/v1/Agents/TimeZone/TimeOfLastTimeZoneUpdate",
    ))
    .respond_with(on_b.clone())
    .mount(&b)
    .await;
    let client = discovering_client(&environment);
    // A POST too: a 421 means the node did not take the request.
    client.send(TimeOfLastTimeZoneUpdate::new()).await.unwrap();
    client.send(TimeOfLastTimeZoneUpdate::new()).await.unwrap();
    assert_eq!((lookups.count(), on_a.count(), on_b.count()), (2, 1, 2));
    assert_eq!(client.stats().lookups, 2);

    // A node that keeps answering 421 is not chased further.
    let stubborn = Sequence::new(vec![], status(421));
    Mock::given(any_path())
        .respond_with(stubborn.clone())
        .mount(&environment)
        .await;
    let environment2 = MockServer::start().await;
    Mock::given(path("/api/state/Cust1"))
        .respond_with(state(&environment.uri(), "Running", true))
        .mount(&environment2)
        .await;
    let error = discovering_client(&environment2)
        .send(TimeOfLastTimeZoneUpdate::new())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(421));
    assert_eq!(stubborn.count(), 2);
}

#[tokio::test]
async fn a_tenant_that_is_not_running_is_a_typed_error() {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    let lookups = Sequence::new(vec![], state(&node.uri(), "Suspended", false));
    Mock::given(path("/api/state/Cust1"))
        .respond_with(lookups.clone())
        .mount(&environment)
        .await;
    let api = Sequence::new(vec![], ok_json(json!([])));
    Mock::given(any_path())
        .respond_with(api.clone())
        .mount(&node)
        .await;
    let error = discovering_client(&environment)
        .send(ChatSessionsForUser::new())
        .await
        .unwrap_err();
    match &error {
        ApiError::Tenant(TenantError::NotRunning { state, .. }) => assert_eq!(state, "Suspended"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "tenant Cust1 is not running: its state is Suspended"
    );
    assert_eq!((lookups.count(), api.count()), (1, 0));
}

#[tokio::test]
async fn maintenance_at_the_state_endpoint_is_waited_out() {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    let lookups = Sequence::new(
        vec![state(&node.uri(), "OnlineMaintenance", false).insert_header("Retry-After", "1")],
        state(&node.uri(), "Running", true),
    );
    Mock::given(path("/api/state/Cust1"))
        .respond_with(lookups.clone())
        .mount(&environment)
        .await;
    Mock::given(any_path())
        .respond_with(ok_json(json!([])))
        .mount(&node)
        .await;
    let client = discovering_client(&environment);
    client.send(ChatSessionsForUser::new()).await.unwrap();
    client.send(ChatSessionsForUser::new()).await.unwrap();
    let arrivals = lookups.arrivals();
    assert_eq!(arrivals.len(), 2, "the running state is cached");
    assert!(arrivals[1].0.duration_since(arrivals[0].0).unwrap() >= Duration::from_secs(1));
}

// --- credentials -----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_calls_during_an_expiry_renew_once() {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    let grants = Sequence::new(
        vec![token(1, 2)],
        token(2, 3600).set_delay(Duration::from_millis(200)),
    );
    Mock::given(method("POST"))
        .and(path("/login/common/oauth/tokens"))
        .respond_with(grants.clone())
        .mount(&environment)
        .await;
    let api = Sequence::new(vec![], ok_json(json!([])));
    Mock::given(any_path())
        .respond_with(api.clone())
        .mount(&node)
        .await;
    let client = oauth_client(&environment, &node);
    client.send(ChatSessionsForUser::new()).await.unwrap();
    // The token lives 2 s and is renewed a tenth of that early.
    tokio::time::sleep(Duration::from_millis(1900)).await;
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(ChatSessionsForUser::new()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(grants.count(), 2, "one grant, then exactly one renewal");
    let form = String::from_utf8(grants.arrivals()[0].1.body.clone()).unwrap();
    assert_eq!(
        form,
        "grant_type=refresh_token&client_id=client-id&client_secret=client-secret-xyz&refresh_token=refresh-token-xyz"
    );
    let authorizations: Vec<String> = api
        .arrivals()
        .iter()
        .map(|(_, r)| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(authorizations[0], "Bearer access-1");
    assert!(authorizations[1..].iter().all(|a| a == "Bearer access-2"));
    assert_eq!(client.stats().grants, 2);
}

#[tokio::test]
async fn a_401_renews_once_and_retries() {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    let grants = Sequence::new(vec![token(1, 3600), token(2, 3600)], token(3, 3600));
    Mock::given(path("/login/common/oauth/tokens"))
        .respond_with(grants.clone())
        .mount(&environment)
        .await;
    // A POST: a 401 was not processed either.
    let api = Sequence::new(vec![status(401)], ok_json(json!("2026-12-01T10:00:00")));
    Mock::given(any_path())
        .respond_with(api.clone())
        .mount(&node)
        .await;
    let client = oauth_client(&environment, &node);
    client.send(TimeOfLastTimeZoneUpdate::new()).await.unwrap();
    assert_eq!((grants.count(), api.count()), (2, 2));

    // Still 401 after renewing: the error, not a loop.
    let node = MockServer::start().await;
    Mock::given(any_path())
        .respond_with(status(401))
        .mount(&node)
        .await;
    let client = oauth_client(&environment, &node);
    let error = client.send(ChatSessionsForUser::new()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(client.stats().grants, 2);
}

#[tokio::test]
async fn a_refused_grant_says_why_without_the_secrets() {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    Mock::given(path("/login/common/oauth/tokens"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": "refresh token refresh-token-xyz was revoked"
        })))
        .mount(&environment)
        .await;
    let error = oauth_client(&environment, &node)
        .send(ChatSessionsForUser::new())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        ApiError::Credentials(CredentialError::Rejected { .. })
    ));
    assert_eq!(
        error.to_string(),
        "the login service refused the credentials (400 Bad Request): refresh token <redacted> was revoked"
    );
    assert!(!format!("{error:?}").contains("refresh-token-xyz"));
}

// --- system user -----------------------------------------------------------------------------

fn jwt(signer: &str, kid: &str, ticket: &str, exp_from_now: i64) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.into());
    let exp = chrono::Utc::now().timestamp() + exp_from_now;
    jsonwebtoken::encode(
        &header,
        &json!({TICKET_CLAIM: ticket, "exp": exp}),
        &EncodingKey::from_rsa_pem(key_fixture(signer).as_bytes()).unwrap(),
    )
    .unwrap()
}

async fn system_user_run(token: String) -> (Result<(), ApiError>, Sequence) {
    let environment = MockServer::start().await;
    let node = MockServer::start().await;
    Mock::given(path("/Login/api/PartnerSystemUser/Authenticate"))
        .respond_with(ok_json(
            json!({"IsSuccessful": true, "ErrorMessage": "", "Token": token}),
        ))
        .mount(&environment)
        .await;
    Mock::given(path("/login/.well-known/jwks"))
        .respond_with(ok_json(
            serde_json::from_str(&key_fixture("jwt_signer.jwks.json")).unwrap(),
        ))
        .mount(&environment)
        .await;
    let api = Sequence::new(vec![], ok_json(json!([])));
    Mock::given(any_path())
        .respond_with(api.clone())
        .mount(&node)
        .await;
    let env = BaseUrl::parse(&environment.uri()).unwrap();
    let client = Client::builder()
        .base_url(BaseUrl::parse(&node.uri()).unwrap())
        .credentials(SystemUserProvider::new(
            env,
            "Cust1",
            "app-secret-123",
            "system-user-token-123",
            PrivateKey::parse(&key_fixture("client_pkcs1.pem")).unwrap(),
        ))
        .build()
        .unwrap();
    let result = client.send(ChatSessionsForUser::new()).await.map(drop);
    (result, api)
}

#[tokio::test]
async fn a_verified_ticket_is_sent_with_the_app_token() {
    let (result, api) = system_user_run(jwt("jwt_signer.pem", "fake-env-1", "7T:good", 600)).await;
    result.unwrap();
    let (_, request) = &api.arrivals()[0];
    assert_eq!(request.headers["authorization"], "SOTicket 7T:good");
    assert_eq!(request.headers["so-apptoken"], "app-secret-123");

    // Without `exp` the ticket is still the environment's: used until a 401.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("fake-env-1".into());
    let no_exp = jsonwebtoken::encode(
        &header,
        &json!({TICKET_CLAIM: "7T:lasting"}),
        &EncodingKey::from_rsa_pem(key_fixture("jwt_signer.pem").as_bytes()).unwrap(),
    )
    .unwrap();
    let (result, api) = system_user_run(no_exp).await;
    result.unwrap();
    assert_eq!(
        api.arrivals()[0].1.headers["authorization"],
        "SOTicket 7T:lasting"
    );
}

#[tokio::test]
async fn a_ticket_whose_jwt_does_not_verify_is_never_sent() {
    let forged = jwt("jwt_forger.pem", "fake-env-1", "7T:forged", 600);
    let unknown_key = jwt("jwt_forger.pem", "other-key", "7T:forged", 600);
    let expired = jwt("jwt_signer.pem", "fake-env-1", "7T:old", -3600);
    // The signer's token with its payload swapped for another ticket.
    let good = jwt("jwt_signer.pem", "fake-env-1", "7T:good", 600);
    let other = jwt("jwt_signer.pem", "fake-env-1", "7T:forged", 600);
    let g: Vec<&str> = good.split('.').collect();
    let o: Vec<&str> = other.split('.').collect();
    let spliced = format!("{}.{}.{}", g[0], o[1], g[2]);
    let unsigned = format!("{}.{}.", g[0], o[1]);
    for token in [
        forged,
        unknown_key,
        expired,
        spliced,
        unsigned,
        "not a jwt".into(),
    ] {
        let (result, api) = system_user_run(token.clone()).await;
        let error = result.unwrap_err();
        assert!(
            matches!(error, ApiError::Credentials(CredentialError::Unverified(_))),
            "{token}: {error:?}"
        );
        assert_eq!(api.count(), 0, "{token}: an API request was sent");
        assert!(!error.to_string().contains("7T:"));
    }
}

#[test]
fn the_three_key_forms_are_the_same_key() {
    // PKCS#1 v1.5 signatures are deterministic: one key signs alike in every form.
    let data = b"SystemUserToken.202612042130";
    let signatures: Vec<Vec<u8>> = ["client_pkcs1.pem", "client_pkcs8.pem", "client.xml"]
        .iter()
        .map(|name| {
            PrivateKey::parse(&key_fixture(name))
                .unwrap()
                .sign(data)
                .unwrap()
        })
        .collect();
    assert_eq!(signatures[0].len(), 256);
    assert!(signatures.iter().all(|s| s == &signatures[0]));
    assert!(matches!(
        PrivateKey::parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
        Err(CredentialError::InvalidKey(_))
    ));
    assert!(PrivateKey::parse("<RSAKeyValue><Modulus>AQAB</Modulus></RSAKeyValue>").is_err());
}

// --- no secrets in Debug, Display or tracing -------------------------------------------------

#[test]
fn debug_of_credential_types_shows_no_secret() {
    let env = BaseUrl::parse("https://sod.superoffice.com").unwrap();
    let key = PrivateKey::parse(&key_fixture("client_pkcs1.pem")).unwrap();
    let system_user = SystemUserProvider::new(
        env.clone(),
        "Cust1",
        "app-secret-123",
        "system-user-token-123",
        PrivateKey::parse(&key_fixture("client.xml")).unwrap(),
    );
    let oauth = RefreshTokenProvider::new(
        env.clone(),
        "client-id",
        "client-secret-xyz",
        "refresh-token-xyz",
    );
    let credential = superoffice_api::runtime::Credential::new(Auth::Bearer("access-1".into()))
        .with_app_token(Secret::new("app-secret-123"));
    let client = Client::builder()
        .tenant(env, "Cust1")
        .credentials(oauth)
        .so_app_token("app-secret-123")
        .build()
        .unwrap();
    let shown = format!(
        "{key:?} {system_user:?} {credential:?} {client:?} {:?} {:#?}",
        Secret::new("refresh-token-xyz"),
        client.defaults()
    );
    assert_no_secret(&shown);
    assert!(
        shown.contains("2048 bits") && shown.contains("Cust1"),
        "{shown}"
    );
}
