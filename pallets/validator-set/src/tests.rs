// SPDX-License-Identifier: GPL-3.0-or-later
//! Unit tests: the calls and every error, the session hand-over and the session schedule.

use crate::{mock::*, *};
use frame::{testing_prelude::*, traits::EstimateNextSessionRotation};
use pallet_session::{SessionManager, ShouldEndSession};

fn set() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn genesis_sorts_the_set_and_plans_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(set(), vec![1, 2, 3]);
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
		assert_eq!(SessionLength::<Test>::get(), 10);
		assert!(!SetChanged::<Test>::get());
		ValidatorSet::do_try_state().unwrap();
	});
}

#[test]
#[should_panic(expected = "lists an account twice")]
fn genesis_rejects_duplicates() {
	ExtBuilder::default().validators(vec![1, 2, 1]).build();
}

#[test]
#[should_panic(expected = "fewer than MinValidators")]
fn genesis_rejects_too_small_a_set() {
	ExtBuilder::default().validators(vec![1]).build();
}

#[test]
fn an_empty_genesis_set_leaves_the_keys_to_session() {
	ExtBuilder::default().validators(vec![]).build_and_execute(|| {
		assert_eq!(ValidatorSet::new_session_genesis(0), None);
		ValidatorSet::do_try_state().unwrap();
	});
}

#[test]
#[should_panic(expected = "more than MaxValidators")]
fn genesis_rejects_too_large_a_set() {
	ExtBuilder::default().validators(vec![1, 2, 3, 4, 5]).build();
}

#[test]
fn add_validator_inserts_in_order_and_plans_the_next_session() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 0));
		assert_eq!(set(), vec![0, 1, 2, 3]);
		assert!(SetChanged::<Test>::get());
		assert_eq!(validator_set_events(), vec![Event::ValidatorAdded { who: 0 }]);

		assert_eq!(ValidatorSet::new_session(5), Some(vec![0, 1, 2, 3]));
		assert_eq!(
			validator_set_events().last(),
			Some(&Event::NewSetPlanned { session_index: 5, validators: vec![0, 1, 2, 3] })
		);
		// Planned once: the next session keeps it.
		assert!(!SetChanged::<Test>::get());
		assert_eq!(ValidatorSet::new_session(6), None);
		ValidatorSet::do_try_state().unwrap();
	});
}

#[test]
fn an_unchanged_set_is_not_planned_again() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ValidatorSet::new_session(2), None);
		assert!(validator_set_events().is_empty());
	});
}

#[test]
fn add_validator_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4), BadOrigin);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), NO_KEYS),
			Error::<Test>::NoSessionKeys
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn remove_validator_removes_and_plans_the_next_session() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(set(), vec![1, 3]);
		assert_eq!(validator_set_events(), vec![Event::ValidatorRemoved { who: 2 }]);
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 3]));
		ValidatorSet::do_try_state().unwrap();
	});
}

#[test]
fn remove_validator_errors() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 1), BadOrigin);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn the_actual_weight_follows_the_set_size() {
	ExtBuilder::default().build_and_execute(|| {
		let info = ValidatorSet::add_validator(RuntimeOrigin::root(), 4).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::add_validator(3)));
		let info = ValidatorSet::remove_validator(RuntimeOrigin::root(), 4).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::remove_validator(4)));
	});
}

#[test]
fn sessions_end_every_session_length_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		let ends: Vec<u64> = (1..=30).filter(|n| ValidatorSet::should_end_session(*n)).collect();
		assert_eq!(ends, vec![10, 20, 30]);
		assert_eq!(ValidatorSet::average_session_length(), 10);
		assert_eq!(ValidatorSet::estimate_next_session_rotation(13).0, Some(20));
		assert_eq!(
			ValidatorSet::estimate_current_session_progress(14).0,
			Some(Permill::from_percent(50))
		);
	});
}

#[test]
fn a_zero_session_length_never_ends_a_session() {
	ExtBuilder::default()
		.validators(vec![1, 2])
		.session_length(0)
		.build_and_execute(|| {
			assert!((0..1_000).all(|n| !ValidatorSet::should_end_session(n)));
			assert_eq!(ValidatorSet::estimate_next_session_rotation(5).0, None);
			assert_eq!(ValidatorSet::estimate_current_session_progress(5).0, None);
		});
}
