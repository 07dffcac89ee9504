//! `#[so_endpoint]` endpoints against their generated twins and over the wire.
//!
//! A hand-written endpoint for a documented page must build the very same request as the
//! generated builder for that page, and decode the same response to the same value; and it
//! must go through the runtime's `Client` like any generated endpoint.

use http::header::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use superoffice_api::agents::chat::PickUpFirstChatSession;
use superoffice_api::models::ChatSessionEntity;
use superoffice_api::rest::chat_session::{PickUpChatSession, META_PICK_UP_CHAT_SESSION};
use superoffice_api::runtime::{
    build_request, ApiRequest, Auth, BaseUrl, Client, RawResponse, RequestOptions, WithOptions,
};
use superoffice_api::so_endpoint;
use workspace_tests::loopback::{CannedResponse, LoopbackServer};

/// 'answer' the session: assign the session to the user.
///
/// The welcome message is sent to the customer. Returns NULL if session was not in queue.
#[so_endpoint(POST "/api/v1/ChatSession/{chatSessionId}/Pickup",
              response = Option<ChatSessionEntity>,
              id = "v1ChatSessionEntity_PickUpChatSession")]
pub struct PickUp {
    /// id of the chat session to answer
    chat_session_id: i32,
}

/// 'answer' the first available session from the queue.
#[so_endpoint(POST "/api/v1/Agents/Chat/PickUpFirstChatSession", response = ChatSessionEntity)]
pub struct PickUpFirst {
    #[query(rename = "$select")]
    select: Option<String>,
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://sod.superoffice.com/Cust12345").unwrap()
}

/// Everything that goes on the wire, headers in order with their bytes.
type Wire = (String, String, Vec<(String, Vec<u8>)>, Vec<u8>);

fn wire(request: http::Request<Vec<u8>>) -> Wire {
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
        .collect();
    (
        request.method().to_string(),
        request.uri().to_string(),
        headers,
        request.body().clone(),
    )
}

/// Client-like defaults, so the merge of defaults and per-request options is compared too.
fn defaults() -> RequestOptions {
    RequestOptions::new()
        .so_language("en")
        .auth(Auth::Bearer("token".into()))
}

/// Per-request options set identically on both builders.
fn with_options<R: WithOptions>(request: R) -> R {
    request.so_culture("nb-NO").accept_language("nb").header(
        HeaderName::from_static("x-trace"),
        HeaderValue::from_static("abc"),
    )
}

#[test]
fn hand_written_pick_up_builds_the_generated_request_byte_for_byte() {
    let ours = || with_options(PickUp::new(42));
    let generated = || with_options(PickUpChatSession::new(42));
    assert_eq!(
        wire(build_request(&base(), &defaults(), ours().into_parts().unwrap()).unwrap()),
        wire(build_request(&base(), &defaults(), generated().into_parts().unwrap()).unwrap())
    );
    let ours = wire(ours().to_http_request(&base()).unwrap());
    assert_eq!(ours, wire(generated().to_http_request(&base()).unwrap()));
    // And what that request is, so the comparison is not between two empty things.
    assert_eq!(ours.0, "POST");
    assert_eq!(
        ours.1,
        "https://sod.superoffice.com/Cust12345/api/v1/ChatSession/42/Pickup"
    );
    assert!(ours.2.contains(&("x-trace".to_string(), b"abc".to_vec())));
    assert!(ours.3.is_empty());
}

#[test]
fn hand_written_query_endpoint_builds_the_generated_request_byte_for_byte() {
    let ours = PickUpFirst::new().select("Name,department");
    let generated = PickUpFirstChatSession::new().select("Name,department");
    let ours = wire(ours.to_http_request(&base()).unwrap());
    assert_eq!(ours, wire(generated.to_http_request(&base()).unwrap()));
    assert_eq!(
        ours.1,
        "https://sod.superoffice.com/Cust12345/api/v1/Agents/Chat/PickUpFirstChatSession?$select=Name%2Cdepartment"
    );
}

#[test]
fn hand_written_metadata_and_decoding_match_the_generated_ones() {
    let ours = PickUp::new(1).meta();
    let generated = &META_PICK_UP_CHAT_SESSION;
    assert_eq!(ours.id, generated.id);
    assert_eq!(ours.method, generated.method);
    assert_eq!(ours.path_template, generated.path_template);
    assert_eq!(ours.summary, generated.summary);

    let body = r#"{"ChatSessionId":7,"CustomerName":"Jo"}"#;
    for (status, body) in [(200, body), (204, ""), (200, "null")] {
        let raw = || RawResponse::new(http::StatusCode::from_u16(status).unwrap(), body);
        // Same `Response` type (`Option<ChatSessionEntity>`), same value.
        let ours: Option<ChatSessionEntity> = PickUp::decode(raw()).unwrap();
        assert_eq!(ours, PickUpChatSession::decode(raw()).unwrap());
        assert_eq!(ours.is_some(), status == 200 && body != "null");
    }
}

// --- Over the wire ------------------------------------------------------------

/// A custom CRMScript endpoint's input.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    #[serde(rename = "Text")]
    pub text: String,
}

/// Its answer.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Answer {
    #[serde(rename = "Text")]
    pub text: String,
    #[serde(rename = "Score")]
    pub score: f64,
}

/// Asks our CRMScript a question.
#[so_endpoint(POST "/api/v1/CRMScript/ask/{topic}", response = Answer,
              docs = "https://example.com/ask")]
pub struct Ask {
    /// The topic.
    topic: String,
    /// How many alternatives to weigh.
    #[query]
    depth: Option<i32>,
    /// The question.
    #[body]
    question: Question,
}

#[tokio::test]
async fn hand_written_endpoints_go_through_the_client() {
    let server = LoopbackServer::start(2, |req| match (req.method.as_str(), req.path()) {
        ("POST", "/Cust1/api/v1/CRMScript/ask/life%20%26%20all") => {
            CannedResponse::json(200, r#"{"Text":"42","Score":0.5,"Extra":[]}"#)
        }
        ("POST", "/Cust1/api/v1/ChatSession/9/Pickup") => CannedResponse::new(204),
        _ => CannedResponse::html(500, "<html>unexpected request</html>"),
    })
    .unwrap();
    let client = Client::builder()
        .base_url(BaseUrl::parse(&format!("{}/Cust1", server.base_url())).unwrap())
        .auth(Auth::Basic {
            user: "jo".into(),
            password: "pw".into(),
        })
        .so_app_token("app")
        .build()
        .unwrap();

    let question = Question {
        text: "Why?".into(),
    };
    let answer: Answer = client
        .send(Ask::new("life & all", question).depth(3).so_language("de"))
        .await
        .unwrap();
    assert_eq!(
        answer,
        Answer {
            text: "42".into(),
            score: 0.5
        }
    );
    let picked: Option<ChatSessionEntity> = client.send(PickUp::new(9)).await.unwrap();
    assert_eq!(picked, None);

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let ask = &requests[0];
    assert_eq!(ask.method, "POST");
    assert_eq!(
        ask.path_and_query,
        "/Cust1/api/v1/CRMScript/ask/life%20%26%20all?depth=3"
    );
    assert_eq!(ask.body, br#"{"Text":"Why?"}"#);
    assert_eq!(
        ask.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(ask.header("accept"), Some("application/json"));
    assert_eq!(ask.header("so-language"), Some("de"));
    assert_eq!(ask.header("so-apptoken"), Some("app"));
    assert_eq!(ask.header("authorization"), Some("Basic am86cHc="));
    assert_eq!(META_ASK.docs_url, "https://example.com/ask");
}
