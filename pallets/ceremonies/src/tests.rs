// SPDX-License-Identifier: GPL-3.0-or-later
//! Tests on the test runtime; `try_state` runs after each.

use crate::{mock::*, *};
use convene_primitives::{fixed::U64F64, page::Page};
use frame::{deps::sp_runtime::testing::TestSignature, testing_prelude::*};
use pallet_ceremony_scheduler::CurrentCeremonyIndex;

fn register(who: u64, cid: CommunityIdentifier) -> DispatchResultWithPostInfo {
	Ceremonies::register_participant(RuntimeOrigin::signed(who), cid, None)
}

fn class_of(cid: CommunityIdentifier, cindex: CeremonyIndex, who: u64) -> Option<ParticipantClass> {
	Registrations::<Test>::get((cid, cindex), who).map(|r| r.class)
}

fn attest(
	who: u64,
	cid: CommunityIdentifier,
	vote: u32,
	attestees: &[u64],
) -> DispatchResultWithPostInfo {
	Ceremonies::attest_attendees(
		RuntimeOrigin::signed(who),
		cid,
		vote,
		attestees.to_vec().try_into().unwrap(),
	)
}

/// Everyone in `group` attests everyone else and votes the group's size.
fn attest_all(cid: CommunityIdentifier, group: &[u64]) {
	for who in group {
		assert_ok!(attest(*who, cid, group.len() as u32, group));
	}
}

fn balance(cid: CommunityIdentifier, who: u64) -> U64F64 {
	pallet_community_balances::Pallet::<Test>::balance(cid, &who)
}

/// A community whose bootstrapping ceremony (1) rewarded 1, 2 and 3; now Registering of 2.
fn bootstrapped() -> CommunityIdentifier {
	let cid = found(bootstrappers(), 0);
	for b in bootstrappers() {
		assert_ok!(register(b, cid));
	}
	until(CeremonyPhase::Attesting);
	attest_all(cid, &bootstrappers());
	until(CeremonyPhase::Registering);
	assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None));
	cid
}

#[test]
fn bootstrapping_ceremony_rewards_the_bootstrappers_early() {
	ExtBuilder.build_and_execute(|| {
		let cid = found(bootstrappers(), 0);
		// Nobody else until the first rewards.
		assert_noop!(register(7, cid), Error::<Test>::OnlyBootstrappers);
		for b in bootstrappers() {
			assert_ok!(register(b, cid));
			assert_eq!(class_of(cid, 1, b), Some(ParticipantClass::Bootstrapper));
		}
		assert_noop!(register(1, cid), Error::<Test>::AlreadyRegistered);
		until(CeremonyPhase::Assigning);
		assert!(events().contains(&Event::CeremonySeedDrawn { cindex: 1 }));
		assert_noop!(register(4, cid), Error::<Test>::RegisteringOrAttestingPhaseRequired);
		// One meetup of the three, at Zürich, at local solar noon.
		let info = Ceremonies::meetup_info((cid, 1), 1).unwrap();
		assert_eq!(info.location, Some(zurich()));
		let mut participants = info.participants.clone();
		participants.sort();
		assert_eq!(participants, vec![1, 2, 3]);
		let attesting_start = MockTime::get() + PHASE;
		// 8.5417° east: 171.4583° from the date line, at 4 minutes a degree (8.5417 has no exact
		// binary form: the millisecond may round down).
		assert!((info.time.unwrap() - attesting_start).abs_diff(41_149_992) <= 1);
		assert_eq!(Ceremonies::meetup_info((cid, 1), 2), None);
		until(CeremonyPhase::Attesting);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None),
			Error::<Test>::VotesNotDependable
		);
		// Weighed for 12, charged for the 3 there are.
		let info = attest(1, cid, 3, &[2, 3]).unwrap();
		assert_eq!(info.actual_weight, Some(Weight::from_parts(1 + 3, 0)));
		let declared =
			Call::<Test>::attest_attendees { cid, vote: 3, attestees: Default::default() }
				.get_dispatch_info()
				.call_weight;
		assert_eq!(declared, Weight::from_parts(1 + 12, 0));
		attest_all(cid, &[1, 2, 3]);
		System::reset_events();
		let result = Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None).unwrap();
		assert_eq!(result.pays_fee, Pays::No);
		// The meetup's 3 and the rewards hook's 100.
		assert_eq!(result.actual_weight, Some(Weight::from_parts(10 + 3 + 100, 0)));
		assert_eq!(events(), vec![Event::RewardsIssued { cid, cindex: 1, meetup: 1, rewarded: 3 }]);
		assert_eq!(RewardsHook::get(), vec![(cid, 1, U64F64::from_int(60))]);
		assert_eq!(GlobalReputationCounts::<Test>::get(1), 3);
		for b in bootstrappers() {
			assert_eq!(balance(cid, b), U64F64::from_int(20));
			assert_eq!(Reputations::<Test>::get((b, cid, 1)), Some(Reputation::VerifiedUnlinked));
		}
		assert_eq!(Bootstrapped::<Test>::get(cid), Some(1));
		assert_eq!(ReputationCounts::<Test>::get((cid, 1)), 3);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(2), cid, Some(1)),
			Error::<Test>::RewardsAlreadyIssued
		);
		// Registration for ceremony 2 is open to everyone now.
		assert_ok!(register(7, cid));
		assert_eq!(class_of(cid, 2, 7), Some(ParticipantClass::Newbie));
	});
}

