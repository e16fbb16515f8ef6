// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2): calls on a business with offerings; deletion with up to `MaxOfferings`.

use super::*;
use frame::{benchmarking::prelude::*, traits::fungible::Mutate};

/// A valid CIDv0.
fn url() -> IpfsCid {
	IpfsCid::try_from(b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec())
		.unwrap_or_default()
}

/// Fund `who` for a business with `MaxOfferings` offerings, twice over.
fn fund<T: Config>(who: &T::AccountId) {
	use frame::traits::fungible::Inspect;
	let offerings = Pallet::<T>::offering_deposit()
		.saturating_mul(BalanceOf::<T>::from(T::MaxOfferings::get().saturating_add(1)));
	let amount = Pallet::<T>::business_deposit()
		.saturating_add(offerings)
		.saturating_mul(2u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

/// `who`'s business in a community, with `offerings` offerings, their deposits held.
fn business<T: Config>(who: &T::AccountId, offerings: u32) -> CommunityIdentifier {
	let cid = T::BenchmarkHelper::community();
	fund::<T>(who);
	let _ = Pallet::<T>::hold_deposit(cid, who, Pallet::<T>::business_deposit());
	Businesses::<T>::insert(
		cid,
		who,
		Business { url: url(), next_oid: offerings.saturating_add(1), offerings },
	);
	for oid in 1..=offerings {
		let _ = Pallet::<T>::hold_deposit(cid, who, Pallet::<T>::offering_deposit());
		Offerings::<T>::insert((cid, who, oid), url());
	}
	cid
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_business() {
		let caller: T::AccountId = whitelisted_caller();
		let cid = T::BenchmarkHelper::community();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid, url());

		assert!(Businesses::<T>::contains_key(cid, &caller));
	}

	#[benchmark]
	fn update_business() {
		let caller: T::AccountId = whitelisted_caller();
		let cid = business::<T>(&caller, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid, url());
	}

	#[benchmark]
	fn delete_business(o: Linear<0, { T::MaxOfferings::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let cid = business::<T>(&caller, o);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid);

		assert!(!Businesses::<T>::contains_key(cid, &caller));
	}

	#[benchmark]
	fn create_offering() {
		let caller: T::AccountId = whitelisted_caller();
		let cid = business::<T>(&caller, T::MaxOfferings::get().saturating_sub(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid, url());
	}

	#[benchmark]
	fn update_offering() {
		let caller: T::AccountId = whitelisted_caller();
		let cid = business::<T>(&caller, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid, 1, url());
	}

	#[benchmark]
	fn delete_offering() {
		let caller: T::AccountId = whitelisted_caller();
		let cid = business::<T>(&caller, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), cid, 1);

		assert!(!Offerings::<T>::contains_key((cid, &caller, 1)));
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

	/// A step that finds nothing left to remove and completes the purge.
	#[benchmark]
	fn purge_step() {
		let cid = T::BenchmarkHelper::community();
		Purging::<T>::insert(cid, ());

		#[block]
		{
			Pallet::<T>::purge_step(Weight::MAX);
		}

		assert!(!Purging::<T>::contains_key(cid));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
