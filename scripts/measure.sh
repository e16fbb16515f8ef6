#!/usr/bin/env bash
# Re-measure the README's build figures on this machine: an incremental build of the node after
# touching the runtime, and after touching the node. With --cold, also a cold build in a fresh
# target folder (takes ~25 minutes on 2 cores). Latency, throughput and ceremony figures come
# from the performance suite, `scripts/bench`.
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

cargo build -q -p convene-node
touch runtime/src/lib.rs
start=$(date +%s)
cargo build -q -p convene-node
echo "MEASURE incremental build after a runtime change: $(( $(date +%s) - start )) s"
touch node/src/service.rs
start=$(date +%s)
cargo build -q -p convene-node
echo "MEASURE incremental build after a node change: $(( $(date +%s) - start )) s"
