//! Resolve: everything that needs more than one page. Pages of one endpoint are merged, each
//! body gets a type, and every model is built from all the tables and samples that describe it,
//! with contradictions weighed and reported.
//!
//! The stages, in order:
//! 1. `endpoints`: group pages by request line, merge their facts, and give each body a
//!    `Draft` type that may point at a model by key.
//! 2. `models`: collect model descriptions (tables, samples), check stated type names against
//!    the shapes they are given, push nested sample objects down to the models they belong to,
//!    match anonymous objects to known models by shape, name the rest, and type every property.
//!
//! How a body travels (JSON, JSON Patch or merge patch, raw bytes, and with which media types)
//! is read from the page by [`media`], while the endpoints are drafted.

mod endpoints;
pub mod media;
mod models;
mod naming;
pub mod sample;
mod shape_index;
pub mod stated;

use crate::diagnostic::Diagnostic;
use crate::ir::{Api, TypeRef};
use crate::parse::Page;

/// The IR of a docs folder, with the warnings resolution raised.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The API.
    pub api: Api,
    /// Doubts and contradictions, each with the pages involved.
    pub warnings: Vec<Diagnostic>,
}

/// A type under construction: known, or pointing at a model not yet named.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draft {
    Known(TypeRef),
    Model(String),
    Array(Box<Draft>),
    Map(Box<Draft>),
}

/// Resolves all pages of a docs folder into one API. The result does not depend on the order of
/// `pages`.
pub fn resolve(mut pages: Vec<Page>) -> Resolved {
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let mut warnings = Vec::new();
    let mut book = models::ModelBook::default();
    let drafts = endpoints::draft_all(&pages, &mut book, &mut warnings);
    let names = book.resolve(&mut warnings);
    let api = endpoints::finish(drafts, &names);
    // Freeing the pages (their text and sample JSON) is a tenth of resolution on the corpus: a
    // thread of its own does it while the caller goes on. Should no thread start, the pages
    // are freed here, with the closure.
    let _ = std::thread::Builder::new()
        .name("free pages".into())
        .spawn(move || drop(pages));
    warnings.sort();
    warnings.dedup();
    Resolved {
        api: Api {
            endpoints: api,
            models: names.models,
        },
        warnings,
    }
}
