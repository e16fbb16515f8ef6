// SPDX-License-Identifier: GPL-3.0-or-later
//! End-to-end tests of the `convene` binary against a spawned dev node, reading `--json`.
//!
//! The reference's end-to-end scenarios (first ceremony with an early claim whose fee is
//! refunded, fees in a community currency, reputation linking and unlinking, unregistering and
//! upgrading, endorsement until the tickets run out, the bazaar) and bad input, each with its
//! documented exit code. Each test has its own node (killed when the test ends, pass or fail)
//! and its own keystore.

use convene_test_support::{node_binary, repo_path, NodeBuilder, TestNode};
use serde_json::Value;
use std::{process::Command, time::Duration};

const CLI: &str = env!("CARGO_BIN_EXE_convene");
const CID: &str = "sqm1v79dF6b";

fn test_data(name: &str) -> String {
	repo_path(&format!("test-data/{name}")).display().to_string()
}

fn spec_of(name: &str) -> Value {
	serde_json::from_str(&std::fs::read_to_string(test_data(name)).unwrap()).unwrap()
}

struct Run {
	code: i32,
	json: Value,
	stderr: String,
}

/// A dev node and a keystore to run the CLI against.
struct Env {
	node: TestNode,
	dir: tempfile::TempDir,
}

impl Env {
	fn new() -> Self {
		let mut node = NodeBuilder::new(node_binary()).dev().spawn();
		node.wait_ready(Duration::from_secs(60));
		Self { node, dir: tempfile::tempdir().expect("a temporary folder") }
	}

	fn run(&self, args: &[&str]) -> Run {
		let output = Command::new(CLI)
			.args(["--port", &self.node.rpc_port.to_string(), "--json"])
			.args(args)
			.current_dir(self.dir.path())
			.env_remove("IPFS_ADD_URL")
			.output()
			.expect("convene runs");
		let stdout = String::from_utf8_lossy(&output.stdout);
		let json = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
			panic!(
				"{args:?} printed no JSON ({e}): {stdout:?}; stderr: {}",
				String::from_utf8_lossy(&output.stderr)
			)
		});
		Run {
			code: output.status.code().expect("an exit code"),
			json,
			stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
		}
	}

	/// Run, expect success, return the JSON.
	fn ok(&self, args: &[&str]) -> Value {
		let run = self.run(args);
		assert_eq!(run.code, 0, "{args:?} failed: {}\n{}", run.json, run.stderr);
		run.json
	}

	/// Run, expect exit `code`, return the JSON error.
	fn fails(&self, code: i32, args: &[&str]) -> Value {
		let run = self.run(args);
		assert_eq!(run.code, code, "{args:?}: expected exit {code}: {}\n{}", run.json, run.stderr);
		assert_eq!(run.json["error"]["code"], code, "{}", run.json);
		assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
		run.json["error"].clone()
	}

	fn with_cid(&self, args: &[&str]) -> Value {
		let mut all = vec!["--cid", CID];
		all.extend_from_slice(args);
		self.ok(&all)
	}

	fn phase(&self) -> String {
		self.ok(&["get-phase"])["phase"].as_str().unwrap().to_owned()
	}

	fn next_phase(&self) -> String {
		self.ok(&["next-phase"])["phase"].as_str().unwrap().to_owned()
	}

	fn native(&self, who: &str) -> u128 {
		self.ok(&["balance", who])["native"].as_str().unwrap().parse().unwrap()
	}

	fn cc(&self, who: &str) -> f64 {
		self.with_cid(&["balance", who])["balance"].as_str().unwrap().parse().unwrap()
	}

	fn count(&self, class: &str) -> usize {
		self.with_cid(&["list-participants"])["participants"][class]
			.as_array()
			.unwrap()
			.len()
	}

	fn reputations(&self, who: &str) -> Vec<(u64, Value)> {
		self.ok(&["reputation", who])["reputations"]
			.as_array()
			.unwrap()
			.iter()
			.map(|r| (r["cindex"].as_u64().unwrap(), r["reputation"].clone()))
			.collect()
	}

	/// The reputation of `who` for ceremony `cindex` (null if none).
	fn reputation(&self, who: &str, cindex: u64) -> Value {
		self.reputations(who)
			.into_iter()
			.find(|(c, _)| *c == cindex)
			.map(|(_, r)| r)
			.unwrap_or(Value::Null)
	}

	/// A new funded account.
	fn newcomer(&self) -> String {
		let account = self.ok(&["new-account"])["account"].as_str().unwrap().to_owned();
		self.ok(&["faucet", &account]);
		account
	}

	fn found_mediterranea(&self) {
		let founded = self.ok(&["new-community", &test_data("test-locations-mediterranean.json")]);
		assert_eq!(founded["cid"], CID);
		assert_eq!(founded["locations"], 9);
		// The founder paid the deposits of the community and its nine locations.
		let deposit: u128 = founded["deposit"].as_str().unwrap().parse().unwrap();
		assert!(deposit > 0, "{founded}");
	}

	/// A ceremony of `attendees` (each attests all others), from Registering to Attesting.
	fn meet(&self, attendees: &[&str]) {
		assert_eq!(self.phase(), "Registering");
		for a in attendees {
			self.with_cid(&["register-participant", a]);
		}
		assert_eq!(self.next_phase(), "Assigning");
		let meetups = self.with_cid(&["list-meetups"]);
		assert_eq!(meetups["meetups"].as_array().unwrap().len(), 1, "{meetups}");
		assert_eq!(self.next_phase(), "Attesting");
		for a in attendees {
			let mut args = vec!["attest-attendees", a];
			args.extend(attendees.iter().filter(|b| *b != a));
			self.with_cid(&args);
		}
	}
}

