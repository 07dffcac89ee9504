//! Every kind of body the WebAPI speaks, each on a page of `docs-input/`, beyond the checks
//! `docs_input.rs` runs for every endpoint: merge patches, SuperOffice's error body, the query
//! and `Accept` of a download, the media type of uploads, bytes inside JSON, enum-like strings
//! and .NET flags, date-time offsets, `null` and 204, and the Rust type of each primitive
//! response. Expected values come from the pages (through the `codegen` library) wherever the
//! pages have them.

mod pages;

use bytes::Bytes;
use http::StatusCode;
use serde_json::{json, Value};
use superoffice_api::enums::IfBlank;
use superoffice_api::models::{ChatSessionEntity, SetPersonImageRequest};
use superoffice_api::runtime::flags::{has_flag, split_flags};
use superoffice_api::runtime::{
    ApiError, ApiRequest, Auth, Base64Bytes, BaseUrl, Client, DateTime, PatchOp, RawResponse,
    WithOptions,
};
use superoffice_api::{agents, rest};
use workspace_tests::loopback::{CannedResponse, LoopbackServer};

use pages::{difference, Case, UPLOAD};

fn base() -> BaseUrl {
    BaseUrl::parse("https://sod.superoffice.com/Cust1").unwrap()
}

/// A client of a loopback server answering every request with `answer`.
fn serve(answer: CannedResponse) -> (LoopbackServer, Client) {
    let server = LoopbackServer::start(1, move |_| answer.clone()).unwrap();
    let base = BaseUrl::parse(&format!("{}/Cust1", server.base_url())).unwrap();
    let client = Client::builder()
        .base_url(base)
        .auth(Auth::Bearer("token".into()))
        .so_language("en")
        .build()
        .unwrap();
    (server, client)
}

/// The page's sample response of `B`'s endpoint, decoded by `B`.
fn decode_sample<B: ApiRequest>(case: &Case) -> B::Response {
    let answer = case.answer();
    let raw = RawResponse::new(StatusCode::from_u16(answer.status).unwrap(), answer.body);
    B::decode(raw).unwrap()
}

#[tokio::test]
async fn a_merge_patch_is_sent_as_merge_patch_json() {
    let case = Case::of(&rest::chat_session::META_PATCH_CHAT_SESSION_ENTITY);
    let answer = case.answer();
    let (server, client) = serve(CannedResponse::json(answer.status, answer.body));
    let changes = json!({"Status": "Closed", "CustomerPhone": null});
    let session = client
        .send(rest::chat_session::PatchChatSessionEntity::merge_patch(
            41,
            changes.clone(),
        ))
        .await
        .unwrap();
    assert_eq!(session.chat_session_id, Some(41));
    let req = &server.requests()[0];
    assert_eq!(req.method, "PATCH");
    assert_eq!(req.path_and_query, "/Cust1/api/v1/ChatSession/41");
    assert_eq!(
        req.header("content-type"),
        Some("application/merge-patch+json")
    );
    let sent: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(sent, changes);
}

