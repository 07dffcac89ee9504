//! Documentation text from the docs pages, made fit for rustdoc.
//!
//! The WebAPI docs carry .NET XML-doc remnants (`<see cref="..."/>`, `<para />`), HTML tags and
//! entities, sometimes encoded twice (`&amp;apos;`). [`clean`] turns that into plain text with
//! paragraphs; [`escape_markdown`] then makes the plain text safe to put in a doc comment: no
//! accidental links, headings, HTML, code blocks (which rustdoc would run as doctests) or bare
//! URLs. [`rustdoc`] does both.

/// Cleans and escapes `raw` for a doc comment: [`clean`] then [`escape_markdown`].
pub fn rustdoc(raw: &str) -> String {
    escape_markdown(&clean(raw))
}

/// The cleaned text on one line (paragraphs joined by spaces), for plain-text uses such as the
/// `summary` of an endpoint's metadata. Not escaped.
pub fn one_line(raw: &str) -> String {
    clean(raw)
        .lines()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text inside a code span: backticks removed, on one line.
pub fn code_span(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|&c| c != '`')
        .collect();
    let inner = inner.trim();
    if inner.is_empty() {
        String::new()
    } else {
        format!("`{inner}`")
    }
}

/// Removes XML-doc and HTML markup and decodes entities; the result is plain text whose
/// paragraphs are separated by one blank line, with every line trimmed.
///
/// - `<see cref="T:A.B.Chat">Chat Agent</see>` → `Chat Agent`; `<see cref="T:A.B.Chat"/>` →
///   `` `Chat` `` (also `seealso`, `paramref`, `typeparamref`, `langword`);
/// - `<para />`, `<para>`, `</para>`, `<p>`, headings → paragraph breaks; `<br/>` → line break;
///   `<li>` → `- ` list items; `<c>`/`<code>` → backticks; `<a href="u">t</a>` → `t (u)`;
/// - entities (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&#x27;`, `&nbsp;`, ...)
///   decoded repeatedly, since the docs double-encode;
/// - other known HTML tags are dropped; unknown `<Word>`s (as in `List<string>`) are text.
pub fn clean(raw: &str) -> String {
    if is_plain(raw) {
        return raw.to_string();
    }
    clean_markup(raw)
}

/// [`clean`] without its shortcut for text that is already plain.
fn clean_markup(raw: &str) -> String {
    let text: String = raw
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' => '\n',
            '\u{a0}' => ' ',
            '\u{200b}' | '\u{feff}' => '\u{0}',
            c if c.is_control() => ' ',
            c => c,
        })
        .filter(|&c| c != '\u{0}')
        .collect();
    let text = strip_tags(&text);
    let text = decode_entities(&text);
    let text = strip_tags(&text);
    normalize_whitespace(&text)
}

/// Whether `clean` has nothing to do: printable ASCII without markup or entities, lines already
/// trimmed, single spaces, at most one blank line in a row and none at the ends. Most
/// descriptions are such, and the generator cleans ~50,000 of them.
fn is_plain(raw: &str) -> bool {
    raw.bytes()
        .all(|b| b == b'\n' || ((0x20..0x7f).contains(&b) && b != b'<' && b != b'&'))
        && !raw.starts_with([' ', '\n'])
        && !raw.ends_with([' ', '\n'])
        && !raw.contains("  ")
        && !raw.contains(" \n")
        && !raw.contains("\n ")
        && !raw.contains("\n\n\n")
}

