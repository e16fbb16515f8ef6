// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2), each at its worst: registration with a proof (a signature check), full
//! meetups of `MaxMeetupSize`, reputation scans over `MaxReputationLifetime` ceremonies.

use super::*;
use alloc::vec::Vec;
use convene_primitives::{
	fixed::I64F64,
	geo::Location,
	metadata::{CommunityMetadata, IpfsCid},
};
use frame::benchmarking::prelude::*;
use pallet_ceremony_scheduler::{CurrentCeremonyIndex, CurrentPhase, NextPhaseTimestamp};

/// The benchmarks set up communities and phases in the pallets the runtime wires in as
/// [`Config::Communities`] and [`Config::Clock`].
pub trait Neighbours:
	Config + pallet_communities::Config + pallet_ceremony_scheduler::Config
{
}
impl<T: Config + pallet_communities::Config + pallet_ceremony_scheduler::Config> Neighbours for T {}

/// The ceremony the benchmarks register for.
const CINDEX: CeremonyIndex = 5;

fn master<T: Neighbours>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	<T as Config>::CeremonyMaster::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn set_phase<T: Neighbours>(phase: CeremonyPhase, cindex: CeremonyIndex) {
	CurrentPhase::<T>::put(phase);
	CurrentCeremonyIndex::<T>::put(cindex);
	NextPhaseTimestamp::<T>::put(1_700_000_000_000);
}

/// A community near Zürich whose bootstrappers are `bootstrappers`, bootstrapped in ceremony 1,
/// with the longest reputation lifetime.
fn community<T: Neighbours>(bootstrappers: Vec<T::AccountId>) -> CommunityIdentifier {
	let metadata = CommunityMetadata {
		name: b"Bench".to_vec().try_into().unwrap_or_default(),
		symbol: b"BEN".to_vec().try_into().unwrap_or_default(),
		assets: IpfsCid::try_from(b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec())
			.unwrap_or_default(),
		theme: None,
		url: None,
	};
	let location = Location::new(I64F64::from_int(47), I64F64::from_int(8));
	let founding = pallet_communities::Founding {
		location,
		bootstrappers: bootstrappers.try_into().unwrap_or_default(),
		metadata,
		demurrage: None,
		nominal_income: None,
	};
	let cid = pallet_communities::Pallet::<T>::do_new_community(founding, None).unwrap_or_default();
	Bootstrapped::<T>::insert(cid, 1);
	ReputationLifetime::<T>::put(T::MaxReputationLifetime::get());
	cid
}

fn bootstrappers<T: Neighbours>() -> Vec<T::AccountId> {
	(0..<T as pallet_communities::Config>::MinBootstrappers::get())
		.map(|i| account("bootstrapper", i, 0))
		.collect()
}

/// A signer who attended ceremony `CINDEX − 1` of `cid` and was rewarded.
fn attendee<T: Neighbours>(cid: CommunityIdentifier) -> T::AccountId {
	let attendee = T::BenchmarkHelper::signer(1);
	let attended = (cid, CINDEX - 1);
	let _ = Pallet::<T>::append(attended, ParticipantClass::Newbie, attendee.clone(), Via::Nothing);
	Reputations::<T>::insert((&attendee, cid, CINDEX - 1), Reputation::VerifiedUnlinked);
	attendee
}

/// `attendee`'s proof for `prover`.
fn proof<T: Neighbours>(
	cid: CommunityIdentifier,
	attendee: T::AccountId,
	prover: T::AccountId,
) -> ProofOfAttendance<T::Signature, T::AccountId> {
	let genesis = Pallet::<T>::genesis_hash();
	let payload = proof_of_attendance_payload(&genesis, &cid, CINDEX - 1, CINDEX, &prover);
	let signature = T::BenchmarkHelper::sign(&attendee, &payload);
	ProofOfAttendance { prover, cid, cindex: CINDEX - 1, attendee, signature }
}

/// A meetup of `size` (at least the bootstrappers) in ceremony `CINDEX`: the bootstrappers and
/// reputables, at the community's one location; the seed drawn.
fn full_meetup<T: Neighbours>(size: u32) -> (CommunityIdentifier, Vec<T::AccountId>) {
	let bootstrappers = bootstrappers::<T>();
	let cid = community::<T>(bootstrappers.clone());
	let cc = (cid, CINDEX);
	for b in &bootstrappers {
		let _ = Pallet::<T>::append(cc, ParticipantClass::Bootstrapper, b.clone(), Via::Nothing);
	}
	let reputables = size.saturating_sub(bootstrappers.len() as u32);
	for i in 0..reputables {
		let who: T::AccountId = account("reputable", i, 0);
		let _ = Pallet::<T>::append(cc, ParticipantClass::Reputable, who, Via::Nothing);
	}
	set_phase::<T>(CeremonyPhase::Attesting, CINDEX);
	Pallet::<T>::do_draw_seed(CINDEX);
	let assignment = Pallet::<T>::assignment(cid, CINDEX).unwrap_or_default();
	let members = Pallet::<T>::meetup_members(cc, &assignment, 1);
	(cid, members)
}

