// SPDX-License-Identifier: GPL-3.0-or-later
//! The bios boot: from one genesis validator to a set of validators chosen by governance, with
//! tokens distributed to new accounts.

use crate::{
	network::Testnet,
	tokens::{pareto_amounts, top_fifth_share, SHAPE_80_20},
	watch, Error, Result,
};
use convene_client::{
	keystore::{key_from_secret, Key, Keystore},
	Chain,
};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::{
	fmt::Write as _,
	time::{Duration, Instant},
};
use subxt::utils::AccountId32;

/// One native token (12 decimals).
pub const UNIT: u128 = 1_000_000_000_000;

/// What each validator account receives to pay its fees.
const VALIDATOR_FUNDS: u128 = 1_000 * UNIT;

/// Transfers per `Utility.batch_all` transaction.
const TRANSFERS_PER_BATCH: usize = 250;

/// The genesis validator of the `testnet` and `local` presets.
pub const GENESIS_VALIDATOR: &str = "//Alice";

/// The sudo key of the presets, which stands for governance on the testnet.
pub const SUDO: &str = "//Alice";

/// How a testnet boots.
#[derive(Clone, Debug)]
pub struct BootOptions {
	/// Validators in the end, the genesis validator included (at least 1).
	pub validators: usize,
	/// New accounts the tokens go to.
	pub accounts: usize,
	/// Tokens distributed among them (whole tokens).
	pub tokens: u128,
	/// Seed of the node keys and the distribution.
	pub seed: u64,
	/// How long each wait may take.
	pub timeout: Duration,
}

/// What happened, and when (time since the start).
#[derive(Clone, Debug, Default)]
pub struct BootReport {
	/// Each step and when it ended.
	pub steps: Vec<(String, Duration)>,
	/// The validators, the genesis one first.
	pub validators: Vec<AccountId32>,
	/// The block by which every validator had authored, now finalized.
	pub all_authored_block: u64,
	/// The accounts funded and what each got (smallest unit).
	pub accounts: Vec<(AccountId32, u128)>,
	/// The share the richest fifth of them holds.
	pub top_fifth_share: f64,
}

impl BootReport {
	/// The distribution in one line.
	pub fn distribution(&self) -> String {
		format!(
			"{} accounts funded (testnet/accounts.csv); the richest fifth holds {:.0} %",
			self.accounts.len(),
			self.top_fifth_share * 100.0
		)
	}
}

/// The account URI of validator `i` (the genesis validator is 0).
pub fn validator_uri(i: usize) -> String {
	if i == 0 {
		GENESIS_VALIDATOR.to_owned()
	} else {
		format!("//Validator{i}")
	}
}

/// Pay `transfers` from `signer` in batches submitted together, and wait for all to be in
/// blocks.
async fn fund_all(chain: &Chain, transfers: &[(AccountId32, u128)], signer: &Key) -> Result<()> {
	let balances = chain.balances();
	let batches = transfers.chunks(TRANSFERS_PER_BATCH).map(|b| balances.fund(&signer.pair, b));
	for outcome in chain.each(batches, || {}).await {
		outcome?;
	}
	Ok(())
}

