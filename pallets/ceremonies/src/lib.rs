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
	assignment::{Assignment, ParticipantClass, PerClass},
	ceremony::{proof_of_attendance_payload, Reputation},
	community::{CommunityDirectory, CommunityIdentifier},
	currency::CommunityCurrency,
	democracy::ReputationSource,
	meetup::{ExclusionReason, MeetupValidationError},
	scheduler::{CeremonyClock, CeremonyIndex, CeremonyPhase, Moment},
};
pub use pallet::*;
pub use pallet_communities::PurgeCommunity;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod meetups;
pub mod migrations;
#[cfg(test)]
mod mock;
mod purge;
mod queries;
mod registration;
mod rewards;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

const LOG_TARGET: &str = "runtime::ceremonies";

/// A community ceremony: a community and a ceremony index.
pub type CommunityCeremony = (CommunityIdentifier, CeremonyIndex);

/// What other pallets do when a meetup's rewards were issued (the treasuries take their share
/// of the issuance).
pub trait OnRewardsIssued {
	/// `total` of `cid`'s currency was issued as rewards of ceremony `cindex`. Returns the
	/// weight used, at most [`OnRewardsIssued::max_weight`].
	fn on_rewards_issued(
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		total: convene_primitives::fixed::U64F64,
	) -> frame::prelude::Weight;

	/// The most [`OnRewardsIssued::on_rewards_issued`] uses.
	fn max_weight() -> frame::prelude::Weight;
}

impl OnRewardsIssued for () {
	fn on_rewards_issued(
		_: CommunityIdentifier,
		_: CeremonyIndex,
		_: convene_primitives::fixed::U64F64,
	) -> frame::prelude::Weight {
		frame::prelude::Weight::zero()
	}

	fn max_weight() -> frame::prelude::Weight {
		frame::prelude::Weight::zero()
	}
}

