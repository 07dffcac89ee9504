//! Doc comments of the user's struct and fields, which become the IR's descriptions.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The text of the `///` comments (`#[doc = "..."]`) among `attrs`, one line each, with the
/// space after `///` removed.
pub(crate) fn text(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_string()
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// True for a doc attribute.
pub(crate) fn is_doc(attr: &Attribute) -> bool {
    attr.path().is_ident("doc")
}

/// The first paragraph (the summary) and the rest (the description) of a doc text.
pub(crate) fn split_summary(text: &str) -> (String, String) {
    let mut paragraphs = text.splitn(2, "\n\n");
    let summary = paragraphs.next().unwrap_or("").trim().to_string();
    let description = paragraphs.next().unwrap_or("").trim().to_string();
    (summary, description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_split_into_summary_and_description() {
        let item: syn::ItemStruct = syn::parse_quote! {
            /// Picks up a session.
            ///
            /// Returns the session.
            ///   Indented.
            #[allow(dead_code)]
            struct S;
        };
        let text = text(&item.attrs);
        assert_eq!(
            text,
            "Picks up a session.\n\nReturns the session.\n  Indented."
        );
        assert_eq!(
            split_summary(&text),
            (
                "Picks up a session.".to_string(),
                "Returns the session.\n  Indented.".to_string()
            )
        );
        assert!(is_doc(&item.attrs[0]));
        assert!(!is_doc(&item.attrs[4]));
    }
}