/// Boot a testnet in `net` (created, with no nodes yet) as `options` say, calling `progress`
/// after each step.
pub async fn boot(
	net: &mut Testnet,
	options: &BootOptions,
	mut progress: impl FnMut(&str),
) -> Result<BootReport> {
	if options.validators == 0 {
		return Err(Error("a testnet needs at least its genesis validator".into()));
	}
	let start = Instant::now();
	let mut report = BootReport::default();
	let mut step = |report: &mut BootReport, what: String| {
		progress(&format!("{:>7.1} s  {what}", start.elapsed().as_secs_f64()));
		report.steps.push((what, start.elapsed()));
	};
	let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
	let mut node_key = || {
		let mut k = [0u8; 32];
		rng.fill_bytes(&mut k);
		k
	};

	// The genesis validator: its keys are the ones the chain spec names.
	let genesis = net.add_node(Some(validator_uri(0)), node_key())?;
	net.insert_key(genesis, "sr25519", "aura", GENESIS_VALIDATOR)?;
	net.insert_key(genesis, "ed25519", "gran", GENESIS_VALIDATOR)?;
	net.start_node(genesis)?;
	let chain = net.connect(genesis, options.timeout).await?;
	let peer: String = chain
		.rpc_client()
		.request("system_localPeerId", subxt::rpcs::rpc_params![])
		.await
		.map_err(|e| Error(format!("system_localPeerId: {e}")))?;
	let p2p_port = net.node(genesis)?.p2p_port;
	net.set_bootnode(format!("/ip4/127.0.0.1/tcp/{p2p_port}/p2p/{peer}"))?;
	// The genesis account pays for everything: check before anything is written or started.
	let sudo = key_from_secret(SUDO)?;
	let needed = VALIDATOR_FUNDS
		.saturating_mul(options.validators as u128 - 1)
		.saturating_add(options.tokens.saturating_mul(UNIT));
	let holds = chain.balances().native(&sudo.account()).await?;
	if needed.saturating_add(UNIT) > holds {
		return Err(Error(format!(
			"{SUDO} holds {} CVN, not enough to give {} CVN away and pay the fees: ask for fewer \
			 --tokens",
			holds / UNIT,
			needed / UNIT
		)));
	}
	step(&mut report, "genesis validator serves RPC".into());

	// More nodes, which peer with it.
	let mut others = Vec::new();
	for i in 1..options.validators {
		others.push(net.add_node(Some(validator_uri(i)), node_key())?);
	}
	for &i in &others {
		net.start_node(i)?;
	}
	let mut chains = Vec::new();
	for &i in &others {
		chains.push(net.connect(i, options.timeout).await?);
	}
	step(&mut report, format!("{} more nodes serve RPC", others.len()));

	// Accounts: the validators', and new ones in the testnet's keystore, funded by the
	// genesis account with a skewed distribution.
	let validator_keys = (0..options.validators)
		.map(|i| key_from_secret(&validator_uri(i)))
		.collect::<convene_client::error::Result<Vec<_>>>()?;
	report.validators = validator_keys.iter().map(Key::account).collect();
	let keystore = Keystore::new(net.dir().join("keystore"));
	let amounts = pareto_amounts(
		options.accounts,
		options.tokens.saturating_mul(UNIT),
		UNIT,
		SHAPE_80_20,
		options.seed,
	);
	for amount in amounts {
		report.accounts.push((keystore.generate()?.account(), amount));
	}
	report.top_fifth_share =
		top_fifth_share(&report.accounts.iter().map(|(_, a)| *a).collect::<Vec<_>>());
	let mut csv = String::from("account,amount\n");
	for (account, amount) in &report.accounts {
		let _ = writeln!(csv, "{account},{amount}");
	}
	std::fs::write(net.dir().join("accounts.csv"), csv)?;
	let mut transfers: Vec<(AccountId32, u128)> =
		report.validators.iter().skip(1).map(|v| (*v, VALIDATOR_FUNDS)).collect();
	transfers.extend(report.accounts.iter().copied());
	let what = format!("{} accounts funded", transfers.len());
	fund_all(&chain, &transfers, &sudo).await?;
	step(&mut report, what);

	// Each new validator's node generates session keys, which the validator registers through
	// it, once that node has imported the funding block (its pool checks the fee against its
	// own best block).
	let timeout = options.timeout;
	let registrations =
		chains.iter().zip(validator_keys.iter().skip(1)).map(|(chain, key)| async move {
			let funded = Instant::now();
			while chain.balances().native(&key.account()).await? == 0 {
				if funded.elapsed() > timeout {
					return Err(Error(format!("{} not funded after {timeout:?}", key.account())));
				}
				tokio::time::sleep(watch::POLL).await;
			}
			let generated = chain.validators().rotate_keys(&key.account()).await?;
			chain.validators().set_keys(&key.pair, &generated).await?;
			Ok::<_, Error>(())
		});
	futures::future::try_join_all(registrations).await?;
	step(&mut report, "session keys generated and registered".into());

	// Governance adds them.
	if report.validators.len() > 1 {
		// A failed addition fails the whole batch, which `submit` reports as an error.
		chain.validators().add_all(&sudo.pair, &report.validators[1..]).await?;
	}
	let what = format!("governance added {} validators", report.validators.len() - 1);
	step(&mut report, what);

	// They take over at the second session boundary; wait until each has authored and GRANDPA
	// has finalized it.
	let from = watch::heights(&chain).await?.best;
	let session_length = u64::from(chain.validators().set(None).await?.session_length);
	let wait = options.timeout + Duration::from_secs(6 * 3 * session_length);
	report.all_authored_block =
		watch::wait_until_all_author(&chain, &report.validators, from, wait).await?;
	let what = format!(
		"all {} validators authored by block {}, finalized",
		report.validators.len(),
		report.all_authored_block
	);
	step(&mut report, what);
	Ok(report)
}
