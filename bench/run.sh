#!/usr/bin/env bash
# Benchmarks hwcloud-codegen against cargo-progenitor on the same specs, in
# one run on this machine, and prints a table of figures and ratios.
#
#   bench/run.sh            everything (~30 min on 2 cores, the first time)
#   BENCH_QUICK=1 bench/run.sh   skip release builds and cold consumer builds
#   BENCH_RUNS=N                 cold consumer builds per case (3; the median)
#   BENCH_ONLY=consumers         the cold consumer builds alone
#   BENCH_CONSUMERS="spec three" which consumers (default: spec three full;
#                                the whole-HSS ones take minutes each)
#
# Needs: cargo, python3, GNU time (/usr/bin/time), network for crates.io.
# Work files go to target/bench-work; the peer is installed, pinned, into
# target/bench-tools. Peak memory is the largest process's resident set
# (for a build: the largest rustc).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${HWCLOUD_SHARED_DIR:-$ROOT/../shared}
WORK=$ROOT/target/bench-work
TOOLS=$ROOT/target/bench-tools
PROGENITOR_VERSION=0.15.1
RESULTS=$WORK/results.tsv
QUICK=${BENCH_QUICK:-}
# Cold consumer builds per case; the median is reported.
RUNS=${BENCH_RUNS:-3}
CONSUMERS=${BENCH_CONSUMERS:-spec three full}
export CARGO_TERM_COLOR=never

[ -x /usr/bin/time ] || { echo "bench/run.sh needs GNU time at /usr/bin/time" >&2; exit 1; }
# Keep the target dirs: dependencies are not what is measured, and the
# cold-build measurements clear their own.
mkdir -p "$WORK"
find "$WORK" -mindepth 1 -maxdepth 1 ! -name 'target-*' -exec rm -rf {} +
: >"$RESULTS"

# measure KEY COMMAND...: runs COMMAND, records wall seconds and peak KB.
measure() {
    local key=$1
    shift
    /usr/bin/time -f "%e %M" -o "$WORK/time.out" "$@" >"$WORK/last.log" 2>&1 || {
        echo "failed: $*" >&2
        tail -30 "$WORK/last.log" >&2
        exit 1
    }
    read -r secs kb <"$WORK/time.out"
    printf '%s\t%s\t%s\n' "$key" "$secs" "$kb" >>"$RESULTS"
    printf '  %-40s %8.2f s %8.0f MB\n' "$key" "$secs" "$((kb / 1024))"
}

# best_of N KEY COMMAND...: the fastest of N runs. Generation takes about a
# second, and on a shared machine single runs vary by 10-30%; the fastest
# run is the one least disturbed (as hyperfine's "min").
best_of() {
    local n=$1 key=$2
    shift 2
    for i in $(seq "$n"); do measure "$key#$i" "$@"; done
    python3 - "$RESULTS" "$key" <<'EOF'
import sys
path, key = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(path)]
runs = [r for r in rows if r[0].startswith(key + "#")]
best = min(runs, key=lambda r: float(r[1]))
with open(path, "a") as f:
    f.write("\t".join([key, best[1], best[2]]) + "\n")
EOF
}

