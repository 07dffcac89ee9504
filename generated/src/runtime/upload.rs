// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The media type an upload of raw bytes is sent as, and the
//! `multipart/form-data` form of a file upload.
//!
//! An upload endpoint documents the types it takes (`image/png`,
//! `image/jpeg`, ... for a person's picture; dozens of document formats
//! plus `application/octet-stream` for document content). The bytes
//! usually tell which one they are, so the caller need not say it.
//!
//! A file upload whose page also lists `multipart/form-data` goes as a form
//! with one file part by default: that is the form SuperOffice's contract
//! gives those endpoints (a `file` form parameter).

/// `application/octet-stream`: bytes of no particular kind.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// File signatures and the media type they mark.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"%PDF-", "application/pdf"),
    (b"{\\rtf", "application/rtf"),
];

/// The media type the first bytes of `data` show, for the formats
/// SuperOffice's upload endpoints list (PNG, JPEG, GIF, TIFF, BMP, PDF,
/// RTF); `None` when they show none of them.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(magic, _)| data.starts_with(magic))
        .map(|(_, media)| *media)
}

/// The `Content-Type` to send `data` with, to an endpoint that documents
/// the media types `documented`:
/// 1. the type the bytes show ([`sniff`]), if the endpoint takes it (a
///    JPEG also matches a documented `image/jpg`);
/// 2. else `application/octet-stream`, if the endpoint takes it;
/// 3. else the first documented type;
/// 4. else `application/octet-stream`.
pub fn upload_content_type(data: &[u8], documented: &[&str]) -> String {
    let takes = |media: &str| documented.iter().any(|d| d.eq_ignore_ascii_case(media));
    if let Some(media) = sniff(data) {
        if takes(media) {
            return media.to_owned();
        }
        if media == "image/jpeg" && takes("image/jpg") {
            return "image/jpg".to_owned();
        }
    }
    if takes(OCTET_STREAM) {
        return OCTET_STREAM.to_owned();
    }
    documented.first().map_or(OCTET_STREAM, |d| d).to_owned()
}

/// The media type of a form upload.
pub const MULTIPART_FORM: &str = "multipart/form-data";

/// `data` as a `multipart/form-data` body with one file part named `field`
/// (its file name too) of type `part_type`: the `Content-Type` header to
/// send (with the boundary) and the body.
///
/// The boundary is the first of `superoffice-api-0`, `-1`, ... that does not
/// occur in the data, so the same bytes always give the same body.
pub fn multipart_form(field: &str, data: &[u8], part_type: &str) -> (String, Vec<u8>) {
    let boundary = (0u32..)
        .map(|n| format!("superoffice-api-{n}"))
        .find(|b| !data.windows(b.len()).any(|w| w == b.as_bytes()))
        .expect("some boundary is not in the data");
    let field = field.replace(['"', '\r', '\n'], "_");
    let mut body = Vec::with_capacity(data.len() + 200);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{field}\"\r\nContent-Type: {part_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("{MULTIPART_FORM}; boundary={boundary}"), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_has_one_file_part_and_a_boundary_not_in_the_data() {
        let (content_type, body) = multipart_form("image", b"GIF89a", "image/gif");
        assert_eq!(
            content_type,
            "multipart/form-data; boundary=superoffice-api-0"
        );
        assert_eq!(
            body,
            b"--superoffice-api-0\r\nContent-Disposition: form-data; name=\"image\"; \
              filename=\"image\"\r\nContent-Type: image/gif\r\n\r\nGIF89a\r\n\
              --superoffice-api-0--\r\n"
        );
        let (content_type, _) = multipart_form("f", b"x superoffice-api-0 y", "image/png");
        assert!(content_type.ends_with("boundary=superoffice-api-1"));
    }

    const IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/tiff"];

    #[test]
    fn sniffs_the_documented_formats() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a...."), Some("image/gif"));
        assert_eq!(sniff(b"II*\x00...."), Some("image/tiff"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"hello"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn picks_a_documented_type() {
        assert_eq!(upload_content_type(b"GIF89a", IMAGES), "image/gif");
        assert_eq!(upload_content_type(b"?", IMAGES), "image/png");
        assert_eq!(upload_content_type(b"%PDF-1.4", IMAGES), "image/png");
        let documents = &["image/jpg", OCTET_STREAM, "application/pdf"];
        assert_eq!(
            upload_content_type(b"%PDF-1.4", documents),
            "application/pdf"
        );
        assert_eq!(upload_content_type(b"\xff\xd8\xff", documents), "image/jpg");
        assert_eq!(upload_content_type(b"PK\x03\x04", documents), OCTET_STREAM);
        assert_eq!(upload_content_type(b"GIF89a", &[]), OCTET_STREAM);
    }
}
