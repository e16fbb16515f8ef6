// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet_community_treasuries`: PROVISIONAL, estimated from the storage each call
//! touches, until `scripts/benchmark-weights.sh pallet_community_treasuries` generates them on
//! this machine.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed by `pallet_community_treasuries`.
pub trait WeightInfo {
	fn spend_native() -> Weight;
	fn spend_community_currency() -> Weight;
	fn set_issuance_share() -> Weight;
	fn fund_from_issuance() -> Weight;
	fn fund_from_fee() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn spend_native() -> Weight {
		Weight::from_parts(80_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn spend_community_currency() -> Weight {
		Weight::from_parts(90_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn set_issuance_share() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn fund_from_issuance() -> Weight {
		Weight::from_parts(60_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn fund_from_fee() -> Weight {
		Weight::from_parts(40_000_000, 3_900)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// The same weights with RocksDB's database costs, for tests and tools without a runtime.
impl WeightInfo for () {
	fn spend_native() -> Weight {
		Weight::from_parts(80_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn spend_community_currency() -> Weight {
		Weight::from_parts(90_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn set_issuance_share() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn fund_from_issuance() -> Weight {
		Weight::from_parts(60_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn fund_from_fee() -> Weight {
		Weight::from_parts(40_000_000, 3_900)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
}
