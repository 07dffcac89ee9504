//! One fuzz input through the whole generator: page reader, resolver, emitter, and a syn parse
//! of every emitted file. Panics are caught and reported with the stage they happened in; the
//! invariants checked besides are that emitted Rust parses, that every diagnostic points at a
//! line of the input, and that allocation and output stay proportional to the input.
//!
//! Each run also returns coarse *features* of what happened (which blocks followed which,
//! which errors, which body shapes, ...): an input that shows a feature never seen before is
//! kept in the corpus, which steers the mutations toward new behaviour.

use std::cell::Cell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use codegen::emit::{emit_crate, EmitOptions};
use codegen::ir::{Api, TypeRef};
use codegen::parse::document::{Block, Document};
use codegen::parse::{markdown, read_page, rendered, Page};
use codegen::resolve::resolve;
use codegen::resolve::stated::Stated;

use super::alloc;

/// The name every input is read under.
pub const SOURCE: &str = "fuzz/page.md";

/// Bounds on one input's cost, as `base + per_byte * input length`.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Peak heap growth allowed for any input.
    pub alloc_base: usize,
    /// Extra peak heap growth per input byte.
    pub alloc_per_byte: usize,
    /// Emitted bytes allowed for any input.
    pub output_base: usize,
    /// Extra emitted bytes per input byte.
    pub output_per_byte: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            alloc_base: 64 << 20,
            alloc_per_byte: 2048,
            output_base: 256 << 10,
            output_per_byte: 256,
        }
    }
}

/// A broken invariant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `panic`, `invalid-rust`, `bad-line`, `allocation` or `output-size`.
    pub kind: &'static str,
    /// The stage it happened in: `parse`, `resolve`, `emit`, `check`.
    pub stage: &'static str,
    /// What happened.
    pub message: String,
}

/// What a run that broke nothing measured.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Hashed features of the run.
    pub features: Vec<u64>,
    /// Whether the input was an endpoint page that parsed.
    pub parsed: bool,
    /// Peak heap growth while it ran.
    pub peak_alloc: usize,
    /// Bytes the emitter wrote for it.
    pub output_bytes: usize,
}

static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Replaces the panic hook with one that records the message (with its location) for the
/// finding instead of printing it.
pub fn install_quiet_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut last = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner());
        *last = info.to_string();
    }));
}

fn feature(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// 0, 1, 2, 3-4, 5-8, ...: counts that differ by little are the same feature.
fn bucket(n: usize) -> u32 {
    usize::BITS - n.leading_zeros()
}

/// Runs `input` (read as a page) through the generator, alone and, when `merge_with` is not
/// empty, together with those pages.
pub fn check(input: &[u8], merge_with: &[Page], limits: &Limits) -> Result<Report, Finding> {
    let stage = Cell::new("parse");
    let base = alloc::start();
    let run = catch_unwind(AssertUnwindSafe(|| run(input, merge_with, &stage)));
    let peak = alloc::peak_since(base);
    let (mut report, problems) = match run {
        Ok(r) => r,
        Err(_) => {
            let message =
                std::mem::take(&mut *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()));
            return Err(Finding {
                kind: "panic",
                stage: stage.get(),
                message,
            });
        }
    };
    if let Some(f) = problems.into_iter().next() {
        return Err(f);
    }
    report.peak_alloc = peak;
    let alloc_limit = limits.alloc_base + limits.alloc_per_byte * input.len();
    if peak > alloc_limit {
        return Err(Finding {
            kind: "allocation",
            stage: "check",
            message: format!(
                "peak heap growth {peak} bytes for {} input bytes (limit {alloc_limit})",
                input.len()
            ),
        });
    }
    let output_limit = limits.output_base + limits.output_per_byte * input.len();
    if report.output_bytes > output_limit {
        return Err(Finding {
            kind: "output-size",
            stage: "check",
            message: format!(
                "{} bytes emitted for {} input bytes (limit {output_limit})",
                report.output_bytes,
                input.len()
            ),
        });
    }
    Ok(report)
}

