// SPDX-License-Identifier: GPL-3.0-or-later
use crate::{mock::*, *};
use frame::testing_prelude::*;

fn register(who: u64, descriptor: &str) -> PurposeId {
	assert_ok!(CommitmentsPallet::register_purpose(RuntimeOrigin::signed(who), text(descriptor)));
	NextPurposeId::<Test>::get() - 1
}

fn commit(who: u64, cindex: CeremonyIndex, purpose: PurposeId) -> DispatchResult {
	CommitmentsPallet::commit_reputation(RuntimeOrigin::signed(who), cid(), cindex, purpose, None)
}

/// Every block's spare weight, for `on_idle`.
fn idle() {
	CommitmentsPallet::on_idle(1, Weight::from_parts(1_000, u64::MAX));
}

#[test]
fn register_purpose_holds_a_deposit_and_numbers_purposes() {
	ExtBuilder.build_and_execute(|| {
		let deposit = CommitmentsPallet::purpose_deposit();
		assert!(deposit > 100);
		assert_eq!(register(1, "faucet"), 0);
		assert_eq!(register(1, "vote"), 1);
		assert_eq!(held(1), 2 * deposit);
		assert_eq!(
			events()[0],
			Event::PurposeRegistered {
				purpose: 0,
				descriptor: text("faucet"),
				owner: Some(1),
				deposit
			}
		);
		// A pallet's purpose is free.
		assert_eq!(<CommitmentsPallet as convene_primitives::democracy::ReputationCommitments<u64>>::register_purpose(b"p"), Ok(2));
		assert_eq!(Purposes::<Test>::get(2).unwrap().deposit, None);
	});
}

#[test]
fn register_purpose_without_funds_fails() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			CommitmentsPallet::register_purpose(RuntimeOrigin::signed(99), text("x")),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn register_purpose_when_ids_run_out_fails_with_purpose_ids_exhausted() {
	ExtBuilder.build_and_execute(|| {
		NextPurposeId::<Test>::put(PurposeId::MAX);
		assert_noop!(
			CommitmentsPallet::register_purpose(RuntimeOrigin::signed(1), text("x")),
			Error::<Test>::PurposeIdsExhausted
		);
	});
}

#[test]
fn register_purpose_by_a_pallet_with_a_long_descriptor_fails_with_descriptor_too_long() {
	ExtBuilder.build_and_execute(|| {
		assert_eq!(
			<CommitmentsPallet as convene_primitives::democracy::ReputationCommitments<u64>>::register_purpose(&[0; 17]),
			Err(Error::<Test>::DescriptorTooLong.into())
		);
	});
}

#[test]
fn commit_reputation_spends_an_attendance_once_per_purpose() {
	ExtBuilder.build_and_execute(|| {
		let (a, b) = (register(1, "a"), register(1, "b"));
		attended(2, cid(), 4);
		assert_ok!(CommitmentsPallet::commit_reputation(
			RuntimeOrigin::signed(2),
			cid(),
			4,
			a,
			Some([9; 32])
		));
		assert_eq!(Commitments::<Test>::get((4, cid(), a, 2)), Some(Some([9; 32])));
		assert_eq!(
			events().last(),
			Some(&Event::ReputationCommitted {
				cid: cid(),
				cindex: 4,
				purpose: a,
				who: 2,
				commitment: Some([9; 32])
			})
		);
		assert_noop!(commit(2, 4, a), Error::<Test>::AlreadyCommitted);
		// Another purpose takes it too.
		assert_ok!(commit(2, 4, b));
	});
}

#[test]
fn commit_reputation_of_an_unverified_attendance_fails_with_attendance_not_verified() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		attended(2, cid2(), 4);
		assert_noop!(commit(2, 4, p), Error::<Test>::AttendanceNotVerified);
		assert_noop!(commit(3, 4, p), Error::<Test>::AttendanceNotVerified);
	});
}

#[test]
fn commit_reputation_of_an_expired_attendance_fails_with_attendance_outdated() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		// Ceremony 5, lifetime 2: attendances of 3 on are valid.
		attended(2, cid(), 2);
		attended(2, cid(), 3);
		assert_noop!(commit(2, 2, p), Error::<Test>::AttendanceOutdated);
		assert_ok!(commit(2, 3, p));
	});
}

#[test]
fn commit_reputation_to_no_purpose_fails_with_purpose_not_found() {
	ExtBuilder.build_and_execute(|| {
		attended(2, cid(), 4);
		assert_noop!(commit(2, 4, 7), Error::<Test>::PurposeNotFound);
	});
}

