//! The open enums of the crate: one Rust enum per documented set of values (`Enum: Slim, Wide,
//! Full`), shared by every parameter and property that documents exactly that set, in
//! `src/enums.rs`.
//!
//! One type per value set rather than per use: the 2023 docs document `$mode` the same way on
//! 54 pages, and a type per page would be 54 names for one thing (and compile time for each).
//! A set is named after the names of its uses (`$mode` gives `Mode`), the most used first; a
//! name another set already took is made longer from the use's dotted path
//! (`sale.status` gives `SaleStatus`), then numbered.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{ident, NameSet, Style};
use super::short_paths::PRELUDE_NAMES;
use super::{doc_attrs, inner_doc_attrs, str_lit};
use crate::ir::{Api, BodyKind, TypeRef};

/// The fallback variant's name, unless a documented value takes it.
const OTHER: &str = "Other";

/// One open enum: its Rust name, the documented values and their variant names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumPlan {
    pub(crate) rust_name: String,
    pub(crate) values: Vec<String>,
    pub(crate) variants: Vec<String>,
    /// The variant that carries undocumented text.
    pub(crate) other: String,
}

/// Every enum of the API, in name order: from path and query parameters, JSON request bodies
/// and responses, and the properties of the models `models` keeps.
pub(crate) fn plan_enums<'a>(
    api: &'a Api,
    models: impl Iterator<Item = &'a crate::ir::Model>,
) -> Vec<EnumPlan> {
    // Value set -> (uses per name, first seen).
    let mut sets: BTreeMap<&'a [String], (BTreeMap<&'a str, usize>, usize)> = BTreeMap::new();
    let mut seen = 0usize;
    let mut add = |ty: &'a TypeRef, name: &'a str| {
        if let Some(values) = enum_values(ty) {
            let entry = sets.entry(values).or_insert_with(|| {
                seen += 1;
                (BTreeMap::new(), seen)
            });
            *entry.0.entry(name).or_default() += 1;
        }
    };
    for e in &api.endpoints {
        for p in e.path_params.iter().chain(&e.query_params) {
            add(&p.ty, &p.name);
        }
        if let Some(b) = e.request_body.as_ref().filter(|b| is_json(b.kind)) {
            add(&b.ty, &b.name);
        }
        if let Some(r) = e.response.as_ref().filter(|_| is_json(e.response_kind)) {
            add(r, "Response");
        }
    }
    for m in models {
        for p in &m.properties {
            add(&p.ty, &p.name);
        }
    }

    // The most used sets choose first; ties in the order first seen.
    let mut order: Vec<(&[String], Vec<&str>, usize, usize)> = sets
        .into_iter()
        .map(|(values, (names, first))| {
            let uses = names.values().sum();
            let mut names: Vec<(&str, usize)> = names.into_iter().collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (
                values,
                names.into_iter().map(|n| n.0).collect(),
                uses,
                first,
            )
        })
        .collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.3.cmp(&b.3)));
    let mut taken = NameSet::with_reserved(Style::Camel, PRELUDE_NAMES);
    let mut plans: Vec<EnumPlan> = order
        .into_iter()
        .map(|(values, names, _, _)| {
            let rust_name = pick_name(&names, &mut taken);
            plan_variants(rust_name, values)
        })
        .collect();
    plans.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    plans
}

fn is_json(kind: BodyKind) -> bool {
    matches!(kind, BodyKind::Json | BodyKind::Empty)
}

/// The values of the enum in `ty`, looking through arrays and maps.
pub(crate) fn enum_values(ty: &TypeRef) -> Option<&[String]> {
    match ty {
        TypeRef::Enum(values) if !values.is_empty() => Some(values),
        TypeRef::Array(inner) | TypeRef::Map(inner) => enum_values(inner),
        _ => None,
    }
}