lines() { find "$1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
record() { printf '%s\t%s\t\n' "$1" "$2" >>"$RESULTS"; }

# A crate that generates its client in build.rs, built from nothing (fresh
# target dir): dependencies, generator, generation and the client itself.
#
# consumer NAME FLAVOUR SPEC [OPERATIONS]: FLAVOUR is `ours` (the runtime
# with its default features: TLS and the regex engine), `ours-lean` (the
# runtime without default features: plain http, what progenitor's consumer
# below can do, and no regex engine, which these specs' lack of patterns
# allows) or `progenitor`;
# OPERATIONS, a comma list, selects operations (ours only).
consumer() {
    local name=$1 flavour=$2 spec=$3 operations=${4:-} dir=$WORK/$1
    rm -rf "$dir"
    mkdir -p "$dir/src"
    cp "$spec" "$dir/spec.json"
    case $flavour in
    ours | ours-lean)
        local runtime_features="" select=""
        [ "$flavour" = ours-lean ] && runtime_features=", default-features = false"
        [ -n "$operations" ] && select=".operations([\"${operations//,/\", \"}\"])"
        cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.1.0"
edition = "2021"

[dependencies]
hwcloud-runtime = { path = "$ROOT/runtime"$runtime_features }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[build-dependencies]
hwcloud-codegen = { path = "$ROOT/generator", default-features = false }
EOF
        cat >"$dir/build.rs" <<EOF
fn main() {
    hwcloud_codegen::Builder::new()
        .spec("spec.json")
        $select
        .generate_to(std::env::var_os("OUT_DIR").unwrap())
        .unwrap_or_else(|err| panic!("{err}"));
}
EOF
        echo 'include!(concat!(env!("OUT_DIR"), "/hwcloud_client.rs"));' >"$dir/src/lib.rs"
        cp Cargo.lock "$dir/Cargo.lock"
        ;;
    progenitor)
        # progenitor's README build.rs recipe, and the dependencies its
        # generated code needs (as cargo-progenitor writes them).
        cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.1.0"
edition = "2021"

[dependencies]
bytes = "1.9"
futures-core = "0.3"
progenitor-client = "=$PROGENITOR_VERSION"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"

[build-dependencies]
prettyplease = "0.2"
progenitor = "=$PROGENITOR_VERSION"
serde_json = "1"
syn = "2"
EOF
        cat >"$dir/build.rs" <<'EOF'
fn main() {
    let src = "spec.json";
    println!("cargo:rerun-if-changed={src}");
    let spec = serde_json::from_reader(std::fs::File::open(src).unwrap()).unwrap();
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&spec).unwrap();
    let content = prettyplease::unparse(&syn::parse2(tokens).unwrap());
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("codegen.rs");
    std::fs::write(out, content).unwrap();
}
EOF
        echo 'include!(concat!(env!("OUT_DIR"), "/codegen.rs"));' >"$dir/src/lib.rs"
        (cd "$dir" && cargo generate-lockfile --quiet)
        ;;
    esac
    (cd "$dir" && cargo fetch --quiet)
    export CARGO_TARGET_DIR=$WORK/target-consumer
    for i in $(seq "$RUNS"); do
        rm -rf "$CARGO_TARGET_DIR"
        measure "cold.$name#$i" cargo build --quiet --manifest-path "$dir/Cargo.toml"
    done
    rm -rf "$CARGO_TARGET_DIR"
    unset CARGO_TARGET_DIR
    median "cold.$name"
}

# median KEY: the median of the runs KEY#1..N, time and memory each.
median() {
    python3 - "$RESULTS" "$1" <<'EOF'
import statistics, sys
path, key = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(path)]
runs = [r for r in rows if r[0].startswith(key + "#")]
secs = statistics.median(float(r[1]) for r in runs)
kb = statistics.median(int(r[2]) for r in runs)
with open(path, "a") as f:
    f.write(f"{key}\t{secs:.2f}\t{kb:.0f}\n")
EOF
}

cold_consumers() {
    echo "== cold build of a build.rs consumer (median of $RUNS)"
    local group
    for group in $CONSUMERS; do
        case $group in
        spec)
            consumer consumer-spec-ours ours spec/hss.json
            consumer consumer-spec-lean ours-lean spec/hss.json
            consumer consumer-spec-progenitor progenitor spec/hss.json
            ;;
        three)
            # Three operations of the whole HSS API.
            local three=list_accounts,batch_add_accounts,list_ai_policies
            consumer consumer-three-ours ours "$FULL" "$three"
            consumer consumer-three-lean ours-lean "$FULL" "$three"
            ;;
        full)
            consumer consumer-full-ours ours "$FULL"
            # progenitor refuses hss-full.json: its subset, one operation less.
            consumer consumer-full-progenitor progenitor "$SUBSET"
            ;;
        *)
            echo "BENCH_CONSUMERS: no group $group (spec, three, full)" >&2
            exit 1
            ;;
        esac
    done
}

