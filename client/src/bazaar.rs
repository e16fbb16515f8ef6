// SPDX-License-Identifier: GPL-3.0-or-later
//! The bazaar ([`Chain::bazaar`]): a community's businesses and their offerings, each described
//! by an IPFS content id.

use crate::{
	error::{Error, Result},
	runtime::{
		self,
		bazaar::events::OfferingCreated,
		runtime_types::{bounded_collections::bounded_vec::BoundedVec, pallet_bazaar::pallet},
	},
	Chain, TxOutcome,
};
use convene_primitives::community::CommunityIdentifier;
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;

/// A business: its description's content id and its offerings' count and next id.
pub type Business = pallet::Business;

/// The bazaar on one connection.
#[derive(Clone, Copy)]
pub struct Bazaar<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// The bazaar: businesses and offerings.
	pub fn bazaar(&self) -> Bazaar<'_> {
		Bazaar { chain: self }
	}
}

/// Text for bytes the chain stores (content ids).
fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

impl Bazaar<'_> {
	/// The businesses of `cid`, by controller.
	pub async fn businesses(
		self,
		cid: CommunityIdentifier,
	) -> Result<Vec<(AccountId32, Business)>> {
		let api = runtime::runtime_apis().bazaar_api();
		self.chain
			.every_page(|after, limit| api.businesses(Static(cid), after, limit))
			.await
	}

	/// The offerings of `cid`: controller, id and content id, by controller then id.
	pub async fn offerings(
		self,
		cid: CommunityIdentifier,
	) -> Result<Vec<(AccountId32, u32, String)>> {
		let api = runtime::runtime_apis().bazaar_api();
		let list = self
			.chain
			.every_page(|after, limit| api.offerings(Static(cid), after, limit))
			.await?;
		let mut list: Vec<_> =
			list.into_iter().map(|(who, oid, url)| (who, oid, text(&url.0))).collect();
		list.sort_by_key(|(who, oid, _)| (who.0, *oid));
		Ok(list)
	}

	/// The offerings of `who`'s business in `cid`: id and content id.
	pub async fn business_offerings(
		self,
		cid: CommunityIdentifier,
		who: &AccountId32,
	) -> Result<Vec<(u32, String)>> {
		let api = runtime::runtime_apis().bazaar_api();
		let list = self.chain.call(api.business_offerings(Static(cid), *who)).await?;
		Ok(list.into_iter().map(|(oid, url)| (oid, text(&url.0))).collect())
	}

	/// Register `key`'s business in `cid` (or with `update`, change its description), described
	/// by content id `url`.
	pub async fn describe_business(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		url: &str,
		update: bool,
	) -> Result<TxOutcome> {
		let (url, tx) = (BoundedVec(url.as_bytes().to_vec()), runtime::transactions().bazaar());
		if update {
			self.chain.submit(&tx.update_business(Static(cid), url), key).await
		} else {
			self.chain.submit(&tx.create_business(Static(cid), url), key).await
		}
	}

	/// Delete `key`'s business in `cid` and its offerings.
	pub async fn delete_business(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().bazaar().delete_business(Static(cid));
		self.chain.submit(&call, key).await
	}

	/// Add an offering, described by content id `url`, to `key`'s business in `cid`; returns
	/// its id with the outcome.
	pub async fn create_offering(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		url: &str,
	) -> Result<(u32, TxOutcome)> {
		let url = BoundedVec(url.as_bytes().to_vec());
		let call = runtime::transactions().bazaar().create_offering(Static(cid), url);
		let outcome = self.chain.submit(&call, key).await?;
		let created = outcome
			.first::<OfferingCreated>()
			.ok_or_else(|| Error::Rpc("the node reported no OfferingCreated event".into()))?;
		Ok((created.oid, outcome))
	}

	/// Delete offering `oid` of `key`'s business in `cid`.
	pub async fn delete_offering(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		oid: u32,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().bazaar().delete_offering(Static(cid), oid);
		self.chain.submit(&call, key).await
	}
}
