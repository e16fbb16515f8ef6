// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's logic: `do_*` functions called by calls, hooks, benchmarks and tests.

use crate::*;
use convene_primitives::scheduler::{validate_duration, DurationError, Schedule, ScheduleError};
use frame::{prelude::*, traits::OnTimestampSet};

/// The current phase, for other pallets' configs (`type CurrentPhase = CurrentPhaseOf<Runtime>`).
pub struct CurrentPhaseOf<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<CeremonyPhase> for CurrentPhaseOf<T> {
	fn get() -> CeremonyPhase {
		CurrentPhase::<T>::get()
	}
}

impl<T: Config> convene_primitives::scheduler::CeremonyClock for Pallet<T> {
	fn ceremony_index() -> CeremonyIndex {
		CurrentCeremonyIndex::<T>::get()
	}

	fn phase() -> CeremonyPhase {
		CurrentPhase::<T>::get()
	}

	fn next_phase_timestamp() -> Option<Moment> {
		NextPhaseTimestamp::<T>::get()
	}

	fn phase_duration(phase: CeremonyPhase) -> Moment {
		PhaseDurationsOf::<T>::get().get(phase)
	}
}

impl<T: Config> Pallet<T> {
	/// Begin the next phase at chain time `now`, run the hooks and return their weight.
	pub fn do_next_phase(now: Moment) -> Result<Weight, DispatchError> {
		let current = Schedule {
			phase: CurrentPhase::<T>::get(),
			ceremony_index: CurrentCeremonyIndex::<T>::get(),
			// Before the first timestamp, the current phase is treated as ending now.
			phase_end: NextPhaseTimestamp::<T>::get().unwrap_or(now),
		};
		let next = current.advance(&PhaseDurationsOf::<T>::get(), now).map_err(|e| match e {
			ScheduleError::CeremonyIndexOverflow => Error::<T>::CeremonyIndexOverflow,
			// Durations are validated on every write, so the cycle is never zero; reported as
			// the closest user-facing error if storage was corrupted.
			ScheduleError::InvalidCycle => Error::<T>::ZeroPhaseDuration,
		})?;
		CurrentPhase::<T>::put(next.phase);
		CurrentCeremonyIndex::<T>::put(next.ceremony_index);
		NextPhaseTimestamp::<T>::put(next.phase_end);
		log::debug!(
			target: LOG_TARGET,
			"phase {:?} of ceremony {} until {}",
			next.phase,
			next.ceremony_index,
			next.phase_end
		);
		let hook_weight =
			T::OnCeremonyPhaseChange::on_ceremony_phase_change(next.phase, next.ceremony_index);
		Self::deposit_event(Event::PhaseChanged {
			phase: next.phase,
			ceremony_index: next.ceremony_index,
			next_phase_timestamp: next.phase_end,
		});
		Ok(hook_weight)
	}

	/// Set the duration of `phase` after validating it.
	pub fn do_set_phase_duration(phase: CeremonyPhase, duration: Moment) -> DispatchResult {
		validate_duration(duration, T::MaxPhaseDuration::get()).map_err(|e| match e {
			DurationError::Zero => Error::<T>::ZeroPhaseDuration,
			DurationError::TooLong => Error::<T>::PhaseDurationTooLong,
		})?;
		PhaseDurationsOf::<T>::mutate(|d| d.set(phase, duration));
		Self::deposit_event(Event::PhaseDurationSet { phase, duration });
		Ok(())
	}

	/// Move the end of the current phase to `timestamp`, given chain time `now`.
	pub fn do_set_next_phase_timestamp(timestamp: Moment, now: Moment) -> DispatchResult {
		ensure!(timestamp > now, Error::<T>::NextPhaseTimestampNotInFuture);
		ensure!(
			timestamp.saturating_sub(now) <= T::MaxPhaseDuration::get(),
			Error::<T>::NextPhaseTimestampTooFar
		);
		NextPhaseTimestamp::<T>::put(timestamp);
		Self::deposit_event(Event::NextPhaseTimestampSet { next_phase_timestamp: timestamp });
		Ok(())
	}

	/// Called with every block's timestamp: start the schedule on the first block, change phase
	/// when the current one is over. Returns the weight used, which the caller registers.
	pub fn do_on_timestamp(now: Moment) -> Weight {
		let Some(phase_end) = NextPhaseTimestamp::<T>::get() else {
			let phase = CurrentPhase::<T>::get();
			let next_phase_timestamp = now.saturating_add(PhaseDurationsOf::<T>::get().get(phase));
			NextPhaseTimestamp::<T>::put(next_phase_timestamp);
			Self::deposit_event(Event::ScheduleStarted {
				phase,
				ceremony_index: CurrentCeremonyIndex::<T>::get(),
				next_phase_timestamp,
			});
			return T::WeightInfo::on_timestamp_set_phase_change();
		};
		if now < phase_end {
			return T::WeightInfo::on_timestamp_set_idle();
		}
		match Self::do_next_phase(now) {
			Ok(hook_weight) => {
				T::WeightInfo::on_timestamp_set_phase_change().saturating_add(hook_weight)
			},
			Err(e) => {
				// Only `CeremonyIndexOverflow` can get here: the chain stays in Attesting of the
				// last ceremony, which is all it can do.
				log::error!(target: LOG_TARGET, "cannot begin the next phase: {e:?}");
				T::WeightInfo::on_timestamp_set_phase_change()
			},
		}
	}

	/// What clients see through the runtime API.
	pub fn ceremony_info() -> CeremonyInfo {
		CeremonyInfo {
			phase: CurrentPhase::<T>::get(),
			ceremony_index: CurrentCeremonyIndex::<T>::get(),
			next_phase_timestamp: NextPhaseTimestamp::<T>::get(),
			phase_durations: PhaseDurationsOf::<T>::get(),
		}
	}

	/// The current phase (for other pallets).
	pub fn current_phase() -> CeremonyPhase {
		CurrentPhase::<T>::get()
	}

	/// The current ceremony index (for other pallets).
	pub fn current_ceremony_index() -> CeremonyIndex {
		CurrentCeremonyIndex::<T>::get()
	}

	/// The pallet's invariants: valid durations, a ceremony index of at least 1, and a phase end
	/// no further ahead than three maximal phases.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let max = T::MaxPhaseDuration::get();
		ensure!(PhaseDurationsOf::<T>::get().validate(max).is_ok(), "invalid phase durations");
		ensure!(CurrentCeremonyIndex::<T>::get() >= 1, "ceremony index is 0");
		let now = <T::Time as frame::traits::Time>::now();
		if let (Some(end), true) = (NextPhaseTimestamp::<T>::get(), now > 0) {
			ensure!(
				end.saturating_sub(now) <= max.saturating_mul(3),
				"next phase more than three maximal phases ahead"
			);
		}
		Ok(())
	}
}

impl<T: Config> OnTimestampSet<Moment> for Pallet<T> {
	fn on_timestamp_set(now: Moment) {
		let weight = Self::do_on_timestamp(now);
		frame_system::Pallet::<T>::register_extra_weight_unchecked(
			weight,
			DispatchClass::Mandatory,
		);
	}
}
