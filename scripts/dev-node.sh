#!/usr/bin/env bash
# Set up, build and start a development node (instant sealing, RPC on ws://127.0.0.1:9944).
# Extra arguments go to the node, e.g. `scripts/dev-node.sh --dev-block-time 2000`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
# The whole workspace, as every script builds it: one feature set for every binary, so the next
# command (scripts/testnet, scripts/test.sh, the CLI) finds its dependencies built.
cargo build --workspace
exec "$CARGO_TARGET_DIR/debug/convene-node" --dev --tmp "$@"
