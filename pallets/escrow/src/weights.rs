// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights of the escrow calls.
//!
//! PLACEHOLDER until `scripts/benchmark-weights.sh pallet-escrow` is run with a release node:
//! the `()` implementation below is a conservative estimate, not a measurement.

use frame::weights_prelude::*;

/// The weight of each call.
pub trait WeightInfo {
	/// `open_channel`.
	fn open_channel() -> Weight;
	/// `open_channel_for`.
	fn open_channel_for() -> Weight;
	/// `add_funds`.
	fn add_funds() -> Weight;
	/// `extend`.
	fn extend() -> Weight;
	/// `extend_and_add_funds`.
	fn extend_and_add_funds() -> Weight;
	/// `claim`.
	fn claim() -> Weight;
	/// `claim_timeout`.
	fn claim_timeout() -> Weight;
	/// `release`.
	fn release() -> Weight;
	/// `close`.
	fn close() -> Weight;
}

/// Conservative estimates (see the module documentation), for tests.
impl WeightInfo for () {
	fn open_channel() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn open_channel_for() -> Weight {
		Weight::from_parts(200000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn add_funds() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn extend() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn extend_and_add_funds() -> Weight {
		Weight::from_parts(200000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn claim() -> Weight {
		Weight::from_parts(200000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn claim_timeout() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn release() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
	fn close() -> Weight {
		Weight::from_parts(100000000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 6))
	}
}
