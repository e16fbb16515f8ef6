// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet_reputation_commitments`: PROVISIONAL, estimated from the storage each
//! call touches and the reference's measured figures (register_purpose 54 µs, commit 79 µs),
//! until `scripts/benchmark-weights.sh pallet_reputation_commitments` generates them on this
//! machine.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed by `pallet_reputation_commitments`.
pub trait WeightInfo {
	fn register_purpose() -> Weight;
	fn commit_reputation() -> Weight;
	fn retire_purpose() -> Weight;
	fn purge_step() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_purpose() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn commit_reputation() -> Weight {
		Weight::from_parts(80_000_000, 3_900)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn retire_purpose() -> Weight {
		Weight::from_parts(30_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Clearing 64 commitments and removing 64 retired purposes with their deposits.
	fn purge_step() -> Weight {
		Weight::from_parts(3_000_000_000, 240_000)
			.saturating_add(T::DbWeight::get().reads(200_u64))
			.saturating_add(T::DbWeight::get().writes(260_u64))
	}
}

/// The same weights with RocksDB's database costs, for tests and tools without a runtime.
impl WeightInfo for () {
	fn register_purpose() -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn commit_reputation() -> Weight {
		Weight::from_parts(80_000_000, 3_900)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn retire_purpose() -> Weight {
		Weight::from_parts(30_000_000, 3_700)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn purge_step() -> Weight {
		Weight::from_parts(3_000_000_000, 240_000)
			.saturating_add(RocksDbWeight::get().reads(200_u64))
			.saturating_add(RocksDbWeight::get().writes(260_u64))
	}
}
