// SPDX-License-Identifier: GPL-3.0-or-later
//! The one submission engine every tool uses: sign, submit, follow to the level asked for, and
//! report the transaction's typed events or its pallet error by name.
//!
//! - **Nonces are counted here**: the node's next nonce the first time an account signs, then
//!   one more per transaction, so one account's transactions can be in flight together. A
//!   nonce the node says was taken (by another process) is fetched again and the transaction
//!   signed again, up to [`NONCE_RETRIES`] times; a refused transaction's nonce is returned.
//! - **Bursts are built at one block**: the block transactions are built at is looked up at
//!   most every [`BUILD_BLOCK_AGE`], so a burst of thousands costs a few lookups.
//! - **Blocks are read once**: the events of a block are fetched and decoded once however many
//!   of its transactions are followed.
//! - [`Chain::each`] runs many transactions (or any futures) at once, at most [`IN_FLIGHT`].

use crate::{
	chain::{AtBlock, BlockReport, Chain, TxOptions, Wait},
	config::TxParams,
	error::{Error, Result},
	events::ChainEvent,
	runtime,
};
use futures::{stream, Future, StreamExt};
use serde::Serialize;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};
use subxt::{
	events::Phase,
	transactions::{Payload, TransactionStatus},
	utils::{AccountId32, Static, H256},
};
use subxt_signer::sr25519::Keypair;

/// Blocks a transaction stays valid for after the block it is built at: the longest era the
/// runtime's 2,400 remembered block hashes allow (a power of two). subxt's 32 lasted well under
/// a second on an instant-sealed dev chain under load, where every imported transaction seals a
/// block: bots registering 5,000 participants, built at one block, were refused with "ancient
/// birth block". On 6-second blocks it is 3.4 hours; nonces keep a transaction from being
/// replayed within it.
const MORTALITY: u64 = 2048;

/// How many blocks before the one a transaction is built at its mortal era starts. A node's
/// fork-aware pool validates a transaction on its newest view, which can be the parent of the
/// block just imported; a transaction born at that block would then be "ancient" (its birth
/// block is not yet among the runtime's block hashes) and refused.
const BIRTH_LAG: u64 = 4;

/// How long the block transactions are built at is used before the best block is looked up
/// again.
pub const BUILD_BLOCK_AGE: Duration = Duration::from_secs(1);

/// Transactions (or other futures) [`Chain::each`] runs at once. The node serves 1024
/// subscriptions per connection.
pub const IN_FLIGHT: usize = 256;

/// How often a transaction is signed again after its nonce was taken by another submitter.
const NONCE_RETRIES: usize = 3;

/// What became of a transaction.
#[derive(Clone, Debug, Serialize)]
pub struct TxOutcome {
	/// The transaction's hash.
	pub hash: H256,
	/// How far it was followed.
	pub status: Wait,
	/// The block it is in (not known when only waiting until ready).
	pub block: Option<H256>,
	/// Its events (empty when only waiting until ready).
	pub events: Vec<ChainEvent>,
}

impl TxOutcome {
	/// Its events of type `E` (a generated event type, e.g. `runtime::utility::events::ItemFailed`).
	pub fn find<E: subxt::events::DecodeAsEvent + 'static>(&self) -> impl Iterator<Item = E> + '_ {
		self.events.iter().filter_map(ChainEvent::decode)
	}

	/// Its first event of type `E`.
	pub fn first<E: subxt::events::DecodeAsEvent + 'static>(&self) -> Option<E> {
		self.find().next()
	}
}

/// A call encoded once against the metadata of the block it is built at (after the generated
/// code's hash was checked against it): the engine signs it as the call itself.
struct Encoded {
	pallet: String,
	call: String,
	fields: EncodedFields,
}

/// A call's fields, SCALE-encoded already.
struct EncodedFields(Vec<u8>);

impl subxt::ext::scale_encode::EncodeAsFields for EncodedFields {
	fn encode_as_fields_to<R: subxt::ext::scale_type_resolver::TypeResolver>(
		&self,
		_fields: &mut dyn subxt::ext::scale_encode::FieldIter<'_, R::TypeId>,
		_types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), subxt::ext::scale_encode::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
	}
}

