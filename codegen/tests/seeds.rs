//! The checked-in `docs-input/` (the project's seed pages): what the front end and the resolver
//! make of them, and that the result does not depend on page order.

use std::path::{Path, PathBuf};

use codegen::ir::TypeRef;
use codegen::parse::{list_pages, read_all};
use codegen::resolve::resolve;

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn contents() -> Vec<(String, Vec<u8>)> {
    list_pages(&docs_input())
        .unwrap()
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect()
}

/// The five seed pages; `docs-input/` also holds the body fixtures of the workspace tests
/// (`tests/tests/bodies.rs`), which these tests leave out.
const SEEDS: [&str; 5] = [
    "agent/Chat_Agent/v1ChatAgent_PickUpFirstChatSession.md",
    "rest/ChatSession/v1ChatSessionEntity_AcceptChatSessionTransfer.md",
    "rest/ChatSession/v1ChatSessionEntity_PickUpChatSession.md",
    "rest/ChatSession/v1ChatSessionEntity_TransferChatSession.md",
    "rest/ChatSession/v1ChatSessionEntity_TransferChatSession.website.txt",
];

fn seed_contents() -> Vec<(String, Vec<u8>)> {
    let mut all = contents();
    all.retain(|(rel, _)| SEEDS.contains(&rel.as_str()));
    all
}

fn manifest_of(contents: &[(String, Vec<u8>)]) -> String {
    codegen::manifest::to_json(&resolve(read_all(contents).unwrap()).api)
}

#[test]
fn four_endpoints_from_five_pages() {
    let pages = read_all(&seed_contents()).unwrap();
    assert_eq!(pages.len(), 5);
    let api = resolve(pages).api;
    type Row<'a> = (String, &'a str, &'a str, Vec<(String, String)>, String);
    let got: Vec<Row> = api
        .endpoints
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.method.as_str(),
                e.path.as_str(),
                e.path_params
                    .iter()
                    .map(|p| (p.name.clone(), p.ty.to_string()))
                    .collect(),
                e.response.as_ref().unwrap().to_string(),
            )
        })
        .collect();
    let p = |n: &str, t: &str| (n.to_string(), t.to_string());
    assert_eq!(
        got,
        vec![
            (
                "v1ChatAgent_PickUpFirstChatSession".to_string(),
                "POST",
                "/api/v1/Agents/Chat/PickUpFirstChatSession",
                vec![],
                "ChatSessionEntity".to_string()
            ),
            (
                "v1ChatSessionEntity_AcceptChatSessionTransfer".to_string(),
                "POST",
                "/api/v1/ChatSession/{chatSessionId}/AcceptTransfer",
                vec![p("chatSessionId", "int32")],
                "ChatSessionEntity".to_string()
            ),
            (
                "v1ChatSessionEntity_PickUpChatSession".to_string(),
                "POST",
                "/api/v1/ChatSession/{chatSessionId}/Pickup",
                vec![p("chatSessionId", "int32")],
                "ChatSessionEntity".to_string()
            ),
            (
                "v1ChatSessionEntity_TransferChatSession".to_string(),
                "POST",
                "/api/v1/ChatSession/{chatSessionId}/TransferTo/{toAssociate}",
                vec![p("chatSessionId", "int32"), p("toAssociate", "string")],
                "ChatSessionEntity".to_string()
            ),
        ]
    );
    let merged = &api.endpoints[3];
    assert_eq!(
        merged.sources,
        [
            "rest/ChatSession/v1ChatSessionEntity_TransferChatSession.md",
            "rest/ChatSession/v1ChatSessionEntity_TransferChatSession.website.txt"
        ]
    );
    assert_eq!(api.endpoints[0].query_params[0].name, "$select");
}

#[test]
fn chat_session_entity_is_typed_from_all_pages() {
    let api = resolve(read_all(&contents()).unwrap()).api;
    let m = &api.models["ChatSessionEntity"];
    let ty = |name: &str| {
        m.properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .ty
            .clone()
    };
    let named = |n: &str| TypeRef::Named(n.to_string());
    assert_eq!(ty("User"), named("Associate"));
    assert_eq!(ty("TransferTo"), named("Associate"));
    for n in ["Person", "Contact", "Project", "Sale", "Ticket"] {
        assert_eq!(ty(n), named(n), "{n}");
    }
    assert_eq!(ty("FieldProperties"), TypeRef::map(named("FieldProperty")));
    assert_eq!(
        ty("Rating"),
        TypeRef::Int32,
        "from the website rendering only"
    );
    assert_eq!(ty("WhenRequested"), TypeRef::DateTime);

    // The nested models carry what the samples show, scalars typed from the values.
    let prop = |model: &str, name: &str| {
        api.models[model]
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{model}.{name} missing"))
            .ty
            .clone()
    };
    assert_eq!(prop("Associate", "AssociateId"), TypeRef::Int32);
    assert_eq!(prop("Associate", "Deleted"), TypeRef::Bool);
    assert_eq!(prop("Person", "Firstname"), TypeRef::String);
    assert_eq!(prop("Contact", "URL"), TypeRef::String);
    assert_eq!(prop("Project", "Updated"), TypeRef::DateTime);
    assert_eq!(prop("Sale", "Amount"), TypeRef::Double);
    assert_eq!(prop("Ticket", "CreatedAt"), TypeRef::DateTime);
    assert_eq!(prop("FieldProperty", "FieldLength"), TypeRef::Int32);
    for model in [
        "Associate",
        "Person",
        "Contact",
        "Project",
        "Sale",
        "Ticket",
    ] {
        assert!(api.models[model].properties.len() >= 12, "{model}");
    }
}

#[test]
fn manifest_is_byte_identical_across_runs_and_page_orders() {
    let mut contents = contents();
    let first = manifest_of(&contents);
    assert_eq!(first, manifest_of(&contents));
    contents.reverse();
    assert_eq!(first, manifest_of(&contents));
    contents.rotate_left(2);
    assert_eq!(first, manifest_of(&contents));
}

/// The checked-in `generated/` is what `docs-input/` produces (`codegen generate --check`).
#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = codegen::cli::crate_files(&root.join("docs-input")).unwrap();
    if let Err(e) = codegen::write::check(&root.join("generated"), &files) {
        panic!("{e}");
    }
}
