//! Endpoints: pages grouped by request line and merged, parameters typed, and each body given a
//! [`Draft`] type whose models are handed to the [`ModelBook`].

use std::collections::BTreeMap;

use serde_json::Value;

use super::media;
use super::models::{Hint, ModelBook, Names};
use super::stated::{is_type_name, names_ids, param_type, Stated};
use super::Draft;
use crate::diagnostic::{Diagnostic, Span, WarningKind};
use crate::ir::{
    Area, AreaKind, BodyKind, Endpoint, Header, Method, Param, RequestBody, SampleResponse, Status,
    TypeRef,
};
use crate::parse::page::{ParamRow, PropRow};
use crate::parse::{Page, PageForm};

/// An endpoint whose body types still point at model keys.
pub(crate) struct EndpointDraft {
    endpoint: Endpoint,
    request: Option<Draft>,
    response: Option<Draft>,
}

/// Drafts every endpoint. `pages` must be sorted by source.
pub(crate) fn draft_all<'a>(
    pages: &'a [Page],
    book: &mut ModelBook<'a>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<EndpointDraft> {
    let mut groups: BTreeMap<(Method, &str), Vec<&Page>> = BTreeMap::new();
    for p in pages {
        groups
            .entry((p.method, p.path.as_str()))
            .or_default()
            .push(p);
    }
    let mut drafts: Vec<EndpointDraft> = groups
        .into_values()
        .map(|mut group| {
            // The primary page: markdown with an id first, then by source.
            group.sort_by_key(|p| {
                (
                    p.id.is_none(),
                    p.form != PageForm::Markdown,
                    p.source.clone(),
                )
            });
            draft_one(&group, book, warnings)
        })
        .collect();
    drafts.sort_by(|a, b| {
        (&a.endpoint.area, &a.endpoint.id).cmp(&(&b.endpoint.area, &b.endpoint.id))
    });
    for pair in drafts.windows(2) {
        if pair[0].endpoint.id == pair[1].endpoint.id {
            warnings.push(
                Diagnostic::warning(
                    pair[1].endpoint.span.clone(),
                    format!(
                        "operation id `{}` is also used by {} for another request line",
                        pair[1].endpoint.id, pair[0].endpoint.span
                    ),
                )
                .with_kind(WarningKind::PagesDisagree),
            );
        }
    }
    drafts
}

