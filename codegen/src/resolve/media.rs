//! What the pages say about how a body travels: the media types their `Content-Type` and
//! `Accept` header rows list, whether a PATCH page also takes a merge patch, and whether an
//! untyped request body is a stream of bytes.

use crate::ir::Header;

/// RFC 6902 JSON Patch.
pub const JSON_PATCH: &str = "application/json-patch+json";
/// RFC 7396 JSON merge patch.
pub const MERGE_PATCH: &str = "application/merge-patch+json";
/// A form upload: the file as one part of a form.
pub const MULTIPART_FORM: &str = "multipart/form-data";
/// Bytes of no particular kind.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// The media types named in a header description (`Content-type of the request body:
/// `image/png`, `image/jpeg``), lower-cased, in order, without repeats.
pub fn listed(text: &str) -> Vec<String> {
    const TOP: [&str; 7] = [
        "application",
        "image",
        "text",
        "audio",
        "video",
        "multipart",
        "font",
    ];
    let mut out: Vec<String> = Vec::new();
    for word in
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '"' | '\'' | '`'))
    {
        let word = word.trim_end_matches(['.', ';', ':']).to_ascii_lowercase();
        let Some((top, sub)) = word.split_once('/') else {
            continue;
        };
        let valid_sub = !sub.is_empty()
            && sub
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'));
        if TOP.contains(&top) && valid_sub && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Whether a media type carries structured data (JSON, XML, a form, a patch) rather than the
/// raw bytes of a file: the types every page lists whatever the body is.
pub fn is_structured(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim();
    let sub = essence.split_once('/').map_or("", |(_, s)| s);
    sub == "json"
        || sub == "xml"
        || sub.ends_with("+json")
        || sub.ends_with("+xml")
        || essence == "application/x-www-form-urlencoded"
        || essence.starts_with("multipart/")
}

/// The raw (not [structured](is_structured)) media types the row `name` of a page's request
/// headers lists: what an upload may be sent as (`Content-Type`) or a download may come as
/// (`Accept`).
pub fn raw_types(headers: &[Header], name: &str) -> Vec<String> {
    headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case(name))
        .flat_map(|h| listed(&h.description))
        .filter(|m| !is_structured(m))
        .collect()
}

/// Whether the page's `Content-Type` row lists `application/json`: a body described only in
/// words may then travel as JSON.
pub fn takes_json(headers: &[Header]) -> bool {
    request_types(headers).any(|m| m == "application/json")
}

/// Whether the page's `Content-Type` row lists `multipart/form-data`: a file upload may then
/// travel as a form.
pub fn takes_form(headers: &[Header]) -> bool {
    request_types(headers).any(|m| m == MULTIPART_FORM)
}

fn request_types(headers: &[Header]) -> impl Iterator<Item = String> + '_ {
    headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case("Content-Type"))
        .flat_map(|h| listed(&h.description))
}

/// Whether a PATCH page says the server also takes a merge patch ("JSON Merge Patch",
/// "MERGE-PATCH object", "JSON-MERGE-PATCH").
pub fn mentions_merge_patch(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.windows(2).any(|w| w[0] == "merge" && w[1] == "patch")
}

/// Whether a request body's description says it is a stream ("A stream to the content to be
/// uploaded", "The document content as a stream."): the .NET `Stream` parameters, which take
/// the raw bytes of a file.
pub fn says_stream(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("stream"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, description: &str) -> Header {
        Header {
            name: name.into(),
            description: description.into(),
        }
    }

    #[test]
    fn lists_the_raw_types_of_a_header_row() {
        let headers = [
            header(
                "Content-Type",
                "Content-type of the request body: image/png, image/jpeg, image/gif, \
                 image/tiff, multipart/form-data",
            ),
            header(
                "Accept",
                "Content-type(s) you would like the response in: application/json, text/json, \
                 application/xml, text/xml, application/json-patch+json, \
                 application/merge-patch+json, application/octet-stream, application/pdf",
            ),
        ];
        assert_eq!(
            raw_types(&headers, "content-type"),
            ["image/png", "image/jpeg", "image/gif", "image/tiff"]
        );
        assert_eq!(
            raw_types(&headers, "Accept"),
            ["application/octet-stream", "application/pdf"]
        );
        assert!(raw_types(&headers, "SO-Language").is_empty());
        assert!(listed("Content-type of the request body:  ").is_empty());
        assert_eq!(
            listed("`Image/PNG`; text/plain."),
            ["image/png", "text/plain"]
        );
    }

    #[test]
    fn reads_merge_patch_and_stream_wording() {
        assert!(mentions_merge_patch(
            "described in a JSON Patch or a JSON Merge Patch document"
        ));
        assert!(mentions_merge_patch(
            "or a MERGE-PATCH object (which will be"
        ));
        assert!(mentions_merge_patch(
            "Can also be a JSON-MERGE-PATCH object"
        ));
        assert!(!mentions_merge_patch(
            "JSON-Patch array of operations, merged"
        ));
        assert!(says_stream("A stream to the content to be uploaded"));
        assert!(takes_json(&[header(
            "Content-Type",
            "Content-type of the request body: `application/json`, `image/png`"
        )]));
        let images = [header(
            "Content-Type",
            "Content-type of the request body: image/png, multipart/form-data",
        )];
        assert!(!takes_json(&images));
        assert!(takes_form(&images));
        assert!(says_stream("The document content as a stream."));
        assert!(!says_stream("Streams of ids"));
        assert!(!says_stream("The primary keys."));
    }
}
