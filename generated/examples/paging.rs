//! Reading whole lists a page at a time: the OData list of sales, and an Archive agent list.
//!
//! ```sh
//! SO_BASE_URL=https://sod.superoffice.com/Cust12345 SO_ACCESS_TOKEN=... \
//!     cargo run -p superoffice-api --features all --example paging
//! ```
//!
//! `SO_BASE_URL` is the tenant root, `SO_ACCESS_TOKEN` an OAuth access token (sent as
//! `Authorization: Bearer`); `SO_PAGE_SIZE` (default 100) is the rows per request. The program
//! prints the sales the list holds, then the first rows of the sale archive by amount.

use superoffice_api::agents::archive::GetArchiveListByColumns;
use superoffice_api::models::GetArchiveListByColumnsRequest;
use superoffice_api::rest::sale::GetAll;
use superoffice_api::runtime::{Auth, BaseUrl, Client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (Ok(base), Ok(token)) = (
        std::env::var("SO_BASE_URL"),
        std::env::var("SO_ACCESS_TOKEN"),
    ) else {
        eprintln!("set SO_BASE_URL (the tenant root) and SO_ACCESS_TOKEN (an OAuth access token)");
        std::process::exit(2);
    };
    let page_size: i32 = match std::env::var("SO_PAGE_SIZE") {
        Ok(size) => size.parse()?,
        Err(_) => 100,
    };
    let client = Client::new(BaseUrl::parse(&base)?, Auth::Bearer(token));

    // OData: `$top` is the page size; the stream sends `$skip`, or follows the server's
    // `odata.nextLink`, until a short or empty page.
    let mut sales = client.paginate(
        GetAll::new()
            .select("heading,amount")
            .order_by("amount desc")
            .top(page_size),
    );
    let mut count = 0;
    while let Some(row) = sales.try_next().await? {
        count += 1;
        let heading = row.get("heading").and_then(|v| v.as_str()).unwrap_or("");
        println!("sale {count}: {heading}");
    }
    println!("{count} sales");

    // Archive agent: `Page` and `PageSize` in the body, zero-based, until a short page. A
    // stream can be left early: the rest of the list is never asked for.
    let mut request = GetArchiveListByColumnsRequest::default();
    request.provider_name = Some("sale".into());
    request.columns = Some(vec!["heading".into(), "amount".into()]);
    request.page_size = Some(page_size);
    let mut rows = client.paginate(GetArchiveListByColumns::new(request));
    for _ in 0..5 {
        let Some(row) = rows.try_next().await? else {
            break;
        };
        println!(
            "archive row {:?}: {:?}",
            row.primary_key,
            row.column_data
                .as_ref()
                .and_then(|c| c.get("heading")?.display_value.clone())
        );
    }
    Ok(())
}
