// SPDX-License-Identifier: GPL-3.0-or-later
//! Meetups: the ceremony seed drawn when Assigning begins, the assignment computed from it,
//! and each meetup's members, location and time.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::{
	meetup::meetup_time,
	random::{sub_seed, Rng},
};
use frame::{hashing::blake2_256, prelude::*, traits::Randomness};

/// The domain tag of the per-ceremony randomness.
const CEREMONY_SEED_TAG: &[u8] = b"convene/ceremony-seed";
/// The domain tag of a community ceremony's assignment randomness.
const ASSIGNMENT_TAG: &[u8] = b"convene/assignment";

impl<T: Config> Pallet<T> {
	/// Assigning of ceremony `cindex` began: draw its randomness. Meetups are computed from it
	/// when first needed, in O(1) per community.
	pub fn do_draw_seed(cindex: CeremonyIndex) {
		let (random, _) = T::Randomness::random(&(CEREMONY_SEED_TAG, cindex).encode());
		CeremonySeeds::<T>::insert(cindex, random.using_encoded(blake2_256));
		Self::deposit_event(Event::CeremonySeedDrawn { cindex });
	}

	/// The assignment of ceremony `cindex` of `cid`: the stored one, or, while that ceremony is
	/// assigning or attesting (its registrations and the community's locations fixed), computed.
	pub fn assignment(cid: CommunityIdentifier, cindex: CeremonyIndex) -> Option<Assignment> {
		if let Some(stored) = Assignments::<T>::get((cid, cindex)) {
			return Some(stored);
		}
		let assigned_now =
			cindex == T::Clock::ceremony_index() && T::Clock::phase() != CeremonyPhase::Registering;
		if !assigned_now {
			return None;
		}
		let seed = CeremonySeeds::<T>::get(cindex)?;
		let mut rng = Rng::new(sub_seed(ASSIGNMENT_TAG, &seed, (cid, cindex)));
		Some(Assignment::new(
			RegistryCounts::<T>::get(cindex, cid),
			T::Communities::location_count(cid),
			&Self::meetup_rules(),
			&mut rng,
		))
	}

	/// The members of meetup `meetup` of `cc`, experienced first.
	pub fn meetup_members(
		cc: CommunityCeremony,
		assignment: &Assignment,
		meetup: u32,
	) -> Vec<T::AccountId> {
		assignment
			.members(meetup)
			.filter_map(|(class, index)| Registry::<T>::get((cc, class, index)))
			.collect()
	}

	/// `who`'s meetup in `cc`, with the assignment.
	pub fn meetup_of(cc: CommunityCeremony, who: &T::AccountId) -> Option<(Assignment, u32)> {
		let registration = Registrations::<T>::get(cc, who)?;
		let assignment = Self::assignment(cc.0, cc.1)?;
		let meetup = assignment.meetup_of(registration.class, registration.index)?;
		Some((assignment, meetup))
	}

	/// Meetup `meetup` of `cc` as clients see it.
	pub fn meetup_info(cc: CommunityCeremony, meetup: u32) -> Option<MeetupInfo<T::AccountId>> {
		Self::meetup_info_in(cc, &Self::assignment(cc.0, cc.1)?, meetup)
	}

	/// Meetup `meetup` of `cc` under `assignment`.
	pub(crate) fn meetup_info_in(
		cc: CommunityCeremony,
		assignment: &Assignment,
		meetup: u32,
	) -> Option<MeetupInfo<T::AccountId>> {
		let (cid, cindex) = cc;
		let location_index = assignment.location_of(meetup)?;
		let location = T::Communities::location(cid, location_index);
		Some(MeetupInfo {
			index: meetup,
			location,
			time: location.and_then(|l| Self::meetup_time(cindex, l.lon)),
			participants: Self::meetup_members(cc, assignment, meetup),
		})
	}

	/// When meetups of ceremony `cindex` at longitude `lon` take place, once it is assigning or
	/// attesting.
	pub(crate) fn meetup_time(
		cindex: CeremonyIndex,
		lon: convene_primitives::geo::Degree,
	) -> Option<Moment> {
		if cindex != T::Clock::ceremony_index() {
			return None;
		}
		let phase_end = T::Clock::next_phase_timestamp()?;
		let attesting_start = match T::Clock::phase() {
			CeremonyPhase::Registering => return None,
			CeremonyPhase::Assigning => phase_end,
			CeremonyPhase::Attesting => {
				phase_end.checked_sub(T::Clock::phase_duration(CeremonyPhase::Attesting))?
			},
		};
		meetup_time(attesting_start, lon, MeetupTimeOffset::<T>::get())
	}
}
