//! Parse: endpoint pages (markdown or website text) into [`Page`]s, one page at a time.
//!
//! Each form is walked into the same [`document::Document`] (headings, paragraphs, tables, code
//! with line numbers), and [`page::read_page`] reads that into a [`Page`].

pub mod document;
pub mod markdown;
pub mod page;
pub mod rendered;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use page::{Page, PageForm};

use crate::diagnostic::{Diagnostic, DocsErrors, Span};

/// Reads one page from its bytes. `source` is its path relative to the docs folder.
///
/// `Ok(None)`: not an endpoint page. `Err`: an endpoint page with problems, all of them.
pub fn read_page(source: &str, bytes: &[u8]) -> Result<Option<Page>, Vec<Diagnostic>> {
    let source: Arc<str> = Arc::from(source);
    let (form, doc) = read_document(&source, bytes)?;
    page::read_page(&source, form, &doc)
}

/// The first half of [`read_page`]: the bytes of a page walked into blocks (markdown through
/// pulldown-cmark, or the website's text form), after UTF-8 checking, BOM and CRLF handling.
pub fn read_document(
    source: &Arc<str>,
    bytes: &[u8],
) -> Result<(PageForm, document::Document), Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(vec![Diagnostic::error(
                Span::new(source, line as u32),
                "invalid UTF-8: expected the page to be UTF-8 text",
            )]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    Ok(if rendered::looks_rendered(text) {
        (PageForm::Rendered, rendered::read(text))
    } else {
        (PageForm::Markdown, markdown::read(text))
    })
}

/// Whether a file in a docs folder may be an endpoint page. Index pages and tables of contents
/// are not, nor anything but `.md` and `.txt`.
pub fn is_candidate(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext_ok = name.ends_with(".md") || name.ends_with(".txt");
    ext_ok && !name.eq_ignore_ascii_case("index.md") && !name.starts_with('.')
}

/// Lists the candidate pages under `dir`, as (relative path with `/`, full path), sorted.
pub fn list_pages(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if is_candidate(&path) {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads every page under `dir`. Pages that are not endpoint pages are skipped; every error of
/// every page is returned together. Each page is read and parsed by the same thread, on all
/// cores, so its bytes are gone before the next is read.
pub fn read_dir(dir: &Path) -> Result<Vec<Page>, ReadError> {
    let files = list_pages(dir).map_err(|e| ReadError::Io(dir.to_path_buf(), e))?;
    let results = crate::parallel::map(&files, |(rel, path)| match std::fs::read(path) {
        Ok(bytes) => Ok(read_page(rel, &bytes)),
        Err(e) => Err(ReadError::Io(path.clone(), e)),
    });
    let mut read = Vec::with_capacity(results.len());
    for r in results {
        read.push(r?);
    }
    collect_pages(read).map_err(ReadError::Docs)
}

/// Parses already-read pages, on all cores. The result is in input order, so it does not depend
/// on scheduling.
pub fn read_all(contents: &[(String, Vec<u8>)]) -> Result<Vec<Page>, DocsErrors> {
    collect_pages(crate::parallel::map(contents, |(rel, bytes)| {
        read_page(rel, bytes)
    }))
}

/// The endpoint pages of parsed pages, or all the errors of all of them.
fn collect_pages(
    results: Vec<Result<Option<Page>, Vec<Diagnostic>>>,
) -> Result<Vec<Page>, DocsErrors> {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Some(p)) => pages.push(p),
            Ok(None) => {}
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        errors.sort();
        Err(DocsErrors(errors))
    }
}

/// Why a docs folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A file or folder could not be read.
    #[error("cannot read {}: {}", .0.display(), .1)]
    Io(PathBuf, #[source] std::io::Error),
    /// Pages are malformed.
    #[error(transparent)]
    Docs(#[from] DocsErrors),
}
