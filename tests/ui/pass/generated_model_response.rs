//! Responses that are generated models: plain, optional (204 or `null`) and in a list.

use superoffice_api::models::ChatSessionEntity;
use superoffice_api::runtime::{ApiRequest, RawResponse};
use superoffice_api::so_endpoint;

/// Gets a chat session.
#[so_endpoint(GET "/api/v1/ChatSession/{id}", response = ChatSessionEntity)]
pub struct GetSession {
    id: i32,
}

/// Answers a session; nothing when it was not in the queue.
#[so_endpoint(POST "/api/v1/ChatSession/{chatSessionId}/Pickup",
              response = Option<superoffice_api::models::ChatSessionEntity>)]
pub struct PickUp {
    chat_session_id: i32,
}

/// All sessions of a topic.
#[so_endpoint(GET "/api/v1/ChatTopic/{topicId}/Sessions", response = Vec<ChatSessionEntity>)]
pub struct TopicSessions {
    topic_id: i32,
}

fn response(status: u16, body: &str) -> RawResponse {
    RawResponse::new(http::StatusCode::from_u16(status).unwrap(), body.to_string())
}

fn main() {
    let session: ChatSessionEntity =
        GetSession::decode(response(200, r#"{"ChatSessionId":5}"#)).unwrap();
    assert_eq!(session.chat_session_id, Some(5));

    let picked: Option<ChatSessionEntity> = PickUp::decode(response(204, "")).unwrap();
    assert!(picked.is_none());
    let picked = PickUp::decode(response(200, r#"{"ChatSessionId":6}"#)).unwrap();
    assert_eq!(picked.unwrap().chat_session_id, Some(6));

    let all: Vec<ChatSessionEntity> =
        TopicSessions::decode(response(200, r#"[{"ChatSessionId":1},{}]"#)).unwrap();
    assert_eq!(all.len(), 2);
    let _ = (GetSession::new(1), PickUp::new(1), TopicSessions::new(1));
}
