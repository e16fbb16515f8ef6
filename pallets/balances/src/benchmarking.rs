// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2), each at its worst: both balances decayed over a year before the write, new
//! recipients (an `Endowed` account and a sufficient reference), reaped senders.

use super::*;
use convene_primitives::demurrage::YEAR_MS;
use frame::{benchmarking::prelude::*, traits::Time};

/// A community and `who` holding 100 units in it, last written a year ago (so every read
/// applies demurrage).
fn funded<T: Config>(who: &T::AccountId) -> CommunityIdentifier {
	let cid = T::BenchmarkHelper::community();
	let a_year_ago = T::Time::now().saturating_sub(YEAR_MS);
	let entry = BalanceEntry { principal: U64F64::from_int(100), last_update: a_year_ago };
	Balances::<T>::insert(cid, who, entry);
	TotalIssuance::<T>::insert(cid, entry);
	frame_system::Pallet::<T>::inc_sufficients(who);
	cid
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn transfer() {
		let caller: T::AccountId = whitelisted_caller();
		let dest: T::AccountId = account("dest", 0, 0);
		let cid = funded::<T>(&caller);
		let amount = U64F64::from_int(10);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), dest.clone(), cid, amount);

		assert_eq!(Pallet::<T>::balance(cid, &dest), amount);
	}

	#[benchmark]
	fn transfer_all() {
		let caller: T::AccountId = whitelisted_caller();
		let dest: T::AccountId = account("dest", 0, 0);
		let cid = funded::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), dest.clone(), cid);

		assert!(!Balances::<T>::contains_key(cid, &caller));
		assert!(Pallet::<T>::balance(cid, &dest) > U64F64::ZERO);
	}

	#[benchmark]
	fn set_fee_conversion_factor() -> Result<(), BenchmarkError> {
		let origin =
			T::FeeMaster::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let factor = U64F64::from_int(3);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, factor);

		assert_eq!(FeeConversionFactor::<T>::get(), factor);
		Ok(())
	}

	#[benchmark]
	fn start_purge() {
		let cid = T::BenchmarkHelper::community();

		#[block]
		{
			<Pallet<T> as pallet_communities::OnCommunityPurged>::on_community_purged(cid);
		}

		assert!(Purging::<T>::contains_key(cid));
	}

	#[benchmark]
	fn purge_accounts(n: Linear<0, 1_000>) {
		let cid = T::BenchmarkHelper::community();
		for i in 0..n {
			let who: T::AccountId = account("member", i, 0);
			Balances::<T>::insert(cid, &who, BalanceEntry::default());
			frame_system::Pallet::<T>::inc_sufficients(&who);
		}
		Purging::<T>::insert(cid, ());

		#[block]
		{
			Pallet::<T>::purge_step(Weight::MAX);
		}

		assert!(!Purging::<T>::contains_key(cid));
		assert_eq!(Balances::<T>::iter_prefix(cid).count(), 0);
	}

	/// The ledger work of a fee paid in a community currency: conversion, keep-alive burn before
	/// dispatch, refund after.
	#[benchmark]
	fn charge_fee_in_community_currency() -> Result<(), BenchmarkError> {
		let payer: T::AccountId = whitelisted_caller();
		let cid = funded::<T>(&payer);
		FeeConversionFactor::<T>::put(U64F64::ONE);

		#[block]
		{
			let fee = Pallet::<T>::fee_in_community_currency(T::NativeUnit::get(), cid)
				.ok_or(BenchmarkError::Weightless)?;
			Pallet::<T>::do_burn(cid, &payer, fee, true)?;
			Pallet::<T>::do_issue(cid, &payer, U64F64::from_bits(fee.to_bits() / 2))?;
			Pallet::<T>::deposit_event(Event::FeePaid { cid, who: payer.clone(), amount: fee });
		}

		assert!(Pallet::<T>::balance(cid, &payer) < U64F64::from_int(100));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
