//! The IR: one resolved API ([`Api`]) made of endpoints and models, each node with its source
//! span. Plain data: everything after resolution (the manifest, the emitters, the macro) reads
//! this and nothing else.

mod types;

pub use types::TypeRef;

use std::collections::BTreeMap;

use crate::diagnostic::Span;

/// The whole API as one docs folder describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    /// Endpoints, sorted by area, then id.
    pub endpoints: Vec<Endpoint>,
    /// Models by wire name.
    pub models: BTreeMap<String, Model>,
}

/// The operation part of an operation id: `v1ChatSessionEntity_PickUpChatSession` gives
/// `PickUpChatSession` (everything after the first `_`, so `v1Preference_SetPrefValue_POST`
/// gives `SetPrefValue_POST`; the whole id when there is none). The resolver names request
/// models and the emitter names builders from it.
pub fn operation_name(id: &str) -> &str {
    match id.split_once('_') {
        Some((_, op)) if !op.trim_matches('_').is_empty() => op,
        _ => id,
    }
}

/// An HTTP method the WebAPI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// Parses an upper-case method name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Which half of the WebAPI an endpoint belongs to, and its group there. It decides the module
/// and the cargo feature the endpoint is emitted under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area {
    /// REST entities or RPC agents.
    pub kind: AreaKind,
    /// The group: `ChatSession` for `/api/v1/ChatSession/...`, `Chat` for `/api/v1/Agents/Chat/...`.
    pub name: String,
}

/// The two halves of the WebAPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AreaKind {
    /// `/api/v1/Agents/...`: RPC-style endpoints.
    Agent,
    /// Everything else under `/api/v1/`: REST entities, lists, archives.
    Rest,
}

/// One endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The operation id (`v1ChatSessionEntity_PickUpChatSession`).
    pub id: String,
    /// The area it is grouped under.
    pub area: Area,
    /// HTTP method.
    pub method: Method,
    /// Path template as documented (`/api/v1/ChatSession/{chatSessionId}/Pickup`).
    pub path: String,
    /// The page title (`POST ChatSession/{id}/Pickup`).
    pub title: String,
    /// First paragraph of the page.
    pub summary: String,
    /// The rest of the introduction.
    pub description: String,
    /// Path parameters in template order.
    pub path_params: Vec<Param>,
    /// Query parameters in page order.
    pub query_params: Vec<Param>,
    /// Documented request headers.
    pub headers: Vec<Header>,
    /// The request body, if the endpoint takes one.
    pub request_body: Option<RequestBody>,
    /// The type of the 200 response body; `None` when there is none.
    pub response: Option<TypeRef>,
    /// How the response body travels.
    pub response_kind: BodyKind,
    /// For a binary response: the media types the page's `Accept` row lists for it (JSON, XML
    /// and patch types left out), in page order. Empty otherwise.
    pub response_media_types: Vec<String>,
    /// What the response section says the body is.
    pub response_description: String,
    /// Documented statuses.
    pub statuses: Vec<Status>,
    /// The sample request body, if the page shows one.
    pub sample_request: Option<serde_json::Value>,
    /// The sample response: status code and body.
    pub sample_response: Option<SampleResponse>,
    /// Page the endpoint was read from (the first, for merged pages).
    pub source: String,
    /// Every page describing the endpoint.
    pub sources: Vec<String>,
    /// The request line of the first page.
    pub span: Span,
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire.
    pub name: String,
    /// Type.
    pub ty: TypeRef,
    /// Whether the docs mark it required (path parts always are).
    pub required: bool,
    /// Description.
    pub description: String,
    /// The table row.
    pub span: Span,
}

/// A documented request header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// How a body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyKind {
    /// JSON.
    Json,
    /// A JSON-Patch document (or a merge-patch object).
    JsonPatch,
    /// Raw bytes (an upload, or a download).
    Binary,
    /// No body (204, or nothing documented).
    Empty,
}

/// The request body of an endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The parameter name the docs give (`request`, `entity`, `changes`).
    pub name: String,
    /// The body type.
    pub ty: TypeRef,
    /// JSON, JSON-Patch or bytes.
    pub kind: BodyKind,
    /// The media types the body may be sent as, in page order. Binary uploads:
    /// `multipart/form-data` first when the page's heading says `binary` and its
    /// `Content-Type` row lists forms (the default wire form: one file part), then the raw types
    /// that row lists (JSON, XML, form and patch types left out).
    /// JSON-Patch bodies: `application/json-patch+json`, then `application/merge-patch+json`
    /// when the page says the server also takes a merge patch. Empty for JSON bodies.
    pub media_types: Vec<String>,
    /// What the docs say the body is.
    pub description: String,
    /// The `Request Body` heading.
    pub span: Span,
}

/// A documented status code.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Code.
    pub code: u16,
    /// Meaning for this endpoint.
    pub description: String,
}

/// The sample response of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleResponse {
    /// Status code of the sample.
    pub status: u16,
    /// The JSON body, if any.
    pub body: Option<serde_json::Value>,
}

/// A model: an object type with named properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Wire (and Rust type) name.
    pub name: String,
    /// What the docs say it is.
    pub description: String,
    /// Properties in first-seen order.
    pub properties: Vec<Property>,
    /// Where the model was described or inferred from, first first.
    pub sources: Vec<Span>,
    /// The area whose endpoints use it, when only one does: it is emitted under that area's
    /// feature. `None`: shared by several areas.
    pub area: Option<Area>,
}

/// A property of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// Name on the wire, as the docs spell it.
    pub name: String,
    /// Type.
    pub ty: TypeRef,
    /// Description.
    pub description: String,
    /// Where the property is first listed (its first table row, else the model's first
    /// source).
    pub span: Span,
    /// Where its type came from. Not in the manifest: `codegen report` counts it.
    pub origin: TypeOrigin,
}

/// Where the type of a property came from.
///
/// Whether a type came "from another page" is relative to a page: look for the page in question
/// among the rows of [`Table`](TypeOrigin::Table) (for the property as a whole, for the file of
/// [`Property::span`], where it is first listed). The 2023 `id:` pages leave nested types blank
/// and the website pages of the same endpoints state them, so this happens often.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeOrigin {
    /// Table rows state it (a precise scalar, an enum, a type name, a loose request-table
    /// type the samples may refine, or `object`/`array`): every row that states what was used.
    Table(Vec<Span>),
    /// No row states it; the sample JSON of a page showing the model does.
    Sample,
    /// No row of this model states it and its samples show only `{}`; every table of the docs
    /// that states a model for a property of this name states the same one.
    Consensus,
    /// Nothing tells it: the type is `any`.
    Unknown,
}
