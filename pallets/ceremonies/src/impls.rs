// SPDX-License-Identifier: GPL-3.0-or-later
//! What every part of the pallet uses (the meetup rules, the registration target, the
//! community checks), and the phase hook that drives the ceremony.

use crate::*;
use convene_primitives::assignment::MeetupRules;
use frame::prelude::*;
use pallet_ceremony_scheduler::OnCeremonyPhaseChange;

impl<T: Config> Pallet<T> {
	/// The meetup rules of this runtime.
	pub fn meetup_rules() -> MeetupRules {
		MeetupRules {
			max_size: T::MaxMeetupSize::get(),
			min_size: T::MinMeetupSize::get(),
			newcomer_divider: T::NewcomerDivider::get(),
		}
	}

	/// The ceremony registrations go to: this one while registering, the next one while
	/// attesting; none while assigning.
	pub fn registration_target() -> Result<CeremonyIndex, Error<T>> {
		let current = T::Clock::ceremony_index();
		match T::Clock::phase() {
			CeremonyPhase::Registering => Ok(current),
			CeremonyPhase::Attesting => Ok(current.saturating_add(1)),
			CeremonyPhase::Assigning => Err(Error::<T>::RegisteringOrAttestingPhaseRequired),
		}
	}

	pub(crate) fn ensure_community(cid: CommunityIdentifier) -> Result<(), Error<T>> {
		ensure!(T::Communities::exists(cid), Error::<T>::CommunityNotFound);
		Ok(())
	}

	pub(crate) fn is_bootstrapper(cid: CommunityIdentifier, who: &T::AccountId) -> bool {
		T::Communities::is_bootstrapper(cid, who)
	}
}

impl<T: Config> OnCeremonyPhaseChange for Pallet<T> {
	fn on_ceremony_phase_change(phase: CeremonyPhase, cindex: CeremonyIndex) -> Weight {
		match phase {
			CeremonyPhase::Assigning => {
				Self::do_draw_seed(cindex);
				Self::start_inactivity_sweep(cindex);
				<T as Config>::WeightInfo::draw_seed()
			},
			CeremonyPhase::Registering => {
				Self::expire_history(cindex);
				<T as Config>::WeightInfo::expire_history()
			},
			CeremonyPhase::Attesting => Weight::zero(),
		}
	}

	fn max_weight() -> Weight {
		<T as Config>::WeightInfo::draw_seed().max(<T as Config>::WeightInfo::expire_history())
	}
}

impl<T: Config> ReputationSource<T::AccountId> for Pallet<T> {
	fn is_verified(who: &T::AccountId, cid: CommunityIdentifier, cindex: CeremonyIndex) -> bool {
		Reputations::<T>::get((who, cid, cindex)).is_some_and(|r| r.is_verified())
	}

	fn verified_count(cid: CommunityIdentifier, cindex: CeremonyIndex) -> u32 {
		ReputationCounts::<T>::get((cid, cindex))
	}

	fn global_verified_count(cindex: CeremonyIndex) -> u32 {
		GlobalReputationCounts::<T>::get(cindex)
	}

	fn reputation_lifetime() -> u32 {
		ReputationLifetime::<T>::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_verified(who: &T::AccountId, cid: CommunityIdentifier, cindex: CeremonyIndex) {
		let cc = (cid, cindex);
		let mut counts = RegistryCounts::<T>::get(cindex, cid);
		let class = ParticipantClass::Reputable;
		let index = counts.get(class);
		*counts.get_mut(class) = index.saturating_add(1);
		RegistryCounts::<T>::insert(cindex, cid, counts);
		Registry::<T>::insert((cc, class, index), who.clone());
		Registrations::<T>::insert(cc, who, Registration { class, index, via: Via::Nothing });
		Reputations::<T>::insert((who, cid, cindex), Reputation::VerifiedUnlinked);
		ReputationCounts::<T>::mutate(cc, |c| *c = c.saturating_add(1));
		GlobalReputationCounts::<T>::mutate(cindex, |c| *c = c.saturating_add(1));
	}
}
