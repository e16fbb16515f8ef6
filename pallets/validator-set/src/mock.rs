// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System and the validator set; every account but [`NO_KEYS`] has session
//! keys.

use crate::{self as pallet_validator_set, *};
use frame::{testing_prelude::*, traits::ValidatorRegistration};

convene_pallet_test_utils::mock_runtime! {
	pallets: { 1 => ValidatorSet = pallet_validator_set },
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

/// Builds the test state: validators 3, 1, 2 and 10-block sessions unless told otherwise.
pub struct ExtBuilder {
	validators: Vec<u64>,
	session_length: u64,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { validators: vec![3, 1, 2], session_length: 10 }
	}
}

impl ExtBuilder {
	/// The genesis validators.
	pub fn validators(mut self, validators: Vec<u64>) -> Self {
		self.validators = validators;
		self
	}

	/// Blocks per session (0: sessions never end).
	pub fn session_length(mut self, session_length: u64) -> Self {
		self.session_length = session_length;
		self
	}

	/// The genesis state (panics where the genesis config is invalid).
	pub fn build(self) -> TestState {
		let storage = RuntimeGenesisConfig {
			system: Default::default(),
			validator_set: pallet_validator_set::GenesisConfig {
				initial_validators: self.validators,
				session_length: self.session_length,
			},
		}
		.build_storage()
		.expect("valid genesis");
		TestState::new(storage)
	}

	/// Run `test` at block 1, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		convene_pallet_test_utils::execute_then_check::<Test, _>(
			self.build(),
			test,
			ValidatorSet::do_try_state,
		);
	}
}

/// Events of this pallet, in order.
pub fn validator_set_events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}
