// SPDX-License-Identifier: GPL-3.0-or-later
//! The bots govern their community and draw from its personhood faucet.
//!
//! - [`Bot::decide`]: one bot submits proposals; every bot with an attendance that counts
//!   votes with all of them, aye or nay by the seed (fewer than half nay, so that a proposal
//!   with full turnout passes); after the confirmation period the proposals are approved, and
//!   the chain enacts them at the next phase change.
//! - [`Bot::drip`]: verified bots short of native tokens draw from the personhood faucet, one
//!   drip per attendance, instead of asking the faucet service (which funds only newcomers).

use crate::bot::{Bot, Tally};
use convene_client::{
	democracy::{Action, ProposalId},
	error::{bad_input, Error, Result},
	runtime,
};
use rand::{seq::SliceRandom, Rng};
use std::time::Duration;
use subxt::utils::AccountId32;

/// The name of the bots' personhood faucet of a community.
pub fn faucet_name(bot: &Bot) -> String {
	format!("bots {}", bot.cid)
}

impl Bot {
	/// Submit `actions` (by the first bot), vote on them, and wait until they are approved;
	/// returns each proposal's id and its state in words.
	pub async fn decide(
		&self,
		rng: &mut impl Rng,
		actions: Vec<Action>,
	) -> Result<Vec<(ProposalId, bool)>> {
		let democracy = self.chain.democracy();
		let proposer = self.agents.keys().first().ok_or_else(|| bad_input("no bots"))?;
		let mut ids = Vec::new();
		for action in actions {
			ids.push(democracy.submit(&proposer.pair, action).await?.0);
		}
		for id in &ids {
			let mut voters = Vec::new();
			for key in self.agents.keys() {
				let usable = democracy.usable_reputations(&key.account(), *id).await?;
				if !usable.is_empty() {
					voters.push((key, usable));
				}
			}
			voters.shuffle(rng);
			// Fewer than half vote nay: with everybody voting, the ayes have it.
			let nays = rng.gen_range(0..=voters.len().saturating_sub(1) / 2);
			let votes: Vec<_> = voters
				.iter()
				.enumerate()
				.map(|(i, (key, usable))| democracy.vote(&key.pair, *id, i >= nays, usable))
				.collect();
			let voted =
				Tally::of(&self.each(format!("votes on proposal {id}"), votes).await, "vote");
			log::info!("proposal {id}: {} votes ({nays} nay), {} failed", voted.ok, voted.failed);
		}
		let at = self.chain.at_best().await?;
		let period = at
			.constants()
			.entry(runtime::constants().democracy().confirmation_period())
			.map_err(Error::rpc)?;
		tokio::time::sleep(Duration::from_millis(period.saturating_add(500))).await;
		let mut decided = Vec::new();
		for id in ids {
			democracy.update_state(&proposer.pair, id).await?;
			let (proposal, _) = democracy.proposal(id).await?;
			let approved = matches!(
				proposal.state,
				runtime::runtime_types::pallet_community_democracy::types::ProposalState::Approved
			);
			decided.push((id, approved));
		}
		Ok(decided)
	}

	/// The bots' personhood faucet, if there is one.
	pub async fn faucet(&self) -> Result<Option<AccountId32>> {
		let name = faucet_name(self);
		Ok(self
			.chain
			.faucets()
			.list()
			.await?
			.into_iter()
			.find(|(_, info, _)| info.name.0 == name.as_bytes())
			.map(|(account, ..)| account))
	}

	/// Every verified bot holding less than `below` native tokens draws a drip from `faucet`
	/// with its newest attendance that has not drawn yet.
	pub async fn drip(&self, faucet: AccountId32, below: u128) -> Result<Tally> {
		let faucets = self.chain.faucets();
		let info = faucets.get(&faucet).await?;
		let mut jobs = Vec::new();
		for key in self.agents.keys() {
			let who = key.account();
			if self.chain.balances().native(&who).await? >= below {
				continue;
			}
			if let Some(cindex) = faucets.undrawn(&info, &who, self.cid).await? {
				jobs.push(faucets.drip(&key.pair, faucet, self.cid, cindex));
			}
		}
		Ok(Tally::of(&self.each("drips".to_owned(), jobs).await, "drip"))
	}
}