impl Encoded {
	/// `call`, checked against the metadata of `at` and encoded.
	fn of<Call: Payload>(at: &AtBlock, call: &Call) -> Result<Self> {
		let transactions = at.transactions();
		transactions.validate(call).map_err(Error::rejected_by_node)?;
		let data = transactions.call_data(call).map_err(Error::rejected_by_node)?;
		Ok(Self {
			pallet: call.pallet_name().to_owned(),
			call: call.call_name().to_owned(),
			// The pallet's and the call's indices come first; subxt writes them again.
			fields: EncodedFields(data.get(2..).unwrap_or_default().to_vec()),
		})
	}
}

impl Payload for Encoded {
	type CallData = EncodedFields;

	fn pallet_name(&self) -> &str {
		&self.pallet
	}

	fn call_name(&self) -> &str {
		&self.call
	}

	fn call_data(&self) -> &EncodedFields {
		&self.fields
	}
}

fn poisoned<T>(_: T) -> Error {
	Error::Rpc("a submission task panicked".into())
}

/// Whether the node refused a transaction because its nonce was used by another one.
fn nonce_taken(message: &str) -> bool {
	["outdated", "Priority is too low", "Already Imported", "already imported"]
		.iter()
		.any(|m| message.contains(m))
}

impl Chain {
	/// This connection with other transaction defaults (clones share the connection, the
	/// nonces and the block reports).
	pub fn with_options(&self, options: TxOptions) -> Self {
		let mut chain = self.clone();
		chain.options = options;
		chain
	}

	/// Sign `call` with `signer`, submit it and follow it as the connection's options say. A
	/// transaction that fails in its block is [`Error::Dispatch`], naming the pallet error.
	pub async fn submit<Call: Payload>(&self, call: &Call, signer: &Keypair) -> Result<TxOutcome> {
		let at = self.build_block().await?;
		let call = Encoded::of(&at, call)?;
		self.submit_encoded(&at, &call, signer, self.options).await
	}

	/// Run `jobs` (transactions, or anything else) at most [`IN_FLIGHT`] at once, calling
	/// `done` as each finishes; the results are in the jobs' order.
	pub async fn each<F: Future>(
		&self,
		jobs: impl IntoIterator<Item = F>,
		done: impl Fn(),
	) -> Vec<F::Output> {
		let done = &done;
		stream::iter(jobs)
			.map(|job| async move {
				let result = job.await;
				done();
				result
			})
			.buffered(IN_FLIGHT)
			.collect()
			.await
	}

	/// The block transactions are built at: the best block, looked up again when older than
	/// [`BUILD_BLOCK_AGE`].
	async fn build_block(&self) -> Result<AtBlock> {
		let mut cached = self.engine.build_at.lock().await;
		if let Some((_, at)) = cached.as_ref().filter(|(w, _)| w.elapsed() < BUILD_BLOCK_AGE) {
			return Ok(at.clone());
		}
		let at = self.at_best().await?;
		*cached = Some((Instant::now(), at.clone()));
		Ok(at)
	}

	/// The nonce for `who`'s next transaction: the node's the first time, then counted here.
	async fn take_nonce(&self, who: &AccountId32) -> Result<u64> {
		if let Some(nonce) = self.engine.nonces.lock().map_err(poisoned)?.get_mut(who) {
			*nonce += 1;
			return Ok(*nonce - 1);
		}
		let fetched = self.next_nonce(who).await?;
		let mut nonces = self.engine.nonces.lock().map_err(poisoned)?;
		// Another transaction of `who` may have fetched it meanwhile.
		let nonce = nonces.entry(*who).or_insert(fetched);
		*nonce += 1;
		Ok(*nonce - 1)
	}

	/// Ask the node for `who`'s nonce next time (a transaction was refused, its nonce unused).
	fn forget_nonce(&self, who: &AccountId32) {
		if let Ok(mut nonces) = self.engine.nonces.lock() {
			nonces.remove(who);
		}
	}

