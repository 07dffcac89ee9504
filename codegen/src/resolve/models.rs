//! Models: every table and sample that describes an object, merged into named models.
//!
//! Descriptions are collected under keys: a model name (`Associate`) for what the docs name, or
//! an anonymous key (`@v1ChatAgent_Foo/response`) for what they do not. Resolution then:
//! 1. finds type names the docs give to objects of clearly different shapes (the 2023 pages
//!    print `TableRight` and `RecurrenceInfo` for many unrelated types) and decides, by shape
//!    votes, which shape each such name really belongs to;
//! 2. moves named bodies under their names and pushes nested sample objects down to the models
//!    they belong to;
//! 3. matches anonymous objects to known models by shape, and names the rest;
//! 4. types every property from the tables and the samples together.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::naming::{join, singular};
use super::sample::{is_date_time, looks_like_map, scalar_of, unify, BINARY_PLACEHOLDER};
use super::shape_index::ShapeIndex;
use super::stated::Stated;
use super::Draft;
use crate::diagnostic::{Diagnostic, Span, WarningKind};
use crate::ir::{Area, Model, Property, TypeOrigin, TypeRef};
use crate::parse::page::PropRow;

/// What a description's key says about naming it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Hint {
    /// The key is the model's name.
    Named,
    /// A response body the page names (`### Response body: X`, `Carrier object for X`), or not.
    Body { name: Option<String>, op: String },
    /// A request body with a property table.
    Request {
        op: String,
        area: String,
        own_model: bool,
        mentioned: Option<String>,
    },
    /// An object in a response sample with no table.
    Response { op: String, suffix: &'static str },
    /// An object nested in another model's property.
    Nested {
        parent: String,
        prop: String,
        slot: Slot,
    },
}

/// Where a nested object sits in its parent's property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Slot {
    Direct,
    Item,
    Value,
}

#[derive(Debug)]
struct Desc<'a> {
    hint: Hint,
    rows: Vec<&'a PropRow>,
    samples: Vec<(&'a Map<String, Value>, Span)>,
    seen: BTreeMap<&'a str, Vec<&'a Value>>,
    /// Anonymous keys the objects of a property were pushed to, by property and slot.
    children: BTreeMap<(String, Slot), Vec<String>>,
    description: String,
    spans: Vec<Span>,
    /// `spans` as sets: a model many pages use has hundreds, and each new one is looked up.
    span_set: HashSet<Span>,
    span_files: HashSet<Arc<str>>,
    /// Property names from the tables and the samples, kept as they are added: resolution
    /// asks for it several times per model, and a model many pages use has hundreds of
    /// samples.
    shape: BTreeSet<&'a str>,
}

impl<'a> Desc<'a> {
    fn new(hint: Hint) -> Self {
        Desc {
            hint,
            rows: Vec::new(),
            samples: Vec::new(),
            seen: BTreeMap::new(),
            children: BTreeMap::new(),
            description: String::new(),
            spans: Vec::new(),
            span_set: HashSet::new(),
            span_files: HashSet::new(),
            shape: BTreeSet::new(),
        }
    }

    /// Property names from the tables and the samples.
    fn shape(&self) -> &BTreeSet<&'a str> {
        &self.shape
    }

    fn add_rows(&mut self, rows: &[&'a PropRow]) {
        self.shape.extend(rows.iter().map(|r| r.name.as_str()));
        self.rows.extend_from_slice(rows);
    }

    fn add_sample(&mut self, obj: &'a Map<String, Value>, span: Span) {
        self.shape.extend(obj.keys().map(String::as_str));
        self.samples.push((obj, span));
    }

    fn add_span(&mut self, span: Span) {
        self.span_files.insert(span.file.clone());
        self.span_set.insert(span.clone());
        self.spans.push(span);
    }

    fn absorb(&mut self, other: Desc<'a>) {
        self.rows.extend(other.rows);
        self.samples.extend(other.samples);
        self.shape.extend(other.shape);
        for (k, v) in other.children {
            self.children.entry(k).or_default().extend(v);
        }
        if self.description.is_empty() {
            self.description = other.description;
        }
        for span in other.spans {
            self.add_span(span);
        }
    }
}

/// Descriptions of models, collected from all endpoints.
#[derive(Debug, Default)]
pub(crate) struct ModelBook<'a> {
    descs: BTreeMap<String, Desc<'a>>,
    fixed: BTreeMap<String, Model>,
}

/// The result of resolution: what each key became, and the models.
#[derive(Debug, Default)]
pub(crate) struct Names {
    alias: BTreeMap<String, Option<String>>,
    /// The models, by name.
    pub models: BTreeMap<String, Model>,
}

