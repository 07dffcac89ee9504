//! The checked-in generated crate against responses the docs did not promise: nulls anywhere,
//! missing and extra fields, `{}` for a model, every date-time shape, integers too large for
//! their field, non-JSON and empty bodies, 204s. Whatever arrives, decoding either gives the
//! values (all of them: what decodes serializes back to the same JSON) or a typed
//! [`ApiError`] that keeps the status and the raw body; it never panics.
//!
//! Decoding is tested through the generated builders' `ApiRequest::decode` (as the client calls
//! it), then end to end through the client and the loopback server.

use bytes::Bytes;
use serde_json::{json, Value};
use superoffice_api::models::{Associate, ChatSessionEntity, FieldProperty};
use superoffice_api::rest::chat_session::{AcceptChatSessionTransfer, PickUpChatSession};
use superoffice_api::runtime::{
    ApiError, ApiRequest, Auth, BaseUrl, Client, RawResponse, RetryPolicy, WithOptions,
};
use workspace_tests::loopback::{CannedResponse, LoopbackServer};

/// The sample response of the seed page `v1ChatSessionEntity_PickUpChatSession.md`: a
/// `ChatSessionEntity` with every property and every nested model filled in.
fn sample() -> Value {
    let page =
        include_str!("../../docs-input/rest/ChatSession/v1ChatSessionEntity_PickUpChatSession.md");
    let block = page.split("```http_").nth(1).expect("a sample response");
    let block = block.split("\n```").next().unwrap();
    let json = &block[block.find('{').expect("a JSON body")..];
    serde_json::from_str(json).unwrap()
}

fn raw(status: u16, body: impl Into<Bytes>) -> RawResponse {
    RawResponse::new(http::StatusCode::from_u16(status).unwrap(), body)
}

/// An endpoint whose response is a `ChatSessionEntity`.
fn required(status: u16, body: impl Into<Bytes>) -> Result<ChatSessionEntity, ApiError> {
    AcceptChatSessionTransfer::decode(raw(status, body))
}

/// An endpoint the docs say may return nothing ("Returns NULL if ..."): `Option<...>`.
fn optional(status: u16, body: impl Into<Bytes>) -> Result<Option<ChatSessionEntity>, ApiError> {
    PickUpChatSession::decode(raw(status, body))
}

