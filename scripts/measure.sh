#!/usr/bin/env bash
# Re-measure the README's benchmark table on this machine:
#   - incremental build of the node after touching the runtime,
#   - `convene-node --dev --tmp` start to RPC ready (5 starts),
#   - submit → finalized latency of a signed transfer on a dev node (20 transfers).
# With --cold, also a cold build in a fresh target folder (takes ~25 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

if [ "${1:-}" = "--cold" ]; then
	cold_dir=$(mktemp -d)
	start=$(date +%s)
	CARGO_TARGET_DIR="$cold_dir" cargo build -q -p convene-node
	echo "MEASURE cold build of convene-node (debug, with wasm runtime): $(( $(date +%s) - start )) s"
	rm -rf "$cold_dir"
fi

cargo build -q -p convene-node --tests
touch runtime/src/lib.rs
start=$(date +%s)
cargo build -q -p convene-node
echo "MEASURE incremental build after a runtime change: $(( $(date +%s) - start )) s"
touch node/src/service.rs
start=$(date +%s)
cargo build -q -p convene-node
echo "MEASURE incremental build after a node change: $(( $(date +%s) - start )) s"

cargo test -q -p convene-node --test e2e -- --ignored --nocapture measure_dev_node 2>/dev/null | grep '^MEASURE'