impl Names {
    /// The final type of a draft.
    pub(crate) fn type_of(&self, d: &Draft) -> TypeRef {
        match d {
            Draft::Known(t) => t.clone(),
            Draft::Model(k) => self.model(k),
            Draft::Array(inner) => TypeRef::array(self.type_of(inner)),
            Draft::Map(inner) => TypeRef::map(self.type_of(inner)),
        }
    }

    fn model(&self, key: &str) -> TypeRef {
        match self.alias.get(key) {
            Some(Some(name)) => TypeRef::Named(name.clone()),
            Some(None) => TypeRef::Any,
            None if self.models.contains_key(key) => TypeRef::Named(key.to_string()),
            None => TypeRef::Any,
        }
    }
}

/// Jaccard similarity of two key sets.
fn similarity(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Type names the docs give to objects of clearly different shapes (the 2023 pages print
/// `TableRight` and `RecurrenceInfo` for types they could not name), and the shape each such
/// name really has.
#[derive(Debug, Default)]
struct Doubts<'a> {
    /// Names given to clearly different shapes.
    doubtful: BTreeSet<String>,
    /// For a doubtful name: the shape of the objects it is given where the context agrees.
    shapes: BTreeMap<String, BTreeSet<&'a str>>,
}

/// What a stated type name resolves to.
#[derive(Debug, Clone, PartialEq)]
enum Resolution {
    /// The model of this name.
    Model(String),
    /// No name can be trusted, but the object has a shape: an anonymous model.
    Anonymous,
    /// Nothing is known.
    Unknown,
}

/// The stem of a type name: `RecurrenceInfo` gives `Recurrence`, `PersonEntity` gives `Person`.
fn stem(name: &str) -> &str {
    ["Info", "Entity", "Item"]
        .iter()
        .find_map(|s| name.strip_suffix(s).filter(|r| !r.is_empty()))
        .unwrap_or(name)
}

/// Whether a type name fits its context (the property holding it, or the operation returning
/// it): .NET names a property after its type (`Recurrence: RecurrenceInfo`) and an operation
/// after what it returns (`GetNewTableRight`).
fn affinity(name: &str, context: &str) -> bool {
    context.contains(stem(name))
}

impl Doubts<'_> {
    /// Resolves a stated name in a context (property or operation name), given the shape of
    /// the object at hand (empty when the sample shows none).
    fn resolve(&self, stated: &str, context: &str, shape: &BTreeSet<&str>) -> Resolution {
        if !self.doubtful.contains(stated) || affinity(stated, context) {
            return Resolution::Model(stated.to_string());
        }
        if let Some(other) = self.doubtful.iter().find(|d| affinity(d, context)) {
            return Resolution::Model(other.clone());
        }
        if shape.is_empty() {
            return Resolution::Unknown;
        }
        self.shapes
            .iter()
            .find(|(_, s)| similarity(s, shape) >= 0.8)
            .map_or(Resolution::Anonymous, |(n, _)| Resolution::Model(n.clone()))
    }
}

