//! The Rust types a user writes, read as IR types.
//!
//! Path parts and query parameters are limited to the scalars the builder knows how to put in a
//! URL. Body and response types are open: a type the IR has no word for becomes
//! `TypeRef::Named`, and the exact tokens the user wrote go to the emitter's
//! [`named_types`](codegen::emit::EmitContext::named_types), so the builder uses that very type
//! and compiler errors about it point at the user's code.

use std::collections::BTreeMap;

use codegen::ir::TypeRef;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{GenericArgument, PathArguments, Type};

/// The scalars a path part or query parameter can be, for messages.
pub(crate) const SCALARS: &str = "i32, i64, f64, bool, String or DateTime";

/// The last path segment of `ty` and its one generic type argument, if any:
/// `std::vec::Vec<T>` → `("Vec", Some(T))`. `None` for anything but a plain path type.
fn last_segment(ty: &Type) -> Option<(String, Option<&Type>)> {
    let Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    let arg = match &last.arguments {
        PathArguments::None => None,
        PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
            GenericArgument::Type(t) => Some(t),
            _ => return None,
        },
        _ => return None,
    };
    Some((last.ident.to_string(), arg))
}

/// True when `ty` is `name` (by its last segment) without generic arguments.
pub(crate) fn is_plain(ty: &Type, name: &str) -> bool {
    matches!(last_segment(ty), Some((n, None)) if n == name)
}

/// `T` for `Option<T>`.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    match last_segment(ty) {
        Some((n, Some(inner))) if n == "Option" => Some(inner),
        _ => None,
    }
}

/// The IR type of a scalar: a path part, or one value of a query parameter.
pub(crate) fn scalar(ty: &Type) -> Option<TypeRef> {
    let (name, None) = last_segment(ty)? else {
        return None;
    };
    Some(match name.as_str() {
        "i32" => TypeRef::Int32,
        "i64" => TypeRef::Int64,
        "f64" => TypeRef::Double,
        "bool" => TypeRef::Bool,
        "String" => TypeRef::String,
        "DateTime" => TypeRef::DateTime,
        _ => return None,
    })
}

/// The IR type of a query parameter (a scalar or a `Vec` of one, sent comma-separated) and
/// whether it was written as an `Option`.
pub(crate) fn query(ty: &Type) -> Option<(TypeRef, bool)> {
    let (ty, optional) = match option_inner(ty) {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    let ir = match last_segment(ty) {
        Some((n, Some(item))) if n == "Vec" => TypeRef::array(scalar(item)?),
        _ => scalar(ty)?,
    };
    Some((ir, optional))
}

/// The IR type of a JSON body or response: `Vec<T>` is an array, the std scalars are
/// themselves, anything else is `Named` with its tokens recorded in `named`.
pub(crate) fn json(ty: &Type, named: &mut BTreeMap<String, TokenStream>) -> TypeRef {
    match last_segment(ty) {
        Some((n, Some(item))) if n == "Vec" => return TypeRef::array(json(item, named)),
        Some((n, None)) => {
            let std = match n.as_str() {
                "i32" => Some(TypeRef::Int32),
                "i64" => Some(TypeRef::Int64),
                "f64" => Some(TypeRef::Double),
                "bool" => Some(TypeRef::Bool),
                "String" => Some(TypeRef::String),
                _ => None,
            };
            if let Some(t) = std {
                return t;
            }
        }
        _ => {}
    }
    let tokens = ty.to_token_stream();
    let key = tokens.to_string();
    named.entry(key.clone()).or_insert(tokens);
    TypeRef::Named(key)
}

/// `ty` as written in source, for messages (`a::B<C>`, not `a :: B < C >`).
pub(crate) fn display(ty: &Type) -> String {
    let mut text = ty.to_token_stream().to_string();
    for (spaced, tight) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        (" >", ">"),
        (" ,", ","),
    ] {
        text = text.replace(spaced, tight);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> Type {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn scalars_and_query_types() {
        assert_eq!(scalar(&ty("i32")), Some(TypeRef::Int32));
        assert_eq!(
            scalar(&ty("superoffice_api::runtime::DateTime")),
            Some(TypeRef::DateTime)
        );
        assert_eq!(scalar(&ty("Vec<i32>")), None);
        assert_eq!(scalar(&ty("u8")), None);
        assert_eq!(
            query(&ty("Option<Vec<String>>")),
            Some((TypeRef::array(TypeRef::String), true))
        );
        assert_eq!(query(&ty("bool")), Some((TypeRef::Bool, false)));
        assert_eq!(query(&ty("Vec<Vec<i32>>")), None);
        assert_eq!(query(&ty("Option<Thing>")), None);
    }

    #[test]
    fn json_types_keep_user_types_verbatim() {
        let mut named = BTreeMap::new();
        assert_eq!(
            json(&ty("Vec<models::Thing>"), &mut named),
            TypeRef::array(TypeRef::Named("models :: Thing".into()))
        );
        assert_eq!(json(&ty("i64"), &mut named), TypeRef::Int64);
        assert_eq!(
            json(&ty("BTreeMap<String, Thing>"), &mut named),
            TypeRef::Named("BTreeMap < String , Thing >".into())
        );
        assert_eq!(named.len(), 2);
        assert_eq!(
            option_inner(&ty("Option<Thing>")).map(|t| t.to_token_stream().to_string()),
            Some("Thing".to_string())
        );
        assert!(is_plain(&ty("bytes::Bytes"), "Bytes"));
        assert_eq!(
            display(&ty("::std::vec::Vec<a::B<C, D>>")),
            "::std::vec::Vec<a::B<C, D>>"
        );
    }
}
