// SPDX-License-Identifier: GPL-3.0-or-later
//! Sustained transfers per second on a dev node, from many pre-funded accounts with
//! pre-signed transactions, counted from the blocks.
//!
//! Every account sends to the next one, so no transfer creates or reaps an account. The
//! transactions are signed before the clock starts (nonces known, immortal: on an
//! instant-sealed chain a mortal era of 64 blocks lasts a few seconds), submitted round by
//! round (every account's nonce `n` before any account's `n + 1`) by concurrent workers; a
//! submission the full pool refuses is retried after a pause, so the pool stays full and the
//! chain, not the client, sets the pace. The transfers counted are the transfer events of the
//! blocks whose timestamps fall in the measured window.

use crate::{
	blocks::{best_number, Follower},
	report::Report,
};
use convene_client::{
	config::TxParams,
	runtime::{self, balances::events::Transfer, community_balances::events::Transferred},
	Chain,
};
use convene_primitives::{community::CommunityIdentifier, fixed::U64F64};
use futures::{stream, StreamExt, TryStreamExt};
use std::{
	sync::{
		atomic::{AtomicBool, AtomicUsize, Ordering},
		Arc,
	},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use subxt::utils::{AccountId32, MultiAddress, Static, H256};
use subxt_signer::sr25519::{dev, Keypair};

/// Concurrent submissions.
const WORKERS: usize = 128;
/// Submitted transfers not yet seen in a block, at most: below the pool's 8,192 ready
/// transactions, so that the pool never evicts (and bans) a transaction to make room.
const BACKLOG: usize = 6000;
/// Accounts funded per batch.
const FUNDING_CHUNK: usize = 500;
/// Seconds of load before the measured window.
pub const WARM_UP: u64 = 5;

/// Which currency moves.
#[derive(Clone, Copy, Debug)]
pub enum Currency {
	/// The native token (`Balances::transfer_keep_alive`).
	Native,
	/// A community currency (`CommunityBalances::transfer`).
	Community(CommunityIdentifier),
}

impl Currency {
	/// The name used in the report.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Native => "native",
			Self::Community(_) => "community-currency",
		}
	}
}

/// The load's accounts: keys derived from their index, so a run is the same every time.
pub fn accounts(count: usize) -> Vec<Keypair> {
	(0..count)
		.map(|i| {
			let mut seed = [0x42u8; 32];
			seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
			Keypair::from_secret_key(seed).expect("any 32 bytes are an sr25519 secret")
		})
		.collect()
}

/// Fund every account from //Alice: 100 native tokens, and `cc` of community `cid` if given
/// (//Alice must hold it).
pub async fn fund(
	chain: &Chain,
	accounts: &[Keypair],
	cc: Option<(CommunityIdentifier, U64F64)>,
) -> Result<(), String> {
	use runtime::runtime_types::{
		convene_runtime::RuntimeCall, pallet_community_balances::pallet::Call as CommunityBalances,
	};
	// One `batch_all` per chunk and currency: one transaction of //Alice at a time.
	for chunk in accounts.chunks(FUNDING_CHUNK) {
		let to: Vec<AccountId32> = chunk.iter().map(|k| k.public_key().to_account_id()).collect();
		let native: Vec<_> = to
			.iter()
			.map(|a| (*a, 100 * convene_client::amount::PLANCKS_PER_UNIT))
			.collect();
		chain
			.balances()
			.fund(&dev::alice(), &native)
			.await
			.map_err(|e| format!("funding: {e}"))?;
		if let Some((cid, amount)) = cc {
			let calls = to
				.iter()
				.map(|a| {
					RuntimeCall::CommunityBalances(CommunityBalances::transfer {
						dest: *a,
						cid: Static(cid),
						amount: Static(amount),
					})
				})
				.collect();
			let batch = runtime::transactions().utility().batch_all(calls);
			chain.submit(&batch, &dev::alice()).await.map_err(|e| format!("funding: {e}"))?;
		}
	}
	Ok(())
}

/// Sign `rounds` transfers per account, round by round, from each account's next nonce.
pub async fn presign(
	chain: &Chain,
	accounts: &[Keypair],
	currency: Currency,
	rounds: usize,
) -> Result<Vec<Vec<u8>>, String> {
	let nonces: Vec<u64> = stream::iter(accounts.iter().map(|k| k.public_key().to_account_id()))
		.map(|a| async move { chain.next_nonce(&a).await })
		.buffered(64)
		.try_collect()
		.await
		.map_err(|e| format!("nonces: {e}"))?;
	let at = chain.at_best().await.map_err(|e| e.to_string())?;
	let transactions = at.transactions();
	let mut signed = Vec::with_capacity(rounds * accounts.len());
	for round in 0..rounds {
		for (i, key) in accounts.iter().enumerate() {
			let to = accounts[(i + 1) % accounts.len()].public_key().to_account_id();
			let params = TxParams::new().nonce(nonces[i] + round as u64).immortal().build();
			let result = match currency {
				Currency::Native => {
					let call = runtime::transactions()
						.balances()
						.transfer_keep_alive(MultiAddress::Id(to), 1_000);
					transactions
						.create_signable_offline(&call, params)
						.and_then(|mut s| s.sign(key))
				},
				Currency::Community(cid) => {
					let call = runtime::transactions().community_balances().transfer(
						to,
						Static(cid),
						Static(U64F64::from_bits(1 << 40)),
					);
					transactions
						.create_signable_offline(&call, params)
						.and_then(|mut s| s.sign(key))
				},
			};
			signed.push(result.map_err(|e| format!("signing: {e}"))?.into_encoded());
		}
	}
	Ok(signed)
}

