// SPDX-License-Identifier: GPL-3.0-or-later
//! Attestation and rewards: votes and attestations, evaluating a meetup, issuing its rewards
//! and reputations, noting the community's activity.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::{
	fixed::U64F64,
	meetup::{attestation_threshold, validate_meetup},
};
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// Record `who`'s vote and attestations (see [`Pallet::attest_attendees`]); returns the
	/// meetup's size.
	pub fn do_attest(
		cid: CommunityIdentifier,
		who: T::AccountId,
		vote: u32,
		attestees: BoundedVec<T::AccountId, T::MaxMeetupSize>,
	) -> Result<u32, DispatchError> {
		ensure!(T::Clock::phase() == CeremonyPhase::Attesting, Error::<T>::AttestingPhaseRequired);
		Self::ensure_community(cid)?;
		let cindex = T::Clock::ceremony_index();
		let cc = (cid, cindex);
		let registration = Registrations::<T>::get(cc, &who).ok_or(Error::<T>::NotRegistered)?;
		let assignment = Self::assignment(cid, cindex).ok_or(Error::<T>::NotAssigned)?;
		let meetup = assignment
			.meetup_of(registration.class, registration.index)
			.ok_or(Error::<T>::NotAssigned)?;
		let members = Self::meetup_members(cc, &assignment, meetup);
		ensure!(vote >= 1 && vote as usize <= members.len(), Error::<T>::InvalidVote);
		let mut attested = BoundedVec::<u8, T::MaxMeetupSize>::new();
		for attestee in attestees.iter().filter(|a| **a != who) {
			let Some(position) = members.iter().position(|m| m == attestee) else { continue };
			let position = u8::try_from(position).map_err(|_| Error::<T>::NoValidAttestations)?;
			if !attested.contains(&position) {
				attested.try_push(position).map_err(|_| Error::<T>::NoValidAttestations)?;
			}
		}
		ensure!(!attested.is_empty(), Error::<T>::NoValidAttestations);
		if !Assignments::<T>::contains_key(cc) {
			Assignments::<T>::insert(cc, assignment);
		}
		let count = attested.len() as u32;
		Attestations::<T>::insert(cc, &who, Attestation { meetup, vote, attested });
		Self::deposit_event(Event::AttestationsRegistered {
			cid,
			cindex,
			meetup,
			who,
			vote,
			attested: count,
		});
		Ok(members.len() as u32)
	}

	/// Evaluate a meetup and pay its legitimate participants (see [`Pallet::claim_rewards`]);
	/// returns the meetup's size and the weight the rewards hook used.
	pub fn do_claim_rewards(
		cid: CommunityIdentifier,
		who: T::AccountId,
		meetup: Option<u32>,
	) -> Result<(u32, Weight), DispatchError> {
		let phase = T::Clock::phase();
		let current = T::Clock::ceremony_index();
		let cindex = match phase {
			CeremonyPhase::Attesting => current,
			CeremonyPhase::Registering => current
				.checked_sub(1)
				.filter(|c| *c >= 1)
				.ok_or(Error::<T>::WrongPhaseForClaimingRewards)?,
			CeremonyPhase::Assigning => return Err(Error::<T>::WrongPhaseForClaimingRewards.into()),
		};
		Self::ensure_community(cid)?;
		let cc = (cid, cindex);
		let assignment = Self::assignment(cid, cindex);
		let meetup = match meetup {
			Some(meetup) => meetup,
			None => {
				let registration =
					Registrations::<T>::get(cc, &who).ok_or(Error::<T>::NotRegistered)?;
				assignment
					.as_ref()
					.and_then(|a| a.meetup_of(registration.class, registration.index))
					.ok_or(Error::<T>::NotAssigned)?
			},
		};
		let assignment = assignment.ok_or(Error::<T>::InvalidMeetupIndex)?;
		ensure!((1..=assignment.meetups()).contains(&meetup), Error::<T>::InvalidMeetupIndex);
		ensure!(!MeetupResults::<T>::contains_key(cc, meetup), Error::<T>::RewardsAlreadyIssued);
		let members = Self::meetup_members(cc, &assignment, meetup);
		let (votes, attestations): (Vec<u32>, Vec<Vec<u32>>) = members
			.iter()
			.map(|m| match Attestations::<T>::get(cc, m).filter(|a| a.meetup == meetup) {
				Some(a) => (a.vote, a.attested.iter().map(|p| u32::from(*p)).collect()),
				None => (0, Vec::new()),
			})
			.unzip();
		let outcome = match validate_meetup(&votes, &attestations, attestation_threshold) {
			Ok(outcome) => outcome,
			Err(reason) => {
				ensure!(phase == CeremonyPhase::Registering, Error::<T>::VotesNotDependable);
				MeetupResults::<T>::insert(cc, meetup, MeetupResult::Failed(reason));
				Self::note_activity(cid, cindex);
				Self::deposit_event(Event::MeetupFailed { cid, cindex, meetup, reason });
				return Ok((members.len() as u32, Weight::zero()));
			},
		};
		ensure!(
			phase == CeremonyPhase::Registering || outcome.early_rewards_possible,
			Error::<T>::EarlyRewardsNotPossible
		);
		let income = T::Communities::income(cid);
		let mut rewarded = 0u32;
		for participant in outcome.legit.iter().filter_map(|i| members.get(*i as usize)) {
			match <T as Config>::Currency::issue(cid, participant, income) {
				Ok(()) => {
					Reputations::<T>::insert(
						(participant, cid, cindex),
						Reputation::VerifiedUnlinked,
					);
					if LatestAttendance::<T>::get(cid, participant).is_none_or(|c| c < cindex) {
						LatestAttendance::<T>::insert(cid, participant, cindex);
					}
					rewarded = rewarded.saturating_add(1);
				},
				Err(e) => log::warn!(
					target: LOG_TARGET,
					"cannot issue the reward of {participant:?} in {cid:?}: {e:?}"
				),
			}
		}
		for (i, reason) in &outcome.excluded {
			if let Some(participant) = members.get(*i as usize) {
				Self::deposit_event(Event::NoReward {
					cid,
					cindex,
					meetup,
					who: participant.clone(),
					reason: *reason,
				});
			}
		}
		ReputationCounts::<T>::mutate(cc, |count| *count = count.saturating_add(rewarded));
		GlobalReputationCounts::<T>::mutate(cindex, |count| {
			*count = count.saturating_add(rewarded)
		});
		MeetupResults::<T>::insert(cc, meetup, MeetupResult::Rewarded { rewarded });
		Self::note_activity(cid, cindex);
		if rewarded > 0 && !Bootstrapped::<T>::contains_key(cid) {
			Bootstrapped::<T>::insert(cid, cindex);
		}
		Self::deposit_event(Event::RewardsIssued { cid, cindex, meetup, rewarded });
		let hook = match income.checked_mul(U64F64::from_int(rewarded.into())) {
			Some(total) if rewarded > 0 => {
				T::OnRewardsIssued::on_rewards_issued(cid, cindex, total)
			},
			_ => Weight::zero(),
		};
		Ok((members.len() as u32, hook))
	}

	/// A meetup of ceremony `cindex` of `cid` was evaluated.
	pub(crate) fn note_activity(cid: CommunityIdentifier, cindex: CeremonyIndex) {
		if LastActive::<T>::get(cid).is_none_or(|last| last < cindex) {
			LastActive::<T>::insert(cid, cindex);
		}
	}
}
