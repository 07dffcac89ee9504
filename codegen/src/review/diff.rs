//! What changed between two descriptions of the API, and what each change means for users of
//! the generated crate.
//!
//! Endpoints are matched by operation id, models by name, parameters and properties by wire
//! name. Types are compared as the generated Rust sees them: an `enum<...>` is an open enum
//! (a variant per documented value, `#[non_exhaustive]`, and a fallback for any other text), so
//! values added are additive (a value that decoded into the fallback now has its variant) and a
//! value removed is breaking (code naming its variant no longer builds). Open enums are shared
//! by every use of the same values, so a use whose values change alone gets another type when
//! its old values stay in use elsewhere; the verdict does not see that.
//!
//! | change | impact | why |
//! |---|---|---|
//! | endpoint added | additive | a new builder; the `Endpoint` enum is `#[non_exhaustive]` |
//! | endpoint removed | breaking | its builder is gone |
//! | method, path or area changed | breaking | the same code sends another request, or the builder moves module and feature |
//! | path parameter added, removed or retyped | breaking | `new` takes other arguments (additive when documented enum values are only added) |
//! | query parameter added | additive | a new setter |
//! | query parameter removed or retyped | breaking | the setter is gone or takes another type (additive when documented enum values are only added) |
//! | parameter no longer required | additive | calls that leave it out become valid; the code is the same |
//! | parameter newly required | breaking | calls that leave it out now fail at the server |
//! | request body added, removed or retyped | breaking | `new` takes another body |
//! | response added, removed or retyped | breaking | `decode` returns another type |
//! | model added | additive | a new struct |
//! | model removed | breaking | the struct is gone |
//! | property added | additive | models are `#[non_exhaustive]`: built with `Default`, never with a struct literal |
//! | property removed | breaking | the field is gone |
//! | property retyped | breaking | the field has another type (additive when documented enum values are only added) |
//!
//! "Optional" is what the docs can say: a parameter's **Required** mark. Model properties carry
//! no such mark (every field is an `Option` in Rust), so a property cannot become optional.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::ir::{Api, AreaKind, Endpoint, Model, Param, Property, TypeRef};

/// What a change means for code written against the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code that compiled and worked may no longer compile, or may now fail at the server.
    Breaking,
    /// Something new; existing code keeps compiling and working.
    Additive,
}

/// The verdict over all changes: the version bump the generated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one breaking change: a major version (a minor one while the crate is 0.x).
    Breaking,
    /// Only additive changes: a minor version.
    Additive,
    /// No change to the API.
    None,
}

impl Verdict {
    /// The lower-case word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::Additive => "additive",
            Verdict::None => "none",
        }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    /// A placeholder of the path template.
    Path,
    /// The query string.
    Query,
}

impl ParamLocation {
    /// `path` or `query`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
        }
    }
}

