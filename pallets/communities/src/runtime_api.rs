// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: what wallets and explorers read about communities (no offchain indexing).

use crate::{CommunityIdentifier, CommunityMetadata, Demurrage, Location, NominalIncome};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use convene_primitives::page::Page;
use scale_info::TypeInfo;

/// Everything about one community.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct CommunityDetails<AccountId> {
	/// Name, symbol, assets, theme, url.
	pub metadata: CommunityMetadata,
	/// The bootstrappers, in the order the identifier was derived from.
	pub bootstrappers: Vec<AccountId>,
	/// The locations, by index (the order meetups are assigned in).
	pub locations: Vec<Location>,
	/// Demurrage in effect (rate per year).
	pub demurrage: Demurrage,
	/// Nominal income in effect.
	pub nominal_income: NominalIncome,
}

/// What stands in the way of adding a location, as `new_community` and `add_location` would
/// find it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum LocationConflict {
	/// Not a location meetups may be held at (out of range, too far from the equator, too close
	/// to the date line).
	Invalid,
	/// Closer than `MinLocationDistance` to a location of a community.
	TooClose {
		/// The community whose location it is.
		cid: CommunityIdentifier,
		/// That location.
		location: Location,
		/// The great-circle distance between the two, in metres.
		distance_m: u32,
	},
	/// Its geohash bucket would hold more than `MaxLocationsPerBucket` locations.
	BucketFull {
		/// How many locations the bucket holds on chain.
		held: u32,
		/// How many of the locations asked about before this one fall into it too.
		before: u32,
	},
}

sp_api::decl_runtime_apis! {
	/// Communities, their names, locations, metadata and bootstrappers.
	///
	/// Version 2: `communities` reads a page.
	#[api_version(2)]
	pub trait CommunitiesApi<AccountId: Codec> {
		/// A page of the communities with their names, in storage order: at most `limit`
		/// (at most `MAX_PAGE`) after the community `after`.
		fn communities(after: Option<CommunityIdentifier>, limit: u32) -> Page<CommunityIdentifier, (CommunityIdentifier, Vec<u8>)>;
		/// One community, or `None` if there is no such community.
		fn community(cid: CommunityIdentifier) -> Option<CommunityDetails<AccountId>>;
		/// What stands in the way of adding `locations`, in order, to a community: for each of
		/// the first `MaxLocations` (no community holds more), `(index, conflict)` pairs in
		/// order; empty if every one could be added. Distances are checked against the chain's
		/// locations, not between the ones asked about; a bucket's capacity counts both.
		fn location_conflicts(locations: Vec<Location>) -> Vec<(u32, LocationConflict)>;
	}
}