#[test]
fn second_ceremony_with_reputables_endorsees_and_newbies() {
	ExtBuilder.build_and_execute(|| {
		let cid = found(bootstrappers(), 3);
		for b in bootstrappers() {
			assert_ok!(register(b, cid));
		}
		until(CeremonyPhase::Attesting);
		attest_all(cid, &bootstrappers());
		until(CeremonyPhase::Registering);
		assert_eq!(CurrentCeremonyIndex::<Test>::get(), 2);
		assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(9), cid, Some(1)));

		// Ceremony 2: 1 as bootstrapper, 2 and 3 move their reputation to 12 and 13.
		assert_ok!(register(1, cid));
		for (attendee, prover) in [(2, 12), (3, 13)] {
			assert_noop!(
				Ceremonies::register_participant(
					RuntimeOrigin::signed(prover),
					cid,
					Some(proof(cid, 1, attendee, prover))
				),
				Error::<Test>::BootstrapperReputationIsUntransferable
			);
		}
		assert_ok!(Ceremonies::register_participant(
			RuntimeOrigin::signed(2),
			cid,
			Some(proof(cid, 1, 2, 2))
		));
		assert_eq!(class_of(cid, 2, 2), Some(ParticipantClass::Bootstrapper));
		assert_ok!(register(3, cid));
		// 1 endorses 20; 20 registers as an endorsee. 21 registers as a newbie, then 2 endorses
		// it and it becomes an endorsee. 22 stays a newbie.
		assert_ok!(Ceremonies::endorse_newcomer(RuntimeOrigin::signed(1), cid, 20));
		assert_noop!(
			Ceremonies::endorse_newcomer(RuntimeOrigin::signed(2), cid, 20),
			Error::<Test>::AlreadyEndorsed
		);
		assert_ok!(register(20, cid));
		assert_eq!(class_of(cid, 2, 20), Some(ParticipantClass::Endorsee));
		assert_eq!(Endorsements::<Test>::get(cid, 20), None);
		assert_ok!(register(21, cid));
		assert_eq!(class_of(cid, 2, 21), Some(ParticipantClass::Newbie));
		assert_ok!(Ceremonies::endorse_newcomer(RuntimeOrigin::signed(2), cid, 21));
		assert_eq!(class_of(cid, 2, 21), Some(ParticipantClass::Endorsee));
		assert_ok!(register(22, cid));
		// 3 experienced allow 1 newcomer: one of 20 and 21 is picked, at random.
		until(CeremonyPhase::Assigning);
		let assignment = Ceremonies::assignment(cid, 2).unwrap();
		assert_eq!(assignment.meetups(), 1);
		assert_eq!(
			assignment.allowance.assigned,
			PerClass { bootstrappers: 3, reputables: 0, endorsees: 1, newbies: 0 }
		);
		let members = Ceremonies::meetup_info((cid, 2), 1).unwrap().participants;
		assert_eq!(members.len(), 4);
		let newcomer = *members.iter().find(|m| **m >= 20).unwrap();
		let left_out = if newcomer == 20 { 21 } else { 20 };
		until(CeremonyPhase::Attesting);
		assert_noop!(attest(left_out, cid, 4, &[1]), Error::<Test>::NotAssigned);
		assert_noop!(attest(22, cid, 4, &[1]), Error::<Test>::NotAssigned);
		// 3 votes a wrong head count; the newcomer attests nobody but itself and strangers.
		assert_ok!(attest(1, cid, 4, &[2, 3, newcomer]));
		assert_ok!(attest(2, cid, 4, &[1, 3, newcomer]));
		assert_ok!(attest(3, cid, 3, &[1, 2, newcomer]));
		assert_noop!(attest(newcomer, cid, 4, &[newcomer, 99]), Error::<Test>::NoValidAttestations);
		assert_noop!(attest(newcomer, cid, 0, &[1]), Error::<Test>::InvalidVote);
		assert_noop!(attest(newcomer, cid, 5, &[1]), Error::<Test>::InvalidVote);
		assert_ok!(attest(newcomer, cid, 4, &[1, 1]));
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None),
			Error::<Test>::EarlyRewardsNotPossible
		);
		until(CeremonyPhase::Registering);
		// Registered but left out of every meetup: no meetup of one's own to claim.
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(left_out), cid, None),
			Error::<Test>::NotAssigned
		);
		System::reset_events();
		assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None));
		// 3 voted wrong; the newcomer attested only 1 of the 2 others left (threshold 2 of 3).
		assert_eq!(
			events(),
			vec![
				Event::NoReward {
					cid,
					cindex: 2,
					meetup: 1,
					who: 3,
					reason: ExclusionReason::WrongVote
				},
				Event::NoReward {
					cid,
					cindex: 2,
					meetup: 1,
					who: newcomer,
					reason: ExclusionReason::TooFewOutgoingAttestations
				},
				Event::RewardsIssued { cid, cindex: 2, meetup: 1, rewarded: 2 },
			]
		);
		// Two rewards, the first one decayed a little.
		let one = balance(cid, 1);
		assert!(one > U64F64::from_int(39) && one < U64F64::from_int(40), "{one}");
		assert_eq!(balance(cid, newcomer), U64F64::ZERO);
		assert_eq!(Reputations::<Test>::get((1, cid, 2)), Some(Reputation::VerifiedUnlinked));
		assert_eq!(Reputations::<Test>::get((3, cid, 2)), None);
		// A bootstrapper's proof is not needed, so not used.
		assert_eq!(Reputations::<Test>::get((2, cid, 1)), Some(Reputation::VerifiedUnlinked));
	});
}

