#!/usr/bin/env python3
"""Scores `hwcloud-codegen import` on a set of reference pages against facts
written by hand, request side only.

    bench/import_score.py BINARY SETDIR [-v]

SETDIR holds, for each page, `<stem>.txt` (the page as the search corpus
gives it; vendor text, so sets live outside this repository) and
`<stem>.json`, its truth, written before the importer is run:

    {"method": "POST", "path": "/v5/{project_id}/...",
     "params": [{"in": "path|query|header|body", "name": "a.b", "required": true|false|null}],
     "constraints": [{"in": "body", "name": "a.b",
                      "kind": "minLength|maxLength|minimum|maximum|minItems|maxItems|enum|default|pattern",
                      "value": ...}]}

Body names are dotted paths from the body's top level (an array's item
fields are named through the array: `tags.key`); a top-level array body's
item fields are named alone. `required: null` means the page states no flag.
A pattern counts when one is emitted (its spelling is not compared); an enum
when the sets of values are equal; numbers when they are equal as numbers.

Prints, per set: parameters located, located with their flag, constraints
read, and "not stated": constraints emitted on a kind the truth does not
list for that parameter. `-v` lists every miss and every fact not stated.
"""

import json
import subprocess
import sys
from pathlib import Path

KINDS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "enum", "default", "pattern")


def resolve(spec, schema, depth=0):
    """Follows `$ref`s (and a lone `allOf`) to the schema they name."""
    while isinstance(schema, dict) and depth < 32:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = spec.get("components", {}).get("schemas", {}).get(name, {})
        elif "allOf" in schema and len(schema["allOf"]) == 1:
            schema = schema["allOf"][0]
        else:
            return schema
        depth += 1
    return schema if isinstance(schema, dict) else {}


def constraints_of(spec, schema):
    """The constraint kinds a schema states, an array's items' too (a list of
    scalars carries its items' lengths and values)."""
    schema = resolve(spec, schema)
    found = {k: schema[k] for k in KINDS if k in schema}
    if schema.get("type") == "array":
        items = resolve(spec, schema.get("items", {}))
        if items.get("type") not in ("object", None) or "properties" not in items:
            for k in ("minLength", "maxLength", "minimum", "maximum", "enum", "pattern"):
                if k in items and k not in found:
                    found[k] = items[k]
    return found


def body_fields(spec, schema, prefix, out, depth=0):
    schema = resolve(spec, schema)
    if depth > 12:
        return
    if schema.get("type") == "array" or ("items" in schema and "properties" not in schema):
        items = resolve(spec, schema.get("items", {}))
        if "properties" in items:
            body_fields(spec, items, prefix, out, depth + 1)
        return
    needed = set(schema.get("required", []))
    for name, child in schema.get("properties", {}).items():
        full = f"{prefix}.{name}" if prefix else name
        out[("body", full)] = (name in needed, constraints_of(spec, child))
        body_fields(spec, child, full, out, depth + 1)


def imported(binary, page):
    """(method, path, {(in, name): (required, constraints)}) or None."""
    run = subprocess.run([binary, "import", str(page)], capture_output=True, text=True, timeout=60)
    if run.returncode != 0 or not run.stdout.strip():
        return None
    spec = json.loads(run.stdout)
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            fields = {}
            for p in op.get("parameters", []):
                p = resolve(spec, p)
                name = p["name"].lower() if p["in"] == "header" else p["name"]
                fields[(p["in"], name)] = (p.get("required", False), constraints_of(spec, p.get("schema", {})))
            body = op.get("requestBody")
            if body:
                body = resolve(spec, body)
                for media in body.get("content", {}).values():
                    body_fields(spec, media.get("schema", {}), "", fields)
            return method.upper(), path, fields
    return None


def same(kind, want, got):
    if kind == "pattern":
        return True
    if kind == "enum":
        return isinstance(got, list) and sorted(map(str, want)) == sorted(map(str, got))
    try:
        return float(want) == float(got)
    except (TypeError, ValueError):
        return str(want) == str(got)


def key(entry):
    name = entry["name"].lower() if entry["in"] == "header" else entry["name"]
    return (entry["in"], name)


def score(binary, setdir, verbose):
    totals = dict(params=0, located=0, flagged=0, flags=0, constraints=0, read=0, not_stated=0)
    for truth_file in sorted(Path(setdir).glob("*.json")):
        truth = json.loads(truth_file.read_text())
        page = truth_file.with_suffix(".txt")
        got = imported(binary, page)
        fields = got[2] if got else {}
        misses = []
        for p in truth["params"]:
            totals["params"] += 1
            found = fields.get(key(p))
            if found is None:
                misses.append(f"param {p['in']} {p['name']}: not found")
                continue
            totals["located"] += 1
            if p.get("required") is None:
                totals["flagged"] += 1
            elif bool(found[0]) == bool(p["required"]):
                totals["flagged"] += 1
            else:
                misses.append(f"param {p['in']} {p['name']}: required {found[0]}, page says {p['required']}")
        stated = set()
        for c in truth["constraints"]:
            totals["constraints"] += 1
            stated.add(key(c) + (c["kind"],))
            found = fields.get(key(c))
            value = found[1].get(c["kind"]) if found else None
            if value is not None and same(c["kind"], c["value"], value):
                totals["read"] += 1
            else:
                misses.append(f"constraint {c['in']} {c['name']} {c['kind']}: want {c['value']!r}, got {value!r}")
        for field, (_, emitted) in fields.items():
            for kind, value in emitted.items():
                if field + (kind,) not in stated:
                    totals["not_stated"] += 1
                    misses.append(f"not stated {field[0]} {field[1]} {kind}: {value!r}")
        if verbose and (misses or got is None):
            print(f"== {page.name}" + ("" if got else " (nothing imported)"))
            for m in misses:
                print("   " + m)
    return totals


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    if len(args) != 2:
        sys.exit(__doc__)
    t = score(args[0], args[1], "-v" in sys.argv)
    pct = lambda a, b: f"{a}/{b} ({100 * a // b if b else 100}%)"
    print(f"parameters located:        {pct(t['located'], t['params'])}")
    print(f"  with location and flag:  {pct(t['flagged'], t['params'])}")
    print(f"constraints read:          {pct(t['read'], t['constraints'])}")
    print(f"facts not stated:          {t['not_stated']}")


if __name__ == "__main__":
    main()
