// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System and the communities pallet, with a settable phase and a
//! recording purge hook.

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
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Communities = pallet_communities;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

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

/// Root, or any signed account while `OpenCreation` is set (the tests open it).
#[derive_impl(pallet_communities::config_preludes::TestDefaultConfig)]
impl Config for Test {
	type CommunityCreator = EitherOfDiverse<EnsureRoot<u64>, SignedWhenOpen<Test>>;
	type CommunityMaster = EnsureRoot<u64>;
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
	CommunityIdentifier::from_location(&location, &bootstrappers().encode()).unwrap()
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

/// Empty externalities for the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> TestState {
	frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into()
}

/// Test externalities at block 1 (so events are recorded), registering phase; `try_state`
/// after the test.
pub fn new_test_ext(test: impl FnOnce()) {
	let mut ext: TestState =
		frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into();
	ext.execute_with(|| {
		System::set_block_number(1);
		Phase::set(CeremonyPhase::Registering);
		Purged::set(vec![]);
		OpenCreation::<Test>::put(true);
		test();
		Communities::do_try_state().unwrap();
	});
}
