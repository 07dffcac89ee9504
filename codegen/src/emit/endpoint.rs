//! The request builder of one endpoint.
//!
//! Per endpoint the compiler sees a struct, a `static` with its metadata, `new` plus one
//! setter per query parameter, and an `ApiRequest` impl whose methods only call into the
//! runtime (`WithOptions` comes from a blanket impl over `ApiRequest`). Nothing generic is
//! defined per endpoint: text parameters are `&str`, not `impl Into<String>`.
//!
//! Builders derive nothing. Over ~3,100 endpoints a `Debug` and `Clone` impl each were a tenth
//! of the generated crate's `cargo check` memory; a builder is a one-shot value that is cheap to
//! make again, and `ApiRequest::into_parts` gives `RequestParts`, which is `Debug` and `Clone`,
//! for logging or replaying a request.
//!
//! `new` takes the path parameters and the body only; headers and credentials come from the
//! client or `WithOptions`. A JSON-Patch body is a `runtime::JsonPatch`, with a `merge_patch`
//! constructor beside `new` where the page says the server takes a merge patch; an upload takes
//! bytes, labelled with the documented media type they show unless `content_type` says
//! otherwise; a download asks for the media types its page lists and returns `bytes::Bytes`.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;

use super::doc_text::{code_span, one_line, rustdoc};
use super::model::type_notes;
use super::names::{ident, shouty, NameSet, Style};
use super::prelude_paths;
use super::types::{json_type, QueryType, Scalar};
use super::{doc_attrs, runtime_paths, str_lit, EmitContext};
pub use crate::ir::operation_name;
use crate::ir::{AreaKind, BodyKind, Endpoint, Method, Param, TypeRef};
use crate::resolve::media;

/// Names the builder of an endpoint defines: the struct and its metadata static.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointNames {
    /// The builder struct (`PickUpChatSession`).
    pub struct_name: String,
    /// The `static` holding its `EndpointMeta` (`META_PICK_UP_CHAT_SESSION`).
    pub meta_name: String,
}

impl EndpointNames {
    /// The names of an endpoint on its own: the UpperCamelCase operation part of its id.
    pub fn for_endpoint(endpoint: &Endpoint) -> Self {
        let struct_name = NameSet::new(Style::Camel).name(operation_name(&endpoint.id), "Endpoint");
        EndpointNames::with_struct(struct_name)
    }

    /// The names for a given struct name; the static is `META_` + its SCREAMING_SNAKE_CASE.
    pub fn with_struct(struct_name: String) -> Self {
        let meta_name = format!("META_{}", shouty(&struct_name).trim_start_matches('_'));
        EndpointNames {
            struct_name,
            meta_name,
        }
    }
}

/// The documentation page of an endpoint: its source when that is itself a URL (a hand-written
/// endpoint names its page so), else on docs.superoffice.com from its source page when that is
/// under `rest/` or `agent/`, else from its area and id.
pub fn docs_url(endpoint: &Endpoint) -> String {
    if is_url(&endpoint.source) {
        return endpoint.source.clone();
    }
    if let Some(url) = page_url(&endpoint.source) {
        return url;
    }
    match endpoint.area.kind {
        AreaKind::Rest => format!("{BASE}rest/{}/{}.html", endpoint.area.name, endpoint.id),
        AreaKind::Agent => format!(
            "{BASE}agent/{}_Agent/{}.html",
            endpoint.area.name, endpoint.id
        ),
    }
}

/// The base of every page URL on docs.superoffice.com.
const BASE: &str = "https://docs.superoffice.com/en/api/reference/restful/";

/// The page on docs.superoffice.com that a source page under `rest/` or `agent/` is published
/// as (`rest/ChatSession/v1ChatSessionEntity_Pickup.md` →
/// `.../restful/rest/ChatSession/v1ChatSessionEntity_Pickup.html`); `None` for other paths, or
/// for paths with characters a URL would need escaped.
pub(crate) fn page_url(source: &str) -> Option<String> {
    let source = source.replace('\\', "/");
    if !(source.starts_with("rest/") || source.starts_with("agent/")) {
        return None;
    }
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '.');
    if !source.chars().all(plain) {
        return None;
    }
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", &source));
    // The website text rendering `X.website.txt` is the page `X`.
    let stem = file
        .strip_suffix(".website.txt")
        .or_else(|| file.rsplit_once('.').map(|(stem, _)| stem))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(file);
    Some(format!("{BASE}{dir}/{stem}.html"))
}