#[test]
fn the_patch_operations_are_those_the_docs_allow() {
    // The PATCH page lists the operations the server supports; the runtime's `PatchOp` is
    // exactly that set.
    let documented = match &pages::api().models["JsonPatch"].properties[0].ty {
        codegen::ir::TypeRef::Enum(values) => values.clone(),
        other => panic!("`op` is {other}, not an enum"),
    };
    let runtime = [
        PatchOp::Add,
        PatchOp::Replace,
        PatchOp::Remove,
        PatchOp::Test,
    ];
    let names: Vec<String> = runtime
        .iter()
        .map(|op| {
            serde_json::to_value(op)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(names, documented);
    for name in ["move", "copy"] {
        assert!(serde_json::from_value::<PatchOp>(json!(name)).is_err());
    }
}

#[tokio::test]
async fn a_superoffice_error_body_gives_the_typed_error() {
    let body = r#"{"Error":"ChatSession 41 changed","ErrorType":"SoConcurrencyException","Message":"Update aborted: the entity has changed","Source":"ChatAgent"}"#;
    let (_server, client) = serve(CannedResponse::json(412, body));
    let patch = superoffice_api::runtime::JsonPatch::new().replace("/Status", json!("Closed"));
    let err = client
        .send(rest::chat_session::PatchChatSessionEntity::new(41, patch))
        .await
        .unwrap_err();
    match err {
        ApiError::Status { status, error, raw } => {
            assert_eq!(status, StatusCode::PRECONDITION_FAILED);
            let error = error.expect("the SuperOffice error body, parsed");
            assert_eq!(error.error_type.as_deref(), Some("SoConcurrencyException"));
            assert_eq!(
                error.message.as_deref(),
                Some("Update aborted: the entity has changed")
            );
            assert_eq!(&raw[..], body.as_bytes());
        }
        other => panic!("expected ApiError::Status, got {other:?}"),
    }
}

#[tokio::test]
async fn an_image_download_sends_its_query_and_the_documented_accept() {
    let case = Case::of(&rest::person::META_GET_IMAGE);
    let image = &b"\x89PNG\r\n\x1a\nimage"[..];
    let (server, client) = serve(
        CannedResponse::new(200)
            .header("Content-Type", "image/png")
            .body(image),
    );
    let got: Bytes = client
        .send(
            rest::person::GetImage::new(7)
                .w(120)
                .h(160)
                .if_blank(IfBlank::SrNoPhoto),
        )
        .await
        .unwrap();
    assert_eq!(got, image);
    let req = &server.requests()[0];
    assert_eq!(
        req.path_and_query,
        "/Cust1/api/v1/Person/7/Image?w=120&h=160&ifBlank=SrNoPhoto"
    );
    // A value the page does not list still goes out as written.
    let built = rest::person::GetImage::new(7)
        .if_blank(IfBlank::from("Sepia"))
        .to_http_request(&base())
        .unwrap();
    assert_eq!(built.uri().query(), Some("ifBlank=Sepia"));
    // The page lists image types only, so those are what is asked for.
    let listed = case.listed_media("Accept");
    assert!(listed.iter().all(|m| m.starts_with("image/")), "{listed:?}");
    assert_eq!(req.header("accept"), Some(listed.join(", ").as_str()));
}

#[test]
fn a_stream_download_asks_for_octet_stream() {
    let case = Case::of(&agents::document::META_GET_DOCUMENT_STREAM);
    assert!(case
        .listed_media("Accept")
        .iter()
        .any(|m| m == "application/octet-stream"));
    let req = agents::document::GetDocumentStream::new(case.request())
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.headers()["accept"], "application/octet-stream");
    assert_eq!(
        req.headers()["content-type"],
        "application/json; charset=utf-8"
    );
}

#[test]
fn uploads_are_labelled_by_their_bytes_or_by_the_caller() {
    let content_type =
        |req: &http::Request<Vec<u8>>| req.headers()["content-type"].to_str().unwrap().to_string();
    // A picture goes as a form with one file part, typed by its bytes.
    let jpeg = b"\xff\xd8\xff\xe0photo".to_vec();
    let req = rest::person::SaveImage::new(7, jpeg.clone())
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.method(), http::Method::PUT);
    assert_eq!(
        content_type(&req),
        "multipart/form-data; boundary=superoffice-api-0"
    );
    let mut form = b"--superoffice-api-0\r\nContent-Disposition: form-data; name=\"image\"; \
        filename=\"image\"\r\nContent-Type: image/jpeg\r\n\r\n"
        .to_vec();
    form.extend_from_slice(&jpeg);
    form.extend_from_slice(b"\r\n--superoffice-api-0--\r\n");
    assert_eq!(req.body(), &form);
    // A chosen type sends the raw bytes as that type.
    let req = rest::person::SaveImage::new(7, UPLOAD)
        .content_type("image/tiff")
        .to_http_request(&base())
        .unwrap();
    assert_eq!(content_type(&req), "image/tiff");
    assert_eq!(req.body(), UPLOAD);
    // Bytes of no documented image type go as the first type the page lists.
    let case = Case::of(&rest::person::META_SAVE_IMAGE);
    let req = rest::person::SaveImage::new(7, b"raw".to_vec())
        .to_http_request(&base())
        .unwrap();
    let part_type = format!("Content-Type: {}\r\n", case.listed_media("Content-Type")[0]);
    assert!(String::from_utf8_lossy(req.body()).contains(&part_type));

    // Document content (a stream the page also lets travel as JSON): a base64 JSON string,
    // whatever the bytes are.
    let req = rest::attachment::UploadAttachment::new(3, b"%PDF-1.7 ...".to_vec().into())
        .to_http_request(&base())
        .unwrap();
    let sent: String = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(content_type(&req), "application/json; charset=utf-8");
    let back: Base64Bytes = serde_json::from_value(json!(sent)).unwrap();
    assert_eq!(&back[..], b"%PDF-1.7 ...");
}

