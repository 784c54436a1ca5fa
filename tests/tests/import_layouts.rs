//! `import` on one small page per layout and phrasing of the survey in
//! `docs/import-layouts.md` (L* are its layouts, P* its phrasings). The
//! pages are written for these tests: the structure of the vendor's
//! exports, none of its text.

use hwcloud_codegen::import::facts::facts;
use hwcloud_codegen::import::merge::merge;
use hwcloud_codegen::import::{import, FindingKind, Import, Page};

fn import_one(text: &str) -> Import {
    import(&[Page {
        name: "page.txt".into(),
        text: text.into(),
    }])
}

/// Asserts every `(subject, property, value)` fact, and that nothing on the
/// page was reported unreadable or lost.
fn expect(page: &str, expected: &[(&str, &str, &str)]) -> Import {
    let imported = import_one(page);
    let problems: Vec<String> = imported
        .report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Unreadable | FindingKind::Lost))
        .map(|f| f.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let document = &imported
        .documents
        .first()
        .unwrap_or_else(|| panic!("nothing imported: {}", imported.report))
        .document;
    assert_facts(document, expected);
    imported
}

/// Asserts every `(subject, property, value)` fact of `document`.
fn assert_facts(document: &serde_json::Value, expected: &[(&str, &str, &str)]) {
    let all = facts(document);
    for (subject, property, value) in expected {
        let got = all.get(&(subject.to_string(), property.to_string()));
        assert_eq!(
            got.map(String::as_str),
            Some(*value),
            "{subject} {property}"
        );
    }
}

/// L4 in Chinese: cells padded and ending in `|`, every row opened by a
/// line holding only `|`, a separator with a leading pipe.
#[test]
fn padded_pipe_rows_opened_by_a_lone_pipe() {
    let page = "\
查询灯具列表
URI
GET /v2/{project_id}/lamps
|
参数      |
是否必选  |
参数类型  |
描述      |
|---|---|---|---|
|
project_id |
是 |
String |
参数解释: 项目ID 取值范围: 字符长度1-64位 |
|
limit |
否 |
Integer |
参数解释: 每页条数 取值范围: 最小值1,最大值200 默认取值: 默认为50 |
|
brand |
否 |
String |
参数解释: 品牌 取值范围: 长度为1~32个字符 |
状态码
|
状态码 |
描述 |
|---|---|
|
200 |
成功 |
SDK代码示例
from huaweicloudsdklamp.v2 import *
request = ListLampsRequest()
";
    expect(
        page,
        &[
            ("ListLamps path project_id", "maxLength", "64"),
            ("ListLamps query limit", "required", "false"),
            ("ListLamps query limit", "minimum", "1"),
            ("ListLamps query limit", "maximum", "200"),
            ("ListLamps query limit", "default", "50"),
            ("ListLamps query brand", "minLength", "1"),
            ("ListLamps query brand", "maxLength", "32"),
            ("ListLamps 200", "status", "true"),
        ],
    );
}

/// L4 with a plain `---|` separator: the lone `|` lines still open rows.
#[test]
fn lone_pipes_open_rows_under_a_plain_separator() {
    let page = "\
查询灯具
URI
GET /v2/{project_id}/lamps/{lamp_id}
参数 |
是否必选 |
参数类型 |
描述 |
---|---|---|---|
|
project_id |
是 |
String |
项目ID |
|
lamp_id |
是 |
String |
灯具ID,字符长度1-36位 |
状态码
状态码 |
描述 |
---|---|
200 |
成功 |
SDK代码示例
from huaweicloudsdklamp.v2 import *
request = ShowLampRequest()
";
    expect(
        page,
        &[
            ("ShowLamp path lamp_id", "required", "true"),
            ("ShowLamp path lamp_id", "minLength", "1"),
            ("ShowLamp path lamp_id", "maxLength", "36"),
            ("ShowLamp 200", "status", "true"),
        ],
    );
}

/// L3: each row on one line between pipes, `<br>` for a break in a cell.
#[test]
fn one_line_markdown_rows() {
    let page = "\
Listing Lamps
URI
GET /v2/{project_id}/lamps
Table 1 Path Parameters
| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| project_id | Yes | String | Project ID.<br>Length: 1 to 64 characters |
Table 2 Query Parameters
| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| offset | No | Integer | Where the page starts. The value range is 0 to 1,000. |
| state | No | String | Lamp state. The value can be on or off. |
Status Codes
| Status Code | Description |
|---|---|
| 200 | OK |
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = ListLampsRequest()
";
    expect(
        page,
        &[
            ("ListLamps path project_id", "maxLength", "64"),
            ("ListLamps query offset", "minimum", "0"),
            ("ListLamps query offset", "maximum", "1000"),
            ("ListLamps query state", "enum", "\"off\",\"on\""),
            ("ListLamps 200", "status", "true"),
        ],
    );
}

/// L5: one-line rows without the leading pipe; L2b: a leading-pipe
/// separator under per-line cells, with a second table after it.
#[test]
fn one_line_rows_without_a_leading_pipe_and_leading_pipe_separators() {
    let rows = "\
Deleting a Lamp
URI
DELETE /v2/{project_id}/lamps/{lamp_id}
Parameter | Mandatory | Type | Description |
---|---|---|---|
project_id | Yes | String | Project ID. |
lamp_id | Yes | String | Lamp ID. Enter 1 to 36 characters. |
Status Codes
Status Code | Description |
---|---|
204 | Deleted |
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = DeleteLampRequest()
";
    expect(
        rows,
        &[
            ("DeleteLamp path lamp_id", "required", "true"),
            ("DeleteLamp path lamp_id", "minLength", "1"),
            ("DeleteLamp path lamp_id", "maxLength", "36"),
            ("DeleteLamp 204", "status", "true"),
        ],
    );
    let cells = "\
Showing a Lamp
URI
GET /v2/{project_id}/lamps/{lamp_id}
Parameter |
Mandatory |
Type |
Description |
|---|---|---|---|
project_id |
Yes |
String |
Project ID. |
lamp_id |
Yes |
String |
Lamp ID. |
Parameter |
Mandatory |
Type |
Description |
|---|---|---|---|
verbose |
No |
Boolean |
Whether to show everything. Default: false |
Status Codes
Status Code |
Description |
|---|---|
200 |
OK |
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = ShowLampRequest()
";
    expect(
        cells,
        &[
            ("ShowLamp path lamp_id", "required", "true"),
            ("ShowLamp query verbose", "type", "\"boolean\""),
            ("ShowLamp query verbose", "default", "false"),
            ("ShowLamp 200", "status", "true"),
        ],
    );
}

