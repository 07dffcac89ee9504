//! Emitter tests on a small hand-built API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quote::quote;

use super::*;
use crate::diagnostic::Span;
use crate::ir::{
    Api, Area, AreaKind, BodyKind, Endpoint, Method, Model, Param, Property, RequestBody, Status,
    TypeOrigin, TypeRef,
};

fn span(file: &str) -> Span {
    Span::new(&Arc::from(file), 1)
}

fn param(name: &str, ty: TypeRef, required: bool, description: &str) -> Param {
    Param {
        name: name.into(),
        ty,
        required,
        description: description.into(),
        span: span("x.md"),
    }
}

fn prop(name: &str, ty: &str, description: &str) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::parse(ty),
        description: description.into(),
        span: span("x.md"),
        origin: TypeOrigin::Table(vec![span("x.md")]),
    }
}

fn rest(name: &str) -> Area {
    Area {
        kind: AreaKind::Rest,
        name: name.into(),
    }
}

fn agent(name: &str) -> Area {
    Area {
        kind: AreaKind::Agent,
        name: name.into(),
    }
}

fn endpoint(area: Area, id: &str, method: Method, path: &str) -> Endpoint {
    let dir = match area.kind {
        AreaKind::Rest => format!("rest/{}", area.name),
        AreaKind::Agent => format!("agent/{}_Agent", area.name),
    };
    let source = format!("{dir}/{id}.md");
    Endpoint {
        id: id.into(),
        area,
        method,
        path: path.into(),
        title: format!("{} {}", method.as_str(), path),
        summary: String::new(),
        description: String::new(),
        path_params: Vec::new(),
        query_params: Vec::new(),
        headers: Vec::new(),
        request_body: None,
        response: None,
        response_kind: BodyKind::Empty,
        response_media_types: Vec::new(),
        response_description: String::new(),
        statuses: vec![Status {
            code: 200,
            description: "OK".into(),
        }],
        sample_request: None,
        sample_response: None,
        sources: vec![source.clone()],
        source,
        span: span("x.md"),
    }
}

fn model(name: &str, area: Option<Area>, description: &str, properties: Vec<Property>) -> Model {
    Model {
        name: name.into(),
        description: description.into(),
        properties,
        sources: vec![span(&format!("models/{name}.md"))],
        area,
    }
}

