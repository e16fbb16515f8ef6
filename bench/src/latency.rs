// SPDX-License-Identifier: GPL-3.0-or-later
//! Dev-loop latency: node start, a transfer through the client library, `convene` CLI
//! processes, and the bootstrapping-ceremony scenario through the CLI.

use crate::{
	report::{median_p90, ms, Report},
	Bins,
};
use convene_client::{runtime, Chain, TxOptions, Wait};
use std::{
	path::Path,
	process::Command,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::dev;

/// Samples of each repeated figure.
const SAMPLES: usize = 20;
/// Node starts measured.
const STARTS: usize = 5;
/// How long a node may take to serve RPC.
pub const READY: Duration = Duration::from_secs(120);

/// Add `samples` as a median and a 90th percentile row.
fn add_samples(
	report: &mut Report,
	what: &str,
	samples: &mut [f64],
	target: &str,
	reference: &str,
) {
	if let Some((median, p90)) = median_p90(samples) {
		report
			.add("latency", format!("{what}, median of {}", samples.len()), median, "ms")
			.target(target)
			.reference(reference);
		report.add("latency", format!("{what}, 90th percentile"), p90, "ms");
	}
}

/// `convene-node --dev --tmp`: process start → RPC ready.
pub fn node_start(bins: &Bins, report: &mut Report) {
	let mut samples: Vec<f64> =
		(0..STARTS).map(|_| ms(bins.dev_node().spawn().wait_ready(READY))).collect();
	add_samples(report, "dev node start → RPC ready", &mut samples, "", "2.4 s");
}

/// A native transfer through the client library: submit → in block, and → finalized.
pub async fn library(chain: &Chain, report: &mut Report) -> Result<(), String> {
	let call = runtime::transactions()
		.balances()
		.transfer_keep_alive(dev::bob().public_key().into(), 1_000_000_000);
	for (wait, what, target, reference) in [
		(Wait::InBlock, "client library transfer: submit → in block", "", "6 s"),
		(Wait::Finalized, "client library transfer: submit → finalized", "≤ 100 ms", "15 s"),
	] {
		let mut samples = Vec::with_capacity(SAMPLES);
		for _ in 0..SAMPLES {
			let started = Instant::now();
			chain
				.with_options(TxOptions { wait, ..Default::default() })
				.submit(&call, &dev::alice())
				.await
				.map_err(|e| format!("{what}: {e}"))?;
			samples.push(ms(started.elapsed()));
		}
		add_samples(report, what, &mut samples, target, reference);
	}
	Ok(())
}

/// Runs the `convene` CLI against one node from a scratch folder.
pub struct Cli<'a> {
	bins: &'a Bins,
	port: u16,
	dir: tempfile::TempDir,
}

impl<'a> Cli<'a> {
	/// The CLI for the node serving RPC on `port`.
	pub fn new(bins: &'a Bins, port: u16) -> Result<Self, String> {
		let dir = tempfile::tempdir().map_err(|e| format!("a scratch folder: {e}"))?;
		Ok(Self { bins, port, dir })
	}

	/// Run `convene --port P --json ARGS…`; returns its JSON output and its wall time.
	pub fn run(&self, args: &[&str]) -> Result<(serde_json::Value, Duration), String> {
		let started = Instant::now();
		let output = Command::new(&self.bins.cli)
			.args(["--port", &self.port.to_string(), "--json"])
			.args(args)
			.current_dir(self.dir.path())
			.output()
			.map_err(|e| format!("cannot run {}: {e}", self.bins.cli.display()))?;
		let elapsed = started.elapsed();
		if !output.status.success() {
			return Err(format!(
				"convene {}: {}{}",
				args.join(" "),
				String::from_utf8_lossy(&output.stdout),
				String::from_utf8_lossy(&output.stderr)
			));
		}
		let json = serde_json::from_slice(&output.stdout)
			.map_err(|e| format!("convene {}: not JSON: {e}", args.join(" ")))?;
		Ok((json, elapsed))
	}

	/// Run `args` [`SAMPLES`] times; the wall times in ms.
	fn samples(&self, args: &[&str]) -> Result<Vec<f64>, String> {
		(0..SAMPLES).map(|_| self.run(args).map(|(_, t)| ms(t))).collect()
	}
}

/// `convene` processes: start → result of a query, and of a transfer (in block, finalized).
pub fn cli(cli: &Cli, report: &mut Report) -> Result<(), String> {
	let query = &mut cli.samples(&["get-phase"])?;
	add_samples(report, "CLI query (get-phase): process start → result", query, "", "19 ms");
	let transfer = &mut cli.samples(&["transfer", "//Alice", "//Bob", "1CVN"])?;
	add_samples(report, "CLI transfer: process start → in block", transfer, "≤ 100 ms", "6 s");
	let args = ["--wait", "finalized", "transfer", "//Alice", "//Bob", "1CVN"];
	let finalized = &mut cli.samples(&args)?;
	add_samples(report, "CLI transfer: process start → finalized", finalized, "", "15 s");
	Ok(())
}

/// The reference's bootstrapping ceremony through the CLI, on a fresh dev chain: the community
/// is founded (timed apart), then 3 registrations, 2 phase changes, 3 attestations, a claim
/// and a balance query. Returns the community's identifier.
pub fn ceremony_scenario(cli: &Cli, repo: &Path, report: &mut Report) -> Result<String, String> {
	let specfile = repo.join("test-data/test-locations-mediterranean.json");
	let (founded, founding) = cli.run(&["new-community", &specfile.display().to_string()])?;
	let cid = founded["cid"].as_str().ok_or("new-community printed no cid")?.to_owned();
	report.add("latency", "CLI new-community (9 locations, 3 bootstrappers)", ms(founding), "ms");

	let people = ["//Alice", "//Bob", "//Charlie"];
	let mut steps: Vec<Vec<&str>> = Vec::new();
	for who in people {
		steps.push(vec!["--cid", &cid, "register-participant", who]);
	}
	steps.push(vec!["next-phase"]);
	steps.push(vec!["next-phase"]);
	for who in people {
		let mut step = vec!["--cid", &cid, "attest-attendees", who];
		step.extend(people.iter().filter(|p| **p != who));
		steps.push(step);
	}
	steps.push(vec!["--cid", &cid, "claim-reward", "//Alice"]);
	steps.push(vec!["--cid", &cid, "balance", "//Alice"]);
	let started = Instant::now();
	let mut last = serde_json::Value::Null;
	for step in &steps {
		last = cli.run(step)?.0;
	}
	let elapsed = started.elapsed();
	let balance: f64 = last["balance"].as_str().and_then(|b| b.parse().ok()).unwrap_or(0.0);
	if balance <= 0.0 {
		return Err(format!("the ceremony scenario ended without a reward: {last}"));
	}
	report
		.add(
			"latency",
			format!("CLI bootstrapping ceremony ({} commands, end to end)", steps.len()),
			ms(elapsed),
			"ms",
		)
		.target("≤ 3 s")
		.reference("60 s");
	Ok(cid)
}
