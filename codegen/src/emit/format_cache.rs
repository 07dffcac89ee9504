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

use super::GeneratedFile;

/// The cache's file name, at the root of the generated crate.
pub const CACHE_FILE: &str = "codegen-cache.tsv";

/// Changes whenever the same tokens would be printed differently (prettyplease's version, the
/// blank lines [`space_items`](super::space_items) adds, the file prologue); part of every
/// token hash, so an old cache is simply never hit.
const FORMAT_REVISION: &str = concat!(
    "codegen ",
    env!("CARGO_PKG_VERSION"),
    ", prettyplease 0.3, revision 1"
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
/// printed by `Display` (streamed into the hasher, never built as a string), which keeps the
/// tokens, their spacing and their grouping and leaves out spans, which do not reach the text.
pub(crate) fn token_hash(header: &str, tokens: &TokenStream) -> u128 {
    let mut hasher = HashWriter(Xxh3::new());
    hasher.0.update(FORMAT_REVISION.as_bytes());
    hasher.0.update(&[0]);
    hasher.0.update(header.as_bytes());
    hasher.0.update(&[0]);
    let _ = write!(hasher, "{tokens}");
    hasher.0.digest128()
}

/// Feeds formatted text into the hash without building it as a string.
struct HashWriter(Xxh3);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
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

    #[test]
    fn token_hash_sees_tokens_spacing_and_header_but_not_spans() {
        let a = token_hash(
            "h",
            &quote!(
                fn f() -> u8 {
                    1
                }
            ),
        );
        assert_eq!(
            a,
            token_hash(
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
            token_hash(
                "h",
                &quote!(
                    fn f() -> u8 {
                        2
                    }
                )
            )
        );
        assert_ne!(a, token_hash("h", &quote!(fn f() -> u8 [ 1 ])));
        assert_ne!(
            a,
            token_hash(
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
            token_hash("h", &quote!(a -> b)),
            token_hash("h", &"a - > b".parse().unwrap())
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