/// The older international layout (plain cells): bounds one a line at the
/// end of a cell, `Default:`, and `Enumeration values:` with a value a line.
#[test]
fn bound_lines_defaults_and_enumeration_blocks() {
    let page = "\
Creating a Lamp
URI
POST /v2/{project_id}/lamps
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Minimum: 1
Maximum: 64
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
name
Yes
String
Lamp name.
Minimum: 1
Maximum: 128
watts
No
Integer
Power in watts.
Minimum: 1
Maximum: 2000
Default: 60
color
No
String
Light color.
Enumeration values:
warm
cold
Response Parameters
Status code: 201
Table 3 Response body parameters
Parameter
Type
Description
id
String
Lamp ID.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateLampRequest()
";
    expect(
        page,
        &[
            ("CreateLamp path project_id", "maxLength", "64"),
            ("CreateLamp body.name", "required", "true"),
            ("CreateLamp body.name", "minLength", "1"),
            ("CreateLamp body.name", "maxLength", "128"),
            ("CreateLamp body.watts", "minimum", "1"),
            ("CreateLamp body.watts", "maximum", "2000"),
            ("CreateLamp body.watts", "default", "60"),
            ("CreateLamp body.color", "enum", "\"cold\",\"warm\""),
            ("CreateLamp 201 body.id", "type", "\"string\""),
        ],
    );
}

/// L9: the request and response "messages" of older pages, a body table
/// captioned "Request parameters", and a response body before any status
/// line (read as 200's).
#[test]
fn legacy_request_and_response_messages() {
    let page = "\
Renaming a Lamp
URI
PUT /v1/{project_id}/lamps/{lamp_id}
Table 1 Parameter description
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
lamp_id
Yes
String
Lamp ID.
Request Message
Table 2 Request parameters
Parameter
Mandatory
Type
Description
name
Yes
String
New name. It cannot exceed 64 characters.
Response Message
Table 3 Response parameters
Parameter
Type
Description
name
String
The name now.
Status Code
Status Code
Description
200
OK
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = RenameLampRequest()
";
    let imported = expect(
        page,
        &[
            ("RenameLamp path lamp_id", "required", "true"),
            ("RenameLamp body.name", "required", "true"),
            ("RenameLamp body.name", "maxLength", "64"),
            ("RenameLamp 200 body.name", "type", "\"string\""),
        ],
    );
    assert!(imported
        .report
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Hint && f.message.contains("status 200")));
}

/// A page exported in both layouts: the path table in pipe cells, the body
/// table plain.
#[test]
fn a_page_mixing_pipe_and_plain_tables() {
    let page = "\
Dimming a Lamp
URI
POST /v1/{project_id}/lamps/{lamp_id}/dim
Parameter |
Mandatory |
Type |
Description |
---|---|---|---|
project_id |
Yes |
String |
Project ID. |
lamp_id |
Yes |
String |
Lamp ID. |
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
level
Yes
Integer
Brightness. The value ranges from 0 to 100.
Status Codes
Status Code
Description
204
Dimmed
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = DimLampRequest()
";
    expect(
        page,
        &[
            ("DimLamp path lamp_id", "required", "true"),
            ("DimLamp body.level", "minimum", "0"),
            ("DimLamp body.level", "maximum", "100"),
            ("DimLamp 204", "status", "true"),
        ],
    );
}

/// A child table captioned after the field it describes, in both
/// languages, and type cells that name no item type.
#[test]
fn child_tables_named_after_their_field_and_loose_type_words() {
    let english = "\
Creating a Shelf
URI
POST /v1/{project_id}/shelves
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
label
Yes
String
Shelf label.
slots
No
Array of objects
The shelf's slots.
extras
No
Object
Anything else.
Table 3 slots field description
Parameter
Mandatory
Type
Description
width
Yes
Integer
Width in cm. The value ranges from 1 to 90.
Table 4 Description of the extras field
Parameter
Mandatory
Type
Description
note
No
String
A note. Max 32 characters.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateShelfRequest()
";
    expect(
        english,
        &[
            ("CreateShelf body.slots", "type", "\"array\""),
            ("CreateShelf body.slots[].width", "required", "true"),
            ("CreateShelf body.slots[].width", "minimum", "1"),
            ("CreateShelf body.slots[].width", "maximum", "90"),
            ("CreateShelf body.extras.note", "maxLength", "32"),
        ],
    );
    let chinese = "\
查询货架
URI
GET /v1/{project_id}/shelves/{shelf_id}
参数
是否必选
参数类型
描述
project_id
是
String
项目ID
shelf_id
是
String
货架ID
响应参数
状态码: 200
表2 响应Body参数
参数
参数类型
描述
owner
Object
货主
tags
List<String>
标签
表3 owner字段说明
参数
参数类型
描述
name
String
名称,最大支持64个字符
状态码
状态码
描述
200
成功
SDK代码示例
from huaweicloudsdklamp.v2 import *
request = ShowShelfRequest()
";
    expect(
        chinese,
        &[
            ("ShowShelf 200 body.owner.name", "maxLength", "64"),
            ("ShowShelf 200 body.tags", "type", "\"array\""),
            ("ShowShelf 200 body.tags[]", "type", "\"string\""),
        ],
    );
}

