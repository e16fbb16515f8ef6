// SPDX-License-Identifier: GPL-3.0-or-later
//! The testnet end to end: boot 4 validators from genesis, then the fault steps of the testnet
//! issue. GRANDPA needs more than 2/3 of the votes: 3 of 4.
//!
//! 1. stopping one validator keeps finality advancing;
//! 2. stopping a second stalls finality while blocks continue;
//! 3. restarting both resumes finality, and they catch up to the head;
//! 4. a node started later syncs the whole chain from its peers;
//! 5. removing a validator by governance takes effect at the session boundary planned for it.
//!
//! Before the faults, `bot-community` founds a community through a validator that is not the
//! genesis node (`--node-url`), registers its bootstrappers, and `benchmark` acts on a phase
//! change.
//!
//! The times and lags are printed as `MEASURE` lines (they are reported, not asserted).

use convene_client::{
	keystore::key_from_secret, runtime::validator_set::events::ValidatorRemoved, Chain,
};
use convene_test_support::node_binary;
use convene_testnet::{
	boot::{self, BootOptions},
	network::Testnet,
	watch::{self, Heights},
};
use std::{
	path::Path,
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};

/// Stops every node when the test ends, passed or failed.
struct Guard(Testnet);
impl Drop for Guard {
	fn drop(&mut self) {
		let _ = self.0.stop_all();
	}
}

