// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet-ceremony-scheduler`.
//!
//! Until the benchmark CLI lands (the communities issue adds `frame-omni-bencher` and
//! `scripts/benchmark.sh`, which will regenerate this file from `benchmarking.rs`), these are
//! derived from the storage each path touches, with a generous 30 µs of compute per call: every
//! path is O(1) (at most 4 reads and 3 writes plus one event).

use frame::weights_prelude::*;

/// Weight functions needed by `pallet-ceremony-scheduler`.
pub trait WeightInfo {
	/// `next_phase`, excluding the phase-change hooks.
	fn next_phase() -> Weight;
	/// `set_phase_duration`.
	fn set_phase_duration() -> Weight;
	/// `set_next_phase_timestamp`.
	fn set_next_phase_timestamp() -> Weight;
	/// The per-block check when no phase change is due.
	fn on_timestamp_set_idle() -> Weight;
	/// The per-block check when the schedule starts or the phase changes, excluding hooks.
	fn on_timestamp_set_phase_change() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn next_phase() -> Weight {
		Weight::from_parts(30_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn set_phase_duration() -> Weight {
		Weight::from_parts(30_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn set_next_phase_timestamp() -> Weight {
		Weight::from_parts(30_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn on_timestamp_set_idle() -> Weight {
		Weight::from_parts(5_000_000, 500).saturating_add(T::DbWeight::get().reads(1))
	}
	fn on_timestamp_set_phase_change() -> Weight {
		Weight::from_parts(30_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
}

/// Unit weights for tests.
impl WeightInfo for () {
	fn next_phase() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn set_phase_duration() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn set_next_phase_timestamp() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_timestamp_set_idle() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_timestamp_set_phase_change() -> Weight {
		Weight::from_parts(1, 0)
	}
}
