// SPDX-License-Identifier: GPL-3.0-or-later
//! Registration: registering (with a proof of attendance, or endorsed), unregistering,
//! upgrading a registration, endorsing newcomers; the registries they keep.

use crate::*;
use frame::{prelude::*, traits::Verify};

impl<T: Config> Pallet<T> {
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
	pub(crate) fn use_proof(
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
	pub(crate) fn valid_endorsement(
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
	pub(crate) fn remove(
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
	pub(crate) fn undo_via(
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
		let current = T::Clock::ceremony_index();
		let phase = T::Clock::phase();
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
}
