//! `conformance --cases FILE --captures FILE`: runs each case through the
//! Rust client and compares it with the vendor SDK's capture. Prints one
//! line per case and `N passed, M failed`; exits 1 if any case failed, 2 on
//! bad arguments or unreadable files.

use hwcloud_tests::conformance;
use hwcloud_tests::oracle::{read_json, CapturesFile, CasesFile};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("conformance: {message}");
            eprintln!("usage: conformance --cases FILE --captures FILE");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, String> {
    let mut cases = None;
    let mut captures = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--cases" => &mut cases,
            "--captures" => &mut captures,
            other => return Err(format!("unexpected argument `{other}`")),
        };
        *slot = Some(PathBuf::from(
            args.next().ok_or_else(|| format!("{arg} needs a file"))?,
        ));
    }
    let cases: CasesFile = read_json(&cases.ok_or("--cases is required")?)?;
    let captures: CapturesFile = read_json(&captures.ok_or("--captures is required")?)?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|e| e.to_string())?;
    let verdicts = runtime.block_on(conformance::run(&cases.cases, &captures));
    for verdict in &verdicts {
        println!("{}", verdict.line());
    }
    let passed = verdicts.iter().filter(|v| v.passed()).count();
    let failed = verdicts.len() - passed;
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0)
}
