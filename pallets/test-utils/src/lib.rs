// SPDX-License-Identifier: GPL-3.0-or-later
//! What every Convene pallet's tests share, so that no mock declares it again:
//!
//! - [`genesis`]: the test state from genesis configs, at block 1;
//! - [`events`]: one pallet's events so far, from any test runtime;
//! - [`execute_then_check`]: run a test in externalities at block 1, then the pallet's
//!   `try_state` (every pallet's `ExtBuilder::build_and_execute` goes through it);
//! - [`MockTime`]: a settable chain clock (`frame::traits::Time`), starting at [`START`];
//! - [`MockCommunities`]: settable communities (`CommunityInfo`);
//! - community fixtures: [`cid`], [`cid2`], [`unknown`], [`loc`], [`north`], [`zurich`],
//!   [`metadata`], [`CID_V0`];
//! - [`mock_runtime!`]: a test runtime of System (and Balances, with native `u128` balances and
//!   holds) plus the pallets named, declared once for every mock;
//! - [`mock_reputations!`]: settable verified attendances (`ReputationSource`) and a settable
//!   ceremony index (`CeremonyClock`) for the pallets that read them, over [`reputations`].
#![deny(missing_docs)]

pub use frame;

/// A test runtime `Test`: `frame_system` at index 0 with the test defaults and the pallets listed
/// at their indices; `with_balances` configures the `pallet_balances` among them (`u128`,
/// existential deposit 1, holds) and makes it the accounts' store. Every mock declares its
/// runtime with this:
///
/// ```ignore
/// convene_pallet_test_utils::mock_runtime! {
///     with_balances,
///     pallets: { 1 => Communities = pallet_communities, 2 => Balances = pallet_balances },
/// }
/// ```
#[macro_export]
macro_rules! mock_runtime {
	(with_balances, pallets: { $( $index:tt => $name:ident = $pallet:ident $(<$instance:ident>)? ),* $(,)? } $(,)?) => {
		$crate::mock_runtime!(@runtime $( $index => $name = $pallet $(<$instance>)? ),*);

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for Test {
			type Block = frame_system::mocking::MockBlock<Test>;
			type AccountData = pallet_balances::AccountData<u128>;
		}

		#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for Test {
			type Balance = u128;
			type ExistentialDeposit = ConstU128<1>;
			type AccountStore = System;
			type RuntimeHoldReason = RuntimeHoldReason;
		}
	};
	(pallets: { $( $index:tt => $name:ident = $pallet:ident $(<$instance:ident>)? ),* $(,)? } $(,)?) => {
		$crate::mock_runtime!(@runtime $( $index => $name = $pallet $(<$instance>)? ),*);

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for Test {
			type Block = frame_system::mocking::MockBlock<Test>;
		}
	};
	(@runtime $( $index:tt => $name:ident = $pallet:ident $(<$instance:ident>)? ),*) => {
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
			$(
				#[runtime::pallet_index($index)]
				pub type $name = $pallet $(<$instance>)?;
			)*
		}
	};
}

/// `MockReputations` (`ReputationSource<u64>`) and `MockClock` (`CeremonyClock`, always
/// Registering, phases of [`reputations::PHASE`] ms) in the calling mock, over the thread's
/// [`reputations`] state. A macro, so that the benchmarks-only method is compiled with the
/// calling pallet's features.
#[macro_export]
macro_rules! mock_reputations {
	() => {
		/// Settable verified attendances: see `convene_pallet_test_utils::reputations`.
		pub struct MockReputations;
		impl convene_primitives::democracy::ReputationSource<u64> for MockReputations {
			fn is_verified(
				who: &u64,
				cid: convene_primitives::community::CommunityIdentifier,
				cindex: convene_primitives::scheduler::CeremonyIndex,
			) -> bool {
				$crate::reputations::is_verified(*who, cid, cindex)
			}
			fn verified_count(
				cid: convene_primitives::community::CommunityIdentifier,
				cindex: convene_primitives::scheduler::CeremonyIndex,
			) -> u32 {
				$crate::reputations::count(Some(cid), cindex)
			}
			fn global_verified_count(cindex: convene_primitives::scheduler::CeremonyIndex) -> u32 {
				$crate::reputations::count(None, cindex)
			}
			fn reputation_lifetime() -> u32 {
				$crate::reputations::lifetime()
			}
			#[cfg(feature = "runtime-benchmarks")]
			fn set_verified(
				who: &u64,
				cid: convene_primitives::community::CommunityIdentifier,
				cindex: convene_primitives::scheduler::CeremonyIndex,
			) {
				$crate::reputations::attended(*who, cid, cindex)
			}
		}

		/// A settable ceremony index: see `convene_pallet_test_utils::reputations`.
		pub struct MockClock;
		impl convene_primitives::scheduler::CeremonyClock for MockClock {
			fn ceremony_index() -> convene_primitives::scheduler::CeremonyIndex {
				$crate::reputations::ceremony()
			}
			fn phase() -> convene_primitives::scheduler::CeremonyPhase {
				convene_primitives::scheduler::CeremonyPhase::Registering
			}
			fn next_phase_timestamp() -> Option<convene_primitives::scheduler::Moment> {
				None
			}
			fn phase_duration(
				_: convene_primitives::scheduler::CeremonyPhase,
			) -> convene_primitives::scheduler::Moment {
				$crate::reputations::PHASE
			}
		}
	};
}

