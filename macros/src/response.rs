//! The `response = ...` of the attribute: what the builder decodes, and which type must
//! implement `DeserializeOwned`.

use std::collections::BTreeMap;

use codegen::ir::{BodyKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use crate::types;

/// The response as the user wrote it, read into IR terms.
pub(crate) struct Response {
    pub(crate) ty: Option<TypeRef>,
    pub(crate) kind: BodyKind,
    /// Written as `Option<T>`.
    pub(crate) optional: bool,
    /// The type that must implement `DeserializeOwned`.
    pub(crate) deserialized: Option<Type>,
    /// The module path of `Bytes`, for a binary response.
    pub(crate) bytes: Option<TokenStream>,
}

/// Reads `response = ...`: none or `()` (no body), `Bytes` (a download), `Option<T>` (may
/// be absent), else a JSON type.
pub(crate) fn read_response(
    ty: Option<&Type>,
    named: &mut BTreeMap<String, TokenStream>,
) -> Response {
    let none = Response {
        ty: None,
        kind: BodyKind::Empty,
        optional: false,
        deserialized: None,
        bytes: None,
    };
    let Some(ty) = ty else {
        return none;
    };
    if matches!(ty, Type::Tuple(t) if t.elems.is_empty()) {
        return none;
    }
    if types::is_plain(ty, "Bytes") {
        let bytes = match ty {
            Type::Path(p) if p.path.segments.len() > 1 => {
                let mut module = p.path.clone();
                module.segments.pop();
                let module = module
                    .segments
                    .pairs()
                    .map(|pair| pair.value().ident.clone());
                let leading = p.path.leading_colon;
                quote!(#leading #(#module)::*)
            }
            _ => quote!(::bytes),
        };
        return Response {
            ty: Some(TypeRef::Binary),
            kind: BodyKind::Binary,
            optional: false,
            deserialized: None,
            bytes: Some(bytes),
        };
    }
    let (inner, optional) = match types::option_inner(ty) {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    Response {
        ty: Some(types::json(inner, named)),
        kind: BodyKind::Json,
        optional,
        deserialized: Some(inner.clone()),
        bytes: None,
    }
}
