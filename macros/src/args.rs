//! The attribute's arguments: `GET "/api/v1/..."` then `key = value` pairs.

use codegen::ir::Method;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Path, Token, Type};

use crate::errors::Errors;

/// The keys the attribute takes after the request line.
const KEYS: &str = "`response`, `id`, `docs` and `crate`";

/// What `#[so_endpoint(...)]` says, before it is checked against the struct.
///
/// Syntax errors stop the parse; everything else (an unknown method or key, a repeated key) is
/// recorded in [`errors`](Self::errors) so that all of it is reported together.
pub(crate) struct Args {
    /// The method, when it is one the WebAPI uses.
    pub(crate) method: Option<Method>,
    /// The path template literal.
    pub(crate) template: LitStr,
    /// `response = Type`; `None` for no response body.
    pub(crate) response: Option<Type>,
    /// `id = "..."`: the operation id in the metadata.
    pub(crate) id: Option<LitStr>,
    /// `docs = "https://..."`: the endpoint's documentation page.
    pub(crate) docs: Option<LitStr>,
    /// `crate = path`: where `superoffice_api` is, when it is renamed.
    pub(crate) krate: Option<Path>,
    /// Problems found while parsing.
    pub(crate) errors: Errors,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let method_ident: Ident = input.call(Ident::parse_any).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the request line: an HTTP method and the path template, \
                 e.g. `#[so_endpoint(GET \"/api/v1/Contact/{id}\", response = Contact)]`",
            )
        })?;
        if input.peek(Token![=]) {
            return Err(syn::Error::new(
                method_ident.span(),
                "expected the request line first: an HTTP method and the path template, \
                 e.g. `#[so_endpoint(GET \"/api/v1/Contact/{id}\", response = Contact)]`",
            ));
        }
        let method = parse_method(&method_ident, &mut errors);
        let template: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!(
                    "expected the path template as a string after `{method_ident}`, \
                     e.g. `\"/api/v1/Contact/{{id}}\"`"
                ),
            )
        })?;

        let mut args = Args {
            method,
            template,
            response: None,
            id: None,
            docs: None,
            krate: None,
            errors,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            args.parse_pair(input)?;
        }
        Ok(args)
    }
}

impl Args {
    /// Parses one `key = value`.
    fn parse_pair(&mut self, input: ParseStream) -> syn::Result<()> {
        let key = input
            .call(Ident::parse_any)
            .map_err(|e| syn::Error::new(e.span(), format!("expected a key: one of {KEYS}")))?;
        input
            .parse::<Token![=]>()
            .map_err(|e| syn::Error::new(e.span(), format!("expected `=` after `{key}`")))?;
        let name = key.to_string();
        match name.as_str() {
            "response" => {
                let ty: Type = input.parse()?;
                set_once(&mut self.response, ty, &key, &mut self.errors);
            }
            "id" => {
                let id: LitStr = input.parse()?;
                if id.value().trim().is_empty() {
                    self.errors
                        .at(id.span(), "the operation id must not be empty");
                }
                set_once(&mut self.id, id, &key, &mut self.errors);
            }
            "docs" => {
                let docs: LitStr = input.parse()?;
                let url = docs.value();
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || url.contains(char::is_whitespace)
                {
                    self.errors.at(
                        docs.span(),
                        "`docs` is the URL of the endpoint's documentation page, \
                         starting with `https://`",
                    );
                }
                set_once(&mut self.docs, docs, &key, &mut self.errors);
            }
            "crate" => {
                let path = input.call(Path::parse_mod_style)?;
                set_once(&mut self.krate, path, &key, &mut self.errors);
            }
            _ => {
                self.errors.at(
                    key.span(),
                    format!("unknown key `{name}`: expected one of {KEYS}"),
                );
                // Skip the value, so the keys after it are still read.
                while !input.is_empty() && !input.peek(Token![,]) {
                    input.parse::<proc_macro2::TokenTree>()?;
                }
            }
        }
        Ok(())
    }
}

/// Stores `value` unless the key was given before.
fn set_once<T>(slot: &mut Option<T>, value: T, key: &Ident, errors: &mut Errors) {
    if slot.is_some() {
        errors.at(key.span(), format!("`{key}` is given twice"));
    } else {
        *slot = Some(value);
    }
}

/// The method `ident` names, or an error saying which ones exist.
fn parse_method(ident: &Ident, errors: &mut Errors) -> Option<Method> {
    let name = ident.to_string();
    let method = Method::parse(&name);
    if method.is_none() {
        let hint = if Method::parse(&name.to_ascii_uppercase()).is_some() {
            format!(" (in upper case: `{}`)", name.to_ascii_uppercase())
        } else {
            String::new()
        };
        errors.at(
            ident.span(),
            format!("unknown HTTP method `{name}`: expected GET, POST, PUT, PATCH or DELETE{hint}"),
        );
    }
    method
}
