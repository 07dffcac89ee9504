//! [`TypeRef`] to Rust types.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::names::{camel, ident};
use super::prelude_paths;
use super::EmitContext;
use crate::ir::TypeRef;

impl EmitContext {
    /// The Rust type of model `name`, or `None` when it is unknown and should be JSON.
    pub(crate) fn model_type(&self, name: &str) -> Option<TokenStream> {
        if let Some(tokens) = self.named_types.get(name) {
            return Some(tokens.clone());
        }
        if name.contains("::") {
            return syn::parse_str::<syn::Type>(name).ok().map(|t| quote!(#t));
        }
        let models = &self.models;
        if let Some(rust) = self.model_names.get(name) {
            let id = ident(rust);
            return Some(quote!(#models::#id));
        }
        if self.unknown_models_as_any {
            return None;
        }
        let rust = camel(name);
        let rust = if rust.is_empty() || rust == "Self" {
            format!("{rust}Model")
        } else {
            rust
        };
        let id = ident(&rust);
        Some(quote!(#models::#id))
    }

    /// The open enum of `values`, when the crate has one.
    pub(crate) fn enum_type(&self, values: &[String]) -> Option<TokenStream> {
        let rust = self.enum_names.get(values)?;
        let id = ident(rust);
        let enums = &self.enums;
        Some(quote!(#enums::#id))
    }

    pub(crate) fn json_value(&self) -> TokenStream {
        let sj = &self.serde_json;
        quote!(#sj::Value)
    }
}

/// The Rust type of a value inside JSON (a model field, a JSON body or response).
///
/// `binary` inside JSON is base64 text, read into bytes by the runtime's `Base64Bytes`.
/// Enums are the crate's open enums (`src/enums.rs`): the API fills such fields with .NET enum
/// names, values the docs never list turn up, and flags enums send several names comma-joined
/// (`"A, B"`), so a closed Rust enum would fail whole responses; the open enum keeps such text
/// in its fallback variant. Without an open enum for the values (the macro's context), a
/// `String`.
pub(crate) fn json_type(ty: &TypeRef, ctx: &EmitContext) -> TokenStream {
    prelude_paths!(ctx => string as p_string, vec as p_vec);
    match ty {
        TypeRef::Int32 => quote!(i32),
        TypeRef::Int64 => quote!(i64),
        TypeRef::Double => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::String => quote!(#p_string),
        TypeRef::Enum(values) => ctx.enum_type(values).unwrap_or_else(|| quote!(#p_string)),
        TypeRef::Binary => ctx.rt("Base64Bytes").into_token_stream(),
        TypeRef::DateTime => ctx.rt("DateTime").into_token_stream(),
        TypeRef::Any => ctx.json_value(),
        TypeRef::Array(inner) => {
            let inner = json_type(inner, ctx);
            quote!(#p_vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = json_type(inner, ctx);
            quote!(::std::collections::BTreeMap<#p_string, #inner>)
        }
        TypeRef::Named(name) => ctx.model_type(name).unwrap_or_else(|| ctx.json_value()),
    }
}

/// A value a path segment or query parameter can hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scalar {
    I32,
    I64,
    F64,
    Bool,
    DateTime,
    /// A documented set of values: the crate's open enum of them, or text where there is none
    /// (see [`Scalar::in_context`]).
    Enum(Vec<String>),
    /// Everything else travels as text.
    String,
}

impl Scalar {
    pub(crate) fn of(ty: &TypeRef) -> Scalar {
        match ty {
            TypeRef::Int32 => Scalar::I32,
            TypeRef::Int64 => Scalar::I64,
            TypeRef::Double => Scalar::F64,
            TypeRef::Bool => Scalar::Bool,
            TypeRef::DateTime => Scalar::DateTime,
            TypeRef::Enum(values) if !values.is_empty() => Scalar::Enum(values.clone()),
            _ => Scalar::String,
        }
    }

    /// This scalar as `ctx` can emit it: an enum the context has no open enum for is text.
    pub(crate) fn in_context(self, ctx: &EmitContext) -> Scalar {
        match self {
            Scalar::Enum(values) if !ctx.enum_names.contains_key(&values) => Scalar::String,
            s => s,
        }
    }

    pub(crate) fn rust(&self, ctx: &EmitContext) -> TokenStream {
        prelude_paths!(ctx => string as p_string);
        match self {
            Scalar::I32 => quote!(i32),
            Scalar::I64 => quote!(i64),
            Scalar::F64 => quote!(f64),
            Scalar::Bool => quote!(bool),
            Scalar::DateTime => ctx.rt("DateTime").into_token_stream(),
            Scalar::Enum(values) => ctx.enum_type(values).unwrap_or_else(|| quote!(#p_string)),
            Scalar::String => quote!(#p_string),
        }
    }

    /// Whether an argument of this scalar is converted on its way in: taken as `&str` or
    /// `impl Into<T>` by `new` and setters (see [`Scalar::argument`]), and as `impl Into<T>` items
    /// by list setters.
    pub(crate) fn takes_into(&self) -> bool {
        matches!(self, Scalar::String | Scalar::DateTime)
    }

    /// The argument type of a `new` or setter parameter of this scalar, and the expression
    /// that turns the argument `value` into the stored value.
    ///
    /// Text is taken as `&str`, not `impl Into<String>`: thousands of generic setters were a
    /// fifth of the generated crate's `cargo check` memory, for the convenience of passing a
    /// `String` without `&`. An open enum is taken as itself (`Mode::Slim`,
    /// `Mode::from("Slim")`), not generically, for the same reason.
    pub(crate) fn argument(
        &self,
        value: &TokenStream,
        ctx: &EmitContext,
    ) -> (TokenStream, TokenStream) {
        prelude_paths!(ctx => into as p_into);
        match self {
            Scalar::String => (quote!(&str), quote!(#value.to_owned())),
            Scalar::DateTime => {
                let ty = self.rust(ctx);
                (quote!(impl #p_into<#ty>), quote!(#p_into::into(#value)))
            }
            _ => (self.rust(ctx), value.clone()),
        }
    }
}

/// The shape of a query parameter: one value or a comma-separated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryType {
    pub(crate) scalar: Scalar,
    pub(crate) list: bool,
}

impl QueryType {
    pub(crate) fn of(ty: &TypeRef) -> QueryType {
        match ty {
            TypeRef::Array(inner) => QueryType {
                scalar: match &**inner {
                    TypeRef::Array(_) => Scalar::String,
                    t => Scalar::of(t),
                },
                list: true,
            },
            t => QueryType {
                scalar: Scalar::of(t),
                list: false,
            },
        }
    }

    pub(crate) fn rust(&self, ctx: &EmitContext) -> TokenStream {
        prelude_paths!(ctx => vec as p_vec);
        let scalar = self.scalar.rust(ctx);
        if self.list {
            quote!(#p_vec<#scalar>)
        } else {
            scalar
        }
    }
}
