#!/usr/bin/env bash
# Feature plumbing check (STYLE rule 3), a small stand-in for zepter: every no_std crate of ours
# must forward `std`, `runtime-benchmarks` and `try-runtime` to each normal dependency that has
# that feature.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --no-deps >/tmp/convene-metadata-nodeps.json
cargo metadata --format-version 1 >/tmp/convene-metadata.json
python3 - <<'PY'
import json, sys
full = json.load(open("/tmp/convene-metadata.json"))
ours = json.load(open("/tmp/convene-metadata-nodeps.json"))["packages"]
features_of = {}
for p in full["packages"]:
    features_of.setdefault(p["name"], {})[p["version"]] = set(p["features"])
def dep_features(name):
    # Union over resolved versions of that name (a name rarely has two versions here).
    out = set()
    for fs in features_of.get(name, {}).values():
        out |= fs
    return out
checked = ("std", "runtime-benchmarks", "try-runtime")
problems = []
for p in ours:
    if "std" not in p["features"] or "runtime-benchmarks" not in p["features"]:
        continue  # std-only crates (node, clients, test helpers)
    for feature in checked:
        enabled = set(p["features"].get(feature, []))
        for d in p["dependencies"]:
            if d["kind"] is not None:
                continue  # dev and build dependencies
            if feature not in dep_features(d["name"]):
                continue
            local = d.get("rename") or d["name"]
            if feature == "std" and "std" in d.get("features", []):
                continue
            if f"{local}/{feature}" not in enabled and f"{local}?/{feature}" not in enabled:
                problems.append(f'{p["name"]}: feature "{feature}" does not enable "{local}/{feature}"')
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("feature plumbing ok")
PY

# One feature set (issue 19, point 6): every script builds the whole workspace, and the tests
# may add crates but must not change a feature of a crate the build has, or `cargo test` after
# `cargo build --workspace` (and the other way round) compiles much of the graph again.
tree() {
	cargo tree --workspace --locked -e "$1" -f '{p} {f}' --prefix none | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u
}
changed=$(comm -23 <(tree normal,build) <(tree normal,build,dev))
if [ -n "$changed" ]; then
	echo "the tests' dev-dependencies change features of crates the build has (align them):"
	echo "$changed"
	comm -13 <(tree normal,build) <(tree normal,build,dev) | grep -F -f <(echo "$changed" | cut -d' ' -f1 | sed 's/$/ /')
	exit 1
fi
echo "one feature set for the build and the tests"
