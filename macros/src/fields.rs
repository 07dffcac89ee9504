//! The fields of the user's struct: which fill path parts, which are query parameters and which
//! is the request body.

use codegen::emit::names::snake;
use codegen::ir::TypeRef;
use syn::ext::IdentExt;
use syn::{Field, Fields as SynFields, Ident, LitStr, Type};

use crate::docs;
use crate::errors::Errors;
use crate::types::{self, SCALARS};

/// A field filling a `{placeholder}` of the template.
pub(crate) struct PathField {
    pub(crate) ident: Ident,
    pub(crate) ty: TypeRef,
    pub(crate) description: String,
}

/// A field marked `#[query]`.
pub(crate) struct QueryField {
    pub(crate) ident: Ident,
    /// The name on the wire: `rename`, else the field's name.
    pub(crate) wire: String,
    pub(crate) ty: TypeRef,
    /// Written without `Option`: the author means it to be set.
    pub(crate) required: bool,
    pub(crate) description: String,
}

/// The field marked `#[body]`.
pub(crate) struct BodyField {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) description: String,
}

/// The fields, sorted out.
#[derive(Default)]
pub(crate) struct Fields {
    /// For each placeholder, in template order, the field filling it.
    pub(crate) path: Vec<Option<PathField>>,
    /// Query parameters in field order.
    pub(crate) query: Vec<QueryField>,
    /// The request body.
    pub(crate) body: Option<BodyField>,
}

/// What a field's attributes say it is.
enum Role {
    Path,
    Query { rename: Option<LitStr> },
    Body,
}

/// Sorts `fields` against the template's `placeholders`, recording every problem in `errors`:
/// a field that fills no placeholder and is not marked, a placeholder no field fills, a type
/// that cannot go where the field goes, an attribute the macro does not know.
///
/// `placeholders` is `None` when the template itself is malformed: unmarked fields are then
/// not checked against it, so that one mistake is reported once.
pub(crate) fn read(
    fields: &SynFields,
    placeholders: Option<&[String]>,
    template: &LitStr,
    errors: &mut Errors,
) -> Fields {
    let known = placeholders.is_some();
    let placeholders = placeholders.unwrap_or_default();
    let mut out = Fields {
        path: placeholders.iter().map(|_| None).collect(),
        ..Fields::default()
    };
    // Placeholders a field was meant for, even if it has a problem of its own: they are not
    // reported again as unfilled.
    let mut claimed = vec![matches!(fields, SynFields::Unnamed(_)); placeholders.len()];
    for field in fields {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let Some(role) = role(field, errors) else {
            continue;
        };
        let description = docs::text(&field.attrs);
        match role {
            Role::Path if known => {
                let target = PathTarget {
                    placeholders,
                    template,
                };
                if let Some(i) = path_field(field, ident, description, &target, &mut out, errors) {
                    claimed[i] = true;
                }
            }
            Role::Path => {}
            Role::Query { rename } => match types::query(&field.ty) {
                Some((ty, optional)) => out.query.push(QueryField {
                    wire: rename.map_or_else(|| ident.unraw().to_string(), |r| r.value()),
                    ident,
                    ty,
                    required: !optional,
                    description,
                }),
                None => errors.spanning(
                    &field.ty,
                    format!(
                        "a query parameter is one of {SCALARS}, or a `Vec` of one (sent as a \
                         comma-separated list), optionally in an `Option`"
                    ),
                ),
            },
            Role::Body => {
                if let Some(first) = &out.body {
                    errors.at(
                        ident.span(),
                        format!(
                            "only one field can be the request body; `{}` already is",
                            first.ident
                        ),
                    );
                } else {
                    out.body = Some(BodyField {
                        ident,
                        ty: field.ty.clone(),
                        description,
                    });
                }
            }
        }
    }
    for ((name, filled), claimed) in placeholders.iter().zip(&out.path).zip(&claimed) {
        if filled.is_none() && !claimed {
            errors.at(
                template.span(),
                format!(
                    "path part `{{{name}}}` has no field: add a field `{}` of type {SCALARS}",
                    snake(name)
                ),
            );
        }
    }
    out
}

