//! `import` on small pages written for these tests in the layouts of the
//! vendor's reference: what it reads, and what it reports it could not.

use hwcloud_codegen::import::facts::facts;
use hwcloud_codegen::import::{import, FindingKind, Import, Page};

fn import_one(text: &str) -> Import {
    import(&[Page {
        name: "page.txt".into(),
        text: text.into(),
    }])
}

fn fact(imported: &Import, subject: &str, property: &str) -> Option<String> {
    let document = &imported.documents.first()?.document;
    facts(document)
        .get(&(subject.to_owned(), property.to_owned()))
        .cloned()
}

/// (line, kind, subject) of every finding, hints left out.
fn findings(imported: &Import) -> Vec<(usize, FindingKind, String)> {
    imported
        .report
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Hint)
        .map(|f| (f.line, f.kind, f.subject.clone().unwrap_or_default()))
        .collect()
}

/// An English page in the plain layout: captions, a nested object table, an
/// array of objects, prose constraints, examples and status codes.
const WIDGETS: &str = "\
Creating Widgets

Function

Creates widgets in a box.

URI

POST /v1/{project_id}/boxes/{box_id}/widgets

Table 1 Path Parameters

Parameter

Mandatory

Type

Description

project_id

Yes

String

Project the box is in.

box_id

Yes

Integer

Box number. The value ranges from 1 to 99.

Table 2 Query Parameters

Parameter

Mandatory

Type

Description

dry_run

No

Boolean

Only validate. Default value: false

Request Parameters

Table 3 Request body parameters

Parameter

Mandatory

Type

Description

label

Yes

String

Definition

Label of the widget.

Constraints

N/A

Range

Length: 2 to 40 characters

Default Value

N/A

color

No

String

Definition

Paint.

Constraints

N/A

Range

  • red: warm

  • blue: cold

Default Value

red

parts

No

Array of Part objects

Parts to fit.

Table 4 Part

Parameter

Mandatory

Type

Description

sku

Yes

String

Stock number. Only letters, digits and hyphens (-) are allowed.

Response Parameters

Status code: 201

Table 5 Response body parameters

Parameter

Type

Description

widget_id

Long

ID of the new widget.

Example Requests

POST https://{endpoint}/v1/{project_id}/boxes/3/widgets

