// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Paging (feature `client`): every row of a list endpoint as one [`Stream`], fetched a page
//! at a time.
//!
//! The public items are documented on [`Paginated`], [`Pages`] and `Client::paginate`.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use futures_util::{FutureExt as _, Stream, StreamExt as _};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::body::Body;
use super::client::Client;
use super::decode::decode_optional_json;
use super::error::ApiError;
use super::query::Query;
use super::request::{ApiRequest, RequestParts};
use super::route::match_path;

/// The page size a request that does not choose one (by `$top`, or by `PageSize` in its body)
/// is paged with: big enough that a list of a few thousand rows takes a handful of calls,
/// small enough that one page stays well inside SuperOffice's time limits.
pub const DEFAULT_PAGE_SIZE: u32 = 200;

/// An endpoint whose answer is one page of a longer list: [`Client::paginate`] turns such a
/// request into a stream of all its rows.
///
/// SuperOffice pages its lists in two ways. The OData list endpoints of the REST half
/// (`GET /api/v1/Sale`, ...) take `$top` and `$skip` and answer
/// `{"odata.nextLink": ..., "value": [...]}` ([`Paging::OData`]); the Archive agent's list
/// calls (`POST /api/v1/Agents/Archive/GetArchiveListByColumns`, ...) take `Page` and
/// `PageSize` members in their JSON body and answer an array of rows
/// ([`Paging::PageNumber`]). The generator implements this trait for every endpoint of either
/// shape, and [`Client::paginate`] drives both, so a caller never writes the loop, the offsets
/// or the end test. For an endpoint of your own (`#[so_endpoint]`) of either shape, implement
/// it by hand: the two items below are all the stream needs.
///
/// ```no_run
/// # use superoffice_api::runtime::*;
/// # static META_GET_ALL: EndpointMeta = EndpointMeta {
/// #     id: "v1SaleEntity_GetAll", method: Method::Get, path_template: "/api/v1/Sale",
/// #     docs_url: "https://docs.example/sale", summary: "OData list of all SaleEntity.",
/// # };
/// # /// A stand-in for the generated `rest::sale::GetAll`.
/// # pub struct GetAll { select: Option<String>, top: Option<i32>, options: RequestOptions }
/// # impl GetAll {
/// #     pub fn new() -> Self { GetAll { select: None, top: None, options: RequestOptions::new() } }
/// #     pub fn select(mut self, v: &str) -> Self { self.select = Some(v.to_owned()); self }
/// #     pub fn top(mut self, v: i32) -> Self { self.top = Some(v); self }
/// # }
/// # impl ApiRequest for GetAll {
/// #     type Response = serde_json::Value;
/// #     const META: &'static EndpointMeta = &META_GET_ALL;
/// #     fn request_options(&mut self) -> &mut RequestOptions { &mut self.options }
/// #     fn into_parts(self) -> Result<RequestParts, BuildError> {
/// #         let mut parts = RequestParts::for_endpoint(Self::META, &[], self.options);
/// #         parts.query.push_some("$select", &self.select);
/// #         parts.query.push_some("$top", &self.top);
/// #         Ok(parts)
/// #     }
/// #     fn decode(response: RawResponse) -> Result<Self::Response, ApiError> { decode_json(response) }
/// # }
/// # impl Paginated for GetAll {
/// #     type Item = std::collections::BTreeMap<String, serde_json::Value>;
/// #     const PAGING: Paging = Paging::OData;
/// # }
/// async fn print_sales(client: &Client) -> Result<usize, ApiError> {
///     // `$top` is the page size; the stream sends `$skip` (or follows `odata.nextLink`).
///     let mut rows = client.paginate(GetAll::new().select("heading,amount").top(200));
///     let mut seen = 0;
///     while let Some(row) = rows.try_next().await? {
///         println!("{:?}", row.get("heading"));
///         seen += 1;
///     }
///     Ok(seen)
/// }
/// ```
///
/// [`Pages`] is also a [`Stream`] of `Result<Item, ApiError>`, for the combinators of
/// `futures-util` (`try_collect`, `take`, ...). Rows come as the server sends them; a failed
/// page is one `Err`, after which the stream ends.
pub trait Paginated: ApiRequest {
    /// One row of a page: the element type of `value`, or of the answer array.
    type Item: DeserializeOwned + Send + 'static;

    /// How the endpoint is asked for a page.
    const PAGING: Paging;
}

