// SPDX-License-Identifier: GPL-3.0-or-later
//! What the bots do in each phase of a ceremony.
//!
//! - **Registering** of ceremony `c`: claim the rewards of every meetup of `c − 1` not yet
//!   evaluated; then, once the community has issued its first rewards, grow it within the
//!   protocol's limits (newcomers at most `⌊experienced / divider⌋`, seats for all of them in the
//!   meetups the locations allow, at most `--max-population` bots); the new bots are funded by
//!   the faucet and up to [`ENDORSEMENTS`] of them are endorsed by bootstrappers with tickets
//!   left; finally every bot not yet registered registers, with a proof of its last attendance
//!   if it has one.
//! - **Assigning**: read the meetups.
//! - **Attesting**: every bot in a meetup attests all the others and votes the meetup's size.
//!
//! Every step is idempotent (done work is skipped), so `run` may be repeated within a phase.
//! Transactions of a step are submitted together over the one connection.

use crate::{agents::Agents, faucet, progress::Progress};
use convene_client::{
	ceremonies::{Ceremonies, Proof},
	error::Result,
	Chain,
};
use convene_primitives::{
	assignment::{MeetupRules, ParticipantClass, PerClass},
	community::CommunityIdentifier,
	scheduler::CeremonyIndex,
};
use std::{collections::BTreeSet, time::Instant};
use subxt::utils::AccountId32;

/// Newcomers endorsed per ceremony (the reference's bots endorse 10).
pub const ENDORSEMENTS: usize = 10;

/// Attempts at registering or attesting, when some transactions fail.
const ATTEMPTS: usize = 3;

/// How many transactions of a step went through.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub struct Tally {
	/// Included and successful.
	pub ok: usize,
	/// Refused or failed.
	pub failed: usize,
}

impl Tally {
	pub(crate) fn of<T>(results: &[Result<T>], what: &str) -> Self {
		let mut tally = Self::default();
		for r in results {
			match r {
				Ok(_) => tally.ok += 1,
				Err(e) => {
					log::warn!("{what}: {e}");
					tally.failed += 1;
				},
			}
		}
		tally
	}
}

/// What a phase's work did.
#[derive(Clone, Debug, Default)]
pub struct Work {
	/// Meetups of the previous ceremony claimed.
	pub claimed: Tally,
	/// Bots created.
	pub created: usize,
	/// Newcomers endorsed.
	pub endorsed: Tally,
	/// Registrations.
	pub registered: Tally,
	/// Meetups of the ceremony.
	pub meetups: usize,
	/// Participants assigned to them.
	pub assigned: usize,
	/// Attestations.
	pub attested: Tally,
	/// Wall time of the work, in seconds.
	pub seconds: f64,
}

/// The bots of one community.
pub struct Bot {
	/// The connection the bots' transactions go through.
	pub chain: Chain,
	/// The bots.
	pub agents: Agents,
	/// Their community.
	pub cid: CommunityIdentifier,
	/// Where new bots are funded.
	pub faucet_url: String,
	/// The most bots to grow to.
	pub max_population: usize,
	/// The chain's meetup rules.
	pub rules: MeetupRules,
}

/// Newcomers that may join `experienced` members this ceremony, so that all are assigned:
/// `⌊experienced / divider⌋`, and no more than the free seats of the meetups `locations` allow.
pub fn newcomer_room(experienced: u32, locations: u32, rules: &MeetupRules) -> u32 {
	let quota = experienced.checked_div(rules.newcomer_divider).unwrap_or(0);
	let seats = u64::from(locations.min(experienced)) * u64::from(rules.max_size);
	let free = seats.saturating_sub(u64::from(experienced));
	quota.min(u32::try_from(free).unwrap_or(u32::MAX))
}

