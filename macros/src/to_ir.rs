//! The user's attribute and struct as the generator's IR: one [`Endpoint`], built from what
//! the other modules read, as the resolver builds one from a documentation page.

use std::collections::BTreeMap;
use std::sync::Arc;

use codegen::diagnostic::Span as IrSpan;
use codegen::ir::{
    Area, AreaKind, BodyKind, Endpoint, Method, Param, RequestBody, Status, TypeRef,
};
use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::ItemStruct;

use crate::args::Args;
use crate::docs;
use crate::fields::Fields;
use crate::response::Response;
use crate::types;

/// Where a hand-written endpoint's documentation link points when `docs` is not given: the
/// WebAPI reference, rather than a page that may not exist.
const REFERENCE_ROOT: &str = "https://docs.superoffice.com/en/api/reference/restful/";

/// The endpoint `args` and `item` describe. `placeholders` are the template's (`None` when it
/// is malformed), `fields` the struct's fields sorted against them; JSON types the IR has no
/// word for are recorded in `named` for the emitter.
pub(crate) fn endpoint(
    args: &Args,
    item: &ItemStruct,
    placeholders: Option<&[String]>,
    fields: &Fields,
    response: &Response,
    named: &mut BTreeMap<String, TokenStream>,
) -> Endpoint {
    let template = args.template.value();
    let name = item.ident.unraw().to_string();
    let file: Arc<str> = Arc::from(format!("#[so_endpoint] {name}"));
    let span = IrSpan::new(&file, 1);
    let (summary, description) = docs::split_summary(&docs::text(&item.attrs));
    let method = args.method.unwrap_or(Method::Get);
    let body = fields.body.as_ref().map(|b| {
        let kind = if types::is_plain(&b.ty, "JsonPatch") {
            BodyKind::JsonPatch
        } else {
            BodyKind::Json
        };
        RequestBody {
            name: b.ident.unraw().to_string(),
            ty: match kind {
                BodyKind::JsonPatch => TypeRef::Named("JsonPatch".to_string()),
                _ => types::json(&b.ty, named),
            },
            kind,
            description: b.description.clone(),
            media_types: Vec::new(),
            span: span.clone(),
        }
    });
    let mut statuses = vec![Status {
        code: 200,
        description: "OK".to_string(),
    }];
    if response.optional {
        statuses.push(Status {
            code: 204,
            description: "No content: the response is `None`.".to_string(),
        });
    }
    let segments: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    Endpoint {
        id: args
            .id
            .as_ref()
            .map_or_else(|| name.clone(), |id| id.value()),
        area: area_of(&segments),
        method,
        path: template.clone(),
        title: format!("{} {template}", method.as_str()),
        summary,
        description,
        path_params: placeholders
            .unwrap_or_default()
            .iter()
            .zip(&fields.path)
            .filter_map(|(placeholder, field)| {
                let field = field.as_ref()?;
                Some(Param {
                    name: placeholder.clone(),
                    ty: field.ty.clone(),
                    required: true,
                    description: field.description.clone(),
                    span: span.clone(),
                })
            })
            .collect(),
        query_params: fields
            .query
            .iter()
            .map(|q| Param {
                name: q.wire.clone(),
                ty: q.ty.clone(),
                required: q.required,
                description: q.description.clone(),
                span: span.clone(),
            })
            .collect(),
        headers: Vec::new(),
        request_body: body,
        response: response.ty.clone(),
        response_kind: response.kind,
        response_media_types: Vec::new(),
        response_description: String::new(),
        statuses,
        sample_request: None,
        sample_response: None,
        source: args
            .docs
            .as_ref()
            .map_or_else(|| REFERENCE_ROOT.to_string(), |d| d.value()),
        sources: Vec::new(),
        span,
    }
}

/// The area a path belongs to, as the generator would group it: `/api/v1/Agents/Chat/...` is
/// the `Chat` agent, `/api/v1/ChatSession/...` the `ChatSession` REST area.
fn area_of(segments: &[&str]) -> Area {
    let segments: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|s| !s.contains('{'))
        .collect();
    match segments.as_slice() {
        ["api", _, "Agents", agent, ..] => Area {
            kind: AreaKind::Agent,
            name: (*agent).to_string(),
        },
        ["api", _, name, ..] => Area {
            kind: AreaKind::Rest,
            name: (*name).to_string(),
        },
        _ => Area {
            kind: AreaKind::Rest,
            name: "Custom".to_string(),
        },
    }
}
