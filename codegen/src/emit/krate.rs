//! The whole crate: names and features for every area and model, then one file each.

use std::collections::{BTreeMap, BTreeSet};

use quote::quote;

use super::doc_text::{code_span, escape_markdown, one_line};
use super::endpoint::{body_types, emit_endpoint_named, request_line, EndpointNames};
use super::endpoint_enum::emit_endpoint_enum;
use super::model::emit_model;
use super::names::{camel, ident, NameSet, Style};
use super::{header_text, inner_doc_attrs, rust_file, EmitContext, EmitOptions, GeneratedFile};
use crate::ir::{Api, Area, AreaKind, Endpoint, Model, TypeRef};

/// A model with its Rust names and the feature it is compiled under.
pub(crate) struct ModelPlan<'a> {
    pub(crate) model: &'a Model,
    pub(crate) rust_name: String,
    pub(crate) module: String,
    pub(crate) feature: Option<String>,
}

/// An endpoint with its builder names and its variant in `Endpoint`.
pub(crate) struct EndpointPlan<'a> {
    pub(crate) endpoint: &'a Endpoint,
    pub(crate) names: EndpointNames,
    pub(crate) variant: String,
}

/// An area: its module (under `rest` or `agents`), feature and endpoints.
pub(crate) struct AreaPlan<'a> {
    pub(crate) area: Area,
    pub(crate) module: String,
    pub(crate) feature: String,
    pub(crate) endpoints: Vec<EndpointPlan<'a>>,
}

impl AreaPlan<'_> {
    /// `rest` or `agents`.
    pub(crate) fn parent(&self) -> &'static str {
        match self.area.kind {
            AreaKind::Rest => "rest",
            AreaKind::Agent => "agents",
        }
    }
}

/// Everything named, gated and ordered, before any file is written.
pub(crate) struct CratePlan<'a> {
    pub(crate) api: &'a Api,
    pub(crate) ctx: EmitContext,
    pub(crate) models: Vec<ModelPlan<'a>>,
    pub(crate) areas: Vec<AreaPlan<'a>>,
    /// For each area feature, the other area features it must enable.
    pub(crate) feature_deps: BTreeMap<String, BTreeSet<String>>,
    /// For each model, the models its direct (unboxed) fields must box.
    pub(crate) boxed: BTreeMap<String, BTreeSet<String>>,
}

/// Known model names in `ty`, through arrays and maps.
fn collect_models(ty: &TypeRef, api: &Api, out: &mut BTreeSet<String>) {
    if let Some(name) = ty.model_name() {
        if api.models.contains_key(name) {
            out.insert(name.to_string());
        }
    }
}

