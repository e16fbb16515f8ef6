// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet-bazaar`.
//!
//! Derived from the storage each path touches until the benchmark CLI regenerates this file from
//! `benchmarking.rs`. A business record is at most 150 bytes, an offering 100.

use frame::weights_prelude::*;

/// Weight functions needed by `pallet-bazaar`.
pub trait WeightInfo {
	/// `create_business`.
	fn create_business() -> Weight;
	/// `update_business`.
	fn update_business() -> Weight;
	/// `delete_business` of a business with `o` offerings.
	fn delete_business(o: u32) -> Weight;
	/// `create_offering`.
	fn create_offering() -> Weight;
	/// `update_offering`.
	fn update_offering() -> Weight;
	/// `delete_offering`.
	fn delete_offering() -> Weight;
	/// The purge hook: mark a community's businesses for removal.
	fn start_purge() -> Weight;
	/// The fixed part of an `on_idle` purge step (businesses are charged as `delete_business`).
	fn purge_step() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_business() -> Weight {
		Weight::from_parts(25_000_000, 2_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn update_business() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn delete_business(o: u32) -> Weight {
		Weight::from_parts(25_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(Weight::from_parts(5_000_000, 150).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().writes(1).saturating_mul(o.into()))
	}
	fn create_offering() -> Weight {
		Weight::from_parts(25_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(1, 2))
	}
	fn update_offering() -> Weight {
		Weight::from_parts(20_000_000, 1_500).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn delete_offering() -> Weight {
		Weight::from_parts(22_000_000, 1_500).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn start_purge() -> Weight {
		Weight::from_parts(8_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
	fn purge_step() -> Weight {
		Weight::from_parts(8_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}
