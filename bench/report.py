"""Prints bench/run.sh's measurements as one table, with ratios.

Usage: report.py RESULTS.tsv CRITERION_DIR
"""
import json
import pathlib
import sys

results_path, criterion_dir = sys.argv[1], pathlib.Path(sys.argv[2])
rows = {}
for line in open(results_path):
    key, first, second = (line.rstrip("\n").split("\t") + ["", ""])[:3]
    rows[key] = (first, second)


def secs(key):
    return float(rows[key][0]) if key in rows else None


def mb(key):
    return int(rows[key][1]) / 1024 if key in rows and rows[key][1] else None


def ratio(peer, ours):
    if peer is None or ours is None or ours == 0:
        return "n/a"
    return f"{peer / ours:.2f}x"


def fmt(value, unit):
    return "n/a" if value is None else f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"


table = []


def pair(label, ours_key, peer_key):
    table.append((label + ", time", fmt(secs(ours_key), "s"), fmt(secs(peer_key), "s"),
                  ratio(secs(peer_key), secs(ours_key))))
    table.append((label + ", peak memory", fmt(mb(ours_key), "MB"), fmt(mb(peer_key), "MB"),
                  ratio(mb(peer_key), mb(ours_key))))


pair("generate spec/ (hss + swr)", "gen.spec.ours", "gen.spec.progenitor")
pair("generate hss-full-progenitor-subset", "gen.subset.ours", "gen.subset.progenitor")
pair("generate hss-full (peer refuses it)", "gen.full.ours", "gen.full.peer")
pair("generate hss-full with tests + examples", "gen.full-with-tests.ours", "gen.full.peer")
if "lines.subset.ours" in rows:
    ours_lines = int(rows["lines.subset.ours"][0])
    peer_lines = int(rows["lines.subset.progenitor"][0])
    table.append(("generated lines (subset)", f"{ours_lines}", f"{peer_lines}",
                  ratio(peer_lines, ours_lines)))
for profile in ("debug", "release"):
    pair(f"compile subset crate alone, {profile}", f"compile.{profile}.ours-subset",
         f"compile.{profile}.prog-subset")
# Cold build.rs consumers, the median of BENCH_RUNS each. `lean`: the
# runtime without default features: no TLS, which is what progenitor's
# consumer can do (plain http), and no regex engine (these specs have no
# patterns); the default one speaks https.
spec_peer = "cold.consumer-spec-progenitor"
pair("cold build.rs consumer, spec/hss.json", "cold.consumer-spec-ours", spec_peer)
pair("cold build.rs consumer, spec/hss.json, runtime without default features", "cold.consumer-spec-lean", spec_peer)
# progenitor cannot select operations: no peer for these.
pair("cold build.rs consumer, hss-full, 3 operations selected", "cold.consumer-three-ours", None)
pair("cold build.rs consumer, hss-full, 3 operations, without default features", "cold.consumer-three-lean", None)
pair("cold build.rs consumer, hss-full (peer: its subset)", "cold.consumer-full-ours",
     "cold.consumer-full-progenitor")
for selected, whole in (("three-ours", "spec-ours"), ("three-lean", "spec-lean")):
    a, b = secs(f"cold.consumer-{selected}"), secs(f"cold.consumer-{whole}")
    if a is not None and b is not None:
        table.append((f"3 of hss-full against spec/hss.json ({selected.split('-')[1]}), time",
                      f"{fmt(a, 's')} against {fmt(b, 's')}", "n/a", f"{a / b:.2f}x of ours"))

print()
print("| measure | hwcloud-codegen | progenitor 0.15.1 | progenitor / ours |")
print("|---|---|---|---|")
for row in table:
    if row[1] == "n/a" and row[2] == "n/a":
        continue
    print("| " + " | ".join(row) + " |")


def criterion_means():
    means = {}
    for bench in criterion_dir.glob("**/new/benchmark.json"):
        full_id = json.loads(bench.read_text())["full_id"]
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        means[full_id] = estimates["mean"]["point_estimate"]
    return means


means = criterion_means()
if not means:
    sys.exit(0)
print()
print("| per request (criterion mean) | ours | baseline | ours / baseline | signature floor | ours / floor |")
print("|---|---|---|---|---|---|")


def against(ours, key):
    other = means.get(key)
    if other is None:
        return "n/a", "n/a"
    return f"{other / 1000:.2f} µs", f"{ours / other:.2f}x"


for full_id in sorted(means):
    if "/ours/" not in full_id:
        continue
    group, _, what = full_id.split("/", 2)
    ours = means[full_id]
    baseline, over_baseline = against(ours, f"{group}/baseline/{what}")
    floor, over_floor = against(ours, f"{group}/floor/{what}")
    print(f"| {group} {what} | {ours / 1000:.2f} µs | {baseline} | {over_baseline} | {floor} | {over_floor} |")
