#!/usr/bin/env bash
# Refresh client/metadata/convene.scale (what the client's code is generated from) and
# convene.spec_version (the runtime version it belongs to) from the runtime, after a runtime
# change. Unlike `CONVENE_UPDATE_METADATA=1 cargo test -p convene-client
# --test cli committed_metadata`, it works when the client does not compile against the old
# file yet (a new pallet the client already uses): it builds only the node, starts a dev node
# on a free port, and asks it over HTTP JSON-RPC for metadata v16.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
cargo build -q -p convene-node
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
"$CARGO_TARGET_DIR/debug/convene-node" --dev --tmp --rpc-port "$port" --port 0 --no-prometheus \
	--no-telemetry --no-mdns >"$log" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null; rm -f "$log"' EXIT
python3 - "$port" client/metadata/convene.scale <<'PY'
import json, sys, time, urllib.request
port, path = sys.argv[1], sys.argv[2]
request = json.dumps({"id": 1, "jsonrpc": "2.0", "method": "state_call",
                      "params": ["Metadata_metadata_at_version", "0x10000000"]}).encode()
deadline = time.time() + 120
while True:
    try:
        answer = urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{port}", request, {"Content-Type": "application/json"}), timeout=5)
        result = json.load(answer)["result"]
        break
    except Exception:
        if time.time() > deadline:
            sys.exit("the dev node did not answer within 120 s")
        time.sleep(0.5)
raw = bytes.fromhex(result[2:])
assert raw[0] == 1, "the runtime serves no metadata v16"
# SCALE: Option tag, then a compact length, then the bytes.
mode = raw[1] & 3
if mode == 0:
    length, start = raw[1] >> 2, 2
elif mode == 1:
    length, start = int.from_bytes(raw[1:3], "little") >> 2, 3
elif mode == 2:
    length, start = int.from_bytes(raw[1:5], "little") >> 2, 5
else:
    n = (raw[1] >> 2) + 4
    length, start = int.from_bytes(raw[2:2 + n], "little"), 2 + n
metadata = raw[start:start + length]
assert len(metadata) == length, "truncated metadata"
open(path, "wb").write(metadata)
print(f"{path}: {length} bytes")
request = json.dumps({"id": 1, "jsonrpc": "2.0", "method": "state_getRuntimeVersion",
                      "params": []}).encode()
answer = urllib.request.urlopen(urllib.request.Request(
    f"http://127.0.0.1:{port}", request, {"Content-Type": "application/json"}), timeout=5)
version = json.load(answer)["result"]["specVersion"]
open(path.replace(".scale", ".spec_version"), "w").write(f"{version}\n")
print(f"spec_version {version}")
PY
