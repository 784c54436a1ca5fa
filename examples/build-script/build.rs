//! Generates the client from the repository's specs into `OUT_DIR`, again
//! whenever a spec changes (the builder prints `cargo:rerun-if-changed`).

fn main() {
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let generated = hwcloud_codegen::Builder::new()
        .spec("../../spec/hss.json")
        .spec("../../spec/swr.json")
        .generate_to(out_dir);
    if let Err(err) = generated {
        // The error names each spec file and JSON location at fault.
        eprintln!("{err}");
        std::process::exit(1);
    }
}
