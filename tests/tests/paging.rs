//! `Client::paginate` against a `wiremock` server on loopback: the OData list of
//! `docs-input/rest/Sale` paged by `$skip` and by `odata.nextLink`, and the Archive agent's list
//! of `docs-input/agent/Archive_Agent` paged by `Page`. What goes over the wire is checked
//! request by request: the paging parameters, and the client's credentials and headers on every
//! page, including pages reached through a link (and nothing sent where a link must not go).

use serde_json::{json, Value};
use superoffice_api::agents::archive::GetArchiveListByColumns;
use superoffice_api::models::{ArchiveListByColumn, GetArchiveListByColumnsRequest};
use superoffice_api::rest::sale::GetAll;
use superoffice_api::runtime::{
    ApiError, Auth, BaseUrl, Client, Pages, PagingError, WithOptions, DEFAULT_PAGE_SIZE,
};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SALES: &str = "/Cust1/api/v1/Sale";
const ARCHIVE: &str = "/Cust1/api/v1/Agents/Archive/GetArchiveListByColumns";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(BaseUrl::parse(&format!("{}/Cust1", server.uri())).unwrap())
        .auth(Auth::Bearer("secret-token".into()))
        .so_language("en")
        .build()
        .unwrap()
}

/// An OData answer with rows `ids` and, when given, a next link.
fn odata(ids: &[i32], next: Option<&str>) -> ResponseTemplate {
    let rows: Vec<Value> = ids
        .iter()
        .map(|id| json!({"PrimaryKey": id, "heading": format!("sale {id}")}))
        .collect();
    let mut body = json!({"odata.metadata": "https://example.test/$metadata", "value": rows});
    if let Some(next) = next {
        body["odata.nextLink"] = json!(next);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Every row of the stream, or the first error with the rows before it.
async fn drain<T>(mut rows: Pages<T>) -> (Vec<T>, Option<ApiError>)
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    let mut got = Vec::new();
    loop {
        match rows.try_next().await {
            Ok(Some(row)) => got.push(row),
            Ok(None) => return (got, None),
            Err(e) => {
                // After an error the stream has ended.
                assert!(matches!(rows.try_next().await, Ok(None)));
                return (got, Some(e));
            }
        }
    }
}

fn keys(rows: &[std::collections::BTreeMap<String, Value>]) -> Vec<i64> {
    rows.iter()
        .map(|r| r["PrimaryKey"].as_i64().unwrap())
        .collect()
}

/// Each request carried the client's credentials and default headers.
fn all_authorised(requests: &[Request]) {
    for r in requests {
        assert_eq!(
            r.headers["authorization"], "Bearer secret-token",
            "{}",
            r.url
        );
        assert_eq!(r.headers["so-language"], "en", "{}", r.url);
    }
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn query_of(r: &Request) -> Vec<(String, String)> {
    r.url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

#[tokio::test]
async fn odata_pages_by_skip_until_a_short_page() {
    let server = MockServer::start().await;
    for (skip, ids) in [("0", &[1, 2][..]), ("2", &[3, 4]), ("4", &[5])] {
        Mock::given(method("GET"))
            .and(path(SALES))
            .and(query_param("$skip", skip))
            .and(query_param("$top", "2"))
            .respond_with(odata(ids, None))
            .expect(1)
            .mount(&server)
            .await;
    }
    let rows = client(&server).paginate(GetAll::new().select("heading").top(2));
    let (rows, error) = drain(rows).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(keys(&rows), [1, 2, 3, 4, 5]);
    let sent = requests(&server).await;
    all_authorised(&sent);
    let p = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(
        query_of(&sent[1]),
        [p("$select", "heading"), p("$top", "2"), p("$skip", "2")],
        "the request's own parameters stay, its paging is the stream's"
    );
}

#[tokio::test]
async fn odata_starts_at_the_requests_skip_with_the_default_page_size() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skip", "10"))
        .and(query_param("$top", DEFAULT_PAGE_SIZE.to_string()))
        .respond_with(odata(&[11, 12], None))
        .expect(1)
        .mount(&server)
        .await;
    let (rows, error) = drain(client(&server).paginate(GetAll::new().skip(10))).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(keys(&rows), [11, 12]);
}

#[tokio::test]
async fn odata_follows_absolute_and_relative_next_links_with_the_credentials() {
    let server = MockServer::start().await;
    let absolute = format!("{}{SALES}?$select=heading&$skiptoken=p2", server.uri());
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skip", "0"))
        .respond_with(odata(&[1, 2], Some(&absolute)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skiptoken", "p2"))
        .respond_with(odata(&[3], Some("Sale?$skiptoken=p3")))
        .expect(1)
        .mount(&server)
        .await;
    // A short page with a link is not the end: the server's link wins.
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skiptoken", "p3"))
        .respond_with(odata(&[4, 5], None))
        .expect(1)
        .mount(&server)
        .await;
    let rows = client(&server).paginate(GetAll::new().select("heading").top(2).so_language("de"));
    let (rows, error) = drain(rows).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(keys(&rows), [1, 2, 3, 4, 5]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 3);
    for r in &sent {
        assert_eq!(r.headers["authorization"], "Bearer secret-token");
        assert_eq!(
            r.headers["so-language"], "de",
            "the request's own options too"
        );
    }
    assert_eq!(
        sent[2].url.query(),
        Some("$skiptoken=p3"),
        "the link as given"
    );
}

#[tokio::test]
async fn an_empty_first_page_is_an_empty_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .respond_with(odata(&[], Some("Sale?$skip=100")))
        .expect(1)
        .mount(&server)
        .await;
    let (rows, error) = drain(client(&server).paginate(GetAll::new().top(100))).await;
    assert!(rows.is_empty() && error.is_none(), "{error:?}");

    // An empty body, or `null`, is no rows either.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .respond_with(ResponseTemplate::new(200).set_body_string("null"))
        .expect(1)
        .mount(&server)
        .await;
    let (rows, error) = drain(client(&server).paginate(GetAll::new())).await;
    assert!(rows.is_empty() && error.is_none(), "{error:?}");
}

#[tokio::test]
async fn an_error_mid_stream_is_one_err_and_then_the_end() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skip", "0"))
        .respond_with(odata(&[1, 2], None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .and(query_param("$skip", "2"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({"Message": "archive failed"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let (rows, error) = drain(client(&server).paginate(GetAll::new().top(2))).await;
    assert_eq!(
        keys(&rows),
        [1, 2],
        "the rows before the failure came through"
    );
    let error = error.expect("the failed page");
    assert_eq!(
        error.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert!(error.to_string().contains("archive failed"), "{error}");
    assert_eq!(
        requests(&server).await.len(),
        2,
        "nothing after the failure"
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_is_never_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    for link in [
        format!("{}{SALES}?$skip=2", elsewhere.uri()),
        "/Cust2/api/v1/Sale?$skip=2".to_string(),
        "/Cust1/api/v1/Contact?$skip=2".to_string(),
    ] {
        server.reset().await;
        Mock::given(method("GET"))
            .and(path(SALES))
            .respond_with(odata(&[1, 2], Some(&link)))
            .expect(1)
            .mount(&server)
            .await;
        let (rows, error) = drain(client(&server).paginate(GetAll::new().top(2))).await;
        assert_eq!(keys(&rows), [1, 2]);
        let error = error.expect("a refused link");
        assert!(
            matches!(error, ApiError::Paging(PagingError::ForeignNextLink(_))),
            "{link}: {error:?}"
        );
        assert!(!error.to_string().contains("secret-token"));
        assert_eq!(requests(&server).await.len(), 1, "{link}");
    }
    assert!(
        requests(&elsewhere).await.is_empty(),
        "no credential left the tenant"
    );
}

#[tokio::test]
async fn a_next_link_to_the_same_page_is_an_error_not_a_loop() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SALES))
        .respond_with(odata(&[1, 2], Some("Sale?$top=2&$skip=0")))
        .expect(1)
        .mount(&server)
        .await;
    let (_, error) = drain(client(&server).paginate(GetAll::new().top(2))).await;
    assert!(matches!(
        error,
        Some(ApiError::Paging(PagingError::RepeatedNextLink))
    ));
}

fn archive_request(page_size: Option<i32>) -> GetArchiveListByColumns {
    let mut body = GetArchiveListByColumnsRequest::default();
    body.provider_name = Some("sale".into());
    body.columns = Some(vec!["heading".into()]);
    body.page_size = page_size;
    GetArchiveListByColumns::new(body)
}

fn archive_rows(ids: &[i32]) -> ResponseTemplate {
    let rows: Vec<Value> = ids
        .iter()
        .map(|id| json!({"EntityName": "sale", "PrimaryKey": id, "LinkHint": format!("sale/{id}")}))
        .collect();
    ResponseTemplate::new(200).set_body_json(rows)
}

fn primary_keys(rows: &[ArchiveListByColumn]) -> Vec<i32> {
    rows.iter().map(|r| r.primary_key.unwrap()).collect()
}

#[tokio::test]
async fn archive_pages_by_page_number_until_an_empty_page() {
    let server = MockServer::start().await;
    for (page, ids) in [(0, &[1, 2][..]), (1, &[3, 4]), (2, &[])] {
        Mock::given(method("POST"))
            .and(path(ARCHIVE))
            .and(body_partial_json(json!({"Page": page, "PageSize": 2})))
            .respond_with(archive_rows(ids))
            .expect(1)
            .mount(&server)
            .await;
    }
    let (rows, error) = drain(client(&server).paginate(archive_request(Some(2)))).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(primary_keys(&rows), [1, 2, 3, 4]);
    let sent = requests(&server).await;
    all_authorised(&sent);
    let body: Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(
        body,
        json!({"ProviderName": "sale", "Columns": ["heading"], "Page": 1, "PageSize": 2}),
        "the request's own members stay"
    );
}

#[tokio::test]
async fn archive_stops_after_a_short_page() {
    let server = MockServer::start().await;
    let size = i32::try_from(DEFAULT_PAGE_SIZE).unwrap();
    let full: Vec<i32> = (0..size).collect();
    Mock::given(method("POST"))
        .and(path(ARCHIVE))
        .and(body_partial_json(json!({"Page": 0, "PageSize": size})))
        .respond_with(archive_rows(&full))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(ARCHIVE))
        .and(body_partial_json(json!({"Page": 1})))
        .respond_with(archive_rows(&[size]))
        .expect(1)
        .mount(&server)
        .await;
    let (rows, error) = drain(client(&server).paginate(archive_request(None))).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(rows.len(), full.len() + 1);
    assert_eq!(
        requests(&server).await.len(),
        2,
        "no request after the short page"
    );
}
