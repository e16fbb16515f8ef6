// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances and the communities pallet, with a settable phase and
//! a recording purge hook. Accounts 1 to 9 start with [`ENDOWMENT`]; 99 has nothing.

use crate::{self as pallet_communities, *};
use convene_primitives::{
	demurrage::LN_2,
	fixed::I64F64,
	metadata::{CommunityMetadata, IpfsCid},
};
use frame::testing_prelude::*;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_construct_runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Communities = pallet_communities;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
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

/// A valid CIDv0.
pub const CID_V0: &[u8] = b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g";

/// A location from degrees.
pub fn loc(lat: f64, lon: f64) -> Location {
	Location::new(I64F64::from_f64(lat).unwrap(), I64F64::from_f64(lon).unwrap())
}

/// `metres` north of `from` (one degree of latitude is 111 194.93 m on the mean sphere).
pub fn north(from: Location, metres: f64) -> Location {
	loc(from.lat.to_f64() + metres / 111_194.926_644_558_73, from.lon.to_f64())
}

/// Zürich, well inside its geohash bucket.
pub fn zurich() -> Location {
	loc(47.3769, 8.5417)
}

/// Valid metadata.
pub fn metadata() -> CommunityMetadata {
	CommunityMetadata {
		name: b"Zurich Franken".to_vec().try_into().unwrap(),
		symbol: b"ZFR".to_vec().try_into().unwrap(),
		assets: IpfsCid::try_from(CID_V0.to_vec()).unwrap(),
		theme: None,
		url: None,
	}
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
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Communities(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Storage with accounts 1 to 9 endowed.
fn storage() -> TestState {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=9).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	storage.into()
}

/// The native balance on hold for deposits.
pub fn held(who: u64) -> u128 {
	use frame::traits::fungible::InspectHold;
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

/// Empty externalities for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> TestState {
	storage()
}

/// Test externalities at block 1 (so events are recorded), registering phase; `try_state`
/// after the test.
pub fn new_test_ext(test: impl FnOnce()) {
	let mut ext = storage();
	ext.execute_with(|| {
		System::set_block_number(1);
		Phase::set(CeremonyPhase::Registering);
		Purged::set(vec![]);
		OpenCreation::<Test>::put(true);
		test();
		Communities::do_try_state().unwrap();
	});
}
