// SPDX-License-Identifier: GPL-3.0-or-later
//! End-to-end tests of `bot-community` against spawned dev nodes: the `test` command against
//! the golden statistics, the faucet over real HTTP, the phase service, and `run` in each phase.
//! Every process a test starts is killed when the test ends, pass or fail.

use convene_client::{keystore::Keystore, Chain};
use convene_primitives::scheduler::CeremonyPhase;
use convene_test_support::{free_port, node_binary, repo_path, NodeBuilder, TestNode};
use std::{
	path::PathBuf,
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};

const BOT: &str = env!("CARGO_BIN_EXE_bot-community");

fn golden() -> PathBuf {
	repo_path("test-data/bot-stats-golden.csv")
}

/// A dev node and a working folder for the bots.
struct Env {
	node: TestNode,
	dir: tempfile::TempDir,
}

/// A process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

impl Env {
	fn new() -> Self {
		let mut node = NodeBuilder::new(node_binary()).dev().spawn();
		node.wait_ready(Duration::from_secs(60));
		Self { node, dir: tempfile::tempdir().expect("a temporary folder") }
	}

	fn command(&self, args: &[&str]) -> Command {
		let mut command = Command::new(BOT);
		command
			.args(["--port", &self.node.rpc_port.to_string()])
			.args(args)
			.current_dir(self.dir.path())
			.env_remove("IPFS_ADD_URL")
			.env_remove("CONVENE_KEYSTORE");
		command
	}

	fn run(&self, args: &[&str]) -> Output {
		let output = self.command(args).output().expect("bot-community runs");
		eprintln!(
			"bot-community {args:?}:\n{}{}",
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		);
		output
	}

	fn spawn(&self, args: &[&str]) -> Guard {
		Guard(
			self.command(args)
				.stdout(Stdio::null())
				.stderr(Stdio::null())
				.spawn()
				.expect("bot-community starts"),
		)
	}

	/// The faucet service on a free port; returns its URL once it answers.
	fn faucet(&self) -> (Guard, String) {
		self.faucet_with(&[])
	}

	/// The faucet with `limits` (its flags).
	fn faucet_with(&self, limits: &[&str]) -> (Guard, String) {
		let port = free_port();
		let port_text = port.to_string();
		let mut args = vec!["faucet", "--port", &port_text];
		args.extend_from_slice(limits);
		let guard = self.spawn(&args);
		let started = Instant::now();
		while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
			assert!(started.elapsed() < Duration::from_secs(30), "the faucet did not start");
			std::thread::sleep(Duration::from_millis(100));
		}
		(guard, format!("http://127.0.0.1:{port}/api"))
	}

	fn file(&self, name: &str) -> String {
		std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
	}

	fn chain(&self, rt: &tokio::runtime::Runtime) -> Chain {
		rt.block_on(Chain::connect(&convene_client::NodeUrl::local(self.node.rpc_port)))
			.expect("the node answers")
	}
}

