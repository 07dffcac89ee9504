//! `codegen`: reads SuperOffice WebAPI endpoint pages and writes the `superoffice-api` crate.
//!
//! The pipeline, one folder per stage, data flowing one way:
//!
//! ```text
//! docs/*.md|*.txt --parse--> Page --resolve--> ir::Api --emit--> TokenStream --> generated/src
//! ```
//!
//! - [`parse`]: one page at a time, what it states, with line numbers.
//! - [`resolve`]: everything that needs all pages: merging, type inference, naming.
//! - [`ir`]: the resolved API; [`manifest`] dumps it as JSON.
//! - [`emit`]: IR to Rust tokens, shared with the `#[so_endpoint]` macro; [`write`](mod@write) puts the
//!   files on disk.
//! - [`parallel`]: the one way work is spread over the cores (pages read, models typed, files
//!   emitted), results in input order.
//! - [`review`]: for reviewing a docs update: what changed in the API and whether it breaks
//!   users (`codegen diff`), and how well the pages were understood (`codegen report`).
//! - [`cli`] (feature `cli`, on by default): the command line; the macro crate goes without it.

#[cfg(feature = "cli")]
pub mod cli;
pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod manifest;
pub mod parallel;
pub mod parse;
pub mod resolve;
pub mod review;
pub mod runtime_source;
pub mod write;
