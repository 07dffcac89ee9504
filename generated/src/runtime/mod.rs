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
//! # Features
//!
//! The sans-IO path (`to_http_request`, `decode`, [`RequestParts`]) needs
//! none of these and none of their dependencies.
//!
//! - `client` (default): `Client`, on `reqwest` with gzip and brotli, a
//!   per-request and a connect timeout, a `User-Agent` of
//!   `superoffice-api/<version>` plus the application's suffix, and a
//!   `RetryPolicy`: 429 and 503 are retried for any method, never before
//!   their `Retry-After`; transport errors and timeouts only for GET, PUT and
//!   DELETE.
//! - `online` (implies `client`): the tenant found through the environment's
//!   state endpoint (`ClientBuilder::tenant`; 421 answers make it look again,
//!   a tenant not running is `TenantError::NotRunning`), and credentials that
//!   renew themselves (`ClientBuilder::credentials` with a
//!   `CredentialProvider`: `RefreshTokenProvider` for OAuth,
//!   `SystemUserProvider` for a system user, whose ticket JWT is verified
//!   against the environment's keys). One renewal at a time across clones.
//! - `tracing`: with `client`, a `tracing` span per attempt
//!   (`superoffice_api.request`: method, path template, endpoint id,
//!   attempt, status, elapsed) and events for retries and auxiliary calls.
//!   Nothing secret is recorded.
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
#[cfg(feature = "online")]
mod credentials;
mod datetime;
mod decode;
#[cfg(feature = "online")]
mod discovery;
mod error;
pub mod flags;
mod meta;
mod model;
mod open_enum;
mod options;
#[cfg(feature = "client")]
mod paging;
mod patch;
mod path;
mod percent;
mod query;
mod request;
mod response;
#[cfg(feature = "client")]
mod retry;
mod route;
mod so_error;
#[cfg(feature = "online")]
mod system_user;
#[cfg(feature = "client")]
mod trace;
pub mod upload;

pub use auth::Auth;
pub use base64_bytes::Base64Bytes;
pub use base_url::BaseUrl;
pub use body::{Body, CONTENT_TYPE_JSON, CONTENT_TYPE_JSON_PATCH, CONTENT_TYPE_MERGE_PATCH};
#[cfg(feature = "client")]
pub use client::{
    Client, ClientBuilder, ClientStats, Transport, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    USER_AGENT_PREFIX,
};
#[cfg(feature = "online")]
pub use credentials::{
    Credential, CredentialError, CredentialFuture, CredentialProvider, RefreshTokenProvider, Secret,
};
pub use datetime::{DateTime, ParseDateTimeError};
pub use decode::{decode_bytes, decode_json, decode_optional_json, decode_unit, error_for_status};
#[cfg(feature = "online")]
pub use discovery::{
    TenantError, TenantInfo, MAX_RUNNING_TTL, MIN_RUNNING_TTL, NOT_RUNNING_RECHECK,
};
pub use error::{ApiError, BuildError};
pub use flags::split_flags;
pub use meta::{EndpointMeta, Method};
pub(crate) use model::model_traits;
pub use model::{
    debug_model, deserialize_model, read_extra, read_field, serialize_model, write_extra,
    write_field, Key, MapAccess, Model, SerializeMap,
};
pub(crate) use open_enum::open_enum;
pub use open_enum::{deserialize_open_enum, serialize_open_enum, OpenEnum};
pub use options::{RequestOptions, WithOptions};
#[cfg(feature = "client")]
pub use paging::{Pages, Paginated, Paging, PagingError, DEFAULT_PAGE_SIZE};
pub use patch::{JsonPatch, PatchDocument, PatchOp, PatchOperation};
pub use path::{fill_path, PathValue};
pub use query::{Query, QueryValue};
pub use request::{build_request, Accept, ApiRequest, RequestParts};
pub use response::RawResponse;
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
pub use route::match_path;
pub use so_error::SoError;
#[cfg(feature = "online")]
pub use system_user::{PrivateKey, SystemUserProvider, TICKET_CLAIM};
pub use upload::upload_content_type;
