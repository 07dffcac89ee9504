//! Hostile docs pages (`tests/hostile/`): for each one the generator either makes code that
//! compiles (clippy and rustdoc clean) or fails with a `file:line` error, never broken Rust.
//!
//! - `hostile/errors/`: one page per failure; each has its exact diagnostics below.
//! - `hostile/compiles/`: pages that generate one crate together (line endings, BOM, tabs,
//!   keywords, colliding and punctuated names, markup in descriptions, duplicate ids). Their
//!   names and docs are checked in the generated source, and one test compiles the crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::emit::GeneratedFile;
use codegen::ir::TypeRef;
use codegen::parse::{list_pages, read_all, read_page};
use codegen::resolve::resolve;
use quote::ToTokens;

fn hostile(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(folder)
}

/// The exact outcome of reading an `errors/` page: every diagnostic, as printed.
const ERROR_PAGES: &[(&str, &[&str])] = &[
    (
        "bad_status.md",
        &["bad_status.md:22: status table: expected an HTTP status code (100-599), found `2OO`"],
    ),
    // An empty file is no endpoint page: skipped, like an index page.
    ("empty.md", &[]),
    (
        "extra_cell.md",
        &["extra_cell.md:29: table row has 4 cell(s), expected 3 to match the header `Property Name | Type | Description`"],
    ),
    (
        "invalid_sample.md",
        &["invalid_sample.md:42: invalid JSON sample at column 1: trailing comma"],
    ),
    (
        "many_problems.md",
        &[
            "many_problems.md:16: table row has 2 cell(s), expected 3 to match the header `Path Part | Type | Description`",
            "many_problems.md:22: status table: expected an HTTP status code (100-599), found `OK`",
            "many_problems.md:39: invalid JSON sample at column 17: key must be a string",
        ],
    ),
    (
        "missing_cell.md",
        &["missing_cell.md:29: table row has 2 cell(s), expected 3 to match the header `Property Name | Type | Description`"],
    ),
    (
        "non_utf8.md",
        &["non_utf8.md:29: invalid UTF-8: expected the page to be UTF-8 text"],
    ),
    // GFM splits cells at a pipe inside a code span; the row is reported, not cut short.
    (
        "pipe_in_code_span.md",
        &["pipe_in_code_span.md:29: table row has 4 cell(s), expected 3 to match the header `Property Name | Type | Description`"],
    ),
    (
        "truncated_front.md",
        &["truncated_front.md:1: no request line: expected a line like `GET /api/v1/...` (method GET, POST, PUT, PATCH or DELETE) at the top of the page"],
    ),
    (
        "truncated_row.md",
        &["truncated_row.md:29: table row has 2 cell(s), expected 3 to match the header `Property Name | Type | Description`"],
    ),
    (
        "truncated_sample.md",
        &["truncated_sample.md:41: truncated JSON sample: the body ends before the JSON value is complete"],
    ),
    (
        "unknown_method.md",
        &["unknown_method.md:9: unknown HTTP method `FETCH` in the request line; expected GET, POST, PUT, PATCH or DELETE"],
    ),
];

#[test]
fn every_error_page_fails_with_its_file_and_line() {
    let expected: BTreeMap<&str, &[&str]> = ERROR_PAGES.iter().copied().collect();
    let pages = list_pages(&hostile("errors")).unwrap();
    let names: Vec<&str> = pages.iter().map(|(rel, _)| rel.as_str()).collect();
    assert_eq!(
        names,
        expected.keys().copied().collect::<Vec<_>>(),
        "every fixture has an expected outcome"
    );
    for (rel, path) in &pages {
        let bytes = std::fs::read(path).unwrap();
        let got: Vec<String> = match read_page(rel, &bytes) {
            Ok(None) => Vec::new(),
            Ok(Some(page)) => panic!(
                "{rel} parsed into an endpoint: {} {}",
                page.method.as_str(),
                page.path
            ),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        };
        assert_eq!(got, expected[rel.as_str()], "{rel}");
    }
    // Read together, they are reported together, sorted by file and line.
    let contents: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|(rel, path)| (rel.clone(), std::fs::read(path).unwrap()))
        .collect();
    let all = read_all(&contents).unwrap_err();
    let flat: Vec<&str> = ERROR_PAGES
        .iter()
        .flat_map(|(_, d)| d.iter().copied())
        .collect();
    assert_eq!(
        all.0.iter().map(ToString::to_string).collect::<Vec<_>>(),
        flat
    );
}