/// Older URI blocks (`URI format` over a line with the host, and the
/// `PATH:` / `Method:` pair), headings with a `¶`, and a caption glued to
/// the first heading cell (L6).
#[test]
fn older_uri_blocks_pilcrows_and_glued_captions() {
    let with_host = "\
Querying Racks
URI¶
URI format
GET https://{Endpoint}/v1/{project_id}/racks
Table 1 Query parameters Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
limit
No
Integer
Page size. The value ranges from 1 to 50.
Status Codes¶
Status Code
Description
200
OK
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = ListRacksRequest()
";
    expect(
        with_host,
        &[
            ("ListRacks", "method", "get"),
            ("ListRacks", "path", "/v1/{project_id}/racks"),
            ("ListRacks query limit", "minimum", "1"),
            ("ListRacks query limit", "maximum", "50"),
        ],
    );
    let halves = "\
Deleting a Rack
URI
PATH: /v1/{project_id}/racks/{rack_id}
Method: DELETE
Table 1 Path parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
rack_id
Yes
String
Rack ID.
Status Codes
Status Code
Description
204
Deleted
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = DeleteRackRequest()
";
    expect(
        halves,
        &[
            ("DeleteRack", "method", "delete"),
            ("DeleteRack", "path", "/v1/{project_id}/racks/{rack_id}"),
            ("DeleteRack path rack_id", "required", "true"),
        ],
    );
}

/// Shapes the held-out evaluation found: the Chinese legacy body table
/// (`参数说明` caption, a `必选` column), a URI given only by the example
/// request, `<Type> structure` captions, `Dict<Type>` and a caption glued to
/// its first heading that names the field.
#[test]
fn legacy_chinese_bodies_example_uris_and_structure_captions() {
    let chinese = "\
创建机柜
URI
参数说明见表1
请求消息
请求参数
参数说明见表2
表2 参数说明
参数
类型
必选
说明
name
String
是
机柜名称,长度为1~32个字符
rack
Dict<RackSpec>
否
规格
表3 RackSpec structure
参数
类型
必选
说明
units
Integer
是
高度,取值1-48
请求样例
POST https://{Endpoint}/v1/{project_id}/racks
{\"name\": \"r1\"}
状态码
状态码
描述
201
创建成功
SDK代码示例
from huaweicloudsdklamp.v2 import *
request = CreateRackRequest()
";
    let imported = expect(
        chinese,
        &[
            ("CreateRack", "method", "post"),
            ("CreateRack", "path", "/v1/{project_id}/racks"),
            ("CreateRack body.name", "required", "true"),
            ("CreateRack body.name", "minLength", "1"),
            ("CreateRack body.name", "maxLength", "32"),
            ("CreateRack body.rack.units", "required", "true"),
            ("CreateRack body.rack.units", "maximum", "48"),
        ],
    );
    assert!(imported
        .report
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Hint && f.message.contains("example request")));
    let glued = "\
Creating a Subnet Set
URI
POST /v1/{project_id}/subnet-sets
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
subnets
Yes
Array of objects
The subnets.
Table 3 subnets objects Name
Mandatory
Type
Description
cidr
Yes
String
Address block, 9-18 characters.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateSubnetSetRequest()
";
    expect(
        glued,
        &[
            ("CreateSubnetSet body.subnets", "required", "true"),
            ("CreateSubnetSet body.subnets[].cidr", "required", "true"),
            ("CreateSubnetSet body.subnets[].cidr", "minLength", "9"),
            ("CreateSubnetSet body.subnets[].cidr", "maxLength", "18"),
        ],
    );
}

/// Older pages: tables captioned by a bullet (`• Request parameters`,
/// `• Parameters in the <field> field`), a body captioned by its type
/// (`<Type> structure`), and a field whose type is named (`meta object`)
/// described by `Data structure of the <field> field`.
#[test]
fn bullet_captions_type_captioned_bodies_and_named_field_types() {
    let bullets = "\
Creating Crates
URI
• URI format
POST /v2/{project_id}/crates
• Parameter description
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request
• Request parameters
Parameter
Type
Mandatory
Description
crate
Object
Yes
The crate to create.
• Parameters in the crate field
Parameter
Type
Mandatory
Description
size
Integer
Yes
Size in litres. The value ranges from 1 to 500.
Status Codes
Status Code
Description
202
Accepted
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateCratesRequest()
";
    expect(
        bullets,
        &[
            ("CreateCrates path project_id", "required", "true"),
            ("CreateCrates body.crate", "required", "true"),
            ("CreateCrates body.crate.size", "required", "true"),
            ("CreateCrates body.crate.size", "maximum", "500"),
        ],
    );
    let typed = "\
Creating a Bin Pool
URI
POST /v3/{project_id}/binpools
Table 1 Path parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request
Table 2 BinPool structure
Parameter
Mandatory
Type
Description
kind
Yes
String
Kind of object. The value is fixed at BinPool.
meta
Yes
meta object
Metadata.
Table 3 Data structure of the meta field
Parameter
Mandatory
Type
Description
name
Yes
String
Pool name. Enter 1 to 50 characters.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateBinPoolRequest()
";
    expect(
        typed,
        &[
            ("CreateBinPool body.kind", "enum", "\"BinPool\""),
            ("CreateBinPool body.meta.name", "required", "true"),
            ("CreateBinPool body.meta.name", "maxLength", "50"),
        ],
    );
}

