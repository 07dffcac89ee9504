//! The expansion: attribute + struct → [`ir::Endpoint`](codegen::ir::Endpoint) → checks → the
//! emitter's builder, plus compile-time assertions on the user's types.

use std::collections::BTreeMap;

use codegen::emit::names::snake;
use codegen::emit::{
    builder_param_names, emit_endpoint_named, may_be_absent, EmitContext, EndpointNames,
};
use codegen::ir::{BodyKind, Endpoint};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Fields as SynFields, Item, ItemStruct, Type};

use crate::args::Args;
use crate::docs;
use crate::errors::Errors;
use crate::fields::{self, Fields};
use crate::response::read_response;
use crate::template;
use crate::to_ir;
use crate::types;

/// Expands `#[so_endpoint(attr)] item`. On errors, all of them are returned together with the
/// struct stripped of the macro's field attributes, so that code using it does not add errors
/// of its own.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = match syn::parse2::<Item>(item) {
        Ok(Item::Struct(s)) => s,
        Ok(other) => return not_a_struct(&other),
        Err(e) => return e.to_compile_error(),
    };
    match syn::parse2::<Args>(attr).and_then(|args| endpoint_tokens(args, &item)) {
        Ok(tokens) => tokens,
        Err(e) => {
            let errors = e.to_compile_error();
            let stripped = strip(item);
            quote!(#errors #stripped)
        }
    }
}

/// The error for an item that is not a struct, at its keyword and name.
fn not_a_struct(item: &Item) -> TokenStream {
    syn::Error::new_spanned(
        item_head(item),
        "`#[so_endpoint]` goes on a struct whose fields are the endpoint's path parts, query \
         parameters (`#[query]`) and body (`#[body]`)",
    )
    .to_compile_error()
}

