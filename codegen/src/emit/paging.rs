//! Which endpoints are pageable, and their `Paginated` impl.
//!
//! The runtime's `Client::paginate` does the paging; per endpoint the crate only says how the
//! endpoint is paged and what a row is: an impl of two items, behind the `client` feature
//! like the trait. The decision needs the models (the answer's `value`, the body's `Page`),
//! which the `#[so_endpoint]` macro does not have, so it is made for the generated crate only;
//! a hand-written endpoint implements the trait itself.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::types::json_type;
use super::{doc_attrs, runtime_paths, EmitContext};
use crate::ir::{AreaKind, BodyKind, Endpoint, Model, TypeRef};

/// How a pageable endpoint is asked for a page (the runtime's `Paging`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PagingKind {
    /// `$top`/`$skip` query parameters; the answer's `value` array holds the rows.
    OData,
    /// `Page`/`PageSize` members of an agent's JSON body; the answer is the array of rows.
    PageNumber,
}

/// How `endpoint` is paged and the type of one row, when it is pageable: query parameters
/// `$top` and `$skip` with an answer (a model) whose `value` is an array, or an agent call
/// whose JSON body (a model) has `Page` and `PageSize` and whose answer is an array.
pub(crate) fn paging_of<'a>(
    endpoint: &'a Endpoint,
    models: &'a BTreeMap<String, Model>,
) -> Option<(PagingKind, &'a TypeRef)> {
    let property = |model: Option<&str>, name: &str| {
        let model = models.get(model?)?;
        model.properties.iter().find(|p| p.name == name)
    };
    let has_query = |name: &str| endpoint.query_params.iter().any(|p| p.name == name);
    let answer = endpoint
        .response
        .as_ref()
        .filter(|_| endpoint.response_kind != BodyKind::Binary);
    if has_query("$top") && has_query("$skip") {
        let value = property(answer.and_then(TypeRef::model_name), "value")?;
        return match &value.ty {
            TypeRef::Array(row) => Some((PagingKind::OData, row)),
            _ => None,
        };
    }
    let body = endpoint
        .request_body
        .as_ref()
        .filter(|b| matches!(b.kind, BodyKind::Json | BodyKind::Empty))?;
    let body_model = match &body.ty {
        TypeRef::Named(name) => Some(name.as_str()),
        _ => None,
    };
    let counts = |name| property(body_model, name).is_some_and(|p| p.ty == TypeRef::Int32);
    match answer? {
        TypeRef::Array(row)
            if endpoint.area.kind == AreaKind::Agent && counts("Page") && counts("PageSize") =>
        {
            Some((PagingKind::PageNumber, row))
        }
        _ => None,
    }
}

/// `impl Paginated for <builder>` when the endpoint is pageable, else nothing.
pub(crate) fn emit_paginated(
    endpoint: &Endpoint,
    builder: &str,
    models: &BTreeMap<String, Model>,
    ctx: &EmitContext,
) -> Option<TokenStream> {
    let (kind, row) = paging_of(endpoint, models)?;
    runtime_paths!(ctx => Paginated as paginated, Paging as paging, Client as client);
    let (variant, how) = match kind {
        PagingKind::OData => (quote!(OData), "by `$top`/`$skip` and `odata.nextLink`"),
        PagingKind::PageNumber => (quote!(PageNumber), "by `Page`/`PageSize` in the body"),
    };
    let doc = doc_attrs(&format!(
        "Paged {how}: [`{}::paginate`] streams every row.",
        quote!(#client).to_string().replace(' ', "")
    ));
    let name = ident(builder);
    let row = json_type(row, ctx);
    Some(quote! {
        #doc
        #[cfg(feature = "client")]
        impl #paginated for #name {
            type Item = #row;
            const PAGING: #paging = #paging::#variant;
        }
    })
}
