//! The docs front end on hand-written pages of each variant, and its errors with their lines.

use codegen::ir::{Method, TypeRef};
use codegen::parse::{read_all, read_page, PageForm};
use codegen::resolve::resolve;

/// A markdown page of the `uid:` variant: typed cells, a `### Response body: X` heading,
/// a request-body table, an enum query parameter.
const UID_PAGE: &str = r#"---
title: POST Agents/Widget/SaveWidget
uid: v1WidgetAgent_SaveWidget
---

# POST Agents/Widget/SaveWidget

```http
POST /api/v1/Agents/Widget/SaveWidget
```

Saves a widget.

## Query String Parameters

| Parameter Name | Type |  Description |
|----------------|------|--------------|
| $select | string |  Optional list of fields. |
| mode | Enum: Slim, Wide | How much to return **Required** |

## Request Headers

| Parameter Name | Description |
|----------------|-------------|
| SO-Language | Language code. |

## Request Body: request 

WidgetId, Label 

| Property Name | Type |  Description |
|----------------|------|--------------|
| WidgetId | Integer | The id |
| Label | String | The label |

## Response:

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: Widget

| Property Name | Type |  Description |
|----------------|------|--------------|
| WidgetId | int32 | Primary key |
| Created | date-time | When |

## Sample request

```http!
POST /api/v1/Agents/Widget/SaveWidget
Content-Type: application/json; charset=utf-8

{
  "WidgetId": 1,
  "Label": "x"
}
```

## Sample response

```http_
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8

{
  "WidgetId": 7,
  "Created": "2004-09-26T18:25:50.1305954+02:00"
}
```
"#;

/// The website text rendering: no frontmatter, `---|---|` tables, bare headings.
const RENDERED_PAGE: &str = "GET Widget/{id}
Some tooltip text!
\u{2022} 2 minutes to read
GET /api/v1/Widget/{widgetId}
Gets a widget.
Path Part | Type | Description |
---|---|---|
widgetId | int32 | The widget id Required |
Request Headers
Parameter Name | Description |
---|---|
SO-Language | Language code. |
Response:
OK
Response | Description |
---|---|
200 | OK |
Response body: Widget
Property Name | Type | Description |
---|---|---|
WidgetId | int32 | Primary key |
Owner | Associate | Who owns it |
Sample request
GET /api/v1/Widget/{widgetId}
Accept: application/json
Sample response
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8
{
\"WidgetId\": 3,
\"Owner\": null
}
";

fn page(text: &str) -> codegen::parse::Page {
    read_page("p.md", text.as_bytes())
        .expect("page parses")
        .expect("is an endpoint page")
}