/// Two areas (a REST entity and an agent), nine endpoints, nine models.
pub(crate) fn sample_api() -> Api {
    let chat = rest("ChatSession");
    let agent_chat = agent("Chat");
    let entity = || Some(TypeRef::Named("ChatSessionEntity".into()));

    let mut get = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_GetChatSessionEntity",
        Method::Get,
        "/api/v1/ChatSession/{chatSessionId}",
    );
    get.summary = "Gets a <see cref=\"T:SuperOffice.CRM.Services.IChatSessionEntity\">ChatSessionEntity</see> object.".into();
    get.description = "Calls the <see cref=\"T:SuperOffice.CRM.Services.IChatAgent\"/> service.<para />See [the guide](https://docs.superoffice.com/en/chat). It&amp;apos;s `x`.".into();
    get.path_params = vec![param(
        "chatSessionId",
        TypeRef::Int32,
        true,
        "The id of the session.",
    )];
    get.query_params = vec![
        param(
            "$select",
            TypeRef::array(TypeRef::String),
            false,
            "Fields to return, e.g. <c>Name,Id</c>.",
        ),
        param("includeDeleted", TypeRef::Bool, false, ""),
        param("since", TypeRef::DateTime, false, "Changed since."),
        param(
            "type",
            TypeRef::Enum(vec!["Chat".into(), "Sms".into()]),
            false,
            "Kind of session.",
        ),
        param(
            "header",
            TypeRef::String,
            false,
            "Collides with a builder method.",
        ),
    ];
    get.response = entity();
    get.response_kind = BodyKind::Json;
    get.response_description = "ChatSessionEntity found.".into();
    let mut pickup = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_PickUpChatSession",
        Method::Post,
        "/api/v1/ChatSession/{chatSessionId}/Pickup",
    );
    pickup.summary = "'answer' the session.".into();
    pickup.description = "Returns NULL if session was not in queue.".into();
    pickup.path_params = vec![param("chatSessionId", TypeRef::Int32, true, "")];
    pickup.response = entity();
    pickup.response_kind = BodyKind::Json;

    let mut default = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_DefaultChatSessionEntity",
        Method::Get,
        "/api/v1/ChatSession/default",
    );
    default.summary = "Gets a new ChatSessionEntity with default values.".into();
    default.response = entity();
    default.response_kind = BodyKind::Json;

    let mut patch = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_PatchChatSessionEntity",
        Method::Patch,
        "/api/v1/ChatSession/{chatSessionId}",
    );
    patch.summary = "Updates parts of a session with JSON Patch.".into();
    patch.path_params = vec![param("chatSessionId", TypeRef::Int32, true, "")];
    patch.request_body = Some(RequestBody {
        name: "changes".into(),
        ty: TypeRef::array(TypeRef::Named("PatchOperation".into())),
        kind: BodyKind::JsonPatch,
        media_types: vec![
            "application/json-patch+json".into(),
            "application/merge-patch+json".into(),
        ],
        description: "JSON-Patch array of operations+values.".into(),
        span: span("x.md"),
    });
    patch.response = entity();
    patch.response_kind = BodyKind::Json;

    let mut download = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_GetTranscriptURL",
        Method::Get,
        "/api/v1/ChatSession/{chatSessionId}/Transcript/{format}",
    );
    download.summary = "Downloads the transcript.".into();
    download.path_params = vec![
        param("chatSessionId", TypeRef::Int64, true, ""),
        param("format", TypeRef::String, true, "`pdf` or `txt`."),
    ];
    download.response = Some(TypeRef::Binary);
    download.response_kind = BodyKind::Binary;
    download.response_media_types = vec!["application/pdf".into(), "text/plain".into()];

    let mut delete = endpoint(
        chat.clone(),
        "v1ChatSessionEntity_GetTranscriptUrl",
        Method::Delete,
        "/api/v1/ChatSession/{chatSessionId}/Transcript",
    );
    delete.summary =
        "Deletes the transcript (named like the download after case conversion).".into();
    delete.path_params = vec![param("chatSessionId", TypeRef::Int32, true, "")];

    let mut topic = endpoint(
        chat,
        "v1ChatSessionEntity_GetTopic",
        Method::Get,
        "/api/v1/ChatSession/{chatSessionId}/Topic",
    );
    topic.path_params = vec![param("chatSessionId", TypeRef::Int32, true, "")];
    topic.response = Some(TypeRef::Named("ChatTopicEntity".into()));
    topic.response_kind = BodyKind::Json;

    let mut save = endpoint(
        agent_chat.clone(),
        "v1ChatAgent_SaveChatTopicEntity",
        Method::Post,
        "/api/v1/Agents/Chat/SaveChatTopicEntity",
    );
    save.summary = "Updates the existing ChatTopicEntity or creates a new one.".into();
    save.request_body = Some(RequestBody {
        name: "request".into(),
        ty: TypeRef::Named("ChatTopicEntity".into()),
        kind: BodyKind::Json,
        media_types: Vec::new(),
        description: "The topic to save.".into(),
        span: span("x.md"),
    });
    save.response = Some(TypeRef::Named("ChatTopicEntity".into()));
    save.response_kind = BodyKind::Json;

    let mut upload = endpoint(
        agent_chat.clone(),
        "v1ChatAgent_UploadAttachment",
        Method::Post,
        "/api/v1/Agents/Chat/UploadAttachment",
    );
    upload.summary = "Uploads an attachment.".into();
    upload.query_params = vec![param(
        "chatSessionId",
        TypeRef::Int32,
        true,
        "Session to attach to.",
    )];
    upload.request_body = Some(RequestBody {
        name: "data".into(),
        ty: TypeRef::Binary,
        kind: BodyKind::Binary,
        media_types: vec!["image/png".into(), "image/jpeg".into()],
        description: "The image, as image/png.".into(),
        span: span("x.md"),
    });
    upload.response = Some(TypeRef::Int32);
    upload.response_kind = BodyKind::Json;
    upload.statuses.push(Status {
        code: 204,
        description: "No content".into(),
    });

    let mut endpoints = vec![
        get, pickup, default, patch, download, delete, topic, save, upload,
    ];
    endpoints.sort_by(|a, b| (&a.area, &a.id).cmp(&(&b.area, &b.id)));

    let mut models = BTreeMap::new();
    for m in [
        model(
            "ChatSessionEntity",
            None,
            "A chat session.<para/>Carries a &lt;b&gt;lot&lt;/b&gt; of fields: see https://docs.superoffice.com.",
            vec![
                prop("ChatSessionId", "int32", "Primary key"),
                prop("Type", "enum<Chat|Sms|Facebook>", "The session type"),
                prop("URL", "string", ""),
                prop("Url", "string", "Same name after case conversion."),
                prop("_Links", "map<string>", "Links, keyed by rel."),
                prop("Links", "string[]", ""),
                prop("Parent", "ChatSessionEntity", "The parent session."),
                prop("Children", "ChatSessionEntity[]", ""),
                prop("Registered", "date-time", ""),
                prop("Attachment", "binary", ""),
                prop("odata.nextLink", "string", ""),
                prop("$select", "string", ""),
                prop("1stReply", "int64", ""),
                prop("Näme", "string", ""),
                prop("self", "bool", ""),
                prop("Extra", "any", "# Not a heading [x] */"),
                prop("Option", "Option", ""),
                prop("Box", "Box", ""),
                prop("Tree", "TreeNode", ""),
                prop("Missing", "NoSuchModel", "Refers to an undocumented model."),
            ],
        ),
        model(
            "ChatTopicEntity",
            Some(agent("Chat")),
            "A chat topic.",
            vec![
                prop("ChatTopicId", "int32", ""),
                prop("Name", "string", ""),
                prop("Settings", "map<ChatTopicSettings>", ""),
            ],
        ),
        model(
            "ChatTopicSettings",
            Some(agent("Chat")),
            "",
            vec![prop("Score", "double", ""), prop("Weights", "map<double[]>", "")],
        ),
        model("Option", None, "Named like a prelude type.", vec![prop("Value", "string", "")]),
        model(
            "Box",
            None,
            "Named like a prelude type, and recursive.",
            vec![prop("Inner", "Box", ""), prop("When", "DateTime", ""), prop("Result", "Result", "")],
        ),
        model("DateTime", None, "Named like a runtime type.", vec![prop("Value", "date-time", "")]),
        model("Result", None, "", vec![prop("Ok", "bool", ""), prop("Err", "string", "")]),
        model("TreeNode", None, "", vec![prop("Next", "TreeLink", ""), prop("Label", "string", "")]),
        model("TreeLink", None, "", vec![prop("Target", "TreeNode", "")]),
    ] {
        models.insert(m.name.clone(), m);
    }
    Api { endpoints, models }
}

/// The endpoint `id` of [`sample_api`], to change for one test.
fn sample_endpoint(id: &str) -> Endpoint {
    sample_api()
        .endpoints
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no endpoint {id} in the sample API"))
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| {
            panic!(
                "no {path} among {:?}",
                files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
        .contents
}

/// `haystack` contains `needle`, ignoring whitespace and commas (line wrapping adds both).
fn contains(haystack: &str, needle: &str) -> bool {
    fn compact(s: &str) -> String {
        let no_ws: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        no_ws.replace(',', "")
    }
    compact(haystack).contains(&compact(needle))
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/emit/snapshots")
        .join(name)
}

/// Compares `actual` with the snapshot file; `UPDATE_SNAPSHOTS=1` rewrites the file instead.
fn check_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "snapshot {name} differs from line {}; rerun with UPDATE_SNAPSHOTS=1 and review the diff\n--- actual ---\n{actual}",
            first + 1
        );
    }
}

