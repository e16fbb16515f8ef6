// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: what wallets and explorers read about communities (no offchain indexing).

use crate::{CommunityIdentifier, CommunityMetadata, Demurrage, Location, NominalIncome};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
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

sp_api::decl_runtime_apis! {
	/// Communities, their names, locations, metadata and bootstrappers.
	pub trait CommunitiesApi<AccountId: Codec> {
		/// Every community with its name, ordered by identifier.
		fn communities() -> Vec<(CommunityIdentifier, Vec<u8>)>;
		/// One community, or `None` if there is no such community.
		fn community(cid: CommunityIdentifier) -> Option<CommunityDetails<AccountId>>;
	}
}
