// SPDX-License-Identifier: GPL-3.0-or-later
//! `run` (one phase's work) and `benchmark` (every phase's, forever).

use crate::{
	bot::{Bot, Work},
	ctx::{Ctx, STATS_FILE},
	stats::Stats,
};
use convene_client::error::Result;
use convene_primitives::scheduler::CeremonyPhase;
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// A verified bot holding less than this (1 CVN) draws a drip from the bots' personhood faucet
/// with each new attendance.
const DRIP_BELOW: u128 = convene_client::amount::PLANCKS_PER_UNIT;

/// The summary line of a phase's work.
pub fn summary(cindex: u32, phase: CeremonyPhase, work: &Work) -> String {
	let detail = match phase {
		CeremonyPhase::Registering => format!(
			"{} meetups claimed, {} bots created, {} endorsed, {} registered ({} failed)",
			work.claimed.ok,
			work.created,
			work.endorsed.ok,
			work.registered.ok,
			work.registered.failed
		),
		CeremonyPhase::Assigning => {
			format!("{} participants in {} meetups", work.assigned, work.meetups)
		},
		CeremonyPhase::Attesting => format!(
			"{} attestations in {} meetups ({} failed)",
			work.attested.ok, work.meetups, work.attested.failed
		),
	};
	format!("ceremony {cindex} {phase:?}: {detail} in {:.2} s", work.seconds)
}

/// `run`: one phase's work; at Registering also the previous ceremony's statistics.
pub async fn run_once(bot: &mut Bot) -> Result<()> {
	let info = bot.chain.ceremonies().info().await?;
	let c = info.ceremony_index;
	let work = match info.phase {
		CeremonyPhase::Registering => {
			let started = Instant::now();
			let claimed = bot.claim(c - 1).await?;
			let claiming = started.elapsed().as_secs_f64();
			if c > 1 {
				let mut stats = Stats::of(bot, c - 1).await?;
				// Verified bots short of tokens draw from the bots' personhood faucet, if any.
				if let Some(faucet) = bot.faucet().await? {
					stats.drips = bot.drip(faucet, DRIP_BELOW).await?.ok;
				}
				stats.record(Path::new(STATS_FILE))?;
				println!("ceremony {}: {}", c - 1, stats_text(&stats));
			}
			let mut work = bot.register(c).await?;
			work.claimed = claimed;
			work.seconds += claiming;
			work
		},
		CeremonyPhase::Assigning => bot.read_meetups(c).await?,
		CeremonyPhase::Attesting => bot.attest(c).await?,
	};
	println!("{}", summary(c, info.phase, &work));
	Ok(())
}

pub fn stats_text(s: &Stats) -> String {
	format!(
		"population {}, supply {}, reputables {}, newbies {}, meetups {}, businesses {}, income \
		 {}, treasury {}, drips {}",
		s.population,
		s.total_supply,
		s.reputables,
		s.newbies,
		s.meetups,
		s.businesses,
		s.nominal_income,
		s.treasury,
		s.drips
	)
}

/// `benchmark`: act on every phase, forever.
pub async fn benchmark(ctx: &Ctx, bot: &mut Bot) -> Result<()> {
	loop {
		run_once(bot).await?;
		let info = ctx.chain.ceremonies().info().await?;
		// Wait for the phase to change.
		loop {
			tokio::time::sleep(Duration::from_secs(1)).await;
			let now = ctx.chain.ceremonies().info().await?;
			if (now.ceremony_index, now.phase) != (info.ceremony_index, info.phase) {
				break;
			}
		}
	}
}
