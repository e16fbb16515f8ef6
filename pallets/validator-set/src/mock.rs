// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System and the validator set; every account but [`NO_KEYS`] has session
//! keys.

use crate::{self as pallet_validator_set, *};
use frame::{testing_prelude::*, traits::ValidatorRegistration};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_construct_runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ValidatorSet = pallet_validator_set;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The one account without session keys.
pub const NO_KEYS: u64 = 100;

/// Every account but [`NO_KEYS`] has registered session keys.
pub struct AllButNoKeys;
impl ValidatorRegistration<u64> for AllButNoKeys {
	fn is_registered(id: &u64) -> bool {
		*id != NO_KEYS
	}
}

#[derive_impl(pallet_validator_set::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type ValidatorOrigin = EnsureRoot<u64>;
	type ValidatorRegistration = AllButNoKeys;
	type MaxValidators = ConstU32<4>;
	type MinValidators = ConstU32<2>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64> for () {
	fn register_keys(_who: &u64) {}
}

/// Genesis with `validators` and `session_length`, at block 1.
pub fn new_test_ext(validators: Vec<u64>, session_length: u64) -> TestState {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: pallet_validator_set::GenesisConfig {
			initial_validators: validators,
			session_length,
		},
	}
	.build_storage()
	.expect("valid genesis");
	let mut ext = TestState::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The default test state: validators 1, 2, 3; 10-block sessions.
pub fn test_ext() -> TestState {
	new_test_ext(vec![3, 1, 2], 10)
}

/// Events of this pallet, in order.
pub fn validator_set_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}
