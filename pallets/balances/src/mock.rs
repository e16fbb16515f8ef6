// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System and the balances pallet, with settable communities and clock.

use crate::{self as pallet_community_balances, *};
pub use convene_pallet_test_utils::{cid, cid2, unknown, MockCommunities, MockTime, START};
use convene_pallet_test_utils::{execute_then_check, genesis};
use convene_primitives::demurrage::{LN_2, YEAR_MS};
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	pallets: { 1 => CommunityBalances = pallet_community_balances },
}

parameter_types! {
	/// 0.000005 units, as the reference.
	pub const ExistentialDeposit: Balance = U64F64::from_bits(0x53e2d6238da4);
	pub const NativeUnit: u128 = 1_000_000_000_000;
}

impl Config for Test {
	type Communities = MockCommunities;
	type Time = MockTime;
	type ExistentialDeposit = ExistentialDeposit;
	type NativeUnit = NativeUnit;
	type FeeMaster = EnsureRoot<u64>;
	type OnFeePaid = ();
	type WeightInfo = TestWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCommunities;
}

/// `n` whole units.
pub fn units(n: u64) -> Balance {
	U64F64::from_int(n)
}

/// A decimal amount.
pub fn amount(s: &str) -> Balance {
	s.parse().expect("decimal")
}

/// Advance the clock by `ms`.
pub fn advance(ms: u64) {
	MockTime::advance(ms);
}

/// One Julian year.
pub const YEAR: u64 = YEAR_MS;

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Two communities, the fee factor 1, block 1.
	pub fn build(self) -> TestState {
		MockTime::set(START);
		MockCommunities::set(vec![
			(cid(), LN_2, U64F64::from_int(20)),
			(cid2(), U64F64::ZERO, U64F64::from_int(10)),
		]);
		genesis::<Test>(&[&pallet_community_balances::GenesisConfig::<Test> {
			fee_conversion_factor: U64F64::ONE,
			..Default::default()
		}])
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, CommunityBalances::do_try_state);
	}
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// Unit weights the tests compute with.
pub struct TestWeights;
impl WeightInfo for TestWeights {
	fn transfer() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn transfer_all() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn set_fee_conversion_factor() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn start_purge() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn purge_accounts(n: u32) -> Weight {
		Weight::from_parts(10, 10).saturating_add(Weight::from_parts(5, 5).saturating_mul(n.into()))
	}
	fn charge_fee_in_community_currency() -> Weight {
		Weight::from_parts(1, 0)
	}
}