const BOOTSTRAPPERS: [&str; 3] = ["//Alice", "//Bob", "//Charlie"];

/// The reference's `test_first_ceremony_with_early_claim`: the community is founded, Alice,
/// Bob and Charlie meet, Alice claims while attesting and her fee is refunded; then they hold
/// currency and reputation.
fn first_ceremony(env: &Env) {
	env.found_mediterranea();
	env.meet(&BOOTSTRAPPERS);
	let before = env.native("//Alice");
	let claimed = env.with_cid(&["claim-reward", "//Alice"]);
	let events = claimed["transaction"]["events"].as_array().unwrap();
	assert!(events.iter().any(|e| e["event"] == "RewardsIssued"), "{claimed}");
	assert_eq!(env.native("//Alice"), before, "the early claim's fee is refunded");
	assert_eq!(env.next_phase(), "Registering");
	assert!(env.cc("//Alice") > 0.99);
	assert_eq!(env.reputations("//Alice"), vec![(1, "VerifiedUnlinked".into())]);
	let issuance: f64 = env.with_cid(&["issuance"])["issuance"].as_str().unwrap().parse().unwrap();
	assert!(issuance > 2.99 && issuance <= 3.0, "{issuance}");
	let reputables = env.with_cid(&["list-reputables"]);
	assert_eq!(reputables["reputables"][0]["count"], 3, "{reputables}");
	assert_eq!(reputables["reputables"][0]["cindex"], 1);
}

#[test]
fn first_ceremony_with_early_claim_and_fees_in_community_currency() {
	let env = Env::new();
	first_ceremony(&env);

	// Second ceremony; Alice claims paying her fee in the community currency.
	env.meet(&BOOTSTRAPPERS);
	assert_eq!(env.next_phase(), "Registering");
	// The reference client's `-s/--signer` names the claimant too.
	env.with_cid(&["--tx-payment-cid", CID, "claim-reward", "--signer", "//Alice"]);
	assert_eq!(env.cc("//Alice"), env.cc("//Bob"), "a successful claim is free, in any currency");

	// Alice pays Eve half a unit (native fee); Eve, who holds no native tokens, sends it all on,
	// paying in the community currency.
	env.with_cid(&["transfer", "//Alice", "//Eve", "0.5"]);
	assert!((env.cc("//Eve") - 0.5).abs() < 1e-6);
	let eve_native = env.native("//Eve");
	env.with_cid(&["--tx-payment-cid", CID, "transfer-all", "//Eve", "//Ferdie"]);
	assert_eq!(env.cc("//Eve"), 0.0);
	assert!(env.cc("//Ferdie") > 0.49);
	assert_eq!(env.native("//Eve"), eve_native, "Eve's fee was paid in the community currency");
	// Nothing left to pay a community-currency fee with.
	let error = env
		.fails(51, &["--cid", CID, "--tx-payment-cid", CID, "transfer", "//Eve", "//Bob", "0.1"]);
	assert_eq!(error["kind"], "fee_payment_failed");
}

#[test]
fn reputation_links_on_registration_and_unlinks_on_unregistration() {
	let env = Env::new();
	first_ceremony(&env);
	// A bootstrapper registers as one: its attendance is not used.
	let alice = env.with_cid(&["register-participant", "//Alice"]);
	assert_eq!(alice["proof_of_cindex"], Value::Null);
	assert_eq!(env.reputation("//Alice", 1), "VerifiedUnlinked");
	env.with_cid(&["unregister-participant", "//Alice"]);

	// A newcomer attends ceremony 2 and is rewarded.
	let newcomer = env.newcomer();
	let mut attendees = BOOTSTRAPPERS.to_vec();
	attendees.push(&newcomer);
	env.meet(&attendees);
	let claimed = env.with_cid(&["claim-reward", "//Bob", "--all"]);
	let events = claimed["transaction"]["events"].as_array().unwrap();
	assert!(events.iter().any(|e| e["event"] == "RewardsIssued"), "{claimed}");
	assert_eq!(env.next_phase(), "Registering");
	assert_eq!(env.reputation(&newcomer, 2), "VerifiedUnlinked");

	// Registering links the attendance to ceremony 3; unregistering frees it again.
	let registered = env.with_cid(&["register-participant", &newcomer]);
	assert_eq!(registered["proof_of_cindex"], 2);
	assert_eq!(env.count("reputables"), 1);
	assert_eq!(env.reputation(&newcomer, 2), serde_json::json!({ "VerifiedLinked": 3 }));
	env.with_cid(&["unregister-participant", &newcomer]);
	assert_eq!(env.count("reputables"), 0);
	assert_eq!(env.reputation(&newcomer, 2), "VerifiedUnlinked");
	env.with_cid(&["register-participant", &newcomer]);
	assert_eq!(env.reputation(&newcomer, 2), serde_json::json!({ "VerifiedLinked": 3 }));
}

