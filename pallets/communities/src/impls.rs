// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's logic: location rules against the bucket index, and what the calls share.

use crate::WeightInfo as _;
use crate::{
	deposit::{blake2_128_concat, price, twox64_concat, Deposit},
	pallet::*,
	runtime_api::{CommunityDetails, LocationConflict},
	CommunityIdentifier, CommunityMetadata, Demurrage, Location, NominalIncome, OnCommunityPurged,
	PurgeCommunity,
};
use alloc::vec::Vec;
use convene_primitives::{
	geo::{buckets_to_check, distance_m, geohash, GeoHash, LocationError},
	metadata::MetadataError,
	page::{self, Page},
	scheduler::CeremonyPhase,
};
use frame::prelude::*;

/// What a community is founded with: the arguments of `new_community`.
pub struct Founding<T: Config> {
	/// Its first location.
	pub location: Location,
	/// Its bootstrappers, in the order its identifier is derived from.
	pub bootstrappers: BoundedVec<T::AccountId, T::MaxBootstrappers>,
	/// Name, symbol, assets, theme, url.
	pub metadata: CommunityMetadata,
	/// Its own demurrage, if any.
	pub demurrage: Option<Demurrage>,
	/// Its own nominal income, if any.
	pub nominal_income: Option<NominalIncome>,
}

/// The key of a map entry keyed `Blake2_128Concat` by a community identifier.
fn cid_key_len() -> usize {
	blake2_128_concat(CommunityIdentifier::max_encoded_len())
}

impl<T: Config> From<LocationError> for Error<T> {
	fn from(e: LocationError) -> Self {
		match e {
			LocationError::OutOfRange => Error::LocationOutOfRange,
			LocationError::TooFarFromEquator => Error::LocationTooFarFromEquator,
			LocationError::TooCloseToDateLine => Error::LocationTooCloseToDateLine,
		}
	}
}

