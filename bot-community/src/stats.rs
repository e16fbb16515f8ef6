// SPDX-License-Identifier: GPL-3.0-or-later
//! Per-ceremony statistics (`bot-stats.csv`) and the invariants a ceremony of bots must keep.

use crate::bot::Bot;
use convene_client::error::Result;
use convene_primitives::{fixed::U64F64, scheduler::CeremonyIndex};
use std::{fmt, path::Path};

/// The CSV header.
pub const HEADER: &str = "ceremony,population,total_supply,reputables,newbies,meetups,businesses,\
nominal_income,treasury,drips";

/// One ceremony, seen after its rewards were claimed (at the next Registering).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub struct Stats {
	/// The ceremony.
	pub ceremony: CeremonyIndex,
	/// Bots known (keys in the keystore).
	pub population: usize,
	/// The community currency's total issuance, demurrage applied, rounded to a whole unit.
	pub total_supply: u64,
	/// Participants rewarded (verified attendances).
	pub reputables: u32,
	/// Newcomers registered (endorsees and newbies).
	pub newbies: u32,
	/// Meetups held.
	pub meetups: usize,
	/// Businesses in the bazaar.
	pub businesses: usize,
	/// The nominal income the ceremony's rewards were paid at (rounded to a whole unit).
	pub nominal_income: u64,
	/// The community's treasury, in its currency, demurrage applied, rounded to a whole unit.
	pub treasury: u64,
	/// Drips the bots drew from their personhood faucet before the ceremony.
	pub drips: usize,
}

impl fmt::Display for Stats {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"{},{},{},{},{},{},{},{},{},{}",
			self.ceremony,
			self.population,
			self.total_supply,
			self.reputables,
			self.newbies,
			self.meetups,
			self.businesses,
			self.nominal_income,
			self.treasury,
			self.drips
		)
	}
}

/// A fixed-point amount rounded to the nearest whole unit.
fn round(x: U64F64) -> u64 {
	(x.to_f64() + 0.5).floor() as u64
}

impl Stats {
	/// The statistics of ceremony `cindex`.
	pub async fn of(bot: &Bot, cindex: CeremonyIndex) -> Result<Self> {
		let chain = &bot.chain;
		let issuance = chain.balances().issuance(bot.cid).await?;
		let meetups = chain.ceremonies().meetups(bot.cid, cindex).await?.len();
		let businesses = chain.bazaar().businesses(bot.cid).await?.len();
		let registered = bot.registered(cindex).await?;
		let reputables = bot.rewarded(cindex).await?.iter().filter_map(|(_, r)| *r).sum();
		let income = chain.communities().details(bot.cid).await?.nominal_income.0;
		let treasury = chain.treasuries().info(Some(bot.cid)).await?.community_currency;
		Ok(Self {
			ceremony: cindex,
			population: bot.agents.len(),
			total_supply: round(issuance),
			reputables,
			newbies: registered.endorsees + registered.newbies,
			meetups,
			businesses,
			nominal_income: round(income),
			treasury: treasury.map_or(0, round),
			drips: 0,
		})
	}

	/// Append this row to the CSV file at `path` (written with its header when new), replacing
	/// a row of the same ceremony.
	pub fn record(&self, path: &Path) -> Result<()> {
		let old = std::fs::read_to_string(path).unwrap_or_default();
		let prefix = format!("{},", self.ceremony);
		let mut lines: Vec<String> = old
			.lines()
			.filter(|l| *l != HEADER && !l.starts_with(&prefix) && !l.trim().is_empty())
			.map(str::to_owned)
			.collect();
		lines.push(self.to_string());
		lines.sort_by_key(|l| l.split(',').next().and_then(|c| c.parse::<u32>().ok()));
		write_csv(path, &lines)
	}
}

/// Write `rows` under the header.
pub fn write_csv(path: &Path, rows: &[String]) -> Result<()> {
	let mut text = format!("{HEADER}\n");
	for row in rows {
		text.push_str(row);
		text.push('\n');
	}
	std::fs::write(path, text).map_err(|e| {
		convene_client::error::bad_input(format!("cannot write {}: {e}", path.display()))
	})
}

