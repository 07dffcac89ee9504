use superoffice_api::so_endpoint;

/// Answers a session.
///
/// Returns null if the session was not in the queue.
#[so_endpoint(
    POST "/api/v1/ChatSession/{chatSessionId}/Pickup",
    response = superoffice_api::models::ChatSessionEntity
)]
pub struct PickUp {
    chat_session_id: i32,
}

fn main() {}