fn run(input: &[u8], merge_with: &[Page], stage: &Cell<&'static str>) -> (Report, Vec<Finding>) {
    let mut report = Report::default();
    let mut problems = Vec::new();
    let lines = 1
        + input.iter().filter(|&&b| b == b'\n').count()
        + input.iter().filter(|&&b| b == b'\r').count();
    stage.set("parse");
    if let Some(doc) = document(input) {
        block_features(&doc, &mut report.features);
    }
    let page = match read_page(SOURCE, input) {
        Ok(None) => {
            report.features.push(feature("not an endpoint page"));
            return (report, problems);
        }
        Err(errors) => {
            for e in &errors {
                check_line(e.span.line, lines, &e.to_string(), &mut problems);
                report
                    .features
                    .push(feature(("error", message_class(&e.message))));
            }
            return (report, problems);
        }
        Ok(Some(page)) => page,
    };
    report.parsed = true;
    check_line(page.span.line, lines, "the request line", &mut problems);
    page_features(&page, &mut report.features);

    let mut runs = vec![vec![page.clone()]];
    if !merge_with.is_empty() {
        let mut all = merge_with.to_vec();
        all.push(page);
        runs.push(all);
    }
    for pages in runs {
        stage.set("resolve");
        let resolved = resolve(pages);
        for w in &resolved.warnings {
            if &*w.span.file == SOURCE {
                check_line(w.span.line, lines, &w.to_string(), &mut problems);
            }
            report
                .features
                .push(feature(("warning", message_class(&w.message))));
        }
        api_features(&resolved.api, &mut report.features);
        codegen::manifest::to_json(&resolved.api);
        stage.set("emit");
        let files = emit_crate(&resolved.api, &EmitOptions::default());
        report
            .features
            .push(feature(("files", bucket(files.len()))));
        stage.set("check");
        for f in &files {
            report.output_bytes += f.contents.len();
            if f.path.ends_with(".rs") {
                if let Err(e) = syn::parse_file(&f.contents) {
                    problems.push(Finding {
                        kind: "invalid-rust",
                        stage: "emit",
                        message: format!("{}: {e}", f.path),
                    });
                }
            }
        }
    }
    (report, problems)
}

/// A diagnostic must point at a line of the input (or just past its end).
fn check_line(line: u32, lines: usize, what: &str, problems: &mut Vec<Finding>) {
    if line == 0 || line as usize > lines + 1 {
        problems.push(Finding {
            kind: "bad-line",
            stage: "parse",
            message: format!("line {line} of an input of {lines} lines: {what}"),
        });
    }
}

/// The document the page reader sees, for features.
fn document(input: &[u8]) -> Option<Document> {
    let text = std::str::from_utf8(input).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Some(if rendered::looks_rendered(&text) {
        rendered::read(&text)
    } else {
        markdown::read(&text)
    })
}

/// A message without its numbers and quoted parts: the kind of diagnostic.
fn message_class(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => quoted = !quoted,
            c if quoted || c.is_ascii_digit() => {}
            c => out.push(c),
        }
    }
    out.chars().take(48).collect()
}

fn heading_class(text: &str) -> &'static str {
    const KNOWN: [&str; 8] = [
        "Response body:",
        "Response:",
        "Request Body:",
        "Query String Parameters",
        "Request Headers",
        "Sample request",
        "Sample response",
        "Online Restricted:",
    ];
    KNOWN
        .iter()
        .find(|k| {
            text.get(..k.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(k))
        })
        .copied()
        .unwrap_or("other")
}

