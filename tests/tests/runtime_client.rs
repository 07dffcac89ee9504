//! End-to-end tests of the runtime's client against the loopback server:
//! what goes over the wire and how responses come back typed.

use serde::Deserialize;
use superoffice_api::runtime::{
    decode_json, decode_unit, fill_path, ApiError, ApiRequest, Auth, BaseUrl, BuildError, Client,
    DateTime, EndpointMeta, Method, Query, QueryValue, RawResponse, RequestOptions, RequestParts,
    WithOptions,
};
use workspace_tests::loopback::{CannedResponse, LoopbackServer, RecordedRequest};

// --- A hand-written endpoint, shaped like generated code -------------------

static GET_THING: EndpointMeta = EndpointMeta {
    id: "Thing.GetThing",
    method: Method::Get,
    path_template: "/api/v1/Thing/{id}",
    docs_url: "https://docs.example/api/thing/get",
    summary: "Gets a thing by id.",
};

static DELETE_THING: EndpointMeta = EndpointMeta {
    id: "Thing.DeleteThing",
    method: Method::Delete,
    path_template: "/api/v1/Thing/{id}",
    docs_url: "https://docs.example/api/thing/delete",
    summary: "Deletes a thing.",
};

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    #[serde(rename = "Id")]
    id: i32,
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "Updated")]
    updated: DateTime,
}

struct GetThing {
    id: String,
    select: Option<Vec<String>>,
    options: RequestOptions,
}

fn get_thing(id: &str) -> GetThing {
    GetThing {
        id: id.to_owned(),
        select: None,
        options: RequestOptions::default(),
    }
}

impl GetThing {
    fn select(mut self, fields: &[&str]) -> Self {
        self.select = Some(fields.iter().map(|f| f.to_string()).collect());
        self
    }
}

impl ApiRequest for GetThing {
    type Response = Thing;

    const META: &'static EndpointMeta = &GET_THING;

    fn request_options(&mut self) -> &mut RequestOptions {
        &mut self.options
    }

    fn into_parts(self) -> Result<RequestParts, BuildError> {
        let mut parts =
            RequestParts::new(&GET_THING, fill_path(GET_THING.path_template, &[&self.id]));
        let mut query = Query::new();
        query.push_opt(
            "$select",
            self.select.as_ref().map(|v| v as &dyn QueryValue),
        );
        query.push("q", &"a b&c");
        parts.query = query;
        parts.options = self.options;
        Ok(parts)
    }

    fn decode(response: RawResponse) -> Result<Thing, ApiError> {
        decode_json(response)
    }
}

struct DeleteThing {
    id: i32,
    options: RequestOptions,
}

impl ApiRequest for DeleteThing {
    type Response = ();

    const META: &'static EndpointMeta = &DELETE_THING;

    fn request_options(&mut self) -> &mut RequestOptions {
        &mut self.options
    }

    fn into_parts(self) -> Result<RequestParts, BuildError> {
        let mut parts = RequestParts::new(
            &DELETE_THING,
            fill_path(DELETE_THING.path_template, &[&self.id]),
        );
        parts.options = self.options;
        Ok(parts)
    }

    fn decode(response: RawResponse) -> Result<(), ApiError> {
        decode_unit(response)
    }
}

// --- The fake SuperOffice -------------------------------------------------

const THING_JSON: &str =
    r#"{"Id":42,"Name":"Answer","Updated":"2004-09-26T18:25:50.1305954+02:00","Extra":true}"#;
const SO_ERROR_JSON: &str = r#"{"Error":"Thing 404 not found","ErrorType":"SoException","Message":"Not found","Source":"ThingAgent"}"#;
const HTML_PAGE: &str = "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>";

fn fake_superoffice(req: &RecordedRequest) -> CannedResponse {
    match (req.method.as_str(), req.path()) {
        ("GET", "/Cust1/api/v1/Thing/42") => CannedResponse::json(200, THING_JSON),
        ("GET", "/Cust1/api/v1/Thing/404") => CannedResponse::json(404, SO_ERROR_JSON),
        ("GET", "/Cust1/api/v1/Thing/html") => CannedResponse::html(200, HTML_PAGE),
        ("DELETE", "/Cust1/api/v1/Thing/7") => CannedResponse::new(204),
        _ => CannedResponse::html(500, "<html>unexpected request</html>"),
    }
}