	/// [`Chain::submit`], built at block `at` with `options`: with a counted nonce unless
	/// `options` gives one.
	pub async fn submit_at<Call: Payload>(
		&self,
		at: &AtBlock,
		call: &Call,
		signer: &Keypair,
		options: TxOptions,
	) -> Result<TxOutcome> {
		self.submit_encoded(at, &Encoded::of(at, call)?, signer, options).await
	}

	/// [`Chain::submit_at`] of an encoded call: the engine proper, compiled once rather than for
	/// every call type (which made the CLI's binary 3 MB larger and its start slower).
	async fn submit_encoded(
		&self,
		at: &AtBlock,
		call: &Encoded,
		signer: &Keypair,
		options: TxOptions,
	) -> Result<TxOutcome> {
		if let Some(nonce) = options.nonce {
			return self.follow(at, call, signer, options, nonce).await;
		}
		let who = signer.public_key().to_account_id();
		let mut retries = 0;
		loop {
			let nonce = self.take_nonce(&who).await?;
			log::debug!(
				"submitting {}::{} of {who} with nonce {nonce}",
				call.pallet_name(),
				call.call_name()
			);
			match self.follow(at, call, signer, options, nonce).await {
				Ok(outcome) => return Ok(outcome),
				// Included and failed: the nonce is used.
				Err(e @ Error::Dispatch { .. }) => return Err(e),
				Err(Error::Rejected(m)) if retries < NONCE_RETRIES && nonce_taken(&m) => {
					log::debug!("nonce {nonce} of {who} was taken ({m}); signing again");
					self.forget_nonce(&who);
					retries += 1;
				},
				Err(e) => {
					self.forget_nonce(&who);
					return Err(e);
				},
			}
		}
	}

	/// Sign `call` with `nonce`, submit it and follow it, within `options.patience`.
	async fn follow(
		&self,
		at: &AtBlock,
		call: &Encoded,
		signer: &Keypair,
		options: TxOptions,
		nonce: u64,
	) -> Result<TxOutcome> {
		let followed = async {
			let (birth, birth_hash) = self.era_birth(at).await?;
			let mut params =
				TxParams::new().mortal_from_unchecked(MORTALITY, birth, birth_hash).nonce(nonce);
			if let Some(cid) = options.fee_cid {
				params = params.tip_of(0, Static(cid.into()));
			}
			let mut progress = at
				.transactions()
				.sign_and_submit_then_watch(call, signer, params.build())
				.await
				.map_err(Error::rejected_by_node)?;
			let hash = progress.extrinsic_hash();
			while let Some(status) = progress.next().await {
				let status = status.map_err(Error::rejected)?;
				let in_block = match status {
					TransactionStatus::Validated if options.wait == Wait::Ready => {
						return Ok(TxOutcome {
							hash,
							status: Wait::Ready,
							block: None,
							events: Vec::new(),
						})
					},
					TransactionStatus::InBestBlock(b) if options.wait != Wait::Finalized => b,
					TransactionStatus::InFinalizedBlock(b) => b,
					TransactionStatus::Invalid { message }
					| TransactionStatus::Dropped { message }
					| TransactionStatus::Error { message } => return Err(Error::rejected(message)),
					_ => continue,
				};
				let block = in_block.block_hash();
				let reached = match options.wait {
					Wait::Finalized => Wait::Finalized,
					_ => Wait::InBlock,
				};
				let report = self.block_report(block).await?;
				return match report.get(&hash) {
					Some(Ok(events)) => Ok(TxOutcome {
						hash,
						status: reached,
						block: Some(block),
						events: events.clone(),
					}),
					Some(Err((name, docs))) => Err(Error::Dispatch {
						name: name.clone(),
						docs: docs.clone(),
						block: format!("{block:?}"),
					}),
					None => Err(Error::Rpc(format!(
						"transaction {hash:?} is not in its block {block:?}"
					))),
				};
			}
			Err(Error::Rpc("the node stopped reporting on the transaction".into()))
		};
		let Some(patience) = options.patience else { return followed.await };
		tokio::time::timeout(patience, followed).await.unwrap_or_else(|_| {
			Err(Error::Rpc(format!(
				"no news of the transaction of {} with nonce {nonce} for {} s",
				signer.public_key().to_account_id(),
				patience.as_secs()
			)))
		})
	}

