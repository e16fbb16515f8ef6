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
	community::{BenchmarkCommunity, CommunityIdentifier},
	currency::{CommunityCurrency, CommunityInfo},
	fixed::U64F64,
	scheduler::CeremonyIndex,
};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

/// A treasury: a community's (`Some(cid)`) or the global one (`None`).
pub type Treasury = Option<CommunityIdentifier>;

const LOG_TARGET: &str = "runtime::treasuries";

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		prelude::*,
		traits::{fungible, EnsureOriginWithArg},
	};

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::NativeCurrency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// What changed a treasury's funds.
	#[derive(
		Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub enum TreasuryChange<AccountId, NativeBalance> {
		/// Its share of the issuance of a ceremony's rewards.
		IssuanceShare {
			/// The ceremony.
			cindex: CeremonyIndex,
			/// How much of the community's currency.
			amount: U64F64,
		},
		/// A spend of native tokens.
		SpentNative {
			/// To whom.
			to: AccountId,
			/// How much.
			amount: NativeBalance,
		},
		/// A spend of the community's currency.
		SpentCommunityCurrency {
			/// To whom.
			to: AccountId,
			/// How much.
			amount: U64F64,
		},
	}

	/// An entry of a treasury's history: when, and what.
	#[derive(
		Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub struct HistoryEntry<AccountId, NativeBalance, BlockNumber> {
		/// The block.
		pub block: BlockNumber,
		/// The change.
		pub change: TreasuryChange<AccountId, NativeBalance>,
	}

	/// A history entry of this runtime.
	pub type HistoryEntryOf<T> =
		HistoryEntry<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token.
		type NativeCurrency: fungible::Mutate<Self::AccountId>;

		/// The community currencies.
		type CommunityCurrency: CommunityCurrency<Self::AccountId, Error = DispatchError>;

		/// The communities: whether one exists.
		type Communities: CommunityInfo;

		/// The treasuries' accounts are sub-accounts of this.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Who may spend from a treasury (Convene: the community's approved proposal, the
		/// global vote for the global treasury, or Root).
		type SpendOrigin: EnsureOriginWithArg<Self::RuntimeOrigin, Treasury>;

		/// Who may set a community's issuance share (Convene: its approved proposal, or Root).
		type ShareOrigin: EnsureOriginWithArg<Self::RuntimeOrigin, CommunityIdentifier>;

		/// The largest share of issuance a community may give its treasury.
		#[pallet::constant]
		type MaxIssuanceShare: Get<Perbill>;

		/// How many entries of each treasury's history are kept.
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up a community for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkCommunity;
	}

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The share of each ceremony's issuance a community gives its treasury (none if absent).
	// Blake2_128Concat: community identifiers are chosen by their founders.
	#[pallet::storage]
	pub type IssuanceShare<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, Perbill>;

	/// Each treasury's last `MaxHistory` fundings and spends, by sequence number.
	// Blake2_128Concat for the treasury (a community chosen by its founders); Twox64Concat for
	// the sequence number, which the pallet allocates.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Treasury, Twox64Concat, u64, HistoryEntryOf<T>>;

	/// The sequence number of each treasury's next history entry.
	#[pallet::storage]
	pub type HistoryNext<T> = StorageMap<_, Blake2_128Concat, Treasury, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A treasury paid native tokens.
		SpentNative {
			/// The treasury.
			treasury: Treasury,
			/// To whom.
			to: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A community's treasury paid its currency.
		SpentCommunityCurrency {
			/// The community.
			cid: CommunityIdentifier,
			/// To whom.
			to: T::AccountId,
			/// How much.
			amount: U64F64,
		},
		/// A community set the share of issuance its treasury receives.
		IssuanceShareSet {
			/// The community.
			cid: CommunityIdentifier,
			/// The share.
			share: Perbill,
		},
		/// A community's treasury received its share of a ceremony's rewards.
		TreasuryFunded {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony rewarded.
			cindex: CeremonyIndex,
			/// How much was issued to the treasury.
			amount: U64F64,
		},
		/// A community's treasury could not be issued its share (below the existential deposit,
		/// or the currency refused).
		TreasuryFundingFailed {
			/// The community.
			cid: CommunityIdentifier,
			/// The ceremony rewarded.
			cindex: CeremonyIndex,
			/// The share that was not issued.
			amount: U64F64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no such community.
		CommunityNotFound,
		/// The share is above `MaxIssuanceShare`.
		ShareTooHigh,
		/// A spend of nothing.
		ZeroAmount,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxHistory::get() >= 1, "MaxHistory must be at least 1");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Pay native tokens from a treasury.
		///
		/// ## Dispatch Origin
		/// `SpendOrigin` of `treasury` (`None`: the global treasury).
		///
		/// ## Details
		/// The treasury keeps at least the existential deposit. Fails with
		/// `CommunityNotFound`, `ZeroAmount`, or the token's error if the treasury has too little.
		/// Emits `SpentNative`.
		#[pallet::call_index(0)]
		pub fn spend_native(
			origin: OriginFor<T>,
			treasury: Treasury,
			to: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::SpendOrigin::ensure_origin(origin, &treasury)?;
			Self::do_spend_native(treasury, to, amount)
		}

		/// Pay a community's currency from its treasury.
		///
		/// ## Dispatch Origin
		/// `SpendOrigin` of `Some(cid)`.
		///
		/// ## Details
		/// Fails with `CommunityNotFound`, `ZeroAmount`, or the currency's error if the treasury
		/// has too little. Emits `SpentCommunityCurrency`.
		#[pallet::call_index(1)]
		pub fn spend_community_currency(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			to: T::AccountId,
			amount: U64F64,
		) -> DispatchResult {
			T::SpendOrigin::ensure_origin(origin, &Some(cid))?;
			Self::do_spend_community_currency(cid, to, amount)
		}

		/// Set the share of each ceremony's issuance a community gives its treasury.
		///
		/// ## Dispatch Origin
		/// `ShareOrigin` of `cid`.
		///
		/// ## Details
		/// At most `MaxIssuanceShare`; applies to rewards issued from now on. Fails with
		/// `CommunityNotFound` or `ShareTooHigh`. Emits `IssuanceShareSet`.
		#[pallet::call_index(2)]
		pub fn set_issuance_share(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			share: Perbill,
		) -> DispatchResult {
			T::ShareOrigin::ensure_origin(origin, &cid)?;
			Self::do_set_issuance_share(cid, share)
		}
	}
}