#[test]
fn unregister_and_upgrade_a_registration() {
	let env = Env::new();
	first_ceremony(&env);
	let newcomer = env.newcomer();
	// Ceremony 2 with a newcomer.
	let mut attendees = BOOTSTRAPPERS.to_vec();
	attendees.push(&newcomer);
	env.meet(&attendees);
	assert_eq!(env.next_phase(), "Registering");

	// Before anyone claims, the newcomer has nothing to prove and registers as a newbie.
	env.with_cid(&["register-participant", &newcomer]);
	assert_eq!(env.count("newbies"), 1);
	let none = env.fails(52, &["--cid", CID, "upgrade-registration", &newcomer]);
	assert_eq!(none["kind"], "invalid_reputation");

	// The reference client's `-s/--signer` names the claimant too.
	env.with_cid(&["--tx-payment-cid", CID, "claim-reward", "--signer", "//Alice"]);
	assert_eq!(env.reputation(&newcomer, 2), "VerifiedUnlinked");
	let upgraded = env.with_cid(&["upgrade-registration", &newcomer]);
	assert_eq!(upgraded["proof_of_cindex"], 2);
	assert_eq!((env.count("newbies"), env.count("reputables")), (0, 1));
	assert_eq!(env.reputation(&newcomer, 2), serde_json::json!({ "VerifiedLinked": 3 }));

	env.with_cid(&["unregister-participant", &newcomer]);
	assert_eq!(env.count("reputables"), 0);
	assert_eq!(env.reputation(&newcomer, 2), "VerifiedUnlinked");
	// The attendance can be used once only.
	env.with_cid(&["register-participant", &newcomer]);
	let used = env.fails(52, &["--cid", CID, "upgrade-registration", &newcomer]);
	assert!(used["message"].as_str().unwrap().contains("no unused verified attendance"), "{used}");
}

#[test]
fn endorsement_until_the_tickets_run_out() {
	let env = Env::new();
	first_ceremony(&env);
	let newcomers: Vec<String> = (0..6)
		.map(|_| env.ok(&["new-account"])["account"].as_str().unwrap().to_owned())
		.collect();
	let mut faucet = vec!["faucet"];
	faucet.extend(newcomers.iter().map(String::as_str));
	let funded = env.ok(&faucet);
	assert_eq!(funded["funded"].as_array().unwrap().len(), 6);

	// Dave is a bootstrapper without reputation (he did not attend): his five bootstrapper
	// tickets are all he has. (Alice would have five more as a reputable.)
	// Endorsed before registering.
	env.with_cid(&["endorse-newcomers", "//Dave", "-e", &newcomers[0]]);
	env.with_cid(&["register-participant", &newcomers[0]]);
	assert_eq!(env.count("endorsees"), 1);
	// Registered before being endorsed (two endorsements in one command).
	env.with_cid(&["register-participant", &newcomers[1]]);
	env.with_cid(&["register-participant", &newcomers[2]]);
	assert_eq!(env.count("newbies"), 2);
	env.with_cid(&["endorse-newcomers", "//Dave", "-e", &newcomers[1], &newcomers[2]]);
	assert_eq!((env.count("endorsees"), env.count("newbies")), (3, 0));
	for newcomer in &newcomers[3..5] {
		env.with_cid(&["register-participant", newcomer]);
		env.with_cid(&["endorse-newcomers", "//Dave", "-e", newcomer]);
	}
	assert_eq!(env.count("endorsees"), 5);
	// Five tickets per bootstrapper: Dave's sixth endorsement fails.
	env.with_cid(&["register-participant", &newcomers[5]]);
	let error = env.fails(1, &["--cid", CID, "endorse-newcomers", "//Dave", "-e", &newcomers[5]]);
	assert_eq!(error["dispatch_error"], "Ceremonies::NoMoreNewbieTickets");
	assert_eq!((env.count("endorsees"), env.count("newbies")), (5, 1));
}

#[test]
fn businesses_and_offerings_are_listed() {
	let env = Env::new();
	env.found_mediterranea();
	let communities = env.ok(&["list-communities"]);
	assert_eq!(communities["communities"][0]["cid"], CID, "{communities}");
	assert_eq!(communities["communities"][0]["name"], "Mediterranea");
	assert_eq!(communities["communities"][0]["bootstrappers"].as_array().unwrap().len(), 6);
	let shop = test_data("bazaar/Mediterranea/businesses/pane-e-sale");
	let bikes = test_data("bazaar/Mediterranea/businesses/ciclofficina");
	let created =
		env.with_cid(&["create-business", "//Alice", "--file", &format!("{shop}/business.json")]);
	// Without an IPFS service the description is kept in the local content folder.
	assert_eq!(created["published"]["local_only"], true);
	let id = created["ipfs_cid"].as_str().unwrap();
	assert!(env.dir.path().join("ipfs_store").join(id).exists());
	env.with_cid(&["create-business", "//Bob", "--file", &format!("{bikes}/business.json")]);
	for product in ["focaccia", "biscotti"] {
		let file = format!("{shop}/products/{product}.json");
		env.with_cid(&["create-offering", "//Alice", "--file", &file]);
	}
	let repair = env.with_cid(&[
		"create-offering",
		"//Bob",
		"--file",
		&format!("{bikes}/products/repair.json"),
	]);
	assert_eq!(repair["offering"], 1);

	let businesses = env.with_cid(&["list-businesses"]);
	assert_eq!(businesses["businesses"].as_array().unwrap().len(), 2, "{businesses}");
	assert_eq!(env.with_cid(&["list-offerings"])["offerings"].as_array().unwrap().len(), 3);
	let alices = env.with_cid(&["list-business-offerings", "//Alice"]);
	assert_eq!(alices["offerings"].as_array().unwrap().len(), 2);

	env.with_cid(&["delete-offering", "//Alice", "1"]);
	assert_eq!(env.with_cid(&["list-offerings"])["offerings"].as_array().unwrap().len(), 2);
	let error = env.fails(1, &["--cid", CID, "delete-offering", "//Alice", "1"]);
	assert_eq!(error["dispatch_error"], "Bazaar::OfferingNotFound");
	env.with_cid(&["delete-business", "//Bob"]);
	assert_eq!(env.with_cid(&["list-offerings"])["offerings"].as_array().unwrap().len(), 1);
	// A description that is not a content id never reaches the chain.
	let bad = env.fails(2, &["--cid", CID, "update-business", "//Alice", "--ipfs-cid", "Qm123"]);
	assert!(bad["message"].as_str().unwrap().contains("CIDv0"));
}

