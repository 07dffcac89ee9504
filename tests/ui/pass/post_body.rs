//! POST with a JSON body of the user's type, answered by a generated model.

use serde::Serialize;
use superoffice_api::models::ChatSessionEntity;
use superoffice_api::runtime::{ApiRequest, BaseUrl};
use superoffice_api::so_endpoint;

/// The message to post.
#[derive(Debug, Clone, Serialize)]
pub struct NewMessage {
    #[serde(rename = "Text")]
    pub text: String,
    #[serde(rename = "Urgent")]
    pub urgent: bool,
}

/// Posts a message to a chat session and returns the session.
#[so_endpoint(POST "/api/v1/ChatSession/{chatSessionId}/Messages", response = ChatSessionEntity)]
pub struct PostMessage {
    chat_session_id: i32,
    /// The message.
    #[body]
    message: NewMessage,
}

fn main() {
    let base = BaseUrl::parse("https://sod.superoffice.com/Cust1").unwrap();
    let message = NewMessage {
        text: "Hei på deg".into(),
        urgent: true,
    };
    let http = PostMessage::new(12, message).to_http_request(&base).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri(),
        "https://sod.superoffice.com/Cust1/api/v1/ChatSession/12/Messages"
    );
    assert_eq!(http.headers()["content-type"], "application/json; charset=utf-8");
    assert_eq!(
        http.body(),
        r#"{"Text":"Hei på deg","Urgent":true}"#.as_bytes()
    );
}
