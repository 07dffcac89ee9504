//! Offline tests of the runtime from the outside, the way generated code
//! uses it: statics, builders, `to_http_request` and decoders, no network.

use bytes::Bytes;
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use superoffice_api::runtime::{
    decode_bytes, decode_optional_json, fill_path, match_path, Accept, ApiError, ApiRequest, Auth,
    BaseUrl, Body, BuildError, DateTime, EndpointMeta, JsonPatch, Method, Query, RawResponse,
    RequestOptions, RequestParts, WithOptions,
};

static SAVE_ENTITY: EndpointMeta = EndpointMeta {
    id: "List.SaveEntity",
    method: Method::Post,
    path_template: "/api/v1/List/{listName}/Items/{id}",
    docs_url: "https://docs.example/api/list/save",
    summary: "Saves a list item.",
};

static PATCH_ENTITY: EndpointMeta = EndpointMeta {
    id: "List.PatchEntity",
    method: Method::Patch,
    path_template: "/api/v1/List/{listName}/Items/{id}",
    docs_url: "https://docs.example/api/list/patch",
    summary: "Patches a list item.",
};

static DOWNLOAD: EndpointMeta = EndpointMeta {
    id: "Document.GetContent",
    method: Method::Get,
    path_template: "/api/v1/Document/{id}/Content",
    docs_url: "https://docs.example/api/document/content",
    summary: "Downloads a document.",
};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ListItem {
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "Updated")]
    updated: DateTime,
}

struct SaveEntity {
    list_name: String,
    id: i64,
    item: ListItem,
    since: Option<DateTime>,
    options: RequestOptions,
}

impl ApiRequest for SaveEntity {
    type Response = Option<ListItem>;

    const META: &'static EndpointMeta = &SAVE_ENTITY;

    fn request_options(&mut self) -> &mut RequestOptions {
        &mut self.options
    }

    fn into_parts(self) -> Result<RequestParts, BuildError> {
        let path = fill_path(SAVE_ENTITY.path_template, &[&self.list_name, &self.id]);
        let mut parts = RequestParts::new(&SAVE_ENTITY, path);
        let mut query = Query::new();
        if let Some(since) = &self.since {
            query.push("since", since);
        }
        parts.query = query;
        parts.body = Body::json(&self.item)?;
        parts.options = self.options;
        Ok(parts)
    }

    fn decode(response: RawResponse) -> Result<Self::Response, ApiError> {
        decode_optional_json(response)
    }
}

fn base() -> BaseUrl {
    BaseUrl::parse("https://sod.superoffice.com/Cust12345").unwrap()
}

#[test]
fn json_post_request_is_built_as_documented() {
    let request = SaveEntity {
        list_name: "my list/x".into(),
        id: 5,
        item: ListItem {
            name: "Blue".into(),
            updated: "2004-09-26T18:25:50.13Z".parse().unwrap(),
        },
        since: Some("2004-09-26T18:25:50+02:00".parse().unwrap()),
        options: RequestOptions::default(),
    }
    .so_timezone("CET")
    .auth(Auth::SoTicket("7T:abc".into()));
    assert_eq!(request.meta().id, "List.SaveEntity");

    let http = request.to_http_request(&base()).unwrap();
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(
        http.uri().to_string(),
        "https://sod.superoffice.com/Cust12345/api/v1/List/my%20list%2Fx/Items/5\
         ?since=2004-09-26T18%3A25%3A50%2B02%3A00"
    );
    let names: Vec<_> = http.headers().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        ["accept", "content-type", "so-timezone", "authorization"]
    );
    assert_eq!(
        http.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    assert_eq!(http.headers()["authorization"], "SOTicket 7T:abc");
    assert_eq!(
        http.body(),
        br#"{"Name":"Blue","Updated":"2004-09-26T18:25:50.13Z"}"#
    );

    let path = http.uri().path().strip_prefix("/Cust12345").unwrap();
    assert_eq!(
        match_path(SAVE_ENTITY.path_template, path),
        Some(vec![
            ("listName".to_string(), "my list/x".to_string()),
            ("id".to_string(), "5".to_string())
        ])
    );
}

#[test]
fn sample_json_round_trips_byte_exact() {
    let sample = r#"{"Name":"Blue","Updated":"2004-09-26T18:25:50.1305954+02:00"}"#;
    let item: ListItem = serde_json::from_str(sample).unwrap();
    assert_eq!(serde_json::to_string(&item).unwrap(), sample);
    let response = RawResponse::new(StatusCode::OK, sample);
    assert_eq!(SaveEntity::decode(response).unwrap(), Some(item));
    assert_eq!(
        SaveEntity::decode(RawResponse::new(StatusCode::OK, "null")).unwrap(),
        None
    );
}

#[test]
fn patch_and_download_parts() {
    let mut patch = RequestParts::new(
        &PATCH_ENTITY,
        fill_path(PATCH_ENTITY.path_template, &[&"colors", &1]),
    );
    patch.body = Body::json_patch(&JsonPatch::new().replace("/Name", json!("Red"))).unwrap();
    let http =
        superoffice_api::runtime::build_request(&base(), &RequestOptions::new(), patch).unwrap();
    assert_eq!(http.method(), http::Method::PATCH);
    assert_eq!(
        http.headers()["content-type"],
        "application/json-patch+json"
    );
    assert_eq!(
        http.body(),
        br#"[{"op":"replace","path":"/Name","value":"Red"}]"#
    );

    let mut download = RequestParts::new(&DOWNLOAD, fill_path(DOWNLOAD.path_template, &[&9]));
    download.accept = Accept::Binary;
    let http =
        superoffice_api::runtime::build_request(&base(), &RequestOptions::new(), download).unwrap();
    assert_eq!(http.headers()["accept"], "application/octet-stream");
    let bytes = decode_bytes(RawResponse::new(
        StatusCode::OK,
        Bytes::from_static(b"\x00PDF"),
    ))
    .unwrap();
    assert_eq!(bytes.as_ref(), b"\x00PDF");
}

#[test]
fn bad_base_urls_are_rejected() {
    assert!(matches!(
        BaseUrl::parse("ftp://sod.superoffice.com/Cust1"),
        Err(BuildError::InvalidBaseUrl(_))
    ));
}