/// What the benchmarks need from the runtime: accounts that sign proofs of attendance.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// An account whose key can sign, distinct for each `seed`.
	fn signer(seed: u32) -> AccountId;
	/// `signer`'s signature over `payload`.
	fn sign(signer: &AccountId, payload: &[u8]) -> Signature;
}

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		prelude::*,
		traits::{IdentifyAccount, Randomness, Verify},
	};

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The ceremony clock: the current ceremony, its phase and schedule (the scheduler
		/// pallet).
		type Clock: CeremonyClock;

		/// The communities: whether one exists, its bootstrappers, locations and income (the
		/// communities pallet).
		type Communities: CommunityDirectory<Self::AccountId>;

		/// Purges a community found inactive (the communities pallet, which runs every pallet's
		/// purge hook).
		type Purge: PurgeCommunity;

		/// Community currencies: rewards are issued in them.
		type Currency: CommunityCurrency<Self::AccountId, Error = DispatchError>;

		/// The randomness meetups are assigned with, drawn when Assigning begins.
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;

		/// Who may change the ceremony parameters and purge ceremonies (Root).
		type CeremonyMaster: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who may set the inactivity timeout (Convene: a global vote of the people, or Root).
		type InactivityTimeoutOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What happens when a meetup's rewards were issued (the treasuries' share).
		type OnRewardsIssued: OnRewardsIssued;

		/// What attendees sign proofs of attendance with.
		type Signature: Verify<Signer = Self::Signer> + Parameter + DecodeWithMemTracking;

		/// The signer of [`Config::Signature`], identifying an account.
		type Signer: IdentifyAccount<AccountId = Self::AccountId>;

		/// The most people in one meetup (12).
		#[pallet::constant]
		type MaxMeetupSize: Get<u32>;

		/// The fewest people in one meetup (3).
		#[pallet::constant]
		type MinMeetupSize: Get<u32>;

		/// Newcomers are at most `⌊experienced / NewcomerDivider⌋` of a ceremony (3: at least 3/4
		/// of the attendees attended before).
		#[pallet::constant]
		type NewcomerDivider: Get<u32>;

		/// The most registrants of one class in one community ceremony.
		#[pallet::constant]
		type MaxRegistrySize: Get<u32>;

		/// The longest reputation lifetime governance may set, in ceremonies (bounds the history
		/// kept, and the work of queueing a purged community's ceremonies).
		#[pallet::constant]
		type MaxReputationLifetime: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Signs proofs of attendance for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// The storage layout's version: 1 added [`GlobalReputationCounts`].
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Who is registered for a community ceremony, in which class and at which registry index.
	#[pallet::storage]
	pub type Registrations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityCeremony,
		Blake2_128Concat,
		T::AccountId,
		Registration<T::AccountId>,
	>;

	/// Each class's registry of a community ceremony: dense indices `0..count`.
	#[pallet::storage]
	pub type Registry<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, CommunityCeremony>,
			NMapKey<Twox64Concat, ParticipantClass>,
			NMapKey<Twox64Concat, u32>,
		),
		T::AccountId,
	>;

	/// How many are registered per class, by ceremony and community. A key exists for every
	/// community ceremony that has (or had) registrations, so old ceremonies can be found.
	#[pallet::storage]
	pub type RegistryCounts<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		CeremonyIndex,
		Blake2_128Concat,
		CommunityIdentifier,
		PerClass,
		ValueQuery,
	>;

	/// The randomness a ceremony's meetups are assigned with, drawn when its Assigning begins.
	#[pallet::storage]
	pub type CeremonySeeds<T> = StorageMap<_, Twox64Concat, CeremonyIndex, [u8; 32]>;

	/// A community ceremony's assignment, stored by the first attestation (its members and
	/// locations are computed from it when read).
	#[pallet::storage]
	pub type Assignments<T> = StorageMap<_, Blake2_128Concat, CommunityCeremony, Assignment>;

	/// Each participant's head-count vote and attestations.
	#[pallet::storage]
	pub type Attestations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityCeremony,
		Blake2_128Concat,
		T::AccountId,
		Attestation<T::MaxMeetupSize>,
	>;

	/// The worth of an account's attendance, by account, community and ceremony.
	#[pallet::storage]
	pub type Reputations<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, CommunityIdentifier>,
			NMapKey<Twox64Concat, CeremonyIndex>,
		),
		Reputation,
	>;

	/// Each account's latest verified (rewarded) attendance of each community: whether it may
	/// endorse as a reputable, in one read.
	#[pallet::storage]
	pub type LatestAttendance<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		CeremonyIndex,
	>;

	/// How many attendances of a community ceremony were verified (rewarded).
	#[pallet::storage]
	pub type ReputationCounts<T> =
		StorageMap<_, Blake2_128Concat, CommunityCeremony, u32, ValueQuery>;

	/// How many attendances of a ceremony were verified, in every community (the sum of its
	/// [`ReputationCounts`]; a purged community's are taken off, not the whole count).
	#[pallet::storage]
	pub type GlobalReputationCounts<T> =
		StorageMap<_, Twox64Concat, CeremonyIndex, u32, ValueQuery>;

	/// Endorsed newcomers of each community and the ceremony they were endorsed for. An
	/// endorsement is good for that ceremony and `ReputationLifetime` more, and is used up by
	/// registering with it.
	#[pallet::storage]
	pub type Endorsements<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		CeremonyIndex,
	>;

	/// Endorsement tickets each bootstrapper has used in a community (a budget for all time).
	#[pallet::storage]
	pub type BootstrapperTicketsUsed<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Endorsement tickets each reputable has used for a community ceremony (a budget per
	/// ceremony).
	#[pallet::storage]
	pub type ReputableTicketsUsed<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityCeremony,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Whose attendance seats which reputable in a community ceremony: the attendee, and the
	/// account it seats. One person seats one reputable per ceremony, whichever attendance of
	/// theirs is used.
	#[pallet::storage]
	pub type SeatsGiven<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityCeremony,
		Blake2_128Concat,
		T::AccountId,
		T::AccountId,
	>;

	/// The outcome of each evaluated meetup.
	#[pallet::storage]
	pub type MeetupResults<T> =
		StorageDoubleMap<_, Blake2_128Concat, CommunityCeremony, Twox64Concat, u32, MeetupResult>;

	/// The first ceremony in which a community issued rewards; until then only its
	/// bootstrappers may register.
	#[pallet::storage]
	pub type Bootstrapped<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, CeremonyIndex>;

	/// Community ceremonies of purged communities, to be removed in `on_idle`.
	#[pallet::storage]
	pub type PurgeQueue<T> = StorageMap<_, Blake2_128Concat, CommunityCeremony, ()>;

	/// Purged communities whose endorsements and tickets are still to be removed in `on_idle`.
	#[pallet::storage]
	pub type PurgingCommunities<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, ()>;

	/// Ceremonies before this one are history, removed in `on_idle`.
	#[pallet::storage]
	pub type PurgeBefore<T> = StorageValue<_, CeremonyIndex, ValueQuery>;

	/// The oldest ceremony that may still have records.
	#[pallet::storage]
	pub type HistoryStart<T> = StorageValue<_, CeremonyIndex, ValueQuery>;

	/// The latest ceremony in which each community had a meetup evaluated (or, for a community
	/// without any, the ceremony before its activity was first checked).
	#[pallet::storage]
	pub type LastActive<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, CeremonyIndex>;

	/// A community none of whose meetups was evaluated in this many ceremonies is purged.
	#[pallet::storage]
	pub type InactivityTimeout<T> = StorageValue<_, u32, ValueQuery>;

	/// The inactivity check of every community that Assigning started, while under way.
	#[pallet::storage]
	pub type InactivitySweep<T> = StorageValue<_, purge::Sweep>;

	/// Endorsement tickets of each bootstrapper, for all time.
	#[pallet::storage]
	pub type EndorsementTicketsPerBootstrapper<T> = StorageValue<_, u32, ValueQuery>;

	/// Endorsement tickets of each reputable, per ceremony.
	#[pallet::storage]
	pub type EndorsementTicketsPerReputable<T> = StorageValue<_, u32, ValueQuery>;

	/// For how many ceremonies after it an attendance counts (proofs, endorsements, history).
	#[pallet::storage]
	pub type ReputationLifetime<T> = StorageValue<_, u32, ValueQuery>;

	/// Meetups take place this many milliseconds after local solar noon (±8 h).
	#[pallet::storage]
	pub type MeetupTimeOffset<T> = StorageValue<_, i64, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Endorsement tickets of each bootstrapper, for all time.
		pub endorsement_tickets_per_bootstrapper: u32,
		/// Endorsement tickets of each reputable, per ceremony.
		pub endorsement_tickets_per_reputable: u32,
		/// For how many ceremonies after it an attendance counts (at least 1).
		pub reputation_lifetime: u32,
		/// Meetups take place this many milliseconds after local solar noon (±8 h).
		pub meetup_time_offset: i64,
		/// A community none of whose meetups was evaluated in this many ceremonies is purged
		/// (at least 1).
		pub inactivity_timeout: u32,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// 5 endorsement tickets each, a reputation lifetime of 1, no meetup time offset, an
		/// inactivity timeout of 10 ceremonies.
		fn default() -> Self {
			Self {
				endorsement_tickets_per_bootstrapper: 5,
				endorsement_tickets_per_reputable: 5,
				reputation_lifetime: 1,
				meetup_time_offset: 0,
				inactivity_timeout: 10,
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				(1..=T::MaxReputationLifetime::get()).contains(&self.reputation_lifetime),
				"reputation_lifetime must be 1 to MaxReputationLifetime"
			);
			assert!(
				self.meetup_time_offset.unsigned_abs()
					<= convene_primitives::meetup::MAX_MEETUP_TIME_OFFSET.unsigned_abs(),
				"meetup_time_offset must be within ±8 h"
			);
			assert!(self.inactivity_timeout >= 1, "inactivity_timeout must be at least 1");
			EndorsementTicketsPerBootstrapper::<T>::put(self.endorsement_tickets_per_bootstrapper);
			InactivityTimeout::<T>::put(self.inactivity_timeout);
			EndorsementTicketsPerReputable::<T>::put(self.endorsement_tickets_per_reputable);
			ReputationLifetime::<T>::put(self.reputation_lifetime);
			MeetupTimeOffset::<T>::put(self.meetup_time_offset);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` registered for ceremony `cindex` of `cid` as `class`.
		ParticipantRegistered {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// The class registered in.
			class: ParticipantClass,
			/// Who.
			who: T::AccountId,
		},
		/// `who` withdrew from ceremony `cindex` of `cid`; a proof or endorsement used to register
		/// is good again.
		ParticipantUnregistered {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// Who.
			who: T::AccountId,
		},
		/// `endorser` endorsed `newcomer` in `cid`, from ceremony `cindex` on.
		NewcomerEndorsed {
			/// The community.
			cid: CommunityIdentifier,
			/// The first ceremony the endorsement is good for.
			cindex: CeremonyIndex,
			/// Who endorsed.
			endorser: T::AccountId,
			/// Who was endorsed.
			newcomer: T::AccountId,
		},
		/// The randomness of ceremony `cindex`'s meetups was drawn.
		CeremonySeedDrawn {
			/// The ceremony.
			cindex: CeremonyIndex,
		},
		/// `who` voted `vote` people present at meetup `meetup` and attested `attested` of them.
		AttestationsRegistered {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// The meetup (1-based).
			meetup: u32,
			/// Who.
			who: T::AccountId,
			/// The head count voted.
			vote: u32,
			/// How many others were attested.
			attested: u32,
		},
		/// A meetup was evaluated: `rewarded` of its participants received the nominal income.
		RewardsIssued {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// The meetup (1-based).
			meetup: u32,
			/// How many were rewarded.
			rewarded: u32,
		},
		/// A meetup could not be evaluated: nobody is rewarded.
		MeetupFailed {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// The meetup (1-based).
			meetup: u32,
			/// Why.
			reason: MeetupValidationError,
		},
		/// `who`, a participant of an evaluated meetup, is not rewarded.
		NoReward {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
			/// The meetup (1-based).
			meetup: u32,
			/// Who.
			who: T::AccountId,
			/// Why.
			reason: ExclusionReason,
		},
		/// Everything of ceremony `cindex` is gone.
		CeremonyPurged {
			/// The ceremony.
			cindex: CeremonyIndex,
		},
		/// Everything of ceremony `cindex` of `cid` is gone.
		CommunityCeremonyPurged {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony.
			cindex: CeremonyIndex,
		},
		/// A purged community's endorsements and tickets are gone.
		CommunityHistoryPurged {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// `cid`'s activity is tracked from ceremony `cindex` on.
		ActivityTracked {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony it counts as active in.
			cindex: CeremonyIndex,
		},
		/// `cid` had no meetup evaluated in `idle` ceremonies and is purged.
		CommunityInactive {
			/// The community.
			cid: CommunityIdentifier,
			/// Ceremonies without an evaluated meetup.
			idle: u32,
		},
		/// The inactivity timeout was set.
		InactivityTimeoutSet {
			/// Ceremonies.
			timeout: u32,
		},
		/// Bootstrappers' endorsement tickets were set.
		EndorsementTicketsPerBootstrapperSet {
			/// Tickets, for all time.
			tickets: u32,
		},
		/// Reputables' endorsement tickets were set.
		EndorsementTicketsPerReputableSet {
			/// Tickets, per ceremony.
			tickets: u32,
		},
		/// The reputation lifetime was set.
		ReputationLifetimeSet {
			/// Ceremonies.
			lifetime: u32,
		},
		/// The meetup time offset was set.
		MeetupTimeOffsetSet {
			/// Milliseconds after local solar noon.
			offset: i64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Registration and endorsement are closed while meetups are assigned.
		RegisteringOrAttestingPhaseRequired,
		/// Attestations are made only in the Attesting phase.
		AttestingPhaseRequired,
		/// Rewards are claimed in the Attesting phase (early) or the next Registering phase.
		WrongPhaseForClaimingRewards,
		/// The meetup time offset changes only while registering.
		WrongPhaseForChangingMeetupTimeOffset,
		/// There is no such community.
		CommunityNotFound,
		/// The account is already registered for this ceremony.
		AlreadyRegistered,
		/// The account is not registered for this ceremony.
		NotRegistered,
		/// Until the community's first rewards, only its bootstrappers may register.
		OnlyBootstrappers,
		/// A class registry is full (`MaxRegistrySize`).
		RegistryOverflow,
		/// The proof names another account as its prover.
		WrongProofSubject,
		/// The proof is of another community.
		ProofOfOtherCommunity,
		/// The proof is of this ceremony or a later one.
		ProofAcausal,
		/// The proof is older than the reputation lifetime.
		ProofOutdated,
		/// The attendance was not rewarded, or was already used (an attendance seats one
		/// reputable, once); prove a later attendance.
		AttendanceUnverifiedOrAlreadyUsed,
		/// The attendee's attendances already seat a reputable in this ceremony: one person
		/// seats one account per ceremony.
		AttendeeAlreadySeatsOne,
		/// A bootstrapper's attendance can only be used by the bootstrapper.
		BootstrapperReputationIsUntransferable,
		/// The attendee's signature does not match the proof.
		BadProofOfAttendanceSignature,
		/// Only newbies upgrade their registration.
		MustBeNewbieToUpgrade,
		/// The newcomer is endorsed already.
		AlreadyEndorsed,
		/// The endorser has no endorsement tickets left.
		NoMoreNewbieTickets,
		/// The participant is not assigned to a meetup of this ceremony.
		NotAssigned,
		/// None of the attested accounts is another member of the meetup.
		NoValidAttestations,
		/// The head count is 0 or larger than the meetup.
		InvalidVote,
		/// There is no such meetup.
		InvalidMeetupIndex,
		/// The meetup was evaluated already.
		RewardsAlreadyIssued,
		/// The votes do not settle the head count (so far).
		VotesNotDependable,
		/// Early rewards need a unanimous vote, more than half present and everyone present
		/// attesting everyone else.
		EarlyRewardsNotPossible,
		/// The reputation lifetime must be 1 to `MaxReputationLifetime`.
		InvalidReputationLifetime,
		/// The meetup time offset must be within ±8 h.
		InvalidMeetupTimeOffset,
		/// The inactivity timeout must be at least 1.
		InvalidInactivityTimeout,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let purged = Self::purge_step(remaining);
			purged.saturating_add(Self::inactivity_step(remaining.saturating_sub(purged)))
		}

		fn integrity_test() {
			assert!(
				convene_primitives::assignment::MeetupRules {
					max_size: T::MaxMeetupSize::get(),
					min_size: T::MinMeetupSize::get(),
					newcomer_divider: T::NewcomerDivider::get(),
				}
				.is_valid(),
				"meetup rules must have min ≥ 1, max ≥ 2·min − 1 and a divider ≥ 1"
			);
			assert!(T::MaxMeetupSize::get() <= 255, "meetup members are stored as u8 indices");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register for the next meetup of community `cid`.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// While registering (for this ceremony) or attesting (for the next). The class is, first
		/// match: bootstrapper of `cid` (a proof is not needed, so not used); until the community's first rewards nobody else
		/// (`OnlyBootstrappers`); reputable with a `proof` of an attendance of `cid` within the
		/// reputation lifetime, signed by the attendee over
		/// [`proof_of_attendance_payload`]; endorsee when endorsed (the endorsement is used up);
		/// newbie. Weighed for a full registry; charged for the registry's actual size (the cost
		/// does not grow with it: the benchmark measures it). Emits `ParticipantRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_participant(T::MaxRegistrySize::get()))]
		pub fn register_participant(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			proof: Option<ProofOfAttendance<T::Signature, T::AccountId>>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let registry_size = Self::do_register(cid, who, proof)?;
			Ok(Some(<T as Config>::WeightInfo::register_participant(registry_size)).into())
		}

		/// Turn a newbie registration into a reputable one with a proof of attendance.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// As [`Pallet::register_participant`] with a proof; the caller must be registered as a
		/// newbie for the same ceremony. Emits `ParticipantUnregistered` and
		/// `ParticipantRegistered`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::upgrade_registration())]
		pub fn upgrade_registration(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			proof: ProofOfAttendance<T::Signature, T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_upgrade(cid, who, proof)
		}

		/// Withdraw a registration.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// While the registration can still change (registering for this ceremony, attesting for
		/// the next). A proof or endorsement used to register is good again. Emits
		/// `ParticipantUnregistered`.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::unregister_participant())]
		pub fn unregister_participant(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister(cid, who)
		}

		/// Vouch for a newcomer.
		///
		/// ## Dispatch Origin
		/// Signed: a reputable of `cid` (tickets per ceremony) or a bootstrapper (tickets for
		/// all time).
		///
		/// ## Details
		/// The endorsement is for the ceremony registrations go to (the next one while assigning
		/// or attesting) and the reputation lifetime after it. A newcomer registered as a newbie
		/// becomes an endorsee. Emits `NewcomerEndorsed`.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::endorse_newcomer())]
		pub fn endorse_newcomer(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			newcomer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_endorse(cid, who, newcomer)
		}

		/// Vote on how many people are at your meetup and attest the ones you met.
		///
		/// ## Dispatch Origin
		/// Signed: a participant assigned to a meetup of this ceremony.
		///
		/// ## Details
		/// Only while attesting. `vote` is the head count (1 to the meetup's size). Accounts that
		/// are not other members of the meetup are ignored, and so are repeats. Calling again
		/// replaces the earlier vote and attestations. Weighed for a full meetup; the actual size
		/// is charged. Emits `AttestationsRegistered`.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::attest_attendees(T::MaxMeetupSize::get()))]
		pub fn attest_attendees(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			vote: u32,
			attestees: BoundedVec<T::AccountId, T::MaxMeetupSize>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let size = Self::do_attest(cid, who, vote, attestees)?;
			Ok(Some(<T as Config>::WeightInfo::attest_attendees(size)).into())
		}

		/// Evaluate a meetup and pay its legitimate participants the nominal income.
		///
		/// ## Dispatch Origin
		/// Signed: anyone (`meetup` given) or a participant (their own meetup).
		///
		/// ## Details
		/// While attesting, only when early rewards are possible; in the next registering phase,
		/// always: a meetup whose votes settle nothing is then recorded as failed. Rewarded
		/// participants gain a verified reputation. Free when it succeeds (weighed for a full
		/// meetup; the actual size is accounted). Emits
		/// `RewardsIssued` and `NoReward`, or `MeetupFailed`.
		#[pallet::call_index(5)]
		#[pallet::weight(
			<T as Config>::WeightInfo::claim_rewards(T::MaxMeetupSize::get())
				.saturating_add(T::OnRewardsIssued::max_weight())
		)]
		pub fn claim_rewards(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			meetup: Option<u32>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (size, hook) = Self::do_claim_rewards(cid, who, meetup)?;
			Ok(PostDispatchInfo {
				actual_weight: Some(
					<T as Config>::WeightInfo::claim_rewards(size).saturating_add(hook),
				),
				pays_fee: Pays::No,
			})
		}

		/// Set bootstrappers' endorsement tickets (for all time).
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster`. Emits `EndorsementTicketsPerBootstrapperSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_endorsement_tickets_per_bootstrapper(
			origin: OriginFor<T>,
			tickets: u32,
		) -> DispatchResult {
			<T as Config>::CeremonyMaster::ensure_origin(origin)?;
			EndorsementTicketsPerBootstrapper::<T>::put(tickets);
			Self::deposit_event(Event::EndorsementTicketsPerBootstrapperSet { tickets });
			Ok(())
		}

		/// Set reputables' endorsement tickets (per ceremony).
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster`. Emits `EndorsementTicketsPerReputableSet`.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_endorsement_tickets_per_reputable(
			origin: OriginFor<T>,
			tickets: u32,
		) -> DispatchResult {
			<T as Config>::CeremonyMaster::ensure_origin(origin)?;
			EndorsementTicketsPerReputable::<T>::put(tickets);
			Self::deposit_event(Event::EndorsementTicketsPerReputableSet { tickets });
			Ok(())
		}

		/// Set for how many ceremonies an attendance counts.
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster`.
		///
		/// ## Details
		/// 1 to `MaxReputationLifetime`. Emits `ReputationLifetimeSet`.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_reputation_lifetime(origin: OriginFor<T>, lifetime: u32) -> DispatchResult {
			<T as Config>::CeremonyMaster::ensure_origin(origin)?;
			ensure!(
				(1..=T::MaxReputationLifetime::get()).contains(&lifetime),
				Error::<T>::InvalidReputationLifetime
			);
			ReputationLifetime::<T>::put(lifetime);
			Self::deposit_event(Event::ReputationLifetimeSet { lifetime });
			Ok(())
		}

		/// Shift meetup times by `offset` milliseconds from local solar noon.
		///
		/// ## Dispatch Origin
		/// `CeremonyMaster`.
		///
		/// ## Details
		/// Only while registering; within ±8 h. Emits `MeetupTimeOffsetSet`.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_meetup_time_offset(origin: OriginFor<T>, offset: i64) -> DispatchResult {
			<T as Config>::CeremonyMaster::ensure_origin(origin)?;
			ensure!(
				T::Clock::phase() == CeremonyPhase::Registering,
				Error::<T>::WrongPhaseForChangingMeetupTimeOffset
			);
			ensure!(
				offset.unsigned_abs()
					<= convene_primitives::meetup::MAX_MEETUP_TIME_OFFSET.unsigned_abs(),
				Error::<T>::InvalidMeetupTimeOffset
			);
			MeetupTimeOffset::<T>::put(offset);
			Self::deposit_event(Event::MeetupTimeOffsetSet { offset });
			Ok(())
		}

		/// Purge communities none of whose meetups was evaluated in `timeout` ceremonies.
		///
		/// ## Dispatch Origin
		/// `InactivityTimeoutOrigin` (a global vote of the people, or Root).
		///
		/// ## Details
		/// At least 1. Checked for every community, in `on_idle`, when Assigning begins. Emits
		/// `InactivityTimeoutSet`.
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::set_parameter())]
		pub fn set_inactivity_timeout(origin: OriginFor<T>, timeout: u32) -> DispatchResult {
			<T as Config>::InactivityTimeoutOrigin::ensure_origin(origin)?;
			ensure!(timeout >= 1, Error::<T>::InvalidInactivityTimeout);
			InactivityTimeout::<T>::put(timeout);
			Self::deposit_event(Event::InactivityTimeoutSet { timeout });
			Ok(())
		}
	}
}
