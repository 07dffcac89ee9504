//! Model structs.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc_text::{code_span, rustdoc};
use super::endpoint::page_url;
use super::names::{field_names, ident};
use super::prelude_paths;
use super::types::json_type;
use super::{doc_attrs, str_lit, EmitContext};
use crate::ir::{Model, Property, TypeRef};

/// How many source pages the rustdoc of a model names before it says `and N more`.
pub const MAX_DOC_SOURCES: usize = 3;

/// The struct of one model, named `rust_name`.
///
/// Every field is an `Option` (the API sends `null` anywhere), renamed to its wire name, and
/// left out when `None`. A field whose type is directly (not through an array or a map) one of
/// the models in `boxed` is boxed, to break recursive types.
///
/// The struct is `#[non_exhaustive]`: when the docs add a property, the new field is not a
/// breaking change for users (they build models with `Default` and set fields, never with a
/// struct literal), which is what lets `codegen diff` call an added property additive. Its
/// rustdoc ends with the pages that describe it, linked to docs.superoffice.com.
///
/// A last field, [`EXTRA_FIELD`], keeps the members the docs do not describe (a newer server's
/// additions), so they survive a read-modify-write round trip instead of being dropped.
///
/// Serde comes from the runtime's `Model` trait (one `match` from wire name to field, one run of
/// writes) rather than serde's derive, which per struct expands to several visitors and, with
/// the flattened `extra`, a buffering path: over the whole API that derive was most of the
/// generated crate's compile time and memory. `Debug` likewise comes from the runtime
/// (`debug_model`: the name and the JSON), since the derived impls cost more than the serde
/// code. The three impls, the same for every model, are one `model_traits!` line.
pub fn emit_model(
    model: &Model,
    rust_name: &str,
    ctx: &EmitContext,
    boxed: &BTreeSet<String>,
) -> TokenStream {
    prelude_paths!(ctx =>
        boxed as p_boxed,
        option as p_option,
        result as p_result,
        string as p_string,
    );
    let name = ident(rust_name);
    let mut doc = rustdoc(&model.description);
    if doc.is_empty() {
        doc = format!("{} (no description in the docs).", code_span(&model.name));
    }
    if rust_name != model.name {
        doc.push_str(&format!("\n\nWire name: {}.", code_span(&model.name)));
    }
    let provenance = described_by(model);
    if !provenance.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&provenance);
    }
    let doc = doc_attrs(&doc);
    // A wire name documented twice is one field (serde rejects duplicate names).
    let mut seen = BTreeSet::new();
    let properties: Vec<&Property> = model
        .properties
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .collect();
    let idents = field_names(properties.iter().map(|p| p.name.as_str()), &[EXTRA_FIELD]);
    let fields = properties.iter().zip(&idents).map(|(prop, field)| {
        let field = ident(field);
        let mut ty = json_type(&prop.ty, ctx);
        if matches!(&prop.ty, TypeRef::Named(n) if boxed.contains(n)) {
            ty = quote!(#p_boxed<#ty>);
        }
        let doc = doc_attrs(&property_doc(prop));
        quote! {
            #doc
            pub #field: #p_option<#ty>,
        }
    });
    let wires: Vec<Literal> = properties.iter().map(|p| str_lit(&p.name)).collect();
    let field_idents: Vec<_> = idents.iter().map(|f| ident(f)).collect();
    let extra = ident(EXTRA_FIELD);
    let name_lit = str_lit(rust_name);
    let sj = &ctx.serde_json;
    super::runtime_paths!(ctx =>
        Key as key,
        MapAccess as map_access,
        Model as model_trait,
        SerializeMap as serialize_map,
        model_traits as model_traits,
        read_extra as read_extra,
        read_field as read_field,
        write_extra as write_extra,
        write_field as write_field,
    );
    quote! {
        #doc
        #[derive(Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Members the docs do not describe, as the server sent them; they are written back
            /// when the model is serialized.
            pub #extra: #sj::Map<#p_string, #sj::Value>,
        }

        impl #model_trait for #name {
            const NAME: &'static str = #name_lit;

            fn read_member<'de, A: #map_access<'de>>(
                &mut self,
                key: #key<'de>,
                map: &mut A,
            ) -> #p_result<(), A::Error> {
                match &*key {
                    #(#wires => #read_field(map, &mut self.#field_idents, &key),)*
                    _ => #read_extra(map, &mut self.#extra, key),
                }
            }

            fn write_members<M: #serialize_map>(
                &self,
                map: &mut M,
            ) -> #p_result<(), M::Error> {
                #(#write_field(map, #wires, &self.#field_idents)?;)*
                #write_extra(map, &self.#extra)
            }
        }

        #model_traits!(#name);
    }
}

/// `Described by [`rest/A.md`](url), [`rest/B.md`](url) and 2 more.`: the distinct pages of
/// the model's sources, sorted, each linked to its page on docs.superoffice.com when it has one;
/// empty when the model has no source.
pub(crate) fn described_by(model: &Model) -> String {
    let mut pages: Vec<&str> = model.sources.iter().map(|s| &*s.file).collect();
    pages.sort_unstable();
    pages.dedup();
    let shown: Vec<String> = pages
        .iter()
        .take(MAX_DOC_SOURCES)
        .map(|page| {
            let name = code_span(page);
            match page_url(page) {
                Some(url) if !name.is_empty() => format!("[{name}]({url})"),
                _ => name,
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    if shown.is_empty() {
        return String::new();
    }
    let more = pages.len().saturating_sub(MAX_DOC_SOURCES);
    let list = match (more, shown.as_slice()) {
        (0, [one]) => one.clone(),
        (0, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
        _ => format!("{} and {more} more", shown.join(", ")),
    };
    format!("Described by {list}.")
}

/// The field of every model that keeps undocumented members.
pub const EXTRA_FIELD: &str = "extra";

/// Values documented for an enum anywhere in `ty`.
fn enum_values(ty: &TypeRef) -> Option<&[String]> {
    match ty {
        TypeRef::Enum(values) => Some(values),
        TypeRef::Array(inner) | TypeRef::Map(inner) => enum_values(inner),
        _ => None,
    }
}

fn is_binary(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Binary => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => is_binary(inner),
        _ => false,
    }
}

/// The doc text of a property: its cleaned description (or a note naming it), plus the
/// documented enum values and the base64 note for binary data.
pub(crate) fn property_doc(prop: &Property) -> String {
    let mut doc = rustdoc(&prop.description);
    if doc.is_empty() {
        doc = format!("{} (no description in the docs).", code_span(&prop.name));
    }
    doc.push_str(&type_notes(&prop.ty));
    doc
}

/// Extra doc paragraphs a type needs: documented enum values, base64 for binary.
pub(crate) fn type_notes(ty: &TypeRef) -> String {
    let mut notes = String::new();
    if let Some(values) = enum_values(ty).filter(|v| !v.is_empty()) {
        let list: Vec<String> = values
            .iter()
            .map(|v| code_span(v))
            .filter(|v| !v.is_empty())
            .collect();
        notes.push_str(&format!(
            "\n\nDocumented values: {}. Others may occur.",
            list.join(", ")
        ));
    }
    if is_binary(ty) {
        notes.push_str("\n\nBytes; they travel as base64 text in JSON.");
    }
    notes
}
