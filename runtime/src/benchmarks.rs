// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallets whose benchmarks the runtime runs (`convene-node benchmark pallet`, built with
//! `--features runtime-benchmarks`; see `scripts/benchmark-weights.sh`). The macro defines
//! `list_benchmarks!` and `add_benchmarks!`, which `apis.rs` uses.

frame_benchmarking::define_benchmarks!(
	[pallet_ceremony_scheduler, CeremonyScheduler]
	[pallet_communities, Communities]
	[pallet_community_balances, CommunityBalances]
	[pallet_ceremonies, Ceremonies]
	[pallet_bazaar, Bazaar]
	[pallet_escrow, Escrow]
	[pallet_escrow, CommunityEscrow]
	[pallet_validator_set, ValidatorSet]
	[pallet_vrf_randomness, VrfRandomness]
	[pallet_reputation_commitments, ReputationCommitments]
	[pallet_community_democracy, Democracy]
	[pallet_community_treasuries, Treasuries]
	[pallet_personhood_faucet, Faucet]
);
