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
	currency::CommunityInfo,
	democracy::{PurposeId, ReputationCommitments, ReputationSource},
	scheduler::{CeremonyClock, CeremonyIndex},
};
pub use impls::FaucetsPage;
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

/// What the benchmarks need from the runtime: a community, and verified attendances in it.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A community that exists.
	fn community() -> CommunityIdentifier;
	/// Make `who`'s attendance of the current ceremony of `cid` verified; returns the ceremony.
	fn attended(who: &AccountId, cid: CommunityIdentifier) -> CeremonyIndex;
}

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{prelude::*, traits::fungible};
	use pallet_communities::Deposit;

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// A faucet's name.
	pub type FaucetName<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;

	/// The communities whose attendances may draw (`None`: every community's).
	pub type Whitelist<T> = BoundedVec<CommunityIdentifier, <T as Config>::MaxWhitelist>;

	/// A faucet.
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
	pub struct FaucetInfo<T: Config> {
		/// Its name.
		pub name: FaucetName<T>,
		/// The purpose its drips spend attendances on.
		pub purpose: PurposeId,
		/// The communities whose attendances may draw (`None`: all).
		pub whitelist: Option<Whitelist<T>>,
		/// What one drip pays.
		pub drip_amount: BalanceOf<T>,
		/// Who created it, with the deposit held.
		pub deposit: Deposit<T::AccountId, BalanceOf<T>>,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: faucets pay it, and deposits are held in it.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where drips spend attendances, once per faucet.
		type Commitments: ReputationCommitments<Self::AccountId, Error = DispatchError>;

		/// The communities: whether one exists.
		type Communities: CommunityInfo;

		/// Who may dissolve any faucet (Root).
		type DissolveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Faucets' accounts are sub-accounts of this.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The deposit for a faucet, in the native token's smallest unit.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for each byte of a faucet, in the native token's smallest unit.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The longest name of a faucet, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The most communities on a whitelist.
		#[pallet::constant]
		type MaxWhitelist: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a faucet's record.
		FaucetDeposit,
	}

	/// The faucets, by account.
	// Blake2_128Concat: faucet accounts derive from names users choose.
	#[pallet::storage]
	pub type Faucets<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, FaucetInfo<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A faucet was created and filled.
		FaucetCreated {
			/// Its account.
			faucet: T::AccountId,
			/// Who created it.
			creator: T::AccountId,
			/// Its name.
			name: FaucetName<T>,
			/// What it was filled with.
			amount: BalanceOf<T>,
			/// What one drip pays.
			drip_amount: BalanceOf<T>,
			/// The communities whose attendances may draw (`None`: all).
			whitelist: Option<Whitelist<T>>,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A person drew a drip.
		Dripped {
			/// The faucet.
			faucet: T::AccountId,
			/// Who drew.
			to: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// The creator closed a faucet.
		FaucetClosed {
			/// The faucet.
			faucet: T::AccountId,
			/// What was left, returned to the creator.
			remainder: BalanceOf<T>,
		},
		/// Governance dissolved a faucet.
		FaucetDissolved {
			/// The faucet.
			faucet: T::AccountId,
			/// Who received what was left.
			beneficiary: T::AccountId,
			/// How much.
			remainder: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A faucet of this name exists.
		FaucetAlreadyExists,
		/// There is no such faucet.
		FaucetNotFound,
		/// A whitelisted community does not exist.
		CommunityNotFound,
		/// A community appears twice on the whitelist.
		DuplicateWhitelistEntry,
		/// The drip must be above the existential deposit.
		DripTooSmall,
		/// The faucet must be filled with at least one drip.
		AmountTooSmall,
		/// The attendance's community is not on the faucet's whitelist.
		CommunityNotWhitelisted,
		/// The faucet has less than a drip left.
		FaucetEmpty,
		/// Only the creator closes a faucet.
		NotCreator,
		/// The faucet holds two drips or more: drip them first, or ask governance to dissolve
		/// it.
		FaucetNotEmpty,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a faucet and fill it.
		///
		/// ## Dispatch Origin
		/// Signed: the creator.
		///
		/// ## Details
		/// Holds [`Pallet::faucet_deposit`], moves `amount` to the faucet's account and registers
		/// its commitment purpose. Fails with `FaucetAlreadyExists`, `CommunityNotFound`,
		/// `DuplicateWhitelistEntry`, `DripTooSmall`, `AmountTooSmall`, or the token's error.
		/// Emits `FaucetCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::create_faucet(
			whitelist.as_ref().map_or(0, |w| w.len() as u32)
		))]
		pub fn create_faucet(
			origin: OriginFor<T>,
			name: FaucetName<T>,
			amount: BalanceOf<T>,
			whitelist: Option<Whitelist<T>>,
			drip_amount: BalanceOf<T>,
		) -> DispatchResult {
			let creator = ensure_signed(origin)?;
			Self::do_create(creator, name, amount, whitelist, drip_amount).map(|_| ())
		}

		/// Draw a drip, spending an attendance.
		///
		/// ## Dispatch Origin
		/// Signed: a person with a verified attendance.
		///
		/// ## Details
		/// The caller's attendance of ceremony `cindex` of `cid` (a whitelisted community, if the
		/// faucet has a whitelist) is committed to the faucet, once. Fails with
		/// `FaucetNotFound`, `CommunityNotWhitelisted`, `FaucetEmpty`, or the commitment's error
		/// (not verified, outdated, already drawn). Emits `Dripped`.
		#[pallet::call_index(1)]
		pub fn drip(
			origin: OriginFor<T>,
			faucet: T::AccountId,
			cid: CommunityIdentifier,
			cindex: CeremonyIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_drip(who, faucet, cid, cindex)
		}

		/// Dissolve a faucet: what it holds goes to `beneficiary`.
		///
		/// ## Dispatch Origin
		/// `DissolveOrigin` (Root).
		///
		/// ## Details
		/// The deposit goes back to the creator. Fails with `FaucetNotFound`. Emits
		/// `FaucetDissolved`.
		#[pallet::call_index(2)]
		pub fn dissolve_faucet(
			origin: OriginFor<T>,
			faucet: T::AccountId,
			beneficiary: T::AccountId,
		) -> DispatchResult {
			T::DissolveOrigin::ensure_origin(origin)?;
			Self::do_dissolve(faucet, Some(beneficiary))
		}

		/// Close one's faucet once it holds less than two drips.
		///
		/// ## Dispatch Origin
		/// Signed: the creator.
		///
		/// ## Details
		/// What is left and the deposit go back to the creator. Fails with `FaucetNotFound`,
		/// `NotCreator` or `FaucetNotEmpty`. Emits `FaucetClosed`.
		#[pallet::call_index(3)]
		pub fn close_faucet(origin: OriginFor<T>, faucet: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Faucets::<T>::get(&faucet).ok_or(Error::<T>::FaucetNotFound)?;
			ensure!(info.deposit.depositor == who, Error::<T>::NotCreator);
			Self::do_dissolve(faucet, None)
		}
	}
}
