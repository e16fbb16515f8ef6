// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2). The location checks are measured at their worst: a location near a cell
//! corner (its own bucket and three neighbours to read) with every one of those buckets full.

use super::*;
use alloc::{vec, vec::Vec};
use convene_primitives::{
	fixed::I64F64,
	geo::{buckets_to_check, cell, geohash},
	metadata::{CommunityMetadata, IpfsCid, MAX_NAME_BYTES, MAX_URL_BYTES},
};
use frame::{
	benchmarking::prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOriginWithArg,
	},
};

const CID_V0: &[u8] = b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g";

/// Enough for every deposit a community can take, twice over.
fn fund<T: Config>(who: &T::AccountId) {
	let locations = BalanceOf::<T>::from(T::MaxLocations::get().saturating_add(1));
	let deposits = Pallet::<T>::community_deposit(T::MaxBootstrappers::get() as usize)
		.saturating_add(Pallet::<T>::location_deposit().saturating_mul(locations));
	let amount = deposits
		.saturating_mul(2u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

/// `origin`, its account (if signed) funded.
fn funded<T: Config>(
	origin: Result<T::RuntimeOrigin, ()>,
) -> Result<T::RuntimeOrigin, BenchmarkError> {
	let origin = origin.map_err(|_| BenchmarkError::Weightless)?;
	if let Ok(who) = frame_system::ensure_signed(origin.clone()) {
		fund::<T>(&who);
	}
	Ok(origin)
}

/// The founder's origin (signed, paying the deposits, where the runtime allows it).
fn creator<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	OpenCreation::<T>::put(true);
	funded::<T>(T::CommunityCreator::try_successful_origin())
}

/// `cid`'s authority (a bootstrapper paying the deposits, where the runtime allows it).
fn authority<T: Config>(cid: &CommunityIdentifier) -> Result<T::RuntimeOrigin, BenchmarkError> {
	funded::<T>(T::CommunityAuthority::try_successful_origin(cid))
}

fn governor<T: Config>(cid: &CommunityIdentifier) -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CommunityGovernor::try_successful_origin(cid).map_err(|_| BenchmarkError::Weightless)
}

fn master<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CommunityMaster::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// The largest valid metadata: 20 four-byte characters, a theme and a 100-byte url.
fn largest_metadata() -> CommunityMetadata {
	let name = "🌍".repeat(MAX_NAME_BYTES as usize / 4).into_bytes();
	CommunityMetadata {
		name: name.try_into().unwrap_or_default(),
		symbol: b"BEN".to_vec().try_into().unwrap_or_default(),
		assets: IpfsCid::try_from(CID_V0.to_vec()).unwrap_or_default(),
		theme: Some(IpfsCid::try_from(CID_V0.to_vec()).unwrap_or_default()),
		url: Some(vec![b'u'; MAX_URL_BYTES as usize].try_into().unwrap_or_default()),
	}
}

fn max_bootstrappers<T: Config>() -> BoundedVec<T::AccountId, T::MaxBootstrappers> {
	let accounts: Vec<T::AccountId> =
		(0..T::MaxBootstrappers::get()).map(|i| account("bootstrapper", i, 0)).collect();
	accounts.try_into().unwrap_or_default()
}

/// 20 m inside the north-east corner of a cell near Zürich.
fn corner_location() -> Location {
	let zurich = Location::new(I64F64::from_int(47), I64F64::from_int(8));
	let own = geohash(&zurich).ok().and_then(|h| cell(&h)).map(|c| c.north_east);
	let ne = own.unwrap_or(zurich);
	let step = I64F64::from_bits(20 * (1i128 << 64) / 111_195);
	Location::new(
		I64F64::from_bits(ne.lat.to_bits() - step.to_bits()),
		I64F64::from_bits(ne.lon.to_bits() - step.to_bits()),
	)
}

/// Fill every bucket the check of `location` reads (its own one short of full) with locations
/// of another community at each cell's centre (kilometres away).
fn fill_buckets<T: Config>(location: &Location) {
	let other = CommunityIdentifier { geohash: *b"00000", digest: [1; 4] };
	let min = T::MinLocationDistance::get();
	let max = T::MaxLocationsPerBucket::get();
	for (i, bucket) in buckets_to_check(location, min).unwrap_or_default().into_iter().enumerate() {
		let Some(c) = cell(&bucket) else { continue };
		let mid = |a: I64F64, b: I64F64| I64F64::from_bits(a.to_bits() / 2 + b.to_bits() / 2);
		let far = Location::new(
			mid(c.south_west.lat, c.north_east.lat),
			mid(c.south_west.lon, c.north_east.lon),
		);
		let n = if i == 0 { max.saturating_sub(1) } else { max };
		let entries = vec![BucketEntry { location: far, cid: other, index: 0 }; n as usize];
		BucketLocations::<T>::insert(bucket, BoundedVec::truncate_from(entries));
	}
}

