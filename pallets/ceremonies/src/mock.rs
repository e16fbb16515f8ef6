// SPDX-License-Identifier: GPL-3.0-or-later
//! A test runtime with the real scheduler, communities and community balances, a settable clock
//! and randomness, and test signatures (`TestSignature(signer, message)`).

use crate::{self as pallet_ceremonies, *};
use convene_pallet_test_utils::{execute_then_check, genesis};
pub use convene_pallet_test_utils::{loc, zurich, MockTime, START};
use convene_primitives::{
	demurrage::{Demurrage, LN_2},
	fixed::U64F64,
	geo::Location,
	metadata::{CommunityMetadata, IpfsCid},
};
use frame::{
	deps::sp_runtime::testing::{TestSignature, UintAuthorityId},
	testing_prelude::*,
	traits::Randomness,
};
use pallet_communities::NominalIncome;

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: { 1 => CeremonyScheduler = pallet_ceremony_scheduler, 2 => Communities = pallet_communities, 3 => CommunityBalances = pallet_community_balances, 4 => Ceremonies = pallet_ceremonies, 5 => Balances = pallet_balances },
}

parameter_types! {
	/// What the randomness source returns.
	pub static Random: H256 = H256::repeat_byte(7);
	pub const DefaultDemurrage: Demurrage = LN_2;
	pub const MaxDemurrage: Demurrage = U64F64::from_int(10);
	pub const DefaultNominalIncome: NominalIncome = U64F64::from_int(20);
	pub const ExistentialDeposit: U64F64 = U64F64::from_bits(0x53e2d6238da4);
	pub const NativeUnit: u128 = 1_000_000_000_000;
	/// The rewards hook's calls: community, ceremony, total issued.
	pub static RewardsHook: Vec<(CommunityIdentifier, CeremonyIndex, U64F64)> = vec![];
}

/// Records the rewards hook's calls in [`RewardsHook`]; weighs 100.
pub struct RecordRewards;
impl OnRewardsIssued for RecordRewards {
	fn on_rewards_issued(cid: CommunityIdentifier, cindex: CeremonyIndex, total: U64F64) -> Weight {
		RewardsHook::mutate(|calls| calls.push((cid, cindex, total)));
		Weight::from_parts(100, 0)
	}

	fn max_weight() -> Weight {
		Weight::from_parts(100, 0)
	}
}

/// The settable randomness.
pub struct MockRandomness;
impl Randomness<H256, u64> for MockRandomness {
	fn random(subject: &[u8]) -> (H256, u64) {
		let mut bytes = Random::get().0.to_vec();
		bytes.extend_from_slice(subject);
		(H256(frame::hashing::blake2_256(&bytes)), 0)
	}
}

#[derive_impl(pallet_ceremony_scheduler::config_preludes::TestDefaultConfig)]
impl pallet_ceremony_scheduler::Config for Test {
	type CeremonyMaster = EnsureRoot<u64>;
	type Time = MockTime;
	type OnCeremonyPhaseChange = Ceremonies;
}

#[derive_impl(pallet_communities::config_preludes::TestDefaultConfig)]
impl pallet_communities::Config for Test {
	type CommunityCreator = pallet_communities::Free<EnsureRoot<u64>, u64>;
	type CommunityAuthority = pallet_communities::Free<AsEnsureOriginWithArg<EnsureRoot<u64>>, u64>;
	type CommunityGovernor = AsEnsureOriginWithArg<EnsureRoot<u64>>;
	type CommunityMaster = EnsureRoot<u64>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<1>;
	type DepositPerByte = ConstU128<0>;
	type CurrentPhase = pallet_ceremony_scheduler::CurrentPhaseOf<Test>;
	type DefaultDemurrage = DefaultDemurrage;
	type MaxDemurrage = MaxDemurrage;
	type DefaultNominalIncome = DefaultNominalIncome;
	type OnCommunityPurged = (CommunityBalances, Ceremonies);
}

impl pallet_community_balances::Config for Test {
	type Communities = Communities;
	type Time = MockTime;
	type ExistentialDeposit = ExistentialDeposit;
	type NativeUnit = NativeUnit;
	type FeeMaster = EnsureRoot<u64>;
	type OnFeePaid = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkCommunity;
}

/// Founds the benchmarks' community.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkCommunity;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_community_balances::BenchmarkHelper for BenchmarkCommunity {
	fn community() -> CommunityIdentifier {
		let cid = CommunityIdentifier::from_location(&zurich(), &bootstrappers().encode()).unwrap();
		if pallet_communities::Metadata::<Test>::contains_key(cid) {
			cid
		} else {
			found(bootstrappers(), 0)
		}
	}
}

impl Config for Test {
	type Clock = CeremonyScheduler;
	type Communities = Communities;
	type Purge = Communities;
	type Currency = CommunityBalances;
	type Randomness = MockRandomness;
	type CeremonyMaster = EnsureRoot<u64>;
	type InactivityTimeoutOrigin = EnsureRoot<u64>;
	type OnRewardsIssued = RecordRewards;
	type Signature = TestSignature;
	type Signer = UintAuthorityId;
	type MaxMeetupSize = ConstU32<12>;
	type MinMeetupSize = ConstU32<3>;
	type NewcomerDivider = ConstU32<3>;
	type MaxRegistrySize = ConstU32<1_000>;
	type MaxReputationLifetime = ConstU32<10>;
	type WeightInfo = TestWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestSigner;
}

