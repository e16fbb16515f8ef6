// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet_personhood_faucet`: PROVISIONAL, estimated from the storage each call
//! touches and the reference's measured figures (create 226 µs, drip 224 µs, dissolve 174 µs,
//! close 196 µs), until `scripts/benchmark-weights.sh pallet_personhood_faucet` generates them on
//! this machine.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed by `pallet_personhood_faucet`.
pub trait WeightInfo {
	fn create_faucet(w: u32) -> Weight;
	fn drip() -> Weight;
	fn dissolve_faucet() -> Weight;
	fn close_faucet() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// `w`: the communities on the whitelist.
	fn create_faucet(w: u32) -> Weight {
		Weight::from_parts(150_000_000, 6_200)
			.saturating_add(Weight::from_parts(6_000_000, 2_800).saturating_mul(w.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads(w.into()))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn drip() -> Weight {
		Weight::from_parts(160_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn dissolve_faucet() -> Weight {
		Weight::from_parts(130_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn close_faucet() -> Weight {
		Weight::from_parts(130_000_000, 6_200)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
}

/// The same weights with RocksDB's database costs, for tests and tools without a runtime.
impl WeightInfo for () {
	fn create_faucet(w: u32) -> Weight {
		Weight::from_parts(150_000_000, 6_200)
			.saturating_add(Weight::from_parts(6_000_000, 2_800).saturating_mul(w.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().reads(w.into()))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn drip() -> Weight {
		Weight::from_parts(160_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn dissolve_faucet() -> Weight {
		Weight::from_parts(130_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn close_faucet() -> Weight {
		Weight::from_parts(130_000_000, 6_200)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
}
