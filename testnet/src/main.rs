// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene-testnet`: boot, inspect and stop a multi-validator testnet on this machine.

use clap::{Parser, Subcommand};
use convene_client::Chain;
use convene_testnet::{
	boot::{self, BootOptions},
	network::Testnet,
	watch, Error, Result,
};
use std::{path::PathBuf, time::Duration};

/// Boot a Convene testnet on this machine from genesis, as a real network boots: a genesis
/// validator (//Alice) starts the chain; more nodes join it over libp2p on loopback ports,
/// generate session keys in their keystores and register them for their accounts
/// (//Validator1, //Validator2, …); governance (Sudo) adds them to the validator set; new
/// accounts get tokens in a skewed (Pareto, 80-20) distribution. `start` returns when every
/// validator has authored a block and GRANDPA has finalized it; the nodes keep running until
/// `stop`.
///
/// Everything lives in one folder (--dir): the raw chain spec, each node's database, keystore
/// and log (nodeN/node.log), the new accounts' keys (keystore/) and amounts (accounts.csv), and
/// testnet.json with the ports and process ids. `stop` ends exactly the processes recorded
/// there.
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
	/// The testnet's folder.
	#[arg(short, long, global = true, default_value = "./testnet", env = "CONVENE_TESTNET_DIR")]
	dir: PathBuf,
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Boot a new testnet in --dir (which must not hold one).
	Start {
		/// Validators in the end, the genesis validator included.
		#[arg(short = 'n', long, default_value_t = 4)]
		validators: usize,
		/// New accounts to distribute tokens to.
		#[arg(short, long, default_value_t = 100)]
		accounts: usize,
		/// Tokens (CVN) to distribute among them, from //Alice's 1,000,000.
		#[arg(short, long, default_value_t = 500_000)]
		tokens: u128,
		/// Seed of the node keys and the distribution.
		#[arg(long, default_value_t = 42)]
		seed: u64,
		/// The node binary (default: `convene-node` next to this program, or $CONVENE_NODE).
		#[arg(long, env = "CONVENE_NODE")]
		node_binary: Option<PathBuf>,
		/// How long each step may wait, in seconds.
		#[arg(long, default_value_t = 120)]
		timeout_secs: u64,
	},
	/// Each node: running or not, best and finalized block, peers.
	Status,
	/// Stop every node this testnet started.
	Stop,
	/// Stop one node (SIGTERM, SIGKILL after 20 s), e.g. to see finality survive it.
	StopNode {
		/// The node's index (0 is the genesis validator).
		index: usize,
	},
	/// Start a stopped node again: it catches up with the others.
	StartNode {
		/// The node's index.
		index: usize,
	},
	/// Add a full node (not a validator), which syncs the whole chain from its peers.
	AddNode,
}

fn default_node_binary() -> Result<PathBuf> {
	let exe = std::env::current_exe()?;
	let node = exe.with_file_name("convene-node");
	if node.exists() {
		Ok(node)
	} else {
		Err(Error(format!(
			"{} is missing: build it (cargo build -p convene-node) or pass --node-binary",
			node.display()
		)))
	}
}

const READY: Duration = Duration::from_secs(60);

async fn run(cli: Cli) -> Result<String> {
	match cli.command {
		Command::Start { validators, accounts, tokens, seed, node_binary, timeout_secs } => {
			let node_binary = match node_binary {
				Some(path) => path,
				None => default_node_binary()?,
			};
			let mut net = Testnet::create(&cli.dir, &node_binary)?;
			let options = BootOptions {
				validators,
				accounts,
				tokens,
				seed,
				timeout: Duration::from_secs(timeout_secs),
			};
			match boot::boot(&mut net, &options, |line| eprintln!("{line}")).await {
				Ok(report) => Ok(format!(
					"{}\ntestnet running in {}; `convene-testnet --dir {} stop` ends it\nnode RPC: {}",
					report.distribution(),
					net.dir().display(),
					cli.dir.display(),
					net.nodes().iter().map(|n| n.url().to_string()).collect::<Vec<_>>().join(" "),
				)),
				Err(e) => {
					let logs = (0..net.nodes().len())
						.map(|i| format!("--- node{i}:\n{}", net.log_tail(i, 15)))
						.collect::<Vec<_>>()
						.join("\n");
					net.stop_all()?;
					Err(Error(format!(
						"{e}\nthe nodes are stopped; the ends of their logs:\n{logs}"
					)))
				},
			}
		},
		Command::Status => {
			let mut net = Testnet::open(&cli.dir)?;
			let mut out = String::new();
			for i in 0..net.nodes().len() {
				let node = net.node(i)?.clone();
				let role = node.validator.clone().unwrap_or_else(|| "full node".into());
				let state = if net.is_running(i) {
					match Chain::connect(&node.url()).await {
						Ok(chain) => {
							let h = watch::heights(&chain).await?;
							let peers =
								chain.rpc().system_health().await.map(|h| h.peers).unwrap_or(0);
							format!("best {} finalized {} peers {peers}", h.best, h.finalized)
						},
						Err(e) => format!("running, RPC not answering ({e})"),
					}
				} else {
					"stopped".into()
				};
				out.push_str(&format!("{} {} ({role}) {state}\n", node.name, node.url()));
			}
			Ok(out.trim_end().to_owned())
		},
		Command::Stop => {
			let stopped = Testnet::open(&cli.dir)?.stop_all()?;
			Ok(format!("stopped {} nodes {}", stopped.len(), stopped.join(" ")))
		},
		Command::StopNode { index } => {
			let mut net = Testnet::open(&cli.dir)?;
			Ok(if net.stop_node(index)? {
				format!("stopped node {index}")
			} else {
				format!("node {index} was not running")
			})
		},
		Command::StartNode { index } => {
			let mut net = Testnet::open(&cli.dir)?;
			net.start_node(index)?;
			net.connect(index, READY).await?;
			Ok(format!("node {index} serves RPC at {}", net.node(index)?.url()))
		},
		Command::AddNode => {
			let mut net = Testnet::open(&cli.dir)?;
			let i = net.add_node(None, rand::random())?;
			net.start_node(i)?;
			net.connect(i, READY).await?;
			Ok(format!("node {i} (full node) serves RPC at {}", net.node(i)?.url()))
		},
	}
}

fn main() -> std::process::ExitCode {
	convene_client::logger::init(&["convene_testnet"], log::LevelFilter::Warn);
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return std::process::ExitCode::FAILURE;
		},
	};
	match runtime.block_on(run(cli)) {
		Ok(text) => {
			println!("{text}");
			std::process::ExitCode::SUCCESS
		},
		Err(e) => {
			eprintln!("error: {e}");
			std::process::ExitCode::FAILURE
		},
	}
}
