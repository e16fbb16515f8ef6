// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances and the commitments, with settable reputations and
//! ceremony index. Accounts 1 to 20 start with [`ENDOWMENT`]; 99 has nothing.

use crate::{self as pallet_reputation_commitments, *};
pub use convene_pallet_test_utils::reputations;
pub use convene_pallet_test_utils::{cid, cid2};
use convene_pallet_test_utils::{execute_then_check, genesis};
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: { 1 => CommitmentsPallet = pallet_reputation_commitments, 2 => Balances = pallet_balances },
}

/// What accounts 1 to 20 start with.
pub const ENDOWMENT: u128 = 1_000_000;

convene_pallet_test_utils::mock_reputations!();

impl Config for Test {
	type Reputations = MockReputations;
	type Clock = MockClock;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<1>;
	type MaxDescriptorLength = ConstU32<16>;
	type WeightInfo = TestWeights;
}

/// Unit weights the tests compute with.
pub struct TestWeights;
impl WeightInfo for TestWeights {
	fn register_purpose() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn commit_reputation() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn retire_purpose() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn purge_step() -> Weight {
		Weight::from_parts(10, 0)
	}
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Ceremony 5, lifetime 2, nobody verified, block 1.
	pub fn build(self) -> TestState {
		reputations::reset(5, 2);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, CommitmentsPallet::do_try_state);
	}
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// The native balance on hold for purposes.
pub fn held(who: u64) -> u128 {
	use frame::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::PurposeDeposit.into(), &who)
}

/// `who` attended ceremony `cindex` of `cid`, verified.
pub fn attended(who: u64, cid: CommunityIdentifier, cindex: CeremonyIndex) {
	reputations::attended(who, cid, cindex);
}

/// A descriptor from text.
pub fn text(s: &str) -> BoundedVec<u8, ConstU32<16>> {
	s.as_bytes().to_vec().try_into().unwrap()
}
