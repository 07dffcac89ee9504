//! Formatting: a file's tokens to its text, one piece at a time.
//!
//! A file is made of pieces (its inner attributes and `use` lines, then a few items each: an
//! endpoint's struct, metadata and impls, a model and its impls). Each piece is parsed by syn
//! and printed by prettyplease on its own, as soon as the emitter has made it: prettyplease lays
//! out every top-level item independently, so the text is exactly what printing the whole file
//! at once gives, while the tokens and syntax tree of one piece stay in the processor's cache
//! instead of the tree of a 2 MB file being built in fresh memory and walked three times.
//!
//! The pieces are hashed as they are printed, for the [format cache](super::format_cache); a
//! file the cache may hold is made whole first, since its hash decides whether to print it.

use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_comments::{fill, Recording};
use super::format_cache::{FormatCache, TokenHasher};
use super::GeneratedFile;

/// The tokens of one Rust file, in pieces that are parsed and printed one at a time (see the
/// [module](self)). The first piece holds the file's inner attributes and `use` lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileTokens {
    pub(crate) pieces: Vec<TokenStream>,
}

impl FileTokens {
    /// A file of one piece.
    pub(crate) fn whole(tokens: TokenStream) -> Self {
        FileTokens {
            pieces: vec![tokens],
        }
    }
}

/// CPU time spent in each half of emitting, summed over the emitter's threads.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EmitTimings {
    /// Making token streams from the IR.
    pub tokens: Duration,
    /// Hashing them for the format cache.
    pub hash: Duration,
    /// Parsing them with syn.
    pub parse: Duration,
    /// Printing them with prettyplease, with the blank lines between items.
    pub print: Duration,
}

impl EmitTimings {
    /// Formatting: parsing and printing.
    pub fn format(&self) -> Duration {
        self.parse + self.print
    }

    /// Adds `other`'s times to these.
    pub fn add(&mut self, other: &EmitTimings) {
        self.tokens += other.tokens;
        self.hash += other.hash;
        self.parse += other.parse;
        self.print += other.print;
    }
}

/// A printed Rust file and the hash of the tokens it was printed from.
pub(crate) struct Printed {
    pub(crate) file: GeneratedFile,
    pub(crate) token_hash: u128,
}

/// Prints a Rust file from its pieces, made by `pieces` as they are needed, or takes it from
/// `cache` when its tokens hash as the cache lists. Adds the time spent to `timings`.
pub(crate) fn print_file<'a>(
    path: String,
    header: &str,
    pieces: impl Iterator<Item = TokenStream> + 'a,
    cache: &FormatCache,
    timings: &mut EmitTimings,
) -> Printed {
    let mut pieces = Timed {
        inner: pieces,
        spent: Duration::ZERO,
    };
    let mut hasher = TokenHasher::new(header);
    let mut printer = Printer::new(header);
    let docs = Recording::start();
    if cache.has(&path) {
        let made: Vec<TokenStream> = pieces.by_ref().collect();
        let start = Instant::now();
        for piece in &made {
            hasher.add(piece);
        }
        docs.with_docs(|docs| hasher.add_docs(docs));
        let token_hash = hasher.finish();
        timings.hash += start.elapsed();
        timings.tokens += pieces.spent;
        if let Some(text) = cache.get(&path, token_hash) {
            return Printed {
                file: GeneratedFile {
                    path,
                    contents: text.to_string(),
                },
                token_hash,
            };
        }
        for piece in made {
            printer.piece(piece, &docs, timings);
        }
        return Printed {
            file: printer.finish(path),
            token_hash,
        };
    }
    for piece in pieces.by_ref() {
        let start = Instant::now();
        hasher.add(&piece);
        timings.hash += start.elapsed();
        printer.piece(piece, &docs, timings);
    }
    timings.tokens += pieces.spent;
    let start = Instant::now();
    docs.with_docs(|docs| hasher.add_docs(docs));
    timings.hash += start.elapsed();
    Printed {
        token_hash: hasher.finish(),
        file: printer.finish(path),
    }
}

/// An iterator that counts the time spent making its items.
struct Timed<I> {
    inner: I,
    spent: Duration,
}

impl<I: Iterator> Iterator for Timed<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let start = Instant::now();
        let item = self.inner.next();
        self.spent += start.elapsed();
        item
    }
}

/// The text of a file, printed piece by piece.
struct Printer {
    text: Spacer,
    /// One piece's printed text with its docs filled in, before it joins `text`.
    scratch: String,
    first: bool,
}

impl Printer {
    fn new(header: &str) -> Self {
        Printer {
            text: Spacer::after(format!("// {header}\n")),
            scratch: String::new(),
            first: true,
        }
    }