#[benchmarks(where T: pallet_communities::Config + pallet_ceremony_scheduler::Config)]
mod benchmarks {
	use super::*;

	/// A reputable with a proof of another account's attendance, joining `r` reputables.
	#[benchmark]
	fn register_participant(
		r: Linear<0, { T::MaxRegistrySize::get().saturating_sub(1).min(1_000) }>,
	) -> Result<(), BenchmarkError> {
		let cid = community::<T>(bootstrappers::<T>());
		set_phase::<T>(CeremonyPhase::Registering, CINDEX);
		for i in 0..r {
			let who: T::AccountId = account("registered", i, 0);
			Pallet::<T>::append((cid, CINDEX), ParticipantClass::Reputable, who, Via::Nothing)?;
		}
		let attendee = attendee::<T>(cid);
		let prover: T::AccountId = whitelisted_caller();
		let proof = proof::<T>(cid, attendee, prover.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), cid, Some(proof));

		let class = Registrations::<T>::get((cid, CINDEX), &prover).map(|r| r.class);
		assert_eq!(class, Some(ParticipantClass::Reputable));
		Ok(())
	}

	#[benchmark]
	fn upgrade_registration() -> Result<(), BenchmarkError> {
		let cid = community::<T>(bootstrappers::<T>());
		set_phase::<T>(CeremonyPhase::Registering, CINDEX);
		let attendee = attendee::<T>(cid);
		let prover: T::AccountId = whitelisted_caller();
		Pallet::<T>::do_register(cid, prover.clone(), None).map_err(|_| "register")?;
		let proof = proof::<T>(cid, attendee, prover.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), cid, proof);

		let class = Registrations::<T>::get((cid, CINDEX), &prover).map(|r| r.class);
		assert_eq!(class, Some(ParticipantClass::Reputable));
		Ok(())
	}

	/// A reputable, whose proof is given back, and whose index another one takes.
	#[benchmark]
	fn unregister_participant() -> Result<(), BenchmarkError> {
		let cid = community::<T>(bootstrappers::<T>());
		set_phase::<T>(CeremonyPhase::Registering, CINDEX);
		let attendee = attendee::<T>(cid);
		let prover: T::AccountId = whitelisted_caller();
		let proof = proof::<T>(cid, attendee.clone(), prover.clone());
		Pallet::<T>::do_register(cid, prover.clone(), Some(proof)).map_err(|_| "register")?;
		let other: T::AccountId = account("other", 0, 0);
		Pallet::<T>::append((cid, CINDEX), ParticipantClass::Reputable, other, Via::Nothing)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(prover.clone()), cid);

		assert!(!Registrations::<T>::contains_key((cid, CINDEX), &prover));
		let reputation = Reputations::<T>::get((&attendee, cid, CINDEX - 1));
		assert_eq!(reputation, Some(Reputation::VerifiedUnlinked));
		Ok(())
	}

	/// A bootstrapper whose attendance is outdated (so a bootstrapper's ticket is used), endorsing
	/// a registered newbie.
	#[benchmark]
	fn endorse_newcomer() -> Result<(), BenchmarkError> {
		let bootstrappers = bootstrappers::<T>();
		let endorser = bootstrappers.first().cloned().ok_or("no bootstrapper")?;
		let cid = community::<T>(bootstrappers);
		set_phase::<T>(CeremonyPhase::Registering, CINDEX);
		EndorsementTicketsPerBootstrapper::<T>::put(1);
		EndorsementTicketsPerReputable::<T>::put(1);
		Reputations::<T>::insert((&endorser, cid, 0), Reputation::VerifiedUnlinked);
		LatestAttendance::<T>::insert(cid, &endorser, 0);
		let newcomer: T::AccountId = account("newcomer", 0, 0);
		Pallet::<T>::do_register(cid, newcomer.clone(), None).map_err(|_| "register")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(endorser), cid, newcomer.clone());

		let class = Registrations::<T>::get((cid, CINDEX), &newcomer).map(|r| r.class);
		assert_eq!(class, Some(ParticipantClass::Endorsee));
		Ok(())
	}

	/// The first attestation of a meetup of `m` (it stores the assignment), attesting all
	/// others.
	#[benchmark]
	fn attest_attendees(
		m: Linear<{ T::MinMeetupSize::get() }, { T::MaxMeetupSize::get() }>,
	) -> Result<(), BenchmarkError> {
		let (cid, members) = full_meetup::<T>(m);
		let who = members.first().cloned().ok_or("empty meetup")?;
		let others: BoundedVec<T::AccountId, T::MaxMeetupSize> =
			BoundedVec::truncate_from(members.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), cid, members.len() as u32, others);

		let attested = Attestations::<T>::get((cid, CINDEX), &who).map(|a| a.attested.len());
		assert_eq!(attested, Some(members.len() - 1));
		Ok(())
	}

	/// A meetup of `m` where everyone attested everyone, evaluated after Attesting: everyone
	/// paid.
	#[benchmark]
	fn claim_rewards(
		m: Linear<{ T::MinMeetupSize::get() }, { T::MaxMeetupSize::get() }>,
	) -> Result<(), BenchmarkError> {
		let (cid, members) = full_meetup::<T>(m);
		let size = members.len() as u32;
		for who in &members {
			let others = BoundedVec::truncate_from(members.clone());
			Pallet::<T>::do_attest(cid, who.clone(), size, others).map_err(|_| "attest")?;
		}
		set_phase::<T>(CeremonyPhase::Registering, CINDEX + 1);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), cid, Some(1));

		let result = MeetupResults::<T>::get((cid, CINDEX), 1);
		assert_eq!(result, Some(MeetupResult::Rewarded { rewarded: size }));
		Ok(())
	}

	#[benchmark]
	fn set_parameter() -> Result<(), BenchmarkError> {
		let origin = master::<T>()?;

		#[extrinsic_call]
		set_inactivity_timeout(origin as T::RuntimeOrigin, 7);

		assert_eq!(InactivityTimeout::<T>::get(), 7);
		Ok(())
	}

	#[benchmark]
	fn draw_seed() {
		#[block]
		{
			Pallet::<T>::do_draw_seed(CINDEX);
			Pallet::<T>::start_inactivity_sweep(CINDEX);
		}

		assert!(CeremonySeeds::<T>::contains_key(CINDEX));
	}

	#[benchmark]
	fn expire_history() {
		ReputationLifetime::<T>::put(T::MaxReputationLifetime::get());

		#[block]
		{
			Pallet::<T>::expire_history(CINDEX.saturating_add(T::MaxReputationLifetime::get()));
		}

		assert_eq!(PurgeBefore::<T>::get(), CINDEX);
	}

	/// One registrant with a reputation and an attestation.
	#[benchmark]
	fn purge_registrant() -> Result<(), BenchmarkError> {
		let (cid, members) = full_meetup::<T>(T::MaxMeetupSize::get());
		let who = members.first().cloned().ok_or("empty meetup")?;
		Pallet::<T>::do_attest(cid, who.clone(), 2, BoundedVec::truncate_from(members))
			.map_err(|_| "attest")?;
		Reputations::<T>::insert((&who, cid, CINDEX), Reputation::VerifiedUnlinked);

		#[block]
		{
			Pallet::<T>::purge_ceremony_step((cid, CINDEX), 1);
		}

		assert_eq!(
			Registry::<T>::iter_prefix(((cid, CINDEX),)).count() as u32,
			T::MaxMeetupSize::get() - 1
		);
		Ok(())
	}

	/// A ceremony without registrants left but with a full batch of tickets and results.
	#[benchmark]
	fn purge_ceremony_records() {
		let cid = community::<T>(bootstrappers::<T>());
		let cc = (cid, CINDEX);
		RegistryCounts::<T>::insert(CINDEX, cid, PerClass::default());
		Assignments::<T>::insert(cc, Assignment::default());
		ReputationCounts::<T>::insert(cc, 1);
		for i in 0..64u32 {
			let who: T::AccountId = account("endorser", i, 0);
			ReputableTicketsUsed::<T>::insert(cc, who, 1);
			MeetupResults::<T>::insert(cc, i, MeetupResult::Rewarded { rewarded: 1 });
		}
		PurgeQueue::<T>::insert(cc, ());

		#[block]
		{
			Pallet::<T>::purge_ceremony_step(cc, 1);
		}

		assert!(!RegistryCounts::<T>::contains_key(CINDEX, cid));
	}

	/// `n` ceremonies of the purged community to queue.
	#[benchmark]
	fn on_community_purged(n: Linear<0, { T::MaxReputationLifetime::get() + 1 }>) {
		let cid = community::<T>(bootstrappers::<T>());
		set_phase::<T>(CeremonyPhase::Registering, n);
		for cindex in 0..=n.saturating_add(1) {
			RegistryCounts::<T>::insert(cindex, cid, PerClass::default());
		}

		#[block]
		{
			<Pallet<T> as pallet_communities::OnCommunityPurged>::on_community_purged(cid);
		}

		assert!(PurgingCommunities::<T>::contains_key(cid));
	}

	/// An active community, kept.
	#[benchmark]
	fn check_activity() {
		let cid = community::<T>(bootstrappers::<T>());
		LastActive::<T>::insert(cid, CINDEX);

		#[block]
		{
			Pallet::<T>::check_activity(cid, CINDEX + 1);
		}

		assert!(pallet_communities::Metadata::<T>::contains_key(cid));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
