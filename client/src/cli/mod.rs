// SPDX-License-Identifier: GPL-3.0-or-later
//! The `convene` command line: global flags, the shared context, and output.

pub mod accounts;
pub mod bazaar;
pub mod ceremonies;
pub mod communities;
pub mod escrow;
pub mod faucets;
pub mod governance;
pub mod validators;

use clap::Args;
pub use convene_client::amount::{native_text, parse_native};
use convene_client::{
	communities::Details,
	error::{bad_input, Error, Result},
	ipfs::Publisher,
	keystore::{Key, Keystore},
	Chain, NodeArgs, TxOptions, TxOutcome, Wait,
};
use convene_primitives::{community::CommunityIdentifier, fixed::U64F64};
use serde_json::{json, Value as Json};
use std::{io::Write, path::PathBuf};
use subxt::utils::AccountId32;
use tokio::sync::OnceCell;

/// The exit codes and conventions, shown by `convene --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
   0  success
   1  the transaction failed on chain (the pallet error is named) or the node refused it
   2  bad input: an argument, account, amount, specfile or file
  50  wrong phase for this action
  51  the fee cannot be paid (native token, or the --tx-payment-cid currency)
  52  the reputation or proof of attendance cannot be used
  53  insufficient funds
  60  the node cannot be reached or failed to answer
  61  the IPFS service failed
  70  the command needs --cid
  71  no community with this identifier exists

