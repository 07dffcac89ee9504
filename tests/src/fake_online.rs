//! A fake SuperOffice Online environment on `127.0.0.1`, built on `wiremock`: the state
//! endpoint, the OAuth token endpoint, the system-user login with its JWKS, and two API nodes
//! of one tenant. It misbehaves on a fixed schedule (see [`Faults`]) and records what a client
//! must never do: send before a `Retry-After`, send without a `User-Agent`, send a ticket
//! without `SO-AppToken`, put a secret in a URL, send a forged ticket.
//!
//! It knows nothing of the crate under test: it checks the wire only.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The tenant the environment hosts.
pub const CONTEXT_ID: &str = "Cust12345";
/// The application's client id.
pub const CLIENT_ID: &str = "fake-client-id";
/// The application's client secret (also its `SO-AppToken`).
pub const CLIENT_SECRET: &str = "client-secret-3f9a";
/// The user's refresh token.
pub const REFRESH_TOKEN: &str = "refresh-token-77c1";
/// The system user token.
pub const SYSTEM_USER_TOKEN: &str = "SystemUserToken-1-ab12";
/// The ticket claim of the JWT the system-user login hands out.
pub const TICKET_CLAIM: &str = "http://schemes.superoffice.net/identity/ticket";
/// The ticket inside a forged JWT; it must never reach an API node.
pub const FORGED_TICKET: &str = "7T:forged-ticket";

