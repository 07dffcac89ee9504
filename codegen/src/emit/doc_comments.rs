//! Doc comments: `#[doc]` attributes for the compiler, or marks that the printer fills in.
//!
//! Emitted code carries its documentation as `#[doc = " line"]` attributes, one per line,
//! which prettyplease prints as `/// line`. A third of the generated crate's text is such
//! lines, and to syn each one is an attribute to parse, a string literal to escape and unescape
//! and a tree to build and drop, though nothing about it needs laying out: prettyplease prints
//! it as a line of its own at the item's indentation, trailing spaces trimmed.
//!
//! So while the generator prints a file, [`doc_attrs`] records each doc text and emits one mark
//! in its place: a one-line doc attribute holding a control character and the doc's index
//! (`#[doc = "\u{1}7"]`), which prettyplease lays out as it does any doc line (on a line of its
//! own, forcing the enclosing braces open), and [`fill`] replaces each printed mark by the
//! `///` lines prettyplease would have printed for the doc's attributes. The text is the same byte for byte (a test prints every file both ways),
//! and formatting costs a fifth less. Outside a file being printed (the `#[so_endpoint]` macro,
//! whose tokens go to the compiler, and the emitter's tests) the attributes are emitted as
//! they are.

use std::cell::RefCell;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// What a mark's doc text starts with; the mark is this and the doc's index. Doc texts come
/// from cleaned page text and never hold control characters.
const MARK: char = '\u{1}';

