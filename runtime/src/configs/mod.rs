// SPDX-License-Identifier: GPL-3.0-or-later
//! Pallet configurations, one section per group.

use crate::*;
use frame::deps::{
	frame_support::weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
	sp_core::Void,
	sp_runtime::{traits::Bounded, FixedPointNumber, Perbill, Perquintill},
};
use frame::runtime::apis::sr25519::AuthorityId as AuraId;
use frame::traits::VariantCountOf;
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};

mod governance;
pub use governance::*;

// --- System ----------------------------------------------------------------------------------

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per block; normal transactions may use 75 % of it.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			NORMAL_DISPATCH_RATIO,
		);
	/// 5 MiB blocks; normal transactions may fill 75 %.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * *max
			})
			.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// ParityDB is the node's database.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

// --- Time and consensus ----------------------------------------------------------------------

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = Moment;
	/// Aura checks the slot; the ceremony scheduler advances phases on chain time.
	type OnTimestampSet = (Aura, CeremonyScheduler);
	/// 1 ms, so that instant-sealed dev chains can seal back-to-back blocks with chain time equal
	/// to wall time. Aura + GRANDPA chains are not weakened: there Aura requires every block to
	/// be in a later slot, i.e. at least `SLOT_DURATION` after its parent.
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	/// Only on instant-sealed dev chains (set by the `development` genesis preset).
	type AllowMultipleBlocksPerSlot = dev_mode::InstantSealingEnabled<Runtime>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}

impl dev_mode::Config for Runtime {}

/// The most validators the testnet can have (Aura's and GRANDPA's `MaxAuthorities`).
pub const MAX_VALIDATORS: u32 = 32;

impl pallet_validator_set::Config for Runtime {
	type ValidatorOrigin = EnsureRoot<AccountId>;
	type ValidatorRegistration = Session;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SessionKeysForBenchmarks;
}

