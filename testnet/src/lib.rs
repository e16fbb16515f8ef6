// SPDX-License-Identifier: GPL-3.0-or-later
//! A Convene testnet on one machine, booted from genesis as a real network would be: a genesis
//! validator starts the chain, more nodes join it over libp2p, generate session keys and register
//! them, governance (Sudo on the testnet) adds them to the validator set, and tokens are
//! distributed to new accounts. See the `convene-testnet` binary and `scripts/testnet`.
//!
//! - [`network`]: the nodes' processes, ports, folders and the state file;
//! - [`boot`]: the boot sequence and its report;
//! - [`watch`]: heights, and who authored a block;
//! - [`tokens`]: the skewed (Pareto) distribution.
#![deny(missing_docs)]

pub mod boot;
pub mod network;
pub mod tokens;
pub mod watch;

/// What went wrong, for people.
#[derive(Debug)]
pub struct Error(pub String);

/// The result of this crate's operations.
pub type Result<T> = std::result::Result<T, Error>;

impl std::fmt::Display for Error {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
	fn from(e: std::io::Error) -> Self {
		Self(e.to_string())
	}
}

impl From<serde_json::Error> for Error {
	fn from(e: serde_json::Error) -> Self {
		Self(e.to_string())
	}
}

impl From<convene_client::Error> for Error {
	fn from(e: convene_client::Error) -> Self {
		Self(e.to_string())
	}
}
