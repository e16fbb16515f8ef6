// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene`: Convene's command-line client.

mod cli;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use cli::{accounts, bazaar, ceremonies, communities, escrow, validators, Ctx, Global, Output};
use convene_client::{Error, ExitCode};
use serde_json::json;
use std::io::Write;

const EXIT_CODES: &str = "\
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

/// Convene's command-line client: accounts, communities, ceremonies, the bazaar and payment
/// channels.
#[derive(Parser, Debug)]
#[command(name = "convene", version, after_long_help = EXIT_CODES, after_help = "See --help for exit codes.")]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

/// The command groups, each a module owning its subcommands (`cli::*::Command`); the command
/// names stay flat (`convene new-account`, `convene list-meetups`).
#[derive(Subcommand, Debug)]
enum Command {
	#[command(flatten)]
	Accounts(accounts::Command),
	#[command(flatten)]
	Communities(communities::Command),
	#[command(flatten)]
	Ceremonies(ceremonies::Command),
	#[command(flatten)]
	Bazaar(bazaar::Command),
	#[command(flatten)]
	Escrow(escrow::Command),
	#[command(flatten)]
	Validators(validators::Command),
}

async fn run(ctx: &Ctx, command: Command) -> Result<Output, Error> {
	match command {
		Command::Accounts(c) => c.run(ctx).await,
		Command::Communities(c) => c.run(ctx).await,
		Command::Ceremonies(c) => c.run(ctx).await,
		Command::Bazaar(c) => c.run(ctx).await,
		Command::Escrow(c) => c.run(ctx).await,
		Command::Validators(c) => c.run(ctx).await,
	}
}

fn main() -> std::process::ExitCode {
	convene_client::logger::init(&["convene"], log::LevelFilter::Warn);
	// The node's flags (`NodeArgs`, shared with bot-community) may come after the command too,
	// like every other flag here.
	let matches = Cli::command().mut_args(|a| a.global(true)).get_matches();
	let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
	let json_output = cli.global.json;
	let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return std::process::ExitCode::from(ExitCode::RpcError as u8);
		},
	};
	let ctx = Ctx::new(cli.global);
	let result = runtime.block_on(run(&ctx, cli.command));
	let mut stdout = std::io::stdout().lock();
	match result {
		Ok(output) => {
			let printed = if json_output {
				writeln!(stdout, "{}", output.json)
			} else if output.text.is_empty() {
				Ok(())
			} else {
				writeln!(stdout, "{}", output.text)
			};
			// A closed pipe (e.g. `| head`) is not an error of ours.
			let _ = printed;
			std::process::ExitCode::SUCCESS
		},
		Err(e) => {
			let code = e.exit_code();
			if json_output {
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
