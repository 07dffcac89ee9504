//! Every endpoint of `docs-input/`, checked against its own page (read at test time through
//! the `codegen` library; nothing here is copied from the pages):
//!
//! - `sample`: the page's sample response decodes into the builder's response type and
//!   serializes back to the sample (up to `null`s, which the models leave out);
//! - `loopback`: against the loopback server answering with that sample, the client sends the
//!   documented method and path, the page's headers (set once on the client, `SO-Language`
//!   overridden on the request), the right `Accept` and `Content-Type`, and the page's sample
//!   request as the body; and it returns the sample typed.
//!
//! The table at the bottom names each endpoint's builder and how to start it from the page;
//! `the_table_covers_every_endpoint` keeps it complete.

mod pages;

use std::collections::BTreeSet;
use std::fmt::Debug;

use http::StatusCode;
use serde::Serialize;
use superoffice_api::runtime::{
    ApiRequest, Auth, BaseUrl, Client, EndpointMeta, RawResponse, WithOptions,
};
use superoffice_api::{agents, rest};
use workspace_tests::loopback::{CannedResponse, LoopbackServer};

use codegen::ir::BodyKind;
use pages::{api, difference, Case, UPLOAD};

/// The sample response, decoded as `B` would decode it.
fn decode_sample<B: ApiRequest>(case: &Case) -> (pages::Answer, B::Response) {
    let answer = case.answer();
    let raw = RawResponse::new(
        StatusCode::from_u16(answer.status).expect("a valid status"),
        answer.body.clone(),
    );
    let value =
        B::decode(raw).unwrap_or_else(|e| panic!("sample response of {}: {e}", case.endpoint.id));
    (answer, value)
}

/// A JSON (or `()`) response: the sample decodes and serializes back to itself.
fn check_json_sample<B>(case: &Case, _start: impl FnOnce(&Case) -> B)
where
    B: ApiRequest,
    B::Response: Serialize,
{
    assert!(!case.downloads(), "{} downloads bytes", case.endpoint.id);
    let (_, value) = decode_sample::<B>(case);
    let back = serde_json::to_value(&value).expect("the response type serializes");
    if let Some(what) = difference("", &case.sample_response(), &back) {
        panic!("{}: {what}", case.endpoint.id);
    }
}

/// A download: the bytes come back untouched, whatever they are.
fn check_bytes_sample<B>(case: &Case, _start: impl FnOnce(&Case) -> B)
where
    B: ApiRequest<Response = bytes::Bytes>,
{
    assert!(
        case.downloads(),
        "{} does not download bytes",
        case.endpoint.id
    );
    let (answer, value) = decode_sample::<B>(case);
    assert_eq!(value, answer.body);
}

