// SPDX-License-Identifier: GPL-3.0-or-later
//! `test`: on a fresh dev chain, found a community, run N ceremonies advancing the phases,
//! check the invariants after each, and write `bot-stats.csv` (compared with a golden file).

use crate::{
	businesses,
	ctx::{Ctx, Failure, STATS_FILE},
	faucet,
	init::{init, Init},
	phase,
	run::{stats_text, summary},
	stats::{self, Stats},
};
use clap::Args;
use convene_client::{
	amount::PLANCKS_PER_UNIT,
	error::{bad_input, Error},
	ipfs::Publisher,
	keystore::Key,
	runtime::runtime_types::{
		pallet_community_democracy::types::ProposalAction, sp_arithmetic::per_things::Perbill,
	},
};
use convene_primitives::{fixed::U64F64, scheduler::CeremonyPhase};
use std::{
	path::{Path, PathBuf},
	sync::Arc,
	time::Instant,
};
use subxt::utils::Static;

/// The nominal income the bots vote for in ceremony 3.
const GOVERNED_INCOME: u64 = 30;

#[derive(Args, Debug)]
pub struct Test {
	/// Ceremonies to run.
	#[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
	ceremonies: u32,
	/// Fail unless bot-stats.csv equals this file.
	#[arg(long)]
	golden: Option<PathBuf>,
	#[command(flatten)]
	init: Init,
}

/// `test`
pub async fn test(ctx: &Ctx, args: &Test) -> Result<(), Failure> {
	let info = ctx.chain.ceremonies().info().await?;
	if (info.ceremony_index, info.phase) != (1, CeremonyPhase::Registering) {
		return Err(bad_input(format!(
			"`test` needs a fresh dev chain; this one is at ceremony {}, {:?}",
			info.ceremony_index, info.phase
		))
		.into());
	}
	let sudo = ctx.sudo()?;
	// The faucet: the one named, or our own on a free port.
	let mut faucet_url = ctx.global.faucet_url.clone().unwrap_or_default();
	let mut served = None;
	if ctx.global.faucet_url.is_none() {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
			.await
			.map_err(|e| Error::Rpc(format!("cannot open the faucet's socket: {e}")))?;
		let address = listener.local_addr().map_err(|e| Error::Rpc(e.to_string()))?;
		faucet_url = format!("http://{address}/api");
		// Our own, on loopback, for this run only: no limits.
		let faucet = faucet::Faucet::new(
			ctx.chain.clone(),
			sudo.pair.clone(),
			100 * PLANCKS_PER_UNIT,
			faucet::Limits::NONE,
		);
		served = Some(tokio::spawn(faucet::serve(listener, Arc::new(faucet))));
	}
	let result = run_test(ctx, args, &faucet_url, &sudo).await;
	if let Some(task) = served {
		task.abort();
	}
	result
}