fn error_of(text: &str) -> String {
    let errors = read_page("bad.md", text.as_bytes()).expect_err("page is malformed");
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn uid_variant_reads_every_section() {
    let p = page(UID_PAGE);
    assert_eq!(p.form, PageForm::Markdown);
    assert_eq!(p.id.as_deref(), Some("v1WidgetAgent_SaveWidget"));
    assert_eq!(p.method, Method::Post);
    assert_eq!(p.path, "/api/v1/Agents/Widget/SaveWidget");
    assert_eq!(p.span.line, 9);
    assert_eq!(p.summary, "Saves a widget.");
    let q: Vec<_> = p
        .query_params
        .iter()
        .map(|r| (&r.name[..], &r.ty[..], r.required))
        .collect();
    assert_eq!(
        q,
        [
            ("$select", "string", false),
            ("mode", "Enum: Slim, Wide", true)
        ]
    );
    assert_eq!(p.headers[0].name, "SO-Language");
    let body = p.request_body.as_ref().unwrap();
    assert_eq!(body.name, "request");
    assert_eq!(body.properties.len(), 2);
    assert_eq!(body.properties[0].ty, "Integer");
    let resp = p.response.as_ref().unwrap();
    assert_eq!(resp.body_name.as_deref(), Some("Widget"));
    assert_eq!(resp.statuses[0].code, 200);
    assert_eq!(resp.properties[1].name, "Created");
    assert_eq!(resp.properties[1].span.line, 49);
    assert!(p.sample_request.as_ref().unwrap().body.is_some());
    assert_eq!(
        p.sample_response.as_ref().unwrap().first_line,
        "HTTP/1.1 200 OK"
    );
}

#[test]
fn id_variant_with_blank_types_and_both_samples_under_one_heading() {
    let text = UID_PAGE
        .replace(
            "uid: v1WidgetAgent_SaveWidget",
            "id: v1WidgetAgent_SaveWidget",
        )
        .replace("| Created | date-time |", "| Created |  |")
        .replace("## Sample response\n", "");
    let p = page(&text);
    assert_eq!(p.id.as_deref(), Some("v1WidgetAgent_SaveWidget"));
    assert_eq!(p.response.as_ref().unwrap().properties[1].ty, "");
    assert!(
        p.sample_response.is_some(),
        "the http_ block is the response"
    );
}

#[test]
fn rendered_variant_reads_into_the_same_page() {
    let p = page(RENDERED_PAGE);
    assert_eq!(p.form, PageForm::Rendered);
    assert_eq!(p.id, None);
    assert_eq!(p.method, Method::Get);
    assert_eq!(p.path, "/api/v1/Widget/{widgetId}");
    assert_eq!(p.span.line, 4);
    assert_eq!(p.summary, "Gets a widget.");
    assert_eq!(p.path_parts[0].name, "widgetId");
    assert!(p.path_parts[0].required);
    assert_eq!(p.path_parts[0].span.line, 8);
    let resp = p.response.as_ref().unwrap();
    assert_eq!(resp.body_name.as_deref(), Some("Widget"));
    assert_eq!(resp.properties[1].ty, "Associate");
    assert_eq!(
        p.sample_response.as_ref().unwrap().body.as_ref().unwrap()["WidgetId"],
        3
    );
}

#[test]
fn crlf_and_bom_read_like_plain_text() {
    let text = format!("\u{feff}{}", UID_PAGE.replace('\n', "\r\n"));
    let p = page(&text);
    assert_eq!(p.span.line, 9);
    assert_eq!(p.response.unwrap().properties.len(), 2);
}

#[test]
fn response_kinds_and_bodies() {
    let array = UID_PAGE
        .replace("## Response:\n", "## Response:array\n")
        .replace("### Response body: Widget", "### Response body: array")
        .replace(
            "{\n  \"WidgetId\": 7,\n  \"Created\": \"2004-09-26T18:25:50.1305954+02:00\"\n}\n```\n",
            "[\n  {\n    \"WidgetId\": 7,\n    \"Created\": \"2004-09-26T18:25:50+02:00\"\n  }\n]\n```\n",
        );
    let api = resolve(vec![page(&array)]).api;
    let e = &api.endpoints[0];
    let item = match e.response.as_ref().unwrap() {
        TypeRef::Array(inner) => inner.model_name().unwrap().to_string(),
        other => panic!("expected an array, got {other}"),
    };
    assert_eq!(
        api.models[&item].properties[1].ty,
        TypeRef::DateTime,
        "typed from the table"
    );

    let primitive = UID_PAGE
        .replace("## Response:\n", "## Response:bool\n")
        .replace("### Response body: Widget", "### Response body: bool");
    let api = resolve(vec![page(&primitive)]).api;
    assert_eq!(api.endpoints[0].response, Some(TypeRef::Bool));

    let no_content = UID_PAGE
        .replace("| 200 | OK |", "| 204 | No Content |")
        .replace("### Response body: Widget", "### Response body: TableRight");
    let api = resolve(vec![page(&no_content)]).api;
    assert_eq!(api.endpoints[0].response, None);
}

#[test]
fn request_body_table_becomes_a_named_request_model() {
    let api = resolve(vec![page(UID_PAGE)]).api;
    let e = &api.endpoints[0];
    assert_eq!(
        e.request_body.as_ref().unwrap().ty,
        TypeRef::Named("SaveWidgetRequest".into())
    );
    let m = &api.models["SaveWidgetRequest"];
    assert_eq!(m.properties[0].ty, TypeRef::Int32);
    assert_eq!(e.response, Some(TypeRef::Named("Widget".into())));
    assert_eq!(
        e.query_params[1].ty,
        TypeRef::Enum(vec!["Slim".into(), "Wide".into()])
    );
}

#[test]
fn non_endpoint_pages_are_skipped_silently() {
    let index = "---\ntitle: Widget\n---\n\n```http\n/api/v1/Widget\n```\n\n* [GET Widget](x.md)\n";
    assert_eq!(read_page("index.md", index.as_bytes()).unwrap(), None);
    assert_eq!(
        read_page("toc.md", b"items:\n- name: Overview\n").unwrap(),
        None
    );
}

#[test]
fn missing_request_line_is_an_error_at_the_top() {
    let text = UID_PAGE.replace(
        "POST /api/v1/Agents/Widget/SaveWidget\n```\n\nSaves",
        "```\n\nSaves",
    );
    let text = text.replacen("```http\n```", "", 1);
    assert_eq!(
        error_of(&text),
        "bad.md:6: no request line: expected a line like `GET /api/v1/...` (method GET, POST, PUT, PATCH or DELETE) at the top of the page"
    );
}

#[test]
fn unknown_method_is_an_error_at_its_line() {
    let text = UID_PAGE.replacen(
        "POST /api/v1/Agents/Widget/SaveWidget\n```",
        "FETCH /api/v1/Agents/Widget/SaveWidget\n```",
        1,
    );
    assert_eq!(
        error_of(&text),
        "bad.md:9: unknown HTTP method `FETCH` in the request line; expected GET, POST, PUT, PATCH or DELETE"
    );
}

#[test]
fn wrong_column_count_is_an_error_at_the_row() {
    let text = UID_PAGE.replace(
        "| WidgetId | int32 | Primary key |",
        "| WidgetId | int32 | Primary key | extra |",
    );
    assert_eq!(
        error_of(&text),
        "bad.md:48: table row has 4 cell(s), expected 3 to match the header `Property Name | Type | Description`"
    );
}

#[test]
fn truncated_json_sample_is_an_error() {
    let text = UID_PAGE.replace(
        "  \"Created\": \"2004-09-26T18:25:50.1305954+02:00\"\n}\n```\n",
        "  \"Created\": \"2004-09-26T18:25\n```\n",
    );
    let err = error_of(&text);
    assert!(
        err.starts_with("bad.md:71: truncated JSON sample") && err.contains("JSON sample"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_line() {
    let mut bytes = UID_PAGE.as_bytes().to_vec();
    bytes.splice(0..0, b"x\n\xff\n".iter().copied());
    let errors = read_page("bad.md", &bytes).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "bad.md:2: invalid UTF-8: expected the page to be UTF-8 text"
    );
}

#[test]
fn every_bad_page_is_reported_at_once() {
    let bad1 = UID_PAGE.replacen("POST /api", "FETCH /api", 1);
    let bad2 = UID_PAGE.replace("| WidgetId | int32 | Primary key |", "| WidgetId |");
    let good = UID_PAGE.to_string();
    let contents = vec![
        ("a.md".to_string(), bad1.into_bytes()),
        ("b.md".to_string(), good.into_bytes()),
        ("c.md".to_string(), bad2.into_bytes()),
    ];
    let err = read_all(&contents).unwrap_err();
    let lines: Vec<String> = err.0.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("a.md:9: unknown HTTP method"));
    assert!(lines[1].starts_with("c.md:48: table row has 1 cell(s)"));
}
