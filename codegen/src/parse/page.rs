//! [`Page`]: what one endpoint page states, read from its [`Document`]. Nothing is inferred
//! here; type names stay as the page spells them, blanks stay blank.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Span};
use crate::ir::Method;

use super::document::{Block, Document, Table};

/// Which form a page was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageForm {
    /// The docs repository's markdown.
    Markdown,
    /// The website's text rendering.
    Rendered,
}

/// Everything one endpoint page says.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path relative to the docs folder.
    pub source: Arc<str>,
    /// Markdown or website text.
    pub form: PageForm,
    /// The operation id of the frontmatter (`uid:` or `id:`), if any.
    pub id: Option<String>,
    /// The page title (frontmatter `title:` or the first heading).
    pub title: String,
    /// The request line's method.
    pub method: Method,
    /// The request line's path, without a query string.
    pub path: String,
    /// The request line.
    pub span: Span,
    /// The first paragraph of the introduction.
    pub summary: String,
    /// The remaining paragraphs of the introduction.
    pub description: String,
    /// The `Path Part` table.
    pub path_parts: Vec<ParamRow>,
    /// The `Query String Parameters` table.
    pub query_params: Vec<ParamRow>,
    /// The `Request Headers` table.
    pub headers: Vec<HeaderRow>,
    /// The `Request Body:` section.
    pub request_body: Option<RequestBody>,
    /// The `Response:` section.
    pub response: Option<ResponseSection>,
    /// The sample request.
    pub sample_request: Option<Sample>,
    /// The sample response.
    pub sample_response: Option<Sample>,
}

/// A row of a path-part or query-parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    /// Name as documented (and as sent).
    pub name: String,
    /// Type cell as written (`int32`, `Enum: A, B`, ...).
    pub ty: String,
    /// Description, without the trailing **Required** mark.
    pub description: String,
    /// Whether the row was marked **Required**.
    pub required: bool,
    /// The row.
    pub span: Span,
}

/// A row of the `Request Headers` table.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderRow {
    /// Header name.
    pub name: String,
    /// What the header does.
    pub description: String,
    /// The row.
    pub span: Span,
}

/// A row of a property table (request or response body).
#[derive(Debug, Clone, PartialEq)]
pub struct PropRow {
    /// Wire name.
    pub name: String,
    /// Type cell as written; may be blank.
    pub ty: String,
    /// Description.
    pub description: String,
    /// The row.
    pub span: Span,
}

/// The `## Request Body: NAME [KIND]` section.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The parameter name (`request`, `entity`, `changes`, `image`).
    pub name: String,
    /// The kind word after the name, if any (`string` for JSON-Patch, `binary` for uploads).
    pub kind: Option<String>,
    /// The section's text.
    pub description: String,
    /// The property table, if any.
    pub properties: Vec<PropRow>,
    /// The heading.
    pub span: Span,
}

/// The `## Response:` section and its `### Response body:` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSection {
    /// The word after `Response:` (`object`, `array`, `string`, ...), if any.
    pub kind: Option<String>,
    /// The section's text (the response description and, for entities, the carrier text).
    pub description: String,
    /// Documented status codes.
    pub statuses: Vec<StatusRow>,
    /// The name after `Response body:` (`ChatSessionEntity`, `array`, `object`, ...), if any.
    pub body_name: Option<String>,
    /// The property table of the body.
    pub properties: Vec<PropRow>,
    /// The heading.
    pub span: Span,
}

/// A row of the status table.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusRow {
    /// HTTP status code.
    pub code: u16,
    /// What it means for this endpoint.
    pub description: String,
    /// The row.
    pub span: Span,
}

/// A sample request or response: first line, headers, JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The request line or status line.
    pub first_line: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body, parsed as JSON; `None` when the sample has no body.
    pub body: Option<serde_json::Value>,
    /// The code block.
    pub span: Span,
}

/// Reads a page's document. `Ok(None)`: not an endpoint page (an index, a landing page), skipped
/// silently. `Err`: an endpoint page that is malformed, with every problem found.
pub fn read_page(
    source: &Arc<str>,
    form: PageForm,
    doc: &Document,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    let mut reader = Reader {
        source,
        errors: Vec::new(),
    };
    reader.page(form, doc)
}

struct Reader<'a> {
    source: &'a Arc<str>,
    errors: Vec<Diagnostic>,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Intro,
    Query,
    Headers,
    RequestBody,
    Response,
    ResponseBody,
    SampleRequest,
    SampleResponse,
    Other,
}

