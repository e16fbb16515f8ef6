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