/// Headings written as bullets (`- Example request`), the URI taken from
/// the example, and a URI-table parameter the path then names is a path
/// parameter.
#[test]
fn bullet_headings_and_a_uri_from_the_example() {
    let page = "\
Creating a Channel
URI
- Parameter description
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request
- Parameter description
Parameter
Mandatory
Type
Description
name
Yes
String
Channel name. Enter 1 to 64 characters.
- Example request
POST https://{Endpoint}/v2/{project_id}/channels
{ \"name\": \"c1\" }
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateChannelRequest()
";
    expect(
        page,
        &[
            ("CreateChannel", "path", "/v2/{project_id}/channels"),
            ("CreateChannel path project_id", "required", "true"),
            ("CreateChannel body.name", "maxLength", "64"),
        ],
    );
}

/// A URI table with a location column (`Name | Type | IN | Mandatory |
/// Description`), and the plural `Requests` heading.
#[test]
fn a_location_column_says_where_each_parameter_goes() {
    let page = "\
Creating a Vault
API Description
Creates a vault.
URI
• URI format
POST https://{Endpoint}/v3/{project_id}/vaults
Table 1 Request parameters
Name
Type
IN
Mandatory
Description
X-Auth-Token
string
header
Yes
User token.
project_id
string
path
Yes
Project ID.
dry_run
boolean
query
No
Only check the request.
Requests
• Parameter description
Table 2 Parameter description
Name
Type
Mandatory
Description
name
string
Yes
Vault name, less than or equal to 64 characters.
Status Codes
Status Code
Description
202
Accepted
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateVaultRequest()
";
    expect(
        page,
        &[
            ("CreateVault path project_id", "required", "true"),
            ("CreateVault header x-auth-token", "required", "true"),
            ("CreateVault query dry_run", "type", "\"boolean\""),
            ("CreateVault body.name", "maxLength", "64"),
        ],
    );
}

/// The method and path as the two cells of a `Request Method | URI` table,
/// and a URI line that comes before any heading.
#[test]
fn a_method_and_uri_table_and_a_uri_before_any_heading() {
    let table = "\
Creating a Gate
URI
Table 1 HTTP/HTTPS request method and URI
Request Method
URI
POST
/v1/{project_id}/gates
Table 2 Parameter description
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = CreateGateRequest()
";
    expect(
        table,
        &[
            ("CreateGate", "method", "post"),
            ("CreateGate", "path", "/v1/{project_id}/gates"),
            ("CreateGate path project_id", "required", "true"),
        ],
    );
    let early = "\
Listing Gates
GET /v1/{project_id}/gates
Table 1 Path parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Status Codes
Status Code
Description
200
OK
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = ListGatesRequest()
";
    let imported = import_one(early);
    let document = &imported.documents[0].document;
    assert!(
        document["paths"]["/v1/{project_id}/gates"]["get"].is_object(),
        "{}",
        imported.report
    );
    assert!(imported
        .report
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Hint && f.message.contains("outside a URI section")));
}

/// An export that lost every heading: the URI line, the path's table, then
/// the body's (read so, with hints).
#[test]
fn a_page_without_headings_after_its_uri_line() {
    let page = "\
POST /v1/{project_id}/bells
Parameter |
Mandatory |
Type |
Description |
---|---|---|---|
project_id |
Yes |
String |
Project ID. |
Parameter |
Mandatory |
Type |
Description |
---|---|---|---|
tone |
Yes |
String |
Bell tone, which cannot exceed 16 characters. |
volume |
No |
Integer |
Loudness. The value ranges from 0 to 10 and is 5 by default. |
";
    let imported = import_one(page);
    let document = &imported.documents[0].document;
    let all = facts(document);
    let fact = |s: &str, p: &str| all.get(&(s.to_owned(), p.to_owned())).cloned();
    let op = "Imported";
    assert_eq!(
        fact(&format!("{op} path project_id"), "required").as_deref(),
        Some("true"),
        "{}",
        imported.report
    );
    assert_eq!(
        fact(&format!("{op} body.tone"), "maxLength").as_deref(),
        Some("16")
    );
    assert_eq!(
        fact(&format!("{op} body.volume"), "maximum").as_deref(),
        Some("10")
    );
    assert!(imported
        .report
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Hint && f.message.contains("read as the request body")));
}

/// A child table captioned by a type whose name ends in `Body` describes
/// that type; it does not replace the request body.
#[test]
fn a_type_named_body_is_not_the_body() {
    let page = "\
Tagging a Lamp
URI
POST /v1/{project_id}/lamps/{lamp_id}/tags
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
lamp_id
Yes
String
Lamp ID.
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
tags
Yes
Array of tagsBody objects
The tags.
Table 3 tagsBody
Parameter
Mandatory
Type
Description
key
Yes
String
Tag key.
Minimum: 1 Maximum: 36
Status Codes
Status Code
Description
204
Tagged
SDK Sample Code
from huaweicloudsdklamp.v2 import *
request = TagLampRequest()
";
    expect(
        page,
        &[
            ("TagLamp body.tags", "required", "true"),
            ("TagLamp body.tags[].key", "required", "true"),
            ("TagLamp body.tags[].key", "minLength", "1"),
            ("TagLamp body.tags[].key", "maxLength", "36"),
        ],
    );
}