impl<'a> CratePlan<'a> {
    pub(crate) fn new(api: &'a Api) -> Self {
        // Model names: types first, then modules that avoid them.
        let mut types = NameSet::new(Style::Camel);
        let rust_names: Vec<String> = api
            .models
            .values()
            .enumerate()
            .map(|(i, m)| types.name(&m.name, &format!("Model{}", i + 1)))
            .collect();
        let reserved: Vec<&str> = rust_names.iter().map(String::as_str).collect();
        let mut modules = NameSet::with_reserved(Style::Module, &reserved);
        let model_modules: Vec<String> = rust_names
            .iter()
            .map(|n| modules.name(n, "model"))
            .collect();

        // Areas, in (kind, name) order, endpoints by id.
        let mut grouped: BTreeMap<&Area, Vec<&Endpoint>> = BTreeMap::new();
        for e in &api.endpoints {
            grouped.entry(&e.area).or_default().push(e);
        }
        let mut features = NameSet::with_reserved(Style::Kebab, &["default", "client", "all"]);
        let mut rest_modules = NameSet::new(Style::Module);
        let mut agent_modules = NameSet::new(Style::Module);
        let mut variants = NameSet::new(Style::Camel);
        let mut areas = Vec::new();
        for (area, mut endpoints) in grouped {
            endpoints.sort_by(|a, b| (&a.id, a.method, &a.path).cmp(&(&b.id, b.method, &b.path)));
            let (prefix, modules, variant_infix) = match area.kind {
                AreaKind::Rest => ("rest", &mut rest_modules, ""),
                AreaKind::Agent => ("agent", &mut agent_modules, "Agent"),
            };
            let module = modules.name(&area.name, "area");
            let feature = features.name(&format!("{prefix} {}", area.name), prefix);
            let mut structs = NameSet::new(Style::Camel);
            let mut metas = NameSet::new(Style::Shouty);
            let area_camel = camel(&area.name);
            let endpoints = endpoints
                .into_iter()
                .map(|endpoint| {
                    let base = EndpointNames::for_endpoint(endpoint).struct_name;
                    let struct_name = if !structs.contains(&base) {
                        structs.claim(base)
                    } else {
                        let with_method = format!("{base}{}", camel(endpoint.method.as_str()));
                        if structs.contains(&with_method) {
                            structs.claim(base)
                        } else {
                            structs.claim(with_method)
                        }
                    };
                    let mut names = EndpointNames::with_struct(struct_name);
                    names.meta_name = metas.claim(names.meta_name);
                    let variant =
                        variants.claim(format!("{area_camel}{variant_infix}{}", names.struct_name));
                    EndpointPlan {
                        endpoint,
                        names,
                        variant,
                    }
                })
                .collect();
            areas.push(AreaPlan {
                area: area.clone(),
                module,
                feature,
                endpoints,
            });
        }

        // References between models and from areas to models.
        let model_refs: BTreeMap<&str, BTreeSet<String>> = api
            .models
            .iter()
            .map(|(name, m)| {
                let mut refs = BTreeSet::new();
                for p in &m.properties {
                    collect_models(&p.ty, api, &mut refs);
                }
                (name.as_str(), refs)
            })
            .collect();
        let area_refs: Vec<BTreeSet<String>> = areas
            .iter()
            .map(|a| {
                let mut refs = BTreeSet::new();
                for e in &a.endpoints {
                    for ty in body_types(e.endpoint) {
                        collect_models(ty, api, &mut refs);
                    }
                }
                refs
            })
            .collect();
        let area_feature: BTreeMap<&Area, &str> = areas
            .iter()
            .map(|a| (&a.area, a.feature.as_str()))
            .collect();
        let (gates, feature_deps) =
            gate_models(api, &model_refs, &areas, &area_refs, &area_feature);

        let models = api
            .models
            .values()
            .zip(rust_names)
            .zip(model_modules)
            .map(|((model, rust_name), module)| ModelPlan {
                feature: gates.get(model.name.as_str()).cloned().flatten(),
                model,
                rust_name,
                module,
            })
            .collect::<Vec<_>>();

        let mut ctx = EmitContext::for_crate();
        ctx.unknown_models_as_any = true;
        ctx.model_names = models
            .iter()
            .map(|m| (m.model.name.clone(), m.rust_name.clone()))
            .collect();

        let boxed = box_plan(api);
        CratePlan {
            api,
            ctx,
            models,
            areas,
            feature_deps,
            boxed,
        }
    }
}

/// The models each model must box: those it refers to directly (not in an array or a map)
/// that can reach it again through direct references, i.e. that would make it infinitely
/// large.
fn box_plan(api: &Api) -> BTreeMap<String, BTreeSet<String>> {
    let direct: BTreeMap<&str, BTreeSet<&str>> = api
        .models
        .iter()
        .map(|(name, m)| {
            let refs = m
                .properties
                .iter()
                .filter_map(|p| match &p.ty {
                    TypeRef::Named(n) if api.models.contains_key(n) => Some(n.as_str()),
                    _ => None,
                })
                .collect();
            (name.as_str(), refs)
        })
        .collect();
    let reach = |from: &str| -> BTreeSet<&str> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for &next in direct.get(n).into_iter().flatten() {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        seen
    };
    let mut out = BTreeMap::new();
    for (&name, refs) in &direct {
        let boxed: BTreeSet<String> = refs
            .iter()
            .filter(|&&r| r == name || reach(r).contains(name))
            .map(|r| r.to_string())
            .collect();
        if !boxed.is_empty() {
            out.insert(name.to_string(), boxed);
        }
    }
    out
}