#[test]
fn the_format_cache_reuses_unchanged_files_and_changes_nothing() {
    let api = sample_api();
    let opts = EmitOptions::default();
    let (cold, _) = emit_crate_timed(&api, &opts, &FormatCache::empty());
    let dir = std::env::temp_dir().join(format!("codegen-cache-test-{}", std::process::id()));
    for f in &cold {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    let rust_files = cold.iter().filter(|f| f.path.ends_with(".rs")).count();
    let cache = FormatCache::load(&dir);
    assert_eq!(cache.len(), rust_files);
    let (warm, _) = emit_crate_timed(&api, &opts, &cache);
    assert_eq!(cold, warm);

    // A model that changes is formatted again; the cache file says so.
    let mut changed = api.clone();
    changed
        .models
        .get_mut("ChatTopicEntity")
        .unwrap()
        .description = "Changed.".into();
    let fresh = emit_crate(&changed, &opts);
    let (cached, _) = emit_crate_timed(&changed, &opts, &cache);
    assert_eq!(fresh, cached);
    let differs: Vec<&str> = fresh
        .iter()
        .zip(&cold)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.path.as_str())
        .collect();
    assert_eq!(
        differs,
        ["codegen-cache.tsv", "src/models/chat_topic_entity.rs"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn emit_crate_is_deterministic_and_parses() {
    let api = sample_api();
    let opts = EmitOptions::default();
    let a = emit_crate(&api, &opts);
    let b = emit_crate(&api, &opts);
    assert_eq!(a, b);
    // For looking at the output by hand: `EMIT_DUMP_DIR=/tmp/x cargo test -p codegen emit`.
    if let Some(dir) = std::env::var_os("EMIT_DUMP_DIR") {
        for f in &a {
            let path = Path::new(&dir).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
    }
    let paths: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "codegen-cache.tsv",
            "src/agents/chat.rs",
            "src/agents/mod.rs",
            "src/endpoint.rs",
            "src/enums.rs",
            "src/lib.rs",
            "src/models/box2.rs",
            "src/models/chat_session_entity.rs",
            "src/models/chat_topic_entity.rs",
            "src/models/chat_topic_settings.rs",
            "src/models/date_time.rs",
            "src/models/mod.rs",
            "src/models/option2.rs",
            "src/models/result2.rs",
            "src/models/tree_link.rs",
            "src/models/tree_node.rs",
            "src/rest/chat_session.rs",
            "src/rest/mod.rs",
        ]
    );
    for f in &a {
        let first = f.contents.lines().next().unwrap();
        if f.path.ends_with(".rs") {
            assert!(
                first.starts_with("// Generated by codegen from "),
                "{}: {first}",
                f.path
            );
            syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        } else {
            assert!(
                first.starts_with("# Generated by codegen from "),
                "{}: {first}",
                f.path
            );
        }
        assert!(first.ends_with(". Do not edit."), "{first}");
    }
    assert_eq!(
        file(&a, "src/lib.rs").lines().next().unwrap(),
        "// Generated by codegen from docs-input. Do not edit."
    );
    assert_eq!(
        file(&a, "src/models/option2.rs").lines().next().unwrap(),
        "// Generated by codegen from models/Option.md. Do not edit."
    );
    assert!(file(&a, "src/rest/chat_session.rs")
        .lines()
        .next()
        .unwrap()
        .ends_with(
            "rest/ChatSession/v1ChatSessionEntity_GetChatSessionEntity.md, \
         rest/ChatSession/v1ChatSessionEntity_GetTopic.md and 4 more. Do not edit."
        ));
}

#[test]
fn header_lists_a_few_sources() {
    let opts = EmitOptions::default();
    assert_eq!(
        header_text(&[], &opts),
        "Generated by codegen from docs-input. Do not edit."
    );
    assert_eq!(
        header_text(&["b.md", "a.md", "b.md"], &opts),
        "Generated by codegen from a.md, b.md. Do not edit."
    );
    assert_eq!(
        header_text(&["e", "d", "c", "b", "a"], &opts),
        "Generated by codegen from a, b, c and 2 more. Do not edit."
    );
}

/// The contract check sends every endpoint with the sample check's own builder call, every
/// query parameter set, and only a crate emitted for checking gets it (and its `tokio`).
#[test]
fn the_contract_check_sends_every_endpoint_as_the_sample_check_builds_it() {
    let api = sample_api();
    let opts = EmitOptions {
        sample_check: true,
        ..EmitOptions::default()
    };
    let files = emit_crate(&api, &opts);
    let contract = file(&files, "examples/contract_check.rs");
    let sample = file(&files, "examples/sample_check.rs");
    for e in &api.endpoints {
        let call = format!("builds.add(\"{}\"", e.id);
        assert!(contains(contract, &call), "{} not sent", e.id);
        assert!(contains(sample, &call), "{} not built", e.id);
    }
    // `$select` is a list, `includeDeleted` a bool: each set with a value of its type.
    assert!(contains(contract, ".select([\"x\"])"), "{contract}");
    assert!(contains(contract, ".include_deleted(true)"), "{contract}");
    assert!(contract.contains("CONTRACT requests={requests} accepted={} rejected={rejected}"));
    // The contract check's async runtime is the examples' own: one dev-dependencies table.
    let toml = file(&files, "Cargo.toml");
    assert_eq!(toml.matches("[dev-dependencies]").count(), 1, "{toml}");
    assert!(toml.contains(
        "\ntokio = { version = \"1.54.1\", features = [\"rt-multi-thread\", \"macros\"] }\n"
    ));

    let plain = emit_crate(&api, &EmitOptions::default());
    assert!(plain.iter().all(|f| !f.path.starts_with("examples/")));
}

#[test]
fn cargo_features_follow_model_use() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    let toml = file(&files, "Cargo.toml");
    assert!(toml.contains(
        "default = [\"client\"]\nclient = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-util\"]\n\
         online = [\"client\", \"dep:aws-lc-rs\", \"dep:jsonwebtoken\"]\n\
         tracing = [\"dep:tracing\"]\n"
    ));
    assert!(toml.contains("all = [\n    \"agent-chat\",\n    \"rest-chat-session\",\n]\n"));
    // A model is gated by every area that reaches it, so no feature enables another.
    assert!(toml.contains("\nagent-chat = []\n"), "{toml}");
    assert!(toml.contains("\nrest-chat-session = []\n"), "{toml}");
    assert!(toml.contains("serde_json = \"1.0.154\""));
    // Dev-dependencies (the examples' async runtime) come from crates.io only.
    let dev = &toml[toml.find("[dev-dependencies]").unwrap()..toml.find("[features]").unwrap()];
    assert_eq!(
        dev,
        "[dev-dependencies]\ntokio = { version = \"1.54.1\", features = [\"rt-multi-thread\", \"macros\"] }\n\n",
        "the crate builds where it stands"
    );

    let models = file(&files, "src/models/mod.rs");
    // Both areas reach `ChatTopicEntity`: always compiled. Only the REST area reaches `Option2`.
    assert!(
        models.contains(
            "\nmod chat_topic_entity;\npub use self::chat_topic_entity::ChatTopicEntity;"
        ),
        "{models}"
    );
    assert!(
        models.contains(
            "#[cfg(feature = \"rest-chat-session\")]\nmod option2;\n#[cfg(feature = \"rest-chat-session\")]\npub use self::option2::Option2;"
        ),
        "{models}"
    );
}

#[test]
fn shared_models_pull_their_references_out_of_features() {
    let mut api = sample_api();
    // A shared model referring to an agent-only model makes that model shared too.
    api.models
        .get_mut("ChatSessionEntity")
        .unwrap()
        .properties
        .push(prop("Topic", "ChatTopicEntity", ""));
    let files = emit_crate(&api, &EmitOptions::default());
    let models = file(&files, "src/models/mod.rs");
    assert!(
        models.contains("mod chat_topic_entity;\npub use"),
        "{models}"
    );
    assert!(
        models.contains("mod chat_topic_settings;\npub use"),
        "{models}"
    );
    assert!(file(&files, "Cargo.toml").contains("\nrest-chat-session = []\n"));
}

#[test]
fn mutually_enabling_features_are_broken_up() {
    let mut api = sample_api();
    // An agent model refers to a REST-only model that refers back: no feature cycle.
    api.models.insert(
        "SessionNote".into(),
        model(
            "SessionNote",
            Some(rest("ChatSession")),
            "",
            vec![prop("Topic", "ChatTopicEntity", "")],
        ),
    );
    api.models
        .get_mut("ChatTopicEntity")
        .unwrap()
        .properties
        .push(prop("Note", "SessionNote", ""));
    let files = emit_crate(&api, &EmitOptions::default());
    let toml = file(&files, "Cargo.toml");
    assert!(toml.contains("\nagent-chat = []\n"), "{toml}");
    let models = file(&files, "src/models/mod.rs");
    assert!(models.contains("mod session_note;\npub use"), "{models}");
}

#[test]
fn documented_values_are_open_enums_shared_by_value_set() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    let enums = file(&files, "src/enums.rs");
    for expected in [
        "pub enum Type {\n    /// `Chat`\n    Chat,\n    /// `Sms`\n    Sms,",
        "    Other(String),\n}",
        "crate::runtime::open_enum!(Type { Chat = \"Chat\", Sms = \"Sms\" } Other);",
        "pub enum Type2 {",
        "#[non_exhaustive]",
    ] {
        assert!(
            contains(enums, expected),
            "missing {expected:?} in\n{enums}"
        );
    }
    // The setter takes the enum itself, not text.
    let rest = file(&files, "src/rest/chat_session.rs");
    assert!(
        contains(
            rest,
            "pub fn r#type(mut self, value: crate::enums::Type) -> Self {"
        ),
        "{rest}"
    );
    assert!(contains(file(&files, "src/lib.rs"), "pub mod enums;"));
}