impl<T: Config> From<MetadataError> for Error<T> {
	fn from(e: MetadataError) -> Self {
		match e {
			MetadataError::Name => Error::InvalidName,
			MetadataError::Symbol => Error::InvalidSymbol,
			MetadataError::Assets => Error::InvalidAssets,
			MetadataError::Theme => Error::InvalidTheme,
			MetadataError::Url => Error::InvalidUrl,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The demurrage in effect for `cid` (rate per year).
	pub fn demurrage(cid: CommunityIdentifier) -> Demurrage {
		DemurrageOf::<T>::get(cid).unwrap_or_else(T::DefaultDemurrage::get)
	}

	/// The nominal income in effect for `cid`.
	pub fn nominal_income(cid: CommunityIdentifier) -> NominalIncome {
		NominalIncomeOf::<T>::get(cid).unwrap_or_else(T::DefaultNominalIncome::get)
	}

	/// A community's locations, by index.
	pub fn locations(cid: CommunityIdentifier) -> Vec<Location> {
		(0..LocationCount::<T>::get(cid))
			.filter_map(|i| Locations::<T>::get(cid, i))
			.collect()
	}

	/// A page of the communities with their names, in storage order, after `after`.
	pub fn communities(
		after: Option<CommunityIdentifier>,
		limit: u32,
	) -> Page<CommunityIdentifier, (CommunityIdentifier, Vec<u8>)> {
		let entries = match after {
			Some(cid) => Metadata::<T>::iter_from(Metadata::<T>::hashed_key_for(cid)),
			None => Metadata::<T>::iter(),
		};
		page::scan(entries, limit, |cid, m| Some((*cid, m.name.into())))
	}

	/// Everything about one community.
	pub fn community(cid: CommunityIdentifier) -> Option<CommunityDetails<T::AccountId>> {
		Some(CommunityDetails {
			metadata: Metadata::<T>::get(cid)?,
			bootstrappers: Bootstrappers::<T>::get(cid).unwrap_or_default().into(),
			locations: Self::locations(cid),
			demurrage: Self::demurrage(cid),
			nominal_income: Self::nominal_income(cid),
		})
	}

	/// Whether `who` may change `cid` by itself: one of its bootstrappers, or its founder.
	pub fn is_authority(cid: CommunityIdentifier, who: &T::AccountId) -> bool {
		Bootstrappers::<T>::get(cid).is_some_and(|b| b.contains(who))
			|| CommunityDeposit::<T>::get(cid).is_some_and(|d| d.depositor == *who)
	}

	/// The deposit for a community with `bootstrappers` bootstrappers: its entries in
	/// `Metadata` (sized for the largest metadata, so that updates need no top-up),
	/// `Bootstrappers`, `DemurrageOf`, `NominalIncomeOf`, `LocationCount` and
	/// `CommunityDeposit`, keys included.
	pub fn community_deposit(bootstrappers: usize) -> BalanceOf<T> {
		let values = [
			CommunityMetadata::max_encoded_len(),
			codec::Compact(bootstrappers as u32)
				.encoded_size()
				.saturating_add(T::AccountId::max_encoded_len().saturating_mul(bootstrappers)),
			Demurrage::max_encoded_len(),
			NominalIncome::max_encoded_len(),
			u32::max_encoded_len(),
			DepositOf::<T>::max_encoded_len(),
		];
		let bytes = values
			.iter()
			.fold(0usize, |sum, v| sum.saturating_add(*v).saturating_add(cid_key_len()));
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The deposit for a location: its entries in `Locations`, its bucket and
	/// `LocationDeposit`, keys included.
	pub fn location_deposit() -> BalanceOf<T> {
		let location = Location::max_encoded_len();
		let in_list = cid_key_len()
			.saturating_add(twox64_concat(u32::max_encoded_len()))
			.saturating_add(location);
		let in_bucket = BucketEntry::max_encoded_len();
		let deposit = cid_key_len()
			.saturating_add(blake2_128_concat(location))
			.saturating_add(DepositOf::<T>::max_encoded_len());
		let bytes = in_list.saturating_add(in_bucket).saturating_add(deposit);
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Hold `amount` on `payer` (if any) for `cid`'s `location` (`None`: the community) and
	/// record it in `CommunityDeposit` or `LocationDeposit`.
	fn hold_deposit(
		cid: CommunityIdentifier,
		location: Option<Location>,
		payer: Option<T::AccountId>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let Some(payer) = payer else { return Ok(()) };
		let deposit = Deposit::hold::<T::Currency>(
			&HoldReason::StorageDeposit.into(),
			payer.clone(),
			amount,
		)?;
		match location {
			Some(location) => LocationDeposit::<T>::insert(cid, location, deposit),
			None => CommunityDeposit::<T>::insert(cid, deposit),
		}
		Self::deposit_event(Event::DepositHeld { cid, location, depositor: payer, amount });
		Ok(())
	}

	/// Give back the deposit held for `cid`'s `location` (`None`: the community), if any.
	fn release_deposit(cid: CommunityIdentifier, location: Option<Location>) {
		let deposit = match location {
			Some(location) => LocationDeposit::<T>::take(cid, location),
			None => CommunityDeposit::<T>::take(cid),
		};
		let Some(deposit) = deposit else { return };
		let amount = deposit.release::<T::Currency>(&HoldReason::StorageDeposit.into());
		let depositor = deposit.depositor;
		Self::deposit_event(Event::DepositReleased { cid, location, depositor, amount });
	}

	pub(crate) fn ensure_registering() -> DispatchResult {
		ensure!(
			T::CurrentPhase::get() == CeremonyPhase::Registering,
			Error::<T>::RegistrationPhaseRequired
		);
		Ok(())
	}

	pub(crate) fn ensure_demurrage(demurrage: Option<Demurrage>) -> DispatchResult {
		ensure!(
			demurrage.is_none_or(|d| d <= T::MaxDemurrage::get()),
			Error::<T>::DemurrageTooHigh
		);
		Ok(())
	}

	pub(crate) fn validate_metadata(metadata: &CommunityMetadata) -> DispatchResult {
		metadata.validate().map_err(|e| Error::<T>::from(e).into())
	}

	/// The bucket of a location that may be added: valid, and at least `MinLocationDistance`
	/// from every location of any community.
	fn check_new_location(location: &Location) -> Result<GeoHash, DispatchError> {
		location.validate().map_err(Error::<T>::from)?;
		let min = T::MinLocationDistance::get();
		for bucket in buckets_to_check(location, min).map_err(Error::<T>::from)? {
			let entries = BucketLocations::<T>::get(bucket).unwrap_or_default();
			ensure!(
				entries.iter().all(|e| distance_m(location, &e.location) >= min),
				Error::<T>::LocationTooCloseToAnother
			);
		}
		geohash(location).map_err(|e| Error::<T>::from(e).into())
	}

	/// What stands in the way of adding the first `MaxLocations` of `locations`, in order: the
	/// rules of [`Self::check_new_location`] against the chain's locations, and
	/// [`Self::insert_location`]'s bucket capacity, counting the earlier ones asked about; said
	/// for every location at once, with what it conflicts with.
	pub fn location_conflicts(locations: &[Location]) -> Vec<(u32, LocationConflict)> {
		let min = T::MinLocationDistance::get();
		let capacity = T::MaxLocationsPerBucket::get();
		let mut found = Vec::new();
		let mut earlier = alloc::collections::BTreeMap::<GeoHash, u32>::new();
		let checked = locations.iter().take(T::MaxLocations::get() as usize);
		for (index, location) in (0u32..).zip(checked) {
			let (Ok(()), Ok(own), Ok(buckets)) =
				(location.validate(), geohash(location), buckets_to_check(location, min))
			else {
				found.push((index, LocationConflict::Invalid));
				continue;
			};
			for bucket in buckets {
				for entry in BucketLocations::<T>::get(bucket).unwrap_or_default() {
					let distance_m = distance_m(location, &entry.location);
					if distance_m < min {
						let (cid, location) = (entry.cid, entry.location);
						found.push((
							index,
							LocationConflict::TooClose { cid, location, distance_m },
						));
					}
				}
			}
			let held = BucketLocations::<T>::decode_len(own).unwrap_or(0) as u32;
			let before = earlier.entry(own).or_default();
			if held.saturating_add(*before) >= capacity {
				found.push((index, LocationConflict::BucketFull { held, before: *before }));
			}
			*before = before.saturating_add(1);
		}
		found
	}

	/// Put a checked location at the end of the community's list and into its bucket.
	pub(crate) fn insert_location(
		cid: CommunityIdentifier,
		location: Location,
		bucket: GeoHash,
	) -> DispatchResult {
		let index = LocationCount::<T>::get(cid);
		ensure!(index < T::MaxLocations::get(), Error::<T>::TooManyLocations);
		BucketLocations::<T>::try_mutate(bucket, |entries| {
			entries
				.get_or_insert_with(Default::default)
				.try_push(BucketEntry { location, cid, index })
				.map_err(|_| Error::<T>::BucketFull)
		})?;
		Locations::<T>::insert(cid, index, location);
		LocationCount::<T>::insert(cid, index.saturating_add(1));
		Ok(())
	}

	/// Found a community (the checks of `new_community`, without the origin), `payer` paying
	/// the deposits; returns its id.
	pub fn do_new_community(
		founding: Founding<T>,
		payer: Option<T::AccountId>,
	) -> Result<CommunityIdentifier, DispatchError> {
		let Founding { location, bootstrappers, metadata, demurrage, nominal_income } = founding;
		ensure!(
			bootstrappers.len() >= T::MinBootstrappers::get() as usize,
			Error::<T>::TooFewBootstrappers
		);
		let mut sorted: Vec<_> = bootstrappers.iter().collect();
		sorted.sort();
		ensure!(
			sorted.windows(2).all(|w| w.first() != w.get(1)),
			Error::<T>::DuplicateBootstrapper
		);
		Self::validate_metadata(&metadata)?;
		Self::ensure_demurrage(demurrage)?;
		let cid = CommunityIdentifier::from_location(&location, &bootstrappers.encode())
			.map_err(Error::<T>::from)?;
		ensure!(!Metadata::<T>::contains_key(cid), Error::<T>::CommunityAlreadyRegistered);
		let bucket = Self::check_new_location(&location)?;

		// A failing hold leaves nothing behind: dispatchables run in a storage transaction.
		Self::insert_location(cid, location, bucket)?;
		Self::deposit_event(Event::CommunityRegistered { cid, location });
		let community_deposit = Self::community_deposit(bootstrappers.len());
		Self::hold_deposit(cid, None, payer.clone(), community_deposit)?;
		Self::hold_deposit(cid, Some(location), payer, Self::location_deposit())?;
		Metadata::<T>::insert(cid, metadata);
		Bootstrappers::<T>::insert(cid, bootstrappers);
		DemurrageOf::<T>::set(cid, demurrage);
		NominalIncomeOf::<T>::set(cid, nominal_income);
		Ok(cid)
	}

	/// Add a location to `cid` (the checks of `add_location`, without origin and phase),
	/// `payer` paying its deposit.
	pub fn do_add_location(
		cid: CommunityIdentifier,
		location: Location,
		payer: Option<T::AccountId>,
	) -> DispatchResult {
		let bucket = Self::check_new_location(&location)?;
		Self::insert_location(cid, location, bucket)?;
		Self::hold_deposit(cid, Some(location), payer, Self::location_deposit())?;
		Self::deposit_event(Event::LocationAdded { cid, location });
		Ok(())
	}

	/// Take `(cid, location)` out of its bucket, returning its index.
	fn take_from_bucket(cid: CommunityIdentifier, location: &Location) -> Option<u32> {
		let bucket = geohash(location).ok()?;
		BucketLocations::<T>::mutate_exists(bucket, |entries| {
			let list = entries.as_mut()?;
			let at = list.iter().position(|e| e.cid == cid && e.location == *location)?;
			let index = list.swap_remove(at).index;
			if list.is_empty() {
				*entries = None;
			}
			Some(index)
		})
	}

	pub(crate) fn do_remove_location(
		cid: CommunityIdentifier,
		location: Location,
	) -> DispatchResult {
		let count = LocationCount::<T>::get(cid);
		ensure!(count > 1, Error::<T>::CannotRemoveLastLocation);
		let index = Self::take_from_bucket(cid, &location).ok_or(Error::<T>::LocationNotFound)?;
		let last = count.saturating_sub(1);
		if index != last {
			// The last location moves into the freed index, in its list and in its bucket.
			if let Some(moved) = Locations::<T>::take(cid, last) {
				Locations::<T>::insert(cid, index, moved);
				if let Ok(bucket) = geohash(&moved) {
					BucketLocations::<T>::mutate(bucket, |entries| {
						let entry = entries
							.as_mut()
							.and_then(|l| l.iter_mut().find(|e| e.cid == cid && e.index == last));
						if let Some(entry) = entry {
							entry.index = index;
						}
					});
				}
			}
		} else {
			Locations::<T>::remove(cid, last);
		}
		LocationCount::<T>::insert(cid, last);
		Self::deposit_event(Event::LocationRemoved { cid, location });
		Self::release_deposit(cid, Some(location));
		Ok(())
	}

	/// Remove the community everywhere; returns its location count and the hooks' weight.
	pub fn do_purge_community(cid: CommunityIdentifier) -> (u32, Weight) {
		let count = LocationCount::<T>::take(cid);
		for index in 0..count {
			if let Some(location) = Locations::<T>::take(cid, index) {
				Self::take_from_bucket(cid, &location);
				Self::release_deposit(cid, Some(location));
			}
		}
		Self::release_deposit(cid, None);
		Metadata::<T>::remove(cid);
		Bootstrappers::<T>::remove(cid);
		DemurrageOf::<T>::remove(cid);
		NominalIncomeOf::<T>::remove(cid);
		let hook_weight = T::OnCommunityPurged::on_community_purged(cid);
		Self::deposit_event(Event::CommunityPurged { cid });
		(count, hook_weight)
	}

	/// The location index matches the locations; every community has 1..=MaxLocations
	/// locations, bootstrappers and valid metadata.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let mut in_lists = 0usize;
		for (cid, metadata) in Metadata::<T>::iter() {
			ensure!(metadata.validate().is_ok(), "stored metadata is invalid");
			ensure!(Bootstrappers::<T>::contains_key(cid), "a community has no bootstrappers");
			let count = LocationCount::<T>::get(cid);
			ensure!(
				(1..=T::MaxLocations::get()).contains(&count),
				"a community has no locations or too many"
			);
			for index in 0..count {
				let location =
					Locations::<T>::get(cid, index).ok_or("a location index is empty")?;
				let bucket = geohash(&location).map_err(|_| "a stored location is invalid")?;
				let entries = BucketLocations::<T>::get(bucket).unwrap_or_default();
				ensure!(
					entries.contains(&BucketEntry { location, cid, index }),
					"a location is missing from its bucket"
				);
			}
			ensure!(
				Locations::<T>::iter_prefix(cid).count() == count as usize,
				"locations beyond LocationCount"
			);
			in_lists = in_lists.saturating_add(count as usize);
		}
		let mut in_buckets = 0usize;
		for (bucket, entries) in BucketLocations::<T>::iter() {
			ensure!(!entries.is_empty(), "an empty bucket is stored");
			for e in entries.iter() {
				ensure!(geohash(&e.location) == Ok(bucket), "a location is in the wrong bucket");
			}
			in_buckets = in_buckets.saturating_add(entries.len());
		}
		ensure!(in_lists == in_buckets, "the bucket index has locations no community has");
		ensure!(
			Metadata::<T>::count() as usize == Metadata::<T>::iter_keys().count(),
			"the community counter is off"
		);
		Self::try_deposits()
	}

	/// Every deposit is for a community or location that exists, and each depositor's hold is
	/// the sum of its deposits.
	#[cfg(any(feature = "try-runtime", test))]
	fn try_deposits() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let mut deposits = Vec::new();
		for (cid, deposit) in CommunityDeposit::<T>::iter() {
			ensure!(Metadata::<T>::contains_key(cid), "a deposit for a community that is gone");
			deposits.push((deposit.depositor, deposit.amount));
		}
		for (cid, location, deposit) in LocationDeposit::<T>::iter() {
			// The bucket index says in one read whether the community has the location.
			let in_bucket =
				geohash(&location).ok().and_then(BucketLocations::<T>::get).is_some_and(
					|entries| entries.iter().any(|e| e.cid == cid && e.location == location),
				);
			ensure!(in_bucket, "a deposit for a location that is gone");
			deposits.push((deposit.depositor, deposit.amount));
		}
		crate::deposit::check_holds::<_, T::Currency>(&HoldReason::StorageDeposit.into(), deposits)
			.map_err(Into::into)
	}
}

impl<T: Config> convene_primitives::community::CommunityDirectory<T::AccountId> for Pallet<T> {
	fn exists(cid: CommunityIdentifier) -> bool {
		Metadata::<T>::contains_key(cid)
	}

	fn is_bootstrapper(cid: CommunityIdentifier, who: &T::AccountId) -> bool {
		Bootstrappers::<T>::get(cid).is_some_and(|b| b.contains(who))
	}

	fn location_count(cid: CommunityIdentifier) -> u32 {
		LocationCount::<T>::get(cid)
	}

	fn location(cid: CommunityIdentifier, index: u32) -> Option<Location> {
		Locations::<T>::get(cid, index)
	}

	fn income(cid: CommunityIdentifier) -> NominalIncome {
		Self::nominal_income(cid)
	}

	fn next_after(after: Option<CommunityIdentifier>) -> Option<CommunityIdentifier> {
		match after {
			None => Metadata::<T>::iter_keys().next(),
			Some(after) => Metadata::<T>::iter_from(Metadata::<T>::hashed_key_for(after))
				.map(|(cid, _)| cid)
				.next(),
		}
	}
}

impl<T: Config> PurgeCommunity for Pallet<T> {
	fn purge(cid: CommunityIdentifier) -> Weight {
		let (locations, hooks) = Self::do_purge_community(cid);
		<T as Config>::WeightInfo::purge_community(locations).saturating_add(hooks)
	}

	fn max_purge_weight() -> Weight {
		<T as Config>::WeightInfo::purge_community(T::MaxLocations::get())
			.saturating_add(T::OnCommunityPurged::max_weight())
	}
}

impl<T: Config> convene_primitives::currency::CommunityInfo for Pallet<T> {
	fn demurrage(cid: CommunityIdentifier) -> Option<Demurrage> {
		Metadata::<T>::contains_key(cid).then(|| Self::demurrage(cid))
	}

	fn nominal_income(cid: CommunityIdentifier) -> Option<NominalIncome> {
		Metadata::<T>::contains_key(cid).then(|| Self::nominal_income(cid))
	}
}