#[test]
fn bytes_inside_json_travel_as_base64() {
    // Models are `#[non_exhaustive]`: start from `Default` and set the fields.
    let mut request = SetPersonImageRequest::default();
    request.person_id = Some(77);
    request.image = Some(Base64Bytes::from(UPLOAD));
    let req = agents::person::SetPersonImage::new(request.clone())
        .to_http_request(&base())
        .unwrap();
    let sent: Value = serde_json::from_slice(req.body()).unwrap();
    let text = sent["Image"].as_str().expect("base64 text");
    let back: Base64Bytes = serde_json::from_value(json!(text)).unwrap();
    assert_eq!(&back[..], UPLOAD);
    assert_eq!(
        serde_json::from_value::<SetPersonImageRequest>(sent).unwrap(),
        request
    );
}

#[test]
fn enum_like_strings_stay_open_and_flags_split() {
    // A session as the page shows it, with a status no page shows and two flags at once.
    let case = Case::of(&rest::chat_session::META_CHAT_SESSIONS_FOR_USER);
    let mut session = case.sample_response()[0].clone();
    session["Status"] = json!("WaitingForChatbotHandoff");
    session["Flags"] = json!("CustomerIsTyping, UserIsTyping");
    let entity: ChatSessionEntity = serde_json::from_value(session.clone()).unwrap();
    assert_eq!(entity.status.as_deref(), Some("WaitingForChatbotHandoff"));
    let flags = entity.flags.as_deref().unwrap();
    assert_eq!(
        split_flags(flags).collect::<Vec<_>>(),
        ["CustomerIsTyping", "UserIsTyping"]
    );
    assert!(has_flag(flags, "UserIsTyping"));
    assert!(!has_flag(flags, "Unread"));
    let back = serde_json::to_value(&entity).unwrap();
    assert_eq!(difference("", &session, &back), None);
    assert_eq!(back["Status"], session["Status"]);
    assert_eq!(back["Flags"], session["Flags"]);

    // The page's own sample has three flags in one value.
    let sessions: Vec<ChatSessionEntity> =
        decode_sample::<rest::chat_session::ChatSessionsForUser>(&case);
    let sample_flags = case.sample_response()[1]["Flags"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(sessions[1].flags.as_deref(), Some(sample_flags.as_str()));
    assert_eq!(split_flags(&sample_flags).count(), 3);
}

#[tokio::test]
async fn date_times_keep_the_offset_the_server_sent() {
    let case = Case::of(&agents::time_zone::META_TIME_OF_LAST_TIME_ZONE_UPDATE);
    let sample = case.sample_response();
    let when: DateTime = decode_sample::<agents::time_zone::TimeOfLastTimeZoneUpdate>(&case);
    assert_eq!(when.to_string(), sample.as_str().unwrap());
    assert_eq!(when.offset().map(|o| o.local_minus_utc()), Some(3600));
    assert_eq!(serde_json::to_value(when).unwrap(), sample);

    // Without an offset (server local time) the value is accepted and written back as sent.
    let (_server, client) = serve(CannedResponse::json(200, r#""2023-03-26T02:00:00""#));
    let local = client
        .send(agents::time_zone::TimeOfLastTimeZoneUpdate::new())
        .await
        .unwrap();
    assert_eq!(local.offset(), None);
    assert_eq!(local.to_string(), "2023-03-26T02:00:00");

    // Both forms in one list: each keeps its own.
    let case = Case::of(&rest::chat_session::META_CHAT_SESSIONS_FOR_USER);
    let sessions = decode_sample::<rest::chat_session::ChatSessionsForUser>(&case);
    for (session, sample) in sessions
        .iter()
        .zip(case.sample_response().as_array().unwrap())
    {
        for (got, field) in [
            (session.when_requested, "WhenRequested"),
            (session.when_started, "WhenStarted"),
            (session.when_fetched, "WhenFetched"),
        ] {
            assert_eq!(got.unwrap().to_string(), sample[field].as_str().unwrap());
        }
    }
}

#[test]
fn null_and_no_content() {
    let pick_up = |status: u16, body: &'static str| {
        rest::chat_session::PickUpChatSession::decode(RawResponse::new(
            StatusCode::from_u16(status).unwrap(),
            body,
        ))
        .unwrap()
    };
    // The page says "Returns NULL if session was not in queue".
    assert_eq!(pick_up(200, "null"), None);
    assert_eq!(pick_up(204, ""), None);
    let delete = Case::of(&rest::chat_session::META_DELETE_CHAT_SESSION_ENTITY);
    assert_eq!(delete.answer().status, 204);
    let (): () = decode_sample::<rest::chat_session::DeleteChatSessionEntity>(&delete);
    rest::chat_session::DeleteChatSessionEntity::decode(RawResponse::new(
        StatusCode::NO_CONTENT,
        "",
    ))
    .unwrap();
}

#[test]
fn primitive_responses_have_their_natural_types() {
    let sample = |case: &Case| case.sample_response();

    let case = Case::of(&agents::chat::META_IS_WITHIN_OPENING_HOURS);
    let open: bool = decode_sample::<agents::chat::IsWithinOpeningHours>(&case);
    assert_eq!(Some(open), sample(&case).as_bool());

    let case = Case::of(&rest::person::META_SAVE_IMAGE);
    let blob_id: i32 = decode_sample::<rest::person::SaveImage>(&case);
    assert_eq!(Some(i64::from(blob_id)), sample(&case).as_i64());

    let case = Case::of(&rest::document::META_GET_DOCUMENT_LENGTH);
    let length: i64 = decode_sample::<rest::document::GetDocumentLength>(&case);
    assert_eq!(Some(length), sample(&case).as_i64());
    assert!(length > i64::from(i32::MAX), "the sample needs 64 bits");

    let case = Case::of(&agents::list::META_CHANGE_CURRENCY);
    let amount: f64 = decode_sample::<agents::list::ChangeCurrency>(&case);
    assert_eq!(Some(amount), sample(&case).as_f64());

    let case = Case::of(&rest::chat_session::META_GET_CHAT_TRANSCRIPT);
    let transcript: String = decode_sample::<rest::chat_session::GetChatTranscript>(&case);
    assert_eq!(Some(transcript.as_str()), sample(&case).as_str());

    let case = Case::of(&agents::archive::META_GET_GROUP_ASSOCIATE_IDS);
    let ids: Vec<i32> = decode_sample::<agents::archive::GetGroupAssociateIds>(&case);
    assert_eq!(json!(ids), sample(&case));

    // A list of ids as the request body: the page names it `ids` and shows no sample.
    let case = Case::of(&rest::selection::META_ADD_SELECTION_MEMBERS);
    assert!(case.endpoint.sample_request.is_none());
    let req = rest::selection::AddSelectionMembers::new(9, vec![12, 13])
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.body(), b"[12,13]");

    let case = Case::of(&rest::chat_session::META_CHAT_SESSIONS_FOR_USER);
    let sessions: Vec<ChatSessionEntity> =
        decode_sample::<rest::chat_session::ChatSessionsForUser>(&case);
    assert_eq!(Some(sessions.len()), sample(&case).as_array().map(Vec::len));

    let case = Case::of(&rest::person::META_GET_IMAGE);
    let image: Bytes = decode_sample::<rest::person::GetImage>(&case);
    assert_eq!(image, case.answer().body);
}
