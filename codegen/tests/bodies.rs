//! How each body travels, as the resolver decides it from the pages: JSON-Patch (and merge
//! patch) bodies, uploads and downloads of bytes with their media types, bytes inside JSON; and
//! that no builder takes a header as a positional argument.
//!
//! Over `docs-input/` always, and over the whole 2023 corpus when `../shared/corpus` is beside
//! the checkout, where the Swagger specs are the ground truth. Without the corpus those tests
//! say so and pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codegen::emit::{emit_endpoint, EmitContext};
use codegen::ir::{Api, BodyKind, Endpoint, Method, TypeRef};
use codegen::resolve::media::{JSON_PATCH, MERGE_PATCH, MULTIPART_FORM, OCTET_STREAM};
use serde_json::Value;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn load(dir: &Path) -> Api {
    codegen::resolve::resolve(codegen::parse::read_dir(dir).unwrap()).api
}

fn docs_input() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| load(&workspace().join("docs-input")))
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus");
    if dir.join("docs-2023").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: no corpus at {}", dir.display());
        None
    }
}

fn corpus() -> Option<&'static Api> {
    static API: OnceLock<Api> = OnceLock::new();
    let dir = corpus_dir()?;
    Some(API.get_or_init(|| load(&dir.join("docs-2023"))))
}

fn endpoint<'a>(api: &'a Api, id: &str) -> &'a Endpoint {
    api.endpoints
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no endpoint {id}"))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const IMAGES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/tiff"];

#[test]
fn docs_input_bodies_travel_as_their_pages_say() {
    let api = docs_input();

    let patch = endpoint(api, "v1ChatSessionEntity_PatchChatSessionEntity");
    let body = patch.request_body.as_ref().unwrap();
    assert_eq!(body.kind, BodyKind::JsonPatch);
    assert_eq!(body.ty.to_string(), "JsonPatch[]");
    assert_eq!(body.media_types, strings(&[JSON_PATCH, MERGE_PATCH]));
    let op = &api.models["JsonPatch"].properties[0];
    assert_eq!(op.name, "op");
    assert_eq!(op.ty.to_string(), "enum<add|replace|remove|test>");

    // A file upload whose page lists forms: a form first, then the raw types.
    let image = endpoint(api, "v1PersonEntity_SaveImage");
    let body = image.request_body.as_ref().unwrap();
    assert_eq!((body.kind, &body.ty), (BodyKind::Binary, &TypeRef::Binary));
    assert_eq!(body.media_types[0], MULTIPART_FORM);
    assert_eq!(body.media_types[1..], strings(&IMAGES));

    // A stream whose page lists JSON: bytes in a base64 JSON string.
    let stream = endpoint(api, "v1AttachmentEntity_UploadAttachment");
    let body = stream.request_body.as_ref().unwrap();
    assert_eq!((body.kind, &body.ty), (BodyKind::Json, &TypeRef::Binary));
    assert!(body.media_types.is_empty());
    assert_eq!(stream.response, None, "204 only");

    let download = endpoint(api, "v1PersonEntity_GetImage");
    assert_eq!(download.response_kind, BodyKind::Binary);
    assert_eq!(download.response_media_types, strings(&IMAGES));
    let stream = endpoint(api, "v1DocumentAgent_GetDocumentStream");
    assert_eq!(stream.response_kind, BodyKind::Binary);
    assert!(stream
        .response_media_types
        .iter()
        .any(|m| m == OCTET_STREAM));

    let image = api.models["SetPersonImageRequest"]
        .properties
        .iter()
        .find(|p| p.name == "Image")
        .unwrap();
    assert_eq!(image.ty, TypeRef::Binary, "the docs' bytes placeholder");

    let ids = endpoint(api, "v1SelectionEntity_AddSelectionMembers");
    let body = ids.request_body.as_ref().unwrap();
    assert_eq!(
        (body.kind, body.ty.to_string()),
        (BodyKind::Json, "int32[]".into())
    );

    for e in &api.endpoints {
        if e.response_kind != BodyKind::Binary {
            assert!(e.response_media_types.is_empty(), "{}", e.id);
        }
    }
}