/// A process killed when dropped.
struct ChildGuard(Child);
impl Drop for ChildGuard {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

const READY: Duration = Duration::from_secs(60);

/// `bot-community --node-url URL ARGS…` in `dir`.
fn bot(dir: &Path, url: &str, args: &[&str]) -> Command {
	let mut command = Command::new(node_binary().with_file_name("bot-community"));
	command
		.args(["--node-url", url])
		.args(args)
		.current_dir(dir)
		.env_remove("IPFS_ADD_URL")
		.env_remove("CONVENE_KEYSTORE");
	command
}

fn run_bot(dir: &Path, url: &str, args: &[&str]) -> String {
	let output: Output = bot(dir, url, args).output().expect("bot-community runs");
	let text = String::from_utf8_lossy(&output.stdout).into_owned();
	eprintln!("bot-community {args:?}:\n{text}{}", String::from_utf8_lossy(&output.stderr));
	assert!(output.status.success(), "bot-community {args:?} failed");
	text
}

/// The bots against the testnet: a faucet, `init`, `run` in Registering, then `benchmark`
/// acting on the phase change governance makes.
async fn bots_grow_a_community_on_the_testnet(url: &str, chain: &Chain) {
	let dir = tempfile::tempdir().expect("a folder for the bots");
	let port = convene_test_support::free_port();
	let _faucet = ChildGuard(
		bot(dir.path(), url, &["faucet", "--port", &port.to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.expect("the faucet starts"),
	);
	let faucet = format!("http://127.0.0.1:{port}/api");
	let started = Instant::now();
	while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
		assert!(started.elapsed() < Duration::from_secs(30), "the faucet did not start");
		std::thread::sleep(Duration::from_millis(100));
	}
	let cid = run_bot(dir.path(), url, &["--faucet-url", &faucet, "init", "--locations", "20"]);
	assert!(!cid.trim().is_empty());
	let registering = run_bot(dir.path(), url, &["--faucet-url", &faucet, "run"]);
	assert!(registering.contains("10 registered (0 failed)"), "{registering}");

	let log = dir.path().join("benchmark.log");
	let _benchmark = ChildGuard(
		bot(dir.path(), url, &["--faucet-url", &faucet, "benchmark"])
			.stdout(std::fs::File::create(&log).expect("log"))
			.stderr(Stdio::null())
			.spawn()
			.expect("benchmark starts"),
	);
	let sudo = key_from_secret(boot::SUDO).expect("sudo key");
	chain.ceremonies().next_phase(&sudo.pair).await.expect("the phase moves on");
	let started = Instant::now();
	loop {
		let text = std::fs::read_to_string(&log).unwrap_or_default();
		if text.contains("10 participants in 1 meetups") {
			break;
		}
		assert!(started.elapsed() < Duration::from_secs(60), "benchmark did not act:\n{text}");
		tokio::time::sleep(watch::POLL).await;
	}
}

/// Poll `chain` until `done` holds for its heights, or panic after `timeout` with `what`.
/// Returns the heights then, and the largest best - finalized lag seen meanwhile.
async fn wait_for(
	chain: &Chain,
	timeout: Duration,
	what: &str,
	done: impl Fn(Heights) -> bool,
) -> (Heights, u64) {
	let start = Instant::now();
	let mut lag = 0;
	loop {
		let h = watch::heights(chain).await.expect("heights");
		lag = lag.max(h.best - h.finalized);
		if done(h) {
			return (h, lag);
		}
		assert!(start.elapsed() < timeout, "{what}: not within {timeout:?} (now {h:?})");
		tokio::time::sleep(watch::POLL).await;
	}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_validators_boot_survive_faults_and_follow_governance() {
	let dir = tempfile::tempdir().expect("a temporary folder");
	let net = Testnet::create(dir.path(), &node_binary()).expect("testnet created");
	let mut guard = Guard(net);
	let net = &mut guard.0;

	// Boot.
	let options = BootOptions {
		validators: 4,
		accounts: 20,
		tokens: 100_000,
		seed: 42,
		timeout: Duration::from_secs(120),
	};
	let report = boot::boot(net, &options, |line| eprintln!("boot {line}"))
		.await
		.expect("testnet boots");
	let booted = report.steps.last().expect("steps").1;
	println!("MEASURE testnet start to all 4 validators authoring, finalized: {booted:.1?}");
	let chain = net.connect(0, READY).await.expect("genesis node");
	for (account, amount) in &report.accounts[..3] {
		assert_eq!(chain.balances().native(account).await.expect("balance"), *amount);
	}
	let set = chain.validators().set(None).await.expect("validators");
	assert_eq!(set.active.len(), 4);

	// Bots, through another validator's node.
	let url = net.node(1).expect("node 1").url().to_string();
	let bots = Instant::now();
	bots_grow_a_community_on_the_testnet(&url, &chain).await;
	println!(
		"MEASURE bot-community init, run and a benchmark phase on the testnet: {:.1?}",
		bots.elapsed()
	);

	// 1. One of four stops: 3 votes of 4 still finalize.
	net.stop_node(3).expect("node 3 stops");
	let at = watch::heights(&chain).await.expect("heights");
	let (_, lag) = wait_for(&chain, Duration::from_secs(60), "finality with 3 of 4", |h| {
		h.finalized >= at.finalized + 3
	})
	.await;
	println!("MEASURE one validator down: finality advances, largest lag {lag} blocks");

	// 2. Two of four stop: 2 votes cannot finalize; the 2 left still author in their slots.
	net.stop_node(2).expect("node 2 stops");
	// A round already under way may still conclude.
	tokio::time::sleep(Duration::from_secs(8)).await;
	let stalled = watch::heights(&chain).await.expect("heights");
	let (h, lag) = wait_for(&chain, Duration::from_secs(60), "blocks with 2 of 4", |h| {
		h.best >= stalled.best + 3
	})
	.await;
	assert_eq!(h.finalized, stalled.finalized, "finality stalls with 2 of 4 validators");
	println!(
		"MEASURE two validators down: finality stalls at {}, lag grows to {lag} blocks",
		h.finalized
	);

	// 3. Both come back: finality resumes past the stalled blocks and they catch up.
	net.start_node(2).expect("node 2 starts");
	net.start_node(3).expect("node 3 starts");
	let restarted = Instant::now();
	let head = watch::heights(&chain).await.expect("heights").best;
	wait_for(&chain, Duration::from_secs(120), "finality resumes", |h| h.finalized >= head).await;
	println!("MEASURE finality resumed {:.1?} after the restart", restarted.elapsed());
	for i in [2, 3] {
		let head = watch::heights(&chain).await.expect("heights").best;
		let node = net.connect(i, READY).await.expect("restarted node");
		wait_for(&node, Duration::from_secs(60), "a restarted node catches up", |h| h.best >= head)
			.await;
	}
	println!(
		"MEASURE restarted validators caught up {:.1?} after the restart",
		restarted.elapsed()
	);

	// 4. A node started now syncs the whole chain.
	let late = net.add_node(None, [7; 32]).expect("node added");
	net.start_node(late).expect("late node starts");
	let head = watch::heights(&chain).await.expect("heights").best;
	let started = Instant::now();
	let node = net.connect(late, READY).await.expect("late node");
	wait_for(&node, Duration::from_secs(120), "the late node syncs", |h| {
		h.best >= head && h.finalized > 0
	})
	.await;
	println!("MEASURE a new node synced {head} blocks in {:.1?}", started.elapsed());
	assert_eq!(
		watch::block_hash(&node, head).await.expect("hash"),
		watch::block_hash(&chain, head).await.expect("hash"),
		"the same chain"
	);

	// 5. Governance removes validator 3: it leaves at the session boundary after the next.
	let removed = report.validators[3];
	let sudo = key_from_secret(boot::SUDO).expect("sudo key");
	let outcome = chain.validators().remove(&sudo.pair, removed).await.expect("removed");
	assert!(outcome.first::<ValidatorRemoved>().is_some());
	let session = chain.validators().set(outcome.block).await.expect("set").session_index;
	let start = Instant::now();
	let left_at = loop {
		let set = chain.validators().set(None).await.expect("set");
		if !set.active.contains(&removed) {
			assert_eq!(set.session_index, session + 2, "gone from the second boundary on");
			break watch::heights(&chain).await.expect("heights").best;
		}
		assert!(set.session_index <= session + 1, "still active in session {}", set.session_index);
		assert!(start.elapsed() < Duration::from_secs(180), "the removal takes effect");
		tokio::time::sleep(watch::POLL).await;
	};
	println!("MEASURE a removed validator left after {:.1?}", start.elapsed());
	let (h, _) = wait_for(&chain, Duration::from_secs(90), "finality without it", |h| {
		h.finalized >= left_at + 3
	})
	.await;
	for n in left_at + 1..=h.finalized {
		let hash = watch::block_hash(&chain, n).await.expect("hash");
		assert_ne!(watch::author(&chain, hash).await.expect("author"), removed, "block {n}");
	}
}