/// One change, with the endpoint or model it belongs to. Types are in the manifest's spelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new endpoint.
    EndpointAdded {
        /// Operation id.
        endpoint: String,
        /// HTTP method.
        method: String,
        /// Path template.
        path: String,
        /// The page it is read from.
        source: String,
    },
    /// An endpoint the new docs no longer describe.
    EndpointRemoved {
        /// Operation id.
        endpoint: String,
        /// HTTP method.
        method: String,
        /// Path template.
        path: String,
        /// The page it was read from.
        source: String,
    },
    /// Another HTTP method.
    MethodChanged {
        /// Operation id.
        endpoint: String,
        /// Method before.
        old: String,
        /// Method after.
        new: String,
    },
    /// Another path template.
    PathChanged {
        /// Operation id.
        endpoint: String,
        /// Template before.
        old: String,
        /// Template after.
        new: String,
    },
    /// Another area (module and cargo feature).
    AreaChanged {
        /// Operation id.
        endpoint: String,
        /// Area before (`rest/ChatSession`).
        old: String,
        /// Area after.
        new: String,
    },
    /// A new parameter.
    ParamAdded {
        /// Operation id.
        endpoint: String,
        /// Path or query.
        location: ParamLocation,
        /// Wire name.
        param: String,
        /// Its type.
        #[serde(rename = "type")]
        ty: String,
        /// Whether the docs mark it required.
        required: bool,
    },
    /// A parameter the new docs no longer list.
    ParamRemoved {
        /// Operation id.
        endpoint: String,
        /// Path or query.
        location: ParamLocation,
        /// Wire name.
        param: String,
        /// Its type before.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A parameter of another type.
    ParamRetyped {
        /// Operation id.
        endpoint: String,
        /// Path or query.
        location: ParamLocation,
        /// Wire name.
        param: String,
        /// Type before.
        old: String,
        /// Type after.
        new: String,
    },
    /// A parameter the docs no longer mark **Required**.
    ParamNowOptional {
        /// Operation id.
        endpoint: String,
        /// Path or query.
        location: ParamLocation,
        /// Wire name.
        param: String,
    },
    /// A parameter the docs now mark **Required**.
    ParamNowRequired {
        /// Operation id.
        endpoint: String,
        /// Path or query.
        location: ParamLocation,
        /// Wire name.
        param: String,
    },
    /// The request body was added, removed or retyped (`null`: none).
    RequestBodyChanged {
        /// Operation id.
        endpoint: String,
        /// Body type before.
        old: Option<String>,
        /// Body type after.
        new: Option<String>,
    },
    /// The response was added, removed or retyped (`null`: none).
    ResponseChanged {
        /// Operation id.
        endpoint: String,
        /// Response type before.
        old: Option<String>,
        /// Response type after.
        new: Option<String>,
    },
    /// A new model.
    ModelAdded {
        /// Its name.
        model: String,
        /// How many properties it has.
        properties: usize,
    },
    /// A model the new docs no longer describe.
    ModelRemoved {
        /// Its name.
        model: String,
        /// The added model that took its place: every property that had this type now has
        /// that one (the resolver named the same type differently, e.g. once a page states it).
        #[serde(skip_serializing_if = "Option::is_none")]
        replaced_by: Option<String>,
    },
    /// A new property.
    PropertyAdded {
        /// The model.
        model: String,
        /// Wire name.
        property: String,
        /// Its type.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A property the new docs no longer list.
    PropertyRemoved {
        /// The model.
        model: String,
        /// Wire name.
        property: String,
        /// Its type before.
        #[serde(rename = "type")]
        ty: String,
    },
    /// A property of another type.
    PropertyRetyped {
        /// The model.
        model: String,
        /// Wire name.
        property: String,
        /// Type before.
        old: String,
        /// Type after.
        new: String,
    },
}

/// One change and its impact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Breaking or additive.
    pub impact: Impact,
    /// What changed.
    #[serde(flatten)]
    pub kind: ChangeKind,
}

/// Every change between two APIs, endpoints first (in the new API's order, removed ones where
/// they were), then models by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiDiff {
    /// The verdict over all changes.
    pub verdict: Verdict,
    /// How many changes are breaking.
    pub breaking: usize,
    /// How many changes are additive.
    pub additive: usize,
    /// The changes.
    pub changes: Vec<Change>,
}

/// A type as the generated Rust sees it, enum values left out: an open enum whatever its
/// values (see [`retype_impact`] for them).
fn rust_shape(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Enum(_) => TypeRef::Enum(Vec::new()),
        TypeRef::Array(t) => TypeRef::array(rust_shape(t)),
        TypeRef::Map(t) => TypeRef::map(rust_shape(t)),
        t => t.clone(),
    }
}

/// What retyping `old` to `new` does to users: nothing when they are the same; additive when
/// only documented enum values were added (new variants of a `#[non_exhaustive]` enum);
/// breaking otherwise.
fn retype_impact(old: &TypeRef, new: &TypeRef) -> Option<Impact> {
    if old == new {
        return None;
    }
    if rust_shape(old) != rust_shape(new) || enum_values_removed(old, new) {
        Some(Impact::Breaking)
    } else {
        Some(Impact::Additive)
    }
}

/// Whether an enum inside `old` lists a value its counterpart in `new` (same shape) lacks.
fn enum_values_removed(old: &TypeRef, new: &TypeRef) -> bool {
    match (old, new) {
        (TypeRef::Enum(a), TypeRef::Enum(b)) => a.iter().any(|v| !b.contains(v)),
        (TypeRef::Array(a), TypeRef::Array(b)) | (TypeRef::Map(a), TypeRef::Map(b)) => {
            enum_values_removed(a, b)
        }
        _ => false,
    }
}

