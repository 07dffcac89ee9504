//! Checking a path template (`/api/v1/ChatSession/{chatSessionId}/Pickup`) and reading its
//! placeholders.
//!
//! Stricter than what the generator accepts from the docs: a hand-written template is checked
//! at compile time so that no request goes to a route the author did not mean.

/// The placeholder names of `template` in order, or every problem found with it, each as a
/// message saying what was expected.
///
/// A template starts at the API root (`/api/...`), has no empty segment, no query string and
/// no fragment, and each segment holds at most one `{name}` placeholder whose name is made of
/// letters, digits and `_` and is used once.
pub(crate) fn placeholders(template: &str) -> Result<Vec<String>, Vec<String>> {
    let mut problems = Vec::new();
    let mut names: Vec<String> = Vec::new();
    if !template.starts_with("/api/") {
        problems.push(format!(
            "the path template must start at the API root, `/api/` \
             (e.g. `/api/v1/Contact/{{id}}`); found `{template}`"
        ));
    }
    if template.contains(['?', '#']) {
        problems.push(
            "the path template must not contain a query string or fragment; \
             declare query parameters as fields marked `#[query]`"
                .to_string(),
        );
    }
    let path = template.strip_prefix('/').unwrap_or(template);
    for (i, segment) in path.split('/').enumerate() {
        if segment.is_empty() {
            let what = if i > 0 && i == path.split('/').count() - 1 {
                "the path template must not end with `/`".to_string()
            } else {
                format!("empty path segment (`//`) in `{template}`")
            };
            if !problems.contains(&what) {
                problems.push(what);
            }
            continue;
        }
        segment_placeholders(segment, &mut names, &mut problems);
    }
    if problems.is_empty() {
        Ok(names)
    } else {
        Err(problems)
    }
}

/// Reads the placeholder of one segment into `names`, or says what is wrong with it.
fn segment_placeholders(segment: &str, names: &mut Vec<String>, problems: &mut Vec<String>) {
    let mut open: Option<usize> = None;
    let mut in_segment = 0;
    for (i, c) in segment.char_indices() {
        match c {
            '{' if open.is_some() => {
                problems.push(format!("`{{` inside a placeholder in `{segment}`"));
                return;
            }
            '{' => open = Some(i),
            '}' => {
                let Some(start) = open.take() else {
                    problems.push(format!("`}}` without a matching `{{` in `{segment}`"));
                    return;
                };
                let name = &segment[start + 1..i];
                in_segment += 1;
                if name.is_empty() {
                    problems.push(format!("empty placeholder `{{}}` in `{segment}`"));
                } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || name.starts_with(|c: char| c.is_ascii_digit())
                {
                    problems.push(format!(
                        "placeholder `{{{name}}}` must be a name: letters, digits and `_`, \
                         not starting with a digit"
                    ));
                } else if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    problems.push(format!("placeholder `{{{name}}}` appears twice"));
                } else {
                    names.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    if open.is_some() {
        problems.push(format!(
            "unclosed `{{` in `{segment}`: a placeholder is written `{{name}}`"
        ));
    } else if in_segment > 1 {
        problems.push(format!(
            "at most one placeholder per path segment; `{segment}` has {in_segment}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn reads_placeholders_in_order() {
        assert_eq!(
            placeholders("/api/v1/ChatSession/{chatSessionId}/TransferTo/{toAssociate}").unwrap(),
            ["chatSessionId", "toAssociate"]
        );
        assert_eq!(placeholders("/api/v1/User").unwrap(), Vec::<String>::new());
        assert_eq!(
            placeholders("/api/v1/Doc/file-{name}.txt").unwrap(),
            ["name"]
        );
    }

    fn problems(template: &str) -> Vec<String> {
        placeholders(template).unwrap_err()
    }

    #[test]
    fn malformed_braces_are_named() {
        assert_eq!(
            problems("/api/v1/Contact/{id"),
            ["unclosed `{` in `{id`: a placeholder is written `{name}`"]
        );
        assert_eq!(
            problems("/api/v1/Contact/id}"),
            ["`}` without a matching `{` in `id}`"]
        );
        assert_eq!(
            problems("/api/v1/Contact/{}"),
            ["empty placeholder `{}` in `{}`"]
        );
        assert_eq!(
            problems("/api/v1/Contact/{{id}}"),
            ["`{` inside a placeholder in `{{id}}`"]
        );
        assert_eq!(
            problems("/api/v1/Contact/{id:int}"),
            ["placeholder `{id:int}` must be a name: letters, digits and `_`, not starting with a digit"]
        );
        assert_eq!(
            problems("/api/v1/{a}/{A}"),
            ["placeholder `{A}` appears twice"]
        );
        assert_eq!(
            problems("/api/v1/{a}-{b}"),
            ["at most one placeholder per path segment; `{a}-{b}` has 2"]
        );
    }

    #[test]
    fn segments_roots_and_queries_are_checked() {
        assert_eq!(
            problems("/api/v1//Contact"),
            ["empty path segment (`//`) in `/api/v1//Contact`"]
        );
        assert_eq!(
            problems("/api/v1/Contact/"),
            ["the path template must not end with `/`"]
        );
        assert_eq!(problems("api/v1/Contact").len(), 1);
        assert!(problems("/v1/Contact")[0].contains("`/api/`"));
        assert_eq!(
            problems("/api/v1/Contact?x=1"),
            ["the path template must not contain a query string or fragment; declare query parameters as fields marked `#[query]`"]
        );
        // Every problem at once.
        assert_eq!(problems("/x//{a").len(), 3);
    }
}
