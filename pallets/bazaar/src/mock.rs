// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System, Balances and the bazaar, with settable communities. Accounts
//! 1 to 20 start with [`ENDOWMENT`]; 99 has nothing.

use crate::{self as pallet_bazaar, *};
use convene_primitives::{demurrage::Demurrage, fixed::U64F64};
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
	pub type Bazaar = pallet_bazaar;
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

/// What accounts 1 to 20 start with.
pub const ENDOWMENT: u128 = 1_000_000;

parameter_types! {
	/// The communities that exist.
	pub static Known: Vec<CommunityIdentifier> = vec![];
}

/// The settable communities.
pub struct MockCommunities;
impl CommunityInfo for MockCommunities {
	fn demurrage(cid: CommunityIdentifier) -> Option<Demurrage> {
		Known::get().contains(&cid).then_some(U64F64::ZERO)
	}
	fn nominal_income(cid: CommunityIdentifier) -> Option<U64F64> {
		Known::get().contains(&cid).then_some(U64F64::ONE)
	}
}

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

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for MockCommunities {
	fn community() -> CommunityIdentifier {
		cid()
	}
}

/// A community.
pub fn cid() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"sqm1v", digest: [1, 2, 3, 4] }
}

/// Another community.
pub fn cid2() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"u0qj8", digest: [5, 6, 7, 8] }
}

/// A community that does not exist.
pub fn unknown() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"gcpuv", digest: [9, 9, 9, 9] }
}

/// A valid CIDv0 whose last character is `c`.
pub fn url(c: char) -> IpfsCid {
	let mut s = String::from("QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9");
	s.push(c);
	s.into_bytes().try_into().unwrap()
}

/// Two communities, block 1.
pub fn new_test_ext() -> TestState {
	Known::set(vec![cid(), cid2()]);
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = TestState::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run `test`, then check the pallet's invariants.
pub fn test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Bazaar::do_try_state().expect("try_state");
	});
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
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Bazaar(e) => Some(e),
			_ => None,
		})
		.collect()
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
