// SPDX-License-Identifier: GPL-3.0-or-later
//! The node service: an instant-sealed dev chain ([`crate::dev_seal`]), or Aura + GRANDPA over
//! the network. Every block carries its author's VRF output ([`crate::randomness`]). The
//! runtime's `development` preset allows several blocks per Aura slot; every other chain runs the
//! Aura slot worker and the GRANDPA voter and keeps one block per slot.

use crate::{
	dev_seal::{start_dev_sealing, DevSealing, SealCommand},
	randomness::VrfInherentDataProvider,
	types::{FullBackend, FullClient, FullSelectChain, Pool},
};
use convene_runtime::{apis::RuntimeApi, opaque::Block};
use futures::{channel::mpsc, FutureExt};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{
	error::Error as ServiceError, ChainType, Configuration, TaskManager, WarpSyncConfig,
};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;
use std::{sync::Arc, time::Duration};

type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// Blocks between GRANDPA justifications kept in the database.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// Whether `config` runs a development chain (sealed on demand, no GRANDPA voter).
pub fn is_dev_chain(config: &Configuration) -> bool {
	config.chain_spec.chain_type() == ChainType::Development
}

/// Components shared by the node and the database subcommands.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	Pool,
	(Option<(GrandpaBlockImport, GrandpaLink)>, Option<Telemetry>),
>;

/// The runtime executor, as `sc_service::new_wasm_executor` builds it, plus wasmtime's on-disk
/// cache of compiled runtimes (`$XDG_CACHE_HOME/convene/wasmtime` or `~/.cache/...`): compiling
/// the runtime to machine code is most of a node's start-up time, and the cache skips it on every
/// start after the first with the same runtime, `--tmp` nodes included.
fn wasm_executor(
	config: &Configuration,
) -> sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions> {
	let heap = config
		.executor
		.default_heap_pages
		.map_or(sc_executor::DEFAULT_HEAP_ALLOC_STRATEGY, |p| {
			sc_executor::HeapAllocStrategy::Static { extra_pages: p as _ }
		});
	let builder = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder()
		.with_execution_method(config.executor.wasm_method)
		.with_onchain_heap_alloc_strategy(heap)
		.with_offchain_heap_alloc_strategy(heap)
		.with_max_runtime_instances(config.executor.max_runtime_instances)
		.with_runtime_cache_size(config.executor.runtime_cache_size);
	let cache = std::env::var_os("XDG_CACHE_HOME")
		.map(std::path::PathBuf::from)
		.or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cache")))
		.map(|dir| dir.join("convene").join("wasmtime"));
	match cache {
		Some(dir) if std::fs::create_dir_all(&dir).is_ok() => builder.with_cache_path(dir).build(),
		_ => builder.build(),
	}
}

/// Build the client, database, pool and import queue.
///
/// The database is opened as [`crate::database::DurableParityDb`].
pub fn new_partial(config: &mut Configuration) -> Result<Service, ServiceError> {
	let database_failure = crate::database::make_durable(&mut config.database)?;
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = wasm_executor(config);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);
	if let Some(failure) = database_failure {
		let stop = failure.stop_the_node();
		task_manager.spawn_essential_handle().spawn("database-maintenance", None, stop);
	}

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (import_queue, grandpa) = if is_dev_chain(config) {
		let queue = sc_consensus_manual_seal::import_queue(
			Box::new(client.clone()),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		);
		(queue, None)
	} else {
		let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
			client.clone(),
			GRANDPA_JUSTIFICATION_PERIOD,
			&client,
			select_chain.clone(),
			telemetry.as_ref().map(|x| x.handle()),
		)?;
		let cidp_client = client.clone();
		let queue =
			sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
				block_import: grandpa_block_import.clone(),
				justification_import: Some(Box::new(grandpa_block_import.clone())),
				client: client.clone(),
				create_inherent_data_providers: move |parent_hash, _| {
					let cidp_client = cidp_client.clone();
					async move {
						let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
							&*cidp_client,
							parent_hash,
						)?;
						Ok(aura_inherent_data(slot_duration))
					}
				},
				spawner: &task_manager.spawn_essential_handle(),
				registry: config.prometheus_registry(),
				check_for_equivocation: Default::default(),
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			})?;
		(queue, Some((grandpa_block_import, grandpa_link)))
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa, telemetry),
	})
}

