//! The pages of `docs-input/`, read at test time through the `codegen` library, as the tests of
//! the generated crate use them: each endpoint's path values, sample request and sample
//! response, in the form they travel in.

#![allow(dead_code)] // Each test file uses its own part.

use std::path::Path;
use std::sync::OnceLock;

use codegen::ir::{Api, BodyKind, Endpoint, TypeRef};
use codegen::resolve::media;
use codegen::resolve::sample::BINARY_PLACEHOLDER;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use superoffice_api::runtime::{Base64Bytes, EndpointMeta};

/// The bytes uploads send: a PNG signature and a few bytes, so that the media type is picked
/// from them.
pub const UPLOAD: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR upload";

/// The bytes downloads answer with (a JPEG signature), served as `image/jpeg`.
pub const DOWNLOAD: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF download";

/// The IR of `docs-input/`.
pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let pages = codegen::parse::read_dir(&docs).expect("docs-input parses");
        codegen::resolve::resolve(pages).api
    })
}

/// `value` as the server sends it: the docs print `GIF89....File contents as raw bytes...`
/// where bytes go, and the API sends base64 there, so the placeholder becomes the base64 of
/// its own text.
pub fn wire_form(mut value: Value) -> Value {
    fn replace(v: &mut Value) {
        match v {
            Value::String(s) if s == BINARY_PLACEHOLDER => {
                *v = serde_json::to_value(Base64Bytes::from(BINARY_PLACEHOLDER.as_bytes()))
                    .expect("base64 serializes");
            }
            Value::Array(items) => items.iter_mut().for_each(replace),
            Value::Object(map) => map.values_mut().for_each(replace),
            _ => {}
        }
    }
    replace(&mut value);
    value
}

/// Where `back` differs from `sample`, if anywhere. `null` and a missing member are the same
/// (the models leave `None` out), and numbers compare by value (`12` and `12.0`).
pub fn difference(at: &str, sample: &Value, back: &Value) -> Option<String> {
    match (sample, back) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let w = b.get(k).unwrap_or(&Value::Null);
                if let Some(d) = difference(&format!("{at}/{k}"), v, w) {
                    return Some(d);
                }
            }
            b.iter()
                .find(|(k, v)| !v.is_null() && !a.contains_key(*k))
                .map(|(k, v)| format!("{at}/{k}: not in the sample, came back as {v}"))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| difference(&format!("{at}/{i}"), v, w)),
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (a, b) if a == b => None,
        (a, b) => Some(format!("{at}: sample {a}, came back as {b}")),
    }
}

/// A value of a scalar type or a list of them.
fn example(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::Int32 | TypeRef::Int64 => json!(12),
        TypeRef::Double => json!(1.5),
        TypeRef::Bool => json!(true),
        TypeRef::String => json!("text"),
        // Bytes in JSON: the upload, as base64 text.
        TypeRef::Binary => {
            serde_json::to_value(Base64Bytes::from(UPLOAD)).expect("base64 serializes")
        }
        TypeRef::Array(item) => json!([example(item), example(item)]),
        other => panic!("no example of {other}"),
    }
}

/// One endpoint of `docs-input/`, found by the operation id of a generated builder.
pub struct Case {
    /// What its pages say.
    pub endpoint: &'static Endpoint,
}

/// What the loopback server answers: status, `Content-Type` and body.
pub struct Answer {
    /// The status of the page's sample response.
    pub status: u16,
    /// `application/json; charset=utf-8`, or `image/jpeg` for a download.
    pub content_type: &'static str,
    /// The sample body in its wire form, or [`DOWNLOAD`] for a download.
    pub body: Vec<u8>,
}

impl Case {
    /// The endpoint with `meta`'s operation id.
    pub fn of(meta: &EndpointMeta) -> Case {
        let endpoint = api()
            .endpoints
            .iter()
            .find(|e| e.id == meta.id)
            .unwrap_or_else(|| panic!("`{}` is not an endpoint of docs-input", meta.id));
        Case { endpoint }
    }

    /// The value the tests give path parameter `i`: a number for integer parameters, a word
    /// otherwise.
    pub fn path_value(&self, i: usize) -> String {
        match self.endpoint.path_params[i].ty {
            TypeRef::Int32 | TypeRef::Int64 => (41 + i).to_string(),
            _ => format!("user{i}"),
        }
    }

    /// Path parameter `i` as an integer.
    pub fn int(&self, i: usize) -> i32 {
        self.path_value(i)
            .parse()
            .expect("an integer path parameter")
    }

    /// Path parameter `i` as text.
    pub fn text(&self, i: usize) -> String {
        self.path_value(i)
    }

    /// The documented path template with the test's values.
    pub fn path(&self) -> String {
        let mut path = self.endpoint.path.clone();
        for (i, p) in self.endpoint.path_params.iter().enumerate() {
            path = path.replace(&format!("{{{}}}", p.name), &self.path_value(i));
        }
        path
    }

    /// The page's sample request body, in its wire form; for a page that shows none (the
    /// docs leave out the bodies of `ids` lists), an example of the body's type.
    pub fn sample_request(&self) -> Value {
        match &self.endpoint.sample_request {
            Some(body) => wire_form(body.clone()),
            None => {
                let body = self.endpoint.request_body.as_ref().unwrap_or_else(|| {
                    panic!("the page of {} shows no request body", self.endpoint.id)
                });
                example(&body.ty)
            }
        }
    }

    /// The sample request body as the builder's body type.
    pub fn request<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.sample_request())
            .unwrap_or_else(|e| panic!("sample request of {}: {e}", self.endpoint.id))
    }

    /// The bytes an upload sends.
    pub fn upload(&self) -> Vec<u8> {
        UPLOAD.to_vec()
    }

    /// The page's sample response body, in its wire form (`null` when it shows none).
    pub fn sample_response(&self) -> Value {
        let sample =
            self.endpoint.sample_response.as_ref().unwrap_or_else(|| {
                panic!("the page of {} shows no sample response", self.endpoint.id)
            });
        wire_form(sample.body.clone().unwrap_or(Value::Null))
    }

    /// Whether the endpoint downloads bytes.
    pub fn downloads(&self) -> bool {
        self.endpoint.response_kind == BodyKind::Binary
    }

    /// The answer of the loopback server: the page's sample response, or for a download the
    /// bytes of [`DOWNLOAD`].
    pub fn answer(&self) -> Answer {
        let status = self
            .endpoint
            .sample_response
            .as_ref()
            .map_or(200, |s| s.status);
        if self.downloads() {
            return Answer {
                status,
                content_type: "image/jpeg",
                body: DOWNLOAD.to_vec(),
            };
        }
        Answer {
            status,
            content_type: "application/json; charset=utf-8",
            body: serde_json::to_vec(&self.sample_response()).expect("JSON serializes"),
        }
    }

    /// Whether the page's `Request Headers` table lists `name`.
    pub fn documents_header(&self, name: &str) -> bool {
        self.endpoint
            .headers
            .iter()
            .any(|h| h.name.trim().eq_ignore_ascii_case(name))
    }

    /// The media types the page's `name` header row lists.
    pub fn listed_media(&self, name: &str) -> Vec<String> {
        self.endpoint
            .headers
            .iter()
            .filter(|h| h.name.trim().eq_ignore_ascii_case(name))
            .flat_map(|h| media::listed(&h.description))
            .collect()
    }
}
