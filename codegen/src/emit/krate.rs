//! The whole crate: names and features for every area and model, then one file each.

use std::collections::{BTreeMap, BTreeSet};

use quote::quote;

use super::contract_check::contract_check_file;
use super::doc_text::{code_span, escape_markdown, one_line};
use super::endpoint::{body_types, emit_endpoint_named, request_line, EndpointNames};
use super::endpoint_enum::emit_endpoint_enum;
use super::enums::{enums_file, plan_enums, EnumPlan};
use super::format::{print_file, EmitTimings};
use super::format_cache::{cache_file, CacheEntry, FormatCache};
use super::model::emit_model;
use super::names::{camel, ident, NameSet, Style};
use super::paging::emit_paginated;
use super::sample_check::sample_check_files;
use super::short_paths::{with_runtime_import, PRELUDE_NAMES};
use super::{header_text, inner_doc_attrs, EmitContext, EmitOptions, GeneratedFile, Prelude};
use crate::ir::{Api, Area, AreaKind, BodyKind, Endpoint, Model, TypeRef};

/// A model with its Rust names and the area features it is compiled under (any of them; none:
/// always compiled).
pub(crate) struct ModelPlan<'a> {
    pub(crate) model: &'a Model,
    pub(crate) rust_name: String,
    pub(crate) module: String,
    pub(crate) features: Vec<String>,
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
///
/// The plan holds no token streams (which cannot cross threads), so one plan serves every
/// emitter thread; each makes its own [`EmitContext`] with [`CratePlan::context`].
pub(crate) struct CratePlan<'a> {
    pub(crate) api: &'a Api,
    pub(crate) models: Vec<ModelPlan<'a>>,
    pub(crate) areas: Vec<AreaPlan<'a>>,
    /// For each model, the models its direct (unboxed) fields must box.
    pub(crate) boxed: BTreeMap<String, BTreeSet<String>>,
    /// The open enums, by name.
    pub(crate) enums: Vec<EnumPlan>,
}

/// The models the crate emits, by name: the API's, less [`patch_operation_models`].
type Models<'a> = BTreeMap<&'a str, &'a Model>;

/// Known model names in `ty`, through arrays and maps.
fn collect_models(ty: &TypeRef, models: &Models<'_>, out: &mut BTreeSet<String>) {
    if let Some(name) = ty.model_name() {
        if models.contains_key(name) {
            out.insert(name.to_string());
        }
    }
}

impl<'a> CratePlan<'a> {
    pub(crate) fn new(api: &'a Api) -> Self {
        let skipped = patch_operation_models(api);
        let kept: Models<'a> = api
            .models
            .iter()
            .filter(|(name, _)| !skipped.contains(name.as_str()))
            .map(|(name, m)| (name.as_str(), m))
            .collect();
        // Model names: types first, then modules that avoid them.
        let mut types = NameSet::with_reserved(Style::Camel, PRELUDE_NAMES);
        let rust_names: Vec<String> = kept
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
            let mut structs = NameSet::with_reserved(Style::Camel, PRELUDE_NAMES);
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
        let model_refs: BTreeMap<&str, BTreeSet<String>> = kept
            .iter()
            .map(|(&name, m)| {
                let mut refs = BTreeSet::new();
                for p in &m.properties {
                    collect_models(&p.ty, &kept, &mut refs);
                }
                (name, refs)
            })
            .collect();
        let area_refs: Vec<BTreeSet<String>> = areas
            .iter()
            .map(|a| {
                let mut refs = BTreeSet::new();
                for e in &a.endpoints {
                    for ty in body_types(e.endpoint) {
                        collect_models(ty, &kept, &mut refs);
                    }
                }
                refs
            })
            .collect();
        let gates = gate_models(&kept, &model_refs, &areas, &area_refs);
        let models = kept
            .values()
            .zip(rust_names)
            .zip(model_modules)
            .map(|((model, rust_name), module)| ModelPlan {
                features: gates.get(model.name.as_str()).cloned().unwrap_or_default(),
                model,
                rust_name,
                module,
            })
            .collect::<Vec<_>>();

        let boxed = box_plan(&kept);
        let enums = plan_enums(api, kept.values().copied());
        CratePlan {
            api,
            models,
            areas,
            boxed,
            enums,
        }
    }
}