/// True for an `http(s)://` URL, as opposed to a page path.
fn is_url(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
}

/// Names a builder cannot give its fields and setters: its private fields and the methods of
/// its traits and of `new`.
const RESERVED: &[&str] = &[
    "options",
    "body",
    "new",
    "options_mut",
    "accept_language",
    "so_language",
    "so_culture",
    "so_timezone",
    "so_app_token",
    "auth",
    "header",
    "meta",
    "into_parts",
    "decode",
    "to_http_request",
    "content_type",
    "merge_patch",
];

/// A path parameter as the builder holds it.
#[derive(Debug, Clone)]
pub(crate) struct PathParam {
    /// The placeholder name in the template.
    pub(crate) placeholder: String,
    /// The documented name (the placeholder when undocumented).
    pub(crate) wire: String,
    pub(crate) ident: String,
    pub(crate) scalar: Scalar,
    pub(crate) description: String,
}

/// A query parameter as the builder holds it.
#[derive(Debug, Clone)]
pub(crate) struct QueryParam<'a> {
    pub(crate) param: &'a Param,
    pub(crate) ident: String,
    pub(crate) ty: QueryType,
}

/// The placeholders of a path template, in order, without route constraints
/// (`{id:int}` → `id`, `{*rest}` → `rest`, `{x?}` → `x`).
pub(crate) fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        let name = inner
            .trim()
            .trim_start_matches('*')
            .split([':', '=', '?'])
            .next()
            .unwrap_or("")
            .trim();
        out.push(name.to_string());
        rest = &rest[open + len + 1..];
    }
    out
}

/// Path parameters in template order (matched to the documented ones by name, then by
/// position; undocumented placeholders become strings) and query parameters in page order,
/// with their Rust names.
pub(crate) fn plan_params(endpoint: &Endpoint) -> (Vec<PathParam>, Vec<QueryParam<'_>>) {
    let holes = placeholders(&endpoint.path);
    let mut taken = vec![false; endpoint.path_params.len()];
    let mut matched: Vec<Option<usize>> = holes
        .iter()
        .map(|h| {
            let i = endpoint
                .path_params
                .iter()
                .enumerate()
                .position(|(i, p)| !taken[i] && p.name.eq_ignore_ascii_case(h))?;
            taken[i] = true;
            Some(i)
        })
        .collect();
    for m in matched.iter_mut().filter(|m| m.is_none()) {
        if let Some(i) = taken.iter().position(|t| !t) {
            taken[i] = true;
            *m = Some(i);
        }
    }
    let mut names = NameSet::with_reserved(Style::Snake, RESERVED);
    let path = holes
        .iter()
        .zip(matched)
        .enumerate()
        .map(|(i, (hole, m))| {
            let param = m.map(|i| &endpoint.path_params[i]);
            let wire = param.map_or(hole.as_str(), |p| p.name.as_str()).to_string();
            PathParam {
                placeholder: hole.clone(),
                ident: names.name(&wire, &format!("param_{}", i + 1)),
                wire,
                scalar: param.map_or(Scalar::String, |p| Scalar::of(&p.ty)),
                description: param.map(|p| p.description.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let query = endpoint
        .query_params
        .iter()
        .enumerate()
        .map(|(i, param)| QueryParam {
            param,
            ident: names.name(&param.name, &format!("query_{}", i + 1)),
            ty: QueryType::of(&param.ty),
        })
        .collect();
    (path, query)
}

/// The Rust names the builder of an endpoint gives its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuilderParamNames {
    /// The arguments of `new` for the path placeholders, in template order (`chat_session_id`).
    pub path: Vec<String>,
    /// The setters of the query parameters, in the order of `query_params` (`select` for
    /// `$select`).
    pub query: Vec<String>,
}

/// The names [`emit_endpoint`] gives the path and query parameters of `endpoint` (raw
/// identifiers spelled `r#type`). The `#[so_endpoint]` macro checks the user's field names
/// against them, so that its builder's methods are named as the user's fields.
pub fn builder_param_names(endpoint: &Endpoint) -> BuilderParamNames {
    let (path, query) = plan_params(endpoint);
    BuilderParamNames {
        path: path.into_iter().map(|p| p.ident).collect(),
        query: query.into_iter().map(|q| q.ident).collect(),
    }
}

/// How the response is decoded.
enum Decode {
    Unit,
    Bytes,
    Json(TokenStream),
    OptionalJson(TokenStream),
}

fn decode_of(endpoint: &Endpoint, ctx: &EmitContext) -> Decode {
    match (decodes_to(endpoint), &endpoint.response) {
        (Decodes::Bytes, _) => Decode::Bytes,
        (Decodes::Json, Some(ty)) => {
            let ty = json_type(ty, ctx);
            if may_be_absent(endpoint) {
                Decode::OptionalJson(ty)
            } else {
                Decode::Json(ty)
            }
        }
        _ => Decode::Unit,
    }
}

/// What an endpoint's response decodes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decodes {
    /// `()`: any 2xx body is success.
    Unit,
    /// `bytes::Bytes`: the body untouched.
    Bytes,
    /// A JSON value (possibly `Option`).
    Json,
}

/// What an endpoint's response decodes to: bytes for a binary body, `()` when there is none,
/// else JSON.
pub(crate) fn decodes_to(endpoint: &Endpoint) -> Decodes {
    if endpoint.response_kind == BodyKind::Binary {
        Decodes::Bytes
    } else if endpoint.response.is_none() {
        Decodes::Unit
    } else {
        Decodes::Json
    }
}

/// Whether the docs say the response may have no value: a documented 204, or a summary,
/// description or response description saying it returns `null` ("Returns NULL if session was
/// not in queue."). Such responses decode to `Option<T>`; the `#[so_endpoint]` macro checks
/// the response type its user wrote against this.
pub fn may_be_absent(endpoint: &Endpoint) -> bool {
    let says_null = [
        &endpoint.summary,
        &endpoint.description,
        &endpoint.response_description,
    ]
    .iter()
    .any(|text| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("null"))
    });
    says_null || endpoint.statuses.iter().any(|s| s.code == 204)
}

