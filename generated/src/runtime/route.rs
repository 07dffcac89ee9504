// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Matching concrete paths against route templates: the reverse of
//! [`fill_path`](super::fill_path), used for routing (e.g. in webhooks, mocks
//! and tests) and to validate paths before sending.

use percent_encoding::percent_decode_str;

use super::error::BuildError;

/// Splits `path` at the first `?` or `#`, dropping the query and fragment.
fn strip_query(path: &str) -> &str {
    path.find(['?', '#']).map_or(path, |i| &path[..i])
}

/// A template segment split around its (single) `{placeholder}`.
struct Placeholder<'t> {
    prefix: &'t str,
    name: &'t str,
    suffix: &'t str,
}

fn placeholder(segment: &str) -> Option<Placeholder<'_>> {
    let open = segment.find('{')?;
    let close = open + segment[open..].find('}')?;
    Some(Placeholder {
        prefix: &segment[..open],
        name: &segment[open + 1..close],
        suffix: &segment[close + 1..],
    })
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

fn decode(segment: &str) -> Option<String> {
    percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// Matches a concrete `path` against a route `template` and returns the
/// placeholder values, percent-decoded, in template order.
///
/// Matching is segment by segment: literal segments compare ASCII
/// case-insensitively (SuperOffice routes are case-insensitive), a
/// placeholder segment (`{id}`, or `prefix{id}suffix`) matches one
/// non-empty segment, and a query string or fragment on `path` is ignored,
/// as is one trailing `/`. Returns `None` when the path does not fit or a
/// value is not valid UTF-8 after decoding. Segments with more than one
/// placeholder are not supported and never match.
///
/// ```
/// use superoffice_api::runtime::match_path;
/// assert_eq!(
///     match_path("/api/v1/ChatSession/{chatSessionId}/Pickup", "/api/v1/chatsession/12/pickup?x=1"),
///     Some(vec![("chatSessionId".to_string(), "12".to_string())])
/// );
/// ```
pub fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template = strip_query(template);
    let mut path = strip_query(path);
    if path.len() > 1 && path.ends_with('/') && !template.ends_with('/') {
        path = &path[..path.len() - 1];
    }
    let mut t_segments = template.split('/');
    let mut p_segments = path.split('/');
    let mut values = Vec::new();
    loop {
        match (t_segments.next(), p_segments.next()) {
            (None, None) => return Some(values),
            (Some(t), Some(p)) => match placeholder(t) {
                Some(ph) => {
                    if placeholder(ph.suffix).is_some() {
                        return None;
                    }
                    let rest = strip_prefix_ignore_case(p, ph.prefix)?;
                    let raw = strip_suffix_ignore_case(rest, ph.suffix)?;
                    if raw.is_empty() {
                        return None;
                    }
                    values.push((ph.name.to_owned(), decode(raw)?));
                }
                None => {
                    if !decode(p)?.eq_ignore_ascii_case(t) {
                        return None;
                    }
                }
            },
            _ => return None,
        }
    }
}

/// Checks that `path` is a safe filling of `template` before it is sent:
/// no placeholder left unfilled, no empty path parameter, no parameter that
/// is `.` or `..` (in any encoding), since URL normalisation in HTTP clients
/// would silently turn those into a different route.
pub(crate) fn check_filled_path(template: &str, path: &str) -> Result<(), BuildError> {
    let invalid = || BuildError::InvalidPath(path.to_owned());
    if !path.starts_with('/') || path.contains(['{', '}', '?', '#']) {
        return Err(invalid());
    }
    let mut t_segments = strip_query(template).split('/');
    for p in path.split('/') {
        let t = t_segments.next().ok_or_else(invalid)?;
        let is_dot = matches!(decode(p).as_deref(), Some("." | ".."));
        if is_dot || (p.is_empty() && placeholder(t).is_some()) {
            return Err(invalid());
        }
    }
    match t_segments.next() {
        Some(_) => Err(invalid()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn matches_and_extracts_values() {
        let t = "/api/v1/ChatSession/{chatSessionId}/Pickup";
        assert_eq!(
            match_path(t, "/api/v1/ChatSession/12/Pickup"),
            pairs(&[("chatSessionId", "12")])
        );
        assert_eq!(
            match_path(
                "/api/v1/List/{listName}/Items/{id}",
                "/api/v1/List/a%2Fb%20c/Items/7"
            ),
            pairs(&[("listName", "a/b c"), ("id", "7")])
        );
        assert_eq!(match_path("/api/v1/User", "/api/v1/User"), pairs(&[]));
    }

    #[test]
    fn literals_are_case_insensitive_and_query_is_ignored() {
        let t = "/api/v1/ChatSession/{chatSessionId}/Pickup";
        assert_eq!(
            match_path(t, "/API/V1/chatsession/Bj%C3%B8rn/PICKUP?$select=x#frag"),
            pairs(&[("chatSessionId", "Bjørn")])
        );
        assert_eq!(
            match_path(t, "/api/v1/ChatSession/12/Pickup/"),
            pairs(&[("chatSessionId", "12")])
        );
    }

    #[test]
    fn mismatches_give_none() {
        let t = "/api/v1/ChatSession/{chatSessionId}/Pickup";
        assert_eq!(match_path(t, "/api/v1/ChatSession/12/Drop"), None);
        assert_eq!(match_path(t, "/api/v1/ChatSession/12"), None);
        assert_eq!(match_path(t, "/api/v1/ChatSession/12/Pickup/x"), None);
        assert_eq!(match_path(t, "/api/v1/ChatSession//Pickup"), None);
        assert_eq!(match_path(t, "/api/v1/ChatSession/%FF/Pickup"), None);
    }

    #[test]
    fn placeholders_with_affixes() {
        assert_eq!(
            match_path("/api/v1/Doc/id{id}.pdf", "/api/v1/doc/ID42.PDF"),
            pairs(&[("id", "42")])
        );
        assert_eq!(
            match_path("/api/v1/Doc/id{id}.pdf", "/api/v1/doc/id.pdf"),
            None
        );
        assert_eq!(match_path("/api/v1/Doc/{a}{b}", "/api/v1/doc/xy"), None);
    }

    #[test]
    fn filled_paths_are_checked() {
        let t = "/api/v1/Thing/{id}/Sub";
        assert!(check_filled_path(t, "/api/v1/Thing/12/Sub").is_ok());
        for bad in [
            "/api/v1/Thing//Sub",
            "/api/v1/Thing/../Sub",
            "/api/v1/Thing/%2E%2e/Sub",
            "/api/v1/Thing/./Sub",
            "/api/v1/Thing/{id}/Sub",
            "/api/v1/Thing/1/Sub/extra",
            "/api/v1/Thing/1",
            "api/v1/Thing/1/Sub",
        ] {
            assert!(
                matches!(check_filled_path(t, bad), Err(BuildError::InvalidPath(_))),
                "{bad} accepted"
            );
        }
    }
}
