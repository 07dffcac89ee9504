//! Shorter paths inside the generated crate.
//!
//! The endpoint and model emitters write fully qualified paths (`::core::option::Option`,
//! `crate::runtime::Body`), which are right wherever the code lands, including in a user's
//! module through `#[so_endpoint]`. Inside the generated crate the emitter knows every name in
//! scope, and reserves the prelude's names so no generated item shadows them; there the paths are
//! shortened (`Option`, `rt::Body`), which makes the files shorter to read and a third cheaper to
//! parse and format.

use proc_macro2::{Group, Ident, Punct, Spacing, TokenStream, TokenTree};

/// Names the shortened paths use, which generated items must therefore never take.
pub const PRELUDE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Into",
    "Default",
    "Iterator",
    "IntoIterator",
];

/// The module alias the shortened runtime paths go through (`use crate::runtime as rt;`).
pub const RUNTIME_ALIAS: &str = "rt";

/// Fully qualified path (segments after a leading `::`, or from `crate`) and its short form.
const SHORTENINGS: &[(&[&str], &[&str])] = &[
    (&["core", "option", "Option", "Some"], &["Some"]),
    (&["core", "option", "Option", "None"], &["None"]),
    (&["core", "option", "Option"], &["Option"]),
    (&["core", "result", "Result", "Ok"], &["Ok"]),
    (&["core", "result", "Result"], &["Result"]),
    (&["std", "string", "String"], &["String"]),
    (&["std", "vec", "Vec"], &["Vec"]),
    (&["std", "boxed", "Box"], &["Box"]),
    (&["core", "convert", "Into"], &["Into"]),
    (&["core", "default", "Default"], &["Default"]),
    (&["core", "iter", "Iterator"], &["Iterator"]),
    (&["core", "iter", "IntoIterator"], &["IntoIterator"]),
];

/// Rewrites the fully qualified prelude and runtime paths of `tokens` to their short forms.
/// Returns the new tokens and whether the runtime alias is used.
pub fn shorten(tokens: TokenStream) -> (TokenStream, bool) {
    let mut uses_runtime = false;
    let out = rewrite(tokens, &mut uses_runtime);
    (out, uses_runtime)
}

/// A whole file's tokens with short paths, and `use crate::runtime as rt;` after its inner
/// attributes when the runtime is used.
pub fn shorten_file(tokens: TokenStream) -> TokenStream {
    let (tokens, uses_runtime) = shorten(tokens);
    if !uses_runtime {
        return tokens;
    }
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // Inner attributes (`#![doc = ...]`) must stay first.
    let mut split = 0;
    while matches!(tokens.get(split), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(tokens.get(split + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
        && matches!(tokens.get(split + 2), Some(TokenTree::Group(_)))
    {
        split += 3;
    }
    let alias = Ident::new(RUNTIME_ALIAS, proc_macro2::Span::call_site());
    let import = quote::quote!(use crate::runtime as #alias;);
    let mut out: Vec<TokenTree> = tokens[..split].to_vec();
    out.extend(import);
    out.extend(tokens[split..].iter().cloned());
    out.into_iter().collect()
}

fn is_colon(t: &TokenTree, spacing: Spacing) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == spacing)
}

/// Whether `tokens[i..]` starts with `::`.
fn path_sep(tokens: &[TokenTree], i: usize) -> bool {
    i + 1 < tokens.len()
        && is_colon(&tokens[i], Spacing::Joint)
        && is_colon(&tokens[i + 1], Spacing::Alone)
}

/// Keywords that end a path rather than belong to one (`impl ::core::convert::Into<..>` is the
/// keyword `impl` and then a path; token streams carry no spaces to tell).
const NOT_PATH: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "type", "unsafe", "use", "where", "while",
];

fn ident_is(t: Option<&TokenTree>, name: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(id)) if id == name)
}

/// Whether the tokens before a `::`, the last of `before` (already rewritten output: a
/// shortened path ends in an identifier just as the long one did), make it the middle of a
/// path (`a::b`, `Vec<u8>::new`) rather than the start of one (`-> ::core::..`).
fn continues_path(before: &[TokenTree]) -> bool {
    let back = |k: usize| before.len().checked_sub(k).map(|p| &before[p]);
    match back(1) {
        Some(TokenTree::Ident(id)) => !NOT_PATH.iter().any(|k| id == k),
        Some(TokenTree::Punct(p)) if p.as_char() == '>' => {
            !matches!(back(2), Some(TokenTree::Punct(q)) if q.as_char() == '-' || q.as_char() == '=')
        }
        _ => false,
    }
}

