// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene-bench`: Convene's performance suite. `scripts/bench` builds everything in release
//! mode, runs the sr25519 criterion benchmark and then this, which starts its own dev nodes on
//! free ports and writes `results.md` and `results.csv`.

mod blocks;
mod ceremony;
mod latency;
mod report;
mod throughput;
mod weights;

use clap::{Parser, ValueEnum};
use convene_client::{runtime, Chain, NodeUrl};
use convene_primitives::{community::CommunityIdentifier, fixed::U64F64};
use convene_test_support::{NodeBuilder, TestNode};
use report::Report;
use std::path::{Path, PathBuf};
use subxt::utils::Static;

/// Convene's performance suite: dev-loop latency, transfer throughput against the sr25519
/// bound, a large ceremony, and our weights next to the reference's.
///
/// Run it through `scripts/bench`, which builds the release binaries and the criterion
/// benchmark this reads the sr25519 verification time from.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
	/// Where results.md and results.csv are written.
	#[arg(long, default_value = "bench-results")]
	out: PathBuf,
	/// The folder holding convene-node, convene and bot-community [default: this binary's].
	#[arg(long)]
	bin_dir: Option<PathBuf>,
	/// The repository's root (test data, weights.rs files).
	#[arg(long, default_value = ".")]
	repo: PathBuf,
	/// Criterion's output folder [default: $CARGO_TARGET_DIR/criterion, or next to --bin-dir].
	#[arg(long)]
	criterion: Option<PathBuf>,
	/// Only these sections (comma-separated) [default: all].
	#[arg(long, value_delimiter = ',')]
	only: Vec<Section>,
	/// Seconds of load counted in each throughput run (after 5 s of warm-up).
	#[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(5..))]
	seconds: u64,
	/// Accounts sending transfers.
	#[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(2..))]
	accounts: u64,
	/// Transfers pre-signed per second of load: more than the chain can take.
	#[arg(long, default_value_t = 4000)]
	max_rate: u64,
	/// The block time of the interval-sealed runs, in ms.
	#[arg(long, default_value_t = 1000)]
	dev_block_time: u64,
	/// Participants the ceremony community grows to.
	#[arg(long, default_value_t = 10_000)]
	participants: u32,
	/// Ceremonies of the growth run (a third more participants each, from 10).
	#[arg(long, default_value_t = 28)]
	ceremonies: u32,
	/// An extra argument for every node started (repeatable), e.g.
	/// `--node-arg=--wasm-instantiation-strategy=pooling`.
	#[arg(long, allow_hyphen_values = true)]
	node_arg: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
enum Section {
	Weights,
	Latency,
	Throughput,
	Ceremony,
}

/// The binaries under test.
pub struct Bins {
	/// `convene-node`.
	pub node: PathBuf,
	/// `convene`.
	pub cli: PathBuf,
	/// `bot-community`.
	pub bot: PathBuf,
	/// Extra arguments for every node.
	pub node_args: Vec<String>,
}

impl Bins {
	fn in_dir(dir: &Path, node_args: Vec<String>) -> Result<Self, String> {
		let bins = Self {
			node: dir.join("convene-node"),
			cli: dir.join("convene"),
			bot: dir.join("bot-community"),
			node_args,
		};
		for bin in [&bins.node, &bins.cli, &bins.bot] {
			if !bin.exists() {
				return Err(format!("{} is missing: run scripts/bench", bin.display()));
			}
		}
		Ok(bins)
	}

	/// A `--dev` node with the extra arguments.
	pub fn dev_node(&self) -> NodeBuilder {
		NodeBuilder::new(&self.node).dev().args(self.node_args.iter().cloned())
	}
}

/// A dev node with these extra arguments, ready, and a connection to it.
async fn dev_node(bins: &Bins, extra: &[&str]) -> Result<(TestNode, Chain), String> {
	let mut node = bins.dev_node().args(extra.iter().copied()).spawn();
	node.wait_ready(latency::READY);
	let chain = Chain::connect(&NodeUrl::local(node.rpc_port))
		.await
		.map_err(|e| e.to_string())?;
	Ok((node, chain))
}

/// The mean sr25519 verification time criterion measured, in ns.
fn sr25519_verify_ns(criterion: &Path) -> Result<f64, String> {
	let path = criterion.join("sr25519/verify/new/estimates.json");
	let text = std::fs::read_to_string(&path)
		.map_err(|e| format!("{}: {e} (run `cargo bench -p convene-bench`)", path.display()))?;
	let json: serde_json::Value =
		serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
	json["mean"]["point_estimate"]
		.as_f64()
		.ok_or_else(|| format!("{}: no mean estimate", path.display()))
}