fn runtime() -> tokio::runtime::Runtime {
	tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn text(output: &Output) -> String {
	String::from_utf8_lossy(&output.stdout).into_owned()
}

fn next_phase(rt: &tokio::runtime::Runtime, chain: &Chain) {
	let alice = Keystore::new("/nonexistent").signer("//Alice").unwrap();
	rt.block_on(chain.ceremonies().next_phase(&alice.pair)).expect("next_phase");
}

#[test]
fn four_ceremonies_give_the_golden_statistics() {
	let env = Env::new();
	let output = env.run(&["test", "--ceremonies", "4", "--golden", golden().to_str().unwrap()]);
	assert!(output.status.success(), "test failed");
	let expected = std::fs::read_to_string(golden()).unwrap();
	assert_eq!(env.file("bot-stats.csv"), expected);
	// The specfile, the community and the bazaar descriptions were written.
	assert!(env.file("cid.txt").trim().len() > 6);
	let bazaar = env.dir.path().join("test-data/bazaar");
	assert_eq!(std::fs::read_dir(bazaar.join("businesses")).unwrap().count(), 2);
	assert_eq!(std::fs::read_dir(bazaar.join("offerings")).unwrap().count(), 5);
	// A second test on the same chain is refused: it needs a fresh one.
	let again = env.run(&["test", "--ceremonies", "1", "--purge"]);
	assert_eq!(again.status.code(), Some(2));
	assert!(String::from_utf8_lossy(&again.stderr).contains("fresh dev chain"));
}

/// GET `url` from the faucet: status, `Retry-After` and the JSON body.
fn faucet_get(url: &str) -> (u16, Option<String>, serde_json::Value) {
	let response = ureq::get(url)
		.config()
		.http_status_as_error(false)
		.build()
		.call()
		.expect("the faucet answers");
	let status = response.status().as_u16();
	let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
	let body = serde_json::from_str(&response.into_body().read_to_string().unwrap()).unwrap();
	(status, retry, body)
}

#[test]
fn the_faucet_tops_accounts_up_over_http() {
	let env = Env::new();
	let (_faucet, url) = env.faucet();
	let rt = runtime();
	let chain = env.chain(&rt);
	let newcomer = Keystore::new("/nonexistent").signer("//FaucetNewcomer").unwrap().account();
	let get = |query: &str| {
		let (status, _, body) = faucet_get(&format!("{url}{query}"));
		(status, body)
	};
	let (status, body) = get(&format!("?accounts={newcomer}"));
	assert_eq!(status, 200, "{body}");
	assert_eq!(body["success"], true);
	assert_eq!(body["funded"][0], newcomer.to_string());
	let balance = rt.block_on(chain.balances().native(&newcomer)).unwrap();
	assert_eq!(balance, 100 * convene_client::amount::PLANCKS_PER_UNIT);
	// Funded accounts are skipped: asking again does not drain the faucet.
	let (status, body) = get(&format!("?accounts={newcomer}"));
	assert_eq!((status, body["skipped"][0].as_str()), (200, Some(newcomer.to_string().as_str())));
	assert_eq!(rt.block_on(chain.balances().native(&newcomer)).unwrap(), balance);
	// Bad requests.
	let (status, body) = get("");
	assert_eq!(status, 400);
	assert!(body["error"].as_str().unwrap().contains("no accounts provided"));
	assert_eq!(get("?accounts=nobody").0, 400);
	assert_eq!(get("/../other").0, 404);
}

/// A public faucet must not be drained by one client: past its limit it answers 429, says
/// which limit and when to come back, and pays nothing.
#[test]
fn the_faucet_limits_each_client_address_and_says_when_to_come_back() {
	let env = Env::new();
	let (_faucet, url) = env.faucet_with(&["--per-client", "2", "--period", "600"]);
	let keystore = Keystore::new("/nonexistent");
	let accounts: Vec<String> = (0..3)
		.map(|i| keystore.signer(&format!("//Limited{i}")).unwrap().account().to_string())
		.collect();
	let get = |accounts: &[String]| {
		let query: Vec<String> = accounts.iter().map(|a| format!("accounts={a}")).collect();
		faucet_get(&format!("{url}?{}", query.join("&")))
	};
	let (status, retry, body) = get(&accounts);
	assert_eq!((status, retry.as_deref()), (429, Some("600")), "{body}");
	let error = body["error"].as_str().unwrap();
	assert!(
		error.contains("at most 2 per client address") && error.contains("retry in"),
		"{error}"
	);
	let (status, _, body) = get(&accounts[..2]);
	assert_eq!(status, 200, "{body}");
	let (status, retry, body) = get(&accounts[2..]);
	assert_eq!(status, 429, "{body}");
	let retry: u64 = retry.unwrap().parse().unwrap();
	assert!((590..=600).contains(&retry), "{retry}");
	let rt = runtime();
	let chain = env.chain(&rt);
	let unpaid = accounts[2].parse().unwrap();
	assert_eq!(rt.block_on(chain.balances().native(&unpaid)).unwrap(), 0);
}

#[test]
fn the_phase_advances_after_idleness_even_in_a_phase_without_work() {
	let env = Env::new();
	let _phase = env.spawn(&["phase", "--idle-secs", "4"]);
	let rt = runtime();
	let chain = env.chain(&rt);
	let phase = || rt.block_on(chain.ceremonies().info()).unwrap().phase;
	// Transactions every second for 8 s: no phase change.
	let bob = Keystore::new("/nonexistent").signer("//Bob").unwrap();
	let charlie = Keystore::new("/nonexistent").signer("//Charlie").unwrap().account();
	for _ in 0..8 {
		let transfer =
			chain.balances().transfer_native(&bob.pair, charlie, 1_000_000_000_000, true);
		rt.block_on(transfer).unwrap();
		assert_eq!(phase(), CeremonyPhase::Registering);
		std::thread::sleep(Duration::from_secs(1));
	}
	// Then idle: the phase advances after the idle time; Assigning, where nobody transacts
	// (its own next_phase is not activity), ends after the idle time too.
	for (from, to) in [
		(CeremonyPhase::Registering, CeremonyPhase::Assigning),
		(CeremonyPhase::Assigning, CeremonyPhase::Attesting),
	] {
		let quiet = Instant::now();
		while phase() == from {
			assert!(quiet.elapsed() < Duration::from_secs(20), "{from:?} did not end");
			std::thread::sleep(Duration::from_millis(200));
		}
		assert!(quiet.elapsed() >= Duration::from_secs(2), "{from:?} ended too early");
		assert_eq!(phase(), to);
	}
}

#[test]
fn with_idle_blocks_the_phase_advances_after_empty_blocks() {
	let mut node = NodeBuilder::new(node_binary()).dev().args(["--dev-block-time", "500"]).spawn();
	node.wait_ready(Duration::from_secs(60));
	let env = Env { node, dir: tempfile::tempdir().expect("a temporary folder") };
	let rt = runtime();
	let chain = env.chain(&rt);
	let best = || rt.block_on(chain.rpc().chain_get_header(None)).unwrap().unwrap().number;
	let _phase = env.spawn(&["phase", "--idle-blocks", "6"]);
	let started = best();
	let info = || rt.block_on(chain.ceremonies().info()).unwrap();
	while info().phase == CeremonyPhase::Registering {
		assert!(best() < started + 40, "no phase change in 40 blocks");
		std::thread::sleep(Duration::from_millis(100));
	}
	// Six empty blocks after the service began watching, and not before.
	assert!(best() >= started + 6, "advanced after {} blocks", best() - started);
	let assigning = best();
	while info().phase == CeremonyPhase::Assigning {
		assert!(best() < assigning + 40, "Assigning did not end in 40 blocks");
		std::thread::sleep(Duration::from_millis(100));
	}
	assert!(best() >= assigning + 6, "advanced after {} blocks", best() - assigning);
}

#[test]
fn run_does_each_phase_s_work() {
	let env = Env::new();
	let (_faucet, url) = env.faucet();
	let rt = runtime();
	let chain = env.chain(&rt);
	let init = env.run(&["--faucet-url", &url, "init", "--locations", "20"]);
	assert!(init.status.success());
	let cid = env.file("cid.txt").trim().to_owned();
	assert_eq!(text(&init).trim(), cid);
	// A second init refuses to mix bots with the keys there.
	let again = env.run(&["--faucet-url", &url, "init"]);
	assert_eq!(again.status.code(), Some(2));

	let run = || {
		let output = env.run(&["--faucet-url", &url, "run"]);
		assert!(output.status.success());
		text(&output)
	};
	let registering = run();
	assert!(registering.contains("ceremony 1 Registering"), "{registering}");
	assert!(registering.contains("10 registered (0 failed)"), "{registering}");
	// Again in the same phase: nothing left to do.
	assert!(run().contains("0 registered (0 failed)"));
	next_phase(&rt, &chain);
	assert!(run().contains("10 participants in 1 meetups"));
	next_phase(&rt, &chain);
	assert!(run().contains("10 attestations in 1 meetups (0 failed)"));
	next_phase(&rt, &chain);
	let registering = run();
	assert!(
		registering.contains("ceremony 2 Registering: 1 meetups claimed, 3 bots created"),
		"{registering}"
	);
	assert!(registering.contains("13 registered (0 failed)"), "{registering}");
	let stats = env.file("bot-stats.csv");
	assert_eq!(stats.lines().nth(1), Some("1,10,200,10,0,1,0,20,0,0"), "{stats}");
}

/// The seed's "Local Testing" flow, each service its own process as a user starts them:
/// `bot-community faucet &`, `bot-community phase &`, `bot-community init`,
/// `bot-community benchmark`, with the default idle time, until three ceremonies are complete
/// (their statistics are written at the next Registering).
#[test]
fn the_seed_s_local_flow_completes_three_ceremonies_with_a_growing_population() {
	let env = Env::new();
	let started = Instant::now();
	let (_faucet, url) = env.faucet();
	let _phase = env.spawn(&["phase"]);
	let init = env.run(&["--faucet-url", &url, "init"]);
	assert!(init.status.success(), "init failed");
	eprintln!("init: {:.1} s", started.elapsed().as_secs_f64());
	let _benchmark = env.spawn(&["--faucet-url", &url, "benchmark"]);
	let mut seen = 0;
	let mut rows: Vec<Vec<u64>> = Vec::new();
	while rows.len() < 3 {
		assert!(
			started.elapsed() < Duration::from_secs(600),
			"three ceremonies did not complete in 10 minutes; bot-stats.csv:\n{}",
			env.file("bot-stats.csv")
		);
		std::thread::sleep(Duration::from_millis(500));
		rows = env
			.file("bot-stats.csv")
			.lines()
			.skip(1)
			.map(|l| l.split(',').map(|v| v.parse().expect("a number")).collect())
			.collect();
		if rows.len() > seen {
			seen = rows.len();
			eprintln!("ceremony {seen} complete at {:.1} s", started.elapsed().as_secs_f64());
		}
	}
	let stats = env.file("bot-stats.csv");
	for (i, row) in rows.iter().take(3).enumerate() {
		// ceremony, population, total_supply, reputables, …
		assert_eq!(row[0], i as u64 + 1, "{stats}");
		assert!(row[3] > 0, "nobody was rewarded in ceremony {}:\n{stats}", i + 1);
	}
	assert!(rows[0][1] < rows[1][1] && rows[1][1] < rows[2][1], "no growth:\n{stats}");
	assert!(rows[0][2] < rows[1][2] && rows[1][2] < rows[2][2], "no new supply:\n{stats}");
}