Accounts are //Name development URIs, mnemonics (optionally with //derivation), 0x seeds, or SS58
addresses whose key is in the keystore. Text goes to stdout and logs to stderr; with --json,
stdout is one JSON document, errors included ({\"error\": {\"code\", \"kind\", \"message\"}}).";

/// Print `result` (text, or JSON with `json`; an error on stderr, and in JSON on stdout) and
/// return its exit code.
pub fn print(result: Result<Output>, json: bool) -> std::process::ExitCode {
	let mut stdout = std::io::stdout().lock();
	match result {
		Ok(output) => {
			// A closed pipe (e.g. `| head`) is not an error of ours.
			let _ = if json {
				writeln!(stdout, "{}", output.json)
			} else if output.text.is_empty() {
				Ok(())
			} else {
				writeln!(stdout, "{}", output.text)
			};
			std::process::ExitCode::SUCCESS
		},
		Err(e) => {
			let code = e.exit_code();
			if json {
				let error = json!({
					"error": {
						"code": code as u8,
						"kind": code.name(),
						"message": e.to_string(),
						"dispatch_error": e.dispatch_error(),
					}
				});
				let _ = writeln!(stdout, "{error}");
			}
			eprintln!("error: {e}");
			std::process::ExitCode::from(code as u8)
		},
	}
}

/// Flags every command accepts.
#[derive(Args, Clone, Debug)]
pub struct Global {
	/// The node's address.
	#[command(flatten)]
	pub node: NodeArgs,
	/// The community, in its string form (e.g. sqm1v79dF6b).
	#[arg(short = 'c', long, global = true)]
	pub cid: Option<String>,
	/// Pay transaction fees in this community's currency instead of the native token.
	#[arg(long, global = true)]
	pub tx_payment_cid: Option<String>,
	/// The keystore folder (one file per key).
	#[arg(long, global = true, default_value = "./my_keystore", env = "CONVENE_KEYSTORE")]
	pub keystore: PathBuf,
	/// Print one JSON document on stdout instead of text (errors too, with their exit code).
	#[arg(long, global = true)]
	pub json: bool,
	/// How long to follow a transaction.
	#[arg(long, global = true, value_enum, default_value_t = Wait::InBlock)]
	pub wait: Wait,
	/// Publish content through the local IPFS HTTP API (http://127.0.0.1:5001).
	#[arg(short = 'l', long, global = true)]
	pub ipfs_local: bool,
	/// Where content is kept when no IPFS service is configured (one file per content id).
	#[arg(long, global = true, default_value = "./ipfs_store", env = "CONVENE_IPFS_DIR")]
	pub ipfs_dir: PathBuf,
}

/// What a command prints: text for people, JSON for programs.
pub struct Output {
	/// Text (stdout).
	pub text: String,
	/// The `--json` document.
	pub json: Json,
}

impl Output {
	/// An output.
	pub fn new(text: impl Into<String>, json: Json) -> Self {
		Self { text: text.into(), json }
	}
}

/// Everything a command needs: flags, keystore, and the connection (made on first use).
pub struct Ctx {
	/// The global flags.
	pub global: Global,
	/// The keystore.
	pub keystore: Keystore,
	chain: OnceCell<Chain>,
}

impl Ctx {
	/// The context for `global`.
	pub fn new(global: Global) -> Self {
		let keystore = Keystore::new(&global.keystore);
		Self { global, keystore, chain: OnceCell::new() }
	}

	/// The connection (one per process), submitting as the flags say (`--wait`,
	/// `--tx-payment-cid`, the fee community checked to exist).
	pub async fn chain(&self) -> Result<&Chain> {
		let url = self.global.node.url()?;
		self.chain
			.get_or_try_init(|| async move {
				let chain = Chain::connect(&url).await?;
				let fee_cid = match &self.global.tx_payment_cid {
					Some(c) => {
						let cid = parse_cid(c)?;
						// An unknown fee community is reported as such, not as a fee failure.
						chain.communities().details(cid).await?;
						Some(cid)
					},
					None => None,
				};
				let options = TxOptions { wait: self.global.wait, fee_cid, ..TxOptions::default() };
				Ok(chain.with_options(options))
			})
			.await
	}

	/// `--cid`, parsed, without checking that it exists.
	pub fn cid_arg(&self) -> Result<CommunityIdentifier> {
		parse_cid(self.global.cid.as_deref().ok_or(Error::NoCid)?)
	}

	/// `--cid`, checked to exist on chain, with the community's details.
	pub async fn community(&self) -> Result<(CommunityIdentifier, Details)> {
		let cid = self.cid_arg()?;
		let details = self.chain().await?.communities().details(cid).await?;
		Ok((cid, details))
	}

	/// The key for an account argument.
	pub fn signer(&self, account: &str) -> Result<Key> {
		self.keystore.signer(account)
	}

	/// The account an argument names.
	pub fn account(&self, account: &str) -> Result<AccountId32> {
		self.keystore.account(account)
	}

	/// Where published content goes.
	pub fn publisher(&self) -> Publisher {
		Publisher::from_env(self.global.ipfs_local, &self.global.ipfs_dir)
	}
}

/// Parse a community identifier argument.
pub fn parse_cid(s: &str) -> Result<CommunityIdentifier> {
	s.trim()
		.parse()
		.map_err(|e| bad_input(format!("{s:?} is not a community identifier: {e}")))
}

/// A community-currency amount (a decimal number).
pub fn parse_cc(s: &str) -> Result<U64F64> {
	s.trim()
		.parse()
		.map_err(|e| bad_input(format!("{s:?} is not a community-currency amount: {e}")))
}

/// Text for a name stored as bytes.
pub fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// A transaction's outcome: text lines and JSON.
pub fn tx_output(what: &str, outcome: &TxOutcome, extra: Json) -> Output {
	let mut text = match outcome.block {
		Some(block) => format!("{what}: in block {block:?}\n"),
		None => format!("{what}: accepted by the pool ({:?})\n", outcome.hash),
	};
	for e in &outcome.events {
		if !e.is_routine() {
			text.push_str(&format!("  {}.{} {}\n", e.pallet, e.event, e.fields));
		}
	}
	let mut json = json!({ "transaction": outcome });
	if let (Json::Object(map), Json::Object(more)) = (&mut json, extra) {
		map.extend(more);
	}
	Output::new(text.trim_end().to_owned(), json)
}
