// SPDX-License-Identifier: GPL-3.0-or-later
//! Balances ([`Chain::balances`]): the native token and community currencies (with demurrage
//! applied by the runtime), issuance, and transfers.

use crate::{
	error::{Error, Result},
	runtime::{
		self,
		runtime_types::{
			convene_runtime::RuntimeCall, pallet_balances::pallet::Call as BalancesCall,
		},
	},
	Chain, TxOutcome,
};
use convene_primitives::{community::CommunityIdentifier, fixed::U64F64};
use subxt::utils::{AccountId32, MultiAddress, Static};
use subxt_signer::sr25519::Keypair;

/// Balances on one connection.
#[derive(Clone, Copy)]
pub struct Balances<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Balances: native and community currencies, issuance, transfers.
	pub fn balances(&self) -> Balances<'_> {
		Balances { chain: self }
	}
}

impl Balances<'_> {
	/// The native free balance of `who` (0 for an account that does not exist).
	pub async fn native(self, who: &AccountId32) -> Result<u128> {
		let at = self.chain.at_best().await?;
		let info = at
			.storage()
			.try_fetch(runtime::storage().system().account(), (*who,))
			.await
			.map_err(Error::rpc)?;
		match info {
			Some(info) => Ok(info.decode().map_err(Error::rpc)?.data.free),
			None => Ok(0),
		}
	}

	/// `who`'s balance of `cid`'s currency, demurrage applied to the best block.
	pub async fn of(self, cid: CommunityIdentifier, who: &AccountId32) -> Result<U64F64> {
		let api = runtime::runtime_apis().community_balances_api();
		Ok(self.chain.call(api.balance(Static(cid), *who)).await?.0)
	}

	/// Every community-currency balance of `who`.
	pub async fn all(self, who: &AccountId32) -> Result<Vec<(CommunityIdentifier, U64F64)>> {
		let api = runtime::runtime_apis().community_balances_api();
		let list = self.chain.every_page(|after, limit| api.balances(*who, after, limit)).await?;
		Ok(list.into_iter().map(|(cid, balance)| (cid.0, balance.0)).collect())
	}

	/// The total issuance of `cid`'s currency, demurrage applied.
	pub async fn issuance(self, cid: CommunityIdentifier) -> Result<U64F64> {
		let api = runtime::runtime_apis().community_balances_api();
		Ok(self.chain.call(api.total_issuance(Static(cid))).await?.0)
	}

	/// Transfer `amount` plancks to `to`; `keep_alive` refuses to remove the sender's account.
	pub async fn transfer_native(
		self,
		key: &Keypair,
		to: AccountId32,
		amount: u128,
		keep_alive: bool,
	) -> Result<TxOutcome> {
		let (dest, tx) = (MultiAddress::Id(to), runtime::transactions().balances());
		if keep_alive {
			self.chain.submit(&tx.transfer_keep_alive(dest, amount), key).await
		} else {
			self.chain.submit(&tx.transfer_allow_death(dest, amount), key).await
		}
	}

	/// Transfer each `(account, plancks)` of `transfers` in one `batch_all` (all or none).
	pub async fn fund(self, key: &Keypair, transfers: &[(AccountId32, u128)]) -> Result<TxOutcome> {
		let calls = transfers
			.iter()
			.map(|(to, value)| {
				RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
					dest: MultiAddress::Id(*to),
					value: *value,
				})
			})
			.collect();
		self.chain
			.submit(&runtime::transactions().utility().batch_all(calls), key)
			.await
	}

	/// Transfer `amount` of `cid`'s currency to `to`.
	pub async fn transfer(
		self,
		key: &Keypair,
		to: AccountId32,
		cid: CommunityIdentifier,
		amount: U64F64,
	) -> Result<TxOutcome> {
		let call =
			runtime::transactions()
				.community_balances()
				.transfer(to, Static(cid), Static(amount));
		self.chain.submit(&call, key).await
	}

	/// Transfer all of `key`'s balance of `cid`'s currency to `to`, removing its account.
	pub async fn transfer_all(
		self,
		key: &Keypair,
		to: AccountId32,
		cid: CommunityIdentifier,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().community_balances().transfer_all(to, Static(cid));
		self.chain.submit(&call, key).await
	}
}