/// The models each model must box: those it refers to directly (not in an array or a map)
/// that can reach it again through direct references, i.e. that would make it infinitely
/// large.
fn box_plan(models: &Models<'_>) -> BTreeMap<String, BTreeSet<String>> {
    let direct: BTreeMap<&str, BTreeSet<&str>> = models
        .iter()
        .map(|(&name, m)| {
            let refs = m
                .properties
                .iter()
                .filter_map(|p| match &p.ty {
                    TypeRef::Named(n) if models.contains_key(n.as_str()) => Some(n.as_str()),
                    _ => None,
                })
                .collect();
            (name, refs)
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

/// The area features each model is compiled under: the areas whose endpoints reach it, through
/// bodies and other models. A user of one area compiles only that area's models; a model every
/// area reaches, or none does, is always compiled.
///
/// A model's areas include those of every model referring to it, so whatever compiles a model
/// also compiles what it refers to, and no feature needs to enable another.
fn gate_models(
    models: &Models<'_>,
    model_refs: &BTreeMap<&str, BTreeSet<String>>,
    areas: &[AreaPlan<'_>],
    area_refs: &[BTreeSet<String>],
) -> BTreeMap<String, Vec<String>> {
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (a, refs) in areas.iter().zip(area_refs) {
        let mut stack: Vec<&str> = refs.iter().map(String::as_str).collect();
        let mut seen: BTreeSet<&str> = stack.iter().copied().collect();
        while let Some(m) = stack.pop() {
            users.entry(m).or_default().insert(a.feature.as_str());
            for r in model_refs.get(m).into_iter().flatten() {
                if seen.insert(r.as_str()) {
                    stack.push(r.as_str());
                }
            }
        }
    }
    models
        .keys()
        .map(|&name| {
            let features = match users.get(name) {
                Some(f) if f.len() < areas.len() => f.iter().map(|f| f.to_string()).collect(),
                _ => Vec::new(),
            };
            (name.to_string(), features)
        })
        .collect()
}

/// `#[cfg(feature = "...")]` or `#[cfg(any(feature = "a", ...))]`; nothing for no features.
fn cfg(features: &[String]) -> proc_macro2::TokenStream {
    match features {
        [] => quote!(),
        [f] => quote!(#[cfg(feature = #f)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// One file of the crate to make; plain indices, so jobs can be handed to threads.
#[derive(Debug, Clone, Copy)]
enum FileJob {
    CargoToml,
    Lib,
    EndpointEnum,
    Enums,
    ModelsMod,
    Model(usize),
    AreaMod(AreaKind),
    Area(usize),
}

fn area_parent(kind: AreaKind) -> &'static str {
    match kind {
        AreaKind::Rest => "rest",
        AreaKind::Agent => "agents",
    }
}

impl CratePlan<'_> {
    /// The context emitters in the crate use: `crate::` paths and the models' Rust names.
    /// Runtime items are named by their paths until [`own_names`](Self::own_names) of the file
    /// being made says which of them the file may name plainly.
    pub(crate) fn context(&self) -> EmitContext {
        let mut ctx = EmitContext::for_crate();
        ctx.prelude = Prelude::short();
        ctx.unknown_models_as_any = true;
        ctx.model_names = self
            .models
            .iter()
            .map(|m| (m.model.name.clone(), m.rust_name.clone()))
            .collect();
        ctx.enum_names = self
            .enums
            .iter()
            .map(|e| (e.values.clone(), e.rust_name.clone()))
            .collect();
        ctx
    }

    /// The type names a job's file defines, which the runtime items it imports must not take:
    /// the file names those by their path.
    fn own_names(&self, job: FileJob) -> BTreeSet<String> {
        match job {
            FileJob::Area(i) => self.areas[i]
                .endpoints
                .iter()
                .map(|e| e.names.struct_name.clone())
                .collect(),
            FileJob::Model(i) => BTreeSet::from([self.models[i].rust_name.clone()]),
            FileJob::EndpointEnum => BTreeSet::from(["Endpoint".to_string()]),
            _ => BTreeSet::new(),
        }
    }

    fn jobs(&self) -> Vec<FileJob> {
        let mut jobs = vec![
            FileJob::CargoToml,
            FileJob::Lib,
            FileJob::EndpointEnum,
            FileJob::Enums,
            FileJob::ModelsMod,
            FileJob::AreaMod(AreaKind::Rest),
            FileJob::AreaMod(AreaKind::Agent),
        ];
        jobs.extend((0..self.models.len()).map(FileJob::Model));
        jobs.extend((0..self.areas.len()).map(FileJob::Area));
        jobs
    }

    /// A rough size of a job's output, to schedule the big ones first.
    fn weight(&self, job: FileJob) -> usize {
        match job {
            FileJob::EndpointEnum => {
                4 * self.areas.iter().map(|a| a.endpoints.len()).sum::<usize>()
            }
            FileJob::Area(i) => 10 * self.areas[i].endpoints.len(),
            FileJob::Model(i) => self.models[i].model.properties.len(),
            _ => 1,
        }
    }

    /// The file a job makes: its text, or its path, header and the pieces of its tokens, made
    /// one at a time as the printer asks for them.
    fn file<'p>(
        &'p self,
        job: FileJob,
        opts: &EmitOptions,
        ctx: &'p EmitContext,
    ) -> PendingFile<'p> {
        let whole = || header_text(&[], opts);
        match job {
            FileJob::CargoToml => PendingFile::Text(GeneratedFile {
                path: "Cargo.toml".to_string(),
                contents: cargo_toml(self, &whole(), opts),
            }),
            FileJob::Lib => pending_rust("src/lib.rs".into(), whole(), once(lib_rs(self, opts))),
            FileJob::EndpointEnum => pending_rust(
                "src/endpoint.rs".into(),
                whole(),
                runtime_imported(emit_endpoint_enum(self, ctx)),
            ),
            FileJob::Enums => pending_rust(
                "src/enums.rs".into(),
                whole(),
                once(enums_file(&self.enums)),
            ),
            FileJob::ModelsMod => {
                pending_rust("src/models/mod.rs".into(), whole(), models_mod(self))
            }
            FileJob::Model(i) => {
                let m = &self.models[i];
                let sources: Vec<&str> = m.model.sources.iter().map(|s| &*s.file).collect();
                let boxed = self.boxed.get(&m.model.name);
                pending_rust(
                    format!("src/models/{}.rs", m.module),
                    header_text(&sources, opts),
                    runtime_imported(std::iter::once_with(move || {
                        emit_model(m.model, &m.rust_name, ctx, boxed.unwrap_or(&NONE_BOXED))
                    })),
                )
            }
            FileJob::AreaMod(kind) => {
                let areas: Vec<&AreaPlan> =
                    self.areas.iter().filter(|a| a.area.kind == kind).collect();
                pending_rust(
                    format!("src/{}/mod.rs", area_parent(kind)),
                    whole(),
                    once(area_mod(kind, &areas)),
                )
            }
            FileJob::Area(i) => {
                let a = &self.areas[i];
                let sources: Vec<&str> = a
                    .endpoints
                    .iter()
                    .flat_map(|e| {
                        std::iter::once(e.endpoint.source.as_str())
                            .chain(e.endpoint.sources.iter().map(String::as_str))
                    })
                    .collect();
                pending_rust(
                    format!("src/{}/{}.rs", area_parent(a.area.kind), a.module),
                    header_text(&sources, opts),
                    runtime_imported(area_file(a, &self.api.models, ctx)),
                )
            }
        }
    }
}

/// No model to box.
static NONE_BOXED: BTreeSet<String> = BTreeSet::new();

/// One piece.
fn once<'p>(tokens: proc_macro2::TokenStream) -> Pieces<'p> {
    Box::new(std::iter::once(tokens))
}

/// `pieces` with `use crate::runtime::*;` in the first, for a file whose code names runtime
/// items plainly.
fn runtime_imported<'p>(pieces: impl Iterator<Item = proc_macro2::TokenStream> + 'p) -> Pieces<'p> {
    let mut first = true;
    Box::new(pieces.map(move |piece| {
        if std::mem::take(&mut first) {
            with_runtime_import(piece)
        } else {
            piece
        }
    }))
}

/// The pieces of a file's tokens, made one at a time.
type Pieces<'p> = Box<dyn Iterator<Item = proc_macro2::TokenStream> + 'p>;

/// A file whose Rust tokens are not made yet.
enum PendingFile<'p> {
    Text(GeneratedFile),
    Rust {
        path: String,
        header: String,
        pieces: Pieces<'p>,
    },
}