async fn run(args: Args, report: &mut Report) -> Result<(), String> {
	let exe_dir = std::env::current_exe()
		.ok()
		.and_then(|p| p.parent().map(Path::to_path_buf))
		.unwrap_or_default();
	let bin_dir = args.bin_dir.clone().unwrap_or(exe_dir);
	let bins = Bins::in_dir(&bin_dir, args.node_arg.clone())?;
	let criterion =
		args.criterion
			.clone()
			.unwrap_or_else(|| match std::env::var_os("CARGO_TARGET_DIR") {
				Some(target) => Path::new(&target).join("criterion"),
				None => bin_dir.join("../criterion"),
			});
	// Absolute: the CLI runs in scratch folders.
	let repo = args.repo.canonicalize().map_err(|e| format!("{}: {e}", args.repo.display()))?;
	let wanted = |s: Section| args.only.is_empty() || args.only.contains(&s);

	if wanted(Section::Weights) {
		weights::compare(&repo, report)?;
	}
	if wanted(Section::Latency) {
		latency::node_start(&bins, report);
		let (node, chain) = dev_node(&bins, &[]).await?;
		latency::library(&chain, report).await?;
		let cli = latency::Cli::new(&bins, node.rpc_port)?;
		latency::cli(&cli, report)?;
		let fresh = dev_node(&bins, &[]).await?;
		latency::ceremony_scenario(&latency::Cli::new(&bins, fresh.0.rpc_port)?, &repo, report)?;
	}
	if wanted(Section::Throughput) {
		let bound = match sr25519_verify_ns(&criterion) {
			Ok(ns) => {
				report
					.add(
						"throughput",
						"sr25519 verification (criterion, one core)",
						ns / 1000.0,
						"µs",
					)
					.reference("50–90 µs");
				// One verification in the pool and one in the block per signed transaction.
				let bound = 1e9 / ns / 2.0;
				report.add(
					"throughput",
					"signed-transaction bound, one core (2 verifications each)",
					bound,
					"tx/s",
				);
				Some(bound)
			},
			Err(e) => {
				eprintln!("no sr25519 figure: {e}");
				None
			},
		};
		let accounts = throughput::accounts(args.accounts as usize);
		let block_time = args.dev_block_time.to_string();
		let interval = format!("--dev-block-time {block_time}");
		let sealings = [
			("instant sealing", Vec::new()),
			(interval.as_str(), vec!["--dev-block-time", block_time.as_str()]),
		];
		for (sealing, extra) in sealings {
			let (node, chain) = dev_node(&bins, &extra).await?;
			// A community whose bootstrappers hold its currency, through the CLI scenario.
			let cid = latency::ceremony_scenario(
				&latency::Cli::new(&bins, node.rpc_port)?,
				&repo,
				&mut Report::default(),
			)?;
			let cid: CommunityIdentifier = cid.parse().map_err(|e| format!("{cid}: {e:?}"))?;
			// Four fifths of //Alice's reward, shared out.
			let alice = subxt_signer::sr25519::dev::alice().public_key().to_account_id();
			let held = chain
				.call(runtime::runtime_apis().community_balances_api().balance(Static(cid), alice))
				.await
				.map_err(|e| e.to_string())?
				.0;
			let share = U64F64::from_bits(held.to_bits() / 5 * 4 / accounts.len() as u128);
			throughput::fund(&chain, &accounts, Some((cid, share))).await?;
			for currency in [throughput::Currency::Native, throughput::Currency::Community(cid)] {
				throughput::measure(
					&chain,
					&accounts,
					currency,
					sealing,
					args.seconds,
					args.max_rate,
					bound,
					report,
				)
				.await?;
			}
			drop(node);
		}
	}
	if wanted(Section::Ceremony) {
		let (node, chain) = dev_node(&bins, &[]).await?;
		let (port, participants) = (node.rpc_port, args.participants);
		ceremony::measure(&bins, &chain, port, participants, args.ceremonies, &args.out, report)
			.await?;
	}
	Ok(())
}

/// The machine, for the results' title.
fn machine() -> String {
	let cpu = std::fs::read_to_string("/proc/cpuinfo")
		.ok()
		.and_then(|c| {
			c.lines()
				.find(|l| l.starts_with("model name"))
				.map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
		})
		.unwrap_or_else(|| "unknown CPU".into());
	let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	format!("{cores} cores, {cpu}")
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	let args = Args::parse();
	let out = args.out.clone();
	let mut report = Report::default();
	let outcome = run(args, &mut report).await;
	// What was measured is written even when a later section failed.
	let title = format!("Convene performance suite ({})", machine());
	if let Err(e) = report.write(&out, &title) {
		eprintln!("error: cannot write to {}: {e}", out.display());
		return std::process::ExitCode::FAILURE;
	}
	print!("{}", report.markdown(&title));
	eprintln!("written: {0}/results.md, {0}/results.csv", out.display());
	match outcome {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e}");
			std::process::ExitCode::FAILURE
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn missing_binaries_and_criterion_output_are_named() {
		let dir = tempfile::tempdir().unwrap();
		let error = Bins::in_dir(dir.path(), Vec::new()).err().unwrap();
		assert!(error.contains("convene-node is missing: run scripts/bench"), "{error}");
		let error = sr25519_verify_ns(dir.path()).unwrap_err();
		assert!(error.contains("sr25519/verify/new/estimates.json"), "{error}");
		let estimates = dir.path().join("sr25519/verify/new");
		std::fs::create_dir_all(&estimates).unwrap();
		std::fs::write(estimates.join("estimates.json"), r#"{"median":{}}"#).unwrap();
		assert!(sr25519_verify_ns(dir.path()).unwrap_err().contains("no mean estimate"));
		std::fs::write(estimates.join("estimates.json"), r#"{"mean":{"point_estimate":33.7}}"#)
			.unwrap();
		assert_eq!(sr25519_verify_ns(dir.path()), Ok(33.7));
	}
}
