// SPDX-License-Identifier: GPL-3.0-or-later
use crate::{mock::*, *};
use frame::testing_prelude::*;
use CeremonyPhase::*;

fn state() -> (CeremonyPhase, CeremonyIndex, Option<Moment>) {
	(
		CurrentPhase::<Test>::get(),
		CurrentCeremonyIndex::<Test>::get(),
		NextPhaseTimestamp::<Test>::get(),
	)
}

// --- genesis ---------------------------------------------------------------------------------

#[test]
fn genesis_sets_phase_index_and_durations() {
	let durations = PhaseDurations { registering: 5, assigning: 6, attesting: 7 };
	ExtBuilder::default()
		.with_phase(Attesting)
		.with_ceremony_index(9)
		.with_durations(durations)
		.build_and_execute(|| {
			assert_eq!(state(), (Attesting, 9, None));
			assert_eq!(PhaseDurationsOf::<Test>::get(), durations);
		});
}

#[test]
fn genesis_next_phase_timestamp_is_kept_by_the_first_block() {
	ExtBuilder::default()
		.with_next_phase_timestamp(T0 + 3 * MIN)
		.build_and_execute(|| {
			run_block_at(T0);
			assert_eq!(state(), (Registering, 1, Some(T0 + 3 * MIN)));
			assert!(scheduler_events().is_empty());
		});
}

#[test]
#[should_panic(expected = "phaseDurations")]
fn genesis_with_zero_duration_fails() {
	ExtBuilder::default().with_durations(PhaseDurations::uniform(0)).build();
}

#[test]
#[should_panic(expected = "phaseDurations")]
fn genesis_with_too_long_duration_fails() {
	ExtBuilder::default().with_durations(PhaseDurations::uniform(400 * DAY)).build();
}

#[test]
#[should_panic(expected = "currentCeremonyIndex")]
fn genesis_with_ceremony_index_zero_fails() {
	ExtBuilder::default().with_ceremony_index(0).build();
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<CeremonyScheduler as Hooks<u64>>::integrity_test();
	});
}

// --- timestamp-driven advance ----------------------------------------------------------------

#[test]
fn first_timestamp_starts_the_schedule() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_eq!(state(), (Registering, 1, Some(T0 + 10 * MIN)));
		System::assert_last_event(
			Event::ScheduleStarted {
				phase: Registering,
				ceremony_index: 1,
				next_phase_timestamp: T0 + 10 * MIN,
			}
			.into(),
		);
		assert!(HookCalls::get().is_empty());
	});
}

#[test]
fn timestamp_before_phase_end_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		run_block_at(T0 + 10 * MIN - 1);
		assert_eq!(state(), (Registering, 1, Some(T0 + 10 * MIN)));
		assert!(scheduler_events().is_empty());
	});
}

#[test]
fn timestamps_drive_a_whole_cycle_and_increment_the_index() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		run_block_at(T0 + 10 * MIN);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 20 * MIN)));
		System::assert_last_event(
			Event::PhaseChanged {
				phase: Assigning,
				ceremony_index: 1,
				next_phase_timestamp: T0 + 20 * MIN,
			}
			.into(),
		);
		run_block_at(T0 + 20 * MIN);
		assert_eq!(state(), (Attesting, 1, Some(T0 + 30 * MIN)));
		run_block_at(T0 + 30 * MIN);
		assert_eq!(state(), (Registering, 2, Some(T0 + 40 * MIN)));
		System::assert_last_event(
			Event::PhaseChanged {
				phase: Registering,
				ceremony_index: 2,
				next_phase_timestamp: T0 + 40 * MIN,
			}
			.into(),
		);
		assert_eq!(
			HookCalls::get(),
			vec![
				(1, Assigning, 1),
				(2, Assigning, 1),
				(1, Attesting, 1),
				(2, Attesting, 1),
				(1, Registering, 2),
				(2, Registering, 2),
			]
		);
	});
}

#[test]
fn late_blocks_do_not_shift_the_schedule() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		// The block after the boundary comes 5.9 s late, twice.
		run_block_at(T0 + 10 * MIN + 5_900);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 20 * MIN)));
		run_block_at(T0 + 20 * MIN + 5_900);
		assert_eq!(state(), (Attesting, 1, Some(T0 + 30 * MIN)));
	});
}

#[test]
fn one_phase_change_per_block_after_a_stall() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		// No blocks for 75 minutes: one change, and the new phase ends on the grid.
		run_block_at(T0 + 85 * MIN);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 110 * MIN)));
		assert_eq!(scheduler_events().len(), 1);
		run_block_at(T0 + 86 * MIN);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 110 * MIN)));
	});
}