#[test]
fn model_fields_follow_the_naming_rules() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    let m = file(&files, "src/models/chat_session_entity.rs");
    for expected in [
        // A documented set of values is the crate's open enum of them; the query parameter's
        // `Chat|Sms` took the name `Type` first.
        "pub r#type: Option<crate::enums::Type2>,",
        "pub url: Option<String>,",
        "pub url_2: Option<String>,",
        "pub links: Option<\n        ::std::collections::BTreeMap<String, String>,\n    >,",
        "pub links_2: Option<Vec<String>>,",
        "pub parent: Option<Box<crate::models::ChatSessionEntity>>,",
        "pub children: Option<Vec<crate::models::ChatSessionEntity>>,",
        "pub registered: Option<DateTime>,",
        "pub odata_next_link: Option<String>,",
        "pub select: Option<String>,",
        "pub _1st_reply: Option<i64>,",
        "pub name: Option<String>,",
        "pub self_: Option<bool>,",
        // `extra` is the field that keeps undocumented members.
        "pub extra_2: Option<::serde_json::Value>,",
        "pub extra: ::serde_json::Map<String, ::serde_json::Value>,\n}",
        "\"Extra\" => read_field(map, &mut self.extra_2, &key),",
        "_ => read_extra(map, &mut self.extra, key),",
        "write_field(map, \"Extra\", &self.extra_2)?;",
        "pub option: Option<crate::models::Option2>,",
        "pub missing: Option<::serde_json::Value>,",
        "\"odata.nextLink\" => read_field(map, &mut self.odata_next_link, &key),",
        "write_field(map, \"Näme\", &self.name)?;",
        "/// Documented values: `Chat`, `Sms`, `Facebook`. Others may occur.",
        "/// \\# Not a heading \\[x\\] */",
        "/// `Links` (no description in the docs).",
        "/// A chat session.\n///\n/// Carries a lot of fields: see <https://docs.superoffice.com>.",
    ] {
        assert!(contains(m, expected), "missing {expected:?} in\n{m}");
    }
    // Mutual recursion is boxed on both sides; arrays and maps need no box.
    assert!(contains(
        file(&files, "src/models/tree_node.rs"),
        "pub next: Option<Box<crate::models::TreeLink>>"
    ));
    assert!(contains(
        file(&files, "src/models/tree_link.rs"),
        "pub target: Option<Box<crate::models::TreeNode>>"
    ));
    assert!(!file(&files, "src/models/chat_topic_entity.rs").contains("Box"));
    check_snapshot(
        "model_chat_topic_entity.rs",
        file(&files, "src/models/chat_topic_entity.rs"),
    );
}