/// Collapses spaces, trims lines, keeps at most one blank line in a row and none at the ends.
fn normalize_whitespace(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let collapsed = line
            .split([' ', '\t', '\u{a0}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if collapsed.is_empty() && !matches!(lines.last(), Some(l) if !l.is_empty()) {
            continue;
        }
        lines.push(collapsed);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Decodes HTML entities until nothing changes (at most a few rounds).
pub fn decode_entities(text: &str) -> String {
    let mut current = text.to_string();
    for _ in 0..8 {
        let next = decode_entities_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "times" => '×',
        _ => return None,
    })
}

fn decode_entities_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &after[..semi];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32)
                    .map(|c| if c.is_control() { ' ' } else { c })
            } else {
                named_entity(name)
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A parsed `<tag ...>`, `</tag>` or `<tag ... />`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
    len: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Tags that are removed without a trace.
const DROPPED_TAGS: &[&str] = &[
    "abbr",
    "article",
    "b",
    "big",
    "blockquote",
    "caption",
    "center",
    "cite",
    "col",
    "colgroup",
    "dd",
    "del",
    "description",
    "div",
    "dl",
    "dt",
    "em",
    "example",
    "exception",
    "font",
    "footer",
    "header",
    "i",
    "img",
    "inheritdoc",
    "ins",
    "kbd",
    "label",
    "listheader",
    "mark",
    "nobr",
    "note",
    "param",
    "pre",
    "q",
    "remarks",
    "returns",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "term",
    "tfoot",
    "thead",
    "typeparam",
    "u",
    "value",
    "var",
    "wbr",
];

fn is_known_tag(name: &str) -> bool {
    matches!(
        name,
        "see"
            | "seealso"
            | "paramref"
            | "typeparamref"
            | "para"
            | "p"
            | "br"
            | "c"
            | "code"
            | "tt"
            | "li"
            | "item"
            | "ul"
            | "ol"
            | "list"
            | "a"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    ) || DROPPED_TAGS.contains(&name)
}

/// Parses a known tag at the start of `s` (which starts with `<`).
fn parse_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b':' | b'-')) {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    if !is_known_tag(&name) {
        return None;
    }
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some(Tag {
                    name,
                    closing,
                    self_closing: false,
                    attrs,
                    len: i + 1,
                })
            }
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                return Some(Tag {
                    name,
                    closing,
                    self_closing: true,
                    attrs,
                    len: i + 2,
                })
            }
            c if c.is_ascii_alphabetic() || *c == b'_' => {
                let attr_start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'-' | b':' | b'.'))
                {
                    i += 1;
                }
                let attr = s[attr_start..i].to_string();
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = String::new();
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match bytes.get(i)? {
                        q @ (b'"' | b'\'') => {
                            let close = s[i + 1..].find(*q as char)? + i + 1;
                            value = s[i + 1..close].to_string();
                            i = close + 1;
                        }
                        _ => {
                            let start = i;
                            while i < bytes.len()
                                && !bytes[i].is_ascii_whitespace()
                                && !matches!(bytes[i], b'>' | b'<' | b'"' | b'\'')
                            {
                                i += 1;
                            }
                            if start == i {
                                return None;
                            }
                            value = s[start..i].to_string();
                        }
                    }
                }
                attrs.push((attr, value));
            }
            _ => return None,
        }
    }
}

/// Finds the `</name>` closing an element whose content starts at `s`; returns the content
/// length and the closing tag length.
fn find_close(s: &str, name: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut pos = 0;
    while let Some(lt) = s[pos..].find('<') {
        let at = pos + lt;
        if let Some(tag) = parse_tag(&s[at..]) {
            if tag.name == name && !tag.self_closing {
                if tag.closing {
                    if depth == 0 {
                        return Some((at, tag.len));
                    }
                    depth -= 1;
                } else {
                    depth += 1;
                }
            }
            pos = at + tag.len;
        } else {
            pos = at + 1;
        }
    }
    None
}

/// The short name of a cref: `T:SuperOffice.CRM.Services.IChatAgent` → `IChatAgent`,
/// `M:A.B.Run(System.Int32)` → `Run`.
pub fn short_cref(cref: &str) -> String {
    let mut s = cref.trim();
    if s.len() > 2 && s.as_bytes()[1] == b':' && s.as_bytes()[0].is_ascii_alphabetic() {
        s = &s[2..];
    }
    if let Some(paren) = s.find('(') {
        s = &s[..paren];
    }
    if let Some(brace) = s.find(['{', '`', '<']) {
        s = &s[..brace];
    }
    let short = s.rsplit('.').next().unwrap_or(s);
    if short.is_empty() {
        s.to_string()
    } else {
        short.to_string()
    }
}

