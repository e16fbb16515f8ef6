// SPDX-License-Identifier: GPL-3.0-or-later
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code must not panic. `clippy::expect_used` is left out only because FRAME's pallet
// macros expand to `expect` calls (in metadata code) that would trip it.
#![cfg_attr(
	not(any(test, feature = "runtime-benchmarks")),
	deny(
		clippy::unwrap_used,
		clippy::panic,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use convene_primitives::{
	community::CommunityIdentifier,
	currency::CommunityInfo,
	democracy::{ProposalAccessPolicy, PurposeId, ReputationCommitments, ReputationSource},
	demurrage::Demurrage,
	fixed::U64F64,
	geo::Location,
	metadata::CommunityMetadata,
	scheduler::{CeremonyClock, CeremonyIndex, CeremonyPhase, Moment},
};
pub use origins::{EnsureCommunityVote, EnsureGlobalVote, EnsureTreasuryVote};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
mod origins;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

const LOG_TARGET: &str = "runtime::democracy";

/// How an approved action becomes a call: the runtime maps each action to the call of the
/// pallet that owns the setting (`None`: nothing to call, e.g. a petition).
pub trait ActionCall<Action, Call> {
	/// The call enacting `action`.
	fn call(action: &Action) -> Option<Call>;
}

/// What the benchmarks need from the runtime: an action whose call is the dearest to enact,
/// and a community whose people vote.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Action> {
	/// A community that exists.
	fn community() -> CommunityIdentifier;
	/// The action of `cid` whose enactment costs most, with its setup done.
	fn dearest_action(cid: CommunityIdentifier) -> Action;
	/// Make `cindex` the current ceremony.
	fn set_ceremony(cindex: CeremonyIndex);
}

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		prelude::*,
		traits::{fungible, Time},
	};

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// A proposal's action in this runtime.
	pub type ActionOf<T> = ProposalAction<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's calls, dispatched when an approved proposal is enacted.
		type RuntimeCall: Parameter
			+ Dispatchable<
				RuntimeOrigin = <Self as Config>::RuntimeOrigin,
				PostInfo = PostDispatchInfo,
			> + GetDispatchInfo;

		/// The runtime's origins, which include this pallet's.
		type RuntimeOrigin: From<Origin>;

		/// Maps approved actions to the calls that enact them.
		type Actions: ActionCall<ActionOf<Self>, <Self as Config>::RuntimeCall>;

		/// The reputations that vote (the ceremonies pallet).
		type Reputations: ReputationSource<Self::AccountId>;

		/// Where votes spend attendances, once per proposal.
		type Commitments: ReputationCommitments<Self::AccountId, Error = DispatchError>;

		/// The ceremony clock (the scheduler pallet).
		type Clock: CeremonyClock;

		/// The communities: whether one exists.
		type Communities: CommunityInfo;

		/// Chain time in milliseconds since the Unix epoch.
		type Time: Time<Moment = Moment>;

		/// The native token, in which deposits are held.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit held while a proposal is open, in the native token's smallest unit.
		#[pallet::constant]
		type ProposalDeposit: Get<BalanceOf<Self>>;

		/// How long a proposal must pass without a break to be approved (ms).
		#[pallet::constant]
		type ConfirmationPeriod: Get<Moment>;

		/// How long a proposal is open for votes, unless it is confirming (ms).
		#[pallet::constant]
		type ProposalLifetime: Get<Moment>;

		/// The least turnout a proposal needs, per mille of its electorate.
		#[pallet::constant]
		type MinTurnout: Get<u32>;

		/// The most reputations one vote carries.
		#[pallet::constant]
		type MaxReputationCount: Get<u32>;

		/// The most approved proposals waiting to be enacted (all enacted at one phase change,
		/// so this bounds its work).
		#[pallet::constant]
		type MaxEnactmentQueue: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<ActionOf<Self>>;
	}

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The origins of approved proposals: a community's people, or everybody.
	#[pallet::origin]
	pub type Origin = VoteOrigin;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an open proposal.
		ProposalDeposit,
	}

	/// The proposals, by id.
	// Twox64Concat: the pallet allocates the ids.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageMap<_, Twox64Concat, ProposalId, Proposal<T>>;

	/// Each proposal's votes.
	// Twox64Concat: the pallet allocates the ids.
	#[pallet::storage]
	pub type Tallies<T> = StorageMap<_, Twox64Concat, ProposalId, Tally, ValueQuery>;

	/// The id the next proposal gets.
	#[pallet::storage]
	pub type NextProposalId<T> = StorageValue<_, ProposalId, ValueQuery>;

	/// Approved proposals waiting to be enacted, in order of approval.
	#[pallet::storage]
	pub type EnactmentQueue<T: Config> =
		StorageValue<_, BoundedVec<ProposalId, T::MaxEnactmentQueue>, ValueQuery>;

	/// The latest approved proposal of each kind of setting: earlier ones of the kind are
	/// superseded.
	// Blake2_128Concat: keys name communities, which their founders choose.
	#[pallet::storage]
	pub type LatestApproved<T> = StorageMap<_, Blake2_128Concat, ActionKey, (ProposalId, Moment)>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A proposal was submitted.
		ProposalSubmitted {
			/// Its id.
			id: ProposalId,
			/// Who submitted it.
			proposer: T::AccountId,
			/// Who votes on it.
			policy: ProposalAccessPolicy,
			/// How many attendances may vote.
			electorate: u64,
		},
		/// A vote was placed.
		VotePlaced {
			/// The proposal.
			id: ProposalId,
			/// Who voted.
			who: T::AccountId,
			/// How.
			vote: Vote,
			/// How many attendances it carried.
			weight: u64,
		},
		/// A proposal's state changed.
		ProposalStateUpdated {
			/// The proposal.
			id: ProposalId,
			/// Its new state.
			state: ProposalState<Moment>,
		},
		/// An approved proposal was enacted.
		ProposalEnacted {
			/// The proposal.
			id: ProposalId,
		},
		/// An approved proposal's enactment failed: the setting is unchanged.
		EnactmentFailed {
			/// The proposal.
			id: ProposalId,
			/// Why.
			error: DispatchError,
		},
		/// A proposal's deposit went back to its proposer.
		DepositReleased {
			/// The proposal.
			id: ProposalId,
			/// Who gets it back.
			proposer: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no such proposal.
		ProposalNotFound,
		/// The proposal takes no more votes.
		ProposalClosed,
		/// There is no such community.
		CommunityNotFound,
		/// No attendance may vote on the proposal yet (the chain or the community is too young,
		/// or the proposal would outlive every attendance).
		NoElectorate,
		/// None of the reputations given counts: outside the voting window, of another
		/// community, not verified, or spent on this proposal already.
		NoValidReputation,
		/// Every proposal id is taken.
		ProposalIdsExhausted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxEnactmentQueue::get() >= 1, "MaxEnactmentQueue must be at least 1");
			assert!(T::MaxReputationCount::get() >= 1, "MaxReputationCount must be at least 1");
			assert!(T::MinTurnout::get() <= 1000, "MinTurnout is per mille");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Submit a proposal.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// The electorate is fixed now: every verified attendance, of the action's community (or
		/// of all communities for a global one), of the ceremonies in the voting window. Holds
		/// `ProposalDeposit` until the proposal is decided. Fails with `CommunityNotFound` or
		/// `NoElectorate`. Emits `ProposalSubmitted`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::submit_proposal().saturating_add(
			// The electorate: a count for each ceremony of the voting window.
			T::DbWeight::get().reads(T::Reputations::reputation_lifetime().into())
		))]
		pub fn submit_proposal(origin: OriginFor<T>, action: ActionOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit(who, action).map(|_| ())
		}

		/// Vote on a proposal with one's attendances.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// Each reputation `(cid, cindex)` counts once if it is the caller's verified attendance
		/// in the proposal's voting window, of its community for a community's proposal, not yet
		/// spent on this proposal; the others are skipped. Fails with `ProposalNotFound`,
		/// `ProposalClosed` or `NoValidReputation`. Updates the state (see
		/// [`Pallet::update_proposal_state`]). Emits `VotePlaced`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::vote(reputations.len() as u32)
			.saturating_add(<T as Config>::WeightInfo::update_proposal_state()))]
		pub fn vote(
			origin: OriginFor<T>,
			id: ProposalId,
			vote: Vote,
			reputations: BoundedVec<(CommunityIdentifier, CeremonyIndex), T::MaxReputationCount>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, id, vote, reputations)
		}

		/// Bring a proposal's state up to date.
		///
		/// ## Dispatch Origin
		/// Signed: anyone.
		///
		/// ## Details
		/// Ongoing → Confirming when it passes; Confirming → Ongoing when it no longer does, →
		/// Approved (queued for enactment) after passing for `ConfirmationPeriod`; → Rejected
		/// after `ProposalLifetime` unless confirming; → SupersededBy when a later proposal of
		/// the same kind was approved. Fails with `ProposalNotFound`. Emits
		/// `ProposalStateUpdated` when it changes.
		#[pallet::call_index(2)]
		pub fn update_proposal_state(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_update(id).map(|_| ())
		}
	}
}

/// The origin of an approved proposal.
#[derive(
	Clone,
	Copy,
	Debug,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	PartialEq,
	scale_info::TypeInfo,
)]
pub enum VoteOrigin {
	/// A community's people approved it.
	Community(CommunityIdentifier),
	/// Everybody approved it (a global proposal).
	Global,
}
