//! `src/endpoint.rs`: every endpoint as a variant of one enum, for routing and listing.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::doc_text::{code_span, escape_markdown, one_line};
use super::endpoint::{placeholders, plan_params, request_line};
use super::krate::CratePlan;
use super::names::ident;
use super::prelude_paths;
use super::{doc_attrs, inner_doc_attrs};
use crate::ir::Method;

/// Sort key that tries more specific templates first: at the first segment where two
/// templates differ in kind, the literal one wins (`/Contact/default` before `/Contact/{id}`).
fn specificity(template: &str) -> Vec<u8> {
    template
        .split('/')
        .map(|seg| u8::from(!placeholders(seg).is_empty()))
        .collect()
}

/// One endpoint as the enum's pieces name it.
struct Row {
    cfg: TokenStream,
    variant: Ident,
    meta_path: TokenStream,
    /// The path parameters' field names and placeholders, in template order.
    params: Vec<(Ident, String)>,
    /// The variant's doc.
    doc: String,
    /// Where its route goes among the routes: more specific templates first.
    route_key: (Vec<u8>, String, Method, String),
}

fn rows(plan: &CratePlan) -> Vec<Row> {
    let mut rows = Vec::new();
    for area in &plan.areas {
        let feature = &area.feature;
        let cfg = quote!(#[cfg(feature = #feature)]);
        let parent = ident(area.parent());
        let module = ident(&area.module);
        for e in &area.endpoints {
            let meta = ident(&e.names.meta_name);
            let summary = escape_markdown(&one_line(&e.endpoint.summary));
            rows.push(Row {
                cfg: cfg.clone(),
                variant: ident(&e.variant),
                meta_path: quote!(#parent::#module::#meta),
                params: plan_params(e.endpoint)
                    .0
                    .into_iter()
                    .map(|p| (ident(&p.ident), p.placeholder))
                    .collect(),
                doc: format!(
                    "{}{}{}\n\nBuilder: `{}::{}::{}`.",
                    request_line(e.endpoint),
                    if summary.is_empty() { "" } else { ": " },
                    summary,
                    area.parent(),
                    area.module,
                    e.names.struct_name
                ),
                route_key: (
                    specificity(&e.endpoint.path),
                    e.endpoint.path.clone(),
                    e.endpoint.method,
                    e.variant.clone(),
                ),
            });
        }
    }
    rows
}

/// The pieces of `src/endpoint.rs`, each made when it is asked for: the enum, its methods and
/// the three tables each list every endpoint, so only one of them is held at a time.
pub(crate) fn emit_endpoint_enum<'p>(
    plan: &'p CratePlan,
    ctx: &'p super::EmitContext,
) -> impl Iterator<Item = TokenStream> + 'p {
    let mut rows_made: Option<Vec<Row>> = None;
    (0..6).map(move |piece| {
        let rows = rows_made.get_or_insert_with(|| rows(plan));
        enum_piece(piece, plan, rows, ctx)
    })
}

