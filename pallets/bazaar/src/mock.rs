// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances and the bazaar, with settable communities. Accounts
//! 1 to 20 start with [`ENDOWMENT`]; 99 has nothing.

use crate::{self as pallet_bazaar, *};
pub use convene_pallet_test_utils::{cid, cid2, unknown, MockCommunities};
use convene_pallet_test_utils::{execute_then_check, genesis};
use convene_primitives::fixed::U64F64;
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: { 1 => Bazaar = pallet_bazaar, 2 => Balances = pallet_balances },
}

/// What accounts 1 to 20 start with.
pub const ENDOWMENT: u128 = 1_000_000;

impl Config for Test {
	type Communities = MockCommunities;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<2>;
	type MaxOfferings = ConstU32<3>;
	type WeightInfo = TestWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCommunities;
}

/// A valid CIDv0 whose last character is `c`.
pub fn url(c: char) -> IpfsCid {
	let mut s = String::from("QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9");
	s.push(c);
	s.into_bytes().try_into().unwrap()
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Two communities, block 1.
	pub fn build(self) -> TestState {
		MockCommunities::set(vec![
			(cid(), U64F64::ZERO, U64F64::ONE),
			(cid2(), U64F64::ZERO, U64F64::ONE),
		]);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, Bazaar::do_try_state);
	}
}

/// This pallet's events so far, but for deposits ([`deposit_events`]).
pub fn events() -> Vec<Event<Test>> {
	all_events()
		.into_iter()
		.filter(|e| !matches!(e, Event::DepositHeld { .. } | Event::DepositReleased { .. }))
		.collect()
}

/// This pallet's deposit events so far.
pub fn deposit_events() -> Vec<Event<Test>> {
	all_events()
		.into_iter()
		.filter(|e| matches!(e, Event::DepositHeld { .. } | Event::DepositReleased { .. }))
		.collect()
}

fn all_events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// Unit weights the tests compute with.
pub struct TestWeights;
impl WeightInfo for TestWeights {
	fn create_business() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn update_business() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn delete_business(o: u32) -> Weight {
		Weight::from_parts(10u64.saturating_add(o.into()), 0)
	}
	fn create_offering() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn update_offering() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn delete_offering() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn start_purge() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn purge_step() -> Weight {
		Weight::from_parts(5, 0)
	}
}

/// The native balance on hold for deposits.
pub fn held(who: u64) -> u128 {
	use frame::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}