/// Replaces known tags; unknown ones stay as text.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let at = &rest[lt..];
        if let Some(end) = at.strip_prefix("<!--").and_then(|c| c.find("-->")) {
            rest = &at[4 + end + 3..];
            continue;
        }
        let Some(tag) = parse_tag(at) else {
            out.push('<');
            rest = &at[1..];
            continue;
        };
        let after = &at[tag.len..];
        rest = after;
        match tag.name.as_str() {
            "see" | "seealso" | "a" if !tag.closing => {
                let target = tag
                    .attr("cref")
                    .map(short_cref)
                    .or_else(|| tag.attr("langword").map(str::to_string))
                    .map(|t| code_span(&t))
                    .or_else(|| tag.attr("href").map(str::to_string))
                    .unwrap_or_default();
                let inner = if tag.self_closing {
                    None
                } else {
                    find_close(after, &tag.name).map(|(len, close)| {
                        rest = &after[len + close..];
                        strip_tags(&after[..len])
                    })
                };
                match inner {
                    Some(inner) if !inner.trim().is_empty() => {
                        let inner = inner.trim();
                        let href = tag.attr("href").filter(|h| !h.is_empty() && *h != inner);
                        match href {
                            Some(href) => {
                                out.push_str(inner);
                                out.push_str(" (");
                                out.push_str(href);
                                out.push(')');
                            }
                            None => out.push_str(inner),
                        }
                    }
                    _ => out.push_str(&target),
                }
            }
            "paramref" | "typeparamref" => {
                if let Some(name) = tag.attr("name") {
                    out.push_str(&code_span(name));
                }
            }
            "para" | "p" | "hr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.push_str("\n\n"),
            "br" | "tr" | "ul" | "ol" | "list" => out.push('\n'),
            "li" | "item" if !tag.closing => out.push_str("\n- "),
            "td" | "th" if !tag.closing => out.push(' '),
            "c" | "code" | "tt" if !tag.self_closing => out.push('`'),
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// True for a Markdown list item line (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn is_list_item(line: &str) -> bool {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Escapes plain text (as [`clean`] returns it) so that rustdoc shows it as written:
///
/// - `\`, `[`, `]` and `<` are backslash-escaped (no links, no HTML);
/// - bare `http(s)://` URLs become autolinks `<...>`;
/// - code spans made of balanced backticks are kept; a line with unbalanced backticks or a
///   run of three (a code fence) has all its backticks escaped;
/// - a line starting with `#`, `>`, `=`, `~` or made only of `-*_=+:|` is escaped at its
///   start (no headings, quotes, fences, rules or tables);
/// - leading whitespace is removed (no indented code blocks), and a blank line is inserted
///   after a list item followed by a non-item line (no lazy continuation).
pub fn escape_markdown(plain: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut prev_list = false;
    for line in plain.lines() {
        let line = line.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            prev_list = false;
            continue;
        }
        let list = is_list_item(line);
        if prev_list && !list {
            out.push(String::new());
        }
        prev_list = list;
        out.push(escape_line(line));
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn escape_line(line: &str) -> String {
    if !needs_escaping(line) {
        return line.to_string();
    }
    escape_any_line(line)
}

/// [`escape_line`] without its shortcut for lines that need no escaping.
fn escape_any_line(line: &str) -> String {
    let odd_ticks = line.matches('`').fold(false, |odd, _| !odd);
    let spans_ok = !odd_ticks && !line.contains("```");
    let mut out = String::with_capacity(line.len() + 8);
    let first = line.chars().next().unwrap_or(' ');
    if matches!(first, '#' | '>' | '=' | '~')
        || line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | '+' | ':' | '|' | ' '))
    {
        out.push('\\');
    }
    let mut in_code = false;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '`' {
            if spans_ok {
                in_code = !in_code;
                out.push('`');
            } else {
                out.push_str("\\`");
            }
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        if let Some(len) = url_len(line, i) {
            out.push('<');
            out.push_str(&line[i..i + len]);
            out.push('>');
            i += len;
            continue;
        }
        match c {
            '\\' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += c.len_utf8();
    }
    out
}

/// Whether [`escape_line`] would change `line`: it starts with or is made of what markdown
/// reads as a block, or holds an escaped character, a backtick or what may start a URL.
fn needs_escaping(line: &str) -> bool {
    let bytes = line.as_bytes();
    matches!(bytes.first(), Some(b'#' | b'>' | b'=' | b'~'))
        || bytes
            .iter()
            .all(|b| matches!(b, b'-' | b'*' | b'_' | b'=' | b'+' | b':' | b'|' | b' '))
        || bytes
            .iter()
            .any(|b| matches!(b, b'\\' | b'[' | b']' | b'<' | b'`'))
        || bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"http"))
}