/// Seal `n` empty blocks (dev chains' `engine_createBlock`).
fn seal_blocks(env: &Env, n: usize) {
	let url = format!("http://127.0.0.1:{}", env.node.rpc_port);
	let body =
		r#"{"jsonrpc":"2.0","id":1,"method":"engine_createBlock","params":[true,true,null]}"#;
	for _ in 0..n {
		ureq::post(&url)
			.header("content-type", "application/json")
			.send(body)
			.expect("sealed");
	}
}

/// The number in a JSON string field.
fn number(value: &Value) -> u128 {
	value
		.as_str()
		.and_then(|s| s.parse().ok())
		.unwrap_or_else(|| panic!("not a number: {value}"))
}

/// The users' story (seed 004): a client opens a channel to a service and pays per call with
/// cheques signed off-chain by its hot key; the service's treasurer claims the latest cheque,
/// then more cheques are claimed (one stale cheque in a batch fails alone), and the client
/// takes back the rest after expiry. Then the same in a community currency.
#[test]
fn payment_channels_from_open_to_timeout() {
	let env = Env::new();
	// Alice is the client (Charlie signs her cheques); Bob the service; Dave his treasurer.
	let opened = env.ok(&[
		"open-channel",
		"//Alice",
		"//Bob",
		"10CVN",
		"--signer",
		"//Charlie",
		"--duration",
		"30",
		"--group",
		"example1",
	]);
	assert_eq!(opened["channel_id"], "0", "{opened}");
	let listed = env.ok(&["list-channels", "--sender", "//Alice"]);
	assert_eq!(listed["channels"][0]["escrowed"], "10000000000000", "{listed}");
	assert_eq!(listed["channels"][0]["group_id"].as_str().unwrap().len(), 66);

	// Calls paid with cheques: nothing goes on chain.
	let bob = env.native("//Bob");
	let cheques: Vec<String> = (1..=5)
		.map(|i| {
			let signed = env.ok(&["sign-cheque", "//Charlie", "0", &format!("0.{i}CVN")]);
			assert_eq!(signed["nonce"], "0");
			signed["cheque"].as_str().unwrap().to_owned()
		})
		.collect();
	assert_eq!(env.native("//Bob"), bob);
	let error = env.fails(2, &["sign-cheque", "//Dave", "0", "1CVN"]);
	assert!(error["message"].as_str().unwrap().contains("neither the signer"), "{error}");

	// The treasurer claims the latest cheque for Bob, paying the fee itself.
	env.ok(&["add-treasurer", "//Bob", "//Dave"]);
	let bob = env.native("//Bob");
	let claimed = env.ok(&["claim-channel", "//Dave", &cheques[4], "--for", "//Bob"]);
	assert_eq!(claimed["claims"][0]["actual"], "500000000000", "{claimed}");
	assert_eq!(env.native("//Bob"), bob + 500_000_000_000);
	// An older cheque is void now (the nonce moved), also through the treasurer.
	let error = env.fails(1, &["claim-channel", "//Dave", &cheques[3], "--for", "//Bob"]);
	assert!(error["message"].as_str().unwrap().contains("Escrow::BadSignature"), "{error}");
	// Without --for, the treasurer is not the recipient.
	let error = env.fails(2, &["claim-channel", "//Dave", &cheques[3]]);
	assert!(error["message"].as_str().unwrap().contains("pays"), "{error}");

	// More calls at the next nonce; Bob claims himself. A second channel's cheque and a stale
	// one, in one batch: the stale one fails alone.
	let second = env.ok(&["open-channel", "//Alice", "//Bob", "1CVN", "--duration", "100"]);
	assert_eq!(second["channel_id"], "1");
	let later = env.ok(&["sign-cheque", "//Charlie", "0", "0.3CVN"]);
	assert_eq!(later["nonce"], "1");
	let other = env.ok(&["sign-cheque", "//Alice", "1", "0.25CVN"]);
	let batch = env.ok(&[
		"claim-channel",
		"//Bob",
		later["cheque"].as_str().unwrap(),
		&cheques[0],
		other["cheque"].as_str().unwrap(),
	]);
	let claims = batch["claims"].as_array().unwrap();
	assert!(claims[0]["error"].is_null() && claims[2]["error"].is_null(), "{batch}");
	assert!(!claims[1]["error"].is_null(), "{batch}");
	let info = env.ok(&["channel-info", "0"]);
	assert_eq!(info["channel"]["nonce"], "2");
	assert_eq!(number(&info["channel"]["escrowed"]), 9_200_000_000_000);

	// Too early to time out; after expiry the client takes back the rest.
	let error = env.fails(1, &["claim-timeout", "//Alice", "0"]);
	assert!(error["message"].as_str().unwrap().contains("NotExpired"), "{error}");
	seal_blocks(&env, 30);
	let timed_out = env.ok(&["claim-timeout", "//Alice", "0"]);
	let events = timed_out["transaction"]["events"].as_array().unwrap();
	let reclaimed = events.iter().find(|e| e["event"] == "Reclaimed").expect("Reclaimed");
	assert_eq!(reclaimed["fields"]["refunded"], "9200000000000", "{timed_out}");
	env.ok(&["close-channel", "//Alice", "0"]);
	env.fails(2, &["channel-info", "0"]);
	let listed = env.ok(&["list-channels", "--recipient", "//Bob"]);
	assert_eq!(listed["channels"].as_array().unwrap().len(), 1, "{listed}");
	// Bad input.
	env.fails(2, &["sign-cheque", "//Alice", "1", "lots"]);
	env.fails(2, &["claim-channel", "//Bob", "0x1234"]);
	// Clap rejects a missing --sender/--recipient itself (exit 2, usage on stderr).
	let status = Command::new(CLI).arg("list-channels").output().expect("convene runs").status;
	assert_eq!(status.code(), Some(2));

	// Community currency: Alice pays Bob 0.2 of principal out of a 0.5 channel.
	first_ceremony(&env);
	let opened = env.with_cid(&["open-channel", "//Alice", "//Bob", "0.5", "--duration", "20"]);
	assert_eq!(opened["pallet"], "CommunityEscrow");
	let cheque =
		env.with_cid(&["sign-cheque", "//Alice", opened["channel_id"].as_str().unwrap(), "0.2"]);
	let bob = env.cc("//Bob");
	env.ok(&["claim-channel", "//Bob", cheque["cheque"].as_str().unwrap()]);
	let paid = env.cc("//Bob") - bob;
	assert!((paid - 0.2).abs() < 1e-4, "{paid}");
}

