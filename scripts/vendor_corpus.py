#!/usr/bin/env python3
"""Generate a client crate for every OpenAPI document in a folder and compile
each one warning-free (clippy, all features, -D warnings).

    scripts/vendor_corpus.py [DIR] [--only a.json,b.json] [--keep DIR]
                             [--no-compile | --compile-only a.json,b.json]
                             [--codegen BINARY]

DIR defaults to ../shared/vendor-openapi, or $HWCLOUD_SHARED_DIR/vendor-openapi
(the vendor's own documents). Prints
one row per document: operations generated, operations left out (with the
most common reasons), generation time and compile time; then the totals.
Exits 1 when the generator crashes or refuses a document for a reason other
than the document not being JSON, or when a generated crate does not compile
warning-free.

The crates share one target directory, so the runtime and the other
dependencies are compiled once. The generator is built in release mode first
(unless --codegen names a binary).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = re.compile(r"operation `[^`]*` is left out: (.*)$")


def reason_kind(reason: str) -> str:
    """A left-out reason without its names and location, for counting."""
    # The first cause of a chain ("uses X, which is left out: <cause>").
    reason = reason.split("which is left out: ")[-1]
    reason = re.sub(r"\(at [^)]*\)$", "", reason).strip()
    return re.sub(r"`[^`]*`", "X", reason)


def generate(codegen, spec, out):
    started = time.monotonic()
    run = subprocess.run(
        [
            codegen, "generate", "--spec", str(spec), "--out", str(out),
            "--crate-name", "corpus-" + re.sub(r"[^a-z0-9]+", "-", spec.stem.lower()),
            "--runtime-path", str(ROOT / "runtime"), "--no-tests",
        ],
        capture_output=True, text=True,
    )
    elapsed = time.monotonic() - started
    generated = re.search(r"generated (\d+) operations", run.stdout)
    reasons = collections.Counter()
    for line in run.stderr.splitlines():
        m = LEFT_OUT.search(line)
        if m:
            reasons[reason_kind(m.group(1))] += 1
    return run, elapsed, int(generated.group(1)) if generated else None, reasons


def compile_crate(crate, target):
    started = time.monotonic()
    run = subprocess.run(
        ["cargo", "clippy", "--quiet", "--all-features", "--", "-D", "warnings"],
        cwd=crate, capture_output=True, text=True,
        env={**os.environ, "CARGO_TARGET_DIR": str(target)},
    )
    return run, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = Path(os.environ.get("HWCLOUD_SHARED_DIR", ROOT.parent / "shared"))
    parser.add_argument("dir", nargs="?", default=str(shared / "vendor-openapi"))
    parser.add_argument("--only", help="comma-separated file names to take from DIR")
    parser.add_argument("--keep", help="generate into this folder (kept) instead of a temporary one")
    parser.add_argument("--no-compile", action="store_true", help="generate only")
    parser.add_argument("--compile-only", help="comma-separated file names: generate every document, compile these")
    parser.add_argument("--codegen", help="the hwcloud-codegen binary (default: build it, release)")
    args = parser.parse_args()

    specs = sorted(Path(args.dir).glob("*.json"))
    if args.only:
        wanted = set(args.only.split(","))
        specs = [s for s in specs if s.name in wanted]
        missing = wanted - {s.name for s in specs}
        if missing:
            sys.exit(f"not in {args.dir}: {', '.join(sorted(missing))}")
    if not specs:
        sys.exit(f"no *.json in {args.dir}")

    codegen = args.codegen
    if not codegen:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "hwcloud-codegen"], cwd=ROOT, check=True)
        codegen = str(ROOT / "target" / "release" / "hwcloud-codegen")

    if args.keep:
        run_corpus(args, codegen, specs, Path(args.keep))
    else:
        # The crates and their target directory take over a gigabyte: gone
        # with the run, or CI's disk fills up run after run.
        with tempfile.TemporaryDirectory(prefix="vendor-corpus-") as work:
            run_corpus(args, codegen, specs, Path(work))


def run_corpus(args, codegen, specs, work):
    work.mkdir(parents=True, exist_ok=True)
    target = work / "target"
    failures = []
    totals = collections.Counter()
    all_reasons = collections.Counter()
    gen_time = 0.0
    compiled_count = 0
    print(f"{'document':<28} {'generated':>9} {'left out':>8} {'gen ms':>7} {'compile s':>9}  main reasons left out")
    for spec in specs:
        out = work / spec.stem
        run, elapsed, ops, reasons = generate(codegen, spec, out)
        gen_time += elapsed
        left = sum(reasons.values())
        all_reasons.update(reasons)
        if ops is None:
            first = next((l for l in run.stderr.splitlines() if l.startswith("error")), run.stderr.strip()[-200:])
            not_json = "is not valid JSON" in run.stderr
            status = "refused" if not_json else "FAILED"
            if not not_json or run.returncode not in (0, 1):
                failures.append(f"{spec.name}: generation failed (exit {run.returncode}): {first}")
            print(f"{spec.name:<28} {status:>9} {'':>8} {elapsed * 1000:7.0f} {'':>9}  {first[:110]}")
            totals["refused"] += 1
            continue
        totals["documents"] += 1
        totals["generated"] += ops
        totals["left out"] += left
        compile_s = ""
        wanted = args.compile_only is None or spec.name in args.compile_only.split(",")
        if not args.no_compile and wanted:
            built, seconds = compile_crate(out, target)
            compiled_count += 1
            compile_s = f"{seconds:9.1f}"
            totals["compile s"] += seconds
            if built.returncode != 0:
                errors = [l for l in built.stderr.splitlines() if l.startswith(("error", "warning"))]
                failures.append(f"{spec.name}: does not compile warning-free: {' | '.join(errors[:3])}")
                compile_s = f"{'FAILED':>9}"
        main_reasons = "; ".join(f"{n}x {r[:60]}" for r, n in reasons.most_common(2))
        print(f"{spec.name:<28} {ops:9d} {left:8d} {elapsed * 1000:7.0f} {compile_s:>9}  {main_reasons}")

    generated, left = totals["generated"], totals["left out"]
    share = 100.0 * generated / max(1, generated + left)
    print(
        f"\n{totals['documents']} documents generated, {totals['refused']} refused; "
        f"{generated} operations generated, {left} left out ({share:.1f}% generated); "
        f"generation {gen_time:.1f} s in all"
        + ("" if args.no_compile else f", compile {totals['compile s']:.0f} s in all")
    )
    if all_reasons:
        print("operations left out, by reason:")
        for reason, n in all_reasons.most_common():
            print(f"  {n:5d}  {reason}")
    if failures:
        print("\nFAILED:")
        for f in failures:
            print("  " + f)
        if not args.keep:
            print("(the crates are removed with the run: --keep DIR keeps them to look into)")
        sys.exit(1)
    compiled = "" if args.no_compile else f"; {compiled_count} of them compile warning-free"
    print(f"\n{len(specs) - totals['refused']} crates generated{compiled}")


if __name__ == "__main__":
    main()
