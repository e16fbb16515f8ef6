// SPDX-License-Identifier: GPL-3.0-or-later
//! Communities govern themselves: reputation commitments, democracy, treasuries and personhood
//! faucets, and the origins through which an approved proposal changes a community.

use super::*;
use frame::traits::EnsureOriginWithArg;
use pallet_community_democracy::{
	ActionOf, EnsureCommunityVote, EnsureGlobalVote, EnsureTreasuryVote, ProposalAction,
};

parameter_types! {
	pub const TreasuriesPalletId: PalletId = PalletId(*b"cv/trsry");
	pub const FaucetPalletId: PalletId = PalletId(*b"cv/fauct");
	/// A community gives its treasury at most half of what its ceremonies issue.
	pub const MaxIssuanceShare: Perbill = Perbill::from_percent(50);
}

impl pallet_reputation_commitments::Config for Runtime {
	type Reputations = Ceremonies;
	type Clock = CeremonyScheduler;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	/// As the reference.
	type MaxDescriptorLength = ConstU32<128>;
	type WeightInfo = pallet_reputation_commitments::weights::SubstrateWeight<Runtime>;
}

impl pallet_community_treasuries::Config for Runtime {
	type NativeCurrency = Balances;
	type CommunityCurrency = CommunityBalances;
	type Communities = Communities;
	type PalletId = TreasuriesPalletId;
	/// A community's treasury: its approved proposal; the global one: a global proposal; or Root.
	type SpendOrigin = EitherOf<EnsureTreasuryVote, AsEnsureOriginWithArg<EnsureRoot<AccountId>>>;
	/// The community's approved proposal, or Root.
	type ShareOrigin = EitherOf<EnsureCommunityVote, AsEnsureOriginWithArg<EnsureRoot<AccountId>>>;
	type MaxIssuanceShare = MaxIssuanceShare;
	type MaxHistory = ConstU32<100>;
	type WeightInfo = pallet_community_treasuries::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Community;
}

/// A meetup's rewards were issued: the community's treasury takes its share.
pub struct TreasuryShare;
impl pallet_ceremonies::OnRewardsIssued for TreasuryShare {
	fn on_rewards_issued(
		cid: CommunityIdentifier,
		cindex: pallet_ceremonies::CeremonyIndex,
		total: pallet_community_balances::Balance,
	) -> Weight {
		Treasuries::fund_from_issuance(cid, cindex, total)
	}

	fn max_weight() -> Weight {
		<<Runtime as pallet_community_treasuries::Config>::WeightInfo as pallet_community_treasuries::WeightInfo>::fund_from_issuance()
	}
}

/// A fee was paid in a community's currency: it goes to the community's treasury.
pub struct TreasuryFees;
impl pallet_community_balances::OnFeePaid for TreasuryFees {
	fn on_fee_paid(cid: CommunityIdentifier, amount: pallet_community_balances::Balance) -> Weight {
		Treasuries::fund_from_fee(cid, amount)
	}

	fn max_weight() -> Weight {
		<<Runtime as pallet_community_treasuries::Config>::WeightInfo as pallet_community_treasuries::WeightInfo>::fund_from_fee()
	}
}

/// Approved actions become the calls of the pallets that own the settings, dispatched with the
/// vote's origin.
pub struct GovernanceActions;
impl pallet_community_democracy::ActionCall<ActionOf<Runtime>, RuntimeCall> for GovernanceActions {
	fn call(action: &ActionOf<Runtime>) -> Option<RuntimeCall> {
		use pallet_communities::Call as C;
		use pallet_community_treasuries::Call as T;
		Some(match action.clone() {
			ProposalAction::AddLocation { cid, location } => {
				RuntimeCall::Communities(C::add_location { cid, location })
			},
			ProposalAction::RemoveLocation { cid, location } => {
				RuntimeCall::Communities(C::remove_location { cid, location })
			},
			ProposalAction::UpdateCommunityMetadata { cid, metadata } => {
				RuntimeCall::Communities(C::update_metadata { cid, metadata })
			},
			ProposalAction::UpdateDemurrage { cid, demurrage } => {
				RuntimeCall::Communities(C::update_demurrage { cid, demurrage })
			},
			ProposalAction::UpdateNominalIncome { cid, nominal_income } => {
				RuntimeCall::Communities(C::update_nominal_income { cid, nominal_income })
			},
			ProposalAction::SetInactivityTimeout { timeout } => {
				RuntimeCall::Ceremonies(pallet_ceremonies::Call::set_inactivity_timeout { timeout })
			},
			ProposalAction::Petition { .. } => return None,
			ProposalAction::SpendNative { cid, to, amount } => {
				RuntimeCall::Treasuries(T::spend_native { treasury: cid, to, amount })
			},
			ProposalAction::SpendCommunityCurrency { cid, to, amount } => {
				RuntimeCall::Treasuries(T::spend_community_currency { cid, to, amount })
			},
			ProposalAction::SetIssuanceShare { cid, share } => {
				RuntimeCall::Treasuries(T::set_issuance_share { cid, share })
			},
		})
	}
}