async fn run_test(ctx: &Ctx, args: &Test, faucet_url: &str, sudo: &Key) -> Result<(), Failure> {
	let cid = init(ctx, &args.init, faucet_url).await?;
	println!("{cid}");
	let mut bot = ctx.bot(faucet_url).await?;
	let mut rng = ctx.rng();
	let publisher = Publisher::from_env(args.init.ipfs_local, &ctx.global.ipfs_dir);
	let mut rows = Vec::new();
	let mut broken = Vec::new();
	let mut before = Default::default();
	// The bots' personhood faucet: verified bots short of 100 CVN draw 1 CVN per attendance.
	let name = crate::governance::faucet_name(&bot);
	let (faucet, _) = ctx
		.chain
		.faucets()
		.create(&sudo.pair, &name, 10_000 * PLANCKS_PER_UNIT, Some(vec![cid]), PLANCKS_PER_UNIT)
		.await?;
	let work = bot.register(1).await?;
	println!("{}", summary(1, CeremonyPhase::Registering, &work));
	// Per ceremony: participants and the seconds of each phase's work, and of claiming.
	let mut timings = vec![(work.registered.ok, work.seconds, 0.0, 0.0, 0.0)];
	for c in 1..=args.ceremonies {
		phase::next_phase(&ctx.chain, &sudo.pair).await?;
		let assigning = bot.read_meetups(c).await?;
		println!("{}", summary(c, CeremonyPhase::Assigning, &assigning));
		phase::next_phase(&ctx.chain, &sudo.pair).await?;
		let attesting = bot.attest(c).await?;
		println!("{}", summary(c, CeremonyPhase::Attesting, &attesting));
		phase::next_phase(&ctx.chain, &sudo.pair).await?;
		if let Some(t) = timings.last_mut() {
			(t.0, t.2, t.3) = (assigning.assigned, assigning.seconds, attesting.seconds);
		}

		let started = Instant::now();
		let claimed = bot.claim(c).await?;
		if let Some(t) = timings.last_mut() {
			t.4 = started.elapsed().as_secs_f64();
		}
		let mut stats = Stats::of(&bot, c).await?;
		for problem in stats::check(&bot, c, before, &stats).await? {
			eprintln!("ceremony {c}: {problem}");
			broken.push(format!("ceremony {c}: {problem}"));
		}
		stats.drips = bot.drip(faucet, 100 * PLANCKS_PER_UNIT).await?.ok;
		if c >= 3 && stats.nominal_income != GOVERNED_INCOME {
			broken
				.push(format!("ceremony {c}: rewards at {} after the vote", stats.nominal_income));
		}
		println!("ceremony {c}: {}", stats_text(&stats));
		rows.push(stats.to_string());
		let treasury = ctx.chain.treasuries().info(Some(cid)).await?.community_currency;
		before = (ctx.chain.balances().issuance(cid).await?, treasury.unwrap_or_default());
		if c == 2 {
			// Ceremony 1's attendances vote in ceremony 3: a higher income, and a tenth of the
			// issuance for the treasury, both enacted when ceremony 3's Assigning begins.
			let actions = vec![
				ProposalAction::UpdateNominalIncome {
					cid: Static(cid),
					nominal_income: Some(Static(U64F64::from_int(GOVERNED_INCOME))),
				},
				ProposalAction::SetIssuanceShare { cid: Static(cid), share: Perbill(100_000_000) },
			];
			for (id, approved) in bot.decide(&mut rng, actions).await? {
				println!("proposal {id}: {}", if approved { "approved" } else { "not approved" });
				if !approved {
					broken.push(format!("proposal {id} was not approved"));
				}
			}
		}
		if c == args.ceremonies {
			break;
		}
		if c == 1 {
			let done = businesses::register(
				&bot,
				&mut rng,
				&publisher,
				Path::new("test-data/bazaar"),
				2,
				5,
			)
			.await?;
			println!("{} businesses with {} offerings created", done.businesses, done.offerings);
		}
		let mut work = bot.register(c + 1).await?;
		work.claimed = claimed;
		println!("{}", summary(c + 1, CeremonyPhase::Registering, &work));
		timings.push((0, work.seconds, 0.0, 0.0, 0.0));
	}
	println!("ceremony, participants, registering s, assigning s, attesting s, claiming s");
	for (c, (participants, registering, assigning, attesting, claiming)) in (1..).zip(&timings) {
		println!(
			"{c}, {participants}, {registering:.2}, {assigning:.2}, {attesting:.2}, {claiming:.2}"
		);
	}
	stats::write_csv(Path::new(STATS_FILE), &rows)?;
	if let Some(golden) = &args.golden {
		let expected = std::fs::read_to_string(golden)
			.map_err(|e| bad_input(format!("{}: {e}", golden.display())))?;
		let written = std::fs::read_to_string(STATS_FILE).unwrap_or_default();
		if written != expected {
			broken.push(format!(
				"{STATS_FILE} differs from {}:\n{written}expected:\n{expected}",
				golden.display()
			));
		}
	}
	if broken.is_empty() {
		Ok(())
	} else {
		Err(Failure::Broken(broken))
	}
}