fn start(connections: usize) -> (LoopbackServer, Client) {
    let server = LoopbackServer::start(connections, fake_superoffice).unwrap();
    // Passing the API URL (with `/api/`) is accepted and normalised.
    let base = BaseUrl::parse(&format!("{}/Cust1/api/", server.base_url())).unwrap();
    let client = Client::builder()
        .base_url(base)
        .auth(Auth::Basic {
            user: "jo".into(),
            password: "pw".into(),
        })
        .so_language("en")
        .so_app_token("app-token")
        .build()
        .unwrap();
    (server, client)
}

// --- Tests ------------------------------------------------------------------

#[tokio::test]
async fn sends_the_expected_request_and_decodes_the_typed_response() {
    let (server, client) = start(1);
    let thing = client
        .send(get_thing("42").select(&["Id", "Name"]))
        .await
        .unwrap();
    assert_eq!(thing.id, 42);
    assert_eq!(thing.name, "Answer");
    assert_eq!(
        thing.updated.to_string(),
        "2004-09-26T18:25:50.1305954+02:00"
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path_and_query,
        "/Cust1/api/v1/Thing/42?$select=Id,Name&q=a%20b%26c"
    );
    assert_eq!(req.header("authorization"), Some("Basic am86cHc="));
    assert_eq!(req.header("so-language"), Some("en"));
    assert_eq!(req.header("so-apptoken"), Some("app-token"));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("content-type"), None);
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn per_request_options_win_over_client_defaults() {
    let (server, client) = start(1);
    let request = get_thing("42")
        .so_language("de")
        .so_culture("de-DE")
        .auth(Auth::Bearer("per-request".into()));
    client.send(request).await.unwrap();

    let req = &server.requests()[0];
    assert_eq!(req.header("so-language"), Some("de"));
    assert_eq!(req.header("so-culture"), Some("de-DE"));
    assert_eq!(req.header("so-apptoken"), Some("app-token"));
    assert_eq!(req.header("authorization"), Some("Bearer per-request"));
    assert_eq!(req.header_all("so-language").count(), 1);
    assert_eq!(req.header_all("authorization").count(), 1);
}

#[tokio::test]
async fn superoffice_error_json_becomes_a_status_error() {
    let (_server, client) = start(1);
    let err = client.send(get_thing("404")).await.unwrap_err();
    match &err {
        ApiError::Status { status, error, raw } => {
            assert_eq!(status.as_u16(), 404);
            let error = error.as_ref().expect("SuperOffice error body parsed");
            assert_eq!(error.error.as_deref(), Some("Thing 404 not found"));
            assert_eq!(error.error_type.as_deref(), Some("SoException"));
            assert_eq!(error.message.as_deref(), Some("Not found"));
            assert_eq!(error.source.as_deref(), Some("ThingAgent"));
            assert_eq!(raw.as_ref(), SO_ERROR_JSON.as_bytes());
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    assert_eq!(err.to_string(), "server answered 404 Not Found: Not found");
}

#[tokio::test]
async fn html_with_200_becomes_a_decode_error_keeping_the_body() {
    let (_server, client) = start(1);
    let err = client.send(get_thing("html")).await.unwrap_err();
    match err {
        ApiError::Decode { status, raw, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(raw.as_ref(), HTML_PAGE.as_bytes());
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn no_content_decodes_to_unit() {
    let (server, client) = start(1);
    let request = DeleteThing {
        id: 7,
        options: RequestOptions::default(),
    };
    client.send(request).await.unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.method, "DELETE");
    assert_eq!(req.path_and_query, "/Cust1/api/v1/Thing/7");
}

#[tokio::test]
async fn invalid_paths_are_refused_before_sending() {
    let (server, client) = start(1);
    let err = client.send(get_thing("..")).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Build(BuildError::InvalidPath(_))),
        "{err:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn send_raw_sends_requests_as_is() {
    let (server, client) = start(1);
    let base = BaseUrl::parse(&format!("{}/Cust1", server.base_url())).unwrap();
    let request = get_thing("42").to_http_request(&base).unwrap();
    let response = client.send_raw(request).await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(
        response.content_type(),
        Some("application/json; charset=utf-8")
    );
    let thing: Thing = decode_json(response).unwrap();
    assert_eq!(thing.id, 42);
    // No client defaults were added.
    let req = &server.requests()[0];
    assert_eq!(req.header("authorization"), None);
    assert_eq!(req.header("so-language"), None);
}

#[tokio::test]
async fn connection_failures_are_transport_errors() {
    let server = LoopbackServer::start(0, fake_superoffice).unwrap();
    let base = BaseUrl::parse(&server.base_url()).unwrap();
    server.shutdown();
    let client = Client::new(base, Auth::SoTicket("7T:x".into()));
    let err = client.send(get_thing("42")).await.unwrap_err();
    assert!(matches!(err, ApiError::Transport(_)), "{err:?}");
}
