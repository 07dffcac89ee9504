//! Skipping the formatter for files whose tokens have not changed.
//!
//! Formatting (syn's parse and prettyplease's print) is more than half of what `generate` costs,
//! and after a docs change almost every file comes out the same as before. Each generated crate
//! therefore carries [`CACHE_FILE`]: per Rust file, a hash of the tokens (and header) it was
//! printed from and a hash of the text on disk. On the next run a file whose tokens hash the same,
//! and whose text on disk still hashes as recorded, is taken from disk instead of being formatted
//! again. A file edited by hand no longer matches its text hash and is formatted afresh, so the
//! cache can only ever reproduce what the formatter printed.
//!
//! The output never depends on the cache: the cache file lists the same hashes whether or not
//! a file was reused, and `generate --check` (with the freshness test) runs without it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use proc_macro2::TokenStream;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

#[cfg(test)]
use super::FileTokens;
use super::GeneratedFile;

/// The cache's file name, at the root of the generated crate.
pub const CACHE_FILE: &str = "codegen-cache.tsv";

/// Changes whenever the same tokens would be printed differently (prettyplease's version, the
/// blank lines [`space_items`](super::space_items) adds, the file prologue); part of every
/// token hash, so an old cache is simply never hit.
const FORMAT_REVISION: &str = concat!(
    "codegen ",
    env!("CARGO_PKG_VERSION"),
    ", prettyplease 0.3, revision 2"
);

/// The line after the header of [`CACHE_FILE`].
const CACHE_COLUMNS: &str =
    "# What each file was formatted from: path, hash of its tokens, hash of its text.";

/// Formatted files of a previous run, by path, with the token hash they were printed from.
#[derive(Debug, Default)]
pub struct FormatCache {
    entries: HashMap<String, (u128, String)>,
}

impl FormatCache {
    /// No previous output: every file is formatted.
    pub fn empty() -> Self {
        FormatCache::default()
    }

