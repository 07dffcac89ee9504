//! Markdown pages (the docs repository's form): pulldown-cmark events walked into a [`Document`].

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::document::{count_cells, Block, Document, Row, Table};

/// Maps byte offsets to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// What is being collected while walking the events.
enum Open {
    None,
    Heading(u8, usize),
    Paragraph(usize),
    Code(String, usize),
    Metadata(usize),
}

/// Walks `text` (a whole markdown page) into blocks with line numbers.
pub fn read(text: &str) -> Document {
    let lines = LineIndex::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut doc = Document::default();
    let mut open = Open::None;
    let mut buf = String::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut in_head = false;
    let mut cell: Option<String> = None;
    // Whether the previous row's source line ended without its closing pipe: a docs author's
    // line break inside a cell, which GFM turns into a row of its own.
    let mut row_open_ended = false;
    let mut row_continues = false;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    open = Open::Heading(level as u8, range.start);
                    buf.clear();
                }
                Tag::Paragraph if cell.is_none() => {
                    open = Open::Paragraph(range.start);
                    buf.clear();
                }
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    open = Open::Code(info, range.start);
                    buf.clear();
                }
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    open = Open::Metadata(range.start);
                    buf.clear();
                }
                Tag::Table(_) => {
                    table = Some(Table {
                        header: Vec::new(),
                        rows: Vec::new(),
                        line: lines.line(range.start),
                    });
                }
                Tag::TableHead => {
                    in_head = true;
                    row_open_ended = false;
                }
                Tag::TableRow => {
                    let src = text[range.clone()].trim();
                    row_continues = row_open_ended && !src.starts_with('|');
                    row_open_ended = !src.ends_with('|');
                    row = Some(Row {
                        cells: Vec::new(),
                        source_cells: count_cells(&text[range.clone()]),
                        line: lines.line(range.start),
                    });
                }
                Tag::TableCell => cell = Some(String::new()),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    if let Open::Heading(level, start) = open {
                        doc.blocks.push(Block::Heading {
                            level,
                            text: buf.trim().to_string(),
                            line: lines.line(start),
                        });
                    }
                    open = Open::None;
                }
                TagEnd::Paragraph if cell.is_none() => {
                    if let Open::Paragraph(start) = open {
                        doc.blocks.push(Block::Paragraph {
                            text: buf.trim().to_string(),
                            line: lines.line(start),
                        });
                    }
                    open = Open::None;
                }
                TagEnd::CodeBlock => {
                    if let Open::Code(info, start) = std::mem::replace(&mut open, Open::None) {
                        doc.blocks.push(Block::Code {
                            info,
                            text: buf.clone(),
                            line: lines.line(start) + 1,
                        });
                    }
                }
                TagEnd::MetadataBlock(_) => {
                    if let Open::Metadata(start) = open {
                        let first = lines.line(start) + 1;
                        for (i, l) in buf.lines().enumerate() {
                            if let Some((k, v)) = l.split_once(':') {
                                doc.frontmatter.push((
                                    k.trim().to_string(),
                                    v.trim().to_string(),
                                    first + i as u32,
                                ));
                            }
                        }
                    }
                    open = Open::None;
                }
                TagEnd::TableCell => {
                    if let Some(c) = cell.take() {
                        let c = c.trim().to_string();
                        if in_head {
                            if let Some(t) = table.as_mut() {
                                t.header.push(c);
                            }
                        } else if let Some(r) = row.as_mut() {
                            r.cells.push(c);
                        }
                    }
                }
                TagEnd::TableHead => {
                    in_head = false;
                    // The header's own cell count: pulldown-cmark already fixed the column count.
                }
                TagEnd::TableRow => {
                    if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                        match t.rows.last_mut().filter(|_| row_continues) {
                            Some(prev) => continue_row(prev, &r),
                            None => t.rows.push(r),
                        }
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        doc.blocks.push(Block::Table(t));
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => push_text(&mut cell, &mut buf, &t),
            Event::InlineHtml(t) | Event::Html(t) => push_text(&mut cell, &mut buf, &t),
            Event::SoftBreak | Event::HardBreak => push_text(&mut cell, &mut buf, "\n"),
            _ => {}
        }
    }
    doc
}

fn push_text(cell: &mut Option<String>, buf: &mut String, text: &str) {
    match cell {
        Some(c) => c.push_str(text),
        None => buf.push_str(text),
    }
}

/// Appends a continuation line (`r`) to the last non-empty cell of the row it continues.
fn continue_row(prev: &mut Row, r: &Row) {
    let extra: Vec<&str> = r
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(last) = prev.cells.iter_mut().rev().find(|c| !c.is_empty()) {
        for e in extra {
            last.push('\n');
            last.push_str(e);
        }
    }
}
