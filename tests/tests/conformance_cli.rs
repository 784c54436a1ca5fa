//! The `conformance` binary: one line per case, `N passed, M failed` last,
//! exit 1 when a case differs.

use hwcloud_tests::workspace_root;
use serde_json::Value;
use std::process::Command;

fn conformance(cases: &std::path::Path, captures: &std::path::Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_conformance"))
        .args(["--cases".as_ref(), cases.as_os_str()])
        .args(["--captures".as_ref(), captures.as_os_str()])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn every_captured_case_conforms() {
    let captures = workspace_root().join("tests/data/oracle-captures.json");
    let (code, stdout) = conformance(&captures, &captures);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.last(), Some(&"27 passed, 0 failed"), "{stdout}");
    assert_eq!(code, Some(0));
    assert_eq!(lines.iter().filter(|l| l.starts_with("ok ")).count(), 27);
    assert_eq!(stdout.matches("refused on purpose").count(), 3, "{stdout}");
}

#[test]
fn a_difference_fails_the_run_and_says_what_differs() {
    let path = workspace_root().join("tests/data/oracle-captures.json");
    let mut captures: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let case = &mut captures["cases"][3];
    assert_eq!(case["name"], "hss_list_registry_no_params");
    case["request"]["target"] = "/v5/elsewhere".into();
    let dir = std::env::temp_dir().join(format!("hwcloud-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tampered = dir.join("captures.json");
    std::fs::write(&tampered, captures.to_string()).unwrap();
    let cases = dir.join("cases.json");
    std::fs::write(
        &cases,
        r#"{"cases": [
            {"name": "hss_list_registry_no_params", "op": "ListRegistry", "request": {}},
            {"name": "never_captured", "op": "ListRegistry", "request": {"limit": 20}}
        ]}"#,
    )
    .unwrap();
    let (code, stdout) = conformance(&cases, &tampered);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("diff hss_list_registry_no_params: target `/v5/"),
        "{stdout}"
    );
    assert_eq!(lines[1], "diff never_captured: no capture of this case");
    assert_eq!(lines[2], "0 passed, 2 failed");
}
