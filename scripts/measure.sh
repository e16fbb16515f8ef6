#!/usr/bin/env bash
# Re-measure the README's benchmark table on this machine:
#   - incremental build of the node after touching the runtime,
#   - `convene-node --dev --tmp` start to RPC ready (5 starts),
#   - submit → finalized latency of a signed transfer on a dev node (20 transfers),
#   - the `convene` CLI (release): process start → result for a query and a transaction.
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

# The `convene` CLI (release build) against a dev node: process start → result, 20 runs each.
cargo build -q --release -p convene-client
cli="$CARGO_TARGET_DIR/release/convene"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
"$CARGO_TARGET_DIR/debug/convene-node" --dev --tmp --rpc-port "$port" --port 0 --no-prometheus \
	--no-telemetry --no-mdns >"$log" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; rm -f "$log"' EXIT
until "$cli" --port "$port" get-phase >/dev/null 2>&1; do sleep 0.2; done
median_ms() { # command… → median wall time in ms of 20 runs
	local times=()
	for _ in $(seq 20); do
		local start=$(date +%s%N)
		"$@" >/dev/null
		times+=($(( ($(date +%s%N) - start) / 1000000 )))
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n 10p
}
echo "MEASURE convene get-phase (query), median of 20: $(median_ms "$cli" --port "$port" get-phase) ms"
echo "MEASURE convene transfer (in block), median of 20: $(median_ms "$cli" --port "$port" transfer //Alice //Bob 1CVN) ms"
echo "MEASURE convene transfer --wait finalized, median of 20: $(median_ms "$cli" --port "$port" --wait finalized transfer //Alice //Bob 1CVN) ms"