fn compiles_contents() -> Vec<(String, Vec<u8>)> {
    list_pages(&hostile("compiles"))
        .unwrap()
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect()
}

/// The warnings the compiling pages raise: the duplicates contradict each other on purpose.
const WARNINGS: &[&str] = &[
    "duplicates_a.md:30: warning: `TwinEntity.Name` is stated as `string` here but as `int32` at duplicates_a.md:31; using `int32`",
    "duplicates_a.md:32: warning: `TwinEntity.Size` is stated as `int32` here but as `string` at duplicates_b.md:29; using `string`",
    "duplicates_b.md:9: warning: operation id `v1HostileEntity_GetTwin` is also used by duplicates_a.md:9 for another request line",
    "duplicates_b.md:28: warning: `TwinEntity.TwinId` is stated as `int64` here but as `int32` at duplicates_a.md:28; using `int32`",
    "duplicates_c.md:9: warning: page gives id `v1HostileEntity_GetTwinAgain` for the request line that duplicates_a.md:9 calls `v1HostileEntity_GetTwin`; using `v1HostileEntity_GetTwin`",
    "widening.md:25: warning: `WideningEntity.Count` is stated as `int32` but a sample shows `1099511627776`; using `int64`",
    "widening.md:26: warning: `WideningEntity.Ratio` is stated as `int32` but a sample shows `1.5`; using `double`",
    "widening.md:27: warning: `WideningEntity.Huge` is stated as `int64` but a sample shows `18446744073709551615`; using `double`",
];

#[test]
fn compiling_pages_read_and_resolve_with_only_the_expected_warnings() {
    let contents = compiles_contents();
    let pages = read_all(&contents).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        pages.len(),
        contents.len(),
        "every page is an endpoint page"
    );
    let resolved = resolve(pages);
    let warnings: Vec<String> = resolved.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, WARNINGS);
    // Every page made (or merged into) an endpoint.
    let mut sources: Vec<&str> = resolved
        .api
        .endpoints
        .iter()
        .flat_map(|e| e.sources.iter().map(String::as_str))
        .collect();
    sources.sort();
    let names: Vec<&str> = contents.iter().map(|(rel, _)| rel.as_str()).collect();
    assert_eq!(sources, names);
}

#[test]
fn line_endings_bom_and_tabs_read_like_plain_pages() {
    let contents = compiles_contents();
    let page = |name: &str| {
        let (rel, bytes) = contents.iter().find(|(rel, _)| rel == name).unwrap();
        read_page(rel, bytes).unwrap().unwrap()
    };
    for name in ["crlf_bom.md", "cr_only.md"] {
        let p = page(name);
        assert_eq!(
            p.span.line, 9,
            "{name}: the request line, counted as in an LF file"
        );
        assert_eq!(p.summary.lines().count(), 1, "{name}: no stray CR");
        assert_eq!(p.description, "A second paragraph.", "{name}");
        let rows: Vec<(&str, u32)> = p
            .response
            .as_ref()
            .unwrap()
            .properties
            .iter()
            .map(|r| (r.name.as_str(), r.span.line))
            .collect();
        assert_eq!(rows.len(), 2, "{name}");
        assert_eq!(rows[1], ("Text", 27), "{name}");
        assert!(p.sample_response.unwrap().body.is_some(), "{name}");
    }
    let tabs = page("tabs.md");
    assert_eq!(tabs.path, "/api/v1/Hostile/Tabs");
    assert_eq!(tabs.id.as_deref(), Some("v1HostileEntity_GetTabs"));
    assert_eq!(
        tabs.summary,
        "Tabs\tbetween\twords and a tab-indented line:\nthis line continues the paragraph."
    );
    let response = tabs.response.unwrap();
    assert_eq!(response.statuses[0].code, 200);
    let rows: Vec<(&str, &str, &str)> = response
        .properties
        .iter()
        .map(|r| (r.name.as_str(), r.ty.as_str(), r.description.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("TabId", "int32", "The\tid"),
            ("Text", "string", ""),
            ("When", "date-time", "tab\tinside"),
        ]
    );
}

