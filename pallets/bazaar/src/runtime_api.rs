// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: the bazaar as wallets and explorers list it.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{Business, CommunityIdentifier, IpfsCid, OfferingId};
use alloc::vec::Vec;
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// Businesses and offerings of a community.
	///
	/// Version 2: `businesses` and `offerings` read pages.
	#[api_version(2)]
	pub trait BazaarApi<AccountId: Codec> {
		/// A page of the businesses of `cid`, controller and record: at most `limit` (at most
		/// `MAX_PAGE`) after the business of `after`, in storage order.
		fn businesses(cid: CommunityIdentifier, after: Option<AccountId>, limit: u32) -> Page<AccountId, (AccountId, Business)>;
		/// A page of the offerings in `cid`, controller, id and description: at most `limit`
		/// after the offering `after`, in storage order (a business's offerings together).
		fn offerings(cid: CommunityIdentifier, after: Option<(AccountId, OfferingId)>, limit: u32) -> Page<(AccountId, OfferingId), (AccountId, OfferingId, IpfsCid)>;
		/// The offerings of `controller`'s business in `cid`, by id (at most `MaxOfferings`).
		fn business_offerings(cid: CommunityIdentifier, controller: AccountId) -> Vec<(OfferingId, IpfsCid)>;
	}
}
