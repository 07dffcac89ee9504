//! The website's text rendering of a page (what a browser's "save as text" gives): no markdown,
//! `a | b |` table rows under a `---|---|` separator, headings as bare lines. It is read into the
//! same [`Document`] as a markdown page, so one page reader serves both forms.

use super::document::{count_cells, Block, Document, Row, Table};

/// True when `text` looks like the website rendering rather than markdown: no frontmatter, no
/// markdown headings, and at least one `---|` table separator.
pub fn looks_rendered(text: &str) -> bool {
    !text.starts_with("---")
        && !text
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
        && text.lines().any(is_separator)
}

fn is_separator(line: &str) -> bool {
    let l = line.trim();
    l.contains('|')
        && l.chars()
            .all(|c| c == '-' || c == '|' || c == ':' || c == ' ')
        && l.contains("--")
}

/// Lines that are page chrome of the website (reading-time badges, a tooltip placeholder), not
/// documentation.
fn is_chrome(line: &str) -> bool {
    line.starts_with('•') || line == "Some tooltip text!"
}

/// Which heading a bare line is, if it is one: `(level, text)`.
fn heading(line: &str) -> Option<u8> {
    const SECTIONS: [&str; 4] = [
        "Request Headers",
        "Query String Parameters",
        "Sample request",
        "Sample response",
    ];
    if SECTIONS.iter().any(|s| line.eq_ignore_ascii_case(s))
        || line.starts_with("Response:")
        || line.starts_with("Request Body:")
        || line.starts_with("Online Restricted:")
    {
        Some(2)
    } else if line.starts_with("Response body:") {
        Some(3)
    } else {
        None
    }
}

fn is_request_line(line: &str) -> bool {
    match line.split_once(' ') {
        Some((m, rest)) => {
            !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) && rest.starts_with("/api/")
        }
        None => false,
    }
}

fn cells(line: &str) -> Vec<String> {
    let l = line.trim();
    let l = l.strip_prefix('|').unwrap_or(l);
    let l = l.strip_suffix('|').unwrap_or(l);
    l.split('|').map(|c| c.trim().to_string()).collect()
}

/// Reads a website text rendering into blocks with line numbers.
pub fn read(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::default();
    let mut i = 0;
    let mut seen_title = false;
    while i < lines.len() {
        let line = lines[i].trim();
        let no = i as u32 + 1;
        if line.is_empty() || is_chrome(line) {
            i += 1;
            continue;
        }
        if !seen_title {
            seen_title = true;
            doc.blocks.push(Block::Heading {
                level: 1,
                text: line.to_string(),
                line: no,
            });
            i += 1;
            continue;
        }
        // A table: a header row followed by a separator row.
        if line.contains('|') && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            let header = cells(line);
            let mut table = Table {
                header,
                rows: Vec::new(),
                line: no,
            };
            i += 2;
            while i < lines.len() && lines[i].trim().ends_with('|') {
                table.rows.push(Row {
                    cells: cells(lines[i]),
                    source_cells: count_cells(lines[i]),
                    line: i as u32 + 1,
                });
                i += 1;
            }
            // As in GFM: cells beyond the header's are dropped, missing ones stay missing (read
            // as empty). Padding every row to the header's width would make a page with a wide
            // header and many rows cost rows x columns.
            for r in &mut table.rows {
                r.cells.truncate(table.header.len());
            }
            doc.blocks.push(Block::Table(table));
            continue;
        }
        if let Some(level) = heading(line) {
            doc.blocks.push(Block::Heading {
                level,
                text: line.to_string(),
                line: no,
            });
            i += 1;
            // The samples run to the next sample heading (or the end): they are code.
            let info = if line.eq_ignore_ascii_case("Sample request") {
                Some("http!")
            } else if line.eq_ignore_ascii_case("Sample response") {
                Some("http_")
            } else {
                None
            };
            if let Some(info) = info {
                let start = i;
                while i < lines.len() && !lines[i].trim().eq_ignore_ascii_case("Sample response") {
                    i += 1;
                }
                doc.blocks.push(Block::Code {
                    info: info.to_string(),
                    text: lines[start..i].join("\n"),
                    line: start as u32 + 1,
                });
            }
            continue;
        }
        if is_request_line(line) {
            doc.blocks.push(Block::Code {
                info: "http".to_string(),
                text: line.to_string(),
                line: no,
            });
        } else {
            doc.blocks.push(Block::Paragraph {
                text: line.to_string(),
                line: no,
            });
        }
        i += 1;
    }
    doc
}
