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

pub use pallet::*;
pub use weights::WeightInfo;

/// A session's index (`sp_staking::SessionIndex`, which `pallet-session` counts in).
pub type SessionIndex = u32;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame::{prelude::*, traits::ValidatorRegistration};

	/// Default configuration for tests; see `config_preludes::TestDefaultConfig`.
	pub mod config_preludes {
		use super::*;
		use frame::{pallet_macros::derive_impl, traits::ConstU32};

		/// Test defaults: at most 8 validators, at least 1, unit weights.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame::prelude::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MaxValidators = ConstU32<8>;
			type MinValidators = ConstU32<1>;
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// Origin allowed to add and remove validators (Root, through Sudo, in Convene's runtime).
		#[pallet::no_default]
		type ValidatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Tells whether an account has registered session keys (`pallet-session`): a validator
		/// without keys could not author blocks or vote, so it cannot be added.
		#[pallet::no_default]
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// The largest validator set. Must not exceed Aura's and GRANDPA's `MaxAuthorities`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The smallest validator set (at least 1): removing below it fails.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Registers session keys for an account in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		#[pallet::no_default]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// What benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Give `who` session keys, so that it can become a validator.
		fn register_keys(who: &AccountId);
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The validator set, sorted by account. The set `pallet-session` applies at the next
	/// planned session.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since `pallet-session` last planned a session.
	#[pallet::storage]
	pub type SetChanged<T> = StorageValue<_, bool, ValueQuery>;

	/// One hour of 6-second blocks until genesis says otherwise.
	#[pallet::type_value]
	pub fn DefaultSessionLength<T: Config>() -> BlockNumberFor<T> {
		600u32.into()
	}

	/// Blocks per session; 0 means sessions never end (instant-sealed dev chains, where the
	/// full-weight rotation block would hold back the transaction that triggered it).
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultSessionLength<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account joined the validator set; it authors from the session planned next.
		ValidatorAdded {
			/// The new validator.
			who: T::AccountId,
		},
		/// An account left the validator set; it stops authoring from the session planned next.
		ValidatorRemoved {
			/// The former validator.
			who: T::AccountId,
		},
		/// The changed set was handed to `pallet-session` for a coming session.
		NewSetPlanned {
			/// The session the set is for: it begins at the next session boundary.
			session_index: SessionIndex,
			/// The validators of that session.
			validators: Vec<T::AccountId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set has `MaxValidators` members; remove one first.
		TooManyValidators,
		/// The set has `MinValidators` members; add one first.
		TooFewValidators,
		/// The account has no session keys: register them with `session.set_keys` first (e.g.
		/// `convene set-session-keys`).
		NoSessionKeys,
	}

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions. Each needs session keys in
		/// `session.keys`. Empty: `pallet-session` takes the accounts of `session.keys`, and
		/// this pallet manages nothing until the first `add_validator`.
		pub initial_validators: Vec<T::AccountId>,
		/// Blocks per session; 0 means sessions never end.
		pub session_length: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// No validators, one-hour sessions.
		fn default() -> Self {
			Self {
				initial_validators: Vec::new(),
				session_length: DefaultSessionLength::<T>::get(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A bad genesis config must stop chain-spec building with a message saying what to fix.
			#[allow(clippy::panic)]
			{
				let mut validators = self.initial_validators.clone();
				validators.sort();
				validators.dedup();
				if validators.len() != self.initial_validators.len() {
					panic!("validatorSet.initialValidators lists an account twice");
				}
				if !validators.is_empty()
					&& (validators.len() as u64) < u64::from(T::MinValidators::get())
				{
					panic!("validatorSet.initialValidators has fewer than MinValidators accounts");
				}
				let Ok(validators) = BoundedVec::try_from(validators) else {
					panic!("validatorSet.initialValidators has more than MaxValidators accounts");
				};
				Validators::<T>::put(validators);
			}
			SessionLength::<T>::put(self.session_length);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// `pallet-session` asks [`ShouldEndSession`](pallet_session::ShouldEndSession) every
		/// block, which reads [`SessionLength`]; this charges that read.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads(1)
		}

		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
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
		/// Add `who` to the validator set.
		///
		/// ## Dispatch Origin
		/// `ValidatorOrigin` (Root).
		///
		/// ## Details
		/// `who` must have session keys (`NoSessionKeys`), must not be a validator
		/// (`AlreadyValidator`), and the set must have room (`TooManyValidators`). The set is
		/// handed to `pallet-session` at the next session boundary and authors from the one
		/// after: Substrate plans each session's keys one session ahead. Emits `ValidatorAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let size = Self::do_add_validator(who)?;
			Ok(Some(<T as Config>::WeightInfo::add_validator(size)).into())
		}

		/// Remove `who` from the validator set.
		///
		/// ## Dispatch Origin
		/// `ValidatorOrigin` (Root).
		///
		/// ## Details
		/// `who` must be a validator (`NotValidator`) and the set must keep at least
		/// `MinValidators` members (`TooFewValidators`). Like additions, the removal applies from
		/// the second session boundary; `who`'s session keys stay registered. Emits
		/// `ValidatorRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let size = Self::do_remove_validator(who)?;
			Ok(Some(<T as Config>::WeightInfo::remove_validator(size)).into())
		}
	}
}
