// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremony scale: a bot community grown to `--participants` on a dev node by
//! `bot-community test` (registration, assignment, attestation, rewards each ceremony), the
//! time of each phase's work at the largest ceremony, and the weight of every block by phase.

use crate::{
	blocks::{best_number, Follower},
	report::Report,
	Bins,
};
use convene_client::{runtime, Chain};
use convene_primitives::scheduler::CeremonyPhase;
use std::{
	collections::BTreeMap,
	path::Path,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};
use subxt::utils::H256;

/// One ceremony's line of `bot-community test`'s timing table.
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
	/// The ceremony index.
	pub ceremony: u32,
	/// Participants assigned to meetups.
	pub participants: u32,
	/// Seconds of each phase's work: registering, assigning, attesting, claiming rewards.
	pub seconds: [f64; 4],
}

/// The timing table `bot-community test` prints last (after its header line).
pub fn parse_timings(output: &str) -> Vec<Timing> {
	let Some(table) = output.split("ceremony, participants,").nth(1) else { return Vec::new() };
	table
		.lines()
		.skip(1)
		.filter_map(|line| {
			let f: Vec<&str> = line.split(',').map(str::trim).collect();
			let seconds = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok());
			Some(Timing {
				ceremony: f.first()?.parse().ok()?,
				participants: f.get(1)?.parse().ok()?,
				seconds: [seconds(2)?, seconds(3)?, seconds(4)?, seconds(5)?],
			})
		})
		.collect()
}

/// Every ceremony's participants and phase times, as CSV.
fn write_timings(path: &Path, timings: &[Timing]) -> std::io::Result<()> {
	if let Some(dir) = path.parent() {
		std::fs::create_dir_all(dir)?;
	}
	let mut csv =
		String::from("ceremony,participants,registering s,assigning s,attesting s,claiming s\n");
	for t in timings {
		let [registering, assigning, attesting, claiming] = t.seconds;
		csv += &format!(
			"{},{},{registering},{assigning},{attesting},{claiming}\n",
			t.ceremony, t.participants
		);
	}
	std::fs::write(path, csv)
}

/// The heaviest block of each phase: its share of the normal class's limit and of the whole
/// block's, and how many blocks the phase had.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhaseWeight {
	/// Blocks sealed in the phase.
	pub blocks: usize,
	/// The largest normal-class ref_time, as a share of its limit.
	pub normal: f64,
	/// The largest total ref_time, as a share of the block's limit.
	pub total: f64,
}

/// A process killed (and reaped) when dropped.
struct Guard(Child);