/// The generated crate of `compiles/`, by path.
fn generated() -> BTreeMap<String, String> {
    codegen::cli::crate_files_with(&hostile("compiles"), &codegen::emit::EmitOptions::default())
        .unwrap()
        .into_iter()
        .map(|GeneratedFile { path, contents }| (path, contents))
        .collect()
}

/// The fields of struct `name` in a generated file: (Rust name, serde wire name, type),
/// without the `#[serde(flatten)]` field that every model ends with (checked on its own).
fn fields(source: &str, name: &str) -> Vec<(String, String, String)> {
    all_fields(source, name)
        .into_iter()
        .filter(|(rust, wire, _)| !(rust == "extra" && wire.is_empty()))
        .collect()
}

/// The struct `name` of a parsed file.
fn find_struct<'a>(file: &'a syn::File, name: &str) -> &'a syn::ItemStruct {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct {name}"))
}

fn all_fields(source: &str, name: &str) -> Vec<(String, String, String)> {
    let file = syn::parse_file(source).unwrap();
    let item = find_struct(&file, name);
    let wires = wire_names(&file, name);
    item.fields
        .iter()
        .map(|f| {
            let rust = f.ident.as_ref().unwrap().to_string();
            let wire = wires.get(&rust).cloned().unwrap_or_default();
            let ty = f.ty.to_token_stream().to_string().replace(' ', "");
            (rust, wire, ty)
        })
        .collect()
}

/// Field -> wire name, read off the `match` of the model's `Model::read_member`
/// (`"Wire" => read_field(map, &mut self.field, &key)`).
fn wire_names(file: &syn::File, name: &str) -> std::collections::BTreeMap<String, String> {
    let mut wires = std::collections::BTreeMap::new();
    let model_impl = file.items.iter().find_map(|item| match item {
        syn::Item::Impl(i)
            if i.trait_
                .as_ref()
                .and_then(|t| t.0.segments.last())
                .is_some_and(|seg| seg.ident == "Model")
                && i.self_ty.to_token_stream().to_string() == name =>
        {
            Some(i)
        }
        _ => None,
    });
    let Some(model_impl) = model_impl else {
        return wires;
    };
    for item in &model_impl.items {
        let syn::ImplItem::Fn(f) = item else { continue };
        if f.sig.ident != "read_member" {
            continue;
        }
        let Some(syn::Stmt::Expr(syn::Expr::Match(m), _)) = f.block.stmts.last() else {
            panic!("read_member of {name} is not one match");
        };
        for arm in &m.arms {
            let syn::Pat::Lit(syn::PatLit {
                lit: syn::Lit::Str(wire),
                ..
            }) = &arm.pat
            else {
                continue;
            };
            let syn::Expr::Call(call) = &*arm.body else {
                panic!("arm {} of {name} is not a call", wire.value());
            };
            let field = call.args.iter().nth(1).expect("a field argument");
            let field = field.to_token_stream().to_string();
            let field = field.rsplit('.').next().unwrap().trim().to_string();
            wires.insert(field, wire.value());
        }
    }
    wires
}

/// The doc lines of field `field` of struct `name`, spelled as `///` comments.
fn field_docs(source: &str, name: &str, field: &str) -> Vec<String> {
    let file = syn::parse_file(source).unwrap();
    let item = find_struct(&file, name);
    let f = item
        .fields
        .iter()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == field))
        .unwrap_or_else(|| panic!("no field {name}.{field}"));
    f.attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => format!("///{}", s.value()),
                other => panic!("doc is not a string: {}", other.to_token_stream()),
            },
            other => panic!("doc is not name = value: {}", other.to_token_stream()),
        })
        .collect()
}

/// Whether `haystack` contains `needle`, ignoring whitespace (prettyplease wraps long lines).
fn contains_code(haystack: &str, needle: &str) -> bool {
    let compact = |s: &str| s.split_whitespace().collect::<String>();
    compact(haystack).contains(&compact(needle))
}

