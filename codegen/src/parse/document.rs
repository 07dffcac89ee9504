//! The block structure shared by both page forms (markdown and website text), so one page
//! reader serves both.

/// A page reduced to the blocks the page reader needs, each with its 1-based line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// `key: value` pairs of the YAML frontmatter, with their lines.
    pub frontmatter: Vec<(String, String, u32)>,
    /// Blocks in page order.
    pub blocks: Vec<Block>,
}

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading (`#` level 1 ... ).
    Heading {
        /// 1 for `#`, 2 for `##`, ...
        level: u8,
        /// Heading text, trimmed.
        text: String,
        /// Line of the heading.
        line: u32,
    },
    /// Running text.
    Paragraph {
        /// The text; soft breaks become `\n`, inline HTML is kept as written.
        text: String,
        /// First line.
        line: u32,
    },
    /// A table.
    Table(Table),
    /// A fenced code block.
    Code {
        /// The info string (`http`, `http!`, `http_`, `js`, ...).
        info: String,
        /// The content, lines joined by `\n`.
        text: String,
        /// Line of the first content line.
        line: u32,
    },
}

/// A table with its header and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// Line of the header row.
    pub line: u32,
}

/// A table body row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells, trimmed, at most as many as the header has; missing trailing cells are absent
    /// (read them as empty).
    pub cells: Vec<String>,
    /// How many cells the source row really had, to report rows that do not fit the header.
    pub source_cells: usize,
    /// Line of the row.
    pub line: u32,
}

/// Counts the cells of a `| a | b |` source line: pipes that are not escaped (`\|`) separate
/// cells; a leading and a trailing pipe are optional.
///
/// As in GFM (and pulldown-cmark), a pipe inside a backtick code span separates cells too: a
/// docs author who meant it as text wrote a row with more cells than its header, which is
/// reported rather than read with its last cells silently dropped.
pub fn count_cells(line: &str) -> usize {
    let line = line.trim();
    let mut cells = 1;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'|' if i != 0 && i != bytes.len() - 1 => cells += 1,
            _ => {}
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::count_cells;

    #[test]
    fn counts_cells_with_and_without_outer_pipes() {
        assert_eq!(count_cells("| a | b | c |"), 3);
        assert_eq!(count_cells("a | b | c |"), 3);
        assert_eq!(count_cells("| a | b \\| c |"), 2);
        // GFM: a code span does not protect a pipe.
        assert_eq!(count_cells("| a | `x|y` |"), 3);
        assert_eq!(count_cells("| a | `x\\|y` |"), 2);
    }
}
