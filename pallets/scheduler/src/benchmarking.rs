// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2). Every path is O(1); each benchmark sets up its most expensive branch.

use super::*;
use frame::{benchmarking::prelude::*, traits::Time};

const NOW: Moment = 1_700_000_000_000;

fn master<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CeremonyMaster::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: Attesting → Registering, which also increments the ceremony index.
	#[benchmark]
	fn next_phase() -> Result<(), BenchmarkError> {
		CurrentPhase::<T>::put(CeremonyPhase::Attesting);
		NextPhaseTimestamp::<T>::put(NOW);
		let index = CurrentCeremonyIndex::<T>::get();
		let origin = master::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert_eq!(CurrentPhase::<T>::get(), CeremonyPhase::Registering);
		assert_eq!(CurrentCeremonyIndex::<T>::get(), index + 1);
		Ok(())
	}

	// Single path: validate, write, event.
	#[benchmark]
	fn set_phase_duration() -> Result<(), BenchmarkError> {
		let origin = master::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, CeremonyPhase::Assigning, 60_000);

		assert_eq!(PhaseDurationsOf::<T>::get().assigning, 60_000);
		Ok(())
	}

	// Single path: validate against now, write, event.
	#[benchmark]
	fn set_next_phase_timestamp() -> Result<(), BenchmarkError> {
		let origin = master::<T>()?;
		let target = <T::Time as Time>::now().saturating_add(1_000);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, target);

		assert_eq!(NextPhaseTimestamp::<T>::get(), Some(target));
		Ok(())
	}

	// The common per-block path: one read, nothing due.
	#[benchmark]
	fn on_timestamp_set_idle() {
		NextPhaseTimestamp::<T>::put(NOW + 1);

		#[block]
		{
			Pallet::<T>::do_on_timestamp(NOW);
		}

		assert_eq!(NextPhaseTimestamp::<T>::get(), Some(NOW + 1));
	}

	// Worst case: a due Attesting → Registering change (hooks are weighed by their own impls).
	#[benchmark]
	fn on_timestamp_set_phase_change() {
		CurrentPhase::<T>::put(CeremonyPhase::Attesting);
		NextPhaseTimestamp::<T>::put(NOW);

		#[block]
		{
			Pallet::<T>::do_on_timestamp(NOW);
		}

		assert_eq!(CurrentPhase::<T>::get(), CeremonyPhase::Registering);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