fn draft_one<'a>(
    group: &[&'a Page],
    book: &mut ModelBook<'a>,
    warnings: &mut Vec<Diagnostic>,
) -> EndpointDraft {
    let primary = group[0];
    let id = group
        .iter()
        .find_map(|p| p.id.clone())
        .unwrap_or_else(|| derived_id(primary.method, &primary.path));
    for p in &group[1..] {
        if let (Some(a), Some(b)) = (&primary.id, &p.id) {
            if a != b {
                warnings.push(
                    Diagnostic::warning(
                        p.span.clone(),
                        format!(
                        "page gives id `{b}` for the request line that {} calls `{a}`; using `{a}`",
                        primary.span
                    ),
                    )
                    .with_kind(WarningKind::PagesDisagree),
                );
            }
        }
    }
    let area = area_of(&primary.path);
    let op = crate::ir::operation_name(&id).to_string();
    let first_text = |f: fn(&Page) -> &str| {
        group
            .iter()
            .map(|p| f(p))
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_string()
    };

    let path_rows: Vec<&ParamRow> = merged_rows(group.iter().map(|p| p.path_parts.as_slice()));
    let path_params = template_params(&primary.path)
        .into_iter()
        .map(|name| {
            let row = path_rows.iter().find(|r| r.name == name);
            Param {
                ty: row.map_or(TypeRef::String, |r| param_type(&name, &r.ty)),
                required: true,
                description: row.map(|r| r.description.clone()).unwrap_or_default(),
                span: row.map_or_else(|| primary.span.clone(), |r| r.span.clone()),
                name,
            }
        })
        .collect();
    let query_params = merged_rows(group.iter().map(|p| p.query_params.as_slice()))
        .into_iter()
        .map(|r| Param {
            name: r.name.clone(),
            ty: param_type(&r.name, &r.ty),
            required: r.required,
            description: r.description.clone(),
            span: r.span.clone(),
        })
        .collect();
    let headers: Vec<Header> = group
        .iter()
        .find(|p| !p.headers.is_empty())
        .map(|p| {
            p.headers
                .iter()
                .map(|h| Header {
                    name: h.name.clone(),
                    description: h.description.clone(),
                })
                .collect()
        })
        .unwrap_or_default();

    let (request_body, request) = request_draft(group, &id, &op, &area, &headers, book);
    let (response, response_kind) = response_draft(group, &id, &op, &area, book);
    let response_media_types = if response_kind == BodyKind::Binary {
        media::raw_types(&headers, "Accept")
    } else {
        Vec::new()
    };
    let statuses = group
        .iter()
        .find_map(|p| p.response.as_ref().filter(|r| !r.statuses.is_empty()))
        .map(|r| {
            r.statuses
                .iter()
                .map(|s| Status {
                    code: s.code,
                    description: s.description.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let sample_response = group
        .iter()
        .find_map(|p| p.sample_response.as_ref())
        .map(|s| SampleResponse {
            status: s
                .first_line
                .split_whitespace()
                .nth(1)
                .and_then(|c| c.parse().ok())
                .unwrap_or(200),
            body: s.body.clone(),
        });
    let mut sources: Vec<String> = group.iter().map(|p| p.source.to_string()).collect();
    sources.sort();
    EndpointDraft {
        endpoint: Endpoint {
            id,
            area,
            method: primary.method,
            path: primary.path.clone(),
            title: first_text(|p| &p.title),
            summary: first_text(|p| &p.summary),
            description: first_text(|p| &p.description),
            path_params,
            query_params,
            headers,
            request_body,
            response: None,
            response_kind,
            response_media_types,
            response_description: group
                .iter()
                .find_map(|p| p.response.as_ref().map(|r| r.description.clone()))
                .unwrap_or_default(),
            statuses,
            sample_request: group
                .iter()
                .find_map(|p| p.sample_request.as_ref().and_then(|s| s.body.clone())),
            sample_response,
            source: primary.source.to_string(),
            sources,
            span: primary.span.clone(),
        },
        request,
        response,
    }
}

/// Rows of the same table from several pages, by name, the first typed one winning.
fn merged_rows<'a>(tables: impl Iterator<Item = &'a [ParamRow]>) -> Vec<&'a ParamRow> {
    let mut out: Vec<&ParamRow> = Vec::new();
    for table in tables {
        for row in table {
            match out.iter_mut().find(|r| r.name == row.name) {
                Some(r) if r.ty.is_empty() && !row.ty.is_empty() => *r = row,
                Some(_) => {}
                None => out.push(row),
            }
        }
    }
    out
}

/// The request body of an endpoint: its kind decided from what the page states, in this order:
/// a body with neither table nor sample that the page calls a stream is bytes as a base64 JSON
/// string when the page's `Content-Type` row lists JSON; `## Request Body: NAME binary` is an
/// upload of bytes, and so is a stream the page does not let travel as JSON; a PATCH page's
/// `NAME string` body is a JSON-Patch document; anything else is JSON, typed from its table
/// and sample.
fn request_draft<'a>(
    group: &[&'a Page],
    id: &str,
    op: &str,
    area: &Area,
    headers: &[Header],
    book: &mut ModelBook<'a>,
) -> (Option<RequestBody>, Option<Draft>) {
    let Some((page, body)) = group
        .iter()
        .find_map(|p| p.request_body.as_ref().map(|b| (*p, b)))
    else {
        return (None, None);
    };
    let sample = group
        .iter()
        .find_map(|p| p.sample_request.as_ref().and_then(|s| s.body.as_ref()))
        .filter(|v| !v.is_null());
    let kind = body.kind.as_deref().unwrap_or("");
    let mut media_types = Vec::new();
    let is_stream = kind.is_empty()
        && body.properties.is_empty()
        && sample.is_none()
        && media::says_stream(&body.description);
    let (draft, body_kind) = if is_stream && media::takes_json(headers) {
        // A .NET stream (`byte[]`) parameter the page also lets travel as JSON: bytes in JSON
        // are base64 text, the one form SuperOffice's contract gives such a body.
        (Draft::Known(TypeRef::Binary), BodyKind::Json)
    } else if kind.eq_ignore_ascii_case("binary") || is_stream {
        // A file upload the page also takes as a form goes as one by default: SuperOffice's
        // contract gives such endpoints a `file` form parameter.
        if kind.eq_ignore_ascii_case("binary") && media::takes_form(headers) {
            media_types.push(media::MULTIPART_FORM.to_string());
        }
        media_types.extend(media::raw_types(headers, "Content-Type"));
        (Draft::Known(TypeRef::Binary), BodyKind::Binary)
    } else if page.method == Method::Patch && kind.eq_ignore_ascii_case("string") {
        let name = book.json_patch(&body.properties, &page.description, &body.span);
        media_types.push(media::JSON_PATCH.to_string());
        let merge = group.iter().any(|p| {
            media::mentions_merge_patch(&p.summary)
                || media::mentions_merge_patch(&p.description)
                || p.request_body
                    .as_ref()
                    .is_some_and(|b| media::mentions_merge_patch(&b.description))
        });
        if merge {
            media_types.push(media::MERGE_PATCH.to_string());
        }
        (
            Draft::Array(Box::new(Draft::Model(name))),
            BodyKind::JsonPatch,
        )
    } else if !body.properties.is_empty()
        || sample.is_some_and(|v| v.is_object() || is_object_array(v))
    {
        let key = format!("@{id}/request");
        let hint = Hint::Request {
            op: op.to_string(),
            area: area.name.clone(),
            own_model: area.kind == AreaKind::Agent && body.name == "request",
            mentioned: super::stated::mentioned_type(&body.description),
        };
        let rows: Vec<&PropRow> = group
            .iter()
            .filter_map(|p| p.request_body.as_ref())
            .flat_map(|b| b.properties.iter())
            .collect();
        book.describe(&key, hint, &rows, &body.description, &body.span, area);
        let draft = match sample {
            Some(Value::Array(items)) => {
                for item in items {
                    if let Value::Object(obj) = item {
                        book.sample(&key, obj, &body.span);
                    }
                }
                Draft::Array(Box::new(Draft::Model(key)))
            }
            Some(Value::Object(obj)) => {
                book.sample(&key, obj, &body.span);
                Draft::Model(key)
            }
            _ => Draft::Model(key),
        };
        (draft, BodyKind::Json)
    } else {
        let ty = match sample {
            Some(v) => value_draft(v, &format!("@{id}/request"), book, &body.span, area, op),
            None if names_ids(&body.name) => Draft::Known(TypeRef::array(TypeRef::Int32)),
            None => Draft::Known(
                super::stated::described_body(&body.description).unwrap_or(TypeRef::Any),
            ),
        };
        (ty, BodyKind::Json)
    };
    let request = RequestBody {
        name: body.name.clone(),
        ty: TypeRef::Any,
        kind: body_kind,
        media_types,
        description: body.description.clone(),
        span: body.span.clone(),
    };
    (Some(request), Some(draft))
}

/// A draft type for a top-level sample value with no table: arrays of scalars, scalars, or an
/// object handed to the book under `key`.
fn value_draft<'a>(
    v: &'a Value,
    key: &str,
    book: &mut ModelBook<'a>,
    span: &Span,
    area: &Area,
    op: &str,
) -> Draft {
    match v {
        Value::Array(items) => {
            let item_key = format!("{key}[]");
            let mut inner: Option<Draft> = None;
            for item in items {
                let d = value_draft(item, &item_key, book, span, area, op);
                inner = Some(match inner {
                    None => d,
                    Some(Draft::Known(a)) => match d {
                        Draft::Known(b) => Draft::Known(super::sample::unify(a, b)),
                        other => other,
                    },
                    Some(prev) => prev,
                });
            }
            Draft::Array(Box::new(inner.unwrap_or(Draft::Known(TypeRef::Any))))
        }
        Value::Object(obj) if super::sample::looks_like_map("", obj) => {
            let inner = obj.values().find(|v| !v.is_null());
            Draft::Map(Box::new(inner.map_or(Draft::Known(TypeRef::Any), |v| {
                value_draft(v, &format!("{key}{{}}"), book, span, area, op)
            })))
        }
        Value::Object(obj) => {
            book.describe(
                key,
                Hint::Response {
                    op: op.to_string(),
                    suffix: if key.ends_with("[]") {
                        "Item"
                    } else {
                        "Result"
                    },
                },
                &[],
                "",
                span,
                area,
            );
            book.sample(key, obj, span);
            Draft::Model(key.to_string())
        }
        other => Draft::Known(super::sample::scalar_of(other).unwrap_or(TypeRef::Any)),
    }
}

fn response_draft<'a>(
    group: &[&'a Page],
    id: &str,
    op: &str,
    area: &Area,
    book: &mut ModelBook<'a>,
) -> (Option<Draft>, BodyKind) {
    let Some(resp) = group.iter().find_map(|p| p.response.as_ref()) else {
        return (None, BodyKind::Empty);
    };
    let has_200 = resp.statuses.is_empty() || resp.statuses.iter().any(|s| s.code == 200);
    if !has_200 {
        return (None, BodyKind::Empty);
    }
    let sample = group
        .iter()
        .find_map(|p| p.sample_response.as_ref().and_then(|s| s.body.as_ref()));
    let kind = resp.kind.as_deref().unwrap_or("");
    let body_name = resp.body_name.as_deref().unwrap_or("");
    let rows: Vec<&PropRow> = group
        .iter()
        .filter_map(|p| p.response.as_ref())
        .flat_map(|r| r.properties.iter())
        .collect();
    let word = if kind.is_empty() || kind == "object" {
        body_name
    } else {
        kind
    };
    if let Stated::Scalar(t) = Stated::parse(word) {
        let kind = if t == TypeRef::Binary {
            BodyKind::Binary
        } else {
            BodyKind::Json
        };
        return (Some(Draft::Known(t)), kind);
    }
    let name = if is_type_name(body_name) && body_name != "object" && body_name != "array" {
        Some(body_name.to_string())
    } else {
        carrier_name(&resp.description)
    };
    if kind == "array" || body_name == "array" {
        let key = format!("@{id}/response[]");
        let item_sample = match sample {
            Some(Value::Array(items)) => items.iter().find(|v| !v.is_null()),
            _ => None,
        };
        if rows.is_empty() && !item_sample.is_some_and(Value::is_object) {
            let d = sample.map_or(Draft::Array(Box::new(Draft::Known(TypeRef::Any))), |v| {
                value_draft(v, &format!("@{id}/response"), book, &resp.span, area, op)
            });
            return (Some(d), BodyKind::Json);
        }
        book.describe(
            &key,
            Hint::Response {
                op: op.to_string(),
                suffix: "Item",
            },
            &rows,
            &resp.description,
            &resp.span,
            area,
        );
        if let Some(Value::Array(items)) = sample {
            for item in items {
                if let Value::Object(obj) = item {
                    book.sample(&key, obj, &resp.span);
                }
            }
        }
        return (
            Some(Draft::Array(Box::new(Draft::Model(key)))),
            BodyKind::Json,
        );
    }
    let map_like = matches!(sample, Some(Value::Object(o)) if super::sample::looks_like_map("", o));
    if rows.is_empty() && (map_like || !sample.is_some_and(Value::is_object)) {
        if let Some(v) = sample.filter(|v| !v.is_null()) {
            let d = value_draft(v, &format!("@{id}/response"), book, &resp.span, area, op);
            return (Some(d), BodyKind::Json);
        }
        if name.is_none() {
            return (Some(Draft::Known(TypeRef::Any)), BodyKind::Json);
        }
    }
    // A table that describes the values of a dictionary the sample shows (`{"fieldName": {...}}`
    // whose inner keys are the table's rows) types the values, not the object.
    if let Some(Value::Object(outer)) = sample.filter(|_| map_like) {
        let inner_fits = outer.values().any(|v| {
            v.as_object()
                .is_some_and(|o| rows.iter().any(|r| o.contains_key(&r.name)))
        });
        if inner_fits {
            let key = format!("@{id}/response{{}}");
            let hint = Hint::Response {
                op: op.to_string(),
                suffix: "Value",
            };
            book.describe(&key, hint, &rows, &resp.description, &resp.span, area);
            for v in outer.values() {
                if let Value::Object(o) = v {
                    book.sample(&key, o, &resp.span);
                }
            }
            return (
                Some(Draft::Map(Box::new(Draft::Model(key)))),
                BodyKind::Json,
            );
        }
    }
    let key = format!("@{id}/response");
    let hint = Hint::Body {
        name,
        op: op.to_string(),
    };
    book.describe(&key, hint, &rows, &resp.description, &resp.span, area);
    if let Some(Value::Object(obj)) = sample {
        book.sample(&key, obj, &resp.span);
    }
    (Some(Draft::Model(key)), BodyKind::Json)
}

/// `Carrier object for ChatSessionEntity.` in a response description names the body type.
fn carrier_name(text: &str) -> Option<String> {
    let rest = text.split("Carrier object for ").nth(1)?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    is_type_name(&name).then_some(name)
}

/// `{name}` placeholders of a path template, in order.
pub fn template_params(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
        .collect()
}

/// The area of a path: `/api/v1/Agents/Chat/...` is agent `Chat`, `/api/v1/Contact/...` is REST
/// `Contact`.
pub fn area_of(path: &str) -> Area {
    let mut segs = path.trim_start_matches('/').split('/').skip_while(|s| {
        s.eq_ignore_ascii_case("api")
            || s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())
    });
    let first = segs.next().unwrap_or("");
    if first.eq_ignore_ascii_case("agents") {
        Area {
            kind: AreaKind::Agent,
            name: segs.next().unwrap_or("Unknown").to_string(),
        }
    } else {
        let name: String = first
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        Area {
            kind: AreaKind::Rest,
            name: if name.is_empty() { "Root".into() } else { name },
        }
    }
}

