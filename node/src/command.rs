// SPDX-License-Identifier: GPL-3.0-or-later
//! Subcommand dispatch.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	dev_seal::DevSealing,
	service,
};
use sc_cli::SubstrateCli;
use sc_network::multiaddr::Protocol;
use sc_service::{Configuration, PartialComponents};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Convene Node".into()
	}
	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}
	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}
	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}
	fn support_url() -> String {
		"https://example.invalid/convene/issues".into()
	}
	fn copyright_start_year() -> i32 {
		2026
	}
	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(Box::new(chain_spec::load(id)?))
	}
}

/// Parse the command line and run.
pub fn run() -> sc_cli::Result<()> {
	let mut cli = Cli::from_args();
	// A dev chain has one author and no forks, so it uses the single-state pool unless
	// `--pool-type` says otherwise. With instant sealing (a block on every transaction import)
	// the fork-aware pool loses status reports of transactions submitted in bursts (watchers
	// never hear of their block; polkadot-sdk's own dev node does the same, #10106). With
	// `--dev-block-time 1000` it validated each transaction on several views and refused or
	// dropped bursts: 376 to 1,543 transfers/s against 2,361 with the single-state pool
	// (`scripts/bench --only throughput`).
	let dev =
		cli.run.shared_params.is_dev() || cli.run.shared_params.chain.as_deref() == Some("dev");
	if dev && !std::env::args().any(|a| a.starts_with("--pool-type")) {
		cli.run.pool_config.pool_type = sc_cli::TransactionPoolType::SingleState;
	}

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			#[allow(deprecated)]
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|mut config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&mut config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|mut config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&mut config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|mut config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&mut config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|mut config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&mut config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|mut config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&mut config)?;
				let is_dev = service::is_dev_chain(&config);
				let aux_revert = Box::new(move |client, _, blocks| {
					if !is_dev {
						sc_consensus_grandpa::revert(client, blocks)?;
					}
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<convene_runtime::opaque::Block>(&config))
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(crate::cli::BenchmarkSubcommand::Pallet(cmd))) => {
			let runner = cli.create_runner(cmd.as_ref())?;
			runner.sync_run(|config| {
				cmd.run_with_spec::<sp_runtime::traits::HashingFor<convene_runtime::opaque::Block>, ()>(
					Some(config.chain_spec),
				)
			})
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let dev_sealing = match cli.dev_block_time {
				Some(ms) => DevSealing::Interval(ms),
				None => DevSealing::Instant,
			};
			runner.run_node_until_exit(|config| async move {
				check_ports(&config)?;
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							convene_runtime::opaque::Block,
							<convene_runtime::opaque::Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config, dev_sealing),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, dev_sealing)
					},
				}
				.map_err(sc_cli::Error::Service)
			})
		},
	}
}

/// Fail early, in one line that names the port and the flag, when a port the node must listen on
/// is taken (sc-service would report a bare "Address already in use" later).
fn check_ports(config: &Configuration) -> std::io::Result<()> {
	let mut wanted: Vec<(&str, SocketAddr, &str)> = Vec::new();
	match &config.rpc.addr {
		Some(endpoints) => wanted.extend(
			endpoints
				.iter()
				.filter(|e| !e.is_optional)
				.map(|e| ("RPC", e.listen_addr, "--rpc-port")),
		),
		None => wanted.push((
			"RPC",
			SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), config.rpc.port),
			"--rpc-port",
		)),
	}
	if let Some(prometheus) = &config.prometheus_config {
		wanted.push(("Prometheus", prometheus.port, "--prometheus-port"));
	}
	for address in &config.network.listen_addresses {
		let mut ip = None;
		for protocol in address.iter() {
			match protocol {
				Protocol::Ip4(v4) => ip = Some(IpAddr::V4(v4)),
				Protocol::Ip6(v6) => ip = Some(IpAddr::V6(v6)),
				Protocol::Tcp(port) if port != 0 => {
					if let Some(ip) = ip {
						wanted.push(("p2p", SocketAddr::new(ip, port), "--port"));
					}
				},
				_ => {},
			}
		}
	}
	for (what, address, flag) in wanted {
		if let Err(e) = TcpListener::bind(address) {
			if e.kind() == std::io::ErrorKind::AddrInUse {
				return Err(std::io::Error::new(
					e.kind(),
					format!(
						"{what} port {} on {} is already in use: stop whatever uses it or choose another port with {flag}",
						address.port(),
						address.ip()
					),
				));
			}
		}
	}
	Ok(())
}