fn block_class(b: &Block) -> (u8, &'static str, u32) {
    match b {
        Block::Heading { level, text, .. } => (0, heading_class(text), u32::from(*level)),
        Block::Paragraph { text, .. } => (1, heading_class(text), 0),
        Block::Table(t) => {
            const HEADERS: [&str; 4] = ["Path Part", "Parameter Name", "Response", "Property Name"];
            let first = t.header.first().map(String::as_str).unwrap_or("");
            let class = HEADERS
                .iter()
                .find(|h| **h == first)
                .copied()
                .unwrap_or("other");
            (2, class, t.header.len() as u32 * 16 + bucket(t.rows.len()))
        }
        Block::Code { info, .. } => {
            const INFOS: [&str; 4] = ["http", "http!", "http_", ""];
            (
                3,
                INFOS
                    .iter()
                    .find(|i| **i == info)
                    .copied()
                    .unwrap_or("other"),
                0,
            )
        }
    }
}

fn block_features(doc: &Document, out: &mut Vec<u64>) {
    out.push(feature(("frontmatter", bucket(doc.frontmatter.len()))));
    let classes: Vec<_> = doc.blocks.iter().map(block_class).collect();
    for pair in classes.windows(2) {
        out.push(feature(("blocks", &pair[0], &pair[1])));
    }
    for t in doc.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    }) {
        for r in &t.rows {
            let fit = r.source_cells.cmp(&t.header.len());
            out.push(feature(("row fit", fit, bucket(r.cells.len()))));
        }
    }
}

/// What a type cell or kind word states, without the names it carries.
fn type_class(cell: &str) -> String {
    match Stated::parse(cell) {
        Stated::Named(_) => "named".into(),
        Stated::Enum(values) => format!("enum {}", bucket(values.len())),
        other => format!("{other:?}"),
    }
}

fn json_kind(v: Option<&serde_json::Value>) -> &'static str {
    match v {
        None => "none",
        Some(serde_json::Value::Null) => "null",
        Some(serde_json::Value::Bool(_)) => "bool",
        Some(serde_json::Value::Number(_)) => "number",
        Some(serde_json::Value::String(_)) => "string",
        Some(serde_json::Value::Array(_)) => "array",
        Some(serde_json::Value::Object(_)) => "object",
    }
}

fn page_features(p: &Page, out: &mut Vec<u64>) {
    out.push(feature((
        "page",
        p.form == codegen::parse::PageForm::Markdown,
        p.id.is_some(),
        p.method,
        bucket(p.path_parts.len()),
        bucket(p.query_params.len()),
        bucket(p.headers.len()),
    )));
    if let Some(b) = &p.request_body {
        out.push(feature((
            "request body",
            b.kind.as_deref().map(type_class),
            bucket(b.properties.len()),
        )));
        for row in &b.properties {
            out.push(feature(("request property type", type_class(&row.ty))));
        }
    }
    if let Some(r) = &p.response {
        out.push(feature((
            "response",
            r.kind.as_deref().map(type_class),
            r.body_name.as_deref().map(type_class),
            bucket(r.statuses.len()),
            bucket(r.properties.len()),
        )));
        for row in &r.properties {
            out.push(feature(("property type", type_class(&row.ty))));
        }
    }
    out.push(feature((
        "samples",
        json_kind(p.sample_request.as_ref().and_then(|s| s.body.as_ref())),
        json_kind(p.sample_response.as_ref().and_then(|s| s.body.as_ref())),
    )));
}

/// A type with model names blanked: its shape.
fn shape(t: &TypeRef) -> String {
    match t {
        TypeRef::Named(_) => "N".into(),
        TypeRef::Enum(_) => "E".into(),
        TypeRef::Array(inner) => format!("[{}]", shape(inner)),
        TypeRef::Map(inner) => format!("{{{}}}", shape(inner)),
        other => other.to_string(),
    }
}

fn api_features(api: &Api, out: &mut Vec<u64>) {
    out.push(feature((
        "api",
        bucket(api.endpoints.len()),
        bucket(api.models.len()),
    )));
    for e in &api.endpoints {
        out.push(feature((
            "endpoint",
            e.area.kind,
            e.response.as_ref().map(shape),
            e.request_body.as_ref().map(|b| (b.kind, shape(&b.ty))),
            e.response_kind,
        )));
    }
    for m in api.models.values() {
        for p in &m.properties {
            out.push(feature(("model property", shape(&p.ty))));
        }
    }
}
