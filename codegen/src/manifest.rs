//! The manifest: the IR dumped as JSON in the shape of `spec/ir-manifest.md`, deterministic to
//! the byte (sorted maps, fixed field order, types in their text form).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ir::{Api, AreaKind, Endpoint, Model, Param};

#[derive(Serialize)]
struct Manifest<'a> {
    endpoints: Vec<ManifestEndpoint<'a>>,
    models: BTreeMap<&'a str, ManifestModel<'a>>,
}

#[derive(Serialize)]
struct ManifestEndpoint<'a> {
    id: &'a str,
    method: &'a str,
    path: &'a str,
    area: String,
    path_params: Vec<ManifestParam<'a>>,
    query_params: Vec<ManifestParam<'a>>,
    request_body: Option<String>,
    response: Option<String>,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<&'a [String]>,
}

#[derive(Serialize)]
struct ManifestParam<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: String,
    required: bool,
}

#[derive(Serialize)]
struct ManifestModel<'a> {
    properties: Vec<ManifestProperty<'a>>,
}

#[derive(Serialize)]
struct ManifestProperty<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: String,
}

fn param(p: &Param) -> ManifestParam<'_> {
    ManifestParam {
        name: &p.name,
        ty: p.ty.to_string(),
        required: p.required,
    }
}

fn endpoint(e: &Endpoint) -> ManifestEndpoint<'_> {
    let kind = match e.area.kind {
        AreaKind::Agent => "agent",
        AreaKind::Rest => "rest",
    };
    ManifestEndpoint {
        id: &e.id,
        method: e.method.as_str(),
        path: &e.path,
        area: format!("{kind}/{}", e.area.name),
        path_params: e.path_params.iter().map(param).collect(),
        query_params: e.query_params.iter().map(param).collect(),
        request_body: e.request_body.as_ref().map(|b| b.ty.to_string()),
        response: e.response.as_ref().map(ToString::to_string),
        source: &e.source,
        sources: (e.sources.len() > 1).then_some(e.sources.as_slice()),
    }
}

fn model(m: &Model) -> ManifestModel<'_> {
    ManifestModel {
        properties: m
            .properties
            .iter()
            .map(|p| ManifestProperty {
                name: &p.name,
                ty: p.ty.to_string(),
            })
            .collect(),
    }
}

/// The manifest of `api` as pretty-printed JSON, ending in a newline.
pub fn to_json(api: &Api) -> String {
    let manifest = Manifest {
        endpoints: api.endpoints.iter().map(endpoint).collect(),
        models: api
            .models
            .iter()
            .map(|(k, m)| (k.as_str(), model(m)))
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
    out.push('\n');
    out
}