/// How long a proposal must pass to be approved: 5 minutes as the reference's chains; 5 seconds
/// on instant-sealed dev chains, whose tests and bots cannot wait.
pub struct ConfirmationPeriod;
impl Get<Moment> for ConfirmationPeriod {
	fn get() -> Moment {
		if dev_mode::InstantSealing::<Runtime>::get() {
			5_000
		} else {
			5 * 60_000
		}
	}
}

impl pallet_community_democracy::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeOrigin = RuntimeOrigin;
	type Actions = GovernanceActions;
	type Reputations = Ceremonies;
	type Commitments = ReputationCommitments;
	type Clock = CeremonyScheduler;
	type Communities = Communities;
	type Time = Timestamp;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// 1 CVN while a proposal is open.
	type ProposalDeposit = ConstU128<UNIT>;
	type ConfirmationPeriod = ConfirmationPeriod;
	/// 20 minutes, as the reference's chains.
	type ProposalLifetime = ConstU64<{ 20 * 60_000 }>;
	/// 1 ‰, as the reference's chains.
	type MinTurnout = ConstU32<1>;
	type MaxReputationCount = ConstU32<64>;
	type MaxEnactmentQueue = ConstU32<16>;
	type WeightInfo = pallet_community_democracy::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Democracy;
}

impl pallet_personhood_faucet::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Commitments = ReputationCommitments;
	type Communities = Communities;
	type DissolveOrigin = EnsureRoot<AccountId>;
	type PalletId = FaucetPalletId;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	/// As the reference.
	type MaxNameLength = ConstU32<64>;
	type MaxWhitelist = ConstU32<64>;
	type WeightInfo = pallet_personhood_faucet::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Democracy;
}

/// A community's founders and bootstrappers change it (paying deposits) only until it has
/// people who can vote, i.e. until its first rewards; from then on its approved proposals do.
pub struct FoundersUntilBootstrapped;
impl EnsureOriginWithArg<RuntimeOrigin, CommunityIdentifier> for FoundersUntilBootstrapped {
	type Success = Option<AccountId>;

	fn try_origin(
		o: RuntimeOrigin,
		cid: &CommunityIdentifier,
	) -> Result<Self::Success, RuntimeOrigin> {
		if pallet_ceremonies::Bootstrapped::<Runtime>::contains_key(cid) {
			return Err(o);
		}
		pallet_communities::EnsureCommunityAuthority::<Runtime>::try_origin(o, cid)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(cid: &CommunityIdentifier) -> Result<RuntimeOrigin, ()> {
		pallet_communities::EnsureCommunityAuthority::<Runtime>::try_successful_origin(cid)
	}
}

/// The community origin: its founders until it is bootstrapped, then its approved proposals;
/// or Root. `Some(account)` pays the deposits.
pub type CommunityAuthority = EitherOf<
	EitherOf<FoundersUntilBootstrapped, pallet_communities::Free<EnsureCommunityVote, AccountId>>,
	pallet_communities::Free<AsEnsureOriginWithArg<EnsureRoot<AccountId>>, AccountId>,
>;

/// A community's economics (demurrage, nominal income) and purge: its approved proposal, or
/// Root.
pub type CommunityGovernor =
	EitherOf<EnsureCommunityVote, AsEnsureOriginWithArg<EnsureRoot<AccountId>>>;

/// Chain-wide ceremony settings the people decide (the inactivity timeout): a global approved
/// proposal, or Root.
pub type GlobalVoteOrRoot = EitherOf<EnsureGlobalVote, EnsureRoot<AccountId>>;
