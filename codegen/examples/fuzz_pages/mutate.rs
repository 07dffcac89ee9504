//! Deterministic mutation of docs pages: a small PRNG and mutators that know the shape of a page
//! (lines, table cells, fences, JSON samples) as well as plain bytes, so the mutants reach deep
//! into the page reader instead of dying at the first check.

/// SplitMix64: tiny, fast, and the same sequence on every machine for a given seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `1/n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A random element of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments of the docs' vocabulary and of text known to be hard: section headings, table
/// headers, type cells, fences, XML-doc markup, entities, keywords, odd whitespace.
pub const DICTIONARY: &[&str] = &[
    "|",
    "||",
    "\\|",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{0}",
    "\u{200b}",
    "\u{a0}",
    "```",
    "```http\n",
    "```http!\n",
    "```http_\n",
    "\n```\n",
    "---\n",
    "---\nid: v1X_Y\n---\n",
    "title: ",
    "uid: ",
    "# ",
    "## ",
    "### ",
    "#### ",
    "## Response: ",
    "## Response: array",
    "## Response: object",
    "## Response: bool",
    "### Response body: ",
    "Response body: object\n",
    "Response body: array\n",
    "## Request Body: request ",
    "## Request Body: changes string",
    "## Request Body: image binary",
    "## Query String Parameters\n",
    "## Request Headers\n",
    "## Sample Request\n",
    "## Sample request\n",
    "## Sample response\n",
    "Online Restricted: ",
    "| Property Name | Type |  Description |\n|----------------|------|--------------|\n",
    "| Path Part | Type | Description |\n|-----------|------|-------------|\n",
    "| Parameter Name | Type |  Description |\n|----------------|------|--------------|\n",
    "| Parameter Name | Description |\n|----------------|-------------|\n",
    "| Response | Description |\n|----------------|-------------|\n",
    "Property Name | Type | Description |\n---|---|---|\n",
    "---|---|---|",
    "| 200 | OK |\n",
    "| 204 | No Content |\n",
    "| 99999 | x |\n",
    "| Id | int32 | The id |\n",
    "| Items | array | x |\n",
    "| Map | object | x |\n",
    "| Child | Self | x |\n",
    "| x | Enum: A, B, | x |\n",
    "**Required**",
    "GET /api/v1/",
    "POST /api/v1/Agents/",
    "PATCH /api/v1/X/{id}",
    "DELETE /api/v1/X/{id:int}/{*rest}",
    "PUT /api/v1/{",
    "/api/v1/Agents/",
    "{id}",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "1099511627776",
    "99999999999999999999999999",
    "1e400",
    "-0.0",
    "\"2004-09-26T18:25:50.1305954+02:00\"",
    "\"An object of some kind\"",
    "{\"fieldName\": {\"A\": 1}}",
    "{\"CustomFields1\": 1, \"CustomFields2\": \"x\"}",
    "[{\"A\": {\"B\": {\"C\": []}}}]",
    "HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\n\n",
    "HTTP/1.1 204 No Content\n",
    "Content-Type: application/json\n\n",
    "int32",
    "int64",
    "double",
    "bool",
    "string",
    "date-time",
    "binary",
    "byte",
    "Integer",
    "String",
    "Boolean",
    "object",
    "Object",
    "array",
    "Array",
    "Enum: ",
    "TableRight",
    "RecurrenceInfo",
    "Self",
    "self",
    "Type",
    "type",
    "crate",
    "super",
    "async",
    "r#type",
    "$select",
    "odata.nextLink",
    "1st",
    "日本",
    "Ærø",
    "🙂",
    "<see cref=\"T:SuperOffice.CRM.Services.IChatAgent\">Chat Agent</see>",
    "<see cref=\"M:A.B(System.Int32)\"/>",
    "<see langword=\"null\"/>",
    "<para />",
    "<para>",
    "</para>",
    "<c>",
    "<code>",
    "<li>",
    "<a href=\"",
    "<!--",
    "-->",
    "&amp;apos;",
    "&amp;amp;amp;",
    "&#x1F600;",
    "&#0;",
    "&#xD800;",
    "&lt;para /&gt;",
    "`",
    "```rust\nfn main() {}\n```",
    "\\",
    "*/",
    "/*",
    "#!",
    "//!",
    "https://",
    "http://x.y/(a)_",
    "Carrier object for ",
    "Returns NULL",
    "supports operations 'add', 'replace'.",
    "\u{2022} 5 minutes to read\n",
    "Some tooltip text!\n",
];