    /// Parses and prints one piece. The first piece carries the file's opt-out of rustfmt
    /// (`#![cfg_attr(rustfmt, rustfmt::skip)]`, which rustc drops): prettyplease's layout is
    /// the canonical one, and a `cargo fmt` of the workspace must not make the checked-in
    /// crate differ from what the generator writes.
    fn piece(&mut self, tokens: TokenStream, docs: &Recording, timings: &mut EmitTimings) {
        let tokens = if std::mem::take(&mut self.first) {
            quote! {
                #![cfg_attr(rustfmt, rustfmt::skip)]
                #tokens
            }
        } else {
            tokens
        };
        let start = Instant::now();
        let file = match syn::parse2::<syn::File>(tokens) {
            Ok(file) => file,
            Err(e) => panic!("emitted tokens do not parse as a Rust file: {e}"),
        };
        let parsed = Instant::now();
        timings.parse += parsed - start;
        let printed = prettyplease::unparse(&file);
        drop(file);
        self.scratch.clear();
        docs.with_docs(|docs| fill(&printed, docs, &mut self.scratch));
        self.text.push(&self.scratch);
        timings.print += parsed.elapsed();
    }

    /// The file: the header line, then the pieces with blank lines between items.
    fn finish(self, path: String) -> GeneratedFile {
        GeneratedFile {
            path,
            contents: self.text.out,
        }
    }
}

/// A formatted Rust file with its `// Generated by codegen ...` header line, printed piece by
/// piece.
pub(crate) fn rust_file(path: String, header: &str, file: FileTokens) -> GeneratedFile {
    print_file(
        path,
        header,
        file.pieces.into_iter(),
        &FormatCache::empty(),
        &mut EmitTimings::default(),
    )
    .file
}

/// Puts a blank line after the inner doc comment of a file and between the items prettyplease
/// prints back to back: after a line that closes an item (`}`, `};`, `];`) at indentation 0
/// or 4 when the next line starts another item at the same indentation, and after a one-line
/// item followed by a documented one.
///
/// Only sound for the emitter's own output, which has no multi-line string literals.
#[cfg(test)]
pub(crate) fn space_items(formatted: &str) -> String {
    let mut spacer = Spacer::after(String::new());
    spacer.push(formatted);
    spacer.out
}

/// [`space_items`] as the text arrives, a piece at a time: each line is appended when it comes,
/// and the blank line after it, if any, when the next one shows whether one belongs there.
struct Spacer {
    out: String,
    /// Where in `out` the last line appended starts and ends.
    last: Option<(usize, usize)>,
}

impl Spacer {
    /// Appends to `out`, which already holds what comes before the formatted text.
    fn after(out: String) -> Self {
        Spacer { out, last: None }
    }

    /// Appends whole lines of formatted text.
    fn push(&mut self, text: &str) {
        for line in text.lines() {
            if let Some((start, end)) = self.last {
                if blank_between(&self.out[start..end], line) {
                    self.out.push('\n');
                }
            }
            let start = self.out.len();
            self.out.push_str(line);
            self.last = Some((start, self.out.len()));
            self.out.push('\n');
        }
    }
}

/// Whether a blank line belongs between two consecutive lines (see [`space_items`]). Only
/// spaces indent the emitter's output.
fn blank_between(line: &str, next: &str) -> bool {
    let indent_of = |line: &str| line.bytes().take_while(|&b| b == b' ').count();
    let indent = indent_of(line);
    let next_indent = indent_of(next);
    let rest = &line[indent..];
    let next_rest = &next[next_indent..];
    let closes = indent <= 4 && matches!(rest.trim_end(), "}" | "};" | "];");
    let starts_item = next_indent == indent
        && !next_rest.trim_end().is_empty()
        && !next_rest.starts_with(['}', ')', ']']);
    let documented_item_follows = indent == 0 && line.ends_with(';') && next.starts_with("///");
    let inner_attrs_end = (line.starts_with("//!") || line.starts_with("#!["))
        && !(next.starts_with("//!") || next.starts_with("#![") || next.is_empty());
    (closes && starts_item) || documented_item_follows || inner_attrs_end
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::emit::doc_attrs;

    /// The token hash a file of one struct with this doc gets when printed.
    fn hash_of(doc: &'static str) -> u128 {
        let piece = move || {
            let doc = doc_attrs(doc);
            quote!(#doc pub struct S;)
        };
        print_file(
            "s.rs".into(),
            "h",
            std::iter::once_with(piece),
            &FormatCache::empty(),
            &mut EmitTimings::default(),
        )
        .token_hash
    }

    #[test]
    fn a_change_in_a_doc_alone_changes_the_token_hash() {
        // Docs reach the tokens as marks that do not hold their text, so the hash must take the
        // texts themselves: else a file whose docs changed would be taken from the cache.
        assert_eq!(hash_of("One."), hash_of("One."));
        assert_ne!(hash_of("One."), hash_of("Two."));
    }
}
