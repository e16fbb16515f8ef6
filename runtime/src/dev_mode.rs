// SPDX-License-Identifier: GPL-3.0-or-later
//! Whether this chain is an instant-sealed dev chain.
//!
//! The `development` genesis preset sets `instantSealing`; the node seals dev chains on demand
//! (a block as soon as a transaction arrives) with wall-clock timestamps, so consecutive blocks
//! can fall in the same Aura slot. Aura allows that only where this flag is set; Aura + GRANDPA
//! chains (`local_testnet`, `testnet`) keep one block per slot. The flag is genesis-only: no call
//! changes it.

pub use pallet::*;

#[frame::pallet]
pub mod pallet {
	use frame::prelude::*;

	/// Nothing to configure.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Set at genesis on instant-sealed dev chains.
	#[pallet::storage]
	pub type InstantSealing<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Whether blocks are sealed on demand (dev chains).
		pub instant_sealing: bool,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			InstantSealing::<T>::put(self.instant_sealing);
		}
	}

	/// `Get<bool>` for `pallet_aura::Config::AllowMultipleBlocksPerSlot`.
	pub struct InstantSealingEnabled<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<bool> for InstantSealingEnabled<T> {
		fn get() -> bool {
			InstantSealing::<T>::get()
		}
	}
}