/// Tables with no Type column: a path, query or header value is text on
/// the wire, so the row is kept (as an integer when its description gives a
/// number range), and the missing type is still reported for each row. A
/// body field with no type is left out: it could be any JSON value.
#[test]
fn parameter_tables_without_a_type_column() {
    let page = "\
Listing Lamps
URI
GET /v2/{project_id}/lamps
Table 1 Path parameters
Parameter
Mandatory
Description
project_id
Yes
Project ID.
Table 2 Query parameters
Parameter
Mandatory
Description
limit
No
Lamps per page. The value ranges from 1 to 100.
brand
No
Brand. Enter 1 to 32 characters.
Request Parameters
Table 3 Request header parameters
Parameter
Mandatory
Description
X-Auth-Token
Yes
User token.
Status Codes
Status Code
Description
200
OK
";
    let imported = import_one(page);
    assert_facts(
        &imported.documents[0].document,
        &[
            ("ListingLamps path project_id", "type", "\"string\""),
            ("ListingLamps query limit", "type", "\"integer\""),
            ("ListingLamps query limit", "minimum", "1"),
            ("ListingLamps query limit", "maximum", "100"),
            ("ListingLamps query brand", "type", "\"string\""),
            ("ListingLamps query brand", "maxLength", "32"),
            ("ListingLamps header x-auth-token", "required", "true"),
        ],
    );
    let missing_types: Vec<String> = imported
        .report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Lost)
        .map(|f| f.to_string())
        .collect();
    assert_eq!(missing_types.len(), 4, "{missing_types:#?}");
    assert!(
        missing_types
            .iter()
            .all(|m| m.contains("\"Type\" cell is missing: kept as")),
        "{missing_types:#?}"
    );
}

/// P79: a description points at the table that describes its object
/// (`For details, see Table <n>.`, `详见表<n>`), whatever that table's
/// caption says.
#[test]
fn a_see_table_pointer_links_the_child_table() {
    let page = "\
Creating a Lamp
URI
POST /v1/{project_id}/lamps
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
bulb
Yes
Object
The bulb to fit. For details, see Table 4.
sockets
No
Array of objects
Sockets of the lamp. For details, see Table 3.
Table 3 Socket details
Parameter
Mandatory
Type
Description
kind
Yes
String
Socket kind. Enter 1 to 16 characters.
Table 4 Bulb details
Parameter
Mandatory
Type
Description
watts
Yes
Integer
Power. The value ranges from 1 to 200.
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    expect(
        page,
        &[
            ("CreateLamp body.bulb.watts", "required", "true"),
            ("CreateLamp body.bulb.watts", "maximum", "200"),
            ("CreateLamp body.sockets[].kind", "required", "true"),
            ("CreateLamp body.sockets[].kind", "maxLength", "16"),
        ],
    );
}

/// L3/L5 rows whose last cell runs over lines: a note under a description,
/// or an empty last cell closed by a lone `|` on the next line. The row
/// ends where its cells are complete and the table goes on.
#[test]
fn one_line_rows_whose_last_cell_runs_over_lines() {
    let page = "\
Creating a Lamp
URI
POST /v1/{project_id}/lamps
| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| project_id | Yes | String | Project ID. |
Request Parameters
参数 | 是否必选 | 参数类型 | 描述 |
---|---|---|---|
port | Yes | Integer | Port of the lamp. The value ranges from 1 to 65535.
NOTE:
Port 4789 is reserved. |
colour | No | String |
|
label | No | String | Label. Enter 1 to 16 characters. |
Status Codes
Status Code | Description |
---|---|
201 | Created |
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    expect(
        page,
        &[
            ("CreateLamp body.port", "required", "true"),
            ("CreateLamp body.port", "maximum", "65535"),
            ("CreateLamp body.colour", "required", "false"),
            ("CreateLamp body.label", "maxLength", "16"),
        ],
    );
}

/// Older URI lines: in a bullet, with a query string after the path. The
/// query's parameters are query parameters, even in one table with the
/// path's; a template name no table lists is still a path parameter. A
/// header table under a bare request heading may hold a plain word.
#[test]
fn bullet_uri_lines_query_strings_and_unlisted_path_names() {
    let page = "\
查询灯具
URI
• GET /v2/{project_id}/lamps/{lamp_id}?brand={brand}&limit={limit}
表1 参数说明
名称
是否必选
参数类型
说明
lamp_id
是
String
灯具ID。
brand
否
String
品牌。
limit
否
Integer
每页条数,取值范围:1~100。
请求参数
|
参数 |
是否必选 |
参数类型 |
描述 |
|---|---|---|---|
|
X-Auth-Token |
是 |
String |
用户Token。 |
|
region |
否 |
String |
区域。 |
响应参数
状态码: 200
SDK代码示例
from huaweicloudsdklamp.v2 import *
request = ShowLampRequest()
";
    let imported = import_one(page);
    let document = &imported.documents[0].document;
    assert!(
        document["paths"]["/v2/{project_id}/lamps/{lamp_id}"].is_object(),
        "{:#}",
        document["paths"]
    );
    assert_facts(
        document,
        &[
            ("ShowLamp path project_id", "required", "true"),
            ("ShowLamp path lamp_id", "required", "true"),
            ("ShowLamp query brand", "required", "false"),
            ("ShowLamp query limit", "maximum", "100"),
            ("ShowLamp header x-auth-token", "required", "true"),
            ("ShowLamp header region", "required", "false"),
        ],
    );
    let hint = imported.report.findings.iter().find(|f| {
        f.to_string()
            .contains("no table lists path parameter project_id")
    });
    assert!(hint.is_some(), "{}", imported.report);
}

/// A pipe-layout `请求方法 | URI` table gives the operation.
#[test]
fn a_pipe_method_and_uri_table() {
    let page = "\
创建灯具
URI
请求方法 |
URI |
---|---|
POST |
/v1/{project_id}/lamps |
名称 |
是否必选 |
类型 |
说明 |
---|---|---|---|
project_id |
是 |
String |
项目ID。 |
请求消息
参数 |
是否必选 |
类型 |
说明 |
---|---|---|---|
name |
是 |
String |
名称,3 ~ 32字符。 |
状态码
状态码 |
描述 |
---|---|
201 |
创建成功 |
SDK代码示例
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    expect(
        page,
        &[
            ("CreateLamp path project_id", "required", "true"),
            ("CreateLamp body.name", "minLength", "3"),
            ("CreateLamp body.name", "maxLength", "32"),
        ],
    );
}