#[test]
fn endpoint_names_and_bodies() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    let rest = file(&files, "src/rest/chat_session.rs");
    for expected in [
        "pub struct GetTranscriptUrl {",
        "pub struct GetTranscriptUrlDelete {",
        "pub static META_GET_TRANSCRIPT_URL_DELETE: EndpointMeta",
        "pub fn header_2(mut self, value: &str) -> Self",
        "parts.body = self.body.into_body()?;",
        "pub fn new(chat_session_id: i32, body: JsonPatch) -> Self {",
        "body: PatchDocument::JsonPatch(body),",
        "pub fn merge_patch(chat_session_id: i32, body: ::serde_json::Value) -> Self {",
        "body: PatchDocument::MergePatch(body),",
        "parts.accept = Accept::Media(\"application/pdf, text/plain\");",
        "type Response = ::bytes::Bytes;",
        "decode_bytes(response)",
        "impl ApiRequest for PickUpChatSession {\n    type Response = Option<crate::models::ChatSessionEntity>;",
        "#[allow(clippy::new_without_default)]\n    pub fn new() -> Self {",
        "docs_url: \"https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetTopic.html\",",
    ] {
        assert!(contains(rest, expected), "missing {expected:?} in\n{rest}");
    }
    let agents = file(&files, "src/agents/chat.rs");
    for expected in [
        "pub fn new(body: crate::models::ChatTopicEntity) -> Self {",
        "parts.body = Body::json(&self.body)?;",
        "parts.body = Body::upload(self.body, self.content_type, &[\"image/png\", \"image/jpeg\"]);",
        "pub fn new(body: impl Into<Vec<u8>>) -> Self {",
        "pub fn content_type(mut self, value: &str) -> Self {",
        "type Response = Option<i32>;",
        "decode_optional_json(response)",
        "parts.query.push_some(\"chatSessionId\", &self.chat_session_id);",
        "https://docs.superoffice.com/en/api/reference/restful/agent/Chat_Agent/v1ChatAgent_UploadAttachment.html",
    ] {
        assert!(contains(agents, expected), "missing {expected:?} in\n{agents}");
    }
    let get = sample_endpoint("v1ChatSessionEntity_GetChatSessionEntity");
    let ctx = EmitContext::for_crate();
    let text = space_items(&format_file(emit_endpoint(&get, &ctx)));
    check_snapshot("endpoint_get_chat_session_entity.rs", &text);
}

#[test]
fn endpoint_enum_routes_specific_templates_first() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    let e = file(&files, "src/endpoint.rs");
    let default = e
        .find("(&rest::chat_session::META_DEFAULT_CHAT_SESSION_ENTITY,")
        .unwrap_or_else(|| panic!("{e}"));
    let by_id = e
        .find("(&rest::chat_session::META_GET_CHAT_SESSION_ENTITY,")
        .unwrap_or_else(|| panic!("{e}"));
    assert!(default < by_id, "{e}");
    for expected in [
        "ChatSessionGetChatSessionEntity {",
        "chat_session_id: String,",
        "Endpoint::ChatSessionGetChatSessionEntity {\n            chat_session_id: next(),\n        },",
        "ChatAgentSaveChatTopicEntity,",
        "#[cfg(feature = \"agent-chat\")]",
    ] {
        assert!(contains(e, expected), "missing {expected:?} in\n{e}");
    }
}

#[test]
fn emit_endpoint_uses_the_context_paths() {
    let mut save = sample_endpoint("v1ChatAgent_SaveChatTopicEntity");
    save.request_body.as_mut().unwrap().ty = TypeRef::Named("my_crate::Topic".into());
    save.response = Some(TypeRef::array(TypeRef::Named("ChatTopicEntity".into())));
    let ctx = EmitContext::for_external(quote!(::superoffice_api));
    let text = format_file(emit_endpoint(&save, &ctx));
    assert!(
        contains(&text, "pub fn new(body: my_crate::Topic) -> Self"),
        "{text}"
    );
    assert!(
        contains(
            &text,
            "type Response = ::std::vec::Vec<::superoffice_api::models::ChatTopicEntity>;"
        ),
        "{text}"
    );
    assert!(
        contains(
            &text,
            "impl ::superoffice_api::runtime::ApiRequest for SaveChatTopicEntity"
        ),
        "{text}"
    );
    assert!(
        !text.contains(" crate::") && !text.contains("(crate::"),
        "{text}"
    );
    let names = EndpointNames::for_endpoint(&save);
    assert_eq!(names.struct_name, "SaveChatTopicEntity");
    assert_eq!(names.meta_name, "META_SAVE_CHAT_TOPIC_ENTITY");
}

#[test]
fn docs_urls_and_operation_names() {
    let api = sample_api();
    let mut e = api.endpoints[0].clone();
    assert_eq!(
        operation_name("v1ChatSessionEntity_PickUpChatSession"),
        "PickUpChatSession"
    );
    assert_eq!(operation_name("NoUnderscore"), "NoUnderscore");
    assert_eq!(operation_name("v1X_"), "v1X_");
    e.source = "somewhere/else.md".into();
    e.area = agent("Chat");
    e.id = "v1ChatAgent_X".into();
    assert_eq!(
        docs_url(&e),
        "https://docs.superoffice.com/en/api/reference/restful/agent/Chat_Agent/v1ChatAgent_X.html"
    );
    e.source = "rest/Contact/v1ContactEntity_GetContact.md".into();
    assert_eq!(
        docs_url(&e),
        "https://docs.superoffice.com/en/api/reference/restful/rest/Contact/v1ContactEntity_GetContact.html"
    );
    // The website text rendering is the same published page.
    e.source = "rest/Contact/v1ContactEntity_GetContact.website.txt".into();
    assert_eq!(
        docs_url(&e),
        "https://docs.superoffice.com/en/api/reference/restful/rest/Contact/v1ContactEntity_GetContact.html"
    );
}

#[test]
fn endpoints_name_every_page_they_were_read_from() {
    let mut e = sample_api().endpoints[0].clone();
    let doc = |e: &Endpoint| format_file(emit_endpoint(e, &EmitContext::for_crate()));
    e.source = "rest/A/x.md".into();
    e.sources = vec!["rest/A/x.md".into()];
    assert!(doc(&e).contains("(generated from `rest/A/x.md`)."));
    e.sources.push("rest/A/x.website.txt".into());
    assert!(doc(&e).contains("(generated from `rest/A/x.md` and `rest/A/x.website.txt`)."));
    e.sources.extend(["b.md".into(), "c.md".into()]);
    assert!(doc(&e)
        .contains("(generated from `rest/A/x.md`, `rest/A/x.website.txt`, `b.md` and 1 more)."));
}

