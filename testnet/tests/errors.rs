// SPDX-License-Identifier: GPL-3.0-or-later
//! The testnet's refusals: a folder that holds one already, a folder that holds none, a node
//! that does not exist, a testnet without validators, and more tokens than the genesis account
//! holds (found before the other nodes start or anything is funded).

use convene_test_support::node_binary;
use convene_testnet::{
	boot::{self, BootOptions},
	network::Testnet,
};
use std::time::Duration;

fn options(validators: usize, tokens: u128) -> BootOptions {
	BootOptions { validators, accounts: 2, tokens, seed: 1, timeout: Duration::from_secs(60) }
}

#[tokio::test]
async fn bad_requests_are_refused_with_a_message() {
	let dir = tempfile::tempdir().expect("a temporary folder");
	let error = Testnet::open(dir.path()).err().expect("no testnet here");
	assert!(error.0.contains("no testnet here?"), "{error}");

	let mut net = Testnet::create(dir.path(), &node_binary()).expect("created");
	let error = Testnet::create(dir.path(), &node_binary()).err().expect("one already");
	assert!(error.0.contains("already holds a testnet"), "{error}");
	let error = net.node(0).expect_err("no node yet");
	assert_eq!(error.0, "no node 0: the testnet has 0 nodes, from 0");

	let error = boot::boot(&mut net, &options(0, 1), |_| {}).await.expect_err("no validator");
	assert!(error.0.contains("at least its genesis validator"), "{error}");
	assert!(net.nodes().is_empty());

	let result = boot::boot(&mut net, &options(2, 2_000_000), |_| {}).await;
	let stopped = net.stop_all().expect("stopped");
	let error = result.expect_err("more than //Alice holds");
	assert!(error.0.contains("//Alice holds 1000000 CVN, not enough to give 2001000"), "{error}");
	// Only the genesis node had started; nothing was funded.
	assert_eq!(stopped, vec!["node0".to_owned()]);
	assert!(!dir.path().join("accounts.csv").exists());
}