/// The client sends what the page documents and returns the sample typed.
async fn check_on_loopback<B>(case: &Case, start: impl FnOnce(&Case) -> B)
where
    B: ApiRequest + WithOptions,
    B::Response: PartialEq + Debug,
{
    let id = &case.endpoint.id;
    let (answer, expected) = decode_sample::<B>(case);
    let (status, content_type, body) = (answer.status, answer.content_type, answer.body);
    let server = LoopbackServer::start(1, move |_| {
        CannedResponse::new(status)
            .header("Content-Type", content_type)
            .body(body.clone())
    })
    .unwrap();
    let client = Client::builder()
        .base_url(BaseUrl::parse(&format!("{}/Cust1/api/", server.base_url())).unwrap())
        .auth(Auth::SoTicket("7T:abc".into()))
        .accept_language("nb-NO")
        .so_language("en")
        .so_culture("nb-NO")
        .so_timezone("CET")
        .so_app_token("app-token")
        .build()
        .unwrap();
    let got = client
        .send(start(case).so_language("de"))
        .await
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(got, expected, "{id}: typed value");

    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{id}");
    let req = &requests[0];
    assert_eq!(req.method, case.endpoint.method.as_str(), "{id}");
    assert_eq!(req.path_and_query, format!("/Cust1{}", case.path()), "{id}");
    for (name, value) in [
        ("Authorization", "SOTicket 7T:abc"),
        ("Accept-Language", "nb-NO"),
        ("SO-Language", "de"),
        ("SO-Culture", "nb-NO"),
        ("SO-TimeZone", "CET"),
        ("SO-AppToken", "app-token"),
    ] {
        if case.documents_header(name) {
            assert_eq!(req.header(name), Some(value), "{id}: {name}");
        }
    }
    let accept = req.header("accept").expect("an Accept header");
    let listed = case.listed_media("Accept");
    for media in accept.split(',').map(str::trim) {
        assert!(
            listed.is_empty() || listed.iter().any(|l| l == media),
            "{id}: Accept {media} is not among {listed:?}"
        );
    }

    let content_type = req.header("content-type");
    let listed = case.listed_media("Content-Type");
    let in_listed = |media: &str| {
        let essence = media.split(';').next().unwrap_or("").trim();
        listed.is_empty() || listed.iter().any(|l| l == essence)
    };
    match case.endpoint.request_body.as_ref().map(|b| b.kind) {
        None => {
            assert!(req.body.is_empty(), "{id}: body");
            assert_eq!(content_type, None, "{id}");
        }
        Some(BodyKind::Binary) => {
            let body = case.endpoint.request_body.as_ref().unwrap();
            if body.media_types.first().map(String::as_str) == Some("multipart/form-data") {
                // A form with one file part: the bytes, untouched, typed as they show.
                let part = format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n\
                     Content-Type: image/png\r\n\r\n",
                    body.name, body.name
                );
                let text = String::from_utf8_lossy(&req.body);
                assert!(text.contains(&part), "{id}: {text}");
                assert!(
                    req.body.windows(UPLOAD.len()).any(|w| w == UPLOAD),
                    "{id}: the bytes"
                );
                let form = content_type.unwrap_or("");
                assert!(
                    form.starts_with("multipart/form-data; boundary="),
                    "{id}: {form}"
                );
                assert!(in_listed(form), "{id}: forms are not documented");
            } else {
                assert_eq!(req.body, UPLOAD, "{id}: the bytes, untouched");
                assert_eq!(
                    content_type,
                    Some("image/png"),
                    "{id}: sniffed from the bytes"
                );
            }
            assert!(in_listed("image/png"), "{id}: image/png is not documented");
        }
        Some(kind) => {
            let sent: serde_json::Value = serde_json::from_slice(&req.body)
                .unwrap_or_else(|e| panic!("{id}: body is not JSON: {e}"));
            assert_eq!(sent, case.sample_request(), "{id}: body");
            if kind == BodyKind::JsonPatch {
                assert_eq!(content_type, Some("application/json-patch+json"), "{id}");
            } else {
                assert_eq!(
                    content_type,
                    Some("application/json; charset=utf-8"),
                    "{id}"
                );
                assert!(
                    in_listed("application/json"),
                    "{id}: JSON is not documented"
                );
            }
        }
    }
}

/// Per endpoint: `name: json|bytes META => |case| builder;` gives a module `name` with a
/// `sample` and a `loopback` test.
macro_rules! endpoints {
    ($($name:ident: $kind:ident $meta:path => |$case:ident| $start:expr;)*) => {
        /// The endpoints the table covers.
        static COVERED: &[&EndpointMeta] = &[$(&$meta),*];

        $(
            mod $name {
                use super::*;

                #[test]
                fn sample() {
                    let case = Case::of(&$meta);
                    endpoints!(@sample $kind, &case, |$case: &Case| $start);
                }

                #[tokio::test]
                async fn loopback() {
                    let case = Case::of(&$meta);
                    check_on_loopback(&case, |$case: &Case| $start).await;
                }
            }
        )*
    };
    (@sample json, $case:expr, $start:expr) => { check_json_sample($case, $start) };
    (@sample bytes, $case:expr, $start:expr) => { check_bytes_sample($case, $start) };
}

