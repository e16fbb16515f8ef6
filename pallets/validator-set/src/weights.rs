// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet_validator_set`: provisional, written by hand from the storage each call
//! touches with a generous 30 µs base and 1 µs per member, until `scripts/benchmark-weights.sh
//! pallet_validator_set` replaces this file with measured ones.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame::weights_prelude::*;

/// Weight functions needed by `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator(v: u32) -> Weight;
	fn remove_validator(v: u32) -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	/// The range of component `v` is `[1, 32]`.
	fn add_validator(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 2_000)
			.saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Storage: `ValidatorSet::SetChanged` (r:0 w:1)
	/// The range of component `v` is `[2, 32]`.
	fn remove_validator(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 2_000)
			.saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with RocksDB's database costs, for tests and tools without a runtime.
impl WeightInfo for () {
	fn add_validator(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 2_000)
			.saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator(v: u32) -> Weight {
		Weight::from_parts(30_000_000, 2_000)
			.saturating_add(Weight::from_parts(1_000_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