impl<'a> ModelBook<'a> {
    /// Adds a description (table rows, text) under `key`.
    pub(crate) fn describe(
        &mut self,
        key: &str,
        hint: Hint,
        rows: &[&'a PropRow],
        description: &str,
        span: &Span,
        _area: &Area,
    ) {
        let d = self
            .descs
            .entry(key.to_string())
            .or_insert_with(|| Desc::new(hint));
        d.add_rows(rows);
        if d.description.is_empty() {
            d.description = description.to_string();
        }
        d.add_span(span.clone());
        // The rows may come from other pages of the endpoint: they describe the model too.
        for row in rows {
            if !d.span_files.contains(&row.span.file) {
                d.add_span(row.span.clone());
            }
        }
    }

    /// Adds a sample object under `key`.
    pub(crate) fn sample(&mut self, key: &str, obj: &'a Map<String, Value>, span: &Span) {
        if let Some(d) = self.descs.get_mut(key) {
            d.add_sample(obj, span.clone());
        }
    }

    /// The JSON-Patch operation model, from the `op`/`path`/`value` table of a PATCH page.
    pub(crate) fn json_patch(&mut self, rows: &[PropRow], page_text: &str, span: &Span) -> String {
        let name = "JsonPatch".to_string();
        let model = self.fixed.entry(name.clone()).or_insert_with(|| Model {
            name: name.clone(),
            description: "One operation of a JSON-Patch document (RFC 6902).".into(),
            properties: Vec::new(),
            sources: Vec::new(),
            area: None,
        });
        model.sources.push(span.clone());
        if model.properties.is_empty() {
            let ops = patch_operations(page_text);
            for row in rows {
                let ty = match row.name.as_str() {
                    "op" => TypeRef::Enum(ops.clone()),
                    "path" => TypeRef::String,
                    _ => TypeRef::Any,
                };
                model.properties.push(Property {
                    name: row.name.clone(),
                    ty,
                    description: row.description.clone(),
                    span: row.span.clone(),
                    origin: TypeOrigin::Table(vec![row.span.clone()]),
                });
            }
        }
        name
    }

    /// Resolves every description into models.
    pub(crate) fn resolve(mut self, warnings: &mut Vec<Diagnostic>) -> Names {
        let doubts = self.find_doubts();
        let mut names = Names::default();
        self.home_bodies(&doubts, &mut names);
        self.propagate(&doubts, warnings);
        self.match_and_name(&mut names);
        self.build(&doubts, &mut names, warnings);
        for (name, m) in std::mem::take(&mut self.fixed) {
            names.models.insert(name, m);
        }
        names
    }

    /// Step 1: which type names are given to objects of clearly different shapes, and which
    /// shape such a name has where its context agrees with it.
    fn find_doubts(&self) -> Doubts<'a> {
        // (stated name, shape, context: the operation or property name)
        let mut evidence: Vec<(String, BTreeSet<&'a str>, String)> = Vec::new();
        for (key, d) in &self.descs {
            let shape = d.shape().clone();
            let stated = match &d.hint {
                Hint::Named => Some((key.clone(), key.clone())),
                Hint::Body { name, op } => name.clone().map(|n| (n, op.clone())),
                _ => None,
            };
            if let (Some((n, context)), false) = (stated, shape.is_empty()) {
                evidence.push((n, shape, context));
            }
            for row in &d.rows {
                if let Stated::Named(n) = Stated::parse(&row.ty) {
                    for (obj, _) in &d.samples {
                        if let Some(Value::Object(v)) = obj.get(&row.name) {
                            let s: BTreeSet<&str> = v.keys().map(String::as_str).collect();
                            if !s.is_empty() {
                                evidence.push((n.clone(), s, row.name.clone()));
                            }
                        }
                    }
                }
            }
        }
        let mut per_name: BTreeMap<&str, Vec<BTreeSet<&str>>> = BTreeMap::new();
        for (n, shape, _) in &evidence {
            let clusters = per_name.entry(n.as_str()).or_default();
            match clusters.iter_mut().find(|c| similarity(c, shape) >= 0.5) {
                Some(c) => c.extend(shape.iter().copied()),
                None => clusters.push(shape.clone()),
            }
        }
        let mut doubts = Doubts::default();
        for (n, clusters) in &per_name {
            if clusters.len() > 1 {
                doubts.doubtful.insert(n.to_string());
            }
        }
        for (n, shape, context) in &evidence {
            if doubts.doubtful.contains(n) && affinity(n, context) {
                doubts
                    .shapes
                    .entry(n.clone())
                    .or_default()
                    .extend(shape.iter().copied());
            }
        }
        doubts
    }

    /// Step 2a: named bodies move under their names; the others stay anonymous.
    fn home_bodies(&mut self, doubts: &Doubts<'a>, names: &mut Names) {
        let keys: Vec<String> = self.descs.keys().cloned().collect();
        for key in keys {
            let d = &self.descs[&key];
            let target = match &d.hint {
                Hint::Body { name: Some(n), op } => match doubts.resolve(n, op, d.shape()) {
                    Resolution::Model(m) => Some(m),
                    _ => None,
                },
                _ => None,
            };
            if let Some(target) = target {
                let d = self.descs.remove(&key).expect("key listed above");
                self.descs
                    .entry(target.clone())
                    .or_insert_with(|| Desc::new(Hint::Named))
                    .absorb(d);
                names.alias.insert(key, Some(target));
            }
        }
    }

    /// What a property's table rows say its object values are, if they name a type.
    fn named_target(
        &self,
        key: &str,
        prop: &'a str,
        shape: &BTreeSet<&str>,
        doubts: &Doubts<'a>,
    ) -> Option<Resolution> {
        let d = self.descs.get(key)?;
        d.rows
            .iter()
            .filter(|r| r.name == prop)
            .find_map(|row| match Stated::parse(&row.ty) {
                Stated::Named(n) => Some(doubts.resolve(&n, prop, shape)),
                _ => None,
            })
    }

    /// Whether a property's rows state a dictionary (`object`).
    fn is_dictionary(&self, key: &str, prop: &str) -> bool {
        self.descs.get(key).is_some_and(|d| {
            d.rows
                .iter()
                .any(|r| r.name == prop && Stated::parse(&r.ty) == Stated::Dictionary)
        })
    }

    /// Step 2b: nested sample objects go to the model their property names, or to an anonymous
    /// key under their parent.
    fn propagate(&mut self, doubts: &Doubts<'a>, _warnings: &mut Vec<Diagnostic>) {
        let mut queue: Vec<(String, &'a Map<String, Value>, Span)> = Vec::new();
        for (k, d) in &self.descs {
            for (obj, span) in &d.samples {
                queue.push((k.clone(), obj, span.clone()));
            }
        }
        let mut i = 0;
        while i < queue.len() {
            let (key, obj, span) = queue[i].clone();
            i += 1;
            let mut pushes: Vec<(String, Hint, &'a Map<String, Value>)> = Vec::new();
            let mut children: Vec<((String, Slot), String)> = Vec::new();
            for (prop, value) in obj {
                let prop: &'a str = prop.as_str();
                let objects: Vec<(&'a Map<String, Value>, Slot)> = match value {
                    Value::Object(o) => {
                        let shape: BTreeSet<&str> = o.keys().map(String::as_str).collect();
                        match self.named_target(&key, prop, &shape, doubts) {
                            Some(Resolution::Model(target)) => {
                                pushes.push((target, Hint::Named, o));
                                continue;
                            }
                            _ if looks_like_map(prop, o) || self.is_dictionary(&key, prop) => o
                                .values()
                                .filter_map(|v| v.as_object().map(|m| (m, Slot::Value)))
                                .collect(),
                            _ => vec![(o, Slot::Direct)],
                        }
                    }
                    Value::Array(items) => {
                        let mut out = Vec::new();
                        for item in items {
                            if let Value::Object(o) = item {
                                if looks_like_map(prop, o) {
                                    continue;
                                }
                                let shape: BTreeSet<&str> = o.keys().map(String::as_str).collect();
                                match self.named_target(&key, prop, &shape, doubts) {
                                    Some(Resolution::Model(target)) => {
                                        pushes.push((target, Hint::Named, o))
                                    }
                                    _ => out.push((o, Slot::Item)),
                                }
                            }
                        }
                        out
                    }
                    _ => Vec::new(),
                };
                for (o, slot) in objects {
                    let suffix = match slot {
                        Slot::Direct => "",
                        Slot::Item => "[]",
                        Slot::Value => "{}",
                    };
                    let child = format!("@{key}.{prop}{suffix}");
                    children.push(((prop.to_string(), slot), child.clone()));
                    let hint = Hint::Nested {
                        parent: key.clone(),
                        prop: prop.to_string(),
                        slot,
                    };
                    pushes.push((child, hint, o));
                }
            }
            if let Some(d) = self.descs.get_mut(&key) {
                for (prop, value) in obj {
                    d.seen.entry(prop.as_str()).or_default().push(value);
                }
                for (slot, child) in children {
                    let known = d.children.entry(slot).or_default();
                    if !known.contains(&child) {
                        known.push(child);
                    }
                }
            }
            for (target, hint, o) in pushes {
                let d = self
                    .descs
                    .entry(target.clone())
                    .or_insert_with(|| Desc::new(hint));
                d.add_sample(o, span.clone());
                if !d.span_set.contains(&span) {
                    d.add_span(span.clone());
                }
                queue.push((target, o, span.clone()));
            }
        }
    }

    /// Step 3: anonymous descriptions are matched to named models by shape, or named.
    fn match_and_name(&mut self, names: &mut Names) {
        let mut named = ShapeIndex::default();
        for (k, d) in self.descs.iter().filter(|(k, _)| !k.starts_with('@')) {
            named.push(k.clone(), d.shape());
        }
        let mut anon: Vec<String> = self
            .descs
            .keys()
            .filter(|k| k.starts_with('@'))
            .cloned()
            .collect();
        // Parents before children: a child's name is made from its parent's.
        // Request bodies last: they often list a subset of a type that a response shows whole.
        anon.sort_by_key(|k| {
            let depth = k.bytes().take_while(|&b| b == b'@').count();
            (depth, k.ends_with("/request"), k.clone())
        });
        for key in anon {
            let d = self.descs.remove(&key).expect("listed above");
            let shape = d.shape().clone();
            if shape.is_empty() {
                names.alias.insert(key, None);
                continue;
            }
            let may_match = !matches!(
                d.hint,
                Hint::Request {
                    own_model: true,
                    ..
                }
            );
            if let Hint::Request {
                mentioned: Some(m),
                own_model: false,
                ..
            } = &d.hint
            {
                let fits = named.position(m).is_some_and(|i| {
                    named
                        .overlaps(&shape)
                        .iter()
                        .any(|o| o.index == i && o.containment >= 0.8)
                });
                if fits {
                    let target = m.clone();
                    self.descs
                        .entry(target.clone())
                        .or_insert_with(|| Desc::new(Hint::Named))
                        .absorb(d);
                    names.alias.insert(key, Some(target));
                    continue;
                }
            }
            // A request body usually leaves out the read-only properties (`TableRight`,
            // `FieldProperties`) of the entity it sends: it may match by containment.
            let is_request = key.contains("/request");
            let overlaps = if may_match {
                named.overlaps(&shape)
            } else {
                Vec::new()
            };
            let best = overlaps
                .iter()
                .filter(|o| {
                    o.jaccard >= 0.8
                        || is_request
                            && shape.len() >= 3
                            && o.jaccard >= 0.5
                            && o.containment >= 0.95
                })
                .map(|o| (o.jaccard, named.name(o.index)))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)));
            // An object seen only nested in a request sample shows what one caller sent, not
            // the whole type: unless it matches a known model, it stays `any`.
            let nested_in_request = is_request && matches!(d.hint, Hint::Nested { .. });
            let target = match best {
                Some((_, n)) => n.to_string(),
                None if nested_in_request && d.rows.is_empty() => {
                    names.alias.insert(key, None);
                    continue;
                }
                None => {
                    let n = self.fresh_name(&d.hint, &shape, names);
                    // An agent's request envelope is never another object's type.
                    if may_match && named.position(&n).is_none() {
                        named.push(n.clone(), &shape);
                    }
                    n
                }
            };
            self.descs
                .entry(target.clone())
                .or_insert_with(|| Desc::new(Hint::Named))
                .absorb(d);
            names.alias.insert(key, Some(target));
        }
    }