/// Operation ids of the Swagger specs, by how their bodies travel.
#[derive(Default)]
struct Truth {
    patch: BTreeSet<String>,
    /// File uploads: a `file` form parameter.
    uploads: BTreeSet<String>,
    /// Bytes in a JSON body: a `format: byte` string.
    base64_bodies: BTreeSet<String>,
    downloads: BTreeSet<String>,
    /// Request bodies that are arrays of integers (`int[] contactIds`).
    int_lists: BTreeSet<String>,
}

fn swagger_truth(dir: &Path) -> Truth {
    let mut truth = Truth::default();
    let is_bytes = |s: &Value| s["format"] == "byte" || s["format"] == "binary";
    for name in ["Swagger-v1-REST.json", "Swagger-v1-Agents.json"] {
        let text = std::fs::read_to_string(dir.join("swagger-2023").join(name)).unwrap();
        let spec: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        for ops in spec["paths"].as_object().unwrap().values() {
            for (method, op) in ops.as_object().unwrap() {
                let Some(id) = op["operationId"].as_str() else {
                    continue;
                };
                let params = op["parameters"].as_array().cloned().unwrap_or_default();
                let file = params
                    .iter()
                    .any(|p| p["in"] == "formData" && p["type"] == "file");
                let body = params.iter().find(|p| p["in"] == "body");
                if file {
                    truth.uploads.insert(id.to_string());
                }
                if body.is_some_and(|b| is_bytes(&b["schema"])) {
                    truth.base64_bodies.insert(id.to_string());
                }
                if method == "patch" && body.is_some() {
                    truth.patch.insert(id.to_string());
                }
                if is_bytes(&op["responses"]["200"]["schema"]) {
                    truth.downloads.insert(id.to_string());
                }
                if body.is_some_and(|b| {
                    b["schema"]["type"] == "array" && b["schema"]["items"]["type"] == "integer"
                }) {
                    truth.int_lists.insert(id.to_string());
                }
            }
        }
    }
    truth
}

#[test]
fn corpus_bodies_match_the_swagger_specs() {
    let (Some(dir), Some(api)) = (corpus_dir(), corpus()) else {
        return;
    };
    let ids = |keep: &dyn Fn(&Endpoint) -> bool| -> BTreeSet<String> {
        api.endpoints
            .iter()
            .filter(|e| keep(e))
            .map(|e| e.id.clone())
            .collect()
    };
    let body_kind = |e: &Endpoint| e.request_body.as_ref().map(|b| b.kind);
    let patch = ids(&|e| body_kind(e) == Some(BodyKind::JsonPatch));
    let uploads = ids(&|e| body_kind(e) == Some(BodyKind::Binary));
    let base64_bodies = ids(&|e| {
        e.request_body
            .as_ref()
            .is_some_and(|b| b.kind == BodyKind::Json && b.ty == TypeRef::Binary)
    });
    let downloads = ids(&|e| e.response_kind == BodyKind::Binary);
    let int_lists = ids(&|e| {
        e.request_body
            .as_ref()
            .is_some_and(|b| b.ty == TypeRef::array(TypeRef::Int32))
    });
    let truth = swagger_truth(&dir);
    assert_eq!(patch, truth.patch, "JSON-Patch bodies");
    assert_eq!(uploads, truth.uploads, "uploads of files");
    assert_eq!(base64_bodies, truth.base64_bodies, "bytes as base64 JSON");
    assert_eq!(downloads, truth.downloads, "downloads of bytes");
    assert_eq!(int_lists, truth.int_lists, "lists of ids");

    // Every PATCH is a JSON Patch of the runtime's four operations; all of them also take a
    // merge patch.
    let patches: Vec<&Endpoint> = api
        .endpoints
        .iter()
        .filter(|e| e.method == Method::Patch)
        .collect();
    assert_eq!(patches.len(), patch.len());
    let mut merge = 0;
    for e in &patches {
        let body = e.request_body.as_ref().unwrap();
        assert_eq!(body.ty.to_string(), "JsonPatch[]", "{}", e.id);
        assert_eq!(body.media_types[0], JSON_PATCH, "{}", e.id);
        merge += usize::from(body.media_types.iter().any(|m| m == MERGE_PATCH));
    }
    let op = &api.models["JsonPatch"].properties[0];
    assert_eq!(op.ty.to_string(), "enum<add|replace|remove|test>");

    // The image uploads say `## Request Body: image binary` and take a form or the four image
    // types.
    let images: Vec<&Endpoint> = api
        .endpoints
        .iter()
        .filter(|e| {
            e.request_body
                .as_ref()
                .is_some_and(|b| b.kind == BodyKind::Binary && b.name == "image")
        })
        .collect();
    for e in &images {
        let types = &e.request_body.as_ref().unwrap().media_types;
        assert_eq!(types[0], MULTIPART_FORM, "{}", e.id);
        assert_eq!(types[1..], strings(&IMAGES), "{}", e.id);
    }
    let octet_downloads = api
        .endpoints
        .iter()
        .filter(|e| e.response_media_types.iter().any(|m| m == OCTET_STREAM))
        .count();
    eprintln!(
        "corpus bodies: {} PATCH (JSON Patch; {merge} also take a merge patch), {} uploads of files \
         ({} images), {} streams as base64 JSON, {} downloads of bytes ({octet_downloads} as \
         octet-stream, the others as their listed types), {} lists of ids",
        patches.len(),
        uploads.len(),
        images.len(),
        base64_bodies.len(),
        downloads.len(),
        int_lists.len(),
    );
    assert_eq!(
        (
            patches.len(),
            merge,
            images.len(),
            uploads.len(),
            base64_bodies.len(),
            downloads.len()
        ),
        (36, 36, 8, 8, 3, 46),
        "the counts the Swagger specs have"
    );
}