/// (Rust name, wire name) pairs of a struct.
fn names(source: &str, name: &str) -> Vec<(String, String)> {
    fields(source, name)
        .into_iter()
        .map(|(rust, wire, _)| (rust, wire))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn keywords_become_raw_or_suffixed_identifiers() {
    let files = generated();
    assert_eq!(
        names(&files["src/models/keyword_entity.rs"], "KeywordEntity"),
        pairs(&[
            ("r#type", "Type"),
            ("type_2", "type"),
            ("r#ref", "ref"),
            ("self_", "self"),
            ("self_2", "Self"),
            ("crate_", "crate"),
            ("r#async", "async"),
            ("super_", "super"),
            ("r#fn", "fn"),
            ("r#match", "match"),
            ("option", "Option"),
            ("default", "Default"),
            ("result", "Result"),
        ])
    );
    // `extra` keeps undocumented members, whatever the properties are called.
    assert_eq!(
        all_fields(&files["src/models/keyword_entity.rs"], "KeywordEntity").last(),
        Some(&(
            "extra".to_string(),
            String::new(),
            "::serde_json::Map<String,::serde_json::Value>".to_string()
        ))
    );
    // Models named like prelude types get a suffix: generated code spells the prelude short.
    let types: Vec<String> = fields(&files["src/models/keyword_entity.rs"], "KeywordEntity")
        .into_iter()
        .map(|(_, _, ty)| ty)
        .collect();
    assert_eq!(types[11], "Option<crate::models::Option2>");
    assert_eq!(types[12], "Option<crate::models::Result2>");
    assert!(files.contains_key("src/models/option2.rs"));
    assert!(files.contains_key("src/models/result2.rs"));
    // A model named `Self` and its module; an agent `Crate` and an area `Type`.
    assert_eq!(
        fields(&files["src/models/self_.rs"], "Self_"),
        [
            (
                "self_".to_string(),
                "Self".to_string(),
                "Option<Box<crate::models::Self_>>".to_string()
            ),
            (
                "items".to_string(),
                "Items".to_string(),
                "Option<Vec<crate::models::Self_>>".to_string()
            ),
        ]
    );
    assert!(files["src/agents/mod.rs"].contains("pub mod crate_;"));
    assert!(files["src/agents/crate_.rs"].contains("pub struct Self_ {"));
    assert!(files["src/rest/mod.rs"].contains("pub mod type_;"));
    assert!(files["src/rest/type_.rs"].contains("pub struct UnicodeOp {"));
    assert!(files["src/rest/type_.rs"].contains("pub fn new(r#mod: i32) -> Self {"));
    // Path and query parameters: keywords and the builder's own names.
    let hostile = &files["src/rest/hostile.rs"];
    assert!(contains_code(
        hostile,
        "pub fn new(r#type: i32, self_: &str) -> Self"
    ));
    for setter in ["r#ref", "r#async", "options_2", "body_2", "new_2"] {
        assert!(hostile.contains(&format!("pub fn {setter}(")), "{setter}");
    }
    assert!(hostile.contains("parts.query.push_some(\"options\", &self.options_2);"));
}

#[test]
fn items_named_like_runtime_items_keep_the_runtime_ones_by_path() {
    // Generated files import the runtime (`use crate::runtime::*;`) and name its items plainly,
    // except where the file's own item takes the name.
    let files = generated();
    let agent = &files["src/agents/hostile.rs"];
    assert!(agent.contains("pub struct RequestOptions {"), "{agent}");
    assert!(
        agent.contains("options: crate::runtime::RequestOptions,"),
        "{agent}"
    );
    assert!(
        agent.contains("fn request_options(&mut self) -> &mut crate::runtime::RequestOptions {"),
        "{agent}"
    );
    assert!(
        agent.contains("impl ApiRequest for RequestOptions {"),
        "{agent}"
    );
    let model = &files["src/models/query.rs"];
    assert!(model.contains("pub struct Query {"), "{model}");
    assert!(model.contains("impl Model for Query {"), "{model}");
    assert!(model.contains("pub method: Option<i32>,"), "{model}");
}

#[test]
fn names_colliding_after_case_conversion_get_suffixes() {
    let files = generated();
    assert_eq!(
        names(&files["src/models/collision_entity.rs"], "CollisionEntity"),
        pairs(&[
            ("url", "URL"),
            ("url_2", "Url"),
            ("id", "Id"),
            ("id_2", "ID"),
            ("id_3", "id"),
            ("url_2_2", "url_2"),
            ("user_name", "UserName"),
            ("user_name_2", "user_name"),
            ("user_name_3", "USER_NAME"),
        ])
    );
}

#[test]
fn punctuated_digit_first_and_unicode_names_keep_their_wire_names() {
    let files = generated();
    assert_eq!(
        names(
            &files["src/models/punctuation_entity.rs"],
            "PunctuationEntity"
        ),
        pairs(&[
            ("select", "$select"),
            ("odata_next_link", "odata.nextLink"),
            ("odata_count", "@odata.count"),
            ("_1st_place", "1stPlace"),
            ("_2", "2"),
            ("name", "Näme"),
            ("grosse", "Größe"),
            ("u65e5_u672c", "日本"),
            ("field_9", "🙂"),
            ("a_b_c", "a-b c"),
            ("links", "_Links"),
        ])
    );
    let hostile = &files["src/rest/hostile.rs"];
    for (setter, wire) in [
        ("select", "$select"),
        ("top", "$top"),
        ("filter", "$filter"),
    ] {
        assert!(hostile.contains(&format!("pub fn {setter}(")), "{setter}");
        assert!(
            hostile.contains(&format!(
                "parts.query.push_some(\"{wire}\", &self.{setter});"
            )),
            "{wire}"
        );
    }
}

#[test]
fn duplicate_ids_and_properties_make_distinct_builders_and_one_field_each() {
    let files = generated();
    let api = resolve(read_all(&compiles_contents()).unwrap()).api;
    let twins: Vec<(&str, &str, &str)> = api
        .endpoints
        .iter()
        .filter(|e| e.path.ends_with("/Twin"))
        .map(|e| (e.id.as_str(), e.method.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        twins,
        [
            (
                "v1HostileEntity_GetTwin",
                "GET",
                "/api/v1/Hostile/{id}/Twin"
            ),
            (
                "v1HostileEntity_GetTwin",
                "POST",
                "/api/v1/Hostile/{id}/Twin"
            ),
        ]
    );
    let hostile = &files["src/rest/hostile.rs"];
    assert!(hostile.contains("pub struct GetTwin {"));
    assert!(hostile.contains("pub struct GetTwinPost {"));
    assert!(hostile.contains("pub static META_GET_TWIN_POST:"));
    assert_eq!(
        fields(&files["src/models/twin_entity.rs"], "TwinEntity"),
        [
            ("twin_id", "TwinId", "Option<i32>"),
            ("name", "Name", "Option<i32>"),
            ("size", "Size", "Option<String>"),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    assert_eq!(
        api.models["TwinEntity"].properties[0].ty,
        TypeRef::Int32,
        "majority of the rows"
    );
}

/// A stated integer type is widened only when the page's own sample does not fit it.
#[test]
fn integer_types_widen_to_what_the_samples_show() {
    let files = generated();
    let types: Vec<(String, String)> =
        fields(&files["src/models/widening_entity.rs"], "WideningEntity")
            .into_iter()
            .map(|(rust, _, ty)| (rust, ty))
            .collect();
    assert_eq!(
        types,
        pairs(&[
            ("small", "Option<i32>"),
            ("count", "Option<i64>"),
            ("ratio", "Option<f64>"),
            ("huge", "Option<f64>"),
            ("negative", "Option<i32>"),
        ])
    );
}

/// The `///` lines of the item that `anchor` (a line of the generated file) starts.
fn docs_before(source: &str, anchor: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == anchor)
        .unwrap_or_else(|| panic!("no line `{anchor}`"));
    let mut docs: Vec<String> = lines[..at]
        .iter()
        .rev()
        .skip_while(|l| l.trim().starts_with("#["))
        .take_while(|l| l.trim().starts_with("///"))
        .map(|l| l.trim().to_string())
        .collect();
    docs.reverse();
    docs
}

#[test]
fn markup_in_descriptions_becomes_plain_escaped_rustdoc() {
    let files = generated();
    let hostile = &files["src/rest/hostile.rs"];
    assert_eq!(
        docs_before(hostile, "pub struct SaveMarkup {"),
        [
            // `*/ closed /*` is markdown emphasis on the page, as the website shows it.
            "/// Saves the Hostile Agent's markup. It's / closed / opened; code, an odd \\` tick and fences.",
            "///",
            "/// Second paragraph with `Run` and html and \\<script>alert(1)\\</script>.",
            "///",
            "/// \\#hashtag at the start of a line, a link and a bare <https://example.com/docs>. Backslash \\\\ and \"quotes\" and {braces} and a trailing \\\\",
            "///",
            "/// `POST /api/v1/Hostile/{id}/Markup`",
            "///",
            "/// Request body `request`, JSON: The request */ to save.",
            "///",
            "/// Response: Result of the save.",
            "///",
            "/// Carrier object for MarkupEntity.",
            "/// Services for the MarkupEntity Carrier is available from the Hostile Agent.",
            "///",
            "/// Documentation: <https://docs.superoffice.com/en/api/reference/restful/rest/Hostile/v1HostileEntity_SaveMarkup.html> (generated from `doc_markup.md`).",
        ]
    );
    let setter = |name: &str| {
        let anchor = format!("pub fn {name}(");
        let lines: Vec<&str> = hostile.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim().starts_with(&anchor))
            .unwrap();
        docs_before(hostile, lines[at].trim())
    };
    assert_eq!(
        setter("mode"),
        [
            "/// Sets the `mode` query parameter: Enum values that could break code",
            "///",
            "/// Documented values: `a*/b`, `x`, `#y`, `\"q\"`, `|`. Others may occur.",
        ]
    );
    assert_eq!(
        setter("note"),
        // The markdown walker keeps the text of a code span, not its backticks.
        ["/// Sets the `note` query parameter: A pipe | inside a cell, code | span, \\<tag> and a backslash at the end \\\\"]
    );
    let model = &files["src/models/markup_entity.rs"];
    let field_docs = |field: &str| field_docs(model, "MarkupEntity", field);
    assert_eq!(field_docs("text"), ["/// \\# not a heading */"]);
    assert_eq!(
        field_docs("html"),
        ["/// para", "///", "/// - one", "/// - two"]
    );
    assert_eq!(field_docs("raw"), ["/// \\`escaped tick"]);
    assert_eq!(field_docs("code"), ["/// `x[0]` and `fn main() {}`"]);
    assert_eq!(field_docs("deep"), ["/// 'deep'"]);
    assert_eq!(
        field_docs("doc"),
        ["/// //! inner doc and /// outer doc and #!\\[attr\\]"]
    );
    // The metadata summary is a plain string literal.
    assert!(hostile.contains(
        r#"summary: "Saves the Hostile Agent's markup. It's / closed / opened; code, an odd ` tick and fences. Second paragraph with `Run` and html and <script>alert(1)</script>.","#
    ));
}

/// A row cut inside its last cell cannot be told from a row without the optional closing
/// pipe: the page compiles with the cut description.
#[test]
fn a_row_cut_in_its_last_cell_reads_as_written() {
    let files = generated();
    assert_eq!(
        field_docs(
            &files["src/models/cut_short_entity.rs"],
            "CutShortEntity",
            "name"
        ),
        ["/// The na"]
    );
}

/// Every generated Rust file parses, and the crate passes `cargo clippy -D warnings` and
/// `cargo doc` with rustdoc warnings denied, all features on. Slow the first time (it builds
/// the crate's dependencies into `target/hostile-check`, kept for later runs).
#[test]
fn hostile_crate_passes_clippy_and_rustdoc() {
    let files = generated();
    for (path, contents) in &files {
        if path.ends_with(".rs") {
            syn::parse_file(contents).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = std::env::temp_dir().join(format!("codegen-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, contents) in &files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut contents = contents.clone();
        if path.ends_with("Cargo.toml") {
            // Not a member of the workspace this test runs in.
            contents.push_str("\n[workspace]\n");
        }
        std::fs::write(path, contents).unwrap();
    }
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO"))
            .arg(args[0])
            .args(["--offline", "--all-features"])
            .args(&args[1..])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", workspace.join("target/hostile-check"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "cargo {args:?} failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    cargo(&["clippy", "--all-targets", "--", "-D", "warnings"]);
    cargo(&["doc", "--no-deps"]);
    let _ = std::fs::remove_dir_all(&dir);
}
