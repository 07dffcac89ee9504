//! A manifest read back into an [`Api`]: the checked-in snapshot `generated/manifest.json` is
//! one side of a `codegen diff`, so a reviewer can compare it with a docs folder without the
//! docs the snapshot was made from.
//!
//! The manifest holds what a [diff](super::diff) compares (ids, methods, paths, areas,
//! parameters, body and response types, model properties) and nothing else: descriptions are
//! empty, spans point at line 0 of the endpoint's source page, and property origins are
//! [`TypeOrigin::Unknown`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::Span;
use crate::ir::{
    Api, Area, AreaKind, BodyKind, Endpoint, Method, Model, Param, Property, RequestBody,
    TypeOrigin, TypeRef,
};

/// Why a manifest could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// Not JSON in the manifest's shape.
    #[error("not a manifest: {0}")]
    Json(#[from] serde_json::Error),
    /// An endpoint's method is not one the WebAPI uses.
    #[error("endpoint `{endpoint}`: unknown method `{method}`")]
    Method {
        /// The endpoint id.
        endpoint: String,
        /// The method as written.
        method: String,
    },
    /// An endpoint's area is not `rest/<Name>` or `agent/<Name>`.
    #[error("endpoint `{endpoint}`: area `{area}` is not `rest/<Name>` or `agent/<Name>`")]
    Area {
        /// The endpoint id.
        endpoint: String,
        /// The area as written.
        area: String,
    },
}

#[derive(Deserialize)]
struct Manifest {
    endpoints: Vec<ManifestEndpoint>,
    models: BTreeMap<String, ManifestModel>,
}

#[derive(Deserialize)]
struct ManifestEndpoint {
    id: String,
    method: String,
    path: String,
    area: String,
    #[serde(default)]
    path_params: Vec<ManifestParam>,
    #[serde(default)]
    query_params: Vec<ManifestParam>,
    request_body: Option<String>,
    response: Option<String>,
    source: String,
    #[serde(default)]
    sources: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct ManifestParam {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    required: bool,
}

#[derive(Deserialize)]
struct ManifestModel {
    properties: Vec<ManifestProperty>,
}

#[derive(Deserialize)]
struct ManifestProperty {
    name: String,
    #[serde(rename = "type")]
    ty: String,
}

fn area(endpoint: &str, text: &str) -> Result<Area, SnapshotError> {
    let bad = || SnapshotError::Area {
        endpoint: endpoint.to_string(),
        area: text.to_string(),
    };
    let (kind, name) = text.split_once('/').ok_or_else(bad)?;
    let kind = match kind {
        "rest" => AreaKind::Rest,
        "agent" => AreaKind::Agent,
        _ => return Err(bad()),
    };
    Ok(Area {
        kind,
        name: name.to_string(),
    })
}

fn param(p: ManifestParam, span: &Span) -> Param {
    Param {
        name: p.name,
        ty: TypeRef::parse(&p.ty),
        required: p.required,
        description: String::new(),
        span: span.clone(),
    }
}

fn endpoint(e: ManifestEndpoint) -> Result<Endpoint, SnapshotError> {
    let method = Method::parse(&e.method).ok_or_else(|| SnapshotError::Method {
        endpoint: e.id.clone(),
        method: e.method.clone(),
    })?;
    let area = area(&e.id, &e.area)?;
    let span = Span::new(&Arc::from(e.source.as_str()), 0);
    let response = e.response.as_deref().map(TypeRef::parse);
    let response_kind = match &response {
        None => BodyKind::Empty,
        Some(TypeRef::Binary) => BodyKind::Binary,
        Some(_) => BodyKind::Json,
    };
    Ok(Endpoint {
        area,
        method,
        path_params: e.path_params.into_iter().map(|p| param(p, &span)).collect(),
        query_params: e
            .query_params
            .into_iter()
            .map(|p| param(p, &span))
            .collect(),
        headers: Vec::new(),
        request_body: e.request_body.map(|ty| {
            let ty = TypeRef::parse(&ty);
            RequestBody {
                name: String::new(),
                kind: if ty == TypeRef::Binary {
                    BodyKind::Binary
                } else {
                    BodyKind::Json
                },
                ty,
                description: String::new(),
                media_types: Vec::new(),
                span: span.clone(),
            }
        }),
        response,
        response_kind,
        response_media_types: Vec::new(),
        response_description: String::new(),
        statuses: Vec::new(),
        sample_request: None,
        sample_response: None,
        title: format!("{} {}", e.method, e.path),
        summary: String::new(),
        description: String::new(),
        sources: e.sources.unwrap_or_else(|| vec![e.source.clone()]),
        source: e.source,
        path: e.path,
        id: e.id,
        span,
    })
}

/// Reads a manifest (the output of `codegen ir`, or `generated/manifest.json`) back into an
/// [`Api`] that [`diff`](super::diff::diff) can compare with one resolved from docs.
pub fn from_manifest(json: &str) -> Result<Api, SnapshotError> {
    let manifest: Manifest = serde_json::from_str(json)?;
    let endpoints = manifest
        .endpoints
        .into_iter()
        .map(endpoint)
        .collect::<Result<Vec<_>, _>>()?;
    let nowhere = Span::new(&Arc::from("manifest.json"), 0);
    let models = manifest
        .models
        .into_iter()
        .map(|(name, m)| {
            let model = Model {
                name: name.clone(),
                description: String::new(),
                properties: m
                    .properties
                    .into_iter()
                    .map(|p| Property {
                        name: p.name,
                        ty: TypeRef::parse(&p.ty),
                        description: String::new(),
                        span: nowhere.clone(),
                        origin: TypeOrigin::Unknown,
                    })
                    .collect(),
                sources: Vec::new(),
                area: None,
            };
            (name, model)
        })
        .collect();
    Ok(Api { endpoints, models })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_manifest_writes() {
        let json = r#"{
  "endpoints": [
    {
      "id": "v1FooEntity_Get",
      "method": "GET",
      "path": "/api/v1/Foo/{id}",
      "area": "rest/Foo",
      "path_params": [ { "name": "id", "type": "int32", "required": true } ],
      "query_params": [ { "name": "$select", "type": "string[]", "required": false } ],
      "request_body": null,
      "response": "Foo",
      "source": "rest/Foo/v1FooEntity_Get.md"
    }
  ],
  "models": { "Foo": { "properties": [ { "name": "Kind", "type": "enum<A|B>" } ] } }
}"#;
        let api = from_manifest(json).unwrap();
        assert_eq!(crate::manifest::to_json(&api), {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut s = serde_json::to_string_pretty(&v).unwrap();
            s.push('\n');
            s
        });
        assert_eq!(api.endpoints[0].area.kind, AreaKind::Rest);
        assert_eq!(api.endpoints[0].sources, ["rest/Foo/v1FooEntity_Get.md"]);
    }

    #[test]
    fn bad_method_and_area_are_named() {
        let one = |method: &str, area: &str| {
            format!(
                r#"{{"endpoints":[{{"id":"x","method":"{method}","path":"/p","area":"{area}",
                "request_body":null,"response":null,"source":"s.md"}}],"models":{{}}}}"#
            )
        };
        let e = from_manifest(&one("FETCH", "rest/A")).unwrap_err();
        assert_eq!(e.to_string(), "endpoint `x`: unknown method `FETCH`");
        let e = from_manifest(&one("GET", "soap/A")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "endpoint `x`: area `soap/A` is not `rest/<Name>` or `agent/<Name>`"
        );
        assert!(from_manifest("[]")
            .unwrap_err()
            .to_string()
            .starts_with("not a manifest"));
    }
}
