// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: the bazaar as wallets and explorers list it.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{Business, CommunityIdentifier, IpfsCid, OfferingId};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Businesses and offerings of a community.
	pub trait BazaarApi<AccountId: Codec> {
		/// Every business of `cid`: controller and record.
		fn businesses(cid: CommunityIdentifier) -> Vec<(AccountId, Business)>;
		/// Every offering in `cid`: controller, id and description.
		fn offerings(cid: CommunityIdentifier) -> Vec<(AccountId, OfferingId, IpfsCid)>;
		/// The offerings of `controller`'s business in `cid`, by id.
		fn business_offerings(cid: CommunityIdentifier, controller: AccountId) -> Vec<(OfferingId, IpfsCid)>;
	}
}