fn area_text(e: &Endpoint) -> String {
    let kind = match e.area.kind {
        AreaKind::Agent => "agent",
        AreaKind::Rest => "rest",
    };
    format!("{kind}/{}", e.area.name)
}

fn type_text(t: &Option<TypeRef>) -> Option<String> {
    t.as_ref().map(ToString::to_string)
}

/// Collects changes, tagging each with its impact.
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, impact: Impact, kind: ChangeKind) {
        self.0.push(Change { impact, kind });
    }
}

/// Everything that changed from `old` to `new`.
pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    let mut out = Changes(Vec::new());
    endpoints(old, new, &mut out);
    models(&old.models, &new.models, &mut out);
    let changes = out.0;
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    let additive = changes.len() - breaking;
    let verdict = if breaking > 0 {
        Verdict::Breaking
    } else if additive > 0 {
        Verdict::Additive
    } else {
        Verdict::None
    };
    ApiDiff {
        verdict,
        breaking,
        additive,
        changes,
    }
}

fn endpoints(old: &Api, new: &Api, out: &mut Changes) {
    // Endpoints pair up by id; should the docs reuse an id, in order.
    let mut unpaired: BTreeMap<&str, VecDeque<&Endpoint>> = BTreeMap::new();
    for e in &old.endpoints {
        unpaired.entry(&e.id).or_default().push_back(e);
    }
    // (the endpoint that places the row, before, after)
    let mut rows: Vec<(&Endpoint, Option<&Endpoint>, Option<&Endpoint>)> = Vec::new();
    for e in &new.endpoints {
        let before = unpaired
            .get_mut(e.id.as_str())
            .and_then(VecDeque::pop_front);
        rows.push((e, before, Some(e)));
    }
    for e in unpaired.into_values().flatten() {
        rows.push((e, Some(e), None));
    }
    rows.sort_by(|a, b| (&a.0.area, &a.0.id).cmp(&(&b.0.area, &b.0.id)));
    for (_, before, after) in rows {
        match (before, after) {
            (None, Some(e)) => out.push(
                Impact::Additive,
                ChangeKind::EndpointAdded {
                    endpoint: e.id.clone(),
                    method: e.method.as_str().to_string(),
                    path: e.path.clone(),
                    source: e.source.clone(),
                },
            ),
            (Some(e), None) => out.push(
                Impact::Breaking,
                ChangeKind::EndpointRemoved {
                    endpoint: e.id.clone(),
                    method: e.method.as_str().to_string(),
                    path: e.path.clone(),
                    source: e.source.clone(),
                },
            ),
            (Some(a), Some(b)) => endpoint(a, b, out),
            (None, None) => {}
        }
    }
}

fn endpoint(a: &Endpoint, b: &Endpoint, out: &mut Changes) {
    let id = || b.id.clone();
    if a.method != b.method {
        out.push(
            Impact::Breaking,
            ChangeKind::MethodChanged {
                endpoint: id(),
                old: a.method.as_str().to_string(),
                new: b.method.as_str().to_string(),
            },
        );
    }
    if a.path != b.path {
        out.push(
            Impact::Breaking,
            ChangeKind::PathChanged {
                endpoint: id(),
                old: a.path.clone(),
                new: b.path.clone(),
            },
        );
    }
    if a.area != b.area {
        out.push(
            Impact::Breaking,
            ChangeKind::AreaChanged {
                endpoint: id(),
                old: area_text(a),
                new: area_text(b),
            },
        );
    }
    params(
        &b.id,
        ParamLocation::Path,
        &a.path_params,
        &b.path_params,
        out,
    );
    params(
        &b.id,
        ParamLocation::Query,
        &a.query_params,
        &b.query_params,
        out,
    );
    let body = |e: &Endpoint| e.request_body.as_ref().map(|r| r.ty.clone());
    let (old_body, new_body) = (body(a), body(b));
    let body_impact = match (&old_body, &new_body) {
        (Some(o), Some(n)) => retype_impact(o, n),
        (None, None) => None,
        _ => Some(Impact::Breaking),
    };
    if let Some(impact) = body_impact {
        out.push(
            impact,
            ChangeKind::RequestBodyChanged {
                endpoint: id(),
                old: type_text(&old_body),
                new: type_text(&new_body),
            },
        );
    }
    let response_impact = match (&a.response, &b.response) {
        (Some(o), Some(n)) => retype_impact(o, n),
        (None, None) => None,
        _ => Some(Impact::Breaking),
    };
    if let Some(impact) = response_impact {
        out.push(
            impact,
            ChangeKind::ResponseChanged {
                endpoint: id(),
                old: type_text(&a.response),
                new: type_text(&b.response),
            },
        );
    }
}

