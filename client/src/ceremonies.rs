// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremonies ([`Chain::ceremonies`]): the phase and schedule, registrations, meetups,
//! attestations, rewards and reputations, and the client's side of the protocol's rules —
//! which attendance a proof may use, and which ceremony rewards are claimed for.

use crate::{
	error::{Error, Result},
	keystore::Key,
	runtime::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			convene_runtime::RuntimeCall,
			pallet_ceremonies::{
				pallet::Call as CeremoniesCall,
				types::{AttestationInfo, MeetupInfo, MeetupResult, ProofOfAttendance},
			},
			pallet_ceremony_scheduler::pallet::Call as SchedulerCall,
			sp_runtime::MultiSignature,
		},
	},
	Chain, TxOutcome,
};
use convene_primitives::{
	assignment::{MeetupRules, ParticipantClass, PerClass},
	ceremony::{proof_of_attendance_payload, Reputation},
	community::CommunityIdentifier,
	scheduler::{CeremonyIndex, CeremonyInfo, CeremonyPhase},
};
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;

/// A proof of attendance, as `register_participant` takes it.
pub type Proof = ProofOfAttendance<MultiSignature, AccountId32>;

/// A meetup: its index, location, time and participants.
pub type Meetup = MeetupInfo<AccountId32>;

/// An attendee's vote and attestations.
pub type Attestation = AttestationInfo<AccountId32>;

/// The ceremony whose rewards are claimed in `info`'s phase: the one being attested (or
/// assigned), or while registering the one just finished.
pub fn reward_cindex(info: &CeremonyInfo) -> CeremonyIndex {
	match info.phase {
		CeremonyPhase::Registering => info.ceremony_index.saturating_sub(1),
		_ => info.ceremony_index,
	}
}

/// Ceremonies on one connection.
#[derive(Clone, Copy)]
pub struct Ceremonies<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Ceremonies: phases, registrations, meetups, attestations, rewards, reputations.
	pub fn ceremonies(&self) -> Ceremonies<'_> {
		Ceremonies { chain: self }
	}
}

