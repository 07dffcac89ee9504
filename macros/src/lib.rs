//! `#[so_endpoint]`: SuperOffice WebAPI endpoints written by hand — ones the docs miss, ones
//! newer than the docs at hand, custom CRMScript endpoints — that behave exactly like the
//! generated ones.
//!
//! The macro reads its attribute and struct into the generator's IR
//! ([`codegen::ir::Endpoint`]), checks it, and hands it to the generator's own emitter
//! ([`codegen::emit::emit_endpoint_named`]): one implementation for documented and
//! hand-written endpoints, so they cannot drift apart. Use it through `superoffice_api`'s
//! `macros` feature (`superoffice_api::so_endpoint`).
#![deny(missing_docs)]

mod args;
mod docs;
mod errors;
mod expand;
mod fields;
mod response;
mod template;
mod to_ir;
mod types;

use proc_macro::TokenStream;

/// Turns a struct into a request builder for one WebAPI endpoint, made by the same code as the
/// generated builders: the same `new` and setters, the same metadata `static`
/// (`META_<NAME>`: method, path template, id, docs link), `WithOptions` for the per-request
/// headers and credentials, and `ApiRequest`, so it builds an `http::Request`
/// (`ApiRequest::to_http_request`) and is sent by the runtime's `Client::send` like any
/// generated endpoint.
///
/// # Syntax
///
/// ```text
/// #[so_endpoint(METHOD "/api/v1/path/{part}", response = Type, id = "...", docs = "https://...")]
/// ```
///
/// - `METHOD`: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
/// - the path template, from `/api/`: each `{part}` is filled by the field of the same name
///   in snake_case (`{chatSessionId}` by `chat_session_id`), percent-encoded as one segment.
/// - `response = Type` (optional): what a successful call returns, decoded from JSON; it must
///   implement `serde::de::DeserializeOwned`. A generated model
///   (`superoffice_api::models::ChatSessionEntity`), your own type, `Vec<...>`,
///   `serde_json::Value`... `Option<T>` when the server may answer `204 No Content` or `null`;
///   `bytes::Bytes` for a download (sent with `Accept: application/octet-stream`); left out
///   (or `()`) when there is no response body.
/// - `id = "..."` (optional): the operation id in the metadata; the struct's name by default.
/// - `docs = "https://..."` (optional): the documentation page, for the metadata and the
///   builder's rustdoc; the WebAPI reference by default.
/// - `crate = path` (optional): where the `superoffice_api` crate is, if you renamed it.
///
/// The struct's fields, with the types the request needs:
///
/// - a field without attribute fills the path part of its name: `i32`, `i64`, `f64`, `bool`,
///   `String` or `DateTime` (`superoffice_api::runtime::DateTime`). It becomes an argument of
///   `new`, in template order.
/// - `#[query]`, or `#[query(rename = "$select")]` when the wire name is not the field's name:
///   a query parameter, one of the same scalars or a `Vec` of one (sent comma-separated),
///   optionally written in an `Option`. It becomes a setter of the same name; it is left out
///   of the request until set.
/// - `#[body]`: the request body, sent as JSON (it must implement `serde::Serialize`, and
///   `Debug` and `Clone` as the builder derives them), or as a JSON Patch document when its
///   type is `superoffice_api::runtime::JsonPatch`. It becomes the last argument of `new`,
///   named `body`.
///
/// Doc comments on the struct and its fields become the builder's documentation, as the
/// documentation pages do for generated builders: the first paragraph is the summary in the
/// metadata. As for generated builders, a doc comment saying the response may be `null` makes
/// the response an `Option`, and the macro asks you to write it so. The builder's fields are
/// private; any attribute other than a doc comment is refused, since the builder derives
/// `Debug` and `Clone` itself.
///
/// # Errors at compile time
///
/// All at once, each at the span it is about: an unknown method, a malformed template
/// (`{id`, `//`, a query string, not from `/api/`), a path part no field fills, a field that
/// is neither a path part nor `#[query]` nor `#[body]`, a type that cannot go in a path or
/// query, a field name the builder would spell differently. A response type that does not
/// implement `DeserializeOwned` (or a body that does not implement `Serialize`) is reported by
/// the compiler at that type.
///
/// # Example
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use superoffice_api::models::ChatSessionEntity;
/// use superoffice_api::runtime::{ApiRequest, BaseUrl, WithOptions};
/// use superoffice_api::so_endpoint;
///
/// /// Answers a chat session: assigns it to the current user.
/// ///
/// /// Returns null if the session was not in the queue.
/// #[so_endpoint(POST "/api/v1/ChatSession/{chatSessionId}/Pickup",
///               response = Option<ChatSessionEntity>)]
/// pub struct PickUp {
///     /// The session to answer.
///     chat_session_id: i32,
/// }
///
/// /// What our CRMScript endpoint takes.
/// #[derive(Debug, Clone, Serialize)]
/// pub struct Greeting {
///     pub name: String,
/// }
///
/// /// What it answers.
/// #[derive(Deserialize)]
/// pub struct Reply {
///     pub text: String,
/// }
///
/// /// Our own CRMScript endpoint.
/// #[so_endpoint(POST "/api/v1/CRMScript/greetings/{lang}", response = Reply,
///               docs = "https://example.com/docs/greetings")]
/// pub struct Greet {
///     /// Language of the reply.
///     lang: String,
///     /// Ask for a shorter reply.
///     #[query(rename = "brief")]
///     brief: Option<bool>,
///     /// Who to greet.
///     #[body]
///     greeting: Greeting,
/// }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let base = BaseUrl::parse("https://online.superoffice.com/Cust12345")?;
/// let request = Greet::new("en", Greeting { name: "Jo".into() })
///     .brief(true)
///     .so_language("en");
/// assert_eq!(request.meta().path_template, "/api/v1/CRMScript/greetings/{lang}");
/// let http = request.to_http_request(&base)?;
/// assert_eq!(http.method(), "POST");
/// assert_eq!(
///     http.uri(),
///     "https://online.superoffice.com/Cust12345/api/v1/CRMScript/greetings/en?brief=true"
/// );
/// assert_eq!(http.body(), br#"{"name":"Jo"}"#);
///
/// // Sent like any generated endpoint:
/// // let session: Option<ChatSessionEntity> = client.send(PickUp::new(12)).await?;
/// assert_eq!(META_PICK_UP.id, "PickUp");
/// # let _ = PickUp::new(12);
/// # Ok(())
/// # }
/// ```
#[proc_macro_attribute]
pub fn so_endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(attr.into(), item.into()).into()
}