/// An id for a page without one, stable for its request line: `POST /api/v1/A/{b}` gives
/// `post_api_v1_A_b`.
fn derived_id(method: Method, path: &str) -> String {
    let mut id = method.as_str().to_ascii_lowercase();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        id.extend(seg.chars().filter(|c| c.is_ascii_alphanumeric()));
    }
    id
}

/// Gives each draft its final types.
pub(crate) fn finish(drafts: Vec<EndpointDraft>, names: &Names) -> Vec<Endpoint> {
    drafts
        .into_iter()
        .map(|d| {
            let mut e = d.endpoint;
            e.response = d.response.map(|r| names.type_of(&r));
            if e.response.is_none() {
                e.response_kind = BodyKind::Empty;
                e.response_media_types.clear();
            }
            if let (Some(body), Some(draft)) = (e.request_body.as_mut(), d.request) {
                body.ty = names.type_of(&draft);
            }
            e
        })
        .collect()
}

fn is_object_array(v: &Value) -> bool {
    v.as_array()
        .is_some_and(|items| items.iter().any(Value::is_object))
}

#[cfg(test)]
mod tests {
    use super::names_ids;

    #[test]
    fn id_lists_are_named_as_such() {
        for name in ["ids", "contactIds", "ticketStatusEntityIds"] {
            assert!(names_ids(name), "{name}");
        }
        for name in ["sr_ids", "moduleLicenseNames", "Ids2", "request", "idsOf"] {
            assert!(!names_ids(name), "{name}");
        }
    }
}
