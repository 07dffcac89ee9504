//! Building SuperOffice requests without any HTTP client (sans-IO), and decoding a response.
//!
//! `cargo run -p superoffice-api --example build_requests --features all`
//!
//! Every endpoint is a builder that turns into a plain `http::Request`, so it works with any
//! client; the typed response comes from `ApiRequest::decode` on whatever bytes came back.

use superoffice_api::rest::chat_session::{PatchChatSessionEntity, TransferChatSession};
use superoffice_api::runtime::{ApiRequest, Auth, BaseUrl, JsonPatch, RawResponse, WithOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base: BaseUrl = "https://online.superoffice.com/Cust12345".parse()?;

    // Path parts go in `new`; documented headers are chained; credentials can be per request.
    let transfer = TransferChatSession::new(42, "jane doe")
        .so_language("en")
        .auth(Auth::Bearer("token".into()));
    let request = transfer.to_http_request(&base)?;
    println!("{} {}", request.method(), request.uri());
    for (name, value) in request.headers() {
        if name != "authorization" {
            println!("  {name}: {}", value.to_str()?);
        }
    }

    // PATCH takes a typed JSON-Patch document.
    let patch = JsonPatch::new().replace("/CustomerName", serde_json::json!("Ann"));
    let request = PatchChatSessionEntity::new(42, patch).to_http_request(&base)?;
    println!(
        "{} {}\n  body: {}",
        request.method(),
        request.uri(),
        String::from_utf8_lossy(request.body())
    );

    // Decoding: the typed value on 2xx, a typed error (status, SuperOffice's error) otherwise.
    let body =
        br#"{"ChatSessionId": 42, "Status": "Active", "Flags": "CustomerIsTyping, UserIsTyping"}"#;
    let response = RawResponse::new(http::StatusCode::OK, body.to_vec());
    let session = TransferChatSession::decode(response)?;
    println!(
        "decoded session {:?} with status {:?}",
        session.chat_session_id, session.status
    );
    Ok(())
}