FULL=$SHARED/bench-specs/hss-full.json
SUBSET=$SHARED/bench-specs/hss-full-progenitor-subset.json
if [ "${BENCH_ONLY:-}" = consumers ]; then
    # Neither tools nor criterion: the consumers build their own, and an
    # earlier run's criterion figures would be reported as this run's.
    cold_consumers
    python3 bench/report.py "$RESULTS" "$WORK/no-criterion"
    exit 0
fi

echo "== tools"
cargo build --quiet --release -p hwcloud-codegen
OURS=$ROOT/target/release/hwcloud-codegen
PROGENITOR=$TOOLS/bin/cargo-progenitor
if ! "$PROGENITOR" progenitor --version 2>/dev/null | grep -q "$PROGENITOR_VERSION"; then
    cargo install --quiet --locked cargo-progenitor --version "$PROGENITOR_VERSION" --root "$TOOLS"
fi


echo "== generation (best of 5)"
best_of 5 gen.spec.ours "$OURS" generate --no-tests --spec spec/hss.json --spec spec/swr.json \
    --out "$WORK/ours-spec" --crate-name ours-spec
# progenitor takes one spec per crate: both crates, one after the other.
best_of 5 gen.spec.progenitor bash -c "
    '$PROGENITOR' progenitor -i spec/hss.json -o '$WORK/prog-hss' -n prog-hss -v 0.1.0 &&
    '$PROGENITOR' progenitor -i spec/swr.json -o '$WORK/prog-swr' -n prog-swr -v 0.1.0"
best_of 5 gen.full.ours "$OURS" generate --no-tests --spec "$FULL" \
    --out "$WORK/ours-full" --crate-name ours-full
best_of 5 gen.full-with-tests.ours "$OURS" generate --spec "$FULL" \
    --out "$WORK/ours-full-tests" --crate-name ours-full-tests
best_of 5 gen.subset.ours "$OURS" generate --no-tests --spec "$SUBSET" \
    --out "$WORK/ours-subset" --crate-name ours-subset --runtime-path "$ROOT/runtime"
best_of 5 gen.subset.progenitor "$PROGENITOR" progenitor -i "$SUBSET" \
    -o "$WORK/prog-subset" -n prog-subset -v 0.1.0
record lines.subset.ours "$(lines "$WORK/ours-subset")"
record lines.subset.progenitor "$(lines "$WORK/prog-subset")"

# compile PROFILE NAME: the crate alone (its dependencies built first, then
# `touch src/lib.rs` so only the crate itself is timed).
compile() {
    local profile=$1 name=$2 flag=()
    [ "$profile" = release ] && flag=(--release)
    local dir=$WORK/$name
    export CARGO_TARGET_DIR=$WORK/target-$name
    cargo build --quiet "${flag[@]}" --manifest-path "$dir/Cargo.toml" 2>"$WORK/deps.log" || {
        cat "$WORK/deps.log" >&2
        exit 1
    }
    touch "$dir/src/lib.rs"
    measure "compile.$profile.$name" cargo build --quiet "${flag[@]}" --manifest-path "$dir/Cargo.toml"
    unset CARGO_TARGET_DIR
}

echo "== compile the generated crate alone (hss-full-progenitor-subset.json)"
# Ours resolves the workspace's dependency versions.
cp Cargo.lock "$WORK/ours-subset/Cargo.lock"
compile debug ours-subset
compile debug prog-subset
if [ -z "$QUICK" ]; then
    compile release ours-subset
    compile release prog-subset
fi

if [ -z "$QUICK" ]; then
    cold_consumers
fi

echo "== runtime per request (criterion)"
cargo bench --quiet -p hwcloud-bench >"$WORK/criterion.log" 2>&1 || {
    tail -30 "$WORK/criterion.log" >&2
    exit 1
}

python3 bench/report.py "$RESULTS" "$ROOT/target/criterion"