/// Decides the feature each model is compiled under and what each area feature enables.
///
/// A model is gated by its area's feature when it has one; a model reachable from an ungated
/// model is ungated too (it must compile whenever its user does). An area feature enables the
/// features of every model its endpoints or its models reach. When two features would enable
/// each other (cargo rejects cycles), the models causing it are ungated and the plan is redone.
#[allow(clippy::type_complexity)]
fn gate_models(
    api: &Api,
    model_refs: &BTreeMap<&str, BTreeSet<String>>,
    areas: &[AreaPlan<'_>],
    area_refs: &[BTreeSet<String>],
    area_feature: &BTreeMap<&Area, &str>,
) -> (
    BTreeMap<String, Option<String>>,
    BTreeMap<String, BTreeSet<String>>,
) {
    let mut forced: BTreeSet<String> = BTreeSet::new();
    loop {
        let base = |name: &str| -> Option<String> {
            if forced.contains(name) {
                return None;
            }
            let area = api.models.get(name)?.area.as_ref()?;
            area_feature.get(area).map(|f| f.to_string())
        };
        let mut ungated: BTreeSet<String> = api
            .models
            .keys()
            .filter(|n| base(n).is_none())
            .cloned()
            .collect();
        let mut stack: Vec<String> = ungated.iter().cloned().collect();
        while let Some(n) = stack.pop() {
            for r in model_refs.get(n.as_str()).into_iter().flatten() {
                if ungated.insert(r.clone()) {
                    stack.push(r.clone());
                }
            }
        }
        let gates: BTreeMap<String, Option<String>> = api
            .models
            .keys()
            .map(|n| {
                let g = if ungated.contains(n) { None } else { base(n) };
                (n.clone(), g)
            })
            .collect();

        // Direct edges between features, with the models that cause them.
        let mut edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
        let mut add = |from: &str, to: &str, cause: &str| {
            if from != to {
                edges
                    .entry(from.to_string())
                    .or_default()
                    .entry(to.to_string())
                    .or_default()
                    .insert(cause.to_string());
            }
        };
        for (a, refs) in areas.iter().zip(area_refs) {
            for r in refs {
                if let Some(Some(g)) = gates.get(r) {
                    add(&a.feature, g, r);
                }
            }
        }
        for (m, g) in &gates {
            let Some(f) = g else { continue };
            for r in model_refs.get(m.as_str()).into_iter().flatten() {
                if let Some(Some(g)) = gates.get(r) {
                    add(f, g, r);
                }
            }
        }
        let reach = |from: &str| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.to_string()];
            while let Some(f) = stack.pop() {
                for next in edges.get(&f).into_iter().flat_map(|t| t.keys()) {
                    if seen.insert(next.clone()) {
                        stack.push(next.clone());
                    }
                }
            }
            seen
        };
        let mut cyclic = BTreeSet::new();
        for (from, targets) in &edges {
            for (to, causes) in targets {
                if reach(to).contains(from) {
                    cyclic.extend(causes.iter().cloned());
                }
            }
        }
        if cyclic.is_empty() {
            let deps = areas
                .iter()
                .map(|a| {
                    let mut r = reach(&a.feature);
                    r.remove(&a.feature);
                    (a.feature.clone(), r)
                })
                .collect();
            return (gates, deps);
        }
        forced.extend(cyclic);
    }
}