#[test]
fn commit_reputation_to_a_retired_purpose_fails_with_purpose_retired() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		attended(2, cid(), 4);
		assert_ok!(CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(1), p));
		assert_noop!(commit(2, 4, p), Error::<Test>::PurposeRetired);
		assert_noop!(
			CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(1), p),
			Error::<Test>::PurposeRetired
		);
	});
}

#[test]
fn retire_purpose_by_a_stranger_fails_with_not_purpose_owner() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		assert_noop!(
			CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(2), p),
			Error::<Test>::NotPurposeOwner
		);
		// A pallet's purpose is retired by the pallet only.
		let q = <CommitmentsPallet as convene_primitives::democracy::ReputationCommitments<u64>>::register_purpose(b"p").unwrap();
		assert_noop!(
			CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(1), q),
			Error::<Test>::NotPurposeOwner
		);
		assert_noop!(
			CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(1), 9),
			Error::<Test>::PurposeNotFound
		);
	});
}

#[test]
fn expired_commitments_and_retired_purposes_are_purged_on_idle() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		let deposit = held(1);
		for cindex in 3..=5 {
			attended(2, cid(), cindex);
			assert_ok!(commit(2, cindex, p));
		}
		assert_ok!(CommitmentsPallet::retire_purpose(RuntimeOrigin::signed(1), p));
		assert_eq!(Retiring::<Test>::get(5, p), Some(()));
		// Ceremony 5, lifetime 2: nothing expired yet (ceremonies 0, 1, 2 are empty).
		idle();
		assert_eq!(PurgedBefore::<Test>::get(), 3);
		assert_eq!(Commitments::<Test>::iter().count(), 3);
		// Ceremony 6: the commitment of 3 expires.
		reputations::set_ceremony(6);
		idle();
		assert_eq!(PurgedBefore::<Test>::get(), 4);
		assert!(!Commitments::<Test>::contains_key((3, cid(), p, 2)));
		assert!(events().contains(&Event::CommitmentsPurged { cindex: 3 }));
		// Ceremony 8: the purpose's last commitments (of 5) expire, and it goes.
		reputations::set_ceremony(8);
		idle();
		assert_eq!(PurgedBefore::<Test>::get(), 6);
		assert_eq!(Purposes::<Test>::get(p), None);
		assert_eq!(held(1), 0);
		assert!(events().contains(&Event::PurposeRemoved { purpose: p, released: deposit }));
	});
}

#[test]
fn a_large_ceremony_is_purged_over_several_blocks() {
	ExtBuilder.build_and_execute(|| {
		let p = register(1, "a");
		let people = CLEAR_LIMIT as u64 * 2 + 5;
		for who in 100..100 + people {
			attended(who, cid(), 4);
			assert_ok!(commit(who, 4, p));
		}
		PurgedBefore::<Test>::put(4);
		reputations::set_ceremony(7);
		// Room for one step a block.
		let mut blocks = 0;
		while PurgedBefore::<Test>::get() == 4 {
			CommitmentsPallet::on_idle(1, Weight::from_parts(15, u64::MAX));
			blocks += 1;
		}
		assert_eq!(blocks, 3);
		assert_eq!(Commitments::<Test>::iter().count(), 0);
	});
}

#[test]
fn on_idle_without_room_does_nothing() {
	ExtBuilder.build_and_execute(|| {
		reputations::set_ceremony(9);
		assert_eq!(CommitmentsPallet::on_idle(1, Weight::from_parts(5, u64::MAX)), Weight::zero());
		assert_eq!(PurgedBefore::<Test>::get(), 0);
	});
}

#[test]
fn pages_list_purposes_and_commitments() {
	ExtBuilder.build_and_execute(|| {
		let (a, b) = (register(1, "a"), register(1, "b"));
		for who in 2..=4 {
			attended(who, cid(), 4);
			assert_ok!(commit(who, 4, a));
		}
		assert_ok!(commit(2, 4, b));
		let page = CommitmentsPallet::purposes(None, 1);
		assert_eq!(page.items.len(), 1);
		assert_eq!(page.next, Some(a));
		assert_eq!(CommitmentsPallet::purposes(Some(a), 10).items[0].0, b);
		let all = CommitmentsPallet::commitments(cid(), 4, None, None, 10);
		assert_eq!(all.items.len(), 4);
		let of_b = CommitmentsPallet::commitments(cid(), 4, Some(b), None, 10);
		assert_eq!(of_b.items, vec![(b, 2, None)]);
		let first = CommitmentsPallet::commitments(cid(), 4, None, None, 2);
		let rest = CommitmentsPallet::commitments(cid(), 4, None, first.next, 10);
		assert_eq!(first.items.len() + rest.items.len(), 4);
		assert_eq!(rest.next, None);
	});
}