#[test]
fn bad_input_gets_a_clear_message_and_the_documented_exit_code() {
	let env = Env::new();

	// Malformed specfile: the field and the problem are named; nothing is sent.
	let spec: Value =
		serde_json::from_str(&std::fs::read_to_string(test_data("greenbaydollar.json")).unwrap())
			.unwrap();
	let mut broken = spec.clone();
	broken["community"]["meta"]["symbol"] = "GBDX".into();
	let path = env.dir.path().join("broken.json");
	std::fs::write(&path, broken.to_string()).unwrap();
	let error = env.fails(2, &["new-community", path.to_str().unwrap()]);
	assert!(error["message"].as_str().unwrap().contains("community.meta.symbol"), "{error}");
	std::fs::write(&path, "{ not json").unwrap();
	env.fails(2, &["new-community", path.to_str().unwrap()]);
	env.fails(2, &["new-community", "/no/such/spec.json"]);

	// A second location 39 m from the first: refused before anything is sent, naming both
	// features and the distance; nothing is on chain, and the fixed file founds the community.
	let mut close = spec_of("test-locations-mediterranean.json");
	close["features"][1]["geometry"]["coordinates"] = serde_json::json!([18.5229, 35.486151]);
	std::fs::write(&path, close.to_string()).unwrap();
	let error = env.fails(2, &["new-community", path.to_str().unwrap()]);
	let message = error["message"].as_str().unwrap();
	assert!(message.contains("nothing was sent"), "{message}");
	assert!(message.contains("features[0] (lat 35.4858"), "{message}");
	assert!(message.contains("and features[1] (lat 35.4861"), "{message}");
	assert!(
		message.contains("are 39 m apart; locations must be at least 100 m apart"),
		"{message}"
	);
	assert_eq!(env.ok(&["list-communities"])["communities"].as_array().unwrap().len(), 0);
	env.found_mediterranea();
	// A second founding from the same file: refused before anything is sent.
	let error = env.fails(2, &["new-community", &test_data("test-locations-mediterranean.json")]);
	assert!(error["message"].as_str().unwrap().contains("exists already"), "{error}");
	// Locations too close to an existing one: refused before anything is sent, naming the
	// community whose location it is.
	let error =
		env.fails(2, &["--cid", CID, "add-locations", &test_data("too-close.locations.json")]);
	let message = error["message"].as_str().unwrap();
	assert!(message.contains("features[0] (lat 35.486"), "{message}");
	assert!(message.contains(&format!("m from a location of community {CID}")), "{message}");
	assert_eq!(env.with_cid(&["list-locations"])["locations"].as_array().unwrap().len(), 9);
	let added = env.with_cid(&["add-locations", &test_data("mediterranean-more.locations.json")]);
	assert_eq!(added["added"], 2);
	assert_eq!(env.with_cid(&["list-locations"])["locations"].as_array().unwrap().len(), 11);
	// A stranger (a funded dev account, not among the six bootstrappers) cannot remove (or add)
	// a location; Alice, a bootstrapper and the founder, can, and gets its deposit back.
	// Refused before anything is sent: the stranger pays no fee for a bare `BadOrigin`.
	let funds = env.native("//Alice//stash");
	let stranger = ["--cid", CID, "remove-location", "--index", "10", "-s", "//Alice//stash"];
	let error = env.fails(2, &stranger);
	let message = error["message"].as_str().unwrap();
	assert!(message.contains(&format!("may not change community {CID}")), "{message}");
	assert!(message.contains("nothing was sent"), "{message}");
	let more = test_data("mediterranean-more.locations.json");
	let error = env.fails(2, &["--cid", CID, "add-locations", &more, "-s", "//Alice//stash"]);
	assert!(error["message"].as_str().unwrap().contains("may not change community"), "{error}");
	assert_eq!(env.native("//Alice//stash"), funds);
	let removed = env.with_cid(&["remove-location", "--index", "10"]);
	assert!(removed["transaction"].to_string().contains("DepositReleased"), "{removed}");
	assert_eq!(env.with_cid(&["list-locations"])["locations"].as_array().unwrap().len(), 10);
	let error = env.fails(2, &["--cid", CID, "remove-location", "--index", "10"]);
	assert!(error["message"].as_str().unwrap().contains("has 10 locations"), "{error}");

	// Unknown community, malformed identifier, no identifier.
	let error = env.fails(71, &["--cid", "u0qj944rhWE", "list-locations"]);
	assert!(error["message"].as_str().unwrap().contains("u0qj944rhWE"));
	env.fails(2, &["--cid", "x", "list-locations"]);
	env.fails(70, &["list-locations"]);
	// Ceremonies count from 1, also counted back from the current one.
	env.fails(2, &["--cid", CID, "list-meetups", "--cindex", "0"]);
	env.fails(2, &["--cid", CID, "list-meetups", "--cindex", "-1"]);

	// Wrong phase.
	assert_eq!(env.next_phase(), "Assigning");
	let error = env.fails(50, &["--cid", CID, "register-participant", "//Alice"]);
	assert_eq!(error["dispatch_error"], "Ceremonies::RegisteringOrAttestingPhaseRequired");
	let error = env.fails(
		50,
		&["--cid", CID, "add-locations", &test_data("mediterranean-more.locations.json")],
	);
	assert_eq!(error["kind"], "wrong_phase");

	// Insufficient funds, and a fee nobody can pay.
	let poor = env.ok(&["new-account"])["account"].as_str().unwrap().to_owned();
	env.ok(&["faucet", &poor, "--amount", "1CVN"]);
	let error = env.fails(53, &["transfer", &poor, "//Bob", "5CVN"]);
	assert_eq!(error["kind"], "insufficient_funds");
	let broke = env.ok(&["new-account"])["account"].as_str().unwrap().to_owned();
	env.fails(51, &["transfer", &broke, "//Bob", "1"]);
	// An address whose key is not in the keystore cannot sign; an amount must be an amount.
	env.fails(2, &["transfer", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "//Bob", "1"]);
	env.fails(2, &["transfer", "//Alice", "//Bob", "lots"]);
	// The claimant once: as ACCOUNT or as -s/--signer, not both, and not neither.
	for args in [&["claim-reward", "//Alice", "-s", "//Bob"][..], &["claim-reward"]] {
		let output = Command::new(CLI).args(args).output().unwrap();
		assert_eq!(output.status.code(), Some(2), "{args:?}");
	}

	// An unreachable node.
	let port = convene_test_support::free_port().to_string();
	let output = Command::new(CLI).args(["--port", &port, "get-phase"]).output().unwrap();
	assert_eq!(output.status.code(), Some(60));
	assert!(String::from_utf8_lossy(&output.stderr).contains("cannot reach the node"));
}

