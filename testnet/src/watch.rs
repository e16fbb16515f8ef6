// SPDX-License-Identifier: GPL-3.0-or-later
//! What a node reports: its best and finalized heights, and who authored a block.

use crate::{Error, Result};
use codec::Decode;
use convene_client::Chain;
use std::{
	collections::BTreeSet,
	time::{Duration, Instant},
};
use subxt::{
	config::substrate::DigestItem,
	utils::{AccountId32, H256},
};

/// Aura's engine id in block digests.
const AURA_ENGINE_ID: [u8; 4] = *b"aura";

/// How often the chain is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(500);

/// A node's view of the chain.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Heights {
	/// Its best block's number.
	pub best: u64,
	/// Its last finalized block's number.
	pub finalized: u64,
}

fn rpc(e: impl std::fmt::Display) -> Error {
	Error(format!("RPC: {e}"))
}

/// The best and finalized block numbers the node `chain` is connected to reports.
pub async fn heights(chain: &Chain) -> Result<Heights> {
	let finalized_hash = chain.rpc().chain_get_finalized_head().await.map_err(rpc)?;
	Ok(Heights {
		best: header_number(chain, None).await?,
		finalized: header_number(chain, Some(finalized_hash)).await?,
	})
}

async fn header_number(chain: &Chain, hash: Option<H256>) -> Result<u64> {
	let header = chain.rpc().chain_get_header(hash).await.map_err(rpc)?;
	header
		.map(|h| h.number)
		.ok_or_else(|| Error(format!("the node has no header {hash:?}")))
}

/// The hash of block `number` on the node's best chain.
pub async fn block_hash(chain: &Chain, number: u64) -> Result<H256> {
	chain
		.rpc()
		.chain_get_block_hash(Some(number.into()))
		.await
		.map_err(rpc)?
		.ok_or_else(|| Error(format!("the node has no block {number}")))
}

/// The validator that authored block `hash`: Aura gives slot `s` to the authority at
/// `s % n` of the `n` validators the parent block's session had.
pub async fn author(chain: &Chain, hash: H256) -> Result<AccountId32> {
	let header = chain
		.rpc()
		.chain_get_header(Some(hash))
		.await
		.map_err(rpc)?
		.ok_or_else(|| Error(format!("no header {hash:?}")))?;
	let slot = header
		.digest
		.logs
		.iter()
		.find_map(|item| match item {
			DigestItem::PreRuntime(id, data) if *id == AURA_ENGINE_ID => {
				u64::decode(&mut &data[..]).ok()
			},
			_ => None,
		})
		.ok_or_else(|| Error(format!("block {} has no Aura slot", header.number)))?;
	let active = chain.validators().active_at(header.parent_hash).await?;
	let n = active.len() as u64;
	usize::try_from(slot % n.max(1))
		.ok()
		.and_then(|i| active.get(i).copied())
		.ok_or_else(|| Error(format!("block {} has no validator set", header.number)))
}

/// Follow the chain from block `from` until each of `expected` has authored a block and the
/// block where the last of them first did is finalized. Returns that block's number.
pub async fn wait_until_all_author(
	chain: &Chain,
	expected: &[AccountId32],
	from: u64,
	timeout: Duration,
) -> Result<u64> {
	let start = Instant::now();
	let mut missing: BTreeSet<AccountId32> = expected.iter().copied().collect();
	let mut next = from;
	let mut last_first = from;
	loop {
		let now = heights(chain).await?;
		while next <= now.best && !missing.is_empty() {
			let author = author(chain, block_hash(chain, next).await?).await?;
			if missing.remove(&author) {
				last_first = next;
			}
			next += 1;
		}
		if missing.is_empty() && now.finalized >= last_first {
			return Ok(last_first);
		}
		if start.elapsed() > timeout {
			return Err(Error(format!(
				"after {timeout:?}: {} validators have not authored since block {from} \
				 ({missing:?}), or block {last_first} is not final (finalized: {})",
				missing.len(),
				now.finalized
			)));
		}
		tokio::time::sleep(POLL).await;
	}
}