/// Older tables with a `Sub-Parameter` column: `N/A` rows are fields of
/// their own; a row that fills the sub-parameter is reported and left out
/// (when its Name cell is empty, the export does not say whose field it is).
#[test]
fn sub_parameter_columns() {
    let page = "\
Creating a Lamp
URI
POST /v1/{project_id}/lamps
Request
Table 2 Parameters in the request
Parameter
Sub-Parameter
Mandatory
Type
Description
name
N/A
Yes
String
Lamp name. The value contains 3 to 30 characters.
timer
enabled
No
Boolean
Whether the timer is on.
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    let imported = import_one(page);
    assert_facts(
        &imported.documents[0].document,
        &[
            ("CreateLamp body.name", "required", "true"),
            ("CreateLamp body.name", "maxLength", "30"),
        ],
    );
    let all = facts(&imported.documents[0].document);
    assert!(
        !all.keys()
            .any(|(subject, _)| subject.contains("timer") || subject.contains("enabled")),
        "{all:#?}"
    );
    assert!(
        imported
            .report
            .findings
            .iter()
            .any(|f| f.to_string().contains("timer.enabled is left out")),
        "{}",
        imported.report
    );
}

/// A sentence about a table (`Table 2 describes …`) is not its caption,
/// and an uncaptioned table after a bare `Object` field that points at a
/// table (`see Table 3`) describes that field.
#[test]
fn an_uncaptioned_table_after_a_pointing_object_field() {
    let page = "\
Updating a Lamp
URI
PUT /v1/{project_id}/lamps/{lamp_id}
Parameter | Mandatory | Type | Description |
---|---|---|---|
project_id | Yes | String | Project ID. |
lamp_id | Yes | String | Lamp ID. |
Request
Table 2 describes the request parameters.
Parameter | Mandatory | Type | Description |
---|---|---|---|
lamp | Yes | Object | The lamp. For details, see Table 3. |
Parameter | Mandatory | Type | Description |
---|---|---|---|
label | No | String | Label, 1 to 40 characters. |
Status Codes
Status Code | Description |
---|---|
200 | OK |
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = UpdateLampRequest()
";
    expect(
        page,
        &[
            ("UpdateLamp body.lamp", "required", "true"),
            ("UpdateLamp body.lamp.label", "required", "false"),
            ("UpdateLamp body.lamp.label", "maxLength", "40"),
        ],
    );
}

/// A value list on a list of scalars limits its items.
#[test]
fn a_value_list_on_a_list_of_strings_limits_its_items() {
    let page = "\
Listing Lamps
URI
GET /v1/{project_id}/lamps
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Table 2 Query Parameters
Parameter
Mandatory
Type
Description
states
No
Array of strings
States to list, any of:
• lit: switched on
• dark: switched off
Status Codes
Status Code
Description
200
OK
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = ListLampsRequest()
";
    let imported = expect(page, &[("ListLamps query states", "required", "false")]);
    let parameters =
        &imported.documents[0].document["paths"]["/v1/{project_id}/lamps"]["get"]["parameters"];
    let states = parameters
        .as_array()
        .and_then(|all| all.iter().find(|p| p["name"] == "states"))
        .expect("states is a parameter");
    assert_eq!(
        states["schema"]["items"]["enum"],
        serde_json::json!(["lit", "dark"]),
        "{states:#}"
    );
}

/// A pipe export that lost both its headings and its `---|` lines: cells
/// still end in ` |`. After the URI line come the path table, a header
/// table, the body, and the tables of the objects the body refers to.
#[test]
fn a_pipe_export_without_separators_or_headings() {
    let page = "\
POST /v1/{project_id}/lamps
参数 |
是否必选 |
参数类型 |
描述 |
project_id |
是 |
String |
项目ID。 |
参数 |
是否必选 |
参数类型 |
描述 |
X-Auth-Token |
是 |
String |
用户Token。 |
参数 |
是否必选 |
参数类型 |
描述 |
lamp |
是 |
LampOption object |
灯具信息。 |
参数 |
是否必选 |
参数类型 |
描述 |
name |
是 |
String |
名称,长度为1~20个字符。 |
SDK代码示例
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    let imported = import_one(page);
    assert_facts(
        &imported.documents[0].document,
        &[
            ("CreateLamp path project_id", "required", "true"),
            ("CreateLamp header x-auth-token", "required", "true"),
            ("CreateLamp body.lamp", "required", "true"),
            ("CreateLamp body.lamp.name", "maxLength", "20"),
        ],
    );
}

/// A request table captioned in words that name no type and no field
/// (`Parameters (<t>)`) is the body.
#[test]
fn a_request_table_captioned_in_words_is_the_body() {
    let page = "\
Creating a Lamp
URI
POST /v1/{project_id}/lamps
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request
Table 2 Parameters (creating one lamp or a pair)
Parameter
Mandatory
Type
Description
name
Yes
String
Lamp name, 1 to 20 characters.
Status Codes
Status Code
Description
202
Accepted
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    let imported = import_one(page);
    assert_facts(
        &imported.documents[0].document,
        &[
            ("CreateLamp body.name", "required", "true"),
            ("CreateLamp body.name", "maxLength", "20"),
        ],
    );
}

