// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2). Both calls search and shift the sorted set: linear in its size `v`.

use super::*;
use alloc::vec::Vec;
use frame::benchmarking::prelude::*;

fn origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A set of `v` validators with session keys.
fn fill<T: Config>(v: u32) -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = (0..v).map(|i| account("validator", i, 0)).collect();
	set.iter().for_each(T::BenchmarkHelper::register_keys);
	set.sort();
	Validators::<T>::put(BoundedVec::truncate_from(set.clone()));
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: the new account sorts first, so every member shifts.
	#[benchmark]
	fn add_validator(
		v: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		fill::<T>(v);
		let who: T::AccountId = account("candidate", 0, 0);
		T::BenchmarkHelper::register_keys(&who);
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	// Worst case: the first member leaves, so every other member shifts.
	#[benchmark]
	fn remove_validator(v: Linear<2, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		let set = fill::<T>(v.max(T::MinValidators::get().saturating_add(1)));
		let who = set.first().cloned().ok_or(BenchmarkError::Weightless)?;
		let origin = origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