/// The parameter names of the constructors (`new`, `merge_patch`) of an emitted builder.
fn constructor_args(endpoint: &Endpoint) -> Vec<(String, Vec<String>)> {
    let tokens = emit_endpoint(endpoint, &EmitContext::for_crate());
    let file: syn::File = syn::parse2(tokens).unwrap();
    let mut out = Vec::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        for item in &imp.items {
            let syn::ImplItem::Fn(f) = item else { continue };
            let name = f.sig.ident.to_string();
            if name != "new" && name != "merge_patch" {
                continue;
            }
            let args = f
                .sig
                .inputs
                .iter()
                .filter_map(|arg| match arg {
                    syn::FnArg::Typed(t) => match &*t.pat {
                        syn::Pat::Ident(id) => Some(id.ident.to_string()),
                        _ => None,
                    },
                    syn::FnArg::Receiver(_) => None,
                })
                .collect();
            out.push((name, args));
        }
    }
    out
}

/// Constructors take the path parameters and the body, nothing else: the `SO-*` headers,
/// `Accept-Language` and credentials are set on the client (or per request through
/// `WithOptions`), never positionally.
fn check_constructors(api: &Api) -> usize {
    let mut checked = 0;
    for e in &api.endpoints {
        let expected = e.path_params.len() + usize::from(e.request_body.is_some());
        let constructors = constructor_args(e);
        assert!(!constructors.is_empty(), "{}: no constructor", e.id);
        for (name, args) in constructors {
            assert_eq!(args.len(), expected, "{}::{name}{args:?}", e.id);
            for arg in &args {
                let header_like = arg.starts_with("so_")
                    || ["authorization", "accept_language", "x_xsrf_token", "accept"]
                        .contains(&arg.as_str());
                assert!(!header_like, "{}::{name} takes `{arg}`", e.id);
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn no_builder_takes_a_header_positionally() {
    let n = check_constructors(docs_input());
    assert!(n > docs_input().endpoints.len(), "merge_patch counted too");
    if let Some(api) = corpus() {
        let n = check_constructors(api);
        eprintln!("corpus: {n} constructors take only path parameters and the body");
    }
}