#[test]
fn phase_change_registers_its_weight_and_the_hooks_weight() {
	// The direct `Timestamp::set` call dispatches nothing, so the block's mandatory weight is
	// exactly what the scheduler registered (unit weights in the mock).
	let mandatory = || *frame_system::BlockWeight::<Test>::get().get(DispatchClass::Mandatory);
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		run_block_at(T0 + MIN);
		assert_eq!(mandatory(), Weight::from_parts(1, 0), "idle check");
		run_block_at(T0 + 10 * MIN);
		assert_eq!(mandatory(), Weight::from_parts(1 + 1_000 + 2_000, 0), "change + hooks");
	});
}

#[test]
fn automatic_change_at_the_last_ceremony_index_stays_put() {
	ExtBuilder::default()
		.with_phase(Attesting)
		.with_ceremony_index(CeremonyIndex::MAX)
		.build_and_execute(|| {
			run_block_at(T0);
			run_block_at(T0 + 10 * MIN);
			assert_eq!(state(), (Attesting, CeremonyIndex::MAX, Some(T0 + 10 * MIN)));
			assert!(scheduler_events().is_empty());
		});
}

// --- next_phase ------------------------------------------------------------------------------

#[test]
fn next_phase_by_root_moves_one_phase() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_ok!(CeremonyScheduler::next_phase(RuntimeOrigin::root()));
		assert_eq!(state(), (Assigning, 1, Some(T0 + 20 * MIN)));
		System::assert_last_event(
			Event::PhaseChanged {
				phase: Assigning,
				ceremony_index: 1,
				next_phase_timestamp: T0 + 20 * MIN,
			}
			.into(),
		);
		assert_eq!(HookCalls::get(), vec![(1, Assigning, 1), (2, Assigning, 1)]);
	});
}

/// `spec/protocol.md` §2: one-day phases, genesis at t = 0; manual changes at 10, 20 and 30
/// minutes give next = 2 days, 3 days, then 1 day with ceremony index 2.
#[test]
fn next_phase_reference_vectors() {
	ExtBuilder::default()
		.with_durations(PhaseDurations::uniform(DAY))
		.with_next_phase_timestamp(DAY)
		.build_and_execute(|| {
			run_block_at(1);
			run_block_at(10 * MIN);
			assert_ok!(CeremonyScheduler::next_phase(RuntimeOrigin::root()));
			assert_eq!(state(), (Assigning, 1, Some(2 * DAY)));
			run_block_at(20 * MIN);
			assert_ok!(CeremonyScheduler::next_phase(RuntimeOrigin::root()));
			assert_eq!(state(), (Attesting, 1, Some(3 * DAY)));
			run_block_at(30 * MIN);
			assert_ok!(CeremonyScheduler::next_phase(RuntimeOrigin::root()));
			assert_eq!(state(), (Registering, 2, Some(DAY)));
		});
}

#[test]
fn next_phase_before_any_timestamp_starts_from_now() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(CeremonyScheduler::next_phase(RuntimeOrigin::root()));
		// Chain time is 0 without a timestamp; Assigning lasts its full duration.
		assert_eq!(state(), (Assigning, 1, Some(10 * MIN)));
	});
}

#[test]
fn next_phase_by_signed_origin_fails_with_bad_origin() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_noop!(CeremonyScheduler::next_phase(RuntimeOrigin::signed(1)), BadOrigin);
	});
}

#[test]
fn next_phase_at_the_last_ceremony_index_fails_with_overflow() {
	ExtBuilder::default()
		.with_phase(Attesting)
		.with_ceremony_index(CeremonyIndex::MAX)
		.build_and_execute(|| {
			run_block_at(T0);
			assert_noop!(
				CeremonyScheduler::next_phase(RuntimeOrigin::root()),
				Error::<Test>::CeremonyIndexOverflow
			);
		});
}

#[test]
fn next_phase_charges_the_hooks_actual_weight() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		let declared = Call::<Test>::next_phase {}.get_dispatch_info().call_weight;
		assert_eq!(declared, Weight::from_parts(1 + 30_000, 0));
		let post = CeremonyScheduler::next_phase(RuntimeOrigin::root()).unwrap();
		assert_eq!(post.actual_weight, Some(Weight::from_parts(1 + 3_000, 0)));
	});
}

// --- set_phase_duration ----------------------------------------------------------------------

#[test]
fn set_phase_duration_applies_when_the_phase_next_begins() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_ok!(CeremonyScheduler::set_phase_duration(RuntimeOrigin::root(), Assigning, MIN));
		System::assert_last_event(
			Event::PhaseDurationSet { phase: Assigning, duration: MIN }.into(),
		);
		assert_eq!(PhaseDurationsOf::<Test>::get().assigning, MIN);
		// The current phase keeps its end.
		assert_eq!(NextPhaseTimestamp::<Test>::get(), Some(T0 + 10 * MIN));
		run_block_at(T0 + 10 * MIN);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 11 * MIN)));
	});
}