/// The `Accept` header of an endpoint: JSON, or for a download the types its page lists
/// (just `application/octet-stream` when that is among them or none are listed).
fn accept_of(endpoint: &Endpoint, ctx: &EmitContext) -> TokenStream {
    runtime_paths!(ctx => Accept as accept);
    if endpoint.response_kind != BodyKind::Binary {
        return quote!(#accept::Json);
    }
    let listed = &endpoint.response_media_types;
    if listed.is_empty() || listed.iter().any(|m| m == media::OCTET_STREAM) {
        quote!(#accept::Binary)
    } else {
        let joined = str_lit(&listed.join(", "));
        quote!(#accept::Media(#joined))
    }
}

/// The documented upload types as doc text: `` `image/png`, `image/jpeg` `` or a note that the
/// page lists none.
fn upload_types_doc(media_types: &[String]) -> String {
    if media_types.is_empty() {
        return "`application/octet-stream` (the page lists no media type)".to_string();
    }
    media_types
        .iter()
        .map(|m| code_span(m))
        .collect::<Vec<_>>()
        .join(", ")
}

fn method_variant(method: Method, ctx: &EmitContext) -> TokenStream {
    runtime_paths!(ctx => Method as path);
    match method {
        Method::Get => quote!(#path::Get),
        Method::Post => quote!(#path::Post),
        Method::Put => quote!(#path::Put),
        Method::Patch => quote!(#path::Patch),
        Method::Delete => quote!(#path::Delete),
    }
}

/// `` `POST /api/v1/ChatSession/{chatSessionId}/Pickup` ``
pub(crate) fn request_line(endpoint: &Endpoint) -> String {
    code_span(&format!("{} {}", endpoint.method.as_str(), endpoint.path))
}

fn endpoint_doc(endpoint: &Endpoint, url: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let summary = rustdoc(&endpoint.summary);
    if !summary.is_empty() {
        parts.push(summary.clone());
    }
    let description = rustdoc(&endpoint.description);
    if !description.is_empty() && description != summary {
        parts.push(description);
    }
    parts.push(request_line(endpoint));
    if let Some(body) = &endpoint.request_body {
        let what = rustdoc(&body.description);
        let kind = match body.kind {
            BodyKind::JsonPatch => "a JSON Patch document",
            BodyKind::Binary => "raw bytes",
            _ => "JSON",
        };
        let mut line = format!("Request body {}, {kind}", code_span(&body.name));
        if !what.is_empty() {
            line.push_str(": ");
            line.push_str(&what);
        } else {
            line.push('.');
        }
        parts.push(line);
    }
    let response = rustdoc(&endpoint.response_description);
    if !response.is_empty() {
        parts.push(format!("Response: {response}"));
    }
    let mut source = format!("Documentation: <{url}>");
    let pages = source_pages(endpoint);
    if !pages.is_empty() && !is_url(&endpoint.source) {
        source.push_str(&format!(" (generated from {pages})"));
    }
    source.push('.');
    parts.push(source);
    parts.join("\n\n")
}

/// The pages an endpoint was read from, the primary first, as code spans: `` `a.md` ``,
/// `` `a.md` and `a.website.txt` ``, or the first three `and N more`.
fn source_pages(endpoint: &Endpoint) -> String {
    const SHOWN: usize = 3;
    let mut pages: Vec<String> = Vec::new();
    for page in std::iter::once(&endpoint.source).chain(&endpoint.sources) {
        let page = code_span(page);
        if !page.is_empty() && !pages.contains(&page) {
            pages.push(page);
        }
    }
    match pages.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] if pages.len() <= SHOWN => format!("{} and {last}", init.join(", ")),
        _ => format!(
            "{} and {} more",
            pages[..SHOWN].join(", "),
            pages.len() - SHOWN
        ),
    }
}

/// Doc text on one line, for a list item.
fn joined(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The builder of one endpoint with its default [`EndpointNames`].
pub fn emit_endpoint(endpoint: &Endpoint, ctx: &EmitContext) -> TokenStream {
    emit_endpoint_named(endpoint, ctx, &EndpointNames::for_endpoint(endpoint))
}

/// The builder of one endpoint: its struct, metadata static, `new` and setters, and its
/// `ApiRequest` impl.
pub fn emit_endpoint_named(
    endpoint: &Endpoint,
    ctx: &EmitContext,
    names: &EndpointNames,
) -> TokenStream {
    prelude_paths!(ctx =>
        default as p_default,
        into as p_into,
        into_iterator as p_into_iterator,
        iterator as p_iterator,
        none as p_none,
        ok as p_ok,
        option as p_option,
        result as p_result,
        some as p_some,
        string as p_string,
        vec as p_vec,
    );
    runtime_paths!(ctx =>
        ApiError as api_error,
        ApiRequest as api_request,
        Body as body_path,
        BuildError as build_error,
        EndpointMeta as endpoint_meta,
        JsonPatch as json_patch,
        PatchDocument as patch_document,
        RawResponse as raw_response,
        RequestOptions as request_options,
        RequestParts as request_parts,
    );
    let vis = &ctx.vis;
    let name = ident(&names.struct_name);
    let meta = ident(&names.meta_name);
    let (mut path_params, mut query_params) = plan_params(endpoint);
    for p in &mut path_params {
        p.scalar = std::mem::replace(&mut p.scalar, Scalar::String).in_context(ctx);
    }
    for q in &mut query_params {
        q.ty.scalar = std::mem::replace(&mut q.ty.scalar, Scalar::String).in_context(ctx);
    }
    let url = docs_url(endpoint);

    // Metadata.
    let meta_id = str_lit(&endpoint.id);
    let method = method_variant(endpoint.method, ctx);
    let template = str_lit(&endpoint.path);
    let url_lit = str_lit(&url);
    let summary = str_lit(&{
        let s = one_line(&endpoint.summary);
        if s.is_empty() {
            one_line(&endpoint.title)
        } else {
            s
        }
    });
    let meta_doc = doc_attrs(&format!(
        "Metadata of [`{}`]: {}.",
        names.struct_name,
        request_line(endpoint)
    ));

    // Body.
    let body = endpoint.request_body.as_ref().map(|b| {
        let kind = if b.kind == BodyKind::Empty {
            BodyKind::Json
        } else {
            b.kind
        };
        (b, kind)
    });
    let body_field_ty = body.map(|(b, kind)| match kind {
        BodyKind::JsonPatch => quote!(#patch_document),
        BodyKind::Binary => quote!(#p_vec<u8>),
        _ => json_type(&b.ty, ctx),
    });
    let is_upload = matches!(body, Some((_, BodyKind::Binary)));
    // A file upload sent as a form by default, and the raw types it documents.
    let (as_form, raw_types): (bool, &[String]) = match body {
        Some((b, BodyKind::Binary)) => match b.media_types.split_first() {
            Some((first, rest)) if first == media::MULTIPART_FORM => (true, rest),
            _ => (false, &b.media_types),
        },
        _ => (false, &[]),
    };
    let takes_merge_patch = matches!(body, Some((b, BodyKind::JsonPatch))
        if b.media_types.iter().any(|m| m == media::MERGE_PATCH));

    // Fields.
    let path_fields = path_params.iter().map(|p| {
        let id = ident(&p.ident);
        let ty = p.scalar.rust(ctx);
        quote!(#id: #ty,)
    });
    let query_fields = query_params.iter().map(|q| {
        let id = ident(&q.ident);
        let ty = q.ty.rust(ctx);
        quote!(#id: #p_option<#ty>,)
    });
    let body_field = body_field_ty.as_ref().map(|ty| quote!(body: #ty,));
    let content_type_field = is_upload.then(|| quote!(content_type: #p_option<#p_string>,));

    // `new`.
    let mut new_doc = String::from("Starts the request.\n");
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &path_params {
        let id = ident(&p.ident);
        let (arg, value) = p.scalar.argument(&quote!(#id), ctx);
        args.push(quote!(#id: #arg));
        inits.push(if p.scalar.takes_into() {
            quote!(#id: #value)
        } else {
            quote!(#id)
        });
        let what = rustdoc(&p.description);
        new_doc.push_str(&format!(
            "\n- {} (path parameter {}){}{}",
            code_span(&p.ident),
            code_span(&p.wire),
            if what.is_empty() { "." } else { ": " },
            joined(&what)
        ));
    }
    for q in &query_params {
        let id = ident(&q.ident);
        inits.push(quote!(#id: #p_none));
    }
    // `merge_patch` takes the path parameters of `new`, then the merge patch.
    let path_args = args.clone();
    let path_inits = inits.clone();
    if let (Some((b, kind)), Some(ty)) = (body, &body_field_ty) {
        match kind {
            BodyKind::Binary => {
                args.push(quote!(body: impl #p_into<#p_vec<u8>>));
                inits.push(quote!(body: #p_into::into(body)));
                inits.push(quote!(content_type: #p_none));
            }
            BodyKind::JsonPatch => {
                args.push(quote!(body: #json_patch));
                inits.push(quote!(body: #patch_document::JsonPatch(body)));
            }
            _ => {
                args.push(quote!(body: #ty));
                inits.push(quote!(body));
            }
        }
        let what = rustdoc(&b.description);
        new_doc.push_str(&format!(
            "\n- `body` (request body {}){}{}",
            code_span(&b.name),
            if what.is_empty() { "." } else { ": " },
            joined(&what)
        ));
        match kind {
            BodyKind::Binary if as_form => new_doc.push_str(&format!(
                "\n\nSent as `multipart/form-data` with one file part {}, labelled with the \
                 documented media type the bytes show ({}): the form SuperOffice's contract gives \
                 this upload. [`content_type`](Self::content_type) sends the raw bytes as that \
                 type instead.",
                code_span(&b.name),
                upload_types_doc(raw_types)
            )),
            BodyKind::Binary => new_doc.push_str(&format!(
                "\n\nSent as raw bytes, labelled with the documented media type they show ({}); \
                 [`content_type`](Self::content_type) overrides it.",
                upload_types_doc(raw_types)
            )),
            BodyKind::JsonPatch if takes_merge_patch => new_doc.push_str(
                "\n\nSent as `application/json-patch+json`. The server also takes a merge patch: \
                 see [`merge_patch`](Self::merge_patch).",
            ),
            BodyKind::JsonPatch => new_doc.push_str("\n\nSent as `application/json-patch+json`."),
            _ if b.ty == TypeRef::Binary => new_doc.push_str(
                "\n\nSent as JSON: the bytes as a base64 string, the form SuperOffice's contract \
                 gives this body.",
            ),
            _ => {}
        }
    }
    inits.push(quote!(options: #p_default::default()));
    let new_doc = doc_attrs(new_doc.trim_end());
    let new_allow = match args.len() {
        0 => quote!(#[allow(clippy::new_without_default)]),
        n if n > 7 => quote!(#[allow(clippy::too_many_arguments)]),
        _ => quote!(),
    };

    // The alternative constructor of a PATCH that also takes a merge patch, and the media-type
    // setter of an upload.
    let merge_patch_fn = takes_merge_patch.then(|| {
        let sj = &ctx.serde_json;
        let doc = doc_attrs(
            "Starts the request with a JSON merge patch (RFC 7396) instead of a JSON Patch: an \
             object with the new values (`{\"Name\": \"New Name\"}`), `null` clearing one. Sent as \
             `application/merge-patch+json`.\n\nThe path parameters are those of \
             [`new`](Self::new).",
        );
        let allow = (path_args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #doc
            #allow
            #vis fn merge_patch(#(#path_args,)* body: #sj::Value) -> Self {
                Self {
                    #(#path_inits,)*
                    body: #patch_document::MergePatch(body),
                    options: #p_default::default()
                }
            }
        }
    });
    let content_type_fn = body.filter(|_| is_upload).map(|_| {
        let doc = doc_attrs(&format!(
            "Sends the bytes as `value` (e.g. `image/jpeg`) instead of {}.\n\nDocumented \
             types: {}.",
            if as_form {
                "a form with the type picked from them"
            } else {
                "the type picked from them"
            },
            upload_types_doc(raw_types)
        ));
        quote! {
            #doc
            #vis fn content_type(mut self, value: &str) -> Self {
                self.content_type = #p_some(value.to_owned());
                self
            }
        }
    });

    // Setters.
    let setters = query_params.iter().map(|q| {
        let id = ident(&q.ident);
        let scalar = q.ty.scalar.rust(ctx);
        let (arg, value) = if q.ty.list {
            let item = if q.ty.scalar.takes_into() {
                quote!(impl #p_into<#scalar>)
            } else {
                scalar.clone()
            };
            (
                quote!(impl #p_into_iterator<Item = #item>),
                if q.ty.scalar.takes_into() {
                    quote!(#p_iterator::collect(
                        #p_iterator::map(
                            #p_into_iterator::into_iter(value),
                            #p_into::into
                        )
                    ))
                } else {
                    quote!(#p_iterator::collect(
                        #p_into_iterator::into_iter(value)
                    ))
                },
            )
        } else {
            q.ty.scalar.argument(&quote!(value), ctx)
        };
        let mut doc = format!("Sets the {} query parameter", code_span(&q.param.name));
        let what = rustdoc(&q.param.description);
        if what.is_empty() {
            doc.push('.');
        } else {
            doc.push_str(": ");
            doc.push_str(&what);
        }
        if q.param.required {
            doc.push_str("\n\nThe docs mark it as required.");
        }
        doc.push_str(&type_notes(&q.param.ty));
        let doc = doc_attrs(&doc);
        quote! {
            #doc
            #vis fn #id(mut self, value: #arg) -> Self {
                self.#id = #p_some(#value);
                self
            }
        }
    });

    // `into_parts`.
    let path_args = path_params.iter().map(|p| {
        let id = ident(&p.ident);
        quote!(&self.#id)
    });
    let query_pushes = query_params.iter().map(|q| {
        let id = ident(&q.ident);
        let wire = str_lit(&q.param.name);
        quote!(parts.query.push_some(#wire, &self.#id);)
    });
    let body_expr = match body {
        None => None,
        Some((_, BodyKind::JsonPatch)) => Some(quote!(self.body.into_body()?)),
        Some((b, BodyKind::Binary)) => {
            let documented = raw_types.iter().map(|m| str_lit(m));
            Some(if as_form {
                let field = str_lit(&b.name);
                quote!(#body_path::upload_form(#field, self.body, self.content_type, &[#(#documented),*]))
            } else {
                quote!(#body_path::upload(self.body, self.content_type, &[#(#documented),*]))
            })
        }
        Some(_) => {
            let call = quote!(#body_path::json(&self.body));
            let call = match ctx.body_span {
                Some(range) => respanned(&call, range),
                None => call,
            };
            Some(quote!(#call?))
        }
    };
    let body_stmt = body_expr.map(|body| quote!(parts.body = #body;));
    let accept_stmt = (endpoint.response_kind == BodyKind::Binary).then(|| {
        let accept = accept_of(endpoint, ctx);
        quote!(parts.accept = #accept;)
    });
    let start_parts =
        quote!(#request_parts::for_endpoint(Self::META, &[#(#path_args),*], self.options));
    let into_parts_body = if query_params.is_empty() && body_stmt.is_none() && accept_stmt.is_none()
    {
        quote!(#p_ok(#start_parts))
    } else {
        quote! {
            let mut parts = #start_parts;
            #(#query_pushes)*
            #body_stmt
            #accept_stmt
            #p_ok(parts)
        }
    };

    // `decode`.
    // The decoding call, placed at the user's type for the macro.
    let at_response = |call: TokenStream| match ctx.response_span {
        Some(range) => respanned(&call, range),
        None => call,
    };
    let (response_ty, decode_expr) = match decode_of(endpoint, ctx) {
        Decode::Unit => {
            let decode = ctx.rt("decode_unit");
            (quote!(()), quote!(#decode(response)))
        }
        Decode::Bytes => {
            let bytes = &ctx.bytes;
            let decode = ctx.rt("decode_bytes");
            (quote!(#bytes::Bytes), quote!(#decode(response)))
        }
        Decode::Json(ty) => {
            let decode = ctx.rt("decode_json");
            (ty, at_response(quote!(#decode(response))))
        }
        Decode::OptionalJson(ty) => (
            quote!(#p_option<#ty>),
            at_response({
                let decode = ctx.rt("decode_optional_json");
                quote!(#decode(response))
            }),
        ),
    };

    let struct_doc = doc_attrs(&endpoint_doc(endpoint, &url));
    quote! {
        #struct_doc
        #vis struct #name {
            #(#path_fields)*
            #(#query_fields)*
            #body_field
            #content_type_field
            options: #request_options,
        }

        #meta_doc
        #vis static #meta: #endpoint_meta = #endpoint_meta {
            id: #meta_id,
            method: #method,
            path_template: #template,
            docs_url: #url_lit,
            summary: #summary,
        };

        impl #name {
            #new_doc
            #new_allow
            #vis fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }

            #merge_patch_fn

            #content_type_fn

            #(#setters)*
        }

        impl #api_request for #name {
            type Response = #response_ty;

            const META: &'static #endpoint_meta = &#meta;

            fn request_options(&mut self) -> &mut #request_options {
                &mut self.options
            }

            fn into_parts(self) -> #p_result<#request_parts, #build_error> {
                #into_parts_body
            }

            fn decode(
                response: #raw_response,
            ) -> #p_result<Self::Response, #api_error> {
                #decode_expr
            }
        }
    }
}

/// `tokens` placed over a range of the user's code: every token at `first`, the last one at
/// `last`, so that the compiler reports an error about the expression over the whole range
/// (the macro points a runtime call at the type the user wrote). Groups are flattened into
/// the same rule: their delimiters and contents take `first` unless they end the stream.
fn respanned(tokens: &TokenStream, (first, last): (Span, Span)) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let n = trees.len();
    trees
        .into_iter()
        .enumerate()
        .map(|(i, mut tree)| {
            let span = if i + 1 == n { last } else { first };
            if let TokenTree::Group(group) = &tree {
                let inner = respanned(&group.stream(), (first, first));
                let mut group = Group::new(group.delimiter(), inner);
                group.set_span(span);
                tree = TokenTree::Group(group);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// The types of an endpoint's JSON request and response bodies: the models it needs.
pub(crate) fn body_types(endpoint: &Endpoint) -> Vec<&TypeRef> {
    let mut out = Vec::new();
    if let Some(b) = &endpoint.request_body {
        if !matches!(b.kind, BodyKind::JsonPatch | BodyKind::Binary) {
            out.push(&b.ty);
        }
    }
    if endpoint.response_kind != BodyKind::Binary {
        if let Some(r) = &endpoint.response {
            out.push(r);
        }
    }
    out
}