/// Build and start the full node.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	mut config: Configuration,
	dev_sealing: DevSealing,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa, mut telemetry),
	} = new_partial(&mut config)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let grandpa_protocol = grandpa.as_ref().map(|(_, link)| {
		let genesis = client.block_hash(0).ok().flatten().expect("the genesis block exists; qed");
		let name = sc_consensus_grandpa::protocol_standard_name(&genesis, &config.chain_spec);
		let (protocol_config, notification_service) =
			sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
				name.clone(),
				metrics.clone(),
				net_config.peer_store_handle(),
			);
		net_config.add_notification_protocol(protocol_config);
		let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
			backend.clone(),
			link.shared_authority_set().clone(),
			Vec::default(),
		));
		(name, notification_service, warp_sync)
	});
	let warp_sync_config = grandpa_protocol
		.as_ref()
		.map(|(_, _, w)| WarpSyncConfig::WithProvider(w.clone()));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let prometheus_registry = config.prometheus_registry().cloned();
	let dev = grandpa.is_none();

	// Dev chains accept `engine_createBlock` / `engine_finalizeBlock` over RPC too.
	let (seal_sink, rpc_seal_commands) = mpsc::channel::<SealCommand>(1024);
	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let seal_sink = dev.then(|| seal_sink.clone());
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				manual_seal: seal_sink.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	let Some((block_import, grandpa_link)) = grandpa else {
		start_dev_sealing(
			&task_manager,
			client,
			keystore_container.keystore(),
			transaction_pool,
			select_chain,
			proposer_factory,
			dev_sealing,
			seal_sink,
			rpc_seal_commands,
		);
		return Ok(task_manager);
	};
	let (grandpa_protocol_name, grandpa_notification_service, _) =
		grandpa_protocol.expect("the GRANDPA protocol is set up whenever GRANDPA runs; qed");

	if role.is_authority() {
		let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
		let (vrf_client, keystore) = (client.clone(), keystore_container.keystore());
		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |parent, ()| {
					let (slot, timestamp) = aura_inherent_data(slot_duration);
					let vrf = VrfInherentDataProvider::new(
						&vrf_client,
						&keystore,
						parent,
						u64::from(*slot),
					);
					async move { Ok((slot, timestamp, vrf)) }
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;
		task_manager
			.spawn_essential_handle()
			.spawn_blocking("aura", Some("block-authoring"), aura);
	}

	let grandpa_config = sc_consensus_grandpa::Config {
		gossip_duration: Duration::from_millis(333),
		justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
		name: Some(name),
		observer_enabled: false,
		keystore: role.is_authority().then(|| keystore_container.keystore()),
		local_role: role,
		telemetry: telemetry.as_ref().map(|x| x.handle()),
		protocol_name: grandpa_protocol_name,
	};
	let grandpa_params = sc_consensus_grandpa::GrandpaParams {
		config: grandpa_config,
		link: grandpa_link,
		network,
		sync: sync_service,
		notification_service: grandpa_notification_service,
		voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
		prometheus_registry,
		shared_voter_state: SharedVoterState::empty(),
		telemetry: telemetry.as_ref().map(|x| x.handle()),
		offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
	};
	task_manager.spawn_essential_handle().spawn_blocking(
		"grandpa-voter",
		None,
		sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
	);

	Ok(task_manager)
}

/// Inherent data for an Aura block authored (or checked) now: wall-clock timestamp and its slot.
fn aura_inherent_data(
	slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
		*timestamp,
		slot_duration,
	);
	(slot, timestamp)
}