#[test]
fn models_name_their_pages_and_are_non_exhaustive() {
    let mut m = model("Thing", None, "A thing.", vec![prop("Id", "int32", "")]);
    m.sources = [
        "rest/T/v1TEntity_B.md",
        "rest/T/v1TEntity_A.md",
        "rest/T/v1TEntity_A.md",
    ]
    .iter()
    .map(|f| span(f))
    .collect();
    let text = format_file(emit_model(
        &m,
        "Thing",
        &EmitContext::for_crate(),
        &Default::default(),
    ));
    let base = "https://docs.superoffice.com/en/api/reference/restful/rest/T";
    assert!(
        text.contains(&format!(
            "/// Described by [`rest/T/v1TEntity_A.md`]({base}/v1TEntity_A.html) and \
             [`rest/T/v1TEntity_B.md`]({base}/v1TEntity_B.html).\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("#[non_exhaustive]\npub struct Thing"),
        "{text}"
    );

    m.sources = [
        "agent/X_Agent/a.md",
        "agent/X_Agent/b.md",
        "agent/X_Agent/c.md",
        "d.md",
        "e.md",
    ]
    .iter()
    .map(|f| span(f))
    .collect();
    assert_eq!(
        model::described_by(&m),
        "Described by [`agent/X_Agent/a.md`](https://docs.superoffice.com/en/api/reference/restful/agent/X_Agent/a.html), \
         [`agent/X_Agent/b.md`](https://docs.superoffice.com/en/api/reference/restful/agent/X_Agent/b.html), \
         [`agent/X_Agent/c.md`](https://docs.superoffice.com/en/api/reference/restful/agent/X_Agent/c.html) and 2 more."
    );
    m.sources = vec![span("custom/page with space.md")];
    assert_eq!(
        model::described_by(&m),
        "Described by `custom/page with space.md`."
    );
    m.sources.clear();
    assert_eq!(model::described_by(&m), "");
}

#[test]
fn url_sources_are_the_docs_link() {
    let mut e = sample_api().endpoints[0].clone();
    e.source = "https://example.com/docs/pickup".into();
    assert_eq!(docs_url(&e), "https://example.com/docs/pickup");
    let text = format_file(emit_endpoint(&e, &EmitContext::for_crate()));
    assert!(
        contains(
            &text,
            "/// Documentation: <https://example.com/docs/pickup>."
        ),
        "{text}"
    );
    assert!(!text.contains("generated from"), "{text}");
}

#[test]
fn named_types_and_builder_names_for_the_macro() {
    let mut save = sample_endpoint("v1ChatAgent_SaveChatTopicEntity");
    save.request_body.as_mut().unwrap().ty = TypeRef::Named("Topic".into());
    save.response = Some(TypeRef::array(TypeRef::Named("Vec < Out >".into())));
    save.query_params = vec![
        param("$select", TypeRef::String, false, ""),
        param("options", TypeRef::Bool, false, ""),
    ];
    let mut ctx = EmitContext::for_external(quote!(::superoffice_api));
    ctx.named_types.insert("Topic".into(), quote!(user::Topic));
    ctx.named_types
        .insert("Vec < Out >".into(), quote!(Vec<Out>));
    // Spans change where errors point, not the text.
    let plain = format_file(emit_endpoint(&save, &ctx));
    let here = proc_macro2::Span::call_site();
    ctx.response_span = Some((here, here));
    ctx.body_span = Some((here, here));
    let text = format_file(emit_endpoint(&save, &ctx));
    assert_eq!(text, plain);
    assert!(contains(&text, "body: user::Topic,"), "{text}");
    assert!(
        contains(&text, "type Response = ::std::vec::Vec<Vec<Out>>;"),
        "{text}"
    );
    let names = builder_param_names(&save);
    assert_eq!(names.query, ["select", "options_2"]);
    assert!(names.path.is_empty());
}

#[test]
fn macros_feature_only_with_a_macros_path() {
    let without = emit_crate(&sample_api(), &EmitOptions::default());
    let toml = file(&without, "Cargo.toml");
    assert!(!toml.contains("superoffice-macros") && !toml.contains("\nmacros = "));
    assert!(!file(&without, "src/lib.rs").contains("so_endpoint"));
    let opts = EmitOptions {
        macros_path: Some("../macros".into()),
        ..EmitOptions::default()
    };
    let with = emit_crate(&sample_api(), &opts);
    let toml = file(&with, "Cargo.toml");
    assert!(toml.contains(
        "superoffice-macros = { version = \"0.1.0\", path = \"../macros\", optional = true }\n"
    ));
    assert!(toml.contains("\nmacros = [\"dep:superoffice-macros\"]\n"));
    assert!(contains(
        file(&with, "src/lib.rs"),
        "#[cfg(feature = \"macros\")]\npub use superoffice_macros::so_endpoint;"
    ));
}

/// Writes `files` plus the hand-written runtime (and `extra` files) into a temporary crate and
/// runs, for each feature set, `cargo clippy -D warnings`; then `cargo test` and `cargo doc`
/// (rustdoc warnings denied) with `all`. Uses `target/emit-check` as target dir.
fn check_crate(
    name: &str,
    files: &[GeneratedFile],
    extra: &[(&str, &str)],
    feature_sets: &[&[&str]],
) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = std::env::temp_dir().join(format!("codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |path: &str, contents: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    };
    for f in files {
        let mut contents = f.contents.clone();
        if f.path == "Cargo.toml" {
            // Not a member of the workspace this runs in.
            contents.push_str("\n[workspace]\n");
        }
        write(&f.path, &contents);
    }
    for (path, contents) in extra {
        write(path, contents);
    }
    let runtime = workspace.join("generated/src/runtime");
    for entry in std::fs::read_dir(&runtime).unwrap() {
        let entry = entry.unwrap();
        let contents = std::fs::read_to_string(entry.path()).unwrap();
        write(
            &format!("src/runtime/{}", entry.file_name().to_string_lossy()),
            &contents,
        );
    }
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = |args: &[&str]| {
        let status = std::process::Command::new(env!("CARGO"))
            .arg(args[0])
            .arg("--offline")
            .args(&args[1..])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", workspace.join("target/emit-check"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .status()
            .unwrap();
        assert!(
            status.success(),
            "cargo {args:?} failed in {}",
            dir.display()
        );
    };
    for features in feature_sets {
        let mut args = vec!["clippy", "--all-targets"];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        cargo(&args);
    }
    cargo(&["test", "--features", "all"]);
    cargo(&["doc", "--no-deps", "--features", "all"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Compiles the sample crate (with a smoke test using it) under several feature sets. Slow
/// the first time (it builds reqwest & co), hence ignored; run with
/// `cargo test -p codegen -- --ignored sample_crate_compiles`.
#[test]
#[ignore]
fn sample_crate_compiles() {
    let files = emit_crate(&sample_api(), &EmitOptions::default());
    check_crate(
        "emit-sample",
        &files,
        &[("tests/smoke.rs", SMOKE_TEST)],
        &[
            &["--features", "all"],
            &["--no-default-features", "--features", "rest-chat-session"],
            &["--no-default-features", "--features", "agent-chat"],
            &["--no-default-features"],
        ],
    );
}

/// Compiles the crate generated from the workspace's `docs-input/` (parser and resolver
/// included). Ignored for the same reason as [`sample_crate_compiles`].
#[cfg(feature = "cli")]
#[test]
#[ignore]
fn docs_input_crate_compiles() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let resolved = crate::cli::load(&docs).unwrap();
    let files = emit_crate(&resolved.api, &EmitOptions::default());
    if let Some(dir) = std::env::var_os("EMIT_DUMP_DIR") {
        for f in &files {
            let path = Path::new(&dir).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
    }
    check_crate(
        "emit-docs-input",
        &files,
        &[],
        &[&["--features", "all"], &[]],
    );
}

/// Exercises the sample crate: requests built from builders, routing, decoding.
const SMOKE_TEST: &str = r##"
#![cfg(all(feature = "rest-chat-session", feature = "agent-chat"))]

use http::StatusCode;
use superoffice_api::agents::chat::UploadAttachment;
use superoffice_api::models::{ChatSessionEntity, TreeLink, TreeNode};
use superoffice_api::rest::chat_session::{
    DefaultChatSessionEntity, GetChatSessionEntity, GetTranscriptUrl, PatchChatSessionEntity,
    PickUpChatSession,
};
use superoffice_api::runtime::{ApiRequest, BaseUrl, JsonPatch, Method, RawResponse, WithOptions};
use superoffice_api::Endpoint;

fn base() -> BaseUrl {
    BaseUrl::parse("https://sod.superoffice.com/Cust1").unwrap()
}

#[test]
fn builders_make_requests() {
    let req = GetChatSessionEntity::new(12)
        .select(["Name", "Id"])
        .include_deleted(true)
        .r#type("Chat")
        .header_2("x y")
        .so_language("en")
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.method(), http::Method::GET);
    assert_eq!(
        req.uri().to_string(),
        "https://sod.superoffice.com/Cust1/api/v1/ChatSession/12?$select=Name,Id&includeDeleted=true&type=Chat&header=x%20y"
    );
    assert_eq!(req.headers()["accept"], "application/json");

    let req = PatchChatSessionEntity::new(1, JsonPatch::new().remove("/Name"))
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.method(), http::Method::PATCH);
    assert_eq!(req.body(), br#"[{"op":"remove","path":"/Name"}]"#);
    assert_eq!(req.headers()["content-type"], "application/json-patch+json");

    let req = GetTranscriptUrl::new(7i64, "a/b").to_http_request(&base()).unwrap();
    assert_eq!(req.uri().path(), "/Cust1/api/v1/ChatSession/7/Transcript/a%2Fb");
    assert_eq!(req.headers()["accept"], "application/pdf, text/plain");

    let req = UploadAttachment::new(vec![1u8, 2])
        .chat_session_id(3)
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.headers()["content-type"], "image/png");
    assert_eq!(req.body(), &[1u8, 2]);
    assert_eq!(req.uri().query(), Some("chatSessionId=3"));
    let jpeg = b"\xff\xd8\xff\xe0".to_vec();
    let req = UploadAttachment::new(jpeg.clone()).to_http_request(&base()).unwrap();
    assert_eq!(req.headers()["content-type"], "image/jpeg");
    let req = UploadAttachment::new(jpeg)
        .content_type("image/x-raw")
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.headers()["content-type"], "image/x-raw");

    let req = PatchChatSessionEntity::merge_patch(1, serde_json::json!({"Name": null}))
        .to_http_request(&base())
        .unwrap();
    assert_eq!(req.body(), br#"{"Name":null}"#);
    assert_eq!(req.headers()["content-type"], "application/merge-patch+json");

    assert_eq!(DefaultChatSessionEntity::new().meta().method, Method::Get);
}

#[test]
fn responses_decode() {
    let body = r#"{"ChatSessionId":1,"Type":"Chat","URL":null,"Url":"u","_Links":{"self":"x"},
        "Parent":{"ChatSessionId":0},"Children":[],"Registered":"2024-01-02T03:04:05",
        "self":true,"1stReply":5,"Näme":"n","odata.nextLink":"next","Unknown":[1,2],
        "Tree":{"Next":{"Target":{"Label":"leaf"}}}}"#;
    let e = GetChatSessionEntity::decode(RawResponse::new(StatusCode::OK, body)).unwrap();
    assert_eq!(e.chat_session_id, Some(1));
    assert_eq!(e.r#type.as_deref(), Some("Chat"));
    assert_eq!(e.url, None);
    assert_eq!(e.url_2.as_deref(), Some("u"));
    assert_eq!(e.parent.as_ref().unwrap().chat_session_id, Some(0));
    assert_eq!(e.self_, Some(true));
    assert_eq!(e._1st_reply, Some(5));
    assert_eq!(e.name.as_deref(), Some("n"));
    assert_eq!(e.odata_next_link.as_deref(), Some("next"));
    assert_eq!(e.registered.unwrap().to_string(), "2024-01-02T03:04:05");
    // Models are `#[non_exhaustive]`: built from `Default`, fields set one by one.
    let mut leaf = TreeNode::default();
    leaf.label = Some("leaf".into());
    let mut link = TreeLink::default();
    link.target = Some(Box::new(leaf));
    let mut root = TreeNode::default();
    root.next = Some(Box::new(link));
    assert_eq!(e.tree, Some(root));
    let mut entity = ChatSessionEntity::default();
    entity.url_2 = Some("u".into());
    let back = serde_json::to_value(&entity).unwrap();
    assert_eq!(back, serde_json::json!({"Url": "u"}));
    assert!(GetChatSessionEntity::decode(RawResponse::new(StatusCode::NOT_FOUND, "")).is_err());
    assert_eq!(
        UploadAttachment::decode(RawResponse::new(StatusCode::NO_CONTENT, "")).unwrap(),
        None
    );
    let bytes = GetTranscriptUrl::decode(RawResponse::new(StatusCode::OK, &b"%PDF"[..])).unwrap();
    assert_eq!(&bytes[..], b"%PDF");
}

#[test]
fn endpoints_route() {
    assert_eq!(
        Endpoint::from_request(Method::Get, "/api/v1/ChatSession/default"),
        Some(Endpoint::ChatSessionDefaultChatSessionEntity)
    );
    assert_eq!(
        Endpoint::from_request(Method::Get, "/api/v1/chatsession/a%20b?$select=x"),
        Some(Endpoint::ChatSessionGetChatSessionEntity { chat_session_id: "a b".into() })
    );
    assert_eq!(
        Endpoint::from_request(Method::Get, "/api/v1/ChatSession/1/Transcript/pdf"),
        Some(Endpoint::ChatSessionGetTranscriptUrl { chat_session_id: "1".into(), format: "pdf".into() })
    );
    assert_eq!(Endpoint::from_request(Method::Put, "/api/v1/ChatSession/1"), None);
    let e = Endpoint::from_request(Method::Post, "/api/v1/Agents/Chat/UploadAttachment").unwrap();
    assert_eq!(e.meta().id, "v1ChatAgent_UploadAttachment");
    assert_eq!(superoffice_api::endpoint::ALL.len(), 9);
    assert_eq!(
        PickUpChatSession::decode(RawResponse::new(StatusCode::OK, "null")).unwrap(),
        None
    );
    let b: superoffice_api::models::Box2 = serde_json::from_str(r#"{"Inner":{"When":{"Value":"2020-01-01"}},"Result":{"Ok":true}}"#).unwrap();
    assert_eq!(b.inner.unwrap().when.unwrap().value.unwrap().to_string(), "2020-01-01");
}
"##;

/// An API with pageable endpoints of both kinds and near misses of each.
fn paging_api() -> Api {
    let sale = rest("Sale");
    let archive = agent("Archive");
    let int = |name: &str| param(name, TypeRef::Int32, false, "");
    let body = |model: &str| RequestBody {
        name: "request".into(),
        ty: TypeRef::Named(model.into()),
        kind: BodyKind::Json,
        media_types: Vec::new(),
        description: String::new(),
        span: span("x.md"),
    };
    let mut get_all = endpoint(
        sale.clone(),
        "v1SaleEntity_GetAll",
        Method::Get,
        "/api/v1/Sale",
    );
    get_all.query_params = vec![int("$top"), int("$skip")];
    get_all.response = Some(TypeRef::Named("ODataSlimResponse".into()));
    get_all.response_kind = BodyKind::Json;
    let mut top_only = get_all.clone();
    top_only.id = "v1SaleEntity_GetTop".into();
    top_only.path = "/api/v1/Sale/Top".into();
    top_only.query_params.pop();
    let mut list = endpoint(
        archive.clone(),
        "v1ArchiveAgent_GetArchiveList",
        Method::Post,
        "/api/v1/Agents/Archive/GetArchiveList",
    );
    list.request_body = Some(body("GetArchiveListRequest"));
    list.response = Some(TypeRef::parse("Row[]"));
    list.response_kind = BodyKind::Json;
    let mut with_header = list.clone();
    with_header.id = "v1ArchiveAgent_GetArchiveListWithHeader".into();
    with_header.path = "/api/v1/Agents/Archive/GetArchiveListWithHeader".into();
    with_header.response = Some(TypeRef::Named("Row".into()));
    let mut rest_list = endpoint(sale, "v1SaleEntity_Find", Method::Post, "/api/v1/Sale/Find");
    rest_list.request_body = Some(body("GetArchiveListRequest"));
    rest_list.response = Some(TypeRef::parse("Row[]"));
    rest_list.response_kind = BodyKind::Json;
    let models = [
        model(
            "ODataSlimResponse",
            None,
            "",
            vec![
                prop("odata.nextLink", "string", ""),
                prop("value", "map<any>[]", ""),
            ],
        ),
        model(
            "GetArchiveListRequest",
            None,
            "",
            vec![
                prop("ProviderName", "string", ""),
                prop("Page", "int32", ""),
                prop("PageSize", "int32", ""),
            ],
        ),
        model("Row", None, "", vec![prop("PrimaryKey", "int32", "")]),
    ];
    Api {
        endpoints: vec![get_all, top_only, list, with_header, rest_list],
        models: models.into_iter().map(|m| (m.name.clone(), m)).collect(),
    }
}

#[test]
fn pageable_endpoints_are_told_from_their_parameters_and_models() {
    use super::paging::{paging_of, PagingKind};
    let api = paging_api();
    let kinds: Vec<(&str, Option<(PagingKind, String)>)> = api
        .endpoints
        .iter()
        .map(|e| {
            let kind = paging_of(e, &api.models).map(|(k, row)| (k, row.to_string()));
            (e.id.as_str(), kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "v1SaleEntity_GetAll",
                Some((PagingKind::OData, "map<any>".to_string()))
            ),
            ("v1SaleEntity_GetTop", None),
            (
                "v1ArchiveAgent_GetArchiveList",
                Some((PagingKind::PageNumber, "Row".to_string()))
            ),
            ("v1ArchiveAgent_GetArchiveListWithHeader", None),
            ("v1SaleEntity_Find", None),
        ]
    );

    let files = emit_crate(&api, &EmitOptions::default());
    let sale = file(&files, "src/rest/sale.rs");
    assert!(
        contains(
            sale,
            "#[cfg(feature = \"client\")]\nimpl Paginated for GetAll {\n    type Item = \
             ::std::collections::BTreeMap<String, ::serde_json::Value>;\n    const PAGING: \
             Paging = Paging::OData;\n}"
        ),
        "{sale}"
    );
    assert_eq!(sale.matches("impl Paginated").count(), 1, "{sale}");
    let archive = file(&files, "src/agents/archive.rs");
    assert!(
        contains(
            archive,
            "impl Paginated for GetArchiveList {\n    type Item = crate::models::Row;\n    \
             const PAGING: Paging = Paging::PageNumber;\n}"
        ),
        "{archive}"
    );
    assert_eq!(archive.matches("impl Paginated").count(), 1, "{archive}");
}
