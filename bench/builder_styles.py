#!/usr/bin/env python3
"""What checking required fields at compile time would cost.

Writes the same synthetic API twice, as a library of N structs of 10 fields
(4 required) with builders, plus a "user" crate that builds each struct
once, and compiles both with rustc (debug, as `cargo build` does):

- runtime: the generated crate's builders (one plain struct per builder,
  `build()` reports missing required fields as an error);
- typestate: one type parameter per required field (`Unset`/`Set<T>`),
  `build()` exists only once every required field is set (the approach of
  bon and typed-builder, written out as they expand).

Prints time and peak memory of each compile, and the error each style
gives for a forgotten field.

    python3 bench/builder_styles.py [N]     (default N = 600, about the
                                             number of operations of hss-full)
"""

import os
import subprocess
import sys
import tempfile

N = int(sys.argv[1]) if len(sys.argv) > 1 else 600
REQUIRED = 4
OPTIONAL = 6
TYPES = ["String", "i32", "bool", "String", "i64", "String"]

MISSING = """
#[derive(Debug)]
pub struct BuildError { pub type_name: &'static str, pub missing: Vec<String> }
pub struct Missing { type_name: &'static str, missing: Vec<String> }
impl Missing {
    pub fn new(type_name: &'static str) -> Self { Self { type_name, missing: Vec::new() } }
    pub fn required<T>(&mut self, field: &'static str, value: Option<T>) -> Option<T> {
        if value.is_none() { self.missing.push(field.to_owned()); }
        value
    }
    pub fn is_empty(&self) -> bool { self.missing.is_empty() }
    pub fn into_error(self) -> BuildError { BuildError { type_name: self.type_name, missing: self.missing } }
}
"""

TYPESTATE = """
pub struct Unset;
pub struct Set<T>(T);
"""


def fields():
    out = []
    for i in range(REQUIRED + OPTIONAL):
        out.append((f"f{i}", TYPES[i % len(TYPES)], i < REQUIRED))
    return out


def runtime_struct(n):
    fs = fields()
    decl = "".join(
        f"    pub {f}: {t},\n" if req else f"    pub {f}: Option<{t}>,\n" for f, t, req in fs
    )
    slots = "".join(f"    {f}: Option<{t}>,\n" for f, t, _ in fs)
    setters = "".join(
        f"    pub fn {f}(mut self, value: impl Into<{t}>) -> Self {{ self.{f} = Some(value.into()); self }}\n"
        for f, t, _ in fs
    )
    takes = "".join(
        f"        let {f} = missing.required(\"{f}\", self.{f});\n" if req else f"        let {f} = self.{f};\n"
        for f, t, req in fs
    )
    req = [f for f, _, r in fs if r]
    tuple_ = ", ".join(req)
    somes = ", ".join(f"Some({f})" for f in req)
    inits = ", ".join(f for f, _, _ in fs)
    return f"""
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct S{n} {{
{decl}}}
impl S{n} {{ pub fn builder() -> S{n}Builder {{ S{n}Builder::default() }} }}
#[derive(Debug, Clone, Default)]
pub struct S{n}Builder {{
{slots}}}
impl S{n}Builder {{
{setters}    pub fn build(self) -> Result<S{n}, BuildError> {{
        let mut missing = Missing::new("S{n}");
{takes}        match ({tuple_}) {{
            ({somes}) if missing.is_empty() => Ok(S{n} {{ {inits} }}),
            _ => Err(missing.into_error()),
        }}
    }}
}}
"""