/// What went wrong with ceremony `cindex`, if anything: every registered bot was assigned to a
/// meetup of allowed size, every meetup was rewarded in full at the nominal income in effect,
/// the treasury received exactly its share of the rewards, the issuance grew by the rewards and
/// the share (less demurrage), and the bots' balances and the treasury's add up to the issuance.
/// `before` is the issuance and the treasury after the ceremony before.
pub async fn check(
	bot: &Bot,
	cindex: CeremonyIndex,
	before: (U64F64, U64F64),
	stats: &Stats,
) -> Result<Vec<String>> {
	let (issuance_before, treasury_before) = before;
	let chain = &bot.chain;
	let mut broken = Vec::new();
	let meetups = chain.ceremonies().meetups(bot.cid, cindex).await?;
	let registered = bot.registered(cindex).await?;
	let assigned: usize = meetups.iter().map(|m| m.participants.len()).sum();
	if assigned as u64 != registered.total() {
		broken.push(format!("{assigned} of {} registered were assigned", registered.total()));
	}
	if registered.total() != stats.population as u64 {
		broken.push(format!("{} of {} bots registered", registered.total(), stats.population));
	}
	let rules = &bot.rules;
	for m in &meetups {
		let size = m.participants.len() as u32;
		if size < rules.min_size || size > rules.max_size {
			broken.push(format!("meetup {} has {size} participants", m.index));
		}
	}
	let rewarded = bot.rewarded(cindex).await?;
	for m in &meetups {
		match rewarded.iter().find(|(index, _)| *index == m.index) {
			Some((_, Some(n))) if *n as usize == m.participants.len() => {},
			Some((_, Some(n))) => broken.push(format!(
				"meetup {}: {n} of {} participants rewarded",
				m.index,
				m.participants.len()
			)),
			Some((_, None)) => broken.push(format!("meetup {}: its votes failed", m.index)),
			None => broken.push(format!("meetup {} was not evaluated", m.index)),
		}
	}

	let details = chain.communities().details(bot.cid).await?;
	let income = details.nominal_income.0.to_f64();
	let treasury = chain.treasuries().info(Some(bot.cid)).await?;
	let share = f64::from(treasury.issuance_share.unwrap_or(0)) / 1e9;
	let rewards = f64::from(stats.reputables) * income;
	// Demurrage takes a little of the old amounts in the meantime.
	let near = |what: &str, now: f64, old: f64, added: f64, broken: &mut Vec<String>| {
		let expected = old + added;
		if now > expected + 1e-6 || now < expected - old * 1e-3 - 1e-6 {
			broken.push(format!("{what} is {now}, expected about {expected}"));
		}
	};
	let issuance = chain.balances().issuance(bot.cid).await?.to_f64();
	near("the issuance", issuance, issuance_before.to_f64(), rewards * (1.0 + share), &mut broken);
	let held = treasury.community_currency.unwrap_or_default().to_f64();
	near("the treasury", held, treasury_before.to_f64(), rewards * share, &mut broken);
	let balances = bot.agents.keys().iter().map(|k| async move {
		let who = k.account();
		chain.balances().of(bot.cid, &who).await
	});
	let balances = chain.each(balances, || {}).await;
	let mut total = 0.0;
	for b in balances {
		total += b?.to_f64();
	}
	if (total + held - issuance).abs() > 1e-6 * (1.0 + issuance) {
		broken.push(format!(
			"the bots hold {total} and the treasury {held}, the issuance is {issuance}"
		));
	}
	Ok(broken)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rows_replace_their_ceremony_and_stay_in_order() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("bot-stats.csv");
		let row = |ceremony, population| Stats { ceremony, population, ..Stats::default() };
		row(2, 13).record(&path).unwrap();
		row(1, 10).record(&path).unwrap();
		row(2, 14).record(&path).unwrap();
		assert_eq!(
			std::fs::read_to_string(&path).unwrap(),
			format!("{HEADER}\n1,10,0,0,0,0,0,0,0,0\n2,14,0,0,0,0,0,0,0,0\n")
		);
	}

	#[test]
	fn supply_is_rounded_to_whole_units() {
		assert_eq!(round("61.99992".parse().unwrap()), 62);
		assert_eq!(round("10.4".parse().unwrap()), 10);
		assert_eq!(round(U64F64::default()), 0);
	}
}