impl Bot {
	/// The ceremonies handle of the connection.
	fn ceremonies(&self) -> Ceremonies<'_> {
		self.chain.ceremonies()
	}

	/// Run `jobs` (the bots' transactions) at once, counting them on a progress line.
	pub(crate) async fn each<F: std::future::Future>(
		&self,
		what: String,
		jobs: Vec<F>,
	) -> Vec<F::Output> {
		let progress = Progress::new(what, jobs.len());
		let results = self.chain.each(jobs, || progress.tick()).await;
		progress.finish();
		results
	}

	/// Claim the rewards of every meetup of ceremony `cindex` not evaluated yet, each by one of
	/// its bots.
	pub async fn claim(&self, cindex: CeremonyIndex) -> Result<Tally> {
		if cindex == 0 {
			return Ok(Tally::default());
		}
		let ceremonies = self.ceremonies();
		let meetups = ceremonies.meetups(self.cid, cindex).await?;
		let done: BTreeSet<u32> = ceremonies
			.meetup_results(self.cid, cindex)
			.await?
			.into_iter()
			.map(|(i, _)| i)
			.collect();
		let jobs: Vec<_> = meetups
			.iter()
			.filter(|m| !done.contains(&m.index))
			.filter_map(|m| {
				let key = m.participants.iter().find_map(|p| self.agents.key_of(p))?;
				Some(ceremonies.claim(&key.pair, self.cid, Some(m.index)))
			})
			.collect();
		let results = self.each(format!("claiming ceremony {cindex}"), jobs).await;
		Ok(Tally::of(&results, "claim"))
	}

	/// Who is registered for ceremony `cindex`, and how many per class.
	async fn registrations(
		&self,
		cindex: CeremonyIndex,
	) -> Result<(BTreeSet<AccountId32>, PerClass)> {
		let mut registered = BTreeSet::new();
		let mut counts = PerClass::default();
		for class in ParticipantClass::ALL {
			let list = self.ceremonies().participants(self.cid, cindex, class).await?;
			*counts.get_mut(class) = u32::try_from(list.len()).unwrap_or(u32::MAX);
			registered.extend(list);
		}
		Ok((registered, counts))
	}

	/// The bots not in `registered`.
	fn unregistered(&self, registered: &BTreeSet<AccountId32>) -> Vec<AccountId32> {
		self.agents
			.keys()
			.iter()
			.map(|k| k.account())
			.filter(|a| !registered.contains(a))
			.collect()
	}

	/// Grow the community and register every bot for ceremony `cindex` (module docs).
	pub async fn register(&mut self, cindex: CeremonyIndex) -> Result<Work> {
		let mut work = Work::default();
		let details = self.chain.communities().details(self.cid).await?;
		let bootstrappers: BTreeSet<AccountId32> = details.bootstrappers.iter().copied().collect();
		let (registered, counts) = self.registrations(cindex).await?;
		let waiting = self.unregistered(&registered);
		let started = Instant::now();
		let proofs = self.proofs(&waiting, &bootstrappers).await?;
		let (waiting_experienced, waiting_newcomers): (Vec<_>, Vec<_>) = waiting
			.iter()
			.zip(&proofs)
			.partition(|(who, proof)| proof.is_some() || bootstrappers.contains(*who));
		let experienced =
			counts.bootstrappers + counts.reputables + waiting_experienced.len() as u32;
		let newcomers = counts.endorsees + counts.newbies + waiting_newcomers.len() as u32;
		// Newcomers of an earlier run that did not register may still lack funds.
		let mut unfunded: Vec<AccountId32> = waiting_newcomers.iter().map(|(a, _)| **a).collect();

		let issued = self.chain.balances().issuance(self.cid).await?;
		let mut created = Vec::new();
		if issued > Default::default() {
			let room = newcomer_room(experienced, details.locations.len() as u32, &self.rules);
			let grow = (room.saturating_sub(newcomers) as usize)
				.min(self.max_population.saturating_sub(self.agents.len()));
			created = self.agents.create(grow)?;
			work.created = created.len();
			unfunded.extend(&created);
		}
		if !unfunded.is_empty() {
			faucet::request(&self.faucet_url, &unfunded).await?;
			log::info!("{} bots funded after {:?}", unfunded.len(), started.elapsed());
		}
		if !created.is_empty() {
			work.endorsed = self.endorse(cindex, &created, &details.bootstrappers).await?;
			log::info!("{} newcomers endorsed after {:?}", work.endorsed.ok, started.elapsed());
		}

		// Everyone not registered yet registers: the waiting ones with their proofs, the new.
		let mut jobs: Vec<_> = waiting.into_iter().zip(proofs).collect();
		jobs.extend(created.iter().map(|a| (*a, None)));
		work.registered = self.register_all(cindex, jobs, &bootstrappers).await?;
		work.seconds = started.elapsed().as_secs_f64();
		Ok(work)
	}

	/// Register `jobs` (bots with their proofs); those that fail are tried again, with what
	/// the chain then says, up to [`ATTEMPTS`] times in all.
	async fn register_all(
		&self,
		cindex: CeremonyIndex,
		mut jobs: Vec<(AccountId32, Option<Proof>)>,
		bootstrappers: &BTreeSet<AccountId32>,
	) -> Result<Tally> {
		let mut tally = Tally::default();
		for attempt in 1..=ATTEMPTS {
			let ceremonies = self.ceremonies();
			let calls: Vec<_> = jobs
				.into_iter()
				.filter_map(|(who, proof)| {
					let key = self.agents.key_of(&who)?;
					Some(ceremonies.register(&key.pair, self.cid, proof))
				})
				.collect();
			let results = self.each(format!("registering for ceremony {cindex}"), calls).await;
			let this = Tally::of(&results, "registration");
			tally = Tally { ok: tally.ok + this.ok, failed: this.failed };
			if this.failed == 0 || attempt == ATTEMPTS {
				break;
			}
			log::warn!("{} registrations failed; trying again", this.failed);
			let (registered, _) = self.registrations(cindex).await?;
			let waiting = self.unregistered(&registered);
			let proofs = self.proofs(&waiting, bootstrappers).await?;
			jobs = waiting.into_iter().zip(proofs).collect();
		}
		Ok(tally)
	}

	/// The proofs of attendance of the bots `waiting`, `None` for bootstrappers and for bots
	/// without an unused attendance.
	async fn proofs(
		&self,
		waiting: &[AccountId32],
		bootstrappers: &BTreeSet<AccountId32>,
	) -> Result<Vec<Option<Proof>>> {
		let ceremonies = self.ceremonies();
		// One target for all: registrations go to it while the bots register.
		let Some(target) = ceremonies.registration_target().await? else {
			return Ok(waiting.iter().map(|_| None).collect());
		};
		let proofs = waiting.iter().map(|who| async move {
			match self.agents.key_of(who) {
				Some(key) if !bootstrappers.contains(who) => {
					ceremonies.own_proof_for(self.cid, key, target).await
				},
				_ => Ok(None),
			}
		});
		let proofs = self.each("proving attendances".into(), proofs.collect()).await;
		proofs.into_iter().collect()
	}

	/// Bootstrappers with tickets left endorse the first [`ENDORSEMENTS`] of `newcomers`.
	async fn endorse(
		&self,
		cindex: CeremonyIndex,
		newcomers: &[AccountId32],
		bootstrappers: &[AccountId32],
	) -> Result<Tally> {
		// Tickets left per bootstrapper, dealt round-robin so that endorsements are independent.
		let ceremonies = self.ceremonies();
		let mut left = Vec::new();
		for b in bootstrappers {
			let Some(key) = self.agents.key_of(b) else { continue };
			left.push((key, ceremonies.tickets_left(self.cid, b).await?));
		}
		let mut endorsers = Vec::new();
		while left.iter().any(|(_, n)| *n > 0) {
			for (key, n) in left.iter_mut().filter(|(_, n)| *n > 0) {
				endorsers.push(*key);
				*n -= 1;
			}
		}
		let jobs: Vec<_> = newcomers
			.iter()
			.take(ENDORSEMENTS)
			.zip(endorsers)
			.map(|(newcomer, key)| ceremonies.endorse(&key.pair, self.cid, *newcomer))
			.collect();
		let results = self.each(format!("endorsing for ceremony {cindex}"), jobs).await;
		Ok(Tally::of(&results, "endorsement"))
	}

	/// Read the meetups of ceremony `cindex`.
	pub async fn read_meetups(&self, cindex: CeremonyIndex) -> Result<Work> {
		let started = Instant::now();
		let meetups = self.ceremonies().meetups(self.cid, cindex).await?;
		let sizes: Vec<usize> = meetups.iter().map(|m| m.participants.len()).collect();
		log::info!("ceremony {cindex}: {} meetups, sizes {sizes:?}", meetups.len());
		Ok(Work {
			meetups: meetups.len(),
			assigned: sizes.iter().sum(),
			seconds: started.elapsed().as_secs_f64(),
			..Work::default()
		})
	}

	/// Every bot in a meetup of ceremony `cindex` that has not attested yet attests the others
	/// and votes the meetup's size; failures are tried again, up to [`ATTEMPTS`] times in all.
	pub async fn attest(&self, cindex: CeremonyIndex) -> Result<Work> {
		let started = Instant::now();
		let ceremonies = self.ceremonies();
		let meetups = ceremonies.meetups(self.cid, cindex).await?;
		let mut tally = Tally::default();
		for attempt in 1..=ATTEMPTS {
			let attested: BTreeSet<AccountId32> = ceremonies
				.attestations(self.cid, cindex)
				.await?
				.into_iter()
				.map(|a| a.who)
				.collect();
			let mut jobs = Vec::new();
			for m in &meetups {
				let vote = m.participants.len() as u32;
				for who in m.participants.iter().filter(|p| !attested.contains(p)) {
					let Some(key) = self.agents.key_of(who) else { continue };
					let others: Vec<AccountId32> =
						m.participants.iter().filter(|p| *p != who).copied().collect();
					jobs.push(async move {
						ceremonies.attest(&key.pair, self.cid, vote, &others).await
					});
				}
			}
			let results = self.each(format!("attesting ceremony {cindex}"), jobs).await;
			let this = Tally::of(&results, "attestation");
			tally = Tally { ok: tally.ok + this.ok, failed: this.failed };
			if this.failed == 0 || attempt == ATTEMPTS {
				break;
			}
			log::warn!("{} attestations failed; trying again", this.failed);
		}
		Ok(Work {
			meetups: meetups.len(),
			assigned: meetups.iter().map(|m| m.participants.len()).sum(),
			attested: tally,
			seconds: started.elapsed().as_secs_f64(),
			..Work::default()
		})
	}

	/// How many participants of ceremony `cindex` were rewarded, per evaluated meetup.
	pub async fn rewarded(&self, cindex: CeremonyIndex) -> Result<Vec<(u32, Option<u32>)>> {
		self.ceremonies().meetup_results(self.cid, cindex).await
	}

	/// Registrations per class for ceremony `cindex`.
	pub async fn registered(&self, cindex: CeremonyIndex) -> Result<PerClass> {
		self.ceremonies().registered(self.cid, cindex).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn newcomers_stay_within_the_quota_and_the_seats() {
		let rules = MeetupRules::DEFAULT;
		// A quarter of the attendees at most.
		assert_eq!(newcomer_room(10, 100, &rules), 3);
		assert_eq!(newcomer_room(13, 100, &rules), 4);
		// One location: 12 seats.
		assert_eq!(newcomer_room(10, 1, &rules), 2);
		assert_eq!(newcomer_room(12, 1, &rules), 0);
		assert_eq!(newcomer_room(0, 10, &rules), 0);
		// Whatever the counts, the allowance then assigns everyone (as long as the locations have
		// seats for the experienced: the bots cannot help that).
		for experienced in 0..200u32 {
			for locations in (1..20u32).filter(|l| l * rules.max_size >= experienced) {
				let room = newcomer_room(experienced, locations, &rules);
				let registered = PerClass {
					bootstrappers: experienced.min(10),
					reputables: experienced.saturating_sub(10),
					endorsees: room / 2,
					newbies: room - room / 2,
				};
				let allowance =
					convene_primitives::assignment::Allowance::new(registered, locations, &rules);
				if registered.total() >= u64::from(rules.min_size) {
					assert_eq!(allowance.assigned, registered, "{experienced} {locations}");
				}
			}
		}
	}
}
