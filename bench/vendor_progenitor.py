#!/usr/bin/env python3
"""progenitor on the vendor's own OpenAPI documents, beside our figures.

    bench/vendor_progenitor.py PROGENITOR [DIR]

PROGENITOR is the `cargo-progenitor` binary (bench/run.sh installs it under
target/bench-tools/bin). DIR defaults to ../shared/vendor-openapi. progenitor
cannot read the documents as the vendor writes them (path items keyed by
operation id), so each is first given its real paths from `x-url` /
`x-method` (an operation whose method and path another already has is
dropped: OpenAPI has one operation per method and path). Prints, per
document, whether progenitor generated a crate, refused it, or panicked,
and the totals; operations count those of the documents it generated.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def url_path(url: str) -> str:
    rest = url.strip()
    if rest.startswith("{endpoint}"):
        rest = rest[len("{endpoint}"):]
    if "://" in rest:
        after = rest.split("://", 1)[1]
        rest = after[after.find("/"):] if "/" in after else ""
    rest = re.split(r"[?#]", rest)[0]
    return rest if rest.startswith("/") else "/" + rest


def repaired(doc):
    """The document with real paths; the number of operations kept and dropped."""
    paths, kept, dropped = {}, 0, 0
    for key, item in doc.get("paths", {}).items():
        path = url_path(item["x-url"]) if isinstance(item.get("x-url"), str) else key
        target = paths.setdefault(path, {})
        for method, op in item.items():
            if method not in METHODS:
                continue
            if method in target:
                dropped += 1
                continue
            target[method] = op
            kept += 1
    doc = dict(doc)
    doc["paths"] = paths
    return doc, kept, dropped


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    progenitor = sys.argv[1]
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "vendor-openapi"
    work = Path(tempfile.mkdtemp(prefix="vendor-progenitor-"))
    totals = {"generated": 0, "refused": 0, "panicked": 0, "not JSON": 0, "operations": 0, "seconds": 0.0}
    for spec in sorted(folder.glob("*.json")):
        try:
            doc = json.loads(spec.read_text())
        except ValueError:
            totals["not JSON"] += 1
            print(f"{spec.name:<28} not JSON")
            continue
        doc, kept, dropped = repaired(doc)
        source = work / spec.name
        source.write_text(json.dumps(doc))
        name = "prog-" + re.sub(r"[^a-z0-9]+", "-", spec.stem.lower())
        started = time.monotonic()
        try:
            run = subprocess.run(
                [progenitor, "progenitor", "-i", str(source), "-o", str(work / name), "-n", name, "-v", "0.1.0"],
                capture_output=True, text=True, timeout=300,
            )
            out, code = run.stderr + run.stdout, run.returncode
        except subprocess.TimeoutExpired:
            out, code = "timed out", -1
        seconds = time.monotonic() - started
        totals["seconds"] += seconds
        if code == 0:
            outcome = "generated"
            totals["operations"] += kept
        elif "panicked" in out:
            outcome = "panicked"
        else:
            outcome = "refused"
        totals[outcome] += 1
        why = "" if code == 0 else out.strip().splitlines()[-1][:90] if out.strip() else f"exit {code}"
        print(f"{spec.name:<28} {outcome:<9} {kept:5d} ops ({dropped} dropped) {seconds:6.2f} s  {why}")
    print(
        f"\nprogenitor: {totals['generated']} generated, {totals['refused']} refused, "
        f"{totals['panicked']} panicked, {totals['not JSON']} not JSON; "
        f"{totals['operations']} operations in the documents it generated; {totals['seconds']:.1f} s in all"
    )


if __name__ == "__main__":
    main()