/// The bootstrappers and 30 (without a proof) attend the ceremony registering now, all
/// rewarded; then the next one registers.
fn bootstrappers_and_30_attend(cid: CommunityIdentifier) {
	for who in [1, 2, 3, 30] {
		assert_ok!(register(who, cid));
	}
	until(CeremonyPhase::Attesting);
	attest_all(cid, &[1, 2, 3, 30]);
	assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(30), cid, None));
	until(CeremonyPhase::Registering);
}

/// [`bootstrapped`], then ceremony 2 with the bootstrappers and newbie 30, all rewarded; now
/// Registering of ceremony 3.
fn newbie_attended() -> CommunityIdentifier {
	let cid = bootstrapped();
	bootstrappers_and_30_attend(cid);
	assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedUnlinked));
	cid
}

#[test]
fn proofs_of_attendance_are_checked() {
	ExtBuilder.build_and_execute(|| {
		let cid = newbie_attended();
		let signed = |p: ProofOfAttendance<TestSignature, u64>, who: u64| {
			Ceremonies::register_participant(RuntimeOrigin::signed(who), cid, Some(p))
		};
		assert_noop!(signed(proof(cid, 2, 30, 31), 32), Error::<Test>::WrongProofSubject);
		let other = found_at(loc(50.0, 15.0), vec![4, 5, 6], 0);
		assert_noop!(signed(proof(other, 2, 30, 31), 31), Error::<Test>::ProofOfOtherCommunity);
		assert_noop!(signed(proof(cid, 3, 30, 31), 31), Error::<Test>::ProofAcausal);
		assert_noop!(
			signed(proof(cid, 2, 33, 31), 31),
			Error::<Test>::AttendanceUnverifiedOrAlreadyUsed
		);
		// A signature over another chain's genesis, or by someone else, does not verify.
		let mut forged = proof(cid, 2, 30, 31);
		forged.signature =
			TestSignature(30, proof_of_attendance_payload(&[1; 32], &cid, 2, 3, &31u64));
		assert_noop!(signed(forged, 31), Error::<Test>::BadProofOfAttendanceSignature);
		// A proof signed for another ceremony does not register for this one.
		let mut replayed = proof(cid, 2, 30, 31);
		let genesis = Ceremonies::genesis_hash();
		replayed.signature =
			TestSignature(30, proof_of_attendance_payload(&genesis, &cid, 2, 4, &31u64));
		assert_noop!(signed(replayed, 31), Error::<Test>::BadProofOfAttendanceSignature);
		let mut forged = proof(cid, 2, 30, 31);
		forged.signature.0 = 31;
		assert_noop!(signed(forged, 31), Error::<Test>::BadProofOfAttendanceSignature);
		// 31 registers with 30's attendance; it cannot be used again for this ceremony.
		assert_ok!(signed(proof(cid, 2, 30, 31), 31));
		assert_eq!(class_of(cid, 3, 31), Some(ParticipantClass::Reputable));
		assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedLinked(3)));
		assert_eq!(Reputations::<Test>::get((31, cid, 3)), Some(Reputation::UnverifiedReputable));
		assert_noop!(
			signed(proof(cid, 2, 30, 32), 32),
			Error::<Test>::AttendanceUnverifiedOrAlreadyUsed
		);
		// Unregistering gives the attendance back.
		assert_ok!(Ceremonies::unregister_participant(RuntimeOrigin::signed(31), cid));
		assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedUnlinked));
		assert_eq!(Reputations::<Test>::get((31, cid, 3)), None);
		assert!(events().contains(&Event::ParticipantUnregistered { cid, cindex: 3, who: 31 }));
		// A newbie upgrades with it.
		assert_ok!(register(32, cid));
		assert_ok!(register(1, cid));
		assert_noop!(
			Ceremonies::upgrade_registration(RuntimeOrigin::signed(1), cid, proof(cid, 2, 30, 1)),
			Error::<Test>::MustBeNewbieToUpgrade
		);
		assert_noop!(
			Ceremonies::upgrade_registration(RuntimeOrigin::signed(33), cid, proof(cid, 2, 30, 33)),
			Error::<Test>::NotRegistered
		);
		assert_ok!(Ceremonies::upgrade_registration(
			RuntimeOrigin::signed(32),
			cid,
			proof(cid, 2, 30, 32)
		));
		assert_eq!(class_of(cid, 3, 32), Some(ParticipantClass::Reputable));
		// Attendances older than the lifetime (3) are outdated: ceremony 6 cannot use 2.
		for _ in 0..9 {
			next_phase();
		}
		assert_eq!(CurrentCeremonyIndex::<Test>::get(), 6);
		assert_noop!(signed(proof(cid, 2, 30, 34), 34), Error::<Test>::ProofOutdated);
	});
}

