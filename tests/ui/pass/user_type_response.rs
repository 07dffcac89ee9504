//! A response of the user's own type, named by path; a custom CRMScript endpoint with its docs
//! link; `crate = ...`; and the other response shapes: none, bytes, JSON Patch body.

use superoffice_api::runtime::{ApiRequest, JsonPatch, RawResponse};
use superoffice_api::so_endpoint;

mod wire {
    /// What the script answers.
    #[derive(Debug, serde::Deserialize, PartialEq)]
    pub struct ScriptResult {
        pub ok: bool,
        pub count: u32,
    }
}

/// Runs our CRMScript.
#[so_endpoint(GET "/api/v1/CRMScript/run/{name}", response = wire::ScriptResult,
              id = "Custom_RunScript", docs = "https://example.com/scripts/run",
              crate = ::superoffice_api)]
pub(crate) struct RunScript {
    name: String,
}

/// Deletes a thing; no response body.
#[so_endpoint(DELETE "/api/v1/Thing/{id}")]
pub struct DeleteThing {
    id: i64,
}

/// Downloads a blob.
#[so_endpoint(GET "/api/v1/Blob/{id}/Content", response = bytes::Bytes)]
pub struct DownloadBlob {
    id: i32,
}

/// Patches a thing.
#[so_endpoint(PATCH "/api/v1/Thing/{id}", response = serde_json::Value)]
pub struct PatchThing {
    id: i32,
    #[body]
    changes: JsonPatch,
}

fn main() {
    let ok = RawResponse::new(http::StatusCode::OK, r#"{"ok":true,"count":3}"#);
    assert_eq!(
        RunScript::decode(ok).unwrap(),
        wire::ScriptResult { ok: true, count: 3 }
    );
    assert_eq!(META_RUN_SCRIPT.id, "Custom_RunScript");
    assert_eq!(META_RUN_SCRIPT.docs_url, "https://example.com/scripts/run");
    let _ = RunScript::new("x");

    let none = RawResponse::new(http::StatusCode::NO_CONTENT, "");
    let (): () = DeleteThing::decode(none).unwrap();
    let _ = DeleteThing::new(1);

    let base = superoffice_api::runtime::BaseUrl::parse("https://h/c").unwrap();
    let http = DownloadBlob::new(3).to_http_request(&base).unwrap();
    assert_eq!(http.headers()["accept"], "application/octet-stream");
    let data: bytes::Bytes =
        DownloadBlob::decode(RawResponse::new(http::StatusCode::OK, vec![0u8, 255])).unwrap();
    assert_eq!(&data[..], &[0, 255]);

    let http = PatchThing::new(4, JsonPatch::new().replace("/Name", serde_json::json!("x")))
        .to_http_request(&base)
        .unwrap();
    assert_eq!(http.method(), "PATCH");
    assert_eq!(http.headers()["content-type"], "application/json-patch+json");
}