const METHODS: &str = "GET, POST, PUT, PATCH or DELETE";

impl Reader<'_> {
    fn span(&self, line: u32) -> Span {
        Span::new(self.source, line)
    }

    fn error(&mut self, line: u32, message: impl Into<String>) {
        let span = self.span(line);
        self.errors.push(Diagnostic::error(span, message));
    }

    fn page(&mut self, form: PageForm, doc: &Document) -> Result<Option<Page>, Vec<Diagnostic>> {
        let front = |key: &str| {
            doc.frontmatter
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, v, _)| v.clone())
        };
        let id = front("uid")
            .or_else(|| front("id"))
            .filter(|v| !v.is_empty());
        let looks_like_endpoint = id.is_some()
            || doc.blocks.iter().any(|b| match b {
                Block::Heading { text, .. } => {
                    text.starts_with("Response:") || text == "Request Headers"
                }
                Block::Code { text, .. } => request_line(text).is_some(),
                _ => false,
            });
        if !looks_like_endpoint {
            return Ok(None);
        }

        let mut title = front("title").unwrap_or_default();
        let mut request: Option<(Method, String, u32)> = None;
        let mut intro: Vec<&str> = Vec::new();
        let mut section = Section::Intro;
        let mut page_parts = Vec::new();
        let mut query_params = Vec::new();
        let mut headers = Vec::new();
        let mut request_body: Option<RequestBody> = None;
        let mut response: Option<ResponseSection> = None;
        let mut sample_request = None;
        let mut sample_response = None;
        let mut section_text: Vec<&str> = Vec::new();

        for block in &doc.blocks {
            match block {
                Block::Heading { level, text, line } => {
                    self.close_section(section, &section_text, &mut request_body, &mut response);
                    section_text.clear();
                    if *level == 1 {
                        if title.is_empty() {
                            title = text.clone();
                        }
                        continue;
                    }
                    section = self.open_section(text, *line, &mut request_body, &mut response);
                }
                Block::Paragraph { text, line } => match section {
                    Section::Intro => intro.push(text),
                    // The `id:` pages write `Response body: object` as a plain line.
                    Section::Response if text.starts_with("Response body:") => {
                        self.close_section(
                            section,
                            &section_text,
                            &mut request_body,
                            &mut response,
                        );
                        section_text.clear();
                        section = self.open_section(text, *line, &mut request_body, &mut response);
                    }
                    _ => section_text.push(text),
                },
                Block::Code { info, text, line } => {
                    if section == Section::Intro && request.is_none() && info.starts_with("http") {
                        if let Some((m, path)) = request_line(text) {
                            match Method::parse(m) {
                                Some(method) => request = Some((method, path.to_string(), *line)),
                                None => self.error(
                                    *line,
                                    format!("unknown HTTP method `{m}` in the request line; expected {METHODS}"),
                                ),
                            }
                        }
                    } else if matches!(section, Section::SampleRequest | Section::SampleResponse) {
                        // `http!` is the request and `http_` the response, whichever heading they
                        // stand under (the `id:` pages put both under `## Sample Request`).
                        let is_response = match info.as_str() {
                            "http_" => true,
                            "http!" => false,
                            _ => section == Section::SampleResponse,
                        };
                        let slot = if is_response {
                            &mut sample_response
                        } else {
                            &mut sample_request
                        };
                        if slot.is_none() {
                            *slot = self.sample(text, *line);
                        }
                    }
                }
                Block::Table(table) => {
                    self.check_columns(table);
                    let first = table.header.first().map(String::as_str).unwrap_or("");
                    match (first, section) {
                        ("Path Part", _) => page_parts = self.params(table),
                        ("Parameter Name", Section::Query) if table.header.len() >= 3 => {
                            query_params = self.params(table)
                        }
                        ("Parameter Name", _) => headers = self.headers(table),
                        ("Response", Section::Response) => {
                            if let Some(r) = response.as_mut() {
                                r.statuses = self.statuses(table);
                            }
                        }
                        ("Property Name", Section::RequestBody) => {
                            if let Some(b) = request_body.as_mut() {
                                b.properties = self.props(table);
                            }
                        }
                        ("Property Name", Section::ResponseBody | Section::Response) => {
                            if let Some(r) = response.as_mut() {
                                r.properties = self.props(table);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        self.close_section(section, &section_text, &mut request_body, &mut response);

        let Some((method, path, line)) = request else {
            if self.errors.is_empty() {
                let line = doc.blocks.first().map_or(1, block_line);
                self.error(
                    line,
                    format!("no request line: expected a line like `GET /api/v1/...` (method {METHODS}) at the top of the page"),
                );
            }
            return Err(std::mem::take(&mut self.errors));
        };
        if !self.errors.is_empty() {
            return Err(std::mem::take(&mut self.errors));
        }
        let (summary, description) = match intro.split_first() {
            Some((first, rest)) => (first.to_string(), rest.join("\n\n")),
            None => (String::new(), String::new()),
        };
        Ok(Some(Page {
            source: Arc::clone(self.source),
            form,
            id,
            title,
            method,
            path,
            span: self.span(line),
            summary,
            description,
            path_parts: page_parts,
            query_params,
            headers,
            request_body,
            response,
            sample_request,
            sample_response,
        }))
    }

    fn open_section(
        &mut self,
        text: &str,
        line: u32,
        request_body: &mut Option<RequestBody>,
        response: &mut Option<ResponseSection>,
    ) -> Section {
        if text == "Query String Parameters" {
            Section::Query
        } else if text == "Request Headers" {
            Section::Headers
        } else if let Some(rest) = text.strip_prefix("Request Body:") {
            let mut words = rest.split_whitespace();
            let name = words.next().unwrap_or("").to_string();
            let kind = words.next().map(str::to_string);
            *request_body = Some(RequestBody {
                name,
                kind,
                description: String::new(),
                properties: Vec::new(),
                span: self.span(line),
            });
            Section::RequestBody
        } else if let Some(rest) = text.strip_prefix("Response body:") {
            let name = rest.trim();
            let r = response.get_or_insert_with(|| empty_response(self.span(line)));
            r.body_name = (!name.is_empty()).then(|| name.to_string());
            Section::ResponseBody
        } else if let Some(rest) = text.strip_prefix("Response:") {
            let kind = rest.trim();
            *response = Some(ResponseSection {
                kind: (!kind.is_empty()).then(|| kind.to_string()),
                ..empty_response(self.span(line))
            });
            Section::Response
        } else if text.eq_ignore_ascii_case("Sample request") {
            Section::SampleRequest
        } else if text.eq_ignore_ascii_case("Sample response") {
            Section::SampleResponse
        } else {
            Section::Other
        }
    }

    fn close_section(
        &self,
        section: Section,
        text: &[&str],
        request_body: &mut Option<RequestBody>,
        response: &mut Option<ResponseSection>,
    ) {
        if text.is_empty() {
            return;
        }
        let joined = text.join("\n\n");
        match section {
            Section::RequestBody => {
                if let Some(b) = request_body.as_mut() {
                    b.description = joined;
                }
            }
            Section::Response => {
                if let Some(r) = response.as_mut() {
                    r.description = joined;
                }
            }
            _ => {}
        }
    }

    fn check_columns(&mut self, table: &Table) {
        let mut header = None;
        for row in &table.rows {
            if row.source_cells != table.header.len() {
                let header = header.get_or_insert_with(|| header_text(table));
                self.error(
                    row.line,
                    format!(
                        "table row has {} cell(s), expected {} to match the header `{header}`",
                        row.source_cells,
                        table.header.len(),
                    ),
                );
            }
        }
    }

    fn params(&mut self, table: &Table) -> Vec<ParamRow> {
        table
            .rows
            .iter()
            .map(|row| {
                let (ty, desc) = if table.header.len() >= 3 {
                    (cell(&row.cells, 1), cell(&row.cells, 2))
                } else {
                    ("", cell(&row.cells, 1))
                };
                let (description, required) = match desc.strip_suffix("Required") {
                    Some(d) => (d.trim_end().to_string(), true),
                    None => (desc.to_string(), false),
                };
                ParamRow {
                    name: cell(&row.cells, 0).to_string(),
                    ty: ty.to_string(),
                    description,
                    required,
                    span: self.span(row.line),
                }
            })
            .collect()
    }

    fn headers(&self, table: &Table) -> Vec<HeaderRow> {
        table
            .rows
            .iter()
            .map(|row| HeaderRow {
                name: cell(&row.cells, 0).to_string(),
                description: cell(&row.cells, table.header.len().saturating_sub(1)).to_string(),
                span: self.span(row.line),
            })
            .collect()
    }

    fn statuses(&mut self, table: &Table) -> Vec<StatusRow> {
        let mut out = Vec::new();
        for row in &table.rows {
            let code = cell(&row.cells, 0);
            match code.parse::<u16>() {
                Ok(code) if (100..600).contains(&code) => out.push(StatusRow {
                    code,
                    description: cell(&row.cells, 1).to_string(),
                    span: self.span(row.line),
                }),
                _ => self.error(
                    row.line,
                    format!("status table: expected an HTTP status code (100-599), found `{code}`"),
                ),
            }
        }
        out
    }

    fn props(&self, table: &Table) -> Vec<PropRow> {
        table
            .rows
            .iter()
            .map(|row| PropRow {
                name: cell(&row.cells, 0).to_string(),
                ty: cell(&row.cells, 1).to_string(),
                description: cell(&row.cells, 2).to_string(),
                span: self.span(row.line),
            })
            .collect()
    }

    /// Reads a sample: first line, headers up to a blank line or the body, then the JSON body.
    fn sample(&mut self, text: &str, line: u32) -> Option<Sample> {
        let mut lines = text
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.trim().is_empty());
        let (_, first) = lines.next()?;
        let mut headers = Vec::new();
        let mut body_start = None;
        for (i, l) in lines {
            let t = l.trim();
            if t.is_empty() {
                body_start = Some(i + 1);
                break;
            }
            match header_line(t) {
                Some((k, v)) => headers.push((k.to_string(), v.to_string())),
                None => {
                    body_start = Some(i);
                    break;
                }
            }
        }
        let body_text = body_start
            .map(|start| text.lines().skip(start).collect::<Vec<_>>().join("\n"))
            .unwrap_or_default();
        let body = if body_text.trim().is_empty() {
            None
        } else {
            match serde_json::from_str::<serde_json::Value>(&body_text) {
                Ok(v) => Some(v),
                Err(e) => {
                    let at =
                        line + body_start.unwrap_or(0) as u32 + e.line().saturating_sub(1) as u32;
                    let what = if e.is_eof() {
                        "truncated JSON sample: the body ends before the JSON value is complete"
                            .to_string()
                    } else {
                        // serde's own position counts lines from the start of the body; the
                        // diagnostic already points at the file's line, so keep the column only.
                        let text = e.to_string();
                        let what = text
                            .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                            .unwrap_or(&text);
                        format!("invalid JSON sample at column {}: {what}", e.column())
                    };
                    self.error(at, what);
                    return None;
                }
            }
        };
        Some(Sample {
            first_line: first.trim().to_string(),
            headers,
            body,
            span: self.span(line),
        })
    }
}

/// A table's header as `a | b | c`, shortened when it is long: it is repeated in the error of
/// every row that does not fit it, so its length must not multiply with the number of rows.
fn header_text(table: &Table) -> String {
    const MAX_CHARS: usize = 120;
    let full = table.header.join(" | ");
    match full.char_indices().nth(MAX_CHARS) {
        None => full,
        Some((cut, _)) => format!("{}… ({} cells)", &full[..cut], table.header.len()),
    }
}

fn empty_response(span: Span) -> ResponseSection {
    ResponseSection {
        kind: None,
        description: String::new(),
        statuses: Vec::new(),
        body_name: None,
        properties: Vec::new(),
        span,
    }
}

fn block_line(b: &Block) -> u32 {
    match b {
        Block::Heading { line, .. } | Block::Paragraph { line, .. } | Block::Code { line, .. } => {
            *line
        }
        Block::Table(t) => t.line,
    }
}

fn cell(cells: &[String], i: usize) -> &str {
    cells.get(i).map(String::as_str).unwrap_or("")
}

/// `METHOD /path...` on the first non-blank line of a code block: `(method, path without query)`.
/// Any all-caps word before a `/` counts, so an unknown method is reported rather than missed.
fn request_line(text: &str) -> Option<(&str, &str)> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    let (method, rest) = first.split_once(char::is_whitespace)?;
    let path = rest.trim();
    let valid_method = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    if !valid_method || !path.starts_with('/') || path.contains(char::is_whitespace) {
        return None;
    }
    Some((method, path.split('?').next().unwrap_or(path)))
}

/// `Name: value` with a token-like name.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let is_token = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    is_token.then(|| (k, v.trim()))
}