/// The first free name among the uses' names: the last segment of each dotted name, then
/// the last two, then the whole; else the first numbered.
fn pick_name(names: &[&str], taken: &mut NameSet) -> String {
    let segments = |name: &str, n: usize| -> String {
        let parts: Vec<&str> = name.split('.').collect();
        parts[parts.len().saturating_sub(n)..].join("_")
    };
    for n in [1, 2, usize::MAX] {
        for name in names {
            let base = taken.base(&segments(name, n), "Value");
            if !taken.contains(&base) {
                return taken.claim(base);
            }
        }
    }
    let base = taken.base(&segments(names.first().copied().unwrap_or(""), 1), "Value");
    taken.claim(base)
}

fn plan_variants(rust_name: String, values: &[String]) -> EnumPlan {
    let mut set = NameSet::new(Style::Camel);
    let variants: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| set.name(v, &format!("Value{}", i + 1)))
        .collect();
    let other = set.claim(OTHER.to_string());
    EnumPlan {
        rust_name,
        values: values.to_vec(),
        variants,
        other,
    }
}

/// `src/enums.rs`: every open enum, each one `open_enum!` call.
pub(crate) fn enums_file(plans: &[EnumPlan]) -> TokenStream {
    let doc = inner_doc_attrs(
        "The values the docs document for parameters and properties (`Enum: A, B, ...` in \
         a table), one open enum per set of values.\n\
         \n\
         Each enum has a variant per documented value and a fallback variant that keeps any \
         other text: the server knows values the docs do not list yet, and flags enums travel \
         as several names joined by `\", \"`. Values go on the wire as the exact text the docs \
         give; build one from text with `From<&str>` (`Mode::from(\"Slim\")`), read it back \
         with `as_str`.",
    );
    let items = plans.iter().map(|p| {
        let name = ident(&p.rust_name);
        let other = ident(&p.other);
        let list: Vec<String> = p.values.iter().map(|v| format!("`{v}`")).collect();
        let enum_doc = doc_attrs(&format!(
            "Documented values: {}. Others are kept in [`{}::{}`].",
            list.join(", "),
            p.rust_name,
            p.other
        ));
        let other_doc = doc_attrs(
            "A value the docs do not list (a newer one, or flags joined by `\", \"`), sent and \
             kept as the text it is.",
        );
        let variants: Vec<_> = p.variants.iter().map(|v| ident(v)).collect();
        let docs = p.values.iter().map(|v| doc_attrs(&format!("`{v}`")));
        let wires = p.values.iter().map(|v| str_lit(v));
        quote! {
            #enum_doc
            #[derive(Clone, PartialEq, Eq, Hash, Debug)]
            #[non_exhaustive]
            pub enum #name {
                #(#docs #variants,)*
                #other_doc
                #other(String),
            }

            crate::runtime::open_enum!(#name { #(#variants = #wires),* } #other);
        }
    });
    quote! {
        #doc
        #(#items)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sets: &[(&[&str], &[&str])]) -> Vec<(String, String)> {
        let mut taken = NameSet::with_reserved(Style::Camel, PRELUDE_NAMES);
        sets.iter()
            .map(|(uses, values)| {
                let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                let plan = plan_variants(pick_name(uses, &mut taken), &values);
                (plan.rust_name, plan.variants.join(","))
            })
            .collect()
    }

    #[test]
    fn sets_are_named_after_their_uses_and_longer_when_taken() {
        let got = names(&[
            (&["$mode"], &["Slim", "Wide"]),
            (&["ticket.status"], &["Open", "Closed"]),
            (&["sale.status"], &["Sold", "Lost"]),
            (&["a.sale.status"], &["X"]),
        ]);
        assert_eq!(
            got,
            vec![
                ("Mode".to_string(), "Slim,Wide".to_string()),
                ("Status".to_string(), "Open,Closed".to_string()),
                ("SaleStatus".to_string(), "Sold,Lost".to_string()),
                ("ASaleStatus".to_string(), "X".to_string()),
            ]
        );
    }

    #[test]
    fn variants_avoid_the_fallback_and_keywords() {
        let plan = plan_variants(
            "Kind".into(),
            &["Other".into(), "self".into(), "FULL".into(), "".into()],
        );
        assert_eq!(plan.variants, ["Other", "Self_", "Full", "Value4"]);
        assert_eq!(plan.other, "Other2");
    }
}
