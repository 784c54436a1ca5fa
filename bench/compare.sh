#!/usr/bin/env bash
# What a change costs, measured against a base revision in the same run:
# generation time and peak memory (hss-full and its progenitor subset), and
# the debug compile time and peak memory of the generated subset crate
# alone. Both sides are measured interleaved (base, change, base, ...), so
# a slow spell of this machine hits both.
#
#   bench/compare.sh REV [RUNS]     REV: the base (a commit, tag or branch);
#                                   RUNS: compiles per side (default 3)
#
# Needs: cargo, python3, GNU time, ../shared/bench-specs. Work files go to
# target/bench-compare (the base checkout is a git worktree there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE_REV=${1:?usage: bench/compare.sh REV [RUNS]}
RUNS=${2:-3}
SHARED=${HWCLOUD_SHARED_DIR:-$ROOT/../shared}
WORK=$ROOT/target/bench-compare
FULL=$SHARED/bench-specs/hss-full.json
SUBSET=$SHARED/bench-specs/hss-full-progenitor-subset.json
RESULTS=$WORK/results.tsv
export CARGO_TERM_COLOR=never

[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }
[ -f "$SUBSET" ] || { echo "no $SUBSET (set HWCLOUD_SHARED_DIR)" >&2; exit 1; }
mkdir -p "$WORK"
: >"$RESULTS"

# The base: a worktree at REV, built into its own target dir.
BASE=$WORK/base
if [ -d "$BASE" ]; then
    git worktree remove --force "$BASE"
fi
git worktree add --quiet --detach "$BASE" "$BASE_REV"
trap 'git worktree remove --force "$BASE" 2>/dev/null || true' EXIT

echo "== generators (release)"
(cd "$BASE" && CARGO_TARGET_DIR=$WORK/target-base-tools cargo build --quiet --release -p hwcloud-codegen)
cargo build --quiet --release -p hwcloud-codegen
declare -A CODEGEN=([base]=$WORK/target-base-tools/release/hwcloud-codegen [change]=$ROOT/target/release/hwcloud-codegen)
declare -A CHECKOUT=([base]=$BASE [change]=$ROOT)

# measure KEY COMMAND...: wall seconds, peak KB of the largest process,
# and CPU seconds (user, system), which a busy machine disturbs less than
# wall time.
measure() {
    local key=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.out" "$@" >"$WORK/last.log" 2>&1 || {
        echo "failed: $*" >&2
        tail -30 "$WORK/last.log" >&2
        exit 1
    }
    read -r secs kb user sys <"$WORK/time.out"
    printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$secs" "$kb" "$user" "$sys" >>"$RESULTS"
}

echo "== generation (best of 5, interleaved)"
for i in 1 2 3 4 5; do
    for side in base change; do
        measure "gen.full.$side" "${CODEGEN[$side]}" generate --no-tests --spec "$FULL" \
            --out "$WORK/full-$side" --crate-name "full-$side"
        measure "gen.subset.$side" "${CODEGEN[$side]}" generate --no-tests --spec "$SUBSET" \
            --out "$WORK/subset-$side" --crate-name "subset-$side" \
            --runtime-path "${CHECKOUT[$side]}/runtime"
    done
done

echo "== compile the subset crate alone (debug, $RUNS per side, interleaved)"
for side in base change; do
    cp "${CHECKOUT[$side]}/Cargo.lock" "$WORK/subset-$side/Cargo.lock"
    # Dependencies first, so that only the crate itself is timed.
    CARGO_TARGET_DIR=$WORK/target-subset-$side cargo build --quiet \
        --manifest-path "$WORK/subset-$side/Cargo.toml"
done
for i in $(seq "$RUNS"); do
    for side in base change; do
        touch "$WORK/subset-$side/src/lib.rs"
        CARGO_TARGET_DIR=$WORK/target-subset-$side measure "compile.debug.$side" \
            cargo build --quiet --manifest-path "$WORK/subset-$side/Cargo.toml"
    done
done
for side in base change; do
    printf 'lines.%s\t%s\t\t\t\n' "$side" \
        "$(find "$WORK/subset-$side/src" -name '*.rs' -print0 | xargs -0 cat | wc -l)" >>"$RESULTS"
done

python3 - "$RESULTS" "$BASE_REV" <<'EOF'
import sys
from collections import defaultdict
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
runs = defaultdict(list)
for key, secs, kb, user, system in rows:
    cpu = float(user) + float(system) if user else 0.0
    runs[key].append((float(secs), int(kb) if kb else 0, cpu))
print(f"\nbase {sys.argv[2]} vs the working tree (each: its best run; memory: that run's peak)")
print(f"{'measure':<24}{'base':>14}{'change':>14}{'change/base':>13}")
for what in ["gen.full", "gen.subset", "compile.debug"]:
    b, c = runs[f"{what}.base"], runs[f"{what}.change"]
    for label, pick, unit, scale in [("time", 0, "s", 1), ("cpu", 2, "s", 1), ("memory", 1, "MB", 1024)]:
        if label == "memory":
            bb, cc = min(b)[1] / scale, min(c)[1] / scale
        else:
            bb, cc = min(r[pick] for r in b), min(r[pick] for r in c)
        print(f"{what + ' ' + label:<24}{bb:>11.2f} {unit:<2}{cc:>11.2f} {unit:<2}{cc / bb:>12.3f}")
lb, lc = runs["lines.base"][0][0], runs["lines.change"][0][0]
print(f"{'subset lines':<24}{lb:>14.0f}{lc:>14.0f}{lc / lb:>13.3f}")
for side in ["base", "change"]:
    times = ", ".join(f"{s:.2f}/{c:.2f}" for s, _, c in runs[f"compile.debug.{side}"])
    print(f"  compile.debug.{side} runs (wall/cpu s): {times}")
EOF