/// The first attack: an attendance linked to ceremony 3 was accepted again for any other
/// ceremony, seating its holder in every ceremony of the lifetime without attending again.
#[test]
fn a_spent_attendance_seats_nobody_in_a_later_ceremony() {
	ExtBuilder.build_and_execute(|| {
		let cid = newbie_attended();
		assert_ok!(Ceremonies::register_participant(
			RuntimeOrigin::signed(30),
			cid,
			Some(proof(cid, 2, 30, 30))
		));
		assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedLinked(3)));
		// 30 skips ceremony 3's meetup; at ceremony 4 the spent attendance is refused.
		for _ in 0..3 {
			next_phase();
		}
		assert_eq!(CurrentCeremonyIndex::<Test>::get(), 4);
		assert_noop!(
			Ceremonies::register_participant(
				RuntimeOrigin::signed(30),
				cid,
				Some(proof(cid, 2, 30, 30))
			),
			Error::<Test>::AttendanceUnverifiedOrAlreadyUsed
		);
	});
}

/// The second attack: one attendee with several unspent attendances signs a proof for each of
/// several accounts and seats them all at one ceremony.
#[test]
fn one_attendee_seats_one_reputable_per_ceremony() {
	ExtBuilder.build_and_execute(|| {
		let cid = newbie_attended();
		// 30 attends ceremony 3 too: it holds two unspent attendances.
		bootstrappers_and_30_attend(cid);
		assert_eq!(CurrentCeremonyIndex::<Test>::get(), 4);
		assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedUnlinked));
		assert_eq!(Reputations::<Test>::get((30, cid, 3)), Some(Reputation::VerifiedUnlinked));
		// 30 moves one attendance to a new key, 40: allowed, and seats 40.
		let signed = |p: ProofOfAttendance<TestSignature, u64>, who: u64| {
			Ceremonies::register_participant(RuntimeOrigin::signed(who), cid, Some(p))
		};
		assert_ok!(signed(proof(cid, 3, 30, 40), 40));
		assert_eq!(SeatsGiven::<Test>::get((cid, 4), 30), Some(40));
		// Its other attendance seats nobody else at ceremony 4, not even 30 itself.
		assert_noop!(signed(proof(cid, 2, 30, 41), 41), Error::<Test>::AttendeeAlreadySeatsOne);
		assert_noop!(signed(proof(cid, 2, 30, 30), 30), Error::<Test>::AttendeeAlreadySeatsOne);
		// 40 withdraws: the seat is free again, and 30 takes it.
		assert_ok!(Ceremonies::unregister_participant(RuntimeOrigin::signed(40), cid));
		assert_eq!(SeatsGiven::<Test>::get((cid, 4), 30), None);
		assert_ok!(signed(proof(cid, 2, 30, 30), 30));
		assert_eq!(class_of(cid, 4, 30), Some(ParticipantClass::Reputable));
	});
}

