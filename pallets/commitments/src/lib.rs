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
	democracy::{PurposeId, ReputationCommitments, ReputationSource},
	scheduler::{CeremonyClock, CeremonyIndex},
};
pub use impls::CommitmentsPage;
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

/// A 32-byte commitment made with a reputation (e.g. the hash of a choice).
pub type Commitment = [u8; 32];

/// How many commitments (and retired purposes) one purge step clears at most.
pub const CLEAR_LIMIT: u32 = 64;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{prelude::*, traits::fungible};
	use pallet_communities::Deposit;

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// What a purpose is: its description, who paid for it, and whether it was retired.
	#[derive(
		CloneNoBound,
		DebugNoBound,
		Decode,
		DecodeWithMemTracking,
		Encode,
		EqNoBound,
		MaxEncodedLen,
		PartialEqNoBound,
		TypeInfo,
	)]
	#[scale_info(skip_type_params(T))]
	pub struct PurposeInfo<T: Config> {
		/// What the purpose is, as its owner described it.
		pub descriptor: BoundedVec<u8, T::MaxDescriptorLength>,
		/// The deposit held for it (`None`: registered by a pallet, which pays its own).
		pub deposit: Option<Deposit<T::AccountId, BalanceOf<T>>>,
		/// The ceremony in which it was retired: no commitments after it.
		pub retired: Option<CeremonyIndex>,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The reputations that are committed (the ceremonies pallet).
		type Reputations: ReputationSource<Self::AccountId>;

		/// The ceremony clock (the scheduler pallet).
		type Clock: CeremonyClock;

		/// The native token, in which deposits are held.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit for a purpose, in the native token's smallest unit.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for each byte of a purpose, in the native token's smallest unit.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The longest descriptor of a purpose, in bytes (128).
		#[pallet::constant]
		type MaxDescriptorLength: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a purpose a signed account registered.
		PurposeDeposit,
	}

	/// The purposes, by id.
	// Twox64Concat: the pallet allocates the ids.
	#[pallet::storage]
	pub type Purposes<T: Config> = StorageMap<_, Twox64Concat, PurposeId, PurposeInfo<T>>;

	/// The id the next purpose gets.
	#[pallet::storage]
	pub type NextPurposeId<T> = StorageValue<_, PurposeId, ValueQuery>;

	/// The commitments: by ceremony, community, purpose and account, with the optional
	/// commitment made.
	// Twox64Concat for the ceremony and the purpose (allocated by the chain), Blake2_128Concat
	// for the community and the account (chosen by users).
	#[pallet::storage]
	pub type Commitments<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, CeremonyIndex>,
			NMapKey<Blake2_128Concat, CommunityIdentifier>,
			NMapKey<Twox64Concat, PurposeId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		Option<Commitment>,
	>;

	/// Commitments of ceremonies before this one are gone (their attendances expired).
	#[pallet::storage]
	pub type PurgedBefore<T> = StorageValue<_, CeremonyIndex, ValueQuery>;

	/// Retired purposes, under the last ceremony they may have commitments in: removed when
	/// that ceremony's commitments are.
	// Twox64Concat: both keys are allocated by the chain.
	#[pallet::storage]
	pub type Retiring<T> =
		StorageDoubleMap<_, Twox64Concat, CeremonyIndex, Twox64Concat, PurposeId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A purpose was registered.
		PurposeRegistered {
			/// Its id.
			purpose: PurposeId,
			/// Its description.
			descriptor: BoundedVec<u8, T::MaxDescriptorLength>,
			/// Who registered it (`None`: a pallet).
			owner: Option<T::AccountId>,
			/// The deposit held for it.
			deposit: BalanceOf<T>,
		},
		/// `who` spent an attendance on `purpose`.
		ReputationCommitted {
			/// The attendance's community.
			cid: CommunityIdentifier,
			/// The attendance's ceremony.
			cindex: CeremonyIndex,
			/// The purpose.
			purpose: PurposeId,
			/// Who attended.
			who: T::AccountId,
			/// The commitment made, if any.
			commitment: Option<Commitment>,
		},
		/// A purpose takes no more commitments; it goes once they expire.
		PurposeRetired {
			/// The purpose.
			purpose: PurposeId,
			/// The last ceremony it may have commitments in.
			cindex: CeremonyIndex,
		},
		/// A retired purpose is gone, its deposit released.
		PurposeRemoved {
			/// The purpose.
			purpose: PurposeId,
			/// The deposit released to its owner.
			released: BalanceOf<T>,
		},
		/// Every commitment of an expired ceremony is gone.
		CommitmentsPurged {
			/// The ceremony.
			cindex: CeremonyIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no such purpose.
		PurposeNotFound,
		/// The purpose was retired: it takes no more commitments.
		PurposeRetired,
		/// Only the account that registered a purpose may retire it.
		NotPurposeOwner,
		/// The attendance is not a verified one of the caller's (check `reputation`).
		AttendanceNotVerified,
		/// The attendance is older than the reputation lifetime.
		AttendanceOutdated,
		/// The attendance was spent on this purpose already.
		AlreadyCommitted,
		/// Every purpose id is taken.
		PurposeIdsExhausted,
		/// The descriptor is longer than `MaxDescriptorLength`.
		DescriptorTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::purge_step(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register a purpose reputations can be committed to.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// Holds [`Pallet::purpose_deposit`] until the purpose is retired and its commitments
		/// expired. Emits `PurposeRegistered` with the new id.
		#[pallet::call_index(0)]
		pub fn register_purpose(
			origin: OriginFor<T>,
			descriptor: BoundedVec<u8, T::MaxDescriptorLength>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_purpose(descriptor, Some(who)).map(|_| ())
		}

		/// Spend an attendance on a purpose, once.
		///
		/// ## Dispatch Origin
		/// Signed: the attendee.
		///
		/// ## Details
		/// The caller's attendance of ceremony `cindex` of `cid` must be verified and within the
		/// reputation lifetime, and not yet committed to `purpose`. Fails with
		/// `PurposeNotFound`, `PurposeRetired`, `AttendanceNotVerified`, `AttendanceOutdated` or
		/// `AlreadyCommitted`. Emits `ReputationCommitted`.
		#[pallet::call_index(1)]
		pub fn commit_reputation(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			cindex: CeremonyIndex,
			purpose: PurposeId,
			commitment: Option<Commitment>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(&who, cid, cindex, purpose, commitment)
		}

		/// Stop a purpose one registered: no more commitments to it.
		///
		/// ## Dispatch Origin
		/// Signed: the purpose's owner.
		///
		/// ## Details
		/// The purpose is removed, and its deposit released, when its commitments expire with
		/// the reputation lifetime. Fails with `PurposeNotFound`, `NotPurposeOwner` or
		/// `PurposeRetired`. Emits `PurposeRetired`.
		#[pallet::call_index(2)]
		pub fn retire_purpose(origin: OriginFor<T>, purpose: PurposeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Purposes::<T>::get(purpose).ok_or(Error::<T>::PurposeNotFound)?;
			ensure!(
				info.deposit.as_ref().is_some_and(|d| d.depositor == who),
				Error::<T>::NotPurposeOwner
			);
			Self::do_retire(purpose)
		}
	}
}
