//! The review workflow end to end: `codegen diff` on two hand-written docs sets and on the seeds
//! with and without page 004, the checked-in snapshot against `docs-input/`, and
//! `codegen report` with its thresholds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::cli::api_of;
use codegen::review::diff::{diff, Verdict};
use codegen::review::diff_text;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(side: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(side)
}

/// A fresh, empty folder under the system's temp folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("codegen-review-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path, skip: &str) {
    for (rel, path) in codegen::parse::list_pages(from).unwrap() {
        if rel == skip {
            continue;
        }
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(path, dest).unwrap();
    }
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const FIXTURE_MARKDOWN: &str = "\
## API changes: breaking

2 breaking and 2 additive changes: code written against the generated crate may need changes; a major version (a minor one while 0.x).

### Breaking

- Model `WidgetEntity`: property `Size` retyped `int32` → `double`.
- Model `WidgetEntity`: property `Colour` removed (was `string`).

### Additive

- Endpoint `v1WidgetEntity_DeleteWidget` added: `DELETE /api/v1/Widget/{widgetId}` (from `rest/Widget/v1WidgetEntity_DeleteWidget.md`).
- Endpoint `v1WidgetEntity_GetWidget`: query parameter `culture` no longer required.
";

const FIXTURE_JSON: &str = r#"{
  "verdict": "breaking",
  "breaking": 2,
  "additive": 2,
  "changes": [
    {
      "impact": "additive",
      "change": "endpoint_added",
      "endpoint": "v1WidgetEntity_DeleteWidget",
      "method": "DELETE",
      "path": "/api/v1/Widget/{widgetId}",
      "source": "rest/Widget/v1WidgetEntity_DeleteWidget.md"
    },
    {
      "impact": "additive",
      "change": "param_now_optional",
      "endpoint": "v1WidgetEntity_GetWidget",
      "location": "query",
      "param": "culture"
    },
    {
      "impact": "breaking",
      "change": "property_retyped",
      "model": "WidgetEntity",
      "property": "Size",
      "old": "int32",
      "new": "double"
    },
    {
      "impact": "breaking",
      "change": "property_removed",
      "model": "WidgetEntity",
      "property": "Colour",
      "type": "string"
    }
  ]
}
"#;

