// SPDX-License-Identifier: GPL-3.0-or-later
//! `convene`: Convene's command-line client.

mod cli;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use cli::{
	accounts, bazaar, ceremonies, communities, escrow, faucets, governance, validators, Ctx,
	Global, Output,
};
use convene_client::{Error, ExitCode};

/// Convene's command-line client: accounts, communities, ceremonies, the bazaar, payment
/// channels, and communities' self-government (proposals, votes, treasuries, faucets).
#[derive(Parser, Debug)]
#[command(name = "convene", version, after_long_help = cli::EXIT_CODES, after_help = "See --help for exit codes.")]
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
	#[command(flatten)]
	Governance(governance::Command),
	#[command(flatten)]
	Faucets(faucets::Command),
}

async fn run(ctx: &Ctx, command: Command) -> Result<Output, Error> {
	match command {
		Command::Accounts(c) => c.run(ctx).await,
		Command::Communities(c) => c.run(ctx).await,
		Command::Ceremonies(c) => c.run(ctx).await,
		Command::Bazaar(c) => c.run(ctx).await,
		Command::Escrow(c) => c.run(ctx).await,
		Command::Validators(c) => c.run(ctx).await,
		Command::Governance(c) => c.run(ctx).await,
		Command::Faucets(c) => c.run(ctx).await,
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
	cli::print(runtime.block_on(run(&ctx, cli.command)), json_output)
}