/// Whether `tokens[i..]` is `:: seg0 :: seg1 ...` for all of `segs`.
fn leading_path_is(tokens: &[TokenTree], i: usize, segs: &[&str]) -> bool {
    segs.iter().enumerate().all(|(k, seg)| {
        let at = i + 3 * k;
        path_sep(tokens, at) && ident_is(tokens.get(at + 2), seg)
    })
}

fn push_path(out: &mut Vec<TokenTree>, segs: &[&str], span: proc_macro2::Span) {
    for (k, s) in segs.iter().enumerate() {
        if k > 0 {
            out.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
            out.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
        }
        out.push(TokenTree::Ident(Ident::new(s, span)));
    }
}

fn span_at(tokens: &[TokenTree], i: usize) -> proc_macro2::Span {
    tokens
        .get(i)
        .map_or_else(proc_macro2::Span::call_site, TokenTree::span)
}

/// Rewrites `tokens`, moving every token it keeps rather than cloning it: the streams are
/// large (doc comments are long literals) and this pass runs over every generated file.
fn rewrite(tokens: TokenStream, uses_runtime: &mut bool) -> TokenStream {
    let mut tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out: Vec<TokenTree> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if path_sep(&tokens, i) && !continues_path(&out) {
            if let Some((long, short)) = SHORTENINGS
                .iter()
                .find(|(long, _)| leading_path_is(&tokens, i, long))
            {
                push_path(&mut out, short, span_at(&tokens, i + 2));
                i += 3 * long.len();
                continue;
            }
        }
        if ident_is(tokens.get(i), "crate")
            && !continues_path(&out)
            && leading_path_is(&tokens, i + 1, &["runtime"])
            && path_sep(&tokens, i + 4)
        {
            *uses_runtime = true;
            push_path(&mut out, &[RUNTIME_ALIAS], span_at(&tokens, i));
            i += 4;
            continue;
        }
        // Only later tokens are looked at from here on, so token `i` can be moved out.
        let token = std::mem::replace(
            &mut tokens[i],
            TokenTree::Punct(Punct::new('.', Spacing::Alone)),
        );
        match token {
            TokenTree::Group(g) => {
                let (delimiter, span, stream) = (g.delimiter(), g.span(), g.stream());
                // Dropping the group leaves `stream` the only owner of its tokens, so that
                // iterating it moves them instead of copying.
                drop(g);
                let mut group = Group::new(delimiter, rewrite(stream, uses_runtime));
                group.set_span(span);
                out.push(TokenTree::Group(group));
            }
            t => out.push(t),
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::shorten;

    #[test]
    fn prelude_and_runtime_paths_shrink() {
        let (out, rt) = shorten(quote! {
            fn f(x: ::core::option::Option<::std::string::String>) -> ::core::result::Result<crate::runtime::Body, crate::runtime::BuildError> {
                let _ = ::core::option::Option::Some(::core::convert::Into::<::std::vec::Vec<u8>>::into(x));
                ::core::result::Result::Ok(crate::runtime::Body::Empty)
            }
        });
        assert!(rt);
        assert_eq!(
            out.to_string(),
            quote! {
                fn f(x: Option<String>) -> Result<rt::Body, rt::BuildError> {
                    let _ = Some(Into::<Vec<u8>>::into(x));
                    Ok(rt::Body::Empty)
                }
            }
            .to_string()
        );
    }

    #[test]
    fn keywords_before_a_path_do_not_hide_it() {
        let (out, _) = shorten(quote!(
            fn f(x: impl ::core::convert::Into<::std::string::String>) {}
        ));
        assert_eq!(
            out.to_string(),
            quote!(
                fn f(x: impl Into<String>) {}
            )
            .to_string()
        );
    }

    #[test]
    fn other_paths_stay() {
        let src = quote!(
            crate::models::Foo,
            ::serde_json::Value,
            a::core::option::Option
        );
        let (out, rt) = shorten(src.clone());
        assert!(!rt);
        assert_eq!(out.to_string(), src.to_string());
    }
}