endpoints! {
    archive_get_archive_list_by_columns: json agents::archive::META_GET_ARCHIVE_LIST_BY_COLUMNS
        => |c| agents::archive::GetArchiveListByColumns::new(c.request());
    archive_get_group_associate_ids: json agents::archive::META_GET_GROUP_ASSOCIATE_IDS
        => |c| agents::archive::GetGroupAssociateIds::new(c.request());
    chat_is_within_opening_hours: json agents::chat::META_IS_WITHIN_OPENING_HOURS
        => |c| agents::chat::IsWithinOpeningHours::new(c.request());
    chat_pick_up_first_chat_session: json agents::chat::META_PICK_UP_FIRST_CHAT_SESSION
        => |_c| agents::chat::PickUpFirstChatSession::new();
    document_get_document_stream: bytes agents::document::META_GET_DOCUMENT_STREAM
        => |c| agents::document::GetDocumentStream::new(c.request());
    list_change_currency: json agents::list::META_CHANGE_CURRENCY
        => |c| agents::list::ChangeCurrency::new(c.request());
    person_set_person_image: json agents::person::META_SET_PERSON_IMAGE
        => |c| agents::person::SetPersonImage::new(c.request());
    time_zone_time_of_last_update: json agents::time_zone::META_TIME_OF_LAST_TIME_ZONE_UPDATE
        => |_c| agents::time_zone::TimeOfLastTimeZoneUpdate::new();
    attachment_upload: json rest::attachment::META_UPLOAD_ATTACHMENT
        => |c| rest::attachment::UploadAttachment::new(c.int(0), c.upload().into());
    chat_session_accept_transfer: json rest::chat_session::META_ACCEPT_CHAT_SESSION_TRANSFER
        => |c| rest::chat_session::AcceptChatSessionTransfer::new(c.int(0));
    chat_session_for_user: json rest::chat_session::META_CHAT_SESSIONS_FOR_USER
        => |_c| rest::chat_session::ChatSessionsForUser::new();
    chat_session_delete: json rest::chat_session::META_DELETE_CHAT_SESSION_ENTITY
        => |c| rest::chat_session::DeleteChatSessionEntity::new(c.int(0));
    chat_session_transcript: json rest::chat_session::META_GET_CHAT_TRANSCRIPT
        => |c| rest::chat_session::GetChatTranscript::new(c.int(0));
    chat_session_patch: json rest::chat_session::META_PATCH_CHAT_SESSION_ENTITY
        => |c| rest::chat_session::PatchChatSessionEntity::new(c.int(0), c.request());
    chat_session_pick_up: json rest::chat_session::META_PICK_UP_CHAT_SESSION
        => |c| rest::chat_session::PickUpChatSession::new(c.int(0));
    chat_session_transfer: json rest::chat_session::META_TRANSFER_CHAT_SESSION
        => |c| rest::chat_session::TransferChatSession::new(c.int(0), &c.text(1));
    document_length: json rest::document::META_GET_DOCUMENT_LENGTH
        => |c| rest::document::GetDocumentLength::new(c.int(0));
    person_get_image: bytes rest::person::META_GET_IMAGE
        => |c| rest::person::GetImage::new(c.int(0));
    person_save_image: json rest::person::META_SAVE_IMAGE
        => |c| rest::person::SaveImage::new(c.int(0), c.upload());
    sale_get_all: json rest::sale::META_GET_ALL
        => |_c| rest::sale::GetAll::new();
    selection_add_members: json rest::selection::META_ADD_SELECTION_MEMBERS
        => |c| rest::selection::AddSelectionMembers::new(c.int(0), c.request());
}

#[test]
fn the_table_covers_every_endpoint() {
    let covered: BTreeSet<&str> = COVERED.iter().map(|m| m.id).collect();
    let documented: BTreeSet<&str> = api().endpoints.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        covered, documented,
        "add the missing endpoints to the table in tests/tests/docs_input.rs"
    );
    assert_eq!(superoffice_api::endpoint::ALL.len(), documented.len());
}
