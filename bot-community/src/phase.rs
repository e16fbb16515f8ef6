// SPDX-License-Identifier: GPL-3.0-or-later
//! The phase service: on a dev chain, move to the next ceremony phase once the chain has been
//! idle for a while after activity.
//!
//! A block with a signed transaction is activity (except the service's own Sudo calls). After
//! activity, once no such block has come for `idle` time, the service calls `next_phase` through
//! Sudo, then waits for activity again. So the phases follow the bots: they do a phase's work,
//! fall silent, and the next phase begins. Time, not a count of blocks, measures idleness, since
//! an instant-sealed chain makes no blocks while idle.

use crate::submit::Submitter;
use convene_client::{
	error::{Error, Result},
	runtime::{
		self,
		runtime_types::{
			convene_runtime::RuntimeCall, pallet_ceremony_scheduler::pallet::Call as SchedulerCall,
		},
	},
};
use std::time::Duration;
use subxt::utils::H256;
use subxt_signer::sr25519::Keypair;
use tokio::time::{sleep_until, Instant};

/// Move to the next phase through Sudo; returns the block it is in.
pub async fn next_phase(submitter: &Submitter, sudo: &Keypair) -> Result<Option<H256>> {
	let call = RuntimeCall::CeremonyScheduler(SchedulerCall::next_phase);
	let outcome = submitter.submit(&runtime::transactions().sudo().sudo(call), sudo).await?;
	Ok(outcome.block)
}

/// Whether idleness has lasted long enough, given the last activity (`None`: none since the
/// last phase change).
fn due(last_activity: Option<Instant>, idle: Duration, now: Instant) -> bool {
	last_activity.is_some_and(|t| now.duration_since(t) >= idle)
}

/// Run the phase service until an error; `on_advance` is told each new phase.
pub async fn serve(
	submitter: &Submitter,
	sudo: &Keypair,
	idle: Duration,
	mut on_advance: impl FnMut(&str),
) -> Result<()> {
	let chain = submitter.chain();
	let mut blocks = chain.api().stream_best_blocks().await.map_err(Error::rpc)?;
	let own = sudo.public_key().0;
	let mut last_activity: Option<Instant> = None;
	loop {
		let deadline = last_activity.map(|t| t + idle);
		let next = async {
			match deadline {
				Some(d) => tokio::select! {
					block = blocks.next() => Some(block),
					_ = sleep_until(d) => None,
				},
				None => Some(blocks.next().await),
			}
		};
		match next.await {
			Some(None) => return Err(Error::Rpc("the node closed the block stream".into())),
			Some(Some(block)) => {
				let block = block.map_err(Error::rpc)?;
				let at = block.at().await.map_err(Error::rpc)?;
				let extrinsics = at.extrinsics().fetch().await.map_err(Error::rpc)?;
				let active = extrinsics.iter().filter_map(|e| e.ok()).any(|e| {
					let ours = e.pallet_name() == "Sudo"
						&& e.address_bytes().is_some_and(|a| a.ends_with(&own));
					e.is_signed() && !ours
				});
				if active {
					last_activity = Some(Instant::now());
				}
			},
			None if due(last_activity, idle, Instant::now()) => {
				next_phase(submitter, sudo).await?;
				last_activity = None;
				let info = chain.ceremony_info().await?;
				on_advance(&format!("ceremony {}, {:?}", info.ceremony_index, info.phase));
			},
			None => {},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_idleness_after_activity_is_due() {
		let now = Instant::now();
		let idle = Duration::from_secs(3);
		assert!(!due(None, idle, now + idle * 10));
		assert!(!due(Some(now), idle, now + Duration::from_secs(2)));
		assert!(due(Some(now), idle, now + idle));
	}
}