/// What a load run measured.
#[derive(Clone, Debug, Default)]
pub struct Measured {
	/// Transfers in the blocks of the window.
	pub transfers: usize,
	/// The window's length in seconds (first to last block timestamp inside it).
	pub seconds: f64,
	/// Blocks in the window.
	pub blocks: usize,
	/// The most transfers in one block.
	pub largest_block: usize,
	/// Submissions refused by the full pool (then retried).
	pub refused: usize,
}

impl Measured {
	/// Transfers per second.
	pub fn rate(&self) -> f64 {
		if self.seconds > 0.0 {
			self.transfers as f64 / self.seconds
		} else {
			0.0
		}
	}
}

fn wall_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or(0)
}

/// Submit `signed` for [`WARM_UP`] + `seconds` seconds (or until it is all submitted), then
/// count the transfers of the blocks of the last `seconds`.
pub async fn run(
	chain: &Chain,
	signed: Vec<Vec<u8>>,
	currency: Currency,
	seconds: u64,
) -> Result<Measured, String> {
	let first_block = best_number(chain).await?;
	// Transfers seen in blocks so far, for the backlog.
	let included = Arc::new(AtomicUsize::new(0));
	let seen = included.clone();
	let follower = Follower::start(chain.clone(), first_block, move |chain, _, hash| {
		let seen = seen.clone();
		async move {
			let block = block_transfers(&chain, hash, currency).await?;
			seen.fetch_add(block.1, Ordering::Relaxed);
			Ok(block)
		}
	});
	let start_ms = wall_ms();
	let deadline = Instant::now() + Duration::from_secs(WARM_UP + seconds);
	let next = Arc::new(AtomicUsize::new(0));
	let refused = Arc::new(AtomicUsize::new(0));
	let stop = Arc::new(AtomicBool::new(false));
	let signed = Arc::new(signed);
	let workers = (0..WORKERS).map(|_| {
		let (next, refused, stop, signed, included) =
			(next.clone(), refused.clone(), stop.clone(), signed.clone(), included.clone());
		let rpc = chain.rpc().clone();
		async move {
			loop {
				let i = next.fetch_add(1, Ordering::Relaxed);
				let Some(tx) = signed.get(i) else { return Ok::<_, String>(()) };
				while i > included.load(Ordering::Relaxed) + BACKLOG && Instant::now() < deadline {
					tokio::time::sleep(Duration::from_millis(5)).await;
				}
				let mut pause = Duration::from_millis(5);
				loop {
					if Instant::now() >= deadline {
						stop.store(true, Ordering::Relaxed);
					}
					if stop.load(Ordering::Relaxed) {
						return Ok(());
					}
					match rpc.author_submit_extrinsic(tx).await {
						Ok(_) => break,
						Err(e) if is_pool_full(&e.to_string()) => {
							refused.fetch_add(1, Ordering::Relaxed);
							tokio::time::sleep(pause).await;
							pause = (pause * 2).min(Duration::from_millis(200));
						},
						Err(e) => return Err(format!("transaction {i} refused: {e}")),
					}
				}
			}
		}
	});
	futures::future::try_join_all(workers).await?;
	let submitted_all = !stop.load(Ordering::Relaxed);
	let end_ms = wall_ms();
	if submitted_all {
		eprintln!(
			"every pre-signed transaction was submitted after {:.1} s: the window is shorter",
			(end_ms - start_ms) as f64 / 1000.0
		);
	}
	// The pool still holds transactions: let the chain take what it has before counting.
	wait_for_empty_pool(chain).await?;
	let window = (start_ms + WARM_UP * 1000, end_ms);
	let mut measured = count(&follower.finish().await?, window)?;
	measured.refused = refused.load(Ordering::Relaxed);
	Ok(measured)
}

/// Whether a refusal means "try again later" (a full pool) rather than a bad transaction.
fn is_pool_full(message: &str) -> bool {
	message.contains("Immediately Dropped")
		|| message.contains("ImmediatelyDropped")
		|| message.contains("pool is full")
		|| message.contains("Too low priority")
		|| message.contains("1014")
		|| message.contains("1016")
}