/// A community governs itself through the CLI: after its first rewards its founders no longer
/// change it; its people raise the nominal income and give its treasury a tenth of the
/// issuance by vote; both are enacted when Assigning begins, and the next rewards follow them.
/// A personhood faucet pays each attendance once.
#[test]
fn a_community_votes_on_its_income_and_treasury_and_people_drip_a_faucet() {
	let env = Env::new();
	first_ceremony(&env);
	env.meet(&BOOTSTRAPPERS);
	assert_eq!(env.next_phase(), "Registering");
	env.with_cid(&["claim-reward", "//Alice"]);
	// 1. Bootstrapped: the founders may not add locations any more; nothing is sent.
	let more = test_data("mediterranean-more.locations.json");
	let error = env.fails(2, &["--cid", CID, "add-locations", &more]);
	assert!(error["message"].as_str().unwrap().contains("first rewards"), "{error}");

	// 2. Two proposals in ceremony 3: ceremony 1's three attendances vote.
	let income = env.with_cid(&["submit-update-nominal-income-proposal", "//Alice", "30"]);
	assert_eq!(income["id"], 0);
	assert_eq!(income["electorate"], 3, "{income}");
	let share = env.with_cid(&["submit-set-issuance-share-proposal", "//Bob", "10"]);
	assert_eq!(share["id"], 1);
	for id in ["0", "1"] {
		let voted = env.ok(&["vote", "//Alice", id, "aye"]);
		assert_eq!(voted["reputations"], serde_json::json!([format!("{CID}_1")]), "{voted}");
		env.ok(&["vote", "//Bob", id, "aye", &format!("{CID}_1")]);
		env.ok(&["vote", "//Charlie", id, "nay"]);
	}
	// An attendance votes once per proposal; Dave never attended.
	let error = env.fails(2, &["vote", "//Alice", "0", "nay"]);
	assert!(error["message"].as_str().unwrap().contains("no attendance that counts"), "{error}");
	env.fails(2, &["vote", "//Dave", "0", "aye"]);
	env.fails(2, &["vote", "//Alice", "0", "maybe"]);
	let proposals = env.ok(&["list-proposals"]);
	let listed = proposals["proposals"].as_array().unwrap();
	assert_eq!(listed.len(), 2);
	assert_eq!(listed[0]["turnout"], 3);
	assert_eq!(listed[0]["ayes"], 2);
	assert!(listed[0]["state"].as_str().unwrap().starts_with("confirming"), "{proposals}");

	// 3. Passing for the dev chain's confirmation period (5 s): approved and queued.
	std::thread::sleep(Duration::from_millis(5_500));
	for id in ["0", "1"] {
		let updated = env.ok(&["update-proposal-state", "//Dave", id]);
		assert_eq!(updated["proposal"]["state"], "approved (queued)", "{updated}");
	}
	assert_eq!(env.ok(&["list-enactment-queue"])["queue"], serde_json::json!([0, 1]));
	assert_eq!(env.ok(&["list-proposals"])["proposals"].as_array().unwrap().len(), 0);

	// 4. Ceremony 3: enacted when Assigning begins; the next rewards pay 30, the treasury 10 %.
	env.meet(&BOOTSTRAPPERS);
	let all = env.ok(&["list-proposals", "-a"]);
	for p in all["proposals"].as_array().unwrap() {
		assert_eq!(p["state"], "enacted", "{all}");
	}
	let community = &env.ok(&["list-communities"])["communities"][0];
	assert_eq!(community["nominal_income"], "30", "{community}");
	assert_eq!(env.next_phase(), "Registering");
	let before = env.cc("//Alice");
	env.with_cid(&["claim-reward", "//Alice"]);
	let gained = env.cc("//Alice") - before;
	assert!((gained - 30.0).abs() < 0.01, "Alice gained {gained}");
	let treasury = env.with_cid(&["get-treasury"]);
	let held: f64 = treasury["community_currency"].as_str().unwrap().parse().unwrap();
	assert!((held - 9.0).abs() < 0.01, "{treasury}");
	assert_eq!(treasury["issuance_share_ppb"], 100_000_000);

	// 5. A faucet: Bob draws with each of his attendances once, the newest first.
	let created = env.ok(&["create-faucet", "//Eve", "welcome", "10CVN", "1CVN", CID]);
	let faucet = created["faucet"].as_str().unwrap().to_owned();
	let bob = env.native("//Bob");
	for cindex in [3, 2, 1] {
		let dripped = env.with_cid(&["drip-faucet", "//Bob", &faucet]);
		assert_eq!(dripped["cindex"], cindex, "{dripped}");
	}
	assert!(env.native("//Bob") > bob + 2_900_000_000_000, "three drips, less the fees");
	let error = env.fails(2, &["--cid", CID, "drip-faucet", "//Bob", &faucet]);
	assert!(error["message"].as_str().unwrap().contains("has not drawn"), "{error}");
	let faucets = env.ok(&["list-faucets", "-v"]);
	assert_eq!(faucets["faucets"][0]["balance"], "7000000000000", "{faucets}");
	assert_eq!(faucets["faucets"][0]["whitelist"], serde_json::json!([CID]));
	let commitments = env.with_cid(&["list-commitments", "--cindex", "1"]);
	// Ceremony 1's attendances: three votes on each proposal, Bob's drip.
	assert_eq!(commitments["commitments"].as_array().unwrap().len(), 7, "{commitments}");
	let purposes = env.ok(&["list-purposes"]);
	assert_eq!(purposes["purposes"].as_array().unwrap().len(), 3, "{purposes}");
	env.fails(1, &["close-faucet", "//Eve", &faucet]);
	env.ok(&["dissolve-faucet", &faucet, "//Eve"]);
	assert_eq!(env.ok(&["list-faucets"])["faucets"].as_array().unwrap().len(), 0);
}