impl Ceremonies<'_> {
	/// The ceremony index, phase and schedule.
	pub async fn info(self) -> Result<CeremonyInfo> {
		let api = runtime::runtime_apis().ceremony_scheduler_api();
		Ok(self.chain.call(api.ceremony_info()).await?.0)
	}

	/// The ceremony registrations go to now (`None` while assigning), as proofs must name it.
	pub async fn registration_target(self) -> Result<Option<CeremonyIndex>> {
		self.chain
			.call(runtime::runtime_apis().ceremonies_api().registration_target())
			.await
	}

	/// The meetup rules of the chain's runtime (its `Ceremonies` constants).
	pub async fn rules(self) -> Result<MeetupRules> {
		let at = self.chain.at_best().await?;
		let constants = at.constants();
		let c = runtime::constants().ceremonies();
		Ok(MeetupRules {
			max_size: constants.entry(c.max_meetup_size()).map_err(Error::rpc)?,
			min_size: constants.entry(c.min_meetup_size()).map_err(Error::rpc)?,
			newcomer_divider: constants.entry(c.newcomer_divider()).map_err(Error::rpc)?,
		})
	}

	/// The participants of `cid`'s ceremony `cindex` registered as `class`.
	pub async fn participants(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		class: ParticipantClass,
	) -> Result<Vec<AccountId32>> {
		let api = runtime::runtime_apis().ceremonies_api();
		self.chain
			.every_page(|after, limit| {
				api.participants(Static(cid), cindex, Static(class), after, limit)
			})
			.await
	}

	/// How many are registered for `cid`'s ceremony `cindex`, per class.
	pub async fn registered(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> Result<PerClass> {
		let api = runtime::runtime_apis().ceremonies_api();
		Ok(self.chain.call(api.registered(Static(cid), cindex)).await?.0)
	}

	/// The meetups of `cid`'s ceremony `cindex`.
	pub async fn meetups(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> Result<Vec<Meetup>> {
		let api = runtime::runtime_apis().ceremonies_api();
		self.chain
			.every_page(|after, limit| api.meetups(Static(cid), cindex, after, limit))
			.await
	}

	/// The votes and attestations sent for `cid`'s ceremony `cindex`.
	pub async fn attestations(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> Result<Vec<Attestation>> {
		let api = runtime::runtime_apis().ceremonies_api();
		self.chain
			.every_page(|after, limit| api.attestations(Static(cid), cindex, after, limit))
			.await
	}

	/// The evaluated meetups of `cid`'s ceremony `cindex`: how many were rewarded in each
	/// (`None`: the meetup failed).
	pub async fn meetup_results(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> Result<Vec<(u32, Option<u32>)>> {
		let api = runtime::runtime_apis().ceremonies_api();
		let results = self
			.chain
			.every_page(|after, limit| api.meetup_results(Static(cid), cindex, after, limit))
			.await?;
		Ok(results
			.into_iter()
			.map(|(index, result)| match result {
				MeetupResult::Rewarded { rewarded } => (index, Some(rewarded)),
				MeetupResult::Failed(_) => (index, None),
			})
			.collect())
	}

	/// `who`'s reputations: community, ceremony, and worth.
	pub async fn reputations(
		self,
		who: &AccountId32,
	) -> Result<Vec<(CommunityIdentifier, CeremonyIndex, Reputation)>> {
		let api = runtime::runtime_apis().ceremonies_api();
		let list = self
			.chain
			.every_page(|after, limit| api.reputations(*who, after, limit))
			.await?;
		Ok(list.into_iter().map(|(cid, cindex, r)| (cid.0, cindex, r.0)).collect())
	}

	/// Every verified attendance: (who, community, ceremony).
	pub async fn verified_attendances(
		self,
	) -> Result<Vec<(AccountId32, CommunityIdentifier, CeremonyIndex)>> {
		let at = self.chain.at_best().await?;
		let entry = at
			.storage()
			.entry(runtime::storage().ceremonies().reputations())
			.map_err(Error::rpc)?;
		let mut entries = entry.iter(()).await.map_err(Error::rpc)?;
		let mut verified = Vec::new();
		while let Some(e) = entries.next().await {
			let e = e.map_err(Error::rpc)?;
			let (who, cid, cindex) = e.key().map_err(Error::rpc)?.decode().map_err(Error::rpc)?;
			if e.value().decode().map_err(Error::rpc)?.0.is_verified() {
				verified.push((who, cid.0, cindex));
			}
		}
		Ok(verified)
	}

	/// Endorsement tickets left to bootstrapper `who` of `cid`.
	pub async fn tickets_left(self, cid: CommunityIdentifier, who: &AccountId32) -> Result<u32> {
		let at = self.chain.at_best().await?;
		let storage = runtime::storage().ceremonies();
		let per: u32 = at
			.storage()
			.fetch(storage.endorsement_tickets_per_bootstrapper(), ())
			.await
			.map_err(Error::rpc)?
			.decode()
			.map_err(Error::rpc)?;
		let used: u32 = at
			.storage()
			.fetch(storage.bootstrapper_tickets_used(), (Static(cid), *who))
			.await
			.map_err(Error::rpc)?
			.decode()
			.map_err(Error::rpc)?;
		Ok(per.saturating_sub(used))
	}

	/// For how many ceremonies after it an attendance counts.
	pub async fn reputation_lifetime(self) -> Result<u32> {
		let at = self.chain.at_best().await?;
		at.storage()
			.fetch(runtime::storage().ceremonies().reputation_lifetime(), ())
			.await
			.map_err(Error::rpc)?
			.decode()
			.map_err(Error::rpc)
	}

	/// The ceremony in which `cid` first issued rewards (from then on its people vote on its
	/// settings), if it has.
	pub async fn bootstrapped(self, cid: CommunityIdentifier) -> Result<Option<CeremonyIndex>> {
		let at = self.chain.at_best().await?;
		at.storage()
			.try_fetch(runtime::storage().ceremonies().bootstrapped(), (Static(cid),))
			.await
			.map_err(Error::rpc)?
			.map(|v| v.decode().map_err(Error::rpc))
			.transpose()
	}

	/// A proof that `key` attended a ceremony of `cid` and has not used that attendance yet, to
	/// register for the ceremony registrations are open for now ([`Self::own_proof_for`]).
	/// `None` without one, or while assigning.
	pub async fn own_proof(self, cid: CommunityIdentifier, key: &Key) -> Result<Option<Proof>> {
		match self.registration_target().await? {
			Some(target) => self.own_proof_for(cid, key, target).await,
			None => Ok(None),
		}
	}

	/// A proof that `key` attended a ceremony of `cid` and has not used that attendance yet:
	/// its latest `VerifiedUnlinked` reputation, signed by the key for itself to register for
	/// ceremony `target`. `None` without one.
	pub async fn own_proof_for(
		self,
		cid: CommunityIdentifier,
		key: &Key,
		target: CeremonyIndex,
	) -> Result<Option<Proof>> {
		let who = key.account();
		let Some(cindex) = self
			.reputations(&who)
			.await?
			.into_iter()
			.filter(|(c, _, r)| *c == cid && *r == Reputation::VerifiedUnlinked)
			.map(|(_, cindex, _)| cindex)
			.max()
		else {
			return Ok(None);
		};
		let genesis = self.chain.genesis_hash();
		let payload = proof_of_attendance_payload(&genesis, &cid, cindex, target, &who);
		let signature = key.pair.sign(&payload);
		Ok(Some(ProofOfAttendance {
			prover: who,
			cid: Static(cid),
			cindex,
			attendee: who,
			signature: MultiSignature::Sr25519(signature.0),
		}))
	}

	/// Register `key` for `cid`'s coming ceremony, with a proof of attendance or without.
	pub async fn register(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		proof: Option<Proof>,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().ceremonies().register_participant(Static(cid), proof);
		self.chain.submit(&call, key).await
	}

	/// Turn `key`'s newbie registration into a reputable one with `proof`.
	pub async fn upgrade(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		proof: Proof,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().ceremonies().upgrade_registration(Static(cid), proof);
		self.chain.submit(&call, key).await
	}

	/// Withdraw `key`'s registration.
	pub async fn unregister(self, key: &Keypair, cid: CommunityIdentifier) -> Result<TxOutcome> {
		let call = runtime::transactions().ceremonies().unregister_participant(Static(cid));
		self.chain.submit(&call, key).await
	}

	/// `key` (a bootstrapper or reputable) endorses `newcomer`.
	pub async fn endorse(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		newcomer: AccountId32,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().ceremonies().endorse_newcomer(Static(cid), newcomer);
		self.chain.submit(&call, key).await
	}

	/// `key` votes that its meetup had `vote` attendees and attests `others` of them.
	pub async fn attest(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		vote: u32,
		others: &[AccountId32],
	) -> Result<TxOutcome> {
		let attestees = BoundedVec(others.to_vec());
		let call =
			runtime::transactions()
				.ceremonies()
				.attest_attendees(Static(cid), vote, attestees);
		self.chain.submit(&call, key).await
	}

	/// Claim the rewards of `meetup` (`None`: `key`'s own meetup).
	pub async fn claim(
		self,
		key: &Keypair,
		cid: CommunityIdentifier,
		meetup: Option<u32>,
	) -> Result<TxOutcome> {
		let call = runtime::transactions().ceremonies().claim_rewards(Static(cid), meetup);
		self.chain.submit(&call, key).await
	}

	/// Claim the rewards of every meetup of the ceremony rewards are for now
	/// ([`reward_cindex`]) in one `force_batch`: meetups claimed already fail alone
	/// (`ItemFailed`), the others are claimed.
	pub async fn claim_all(self, key: &Keypair, cid: CommunityIdentifier) -> Result<TxOutcome> {
		let cindex = reward_cindex(&self.info().await?);
		let meetups = self.meetups(cid, cindex).await?;
		if meetups.is_empty() {
			return Err(Error::BadInput(format!("ceremony {cindex} of {cid} has no meetups")));
		}
		let calls = meetups
			.iter()
			.map(|m| {
				RuntimeCall::Ceremonies(CeremoniesCall::claim_rewards {
					cid: Static(cid),
					meetup: Some(m.index),
				})
			})
			.collect();
		self.chain
			.submit(&runtime::transactions().utility().force_batch(calls), key)
			.await
	}

	/// Move to the next phase (Root: `key` is the sudo key).
	pub async fn next_phase(self, key: &Keypair) -> Result<TxOutcome> {
		let call = RuntimeCall::CeremonyScheduler(SchedulerCall::next_phase);
		self.chain.submit(&runtime::transactions().sudo().sudo(call), key).await
	}
}
