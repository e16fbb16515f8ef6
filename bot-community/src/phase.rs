// SPDX-License-Identifier: GPL-3.0-or-later
//! The phase service: on a dev chain, move to the next ceremony phase once the chain has been
//! idle for a while.
//!
//! A block with a signed transaction is activity (except the service's own Sudo calls). Once the
//! chain has been idle for the idle time since the phase began or since the last activity,
//! whichever is later, the service calls `next_phase` through Sudo. So the phases follow the
//! bots (they do a phase's work, fall silent, and the next phase begins), and a phase with no
//! work, such as Assigning, ends after the idle time. Idleness is measured in time by default,
//! since an instant-sealed chain makes no blocks while idle, or in empty blocks (`--idle-blocks`,
//! the reference's "every 10 blocks") on a chain that makes blocks on a clock.

use crate::ctx::Ctx;
use clap::Args;
use convene_client::{
	error::{Error, Result},
	runtime, Chain,
};
use std::time::Duration;
use subxt::utils::H256;
use subxt_signer::sr25519::Keypair;
use tokio::time::{sleep_until, Instant};

/// Move to the next phase through Sudo; returns the block it is in.
pub async fn next_phase(chain: &Chain, sudo: &Keypair) -> Result<Option<H256>> {
	Ok(chain.ceremonies().next_phase(sudo).await?.block)
}

/// When the chain counts as idle enough to move on.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Idle {
	/// This long without activity (an instant-sealed chain makes no blocks while idle).
	Time(Duration),
	/// This many blocks in a row without activity (a chain that makes blocks on a clock).
	Blocks(u32),
}

/// How idle the chain has been since the phase began or the last activity, whichever is later.
#[derive(Clone, Copy, Debug)]
struct Quiet {
	since: Instant,
	empty_blocks: u32,
}

impl Quiet {
	fn new(now: Instant) -> Self {
		Self { since: now, empty_blocks: 0 }
	}

	/// A block, with or without activity.
	fn block(&mut self, active: bool, now: Instant) {
		if active {
			*self = Self::new(now);
		} else {
			self.empty_blocks = self.empty_blocks.saturating_add(1);
		}
	}

	/// When the time rule moves on (`None`: the block rule waits for blocks, not time).
	fn deadline(&self, idle: Idle) -> Option<Instant> {
		match idle {
			Idle::Time(time) => Some(self.since + time),
			Idle::Blocks(_) => None,
		}
	}

	fn due(&self, idle: Idle, now: Instant) -> bool {
		match idle {
			Idle::Time(time) => now.duration_since(self.since) >= time,
			Idle::Blocks(blocks) => self.empty_blocks >= blocks,
		}
	}
}

/// Run the phase service until an error; `on_advance` is told each new phase.
///
/// The chain is idle from the moment a phase begins, and again after each block with activity;
/// once it has been idle for `idle`, the service moves to the next phase. A phase nobody works
/// in (Assigning) thus ends after `idle`, and so does any phase once the bots are done, whatever
/// they did. A phase change by anyone else (the schedule, another sudo) starts the count anew.
pub async fn serve(
	chain: &Chain,
	sudo: &Keypair,
	idle: Idle,
	mut on_advance: impl FnMut(&str),
) -> Result<()> {
	let mut blocks = chain.api().stream_best_blocks().await.map_err(Error::rpc)?;
	let own = sudo.public_key().0;
	let mut phase = chain.ceremonies().info().await?;
	let mut quiet = Quiet::new(Instant::now());
	loop {
		let next = async {
			match quiet.deadline(idle) {
				Some(d) => tokio::select! {
					block = blocks.next() => Some(block),
					_ = sleep_until(d) => None,
				},
				None => Some(blocks.next().await),
			}
		};
		if let Some(block) = next.await {
			let block =
				block.ok_or_else(|| Error::Rpc("the node closed the block stream".into()))?;
			let at = block.map_err(Error::rpc)?.at().await.map_err(Error::rpc)?;
			let extrinsics = at.extrinsics().fetch().await.map_err(Error::rpc)?;
			let active = extrinsics.iter().filter_map(|e| e.ok()).any(|e| {
				let ours = e.is::<runtime::sudo::calls::Sudo>()
					&& e.address_bytes().is_some_and(|a| a.ends_with(&own));
				e.is_signed() && !ours
			});
			quiet.block(active, Instant::now());
			let now = chain.ceremonies().info().await?;
			if (now.ceremony_index, now.phase) != (phase.ceremony_index, phase.phase) {
				phase = now;
				quiet = Quiet::new(Instant::now());
			}
		}
		if quiet.due(idle, Instant::now()) {
			next_phase(chain, sudo).await?;
			phase = chain.ceremonies().info().await?;
			quiet = Quiet::new(Instant::now());
			on_advance(&format!("ceremony {}, {:?}", phase.ceremony_index, phase.phase));
		}
	}
}

/// `phase`: the service's flags.
#[derive(Args, Debug)]
pub struct PhaseArgs {
	/// Seconds without transactions, since the phase began or the last one, before the next
	/// phase.
	#[arg(long, default_value_t = 10, conflicts_with = "idle_blocks")]
	pub idle_secs: u64,
	/// Count blocks without transactions instead of seconds (for a chain that makes blocks on a
	/// clock: --dev-block-time, a testnet).
	#[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
	pub idle_blocks: Option<u32>,
}

/// `phase`: serve with the flags' idle time.
pub async fn serve_args(ctx: &Ctx, args: &PhaseArgs) -> Result<()> {
	let sudo = ctx.sudo()?;
	let idle = match args.idle_blocks {
		Some(blocks) => {
			eprintln!("advancing the phase after {blocks} blocks without transactions");
			Idle::Blocks(blocks)
		},
		None => {
			eprintln!("advancing the phase after {} s without transactions", args.idle_secs);
			Idle::Time(Duration::from_secs(args.idle_secs))
		},
	};
	serve(&ctx.chain, &sudo.pair, idle, |p| println!("{p}")).await
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_phase_without_activity_ends_after_the_idle_time() {
		let start = Instant::now();
		let idle = Idle::Time(Duration::from_secs(3));
		let quiet = Quiet::new(start);
		assert!(!quiet.due(idle, start + Duration::from_secs(2)));
		assert!(quiet.due(idle, start + Duration::from_secs(3)));
		assert_eq!(quiet.deadline(idle), Some(start + Duration::from_secs(3)));
	}

	#[test]
	fn activity_starts_the_idle_time_anew() {
		let start = Instant::now();
		let idle = Idle::Time(Duration::from_secs(3));
		let mut quiet = Quiet::new(start);
		quiet.block(true, start + Duration::from_secs(2));
		assert!(!quiet.due(idle, start + Duration::from_secs(4)));
		quiet.block(false, start + Duration::from_secs(4));
		assert!(quiet.due(idle, start + Duration::from_secs(5)));
	}

	#[test]
	fn the_block_rule_counts_empty_blocks_in_a_row() {
		let start = Instant::now();
		let idle = Idle::Blocks(3);
		let mut quiet = Quiet::new(start);
		assert_eq!(quiet.deadline(idle), None);
		quiet.block(false, start);
		quiet.block(false, start);
		quiet.block(true, start);
		quiet.block(false, start);
		quiet.block(false, start);
		assert!(!quiet.due(idle, start + Duration::from_secs(3600)));
		quiet.block(false, start);
		assert!(quiet.due(idle, start));
	}
}