{ \"label\": \"knob\", \"parts\": [ {\"sku\": \"K-1\"} ] }

Status Codes

Status Code

Description

201

Created.

400

Bad request.

SDK Sample Code

from huaweicloudsdkbox.v1 import *
credentials = BasicCredentials(ak, sk, projectId)
request = CreateWidgetsRequest()
request.body = CreateWidgetsRequestBody(
";

#[test]
fn reads_an_english_page_with_a_nested_table() {
    let imported = import_one(WIDGETS);
    assert_eq!(findings(&imported), vec![], "{}", imported.report);
    let op = "CreateWidgets";
    let expected = [
        (op, "method", "post"),
        (op, "path", "/v1/{project_id}/boxes/{box_id}/widgets"),
        ("CreateWidgets path box_id", "type", "\"integer\""),
        ("CreateWidgets path box_id", "format", "\"int32\""),
        ("CreateWidgets path box_id", "minimum", "1"),
        ("CreateWidgets path box_id", "maximum", "99"),
        ("CreateWidgets query dry_run", "required", "false"),
        ("CreateWidgets query dry_run", "default", "false"),
        ("CreateWidgets body.label", "required", "true"),
        ("CreateWidgets body.label", "minLength", "2"),
        ("CreateWidgets body.label", "maxLength", "40"),
        ("CreateWidgets body.color", "enum", "\"blue\",\"red\""),
        ("CreateWidgets body.color", "default", "\"red\""),
        ("CreateWidgets body.parts", "type", "\"array\""),
        ("CreateWidgets body.parts[].sku", "required", "true"),
        (
            "CreateWidgets body.parts[].sku",
            "pattern",
            "\"^[A-Za-z0-9-]+$\"",
        ),
        ("CreateWidgets 201 body.widget_id", "format", "\"int64\""),
        ("CreateWidgets 400", "status", "true"),
    ];
    for (subject, property, value) in expected {
        assert_eq!(
            fact(&imported, subject, property).as_deref(),
            Some(value),
            "{subject} {property}"
        );
    }
    let document = &imported.documents[0];
    assert_eq!(document.service, "BOX");
    let example = &document.document["paths"]["/v1/{project_id}/boxes/{box_id}/widgets"]["post"]
        ["requestBody"]["content"]["application/json"]["examples"]["page"]["value"];
    assert_eq!(example["label"], "knob");
    let project = &document.document["paths"]["/v1/{project_id}/boxes/{box_id}/widgets"]["post"]
        ["parameters"][0];
    assert_eq!(
        project["x-sdk-auto-filled"], true,
        "the samples give the project ID to the credentials"
    );
}

#[test]
fn the_imported_document_passes_the_linter() {
    let imported = import_one(WIDGETS);
    let text = serde_json::to_string(&imported.documents[0].document).unwrap();
    let loaded = hwcloud_codegen::load_str("imported.json", &text);
    assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    let service = loaded.service.expect("usable");
    assert_eq!(service.operations.len(), 1);
}

#[test]
fn a_missing_type_column_is_reported_for_every_row() {
    let page = "\
Deleting a Box
URI
DELETE /v1/boxes/{box_id}
Table 1 Path Parameters
Parameter
Mandatory
Description
box_id
Yes
Box to delete.
Status Codes
Status Code
Description
204
Deleted.
";
    let imported = import_one(page);
    let lost: Vec<_> = imported.report.of_kind(FindingKind::Lost).collect();
    assert_eq!(lost.len(), 1, "{}", imported.report);
    assert_eq!(lost[0].line, 8);
    assert_eq!(lost[0].subject.as_deref(), Some("DeletingABox path box_id"));
    assert_eq!(lost[0].fact, Some("type"));
    // The page names no operation in SDK samples: the title stands in, and says so.
    assert!(imported
        .report
        .findings
        .iter()
        .any(|f| f.message.contains("called DeletingABox")));
}

#[test]
fn reads_chinese_headings_with_english_cells_and_pipe_cells_over_several_lines() {
    let page = "\
查询盒子
URI
GET /v1/{project_id}/boxes
参数 |
是否必选 |
参数类型 |
描述 |
---|---|---|---|
project_id |
是 |
String |
参数解释: 项目ID 取值范围: 字符长度1-64位 |
参数 |
是否必选 |
参数类型 |
描述 |
---|---|---|---|
limit |
No |
Integer |
参数解释: 每页个数
取值范围: 最小值1,最大值500 默认取值: 默认为20 |
kind |
否 |
String |
参数解释: 盒子类型 取值范围:
|
状态码
状态码 |
描述 |
---|---|
200 |
成功 |
SDK代码示例
from huaweicloudsdkbox.v1 import *
request = ListBoxesRequest()
";
    let imported = import_one(page);
    assert_eq!(
        fact(&imported, "ListBoxes path project_id", "maxLength").as_deref(),
        Some("64")
    );
    assert_eq!(
        fact(&imported, "ListBoxes query limit", "minimum").as_deref(),
        Some("1")
    );
    assert_eq!(
        fact(&imported, "ListBoxes query limit", "maximum").as_deref(),
        Some("500")
    );
    assert_eq!(
        fact(&imported, "ListBoxes query limit", "default").as_deref(),
        Some("20")
    );
    assert_eq!(
        fact(&imported, "ListBoxes query limit", "required").as_deref(),
        Some("false")
    );
    assert_eq!(
        fact(&imported, "ListBoxes 200", "status").as_deref(),
        Some("true")
    );
    // An empty Range list is reported as missing values, at its line.
    let lost: Vec<_> = imported.report.of_kind(FindingKind::Lost).collect();
    assert_eq!(lost.len(), 1, "{}", imported.report);
    assert_eq!((lost[0].line, lost[0].fact), (26, Some("enum")));
    assert_eq!(lost[0].subject.as_deref(), Some("ListBoxes query kind"));
}

#[test]
fn an_unknown_column_heading_is_reported_and_the_rows_still_read() {
    let page = "\
Renaming a Box
URI
PUT /v1/boxes/{box_id}
Table 1 Path Parameters
Parameter
Mandatory
Type
Remarks
Description
box_id
Yes
String
internal
Box to rename.
Status Codes
Status Code
Description
200
Renamed.
SDK Sample Code
from huaweicloudsdkbox.v1 import *
request = RenameBoxRequest()
";
    let imported = import_one(page);
    let unreadable: Vec<_> = imported.report.of_kind(FindingKind::Unreadable).collect();
    assert_eq!(unreadable.len(), 1, "{}", imported.report);
    assert_eq!(unreadable[0].line, 8);
    assert!(unreadable[0].message.contains("\"Remarks\""));
    assert_eq!(
        fact(&imported, "RenameBox path box_id", "type").as_deref(),
        Some("\"string\"")
    );
}

#[test]
fn a_page_without_a_uri_is_not_imported_and_says_so() {
    let imported = import_one("Something\nFunction\nNothing to see.\n");
    assert!(imported.documents.is_empty());
    assert_eq!(imported.report.of_kind(FindingKind::Unreadable).count(), 1);
}

#[test]
fn text_that_fits_no_row_is_reported_not_dropped() {
    let page = "\
Listing Boxes
URI
GET /v1/boxes
Table 1 Query Parameters
Parameter
Mandatory
Type
Description
this line is not a row
limit
No
Integer
Page size.
Status Codes
Status Code
Description
200
Listed.
SDK Sample Code
from huaweicloudsdkbox.v1 import *
request = ListBoxesRequest()
";
    let imported = import_one(page);
    let found = findings(&imported);
    assert_eq!(
        found,
        vec![(9, FindingKind::Unreadable, String::new())],
        "{}",
        imported.report
    );
    assert_eq!(
        fact(&imported, "ListBoxes query limit", "type").as_deref(),
        Some("\"integer\"")
    );
}
