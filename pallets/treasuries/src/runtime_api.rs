// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: treasuries as wallets and explorers show them.

// The macro repeats the bounds on every function taking them.
#![allow(clippy::multiple_bound_locations)]

use crate::{CommunityIdentifier, Treasury, U64F64};
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// A treasury's account, balances and history.
	pub trait TreasuriesApi<AccountId: Codec, Balance: Codec, Entry: Codec> {
		/// The account of `treasury` (`None`: the global one).
		fn account(treasury: Treasury) -> AccountId;
		/// `treasury`'s native balance, and its community currency balance (for a community's).
		fn balances(treasury: Treasury) -> (Balance, Option<U64F64>);
		/// A page of `treasury`'s history, newest first, before entry `before`: sequence number
		/// and entry.
		fn history(treasury: Treasury, before: Option<u64>, limit: u32) -> Page<u64, (u64, Entry)>;
		/// The share of each ceremony's issuance `cid` gives its treasury, in parts per billion.
		fn issuance_share(cid: CommunityIdentifier) -> u32;
	}
}
