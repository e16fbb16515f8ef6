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
	demurrage::Demurrage,
	fixed::U64F64,
	geo::{GeoHash, Location},
	metadata::CommunityMetadata,
	scheduler::CeremonyPhase,
};
pub use deposit::Deposit;
pub use hook::{items_within, OnCommunityPurged, PurgeCommunity};
pub use impls::Founding;
pub use origins::{EnsureCommunityAuthority, Free, SignedWhenOpen};
pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod deposit;
mod hook;
mod impls;
#[cfg(test)]
mod mock;
mod origins;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

/// The income, in the community's currency, of each attendee of a ceremony.
pub type NominalIncome = U64F64;

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		prelude::*,
		traits::{fungible, EnsureOriginWithArg},
	};

	/// Default configuration for tests; see `config_preludes::TestDefaultConfig`.
	pub mod config_preludes {
		use super::*;
		use frame::pallet_macros::derive_impl;

		/// Test defaults: 3–12 bootstrappers, 100 m apart, small bounds, unit weights.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame::prelude::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MinBootstrappers = ConstU32<3>;
			type MaxBootstrappers = ConstU32<12>;
			type MaxLocations = ConstU32<20>;
			type MaxLocationsPerBucket = ConstU32<8>;
			type MinLocationDistance = ConstU32<100>;
			type OnCommunityPurged = ();
			type WeightInfo = TestWeights;
		}

		/// Unit weights: 1 a call, and 1 more per location purged.
		pub struct TestWeights;
		impl crate::WeightInfo for TestWeights {
			fn new_community() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn add_location() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn remove_location() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn update_metadata() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn update_demurrage() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn update_nominal_income() -> Weight {
				Weight::from_parts(1, 0)
			}
			fn purge_community(l: u32) -> Weight {
				Weight::from_parts(1u64.saturating_add(l.into()), 0)
			}
			fn set_open_creation() -> Weight {
				Weight::from_parts(1, 0)
			}
		}
	}

	/// The native token's balance.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;
	/// A deposit in the native token.
	pub type DepositOf<T> = Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// Who may found communities; `Some(account)` pays the deposits (Convene: Root, or any
		/// signed account while [`OpenCreation`] is set).
		#[pallet::no_default]
		type CommunityCreator: EnsureOrigin<Self::RuntimeOrigin, Success = Option<Self::AccountId>>;

		/// Who may add and remove a community's locations and replace its metadata;
		/// `Some(account)` pays the deposits (Convene: the community's bootstrappers and founder,
		/// [`EnsureCommunityAuthority`], or Root).
		#[pallet::no_default]
		type CommunityAuthority: EnsureOriginWithArg<
			Self::RuntimeOrigin,
			CommunityIdentifier,
			Success = Option<Self::AccountId>,
		>;

		/// Who may change a community's economics (demurrage, nominal income) and purge it
		/// (Convene: Root).
		#[pallet::no_default]
		type CommunityGovernor: EnsureOriginWithArg<Self::RuntimeOrigin, CommunityIdentifier>;

		/// Who decides chain-wide settings: whether founding is open (Root).
		#[pallet::no_default]
		type CommunityMaster: EnsureOrigin<Self::RuntimeOrigin>;

		/// The native token, in which deposits are held.
		#[pallet::no_default]
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons.
		#[pallet::no_default]
		type RuntimeHoldReason: From<HoldReason>;

		/// The deposit for each item a signed account stores (a community, a location), in the
		/// native token's smallest unit.
		#[pallet::constant]
		#[pallet::no_default]
		type DepositBase: Get<BalanceOf<Self>>;

		/// The deposit for each byte of an item, in the native token's smallest unit.
		#[pallet::constant]
		#[pallet::no_default]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The ceremony phase: locations change only while registering.
		#[pallet::no_default]
		type CurrentPhase: Get<CeremonyPhase>;

		/// The fewest bootstrappers a community is founded with.
		#[pallet::constant]
		type MinBootstrappers: Get<u32>;

		/// The most bootstrappers a community is founded with.
		#[pallet::constant]
		type MaxBootstrappers: Get<u32>;

		/// The most locations a community has.
		#[pallet::constant]
		type MaxLocations: Get<u32>;

		/// The most locations (of all communities) in one geohash bucket of 0.044° × 0.044°.
		#[pallet::constant]
		type MaxLocationsPerBucket: Get<u32>;

		/// The least distance between two locations, in metres (1 to 1000).
		#[pallet::constant]
		type MinLocationDistance: Get<u32>;

		/// Demurrage of a community that has none of its own (rate per year).
		#[pallet::constant]
		#[pallet::no_default]
		type DefaultDemurrage: Get<Demurrage>;

		/// The highest demurrage a community may have (rate per year).
		#[pallet::constant]
		#[pallet::no_default]
		type MaxDemurrage: Get<Demurrage>;

		/// Nominal income of a community that has none of its own.
		#[pallet::constant]
		#[pallet::no_default]
		type DefaultNominalIncome: Get<NominalIncome>;

		/// What other pallets do when a community is purged.
		type OnCommunityPurged: OnCommunityPurged;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a community or a location a signed account added.
		StorageDeposit,
	}

	/// A location in the bucket index: which community has it, at which index.
	#[derive(
		Clone,
		Copy,
		Debug,
		Decode,
		DecodeWithMemTracking,
		Encode,
		Eq,
		MaxEncodedLen,
		PartialEq,
		TypeInfo,
	)]
	pub struct BucketEntry {
		/// The location.
		pub location: Location,
		/// The community it belongs to.
		pub cid: CommunityIdentifier,
		/// Its index in [`Locations`].
		pub index: u32,
	}

	/// The registered communities and their metadata (name, symbol, assets, …).
	#[pallet::storage]
	pub type Metadata<T> =
		CountedStorageMap<_, Blake2_128Concat, CommunityIdentifier, CommunityMetadata>;

	/// The bootstrappers of each community, in the order its identifier was derived from.
	#[pallet::storage]
	pub type Bootstrappers<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		BoundedVec<T::AccountId, T::MaxBootstrappers>,
	>;

	/// Each community's locations, indexed `0..LocationCount`.
	#[pallet::storage]
	pub type Locations<T> =
		StorageDoubleMap<_, Blake2_128Concat, CommunityIdentifier, Twox64Concat, u32, Location>;

	/// How many locations each community has.
	#[pallet::storage]
	pub type LocationCount<T> =
		StorageMap<_, Blake2_128Concat, CommunityIdentifier, u32, ValueQuery>;

	/// Every location of every community, by its 5-character geohash.
	#[pallet::storage]
	pub type BucketLocations<T: Config> =
		StorageMap<_, Blake2_128Concat, GeoHash, BoundedVec<BucketEntry, T::MaxLocationsPerBucket>>;

	/// Communities with their own demurrage (rate per year); others use `DefaultDemurrage`.
	#[pallet::storage]
	pub type DemurrageOf<T> = StorageMap<_, Blake2_128Concat, CommunityIdentifier, Demurrage>;

	/// Whether any signed account may found communities (paying their deposits), where the runtime's
	/// `CommunityCreator` includes [`SignedWhenOpen`] (dev and test chains open it at genesis).
	#[pallet::storage]
	pub type OpenCreation<T> = StorageValue<_, bool, ValueQuery>;

	/// Communities with their own nominal income; others use `DefaultNominalIncome`.
	#[pallet::storage]
	pub type NominalIncomeOf<T> =
		StorageMap<_, Blake2_128Concat, CommunityIdentifier, NominalIncome>;

	/// The founder of each community a signed account founded, with the deposit held for it
	/// (released when the community is purged). The founder is one of its authorities.
	#[pallet::storage]
	pub type CommunityDeposit<T: Config> =
		StorageMap<_, Blake2_128Concat, CommunityIdentifier, DepositOf<T>>;

	/// The deposit held for each location a signed account added (released when the location
	/// is removed or the community purged). Keyed by the location, which moves between indices.
	#[pallet::storage]
	pub type LocationDeposit<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CommunityIdentifier,
		Blake2_128Concat,
		Location,
		DepositOf<T>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A community was founded at `location`.
		CommunityRegistered {
			/// Its identifier.
			cid: CommunityIdentifier,
			/// Its founding location.
			location: Location,
		},
		/// A location was added.
		LocationAdded {
			/// The community.
			cid: CommunityIdentifier,
			/// The location.
			location: Location,
		},
		/// A location was removed; the community's last location took its index.
		LocationRemoved {
			/// The community.
			cid: CommunityIdentifier,
			/// The location.
			location: Location,
		},
		/// The metadata changed.
		MetadataUpdated {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// The demurrage changed (`None`: back to the default).
		DemurrageUpdated {
			/// The community.
			cid: CommunityIdentifier,
			/// Its own rate per year, if any.
			demurrage: Option<Demurrage>,
		},
		/// The nominal income changed (`None`: back to the default).
		NominalIncomeUpdated {
			/// The community.
			cid: CommunityIdentifier,
			/// Its own income, if any.
			nominal_income: Option<NominalIncome>,
		},
		/// The community and all its locations are gone.
		CommunityPurged {
			/// The community.
			cid: CommunityIdentifier,
		},
		/// Founding communities was opened to every signed account, or closed again.
		OpenCreationSet {
			/// Whether it is open.
			open: bool,
		},
		/// A deposit was held for the community or one of its locations.
		DepositHeld {
			/// The community.
			cid: CommunityIdentifier,
			/// The location it is for (`None`: the community itself).
			location: Option<Location>,
			/// Who paid it.
			depositor: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A deposit went back to its depositor (the item was removed or purged).
		DepositReleased {
			/// The community.
			cid: CommunityIdentifier,
			/// The location it was for (`None`: the community itself).
			location: Option<Location>,
			/// Who gets it back.
			depositor: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Let every signed account found communities (see [`OpenCreation`]).
		pub open_creation: bool,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			OpenCreation::<T>::put(self.open_creation);
		}
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Fewer bootstrappers than `MinBootstrappers`.
		TooFewBootstrappers,
		/// An account appears twice among the bootstrappers.
		DuplicateBootstrapper,
		/// A community with this identifier (same geohash, same bootstrappers) exists.
		CommunityAlreadyRegistered,
		/// No community has this identifier.
		CommunityNotFound,
		/// The name must be 1 to 20 characters without control characters.
		InvalidName,
		/// The symbol must be 3 ASCII letters or digits.
		InvalidSymbol,
		/// `assets` must be a CIDv0 IPFS id (46 base58 characters, `Qm…`).
		InvalidAssets,
		/// The theme must be a CIDv0 IPFS id (46 base58 characters, `Qm…`).
		InvalidTheme,
		/// The url must be 1 to 100 printable ASCII characters.
		InvalidUrl,
		/// Latitude must be within ±90° and longitude within ±180°.
		LocationOutOfRange,
		/// Latitude must be within ±78°.
		LocationTooFarFromEquator,
		/// The location must be at least 1000 km from the date line.
		LocationTooCloseToDateLine,
		/// Another location (of any community) is closer than `MinLocationDistance`.
		LocationTooCloseToAnother,
		/// The location's geohash bucket holds `MaxLocationsPerBucket` locations already.
		BucketFull,
		/// The community has `MaxLocations` locations already.
		TooManyLocations,
		/// The community has no such location.
		LocationNotFound,
		/// A community keeps at least one location; purge it instead.
		CannotRemoveLastLocation,
		/// Locations change only in the Registering phase (meetups are assigned by index).
		RegistrationPhaseRequired,
		/// The demurrage is above `MaxDemurrage`.
		DemurrageTooHigh,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			let min = T::MinLocationDistance::get();
			assert!(
				(1..=convene_primitives::geo::MAX_MIN_DISTANCE_M).contains(&min),
				"MinLocationDistance must be 1 to 1000 m: only direct geohash neighbours are checked"
			);
			assert!(T::MinBootstrappers::get() >= 1, "MinBootstrappers must be at least 1");
			assert!(
				T::MinBootstrappers::get() <= T::MaxBootstrappers::get(),
				"MinBootstrappers must not exceed MaxBootstrappers"
			);
			assert!(T::MaxLocations::get() >= 1, "MaxLocations must be at least 1");
			assert!(
				T::DefaultDemurrage::get() <= T::MaxDemurrage::get(),
				"DefaultDemurrage must not exceed MaxDemurrage"
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
		/// Found a community at `location` with its bootstrappers and metadata.
		///
		/// ## Dispatch Origin
		/// `CommunityCreator`.
		///
		/// ## Details
		/// The identifier is derived from the location's geohash and the bootstrapper list (in
		/// the given order). `demurrage` and `nominal_income` default to the runtime's. Fails
		/// if the bootstrappers are too few or repeat, the metadata or location is invalid, the
		/// location is too close to any other, or the community exists. A signed founder pays
		/// a deposit for the community and one for its location ([`Pallet::community_deposit`],
		/// [`Pallet::location_deposit`]), and may change the community like its bootstrappers.
		/// Emits `CommunityRegistered` and `DepositHeld`.
		#[pallet::call_index(0)]
		pub fn new_community(
			origin: OriginFor<T>,
			location: Location,
			bootstrappers: BoundedVec<T::AccountId, T::MaxBootstrappers>,
			metadata: CommunityMetadata,
			demurrage: Option<Demurrage>,
			nominal_income: Option<NominalIncome>,
		) -> DispatchResult {
			let payer = T::CommunityCreator::ensure_origin(origin)?;
			let founding =
				Founding { location, bootstrappers, metadata, demurrage, nominal_income };
			Self::do_new_community(founding, payer).map(|_| ())
		}

		/// Add a meetup location to a community.
		///
		/// ## Dispatch Origin
		/// `CommunityAuthority` of `cid`.
		///
		/// ## Details
		/// Only while registering. The location must be valid and at least
		/// `MinLocationDistance` from every other location of any community. A signed origin
		/// pays the location's deposit. Emits `LocationAdded` (and `DepositHeld`).
		#[pallet::call_index(1)]
		pub fn add_location(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			location: Location,
		) -> DispatchResult {
			let payer = T::CommunityAuthority::ensure_origin(origin, &cid)?;
			Self::ensure_registering()?;
			ensure!(Metadata::<T>::contains_key(cid), Error::<T>::CommunityNotFound);
			Self::do_add_location(cid, location, payer)
		}

		/// Remove a meetup location from a community.
		///
		/// ## Dispatch Origin
		/// `CommunityAuthority` of `cid`.
		///
		/// ## Details
		/// Only while registering; the community's last location cannot be removed. The
		/// community's last location takes the freed index; the location's deposit goes back
		/// to whoever paid it. Emits `LocationRemoved` (and `DepositReleased`).
		#[pallet::call_index(2)]
		pub fn remove_location(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			location: Location,
		) -> DispatchResult {
			T::CommunityAuthority::ensure_origin(origin, &cid)?;
			Self::ensure_registering()?;
			ensure!(Metadata::<T>::contains_key(cid), Error::<T>::CommunityNotFound);
			Self::do_remove_location(cid, location)
		}

		/// Replace a community's metadata.
		///
		/// ## Dispatch Origin
		/// `CommunityAuthority` of `cid`.
		///
		/// ## Details
		/// Validated field by field. The community's deposit is sized for the largest metadata,
		/// so it does not change. Emits `MetadataUpdated`.
		#[pallet::call_index(3)]
		pub fn update_metadata(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			metadata: CommunityMetadata,
		) -> DispatchResult {
			T::CommunityAuthority::ensure_origin(origin, &cid)?;
			Self::validate_metadata(&metadata)?;
			Metadata::<T>::try_mutate(cid, |stored| match stored {
				Some(stored) => {
					*stored = metadata;
					Ok(())
				},
				None => Err(Error::<T>::CommunityNotFound),
			})?;
			Self::deposit_event(Event::MetadataUpdated { cid });
			Ok(())
		}

		/// Set a community's demurrage (rate per year), or `None` for the runtime's default.
		///
		/// ## Dispatch Origin
		/// `CommunityGovernor` of `cid`.
		///
		/// ## Details
		/// At most `MaxDemurrage`. Balances decay at the new rate from now on. Emits
		/// `DemurrageUpdated`.
		#[pallet::call_index(4)]
		pub fn update_demurrage(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			demurrage: Option<Demurrage>,
		) -> DispatchResult {
			T::CommunityGovernor::ensure_origin(origin, &cid)?;
			ensure!(Metadata::<T>::contains_key(cid), Error::<T>::CommunityNotFound);
			Self::ensure_demurrage(demurrage)?;
			DemurrageOf::<T>::set(cid, demurrage);
			Self::deposit_event(Event::DemurrageUpdated { cid, demurrage });
			Ok(())
		}

		/// Set a community's nominal income, or `None` for the runtime's default.
		///
		/// ## Dispatch Origin
		/// `CommunityGovernor` of `cid`.
		///
		/// ## Details
		/// Applies to rewards issued from now on. Emits `NominalIncomeUpdated`.
		#[pallet::call_index(5)]
		pub fn update_nominal_income(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
			nominal_income: Option<NominalIncome>,
		) -> DispatchResult {
			T::CommunityGovernor::ensure_origin(origin, &cid)?;
			ensure!(Metadata::<T>::contains_key(cid), Error::<T>::CommunityNotFound);
			NominalIncomeOf::<T>::set(cid, nominal_income);
			Self::deposit_event(Event::NominalIncomeUpdated { cid, nominal_income });
			Ok(())
		}

		/// Remove a community with all its locations, and let other pallets drop its state.
		///
		/// ## Dispatch Origin
		/// `CommunityGovernor` of `cid`.
		///
		/// ## Details
		/// Weighed for `MaxLocations` locations; the actual count is charged. Every deposit
		/// held for the community and its locations goes back. Emits `CommunityPurged` (and
		/// `DepositReleased`).
		#[pallet::call_index(6)]
		#[pallet::weight(
			<T as Config>::WeightInfo::purge_community(T::MaxLocations::get())
				.saturating_add(T::OnCommunityPurged::max_weight())
		)]
		pub fn purge_community(
			origin: OriginFor<T>,
			cid: CommunityIdentifier,
		) -> DispatchResultWithPostInfo {
			T::CommunityGovernor::ensure_origin(origin, &cid)?;
			ensure!(Metadata::<T>::contains_key(cid), Error::<T>::CommunityNotFound);
			let (locations, hook_weight) = Self::do_purge_community(cid);
			Ok(Some(
				<T as Config>::WeightInfo::purge_community(locations).saturating_add(hook_weight),
			)
			.into())
		}

		/// Open founding communities to every signed account, or close it.
		///
		/// ## Dispatch Origin
		/// `CommunityMaster`.
		///
		/// ## Details
		/// Takes effect where the runtime's `CommunityCreator` includes [`SignedWhenOpen`].
		/// Emits `OpenCreationSet`.
		#[pallet::call_index(7)]
		pub fn set_open_creation(origin: OriginFor<T>, open: bool) -> DispatchResult {
			T::CommunityMaster::ensure_origin(origin)?;
			OpenCreation::<T>::put(open);
			Self::deposit_event(Event::OpenCreationSet { open });
			Ok(())
		}
	}
}
