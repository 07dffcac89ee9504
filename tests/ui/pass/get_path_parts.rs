//! GET with two path parts (a number and a text), built into an `http::Request`.

use serde::Deserialize;
use superoffice_api::runtime::{ApiRequest, BaseUrl, Method};
use superoffice_api::so_endpoint;

#[derive(Debug, Deserialize)]
pub struct ListItem {
    #[serde(rename = "Id")]
    pub id: i32,
}

/// Gets one item of a list.
#[so_endpoint(GET "/api/v1/List/{listName}/Items/{id}", response = ListItem)]
pub struct GetListItem {
    /// The list.
    list_name: String,
    /// The item.
    id: i32,
}

fn main() {
    let base = BaseUrl::parse("https://sod.superoffice.com/Cust1").unwrap();
    let request = GetListItem::new("a/b c", 7);
    assert_eq!(request.meta().method, Method::Get);
    assert_eq!(META_GET_LIST_ITEM.path_template, "/api/v1/List/{listName}/Items/{id}");
    assert_eq!(META_GET_LIST_ITEM.id, "GetListItem");
    assert_eq!(META_GET_LIST_ITEM.summary, "Gets one item of a list.");
    let http = request.to_http_request(&base).unwrap();
    assert_eq!(http.method(), "GET");
    assert_eq!(
        http.uri(),
        "https://sod.superoffice.com/Cust1/api/v1/List/a%2Fb%20c/Items/7"
    );
    assert_eq!(http.headers()["accept"], "application/json");
    assert!(http.body().is_empty());
}
