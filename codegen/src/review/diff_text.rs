//! An [`ApiDiff`] as text: markdown for a pull-request description, JSON for tools.

use super::diff::{ApiDiff, Change, ChangeKind, Impact, Verdict};

/// The diff as pretty-printed JSON (the [`ApiDiff`] fields; each change flattened with its
/// `impact` and a `change` tag), ending in a newline.
pub fn json(diff: &ApiDiff) -> String {
    let mut out = serde_json::to_string_pretty(diff).expect("a diff serializes");
    out.push('\n');
    out
}

/// The diff as markdown: a heading with the verdict, what the verdict asks of the version, and
/// the breaking, then the additive changes, one list item each.
pub fn markdown(diff: &ApiDiff) -> String {
    let mut out = format!("## API changes: {}\n\n", diff.verdict.as_str());
    let total = diff.breaking + diff.additive;
    out.push_str(&match diff.verdict {
        Verdict::None => {
            "No endpoint, parameter, body, response, model or property changed.\n".to_string()
        }
        Verdict::Additive => format!(
            "{total} additive change{}: code written against the generated crate keeps \
             compiling; a minor version.\n",
            plural(total)
        ),
        Verdict::Breaking => format!(
            "{} breaking and {} additive change{}: code written against the generated crate \
             may need changes; a major version (a minor one while 0.x).\n",
            diff.breaking,
            diff.additive,
            plural(total)
        ),
    });
    for (impact, title) in [
        (Impact::Breaking, "Breaking"),
        (Impact::Additive, "Additive"),
    ] {
        let items: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| c.impact == impact)
            .map(line)
            .collect();
        if !items.is_empty() {
            out.push_str(&format!("\n### {title}\n\n"));
            for item in items {
                out.push_str(&format!("- {item}\n"));
            }
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `` `x` ``, or `none` for no type.
fn ty(t: &Option<String>) -> String {
    t.as_deref()
        .map_or_else(|| "none".to_string(), |t| format!("`{t}`"))
}

/// One change, as a sentence.
fn line(c: &Change) -> String {
    match &c.kind {
        ChangeKind::EndpointAdded {
            endpoint,
            method,
            path,
            source,
        } => format!("Endpoint `{endpoint}` added: `{method} {path}` (from `{source}`)."),
        ChangeKind::EndpointRemoved {
            endpoint,
            method,
            path,
            source,
        } => format!("Endpoint `{endpoint}` removed: `{method} {path}` (was from `{source}`)."),
        ChangeKind::MethodChanged { endpoint, old, new } => {
            format!("Endpoint `{endpoint}`: method `{old}` → `{new}`.")
        }
        ChangeKind::PathChanged { endpoint, old, new } => {
            format!("Endpoint `{endpoint}`: path `{old}` → `{new}`.")
        }
        ChangeKind::AreaChanged { endpoint, old, new } => {
            format!("Endpoint `{endpoint}`: area `{old}` → `{new}`.")
        }
        ChangeKind::ParamAdded {
            endpoint,
            location,
            param,
            ty,
            required,
        } => format!(
            "Endpoint `{endpoint}`: {} parameter `{param}` added (`{ty}`{}).",
            location.as_str(),
            if *required { ", required" } else { "" }
        ),
        ChangeKind::ParamRemoved {
            endpoint,
            location,
            param,
            ty,
        } => format!(
            "Endpoint `{endpoint}`: {} parameter `{param}` removed (was `{ty}`).",
            location.as_str()
        ),
        ChangeKind::ParamRetyped {
            endpoint,
            location,
            param,
            old,
            new,
        } => format!(
            "Endpoint `{endpoint}`: {} parameter `{param}` retyped `{old}` → `{new}`{}.",
            location.as_str(),
            if c.impact == Impact::Additive {
                " (documented values only)"
            } else {
                ""
            }
        ),
        ChangeKind::ParamNowOptional {
            endpoint,
            location,
            param,
        } => format!(
            "Endpoint `{endpoint}`: {} parameter `{param}` no longer required.",
            location.as_str()
        ),
        ChangeKind::ParamNowRequired {
            endpoint,
            location,
            param,
        } => format!(
            "Endpoint `{endpoint}`: {} parameter `{param}` now required.",
            location.as_str()
        ),
        ChangeKind::RequestBodyChanged { endpoint, old, new } => format!(
            "Endpoint `{endpoint}`: request body {} → {}.",
            ty(old),
            ty(new)
        ),
        ChangeKind::ResponseChanged { endpoint, old, new } => {
            format!("Endpoint `{endpoint}`: response {} → {}.", ty(old), ty(new))
        }
        ChangeKind::ModelAdded { model, properties } => format!(
            "Model `{model}` added ({properties} propert{}).",
            if *properties == 1 { "y" } else { "ies" }
        ),
        ChangeKind::ModelRemoved { model, replaced_by } => match replaced_by {
            Some(r) => {
                format!("Model `{model}` removed; the properties of its type now have `{r}`.")
            }
            None => format!("Model `{model}` removed."),
        },
        ChangeKind::PropertyAdded {
            model,
            property,
            ty,
        } => format!("Model `{model}`: property `{property}` added (`{ty}`)."),
        ChangeKind::PropertyRemoved {
            model,
            property,
            ty,
        } => format!("Model `{model}`: property `{property}` removed (was `{ty}`)."),
        ChangeKind::PropertyRetyped {
            model,
            property,
            old,
            new,
        } => format!(
            "Model `{model}`: property `{property}` retyped `{old}` → `{new}`{}.",
            if c.impact == Impact::Additive {
                " (documented values only)"
            } else {
                ""
            }
        ),
    }
}
