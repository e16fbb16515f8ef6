// SPDX-License-Identifier: GPL-3.0-or-later
//! Weights for `pallet-community-balances`.
//!
//! Derived from the storage each path touches until the benchmark CLI regenerates this file from
//! `benchmarking.rs`. The demurrage factor (`exp` with a 126-bit series) costs a few
//! microseconds per balance read.

use frame::weights_prelude::*;

/// Weight functions needed by `pallet-community-balances`.
pub trait WeightInfo {
	/// `transfer` to a new account, the sender staying above the existential deposit.
	fn transfer() -> Weight;
	/// `transfer_all` to a new account (the sender is removed).
	fn transfer_all() -> Weight;
	/// `set_fee_conversion_factor`.
	fn set_fee_conversion_factor() -> Weight;
	/// The purge hook: mark a community's balances for removal.
	fn start_purge() -> Weight;
	/// One `on_idle` purge step removing `n` accounts.
	fn purge_accounts(n: u32) -> Weight;
	/// Withdrawing a fee from a community balance and refunding the unused part.
	fn charge_fee_in_community_currency() -> Weight;
}

/// Weights for a runtime using `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn transfer() -> Weight {
		// Community (2), purge flag, both balances, total issuance, System account.
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn transfer_all() -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn set_fee_conversion_factor() -> Weight {
		Weight::from_parts(8_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
	fn start_purge() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(2))
	}
	fn purge_accounts(n: u32) -> Weight {
		Weight::from_parts(8_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(Weight::from_parts(12_000_000, 700).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn charge_fee_in_community_currency() -> Weight {
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(4))
	}
}