/// Length of a bare `http://`/`https://` URL starting at byte `i` of `line`, without
/// trailing punctuation.
fn url_len(line: &str, i: usize) -> Option<usize> {
    let rest = &line[i..];
    let scheme = ["https://", "http://"].into_iter().find(|s| {
        rest.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    })?;
    if line[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    let mut len = rest
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>' | '"' | '\'' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^'
                )
        })
        .map_or(rest.len(), |(p, _)| p);
    loop {
        let url = &rest[..len];
        let Some(last) = url.chars().next_back() else {
            break;
        };
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*' | '_') || unbalanced_paren {
            len -= last.len_utf8();
        } else {
            break;
        }
    }
    (len > scheme.len()).then_some(len)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shortcuts_change_nothing() {
        let texts = [
            "",
            "Plain text.",
            "Two\n\nparagraphs",
            "a  b",
            " lead",
            "trail ",
            "x\n\n\ny",
            "x\n",
            "\nx",
            "tab\there",
            "<b>bold</b> &amp; more",
            "# heading",
            "---",
            "a [link](b)",
            "see https://example.com and HTTP://X.Y",
            "`code` and ``` fence",
            "caf\u{e9} \u{a0}nbsp",
            "=",
            "~tilde",
            "> quote",
            "a\\b",
            "x < y",
        ];
        for text in texts {
            assert_eq!(clean(text), clean_markup(text), "clean {text:?}");
            for line in text.lines().filter(|l| !l.is_empty()) {
                assert_eq!(escape_line(line), escape_any_line(line), "escape {line:?}");
            }
        }
    }

    #[test]
    fn multibyte_text_near_a_url_check_does_not_panic() {
        assert_eq!(
            super::escape_markdown(", like \u{201c}Phone call\u{201d}"),
            ", like \u{201c}Phone call\u{201d}"
        );
    }

    use super::*;

    #[test]
    fn see_cref_with_text_and_self_closing() {
        assert_eq!(
            rustdoc(
                r#"Pick up a <see cref="T:SuperOffice.CRM.Services.IChatAgent">Chat Agent</see> session."#
            ),
            "Pick up a Chat Agent session."
        );
        assert_eq!(
            rustdoc(
                r#"See <see cref="T:SuperOffice.CRM.Services.IChatAgent"/> and <seealso cref="M:A.B.Run(System.Int32)" />."#
            ),
            "See `IChatAgent` and `Run`."
        );
        assert_eq!(
            rustdoc(r#"Returns <see langword="null"/>."#),
            "Returns `null`."
        );
        assert_eq!(
            rustdoc(r#"Empty <see cref="P:A.Name"></see>."#),
            "Empty `Name`."
        );
        assert_eq!(
            rustdoc(r#"The <paramref name="id"/> param."#),
            "The `id` param."
        );
        assert_eq!(short_cref("T:SuperOffice.Foo`1"), "Foo");
    }

    #[test]
    fn paragraphs_and_breaks() {
        assert_eq!(
            rustdoc("First.<para />Second.<para>Third.</para>"),
            "First.\n\nSecond.\n\nThird."
        );
        assert_eq!(rustdoc("a<br/>b<br>c<BR />d"), "a\nb\nc\nd");
        assert_eq!(rustdoc("<p>One</p>\n\n\n<p>Two</p>"), "One\n\nTwo");
        assert_eq!(
            rustdoc("<ul><li>a</li><li>b</li></ul>after"),
            "- a\n- b\n\nafter"
        );
    }

    #[test]
    fn entities_decode_repeatedly() {
        assert_eq!(rustdoc("It&amp;apos;s"), "It's");
        assert_eq!(
            rustdoc("a &amp;amp;&amp;quot;b&quot; &#39;c&#x27; &lt;x&gt;"),
            r#"a &"b" 'c' \<x>"#
        );
        assert_eq!(rustdoc("AT&T & co; &unknown;"), "AT&T & co; &unknown;");
        // Encoded tags are tags.
        assert_eq!(
            rustdoc("x&lt;para /&gt;y &lt;b&gt;bold&lt;/b&gt;"),
            "x\n\ny bold"
        );
    }

    #[test]
    fn unknown_tags_and_generics_are_text() {
        assert_eq!(
            rustdoc("Returns List<string> of <Contact>."),
            r"Returns List\<string> of \<Contact>."
        );
        assert_eq!(rustdoc("a < b > c"), r"a \< b > c");
        assert_eq!(rustdoc("<b>Bold</b> <i>x</i><!-- hidden -->"), "Bold x");
        assert_eq!(
            rustdoc(r#"Read <a href="https://docs.superoffice.com">the docs</a>."#),
            "Read the docs (<https://docs.superoffice.com>)."
        );
    }

    #[test]
    fn backticks() {
        assert_eq!(rustdoc("Use `x[0]` here"), "Use `x[0]` here");
        assert_eq!(rustdoc("odd ` tick [a]"), r"odd \` tick \[a\]");
        assert_eq!(
            rustdoc("```\nfn main() {}\n```"),
            "\\`\\`\\`\nfn main() {}\n\\`\\`\\`"
        );
        assert_eq!(
            rustdoc("<c>Name</c> and <code>a[1]</code>"),
            "`Name` and `a[1]`"
        );
    }

    #[test]
    fn block_markdown_is_neutralised() {
        assert_eq!(rustdoc("# Heading"), r"\# Heading");
        assert_eq!(rustdoc("> quote"), r"\> quote");
        assert_eq!(rustdoc("Title\n====="), "Title\n\\=====");
        assert_eq!(rustdoc("---"), r"\---");
        assert_eq!(rustdoc("    indented code"), "indented code");
        assert_eq!(rustdoc("- item\ncontinued"), "- item\n\ncontinued");
        assert_eq!(rustdoc("x */ y /* z"), "x */ y /* z");
        assert_eq!(rustdoc(r"C:\temp\[x]"), r"C:\\temp\\\[x\]");
    }

    #[test]
    fn links_and_urls() {
        assert_eq!(rustdoc("[x]"), r"\[x\]");
        assert_eq!(
            rustdoc("[text](https://a.b/c)"),
            r"\[text\](<https://a.b/c>)"
        );
        assert_eq!(
            rustdoc("See https://docs.superoffice.com/en/api. Or (http://x.y/a_(b)), done"),
            "See <https://docs.superoffice.com/en/api>. Or (<http://x.y/a_(b)>), done"
        );
        assert_eq!(rustdoc("`https://in.code`"), "`https://in.code`");
        assert_eq!(rustdoc("http:// nothing"), "http:// nothing");
    }

    #[test]
    fn whitespace_and_control_characters() {
        assert_eq!(clean("  a \t b \r\n\r\n\r\n c\u{0} \u{a0}"), "a b\n\nc");
        assert_eq!(one_line("a<para/>b\nc"), "a b c");
        assert_eq!(rustdoc(""), "");
        assert_eq!(code_span("a`b\nc"), "`ab c`");
    }
}