/// Test signatures: `TestSignature(signer, message)`.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestSigner;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64, TestSignature> for TestSigner {
	fn signer(seed: u32) -> u64 {
		1_000_000 + u64::from(seed)
	}
	fn sign(signer: &u64, payload: &[u8]) -> TestSignature {
		TestSignature(*signer, payload.to_vec())
	}
}

/// Unit weights.
pub struct TestWeights;
impl WeightInfo for TestWeights {
	fn register_participant(r: u32) -> Weight {
		Weight::from_parts(1 + u64::from(r), 0)
	}
	fn upgrade_registration() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn unregister_participant() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn endorse_newcomer() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn attest_attendees(m: u32) -> Weight {
		Weight::from_parts(1 + u64::from(m), 0)
	}
	fn claim_rewards(m: u32) -> Weight {
		Weight::from_parts(10 + u64::from(m), 0)
	}
	fn set_parameter() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn draw_seed() -> Weight {
		Weight::from_parts(3, 0)
	}
	fn expire_history() -> Weight {
		Weight::from_parts(2, 0)
	}
	fn purge_registrant() -> Weight {
		Weight::from_parts(10, 1)
	}
	fn purge_ceremony_records() -> Weight {
		Weight::from_parts(50, 1)
	}
	fn on_community_purged(n: u32) -> Weight {
		Weight::from_parts(5 + u64::from(n), 0)
	}
	fn check_activity() -> Weight {
		Weight::from_parts(4, 0)
	}
}

/// One phase lasts a day.
pub const PHASE: u64 = 86_400_000;

/// Bootstrappers 1, 2, 3.
pub fn bootstrappers() -> Vec<u64> {
	vec![1, 2, 3]
}

/// Found a community with `bootstrappers` at Zürich and `extra` more locations 1 km apart.
pub fn found(bootstrappers: Vec<u64>, extra: u32) -> CommunityIdentifier {
	found_at(zurich(), bootstrappers, extra)
}

/// Found a community with `bootstrappers` at `location` and `extra` more locations 1 km apart.
pub fn found_at(location: Location, bootstrappers: Vec<u64>, extra: u32) -> CommunityIdentifier {
	let metadata = CommunityMetadata {
		name: b"Zurich Franken".to_vec().try_into().unwrap(),
		symbol: b"ZFR".to_vec().try_into().unwrap(),
		assets: IpfsCid::try_from(b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec())
			.unwrap(),
		theme: None,
		url: None,
	};
	let founding = pallet_communities::Founding {
		location,
		bootstrappers: bootstrappers.try_into().unwrap(),
		metadata,
		demurrage: None,
		nominal_income: None,
	};
	let cid = pallet_communities::Pallet::<Test>::do_new_community(founding, None).unwrap();
	for i in 1..=extra {
		let location = loc(location.lat.to_f64() + 0.01 * f64::from(i), location.lon.to_f64());
		assert_ok!(Communities::add_location(RuntimeOrigin::root(), cid, location));
	}
	cid
}

/// Begin the next phase, a phase's length later.
pub fn next_phase() {
	MockTime::advance(PHASE);
	CeremonyScheduler::do_next_phase(MockTime::get()).unwrap();
}

/// Run phases until `phase` begins.
pub fn until(phase: CeremonyPhase) {
	next_phase();
	while pallet_ceremony_scheduler::CurrentPhase::<Test>::get() != phase {
		next_phase();
	}
}

/// `attendee`'s proof of attending ceremony `cindex` of `cid`, for `prover` registering for the
/// ceremony registrations are open for now.
pub fn proof(
	cid: CommunityIdentifier,
	cindex: CeremonyIndex,
	attendee: u64,
	prover: u64,
) -> ProofOfAttendance<TestSignature, u64> {
	let target = Ceremonies::registration_target().unwrap_or_default();
	let genesis = Ceremonies::genesis_hash();
	let payload = proof_of_attendance_payload(&genesis, &cid, cindex, target, &prover);
	ProofOfAttendance { prover, cid, cindex, attendee, signature: TestSignature(attendee, payload) }
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Tickets 2 per bootstrapper and 1 per reputable, lifetime 3, clock at `START`, block 1, the
	/// schedule started (Registering of ceremony 1, a day per phase).
	pub fn build(self) -> TestState {
		MockTime::set(START);
		RewardsHook::take();
		let mut ext = genesis::<Test>(&[
			&pallet_ceremony_scheduler::GenesisConfig::<Test> {
				phase_durations: pallet_ceremony_scheduler::PhaseDurations::uniform(PHASE),
				..Default::default()
			},
			&pallet_ceremonies::GenesisConfig::<Test> {
				endorsement_tickets_per_bootstrapper: 2,
				endorsement_tickets_per_reputable: 1,
				reputation_lifetime: 3,
				meetup_time_offset: 0,
				inactivity_timeout: 2,
				..Default::default()
			},
		]);
		ext.execute_with(|| {
			CeremonyScheduler::do_on_timestamp(MockTime::get());
		});
		ext
	}

	/// Run `test`, then check this pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, Ceremonies::do_try_state);
	}
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}
