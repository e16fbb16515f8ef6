// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances, the real commitments and the faucets, over settable
//! communities, reputations and ceremony. Accounts 1 to 20 hold [`ENDOWMENT`]; 99 nothing.

use crate::{self as pallet_personhood_faucet, *};
pub use convene_pallet_test_utils::reputations;
pub use convene_pallet_test_utils::{cid, cid2, unknown, MockCommunities};
use convene_pallet_test_utils::{execute_then_check, genesis};
use convene_primitives::fixed::U64F64;
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: {
		1 => Faucet = pallet_personhood_faucet,
		2 => Balances = pallet_balances,
		3 => Commitments = pallet_reputation_commitments,
	},
}

/// What accounts 1 to 20 start with.
pub const ENDOWMENT: u128 = 1_000_000;

parameter_types! {
	pub const FaucetPalletId: PalletId = PalletId(*b"cv/fauct");
}

convene_pallet_test_utils::mock_reputations!();

impl pallet_reputation_commitments::Config for Test {
	type Reputations = MockReputations;
	type Clock = MockClock;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<1>;
	type MaxDescriptorLength = ConstU32<64>;
	type WeightInfo = ();
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Commitments = Commitments;
	type Communities = MockCommunities;
	type DissolveOrigin = EnsureRoot<u64>;
	type PalletId = FaucetPalletId;
	type DepositBase = ConstU128<100>;
	type DepositPerByte = ConstU128<1>;
	type MaxNameLength = ConstU32<16>;
	type MaxWhitelist = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarks;
}

/// What the benchmarks set up.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64> for MockBenchmarks {
	fn community() -> CommunityIdentifier {
		cid()
	}
	fn attended(who: &u64, cid: CommunityIdentifier) -> CeremonyIndex {
		reputations::attended(*who, cid, 5);
		5
	}
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Two communities, nobody verified, block 1.
	pub fn build(self) -> TestState {
		reputations::reset(5, 2);
		MockCommunities::set(vec![
			(cid(), U64F64::ZERO, U64F64::from_int(20)),
			(cid2(), U64F64::ZERO, U64F64::from_int(10)),
		]);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test`, then check the invariants of the faucets and the commitments.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, || {
			Faucet::do_try_state()?;
			Commitments::do_try_state()
		});
	}
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// `who` attended ceremony `cindex` of `cid`, verified.
pub fn attended(who: u64, cid: CommunityIdentifier, cindex: CeremonyIndex) {
	reputations::attended(who, cid, cindex);
}

/// A name from text.
pub fn name(s: &str) -> FaucetName<Test> {
	s.as_bytes().to_vec().try_into().unwrap()
}
