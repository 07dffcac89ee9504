//! `codegen report`: where each property type came from, seen from each page and in total, the
//! warnings by kind, and the thresholds that fail a run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::review::quality::{assess, unread_type_cells, Counts, Quality, WarningCounts};

/// The markdown page of `GetGadget`: it leaves `Owner` and `Blob` blank, and its `Weird` cell
/// is not a type. Its sample shows the owner's shape.
const MARKDOWN_PAGE: &str = r#"---
title: GET Gadget/{id}
id: v1GadgetEntity_GetGadget
---

# GET Gadget/{id}

```http
GET /api/v1/Gadget/{gadgetId}
```

Gets a gadget.

| Path Part | Type | Description |
|-----------|------|-------------|
| gadgetId | int32 | The gadget id **Required** |

## Response: object

Carrier object for GadgetEntity.

| Response | Description |
|----------------|-------------|
| 200 | OK |

Response body: object

| Property Name | Type |  Description |
|----------------|------|--------------|
| GadgetId | int32 | The primary key |
| Owner |  | Who owns it |
| Blob |  | Anything at all |
| Weird | List of things | A cell that is not a type |

## Sample response

```http_
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8

{
  "GadgetId": 1,
  "Owner": { "AssociateId": 2 },
  "Blob": null,
  "Weird": null,
  "Tag": "x"
}
```
"#;

/// The website rendering of the same endpoint: it states `Owner`.
const RENDERED_PAGE: &str = "GET Gadget/{id}
Some tooltip text!
\u{2022} 2 minutes to read
GET /api/v1/Gadget/{gadgetId}
Gets a gadget.
Path Part | Type | Description |
---|---|---|
gadgetId | int32 | The gadget id Required |
Response:
OK
Response | Description |
---|---|
200 | OK |
Response body: GadgetEntity
Property Name | Type | Description |
---|---|---|
GadgetId | int32 | The primary key |
Owner | Associate | Who owns it |
Blob |  | Anything at all |
Sample request
GET /api/v1/Gadget/{gadgetId}
Accept: application/json
Sample response
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8
{
\"GadgetId\": 1,
\"Owner\": { \"AssociateId\": 2 },
\"Blob\": null,
\"Tag\": \"x\"
}
";

const MD: &str = "rest/Gadget/v1GadgetEntity_GetGadget.md";
const TXT: &str = "rest/Gadget/v1GadgetEntity_GetGadget.website.txt";

fn quality() -> Quality {
    let contents = vec![
        (MD.to_string(), MARKDOWN_PAGE.as_bytes().to_vec()),
        (TXT.to_string(), RENDERED_PAGE.as_bytes().to_vec()),
    ];
    let pages = codegen::parse::read_all(&contents).unwrap();
    let sources: Vec<String> = pages.iter().map(|p| p.source.to_string()).collect();
    let mut warnings = unread_type_cells(&pages);
    let resolved = codegen::resolve::resolve(pages);
    warnings.extend(resolved.warnings);
    assess(&sources, &warnings, &resolved.api)
}

fn counts(
    endpoints: usize,
    models: usize,
    [from_table, from_other_pages, from_samples, any]: [usize; 4],
    unread_type_cells: usize,
) -> Counts {
    Counts {
        endpoints,
        models,
        properties: from_table + from_other_pages + from_samples + any,
        from_table,
        from_other_pages,
        from_samples,
        any,
        warnings: WarningCounts {
            unread_type_cells,
            ..WarningCounts::default()
        },
    }
}

/// `GadgetEntity`: `GadgetId` (both tables), `Owner` (the website page's table), `Blob` and
/// `Weird` (`any`), `Tag` (samples). `Associate`: `AssociateId` (the markdown page's sample).
#[test]
fn each_property_is_counted_by_where_its_type_came_from() {
    let q = quality();
    assert_eq!(q.pages, 2);
    // The markdown page shows both models; `Owner` is typed by the other page.
    assert_eq!(q.per_page[0].page, MD);
    assert_eq!(q.per_page[0].counts, counts(1, 2, [1, 1, 2, 2], 1));
    // The website page describes `GadgetEntity` and states `Owner` itself.
    assert_eq!(q.per_page[1].page, TXT);
    assert_eq!(q.per_page[1].counts, counts(1, 1, [2, 0, 1, 2], 0));
    // In total, a property is seen from the page that lists it first: the markdown page.
    assert_eq!(q.totals, counts(1, 2, [1, 1, 2, 2], 1));
}

#[test]
fn unread_type_cells_are_warnings_at_their_row() {
    let contents = vec![(MD.to_string(), MARKDOWN_PAGE.as_bytes().to_vec())];
    let pages = codegen::parse::read_all(&contents).unwrap();
    let warnings: Vec<String> = unread_type_cells(&pages)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "{MD}:33: warning: the type `List of things` of `Weird` is not one the generator reads; typed as if blank"
        )]
    );
}

/// A fresh folder with the two pages, removed on drop.
struct Docs(PathBuf);

impl Docs {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("codegen-report-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, text) in [(MD, MARKDOWN_PAGE), (TXT, RENDERED_PAGE)] {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Docs(dir)
    }
}

impl Drop for Docs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn report(docs: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("report")
        .arg("--docs")
        .arg(docs)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn command_prints_pages_and_totals_and_checks_thresholds() {
    let docs = Docs::new();
    let out = report(&docs.0, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    let totals = printed
        .split_once("totals: ")
        .map(|(_, t)| format!("totals: {t}"))
        .unwrap();
    assert_eq!(
        totals,
        "\
totals: 2 pages, 1 endpoints, 2 models, 6 properties
  typed from tables             1   16.7%
  typed from other pages        1   16.7%
  typed from samples            2   33.3%
  left any                      2   33.3%
warnings: 1
  pages disagree                0
  misused type names            0
  type cells not read           1
  other                         0
"
    );
    assert!(printed.starts_with("2 of 2 pages have properties left `any` or warnings"));

    // 2 of 6 properties are `any`: 33.3%.
    for (args, ok) in [
        (&["--max-any", "2"][..], true),
        (&["--max-any", "1"], false),
        (&["--max-any", "34%"], true),
        (&["--max-any", "30%"], false),
        (&["--max-warnings", "1"], true),
        (&["--max-warnings", "0"], false),
    ] {
        let out = report(&docs.0, args);
        assert_eq!(out.status.success(), ok, "{args:?}: {}", text(&out.stderr));
        // The report is printed either way.
        assert!(text(&out.stdout).contains("totals: 2 pages"));
    }
    let out = report(&docs.0, &["--max-any", "30%", "--max-warnings", "0"]);
    assert_eq!(
        text(&out.stderr),
        "error: parse quality below the thresholds:\n\
         33.3% of the properties left `any` (2 of 6), more than the 30% allowed\n\
         1 warnings, more than the 0 allowed\n"
    );
    let out = report(&docs.0, &["--max-any", "lots"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("`lots` is not a limit"));

    // JSON lists every page with the same figures.
    let out = report(&docs.0, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["totals"]["any"], 2);
    assert_eq!(json["per_page"][1]["page"], TXT);
    assert_eq!(json["per_page"][1]["from_table"], 2);
    assert_eq!(json["per_page"][0]["warnings"]["unread_type_cells"], 1);
}
