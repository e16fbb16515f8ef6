// SPDX-License-Identifier: GPL-3.0-or-later
//! Many transactions over one connection: submitted concurrently, nonces counted here, each one
//! followed until it is in a block.

use crate::progress::Progress;
use convene_client::{
	chain::{AtBlock, TxOptions},
	error::{Error, Result},
	Chain, TxOutcome,
};
use futures::{stream, StreamExt};
use std::{collections::BTreeMap, sync::Mutex, time::Duration};
use subxt::{transactions::Payload, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

/// Transactions followed at once. The node serves 1024 subscriptions per connection.
const IN_FLIGHT: usize = 256;

/// How long a transaction is followed before it is given up as lost.
const PATIENCE: Duration = Duration::from_secs(30);

/// How often a transaction is signed again after its nonce was taken by another submitter.
const NONCE_RETRIES: usize = 3;

/// Submits transactions with nonces it counts itself, so that one account's transactions can
/// be in flight together.
pub struct Submitter {
	chain: Chain,
	nonces: Mutex<BTreeMap<AccountId32, u64>>,
}

impl Submitter {
	/// A submitter on `chain`.
	pub fn new(chain: Chain) -> Self {
		Self { chain, nonces: Mutex::new(BTreeMap::new()) }
	}

	/// The connection.
	pub fn chain(&self) -> &Chain {
		&self.chain
	}

	/// The nonce for `who`'s next transaction: the node's the first time, then counted here.
	async fn take_nonce(&self, who: &AccountId32) -> Result<u64> {
		if let Some(nonce) = self.nonces.lock().map_err(poisoned)?.get_mut(who) {
			*nonce += 1;
			return Ok(*nonce - 1);
		}
		let fetched = self.chain.next_nonce(who).await?;
		let mut nonces = self.nonces.lock().map_err(poisoned)?;
		// Another transaction of `who` may have fetched it meanwhile.
		let nonce = nonces.entry(*who).or_insert(fetched);
		*nonce += 1;
		Ok(*nonce - 1)
	}

	/// Ask the node for `who`'s nonce next time (a transaction was refused, its nonce unused).
	fn forget(&self, who: &AccountId32) {
		if let Ok(mut nonces) = self.nonces.lock() {
			nonces.remove(who);
		}
	}

	/// Sign `call` with `key`, built at block `at`, submit it and follow it into a block.
	pub async fn submit_at<Call: Payload>(
		&self,
		at: &AtBlock,
		call: &Call,
		key: &Keypair,
	) -> Result<TxOutcome> {
		let who = key.public_key().to_account_id();
		let mut retries = 0;
		loop {
			let nonce = self.take_nonce(&who).await?;
			let options = TxOptions { nonce: Some(nonce), ..TxOptions::default() };
			log::debug!(
				"submitting {}::{} of {who} with nonce {nonce}",
				call.pallet_name(),
				call.call_name()
			);
			let submitted =
				tokio::time::timeout(PATIENCE, self.chain.submit_at(at, call, key, options));
			let outcome = submitted.await.unwrap_or_else(|_| {
				Err(Error::Rpc(format!(
					"no news of the transaction of {who} with nonce {nonce} for {} s",
					PATIENCE.as_secs()
				)))
			});
			log::debug!("nonce {nonce} of {who}: {:?}", outcome.as_ref().map(|o| o.block));
			match outcome {
				Ok(outcome) => return Ok(outcome),
				// Included and failed: the nonce is used.
				Err(e @ Error::Dispatch { .. }) => return Err(e),
				Err(Error::Rejected(m)) if retries < NONCE_RETRIES && nonce_taken(&m) => {
					log::debug!("nonce {nonce} of {who} was taken ({m}); signing again");
					self.forget(&who);
					retries += 1;
				},
				Err(e) => {
					self.forget(&who);
					return Err(e);
				},
			}
		}
	}

	/// [`Submitter::submit_at`] at the best block.
	pub async fn submit<Call: Payload>(&self, call: &Call, key: &Keypair) -> Result<TxOutcome> {
		self.submit_at(&self.chain.at_best().await?, call, key).await
	}

	/// Submit every `(call, key)` concurrently, all built at the best block, counting them on
	/// `progress`; the results are in the jobs' order.
	pub async fn submit_all<Call: Payload>(
		&self,
		jobs: Vec<(Call, &Keypair)>,
		progress: &Progress,
	) -> Result<Vec<Result<TxOutcome>>> {
		let at = self.chain.at_best().await?;
		let at = &at;
		Ok(stream::iter(jobs)
			.map(|(call, key)| async move {
				let result = self.submit_at(at, &call, key).await;
				progress.tick();
				result
			})
			.buffered(IN_FLIGHT)
			.collect()
			.await)
	}
}

/// Whether the node refused a transaction because its nonce was used by another one.
fn nonce_taken(message: &str) -> bool {
	["outdated", "Priority is too low", "Already Imported", "already imported"]
		.iter()
		.any(|m| message.contains(m))
}

fn poisoned<T>(_: T) -> Error {
	Error::Rpc("a submission task panicked".into())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn nonce_clashes_are_told_from_other_refusals() {
		assert!(nonce_taken("Invalid Transaction (1010): Transaction is outdated"));
		assert!(nonce_taken("Priority is too low: (140 vs 140)"));
		assert!(!nonce_taken("Inability to pay some fees (e.g. account balance too low)"));
	}
}
