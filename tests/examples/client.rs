//! The async client against a local stand-in for a SuperOffice tenant.
//!
//! `cargo run -p workspace-tests --example client`
//!
//! The loopback server answers like SuperOffice would; the client sets the SO-* headers and the
//! credentials once, a request overrides the language, and both a typed value and SuperOffice's
//! typed error come back.

use superoffice_api::rest::chat_session::PickUpChatSession;
use superoffice_api::runtime::{ApiError, Auth, BaseUrl, Client, RequestOptions, WithOptions};
use workspace_tests::loopback::{CannedResponse, LoopbackServer};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = LoopbackServer::start(2, |req| {
        if req.path().ends_with("/42/Pickup") {
            CannedResponse::json(200, r#"{"ChatSessionId": 42, "Status": "Active"}"#)
        } else {
            CannedResponse::json(
                404,
                r#"{"Error": "No such chat session", "ErrorType": "Exception"}"#,
            )
        }
    })?;

    let defaults = RequestOptions {
        so_language: Some("en".into()),
        ..RequestOptions::default()
    };
    let client = Client::builder()
        .base_url(server.base_url().parse::<BaseUrl>()?)
        .defaults(defaults)
        .auth(Auth::SoTicket("7T:abc".into()))
        .build()?;

    let session = client
        .send(PickUpChatSession::new(42).so_language("sv"))
        .await?;
    println!("picked up {:?}", session.map(|s| s.chat_session_id));

    match client.send(PickUpChatSession::new(7)).await {
        Err(ApiError::Status { status, error, .. }) => {
            println!(
                "{status}: {}",
                error.and_then(|e| e.error).unwrap_or_default()
            )
        }
        other => println!("unexpected: {other:?}"),
    }
    for req in server.requests() {
        println!(
            "server saw {} {} (SO-Language: {})",
            req.method,
            req.path(),
            req.header("so-language").unwrap_or("-")
        );
    }
    Ok(())
}
