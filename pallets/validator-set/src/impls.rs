// SPDX-License-Identifier: GPL-3.0-or-later
//! The set's bookkeeping, and what `pallet-session` asks of it: when sessions end and which
//! validators the next one has.

use crate::*;
use alloc::vec::Vec;
use frame::{
	prelude::*,
	traits::{EstimateNextSessionRotation, GetDefault, ValidatorRegistration},
};
use pallet_session::{PeriodicSessions, SessionManager, ShouldEndSession};

impl<T: Config> Pallet<T> {
	/// Insert `who` in order. Returns the set's size before the change (the weight component).
	pub(crate) fn do_add_validator(who: T::AccountId) -> Result<u32, DispatchError> {
		ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
		let size = Validators::<T>::try_mutate(|set| -> Result<u32, DispatchError> {
			let size = set.len() as u32;
			let at = match set.binary_search(&who) {
				Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
				Err(at) => at,
			};
			set.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Ok(size)
		})?;
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(size)
	}

	/// Remove `who`. Returns the set's size before the change (the weight component).
	pub(crate) fn do_remove_validator(who: T::AccountId) -> Result<u32, DispatchError> {
		let size = Validators::<T>::try_mutate(|set| -> Result<u32, DispatchError> {
			let at = set.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
			let size = set.len() as u32;
			ensure!(size > T::MinValidators::get(), Error::<T>::TooFewValidators);
			set.remove(at);
			Ok(size)
		})?;
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(size)
	}

	/// The set's invariants: sorted without duplicates; empty (unmanaged) or at least
	/// `MinValidators` members.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		ensure!(
			set.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"validators not sorted or duplicated"
		);
		ensure!(
			set.is_empty() || set.len() as u32 >= T::MinValidators::get(),
			"fewer than MinValidators"
		);
		Ok(())
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// The set for session `new_index` if it changed since the last plan; `None` keeps the
	/// current one.
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::NewSetPlanned {
			session_index: new_index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	/// The genesis set, unless it is empty (then `pallet-session` uses its genesis keys).
	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get().into_inner();
		(!validators.is_empty()).then_some(validators)
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

/// [`SessionLength`] as a `Get`, for [`PeriodicSessions`]; never 0 (callers check for 0 first).
pub struct SessionPeriod<T>(PhantomData<T>);
impl<T: Config> Get<BlockNumberFor<T>> for SessionPeriod<T> {
	fn get() -> BlockNumberFor<T> {
		SessionLength::<T>::get().max(One::one())
	}
}

/// Sessions of [`SessionLength`] blocks from genesis, or none when it is 0.
type Periodic<T> = PeriodicSessions<SessionPeriod<T>, GetDefault>;

impl<T: Config> ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		!SessionLength::<T>::get().is_zero() && Periodic::<T>::should_end_session(now)
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let read = T::DbWeight::get().reads(1);
		if SessionLength::<T>::get().is_zero() {
			return (None, read);
		}
		let (progress, weight) = Periodic::<T>::estimate_current_session_progress(now);
		(progress, weight.saturating_add(read))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let read = T::DbWeight::get().reads(1);
		if SessionLength::<T>::get().is_zero() {
			return (None, read);
		}
		let (next, weight) = Periodic::<T>::estimate_next_session_rotation(now);
		(next, weight.saturating_add(read))
	}
}