/// How an endpoint is asked for the next page, and how it says there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Paging {
    /// `$top` (the page size: the request's own, else [`DEFAULT_PAGE_SIZE`]) and `$skip` (from
    /// the request's own, else 0) in the query; the answer is an OData object whose `value`
    /// holds the rows. When the server links the next page (`odata.nextLink`, absolute or
    /// relative) the link is followed instead, with the client's credentials, and only to the
    /// same endpoint of the same tenant. The list ends with a page without a link that is
    /// shorter than `$top`, or with an empty page.
    OData,
    /// `Page` (zero-based: the request's own, else 0) and `PageSize` (the request's own, else
    /// [`DEFAULT_PAGE_SIZE`]) members of the JSON body; the answer is an array of rows. The
    /// list ends with a page shorter than `PageSize`.
    PageNumber,
}

/// Why a list could not be paged through; inside [`ApiError::Paging`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The server's `odata.nextLink` is not a URL, even relative to the page it came with.
    #[error("the server's link to the next page is not a URL: {0:?}")]
    InvalidNextLink(String),
    /// The server's `odata.nextLink` points outside the tenant the client talks to, or to
    /// another endpoint. It is not followed: the client's credentials go only where its
    /// requests go.
    #[error("the server's link to the next page leaves the endpoint (to `{0}`); not followed")]
    ForeignNextLink(String),
    /// The server's `odata.nextLink` is the page just read, which would never end.
    #[error("the server's link to the next page is the page just read")]
    RepeatedNextLink,
    /// The request body of a [`Paging::PageNumber`] endpoint is not a JSON object, so there is
    /// no `Page` to set.
    #[error("the request body is not a JSON object, so its page cannot be set")]
    BodyNotAnObject,
}

impl Client {
    /// Every row of the list `request` asks for, fetched a page at a time as the stream is
    /// read; see [`Paginated`] for how each kind of endpoint is paged, with an example.
    ///
    /// Nothing is sent until the stream is first polled. Each page is one
    /// [`Client::execute`] with the request's own options over the client's defaults; a page
    /// that fails is one `Err` item, and then the stream ends.
    pub fn paginate<R: Paginated>(&self, request: R) -> Pages<R::Item> {
        let start = request
            .into_parts()
            .map_err(ApiError::from)
            .and_then(|parts| Cursor::start(self.clone(), parts, R::PAGING));
        Pages {
            rows: Vec::new().into_iter(),
            state: match start {
                Ok((cursor, first)) => State::Ready(Box::new(cursor), first),
                Err(error) => State::Failed(error),
            },
        }
    }
}

/// The rows of a paged list, from [`Client::paginate`]: a [`Stream`] of `Result<T, ApiError>`
/// that fetches the next page when the rows of the last one are used up.
///
/// Read it with [`Pages::try_next`] in a loop (see [`Paginated`]), or with the stream
/// combinators of `futures-util`. Dropping it stops the paging: a page is only asked for when a
/// row is wanted that the pages so far do not hold.
///
/// ```no_run
/// use futures_util::{StreamExt as _, TryStreamExt as _};
/// use serde::de::DeserializeOwned;
/// use superoffice_api::runtime::{ApiError, Pages};
///
/// /// At most the first `n` rows of a list, in as few pages as that takes.
/// async fn first<T: DeserializeOwned + Send + 'static>(
///     rows: Pages<T>,
///     n: usize,
/// ) -> Result<Vec<T>, ApiError> {
///     rows.take(n).try_collect().await
/// }
/// ```
pub struct Pages<T> {
    rows: std::vec::IntoIter<T>,
    state: State<T>,
}

