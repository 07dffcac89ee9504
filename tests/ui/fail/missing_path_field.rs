use superoffice_api::so_endpoint;

#[so_endpoint(GET "/api/v1/ChatSession/{chatSessionId}/Messages/{messageId}")]
pub struct GetMessage {
    chat_session_id: i32,
}

/// A unit struct has no fields for its path parts either.
#[so_endpoint(DELETE "/api/v1/Contact/{id}")]
pub struct DeleteContact;

fn main() {}