/// The fixtures differ by an added endpoint (`DeleteWidget`), a removed property
/// (`WidgetEntity.Colour`), a retyped property (`WidgetEntity.Size`, `int32` to `double`) and a
/// parameter that is no longer **Required** (`culture`).
#[test]
fn fixture_docs_diff_to_the_exact_report_and_verdict() {
    let changes = diff(
        &api_of(&fixture("old")).unwrap(),
        &api_of(&fixture("new")).unwrap(),
    );
    assert_eq!(changes.verdict, Verdict::Breaking);
    assert_eq!(diff_text::markdown(&changes), FIXTURE_MARKDOWN);
    assert_eq!(diff_text::json(&changes), FIXTURE_JSON);

    // The command line prints the same, and `--deny-breaking` fails on it.
    let old = fixture("old");
    let new = fixture("new");
    let args = [old.to_str().unwrap(), new.to_str().unwrap()];
    let out = codegen(&["diff", args[0], args[1]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), FIXTURE_MARKDOWN);
    let out = codegen(&["diff", args[0], args[1], "--format", "json"]);
    assert_eq!(text(&out.stdout), FIXTURE_JSON);
    let out = codegen(&["diff", args[0], args[1], "--deny-breaking"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("2 breaking change(s)"));

    // Backwards, the same changes invert.
    let back = diff(
        &api_of(&fixture("new")).unwrap(),
        &api_of(&fixture("old")).unwrap(),
    );
    let lines: Vec<String> = diff_text::markdown(&back)
        .lines()
        .filter(|l| l.starts_with("- "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "- Endpoint `v1WidgetEntity_DeleteWidget` removed: `DELETE /api/v1/Widget/{widgetId}` (was from `rest/Widget/v1WidgetEntity_DeleteWidget.md`).",
            "- Endpoint `v1WidgetEntity_GetWidget`: query parameter `culture` now required.",
            "- Model `WidgetEntity`: property `Size` retyped `double` → `int32`.",
            "- Model `WidgetEntity`: property `Colour` added (`string`).",
        ]
    );
    assert_eq!((back.breaking, back.additive), (3, 1));
}

/// A manifest written by `codegen ir` diffs like the docs it was made from.
#[test]
fn a_manifest_snapshot_stands_for_its_docs() {
    let dir = TempDir::new("snapshot");
    let manifest = dir.0.join("old.json");
    let out = codegen(&[
        "ir",
        "--docs",
        fixture("old").to_str().unwrap(),
        "--out",
        manifest.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let from_snapshot = diff(
        &api_of(&manifest).unwrap(),
        &api_of(&fixture("new")).unwrap(),
    );
    assert_eq!(diff_text::json(&from_snapshot), FIXTURE_JSON);
    let same = diff(
        &api_of(&manifest).unwrap(),
        &api_of(&fixture("old")).unwrap(),
    );
    assert_eq!(same.verdict, Verdict::None);
    assert_eq!(
        diff_text::markdown(&same),
        "## API changes: none\n\nNo endpoint, parameter, body, response, model or property changed.\n"
    );
}

/// The checked-in `generated/manifest.json` is the IR of `docs-input/`: a review diffs it with
/// the docs of a pull request.
#[test]
fn checked_in_snapshot_matches_docs_input() {
    for snapshot in ["generated/manifest.json", "generated"] {
        let out = codegen(&["diff", snapshot, "docs-input"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("## API changes: none\n"));
    }
}

/// Page 004 (the website rendering of `TransferChatSession`) is the only page that lists
/// `Rating`, and the only one that names the nested types.
#[test]
fn seeds_without_page_004_to_seeds_with_it() {
    let page = "rest/ChatSession/v1ChatSessionEntity_TransferChatSession.website.txt";
    let dir = TempDir::new("seeds-without-004");
    copy_dir(&root().join("docs-input"), &dir.0, page);
    assert!(!dir.0.join(page).exists());
    assert!(root().join("docs-input").join(page).exists());

    let out = codegen(&["diff", dir.0.to_str().unwrap(), "docs-input"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let markdown = text(&out.stdout);
    let additive = markdown
        .split("### Additive\n")
        .nth(1)
        .expect("an additive section");
    assert!(
        additive
            .lines()
            .any(|l| l == "- Model `ChatSessionEntity`: property `Rating` added (`int32`)."),
        "{markdown}"
    );

    let out = codegen(&[
        "diff",
        dir.0.to_str().unwrap(),
        "docs-input",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rating: Vec<&serde_json::Value> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["property"] == "Rating")
        .collect();
    assert_eq!(
        rating,
        [&serde_json::json!({
            "impact": "additive",
            "change": "property_added",
            "model": "ChatSessionEntity",
            "property": "Rating",
            "type": "int32"
        })]
    );
    // The page also names the nested types the other pages leave blank: the model the
    // resolver had named after the property holding it (`TransferTo`) gives way to its real
    // name, `Associate`, which is breaking for code that named the old one.
    assert_eq!(json["verdict"], "breaking");
    assert!(
        markdown.contains("- Model `TransferTo` removed.\n"),
        "{markdown}"
    );
}

/// On the whole 2023 corpus, when it is there: the manifest reads back to the same manifest, and
/// diffs as no change against the docs it was made from.
#[test]
fn corpus_manifest_reads_back_unchanged() {
    let dir = root().join("../shared/corpus/docs-2023");
    if !dir.is_dir() {
        eprintln!("skipping: no corpus at {}", dir.display());
        return;
    }
    let api = api_of(&dir).unwrap();
    let json = codegen::manifest::to_json(&api);
    let back = codegen::review::snapshot::from_manifest(&json).unwrap();
    assert!(
        codegen::manifest::to_json(&back) == json,
        "manifest round trip differs"
    );
    assert_eq!(diff(&back, &api).changes, []);
}