/// The stream's state between rows; `State::Done` once the list or an error has ended it.
enum State<T> {
    /// Fetches `Next` when the buffered rows run out. The cursor is boxed as it goes into
    /// the page future anyway.
    Ready(Box<Cursor>, Next),
    /// A page is on its way; the future hands the cursor back with it.
    Fetching(BoxFuture<'static, Handed<T>>),
    /// The list cannot go on: this error is the stream's last item (its only one when the
    /// request could not even be started).
    Failed(ApiError),
    Done,
}

/// One page read: its rows and what to ask for next (`None`: it was the last), or why the
/// list cannot go on (a link not to follow), which the stream gives after these rows.
type Fetched<T> = (Vec<T>, Result<Option<Next>, ApiError>);

/// What a page future ends with: the cursor back, and the page or why there is none.
type Handed<T> = (Box<Cursor>, Result<Fetched<T>, ApiError>);

// No field is ever pinned: the page future is boxed, the rows are a plain iterator.
impl<T> Unpin for Pages<T> {}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    /// The next row: `Ok(None)` when the list has ended, `Err` when a page could not be read
    /// (after which the list has ended too). The same as `TryStreamExt::try_next`, without
    /// importing it.
    pub async fn try_next(&mut self) -> Result<Option<T>, ApiError> {
        self.next().await.transpose()
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Pages<T> {
    type Item = Result<T, ApiError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(row) = this.rows.next() {
                return Poll::Ready(Some(Ok(row)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failed(error) => return Poll::Ready(Some(Err(error))),
                State::Ready(cursor, next) => {
                    this.state = State::Fetching(Box::pin(cursor.fetch(next)));
                }
                State::Fetching(mut page) => match page.poll_unpin(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(page);
                        return Poll::Pending;
                    }
                    Poll::Ready((cursor, Ok((rows, then)))) => {
                        this.rows = rows.into_iter();
                        match then {
                            Ok(Some(next)) => this.state = State::Ready(cursor, next),
                            Ok(None) => {}
                            Err(error) => this.state = State::Failed(error),
                        }
                    }
                    Poll::Ready((_, Err(error))) => return Poll::Ready(Some(Err(error))),
                },
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.rows.len();
        match self.state {
            State::Done => (buffered, Some(buffered)),
            _ => (buffered, None),
        }
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready(_, next) => format!("{next:?}"),
            State::Fetching(_) => "Fetching".to_owned(),
            State::Failed(_) => "Failed".to_owned(),
            State::Done => "Done".to_owned(),
        };
        f.debug_struct("Pages")
            .field("buffered", &self.rows.len())
            .field("state", &state)
            .finish()
    }
}

/// Which page to ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Next {
    /// OData by offset: `$top` is the page size, `$skip` this.
    Skip(u64),
    /// OData by the server's link: the path below the tenant root, and the encoded query.
    Link { path: String, query: String },
    /// `Page` in the body.
    Page(u64),
}

/// Everything a page request is made from, handed from page to page.
struct Cursor {
    client: Client,
    /// The request without its paging: no `$top`/`$skip`; the body is in `body`.
    parts: RequestParts,
    /// The JSON body of a [`Paging::PageNumber`] request, whose `Page` and `PageSize` are set
    /// for each page.
    body: Map<String, Value>,
    page_size: u64,
    paging: Paging,
}

/// A page number or size a request carries in its query, when it is one.
fn number(text: Option<&str>) -> Option<u64> {
    text?.parse().ok()
}

impl Cursor {
    /// The cursor for `parts` and the first page to fetch: where the request itself starts.
    fn start(
        client: Client,
        mut parts: RequestParts,
        paging: Paging,
    ) -> Result<(Self, Next), ApiError> {
        let default_size = u64::from(DEFAULT_PAGE_SIZE);
        let mut body = Map::new();
        let (page_size, first) = match paging {
            Paging::OData => {
                let top = number(parts.query.remove("$top").as_deref()).filter(|&n| n > 0);
                let skip = number(parts.query.remove("$skip").as_deref()).unwrap_or(0);
                (top.unwrap_or(default_size), Next::Skip(skip))
            }
            Paging::PageNumber => {
                body = match std::mem::take(&mut parts.body) {
                    Body::Empty => Map::new(),
                    Body::Json(bytes) => {
                        serde_json::from_slice(&bytes).map_err(|_| PagingError::BodyNotAnObject)?
                    }
                    _ => return Err(PagingError::BodyNotAnObject.into()),
                };
                let size = body
                    .get("PageSize")
                    .and_then(Value::as_u64)
                    .filter(|&n| n > 0);
                let page = body.get("Page").and_then(Value::as_u64).unwrap_or(0);
                (size.unwrap_or(default_size), Next::Page(page))
            }
        };
        let cursor = Cursor {
            client,
            parts,
            body,
            page_size,
            paging,
        };
        Ok((cursor, first))
    }

