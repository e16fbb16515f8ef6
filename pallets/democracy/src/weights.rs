// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet_community_democracy`: PROVISIONAL, estimated from the storage each call
//! touches and the reference's measured figures (submit_proposal 40 µs, vote 168 µs,
//! update_proposal_state 116 µs), until `scripts/benchmark-weights.sh pallet_community_democracy`
//! generates them on this machine.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed by `pallet_community_democracy`.
pub trait WeightInfo {
	fn submit_proposal() -> Weight;
	fn vote(r: u32) -> Weight;
	fn update_proposal_state() -> Weight;
	fn enact() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Without the electorate's reads (one per ceremony of the window), which the call adds.
	fn submit_proposal() -> Weight {
		Weight::from_parts(70_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// `r`: the reputations carried.
	fn vote(r: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(45_000_000, 2_600).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes(r.into()))
	}
	fn update_proposal_state() -> Weight {
		Weight::from_parts(120_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Enacting the dearest action (adding a location to a full geohash bucket).
	fn enact() -> Weight {
		Weight::from_parts(900_000_000, 30_000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
}

/// The same weights with RocksDB's database costs, for tests and tools without a runtime.
impl WeightInfo for () {
	fn submit_proposal() -> Weight {
		Weight::from_parts(70_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn vote(r: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(45_000_000, 2_600).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(r.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes(r.into()))
	}
	fn update_proposal_state() -> Weight {
		Weight::from_parts(120_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn enact() -> Weight {
		Weight::from_parts(900_000_000, 30_000)
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
}