    /// A readable name for an anonymous description that does not collide with a model of
    /// another shape; a model of the same name and a similar shape is reused.
    fn fresh_name(&self, hint: &Hint, shape: &BTreeSet<&str>, names: &Names) -> String {
        let parent_name = |parent: &str| match names.alias.get(parent) {
            Some(Some(n)) => n.clone(),
            _ => parent.trim_start_matches('@').to_string(),
        };
        let candidates: Vec<String> = match hint {
            Hint::Named => vec![],
            Hint::Body { op, .. } => vec![join(&[op, "Result"])],
            Hint::Request {
                op,
                area,
                own_model,
                mentioned,
            } => {
                // `A collection of ContactPersonId to add` names the type of a body the docs
                // give no heading name.
                let mut c = Vec::new();
                if let (false, Some(m)) = (own_model, mentioned) {
                    c.push(m.clone());
                }
                c.push(join(&[op, "Request"]));
                c.push(join(&[area, op, "Request"]));
                c
            }
            Hint::Response { op, suffix } => {
                // `GetDuplicateRules` returns `DuplicateRule` items.
                let plural = op.strip_prefix("Get").filter(|rest| {
                    *suffix == "Item" && rest.ends_with('s') && !rest.ends_with("ss")
                });
                match plural {
                    Some(rest) => vec![singular(rest), join(&[op, suffix])],
                    None => vec![join(&[op, suffix])],
                }
            }
            Hint::Nested { parent, prop, slot } => {
                let p = parent_name(parent);
                match slot {
                    // .NET names a property after its type more often than not.
                    Slot::Direct => vec![join(&[prop]), join(&[&p, prop])],
                    Slot::Item | Slot::Value => {
                        let s = singular(prop);
                        vec![s.clone(), join(&[&p, &s])]
                    }
                }
            }
        };
        for c in &candidates {
            match self.descs.get(c) {
                None if !self.fixed.contains_key(c) => return c.clone(),
                Some(d) if similarity(d.shape(), shape) >= 0.8 => return c.clone(),
                _ => {}
            }
        }
        let base = candidates
            .last()
            .cloned()
            .unwrap_or_else(|| "Anonymous".to_string());
        (2..)
            .map(|i| format!("{base}{i}"))
            .find(|c| !self.descs.contains_key(c) && !self.fixed.contains_key(c))
            .expect("an unused name exists")
    }

