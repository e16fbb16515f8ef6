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
	metadata::{is_cid_v0, IpfsCid},
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

/// Identifies an offering within its business.
pub type OfferingId = u32;

/// Sets up what the benchmarks need in the runtime: a community.
#[cfg(feature = "runtime-benchmarks")]
pub use convene_primitives::community::BenchmarkCommunity as BenchmarkHelper;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{prelude::*, traits::fungible};

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The communities (a business belongs to one that exists).
		type Communities: CommunityInfo;

		/// The native token, in which deposits are held.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit for each item (a business, an offering), in the native token's smallest
		/// unit.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for each byte of an item, in the native token's smallest unit.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The most offerings a business has at once (bounds the cost of deleting it).
		#[pallet::constant]
		type MaxOfferings: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Creates a community for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a business and its offerings.
		StorageDeposit,
	}

	/// A business: where its description is, and its offerings' bookkeeping.
	#[derive(
		Clone,
		Debug,
		Decode,
		DecodeWithMemTracking,
		Default,
		Encode,
		Eq,
		MaxEncodedLen,
		PartialEq,
		TypeInfo,
	)]
	pub struct Business {
		/// IPFS id (CIDv0) of the business's description.
		pub url: IpfsCid,
		/// The id the next offering gets (the first is 1; ids are never reused).
		pub next_oid: OfferingId,
		/// How many offerings it has now.
		pub offerings: u32,
	}

	/// Businesses, by community and controlling account (one per account per community).
	#[pallet::storage]
	pub type Businesses<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		Business,
	>;

	/// Offerings (IPFS id of each description), by community, business and offering id.
	#[pallet::storage]
	pub type Offerings<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, CommunityIdentifier>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, OfferingId>,
		),
		IpfsCid,
	>;

	/// What is held on each business owner's account for its business and offerings (released
	/// as they are deleted, or when the community is purged).
	#[pallet::storage]
	pub type Deposits<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// Purged communities whose businesses `on_idle` is still removing.
	#[pallet::storage]
	pub type Purging<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A business was created.
		BusinessCreated {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
		},
		/// A business's description changed.
		BusinessUpdated {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
		},
		/// A business and all its offerings were deleted.
		BusinessDeleted {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
		},
		/// An offering was created.
		OfferingCreated {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
			/// Its id.
			oid: OfferingId,
		},
		/// An offering's description changed.
		OfferingUpdated {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
			/// Its id.
			oid: OfferingId,
		},
		/// An offering was deleted.
		OfferingDeleted {
			/// The community.
			cid: CommunityIdentifier,
			/// The controller.
			who: T::AccountId,
			/// Its id.
			oid: OfferingId,
		},
		/// A purged community's businesses are being removed.
		PurgeStarted {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// Some of a purged community's businesses were removed.
		BusinessesPurged {
			/// The community.
			cid: CommunityIdentifier,
			/// How many.
			count: u32,
		},
		/// All of a purged community's businesses are gone.
		PurgeCompleted {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// A deposit was held for a new business or offering.
		DepositHeld {
			/// The community.
			cid: CommunityIdentifier,
			/// The business owner, who paid it.
			who: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A deposit went back to its business owner (an item was deleted or purged).
		DepositReleased {
			/// The community.
			cid: CommunityIdentifier,
			/// The business owner.
			who: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No community has this identifier.
		CommunityNotFound,
		/// The community was purged and its old businesses are still being removed.
		CommunityBeingPurged,
		/// The account has a business in this community already.
		BusinessExists,
		/// The account has no business in this community.
		BusinessNotFound,
		/// The business has no such offering.
		OfferingNotFound,
		/// The business has `MaxOfferings` offerings.
		TooManyOfferings,
		/// The business has used every offering id.
		OfferingIdsExhausted,
		/// A description must be a CIDv0 IPFS id (46 base58 characters, `Qm…`).
		InvalidContentId,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::purge_step(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register the signer's business in community `cid`, described at IPFS id `url`.
		///
		/// ## Dispatch Origin
		/// Signed; the signer controls the business.
		///
		/// ## Details
		/// One business per account per community. The owner pays a deposit
		/// ([`Pallet::business_deposit`]), returned when the business is deleted or its
		/// community purged. Emits `BusinessCreated` and `DepositHeld`.
		#[pallet::call_index(0)]
		pub fn create_business(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			url: IpfsCid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_community(cid)?;
			Self::ensure_cid_v0(&url)?;
			ensure!(!Businesses::<T>::contains_key(cid, &who), Error::<T>::BusinessExists);
			Self::hold_deposit(cid, &who, Self::business_deposit())?;
			Businesses::<T>::insert(cid, &who, Business { url, next_oid: 1, offerings: 0 });
			Self::deposit_event(Event::BusinessCreated { cid, who });
			Ok(())
		}

		/// Point the signer's business at a new description.
		///
		/// ## Dispatch Origin
		/// Signed; the business's controller.
		///
		/// ## Details
		/// Emits `BusinessUpdated`.
		#[pallet::call_index(1)]
		pub fn update_business(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			url: IpfsCid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_cid_v0(&url)?;
			Businesses::<T>::try_mutate(cid, &who, |business| {
				business.as_mut().map(|b| b.url = url).ok_or(Error::<T>::BusinessNotFound)
			})?;
			Self::deposit_event(Event::BusinessUpdated { cid, who });
			Ok(())
		}

		/// Delete the signer's business and all its offerings.
		///
		/// ## Dispatch Origin
		/// Signed; the business's controller.
		///
		/// ## Details
		/// Charged for the offerings it had (at most `MaxOfferings`). Every deposit held for
		/// the business and its offerings goes back. Emits `BusinessDeleted` and
		/// `DepositReleased`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::delete_business(T::MaxOfferings::get()))]
		pub fn delete_business(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let business = Businesses::<T>::take(cid, &who).ok_or(Error::<T>::BusinessNotFound)?;
			let removed = Self::remove_offerings(cid, &who, business.offerings);
			Self::release_deposits(cid, &who);
			Self::deposit_event(Event::BusinessDeleted { cid, who });
			Ok(Some(T::WeightInfo::delete_business(removed)).into())
		}

		/// Add an offering, described at IPFS id `url`, to the signer's business.
		///
		/// ## Dispatch Origin
		/// Signed; the business's controller.
		///
		/// ## Details
		/// Offering ids count up from 1 and are never reused. The owner pays a deposit
		/// ([`Pallet::offering_deposit`]). Emits `OfferingCreated` and `DepositHeld`.
		#[pallet::call_index(3)]
		pub fn create_offering(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			url: IpfsCid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_cid_v0(&url)?;
			let oid = Businesses::<T>::try_mutate(cid, &who, |business| {
				let business = business.as_mut().ok_or(Error::<T>::BusinessNotFound)?;
				ensure!(business.offerings < T::MaxOfferings::get(), Error::<T>::TooManyOfferings);
				let oid = business.next_oid;
				business.next_oid = oid.checked_add(1).ok_or(Error::<T>::OfferingIdsExhausted)?;
				business.offerings = business.offerings.saturating_add(1);
				Ok::<_, Error<T>>(oid)
			})?;
			Self::hold_deposit(cid, &who, Self::offering_deposit())?;
			Offerings::<T>::insert((cid, &who, oid), url);
			Self::deposit_event(Event::OfferingCreated { cid, who, oid });
			Ok(())
		}

		/// Point an offering at a new description.
		///
		/// ## Dispatch Origin
		/// Signed; the business's controller.
		///
		/// ## Details
		/// Emits `OfferingUpdated`.
		#[pallet::call_index(4)]
		pub fn update_offering(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			oid: OfferingId,
			url: IpfsCid,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_cid_v0(&url)?;
			ensure!(Businesses::<T>::contains_key(cid, &who), Error::<T>::BusinessNotFound);
			Offerings::<T>::try_mutate((cid, &who, oid), |offering| {
				offering.as_mut().map(|o| *o = url).ok_or(Error::<T>::OfferingNotFound)
			})?;
			Self::deposit_event(Event::OfferingUpdated { cid, who, oid });
			Ok(())
		}

		/// Delete an offering.
		///
		/// ## Dispatch Origin
		/// Signed; the business's controller.
		///
		/// ## Details
		/// The offering's deposit goes back. Emits `OfferingDeleted` and `DepositReleased`.
		#[pallet::call_index(5)]
		pub fn delete_offering(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			oid: OfferingId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Businesses::<T>::try_mutate(cid, &who, |business| {
				let business = business.as_mut().ok_or(Error::<T>::BusinessNotFound)?;
				Offerings::<T>::take((cid, &who, oid)).ok_or(Error::<T>::OfferingNotFound)?;
				business.offerings = business.offerings.saturating_sub(1);
				Ok::<_, Error<T>>(())
			})?;
			Self::release_offering_deposit(cid, &who);
			Self::deposit_event(Event::OfferingDeleted { cid, who, oid });
			Ok(())
		}
	}
}