/// Piece number `piece` of `src/endpoint.rs`.
fn enum_piece(
    piece: usize,
    plan: &CratePlan,
    rows: &[Row],
    ctx: &super::EmitContext,
) -> TokenStream {
    prelude_paths!(ctx => option as p_option, some as p_some, string as p_string, vec as p_vec);
    super::runtime_paths!(ctx =>
        EndpointMeta as endpoint_meta,
        Method as method_path,
        match_path as match_path,
    );
    match piece {
        0 => {
            let file_doc = inner_doc_attrs(
                "Every endpoint as a variant of [`Endpoint`], with its metadata and path \
                 parameters: for routing (webhooks, mocks, logs) and for listing what the crate \
                 covers ([`ALL`]).\n\
                 \n\
                 A variant exists when its area's feature is on.",
            );
            // `agents::chat::META_X` rather than `crate::agents::chat::META_X`, thousands of
            // times. With only some areas' features on, one of the two may name nothing that is
            // compiled.
            let parents = ["agents", "rest"]
                .into_iter()
                .filter(|parent| plan.areas.iter().any(|a| a.parent() == *parent))
                .map(|parent| {
                    let parent = ident(parent);
                    quote! {
                        #[allow(unused_imports)]
                        use crate::#parent;
                    }
                });
            quote! {
                #file_doc
                #(#parents)*
            }
        }
        1 => {
            let variants = rows.iter().map(|r| {
                let Row { cfg, variant, .. } = r;
                let doc = doc_attrs(&r.doc);
                if r.params.is_empty() {
                    return quote!(#doc #cfg #variant,);
                }
                let fields = r.params.iter().map(|(id, placeholder)| {
                    let doc = doc_attrs(&format!(
                        "The {} path parameter, decoded.",
                        code_span(placeholder)
                    ));
                    quote!(#doc #id: #p_string,)
                });
                quote!(#doc #cfg #variant { #(#fields)* },)
            });
            quote! {
                /// An endpoint of the API together with the values of its path parameters.
                ///
                /// [`Endpoint::from_request`] recognises a method and path; [`Endpoint::meta`]
                /// tells the method, route template and documentation page.
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum Endpoint {
                    #(#variants)*
                }
            }
        }
        2 => {
            let arms = rows.iter().map(|r| {
                let Row {
                    cfg,
                    variant,
                    meta_path,
                    ..
                } = r;
                if r.params.is_empty() {
                    quote!(#cfg Endpoint::#variant => &#meta_path,)
                } else {
                    quote!(#cfg Endpoint::#variant { .. } => &#meta_path,)
                }
            });
            quote! {
                impl Endpoint {
                    /// The metadata of this endpoint.
                    pub fn meta(&self) -> &'static #endpoint_meta {
                        match *self {
                            #(#arms)*
                        }
                    }

                    /// The endpoint a request with this method and path is for, if any.
                    ///
                    /// The path may carry a query string; literal segments compare ASCII
                    /// case-insensitively (see [`match_path`]). Where templates overlap, the
                    /// one with a literal segment earlier wins.
                    pub fn from_request(method: #method_path, path: &str) -> #p_option<Endpoint> {
                        ROUTES
                            .iter()
                            .filter(|(meta, _)| meta.method == method)
                            .find_map(|&(meta, route)| {
                                let values = #match_path(meta.path_template, path)?;
                                #p_some(variant(
                                    route,
                                    values.into_iter().map(|(_, value)| value).collect(),
                                ))
                            })
                    }
                }
            }
        }
        3 => {
            let all = rows
                .iter()
                .map(|Row { cfg, meta_path, .. }| quote!(#cfg &#meta_path,));
            quote! {
                /// The metadata of every endpoint compiled in, by area and operation id.
                pub static ALL: &[&#endpoint_meta] = &[
                    #(#all)*
                ];
            }
        }
        4 => {
            // A route's number is its row's: the arm of `variant` that makes it.
            let mut order: Vec<(usize, &Row)> = rows.iter().enumerate().collect();
            order.sort_by(|a, b| a.1.route_key.cmp(&b.1.route_key));
            let routes = order.into_iter().map(|(i, Row { cfg, meta_path, .. })| {
                let route = route_number(i);
                quote!(#cfg (&#meta_path, #route),)
            });
            quote! {
                /// Routes in matching order (literal segments before placeholders), each with
                /// the number of its arm in [`variant`].
                static ROUTES: &[(&#endpoint_meta, u16)] = &[
                    #(#routes)*
                ];
            }
        }
        _ => {
            let constructors = rows.iter().enumerate().map(|(i, r)| {
                let Row { cfg, variant, .. } = r;
                let route = route_number(i);
                if r.params.is_empty() {
                    return quote!(#cfg #route => Endpoint::#variant,);
                }
                let fields = r.params.iter().map(|(id, _)| quote!(#id: next()));
                quote!(#cfg #route => Endpoint::#variant { #(#fields),* },)
            });
            quote! {
                /// The variant of route number `route`, given the path values of its template
                /// in order (missing ones are empty). One function rather than a constructor
                /// per route: thousands of closures were a measurable part of the crate's
                /// compile time.
                #[allow(unused_mut, unused_variables)]
                fn variant(
                    route: u16,
                    values: #p_vec<#p_string>,
                ) -> Endpoint {
                    let mut values = values.into_iter();
                    let mut next = move || values.next().unwrap_or_default();
                    match route {
                        #(#constructors)*
                        _ => ::core::unreachable!("ROUTES holds only routes of this match"),
                    }
                }
            }
        }
    }
}

/// The number of the route of row `i`.
fn route_number(i: usize) -> u16 {
    u16::try_from(i).expect("fewer than 65,536 endpoints")
}