#[test]
fn old_ceremonies_are_purged_step_by_step() {
	ExtBuilder.build_and_execute(|| {
		let cid = newbie_attended();
		assert_eq!(Reputations::<Test>::get((1, cid, 1)), Some(Reputation::VerifiedUnlinked));
		// Ceremony 5 begins: with lifetime 3, ceremonies 1 and earlier are history.
		for _ in 0..6 {
			next_phase();
		}
		assert_eq!(CurrentCeremonyIndex::<Test>::get(), 5);
		assert_eq!(PurgeBefore::<Test>::get(), 2);
		// Room for the fixed part and one registrant a step.
		let step = Weight::from_parts(60, 2);
		assert_eq!(Ceremonies::on_idle(1, step), Weight::from_parts(60, 2));
		assert_eq!(RegistryCounts::<Test>::get(1, cid).total(), 3);
		assert_eq!(Registry::<Test>::iter_prefix(((cid, 1),)).count(), 2);
		while !events().contains(&Event::CommunityCeremonyPurged { cid, cindex: 1 }) {
			Ceremonies::on_idle(1, step);
		}
		Ceremonies::on_idle(1, step);
		assert!(events().contains(&Event::CeremonyPurged { cindex: 1 }));
		assert_eq!(HistoryStart::<Test>::get(), 2);
		assert_eq!(Reputations::<Test>::get((1, cid, 1)), None);
		assert_eq!(CeremonySeeds::<Test>::get(1), None);
		assert!(!RegistryCounts::<Test>::contains_key(1, cid));
		assert!(MeetupResults::<Test>::iter_prefix((cid, 1)).next().is_none());
		// Ceremony 2 is kept.
		assert_eq!(Reputations::<Test>::get((30, cid, 2)), Some(Reputation::VerifiedUnlinked));
		// Too little weight: nothing is done.
		assert_eq!(Ceremonies::on_idle(1, Weight::from_parts(10, 0)), Weight::zero());
	});
}

#[test]
fn purging_a_community_purges_its_ceremonies() {
	ExtBuilder.build_and_execute(|| {
		let cid = newbie_attended();
		assert_ok!(Ceremonies::endorse_newcomer(RuntimeOrigin::signed(1), cid, 40));
		assert_ok!(register(5, cid));
		assert_ok!(Communities::purge_community(RuntimeOrigin::root(), cid));
		assert_eq!(PurgeQueue::<Test>::iter_keys().count(), 3);
		assert_noop!(register(6, cid), Error::<Test>::CommunityNotFound);
		while PurgingCommunities::<Test>::contains_key(cid) {
			Ceremonies::on_idle(1, Weight::from_parts(1_000, 100));
		}
		assert!(events().contains(&Event::CommunityHistoryPurged { cid }));
		for cindex in 1..=3 {
			assert!(!RegistryCounts::<Test>::contains_key(cindex, cid));
		}
		assert_eq!(Reputations::<Test>::iter().count(), 0);
		assert_eq!(GlobalReputationCounts::<Test>::iter().count(), 0);
		assert_eq!(Endorsements::<Test>::iter().count(), 0);
		assert_eq!(BootstrapperTicketsUsed::<Test>::iter().count(), 0);
		assert_eq!(Bootstrapped::<Test>::get(cid), None);
	});
}

