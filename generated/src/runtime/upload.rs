// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! The media type an upload of raw bytes is sent as.
//!
//! An upload endpoint documents the types it takes (`image/png`,
//! `image/jpeg`, ... for a person's picture; dozens of document formats
//! plus `application/octet-stream` for document content). The bytes
//! usually tell which one they are, so the caller need not say it.

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

#[cfg(test)]
mod tests {
    use super::*;

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
