// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene-node`: the Convene blockchain node.
// sc-cli's runner APIs return its (large) error type; boxing it here would gain nothing.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod database;
mod dev_seal;
mod randomness;
mod rpc;
mod service;
mod types;

fn main() {
	if let Err(e) = command::run() {
		// One line a user can act on, instead of the error's debug dump.
		match e {
			sc_cli::Error::Input(message) => eprintln!("Error: {message}"),
			e => eprintln!("Error: {e}"),
		}
		std::process::exit(1);
	}
}
