// SPDX-License-Identifier: GPL-3.0-or-later
//! The reads behind the runtime API: pages of participants, meetups, attestations, results
//! and reputations.

use crate::*;
use convene_primitives::page::{self, Page};

impl<T: Config> Pallet<T> {
	/// A page of the registrants of `class` in `cc`, by registry index, after index `after`.
	pub fn participants(
		cc: CommunityCeremony,
		class: ParticipantClass,
		after: Option<u32>,
		limit: u32,
	) -> Page<u32, T::AccountId> {
		let count = RegistryCounts::<T>::get(cc.1, cc.0).get(class);
		page::indices(0, count, after, limit, |index, ()| Registry::<T>::get((cc, class, *index)))
	}

	/// A page of the meetups of `cc`, once assigned, by meetup index, after meetup `after`.
	pub fn meetups(
		cc: CommunityCeremony,
		after: Option<u32>,
		limit: u32,
	) -> Page<u32, MeetupInfo<T::AccountId>> {
		let Some(assignment) = Self::assignment(cc.0, cc.1) else { return Page::empty() };
		let end = assignment.meetups().saturating_add(1);
		page::indices(1, end, after, limit, |meetup, ()| {
			Self::meetup_info_in(cc, &assignment, *meetup)
		})
	}

	/// `who`'s meetup in `cc` as clients see it.
	pub fn meetup_info_of(
		cc: CommunityCeremony,
		who: &T::AccountId,
	) -> Option<MeetupInfo<T::AccountId>> {
		let (assignment, meetup) = Self::meetup_of(cc, who)?;
		Self::meetup_info_in(cc, &assignment, meetup)
	}

	/// A page of the participants' votes and attested accounts in `cc`, after `after`'s, in
	/// storage order.
	pub fn attestations(
		cc: CommunityCeremony,
		after: Option<T::AccountId>,
		limit: u32,
	) -> Page<T::AccountId, AttestationInfo<T::AccountId>> {
		let Some(assignment) = Self::assignment(cc.0, cc.1) else { return Page::empty() };
		let entries = match after {
			Some(who) => {
				Attestations::<T>::iter_prefix_from(cc, Attestations::<T>::hashed_key_for(cc, who))
			},
			None => Attestations::<T>::iter_prefix(cc),
		};
		let mut members_of = alloc::collections::BTreeMap::new();
		page::scan(entries, limit, |who, attestation| {
			let members = members_of
				.entry(attestation.meetup)
				.or_insert_with(|| Self::meetup_members(cc, &assignment, attestation.meetup));
			let attested = attestation
				.attested
				.iter()
				.filter_map(|p| members.get(usize::from(*p)).cloned())
				.collect();
			Some(AttestationInfo {
				who: who.clone(),
				meetup: attestation.meetup,
				vote: attestation.vote,
				attested,
			})
		})
	}

	/// A page of the outcomes of the evaluated meetups of `cc`, after meetup `after`, in storage
	/// order.
	pub fn meetup_results(
		cc: CommunityCeremony,
		after: Option<u32>,
		limit: u32,
	) -> Page<u32, (u32, MeetupResult)> {
		let entries = match after {
			Some(meetup) => MeetupResults::<T>::iter_prefix_from(
				cc,
				MeetupResults::<T>::hashed_key_for(cc, meetup),
			),
			None => MeetupResults::<T>::iter_prefix(cc),
		};
		page::scan(entries, limit, |meetup, result| Some((*meetup, result)))
	}

	/// A page of the attendance records of `who`, after the one of ceremony `after`, in storage
	/// order (a community's together).
	pub fn reputations(
		who: &T::AccountId,
		after: Option<CommunityCeremony>,
		limit: u32,
	) -> Page<CommunityCeremony, (CommunityIdentifier, CeremonyIndex, Reputation)> {
		let entries = match after {
			Some((cid, cindex)) => Reputations::<T>::iter_prefix_from(
				(who,),
				Reputations::<T>::hashed_key_for((who, cid, cindex)),
			),
			None => Reputations::<T>::iter_prefix((who,)),
		};
		page::scan(entries, limit, |(cid, cindex), reputation| Some((*cid, *cindex, reputation)))
	}
}