#[test]
fn endorsement_tickets_run_out() {
	ExtBuilder.build_and_execute(|| {
		let cid = bootstrapped();
		// Bootstrapper 1 has 2 tickets for all time, and as a reputable 1 per ceremony: 3.
		for newcomer in [40, 41, 42] {
			assert_ok!(Ceremonies::endorse_newcomer(RuntimeOrigin::signed(1), cid, newcomer));
		}
		assert_noop!(
			Ceremonies::endorse_newcomer(RuntimeOrigin::signed(1), cid, 43),
			Error::<Test>::NoMoreNewbieTickets
		);
		assert_eq!(ReputableTicketsUsed::<Test>::get((cid, 2), 1), 1);
		assert_eq!(BootstrapperTicketsUsed::<Test>::get(cid, 1), 2);
		// Someone without reputation has none.
		assert_noop!(
			Ceremonies::endorse_newcomer(RuntimeOrigin::signed(50), cid, 43),
			Error::<Test>::NoMoreNewbieTickets
		);
		assert_noop!(
			Ceremonies::endorse_newcomer(RuntimeOrigin::signed(2), unknown_cid(), 43),
			Error::<Test>::CommunityNotFound
		);
		assert!(events().contains(&Event::NewcomerEndorsed {
			cid,
			cindex: 2,
			endorser: 1,
			newcomer: 40
		}));
		// An endorsee who unregisters keeps the endorsement.
		assert_ok!(register(40, cid));
		assert_ok!(Ceremonies::unregister_participant(RuntimeOrigin::signed(40), cid));
		assert_eq!(Endorsements::<Test>::get(cid, 40), Some(2));
		assert_noop!(
			Ceremonies::unregister_participant(RuntimeOrigin::signed(40), cid),
			Error::<Test>::NotRegistered
		);
	});
}

fn unknown_cid() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"gcpuv", digest: [9, 9, 9, 9] }
}

#[test]
fn phases_gate_the_calls() {
	ExtBuilder.build_and_execute(|| {
		let cid = found(bootstrappers(), 0);
		assert_noop!(register(1, unknown_cid()), Error::<Test>::CommunityNotFound);
		assert_noop!(attest(1, cid, 3, &[2]), Error::<Test>::AttestingPhaseRequired);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None),
			Error::<Test>::WrongPhaseForClaimingRewards
		);
		until(CeremonyPhase::Assigning);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None),
			Error::<Test>::WrongPhaseForClaimingRewards
		);
		assert_noop!(
			Ceremonies::unregister_participant(RuntimeOrigin::signed(1), cid),
			Error::<Test>::RegisteringOrAttestingPhaseRequired
		);
		until(CeremonyPhase::Attesting);
		// Nobody registered for ceremony 1: no meetup.
		assert_noop!(attest(1, cid, 3, &[2]), Error::<Test>::NotRegistered);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, Some(1)),
			Error::<Test>::InvalidMeetupIndex
		);
		assert_noop!(
			Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None),
			Error::<Test>::NotRegistered
		);
		// Registering while attesting is for the next ceremony.
		assert_ok!(register(1, cid));
		assert_eq!(class_of(cid, 2, 1), Some(ParticipantClass::Bootstrapper));
	});
}

#[test]
fn failed_meetups_are_recorded_after_attesting() {
	ExtBuilder.build_and_execute(|| {
		let cid = found(bootstrappers(), 0);
		for b in bootstrappers() {
			assert_ok!(register(b, cid));
		}
		until(CeremonyPhase::Attesting);
		assert_ok!(attest(1, cid, 3, &[2, 3]));
		assert_ok!(attest(2, cid, 2, &[1]));
		until(CeremonyPhase::Registering);
		assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(1), cid, None));
		let reason = MeetupValidationError::NoDependableVote;
		assert!(events().contains(&Event::MeetupFailed { cid, cindex: 1, meetup: 1, reason }));
		assert_eq!(MeetupResults::<Test>::get((cid, 1), 1), Some(MeetupResult::Failed(reason)));
		assert_eq!(Bootstrapped::<Test>::get(cid), None);
		assert_noop!(register(7, cid), Error::<Test>::OnlyBootstrappers);
	});
}