/// Session keys for benchmark accounts, derived from the account so that they differ.
#[cfg(feature = "runtime-benchmarks")]
pub struct SessionKeysForBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for SessionKeysForBenchmarks {
	fn register_keys(who: &AccountId) {
		use frame::deps::sp_core::{ed25519, sr25519};
		let raw: [u8; 32] = *who.as_ref();
		let keys = opaque::SessionKeys {
			aura: AuraId::from(sr25519::Public::from_raw(raw)),
			grandpa: pallet_grandpa::AuthorityId::from(ed25519::Public::from_raw(raw)),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}

/// Validators are accounts: a validator's id is its account id.
impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = frame::deps::sp_runtime::traits::ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = ValidatorSet;
	type SessionHandler = <opaque::SessionKeys as frame::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = opaque::SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Registering keys holds a deposit for what they store (about 280 bytes: the keys, and
	/// each key's owner), returned by `purge_keys`.
	type KeyDeposit = ConstU128<{ DEPOSIT_BASE + 280 * DEPOSIT_PER_BYTE }>;
}

// --- Native token and fees -------------------------------------------------------------------

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees rise while blocks are fuller than a quarter of their normal capacity…
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// … by about 0.0056 % per full block (Polkadot's setting: fees double after about 12,300
	/// full blocks), and fall back as blocks empty again.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// Never below the base fee: an idle chain charges what the weights say, no less.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burned.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// 1 planck per picosecond of compute: a 100 µs transaction costs 0.0001 token.
	type WeightToFee = IdentityFee<Balance>;
	/// 1 µ-token per byte.
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<1_000_000>>;
	/// The standard congestion pricing: the multiplier follows block fullness.
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

// --- Convene ---------------------------------------------------------------------------------

impl pallet_ceremony_scheduler::Config for Runtime {
	type CeremonyMaster = EnsureRoot<AccountId>;
	type Time = Timestamp;
	/// A phase lasts at most a year.
	type MaxPhaseDuration = ConstU64<{ 366 * convene_primitives::scheduler::MILLISECS_PER_DAY }>;
	/// Democracy first: the proposals it enacts change the rules the ceremonies apply.
	type OnCeremonyPhaseChange = (Democracy, Ceremonies);
	type WeightInfo = pallet_ceremony_scheduler::weights::SubstrateWeight<Runtime>;
}

// --- Communities -----------------------------------------------------------------------------

parameter_types! {
	/// Holdings halve once a year.
	pub const DefaultDemurrage: pallet_communities::Demurrage = convene_primitives::demurrage::LN_2;
	/// At most halving every week (52 halvings a year).
	pub const MaxDemurrage: pallet_communities::Demurrage =
		pallet_communities::U64F64::from_bits(52 * convene_primitives::demurrage::LN_2.to_bits());
	/// 20 units of the community's currency per attended ceremony.
	pub const DefaultNominalIncome: pallet_communities::NominalIncome =
		pallet_communities::U64F64::from_int(20);
}

/// What a signed account pays, held until the item goes, for each item it adds to state (a
/// community, a location, a business, an offering): 0.1 CVN.
pub const DEPOSIT_BASE: Balance = 100 * MILLI_UNIT;
/// ... and for each byte of it: 0.001 CVN (a location is about 0.3 CVN, a community 0.8 CVN).
pub const DEPOSIT_PER_BYTE: Balance = MILLI_UNIT;

impl pallet_communities::Config for Runtime {
	/// Any signed account where genesis (dev and test presets) opened creation, paying the
	/// deposits; or Root.
	type CommunityCreator = EitherOf<
		pallet_communities::SignedWhenOpen<Runtime>,
		pallet_communities::Free<EnsureRoot<AccountId>, AccountId>,
	>;
	/// A community's bootstrappers and founder (paying the deposits) until its first rewards,
	/// then its approved proposals; or Root.
	type CommunityAuthority = CommunityAuthority;
	/// Demurrage, nominal income and purges: the community's approved proposals, or Root.
	type CommunityGovernor = CommunityGovernor;
	type CommunityMaster = EnsureRoot<AccountId>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type CurrentPhase = pallet_ceremony_scheduler::CurrentPhaseOf<Runtime>;
	type MinBootstrappers = ConstU32<3>;
	type MaxBootstrappers = ConstU32<12>;
	type MaxLocations = ConstU32<1_000>;
	type MaxLocationsPerBucket = ConstU32<64>;
	/// The users' rule: meetup locations at least 100 m apart.
	type MinLocationDistance = ConstU32<100>;
	type DefaultDemurrage = DefaultDemurrage;
	type MaxDemurrage = MaxDemurrage;
	type DefaultNominalIncome = DefaultNominalIncome;
	type OnCommunityPurged = (CommunityBalances, Bazaar, Ceremonies);
	type WeightInfo = pallet_communities::weights::SubstrateWeight<Runtime>;
}

// --- Community balances ----------------------------------------------------------------------

parameter_types! {
	/// 0.000005 units of a community currency, as the reference.
	pub const CommunityExistentialDeposit: pallet_community_balances::Balance =
		pallet_community_balances::U64F64::from_bits(0x53e2_d623_8da4);
	pub const NativeUnit: u128 = UNIT;
}

impl pallet_community_balances::Config for Runtime {
	type Communities = Communities;
	type Time = Timestamp;
	type ExistentialDeposit = CommunityExistentialDeposit;
	type NativeUnit = NativeUnit;
	type FeeMaster = EnsureRoot<AccountId>;
	/// Fees paid in a community's currency go to its treasury.
	type OnFeePaid = TreasuryFees;
	type WeightInfo = pallet_community_balances::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Community;
}

// --- Bazaar ----------------------------------------------------------------------------------

impl pallet_bazaar::Config for Runtime {
	type Communities = Communities;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type MaxOfferings = ConstU32<100>;
	type WeightInfo = pallet_bazaar::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Community;
}

// --- Ceremonies ------------------------------------------------------------------------------

/// The meetup seed's source: a mix of the last 81 block hashes. Insecure (a block author can
/// bias it a little by withholding blocks), as on the reference's chains; enough for dev and
/// test chains.
/// The current block's author as Aura sees it: the authority of the block's slot.
pub struct AuraAuthor;
impl pallet_vrf_randomness::BlockAuthor for AuraAuthor {
	fn slot_and_key() -> Option<(u64, frame::deps::sp_core::sr25519::Public)> {
		let slot = u64::from(pallet_aura::CurrentSlot::<Runtime>::get());
		let authorities = pallet_aura::Authorities::<Runtime>::get();
		let index = slot.checked_rem(authorities.len() as u64)?;
		let author = authorities.get(usize::try_from(index).ok()?)?;
		Some((slot, author.clone().into_inner()))
	}
}

impl pallet_vrf_randomness::Config for Runtime {
	type BlockAuthor = AuraAuthor;
	type WeightInfo = pallet_vrf_randomness::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::AuraAuthorSetter;
}

impl pallet_ceremonies::Config for Runtime {
	type Clock = CeremonyScheduler;
	type Communities = Communities;
	type Purge = Communities;
	type Currency = CommunityBalances;
	type Randomness = VrfRandomness;
	type CeremonyMaster = EnsureRoot<AccountId>;
	type InactivityTimeoutOrigin = GlobalVoteOrRoot;
	/// The community's treasury takes its share of the rewards.
	type OnRewardsIssued = TreasuryShare;
	type Signature = Signature;
	type Signer = <Signature as frame::traits::Verify>::Signer;
	/// The users' rules: 3 to 12 people a meetup, at most a quarter newcomers.
	type MaxMeetupSize = ConstU32<12>;
	type MinMeetupSize = ConstU32<3>;
	type NewcomerDivider = ConstU32<3>;
	/// 100,000 of each class in a community ceremony.
	type MaxRegistrySize = ConstU32<100_000>;
	/// 400 ceremonies (the reference's dev chains keep 337).
	type MaxReputationLifetime = ConstU32<400>;
	type WeightInfo = pallet_ceremonies::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Sr25519Signer;
}

// --- Escrow payment channels and their treasurers ------------------------------------------

parameter_types! {
	/// Why native channel funds are held.
	pub const EscrowHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Escrow(pallet_escrow::HoldReason::ChannelEscrow);
	/// Community-currency channels' escrow accounts are sub-accounts of this.
	pub const CommunityEscrowPalletId: PalletId = PalletId(*b"cv/escrw");
}

/// Native-token channels: the funds stay on the sender's account, on hold.
impl pallet_escrow::Config<pallet_escrow::Instance1> for Runtime {
	type Ledger = pallet_escrow::NativeLedger<Balances, EscrowHoldReason>;
	type OffchainSignature = Signature;
	type SigningPublicKey = <Signature as Verify>::Signer;
	type BlockNumberProvider = System;
	/// 0.01 token.
	type MinChannelValue = ConstU128<{ 10 * MILLI_UNIT }>;
	/// Ten blocks: a minute on a 6 s chain.
	type MinDuration = ConstU32<10>;
	type MaxChannelsPerSender = ConstU32<100>;
	type WeightInfo = pallet_escrow::weights::NativeWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::EcdsaEscrow;
}

/// Community-currency channels: one escrow account per channel, decaying like any account;
/// cheques are principal at the channel's epoch start, so demurrage is neutral.
impl pallet_escrow::Config<pallet_escrow::Instance2> for Runtime {
	type Ledger = pallet_escrow::CommunityLedger<
		CommunityBalances,
		Communities,
		Timestamp,
		CommunityExistentialDeposit,
		CommunityEscrowPalletId,
	>;
	type OffchainSignature = Signature;
	type SigningPublicKey = <Signature as Verify>::Signer;
	type BlockNumberProvider = System;
	/// More than the existential deposit.
	type MinChannelValue = CommunityExistentialDeposit;
	type MinDuration = ConstU32<10>;
	type MaxChannelsPerSender = ConstU32<100>;
	type WeightInfo = pallet_escrow::weights::CommunityWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::EcdsaEscrow;
}

/// What a proxy may do for the account it acts for.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	scale_info::TypeInfo,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// A treasurer: claims cheques on the account's channels (also in batches), nothing else.
	EscrowClaim,
}

impl frame::traits::InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			// A batch's calls are filtered one by one again when they dispatch.
			ProxyType::EscrowClaim => matches!(
				call,
				RuntimeCall::Escrow(pallet_escrow::Call::claim { .. })
					| RuntimeCall::CommunityEscrow(pallet_escrow::Call::claim { .. })
					| RuntimeCall::Utility(
						pallet_utility::Call::batch { .. }
							| pallet_utility::Call::batch_all { .. }
							| pallet_utility::Call::force_batch { .. }
					)
			),
		}
	}
	fn is_superset(&self, other: &Self) -> bool {
		self == &ProxyType::Any || self == other
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	/// Deposits as the reference's relay chains scale them: 0.01 token a proxy entry, plus
	/// 0.0033 per proxy.
	type ProxyDepositBase = ConstU128<{ 10 * MILLI_UNIT }>;
	type ProxyDepositFactor = ConstU128<{ 3 * MILLI_UNIT + MILLI_UNIT / 3 }>;
	type MaxProxies = ConstU32<32>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = ConstU128<{ 10 * MILLI_UNIT }>;
	type AnnouncementDepositFactor = ConstU128<{ 6 * MILLI_UNIT + 2 * MILLI_UNIT / 3 }>;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
}