/// Wait (up to a minute) until the pool is empty.
async fn wait_for_empty_pool(chain: &Chain) -> Result<(), String> {
	let started = Instant::now();
	while started.elapsed() < Duration::from_secs(60) {
		let pending: Vec<serde_json::Value> = chain
			.rpc_client()
			.request("author_pendingExtrinsics", subxt::rpcs::rpc_params![])
			.await
			.map_err(|e| format!("author_pendingExtrinsics: {e}"))?;
		if pending.is_empty() {
			return Ok(());
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	Err("the pool did not empty within a minute".into())
}

/// Count the transfers of `blocks` (timestamp, transfers) whose timestamps are in `window`.
fn count(blocks: &[(u64, usize)], window: (u64, u64)) -> Result<Measured, String> {
	let inside: Vec<&(u64, usize)> =
		blocks.iter().filter(|(t, _)| *t >= window.0 && *t <= window.1).collect();
	let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
		return Err("no block in the measured window".into());
	};
	// Transfers of the first block were sealed in the time before its timestamp: the rate is
	// counted over the intervals between the window's blocks.
	let transfers: usize = inside.iter().skip(1).map(|(_, n)| n).sum();
	Ok(Measured {
		transfers,
		seconds: (last.0 - first.0) as f64 / 1000.0,
		blocks: inside.len(),
		largest_block: inside.iter().map(|(_, n)| *n).max().unwrap_or(0),
		refused: 0,
	})
}

/// Block `hash`'s timestamp (ms) and its transfers of `currency`.
async fn block_transfers(
	chain: &Chain,
	hash: H256,
	currency: Currency,
) -> Result<(u64, usize), String> {
	let at = chain.at(hash).await.map_err(|e| e.to_string())?;
	let now = at
		.storage()
		.try_fetch(runtime::storage().timestamp().now(), ())
		.await
		.map_err(|e| e.to_string())?
		.ok_or_else(|| format!("block {hash:?} has no timestamp"))?
		.decode()
		.map_err(|e| e.to_string())?;
	let events = at.events().fetch().await.map_err(|e| e.to_string())?;
	let mut transfers = 0;
	for event in events.iter() {
		let event = event.map_err(|e| e.to_string())?;
		let is_transfer = match currency {
			Currency::Native => event.decode_fields_as::<Transfer>().is_some_and(|r| r.is_ok()),
			Currency::Community(_) => {
				event.decode_fields_as::<Transferred>().is_some_and(|r| r.is_ok())
			},
		};
		transfers += usize::from(is_transfer);
	}
	Ok((now, transfers))
}

/// Load a dev node with transfers of `currency` and add the rate to the report.
#[allow(clippy::too_many_arguments)]
pub async fn measure(
	chain: &Chain,
	accounts: &[Keypair],
	currency: Currency,
	sealing: &str,
	seconds: u64,
	max_rate: u64,
	bound: Option<f64>,
	report: &mut Report,
) -> Result<(), String> {
	let rounds = ((max_rate * (seconds + WARM_UP)) as usize).div_ceil(accounts.len());
	let started = Instant::now();
	let signed = presign(chain, accounts, currency, rounds).await?;
	eprintln!(
		"{} {} transfers pre-signed in {:.1} s",
		signed.len(),
		currency.name(),
		started.elapsed().as_secs_f64()
	);
	let measured = run(chain, signed, currency, seconds).await?;
	let what = format!("{} transfers/s, {sealing}", currency.name());
	let row = report.add("throughput", &what, measured.rate(), "tx/s");
	if matches!(currency, Currency::Community(_)) {
		row.target("≥ 1000 tx/s");
	}
	report
		.add(
			"throughput",
			format!("{what}: transfers counted / over seconds / blocks"),
			measured.transfers as f64,
			"tx",
		)
		.target(format!("{:.1} s, {} blocks", measured.seconds, measured.blocks));
	report.add("throughput", format!("{what}: largest block"), measured.largest_block as f64, "tx");
	report.add(
		"throughput",
		format!("{what}: submissions refused by the full pool"),
		measured.refused as f64,
		"",
	);
	if let Some(bound) = bound {
		report
			.add(
				"throughput",
				format!("{what}: sr25519 bound / measured"),
				bound / measured.rate(),
				"×",
			)
			.target("≤ 2×");
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn transfers_are_counted_between_the_window_blocks() {
		// (timestamp ms, transfers): blocks before, in and after the window [1000, 4000].
		let blocks = [(500, 7), (1000, 100), (2000, 300), (3000, 200), (4000, 100), (4500, 9)];
		let measured = count(&blocks, (1000, 4000)).unwrap();
		// The first block's transfers came before its timestamp: 600 over 3 s.
		assert_eq!((measured.transfers, measured.seconds, measured.blocks), (600, 3.0, 4));
		assert_eq!(measured.largest_block, 300);
		assert_eq!(measured.rate(), 200.0);
		assert!(count(&blocks, (5000, 6000)).is_err());
		assert_eq!(Measured::default().rate(), 0.0);
	}

	#[test]
	fn accounts_are_the_same_every_run_and_distinct() {
		let a = accounts(3);
		let b = accounts(3);
		assert_eq!(a[2].public_key().0, b[2].public_key().0);
		assert_ne!(a[0].public_key().0, a[1].public_key().0);
	}
}
