// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Timestamp and the scheduler, with a recording phase hook.

use crate::{self as pallet_ceremony_scheduler, *};
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	pallets: { 1 => Timestamp = pallet_timestamp, 2 => CeremonyScheduler = pallet_ceremony_scheduler },
}

impl pallet_timestamp::Config for Test {
	type Moment = Moment;
	type OnTimestampSet = CeremonyScheduler;
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	/// Every hook call, in order: (hook id, phase, ceremony index).
	pub static HookCalls: Vec<(u8, CeremonyPhase, CeremonyIndex)> = vec![];
}

/// A phase-change hook that records its calls and reports `ID * 1000` ref-time.
pub struct RecordingHook<const ID: u8>;
impl<const ID: u8> OnCeremonyPhaseChange for RecordingHook<ID> {
	fn on_ceremony_phase_change(phase: CeremonyPhase, ceremony_index: CeremonyIndex) -> Weight {
		HookCalls::mutate(|calls| calls.push((ID, phase, ceremony_index)));
		Weight::from_parts(u64::from(ID) * 1_000, 0)
	}
	fn max_weight() -> Weight {
		Weight::from_parts(u64::from(ID) * 10_000, 0)
	}
}

pub const DAY: Moment = convene_primitives::scheduler::MILLISECS_PER_DAY;
pub const MIN: Moment = 60_000;
/// 2023-11-14T22:13:20Z, a realistic chain time.
pub const T0: Moment = 1_700_000_000_000;

#[derive_impl(pallet_ceremony_scheduler::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type CeremonyMaster = EnsureRoot<u64>;
	type Time = Timestamp;
	type OnCeremonyPhaseChange = (RecordingHook<1>, RecordingHook<2>);
	type WeightInfo = TestWeights;
}

/// Unit weights the tests compute with.
pub struct TestWeights;
impl crate::WeightInfo for TestWeights {
	fn next_phase() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn set_phase_duration() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn set_next_phase_timestamp() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_timestamp_set_idle() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_timestamp_set_phase_change() -> Weight {
		Weight::from_parts(1, 0)
	}
}

/// Builds test externalities with the scheduler's genesis config.
pub struct ExtBuilder {
	genesis: pallet_ceremony_scheduler::GenesisConfig<Test>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			genesis: pallet_ceremony_scheduler::GenesisConfig {
				current_phase: CeremonyPhase::Registering,
				current_ceremony_index: 1,
				phase_durations: PhaseDurations::uniform(10 * MIN),
				next_phase_timestamp: None,
				_config: Default::default(),
			},
		}
	}
}

impl ExtBuilder {
	pub fn with_phase(mut self, phase: CeremonyPhase) -> Self {
		self.genesis.current_phase = phase;
		self
	}
	pub fn with_ceremony_index(mut self, index: CeremonyIndex) -> Self {
		self.genesis.current_ceremony_index = index;
		self
	}
	pub fn with_durations(mut self, durations: PhaseDurations) -> Self {
		self.genesis.phase_durations = durations;
		self
	}
	pub fn with_next_phase_timestamp(mut self, t: Moment) -> Self {
		self.genesis.next_phase_timestamp = Some(t);
		self
	}

	/// Genesis state at block 1, before any timestamp.
	pub fn build(self) -> TestState {
		let storage =
			RuntimeGenesisConfig { system: Default::default(), ceremony_scheduler: self.genesis }
				.build_storage()
				.expect("valid genesis");
		let mut ext = TestState::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			HookCalls::take();
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		convene_pallet_test_utils::execute_then_check::<Test, _>(
			self.build(),
			test,
			CeremonyScheduler::do_try_state,
		);
	}
}

/// Finish the current block and apply the next one with timestamp `now`, as the executive does:
/// `on_finalize` of the previous block, then the timestamp inherent of the new one.
pub fn run_block_at(now: Moment) {
	let n = System::block_number();
	if pallet_timestamp::Now::<Test>::get() > 0 {
		<Timestamp as Hooks<u64>>::on_finalize(n);
		System::set_block_number(n + 1);
	}
	// What `System::initialize` does for a new block.
	System::reset_events();
	frame_system::BlockWeight::<Test>::kill();
	assert_ok!(Timestamp::set(RuntimeOrigin::none(), now));
}

/// Events of this pallet deposited in the current block.
pub fn scheduler_events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}