thread_local! {
    /// The docs recorded for the file being printed on this thread, by index; `None` when no
    /// file is being printed.
    static RECORDED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Records the docs emitted on this thread while `f` runs, as marks (see the [module](self)).
pub(crate) struct Recording {
    _private: (),
}

impl Recording {
    /// Starts recording the docs of a file on this thread.
    pub(crate) fn start() -> Self {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        Recording { _private: () }
    }

    /// The docs recorded so far, in the order of their marks' indices.
    pub(crate) fn with_docs<R>(&self, f: impl FnOnce(&[String]) -> R) -> R {
        RECORDED.with(|r| f(r.borrow().as_deref().unwrap_or_default()))
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        RECORDED.with(|r| *r.borrow_mut() = None);
    }
}

/// The mark of `text` when docs are being recorded: the value of its one doc attribute, written
/// out as a literal token (`"\u{1}7"`).
fn mark(text: &str) -> Option<Literal> {
    RECORDED.with(|r| {
        let mut recorded = r.borrow_mut();
        let docs = recorded.as_mut()?;
        docs.push(text.to_string());
        let escaped = format!("\"{}{}\"", MARK.escape_unicode(), docs.len() - 1);
        Some(
            escaped
                .parse()
                .unwrap_or_else(|_| Literal::string(&format!("{MARK}{}", docs.len() - 1))),
        )
    })
}

/// `#[doc = " line"]` attributes, one per line of `text` (or its mark).
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    if let Some(mark) = mark(text) {
        return quote!(#[doc = #mark]);
    }
    let attrs = text.split('\n').map(|line| {
        let line = attr_value(line);
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// Inner `#![doc = " line"]` attributes, one per line of `text` (or its mark).
pub(crate) fn inner_doc_attrs(text: &str) -> TokenStream {
    if let Some(mark) = mark(text) {
        return quote!(#![doc = #mark]);
    }
    let attrs = text.split('\n').map(|line| {
        let line = attr_value(line);
        quote!(#![doc = #line])
    });
    quote!(#(#attrs)*)
}

/// The value of a line's attribute: the line after a space (`/// line`), or nothing for an
/// empty line.
fn attr_value(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// Appends `printed` to `out` with every mark replaced by the lines prettyplease prints for the
/// attributes of its doc: `///` (or `//!` for an inner mark) and the attribute's value, trailing
/// spaces trimmed, at the mark's indentation.
pub(crate) fn fill(printed: &str, docs: &[String], out: &mut String) {
    let mut rest = printed;
    while let Some(at) = rest.find(MARK) {
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = rest[at..].find('\n').map_or(rest.len(), |i| at + i);
        let line = &rest[line_start..line_end];
        let Some((indent, slashes, doc)) = parse_mark(line)
            .and_then(|(indent, slashes, i)| docs.get(i).map(|doc| (indent, slashes, doc)))
        else {
            out.push_str(&rest[..line_end]);
            rest = &rest[line_end..];
            continue;
        };
        out.push_str(&rest[..line_start]);
        for (i, doc_line) in doc.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(indent);
            out.push_str(slashes);
            out.push_str(attr_value(doc_line).trim_end_matches(' '));
        }
        rest = &rest[line_end..];
    }
    out.push_str(rest);
}

/// `    ///\u{1}7` → (`    `, `///`, 7); `//!\u{1}7` → (``, `//!`, 7).
fn parse_mark(line: &str) -> Option<(&str, &'static str, usize)> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let (slashes, mark) = match trimmed.strip_prefix("//!") {
        Some(mark) => ("//!", mark),
        None => ("///", trimmed.strip_prefix("///")?),
    };
    let index = mark.strip_prefix(MARK)?.parse().ok()?;
    Some((indent, slashes, index))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proc_macro2::TokenStream;
    use quote::quote;

    use super::super::format::print_file;
    use super::super::names::ident;
    use super::super::{
        emit_endpoint, emit_model, format_file, space_items, EmitContext, EmitTimings, FormatCache,
    };
    use super::*;
    use crate::ir::Api;

    /// A file printed from `make`'s tokens with marks, as the generator prints its files.
    fn marked(make: impl Fn() -> TokenStream) -> String {
        let printed = print_file(
            "x.rs".into(),
            "h",
            std::iter::once_with(make),
            &FormatCache::empty(),
            &mut EmitTimings::default(),
        );
        printed.file.contents
    }

    /// The same file printed from doc attributes, as prettyplease prints them.
    fn unmarked(make: impl Fn() -> TokenStream) -> String {
        let tokens = make();
        let tokens = quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #tokens
        };
        format!("// h\n{}", space_items(&format_file(tokens)))
    }

    fn assert_same(make: impl Fn() -> TokenStream) {
        let (with_marks, with_attrs) = (marked(&make), unmarked(&make));
        assert!(
            with_marks == with_attrs,
            "--- marked ---\n{with_marks}\n--- attributes ---\n{with_attrs}"
        );
    }

    #[test]
    fn marks_print_as_the_attributes_would() {
        for text in [
            "",
            "One line.",
            "Trailing spaces.   ",
            "   Leading spaces.",
            "/ starts with a slash",
            "Paragraph.\n\nAnother one.\n",
            "tab\tinside, and\u{2028}separators",
            "`code` and [links](https://example.com) and <https://x.y>",
        ] {
            assert_same(|| {
                let outer = doc_attrs(text);
                let inner = inner_doc_attrs(text);
                let field = doc_attrs(text);
                let method = doc_attrs(text);
                let variant = doc_attrs(text);
                quote! {
                    #inner
                    #outer
                    pub struct S {
                        #field
                        pub a: u8,
                    }
                    impl S {
                        #method
                        pub fn f() {}
                    }
                    pub enum E {
                        V { #variant a: u8 },
                    }
                }
            });
        }
    }

    #[test]
    fn every_model_and_endpoint_prints_as_with_attributes() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let pages = crate::parse::read_dir(&docs).expect("docs-input reads");
        let apis: [Api; 2] = [
            crate::emit::tests::sample_api(),
            crate::resolve::resolve(pages).api,
        ];
        let ctx = EmitContext::for_crate();
        for api in &apis {
            for model in api.models.values() {
                let name = ident(&model.name).to_string();
                assert_same(|| emit_model(model, &name, &ctx, &Default::default()));
            }
            for endpoint in &api.endpoints {
                assert_same(|| emit_endpoint(endpoint, &ctx));
            }
        }
    }

    #[test]
    fn text_that_only_looks_like_a_mark_is_kept() {
        let docs = vec!["Real.".to_string()];
        let mut out = String::new();
        fill(
            "/// \u{1}x\n///\u{1}9\n    ///\u{1}0\nlet s = \"\u{1}0\";\n",
            &docs,
            &mut out,
        );
        assert_eq!(
            out,
            "/// \u{1}x\n///\u{1}9\n    /// Real.\nlet s = \"\u{1}0\";\n"
        );
    }
}
