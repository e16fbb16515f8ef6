// SPDX-License-Identifier: GPL-3.0-or-later
//! Development chains (chain type `Development`, `--dev`): blocks sealed on demand by
//! `sc-consensus-manual-seal` — as soon as a transaction enters the pool, when a ceremony phase is
//! due, or every `--dev-block-time` ms — each finalized at once, with wall-clock timestamps that
//! strictly increase and the dev authority's VRF output. `engine_createBlock` and
//! `engine_finalizeBlock` (RPC) send [`SealCommand`]s to the same task.

use crate::{
	randomness::VrfInherentDataProvider,
	types::{FullClient, FullSelectChain, Pool},
};
use convene_runtime::{opaque::Block, CeremonySchedulerApi};
use futures::{channel::mpsc, SinkExt, Stream, StreamExt};
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, EngineCommand, ManualSealParams,
};
use sc_service::TaskManager;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::{
	pin::Pin,
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// A command to the dev chain's sealing task.
pub(crate) type SealCommand = EngineCommand<<Block as sp_runtime::traits::Block>::Hash>;

/// How blocks are sealed on a development chain.
#[derive(Clone, Copy, Debug)]
pub enum DevSealing {
	/// As soon as a transaction arrives, and when a ceremony phase is due.
	Instant,
	/// Every this many milliseconds.
	Interval(u64),
}

/// A seal command that creates (and finalizes) a block.
fn seal_command(create_empty: bool) -> SealCommand {
	EngineCommand::SealNewBlock { create_empty, finalize: true, parent_hash: None, sender: None }
}

/// Wall-clock milliseconds since the Unix epoch.
fn wall_clock_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| d.as_millis() as u64)
		.unwrap_or(0)
}

/// Timestamps for sealed blocks: wall-clock time, but strictly increasing so that blocks sealed
/// within the same millisecond still satisfy the runtime's 1 ms minimum period.
#[derive(Default)]
struct DevClock(AtomicU64);

impl DevClock {
	fn next(&self) -> u64 {
		let now = wall_clock_ms();
		let step = |last: u64| Some(now.max(last.saturating_add(1)));
		let last = self.0.fetch_update(Ordering::SeqCst, Ordering::SeqCst, step).unwrap_or(now);
		now.max(last.saturating_add(1))
	}
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn start_dev_sealing(
	task_manager: &TaskManager,
	client: Arc<FullClient>,
	keystore: sp_keystore::KeystorePtr,
	pool: Arc<Pool>,
	select_chain: FullSelectChain,
	proposer_factory: sc_basic_authorship::ProposerFactory<Pool, FullClient>,
	sealing: DevSealing,
	seal_sink: mpsc::Sender<SealCommand>,
	rpc_commands: mpsc::Receiver<SealCommand>,
) {
	type Commands = Pin<Box<dyn Stream<Item = SealCommand> + Send>>;
	let triggers: Commands = match sealing {
		DevSealing::Instant => {
			task_manager.spawn_handle().spawn(
				"seal-on-phase-change",
				None,
				seal_when_phase_is_due(client.clone(), seal_sink),
			);
			Box::pin(pool.import_notification_stream().map(|_| seal_command(false)))
		},
		DevSealing::Interval(ms) => Box::pin(futures::stream::unfold(
			tokio::time::interval(Duration::from_millis(ms)),
			|mut i| async {
				i.tick().await;
				Some((seal_command(true), i))
			},
		)),
	};
	let commands_stream = futures::stream::select(triggers, rpc_commands);

	let clock = Arc::new(DevClock::default());
	let vrf_client = client.clone();
	let slot_duration = sc_consensus_aura::slot_duration(&*client)
		.expect("the runtime reports Aura's slot duration; qed");
	let params = ManualSealParams {
		block_import: client.clone(),
		env: proposer_factory,
		client: client.clone(),
		pool,
		commands_stream,
		select_chain,
		consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new_with_slot_duration(
			slot_duration,
		))),
		create_inherent_data_providers: move |parent, ()| {
			let timestamp = clock.next();
			// The slot Aura's consensus data provider puts in the block for this timestamp.
			let slot = timestamp / slot_duration.as_millis().max(1);
			let vrf = VrfInherentDataProvider::new(&vrf_client, &keystore, parent, slot);
			async move { Ok((sp_timestamp::InherentDataProvider::new(timestamp.into()), vrf)) }
		},
	};
	task_manager.spawn_essential_handle().spawn_blocking(
		"manual-seal",
		Some("block-authoring"),
		sc_consensus_manual_seal::run_manual_seal(params),
	);
}

/// On an instant-sealed chain nothing happens without transactions; this seals an empty block
/// whenever the scheduler's next phase is due, so ceremony phases advance on their own.
async fn seal_when_phase_is_due(client: Arc<FullClient>, mut seal: mpsc::Sender<SealCommand>) {
	const POLL: Duration = Duration::from_secs(1);
	loop {
		let best = client.info().best_hash;
		let due = match client.runtime_api().ceremony_info(best) {
			Ok(info) => info.next_phase_timestamp,
			Err(e) => {
				log::warn!(target: "convene", "cannot read the ceremony schedule: {e}");
				None
			},
		};
		let wait = match due {
			Some(due) => Duration::from_millis(due.saturating_sub(wall_clock_ms())),
			None => POLL,
		};
		if wait.is_zero() {
			if seal.send(seal_command(true)).await.is_err() {
				// The sealing task has stopped: the node is shutting down.
				return;
			}
			// Give the new block time to be imported before looking again.
			tokio::time::sleep(Duration::from_millis(100)).await;
		} else {
			// Re-read at least every second: a transaction may have moved the schedule.
			tokio::time::sleep(wait.min(POLL)).await;
		}
	}
}
