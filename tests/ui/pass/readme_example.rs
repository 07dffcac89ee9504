//! The README's `#[so_endpoint]` example, as written there, so that it keeps compiling.

use serde::{Deserialize, Serialize};
use superoffice_api::models::ChatSessionEntity;
use superoffice_api::runtime::{Client, WithOptions};
use superoffice_api::so_endpoint;

/// 'answer' the session: assign the session to the user.
///
/// Returns null if the session was not in the queue.
#[so_endpoint(POST "/api/v1/ChatSession/{chatSessionId}/Pickup",
              response = Option<ChatSessionEntity>)]
pub struct PickUp {
    /// Fills `{chatSessionId}`: a field without attribute is the path part of its name.
    chat_session_id: i32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question { pub text: String }

#[derive(Debug, Deserialize)]
pub struct Answer { pub text: String }

/// Our own CRMScript endpoint.
#[so_endpoint(POST "/api/v1/CRMScript/ask/{topic}", response = Answer,
              docs = "https://example.com/docs/ask")]
pub struct Ask {
    topic: String,
    /// A query parameter, left out until set; `rename` gives its wire name.
    #[query(rename = "$depth")]
    depth: Option<i32>,
    /// The JSON request body.
    #[body]
    question: Question,
}

async fn demo(client: &Client) -> Result<(), superoffice_api::runtime::ApiError> {
    let _session: Option<ChatSessionEntity> = client.send(PickUp::new(12)).await?;
    let question = Question { text: "Why?".into() };
    let _answer: Answer = client.send(Ask::new("life", question).depth(3).so_language("en")).await?;
    Ok(())
}

fn main() {
    // Only compiled: sending needs a server (see tests/tests/so_endpoint.rs).
    let _ = demo;
}