/// Reads `#[query]`, `#[query(rename = "...")]` and `#[body]`; `None` after an error.
fn role(field: &Field, errors: &mut Errors) -> Option<Role> {
    let mut role = Role::Path;
    let mut marked: Option<&Ident> = None;
    let mut ok = true;
    for attr in &field.attrs {
        if docs::is_doc(attr) {
            continue;
        }
        let Some(name) = attr.path().get_ident() else {
            errors.spanning(attr, UNKNOWN_FIELD_ATTRIBUTE);
            ok = false;
            continue;
        };
        if name != "query" && name != "body" {
            errors.spanning(attr, UNKNOWN_FIELD_ATTRIBUTE);
            ok = false;
            continue;
        }
        if let Some(first) = marked {
            errors.at(
                name.span(),
                format!(
                    "a field is either `#[query]` or `#[body]`; this one is already `#[{first}]`"
                ),
            );
            ok = false;
            continue;
        }
        marked = Some(name);
        if name == "body" {
            if let Err(e) = attr.meta.require_path_only() {
                errors.at(e.span(), "`#[body]` takes no arguments");
                ok = false;
            }
            role = Role::Body;
            continue;
        }
        let mut rename = None;
        if !matches!(attr.meta, syn::Meta::Path(_)) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let value: LitStr = meta.value()?.parse()?;
                    if value.value().is_empty() {
                        return Err(syn::Error::new(
                            value.span(),
                            "the wire name must not be empty",
                        ));
                    }
                    rename = Some(value);
                    Ok(())
                } else {
                    Err(meta.error(
                        "expected `rename = \"wire name\"`, e.g. `#[query(rename = \"$select\")]`",
                    ))
                }
            });
            if let Err(e) = parsed {
                errors.push(e);
                ok = false;
            }
        }
        role = Role::Query { rename };
    }
    ok.then_some(role)
}

const UNKNOWN_FIELD_ATTRIBUTE: &str =
    "only `#[query]`, `#[body]` and doc comments go on the fields \
     of an `#[so_endpoint]` struct";

/// The template an unmarked field is matched against.
struct PathTarget<'a> {
    placeholders: &'a [String],
    template: &'a LitStr,
}

/// Matches an unmarked field to the placeholder with the same snake_case name; returns the
/// placeholder's index when there is one, even if the field cannot fill it.
fn path_field(
    field: &Field,
    ident: Ident,
    description: String,
    target: &PathTarget,
    out: &mut Fields,
    errors: &mut Errors,
) -> Option<usize> {
    let PathTarget {
        placeholders,
        template,
    } = *target;
    let name = snake(&ident.unraw().to_string());
    let Some(i) = placeholders.iter().position(|p| snake(p) == name) else {
        let parts = if placeholders.is_empty() {
            "it has none".to_string()
        } else {
            let list: Vec<String> = placeholders.iter().map(|p| format!("`{{{p}}}`")).collect();
            format!("it has {}", list.join(", "))
        };
        errors.at(
            ident.span(),
            format!(
                "field `{ident}` is not a path part of `{}` ({parts}); mark it `#[query]` for a \
                 query parameter or `#[body]` for the request body",
                template.value()
            ),
        );
        return None;
    };
    if let Some(first) = &out.path[i] {
        errors.at(
            ident.span(),
            format!(
                "path part `{{{}}}` is already filled by field `{}`",
                placeholders[i], first.ident
            ),
        );
        return Some(i);
    }
    let Some(ty) = types::scalar(&field.ty) else {
        errors.spanning(
            &field.ty,
            format!(
                "path part `{{{}}}` must be one of {SCALARS}",
                placeholders[i]
            ),
        );
        return Some(i);
    };
    out.path[i] = Some(PathField {
        ident,
        ty,
        description,
    });
    Some(i)
}
