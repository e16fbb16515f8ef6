// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2): creation without and with a whitelist (each community on it costs one read
//! and a comparison with those before it, extrapolated linearly: a list of distinct existing
//! communities needs as many founded); drips, closing and dissolving.

use super::*;
use frame::{benchmarking::prelude::*, traits::fungible::Mutate};

/// Fund `who` for a faucet of ten drips; returns the drip.
fn fund<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	use frame::traits::fungible::Inspect;
	let per_drip = T::Currency::minimum_balance().saturating_mul(10u32.into());
	let amount = Pallet::<T>::faucet_deposit()
		.saturating_add(per_drip.saturating_mul(10u32.into()))
		.saturating_mul(2u32.into());
	T::Currency::set_balance(who, amount);
	per_drip
}

fn name<T: Config>() -> FaucetName<T> {
	BoundedVec::truncate_from(alloc::vec![b'f'; T::MaxNameLength::get() as usize])
}

/// A faucet of `creator`'s holding `drips` drips.
fn faucet<T: Config>(creator: &T::AccountId, drips: u32) -> (T::AccountId, BalanceOf<T>) {
	let per_drip = fund::<T>(creator);
	let cid = T::BenchmarkHelper::community();
	let whitelist = Some(BoundedVec::truncate_from(alloc::vec![cid]));
	let amount = per_drip.saturating_mul(drips.into());
	let faucet =
		Pallet::<T>::do_create(creator.clone(), name::<T>(), amount, whitelist, per_drip).unwrap();
	(faucet, per_drip)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_faucet(w: Linear<0, 1>) {
		let caller: T::AccountId = whitelisted_caller();
		let per_drip = fund::<T>(&caller);
		let whitelist = (w > 0)
			.then(|| BoundedVec::truncate_from(alloc::vec![T::BenchmarkHelper::community()]));
		let amount = per_drip.saturating_mul(10u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), name::<T>(), amount, whitelist, per_drip);

		assert!(Faucets::<T>::contains_key(Pallet::<T>::faucet_account(&name::<T>())));
	}

	#[benchmark]
	fn drip() {
		let creator: T::AccountId = account("creator", 0, 0);
		let (faucet, _) = faucet::<T>(&creator, 10);
		let caller: T::AccountId = whitelisted_caller();
		let cid = T::BenchmarkHelper::community();
		let cindex = T::BenchmarkHelper::attended(&caller, cid);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), faucet, cid, cindex);
	}

	#[benchmark]
	fn dissolve_faucet() {
		let creator: T::AccountId = account("creator", 0, 0);
		let (faucet, _) = faucet::<T>(&creator, 10);
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Root, faucet.clone(), beneficiary);

		assert!(!Faucets::<T>::contains_key(faucet));
	}

	#[benchmark]
	fn close_faucet() {
		let creator: T::AccountId = whitelisted_caller();
		let (faucet, _) = faucet::<T>(&creator, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(creator), faucet.clone());

		assert!(!Faucets::<T>::contains_key(faucet));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