/// The keyword and name of an item, for an error that should not cover a whole function body.
fn item_head(item: &Item) -> TokenStream {
    match item {
        Item::Enum(e) => {
            let (kw, name) = (&e.enum_token, &e.ident);
            quote!(#kw #name)
        }
        Item::Fn(f) => f.sig.to_token_stream(),
        Item::Union(u) => {
            let (kw, name) = (&u.union_token, &u.ident);
            quote!(#kw #name)
        }
        other => other.to_token_stream(),
    }
}

/// The struct without the attributes only this macro understands.
fn strip(mut item: ItemStruct) -> ItemStruct {
    for field in item.fields.iter_mut() {
        field
            .attrs
            .retain(|a| !a.path().is_ident("query") && !a.path().is_ident("body"));
    }
    item
}

/// What the struct's own shape must be: not generic, no attributes but doc comments, fields
/// with names.
fn check_struct(item: &ItemStruct, errors: &mut Errors) {
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.spanning(
            &item.generics,
            "an `#[so_endpoint]` struct cannot be generic: its fields have the fixed types of \
             the request",
        );
    }
    for attr in item.attrs.iter().filter(|a| !docs::is_doc(a)) {
        errors.spanning(
            attr,
            "only doc comments go on an `#[so_endpoint]` struct; the builder derives `Debug` and \
             `Clone` itself",
        );
    }
    if let SynFields::Unnamed(unnamed) = &item.fields {
        errors.spanning(
            unnamed,
            "an `#[so_endpoint]` struct has named fields (or none): each is a path part, a \
             `#[query]` parameter or the `#[body]`",
        );
    }
}

/// The builder and assertions for a struct, or all errors found in it and its attribute.
fn endpoint_tokens(mut args: Args, item: &ItemStruct) -> syn::Result<TokenStream> {
    let mut errors = std::mem::take(&mut args.errors);
    check_struct(item, &mut errors);

    // The template and the fields.
    let template = args.template.value();
    let placeholders = match template::placeholders(&template) {
        Ok(p) => Some(p),
        Err(problems) => {
            for p in problems {
                errors.at(args.template.span(), p);
            }
            None
        }
    };
    let fields = fields::read(
        &item.fields,
        placeholders.as_deref(),
        &args.template,
        &mut errors,
    );

    // The IR.
    let mut named = BTreeMap::new();
    let response = read_response(args.response.as_ref(), &mut named);
    let endpoint = to_ir::endpoint(
        &args,
        item,
        placeholders.as_deref(),
        &fields,
        &response,
        &mut named,
    );
    let name = item.ident.unraw().to_string();

    // Checks that need the IR: what the emitter makes of it must be what the user wrote.
    if response.kind == BodyKind::Json && !response.optional && may_be_absent(&endpoint) {
        if let Some(ty) = &args.response {
            errors.spanning(
                ty,
                format!(
                    "the doc comment says the response may be `null`, so the builder returns an \
                     `Option`, as generated endpoints do: write `response = Option<{}>`",
                    types::display(ty)
                ),
            );
        }
    }
    if placeholders.is_some() {
        check_names(&endpoint, &fields, &mut errors);
    }
    errors.finish()?;

    // The builder, by the generator's own emitter.
    let krate = match &args.krate {
        Some(path) => path.to_token_stream(),
        None => quote!(::superoffice_api),
    };
    let mut ctx = EmitContext::for_external(krate.clone());
    ctx.vis = item.vis.to_token_stream();
    ctx.named_types = named;
    if let Some(bytes) = response.bytes {
        ctx.bytes = bytes;
    }
    ctx.response_span = response.deserialized.as_ref().map(span_range);
    ctx.body_span = fields.body.as_ref().map(|b| span_range(&b.ty));
    let builder = emit_endpoint_named(&endpoint, &ctx, &EndpointNames::with_struct(name));
    let decode = if response.optional {
        quote!(decode_optional_json)
    } else {
        quote!(decode_json)
    };
    let deserialized = response.deserialized.as_ref().map(|ty| (ty, decode));
    let assertions = assertions(&krate, deserialized, &fields);
    Ok(quote! {
        #builder
        #assertions
    })
}

/// The spans of the first and last token of `tokens`, for the emitter to place a call over.
fn span_range(tokens: &impl ToTokens) -> (Span, Span) {
    let mut trees = tokens.to_token_stream().into_iter();
    let first = trees.next().map_or_else(Span::call_site, |t| t.span());
    let last = trees.last().map_or(first, |t| match t {
        TokenTree::Group(g) => g.span_close(),
        other => other.span(),
    });
    (first, last)
}

/// Errors for fields whose names differ from the ones the emitter gives their parameters (a
/// name the builder reserves, or a query field that is not the snake_case of its wire name).
fn check_names(endpoint: &Endpoint, fields: &Fields, errors: &mut Errors) {
    let names = builder_param_names(endpoint);
    let path_fields = fields.path.iter().flatten();
    for ((field, expected), param) in path_fields.zip(&names.path).zip(&endpoint.path_params) {
        if field.ident != expected.as_str() {
            errors.at(
                field.ident.span(),
                format!(
                    "the builder names path part `{{{}}}` `{expected}` (its own methods and \
                     fields take precedence); name the field `{expected}`",
                    param.name
                ),
            );
        }
    }
    for (field, expected) in fields.query.iter().zip(&names.query) {
        if field.ident == expected.as_str() {
            continue;
        }
        let own = field.ident.unraw().to_string();
        let message = if snake(&field.wire) == own {
            format!(
                "`{own}` is taken by the builder (its own methods, or another parameter); name \
                 the field otherwise and keep the wire name with \
                 `#[query(rename = \"{}\")]`",
                field.wire
            )
        } else {
            format!(
                "the builder names query parameter `{}` `{expected}`, after its wire name; name \
                 the field `{expected}`",
                field.wire
            )
        };
        errors.at(field.ident.span(), message);
    }
}

/// Compile-time checks spanned at the user's types: the response deserializes and the body
/// serializes, through the same runtime functions the builder calls (`decode` names the one
/// for the response), so that the compiler reports each failure once, at the type.
fn assertions(
    krate: &TokenStream,
    response: Option<(&Type, TokenStream)>,
    fields: &Fields,
) -> TokenStream {
    let response = response.map(|(ty, decode)| {
        quote_spanned! {ty.span()=>
            let _ = #krate::runtime::#decode::<#ty>;
        }
    });
    let body = fields
        .body
        .as_ref()
        .filter(|b| !types::is_plain(&b.ty, "JsonPatch"))
        .map(|b| {
            let ty = &b.ty;
            quote_spanned! {ty.span()=>
                let _ = #krate::runtime::Body::json::<#ty>;
            }
        });
    if response.is_none() && body.is_none() {
        return quote!();
    }
    quote! {
        const _: () = {
            #response
            #body
        };
    }
}