/// `#[cfg(feature = "...")]`, or nothing.
fn cfg(feature: Option<&str>) -> proc_macro2::TokenStream {
    match feature {
        Some(f) => quote!(#[cfg(feature = #f)]),
        None => quote!(),
    }
}

/// Every file of the generated crate, sorted by path.
pub fn emit_crate(api: &Api, opts: &EmitOptions) -> Vec<GeneratedFile> {
    let plan = CratePlan::new(api);
    let whole = header_text(&[], opts);
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".to_string(),
            contents: cargo_toml(&plan, &whole),
        },
        rust_file("src/lib.rs".into(), &whole, lib_rs(&plan)),
        rust_file("src/endpoint.rs".into(), &whole, emit_endpoint_enum(&plan)),
        rust_file("src/models/mod.rs".into(), &whole, models_mod(&plan)),
    ];
    for m in &plan.models {
        let sources: Vec<&str> = m.model.sources.iter().map(|s| &*s.file).collect();
        let none = BTreeSet::new();
        let boxed = plan.boxed.get(&m.model.name).unwrap_or(&none);
        let tokens = emit_model(m.model, &m.rust_name, &plan.ctx, boxed);
        files.push(rust_file(
            format!("src/models/{}.rs", m.module),
            &header_text(&sources, opts),
            tokens,
        ));
    }
    for kind in [AreaKind::Rest, AreaKind::Agent] {
        let areas: Vec<&AreaPlan> = plan.areas.iter().filter(|a| a.area.kind == kind).collect();
        let parent = match kind {
            AreaKind::Rest => "rest",
            AreaKind::Agent => "agents",
        };
        files.push(rust_file(
            format!("src/{parent}/mod.rs"),
            &whole,
            area_mod(kind, &areas),
        ));
        for a in areas {
            let sources: Vec<&str> = a
                .endpoints
                .iter()
                .flat_map(|e| {
                    std::iter::once(e.endpoint.source.as_str())
                        .chain(e.endpoint.sources.iter().map(String::as_str))
                })
                .collect();
            files.push(rust_file(
                format!("src/{parent}/{}.rs", a.module),
                &header_text(&sources, opts),
                area_file(&plan, a),
            ));
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn lib_rs(plan: &CratePlan) -> proc_macro2::TokenStream {
    let rest = plan
        .areas
        .iter()
        .filter(|a| a.area.kind == AreaKind::Rest)
        .count();
    let agents = plan.areas.len() - rest;
    let doc = format!(
        "Typed client for the SuperOffice CRM WebAPI, generated from its endpoint documentation.\n\
         \n\
         - [`rest`]: REST endpoints, one module per area ({rest} in all).\n\
         - [`agents`]: RPC-style agent endpoints, one module per agent ({agents} in all).\n\
         - [`models`]: the request and response types ({} in all).\n\
         - [`Endpoint`]: every endpoint as one enum, e.g. for routing.\n\
         - [`runtime`]: the hand-written support code: request building, decoding, errors and \
         the HTTP client.\n\
         \n\
         Each endpoint ({} in all) is a request builder: create it with `new`, set query \
         parameters and headers, and send it with the runtime's client (feature `client`, on by \
         default) or turn it into an `http::Request` yourself.\n\
         \n\
         Features: one per area, `rest-<area>` and `agent-<area>` in kebab case (e.g. \
         `rest-chat-session`), each enabling the models it needs; `all` enables every area.",
        plan.models.len(),
        plan.api.endpoints.len()
    );
    let doc = inner_doc_attrs(&doc);
    quote! {
        #doc
        #![deny(missing_docs)]

        pub mod runtime;
        pub mod models;
        pub mod rest;
        pub mod agents;
        pub mod endpoint;

        pub use endpoint::Endpoint;
    }
}

fn models_mod(plan: &CratePlan) -> proc_macro2::TokenStream {
    let doc = inner_doc_attrs(
        "The request and response types of the API.\n\
         \n\
         Every field is optional, since the server may send `null` anywhere; members the docs do \
         not describe are kept in each model's `extra` map and written back with it. A model \
         used by one area only is compiled with that area's feature.",
    );
    let items = plan.models.iter().map(|m| {
        let cfg = cfg(m.feature.as_deref());
        let module = ident(&m.module);
        let name = ident(&m.rust_name);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use self::#module::#name;
        }
    });
    quote! {
        #doc
        #(#items)*
    }
}

fn area_mod(kind: AreaKind, areas: &[&AreaPlan]) -> proc_macro2::TokenStream {
    let doc = match kind {
        AreaKind::Rest => {
            "REST endpoints (`/api/v1/<Area>/...`), one module per area, each behind its \
             `rest-<area>` feature."
        }
        AreaKind::Agent => {
            "Agent endpoints (`/api/v1/Agents/<Agent>/...`), one module per agent, each behind \
             its `agent-<agent>` feature."
        }
    };
    let doc = inner_doc_attrs(doc);
    let items = areas.iter().map(|a| {
        let cfg = cfg(Some(&a.feature));
        let module = ident(&a.module);
        quote! {
            #cfg
            pub mod #module;
        }
    });
    quote! {
        #doc
        #(#items)*
    }
}

fn area_file(plan: &CratePlan, area: &AreaPlan) -> proc_macro2::TokenStream {
    let kind = match area.area.kind {
        AreaKind::Rest => "REST area",
        AreaKind::Agent => "agent",
    };
    let mut doc = format!(
        "Endpoints of the {} {kind}, behind the {} feature.\n",
        code_span(&area.area.name),
        code_span(&area.feature)
    );
    for e in &area.endpoints {
        let summary = escape_markdown(&one_line(&e.endpoint.summary));
        doc.push_str(&format!(
            "\n- [`{}`]: {}{}{}",
            e.names.struct_name,
            request_line(e.endpoint),
            if summary.is_empty() { "" } else { " — " },
            summary
        ));
    }
    let doc = inner_doc_attrs(&doc);
    let endpoints = area
        .endpoints
        .iter()
        .map(|e| emit_endpoint_named(e.endpoint, &plan.ctx, &e.names));
    quote! {
        #doc
        #(#endpoints)*
    }
}

/// The dependency lines of the crate, as the runtime needs them.
const DEPENDENCIES: &str = r#"[dependencies]
base64 = "0.23.1"
bytes = "1.12.1"
chrono = { version = "0.4.45", default-features = false, features = ["std", "serde"] }
http = "1.5.0"
percent-encoding = "2.3.2"
reqwest = { version = "0.13.5", default-features = false, features = ["rustls"], optional = true }
serde = { version = "1.0.229", features = ["derive"] }
serde_json = "1.0.154"
thiserror = "2.0.21"
"#;

fn cargo_toml(plan: &CratePlan, header: &str) -> String {
    let mut out = format!(
        "# {header}\n\
         [package]\n\
         name = \"superoffice-api\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         license = \"MIT OR Apache-2.0\"\n\
         description = \"Typed client for the SuperOffice CRM WebAPI, generated from its endpoint documentation.\"\n\
         \n\
         [lib]\n\
         name = \"superoffice_api\"\n\
         \n\
         {DEPENDENCIES}\n\
         [features]\n\
         default = [\"client\"]\n\
         client = [\"dep:reqwest\"]\n"
    );
    let mut features: Vec<&str> = plan.areas.iter().map(|a| a.feature.as_str()).collect();
    features.sort();
    out.push_str("all = [");
    if features.is_empty() {
        out.push_str("]\n");
    } else {
        out.push('\n');
        for f in &features {
            out.push_str(&format!("    \"{f}\",\n"));
        }
        out.push_str("]\n");
    }
    for f in &features {
        let deps = plan.feature_deps.get(*f).cloned().unwrap_or_default();
        let list: Vec<String> = deps.iter().map(|d| format!("\"{d}\"")).collect();
        out.push_str(&format!("{f} = [{}]\n", list.join(", ")));
    }
    out
}