fn pending_rust(path: String, header: String, pieces: Pieces<'_>) -> PendingFile<'_> {
    PendingFile::Rust {
        path,
        header,
        pieces,
    }
}

/// The models that only describe the operations of JSON-Patch bodies: those bodies are the
/// runtime's typed `JsonPatch`, so such a model would be an unused twin of it. The plan leaves
/// them out (rather than emitting from a copy of the API without them: the copy was a tenth of
/// the emitter's single-threaded time on the corpus).
fn patch_operation_models(api: &Api) -> BTreeSet<&str> {
    let patch: BTreeSet<&str> = api
        .endpoints
        .iter()
        .filter_map(|e| e.request_body.as_ref())
        .filter(|b| b.kind == BodyKind::JsonPatch)
        .filter_map(|b| b.ty.model_name())
        .collect();
    let mut used: BTreeSet<&str> = api
        .endpoints
        .iter()
        .flat_map(body_types)
        .filter_map(TypeRef::model_name)
        .collect();
    used.extend(
        api.models
            .values()
            .flat_map(|m| &m.properties)
            .filter_map(|p| p.ty.model_name()),
    );
    patch.difference(&used).copied().collect()
}

/// Every file of the generated crate, sorted by path.
pub fn emit_crate(api: &Api, opts: &EmitOptions) -> Vec<GeneratedFile> {
    emit_crate_timed(api, opts, &FormatCache::empty()).0
}

/// [`emit_crate`], taking from `cache` the files whose tokens have not changed since it was
/// written (the output is the same with any cache), and saying where the time went.
///
/// Files are made on all cores ([`parallel`](crate::parallel)): the threads share one
/// crate plan, each with its own [`EmitContext`] (token streams cannot cross threads), and
/// take the next file in turn, biggest first. The plan is deterministic, so the output does not
/// depend on the number of threads.
pub fn emit_crate_timed(
    api: &Api,
    opts: &EmitOptions,
    cache: &FormatCache,
) -> (Vec<GeneratedFile>, EmitTimings) {
    // Biggest files first, handed out one at a time: the endpoint enum and the largest areas
    // would otherwise leave one thread working alone at the end.
    let plan = CratePlan::new(api);
    let mut jobs = {
        let mut jobs: Vec<(usize, FileJob)> = plan
            .jobs()
            .into_iter()
            .map(|j| (plan.weight(j), j))
            .collect();
        jobs.sort_by_key(|j| std::cmp::Reverse(j.0));
        jobs
    };
    let jobs: Vec<FileJob> = jobs.drain(..).map(|(_, j)| j).collect();
    let (done, states) = crate::parallel::map_with(
        &jobs,
        || (plan.context(), EmitTimings::default()),
        |(ctx, timings), job| {
            ctx.runtime_imported = Some(plan.own_names(*job));
            match plan.file(*job, opts, ctx) {
                PendingFile::Text(f) => (f, None),
                PendingFile::Rust {
                    path,
                    header,
                    pieces,
                } => {
                    let printed = print_file(path, &header, pieces, cache, timings);
                    let entry = CacheEntry::new(&printed.file, printed.token_hash);
                    (printed.file, Some(entry))
                }
            }
        },
        |(_, timings)| timings,
    );
    let mut timings = EmitTimings::default();
    for t in &states {
        timings.add(t);
    }
    let (mut files, hashes): (Vec<GeneratedFile>, Vec<Option<CacheEntry>>) =
        done.into_iter().unzip();
    let hashes: Vec<CacheEntry> = hashes.into_iter().flatten().collect();
    files.push(cache_file(&header_text(&[], opts), hashes));
    if opts.sample_check {
        files.extend(sample_check_files(&plan, opts));
        files.push(contract_check_file(&plan, opts));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, timings)
}

fn lib_rs(plan: &CratePlan, opts: &EmitOptions) -> proc_macro2::TokenStream {
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
         - [`enums`]: the values the docs document for parameters and properties, as open \
         enums ({} in all).\n\
         - [`Endpoint`]: every endpoint as one enum, e.g. for routing.\n\
         - [`runtime`]: the hand-written support code: request building, decoding, errors and \
         the HTTP client.\n\
         \n\
         Each endpoint ({} in all) is a request builder: create it with `new`, set query \
         parameters and headers, and send it with the runtime's client (feature `client`, on by \
         default) or turn it into an `http::Request` yourself.\n\
         \n\
         Features: one per area, `rest-<area>` and `agent-<area>` in kebab case (e.g. \
         `rest-chat-session`), each enabling the models it needs; `all` enables every area. \
         Runtime features: `client` (default: the `reqwest` client with timeouts, retries, a \
         `User-Agent` and gzip/brotli), `online` (tenant discovery and credentials that renew \
         themselves: OAuth refresh tokens, system users), `tracing` (a span per request); see \
         [`runtime`].{}",
        plan.models.len(),
        plan.enums.len(),
        plan.api.endpoints.len(),
        if opts.macros_path.is_some() {
            "\n\n\
             Endpoints the docs lack: with feature `macros`, `#[so_endpoint]` turns a struct \
             into a request builder made by the same code as the generated ones."
        } else {
            ""
        }
    );
    let doc = inner_doc_attrs(&doc);
    let macros = opts.macros_path.as_ref().map(|_| {
        quote! {
            #[cfg(feature = "macros")]
            pub use superoffice_macros::so_endpoint;
        }
    });
    quote! {
        #doc
        #![deny(missing_docs)]

        #[rustfmt::skip]
        pub mod agents;
        #[rustfmt::skip]
        pub mod endpoint;
        #[rustfmt::skip]
        pub mod enums;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod rest;
        pub mod runtime;

        pub use endpoint::Endpoint;
        #macros
    }
}

