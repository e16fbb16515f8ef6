// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances and the communities pallet, with a settable phase and
//! a recording purge hook. Accounts 1 to 9 start with [`ENDOWMENT`]; 99 has nothing.

use crate::{self as pallet_communities, *};
use convene_pallet_test_utils::{execute_then_check, genesis};
pub use convene_pallet_test_utils::{loc, metadata, north, zurich};
use convene_primitives::demurrage::LN_2;
use frame::testing_prelude::*;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: { 1 => Communities = pallet_communities, 2 => Balances = pallet_balances },
}

/// What accounts 1 to 9 start with.
pub const ENDOWMENT: u128 = 1_000_000;
/// The deposit per item and per byte (a 3-bootstrapper community costs about 2,000, a location
/// about 500).
pub const DEPOSIT_BASE: u128 = 100;
/// See [`DEPOSIT_BASE`].
pub const DEPOSIT_PER_BYTE: u128 = 2;

parameter_types! {
	pub static Phase: CeremonyPhase = CeremonyPhase::Registering;
	/// Every purge hook call, in order.
	pub static Purged: Vec<CommunityIdentifier> = vec![];
	pub const DefaultDemurrage: Demurrage = LN_2;
	pub const MaxDemurrage: Demurrage = U64F64::from_int(10);
	pub const DefaultNominalIncome: NominalIncome = U64F64::from_int(20);
}

/// Records purges and reports 7 ref-time each (bound: 10).
pub struct RecordingPurge;
impl OnCommunityPurged for RecordingPurge {
	fn on_community_purged(cid: CommunityIdentifier) -> Weight {
		Purged::mutate(|p| p.push(cid));
		Weight::from_parts(7, 0)
	}
	fn max_weight() -> Weight {
		Weight::from_parts(10, 0)
	}
}

/// As Convene's runtime: founding by any signed account while `OpenCreation` is set (the tests
/// open it) or Root; a community changed by its bootstrappers and founder or Root; its
/// economics and chain-wide settings by Root.
#[derive_impl(pallet_communities::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type CommunityCreator = EitherOf<SignedWhenOpen<Test>, Free<EnsureRoot<u64>, u64>>;
	type CommunityAuthority =
		EitherOf<EnsureCommunityAuthority<Test>, Free<AsEnsureOriginWithArg<EnsureRoot<u64>>, u64>>;
	type CommunityGovernor = AsEnsureOriginWithArg<EnsureRoot<u64>>;
	type CommunityMaster = EnsureRoot<u64>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type CurrentPhase = Phase;
	type DefaultDemurrage = DefaultDemurrage;
	type MaxDemurrage = MaxDemurrage;
	type DefaultNominalIncome = DefaultNominalIncome;
	type OnCommunityPurged = RecordingPurge;
}

/// Bootstrappers 1, 2, 3.
pub fn bootstrappers() -> BoundedVec<u64, ConstU32<12>> {
	vec![1, 2, 3].try_into().unwrap()
}

/// Found the standard community (bootstrappers 1, 2, 3, [`metadata`]) at Zürich by `origin`.
pub fn found_in_zurich_by(origin: RuntimeOrigin) -> DispatchResult {
	Communities::new_community(origin, zurich(), bootstrappers(), metadata(), None, None)
}

/// The standard community's identifier at `location`.
pub fn cid_at(location: Location) -> CommunityIdentifier {
	CommunityIdentifier::from_location(&location, &bootstrappers().encode()).unwrap()
}

/// Found the standard community at `location` through account 1; returns its identifier.
pub fn found_at(location: Location) -> CommunityIdentifier {
	assert_ok!(Communities::new_community(
		RuntimeOrigin::signed(1),
		location,
		bootstrappers(),
		metadata(),
		None,
		None,
	));
	cid_at(location)
}

/// The events of this pallet so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// The native balance on hold for deposits.
pub fn held(who: u64) -> u128 {
	use frame::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

/// Builds the tests' state: accounts 1 to 9 endowed.
pub struct ExtBuilder;

impl ExtBuilder {
	/// The genesis state (the benchmark tests start from it).
	pub fn build(self) -> TestState {
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: (1..=9).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}])
	}

	/// Run `test` at block 1 (so events are recorded), registering, founding open; then check
	/// the pallet's invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		let setup_then_test = || {
			Phase::set(CeremonyPhase::Registering);
			Purged::set(vec![]);
			OpenCreation::<Test>::put(true);
			test();
		};
		execute_then_check::<Test, _>(self.build(), setup_then_test, Communities::do_try_state);
	}
}