impl Drop for Guard {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

/// Grow a community on the dev node at `port` over `ceremonies` ceremonies to at most
/// `participants` bots, then report the largest ceremony's phases and every phase's heaviest
/// block.
pub async fn measure(
	bins: &Bins,
	chain: &Chain,
	port: u16,
	participants: u32,
	ceremonies: u32,
	out: &Path,
	report: &mut Report,
) -> Result<(), String> {
	let dir = tempfile::tempdir().map_err(|e| format!("a scratch folder: {e}"))?;
	let faucet_port = convene_test_support::free_port();
	// The test's own faucet gives 100 tokens a bot: //Alice's million is not enough for 10,000.
	// //Bob pays: the test signs as //Alice too (phase changes), and two processes signing
	// for one account race for its nonces. 40 tokens a bot: the bootstrappers share the deposits
	// of 1,000 locations (about 29 tokens each); 10,000 bots take 400,000 of //Bob's million.
	// One client (this run) asks for every bot.
	let faucet = Command::new(&bins.bot)
		.args(["--port", &port.to_string(), "faucet", "--port", &faucet_port.to_string()])
		.args(["--amount", "40CVN", "--from", "//Bob", "--per-client", "20000"])
		.current_dir(dir.path())
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()
		.map_err(|e| format!("cannot start the faucet: {e}"))?;
	let _faucet = Guard(faucet);
	let url = format!("http://127.0.0.1:{faucet_port}/api");
	let started = Instant::now();
	while std::net::TcpStream::connect(("127.0.0.1", faucet_port)).is_err() {
		if started.elapsed() > Duration::from_secs(30) {
			return Err("the faucet did not start".into());
		}
		tokio::time::sleep(Duration::from_millis(100)).await;
	}
	let max = participants.to_string();
	let count = ceremonies.to_string();
	let args = ["--port", &port.to_string(), "--faucet-url", &url, "--max-population", &max];
	let follower =
		Follower::start(chain.clone(), best_number(chain).await?, |chain, _, hash| async move {
			block_weight(&chain, hash).await
		});
	let started = Instant::now();
	let output = tokio::process::Command::new(&bins.bot)
		.args(args)
		.args(["test", "--ceremonies", &count, "--locations", "1000"])
		.current_dir(dir.path())
		.env("RUST_LOG", "warn")
		.output()
		.await
		.map_err(|e| format!("cannot run bot-community: {e}"))?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	if !output.status.success() {
		return Err(format!(
			"bot-community test failed:\n{stdout}\n{}",
			String::from_utf8_lossy(&output.stderr)
		));
	}
	report.add(
		"ceremony",
		format!("bot-community test: {ceremonies} ceremonies, wall time"),
		started.elapsed().as_secs_f64(),
		"s",
	);
	let timings = parse_timings(&stdout);
	write_timings(&out.join("ceremonies.csv"), &timings)
		.map_err(|e| format!("{}: {e}", out.join("ceremonies.csv").display()))?;
	let largest = timings
		.iter()
		.max_by_key(|t| (t.participants, t.ceremony))
		.ok_or_else(|| format!("bot-community printed no timings:\n{stdout}"))?;
	report
		.add(
			"ceremony",
			format!("participants at ceremony {}", largest.ceremony),
			largest.participants.into(),
			"",
		)
		.target(format!("{participants}"));
	for (phase, seconds) in ["Registering", "Assigning", "Attesting", "claiming rewards"]
		.iter()
		.zip(largest.seconds)
	{
		report.add(
			"ceremony",
			format!("ceremony {}: {phase}, work", largest.ceremony),
			seconds,
			"s",
		);
	}

	let weights = phase_weights(chain, &follower.finish().await?).await?;
	for (phase, w) in &weights {
		report
			.add(
				"ceremony",
				format!("{phase}: heaviest block, normal class"),
				w.normal * 100.0,
				"%",
			)
			.target("≤ 100 %")
			.reference(format!("{} blocks", w.blocks));
		report.add(
			"ceremony",
			format!("{phase}: heaviest block, whole block"),
			w.total * 100.0,
			"%",
		);
	}
	Ok(())
}

/// The blocks' weights (phase, normal-class and total ref_time), grouped by phase, as shares of
/// the runtime's limits.
async fn phase_weights(
	chain: &Chain,
	blocks: &[(CeremonyPhase, u64, u64)],
) -> Result<BTreeMap<String, PhaseWeight>, String> {
	let at = chain.at_best().await.map_err(|e| e.to_string())?;
	let limits = at
		.constants()
		.entry(runtime::constants().system().block_weights())
		.map_err(|e| e.to_string())?;
	let max_total = limits.max_block.ref_time as f64;
	let max_normal = limits.per_class.normal.max_total.map_or(max_total, |w| w.ref_time as f64);
	let mut phases: BTreeMap<String, PhaseWeight> = BTreeMap::new();
	for (phase, normal, total) in blocks.iter().copied() {
		let entry = phases.entry(format!("{phase:?}")).or_default();
		entry.blocks += 1;
		entry.normal = entry.normal.max(normal as f64 / max_normal);
		entry.total = entry.total.max(total as f64 / max_total);
	}
	Ok(phases)
}

/// Block `hash`'s phase, normal-class ref_time and total ref_time.
async fn block_weight(chain: &Chain, hash: H256) -> Result<(CeremonyPhase, u64, u64), String> {
	let at = chain.at(hash).await.map_err(|e| e.to_string())?;
	let storage = at.storage();
	let weight = storage
		.try_fetch(runtime::storage().system().block_weight(), ())
		.await
		.map_err(|e| e.to_string())?
		.ok_or_else(|| format!("block {hash:?} has no weight"))?
		.decode()
		.map_err(|e| e.to_string())?;
	let phase = storage
		.try_fetch(runtime::storage().ceremony_scheduler().current_phase(), ())
		.await
		.map_err(|e| e.to_string())?
		.map(|p| p.decode().map(|p| p.0))
		.transpose()
		.map_err(|e| e.to_string())?
		.unwrap_or(CeremonyPhase::Registering);
	let total = weight.normal.ref_time + weight.operational.ref_time + weight.mandatory.ref_time;
	Ok((phase, weight.normal.ref_time, total))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_timing_table_is_read() {
		let output = "ceremony 1 Registering: 0 meetups claimed\n\
			ceremony, participants, registering s, assigning s, attesting s, claiming s\n\
			1, 10, 0.40, 0.09, 0.48, 0.10\n\
			2, 13, 0.52, 0.10, 0.50, 0.11\n";
		assert_eq!(
			parse_timings(output),
			vec![
				Timing { ceremony: 1, participants: 10, seconds: [0.40, 0.09, 0.48, 0.10] },
				Timing { ceremony: 2, participants: 13, seconds: [0.52, 0.10, 0.50, 0.11] },
			]
		);
		assert!(parse_timings("no table").is_empty());
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("out/ceremonies.csv");
		write_timings(&path, &parse_timings(output)).unwrap();
		assert_eq!(
			std::fs::read_to_string(path).unwrap(),
			"ceremony,participants,registering s,assigning s,attesting s,claiming s\n\
			 1,10,0.4,0.09,0.48,0.1\n2,13,0.52,0.1,0.5,0.11\n"
		);
	}
}
