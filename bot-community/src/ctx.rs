// SPDX-License-Identifier: GPL-3.0-or-later
//! What every command shares: the global flags, the connection, the keystore, the seeded
//! random numbers, and the bots of the community in `cid.txt`.

use crate::{agents::Agents, bot::Bot};
use clap::Args;
use convene_client::{
	error::{bad_input, Error, Result},
	keystore::{Key, Keystore},
	Chain, ExitCode, NodeArgs, TxOptions,
};
use convene_primitives::community::CommunityIdentifier;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;
use std::{path::PathBuf, time::Duration};

/// Where the community's identifier is kept between runs.
pub const CID_FILE: &str = "cid.txt";
/// The faucet's usual place.
pub const FAUCET_URL: &str = "http://127.0.0.1:5000/api";
/// Where the statistics go.
pub const STATS_FILE: &str = "bot-stats.csv";

/// How long a bot's transaction is followed before it is given up as lost (then tried again).
const PATIENCE: Duration = Duration::from_secs(30);

/// Options before the command.
#[derive(Args, Clone, Debug)]
pub struct Global {
	/// The node's address.
	#[command(flatten)]
	pub node: NodeArgs,
	/// The faucet service's URL [default: http://127.0.0.1:5000/api; `test` serves its own].
	#[arg(short = 'f', long)]
	pub faucet_url: Option<String>,
	/// The seed of everything random (keys, names, locations): the same seed, the same run.
	#[arg(long, default_value_t = 42)]
	pub seed: u64,
	/// The keystore folder: every key in it is a bot.
	#[arg(long, default_value = "./my_keystore", env = "CONVENE_KEYSTORE")]
	pub keystore: PathBuf,
	/// Grow to this many bots at most.
	#[arg(long, default_value_t = 1000)]
	pub max_population: usize,
	/// The sudo key, to change phases (test, phase).
	#[arg(long, default_value = "//Alice")]
	pub sudo: String,
	/// Where content is kept when no IPFS service is configured.
	#[arg(long, default_value = "./ipfs_store", env = "CONVENE_IPFS_DIR")]
	pub ipfs_dir: PathBuf,
}

/// The connection and what every command shares.
pub struct Ctx {
	/// The global flags.
	pub global: Global,
	/// The connection; the bots' transactions are given up after [`PATIENCE`].
	pub chain: Chain,
}

impl Ctx {
	/// Connect to the node the flags name.
	pub async fn connect(global: Global) -> Result<Self> {
		let chain = Chain::connect(&global.node.url()?).await?;
		let chain =
			chain.with_options(TxOptions { patience: Some(PATIENCE), ..TxOptions::default() });
		Ok(Self { global, chain })
	}

	/// The faucet's URL.
	pub fn faucet_url(&self) -> String {
		self.global.faucet_url.clone().unwrap_or_else(|| FAUCET_URL.to_owned())
	}

	/// The bots' keystore.
	pub fn keystore(&self) -> Keystore {
		Keystore::new(&self.global.keystore)
	}

	/// Random numbers from the seed.
	pub fn rng(&self) -> ChaCha20Rng {
		ChaCha20Rng::seed_from_u64(self.global.seed)
	}

	/// The bots of the community in cid.txt.
	pub async fn bot(&self, faucet_url: &str) -> Result<Bot> {
		let text = std::fs::read_to_string(CID_FILE)
			.map_err(|e| bad_input(format!("{CID_FILE}: {e} (run `bot-community init` first)")))?;
		let cid: CommunityIdentifier = text.trim().parse().map_err(|e| {
			bad_input(format!("{CID_FILE}: {:?} is not a community: {e}", text.trim()))
		})?;
		self.chain.communities().details(cid).await?;
		Ok(Bot {
			chain: self.chain.clone(),
			agents: Agents::load(self.keystore(), self.global.seed)?,
			cid,
			faucet_url: faucet_url.to_owned(),
			max_population: self.global.max_population,
			rules: self.chain.ceremonies().rules().await?,
		})
	}

	/// The sudo key.
	pub fn sudo(&self) -> Result<Key> {
		self.keystore().signer(&self.global.sudo)
	}
}

/// Why a command failed.
pub enum Failure {
	/// A client error, with its exit code.
	Client(Error),
	/// Invariants that `test` found broken (exit code 1).
	Broken(Vec<String>),
}

impl Failure {
	/// Say what failed on stderr; the process's exit code.
	pub fn report(self) -> std::process::ExitCode {
		match self {
			Self::Client(e) => {
				eprintln!("error: {e}");
				std::process::ExitCode::from(e.exit_code() as u8)
			},
			Self::Broken(problems) => {
				eprintln!("error: {} invariants broken:", problems.len());
				for p in problems {
					eprintln!("  {p}");
				}
				std::process::ExitCode::from(ExitCode::TxFailed as u8)
			},
		}
	}
}

impl From<Error> for Failure {
	fn from(e: Error) -> Self {
		Self::Client(e)
	}
}
