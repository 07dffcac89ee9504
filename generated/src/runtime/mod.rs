// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The hand-written runtime every generated endpoint calls into.
//!
//! Generated code stays declarative: each endpoint is a `static`
//! [`EndpointMeta`], a request builder implementing [`ApiRequest`] (and so,
//! through a blanket impl, [`WithOptions`]) whose `into_parts` starts from
//! [`RequestParts::for_endpoint`], and a one-line `decode` using a `decode_*`
//! helper; each model implements [`Model`], from which its serde and `Debug`
//! impls are one call each (one `model_traits!` line). All real work —
//! encoding, header merging, status and error handling, reading and writing
//! JSON objects — lives here, so ~3,000 endpoints and ~1,600 models do not
//! multiply the compile time. The generic entry points ([`Body::json`],
//! [`decode_json`], `Client::send`, ...) are thin wrappers over those cores.
//!
//! Generated files import this module whole (`use crate::runtime::*;`) and
//! name its items plainly, so nothing here takes a name of the prelude.
//!
//! A request goes: builder → [`ApiRequest::into_parts`] → [`RequestParts`]
//! → [`build_request`] (with the client's default [`RequestOptions`]) →
//! [`http::Request`] → transport → [`RawResponse`] → [`ApiRequest::decode`].
#![deny(missing_docs)]

mod auth;
mod base64_bytes;
mod base_url;
mod body;
#[cfg(feature = "client")]
mod client;
mod datetime;
mod decode;
mod error;
pub mod flags;
mod meta;
mod model;
mod options;
#[cfg(feature = "client")]
mod paging;
mod patch;
mod path;
mod percent;
mod query;
mod request;
mod response;
mod route;
mod so_error;
pub mod upload;

pub use auth::Auth;
pub use base64_bytes::Base64Bytes;
pub use base_url::BaseUrl;
pub use body::{Body, CONTENT_TYPE_JSON, CONTENT_TYPE_JSON_PATCH, CONTENT_TYPE_MERGE_PATCH};
#[cfg(feature = "client")]
pub use client::{Client, ClientBuilder};
pub use datetime::{DateTime, ParseDateTimeError};
pub use decode::{decode_bytes, decode_json, decode_optional_json, decode_unit, error_for_status};
pub use error::{ApiError, BuildError};
pub use flags::split_flags;
pub use meta::{EndpointMeta, Method};
pub(crate) use model::model_traits;
pub use model::{
    debug_model, deserialize_model, read_extra, read_field, serialize_model, write_extra,
    write_field, Key, MapAccess, Model, SerializeMap,
};
pub use options::{RequestOptions, WithOptions};
#[cfg(feature = "client")]
pub use paging::{Pages, Paginated, Paging, PagingError, DEFAULT_PAGE_SIZE};
pub use patch::{JsonPatch, PatchDocument, PatchOp, PatchOperation};
pub use path::{fill_path, PathValue};
pub use query::{Query, QueryValue};
pub use request::{build_request, Accept, ApiRequest, RequestParts};
pub use response::RawResponse;
pub use route::match_path;
pub use so_error::SoError;
pub use upload::upload_content_type;
