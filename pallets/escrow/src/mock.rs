// SPDX-License-Identifier: GPL-3.0-or-later
//! A test runtime: System, Balances and the native-token escrow, with test signatures.

use crate::{self as pallet_escrow, *};
use convene_pallet_test_utils::{execute_then_check, genesis};
pub use convene_pallet_test_utils::{MockTime, START};
use convene_primitives::{
	community::CommunityIdentifier,
	currency::CommunityInfo,
	demurrage::{Demurrage, LN_2},
	fixed::U64F64,
};
use frame::{
	deps::sp_runtime::testing::{TestSignature, UintAuthorityId},
	testing_prelude::*,
};

convene_pallet_test_utils::mock_runtime! {
	with_balances,
	pallets: { 1 => Balances = pallet_balances, 2 => Escrow = pallet_escrow,
		3 => CommunityBalances = pallet_community_balances,
		4 => CcEscrow = pallet_escrow<Instance2>,
	},
}

parameter_types! {
	pub const EscrowHold: RuntimeHoldReason = RuntimeHoldReason::Escrow(HoldReason::ChannelEscrow);
}

impl Config for Test {
	type Ledger = NativeLedger<Balances, EscrowHold>;
	type OffchainSignature = TestSignature;
	type SigningPublicKey = UintAuthorityId;
	type BlockNumberProvider = System;
	type MinChannelValue = ConstU128<10>;
	type MinDuration = ConstU64<5>;
	type MaxChannelsPerSender = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = NativeHelper;
}

/// Benchmark accounts are their seeds; `TestSignature` names its signer.
#[cfg(feature = "runtime-benchmarks")]
pub struct NativeHelper;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64, (), u128, TestSignature> for NativeHelper {
	fn asset() {}
	fn endow(_: (), who: &u64, amount: u128) {
		use frame::traits::fungible::Mutate;
		Balances::mint_into(who, amount.saturating_mul(2)).expect("minted");
	}
	fn signer(seed: u32) -> u64 {
		1_000 + u64::from(seed)
	}
	fn sign(seed: u32, payload: &[u8]) -> TestSignature {
		TestSignature(Self::signer(seed), payload.to_vec())
	}
}

parameter_types! {
	pub const CommunityEd: U64F64 = U64F64::from_bits(0x53e2d6238da4);
	pub const EscrowId: frame::deps::frame_support::PalletId =
		frame::deps::frame_support::PalletId(*b"cvn/escr");
}

/// One community, halving yearly.
pub struct OneCommunity;
impl CommunityInfo for OneCommunity {
	fn demurrage(cid: CommunityIdentifier) -> Option<Demurrage> {
		(cid == community()).then_some(LN_2)
	}
	fn nominal_income(cid: CommunityIdentifier) -> Option<U64F64> {
		(cid == community()).then_some(U64F64::from_int(20))
	}
}

/// The community.
pub fn community() -> CommunityIdentifier {
	CommunityIdentifier { geohash: *b"sqm1v", digest: [1, 2, 3, 4] }
}

impl pallet_community_balances::Config for Test {
	type Communities = OneCommunity;
	type Time = MockTime;
	type ExistentialDeposit = CommunityEd;
	type NativeUnit = ConstU128<1_000_000_000_000>;
	type FeeMaster = EnsureRoot<u64>;
	type OnFeePaid = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CommunityHelper;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_community_balances::BenchmarkHelper for CommunityHelper {
	fn community() -> CommunityIdentifier {
		community()
	}
}

impl Config<Instance2> for Test {
	type Ledger = CommunityLedger<CommunityBalances, OneCommunity, MockTime, CommunityEd, EscrowId>;
	type OffchainSignature = TestSignature;
	type SigningPublicKey = UintAuthorityId;
	type BlockNumberProvider = System;
	type MinChannelValue = CommunityEd;
	type MinDuration = ConstU64<5>;
	type MaxChannelsPerSender = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CommunityHelper;
}

/// Benchmark channels of the community-currency instance hold the mock community's currency.
#[cfg(feature = "runtime-benchmarks")]
pub struct CommunityHelper;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64, CommunityIdentifier, U64F64, TestSignature> for CommunityHelper {
	fn asset() -> CommunityIdentifier {
		community()
	}
	fn endow(cid: CommunityIdentifier, who: &u64, amount: U64F64) {
		use convene_primitives::currency::CommunityCurrency;
		CommunityBalances::issue(cid, who, amount.saturating_add(amount)).expect("issued");
	}
	fn signer(seed: u32) -> u64 {
		NativeHelper::signer(seed)
	}
	fn sign(seed: u32, payload: &[u8]) -> TestSignature {
		NativeHelper::sign(seed, payload)
	}
}

/// The sender.
pub const ALICE: u64 = 1;
/// The recipient.
pub const BOB: u64 = 2;
/// The cheque signer.
pub const SIGNER: u64 = 3;
/// A third party.
pub const CHARLIE: u64 = 4;

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Alice, Bob and Charlie hold 1000 each; block 1.
	pub fn build(self) -> TestState {
		MockTime::set(START);
		genesis::<Test>(&[&pallet_balances::GenesisConfig::<Test> {
			balances: vec![(ALICE, 1000), (BOB, 1000), (CHARLIE, 1000)],
			..Default::default()
		}])
	}

	/// Run `test`, then check both instances' invariants (`try_state`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		execute_then_check::<Test, _>(self.build(), test, || {
			Escrow::do_try_state()?;
			CcEscrow::do_try_state()
		});
	}
}

/// `signer`'s cheque for `amount` on `channel` at `nonce`, signed raw.
pub fn cheque(signer: u64, channel: ChannelId, nonce: u64, amount: u128) -> TestSignature {
	let genesis = frame_system::Pallet::<Test>::block_hash(0);
	let index = Escrow::instance_index();
	TestSignature(signer, ClaimPayload::new(genesis, index, channel, nonce, amount).encode())
}

/// This pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	convene_pallet_test_utils::events::<Test, _>()
}

/// The terms of a channel from the tests' sender to Bob.
pub fn terms(value: u128, expiration: u64) -> TermsOf<Test, ()> {
	ChannelTerms { signer: SIGNER, recipient: BOB, group_id: [0; 32], asset: (), value, expiration }
}

/// `sender`'s authorisation for `funder` to open a channel on `terms(100, 10)`.
pub fn authorisation(sender: u64, funder: u64, valid_until: u64, open_nonce: u64) -> TestSignature {
	TestSignature(
		sender,
		Escrow::open_payload(funder, terms(100, 10), valid_until, open_nonce).encode(),
	)
}

/// `signer`'s cheque for `amount` of principal on community channel `channel` at `nonce`.
pub fn cc_cheque(signer: u64, channel: ChannelId, nonce: u64, amount: U64F64) -> TestSignature {
	let genesis = frame_system::Pallet::<Test>::block_hash(0);
	let index = CcEscrow::instance_index();
	TestSignature(signer, ClaimPayload::new(genesis, index, channel, nonce, amount).encode())
}
