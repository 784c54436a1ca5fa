//! `hwcloud-codegen import` on the command line: output, report, exit codes.

mod common;

use common::Scratch;
use std::process::Command;

const PAGE: &str = "\
Listing Boxes
URI
GET /v1/boxes
Table 1 Query Parameters
Parameter
Mandatory
Type
Description
limit
No
Integer
Definition
Page size.
Range
1-50
Default Value
10
kind
No
String
Definition
Kind of box.
Range
Default Value
N/A
Status Codes
Status Code
Description
200
Listed.
SDK Sample Code
from huaweicloudsdkbox.v1 import *
request = ListBoxesRequest()
";

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_hwcloud-codegen"))
        .args(args)
        .output()
        .expect("the command runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn prints_a_document_and_reports_with_page_lines() {
    let scratch = Scratch::new("import-cli-print");
    let page = scratch.0.join("boxes.txt");
    std::fs::write(&page, PAGE).unwrap();
    let (code, stdout, stderr) = run(&["import", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let document: serde_json::Value =
        serde_json::from_str(&stdout).expect("stdout is the JSON document");
    let limit = &document["paths"]["/v1/boxes"]["get"]["parameters"][0]["schema"];
    assert_eq!(
        (
            limit["minimum"].as_i64(),
            limit["maximum"].as_i64(),
            limit["default"].as_i64()
        ),
        (Some(1), Some(50), Some(10))
    );
    assert!(
        stderr.contains("boxes.txt:23: lost: ListBoxes query kind"),
        "{stderr}"
    );
    assert!(
        stderr.contains("imported 1 operation(s) from 1 page(s): 1 fact(s) lost"),
        "{stderr}"
    );

    // --strict turns anything lost or unreadable into a failure.
    let (code, _, _) = run(&["import", "--strict", page.to_str().unwrap()]);
    assert_eq!(code, 1);
}

#[test]
fn merges_into_a_spec_of_the_same_service_only() {
    let scratch = Scratch::new("import-cli-into");
    let page = scratch.0.join("boxes.txt");
    std::fs::write(&page, PAGE).unwrap();
    let spec = scratch.0.join("hss.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/hss.json"),
        &spec,
    )
    .unwrap();
    let before = std::fs::read(&spec).unwrap();
    let (code, _, stderr) = run(&[
        "import",
        page.to_str().unwrap(),
        "--into",
        spec.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("does not belong in"), "{stderr}");
    assert_eq!(
        std::fs::read(&spec).unwrap(),
        before,
        "the spec is left alone"
    );

    let (code, _, stderr) = run(&["import", scratch.0.join("missing.txt").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read"), "{stderr}");
}