/// A byte limit is kept as a maximum length, with a hint (every character
/// is a byte or more); a boolean's `true`/`false` meanings are no enum.
#[test]
fn byte_limits_are_hinted_and_boolean_meanings_are_no_enum() {
    let page = "\
Creating a Lamp
URI
POST /v1/{project_id}/lamps
Table 1 Path Parameters
Parameter
Mandatory
Type
Description
project_id
Yes
String
Project ID.
Request Parameters
Table 2 Request body parameters
Parameter
Mandatory
Type
Description
note
No
String
A note of up to 120 bytes.
lit
No
Boolean
Whether it is on.
• true: on
• false: off
Status Codes
Status Code
Description
201
Created
SDK Sample Code
from huaweicloudsdklamp.v1 import *
request = CreateLampRequest()
";
    let imported = import_one(page);
    let document = &imported.documents[0].document;
    assert_facts(document, &[("CreateLamp body.note", "maxLength", "120")]);
    let all = facts(document);
    assert!(
        !all.contains_key(&("CreateLamp body.lit".to_owned(), "enum".to_owned())),
        "{all:#?}"
    );
    let hint = imported
        .report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Hint && f.to_string().contains("stated in bytes"));
    assert!(hint.is_some(), "{}", imported.report);
}

/// Exports that keep one-line rows but drop the `---|` line under each
/// heading row, and the closing pipe of every row (with and without outer
/// pipes). A body table captioned so, with no request heading before it,
/// is the body; a line without pipes between two rows belongs to the row
/// above.
#[test]
fn one_line_rows_without_separators_or_closing_pipes() {
    let page = "\
Creating a Kettle
URI
POST /v1/{project_id}/kettles
Table 1 Path parameters
Parameter | Mandatory | Type | Description
project_id | Yes | String | Project ID.
Table 2 Request body parameters
| Parameter | Mandatory | Type | Description |
| volume | Yes | Integer | Volume in millilitres. The value ranges from 100 to 2000.
Default: 500
| colour | No | String | Colour. Enter 1 to 16 characters. |
| spout | No | String |
Status Codes
Status Code | Description |
---|---|
201 | Created |
SDK Sample Code
from huaweicloudsdkkettle.v1 import *
request = CreateKettleRequest()
";
    expect(
        page,
        &[
            ("CreateKettle path project_id", "required", "true"),
            ("CreateKettle body.volume", "required", "true"),
            ("CreateKettle body.volume", "minimum", "100"),
            ("CreateKettle body.volume", "default", "500"),
            ("CreateKettle body.colour", "maxLength", "16"),
            ("CreateKettle body.spout", "required", "false"),
        ],
    );
}

/// An excerpt that stops inside a table: the last line is half a sentence
/// (a list of values, a bound cut short), so it is read only up to its last
/// full sentence, a list it ends is left out whole, and a row cut off after
/// its name is dropped. Each is reported with the page line.
#[test]
fn a_page_cut_off_inside_a_table() {
    let head = "\
Filling a Kettle
URI
POST /v1/{project_id}/kettles/fill
Table 1 Request body parameters
Parameter
Mandatory
Type
Description
volume
Yes
Integer
Volume in millilitres. The value ranges from 100 to 2000.
";
    /// The page's last lines, the field they cut, the facts still read.
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: [Case; 3] = [
        (
            "tea\nNo\nString\nKind of tea. Enter 1 to 16 characters. The value can be green, black, oo",
            "tea",
            &[("maxLength", "16")],
        ),
        (
            "tea\nNo\nString\nKind of tea.\nEnumeration values:\ngreen\nblack\noo",
            "tea",
            &[],
        ),
        ("te", "volume", &[("minimum", "100"), ("maximum", "2000")]),
    ];
    for (tail, field, kept) in cases {
        let page = format!("{head}{tail}");
        let imported = import_one(&page);
        let cut: Vec<_> = imported
            .report
            .of_kind(FindingKind::Unreadable)
            .filter(|f| f.message.starts_with("the page stops"))
            .collect();
        assert_eq!(cut.len(), 1, "{tail:?}: {}", imported.report);
        assert_eq!(cut[0].line, page.lines().count(), "{tail:?}");
        let document = &imported.documents[0].document;
        let subject = format!("FillingAKettle body.{field}");
        let expected: Vec<_> = kept
            .iter()
            .map(|(p, v)| (subject.as_str(), *p, *v))
            .collect();
        assert_facts(document, &expected);
        let all = facts(document);
        assert!(
            !all.contains_key(&(subject.clone(), "enum".to_string())),
            "{tail:?}: a cut list read as whole"
        );
        assert!(
            !all.keys().any(|(s, _)| s == "FillingAKettle body.te"),
            "{tail:?}: a cut name read as a field"
        );
    }
}