#[test]
fn governance_sets_the_parameters() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(Ceremonies::set_reputation_lifetime(RuntimeOrigin::signed(1), 5), BadOrigin);
		assert_ok!(Ceremonies::set_endorsement_tickets_per_bootstrapper(RuntimeOrigin::root(), 7));
		assert_ok!(Ceremonies::set_endorsement_tickets_per_reputable(RuntimeOrigin::root(), 8));
		assert_ok!(Ceremonies::set_reputation_lifetime(RuntimeOrigin::root(), 10));
		assert_noop!(
			Ceremonies::set_reputation_lifetime(RuntimeOrigin::root(), 11),
			Error::<Test>::InvalidReputationLifetime
		);
		assert_noop!(
			Ceremonies::set_reputation_lifetime(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidReputationLifetime
		);
		assert_ok!(Ceremonies::set_meetup_time_offset(RuntimeOrigin::root(), -8 * 3_600_000));
		assert_noop!(
			Ceremonies::set_meetup_time_offset(RuntimeOrigin::root(), 8 * 3_600_000 + 1),
			Error::<Test>::InvalidMeetupTimeOffset
		);
		assert_eq!(
			events(),
			vec![
				Event::EndorsementTicketsPerBootstrapperSet { tickets: 7 },
				Event::EndorsementTicketsPerReputableSet { tickets: 8 },
				Event::ReputationLifetimeSet { lifetime: 10 },
				Event::MeetupTimeOffsetSet { offset: -8 * 3_600_000 },
			]
		);
		next_phase();
		assert_noop!(
			Ceremonies::set_meetup_time_offset(RuntimeOrigin::root(), 0),
			Error::<Test>::WrongPhaseForChangingMeetupTimeOffset
		);
		assert_eq!(EndorsementTicketsPerBootstrapper::<Test>::get(), 7);
		assert_eq!(EndorsementTicketsPerReputable::<Test>::get(), 8);
		assert_eq!(ReputationLifetime::<Test>::get(), 10);
		assert_eq!(MeetupTimeOffset::<Test>::get(), -8 * 3_600_000);
	});
}

#[test]
fn unregistering_keeps_registries_dense() {
	ExtBuilder.build_and_execute(|| {
		let cid = bootstrapped();
		for who in 60..70 {
			assert_ok!(register(who, cid));
		}
		for who in [60, 65, 69, 61] {
			assert_ok!(Ceremonies::unregister_participant(RuntimeOrigin::signed(who), cid));
		}
		assert_eq!(RegistryCounts::<Test>::get(2, cid).newbies, 6);
		// try_state checks density after the test.
	});
}

#[test]
fn inactive_communities_are_purged() {
	ExtBuilder.build_and_execute(|| {
		let cid = bootstrapped();
		let quiet = found_at(loc(50.0, 15.0), vec![4, 5, 6], 0);
		let idle_all = || Ceremonies::on_idle(1, Weight::MAX);
		// Assigning of 2: cid was active in 1; `quiet` is tracked from now on.
		until(CeremonyPhase::Assigning);
		idle_all();
		assert_eq!(InactivitySweep::<Test>::get(), None);
		assert!(events().contains(&Event::ActivityTracked { cid: quiet, cindex: 1 }));
		assert_eq!(LastActive::<Test>::get(cid), Some(1));
		// Assigning of 3: idle for 1 (timeout 2).
		until(CeremonyPhase::Assigning);
		idle_all();
		assert!(pallet_communities::Metadata::<Test>::contains_key(cid));
		// Assigning of 4: idle for 2, both go.
		until(CeremonyPhase::Assigning);
		idle_all();
		assert!(events().contains(&Event::CommunityInactive { cid, idle: 2 }));
		assert!(events().contains(&Event::CommunityInactive { cid: quiet, idle: 2 }));
		assert!(!pallet_communities::Metadata::<Test>::contains_key(cid));
		// Their records follow.
		idle_all();
		assert_eq!(LastActive::<Test>::iter().count(), 0);
		assert_eq!(Reputations::<Test>::iter().count(), 0);
		assert_eq!(Bootstrapped::<Test>::iter().count(), 0);
	});
}

#[test]
fn inactivity_timeout_is_set_by_governance() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Ceremonies::set_inactivity_timeout(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidInactivityTimeout
		);
		assert_ok!(Ceremonies::set_inactivity_timeout(RuntimeOrigin::root(), 5));
		assert_eq!(InactivityTimeout::<Test>::get(), 5);
		assert_eq!(events(), vec![Event::InactivityTimeoutSet { timeout: 5 }]);
	});
}

