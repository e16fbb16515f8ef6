// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene-node`: the Convene blockchain node.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() {
	if let Err(e) = command::run() {
		// One line a user can act on, instead of the error's debug dump.
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}
