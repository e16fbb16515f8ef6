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
	community::{CommunityIdentifier, FeeAsset},
	currency::{CommunityCurrency, CommunityInfo},
	demurrage::{BalanceEntry, Demurrage},
	fixed::U64F64,
};
pub use fee::{ChargeAssetTxPayment, OnFeePaid};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod fee;
mod impls;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

/// An amount of a community currency.
pub type Balance = U64F64;

/// Sets up what the benchmarks need in the runtime: a community.
#[cfg(feature = "runtime-benchmarks")]
pub use convene_primitives::community::BenchmarkCommunity as BenchmarkHelper;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{prelude::*, traits::Time};

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The communities: whether one exists, its demurrage and nominal income.
		type Communities: CommunityInfo;

		/// Chain time in milliseconds since the Unix epoch (the timestamp pallet).
		type Time: Time<Moment = u64>;

		/// The least an account holds: a transfer or issue creating an account must bring at
		/// least this much, and an account left with less is removed (its dust is burned and
		/// taken off the total issuance).
		#[pallet::constant]
		type ExistentialDeposit: Get<Balance>;

		/// Base units of the native token per token, for the fee conversion.
		#[pallet::constant]
		type NativeUnit: Get<u128>;

		/// Who may set the fee conversion factor (Root).
		type FeeMaster: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where fees paid in a community's currency go once burned (Convene: re-issued to the
		/// community's treasury; `()`: nowhere, they stay burned).
		type OnFeePaid: OnFeePaid;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Creates a community for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Balances: the principal as of the last write, in each community, by account.
	#[pallet::storage]
	pub type Balances<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		T::AccountId,
		BalanceEntry,
	>;

	/// The sum of all balances of a community, as of its last write (it decays like them).
	#[pallet::storage]
	pub type TotalIssuance<T> =
		StorageMap<_, Blake2_128Concat, CommunityIdentifier, BalanceEntry, ValueQuery>;

	/// The price of one native token in nominal incomes, for fees paid in a community currency.
	#[pallet::storage]
	pub type FeeConversionFactor<T> = StorageValue<_, U64F64, ValueQuery>;

	/// Purged communities whose balances `on_idle` is still removing.
	#[pallet::storage]
	pub type Purging<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account was created with `amount`.
		Endowed {
			/// The community.
			cid: CommunityIdentifier,
			/// The account.
			who: T::AccountId,
			/// Its first balance.
			amount: Balance,
		},
		/// `amount` moved from `from` to `to`.
		Transferred {
			/// The community.
			cid: CommunityIdentifier,
			/// The sender.
			from: T::AccountId,
			/// The recipient.
			to: T::AccountId,
			/// The amount.
			amount: Balance,
		},
		/// New money was issued to `who`.
		Issued {
			/// The community.
			cid: CommunityIdentifier,
			/// The account.
			who: T::AccountId,
			/// The amount.
			amount: Balance,
		},
		/// Money of `who` was destroyed.
		Burned {
			/// The community.
			cid: CommunityIdentifier,
			/// The account.
			who: T::AccountId,
			/// The amount.
			amount: Balance,
		},
		/// An account fell below the existential deposit and was removed; its dust was burned.
		DustLost {
			/// The community.
			cid: CommunityIdentifier,
			/// The account.
			who: T::AccountId,
			/// The dust.
			amount: Balance,
		},
		/// `who` paid a transaction fee in the community's currency (burned, then handed to
		/// `OnFeePaid`).
		FeePaid {
			/// The community.
			cid: CommunityIdentifier,
			/// The payer.
			who: T::AccountId,
			/// The fee, after any refund.
			amount: Balance,
		},
		/// The fee conversion factor was set.
		FeeConversionFactorSet {
			/// Nominal incomes per native token.
			factor: U64F64,
		},
		/// A purged community's balances are being removed.
		PurgeStarted {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// Some of a purged community's balances were removed.
		AccountsPurged {
			/// The community.
			cid: CommunityIdentifier,
			/// How many accounts were removed.
			count: u32,
		},
		/// All of a purged community's balances are gone.
		PurgeCompleted {
			/// The community.
			cid: CommunityIdentifier,
		},
	}

	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial [`FeeConversionFactor`].
		pub fee_conversion_factor: U64F64,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			FeeConversionFactor::<T>::put(self.fee_conversion_factor);
		}
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No community has this identifier.
		CommunityNotFound,
		/// The community was purged and its old balances are still being removed.
		CommunityBeingPurged,
		/// The account holds nothing in this community.
		NoAccount,
		/// The account holds less than the amount.
		InsufficientBalance,
		/// A new account must receive at least the existential deposit.
		BelowExistentialDeposit,
		/// The amount is zero.
		ZeroAmount,
		/// The balance or the total issuance would overflow.
		Overflow,
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
		/// Send `amount` of community `cid`'s currency to `dest`.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// Both balances are brought up to date with demurrage first. A new account must
		/// receive at least the existential deposit; a sender left with less than it is removed
		/// and the dust burned (`DustLost`). Emits `Transferred` (and `Endowed` for a new
		/// account).
		#[pallet::call_index(0)]
		pub fn transfer(
			origin: OriginFor<T>,
			dest: T::AccountId,
			cid: CommunityIdentifier,
			amount: Balance,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::do_transfer(cid, &from, &dest, Some(amount)).map(|_| ())
		}

		/// Send the whole balance in community `cid` to `dest`; the sender's account is removed.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Details
		/// As `transfer` of the balance after demurrage, whatever it is at execution.
		#[pallet::call_index(1)]
		pub fn transfer_all(
			origin: OriginFor<T>,
			dest: T::AccountId,
			cid: CommunityIdentifier,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::do_transfer(cid, &from, &dest, None).map(|_| ())
		}

		/// Set the price of one native token in nominal incomes, for fees paid in community
		/// currencies.
		///
		/// ## Dispatch Origin
		/// `FeeMaster`.
		///
		/// ## Details
		/// With factor 1, a fee of one native token costs one nominal income of the community.
		/// Emits `FeeConversionFactorSet`.
		#[pallet::call_index(2)]
		pub fn set_fee_conversion_factor(origin: OriginFor<T>, factor: U64F64) -> DispatchResult {
			T::FeeMaster::ensure_origin(origin)?;
			FeeConversionFactor::<T>::put(factor);
			Self::deposit_event(Event::FeeConversionFactorSet { factor });
			Ok(())
		}
	}
}