	/// Where the era of a transaction built at `at` starts: [`BIRTH_LAG`] blocks earlier.
	async fn era_birth(&self, at: &AtBlock) -> Result<(u64, H256)> {
		let birth = at.block_number().saturating_sub(BIRTH_LAG);
		let last = *self.engine.birth.lock().map_err(poisoned)?;
		if let Some((number, hash)) = last.filter(|(number, _)| *number == birth) {
			return Ok((number, hash));
		}
		let hash = self
			.rpc()
			.chain_get_block_hash(Some(birth.into()))
			.await
			.map_err(Error::rpc)?
			.ok_or_else(|| Error::Rpc(format!("the node has no block {birth}")))?;
		*self.engine.birth.lock().map_err(poisoned)? = Some((birth, hash));
		Ok((birth, hash))
	}

	/// What became of every transaction in `block`: its events, or its error (also the error
	/// of a call it dispatched through Sudo or Proxy, which succeed either way). Fetched once
	/// per block however many of its transactions are followed.
	async fn block_report(&self, block: H256) -> Result<Arc<BlockReport>> {
		let cell = {
			let mut reports = self.engine.reports.lock().map_err(poisoned)?;
			if reports.len() > 64 {
				reports.clear();
			}
			reports.entry(block).or_default().clone()
		};
		let report = cell
			.get_or_try_init(|| async {
				let at = self.at(block).await?;
				let metadata = at.metadata();
				let extrinsics = at.extrinsics().fetch().await.map_err(Error::rpc)?;
				let mut hashes = Vec::with_capacity(extrinsics.len());
				for extrinsic in extrinsics.iter() {
					hashes.push(extrinsic.map_err(Error::rpc)?.hash());
				}
				let mut events: Vec<Vec<ChainEvent>> = vec![Vec::new(); hashes.len()];
				let mut failures: Vec<Option<(String, String)>> = vec![None; hashes.len()];
				for event in at.events().fetch().await.map_err(Error::rpc)?.iter() {
					let event = event.map_err(Error::rpc)?;
					let Phase::ApplyExtrinsic(i) = event.phase() else { continue };
					let Some(i) = usize::try_from(i).ok().filter(|i| *i < hashes.len()) else {
						continue;
					};
					use runtime::{
						proxy::events::ProxyExecuted, sudo::events::Sudid,
						system::events::ExtrinsicFailed,
					};
					let failure = if let Some(Ok(failed)) =
						event.decode_fields_as::<ExtrinsicFailed>()
					{
						Some(failed.dispatch_error)
					} else if let Some(Ok(sudid)) = event.decode_fields_as::<Sudid>() {
						sudid.sudo_result.err()
					} else if let Some(Ok(proxied)) = event.decode_fields_as::<ProxyExecuted>() {
						proxied.result.err()
					} else {
						None
					};
					if let Some(e) = failure {
						failures[i].get_or_insert_with(|| describe(&metadata, e));
					}
					events[i].push(ChainEvent::new(metadata.clone(), &event));
				}
				let report: BlockReport = hashes
					.into_iter()
					.zip(events.into_iter().zip(failures))
					.map(|(hash, (events, failure))| (hash, failure.map_or(Ok(events), Err)))
					.collect();
				Ok::<_, Error>(Arc::new(report))
			})
			.await?;
		Ok(report.clone())
	}
}

/// A dispatch error's name (`Pallet::Error`, or the kind, e.g. `Token::FundsUnavailable`) and
/// documentation.
fn describe(
	metadata: &subxt::metadata::Metadata,
	e: runtime::runtime_types::sp_runtime::DispatchError,
) -> (String, String) {
	use runtime::runtime_types::sp_runtime::DispatchError as E;
	match &e {
		E::Module(m) => metadata
			.pallet_by_error_index(m.index)
			.and_then(|p| {
				let v = p.error_variant_by_index(m.error[0])?;
				Some((format!("{}::{}", p.name(), v.name), v.docs.join(" ").trim().to_owned()))
			})
			.unwrap_or_else(|| (format!("{e:?}"), String::new())),
		other => (format!("{other:?}").replace('(', "::").replace(')', ""), String::new()),
	}
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