#[test]
fn set_phase_duration_zero_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			CeremonyScheduler::set_phase_duration(RuntimeOrigin::root(), Registering, 0),
			Error::<Test>::ZeroPhaseDuration
		);
	});
}

#[test]
fn set_phase_duration_too_long_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			CeremonyScheduler::set_phase_duration(RuntimeOrigin::root(), Attesting, 367 * DAY),
			Error::<Test>::PhaseDurationTooLong
		);
		assert_ok!(CeremonyScheduler::set_phase_duration(
			RuntimeOrigin::root(),
			Attesting,
			366 * DAY
		));
	});
}

#[test]
fn set_phase_duration_by_signed_origin_fails_with_bad_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			CeremonyScheduler::set_phase_duration(RuntimeOrigin::signed(1), Registering, MIN),
			BadOrigin
		);
	});
}

// --- set_next_phase_timestamp ----------------------------------------------------------------

#[test]
fn set_next_phase_timestamp_moves_the_phase_end() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_ok!(CeremonyScheduler::set_next_phase_timestamp(RuntimeOrigin::root(), T0 + MIN));
		System::assert_last_event(
			Event::NextPhaseTimestampSet { next_phase_timestamp: T0 + MIN }.into(),
		);
		run_block_at(T0 + MIN);
		assert_eq!(state(), (Assigning, 1, Some(T0 + 11 * MIN)));
	});
}

#[test]
fn set_next_phase_timestamp_not_in_future_fails() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_noop!(
			CeremonyScheduler::set_next_phase_timestamp(RuntimeOrigin::root(), T0),
			Error::<Test>::NextPhaseTimestampNotInFuture
		);
	});
}

#[test]
fn set_next_phase_timestamp_too_far_fails() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_noop!(
			CeremonyScheduler::set_next_phase_timestamp(RuntimeOrigin::root(), T0 + 367 * DAY),
			Error::<Test>::NextPhaseTimestampTooFar
		);
	});
}

#[test]
fn set_next_phase_timestamp_by_signed_origin_fails_with_bad_origin() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_noop!(
			CeremonyScheduler::set_next_phase_timestamp(RuntimeOrigin::signed(1), T0 + MIN),
			BadOrigin
		);
	});
}

// --- reads and invariants --------------------------------------------------------------------

#[test]
fn ceremony_info_reports_the_schedule() {
	ExtBuilder::default().build_and_execute(|| {
		run_block_at(T0);
		assert_eq!(
			CeremonyScheduler::ceremony_info(),
			CeremonyInfo {
				phase: Registering,
				ceremony_index: 1,
				next_phase_timestamp: Some(T0 + 10 * MIN),
				phase_durations: PhaseDurations::uniform(10 * MIN),
			}
		);
		assert_eq!(CeremonyScheduler::current_phase(), Registering);
		assert_eq!(CeremonyScheduler::current_ceremony_index(), 1);
	});
}

#[test]
fn try_state_detects_corrupted_storage() {
	ExtBuilder::default().build().execute_with(|| {
		run_block_at(T0);
		assert_ok!(CeremonyScheduler::do_try_state());
		PhaseDurationsOf::<Test>::put(PhaseDurations::uniform(0));
		assert!(CeremonyScheduler::do_try_state().is_err());
		PhaseDurationsOf::<Test>::put(PhaseDurations::uniform(MIN));
		CurrentCeremonyIndex::<Test>::put(0);
		assert!(CeremonyScheduler::do_try_state().is_err());
		CurrentCeremonyIndex::<Test>::put(1);
		NextPhaseTimestamp::<Test>::put(T0 + 3 * 366 * DAY + 1);
		assert!(CeremonyScheduler::do_try_state().is_err());
	});
}

#[test]
fn call_weights_come_from_weight_info() {
	use crate::weights::WeightInfo;
	let w = |call: Call<Test>| call.get_dispatch_info().call_weight;
	assert_eq!(
		w(Call::set_phase_duration { phase: Registering, duration: MIN }),
		<TestWeights as WeightInfo>::set_phase_duration()
	);
	assert_eq!(
		w(Call::set_next_phase_timestamp { timestamp: T0 }),
		<TestWeights as WeightInfo>::set_next_phase_timestamp()
	);
	assert_eq!(
		w(Call::next_phase {}),
		<TestWeights as WeightInfo>::next_phase()
			.saturating_add(<Test as Config>::OnCeremonyPhaseChange::max_weight())
	);
}