/// The decode error of `result`, checked to keep `status` and `body`; returns serde's message.
fn decode_error<T: std::fmt::Debug>(
    result: Result<T, ApiError>,
    status: u16,
    body: &[u8],
) -> String {
    match result {
        Err(ApiError::Decode {
            status: got,
            raw,
            source,
        }) => {
            assert_eq!(got.as_u16(), status);
            assert_eq!(&raw[..], body, "the raw body is kept");
            source.to_string()
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn to_json(entity: &ChatSessionEntity) -> Value {
    serde_json::to_value(entity).unwrap()
}

#[test]
fn the_full_sample_decodes_and_serializes_back_to_the_same_json() {
    let sample = sample();
    let entity = required(200, sample.to_string()).unwrap();
    assert_eq!(entity.chat_session_id, Some(138));
    assert_eq!(
        entity.user.as_ref().and_then(|u| u.name.as_deref()),
        Some("Nikolaus-Sporer")
    );
    assert_eq!(to_json(&entity), sample, "no value is lost or changed");
}

/// Every JSON pointer into `v` (not the root), parents first.
fn pointers(v: &Value, prefix: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        let pointer = format!("{prefix}/{key}");
        out.push(pointer.clone());
        pointers(child, &pointer, out);
    }
}

/// Removes the member `pointer` names.
fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    v.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove(&key);
}

/// `null` replaces one value at a time, at every depth. Model fields are all optional, so the
/// rest of the response decodes and serializes back unchanged; a `null` as a dictionary value
/// (`FieldProperties`) is a decode error, since the dictionary holds models, not options.
#[test]
fn null_in_every_position() {
    let sample = sample();
    let mut all = Vec::new();
    pointers(&sample, "", &mut all);
    assert_eq!(all.len(), 277, "every value of the sample");
    let mut errors = Vec::new();
    for pointer in &all {
        let mut body = sample.clone();
        *body.pointer_mut(pointer).unwrap() = Value::Null;
        let text = body.to_string();
        match required(200, text.clone()) {
            Ok(entity) => {
                let mut expected = sample.clone();
                remove(&mut expected, pointer);
                assert_eq!(to_json(&entity), expected, "null at {pointer}");
            }
            Err(e) => {
                let message = decode_error::<()>(Err(e), 200, text.as_bytes());
                assert!(
                    message.starts_with("invalid type: null, expected struct FieldProperty"),
                    "{pointer}: {message}"
                );
                errors.push(pointer.as_str());
            }
        }
    }
    // (Sorted: member order depends on serde_json's `preserve_order`, which a workspace build
    // turns on for everyone.)
    errors.sort_unstable();
    assert_eq!(
        errors,
        [
            "/Contact/FieldProperties/fieldName",
            "/FieldProperties/fieldName",
            "/Person/FieldProperties/fieldName",
            "/Project/FieldProperties/fieldName",
            "/Sale/FieldProperties/fieldName",
            "/Ticket/FieldProperties/fieldName",
            "/TransferTo/FieldProperties/fieldName",
            "/User/FieldProperties/fieldName",
        ]
    );
    // A null body: no entity. The endpoint that may return nothing says so; the other fails.
    assert_eq!(optional(200, "null").unwrap(), None);
    assert_eq!(
        decode_error(required(200, "null"), 200, b"null"),
        "invalid type: null, expected struct ChatSessionEntity at line 1 column 4"
    );
}

#[test]
fn missing_fields_are_none_and_empty_objects_are_empty_models() {
    assert_eq!(required(200, "{}").unwrap(), ChatSessionEntity::default());
    let entity = required(
        200,
        r#"{"ChatSessionId": 5, "User": {}, "FieldProperties": {}, "TableRight": {}}"#,
    )
    .unwrap();
    assert_eq!(entity.chat_session_id, Some(5));
    assert_eq!(entity.topic_id, None);
    assert_eq!(entity.user, Some(Associate::default()));
    assert_eq!(entity.field_properties, Some(Default::default()));
    assert_eq!(
        entity
            .table_right
            .as_ref()
            .map(|t| t == &Default::default()),
        Some(true)
    );
    assert_eq!(
        serde_json::to_string(&entity).unwrap(),
        r#"{"ChatSessionId":5,"User":{},"TableRight":{},"FieldProperties":{}}"#
    );
    let entity = required(200, r#"{"FieldProperties": {"Name": {}}}"#).unwrap();
    assert_eq!(
        entity.field_properties.unwrap()["Name"],
        FieldProperty::default()
    );
    // `{}` where a scalar belongs is a decode error.
    let body = r#"{"ChatSessionId": {}}"#;
    assert_eq!(
        decode_error(required(200, body), 200, body.as_bytes()),
        "invalid type: map, expected i32 at line 1 column 18"
    );
}

/// Members the docs do not describe are kept, at any depth, in each model's `extra`, and
/// written back: a read-modify-write round trip does not drop what a newer server added.
#[test]
fn extra_fields_are_kept_and_written_back() {
    let body = json!({
        "ChatSessionId": 1,
        "NewInVersion11": {"Deep": [1, null, {"x": "y"}]},
        "User": {"AssociateId": 5, "Unknown": true},
        "FieldProperties": {"Name": {"FieldLength": 3, "Extra": null}},
    });
    let entity = required(200, body.to_string()).unwrap();
    assert_eq!(entity.chat_session_id, Some(1));
    assert_eq!(
        entity.extra["NewInVersion11"],
        json!({"Deep": [1, null, {"x": "y"}]})
    );
    let user = entity.user.as_ref().unwrap();
    assert_eq!(user.associate_id, Some(5));
    assert_eq!(user.extra["Unknown"], json!(true));
    let name = &entity.field_properties.as_ref().unwrap()["Name"];
    assert_eq!(name.field_length, Some(3));
    assert_eq!(name.extra["Extra"], Value::Null);
    assert_eq!(to_json(&entity), body);
}

#[test]
fn date_times_with_0_to_7_fraction_digits_with_and_without_offset_round_trip() {
    let mut shapes = 0;
    for digits in 0..=7 {
        let fraction = if digits == 0 {
            String::new()
        } else {
            format!(".{}", &"1305954"[..digits])
        };
        for zone in ["", "Z", "+02:00", "-05:30", "+00:00", "-00:00"] {
            let text = format!("2004-09-26T18:25:50{fraction}{zone}");
            let body = json!({ "WhenRequested": text }).to_string();
            let entity = required(200, body.clone()).unwrap();
            let when = entity.when_requested.expect("decoded");
            assert_eq!(when.to_string(), text);
            assert_eq!(when.fractional_digits() as usize, digits);
            assert_eq!(when.offset().is_some(), !zone.is_empty(), "{text}");
            assert_eq!(
                serde_json::to_string(&entity).unwrap(),
                body,
                "written back as sent"
            );
            shapes += 1;
        }
    }
    assert_eq!(shapes, 48);
    assert_eq!(
        required(200, r#"{"WhenEnded": "0001-01-01T00:00:00"}"#)
            .unwrap()
            .when_ended
            .map(|d| d.is_unset()),
        Some(true),
        "SuperOffice's `no date`"
    );
    for bad in [
        "2004-09-26 18:25:50",
        "2004-09-26T18:25:50.1234567890",
        "2004-09-26T18:25:50+2:00",
        "26.09.2004",
        "",
    ] {
        let body = json!({ "WhenRequested": bad }).to_string();
        let message = decode_error(required(200, body.clone()), 200, body.as_bytes());
        assert!(
            message.starts_with(&format!("invalid date-time {bad:?}")),
            "{message}"
        );
    }
    let body = r#"{"WhenRequested": 1096215950}"#;
    assert_eq!(
        decode_error(required(200, body), 200, body.as_bytes()),
        "invalid type: integer `1096215950`, expected a date-time string such as 2004-09-26T18:25:50.1305954+02:00 at line 1 column 28"
    );
}

/// An `int32` property is `i32`: a value beyond it is a decode error naming the value, with
/// the body kept (the resolver widens a type only when the docs' own samples show the need).
#[test]
fn integers_too_large_for_their_field_are_typed_decode_errors() {
    for (value, expected) in [
        ("2147483647", Ok(i32::MAX)),
        ("-2147483648", Ok(i32::MIN)),
        (
            "2147483648",
            Err("invalid value: integer `2147483648`, expected i32"),
        ),
        (
            "1099511627776",
            Err("invalid value: integer `1099511627776`, expected i32"),
        ),
        (
            "-1099511627776",
            Err("invalid value: integer `-1099511627776`, expected i32"),
        ),
        (
            "18446744073709551615",
            Err("invalid value: integer `18446744073709551615`, expected i32"),
        ),
        (
            "18446744073709551616",
            Err("invalid type: floating point `1.8446744073709552e+19`, expected i32"),
        ),
        (
            "7.0",
            Err("invalid type: floating point `7.0`, expected i32"),
        ),
        ("\"7\"", Err("invalid type: string \"7\", expected i32")),
        ("1e400", Err("number out of range")),
    ] {
        let body = format!(r#"{{"ChatSessionId": {value}}}"#);
        match expected {
            Ok(n) => assert_eq!(required(200, body).unwrap().chat_session_id, Some(n)),
            Err(message) => {
                let got = decode_error(required(200, body.clone()), 200, body.as_bytes());
                assert!(got.starts_with(message), "{value}: {got}");
            }
        }
    }
    // A `double` property takes any JSON number.
    let entity = required(200, r#"{"Sale": {"Amount": 1099511627776}}"#).unwrap();
    assert_eq!(entity.sale.unwrap().amount, Some(1_099_511_627_776.0));
}

#[test]
fn bodies_that_are_not_json() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    // An error status: the status error, with no SuperOffice error and the page kept.
    for result in [required(502, html).map(drop), optional(502, html).map(drop)] {
        match result {
            Err(ApiError::Status { status, error, raw }) => {
                assert_eq!(status.as_u16(), 502);
                assert!(error.is_none());
                assert_eq!(&raw[..], html.as_bytes());
            }
            other => panic!("expected a status error, got {other:?}"),
        }
    }
    // A success status: a decode error.
    assert_eq!(
        decode_error(required(200, html), 200, html.as_bytes()),
        "expected value at line 1 column 1"
    );
    assert_eq!(
        decode_error(optional(200, html), 200, html.as_bytes()),
        "expected value at line 1 column 1"
    );
    let latin1: &[u8] = b"{\"CustomerName\": \"caf\xe9\"}";
    assert_eq!(
        decode_error(required(200, latin1), 200, latin1),
        "invalid unicode code point at line 1 column 22"
    );
    let truncated = r#"{"ChatSessionId": 1, "User": {"Name": "x"#;
    assert_eq!(
        decode_error(required(200, truncated), 200, truncated.as_bytes()),
        "EOF while parsing a string at line 1 column 40"
    );
    let twice = r#"{"ChatSessionId": 1, "ChatSessionId": 2}"#;
    assert_eq!(
        decode_error(required(200, twice), 200, twice.as_bytes()),
        "duplicate field `ChatSessionId` at line 1 column 36"
    );
    // A model is read from a JSON object only, never from an array by position.
    for array in ["[]", "[5, 7]", "[{}]"] {
        let message = decode_error(required(200, array), 200, array.as_bytes());
        assert!(
            message.starts_with("invalid type: sequence, expected struct ChatSessionEntity"),
            "{array}: {message}"
        );
    }
    let nested = r#"{"User": [5]}"#;
    assert!(decode_error(required(200, nested), 200, nested.as_bytes())
        .starts_with("invalid type: sequence, expected struct Associate"));
    // Nesting deeper than serde_json's recursion limit is an error, not a stack overflow.
    // (An undocumented member holds any JSON, so it is read as deep as it goes.)
    let deep = format!(
        r#"{{"Unknown": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        decode_error(required(200, deep.clone()), 200, deep.as_bytes()),
        "recursion limit exceeded at line 1 column 139"
    );
}

#[test]
fn empty_bodies_and_no_content() {
    for (status, body) in [(200, ""), (200, "  \n"), (204, ""), (200, "null")] {
        assert_eq!(optional(status, body).unwrap(), None, "{status} {body:?}");
    }
    assert_eq!(
        decode_error(required(200, ""), 200, b""),
        "EOF while parsing a value at line 1 column 0"
    );
    assert_eq!(
        decode_error(required(204, ""), 204, b""),
        "EOF while parsing a value at line 1 column 0"
    );
    // An error status with an empty body.
    match required(401, "") {
        Err(ApiError::Status { status, error, raw }) => {
            assert_eq!(status.as_u16(), 401);
            assert!(error.is_none());
            assert!(raw.is_empty());
        }
        other => panic!("expected a status error, got {other:?}"),
    }
}

/// The same through the client and a real socket: each answer comes back typed.
#[tokio::test]
async fn the_client_returns_typed_errors_with_status_and_body() {
    const HUGE: &str = r#"{"ChatSessionId": 1099511627776}"#;
    const TRUNCATED: &str = r#"{"ChatSessionId": 1, "Us"#;
    const HTML: &str = "<html><body>Service Unavailable</body></html>";
    let server = LoopbackServer::start(16, |req| {
        let id = req.path().split('/').nth(5).unwrap_or("");
        match id {
            "1" => CannedResponse::json(200, r#"{"ChatSessionId": 1, "Extra": [null]}"#),
            "2" => CannedResponse::new(204),
            "3" => CannedResponse::json(200, ""),
            "4" => CannedResponse::html(503, HTML),
            "5" => CannedResponse::json(200, HUGE),
            "6" => CannedResponse::json(200, TRUNCATED),
            "7" => CannedResponse::json(200, "null"),
            _ => CannedResponse::new(500),
        }
    })
    .unwrap();
    let base = BaseUrl::parse(&format!("{}/Cust1", server.base_url())).unwrap();
    // One answer per request: the 503 is about its body here, not about being retried.
    let client = Client::builder()
        .base_url(base)
        .auth(Auth::SoTicket("7T:x".into()))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let one = client.send(PickUpChatSession::new(1)).await.unwrap();
    assert_eq!(one.and_then(|e| e.chat_session_id), Some(1));
    assert_eq!(client.send(PickUpChatSession::new(2)).await.unwrap(), None);
    assert_eq!(client.send(PickUpChatSession::new(3)).await.unwrap(), None);
    assert_eq!(client.send(PickUpChatSession::new(7)).await.unwrap(), None);
    let no_content = client.send(AcceptChatSessionTransfer::new(2)).await;
    assert_eq!(
        decode_error(no_content, 204, b""),
        "EOF while parsing a value at line 1 column 0"
    );
    match client.send(PickUpChatSession::new(4)).await {
        Err(e @ ApiError::Status { .. }) => {
            assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
            assert_eq!(e.raw_body().map(|b| &b[..]), Some(HTML.as_bytes()));
            assert!(e.so_error().is_none());
            assert_eq!(e.to_string(), "server answered 503 Service Unavailable");
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    let huge = client.send(PickUpChatSession::new(5)).await;
    assert_eq!(
        decode_error(huge, 200, HUGE.as_bytes()),
        "invalid value: integer `1099511627776`, expected i32 at line 1 column 31"
    );
    let truncated = client.send(PickUpChatSession::new(6)).await;
    assert_eq!(
        decode_error(truncated, 200, TRUNCATED.as_bytes()),
        "EOF while parsing a string at line 1 column 24"
    );
    assert_eq!(server.requests().len(), 8);
    assert!(server
        .requests()
        .iter()
        .all(|r| r.path().starts_with("/Cust1/api/v1/ChatSession/")));
}
