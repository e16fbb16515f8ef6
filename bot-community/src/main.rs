// SPDX-License-Identifier: GPL-3.0-or-later
//! `bot-community`: bootstrap and grow bot communities on a Convene chain. Each command is a
//! module; this file only wires them.

mod agents;
mod bot;
mod businesses;
mod ctx;
mod faucet;
mod governance;
mod init;
mod phase;
mod progress;
mod run;
mod spec;
mod stats;
mod test_run;

use clap::{Parser, Subcommand};
use convene_client::ExitCode;
use ctx::{Ctx, Failure, Global};

/// Bootstrap and grow bot communities on a Convene chain.
///
/// Start a faucet (`bot-community faucet`) and, on a dev chain, the phase service
/// (`bot-community phase`) in other terminals; then `bot-community init` founds a community and
/// `bot-community benchmark` grows it ceremony after ceremony. `bot-community test` does all of
/// it on a fresh dev chain by itself. Files: `./my_keystore` (the bots' keys), `cid.txt`,
/// `bot-stats.csv`, `<name>.json` (the specfile).
#[derive(Parser, Debug)]
#[command(name = "bot-community", version)]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Create bootstrapper bots, fund them through the faucet, write a random specfile and
	/// found the community; prints its identifier (also written to cid.txt).
	Init(init::Init),
	/// Do the current phase's work once and exit (e.g. from cron on a testnet).
	Run,
	/// Do each phase's work as the phases change, forever (a testnet whose phases change on
	/// their own, or a dev chain with the phase service).
	Benchmark,
	/// On a fresh dev chain: found a community, run N ceremonies advancing the phases,
	/// check the invariants after each, and write bot-stats.csv.
	Test(test_run::Test),
	/// Serve the faucet over HTTP: GET /api?accounts=A&accounts=B tops the accounts up.
	Faucet(faucet::FaucetArgs),
	/// Move to the next phase once the chain has been idle for a while since the phase began or
	/// the last transaction (dev; --idle-secs or --idle-blocks).
	Phase(phase::PhaseArgs),
	/// Create random businesses and offerings in the community (descriptions under
	/// test-data/bazaar/).
	RegisterBusinesses(businesses::BusinessArgs),
}

async fn run(cli: Cli) -> Result<(), Failure> {
	let ctx = Ctx::connect(cli.global).await?;
	let faucet_url = ctx.faucet_url();
	match cli.command {
		Command::Init(args) => println!("{}", init::init(&ctx, &args, &faucet_url).await?),
		Command::Run => run::run_once(&mut ctx.bot(&faucet_url).await?).await?,
		Command::Benchmark => run::benchmark(&ctx, &mut ctx.bot(&faucet_url).await?).await?,
		Command::Test(args) => test_run::test(&ctx, &args).await?,
		Command::Faucet(args) => faucet::serve_args(&ctx.chain, &ctx.keystore(), &args).await?,
		Command::Phase(args) => phase::serve_args(&ctx, &args).await?,
		Command::RegisterBusinesses(args) => businesses::register_args(&ctx, &args).await?,
	}
	Ok(())
}

fn main() -> std::process::ExitCode {
	convene_client::logger::init(&["bot_community", "convene"], log::LevelFilter::Warn);
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return std::process::ExitCode::from(ExitCode::RpcError as u8);
		},
	};
	match runtime.block_on(run(cli)) {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(failure) => failure.report(),
	}
}
