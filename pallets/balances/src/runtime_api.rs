// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: community balances as wallets show them, with demurrage applied up to the
//! block's timestamp.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{Balance, CommunityIdentifier};
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// Balances and issuance of community currencies.
	///
	/// Version 2: `balances` reads a page.
	#[api_version(2)]
	pub trait CommunityBalancesApi<AccountId: Codec> {
		/// `who`'s balance in `cid` (zero without an account).
		fn balance(cid: CommunityIdentifier, who: AccountId) -> Balance;
		/// A page of the communities in which `who` has an account, with the balance: of at
		/// most `limit` communities (at most `MAX_PAGE`) scanned after `after`, in storage order.
		fn balances(who: AccountId, after: Option<CommunityIdentifier>, limit: u32) -> Page<CommunityIdentifier, (CommunityIdentifier, Balance)>;
		/// The community's total issuance.
		fn total_issuance(cid: CommunityIdentifier) -> Balance;
		/// What a fee of `native_fee` base units of the native token costs in `cid`'s currency,
		/// or `None` if there is no such community.
		fn fee_in_community_currency(native_fee: u128, cid: CommunityIdentifier) -> Option<Balance>;
	}
}
