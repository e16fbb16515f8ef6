// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances, the real community balances over settable
//! communities, and the treasuries. Root spends and sets shares; accounts 1 to 20 hold
//! [`ENDOWMENT`].

use crate::{self as pallet_community_treasuries, *};
pub use convene_pallet_test_utils::{cid, cid2, unknown, MockCommunities, MockTime, START};
use convene_pallet_test_utils::{execute_then_check, genesis};
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: {
		1 => Treasuries = pallet_community_treasuries,
		2 => Balances = pallet_balances,
		3 => CommunityBalances = pallet_community_balances,
	},
}

/// What accounts 1 to 20 start with.
pub const ENDOWMENT: u128 = 1_000_000;

parameter_types! {
	pub const CommunityExistentialDeposit: U64F64 = U64F64::from_bits(0x53e2d6238da4);
	pub const NativeUnit: u128 = 1_000_000_000_000;
	pub const TreasuriesPalletId: PalletId = PalletId(*b"cv/trsry");
	pub const MaxShare: Perbill = Perbill::from_percent(50);
}

impl pallet_community_balances::Config for Test {
	type Communities = MockCommunities;
	type Time = MockTime;
	type ExistentialDeposit = CommunityExistentialDeposit;
	type NativeUnit = NativeUnit;
	type FeeMaster = EnsureRoot<u64>;
	type OnFeePaid = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCommunities;
}

impl Config for Test {
	type NativeCurrency = Balances;
	type CommunityCurrency = CommunityBalances;
	type Communities = MockCommunities;
	type PalletId = TreasuriesPalletId;
	type SpendOrigin = AsEnsureOriginWithArg<EnsureRoot<u64>>;
	type ShareOrigin = AsEnsureOriginWithArg<EnsureRoot<u64>>;
	type MaxIssuanceShare = MaxShare;
	type MaxHistory = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCommunities;
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Two communities (income 20 and 10, no demurrage), block 1.
	pub fn build(self) -> TestState {
		MockTime::set(START);
		MockCommunities::set(vec![
			(cid(), U64F64::ZERO, U64F64::from_int(20)),
			(cid2(), U64F64::ZERO, U64F64::from_int(10)),
		]);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test`, then check the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, Treasuries::do_try_state);
	}
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// `n` whole units of a community currency.
pub fn units(n: u64) -> U64F64 {
	U64F64::from_int(n)
}
