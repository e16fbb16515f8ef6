#!/usr/bin/env bash
# Set up, build and run every test: formatting, lints, unit, pallet, runtime and node end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "feature propagation"
scripts/check-features.sh
step "clippy (no wasm build)"
SKIP_WASM_BUILD=1 cargo clippy --workspace --all-targets -- -D warnings
step "pallets without std (wasm32v1-none), also with their benchmarks"
# `substrate_runtime` is the cfg the wasm builder compiles runtimes with.
for features in "" runtime-benchmarks; do
	CARGO_TARGET_WASM32V1_NONE_RUSTFLAGS="--cfg substrate_runtime" SKIP_WASM_BUILD=1 cargo check -q \
		-p convene-primitives -p pallet-ceremony-scheduler -p pallet-communities \
		-p pallet-community-balances -p pallet-bazaar -p pallet-ceremonies -p pallet-escrow \
		-p pallet-validator-set -p pallet-vrf-randomness -p pallet-reputation-commitments \
		-p pallet-community-democracy -p pallet-community-treasuries -p pallet-personhood-faucet \
		--no-default-features \
		--features "$features" \
		--target wasm32v1-none
done
step "tests (with the wasm runtime)"
cargo test --workspace
step "pallet benchmarks as tests"
cargo test -p pallet-ceremony-scheduler -p pallet-communities -p pallet-community-balances \
	-p pallet-bazaar -p pallet-ceremonies -p pallet-escrow -p pallet-validator-set \
	-p pallet-vrf-randomness -p pallet-reputation-commitments -p pallet-community-democracy \
	-p pallet-community-treasuries -p pallet-personhood-faucet --features runtime-benchmarks