def typestate_struct(n):
    fs = fields()
    req = [(f, t) for f, t, r in fs if r]
    opt = [(f, t) for f, t, r in fs if not r]
    params = [f"P{i}" for i in range(len(req))]
    decl = "".join(
        f"    pub {f}: {t},\n" if r else f"    pub {f}: Option<{t}>,\n" for f, t, r in fs
    )
    slots = "".join(f"    {f}: {p},\n" for (f, _), p in zip(req, params)) + "".join(
        f"    {f}: Option<{t}>,\n" for f, t in opt
    )
    unset = ", ".join("Unset" for _ in params)
    start = ", ".join(f"{f}: Unset" for f, _ in req) + ", " + ", ".join(f"{f}: None" for f, _ in opt)
    out = f"""
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct S{n} {{
{decl}}}
impl S{n} {{ pub fn builder() -> S{n}Builder<{unset}> {{ S{n}Builder {{ {start} }} }} }}
#[derive(Debug, Clone)]
pub struct S{n}Builder<{", ".join(params)}> {{
{slots}}}
"""
    all_names = [f for f, _, _ in fs]
    for i, (f, t) in enumerate(req):
        others = [p for j, p in enumerate(params) if j != i]
        before = ", ".join("Unset" if j == i else p for j, p in enumerate(params))
        after = ", ".join(f"Set<{t}>" if j == i else p for j, p in enumerate(params))
        moved = ", ".join(
            f"{g}: Set(value.into())" if g == f else f"{g}: self.{g}" for g in all_names
        )
        out += f"""impl<{", ".join(others)}> S{n}Builder<{before}> {{
    pub fn {f}(self, value: impl Into<{t}>) -> S{n}Builder<{after}> {{ S{n}Builder {{ {moved} }} }}
}}
"""
    out += f"impl<{', '.join(params)}> S{n}Builder<{', '.join(params)}> {{\n"
    for f, t in opt:
        out += f"    pub fn {f}(mut self, value: impl Into<{t}>) -> Self {{ self.{f} = Some(value.into()); self }}\n"
    out += "}\n"
    done = ", ".join(f"Set<{t}>" for _, t in req)
    inits = ", ".join(f"{f}: self.{f}.0" for f, _ in req) + ", " + ", ".join(
        f"{f}: self.{f}" for f, _ in opt
    )
    out += f"""impl S{n}Builder<{done}> {{
    pub fn build(self) -> S{n} {{ S{n} {{ {inits} }} }}
}}
"""
    return out


def value(t):
    return {"String": '"x"', "i32": "1", "bool": "true", "i64": "2i64"}[t]


def user(style, n, forget=False):
    calls = []
    for i in range(n):
        chain = "".join(
            f".{f}({value(t)})" for f, t, _ in fields() if not (forget and i == 0 and f == "f2")
        )
        build = ".build()" + (".unwrap()" if style == "runtime" else "")
        calls.append(f"    let v{i} = lib::S{i}::builder(){chain}{build}; sink(&v{i});")
    body = "\n".join(calls)
    return f"""#![allow(unused)]
fn sink<T: std::fmt::Debug>(_: &T) {{}}
pub fn run() {{
{body}
}}
"""


def compile_(args, cwd):
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *args], cwd=cwd, capture_output=True, text=True
    )
    *messages, timing = out.stderr.strip().splitlines()
    secs, kb = timing.split()
    return out.returncode, float(secs), int(kb) / 1024, "\n".join(messages)


def main():
    rows = []
    errors = {}
    with tempfile.TemporaryDirectory() as work:
        for style in ["runtime", "typestate"]:
            d = os.path.join(work, style)
            os.makedirs(d)
            prelude = MISSING if style == "runtime" else TYPESTATE
            make = runtime_struct if style == "runtime" else typestate_struct
            with open(os.path.join(d, "lib.rs"), "w") as f:
                f.write("#![allow(dead_code)]\n" + prelude + "".join(make(i) for i in range(N)))
            with open(os.path.join(d, "user.rs"), "w") as f:
                f.write(user(style, N))
            with open(os.path.join(d, "forgot.rs"), "w") as f:
                f.write(user(style, 1, forget=True))
            base = ["rustc", "--edition", "2021", "-C", "debuginfo=2"]
            code, secs, mb, msg = compile_(
                base + ["--crate-type", "rlib", "--crate-name", "lib", "lib.rs"], d
            )
            assert code == 0, msg
            rows.append((style, "library", secs, mb))
            extern = ["--extern", "lib=liblib.rlib", "-L", "."]
            code, secs, mb, msg = compile_(
                base + ["--crate-type", "rlib", "--crate-name", "user", "user.rs"] + extern, d
            )
            assert code == 0, msg
            rows.append((style, "user (builds each once)", secs, mb))
            code, _, _, msg = compile_(
                base + ["--crate-type", "rlib", "--crate-name", "forgot", "forgot.rs"] + extern, d
            )
            errors[style] = "compiles; build() returns Err naming `f2`" if code == 0 else msg
    print(f"{N} structs of {REQUIRED + OPTIONAL} fields ({REQUIRED} required), rustc debug")
    print(f"{'style':<11}{'crate':<26}{'time':>9}{'memory':>11}")
    for style, crate, secs, mb in rows:
        print(f"{style:<11}{crate:<26}{secs:>7.2f} s{mb:>8.0f} MB")
    for crate in ["library", "user (builds each once)"]:
        r = next(r for r in rows if r[0] == "runtime" and r[1] == crate)
        t = next(r for r in rows if r[0] == "typestate" and r[1] == crate)
        print(f"typestate / runtime, {crate}: time {t[2] / r[2]:.2f}x, memory {t[3] / r[3]:.2f}x")
    print("\na forgotten required field:")
    for style, msg in errors.items():
        first = "\n".join(msg.splitlines()[:8])
        print(f"--- {style}:\n{first}")


if __name__ == "__main__":
    main()
