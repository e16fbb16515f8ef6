// SPDX-License-Identifier: GPL-3.0-or-later
//! Treasuries ([`Chain::treasuries`]): each community's keyless account and the global one,
//! what they hold, the share of issuance they receive, and their history.

use crate::{
	error::Result,
	runtime::{self, runtime_types::pallet_community_treasuries::pallet::HistoryEntry},
	Chain,
};
use convene_primitives::{community::CommunityIdentifier, fixed::U64F64};
use subxt::utils::{AccountId32, Static};

/// A treasury: a community's (`Some`), or the global one (`None`).
pub type Treasury = Option<CommunityIdentifier>;

/// An entry of a treasury's history.
pub type Entry = HistoryEntry<AccountId32, u128, u32>;

/// What a treasury is and holds.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TreasuryInfo {
	/// Its account.
	pub account: AccountId32,
	/// Native tokens held (base units).
	pub native: u128,
	/// The community's currency held, with demurrage applied (a community's treasury).
	pub community_currency: Option<U64F64>,
	/// The share of each ceremony's issuance it receives, in parts per billion.
	pub issuance_share: Option<u32>,
}

/// Treasuries on one connection.
#[derive(Clone, Copy)]
pub struct Treasuries<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Treasuries: accounts, balances, shares of issuance, history.
	pub fn treasuries(&self) -> Treasuries<'_> {
		Treasuries { chain: self }
	}
}

impl Treasuries<'_> {
	/// `treasury`'s account, balances and share of issuance.
	pub async fn info(self, treasury: Treasury) -> Result<TreasuryInfo> {
		let api = runtime::runtime_apis().treasuries_api();
		let account = self.chain.call(api.account(treasury.map(Static))).await?;
		let (native, community_currency) =
			self.chain.call(api.balances(treasury.map(Static))).await?;
		let issuance_share = match treasury {
			Some(cid) => Some(self.chain.call(api.issuance_share(Static(cid))).await?),
			None => None,
		};
		Ok(TreasuryInfo {
			account,
			native,
			community_currency: community_currency.map(|c| c.0),
			issuance_share,
		})
	}

	/// `treasury`'s history, newest first: sequence number and entry.
	pub async fn history(self, treasury: Treasury) -> Result<Vec<(u64, Entry)>> {
		let api = runtime::runtime_apis().treasuries_api();
		self.chain
			.every_page(|before, limit| api.history(treasury.map(Static), before, limit))
			.await
	}
}
