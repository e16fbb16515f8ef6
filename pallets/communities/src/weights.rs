// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet-communities`.
//!
//! Derived from the storage each path touches until the benchmark CLI regenerates this file from
//! `benchmarking.rs`. The minimum-distance check reads at most nine buckets of
//! `MaxLocationsPerBucket` entries (41 bytes each); the proof sizes below assume Convene's bound
//! of 64 entries per bucket (2.7 KB per bucket).

use frame::weights_prelude::*;

/// Weight functions needed by `pallet-communities`.
pub trait WeightInfo {
	/// `new_community`.
	fn new_community() -> Weight;
	/// `add_location`.
	fn add_location() -> Weight;
	/// `remove_location`.
	fn remove_location() -> Weight;
	/// `update_metadata`.
	fn update_metadata() -> Weight;
	/// `update_demurrage`.
	fn update_demurrage() -> Weight;
	/// `update_nominal_income`.
	fn update_nominal_income() -> Weight;
	/// `purge_community` of a community with `l` locations, excluding the hooks.
	fn purge_community(l: u32) -> Weight;
	/// `set_open_creation`.
	fn set_open_creation() -> Weight;
}

/// One bucket of 64 entries, as proof size.
const BUCKET_PROOF: u64 = 64 * 41 + 100;

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn new_community() -> Weight {
		// Nine buckets, the metadata and bootstrapper checks; 6 writes.
		Weight::from_parts(200_000_000, 9 * BUCKET_PROOF + 2_000)
			.saturating_add(T::DbWeight::get().reads(12))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	fn add_location() -> Weight {
		Weight::from_parts(150_000_000, 9 * BUCKET_PROOF + 1_000)
			.saturating_add(T::DbWeight::get().reads(12))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn remove_location() -> Weight {
		Weight::from_parts(60_000_000, 2 * BUCKET_PROOF + 1_000)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(30_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn update_demurrage() -> Weight {
		Weight::from_parts(20_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn update_nominal_income() -> Weight {
		Weight::from_parts(20_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn purge_community(l: u32) -> Weight {
		Weight::from_parts(40_000_000, 2_000)
			.saturating_add(Weight::from_parts(20_000_000, BUCKET_PROOF).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	fn set_open_creation() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}

/// Unit weights for tests (`purge_community` grows with `l`, so refunds are visible).
impl WeightInfo for () {
	fn new_community() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn add_location() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn remove_location() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn update_demurrage() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn update_nominal_income() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn purge_community(l: u32) -> Weight {
		Weight::from_parts(1 + u64::from(l), 0)
	}
	fn set_open_creation() -> Weight {
		Weight::from_parts(1, 0)
	}
}