    /// Step 4: types every property of every model.
    fn build(&self, doubts: &Doubts<'a>, names: &mut Names, warnings: &mut Vec<Diagnostic>) {
        // For each property name, the model types the tables state for it anywhere: a sample
        // that shows only `{}` takes the type when every table agrees.
        let mut stated_for: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for d in self.descs.values() {
            for r in &d.rows {
                if let Stated::Named(n) = Stated::parse(&r.ty) {
                    if let Resolution::Model(m) = doubts.resolve(&n, &r.name, &BTreeSet::new()) {
                        stated_for.entry(&r.name).or_default().insert(m);
                    }
                }
            }
        }
        let consensus: BTreeMap<&str, String> = stated_for
            .into_iter()
            .filter(|(_, set)| set.len() == 1)
            .filter_map(|(p, set)| Some((p, set.into_iter().next()?)))
            .collect();
        // Each model is typed on its own: on all cores, warnings kept in model order.
        let descs: Vec<(&String, &Desc<'a>)> = self.descs.iter().collect();
        let names_seen: &Names = names;
        let built = crate::parallel::map(&descs, |&(name, d)| {
            let mut model_warnings = Vec::new();
            let model =
                self.build_model(name, d, doubts, &consensus, names_seen, &mut model_warnings);
            (name.clone(), model, model_warnings)
        });
        let mut models = BTreeMap::new();
        for (name, model, model_warnings) in built {
            warnings.extend(model_warnings);
            models.insert(name, model);
        }
        names.models = models;
    }

    /// Step 4, for one model: its properties in the order the tables and samples show them,
    /// each typed from both.
    fn build_model(
        &self,
        name: &str,
        d: &Desc<'a>,
        doubts: &Doubts<'a>,
        consensus: &BTreeMap<&str, String>,
        names: &Names,
        warnings: &mut Vec<Diagnostic>,
    ) -> Model {
        let mut order: Vec<&str> = Vec::new();
        let mut rows: BTreeMap<&str, Vec<&PropRow>> = BTreeMap::new();
        for r in &d.rows {
            if !rows.contains_key(r.name.as_str()) {
                order.push(&r.name);
            }
            rows.entry(&r.name).or_default().push(r);
        }
        let mut values: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
        for (obj, _) in &d.samples {
            for (k, v) in *obj {
                if !rows.contains_key(k.as_str()) && !values.contains_key(k.as_str()) {
                    order.push(k);
                }
                values.entry(k).or_default().push(v);
            }
        }
        let span = d
            .spans
            .first()
            .cloned()
            .unwrap_or_else(|| Span::new(&std::sync::Arc::from("<unknown>"), 0));
        let properties = order
            .into_iter()
            .map(|prop| {
                let prop_rows = rows.get(prop).map(Vec::as_slice).unwrap_or(&[]);
                let prop_values = values.get(prop).map(Vec::as_slice).unwrap_or(&[]);
                let (mut ty, mut origin) =
                    self.property_type(name, prop, prop_rows, prop_values, doubts, names, warnings);
                let only_empty_objects = prop_values.iter().any(|v| v.is_object())
                    && prop_values
                        .iter()
                        .all(|v| v.is_null() || v.as_object().is_some_and(Map::is_empty));
                if ty.is_any() && prop_rows.is_empty() && only_empty_objects {
                    if let Some(m) = consensus.get(prop) {
                        ty = TypeRef::Named(m.clone());
                        origin = TypeOrigin::Consensus;
                    }
                }
                Property {
                    name: prop.to_string(),
                    ty,
                    description: prop_rows
                        .iter()
                        .map(|r| r.description.as_str())
                        .find(|s| !s.is_empty())
                        .unwrap_or("")
                        .to_string(),
                    span: prop_rows
                        .first()
                        .map_or_else(|| span.clone(), |r| r.span.clone()),
                    origin,
                }
            })
            .collect();
        let mut sources = d.spans.clone();
        sources.sort();
        sources.dedup();
        Model {
            name: name.to_string(),
            description: d.description.clone(),
            properties,
            sources,
            area: None,
        }
    }

    /// The type of a property and where it came from.
    #[allow(clippy::too_many_arguments)]
    fn property_type(
        &self,
        model: &str,
        prop: &str,
        rows: &[&PropRow],
        values: &[&Value],
        doubts: &Doubts<'a>,
        names: &Names,
        warnings: &mut Vec<Diagnostic>,
    ) -> (TypeRef, TypeOrigin) {
        let from_samples = |t: TypeRef| {
            let origin = if t.is_any() {
                TypeOrigin::Unknown
            } else {
                TypeOrigin::Sample
            };
            (t, origin)
        };
        let stated: Vec<(Stated, &PropRow)> =
            rows.iter().map(|r| (Stated::parse(&r.ty), *r)).collect();
        // Typed by the tables: every row that states what was used.
        let table = |used: &Stated| {
            TypeOrigin::Table(
                stated
                    .iter()
                    .filter(|(s, _)| s == used)
                    .map(|(_, r)| r.span.clone())
                    .collect(),
            )
        };
        // Precise scalars: the majority, warning about dissent.
        let scalars: Vec<(&TypeRef, &PropRow)> = stated
            .iter()
            .filter_map(|(s, r)| match s {
                Stated::Scalar(t) => Some((t, *r)),
                _ => None,
            })
            .collect();
        if let Some(t) = majority(&scalars, warnings, model, prop) {
            let origin = table(&Stated::Scalar(t.clone()));
            return (
                widen_to_samples(t, values, rows, warnings, model, prop),
                origin,
            );
        }
        // A named type: its values went to that model during propagation.
        let object_values: Vec<&Map<String, Value>> = values
            .iter()
            .filter_map(|v| match v {
                Value::Object(o) => Some(o),
                Value::Array(items) => items.iter().find_map(Value::as_object),
                _ => None,
            })
            .collect();
        let is_array =
            values.iter().any(|v| v.is_array()) || stated.iter().any(|(s, _)| *s == Stated::Array);
        for (s, row) in &stated {
            if let Stated::Named(n) = s {
                let shape: BTreeSet<&str> = object_values
                    .iter()
                    .flat_map(|o| o.keys().map(String::as_str))
                    .collect();
                let resolution = doubts.resolve(n, prop, &shape);
                let target = match &resolution {
                    Resolution::Model(m) => Some(m.clone()),
                    _ => None,
                };
                if target.as_deref() != Some(n.as_str()) {
                    let what = match &resolution {
                        Resolution::Model(m) => format!("`{m}`, whose name fits `{prop}`"),
                        Resolution::Anonymous => "the type its sample shows".to_string(),
                        Resolution::Unknown => {
                            "`any`: nothing on the pages tells the real type".to_string()
                        }
                    };
                    warnings.push(Diagnostic::warning(
                        row.span.clone(),
                        format!("`{model}.{prop}` is stated as `{n}`, a name these docs also give to unrelated types; using {what}"),
                    ).with_kind(WarningKind::MisusedTypeName));
                }
                let (t, origin) = match target {
                    Some(t) => (TypeRef::Named(t), table(s)),
                    None if resolution == Resolution::Unknown => {
                        (TypeRef::Any, TypeOrigin::Unknown)
                    }
                    None => from_samples(self.sample_type(model, prop, values, names, false)),
                };
                return if is_array && !matches!(t, TypeRef::Array(_)) {
                    (TypeRef::array(t), origin)
                } else {
                    (t, origin)
                };
            }
        }
        if let Some((s @ Stated::Enum(values), _)) =
            stated.iter().find(|(s, _)| matches!(s, Stated::Enum(_)))
        {
            return (TypeRef::Enum(values.clone()), table(s));
        }
        if let Some((s @ Stated::Loose(t), _)) =
            stated.iter().find(|(s, _)| matches!(s, Stated::Loose(_)))
        {
            return (refine_loose(t, values), table(s));
        }
        let dictionary = stated.iter().any(|(s, _)| *s == Stated::Dictionary);
        let t = self.sample_type(model, prop, values, names, dictionary);
        if dictionary {
            // The table says "dictionary"; the samples may tell the value type.
            let origin = table(&Stated::Dictionary);
            return match t {
                TypeRef::Map(_) => (t, origin),
                _ => (TypeRef::map(TypeRef::Any), origin),
            };
        }
        match (&t, stated.iter().any(|(s, _)| *s == Stated::Array)) {
            (TypeRef::Any, true) => (TypeRef::array(TypeRef::Any), table(&Stated::Array)),
            _ => from_samples(t),
        }
    }

    /// The type the sample values of a property show, with nested objects as the models they
    /// were pushed to.
    fn sample_type(
        &self,
        model: &str,
        prop: &str,
        values: &[&Value],
        names: &Names,
        dictionary: bool,
    ) -> TypeRef {
        let desc = self.descs.get(model);
        let child = |slot: Slot| {
            desc.and_then(|d| d.children.get(&(prop.to_string(), slot)))
                .into_iter()
                .flatten()
                .map(|k| names.model(k))
                .find(|t| !t.is_any())
                .unwrap_or(TypeRef::Any)
        };
        let mut acc: Option<TypeRef> = None;
        for v in values {
            let t = match v {
                Value::Null => continue,
                Value::Object(o) if dictionary || looks_like_map(prop, o) => {
                    let inner = o.values().find(|v| !v.is_null());
                    TypeRef::map(match inner {
                        Some(Value::Object(_)) => child(Slot::Value),
                        Some(_) => o
                            .values()
                            .filter_map(scalar_of)
                            .reduce(unify)
                            .unwrap_or(TypeRef::Any),
                        None => TypeRef::Any,
                    })
                }
                Value::Object(_) => child(Slot::Direct),
                Value::Array(items) => {
                    let item = items.iter().find(|v| !v.is_null());
                    match item {
                        Some(Value::Object(o)) if looks_like_map(prop, o) => {
                            TypeRef::array(TypeRef::map(
                                o.values()
                                    .filter_map(scalar_of)
                                    .reduce(unify)
                                    .unwrap_or(TypeRef::Any),
                            ))
                        }
                        Some(Value::Object(_)) => TypeRef::array(child(Slot::Item)),
                        Some(v) => TypeRef::array(
                            items
                                .iter()
                                .filter_map(scalar_of)
                                .reduce(unify)
                                .unwrap_or_else(|| scalar_of(v).unwrap_or(TypeRef::Any)),
                        ),
                        None => continue,
                    }
                }
                v => scalar_of(v).unwrap_or(TypeRef::Any),
            };
            acc = Some(match acc {
                None => t,
                Some(a) if a == t => a,
                Some(a) => match (&a, &t) {
                    (TypeRef::Array(x), TypeRef::Array(_)) if x.is_any() => t,
                    (TypeRef::Array(_), TypeRef::Array(y)) if y.is_any() => a,
                    _ => unify(a, t),
                },
            });
        }
        acc.unwrap_or(TypeRef::Any)
    }
}

/// A loose request-table type (`Integer`, `String`) made precise where the samples show more:
/// int64 values, date-times, or the docs' placeholder for bytes.
fn refine_loose(t: &TypeRef, values: &[&Value]) -> TypeRef {
    let non_null: Vec<&&Value> = values.iter().filter(|v| !v.is_null()).collect();
    match t {
        TypeRef::Int32
            if non_null
                .iter()
                .any(|v| scalar_of(v) == Some(TypeRef::Int64)) =>
        {
            TypeRef::Int64
        }
        TypeRef::String
            if !non_null.is_empty()
                && non_null
                    .iter()
                    .all(|v| v.as_str().is_some_and(is_date_time)) =>
        {
            TypeRef::DateTime
        }
        TypeRef::String
            if !non_null.is_empty()
                && non_null
                    .iter()
                    .all(|v| v.as_str() == Some(BINARY_PLACEHOLDER)) =>
        {
            TypeRef::Binary
        }
        t => t.clone(),
    }
}

/// A stated integer type widened to hold what the page's own samples show: `int32` holding a
/// sample beyond its range becomes `int64`, an integer type holding a fraction (or an integer
/// beyond `int64`) becomes `double`, with a warning at the row.
///
/// Only the docs' own evidence widens a type. A stated `int32` is .NET's `Int32` and is kept as
/// `i32` otherwise: a server value beyond it breaks the contract, and the client reports it as
/// a decode error that keeps the raw body, so no value is lost silently either way.
fn widen_to_samples(
    stated: TypeRef,
    values: &[&Value],
    rows: &[&PropRow],
    warnings: &mut Vec<Diagnostic>,
    model: &str,
    prop: &str,
) -> TypeRef {
    if !matches!(stated, TypeRef::Int32 | TypeRef::Int64) {
        return stated;
    }
    let mut needed = stated.clone();
    let mut shown = None;
    for v in values {
        let Value::Number(n) = v else { continue };
        let fits = match (&needed, n.as_i64()) {
            (TypeRef::Int32, Some(i)) => i32::try_from(i).is_ok(),
            (TypeRef::Int64, Some(_)) | (TypeRef::Double, _) => true,
            _ => false,
        };
        if !fits {
            needed = match n.as_i64() {
                Some(_) => TypeRef::Int64,
                None => TypeRef::Double,
            };
            shown = Some(n.to_string());
        }
    }
    if let (Some(shown), Some(row)) = (shown, rows.first()) {
        warnings.push(Diagnostic::warning(
            row.span.clone(),
            format!("`{model}.{prop}` is stated as `{stated}` but a sample shows `{shown}`; using `{needed}`"),
        ));
    }
    needed
}

/// The scalar most rows state; a warning names the pages that state another.
fn majority(
    scalars: &[(&TypeRef, &PropRow)],
    warnings: &mut Vec<Diagnostic>,
    model: &str,
    prop: &str,
) -> Option<TypeRef> {
    let mut counts: Vec<(&TypeRef, usize, &PropRow)> = Vec::new();
    for (t, row) in scalars {
        match counts.iter_mut().find(|(c, _, _)| c == t) {
            Some(c) => c.1 += 1,
            None => counts.push((t, 1, row)),
        }
    }
    let (best, _, best_row) = *counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    for (t, _, row) in &counts {
        if *t != best {
            warnings.push(Diagnostic::warning(
                row.span.clone(),
                format!("`{model}.{prop}` is stated as `{t}` here but as `{best}` at {}; using `{best}`", best_row.span),
            ).with_kind(WarningKind::PagesDisagree));
        }
    }
    Some(best.clone())
}

/// The JSON-Patch operations a page says the server supports (`supports operations 'add',
/// 'replace', 'remove' and 'test'`), or RFC 6902's four that SuperOffice documents.
fn patch_operations(text: &str) -> Vec<String> {
    let found: Vec<String> = text
        .split("supports operations")
        .nth(1)
        .map(|rest| {
            let sentence = rest.split('.').next().unwrap_or("");
            sentence
                .split('\'')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if found.is_empty() {
        ["add", "replace", "remove", "test"]
            .map(String::from)
            .to_vec()
    } else {
        found
    }
}