#[test]
fn validators_register_keys_and_governance_changes_the_set() {
	let env = Env::new();
	let dave = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
	// Without session keys, Dave cannot become a validator.
	let error = env.fails(1, &["add-validator", "//Dave"]);
	assert_eq!(error["dispatch_error"], "ValidatorSet::NoSessionKeys");
	// The node generates keys in its keystore; Dave registers them with their proof.
	let set = env.ok(&["set-session-keys", "//Dave"]);
	let keys = set["keys"].as_str().unwrap().to_owned();
	assert_eq!(keys.len(), 2 + 128, "Aura and GRANDPA public keys");
	// Registering keys holds a deposit for what they store.
	let events = set["transaction"].to_string();
	assert!(events.contains("Held") && events.contains("Keys"), "{events}");
	let added = env.ok(&["add-validator", "//Dave"]);
	assert!(added["validators"]["planned"].as_array().unwrap().contains(&dave.into()));
	let list = env.ok(&["list-validators"]);
	// The dev chain's session never ends: Dave is planned, Alice alone authors.
	assert_eq!(list["session_length"], 0);
	assert_eq!(list["active"].as_array().unwrap().len(), 1);
	assert_eq!(list["planned"].as_array().unwrap().len(), 2);
	let error = env.fails(1, &["add-validator", "//Dave"]);
	assert_eq!(error["dispatch_error"], "ValidatorSet::AlreadyValidator");
	env.ok(&["remove-validator", "//Dave"]);
	let error = env.fails(1, &["remove-validator", "//Dave"]);
	assert_eq!(error["dispatch_error"], "ValidatorSet::NotValidator");
	let error = env.fails(1, &["remove-validator", "//Alice"]);
	assert_eq!(error["dispatch_error"], "ValidatorSet::TooFewValidators");
	// Keys given by hand: Dave's keys do not carry Eve's proof.
	let proof = format!("0x{}", "00".repeat(128));
	let error = env.fails(1, &["set-session-keys", "//Eve", "--keys", &keys, "--proof", &proof]);
	assert_eq!(error["dispatch_error"], "Session::InvalidProof");
	env.fails(2, &["set-session-keys", "//Eve", "--keys", "0x1234", "--proof", &proof]);
	env.fails(2, &["set-session-keys", "//Eve", "--keys", "zz", "--proof", &proof]);
}

#[test]
fn accounts_live_in_the_keystore() {
	let env = Env::new();
	let generated = env.ok(&["new-account"])["account"].as_str().unwrap().to_owned();
	let stored = env.ok(&["new-account", "//Dave"])["account"].as_str().unwrap().to_owned();
	let listed = env.ok(&["list-accounts"]);
	let listed: Vec<&str> = listed["accounts"]
		.as_array()
		.unwrap()
		.iter()
		.map(|a| a.as_str().unwrap())
		.collect();
	assert!(listed.contains(&generated.as_str()) && listed.contains(&stored.as_str()));
	let secret = env.ok(&["export-secret", &generated])["secret"].as_str().unwrap().to_owned();
	assert_eq!(secret.split_whitespace().count(), 12);
	// The mnemonic is the account.
	assert_eq!(env.ok(&["balance", &secret])["account"], generated.as_str());
	// The keystore's address signs.
	env.ok(&["faucet", &generated]);
	env.ok(&["transfer", &generated, "//Bob", "1CVN"]);
	let finalized = env.ok(&["--wait", "finalized", "transfer", &generated, "//Bob", "1CVN"]);
	assert_eq!(finalized["transaction"]["status"], "finalized");
	let ready = env.ok(&["--wait", "ready", "transfer", &generated, "//Bob", "1CVN"]);
	assert_eq!(ready["transaction"]["status"], "ready");
	assert_eq!(ready["transaction"]["block"], Value::Null);
	// The text output of a query is one line a script can read.
	let output = Command::new(CLI)
		.args(["--port", &env.node.rpc_port.to_string(), "get-cindex"])
		.output()
		.unwrap();
	assert_eq!(String::from_utf8_lossy(&output.stdout), "1\n");
}

