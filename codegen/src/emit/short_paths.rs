//! Shorter paths inside the generated crate.
//!
//! The endpoint and model emitters write the paths an [`EmitContext`](super::EmitContext) gives
//! them. Through `#[so_endpoint]` those are fully qualified (`::core::option::Option`,
//! `::superoffice_api::runtime::Body`), right in whatever module the code lands. Inside the
//! generated crate the emitter knows every name in scope: it reserves the prelude's names, so no
//! generated item shadows them, and each file imports the runtime (`use crate::runtime::*;`),
//! so runtime items are named plainly (`Option`, `Body`) unless one of the crate's own items
//! takes the name (an endpoint called `Accept` keeps the runtime's as
//! `crate::runtime::Accept`). Short paths make the files read like hand-written code and make
//! them a third cheaper to parse and format. This module holds the names that makes safe and
//! the `use` a file needs.

use proc_macro2::{TokenStream, TokenTree};

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

/// A whole file's tokens with `use crate::runtime::*;` after its inner attributes, for a file
/// whose code names runtime items plainly.
pub fn with_runtime_import(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // Inner attributes (`#![doc = ...]`) must stay first.
    let mut split = 0;
    while matches!(tokens.get(split), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        && matches!(tokens.get(split + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
        && matches!(tokens.get(split + 2), Some(TokenTree::Group(_)))
    {
        split += 3;
    }
    let import = quote::quote!(
        use crate::runtime::*;
    );
    let mut tokens = tokens.into_iter();
    let mut out: Vec<TokenTree> = tokens.by_ref().take(split).collect();
    out.extend(import);
    out.extend(tokens);
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::with_runtime_import;

    #[test]
    fn the_import_follows_inner_attributes() {
        let out = with_runtime_import(quote! {
            #![doc = "A file."]
            #![allow(dead_code)]
            pub struct A(Body);
        });
        assert_eq!(
            out.to_string(),
            quote! {
                #![doc = "A file."]
                #![allow(dead_code)]
                use crate::runtime::*;
                pub struct A(Body);
            }
            .to_string()
        );
    }
}