/// The machine-translated copies (`/intl/es-us/`, `/intl/pt-br/`): the plain
/// layout with Spanish or Portuguese captions, headings, flags and bound
/// lines, and a date line above the title.
#[test]
fn machine_translated_spanish_and_portuguese_pages() {
    let spanish = "\
Actualización más reciente 2026-01-05 GMT+08:00
Llenar una tetera
Función
Llena una tetera.
URI
POST /v1/{project_id}/kettles/fill
Tabla 1 Parámetros de ruta
Parámetro
Obligatorio
Tipo
Descripción
project_id
Sí
String
ID del proyecto
Mínimo: 1
Máximo: 64
Parámetros de solicitud
Tabla 2 Parámetros de encabezado de solicitud
Parámetro
Obligatorio
Tipo
Descripción
Content-Type
No
String
Valor predeterminado: application/json; charset=utf-8
Tabla 3 Parámetros del cuerpo de solicitud
Parámetro
Obligatorio
Tipo
Descripción
cups
Sí
Array of strings
Tazas
Mínimo: 1
Máximo: 16
Longitud de matriz: 1 - 8
Parámetros de respuesta
Ninguna
Códigos de estado
Código de estado
Descripción
200
OK
Código de ejemplo del SDK
from huaweicloudsdkkettle.v1 import *
request = FillKettleRequest()
";
    let imported = expect(
        spanish,
        &[
            ("FillKettle path project_id", "required", "true"),
            ("FillKettle path project_id", "maxLength", "64"),
            (
                "FillKettle header content-type",
                "default",
                "\"application/json; charset=utf-8\"",
            ),
            ("FillKettle body.cups", "required", "true"),
            ("FillKettle body.cups", "minItems", "1"),
            ("FillKettle body.cups", "maxItems", "8"),
            ("FillKettle body.cups[]", "maxLength", "16"),
        ],
    );
    assert_eq!(imported.documents[0].operations, ["FillKettle"]);
    // The date line over the title is not the title.
    assert_eq!(
        imported.documents[0].document["paths"]["/v1/{project_id}/kettles/fill"]["post"]["summary"],
        "Llenar una tetera"
    );
    let portuguese = "\
Encher uma chaleira
URI
GET /v1/{project_id}/kettles
Tabela 1 Parâmetros de consulta
Parâmetro
Obrigatório
Tipo
Descrição
limit
Não
Integer
Número de resultados
Mínimo: 1
Máximo: 100
Valor padrão: 10
Códigos de status
Código de status
Descrição
200
OK
Código de exemplo do SDK
from huaweicloudsdkkettle.v1 import *
request = ListKettlesRequest()
";
    expect(
        portuguese,
        &[
            ("ListKettles query limit", "required", "false"),
            ("ListKettles query limit", "minimum", "1"),
            ("ListKettles query limit", "maximum", "100"),
            ("ListKettles query limit", "default", "10"),
        ],
    );
}

/// L8, pages rendered from RST sources: a heading row on one line, each
/// row's short cells and the start of its description on one line, the
/// description going on over the lines after it.
#[test]
fn rendered_rst_rows_a_line_each() {
    let page = "\
Emptying a Kettle
URI
POST /v1/kettles/{kettle_id}/empty
Table 1 Path parameter
Parameter Mandatory Type Description
kettle_id Yes String Kettle ID. Enter 1 to 36 characters.
Request Parameters
Table 2 Request header parameters
Parameter Mandatory Type Description
Content-Type Yes String
Type of the body.
The default value is application/json.
Table 3 Request body parameter
Parameter Mandatory Type Description
drain No Integer Seconds to drain. The value ranges from 1 to 60.
Status Code
Status Code Description
200 Emptied.
SDK Sample Code
from huaweicloudsdkkettle.v1 import *
request = EmptyKettleRequest()
";
    expect(
        page,
        &[
            ("EmptyKettle path kettle_id", "required", "true"),
            ("EmptyKettle path kettle_id", "maxLength", "36"),
            ("EmptyKettle header content-type", "required", "true"),
            (
                "EmptyKettle header content-type",
                "default",
                "\"application/json\"",
            ),
            ("EmptyKettle body.drain", "required", "false"),
            ("EmptyKettle body.drain", "maximum", "60"),
        ],
    );
}

/// The pipe layout cut by the page end before a cell's closing pipe: the
/// cell is still the row's description, read up to its last full sentence.
#[test]
fn a_pipe_cell_cut_before_its_pipe() {
    let page = "\
Filling a Kettle
URI
POST /v1/{project_id}/kettles/fill
Request Parameters
Parameter |
Mandatory |
Type |
Description |
---|---|---|---|
volume |
Yes |
Integer |
Volume in millilitres. The value ranges from 100 to 2000. |
tea |
No |
String |
Kind of tea. Enter 1 to 16 characters. The value can be green, bl";
    let imported = import_one(page);
    let cut = imported
        .report
        .of_kind(FindingKind::Unreadable)
        .filter(|f| f.message.starts_with("the page stops"))
        .count();
    assert_eq!(cut, 1, "{}", imported.report);
    let document = &imported.documents[0].document;
    assert_facts(
        document,
        &[
            ("FillingAKettle body.tea", "required", "false"),
            ("FillingAKettle body.tea", "maxLength", "16"),
        ],
    );
    let all = facts(document);
    assert!(!all.contains_key(&("FillingAKettle body.tea".to_string(), "enum".to_string())));
}

/// A pattern read only in part (the allowed characters, not the rule on
/// neighbours) is reported so, and a merge keeps the spec's own pattern.
#[test]
fn a_pattern_read_in_part_does_not_replace_the_specs() {
    let page = "\
Listing Kettles
URI
GET /v1/kettles
Table 1 Query parameters
Parameter
Mandatory
Type
Description
name
No
String
Kettle name. Only lowercase letters and hyphens (-) are allowed. Hyphens cannot be placed next to each other.
Status Codes
Status Code
Description
200
OK
SDK Sample Code
from huaweicloudsdkkettle.v1 import *
request = ListKettlesRequest()
";
    let imported = import_one(page);
    assert!(imported.report.unread("ListKettles query name", "pattern"));
    let document = &imported.documents[0];
    assert_facts(
        &document.document,
        &[("ListKettles query name", "pattern", "\"^[a-z-]+$\"")],
    );
    // The spec states the whole rule; the page's part must not replace it.
    let whole = "^[a-z]+(?:-[a-z]+)*$";
    let mut spec = document.document.clone();
    spec["paths"]["/v1/kettles"]["get"]["parameters"][0]["schema"]["pattern"] = whole.into();
    let merged = merge(&mut spec, document, &imported.report);
    assert_eq!(merged.changes, Vec::<String>::new());
    assert!(
        merged.kept.iter().any(|k| k.contains("read only in part")),
        "{:?}",
        merged.kept
    );
    assert_eq!(
        spec["paths"]["/v1/kettles"]["get"]["parameters"][0]["schema"]["pattern"],
        whole
    );
}