/// Bytes a byte-level mutation writes: structure characters more often than the rest.
const INTERESTING_BYTES: &[u8] = b"|`\\{}[]\":,-#*_<>&;\n\r\t \x00\x7f\x80\xbf\xc3\xe2\xef\xf0\xff";

/// Makes mutants of seed pages.
pub struct Mutator {
    rng: Rng,
    max_len: usize,
}

impl Mutator {
    /// A mutator drawing from `seed`, producing inputs of at most `max_len` bytes.
    pub fn new(seed: u64, max_len: usize) -> Self {
        Mutator {
            rng: Rng::new(seed),
            max_len,
        }
    }

    /// The generator, for callers that need more randomness of the same sequence.
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// A mutant of `base`, with `other` available for crossover. Sometimes plain random bytes.
    pub fn mutate(&mut self, base: &[u8], other: &[u8]) -> Vec<u8> {
        if self.rng.one_in(64) {
            let len = self.rng.below(512);
            return (0..len).map(|_| self.rng.next_u64() as u8).collect();
        }
        let mut data = base.to_vec();
        let rounds = 1 + self.rng.below(8);
        for _ in 0..rounds {
            self.mutate_once(&mut data, other);
        }
        data.truncate(self.max_len);
        data
    }

    fn mutate_once(&mut self, data: &mut Vec<u8>, other: &[u8]) {
        match self.rng.below(24) {
            0 => self.flip_bit(data),
            1 => self.set_byte(data),
            2 => self.insert_bytes(data),
            3 | 4 => self.delete_range(data),
            5 => self.duplicate_range(data),
            6..=8 => self.insert_word(data, false),
            9 | 10 => self.insert_word(data, true),
            11 => self.truncate(data),
            12 => self.duplicate_line(data),
            13 => self.delete_line(data),
            14 => self.swap_lines(data),
            15 => self.splice(data, other),
            16 => self.line_from(data, other),
            17 => self.line_endings(data),
            18 => self.table_cell(data),
            19 => self.replace_number(data),
            20 => self.nest(data),
            21 | 22 => self.table_column(data),
            _ => self.repeat_range(data),
        }
    }

    fn pos(&mut self, data: &[u8]) -> usize {
        self.rng.below(data.len() + 1)
    }

    fn range(&mut self, data: &[u8]) -> (usize, usize) {
        let start = self.pos(data);
        let len = match self.rng.below(4) {
            0 => self.rng.below(4),
            1 => self.rng.below(32),
            2 => self.rng.below(256),
            _ => self.rng.below(data.len() + 1),
        };
        (start, (start + len).min(data.len()))
    }