/// The key fixtures, by file name.
pub fn key_fixture(name: &str) -> String {
    let path = format!("{}/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The path of a key fixture.
pub fn key_fixture_path(name: &str) -> String {
    format!("{}/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// What goes wrong, by the number of the API request (1 for the first, counted over both
/// nodes). `None` leaves that fault out.
#[derive(Debug, Clone)]
pub struct Faults {
    /// The first state lookup says `OnlineMaintenance` (with `Retry-After: 1`).
    pub state_maintenance: bool,
    /// This request is answered 429 with `Retry-After: 1`.
    pub throttle_at: Option<u32>,
    /// This request is answered 503 with an HTTP-date `Retry-After` two seconds ahead.
    pub maintenance_at: Option<u32>,
    /// This request's credential is revoked: it and every later use of it get 401.
    pub revoke_at: Option<u32>,
    /// The first GET from this request on is answered after `stall` (past the client's timeout).
    pub stall_get_from: Option<u32>,
    /// How long a stalled answer takes.
    pub stall: Duration,
    /// From this request on the tenant is on node B; node A answers 421.
    pub move_at: Option<u32>,
    /// The system-user login signs its JWT with a key the JWKS does not have.
    pub forge_jwt: bool,
}

impl Faults {
    /// Everything that can go wrong, each once, within 16 calls.
    pub fn all() -> Self {
        Faults {
            state_maintenance: true,
            throttle_at: Some(2),
            maintenance_at: Some(4),
            revoke_at: Some(6),
            stall_get_from: Some(8),
            stall: Duration::from_secs(3),
            move_at: Some(11),
            forge_jwt: false,
        }
    }
}

/// One request as an endpoint of the environment received it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `state`, `oauth`, `login`, `jwks`, `node-a` or `node-b`.
    pub endpoint: &'static str,
    /// The method.
    pub method: String,
    /// Path and query.
    pub url: String,
    /// When it arrived.
    pub at: SystemTime,
    /// `(name, value)` of its headers.
    pub headers: Vec<(String, String)>,
    /// What the environment answered.
    pub status: u16,
}

impl Seen {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct World {
    seen: Vec<Seen>,
    violations: Vec<String>,
    api_requests: u32,
    lookups: u32,
    grants: u32,
    stalled: bool,
    moved: bool,
    /// Credentials (access tokens or tickets) handed out and not revoked.
    valid: Vec<String>,
    /// Secrets that must not appear in URLs: the fixed ones and every credential handed out.
    secrets: Vec<String>,
    /// No request to the API nodes before this.
    api_not_before: Option<SystemTime>,
    /// No state lookup before this.
    state_not_before: Option<SystemTime>,
}

/// The running environment: its servers and what they saw.
pub struct FakeOnline {
    environment: MockServer,
    node_a: MockServer,
    node_b: MockServer,
    world: Arc<Mutex<World>>,
}

#[derive(Clone)]
struct Responder {
    endpoint: Endpoint,
    world: Arc<Mutex<World>>,
    faults: Faults,
    node_a: String,
    node_b: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Environment,
    NodeA,
    NodeB,
}

impl FakeOnline {
    /// Starts the environment with `faults`.
    pub async fn start(faults: Faults) -> Self {
        let environment = MockServer::start().await;
        let node_a = MockServer::start().await;
        let node_b = MockServer::start().await;
        let world = Arc::new(Mutex::new(World {
            secrets: [CLIENT_SECRET, REFRESH_TOKEN, SYSTEM_USER_TOKEN]
                .map(String::from)
                .to_vec(),
            ..World::default()
        }));
        for (server, endpoint) in [
            (&environment, Endpoint::Environment),
            (&node_a, Endpoint::NodeA),
            (&node_b, Endpoint::NodeB),
        ] {
            let responder = Responder {
                endpoint,
                world: world.clone(),
                faults: faults.clone(),
                node_a: node_a.uri(),
                node_b: node_b.uri(),
            };
            Mock::given(any())
                .respond_with(responder)
                .mount(server)
                .await;
        }
        FakeOnline {
            environment,
            node_a,
            node_b,
            world,
        }
    }

    /// The environment's base URL (`SO_ENVIRONMENT`).
    pub fn environment(&self) -> String {
        self.environment.uri()
    }

    /// Every request, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    /// What the client did that it must not.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// State lookups received.
    pub fn lookups(&self) -> u32 {
        self.lock().lookups
    }

    /// Credential grants (token or login) received.
    pub fn grants(&self) -> u32 {
        self.lock().grants
    }

    /// API requests received (both nodes).
    pub fn api_requests(&self) -> u32 {
        self.lock().api_requests
    }

    /// The URLs of the two API nodes.
    pub fn nodes(&self) -> (String, String) {
        (self.node_a.uri(), self.node_b.uri())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut world = self.world.lock().unwrap_or_else(PoisonError::into_inner);
        let now = SystemTime::now();
        let url = match request.url.query() {
            Some(q) => format!("{}?{q}", request.url.path()),
            None => request.url.path().to_owned(),
        };
        let headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let mut seen = Seen {
            endpoint: "",
            method: request.method.to_string(),
            url: url.clone(),
            at: now,
            headers,
            status: 0,
        };
        match seen.header("user-agent") {
            Some(ua) if ua.starts_with("superoffice-api/") => {}
            other => world
                .violations
                .push(format!("{} {url}: User-Agent {other:?}", seen.method)),
        }
        if world.secrets.iter().any(|s| url.contains(s.as_str())) {
            world
                .violations
                .push(format!("{} {url}: a secret in the URL", seen.method));
        }
        let (endpoint, answer) = match self.endpoint {
            Endpoint::Environment => self.environment(&mut world, request, now),
            node => self.node(&mut world, request, &seen, now, node == Endpoint::NodeA),
        };
        seen.endpoint = endpoint;
        seen.status = answer.status;
        world.seen.push(seen);
        answer.template
    }
}

struct Answer {
    status: u16,
    template: ResponseTemplate,
}

fn answer(status: u16, body: Value) -> Answer {
    Answer {
        status,
        template: ResponseTemplate::new(status).set_body_json(body),
    }
}

fn with_header(mut a: Answer, name: &str, value: &str) -> Answer {
    a.template = a.template.insert_header(name, value);
    a
}

/// An IMF-fixdate, as `Retry-After` and `Date` carry it.
pub fn http_date(at: SystemTime) -> String {
    let at: chrono::DateTime<chrono::Utc> = at.into();
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

impl Responder {
    fn environment(
        &self,
        world: &mut World,
        request: &Request,
        now: SystemTime,
    ) -> (&'static str, Answer) {
        let path = request.url.path();
        if path == format!("/api/state/{CONTEXT_ID}") {
            world.lookups += 1;
            if world.state_not_before.is_some_and(|t| now < t) {
                world
                    .violations
                    .push("state lookup before its Retry-After".into());
            }
            if self.faults.state_maintenance && world.lookups == 1 {
                world.state_not_before = Some(now + Duration::from_secs(1));
                let a = answer(
                    200,
                    state_json("OnlineMaintenance", false, &self.node_a, now),
                );
                return ("state", with_header(a, "Retry-After", "1"));
            }
            let node = if world.moved {
                &self.node_b
            } else {
                &self.node_a
            };
            return ("state", answer(200, state_json("Running", true, node, now)));
        }
        if path == "/login/common/oauth/tokens" && request.method.as_str() == "POST" {
            world.grants += 1;
            let form: Vec<(String, String)> = url_form(&request.body);
            let get = |k: &str| {
                form.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("")
            };
            if get("grant_type") != "refresh_token"
                || get("client_id") != CLIENT_ID
                || get("client_secret") != CLIENT_SECRET
                || get("refresh_token") != REFRESH_TOKEN
            {
                return ("oauth", answer(400, json!({"error": "invalid_grant"})));
            }
            let token = format!("access-token-{}", world.grants);
            world.valid.push(format!("Bearer {token}"));
            world.secrets.push(token.clone());
            return (
                "oauth",
                answer(
                    200,
                    json!({"token_type": "Bearer", "access_token": token, "expires_in": 3600,
                           "id_token": "not.a.jwt"}),
                ),
            );
        }
        if path == "/Login/api/PartnerSystemUser/Authenticate" && request.method.as_str() == "POST"
        {
            world.grants += 1;
            if let Err(why) = check_signed_token(&request.body) {
                world.violations.push(format!("system user login: {why}"));
                return (
                    "login",
                    answer(
                        200,
                        json!({"IsSuccessful": false, "ErrorMessage": why, "Token": null}),
                    ),
                );
            }
            let (ticket, key) = if self.faults.forge_jwt {
                (FORGED_TICKET.to_owned(), key_fixture("jwt_forger.pem"))
            } else {
                (
                    format!("7T:ticket-{}", world.grants),
                    key_fixture("jwt_signer.pem"),
                )
            };
            let mut header = Header::new(Algorithm::RS256);
            header.kid = Some("fake-env-1".into());
            let exp = now
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs()
                + 3600;
            let claims = json!({TICKET_CLAIM: ticket, "exp": exp, "iss": "fake-superoffice",
                                "sub": "system user"});
            let jwt = jsonwebtoken::encode(
                &header,
                &claims,
                &EncodingKey::from_rsa_pem(key.as_bytes()).unwrap(),
            )
            .unwrap();
            if !self.faults.forge_jwt {
                world.valid.push(format!("SOTicket {ticket}"));
            }
            world.secrets.push(ticket);
            world.secrets.push(jwt.clone());
            return (
                "login",
                answer(
                    200,
                    json!({"IsSuccessful": true, "ErrorMessage": "", "Token": jwt}),
                ),
            );
        }
        if path == "/login/.well-known/jwks" {
            let jwks: Value = serde_json::from_str(&key_fixture("jwt_signer.jwks.json")).unwrap();
            return ("jwks", answer(200, jwks));
        }
        (
            "environment",
            answer(404, json!({"Message": "no such page"})),
        )
    }

    fn node(
        &self,
        world: &mut World,
        request: &Request,
        seen: &Seen,
        now: SystemTime,
        is_a: bool,
    ) -> (&'static str, Answer) {
        let name = if is_a { "node-a" } else { "node-b" };
        world.api_requests += 1;
        let n = world.api_requests;
        if world.api_not_before.is_some_and(|t| now < t) {
            world
                .violations
                .push(format!("API request {n} before the Retry-After"));
        }
        let auth = seen.header("authorization").unwrap_or("").to_owned();
        if auth.contains(FORGED_TICKET) {
            world
                .violations
                .push(format!("API request {n} sent the forged ticket"));
        }
        if auth.starts_with("SOTicket ") && seen.header("so-apptoken") != Some(CLIENT_SECRET) {
            world
                .violations
                .push(format!("API request {n}: a ticket without SO-AppToken"));
        }
        if self.faults.move_at == Some(n) {
            world.moved = true;
        }
        if is_a && world.moved {
            return (name, answer(421, json!({"Message": "Misdirected"})));
        }
        if !is_a && !world.moved {
            return (name, answer(421, json!({"Message": "not here yet"})));
        }
        if self.faults.throttle_at == Some(n) {
            world.api_not_before = Some(now + Duration::from_secs(1));
            return (
                name,
                with_header(
                    answer(429, json!({"Message": "slow down"})),
                    "Retry-After",
                    "1",
                ),
            );
        }
        if self.faults.maintenance_at == Some(n) {
            let until = now + Duration::from_secs(2);
            let date = http_date(until);
            // The client can only know the date, to the second.
            let secs = until
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            world.api_not_before = Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
            return (
                name,
                with_header(
                    answer(503, json!({"Message": "maintenance"})),
                    "Retry-After",
                    &date,
                ),
            );
        }
        if self.faults.revoke_at == Some(n) {
            world.valid.retain(|v| v != &auth);
        }
        if !world.valid.contains(&auth) {
            return (name, answer(401, json!({"Message": "not authenticated"})));
        }
        let path = request.url.path();
        let base = format!("/{CONTEXT_ID}/api/v1");
        let mut a = if path == format!("{base}/ChatSession/ForCurrentUser") && seen.method == "GET"
        {
            answer(200, json!([{"ChatSessionId": n, "CustomerName": "Ann"}]))
        } else if path == format!("{base}/Agents/TimeZone/TimeOfLastTimeZoneUpdate")
            && seen.method == "POST"
        {
            answer(200, json!("2026-12-01T10:00:00"))
        } else {
            answer(404, json!({"Message": "no such endpoint"}))
        };
        if seen.method == "GET"
            && !world.stalled
            && self.faults.stall_get_from.is_some_and(|from| n >= from)
        {
            world.stalled = true;
            a.template = a.template.set_delay(self.faults.stall);
        }
        (name, a)
    }
}

/// The state endpoint's JSON for a tenant on `node`.
fn state_json(state: &str, running: bool, node: &str, now: SystemTime) -> Value {
    let until: chrono::DateTime<chrono::Utc> = (now + Duration::from_secs(3600)).into();
    json!({
        "ContextIdentifier": CONTEXT_ID,
        "Endpoint": format!("{node}/{CONTEXT_ID}"),
        "State": state,
        "IsRunning": running,
        "ValidUntil": until.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "Api": format!("{node}/{CONTEXT_ID}/api"),
    })
}

/// `application/x-www-form-urlencoded` pairs.
fn url_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// Checks the system-user login body: the signature over `token.yyyyMMddHHmm` with the
/// application's public key, a time within two minutes, and the other fields.
fn check_signed_token(body: &[u8]) -> Result<(), String> {
    let body: Value = serde_json::from_slice(body).map_err(|e| format!("body: {e}"))?;
    let field = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    if field("ApplicationToken") != CLIENT_SECRET {
        return Err("wrong ApplicationToken".into());
    }
    if field("ContextIdentifier") != CONTEXT_ID || field("ReturnTokenType") != "JWT" {
        return Err("wrong ContextIdentifier or ReturnTokenType".into());
    }
    let signed = field("SignedSystemToken");
    let (data, signature) = signed.rsplit_once('.').ok_or("no signature")?;
    let (token, time) = data.rsplit_once('.').ok_or("no time")?;
    if token != SYSTEM_USER_TOKEN {
        return Err("wrong system user token".into());
    }
    let when = chrono::NaiveDateTime::parse_from_str(time, "%Y%m%d%H%M")
        .map_err(|_| format!("time {time:?} is not yyyyMMddHHmm"))?
        .and_utc();
    if (chrono::Utc::now() - when).num_seconds().abs() > 120 {
        return Err(format!("time {time} is not now (UTC)"));
    }
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(signature)
        .map_err(|_| "signature is not base64")?;
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let key = DecodingKey::from_rsa_pem(key_fixture("client_public.pem").as_bytes())
        .map_err(|e| format!("public key: {e}"))?;
    match jsonwebtoken::crypto::verify(&url_safe, data.as_bytes(), &key, Algorithm::RS256) {
        Ok(true) => Ok(()),
        _ => Err("signature does not verify".into()),
    }
}