#[test]
fn what_clients_read() {
	ExtBuilder.build_and_execute(|| {
		let cid = found(bootstrappers(), 2);
		for b in bootstrappers() {
			assert_ok!(register(b, cid));
		}
		let class = ParticipantClass::Bootstrapper;
		assert_eq!(
			Ceremonies::participants((cid, 1), class, None, 10),
			Page { items: vec![1, 2, 3], next: None }
		);
		// Page by page: the cursor is the last registry index read.
		let first = Ceremonies::participants((cid, 1), class, None, 2);
		assert_eq!(first, Page { items: vec![1, 2], next: Some(1) });
		assert_eq!(
			Ceremonies::participants((cid, 1), class, first.next, 2),
			Page { items: vec![3], next: None }
		);
		assert_eq!(Ceremonies::meetups((cid, 1), None, 10), Page::empty());
		assert_eq!(Ceremonies::attestations((cid, 1), None, 10), Page::empty());
		assert_eq!(Ceremonies::meetup_info_of((cid, 1), &1), None);
		until(CeremonyPhase::Attesting);
		let meetups = Ceremonies::meetups((cid, 1), None, 10);
		assert_eq!((meetups.items.len(), meetups.next), (1, None));
		assert_eq!(Ceremonies::meetup_info_of((cid, 1), &2).as_ref(), meetups.items.first());
		assert_eq!(Ceremonies::meetups((cid, 1), Some(1), 10), Page::empty());
		assert_ok!(attest(1, cid, 3, &[2, 3]));
		let attestations = Ceremonies::attestations((cid, 1), None, 10).items;
		assert_eq!(attestations.len(), 1);
		let mut attested = attestations[0].attested.clone();
		attested.sort();
		assert_eq!((attestations[0].who, attestations[0].vote, attested), (1, 3, vec![2, 3]));
		attest_all(cid, &bootstrappers());
		let first = Ceremonies::attestations((cid, 1), None, 2);
		assert_eq!(first.next, Some(first.items[1].who));
		let second = Ceremonies::attestations((cid, 1), first.next, 2);
		assert_eq!(second.next, None);
		let mut who: Vec<_> = [first.items, second.items].concat().iter().map(|a| a.who).collect();
		who.sort();
		assert_eq!(who, bootstrappers());
		assert_ok!(Ceremonies::claim_rewards(RuntimeOrigin::signed(3), cid, None));
		assert_eq!(
			Ceremonies::meetup_results((cid, 1), None, 10).items,
			MeetupResults::<Test>::iter_prefix((cid, 1)).collect::<Vec<_>>()
		);
		assert_eq!(Ceremonies::meetup_results((cid, 1), None, 10).items.len(), 1);
		assert_eq!(Ceremonies::meetup_results((cid, 1), Some(1), 10), Page::empty());
		assert_eq!(
			Ceremonies::reputations(&1, None, 10),
			Page { items: vec![(cid, 1, Reputation::VerifiedUnlinked)], next: None }
		);
		assert_eq!(Ceremonies::reputations(&1, Some((cid, 1)), 10), Page::empty());
		assert_eq!(Ceremonies::reputations(&9, None, 10), Page::empty());
	});
}

#[test]
fn a_full_registry_overflows() {
	ExtBuilder.build_and_execute(|| {
		let cid = bootstrapped();
		// Charged for the registry's size: 0 before the first newbie, 1 before the second.
		let info = Ceremonies::register_participant(RuntimeOrigin::signed(70), cid, None).unwrap();
		assert_eq!(info.actual_weight, Some(Weight::from_parts(1, 0)));
		let info = Ceremonies::register_participant(RuntimeOrigin::signed(71), cid, None).unwrap();
		assert_eq!(info.actual_weight, Some(Weight::from_parts(2, 0)));
		let declared = Call::<Test>::register_participant { cid, proof: None }
			.get_dispatch_info()
			.call_weight;
		assert_eq!(declared, Weight::from_parts(1 + 1_000, 0));
		// MaxRegistrySize is 1000.
		RegistryCounts::<Test>::mutate(2, cid, |c| c.newbies = 1_000);
		assert_noop!(register(72, cid), Error::<Test>::RegistryOverflow);
		RegistryCounts::<Test>::mutate(2, cid, |c| c.newbies = 2);
	});
}