/// The committed metadata (`client/metadata/convene.scale`), which the client's code is
/// generated from, must be the runtime's, and `convene.spec_version` its runtime version. To update it after a runtime change:
/// `CONVENE_UPDATE_METADATA=1 cargo test -p convene-client --test cli committed_metadata`.
#[tokio::test]
async fn committed_metadata_is_the_runtimes() {
	use codec::Decode;
	let mut node = NodeBuilder::new(node_binary()).dev().spawn();
	node.wait_ready(Duration::from_secs(60));
	let chain = convene_client::Chain::connect(&convene_client::NodeUrl::local(node.rpc_port))
		.await
		.expect("connected");
	let answer = chain
		.rpc()
		.state_call("Metadata_metadata_at_version", Some(&16u32.to_le_bytes()), None)
		.await
		.expect("Metadata_metadata_at_version");
	let live = Option::<Vec<u8>>::decode(&mut &answer[..])
		.expect("an optional metadata blob")
		.expect("the runtime serves metadata version 16");
	let path = repo_path("client/metadata/convene.scale");
	if std::env::var("CONVENE_UPDATE_METADATA").is_ok() {
		std::fs::write(&path, &live).expect("metadata written");
	}
	let committed = std::fs::read(&path).expect("the committed metadata");
	assert!(
		committed == live,
		"client/metadata/convene.scale is stale: rerun this test with CONVENE_UPDATE_METADATA=1"
	);
	// The client hands subxt the committed metadata for this runtime version.
	let version = chain.rpc().state_get_runtime_version(None).await.expect("runtime version");
	let path = repo_path("client/metadata/convene.spec_version");
	if std::env::var("CONVENE_UPDATE_METADATA").is_ok() {
		std::fs::write(&path, format!("{}\n", version.spec_version)).expect("version written");
	}
	let committed = std::fs::read_to_string(&path).expect("the committed spec version");
	assert_eq!(committed.trim(), version.spec_version.to_string(), "{} is stale", path.display());
}

/// A transaction the pool refuses is `Error::Rejected` with the pool's reason, which the node
/// sends in the JSON-RPC error's data (the bots tell a taken nonce by it). A transaction built
/// 100 blocks ago is still valid (an instant-sealed chain under load makes blocks fast).
#[tokio::test]
async fn a_refused_transaction_names_the_pools_reason_and_old_ones_are_valid() {
	use convene_client::{runtime, Chain, Error, TxOptions};
	use subxt_signer::sr25519::dev;
	let env = Env::new();
	let chain = Chain::connect(&convene_client::NodeUrl::local(env.node.rpc_port))
		.await
		.expect("connected");
	let transfer = runtime::transactions()
		.balances()
		.transfer_keep_alive(dev::bob().public_key().into(), 1_000_000);
	let old = chain.at_best().await.expect("the best block");
	seal_blocks(&env, 100);
	chain
		.submit_at(&old, &transfer, &dev::alice(), TxOptions::default())
		.await
		.expect("valid");
	let stale = TxOptions { nonce: Some(0), ..TxOptions::default() };
	let old = chain.at_best().await.expect("the best block");
	match chain.submit_at(&old, &transfer, &dev::alice(), stale).await {
		Err(Error::Rejected(message)) => {
			assert!(message.contains("Transaction is outdated"), "{message}")
		},
		other => panic!("expected a refusal, got {:?}", other.map(|o| o.hash)),
	}
}

/// Unmodified `@polkadot/api` (tests/polkadot-js, pinned by its lock file and installed by
/// scripts/setup.sh) signs a transfer whose fee is paid in a community currency, and decodes
/// every block of the chain; subxt decodes the same block.
#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_pays_a_fee_in_a_community_currency_and_decodes_every_block() {
	use codec::Encode;
	let env = Env::new();
	first_ceremony(&env);
	let before = env.cc("//Alice");
	let cid: convene_primitives::community::CommunityIdentifier = CID.parse().unwrap();
	let cid_hex = hex::encode(cid.encode());
	let output = Command::new("node")
		.arg(repo_path("tests/polkadot-js/fees.mjs"))
		.env("CONVENE_WS", env.node.ws_url())
		.env("CONVENE_CID_HEX", format!("0x{cid_hex}"))
		.output()
		.expect("node runs (scripts/setup.sh installs Node.js and the packages)");
	let stdout = String::from_utf8_lossy(&output.stdout);
	assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
	let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
	assert_eq!(report["section"], "balances", "{report}");
	assert_eq!(report["method"], "transferKeepAlive", "{report}");
	assert!(report["blocks"].as_u64().unwrap() > 5, "{report}");
	let asset = report["assetId"].to_string();
	assert!(asset.contains(&format!("\"data\":\"0x{cid_hex}{}\"", "00".repeat(23))), "{asset}");
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	assert_eq!(report["feePaid"]["who"], alice, "{report}");
	assert!(env.cc("//Alice") < before, "the fee was paid in the community currency");

	// subxt decodes every extrinsic of that block too.
	let chain = convene_client::Chain::connect(&convene_client::NodeUrl::local(env.node.rpc_port))
		.await
		.unwrap();
	let hash: subxt::utils::H256 = report["block"].as_str().unwrap().parse().unwrap();
	let at = chain.at(hash).await.unwrap();
	let extrinsics = at.extrinsics().fetch().await.unwrap();
	assert!(extrinsics.iter().all(|e| e.is_ok()));
	assert!(extrinsics.iter().filter_map(|e| e.ok()).any(|e| e.pallet_name() == "Balances"));
}