fn params(
    endpoint: &str,
    location: ParamLocation,
    old: &[Param],
    new: &[Param],
    out: &mut Changes,
) {
    // Any change to a path parameter changes the arguments of `new`.
    let shape_change = match location {
        ParamLocation::Path => Impact::Breaking,
        ParamLocation::Query => Impact::Additive,
    };
    for p in new {
        match old.iter().find(|o| o.name == p.name) {
            None => out.push(
                shape_change,
                ChangeKind::ParamAdded {
                    endpoint: endpoint.to_string(),
                    location,
                    param: p.name.clone(),
                    ty: p.ty.to_string(),
                    required: p.required,
                },
            ),
            Some(o) => {
                if let Some(impact) = retype_impact(&o.ty, &p.ty) {
                    out.push(
                        impact,
                        ChangeKind::ParamRetyped {
                            endpoint: endpoint.to_string(),
                            location,
                            param: p.name.clone(),
                            old: o.ty.to_string(),
                            new: p.ty.to_string(),
                        },
                    );
                }
                match (o.required, p.required) {
                    (true, false) => out.push(
                        Impact::Additive,
                        ChangeKind::ParamNowOptional {
                            endpoint: endpoint.to_string(),
                            location,
                            param: p.name.clone(),
                        },
                    ),
                    (false, true) => out.push(
                        Impact::Breaking,
                        ChangeKind::ParamNowRequired {
                            endpoint: endpoint.to_string(),
                            location,
                            param: p.name.clone(),
                        },
                    ),
                    _ => {}
                }
            }
        }
    }
    for o in old {
        if !new.iter().any(|p| p.name == o.name) {
            out.push(
                Impact::Breaking,
                ChangeKind::ParamRemoved {
                    endpoint: endpoint.to_string(),
                    location,
                    param: o.name.clone(),
                    ty: o.ty.to_string(),
                },
            );
        }
    }
}

fn models(old: &BTreeMap<String, Model>, new: &BTreeMap<String, Model>, out: &mut Changes) {
    // Which added model took the place of a removed one: every retyped property that had the
    // removed type (directly, in an array or in a map) has the same added type now.
    let mut successors: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, b) in new {
        let Some(a) = old.get(name) else { continue };
        for p in &b.properties {
            if let Some(o) = a.properties.iter().find(|o| o.name == p.name) {
                if let (Some(x), Some(y)) = (o.ty.model_name(), p.ty.model_name()) {
                    if x != y && !new.contains_key(x) && new.contains_key(y) {
                        successors.entry(x).or_default().insert(y);
                    }
                }
            }
        }
    }
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (None, Some(m)) => out.push(
                Impact::Additive,
                ChangeKind::ModelAdded {
                    model: name.clone(),
                    properties: m.properties.len(),
                },
            ),
            (Some(_), None) => out.push(
                Impact::Breaking,
                ChangeKind::ModelRemoved {
                    model: name.clone(),
                    replaced_by: successors
                        .get(name.as_str())
                        .filter(|s| s.len() == 1)
                        .and_then(|s| s.first())
                        .map(|s| s.to_string()),
                },
            ),
            (Some(a), Some(b)) => model(a, b, out),
            (None, None) => {}
        }
    }
}

/// The properties of a model, one per wire name (the first, as the emitter keeps it).
fn fields(m: &Model) -> Vec<&Property> {
    let mut seen = BTreeSet::new();
    m.properties
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .collect()
}

