// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2). The purge step's worst case: a ceremony with `CLEAR_LIMIT` commitments and
//! `CLEAR_LIMIT` retired purposes, each with a deposit to release.

use super::*;
use frame::{benchmarking::prelude::*, traits::fungible::Mutate};

fn fund<T: Config>(who: &T::AccountId) {
	use frame::traits::fungible::Inspect;
	let amount = Pallet::<T>::purpose_deposit()
		.saturating_mul(2u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

fn descriptor<T: Config>() -> BoundedVec<u8, T::MaxDescriptorLength> {
	BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxDescriptorLength::get() as usize])
}

/// A purpose registered by `owner`, paying its deposit.
fn purpose<T: Config>(owner: &T::AccountId) -> PurposeId {
	fund::<T>(owner);
	Pallet::<T>::do_register_purpose(descriptor::<T>(), Some(owner.clone())).unwrap()
}

fn community() -> CommunityIdentifier {
	CommunityIdentifier::new(*b"u0qj9", &[])
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_purpose() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), descriptor::<T>());

		assert!(Purposes::<T>::contains_key(0));
	}

	#[benchmark]
	fn commit_reputation() {
		let caller: T::AccountId = whitelisted_caller();
		let id = purpose::<T>(&caller);
		let cindex = T::Clock::ceremony_index();
		T::Reputations::set_verified(&caller, community(), cindex);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), community(), cindex, id, Some([7; 32]));

		assert!(Commitments::<T>::contains_key((cindex, community(), id, caller)));
	}

	#[benchmark]
	fn retire_purpose() {
		let caller: T::AccountId = whitelisted_caller();
		let id = purpose::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Purposes::<T>::get(id).is_some_and(|p| p.retired.is_some()));
	}

	#[benchmark]
	fn purge_step() {
		let cindex = PurgedBefore::<T>::get();
		for i in 0..CLEAR_LIMIT {
			let owner: T::AccountId = account("owner", i, 0);
			let id = purpose::<T>(&owner);
			Commitments::<T>::insert((cindex, community(), id, owner), Some([1; 32]));
			Purposes::<T>::mutate(id, |p| {
				if let Some(p) = p {
					p.retired = Some(cindex)
				}
			});
			Retiring::<T>::insert(cindex, id, ());
		}

		#[block]
		{
			Pallet::<T>::purge_ceremony(cindex);
		}

		assert_eq!(Purposes::<T>::iter().count(), 0);
		assert_eq!(PurgedBefore::<T>::get(), cindex + 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