/// The state behind [`mock_reputations!`], one per test thread: verified attendances, the
/// reputation lifetime and the current ceremony.
pub mod reputations {
	use convene_primitives::{community::CommunityIdentifier, scheduler::CeremonyIndex};
	use std::cell::{Cell, RefCell};

	/// A phase's length (ms): a ceremony lasts three.
	pub const PHASE: u64 = 50;

	thread_local! {
		static VERIFIED: RefCell<Vec<(u64, CommunityIdentifier, CeremonyIndex)>> =
			const { RefCell::new(Vec::new()) };
		static CEREMONY: Cell<CeremonyIndex> = const { Cell::new(1) };
		static LIFETIME: Cell<u32> = const { Cell::new(1) };
	}

	/// Nobody verified; ceremony `ceremony`, reputation lifetime `lifetime`.
	pub fn reset(ceremony: CeremonyIndex, lifetime: u32) {
		VERIFIED.with(|v| v.borrow_mut().clear());
		CEREMONY.with(|c| c.set(ceremony));
		LIFETIME.with(|l| l.set(lifetime));
	}

	/// `who` attended ceremony `cindex` of `cid`, verified.
	pub fn attended(who: u64, cid: CommunityIdentifier, cindex: CeremonyIndex) {
		VERIFIED.with(|v| v.borrow_mut().push((who, cid, cindex)));
	}

	/// Whether `who` attended ceremony `cindex` of `cid`, verified.
	pub fn is_verified(who: u64, cid: CommunityIdentifier, cindex: CeremonyIndex) -> bool {
		VERIFIED.with(|v| v.borrow().contains(&(who, cid, cindex)))
	}

	/// Verified attendances of ceremony `cindex` (of `cid`, or of every community).
	pub fn count(cid: Option<CommunityIdentifier>, cindex: CeremonyIndex) -> u32 {
		VERIFIED.with(|v| {
			v.borrow()
				.iter()
				.filter(|(_, c, i)| *i == cindex && cid.is_none_or(|cid| cid == *c))
				.count() as u32
		})
	}

	/// The reputation lifetime.
	pub fn lifetime() -> u32 {
		LIFETIME.with(Cell::get)
	}

	/// The current ceremony.
	pub fn ceremony() -> CeremonyIndex {
		CEREMONY.with(Cell::get)
	}

	/// Make `cindex` the current ceremony.
	pub fn set_ceremony(cindex: CeremonyIndex) {
		CEREMONY.with(|c| c.set(cindex));
	}
}

use convene_primitives::{
	community::{BenchmarkCommunity, CommunityIdentifier},
	currency::CommunityInfo,
	demurrage::Demurrage,
	fixed::{I64F64, U64F64},
	geo::Location,
	metadata::{CommunityMetadata, IpfsCid},
};
use frame::testing_prelude::*;
use std::cell::{Cell, RefCell};

/// The tests' clock start: 2023-11-14T22:13:20Z, a realistic chain time (ms).
pub const START: u64 = 1_700_000_000_000;

/// The events of the pallet whose event type is `E`, deposited so far in runtime `T`.
pub fn events<T: frame_system::Config, E>() -> Vec<E>
where
	T::RuntimeEvent: TryInto<E>,
{
	frame_system::Pallet::<T>::events()
		.into_iter()
		.filter_map(|record| record.event.try_into().ok())
		.collect()
}

/// The test state of runtime `T`: System's genesis and `configs` (other pallets' genesis
/// configs), at block 1 (so that events are recorded).
pub fn genesis<T: frame_system::Config>(configs: &[&dyn BuildStorage]) -> TestState {
	let mut storage = frame_system::GenesisConfig::<T>::default()
		.build_storage()
		.expect("System's genesis");
	for config in configs {
		config.assimilate_storage(&mut storage).expect("a valid genesis config");
	}
	let mut ext = TestState::new(storage);
	ext.execute_with(|| frame_system::Pallet::<T>::set_block_number(1u32.into()));
	ext
}