    /// The request for page `next`.
    fn parts_for(&self, next: &Next) -> Result<RequestParts, ApiError> {
        let mut parts = self.parts.clone();
        match next {
            Next::Skip(skip) => {
                parts.query.push("$top", &self.page_size);
                parts.query.push("$skip", skip);
            }
            Next::Link { path, query } => {
                parts.path = path.clone();
                parts.query = Query::from_encoded(query);
            }
            Next::Page(page) => {
                let mut body = self.body.clone();
                body.insert("Page".to_owned(), Value::from(*page));
                body.insert("PageSize".to_owned(), Value::from(self.page_size));
                parts.body = Body::json(&body)?;
            }
        }
        Ok(parts)
    }

    /// Fetches page `next`, and hands itself back with the rows.
    async fn fetch<T: DeserializeOwned>(self: Box<Self>, next: Next) -> Handed<T> {
        let page = self.fetch_page(next).await;
        (self, page)
    }

    async fn fetch_page<T: DeserializeOwned>(&self, next: Next) -> Result<Fetched<T>, ApiError> {
        let parts = self.parts_for(&next)?;
        let page_url = format!("{}{}?{}", self.client.base_url(), parts.path, parts.query);
        let response = self.client.execute(parts).await?;
        let full = |n: usize| n as u64 == self.page_size;
        match self.paging {
            Paging::OData => {
                let page = decode_optional_json::<ODataPage<T>>(response)?;
                let (rows, link) = page.map_or((Vec::new(), None), |p| {
                    (p.value.unwrap_or_default(), p.next_link)
                });
                let link = link.filter(|l| !l.trim().is_empty());
                let then = match (&next, link) {
                    _ if rows.is_empty() => Ok(None),
                    (_, Some(link)) => self.follow(&link, &page_url).map(Some).map_err(Into::into),
                    (Next::Skip(skip), None) if full(rows.len()) => {
                        Ok(Some(Next::Skip(skip + self.page_size)))
                    }
                    _ => Ok(None),
                };
                Ok((rows, then))
            }
            Paging::PageNumber => {
                let rows = decode_optional_json::<Vec<T>>(response)?.unwrap_or_default();
                let next = match next {
                    Next::Page(page) if full(rows.len()) => Some(Next::Page(page + 1)),
                    _ => None,
                };
                Ok((rows, Ok(next)))
            }
        }
    }

    /// The page `link` (from the page at `page_url`) names, when it is this endpoint of this
    /// tenant: same scheme, host and port as the client's base URL, a path below it that fits
    /// the endpoint's route.
    fn follow(&self, link: &str, page_url: &str) -> Result<Next, PagingError> {
        let invalid = || PagingError::InvalidNextLink(link.to_owned());
        let page = reqwest::Url::parse(page_url).map_err(|_| invalid())?;
        let url = page.join(link.trim()).map_err(|_| invalid())?;
        let base = reqwest::Url::parse(self.client.base_url().as_str()).map_err(|_| invalid())?;
        // Where it leads, without its query: the route is what matters, and a query may carry
        // anything.
        let foreign =
            || PagingError::ForeignNextLink(url.origin().ascii_serialization() + url.path());
        if url.origin() != base.origin() {
            return Err(foreign());
        }
        let root = base.path().trim_end_matches('/');
        let below = url
            .path()
            .get(..root.len())
            .filter(|head| head.eq_ignore_ascii_case(root))
            .map(|_| &url.path()[root.len()..])
            .filter(|path| path.starts_with('/'))
            .ok_or_else(foreign)?;
        if match_path(self.parts.meta.path_template, below).is_none() {
            return Err(foreign());
        }
        if url.as_str() == page.as_str() {
            return Err(PagingError::RepeatedNextLink);
        }
        Ok(Next::Link {
            path: below.to_owned(),
            query: url.query().unwrap_or("").to_owned(),
        })
    }
}

/// An OData list answer: the rows and, when the server pages by link, the next page's URL.
/// Both spellings of the link are read: `odata.nextLink` (OData 3, SuperOffice's) and
/// `@odata.nextLink` (OData 4).
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct ODataPage<T> {
    #[serde(rename = "odata.nextLink", alias = "@odata.nextLink", default)]
    next_link: Option<String>,
    #[serde(default)]
    value: Option<Vec<T>>,
}

#[cfg(test)]
mod tests {
    use super::super::auth::Auth;
    use super::super::base_url::BaseUrl;
    use super::super::meta::{EndpointMeta, Method};
    use super::*;

