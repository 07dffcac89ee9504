//! How good the parse of a docs folder is, per page and in total: what `codegen report` prints.
//!
//! A property counts once per model in the totals, and once per page for each model the page
//! describes (in a table or a sample), so a page's figures say how well the types of what it
//! shows are known. Each property is counted in exactly one of four columns:
//!
//! - **any**: its type is or contains `any` (a `serde_json::Value` in the generated Rust);
//! - **table**: a table row on the page states it (for the totals: on the page that first lists
//!   the property);
//! - **other pages**: a table row on another page states it, or every table stating a model for
//!   a property of that name agrees ([`TypeOrigin::Consensus`]);
//! - **samples**: only the sample JSON shows it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, WarningKind};
use crate::ir::{Api, Property, TypeOrigin};
use crate::parse::page::{ParamRow, PropRow};
use crate::parse::Page;
use crate::resolve::stated::Stated;

/// Where the type of a property came from, seen from one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Typed {
    /// A table row on the page.
    Table,
    /// A table row on another page, or the consensus of all tables.
    OtherPages,
    /// Sample JSON.
    Samples,
    /// The type is or contains `any`.
    Any,
}

/// How the type of `property` is known, seen from `page`.
pub fn typed(property: &Property, page: &str) -> Typed {
    if property.ty.contains_any() {
        return Typed::Any;
    }
    match &property.origin {
        TypeOrigin::Table(rows) if rows.iter().any(|r| &*r.file == page) => Typed::Table,
        TypeOrigin::Table(_) | TypeOrigin::Consensus => Typed::OtherPages,
        TypeOrigin::Sample => Typed::Samples,
        TypeOrigin::Unknown => Typed::Any,
    }
}

/// Warnings by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WarningCounts {
    /// Pages that contradict each other (operation ids, scalar types).
    pub pages_disagree: usize,
    /// Type names the docs also give to unrelated shapes.
    pub misused_type_names: usize,
    /// Type cells the generator does not understand.
    pub unread_type_cells: usize,
    /// Any other warning.
    pub other: usize,
}

impl WarningCounts {
    /// All warnings.
    pub fn total(&self) -> usize {
        self.pages_disagree + self.misused_type_names + self.unread_type_cells + self.other
    }

    fn add(&mut self, kind: WarningKind) {
        match kind {
            WarningKind::PagesDisagree => self.pages_disagree += 1,
            WarningKind::MisusedTypeName => self.misused_type_names += 1,
            WarningKind::UnreadTypeCell => self.unread_type_cells += 1,
            WarningKind::Other => self.other += 1,
        }
    }
}

/// The figures of a page, or of the whole folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Endpoints read from the page (all endpoints, in the totals).
    pub endpoints: usize,
    /// Models the page describes (all models, in the totals).
    pub models: usize,
    /// Properties of those models.
    pub properties: usize,
    /// Of those, how many a table row on the page types.
    pub from_table: usize,
    /// Of those, how many a table row on another page types.
    pub from_other_pages: usize,
    /// Of those, how many only sample JSON types.
    pub from_samples: usize,
    /// Of those, how many are or contain `any`.
    pub any: usize,
    /// Warnings about the page.
    pub warnings: WarningCounts,
}

impl Counts {
    fn count(&mut self, t: Typed) {
        self.properties += 1;
        match t {
            Typed::Table => self.from_table += 1,
            Typed::OtherPages => self.from_other_pages += 1,
            Typed::Samples => self.from_samples += 1,
            Typed::Any => self.any += 1,
        }
    }

    /// `part` as a percentage of the properties (0 when there are none).
    pub fn percent(&self, part: usize) -> f64 {
        if self.properties == 0 {
            0.0
        } else {
            100.0 * part as f64 / self.properties as f64
        }
    }
}

/// The figures of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageQuality {
    /// The page, relative to the docs folder.
    pub page: String,
    /// Its figures.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The parse quality of a docs folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quality {
    /// How many endpoint pages were read.
    pub pages: usize,
    /// The whole folder.
    pub totals: Counts,
    /// Every page, in path order.
    pub per_page: Vec<PageQuality>,
}

fn unread(ty: &str) -> bool {
    !ty.trim().is_empty() && Stated::parse(ty) == Stated::Blank
}

/// Table rows whose Type cell the generator does not understand, as warnings: the resolver
/// types such a row as if the cell were blank.
pub fn unread_type_cells(pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in pages {
        let params = page.path_parts.iter().chain(&page.query_params);
        let props = page
            .request_body
            .iter()
            .flat_map(|b| &b.properties)
            .chain(page.response.iter().flat_map(|r| &r.properties));
        let rows = params
            .map(|r: &ParamRow| (&r.name, &r.ty, &r.span))
            .chain(props.map(|r: &PropRow| (&r.name, &r.ty, &r.span)));
        for (name, ty, span) in rows {
            if unread(ty) {
                out.push(
                    Diagnostic::warning(
                        span.clone(),
                        format!(
                            "the type `{}` of `{name}` is not one the generator reads; typed as if blank",
                            ty.trim()
                        ),
                    )
                    .with_kind(WarningKind::UnreadTypeCell),
                );
            }
        }
    }
    out
}

/// The figures of `api`, resolved from the endpoint pages `pages` (paths relative to the docs
/// folder), with the warnings of parsing and resolving it.
pub fn assess(pages: &[String], warnings: &[Diagnostic], api: &Api) -> Quality {
    let mut per_page: BTreeMap<&str, Counts> = pages
        .iter()
        .map(|p| (p.as_str(), Counts::default()))
        .collect();
    let mut totals = Counts {
        endpoints: api.endpoints.len(),
        models: api.models.len(),
        ..Counts::default()
    };
    for e in &api.endpoints {
        let mut sources: Vec<&str> = e.sources.iter().map(String::as_str).collect();
        sources.sort_unstable();
        sources.dedup();
        for s in sources {
            per_page.entry(s).or_default().endpoints += 1;
        }
    }
    for m in api.models.values() {
        for p in &m.properties {
            totals.count(typed(p, &p.span.file));
        }
        let mut sources: Vec<&str> = m.sources.iter().map(|s| &*s.file).collect();
        sources.sort_unstable();
        sources.dedup();
        for s in sources {
            let counts = per_page.entry(s).or_default();
            counts.models += 1;
            for p in &m.properties {
                counts.count(typed(p, s));
            }
        }
    }
    for w in warnings.iter().filter(|w| w.severity == Severity::Warning) {
        totals.warnings.add(w.kind);
        per_page
            .entry(&w.span.file)
            .or_default()
            .warnings
            .add(w.kind);
    }
    Quality {
        pages: pages.len(),
        totals,
        per_page: per_page
            .into_iter()
            .map(|(page, counts)| PageQuality {
                page: page.to_string(),
                counts,
            })
            .collect(),
    }
}