/// The account that founds the benchmark community and pays its deposits.
fn founder<T: Config>() -> T::AccountId {
	let founder = account("founder", 0, 0);
	fund::<T>(&founder);
	founder
}

/// The largest community (most bootstrappers, largest metadata) at `corner_location`, its
/// deposits held on [`founder`].
fn community<T: Config>() -> Result<CommunityIdentifier, BenchmarkError> {
	let founding = Founding {
		location: corner_location(),
		bootstrappers: max_bootstrappers::<T>(),
		metadata: largest_metadata(),
		demurrage: None,
		nominal_income: None,
	};
	Pallet::<T>::do_new_community(founding, Some(founder::<T>()))
		.map_err(|_| BenchmarkError::Stop("cannot found the benchmark community"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Worst case: most bootstrappers, largest metadata, four full buckets to check, two
	// deposits held.
	#[benchmark]
	fn new_community() -> Result<(), BenchmarkError> {
		let location = corner_location();
		fill_buckets::<T>(&location);
		let origin = creator::<T>()?;
		let bootstrappers = max_bootstrappers::<T>();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			location,
			bootstrappers,
			largest_metadata(),
			Some(T::MaxDemurrage::get()),
			Some(U64F64::ONE),
		);

		assert_eq!(Metadata::<T>::count(), 1);
		Ok(())
	}

	// Worst case: a bootstrapper (looked up among the most) paying the deposit, four full
	// buckets to check.
	#[benchmark]
	fn add_location() -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let location = Location::new(I64F64::from_int(-33), I64F64::from_int(18));
		let location = geohash(&location)
			.ok()
			.and_then(|h| cell(&h))
			.map_or(location, |c| c.north_east);
		let location = Location::new(
			I64F64::from_bits(location.lat.to_bits() - (1i128 << 50)),
			I64F64::from_bits(location.lon.to_bits() - (1i128 << 50)),
		);
		fill_buckets::<T>(&location);
		let origin = authority::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid, location);

		assert_eq!(LocationCount::<T>::get(cid), 2);
		Ok(())
	}

	// Worst case: the first location goes (its deposit released), the last moves into its
	// index from a full bucket.
	#[benchmark]
	fn remove_location() -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let last = Location::new(I64F64::from_int(-20), I64F64::from_int(20));
		fill_buckets::<T>(&last);
		Pallet::<T>::do_add_location(cid, last, None)
			.map_err(|_| BenchmarkError::Stop("cannot add the second location"))?;
		let origin = authority::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid, corner_location());

		assert_eq!(Pallet::<T>::locations(cid), vec![last]);
		Ok(())
	}

	// Single path: the authority looked up, validate the largest metadata, write.
	#[benchmark]
	fn update_metadata() -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let origin = authority::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid, largest_metadata());

		Ok(())
	}

	// Single path: existence check, write.
	#[benchmark]
	fn update_demurrage() -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let origin = governor::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid, Some(T::MaxDemurrage::get()));

		assert_eq!(Pallet::<T>::demurrage(cid), T::MaxDemurrage::get());
		Ok(())
	}

	// Single path: existence check, write.
	#[benchmark]
	fn update_nominal_income() -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let origin = governor::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid, Some(U64F64::ONE));

		assert_eq!(Pallet::<T>::nominal_income(cid), U64F64::ONE);
		Ok(())
	}

	// Linear in the locations, each in its own bucket with its deposit to release.
	#[benchmark]
	fn purge_community(l: Linear<1, { T::MaxLocations::get() }>) -> Result<(), BenchmarkError> {
		let cid = community::<T>()?;
		let founder = founder::<T>();
		for i in 1..l {
			let lat = I64F64::from_bits((-25i128 << 64) + i128::from(i) * ((1i128 << 64) / 20));
			let location = Location::new(lat, I64F64::from_int(30));
			Pallet::<T>::do_add_location(cid, location, Some(founder.clone()))
				.map_err(|_| BenchmarkError::Stop("cannot add a location"))?;
		}
		let origin = governor::<T>(&cid)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cid);

		assert_eq!(Metadata::<T>::count(), 0);
		Ok(())
	}

	// Single path: one write.
	#[benchmark]
	fn set_open_creation() -> Result<(), BenchmarkError> {
		let origin = master::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);

		assert!(OpenCreation::<T>::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