fn models_mod<'p>(plan: &'p CratePlan) -> Pieces<'p> {
    let doc = inner_doc_attrs(
        "The request and response types of the API.\n\
         \n\
         Every field is optional, since the server may send `null` anywhere; members the docs do \
         not describe are kept in each model's `extra` map and written back with it. A model is \
         compiled with the features of the areas that use it.\n\
         \n\
         Fields whose values a page documents are open enums ([`enums`](crate::enums)); other \
         fields the API fills with .NET enum names are `String`s. Either way a value no page \
         lists, or a flags value with several names (`\"CustomerIsTyping, UserIsTyping\"`), \
         decodes as sent and is sent back unchanged; [`runtime::flags`](crate::runtime::flags) \
         splits the flags form. Bytes are [`Base64Bytes`](crate::runtime::Base64Bytes), base64 text on the \
         wire.",
    );
    let items = plan.models.iter().map(|m| {
        let cfg = cfg(&m.features);
        let module = ident(&m.module);
        let name = ident(&m.rust_name);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use self::#module::#name;
        }
    });
    Box::new(std::iter::once(doc).chain(items))
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
        let cfg = cfg(std::slice::from_ref(&a.feature));
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

fn area_file<'p>(
    area: &'p AreaPlan,
    models: &'p BTreeMap<String, Model>,
    ctx: &'p EmitContext,
) -> impl Iterator<Item = proc_macro2::TokenStream> + 'p {
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
    let endpoints = area.endpoints.iter().map(|e| {
        let mut tokens = emit_endpoint_named(e.endpoint, ctx, &e.names);
        tokens.extend(emit_paginated(
            e.endpoint,
            &e.names.struct_name,
            models,
            ctx,
        ));
        tokens
    });
    std::iter::once(doc).chain(endpoints)
}

