#!/usr/bin/env bash
# Benchmark Convene's pallets on this machine and regenerate their `weights.rs`.
#
#   scripts/benchmark-weights.sh [pallet ...]     (default: every Convene pallet)
#
# Builds `convene-node --release --features runtime-benchmarks` (a separate build from the normal
# one: about an hour cold on 2 cores) and runs `convene-node benchmark pallet` on the dev chain
# spec with the compiled wasm runtime. A release node matters: the runtime runs as compiled wasm
# either way, but its storage accesses run in the node, and a debug node makes every extrinsic
# look several times dearer. STEPS and REPEAT override 50 and 20.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

declare -A DIR=(
	[pallet_ceremony_scheduler]=pallets/scheduler
	[pallet_communities]=pallets/communities
	[pallet_community_balances]=pallets/balances
	[pallet_ceremonies]=pallets/ceremonies
	[pallet_bazaar]=pallets/bazaar
	[pallet_escrow]=pallets/escrow
	[pallet_validator_set]=pallets/validator-set
	[pallet_vrf_randomness]=pallets/vrf-randomness
	[pallet_reputation_commitments]=pallets/commitments
	[pallet_community_democracy]=pallets/democracy
	[pallet_community_treasuries]=pallets/treasuries
	[pallet_personhood_faucet]=pallets/faucet
)
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] ||
	pallets=(pallet_ceremony_scheduler pallet_communities pallet_community_balances pallet_ceremonies
		pallet_bazaar pallet_escrow pallet_validator_set pallet_vrf_randomness
		pallet_reputation_commitments pallet_community_democracy pallet_community_treasuries
		pallet_personhood_faucet)

cargo build --release -p convene-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/convene-node"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for pallet in "${pallets[@]}"; do
	dir=${DIR[$pallet]:?unknown pallet $pallet (one of: ${!DIR[*]})}
	# Into a folder: an instanced pallet gets one file per instance.
	"$node" benchmark pallet --chain dev --pallet "$pallet" --extrinsic '*' \
		--steps "${STEPS:-50}" --repeat "${REPEAT:-20}" --wasm-execution compiled \
		--heap-pages 4096 --template scripts/weight-template.hbs --output "$out/"
	if [ "$pallet" = pallet_escrow ]; then
		# Two instances, two ledgers, two sets of weights: `NativeWeight` and `CommunityWeight`.
		{
			sed -e 's/`SubstrateWeight` charges the/`NativeWeight` and `CommunityWeight` charge the/' \
				-e 's/SubstrateWeight/NativeWeight/g' \
				-e 's|^/// Weights for a runtime using `T::DbWeight`.|/// Native-token channels (`Escrow`), charging `T::DbWeight`.|' \
				"$out/pallet_escrow_escrow.rs"
			echo
			echo '/// Community-currency channels (`CommunityEscrow`), charging `T::DbWeight`.'
			sed -n '/^pub struct SubstrateWeight/,/^}/p' "$out/pallet_escrow_community_escrow.rs" |
				sed 's/SubstrateWeight/CommunityWeight/g'
		} >"$dir/src/weights.rs"
	else
		mv "$out/$pallet.rs" "$dir/src/weights.rs"
	fi
	rm -f "$out"/*.rs
done
cargo fmt --all
