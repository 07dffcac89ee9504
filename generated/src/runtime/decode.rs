// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! Turning a [`RawResponse`] into the endpoint's result type.
//!
//! Every generated `decode` function is one call to one of these helpers.
//! They share the same status handling: a non-2xx status is always
//! [`ApiError::Status`] (with SuperOffice's error JSON parsed when present),
//! and a 2xx body that does not fit is [`ApiError::Decode`] with the raw
//! bytes kept. None of them panic on any input.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::response::RawResponse;
use super::so_error::SoError;

/// Passes 2xx responses through and turns any other status into
/// [`ApiError::Status`]. Useful for hand-written decoders.
pub fn error_for_status(response: RawResponse) -> Result<RawResponse, ApiError> {
    if response.status.is_success() {
        Ok(response)
    } else {
        Err(ApiError::Status {
            status: response.status,
            error: SoError::from_body(&response.body).map(Box::new),
            raw: response.body,
        })
    }
}

fn decode_error(response: RawResponse, source: serde_json::Error) -> ApiError {
    ApiError::Decode {
        status: response.status,
        raw: response.body,
        source,
    }
}

/// `true` when a body carries no value: empty, whitespace or `null`.
fn is_absent(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    trimmed.is_empty() || trimmed == b"null"
}

/// Decodes a JSON body into `T`.
pub fn decode_json<T: DeserializeOwned>(response: RawResponse) -> Result<T, ApiError> {
    let response = error_for_status(response)?;
    match serde_json::from_slice(&response.body) {
        Ok(value) => Ok(value),
        Err(e) => Err(decode_error(response, e)),
    }
}

/// Decodes a JSON body that may be missing: an empty body, whitespace,
/// `null`, or a 204 give `None`.
pub fn decode_optional_json<T: DeserializeOwned>(
    response: RawResponse,
) -> Result<Option<T>, ApiError> {
    let response = error_for_status(response)?;
    if is_absent(&response.body) {
        return Ok(None);
    }
    match serde_json::from_slice(&response.body) {
        Ok(value) => Ok(Some(value)),
        Err(e) => Err(decode_error(response, e)),
    }
}

/// For endpoints without a meaningful result: any 2xx is success and the
/// body (empty, `null`, `true`, ...) is ignored.
pub fn decode_unit(response: RawResponse) -> Result<(), ApiError> {
    error_for_status(response).map(drop)
}

/// For downloads: returns the body bytes of a 2xx response untouched,
/// never attempting to parse them.
pub fn decode_bytes(response: RawResponse) -> Result<Bytes, ApiError> {
    error_for_status(response).map(|r| r.body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Thing {
        #[serde(rename = "Id")]
        id: i32,
        #[serde(rename = "Name")]
        name: String,
    }

    fn raw(status: u16, body: &'static [u8]) -> RawResponse {
        RawResponse::new(StatusCode::from_u16(status).unwrap(), body)
    }

    #[test]
    fn json_2xx_decodes() {
        let thing: Thing = decode_json(raw(200, br#"{"Id":7,"Name":"x","Other":1}"#)).unwrap();
        assert_eq!(
            thing,
            Thing {
                id: 7,
                name: "x".into()
            }
        );
    }

    #[test]
    fn bad_json_on_2xx_is_a_decode_error_with_raw_kept() {
        let err = decode_json::<Thing>(raw(200, b"<html>oops</html>")).unwrap_err();
        match err {
            ApiError::Decode { status, raw, .. } => {
                assert_eq!(status, StatusCode::OK);
                assert_eq!(&raw[..], b"<html>oops</html>");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = decode_json::<Thing>(raw(201, br#"{"Id":"seven"}"#)).unwrap_err();
        assert!(matches!(err, ApiError::Decode { .. }));
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn superoffice_error_json_on_404_is_parsed() {
        let body = br#"{"Error":"Not found","ErrorType":"SoException","Message":"Contact 7 not found","Source":"X"}"#;
        for result in [
            decode_json::<Thing>(raw(404, body)).map(drop),
            decode_optional_json::<Thing>(raw(404, body)).map(drop),
            decode_unit(raw(404, body)),
            decode_bytes(raw(404, body)).map(drop),
        ] {
            match result.unwrap_err() {
                ApiError::Status { status, error, raw } => {
                    assert_eq!(status, StatusCode::NOT_FOUND);
                    let error = error.expect("parsed SoError");
                    assert_eq!(error.message.as_deref(), Some("Contact 7 not found"));
                    assert_eq!(error.error_type.as_deref(), Some("SoException"));
                    assert_eq!(&raw[..], &body[..]);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn html_error_page_keeps_raw_body() {
        let body = b"<html><body><h1>500 Internal Server Error</h1></body></html>";
        match decode_json::<Thing>(raw(500, body)).unwrap_err() {
            ApiError::Status { status, error, raw } => {
                assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
                assert!(error.is_none());
                assert_eq!(&raw[..], &body[..]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unit_ignores_any_2xx_body() {
        assert!(decode_unit(raw(204, b"")).is_ok());
        assert!(decode_unit(raw(200, b"null")).is_ok());
        assert!(decode_unit(raw(200, b"true")).is_ok());
        assert!(decode_unit(raw(200, b"<html/>")).is_ok());
    }

    #[test]
    fn optional_json_treats_empty_and_null_as_none() {
        assert_eq!(decode_optional_json::<Thing>(raw(200, b"")).unwrap(), None);
        assert_eq!(decode_optional_json::<Thing>(raw(204, b"")).unwrap(), None);
        assert_eq!(
            decode_optional_json::<Thing>(raw(200, b" null \n")).unwrap(),
            None
        );
        assert_eq!(
            decode_optional_json::<Thing>(raw(200, br#"{"Id":1,"Name":"a"}"#)).unwrap(),
            Some(Thing {
                id: 1,
                name: "a".into()
            })
        );
        assert!(matches!(
            decode_optional_json::<Thing>(raw(200, b"{")),
            Err(ApiError::Decode { .. })
        ));
    }

    #[test]
    fn bytes_pass_through_untouched() {
        let body: &'static [u8] = b"%PDF-1.4\x00\xff not json";
        assert_eq!(&decode_bytes(raw(200, body)).unwrap()[..], body);
    }
}
