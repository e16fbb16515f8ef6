// SPDX-License-Identifier: GPL-3.0-or-later
//! Personhood faucets ([`Chain::faucets`]): native tokens a verified person draws once per
//! attendance.

use crate::{
	error::{Error, Result},
	runtime::{
		self,
		faucet::events::FaucetCreated,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			convene_runtime::RuntimeCall,
			pallet_personhood_faucet::pallet::{Call as FaucetCall, FaucetInfo},
		},
	},
	Chain, TxOutcome,
};
use convene_primitives::{community::CommunityIdentifier, scheduler::CeremonyIndex};
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;

/// A faucet as the chain stores it.
pub type Faucet = FaucetInfo;

/// Faucets on one connection.
#[derive(Clone, Copy)]
pub struct Faucets<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Personhood faucets.
	pub fn faucets(&self) -> Faucets<'_> {
		Faucets { chain: self }
	}
}

impl Faucets<'_> {
	/// Every faucet: account, record and balance.
	pub async fn list(self) -> Result<Vec<(AccountId32, Faucet, u128)>> {
		let api = runtime::runtime_apis().faucet_api();
		self.chain.every_page(|after, limit| api.faucets(after, limit)).await
	}

	/// `faucet`'s record.
	pub async fn get(self, faucet: &AccountId32) -> Result<Faucet> {
		self.list()
			.await?
			.into_iter()
			.find(|(account, ..)| account == faucet)
			.map(|(_, info, _)| info)
			.ok_or_else(|| Error::BadInput(format!("there is no faucet {faucet}")))
	}

	/// The newest attendance of `who`'s of `cid` that has not drawn from the faucet `info` yet.
	pub async fn undrawn(
		self,
		info: &Faucet,
		who: &AccountId32,
		cid: CommunityIdentifier,
	) -> Result<Option<CeremonyIndex>> {
		let unspent = self.chain.democracy().unspent(who, info.purpose, |c, _| c == cid).await?;
		Ok(unspent.into_iter().map(|(_, cindex)| cindex).max())
	}

	/// Create the faucet `name`, filled with `amount`, paying `drip` per attendance of the
	/// `whitelist`ed communities (all, if none); returns its account with the outcome.
	pub async fn create(
		self,
		key: &Keypair,
		name: &str,
		amount: u128,
		whitelist: Option<Vec<CommunityIdentifier>>,
		drip: u128,
	) -> Result<(AccountId32, TxOutcome)> {
		let whitelist = whitelist.map(|w| BoundedVec(w.into_iter().map(Static).collect()));
		let call = runtime::transactions().faucet().create_faucet(
			BoundedVec(name.as_bytes().to_vec()),
			amount,
			whitelist,
			drip,
		);
		let outcome = self.chain.submit(&call, key).await?;
		let created = outcome
			.first::<FaucetCreated>()
			.ok_or_else(|| Error::Rpc("the node reported no FaucetCreated event".into()))?;
		Ok((created.faucet, outcome))
	}

	/// Draw a drip from `faucet` with `key`'s attendance of `(cid, cindex)`.
	pub async fn drip(
		self,
		key: &Keypair,
		faucet: AccountId32,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().faucet().drip(faucet, Static(cid), cindex);
		self.chain.submit(&call, key).await
	}

	/// Close `key`'s faucet (it holds less than two drips).
	pub async fn close(self, key: &Keypair, faucet: AccountId32) -> Result<TxOutcome> {
		self.chain
			.submit(&runtime::transactions().faucet().close_faucet(faucet), key)
			.await
	}

	/// Dissolve `faucet`, paying what it holds to `beneficiary` (Root: `sudo` is the sudo key).
	pub async fn dissolve(
		self,
		sudo: &Keypair,
		faucet: AccountId32,
		beneficiary: AccountId32,
	) -> Result<TxOutcome> {
		let call = RuntimeCall::Faucet(FaucetCall::dissolve_faucet { faucet, beneficiary });
		self.chain.submit(&runtime::transactions().sudo().sudo(call), sudo).await
	}
}