/// The dependency lines of the crate, as the runtime needs them.
const DEPENDENCIES: &str = r#"[dependencies]
aws-lc-rs = { version = "1.19.0", optional = true }
base64 = "0.23.1"
bytes = "1.12.1"
chrono = { version = "0.4.45", default-features = false, features = ["std", "serde"] }
futures-util = { version = "0.3.34", default-features = false, features = ["std"], optional = true }
http = "1.5.0"
jsonwebtoken = { version = "10", default-features = false, features = ["aws_lc_rs"], optional = true }
percent-encoding = "2.3.2"
reqwest = { version = "0.13.5", default-features = false, features = ["rustls", "gzip", "brotli"], optional = true }
serde = { version = "1.0.229", features = ["derive"] }
serde_json = "1.0.154"
thiserror = "2.0.21"
tokio = { version = "1.54.1", features = ["time", "sync"], optional = true }
tracing = { version = "0.1.44", default-features = false, features = ["std"], optional = true }
"#;

/// The dev-dependencies: an async runtime for the examples (the hand-written ones of
/// `generated/examples/`, and the contract check's `Client`), from the registry only so the crate
/// builds where it stands; the version is the workspace's, whose `Cargo.lock` CI copies beside the
/// corpus crate to build it offline.
const DEV_DEPENDENCIES: &str = r#"[dev-dependencies]
tokio = { version = "1.54.1", features = ["rt-multi-thread", "macros"] }
"#;

fn cargo_toml(plan: &CratePlan, header: &str, opts: &EmitOptions) -> String {
    let (macros_dependency, macros_feature) = match &opts.macros_path {
        Some(path) => (
            format!(
                "superoffice-macros = {{ version = \"0.1.0\", path = \"{}\", optional = true }}\n",
                path.replace('\\', "/")
            ),
            "macros = [\"dep:superoffice-macros\"]\n",
        ),
        None => (String::new(), ""),
    };
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
         {DEPENDENCIES}{macros_dependency}\n\
         {DEV_DEPENDENCIES}\n\
         [features]\n\
         default = [\"client\"]\n\
         client = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-util\"]
\
         online = [\"client\", \"dep:aws-lc-rs\", \"dep:jsonwebtoken\"]
\
         tracing = [\"dep:tracing\"]
\
         {macros_feature}"
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
        out.push_str(&format!("{f} = []\n"));
    }
    out
}