/// What the benchmarks of pallets depending on communities set up.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use convene_primitives::{
		fixed::I64F64,
		geo::Location,
		metadata::{CommunityMetadata, IpfsCid},
	};

	/// Makes a key the Aura authority of a slot, the current one.
	pub struct AuraAuthorSetter;
	impl pallet_vrf_randomness::BenchmarkHelper for AuraAuthorSetter {
		fn set_author(slot: u64, key: frame::deps::sp_core::sr25519::Public) {
			let authorities = alloc::vec![AuraId::from(key)];
			pallet_aura::Authorities::<Runtime>::put(BoundedVec::truncate_from(authorities));
			pallet_aura::CurrentSlot::<Runtime>::put(frame::deps::sp_consensus_aura::Slot::from(
				slot,
			));
		}
	}

	/// A community in Zürich founded by three benchmark accounts.
	pub struct Community;
	impl convene_primitives::community::BenchmarkCommunity for Community {
		fn community() -> pallet_communities::CommunityIdentifier {
			zurich_community()
		}
	}

	/// Accounts of sr25519 keys made in the benchmark's keystore.
	pub struct Sr25519Signer;
	impl pallet_ceremonies::BenchmarkHelper<AccountId, Signature> for Sr25519Signer {
		fn signer(seed: u32) -> AccountId {
			let uri = alloc::format!("//Bench{seed}").into_bytes();
			let public = frame::deps::sp_io::crypto::sr25519_generate(KEY_TYPE, Some(uri));
			AccountId::from(public)
		}
		fn sign(signer: &AccountId, payload: &[u8]) -> Signature {
			let public = frame::deps::sp_core::sr25519::Public::from_raw(*signer.as_ref());
			frame::deps::sp_io::crypto::sr25519_sign(KEY_TYPE, &public, payload)
				.map(Signature::Sr25519)
				.unwrap_or_else(|| Signature::Sr25519(Default::default()))
		}
	}

	/// Escrow benchmarks sign with ECDSA keys made in the benchmark's keystore: the dearest
	/// `MultiSignature` to verify (a public-key recovery and a hash).
	pub struct EcdsaEscrow;
	impl EcdsaEscrow {
		fn public(seed: u32) -> frame::deps::sp_core::ecdsa::Public {
			let uri = alloc::format!("//Escrow{seed}").into_bytes();
			frame::deps::sp_io::crypto::ecdsa_generate(KEY_TYPE, Some(uri))
		}
		fn signer(seed: u32) -> AccountId {
			frame::deps::sp_runtime::MultiSigner::from(Self::public(seed)).into_account()
		}
		fn sign(seed: u32, payload: &[u8]) -> Signature {
			frame::deps::sp_io::crypto::ecdsa_sign(KEY_TYPE, &Self::public(seed), payload)
				.map(Signature::Ecdsa)
				.unwrap_or_else(|| Signature::Ecdsa(Default::default()))
		}
	}
	impl pallet_escrow::BenchmarkHelper<AccountId, (), Balance, Signature> for EcdsaEscrow {
		fn asset() {}
		fn endow(_: (), who: &AccountId, amount: Balance) {
			use frame::traits::fungible::Mutate;
			let _ = Balances::mint_into(who, amount.saturating_mul(2).saturating_add(UNIT));
		}
		fn signer(seed: u32) -> AccountId {
			Self::signer(seed)
		}
		fn sign(seed: u32, payload: &[u8]) -> Signature {
			Self::sign(seed, payload)
		}
	}
	impl
		pallet_escrow::BenchmarkHelper<
			AccountId,
			pallet_communities::CommunityIdentifier,
			pallet_community_balances::Balance,
			Signature,
		> for EcdsaEscrow
	{
		fn asset() -> pallet_communities::CommunityIdentifier {
			zurich_community()
		}
		fn endow(
			cid: pallet_communities::CommunityIdentifier,
			who: &AccountId,
			amount: pallet_community_balances::Balance,
		) {
			use convene_primitives::currency::CommunityCurrency;
			let _ = CommunityBalances::issue(cid, who, amount.saturating_add(amount));
		}
		fn signer(seed: u32) -> AccountId {
			Self::signer(seed)
		}
		fn sign(seed: u32, payload: &[u8]) -> Signature {
			Self::sign(seed, payload)
		}
	}

	/// Democracy's and the faucets' benchmarks: the Zürich community, its attendances, the
	/// clock.
	pub struct Democracy;
	impl pallet_community_democracy::BenchmarkHelper<pallet_community_democracy::ActionOf<Runtime>>
		for Democracy
	{
		fn community() -> pallet_communities::CommunityIdentifier {
			zurich_community()
		}
		fn dearest_action(
			cid: pallet_communities::CommunityIdentifier,
		) -> pallet_community_democracy::ActionOf<Runtime> {
			// A location near the community's: the neighbourhood search reads its bucket.
			let location = Location::new(
				I64F64::from_int(47).saturating_add(I64F64::from_bits(1 << 60)),
				I64F64::from_int(8),
			);
			pallet_community_democracy::ProposalAction::AddLocation { cid, location }
		}
		fn set_ceremony(cindex: pallet_ceremonies::CeremonyIndex) {
			pallet_ceremony_scheduler::CurrentCeremonyIndex::<Runtime>::put(cindex);
			pallet_ceremony_scheduler::CurrentPhase::<Runtime>::put(CeremonyPhase::Registering);
		}
	}
	impl pallet_personhood_faucet::BenchmarkHelper<AccountId> for Democracy {
		fn community() -> pallet_communities::CommunityIdentifier {
			zurich_community()
		}
		fn attended(
			who: &AccountId,
			cid: pallet_communities::CommunityIdentifier,
		) -> pallet_ceremonies::CeremonyIndex {
			use convene_primitives::democracy::ReputationSource;
			let cindex = pallet_ceremony_scheduler::CurrentCeremonyIndex::<Runtime>::get();
			Ceremonies::set_verified(who, cid, cindex);
			cindex
		}
	}

	/// The key type of the benchmarks' keys.
	const KEY_TYPE: frame::deps::sp_core::crypto::KeyTypeId =
		frame::deps::sp_core::crypto::KeyTypeId(*b"bnch");

	/// Found the benchmark community if it does not exist; its identifier.
	fn zurich_community() -> pallet_communities::CommunityIdentifier {
		let location = Location::new(I64F64::from_int(47), I64F64::from_int(8));
		let bootstrappers: alloc::vec::Vec<AccountId> =
			(0..3u8).map(|i| AccountId::new([i; 32])).collect();
		let metadata = CommunityMetadata {
			name: b"Bench".to_vec().try_into().unwrap_or_default(),
			symbol: b"BEN".to_vec().try_into().unwrap_or_default(),
			assets: IpfsCid::try_from(b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g".to_vec())
				.unwrap_or_default(),
			theme: None,
			url: None,
		};
		let bootstrappers = bootstrappers.try_into().unwrap_or_default();
		let cid = pallet_communities::CommunityIdentifier::from_location(
			&location,
			&codec::Encode::encode(&bootstrappers),
		)
		.unwrap_or_default();
		let founding = pallet_communities::Founding {
			location,
			bootstrappers,
			metadata,
			demurrage: None,
			nominal_income: None,
		};
		let _ = Communities::do_new_community(founding, None);
		cid
	}
}
