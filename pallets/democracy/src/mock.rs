// SPDX-License-Identifier: GPL-3.0-or-later
//! A test runtime: System, Balances, the real community balances, treasuries and commitments,
//! and democracy, over settable communities, reputations and clock. Treasury calls enact
//! issuance shares and spends (their origins: the vote, or Root); every other action enacts as a
//! `System::remark_with_event`, which a vote's origin may not call (its enactment fails, on record).

use crate::{self as pallet_community_democracy, *};
pub use convene_pallet_test_utils::reputations;
pub use convene_pallet_test_utils::{cid, cid2, unknown, MockCommunities, MockTime, START};
use convene_pallet_test_utils::{execute_then_check, genesis};
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: {
		1 => Democracy = pallet_community_democracy,
		2 => Balances = pallet_balances,
		3 => CommunityBalances = pallet_community_balances,
		4 => Treasuries = pallet_community_treasuries,
		5 => Commitments = pallet_reputation_commitments,
	},
}

/// What accounts 1 to 99 start with.
pub const ENDOWMENT: u128 = 1_000_000;
/// The deposit of a proposal.
pub const DEPOSIT: u128 = 500;

parameter_types! {
	pub const CommunityExistentialDeposit: U64F64 = U64F64::from_bits(0x53e2d6238da4);
	pub const NativeUnit: u128 = 1_000_000_000_000;
	pub const TreasuriesPalletId: PalletId = PalletId(*b"cv/trsry");
	pub const MaxShare: Perbill = Perbill::from_percent(50);
}

convene_pallet_test_utils::mock_reputations!();

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

impl pallet_community_treasuries::Config for Test {
	type NativeCurrency = Balances;
	type CommunityCurrency = CommunityBalances;
	type Communities = MockCommunities;
	type PalletId = TreasuriesPalletId;
	type SpendOrigin = EitherOf<EnsureTreasuryVote, AsEnsureOriginWithArg<EnsureRoot<u64>>>;
	type ShareOrigin = EitherOf<EnsureCommunityVote, AsEnsureOriginWithArg<EnsureRoot<u64>>>;
	type MaxIssuanceShare = MaxShare;
	type MaxHistory = ConstU32<10>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCommunities;
}

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

/// Treasury actions call the treasuries; the rest `System::remark_with_event`.
pub struct MockActions;
impl ActionCall<ActionOf<Test>, RuntimeCall> for MockActions {
	fn call(action: &ActionOf<Test>) -> Option<RuntimeCall> {
		use pallet_community_treasuries::Call as T;
		Some(match action.clone() {
			ProposalAction::SetIssuanceShare { cid, share } => {
				RuntimeCall::Treasuries(T::set_issuance_share { cid, share })
			},
			ProposalAction::SpendNative { cid, to, amount } => {
				RuntimeCall::Treasuries(T::spend_native { treasury: cid, to, amount })
			},
			ProposalAction::SpendCommunityCurrency { cid, to, amount } => {
				RuntimeCall::Treasuries(T::spend_community_currency { cid, to, amount })
			},
			ProposalAction::Petition { .. } => return None,
			_ => RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] }),
		})
	}
}

impl Config for Test {
	type RuntimeCall = RuntimeCall;
	type RuntimeOrigin = RuntimeOrigin;
	type Actions = MockActions;
	type Reputations = MockReputations;
	type Commitments = Commitments;
	type Clock = MockClock;
	type Communities = MockCommunities;
	type Time = MockTime;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProposalDeposit = ConstU128<DEPOSIT>;
	type ConfirmationPeriod = ConstU64<10>;
	type ProposalLifetime = ConstU64<100>;
	/// 10 %.
	type MinTurnout = ConstU32<100>;
	type MaxReputationCount = ConstU32<8>;
	type MaxEnactmentQueue = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarks;
}

/// What the benchmarks set up.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<ActionOf<Test>> for MockBenchmarks {
	fn community() -> CommunityIdentifier {
		cid()
	}
	fn dearest_action(cid: CommunityIdentifier) -> ActionOf<Test> {
		ProposalAction::SetIssuanceShare { cid, share: Perbill::from_percent(5) }
	}
	fn set_ceremony(cindex: CeremonyIndex) {
		reputations::set_ceremony(cindex);
	}
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Two communities, ceremony 10, lifetime 5 (a ceremony lasts 150 ms, so a proposal one
	/// ceremony: the window is 6 to 8), nobody verified, block 1.
	pub fn build(self) -> TestState {
		MockTime::set(START);
		reputations::reset(10, 5);
		MockCommunities::set(vec![
			(cid(), U64F64::ZERO, U64F64::from_int(20)),
			(cid2(), U64F64::ZERO, U64F64::from_int(10)),
		]);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=99).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test`, then check the invariants of democracy and commitments.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, || {
			Democracy::do_try_state()?;
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
