// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's logic: `do_*` functions called by calls, hooks, benchmarks and tests, and the
//! reads behind the runtime API.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::{
	assignment::MeetupRules,
	meetup::{attestation_threshold, meetup_time, validate_meetup},
	page::{self, Page},
	random::{sub_seed, Rng},
};
use frame::{
	hashing::blake2_256,
	prelude::*,
	traits::{Randomness, Verify},
};
use pallet_ceremony_scheduler::{
	CurrentCeremonyIndex, CurrentPhase, NextPhaseTimestamp, OnCeremonyPhaseChange, PhaseDurationsOf,
};

/// The domain tag of the per-ceremony randomness.
const CEREMONY_SEED_TAG: &[u8] = b"convene/ceremony-seed";
/// The domain tag of a community ceremony's assignment randomness.
const ASSIGNMENT_TAG: &[u8] = b"convene/assignment";

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
		let current = CurrentCeremonyIndex::<T>::get();
		match CurrentPhase::<T>::get() {
			CeremonyPhase::Registering => Ok(current),
			CeremonyPhase::Attesting => Ok(current.saturating_add(1)),
			CeremonyPhase::Assigning => Err(Error::<T>::RegisteringOrAttestingPhaseRequired),
		}
	}

	fn ensure_community(cid: CommunityIdentifier) -> Result<(), Error<T>> {
		ensure!(
			pallet_communities::Metadata::<T>::contains_key(cid),
			Error::<T>::CommunityNotFound
		);
		Ok(())
	}

	fn is_bootstrapper(cid: CommunityIdentifier, who: &T::AccountId) -> bool {
		pallet_communities::Bootstrappers::<T>::get(cid).is_some_and(|b| b.contains(who))
	}

	/// The chain's genesis hash, as proofs of attendance sign it.
	pub fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// Register `who` for the next meetup of `cid` (see [`Pallet::register_participant`]);
	/// returns the size of the registry joined, before joining.
	pub fn do_register(
		cid: CommunityIdentifier,
		who: T::AccountId,
		proof: Option<ProofOfAttendance<T::Signature, T::AccountId>>,
	) -> Result<u32, DispatchError> {
		let cindex = Self::registration_target()?;
		Self::ensure_community(cid)?;
		let cc = (cid, cindex);
		ensure!(!Registrations::<T>::contains_key(cc, &who), Error::<T>::AlreadyRegistered);
		let (class, via) = if Self::is_bootstrapper(cid, &who) {
			(ParticipantClass::Bootstrapper, Via::Nothing)
		} else if !Bootstrapped::<T>::contains_key(cid) {
			return Err(Error::<T>::OnlyBootstrappers.into());
		} else if let Some(proof) = proof {
			(ParticipantClass::Reputable, Self::use_proof(cc, &who, proof)?)
		} else if let Some(endorsed_for) = Self::valid_endorsement(cid, &who, cindex) {
			Endorsements::<T>::remove(cid, &who);
			(ParticipantClass::Endorsee, Via::Endorsement { cindex: endorsed_for })
		} else {
			(ParticipantClass::Newbie, Via::Nothing)
		};
		Self::append(cc, class, who, via)
	}

	/// Check `proof` for `who` registering for `cc` and link the attendance to it.
	fn use_proof(
		(cid, cindex): CommunityCeremony,
		who: &T::AccountId,
		proof: ProofOfAttendance<T::Signature, T::AccountId>,
	) -> Result<Via<T::AccountId>, DispatchError> {
		ensure!(proof.prover == *who, Error::<T>::WrongProofSubject);
		ensure!(proof.cid == cid, Error::<T>::ProofOfOtherCommunity);
		ensure!(proof.cindex < cindex, Error::<T>::ProofAcausal);
		ensure!(
			proof.cindex.saturating_add(ReputationLifetime::<T>::get()) >= cindex,
			Error::<T>::ProofOutdated
		);
		ensure!(
			proof.attendee == *who || !Self::is_bootstrapper(cid, &proof.attendee),
			Error::<T>::BootstrapperReputationIsUntransferable
		);
		// Spent once linked: the reference's rule (the earlier `linked != cindex` let one
		// attendance seat a reputable in every later ceremony).
		ensure!(
			Reputations::<T>::get((&proof.attendee, cid, proof.cindex))
				== Some(Reputation::VerifiedUnlinked),
			Error::<T>::AttendanceUnverifiedOrAlreadyUsed
		);
		ensure!(
			!SeatsGiven::<T>::contains_key((cid, cindex), &proof.attendee),
			Error::<T>::AttendeeAlreadySeatsOne
		);
		let payload =
			proof_of_attendance_payload(&Self::genesis_hash(), &cid, proof.cindex, cindex, who);
		ensure!(
			proof.signature.verify(&payload[..], &proof.attendee),
			Error::<T>::BadProofOfAttendanceSignature
		);
		Reputations::<T>::insert(
			(&proof.attendee, cid, proof.cindex),
			Reputation::VerifiedLinked(cindex),
		);
		Reputations::<T>::insert((who, cid, cindex), Reputation::UnverifiedReputable);
		SeatsGiven::<T>::insert((cid, cindex), &proof.attendee, who);
		Ok(Via::Proof { attendee: proof.attendee, cindex: proof.cindex })
	}

	/// The ceremony `who`'s endorsement in `cid` is for, if it is good for ceremony `cindex`.
	fn valid_endorsement(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		cindex: CeremonyIndex,
	) -> Option<CeremonyIndex> {
		let endorsed_for = Endorsements::<T>::get(cid, who)?;
		(endorsed_for <= cindex
			&& cindex <= endorsed_for.saturating_add(ReputationLifetime::<T>::get()))
		.then_some(endorsed_for)
	}

	/// Add `who` to `class`'s registry of `cc`; returns its index (the registry's size before).
	pub(crate) fn append(
		cc: CommunityCeremony,
		class: ParticipantClass,
		who: T::AccountId,
		via: Via<T::AccountId>,
	) -> Result<u32, DispatchError> {
		let (cid, cindex) = cc;
		let index = RegistryCounts::<T>::try_mutate(cindex, cid, |counts| {
			let count = counts.get_mut(class);
			let index = *count;
			ensure!(index < T::MaxRegistrySize::get(), Error::<T>::RegistryOverflow);
			*count = index.saturating_add(1);
			Ok::<_, Error<T>>(index)
		})?;
		Registry::<T>::insert((cc, class, index), &who);
		Registrations::<T>::insert(cc, &who, Registration { class, index, via });
		Self::deposit_event(Event::ParticipantRegistered { cid, cindex, class, who });
		Ok(index)
	}

	/// Take `who` out of `cc`'s registries; the last of its class takes its index.
	fn remove(
		cc: CommunityCeremony,
		who: &T::AccountId,
	) -> Result<Registration<T::AccountId>, Error<T>> {
		let (cid, cindex) = cc;
		let registration = Registrations::<T>::take(cc, who).ok_or(Error::<T>::NotRegistered)?;
		let class = registration.class;
		let last = RegistryCounts::<T>::mutate(cindex, cid, |counts| {
			let count = counts.get_mut(class);
			*count = count.saturating_sub(1);
			*count
		});
		match Registry::<T>::take((cc, class, last)) {
			Some(moved) if last != registration.index => {
				Registry::<T>::insert((cc, class, registration.index), &moved);
				Registrations::<T>::mutate(cc, &moved, |r| {
					if let Some(r) = r {
						r.index = registration.index;
					}
				});
			},
			_ => {},
		}
		Ok(registration)
	}

	/// Withdraw `who`'s registration (see [`Pallet::unregister_participant`]).
	pub fn do_unregister(cid: CommunityIdentifier, who: T::AccountId) -> DispatchResult {
		let cindex = Self::registration_target()?;
		let registration = Self::remove((cid, cindex), &who)?;
		Self::undo_via(cid, cindex, &who, registration.via);
		Self::deposit_event(Event::ParticipantUnregistered { cid, cindex, who });
		Ok(())
	}

	/// Make what a withdrawn registration for `cindex` used good again.
	fn undo_via(
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		who: &T::AccountId,
		via: Via<T::AccountId>,
	) {
		match via {
			Via::Proof { attendee, cindex: attended } => {
				Reputations::<T>::mutate((&attendee, cid, attended), |r| {
					if *r == Some(Reputation::VerifiedLinked(cindex)) {
						*r = Some(Reputation::VerifiedUnlinked);
					}
				});
				Reputations::<T>::remove((who, cid, cindex));
				SeatsGiven::<T>::remove((cid, cindex), &attendee);
			},
			Via::Endorsement { cindex: endorsed_for } => {
				Endorsements::<T>::insert(cid, who, endorsed_for)
			},
			Via::Nothing => {},
		}
	}

	/// Turn `who`'s newbie registration into a reputable one (see
	/// [`Pallet::upgrade_registration`]).
	pub fn do_upgrade(
		cid: CommunityIdentifier,
		who: T::AccountId,
		proof: ProofOfAttendance<T::Signature, T::AccountId>,
	) -> DispatchResult {
		let cindex = Self::registration_target()?;
		let cc = (cid, cindex);
		let registration = Registrations::<T>::get(cc, &who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(registration.class == ParticipantClass::Newbie, Error::<T>::MustBeNewbieToUpgrade);
		let via = Self::use_proof(cc, &who, proof)?;
		Self::remove(cc, &who)?;
		Self::deposit_event(Event::ParticipantUnregistered { cid, cindex, who: who.clone() });
		Self::append(cc, ParticipantClass::Reputable, who, via).map(|_| ())
	}

	/// Whether `who` has a verified attendance of `cid` within the reputation lifetime before
	/// ceremony `current`.
	pub fn has_reputation(
		who: &T::AccountId,
		cid: CommunityIdentifier,
		current: CeremonyIndex,
	) -> bool {
		LatestAttendance::<T>::get(cid, who).is_some_and(|attended| {
			attended.saturating_add(ReputationLifetime::<T>::get()) >= current
		})
	}

	/// `endorser` endorses `newcomer` in `cid` (see [`Pallet::endorse_newcomer`]).
	pub fn do_endorse(
		cid: CommunityIdentifier,
		endorser: T::AccountId,
		newcomer: T::AccountId,
	) -> DispatchResult {
		Self::ensure_community(cid)?;
		let current = CurrentCeremonyIndex::<T>::get();
		let phase = CurrentPhase::<T>::get();
		let cindex =
			if phase == CeremonyPhase::Registering { current } else { current.saturating_add(1) };
		// The ceremony's records (tickets) are found through its registry counts when purged.
		if !RegistryCounts::<T>::contains_key(cindex, cid) {
			RegistryCounts::<T>::insert(cindex, cid, PerClass::default());
		}
		if let Some(endorsed_for) = Endorsements::<T>::get(cid, &newcomer) {
			ensure!(
				endorsed_for.saturating_add(ReputationLifetime::<T>::get()) < cindex,
				Error::<T>::AlreadyEndorsed
			);
		}
		let reputable_tickets = EndorsementTicketsPerReputable::<T>::get();
		let used_as_reputable = ReputableTicketsUsed::<T>::get((cid, cindex), &endorser);
		if used_as_reputable < reputable_tickets && Self::has_reputation(&endorser, cid, current) {
			ReputableTicketsUsed::<T>::insert(
				(cid, cindex),
				&endorser,
				used_as_reputable.saturating_add(1),
			);
		} else {
			let used = BootstrapperTicketsUsed::<T>::get(cid, &endorser);
			ensure!(
				used < EndorsementTicketsPerBootstrapper::<T>::get()
					&& Self::is_bootstrapper(cid, &endorser),
				Error::<T>::NoMoreNewbieTickets
			);
			BootstrapperTicketsUsed::<T>::insert(cid, &endorser, used.saturating_add(1));
		}
		Endorsements::<T>::insert(cid, &newcomer, cindex);
		Self::deposit_event(Event::NewcomerEndorsed {
			cid,
			cindex,
			endorser,
			newcomer: newcomer.clone(),
		});
		// A newbie already registered for that ceremony becomes an endorsee now.
		let cc = (cid, cindex);
		let is_newbie = Registrations::<T>::get(cc, &newcomer)
			.is_some_and(|r| r.class == ParticipantClass::Newbie);
		if is_newbie && Self::registration_target().ok() == Some(cindex) {
			Self::remove(cc, &newcomer)?;
			Endorsements::<T>::remove(cid, &newcomer);
			Self::append(cc, ParticipantClass::Endorsee, newcomer, Via::Endorsement { cindex })?;
		}
		Ok(())
	}

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
		let assigned_now = cindex == CurrentCeremonyIndex::<T>::get()
			&& CurrentPhase::<T>::get() != CeremonyPhase::Registering;
		if !assigned_now {
			return None;
		}
		let seed = CeremonySeeds::<T>::get(cindex)?;
		let mut rng = Rng::new(sub_seed(ASSIGNMENT_TAG, &seed, (cid, cindex)));
		Some(Assignment::new(
			RegistryCounts::<T>::get(cindex, cid),
			pallet_communities::LocationCount::<T>::get(cid),
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
	fn meetup_info_in(
		cc: CommunityCeremony,
		assignment: &Assignment,
		meetup: u32,
	) -> Option<MeetupInfo<T::AccountId>> {
		let (cid, cindex) = cc;
		let location_index = assignment.location_of(meetup)?;
		let location = pallet_communities::Locations::<T>::get(cid, location_index);
		Some(MeetupInfo {
			index: meetup,
			location,
			time: location.and_then(|l| Self::meetup_time(cindex, l.lon)),
			participants: Self::meetup_members(cc, assignment, meetup),
		})
	}

	/// When meetups of ceremony `cindex` at longitude `lon` take place, once it is assigning or
	/// attesting.
	fn meetup_time(cindex: CeremonyIndex, lon: convene_primitives::geo::Degree) -> Option<Moment> {
		if cindex != CurrentCeremonyIndex::<T>::get() {
			return None;
		}
		let phase_end = NextPhaseTimestamp::<T>::get()?;
		let attesting_start = match CurrentPhase::<T>::get() {
			CeremonyPhase::Registering => return None,
			CeremonyPhase::Assigning => phase_end,
			CeremonyPhase::Attesting => {
				phase_end.checked_sub(PhaseDurationsOf::<T>::get().get(CeremonyPhase::Attesting))?
			},
		};
		meetup_time(attesting_start, lon, MeetupTimeOffset::<T>::get())
	}

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

	/// Record `who`'s vote and attestations (see [`Pallet::attest_attendees`]); returns the
	/// meetup's size.
	pub fn do_attest(
		cid: CommunityIdentifier,
		who: T::AccountId,
		vote: u32,
		attestees: BoundedVec<T::AccountId, T::MaxMeetupSize>,
	) -> Result<u32, DispatchError> {
		ensure!(
			CurrentPhase::<T>::get() == CeremonyPhase::Attesting,
			Error::<T>::AttestingPhaseRequired
		);
		Self::ensure_community(cid)?;
		let cindex = CurrentCeremonyIndex::<T>::get();
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
	/// returns the meetup's size.
	pub fn do_claim_rewards(
		cid: CommunityIdentifier,
		who: T::AccountId,
		meetup: Option<u32>,
	) -> Result<u32, DispatchError> {
		let phase = CurrentPhase::<T>::get();
		let current = CurrentCeremonyIndex::<T>::get();
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
				return Ok(members.len() as u32);
			},
		};
		ensure!(
			phase == CeremonyPhase::Registering || outcome.early_rewards_possible,
			Error::<T>::EarlyRewardsNotPossible
		);
		let income = pallet_communities::Pallet::<T>::nominal_income(cid);
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
		MeetupResults::<T>::insert(cc, meetup, MeetupResult::Rewarded { rewarded });
		Self::note_activity(cid, cindex);
		if rewarded > 0 && !Bootstrapped::<T>::contains_key(cid) {
			Bootstrapped::<T>::insert(cid, cindex);
		}
		Self::deposit_event(Event::RewardsIssued { cid, cindex, meetup, rewarded });
		Ok(members.len() as u32)
	}

	/// A meetup of ceremony `cindex` of `cid` was evaluated.
	fn note_activity(cid: CommunityIdentifier, cindex: CeremonyIndex) {
		if LastActive::<T>::get(cid).is_none_or(|last| last < cindex) {
			LastActive::<T>::insert(cid, cindex);
		}
	}

	/// Check the pallet's invariants: registries are dense and agree with the registrations,
	/// attestations name meetups of their ceremony, endorsements belong to communities.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), &'static str> {
		for (cindex, cid, counts) in RegistryCounts::<T>::iter() {
			let cc = (cid, cindex);
			for class in ParticipantClass::ALL {
				for index in 0..counts.get(class) {
					let who = Registry::<T>::get((cc, class, index)).ok_or("registry has a gap")?;
					let registration =
						Registrations::<T>::get(cc, &who).ok_or("registry entry not registered")?;
					ensure!(
						registration.class == class && registration.index == index,
						"registration disagrees with the registry"
					);
				}
			}
			ensure!(
				Registrations::<T>::iter_prefix(cc).count() as u64 == counts.total(),
				"registrations and registry counts differ"
			);
		}
		for ((cc, class, index), _) in Registry::<T>::iter() {
			ensure!(
				index < RegistryCounts::<T>::get(cc.1, cc.0).get(class),
				"registry entry beyond its count"
			);
		}
		for (cc, _, attestation) in Attestations::<T>::iter() {
			let assignment = Assignments::<T>::get(cc).ok_or("attestation without assignment")?;
			ensure!(
				(1..=assignment.meetups()).contains(&attestation.meetup),
				"attestation of no meetup"
			);
		}
		// Nothing outlives its community ceremony's registry counts, or its community.
		let has_counts =
			|(cid, cindex): CommunityCeremony| RegistryCounts::<T>::contains_key(cindex, cid);
		for ((cid, cindex), who) in Attestations::<T>::iter_keys() {
			ensure!(
				Registrations::<T>::contains_key((cid, cindex), &who),
				"attestation of no registrant"
			);
		}
		for (cid, who, cindex) in LatestAttendance::<T>::iter() {
			let verified =
				Reputations::<T>::get((&who, cid, cindex)).is_some_and(|r| r.is_verified());
			ensure!(verified, "latest attendance not a verified reputation");
		}
		for (who, cid, cindex) in Reputations::<T>::iter_keys() {
			ensure!(
				Registrations::<T>::contains_key((cid, cindex), &who),
				"reputation of no registrant"
			);
		}
		for cc in ReputableTicketsUsed::<T>::iter_keys().map(|(cc, _)| cc) {
			ensure!(has_counts(cc), "tickets of an unknown ceremony");
		}
		for (cc, attendee, prover) in SeatsGiven::<T>::iter() {
			ensure!(has_counts(cc), "a seat in an unknown ceremony");
			// Registrants go before their ceremony's seats when it is purged.
			if let Some(registration) = Registrations::<T>::get(cc, &prover) {
				ensure!(
					matches!(registration.via, Via::Proof { attendee: ref a, .. } if *a == attendee),
					"a seat its registration does not name"
				);
			}
		}
		for cc in MeetupResults::<T>::iter_keys().map(|(cc, _)| cc) {
			ensure!(has_counts(cc), "meetup result of an unknown ceremony");
		}
		for cc in Assignments::<T>::iter_keys().chain(ReputationCounts::<T>::iter_keys()) {
			ensure!(has_counts(cc), "assignment or count of an unknown ceremony");
		}
		for (cindex, _) in RegistryCounts::<T>::iter_keys() {
			ensure!(cindex >= HistoryStart::<T>::get(), "a purged ceremony has records");
		}
		let known = |cid: CommunityIdentifier| {
			pallet_communities::Metadata::<T>::contains_key(cid)
				|| PurgingCommunities::<T>::contains_key(cid)
		};
		for (cid, _) in
			Endorsements::<T>::iter_keys().chain(BootstrapperTicketsUsed::<T>::iter_keys())
		{
			ensure!(known(cid), "endorsement or ticket in no community");
		}
		for cid in Bootstrapped::<T>::iter_keys().chain(LastActive::<T>::iter_keys()) {
			ensure!(known(cid), "bootstrapped or activity mark of no community");
		}
		Ok(())
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