    static GET_ALL: EndpointMeta = EndpointMeta {
        id: "v1SaleEntity_GetAll",
        method: Method::Get,
        path_template: "/api/v1/Sale",
        docs_url: "https://docs.example/sale",
        summary: "All sales.",
    };

    fn cursor(base: &str) -> Cursor {
        let client = Client::new(BaseUrl::parse(base).unwrap(), Auth::Bearer("t".into()));
        let mut parts = RequestParts::new(&GET_ALL, "/api/v1/Sale".into());
        parts.query.push("$select", &"heading");
        parts.query.push("$top", &50);
        parts.query.push("$skip", &100);
        let (cursor, first) = Cursor::start(client, parts, Paging::OData).unwrap();
        assert_eq!(first, Next::Skip(100));
        assert_eq!(cursor.page_size, 50);
        cursor
    }

    #[test]
    fn offsets_replace_the_requests_own() {
        let cursor = cursor("https://sod.example/Cust1");
        let parts = cursor.parts_for(&Next::Skip(150)).unwrap();
        assert_eq!(parts.query.as_str(), "$select=heading&$top=50&$skip=150");
    }

    #[test]
    fn links_are_followed_only_within_the_endpoint() {
        let cursor = cursor("https://sod.example/Cust1");
        let page = "https://sod.example/Cust1/api/v1/Sale?$top=50";
        let link = |path: &str, query: &str| Next::Link {
            path: path.to_owned(),
            query: query.to_owned(),
        };
        for (given, expected) in [
            (
                "https://sod.example/Cust1/api/v1/Sale?$skip=50",
                link("/api/v1/Sale", "$skip=50"),
            ),
            (
                "/Cust1/api/v1/sale?$skip=1",
                link("/api/v1/sale", "$skip=1"),
            ),
            ("Sale?$skip=2", link("/api/v1/Sale", "$skip=2")),
            ("?$skip=3", link("/api/v1/Sale", "$skip=3")),
        ] {
            assert_eq!(cursor.follow(given, page).unwrap(), expected, "{given}");
        }
        for foreign in [
            "https://evil.example/Cust1/api/v1/Sale?$skip=50",
            "http://sod.example/Cust1/api/v1/Sale",
            "https://sod.example:8443/Cust1/api/v1/Sale",
            "//evil.example/Cust1/api/v1/Sale",
            "/Cust2/api/v1/Sale",
            "/Cust1/api/v1/Contact",
            "Sale/../../../../Cust2/api/v1/Sale",
        ] {
            assert!(
                matches!(
                    cursor.follow(foreign, page),
                    Err(PagingError::ForeignNextLink(_))
                ),
                "{foreign}"
            );
        }
        assert!(matches!(
            cursor.follow("https://[::1", page),
            Err(PagingError::InvalidNextLink(_))
        ));
        assert!(matches!(
            cursor.follow("Sale?$top=50", page),
            Err(PagingError::RepeatedNextLink)
        ));
    }

    #[test]
    fn page_numbers_go_into_the_body() {
        static LIST: EndpointMeta = EndpointMeta {
            id: "v1ArchiveAgent_GetArchiveListByColumns",
            method: Method::Post,
            path_template: "/api/v1/Agents/Archive/GetArchiveListByColumns",
            docs_url: "https://docs.example/archive",
            summary: "A page of an archive.",
        };
        let client = Client::new(
            BaseUrl::parse("https://sod.example/Cust1").unwrap(),
            Auth::Bearer("t".into()),
        );
        let mut parts = RequestParts::new(&LIST, LIST.path_template.into());
        parts.body = Body::Json(br#"{"ProviderName":"sale","PageSize":25}"#.to_vec());
        let (cursor, first) =
            Cursor::start(client.clone(), parts.clone(), Paging::PageNumber).unwrap();
        assert_eq!((first, cursor.page_size), (Next::Page(0), 25));
        let sent = cursor.parts_for(&Next::Page(3)).unwrap().body.into_bytes();
        let sent: Value = serde_json::from_slice(&sent).unwrap();
        assert_eq!(
            sent,
            serde_json::json!({"ProviderName": "sale", "Page": 3, "PageSize": 25})
        );
        parts.body = Body::Json(b"[1]".to_vec());
        assert!(matches!(
            Cursor::start(client, parts, Paging::PageNumber),
            Err(ApiError::Paging(PagingError::BodyNotAnObject))
        ));
    }
}
