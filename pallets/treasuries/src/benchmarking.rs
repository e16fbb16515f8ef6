// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2): spends from a funded treasury whose history is full (each spend drops the
//! oldest entry), the share, and the two funding hooks.

use super::*;
use frame::{benchmarking::prelude::*, traits::fungible::Mutate};

/// A community whose treasury holds native tokens and its currency, with a full history and
/// a share of issuance.
fn funded<T: Config>() -> CommunityIdentifier {
	use frame::traits::fungible::Inspect;
	let cid = T::BenchmarkHelper::community();
	let account = Pallet::<T>::account_of(Some(cid));
	T::NativeCurrency::set_balance(&account, T::NativeCurrency::minimum_balance() * 1000u32.into());
	let _ = T::CommunityCurrency::issue(cid, &account, U64F64::from_int(1_000));
	for _ in 0..T::MaxHistory::get() {
		let _ = Pallet::<T>::do_set_issuance_share(cid, Perbill::from_percent(1));
		Pallet::<T>::fund_from_issuance(cid, 1, U64F64::from_int(100));
	}
	cid
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn spend_native() {
		use frame::traits::fungible::Inspect;
		let cid = funded::<T>();
		let to: T::AccountId = account("to", 0, 0);
		let amount = T::NativeCurrency::minimum_balance() * 10u32.into();

		#[extrinsic_call]
		_(RawOrigin::Root, Some(cid), to.clone(), amount);

		assert_eq!(T::NativeCurrency::balance(&to), amount);
	}

	#[benchmark]
	fn spend_community_currency() {
		let cid = funded::<T>();
		let to: T::AccountId = account("to", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Root, cid, to.clone(), U64F64::from_int(10));

		assert!(T::CommunityCurrency::balance(cid, &to) > U64F64::ZERO);
	}

	#[benchmark]
	fn set_issuance_share() {
		let cid = T::BenchmarkHelper::community();

		#[extrinsic_call]
		_(RawOrigin::Root, cid, Perbill::from_percent(5));

		assert_eq!(IssuanceShare::<T>::get(cid), Some(Perbill::from_percent(5)));
	}

	#[benchmark]
	fn fund_from_issuance() {
		let cid = funded::<T>();
		let before = HistoryNext::<T>::get(Some(cid));

		#[block]
		{
			Pallet::<T>::fund_from_issuance(cid, 2, U64F64::from_int(100));
		}

		assert_eq!(HistoryNext::<T>::get(Some(cid)), before + 1);
	}

	#[benchmark]
	fn fund_from_fee() {
		let cid = funded::<T>();
		let account = Pallet::<T>::account_of(Some(cid));
		let before = T::CommunityCurrency::balance(cid, &account);

		#[block]
		{
			Pallet::<T>::fund_from_fee(cid, U64F64::from_int(1));
		}

		assert!(T::CommunityCurrency::balance(cid, &account) > before);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