/// Run `test` in `ext` at block 1 (so that events are recorded), with the clock at [`START`],
/// then check the invariants `try_state` checks: a test passes only if it leaves them whole.
pub fn execute_then_check<T: frame_system::Config, E: core::fmt::Debug>(
	mut ext: TestState,
	test: impl FnOnce(),
	try_state: impl FnOnce() -> Result<(), E>,
) {
	ext.execute_with(|| {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
		test();
		try_state().expect("the pallet's invariants (try_state) hold after the test");
	});
}

thread_local! {
	static NOW: Cell<u64> = const { Cell::new(START) };
	static KNOWN: RefCell<Vec<(CommunityIdentifier, Demurrage, U64F64)>> =
		const { RefCell::new(Vec::new()) };
}

/// Settable communities for pallets that only need to know of them (`CommunityInfo`): each
/// with its demurrage and nominal income, one set per test thread; [`cid`] is the benchmarks'.
pub struct MockCommunities;

impl MockCommunities {
	/// These communities exist, and no others: (identifier, demurrage, nominal income).
	pub fn set(known: Vec<(CommunityIdentifier, Demurrage, U64F64)>) {
		KNOWN.with(|k| *k.borrow_mut() = known);
	}

	fn find(cid: CommunityIdentifier) -> Option<(CommunityIdentifier, Demurrage, U64F64)> {
		KNOWN.with(|k| k.borrow().iter().find(|(c, ..)| *c == cid).copied())
	}
}

impl CommunityInfo for MockCommunities {
	fn demurrage(cid: CommunityIdentifier) -> Option<Demurrage> {
		Self::find(cid).map(|(_, rate, _)| rate)
	}

	fn nominal_income(cid: CommunityIdentifier) -> Option<U64F64> {
		Self::find(cid).map(|(.., income)| income)
	}
}

impl BenchmarkCommunity for MockCommunities {
	fn community() -> CommunityIdentifier {
		cid()
	}
}

/// A settable chain clock in ms, one per test thread, starting at [`START`].
pub struct MockTime;

impl MockTime {
	/// The time now.
	pub fn get() -> u64 {
		NOW.with(Cell::get)
	}

	/// Set the time.
	pub fn set(ms: u64) {
		NOW.with(|now| now.set(ms));
	}

	/// Move the time `ms` on.
	pub fn advance(ms: u64) {
		Self::set(Self::get() + ms);
	}
}

impl frame::traits::Time for MockTime {
	type Moment = u64;
	fn now() -> u64 {
		Self::get()
	}
}

/// A community identifier of the tests (no location behind it).
pub fn cid() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"sqm1v", digest: [1, 2, 3, 4] }
}

/// Another community identifier of the tests.
pub fn cid2() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"u0qj8", digest: [5, 6, 7, 8] }
}

/// A community identifier no test founds or knows.
pub fn unknown() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"gcpuv", digest: [9, 9, 9, 9] }
}

/// A valid CIDv0 (IPFS content id).
pub const CID_V0: &[u8] = b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g";

/// A location from degrees.
pub fn loc(lat: f64, lon: f64) -> Location {
	let degrees = |d: f64| I64F64::from_f64(d).expect("degrees fit in 64.64");
	Location::new(degrees(lat), degrees(lon))
}

/// `metres` north of `from` (one degree of latitude is 111 194.93 m on the mean sphere).
pub fn north(from: Location, metres: f64) -> Location {
	loc(from.lat.to_f64() + metres / 111_194.926_644_558_73, from.lon.to_f64())
}

/// Zürich, well inside its geohash bucket.
pub fn zurich() -> Location {
	loc(47.3769, 8.5417)
}

/// Valid community metadata: Zurich Franken (ZFR).
pub fn metadata() -> CommunityMetadata {
	CommunityMetadata {
		name: b"Zurich Franken".to_vec().try_into().expect("within the bound"),
		symbol: b"ZFR".to_vec().try_into().expect("within the bound"),
		assets: IpfsCid::try_from(CID_V0.to_vec()).expect("a CIDv0"),
		theme: None,
		url: None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use convene_primitives::geo::distance_m;

	#[test]
	fn the_clock_moves_per_thread_and_resets() {
		assert_eq!(MockTime::get(), START);
		MockTime::advance(5);
		assert_eq!(<MockTime as frame::traits::Time>::now(), START + 5);
		std::thread::spawn(|| assert_eq!(MockTime::get(), START)).join().unwrap();
		MockTime::set(START);
		assert_eq!(MockTime::get(), START);
	}

	#[test]
	fn north_is_as_far_as_asked() {
		let d = distance_m(&zurich(), &north(zurich(), 1_000.0));
		assert!((999..=1_001).contains(&d), "{d}");
	}
}
