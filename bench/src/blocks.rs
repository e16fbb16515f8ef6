// SPDX-License-Identifier: GPL-3.0-or-later
//! Reading every block while a load runs: a dev node keeps the state of its last 256 blocks
//! only, and a loaded instant-sealed chain makes many, so blocks are read as they come.

use convene_client::Chain;
use futures::{stream, StreamExt, TryStreamExt};
use std::{
	future::Future,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};
use subxt::utils::H256;
use tokio::task::JoinHandle;

/// How often the follower looks for new blocks.
const POLL: Duration = Duration::from_millis(200);
/// Blocks read at once.
const CONCURRENT: usize = 8;

/// The number of the node's best block.
pub async fn best_number(chain: &Chain) -> Result<u64, String> {
	chain.best_number().await.map(u64::from).map_err(|e| e.to_string())
}

/// Reads each new block with a probe until [`Follower::finish`].
pub struct Follower<T> {
	stop: Arc<AtomicBool>,
	task: JoinHandle<Result<Vec<T>, String>>,
}

impl<T: Send + 'static> Follower<T> {
	/// Follow the blocks after `after`: `probe(chain, number, hash)` is run on each, in order.
	pub fn start<F, Fut>(chain: Chain, after: u64, probe: F) -> Self
	where
		F: Fn(Chain, u64, H256) -> Fut + Send + Sync + 'static,
		Fut: Future<Output = Result<T, String>> + Send,
	{
		let stop = Arc::new(AtomicBool::new(false));
		let stopped = stop.clone();
		let task = tokio::spawn(async move {
			let mut seen = Vec::new();
			let mut next = after + 1;
			loop {
				// Read once more after the stop, up to the head.
				let last_pass = stopped.load(Ordering::Relaxed);
				let best = best_number(&chain).await?;
				let read: Vec<T> = stream::iter(next..=best)
					.map(|n| {
						let (chain, probe) = (chain.clone(), &probe);
						async move {
							let hash = chain
								.rpc()
								.chain_get_block_hash(Some(n.into()))
								.await
								.map_err(|e| e.to_string())?
								.ok_or_else(|| format!("no block {n}"))?;
							probe(chain, n, hash).await
						}
					})
					.buffered(CONCURRENT)
					.try_collect()
					.await?;
				seen.extend(read);
				next = next.max(best + 1);
				if last_pass {
					return Ok(seen);
				}
				tokio::time::sleep(POLL).await;
			}
		});
		Self { stop, task }
	}

	/// Read up to the head, stop, and return what was read of each block.
	pub async fn finish(self) -> Result<Vec<T>, String> {
		self.stop.store(true, Ordering::Relaxed);
		self.task.await.map_err(|e| format!("the block follower failed: {e}"))?
	}
}
