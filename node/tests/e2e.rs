// SPDX-License-Identifier: GPL-3.0-or-later
//! End-to-end tests: the real `convene-node` binary on free ports, driven over JSON-RPC.
//! Every node is killed when its `TestNode` is dropped, pass or fail.

use convene_test_support::{
	subxt::{
		dynamic::{self, Value},
		ext::scale_decode::{self, DecodeAsType},
		utils::{AccountId32, H256},
	},
	subxt_signer::sr25519::dev,
	Client, NodeBuilder, TestNode,
};
use std::time::{Duration, Instant};

const NODE: &str = env!("CARGO_BIN_EXE_convene-node");
const READY_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, DecodeAsType, PartialEq, Eq, Clone, Copy)]
#[decode_as_type(crate_path = "scale_decode")]
enum Phase {
	Registering,
	Assigning,
	Attesting,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct CeremonyInfo {
	phase: Phase,
	ceremony_index: u32,
	next_phase_timestamp: Option<u64>,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountInfo {
	data: AccountData,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountData {
	free: u128,
}

fn dev_node() -> TestNode {
	let mut node = NodeBuilder::new(NODE).dev().spawn();
	node.wait_ready(READY_TIMEOUT);
	node
}

async fn free_balance(client: &Client, at: Option<H256>, who: AccountId32) -> u128 {
	let block = match at {
		Some(hash) => client.at_block(hash).await.expect("block"),
		None => client.at_current_block().await.expect("current block"),
	};
	let address = dynamic::storage::<(AccountId32,), AccountInfo>("System", "Account");
	match block.storage().try_fetch(address, (who,)).await.expect("storage read") {
		Some(value) => value.decode().expect("AccountInfo").data.free,
		None => 0,
	}
}

async fn ceremony_info(client: &Client) -> CeremonyInfo {
	let call =
		dynamic::runtime_api_call::<_, CeremonyInfo>("CeremonySchedulerApi", "ceremony_info", ());
	client
		.at_current_block()
		.await
		.expect("current block")
		.runtime_apis()
		.call(call)
		.await
		.expect("CeremonySchedulerApi_ceremony_info")
}

/// The VRF randomness accumulated up to block `number` (`VrfRandomnessApi_accumulator`).
async fn accumulator(client: &Client, number: u64) -> [u8; 32] {
	let call = dynamic::runtime_api_call::<_, [u8; 32]>("VrfRandomnessApi", "accumulator", ());
	let at = client.at_block(number).await.expect("the block");
	at.runtime_apis().call(call).await.expect("VrfRandomnessApi_accumulator")
}

/// Every block from 1 to `last` added its author's VRF output: the accumulator changed each time.
async fn assert_every_block_added_randomness(client: &Client, last: u64) {
	let mut previous = accumulator(client, 0).await;
	assert_eq!(previous, [0; 32], "genesis has no randomness yet");
	for n in 1..=last {
		let now = accumulator(client, n).await;
		assert_ne!(now, previous, "block {n} added no VRF output");
		previous = now;
	}
}

/// Transfer from Alice to Bob and wait until it is finalized; returns the block and latency.
async fn finalized_transfer(client: &Client, amount: u128) -> (H256, Duration) {
	let tx = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(dev::bob().public_key().to_address::<()>(), amount),
	);
	let at = client.at_current_block().await.expect("current block");
	let started = Instant::now();
	let in_block = at
		.transactions()
		.sign_and_submit_then_watch_default(&tx, &dev::alice())
		.await
		.expect("submitted")
		.wait_for_finalized()
		.await
		.expect("finalized");
	let latency = started.elapsed();
	in_block.wait_for_success().await.expect("transfer succeeded");
	(in_block.block_hash(), latency)
}

/// `sudo(CeremonyScheduler::<call>(fields))` by //Alice, waited until finalized; returns the
/// (pallet, event) names it emitted.
async fn sudo_scheduler(
	client: &Client,
	call: &str,
	fields: Vec<(&str, Value)>,
) -> Vec<(String, String)> {
	let call = Value::unnamed_variant("CeremonyScheduler", [Value::named_variant(call, fields)]);
	client
		.at_current_block()
		.await
		.expect("current block")
		.transactions()
		.sign_and_submit_then_watch_default(
			&dynamic::transaction("Sudo", "sudo", (call,)),
			&dev::alice(),
		)
		.await
		.expect("submitted")
		.wait_for_finalized_success()
		.await
		.expect("sudo succeeded")
		.iter()
		.map(|e| e.expect("event"))
		.map(|e| (e.pallet_name().to_owned(), e.event_name().to_owned()))
		.collect()
}

#[tokio::test]
async fn dev_node_answers_rpc_and_reports_its_runtime() {
	let mut node = NodeBuilder::new(NODE).dev().spawn();
	let ready = node.wait_ready(READY_TIMEOUT);
	eprintln!("--dev --tmp RPC ready after {ready:?}");
	let client = node.client().await;
	let version = client.at_current_block().await.expect("current block").spec_version();
	assert_eq!(version, convene_runtime::VERSION.spec_version);
	let info = ceremony_info(&client).await;
	assert_eq!((info.phase, info.ceremony_index), (Phase::Registering, 1));
}

#[tokio::test]
async fn signed_transfer_is_finalized_and_changes_the_balance() {
	let node = dev_node();
	let client = node.client().await;
	let bob = dev::bob().public_key().to_account_id();
	let before = free_balance(&client, None, bob).await;

	let amount = 1_234_000_000_000u128;
	let (block, latency) = finalized_transfer(&client, amount).await;
	eprintln!("dev transfer submit → finalized: {latency:?}");

	assert_eq!(free_balance(&client, Some(block), bob).await, before + amount);
	// The instant-sealed block carries the dev authority's VRF output too.
	let number = client.at_block(block).await.expect("the block").block_number();
	assert_every_block_added_randomness(&client, number).await;
}

#[tokio::test]
async fn sudo_next_phase_moves_the_phase() {
	let node = dev_node();
	let client = node.client().await;
	let before = ceremony_info(&client).await;
	assert_eq!(before.phase, Phase::Registering);

	let names = sudo_scheduler(&client, "next_phase", vec![]).await;
	assert!(
		names.contains(&("CeremonyScheduler".into(), "PhaseChanged".into())),
		"events: {names:?}"
	);

	let after = ceremony_info(&client).await;
	assert_eq!((after.phase, after.ceremony_index), (Phase::Assigning, 1));
	assert!(after.next_phase_timestamp.is_some());
}

#[tokio::test]
async fn finalized_transfer_survives_sigkill_and_restart() {
	let base = tempfile::tempdir().expect("temporary base path");
	let bob = dev::bob().public_key().to_account_id();
	let amount = 7_000_000_000_000u128;

	let (block, balance) = {
		let mut node = NodeBuilder::new(NODE).dev().base_path(base.path()).spawn();
		node.wait_ready(READY_TIMEOUT);
		let client = node.client().await;
		let (block, _) = finalized_transfer(&client, amount).await;
		let balance = free_balance(&client, Some(block), bob).await;
		// Killed the moment the block is reported final: nothing reported may be lost.
		node.kill();
		(block, balance)
	};

	let mut node = NodeBuilder::new(NODE).dev().base_path(base.path()).spawn();
	node.wait_ready(READY_TIMEOUT);
	let client = node.client().await;
	assert_eq!(free_balance(&client, Some(block), bob).await, balance);
	assert_eq!(free_balance(&client, None, bob).await, balance);
}

#[test]
fn unknown_chain_is_a_one_line_error() {
	let mut node = NodeBuilder::new(NODE).arg("--chain").arg("no-such-chain").spawn();
	let (ok, log) = node.wait_exit(Duration::from_secs(30)).expect("the node exits");
	assert!(!ok);
	let errors: Vec<&str> = log.lines().filter(|l| l.contains("Error")).collect();
	assert_eq!(errors.len(), 1, "log:\n{log}");
	assert!(errors[0].contains("unknown chain `no-such-chain`"), "log:\n{log}");
}

/// Start a dev node whose `port_flag` port is already taken; it must exit with one error line
/// naming the port and the flag.
fn assert_port_in_use_is_one_line(
	configure: impl FnOnce(NodeBuilder, u16) -> NodeBuilder,
	flag: &str,
) {
	let taken = std::net::TcpListener::bind("0.0.0.0:0").expect("a port");
	let port = taken.local_addr().expect("address").port();
	let mut node = configure(NodeBuilder::new(NODE).dev(), port).spawn();
	let (ok, log) = node.wait_exit(Duration::from_secs(60)).expect("the node exits");
	assert!(!ok);
	let errors: Vec<&str> = log.lines().filter(|l| l.starts_with("Error")).collect();
	assert_eq!(errors.len(), 1, "log:\n{log}");
	assert!(errors[0].contains(&format!("port {port}")), "log:\n{log}");
	assert!(errors[0].contains("in use"), "log:\n{log}");
	assert!(errors[0].contains(flag), "log:\n{log}");
}

#[test]
fn rpc_port_in_use_is_a_one_line_error() {
	assert_port_in_use_is_one_line(|b, port| b.rpc_port(port), "--rpc-port");
}

#[test]
fn p2p_port_in_use_is_a_one_line_error() {
	assert_port_in_use_is_one_line(|b, port| b.p2p_port(port), "--port");
}

/// The finalized block number the node reports.
async fn finalized_number(client: &Client) -> u64 {
	client.at_current_block().await.expect("finalized block").block_number()
}

/// `--chain local`: Alice and Bob peer over the network; Aura needs both to author in turn and
/// GRANDPA needs both votes to finalize, so finalized blocks prove the whole stack.
#[tokio::test]
async fn two_validators_author_and_finalize_with_aura_and_grandpa() {
	let keys = tempfile::tempdir().expect("temporary folder");
	let alice_key = keys.path().join("alice.key");
	std::fs::write(&alice_key, "0000000000000000000000000000000000000000000000000000000000000001")
		.expect("node key");
	let peer_id = std::process::Command::new(NODE)
		.args(["key", "inspect-node-key", "--file"])
		.arg(&alice_key)
		.output()
		.expect("inspect-node-key");
	let peer_id = String::from_utf8(peer_id.stdout).expect("utf-8").trim().to_owned();

	let mut alice = NodeBuilder::new(NODE)
		.args(["--chain", "local", "--alice", "--node-key-file"])
		.arg(alice_key.display().to_string())
		.spawn();
	alice.wait_ready(READY_TIMEOUT);
	let mut bob = NodeBuilder::new(NODE)
		.args(["--chain", "local", "--bob", "--node-key"])
		.arg("0000000000000000000000000000000000000000000000000000000000000002")
		.arg("--bootnodes")
		.arg(format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", alice.p2p_port))
		.spawn();
	bob.wait_ready(READY_TIMEOUT);

	let client = bob.client().await;
	let started = Instant::now();
	while finalized_number(&client).await < 3 {
		assert!(
			started.elapsed() < Duration::from_secs(120),
			"no finality after 2 minutes\nalice:\n{}\nbob:\n{}",
			alice.log(),
			bob.log()
		);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	eprintln!("block 3 finalized on Bob after {:?}", started.elapsed());
	// Both validators authored: Aura rotates slots between them.
	assert!(alice.log().contains("Prepared block"), "alice:\n{}", alice.log());
	assert!(bob.log().contains("Prepared block"), "bob:\n{}", bob.log());
	// Each block carries its author's VRF output, checked by the runtime and required by Bob's
	// import of Alice's blocks.
	assert_every_block_added_randomness(&client, 3).await;
}

fn wall_clock_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("after 1970")
		.as_millis() as u64
}

/// Chain time (`Timestamp::Now`) at the finalized head.
async fn chain_time(client: &Client) -> u64 {
	let now = dynamic::storage::<(), u64>("Timestamp", "Now");
	let block = client.at_current_block().await.expect("finalized block");
	block
		.storage()
		.fetch(now, ())
		.await
		.expect("Timestamp.Now")
		.decode()
		.expect("u64")
}

#[tokio::test]
async fn idle_dev_chain_changes_phase_when_due_with_chain_time_equal_to_wall_time() {
	let node = dev_node();
	let client = node.client().await;
	// Make Registering end in two seconds, then send nothing.
	let due = wall_clock_ms() + 2_000;
	let names = sudo_scheduler(
		&client,
		"set_next_phase_timestamp",
		vec![("timestamp", Value::u128(due.into()))],
	)
	.await;
	assert!(
		names.contains(&("CeremonyScheduler".into(), "NextPhaseTimestampSet".into())),
		"events: {names:?}"
	);
	let sent = wall_clock_ms();
	assert!(sent.abs_diff(chain_time(&client).await) < 1_000, "chain time follows wall time");

	let started = Instant::now();
	loop {
		let info = ceremony_info(&client).await;
		if info.phase == Phase::Assigning {
			let sealed_at = chain_time(&client).await;
			assert!(sealed_at >= due, "the phase changed in a block at or after {due}");
			assert!(sealed_at - due < 1_500, "the block came {} ms late", sealed_at - due);
			break;
		}
		assert!(started.elapsed() < Duration::from_secs(10), "phase still {info:?}");
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
}

#[tokio::test]
async fn dev_block_time_seals_blocks_on_an_interval() {
	let mut node = NodeBuilder::new(NODE).dev().args(["--dev-block-time", "300"]).spawn();
	node.wait_ready(READY_TIMEOUT);
	let client = node.client().await;
	let started = Instant::now();
	while finalized_number(&client).await < 5 {
		assert!(started.elapsed() < Duration::from_secs(10), "fewer than 5 blocks in 10 s");
		tokio::time::sleep(Duration::from_millis(100)).await;
	}
}

#[test]
fn export_chain_spec_writes_the_presets_with_properties() {
	for (chain, id) in [("dev", "dev"), ("local", "local_testnet"), ("testnet", "convene_testnet")]
	{
		let out = std::process::Command::new(NODE)
			.args(["export-chain-spec", "--chain", chain])
			.output()
			.expect("export-chain-spec runs");
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
		let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON spec");
		assert_eq!(spec["id"], id);
		assert_eq!(spec["properties"]["tokenDecimals"], 12);
		assert_eq!(spec["properties"]["ss58Format"], 42);
		let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
		assert_eq!(patch["ceremonyScheduler"]["currentCeremonyIndex"], 1, "{chain}");
	}
}

#[test]
fn purge_chain_removes_the_database() {
	let base = tempfile::tempdir().expect("temporary base path");
	// Create a database by starting a node on the base path.
	let mut node = NodeBuilder::new(NODE).dev().base_path(base.path()).spawn();
	node.wait_ready(READY_TIMEOUT);
	node.kill();
	let db = base.path().join("chains/dev/paritydb");
	assert!(db.exists(), "the node created {}", db.display());

	let purge = std::process::Command::new(NODE)
		.args(["purge-chain", "--chain", "dev", "-y", "--base-path"])
		.arg(base.path())
		.output()
		.expect("purge-chain runs");
	assert!(purge.status.success(), "{}", String::from_utf8_lossy(&purge.stderr));
	assert!(!db.exists(), "{} is gone", db.display());
}
