//! Query parameters: renamed, lists, optional and not, every scalar; setters named as the fields.

use superoffice_api::runtime::{ApiRequest, BaseUrl, DateTime};
use superoffice_api::so_endpoint;

/// Searches contacts.
#[so_endpoint(GET "/api/v1/Contact", response = serde_json::Value)]
pub struct SearchContacts {
    /// Fields to return.
    #[query(rename = "$select")]
    select: Option<Vec<String>>,
    /// Maximum number of rows.
    #[query(rename = "$top")]
    top: i32,
    #[query]
    include_deleted: Option<bool>,
    #[query(rename = "minId")]
    min_id: i64,
    #[query]
    weight: f64,
    #[query]
    since: DateTime,
    #[query]
    ids: Vec<i32>,
}

fn main() {
    let base = BaseUrl::parse("https://sod.superoffice.com/Cust1").unwrap();
    let since: DateTime = "2024-01-02T03:04:05Z".parse().unwrap();
    let http = SearchContacts::new()
        .select(["Name", "Department"])
        .top(10)
        .include_deleted(false)
        .min_id(1 << 40)
        .weight(0.5)
        .since(since)
        .ids([1, 2])
        .to_http_request(&base)
        .unwrap();
    assert_eq!(
        http.uri().query(),
        Some(
            "$select=Name,Department&$top=10&include_deleted=false&minId=1099511627776\
             &weight=0.5&since=2024-01-02T03%3A04%3A05Z&ids=1,2"
        )
    );
    // Unset parameters stay out of the request.
    let http = SearchContacts::new().top(5).to_http_request(&base).unwrap();
    assert_eq!(http.uri().query(), Some("$top=5"));
}
