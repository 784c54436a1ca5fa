#!/usr/bin/env bash
# Cross-checks `hwcloud-codegen diff` against cargo-semver-checks.
#
# For each case below: a JSON edit of spec/hss.json makes a "new" spec; the
# generator writes a standalone crate for the unchanged spec (old) and for the
# edited one (new) under target/semver-xcheck/<case>/; `hwcloud-codegen diff`
# gives its verdict on the spec change and `cargo semver-checks check-release`
# its verdict on the two crates' public API. One line per case:
#
#   case  diff-verdict  semver-checks-verdict  agree|disagree  (failed lints)
#
# Needs cargo-semver-checks (on PATH, or in /work/tools/bin). Not run by
# .ci/run for that reason. Cases run one after another (rustdoc builds are
# the slow part; dependencies are built once in a shared target dir).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# cargo-semver-checks: from PATH, else where the tools install put it.
if ! command -v cargo-semver-checks >/dev/null 2>&1; then
    export PATH="/work/tools/bin:$PATH"
fi
command -v cargo-semver-checks >/dev/null 2>&1 || {
    echo "cargo-semver-checks not found (cargo install cargo-semver-checks)" >&2
    exit 2
}

work="$root/target/semver-xcheck"
mkdir -p "$work"
# One target dir for every generated crate and every rustdoc build, so the
# dependencies (serde, serde_json, hwcloud-runtime…) compile once. The
# generated crates live under target/, which the workspace excludes, so
# cargo treats each one as a standalone package.
export CARGO_TARGET_DIR="$work/target"
unset RUSTFLAGS

# Build the generator once; `cargo run -q` below then only runs it.
cargo build -q -p hwcloud-codegen
codegen() { cargo run -q -p hwcloud-codegen -- "$@"; }

# Both crates get version 1.0.0 and semver-checks is told the new one is a
# minor release: then exactly the major-level (breaking) lints fail, and
# minor-level ones (e.g. an item newly deprecated) do not. (At 0.x, Cargo's
# rules would make any minor bump "major" and nothing could fail.)
version=1.0.0

# The cases: name, then the Python statements that edit the spec `d`.
# LIST is ListRegistry's operation object, S the schemas (same edits as
# generator/tests/diff.rs).
cases=(
    "optional-request-field-added"
    "S['AddRegistryRequestBody']['properties']['note'] = {'type': 'string'}"

    "required-request-field-added"
    "S['AddRegistryRequestBody']['properties']['note'] = {'type': 'string'}; S['AddRegistryRequestBody']['required'].append('note')"

    "response-field-added"
    "S['RegistryInfo']['properties']['created_at'] = {'type': 'string'}"

    "request-enum-value-added"
    "S['ThirdPartyRegistryType']['enum'].append('Quay')"

    "response-enum-value-added"
    "S['RegistryFailReason']['enum'].append('TIMEOUT')"

    "error-status-added"
    "LIST['responses']['400'] = {'description': 'Invalid request.'}"

    "second-success-added"
    "LIST['responses']['202'] = {'description': 'Accepted, listed later.'}"

    "request-range-narrowed"
    "LIST['parameters'][3]['schema']['maximum'] = 100"

    "operation-removed"
    "del d['paths']['/v5/{project_id}/image/registries/{id}']"

    "response-field-removed"
    "del S['RegistryInfo']['properties']['images_num']"

    "description-only"
    "S['RegistryInfo']['properties']['images_num']['description'] = 'How many images the registry holds.'"
)

# Writes the crate for SPEC into DIR (replacing what was there).
generate() {
    local spec=$1 dir=$2
    rm -rf "$dir"
    # --runtime-path is relative to the output directory; an absolute path
    # avoids counting `../`.
    codegen generate --spec "$spec" --out "$dir" --crate-name hwcloud-xcheck \
        --crate-version "$version" --runtime-path "$root/runtime" --no-tests \
        >"$dir.log" 2>&1 || { cat "$dir.log" >&2; exit 1; } # summary and spec warnings
    # The workspace's lock file: the same dependency versions everywhere,
    # nothing resolved afresh.
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
}

printf '%-30s %-11s %-14s %-9s %s\n' case diff semver-checks verdict "failed lints"
for ((i = 0; i < ${#cases[@]}; i += 2)); do
    name=${cases[i]}
    edit=${cases[i + 1]}
    dir="$work/$name"
    mkdir -p "$dir"

    # The mutated spec: an inline JSON edit of spec/hss.json.
    python3 - "$root/spec/hss.json" "$dir/new.json" "$edit" <<'PY'
import json, sys
src, dst, edit = sys.argv[1:4]
with open(src) as f:
    d = json.load(f)
LIST = d['paths']['/v5/{project_id}/image/registries']['get']
S = d['components']['schemas']
exec(edit)
with open(dst, 'w') as f:
    json.dump(d, f, indent=2, ensure_ascii=False)
PY

    generate "$root/spec/hss.json" "$dir/old"
    generate "$dir/new.json" "$dir/new"

    # diff's verdict: breaking if any change is, compatible if there are
    # changes and none is, none when nothing changed.
    codegen diff "$root/spec/hss.json" "$dir/new.json" --json >"$dir/diff.json"
    diff_verdict=$(python3 - "$dir/diff.json" <<'PY'
import json, sys
changes = json.load(open(sys.argv[1]))["changes"]
severities = {c["severity"] for c in changes}
print("breaking" if "breaking" in severities else "compatible" if changes else "none")
PY
)

    # semver-checks' verdict: breaking if any lint fails. It exits 1 on a
    # failed lint, and also on an error (e.g. a build failure), so the
    # verdict comes from its report, and an error stops the script.
    status=0
    cargo semver-checks check-release \
        --baseline-root "$dir/old" \
        --manifest-path "$dir/new/Cargo.toml" \
        --release-type minor \
        >"$dir/semver-checks.log" 2>&1 || status=$?
    # Failed lints are reported as `--- failure LINT: …`.
    lints=$(sed -n 's/^--- failure \([a-z0-9_]*\):.*/\1/p' "$dir/semver-checks.log" | sort -u | paste -sd, -)
    if [[ -n $lints ]]; then
        semver_verdict=breaking
    elif [[ $status -eq 0 ]]; then
        semver_verdict=compatible
    else
        echo "cargo semver-checks failed for $name (see $dir/semver-checks.log):" >&2
        tail -20 "$dir/semver-checks.log" >&2
        exit 1
    fi

    # `none` (diff found nothing) agrees with semver-checks' "compatible":
    # neither asks for a breaking release.
    if [[ $diff_verdict == "$semver_verdict" ||
        ($diff_verdict == none && $semver_verdict == compatible) ]]; then
        agreement=agree
    else
        agreement=disagree
    fi
    printf '%-30s %-11s %-14s %-9s %s\n' "$name" "$diff_verdict" "$semver_verdict" "$agreement" "${lints:--}"
done