    /// The previous output in `crate_dir`: every file listed in its [`CACHE_FILE`] whose text
    /// still hashes as listed. A missing or unreadable cache file, or file, is no entry.
    pub fn load(crate_dir: &Path) -> Self {
        let Ok(list) = std::fs::read_to_string(crate_dir.join(CACHE_FILE)) else {
            return FormatCache::empty();
        };
        let mut entries = HashMap::new();
        for line in list.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(path), Some(tokens), Some(text), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Ok(tokens), Ok(text)) = (
                u128::from_str_radix(tokens, 16),
                u128::from_str_radix(text, 16),
            ) else {
                continue;
            };
            // Generated paths are relative and plain; anything else is not ours to read.
            if path.starts_with('/') || path.split('/').any(|p| p == ".." || p.is_empty()) {
                continue;
            }
            let Ok(contents) = std::fs::read_to_string(crate_dir.join(path)) else {
                continue;
            };
            if xxh3_128(contents.as_bytes()) == text {
                entries.insert(path.to_string(), (tokens, contents));
            }
        }
        FormatCache { entries }
    }

    /// Whether the cache holds a text for `path` (from whatever tokens).
    pub(crate) fn has(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// The text formatted earlier for `path` from tokens hashing to `tokens`, if any.
    pub(crate) fn get(&self, path: &str, tokens: u128) -> Option<&str> {
        self.entries
            .get(path)
            .filter(|(hash, _)| *hash == tokens)
            .map(|(_, text)| text.as_str())
    }

    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds no file.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The hash of a file's header and tokens, salted with [`FORMAT_REVISION`]: the tokens as
/// printed by `Display`, which keeps the tokens, their spacing and their grouping and leaves
/// out spans, which do not reach the text. Fed piece by piece, as the emitter makes them.
pub(crate) struct TokenHasher {
    hasher: Xxh3,
    /// One piece's text: hashed at once rather than in the many small writes of `Display`.
    text: String,
}

impl TokenHasher {
    /// A hash of the file with this header, before its pieces.
    pub(crate) fn new(header: &str) -> Self {
        let mut hasher = Xxh3::new();
        hasher.update(FORMAT_REVISION.as_bytes());
        hasher.update(&[0]);
        hasher.update(header.as_bytes());
        TokenHasher {
            hasher,
            text: String::new(),
        }
    }

    /// Adds the next piece of the file.
    pub(crate) fn add(&mut self, piece: &TokenStream) {
        self.text.clear();
        let _ = write!(self.text, "{piece}");
        self.hasher.update(&[0]);
        self.hasher.update(self.text.as_bytes());
    }

    /// Adds the doc texts the pieces' marks stand for (see
    /// [`doc_comments`](super::doc_comments)).
    pub(crate) fn add_docs(&mut self, docs: &[String]) {
        for doc in docs {
            self.hasher.update(&[1]);
            self.hasher.update(doc.as_bytes());
        }
    }

    /// The hash of the header and the pieces.
    pub(crate) fn finish(&self) -> u128 {
        self.hasher.digest128()
    }
}

/// The hash of a file's header and pieces (see [`TokenHasher`]).
#[cfg(test)]
pub(crate) fn token_hash(header: &str, file: &FileTokens) -> u128 {
    let mut hasher = TokenHasher::new(header);
    for piece in &file.pieces {
        hasher.add(piece);
    }
    hasher.finish()
}

/// One line of [`CACHE_FILE`]: a formatted file and the hashes of its tokens and its text.
pub(crate) struct CacheEntry {
    path: String,
    tokens: u128,
    text: u128,
}

impl CacheEntry {
    /// The entry of `file`, formatted from tokens hashing to `tokens`.
    pub(crate) fn new(file: &GeneratedFile, tokens: u128) -> Self {
        CacheEntry {
            path: file.path.clone(),
            tokens,
            text: xxh3_128(file.contents.as_bytes()),
        }
    }
}

/// The [`CACHE_FILE`] listing `entries`, under the `header` line every generated file starts
/// with.
pub(crate) fn cache_file(header: &str, mut entries: Vec<CacheEntry>) -> GeneratedFile {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut contents = format!("# {header}\n{CACHE_COLUMNS}\n");
    for CacheEntry { path, tokens, text } in entries {
        let _ = writeln!(contents, "{path}\t{tokens:032x}\t{text:032x}");
    }
    GeneratedFile {
        path: CACHE_FILE.to_string(),
        contents,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// The hash of a file of one piece.
    fn hash(header: &str, tokens: &proc_macro2::TokenStream) -> u128 {
        token_hash(header, &FileTokens::whole(tokens.clone()))
    }

    #[test]
    fn token_hash_sees_tokens_spacing_and_header_but_not_spans() {
        let a = hash(
            "h",
            &quote!(
                fn f() -> u8 {
                    1
                }
            ),
        );
        assert_eq!(
            a,
            hash(
                "h",
                &quote!(
                    fn f() -> u8 {
                        1
                    }
                )
            )
        );
        assert_ne!(
            a,
            hash(
                "h",
                &quote!(
                    fn f() -> u8 {
                        2
                    }
                )
            )
        );
        assert_ne!(a, hash("h", &quote!(fn f() -> u8 [ 1 ])));
        assert_ne!(
            a,
            hash(
                "other",
                &quote!(
                    fn f() -> u8 {
                        1
                    }
                )
            )
        );
        // `- >` (two tokens) is not `->`.
        assert_ne!(
            hash("h", &quote!(a -> b)),
            hash("h", &"a - > b".parse().unwrap())
        );
    }

    #[test]
    fn a_file_is_reused_only_while_its_text_is_what_was_formatted() {
        let dir = std::env::temp_dir().join(format!("codegen-format-cache-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let text = "// generated\nfn f() {}\n";
        std::fs::write(dir.join("src/a.rs"), text).unwrap();
        let file = GeneratedFile {
            path: "src/a.rs".into(),
            contents: text.into(),
        };
        let cache = cache_file("Generated.", vec![CacheEntry::new(&file, 7)]);
        std::fs::write(dir.join(CACHE_FILE), &cache.contents).unwrap();

        let loaded = FormatCache::load(&dir);
        assert_eq!(loaded.get("src/a.rs", 7), Some(text));
        assert_eq!(loaded.get("src/a.rs", 8), None, "other tokens");

        std::fs::write(dir.join("src/a.rs"), "// generated\nfn f() { edited() }\n").unwrap();
        assert!(FormatCache::load(&dir).is_empty(), "edited by hand");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cache_lines_that_escape_the_crate_are_ignored() {
        let dir =
            std::env::temp_dir().join(format!("codegen-format-escape-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let list = format!(
            "# Generated.\n{CACHE_COLUMNS}\n../x.rs\t1\t2\n/etc/passwd\t1\t2\nsrc//a.rs\t1\t2\nnot a line\n"
        );
        std::fs::write(dir.join(CACHE_FILE), list).unwrap();
        assert!(FormatCache::load(&dir).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