fn model(a: &Model, b: &Model, out: &mut Changes) {
    let (before, after) = (fields(a), fields(b));
    for p in &after {
        match before.iter().find(|o| o.name == p.name) {
            None => out.push(
                Impact::Additive,
                ChangeKind::PropertyAdded {
                    model: b.name.clone(),
                    property: p.name.clone(),
                    ty: p.ty.to_string(),
                },
            ),
            Some(o) if o.ty != p.ty => {
                let impact = retype_impact(&o.ty, &p.ty).unwrap_or(Impact::Breaking);
                out.push(
                    impact,
                    ChangeKind::PropertyRetyped {
                        model: b.name.clone(),
                        property: p.name.clone(),
                        old: o.ty.to_string(),
                        new: p.ty.to_string(),
                    },
                );
            }
            Some(_) => {}
        }
    }
    for o in &before {
        if !after.iter().any(|p| p.name == o.name) {
            out.push(
                Impact::Breaking,
                ChangeKind::PropertyRemoved {
                    model: b.name.clone(),
                    property: o.name.clone(),
                    ty: o.ty.to_string(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::review::snapshot::from_manifest;

    fn api(manifest: Value) -> Api {
        from_manifest(&manifest.to_string()).unwrap()
    }

    fn endpoint(id: &str, method: &str, path: &str, area: &str) -> Value {
        json!({
            "id": id, "method": method, "path": path, "area": area,
            "path_params": [], "query_params": [],
            "request_body": null, "response": null, "source": format!("{id}.md")
        })
    }

    fn param(name: &str, ty: &str, required: bool) -> Value {
        json!({ "name": name, "type": ty, "required": required })
    }

    /// (impact, change tag, subject) of each change.
    fn summary(d: &ApiDiff) -> Vec<(Impact, String, String)> {
        d.changes
            .iter()
            .map(|c| {
                let v = serde_json::to_value(c).unwrap();
                let subject = ["endpoint", "model"]
                    .iter()
                    .find_map(|k| v[k].as_str())
                    .unwrap()
                    .to_string();
                let what = ["param", "property"]
                    .iter()
                    .find_map(|k| v[k].as_str())
                    .map_or(subject.clone(), |p| format!("{subject}.{p}"));
                (c.impact, v["change"].as_str().unwrap().to_string(), what)
            })
            .collect()
    }

    #[test]
    fn endpoint_changes_and_their_impact() {
        let mut get = endpoint("v1A_Get", "GET", "/api/v1/A/{id}", "rest/A");
        get["path_params"] = json!([param("id", "int32", true)]);
        get["query_params"] = json!([
            param("q", "string", false),
            param("r", "int32", false),
            param("e", "enum<X|Y>", false)
        ]);
        get["response"] = json!("Foo");
        let old = api(json!({
            "endpoints": [get.clone(), endpoint("v1A_Gone", "DELETE", "/api/v1/A/{id}", "rest/A")],
            "models": { "Foo": { "properties": [] } }
        }));
        let mut changed = endpoint("v1A_Get", "POST", "/api/v1/A/{id}/{part}", "agent/A");
        changed["path_params"] = json!([param("id", "int64", true), param("part", "string", true)]);
        changed["query_params"] = json!([
            param("r", "int32", true),
            param("e", "enum<X|Y|Z>", false),
            param("s", "bool", false)
        ]);
        changed["request_body"] = json!("Foo");
        changed["response"] = json!("Foo[]");
        let new = api(json!({
            "endpoints": [changed],
            "models": { "Foo": { "properties": [] } }
        }));
        let d = diff(&old, &new);
        let b = Impact::Breaking;
        let a = Impact::Additive;
        let row = |i: Impact, c: &str, s: &str| (i, c.to_string(), s.to_string());
        assert_eq!(
            summary(&d),
            [
                // Sorted by area: the endpoint moved to `agent/A`, before `rest/A`.
                row(b, "method_changed", "v1A_Get"),
                row(b, "path_changed", "v1A_Get"),
                row(b, "area_changed", "v1A_Get"),
                row(b, "param_retyped", "v1A_Get.id"),
                row(b, "param_added", "v1A_Get.part"),
                row(b, "param_now_required", "v1A_Get.r"),
                row(a, "param_retyped", "v1A_Get.e"),
                row(a, "param_added", "v1A_Get.s"),
                row(b, "param_removed", "v1A_Get.q"),
                row(b, "request_body_changed", "v1A_Get"),
                row(b, "response_changed", "v1A_Get"),
                row(b, "endpoint_removed", "v1A_Gone"),
            ]
        );
        assert_eq!(d.verdict, Verdict::Breaking);
    }

    #[test]
    fn model_changes_renames_and_enum_values() {
        let props = |list: &[(&str, &str)]| {
            Value::Array(
                list.iter()
                    .map(|(n, t)| json!({ "name": n, "type": t }))
                    .collect(),
            )
        };
        let old = api(json!({
            "endpoints": [],
            "models": {
                "Thing": { "properties": props(&[
                    ("Kind", "enum<A|B>"), ("Label", "string"), ("Count", "int32"),
                    ("Mode", "enum<A|B>"),
                    ("Owner", "ThingOwner"), ("Dup", "int32"), ("Dup", "string")
                ]) },
                "ThingOwner": { "properties": props(&[("Id", "int32")]) },
                "Old": { "properties": [] }
            }
        }));
        let new = api(json!({
            "endpoints": [],
            "models": {
                "Thing": { "properties": props(&[
                    ("Kind", "enum<A|B|C>"), ("Label", "enum<L>"), ("Count", "int64"),
                    ("Mode", "enum<A>"),
                    ("Owner", "Associate"), ("Dup", "int32")
                ]) },
                "Associate": { "properties": props(&[("Id", "int32"), ("Name", "string")]) }
            }
        }));
        let d = diff(&old, &new);
        let b = Impact::Breaking;
        let a = Impact::Additive;
        let row = |i: Impact, c: &str, s: &str| (i, c.to_string(), s.to_string());
        assert_eq!(
            summary(&d),
            [
                row(a, "model_added", "Associate"),
                row(b, "model_removed", "Old"),
                row(a, "property_retyped", "Thing.Kind"),
                // A `String` field becomes an open enum; a documented value removed takes its
                // variant away.
                row(b, "property_retyped", "Thing.Label"),
                row(b, "property_retyped", "Thing.Count"),
                row(b, "property_retyped", "Thing.Mode"),
                row(b, "property_retyped", "Thing.Owner"),
                row(b, "model_removed", "ThingOwner"),
            ]
        );
        let removed: Vec<&ChangeKind> = d
            .changes
            .iter()
            .map(|c| &c.kind)
            .filter(|k| matches!(k, ChangeKind::ModelRemoved { .. }))
            .collect();
        assert_eq!(
            removed,
            [
                &ChangeKind::ModelRemoved {
                    model: "Old".into(),
                    replaced_by: None
                },
                &ChangeKind::ModelRemoved {
                    model: "ThingOwner".into(),
                    replaced_by: Some("Associate".into())
                },
            ]
        );
        assert_eq!(
            crate::review::diff_text::markdown(&d)
                .lines()
                .filter(|l| l.contains("Kind") || l.contains("ThingOwner` removed"))
                .collect::<Vec<_>>(),
            [
                "- Model `ThingOwner` removed; the properties of its type now have `Associate`.",
                "- Model `Thing`: property `Kind` retyped `enum<A|B>` → `enum<A|B|C>` (documented values only).",
            ]
        );
    }

    #[test]
    fn nothing_changed_and_only_additions() {
        let one = json!({
            "endpoints": [endpoint("v1A_Get", "GET", "/api/v1/A", "rest/A")],
            "models": {}
        });
        assert_eq!(
            diff(&api(one.clone()), &api(one.clone())).verdict,
            Verdict::None
        );
        let mut more = one.clone();
        more["endpoints"].as_array_mut().unwrap().push(endpoint(
            "v1A_Put",
            "PUT",
            "/api/v1/A",
            "rest/A",
        ));
        let d = diff(&api(one), &api(more));
        assert_eq!(
            (d.verdict, d.breaking, d.additive),
            (Verdict::Additive, 0, 1)
        );
        assert!(crate::review::diff_text::markdown(&d).starts_with(
            "## API changes: additive\n\n1 additive change: code written against the generated crate keeps compiling; a minor version.\n\n### Additive\n\n- Endpoint `v1A_Put` added"
        ));
    }
}
