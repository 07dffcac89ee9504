//! `src/endpoint.rs`: every endpoint as a variant of one enum, for routing and listing.

use quote::quote;

use super::doc_text::{code_span, escape_markdown, one_line};
use super::endpoint::{placeholders, plan_params, request_line};
use super::krate::CratePlan;
use super::names::ident;
use super::prelude_paths;
use super::{doc_attrs, inner_doc_attrs, FileTokens};

/// Sort key that tries more specific templates first: at the first segment where two
/// templates differ in kind, the literal one wins (`/Contact/default` before `/Contact/{id}`).
fn specificity(template: &str) -> Vec<u8> {
    template
        .split('/')
        .map(|seg| u8::from(!placeholders(seg).is_empty()))
        .collect()
}

pub(crate) fn emit_endpoint_enum(plan: &CratePlan, ctx: &super::EmitContext) -> FileTokens {
    prelude_paths!(ctx => option as p_option, some as p_some, string as p_string, vec as p_vec);
    super::runtime_paths!(ctx =>
        EndpointMeta as endpoint_meta,
        Method as method_path,
        match_path as match_path,
    );
    let mut variants = Vec::new();
    let mut meta_arms = Vec::new();
    let mut all = Vec::new();
    let mut routes = Vec::new();
    let mut constructors = Vec::new();
    for area in &plan.areas {
        let feature = &area.feature;
        let cfg = quote!(#[cfg(feature = #feature)]);
        let parent = ident(area.parent());
        let module = ident(&area.module);
        for e in &area.endpoints {
            let variant = ident(&e.variant);
            let meta = ident(&e.names.meta_name);
            let meta_path = quote!(#parent::#module::#meta);
            let (path_params, _) = plan_params(e.endpoint);
            let summary = escape_markdown(&one_line(&e.endpoint.summary));
            let doc = doc_attrs(&format!(
                "{}{}{}\n\nBuilder: `{}::{}::{}`.",
                request_line(e.endpoint),
                if summary.is_empty() { "" } else { ": " },
                summary,
                area.parent(),
                area.module,
                e.names.struct_name
            ));
            let field_defs = path_params.iter().map(|p| {
                let id = ident(&p.ident);
                let doc = doc_attrs(&format!(
                    "The {} path parameter, decoded.",
                    code_span(&p.placeholder)
                ));
                quote!(#doc #id: #p_string,)
            });
            if path_params.is_empty() {
                variants.push(quote!(#doc #cfg #variant,));
            } else {
                variants.push(quote!(#doc #cfg #variant { #(#field_defs)* },));
            }
            let pattern = if path_params.is_empty() {
                quote!(Endpoint::#variant)
            } else {
                quote!(Endpoint::#variant { .. })
            };
            meta_arms.push(quote!(#cfg #pattern => &#meta_path,));
            all.push(quote!(#cfg &#meta_path,));
            let route = u16::try_from(routes.len()).expect("fewer than 65,536 endpoints");
            let make = if path_params.is_empty() {
                quote!(Endpoint::#variant)
            } else {
                let fields = path_params.iter().map(|p| {
                    let id = ident(&p.ident);
                    quote!(#id: next())
                });
                quote!(Endpoint::#variant { #(#fields),* })
            };
            constructors.push(quote!(#cfg #route => #make,));
            let key = (
                specificity(&e.endpoint.path),
                e.endpoint.path.clone(),
                e.endpoint.method,
                e.variant.clone(),
            );
            routes.push((key, quote!(#cfg (&#meta_path, #route),)));
        }
    }
    routes.sort_by(|a, b| a.0.cmp(&b.0));
    let routes = routes.into_iter().map(|(_, r)| r);
    let file_doc = inner_doc_attrs(
        "Every endpoint as a variant of [`Endpoint`], with its metadata and path parameters: for \
         routing (webhooks, mocks, logs) and for listing what the crate covers ([`ALL`]).\n\
         \n\
         A variant exists when its area's feature is on.",
    );
    let enumeration = quote! {
        /// An endpoint of the API together with the values of its path parameters.
        ///
        /// [`Endpoint::from_request`] recognises a method and path; [`Endpoint::meta`] tells
        /// the method, route template and documentation page.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Endpoint {
            #(#variants)*
        }
    };
    let methods = quote! {
        impl Endpoint {
            /// The metadata of this endpoint.
            pub fn meta(&self) -> &'static #endpoint_meta {
                match *self {
                    #(#meta_arms)*
                }
            }

            /// The endpoint a request with this method and path is for, if any.
            ///
            /// The path may carry a query string; literal segments compare ASCII
            /// case-insensitively (see [`match_path`]). Where
            /// templates overlap, the one with a literal segment earlier wins.
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
    };
    let all = quote! {
        /// The metadata of every endpoint compiled in, by area and operation id.
        pub static ALL: &[&#endpoint_meta] = &[
            #(#all)*
        ];
    };
    let routes = quote! {
        /// Routes in matching order (literal segments before placeholders), each with the
        /// number of its arm in [`variant`].
        static ROUTES: &[(&#endpoint_meta, u16)] = &[
            #(#routes)*
        ];
    };
    let constructor = quote! {
        /// The variant of route number `route`, given the path values of its template in
        /// order (missing ones are empty). One function rather than a constructor per route:
        /// thousands of closures were a measurable part of the crate's compile time.
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
    };
    // `agents::chat::META_X` rather than `crate::agents::chat::META_X`, thousands of times. With
    // only some areas' features on, one of the two may name nothing that is compiled.
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
    let file_doc = quote! {
        #file_doc
        #(#parents)*
    };
    FileTokens {
        pieces: vec![file_doc, enumeration, methods, all, routes, constructor],
    }
}