    /// Byte offsets of line starts.
    fn line_starts(data: &[u8]) -> Vec<usize> {
        let mut starts = vec![0];
        starts.extend(
            data.iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        starts
    }

    /// A random line as a byte range, newline included.
    fn line(&mut self, data: &[u8]) -> (usize, usize) {
        let starts = Self::line_starts(data);
        let i = self.rng.below(starts.len());
        let end = starts.get(i + 1).copied().unwrap_or(data.len());
        (starts[i], end)
    }

    fn flip_bit(&mut self, data: &mut [u8]) {
        if !data.is_empty() {
            let i = self.rng.below(data.len());
            data[i] ^= 1 << self.rng.below(8);
        }
    }

    fn set_byte(&mut self, data: &mut [u8]) {
        if !data.is_empty() {
            let i = self.rng.below(data.len());
            data[i] = *self.rng.pick(INTERESTING_BYTES);
        }
    }

    fn insert_bytes(&mut self, data: &mut Vec<u8>) {
        let at = self.pos(data);
        let n = 1 + self.rng.below(8);
        let bytes: Vec<u8> = (0..n)
            .map(|_| {
                if self.rng.one_in(2) {
                    *self.rng.pick(INTERESTING_BYTES)
                } else {
                    self.rng.next_u64() as u8
                }
            })
            .collect();
        data.splice(at..at, bytes);
    }

    fn delete_range(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.range(data);
        data.drain(a..b);
    }

    fn duplicate_range(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.range(data);
        let copy = data[a..b].to_vec();
        let at = self.pos(data);
        data.splice(at..at, copy);
    }

    /// Repeats a short range many times: long runs (deep nesting, many rows, huge cells).
    fn repeat_range(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.range(data);
        let b = b.min(a + 64);
        let copy = data[a..b].to_vec();
        if copy.is_empty() {
            return;
        }
        let times = 1 + self.rng.below(self.max_len / copy.len() / 4 + 1).min(4096);
        let at = self.pos(data);
        let run: Vec<u8> = copy
            .iter()
            .copied()
            .cycle()
            .take(copy.len() * times)
            .collect();
        data.splice(at..at, run);
    }

    fn insert_word(&mut self, data: &mut Vec<u8>, at_line_start: bool) {
        let word = self.rng.pick(DICTIONARY).as_bytes().to_vec();
        let at = if at_line_start {
            let starts = Self::line_starts(data);
            *self.rng.pick(&starts)
        } else {
            self.pos(data)
        };
        if self.rng.one_in(3) {
            // Replace rather than insert.
            let end = (at + 1 + self.rng.below(16)).min(data.len());
            data.splice(at..end, word);
        } else {
            data.splice(at..at, word);
        }
    }

    fn truncate(&mut self, data: &mut Vec<u8>) {
        let at = self.pos(data);
        data.truncate(at);
    }

    fn duplicate_line(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.line(data);
        let copy = data[a..b].to_vec();
        let (at, _) = self.line(data);
        data.splice(at..at, copy);
    }

    fn delete_line(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.line(data);
        data.drain(a..b);
    }

    fn swap_lines(&mut self, data: &mut Vec<u8>) {
        let (a1, b1) = self.line(data);
        let (a2, b2) = self.line(data);
        if b1 <= a2 {
            let first = data[a1..b1].to_vec();
            let second = data[a2..b2].to_vec();
            data.splice(a2..b2, first);
            data.splice(a1..b1, second);
        }
    }

    /// Crossover: a prefix of this page and a suffix of the other.
    fn splice(&mut self, data: &mut Vec<u8>, other: &[u8]) {
        let at = self.pos(data);
        let from = self.rng.below(other.len() + 1);
        data.truncate(at);
        data.extend_from_slice(&other[from..]);
    }

    fn line_from(&mut self, data: &mut Vec<u8>, other: &[u8]) {
        let (a, b) = self.line(other);
        let copy = other[a..b].to_vec();
        let (at, _) = self.line(data);
        data.splice(at..at, copy);
    }

    fn line_endings(&mut self, data: &mut Vec<u8>) {
        match self.rng.below(4) {
            0 => {
                let mut out = Vec::with_capacity(data.len() + data.len() / 16);
                for &b in data.iter() {
                    if b == b'\n' {
                        out.push(b'\r');
                    }
                    out.push(b);
                }
                *data = out;
            }
            1 => data
                .iter_mut()
                .filter(|b| **b == b'\n')
                .for_each(|b| *b = b'\r'),
            2 => {
                data.splice(0..0, "\u{feff}".bytes());
            }
            _ => data
                .iter_mut()
                .filter(|b| **b == b' ')
                .for_each(|b| *b = b'\t'),
        }
    }

    /// Adds, removes or replaces a cell of a table row.
    fn table_cell(&mut self, data: &mut Vec<u8>) {
        let rows: Vec<(usize, usize)> = {
            let starts = Self::line_starts(data);
            starts
                .iter()
                .enumerate()
                .map(|(i, &s)| (s, starts.get(i + 1).copied().unwrap_or(data.len())))
                .filter(|&(a, b)| data[a..b].contains(&b'|'))
                .collect()
        };
        if rows.is_empty() {
            return;
        }
        let (a, b) = *self.rng.pick(&rows);
        let pipes: Vec<usize> = (a..b).filter(|&i| data[i] == b'|').collect();
        let p = *self.rng.pick(&pipes);
        match self.rng.below(3) {
            0 => {
                data.insert(p, b'|');
            }
            1 => {
                data.remove(p);
            }
            _ => {
                let next = pipes.iter().copied().find(|&q| q > p).unwrap_or(p + 1);
                let word = format!(" {} ", self.rng.pick(DICTIONARY));
                data.splice(p + 1..next.min(data.len()), word.into_bytes());
            }
        }
    }

    /// Adds or removes a column of a whole table (every contiguous line with a pipe), so the
    /// header, the delimiter row and the body rows keep agreeing and the table stays a table.
    fn table_column(&mut self, data: &mut Vec<u8>) {
        let starts = Self::line_starts(data);
        let lines: Vec<(usize, usize)> = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, starts.get(i + 1).copied().unwrap_or(data.len())))
            .collect();
        let has_pipe = |&(a, b): &(usize, usize)| data[a..b].contains(&b'|');
        let with_pipe: Vec<usize> = (0..lines.len()).filter(|&i| has_pipe(&lines[i])).collect();
        if with_pipe.is_empty() {
            return;
        }
        let mid = *self.rng.pick(&with_pipe);
        let mut first = mid;
        while first > 0 && has_pipe(&lines[first - 1]) {
            first -= 1;
        }
        let mut last = mid;
        while last + 1 < lines.len() && has_pipe(&lines[last + 1]) {
            last += 1;
        }
        let column = self.rng.below(4);
        let remove = self.rng.one_in(2);
        let word = self.rng.pick(DICTIONARY).replace(['\n', '\r', '|'], " ");
        // Back to front, so earlier offsets stay valid.
        for &(a, b) in lines[first..=last].iter().rev() {
            let pipes: Vec<usize> = (a..b).filter(|&i| data[i] == b'|').collect();
            let Some(&p) = pipes.get(column.min(pipes.len() - 1)) else {
                continue;
            };
            let delimiter = data[a..b]
                .iter()
                .all(|c| matches!(c, b'-' | b'|' | b':' | b' ' | b'\t' | b'\r' | b'\n'));
            if remove {
                let next = pipes.iter().copied().find(|&q| q > p).unwrap_or(p + 1);
                data.drain(p..next);
            } else if delimiter {
                data.splice(p + 1..p + 1, b"---|".iter().copied());
            } else {
                data.splice(p + 1..p + 1, format!(" {word} |").into_bytes());
            }
        }
    }

    /// Replaces a run of digits with an interesting number.
    fn replace_number(&mut self, data: &mut Vec<u8>) {
        let digits: Vec<usize> = (0..data.len())
            .filter(|&i| data[i].is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return;
        }
        let start = *self.rng.pick(&digits);
        let end = (start..data.len())
            .find(|&i| !data[i].is_ascii_digit())
            .unwrap_or(data.len());
        const NUMBERS: &[&str] = &[
            "0",
            "-1",
            "2147483648",
            "1099511627776",
            "18446744073709551616",
            "1.5",
            "1e308",
            "4294967295",
            "600",
            "99",
        ];
        let n = self.rng.pick(NUMBERS).as_bytes().to_vec();
        data.splice(start..end, n);
    }

    /// Wraps a range in brackets or braces many times: deep JSON and deep markdown nesting.
    fn nest(&mut self, data: &mut Vec<u8>) {
        let (a, b) = self.range(data);
        let depth = 1 + self.rng.below(300);
        let (open, close): (&[u8], &[u8]) = match self.rng.below(5) {
            0 => (b"[", b"]"),
            1 => (b"{\"A\":", b"}"),
            2 => (b"> ", b""),
            3 => (b"- ", b""),
            _ => (b"<para>", b"</para>"),
        };
        let mut out = Vec::with_capacity(data.len() + depth * (open.len() + close.len()));
        out.extend_from_slice(&data[..a]);
        for _ in 0..depth {
            out.extend_from_slice(open);
        }
        out.extend_from_slice(&data[a..b]);
        for _ in 0..depth {
            out.extend_from_slice(close);
        }
        out.extend_from_slice(&data[b..]);
        *data = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_mutants() {
        let page = b"# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let run = |seed| {
            let mut m = Mutator::new(seed, 1 << 16);
            (0..50).map(|_| m.mutate(page, page)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }
}
