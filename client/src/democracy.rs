// SPDX-License-Identifier: GPL-3.0-or-later
//! Democracy ([`Chain::democracy`]): proposals, votes carried by the voter's attendances, the
//! enactment queue, and the reputation commitments behind votes and faucet drips — with the
//! client's side of the rules: which of a voter's attendances count on a proposal.

use crate::{
	error::{Error, Result},
	runtime::{
		self,
		democracy::events::ProposalSubmitted,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_community_democracy::types::{
				Proposal as RawProposal, ProposalAction, ProposalState, Tally, Vote,
			},
		},
	},
	Chain, TxOutcome,
};
use convene_primitives::{
	community::CommunityIdentifier,
	democracy::{ProposalAccessPolicy, PurposeId},
	scheduler::CeremonyIndex,
};
use subxt::utils::{AccountId32, Static};
use subxt_signer::sr25519::Keypair;

/// A proposal's action in this chain's types.
pub type Action = ProposalAction<AccountId32, u128>;

/// A proposal as the chain stores it.
pub type Proposal = RawProposal;

/// A proposal's id.
pub type ProposalId = u32;

/// Who votes on `action`: its community's people, or everybody's.
pub fn access_policy(action: &Action) -> ProposalAccessPolicy {
	use ProposalAction::*;
	let community = match action {
		AddLocation { cid, .. }
		| RemoveLocation { cid, .. }
		| UpdateCommunityMetadata { cid, .. }
		| UpdateDemurrage { cid, .. }
		| UpdateNominalIncome { cid, .. }
		| SpendCommunityCurrency { cid, .. }
		| SetIssuanceShare { cid, .. } => Some(cid.0),
		Petition { cid, .. } | SpendNative { cid, .. } => cid.as_ref().map(|c| c.0),
		SetInactivityTimeout { .. } => None,
	};
	community.map_or(ProposalAccessPolicy::Global, ProposalAccessPolicy::Community)
}

/// Whether a proposal in `state` still takes votes.
pub fn is_open(state: &ProposalState<u64>) -> bool {
	matches!(state, ProposalState::Ongoing | ProposalState::Confirming { .. })
}

/// Democracy on one connection.
#[derive(Clone, Copy)]
pub struct Democracy<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Democracy: proposals, votes, the enactment queue, reputation commitments.
	pub fn democracy(&self) -> Democracy<'_> {
		Democracy { chain: self }
	}
}

impl Democracy<'_> {
	/// Every proposal with its tally, by id.
	pub async fn proposals(self) -> Result<Vec<(ProposalId, Proposal, Tally)>> {
		let api = runtime::runtime_apis().democracy_api();
		self.chain.every_page(|after, limit| api.proposals(after, limit)).await
	}

	/// Proposal `id` with its tally.
	pub async fn proposal(self, id: ProposalId) -> Result<(Proposal, Tally)> {
		let api = runtime::runtime_apis().democracy_api();
		let page = self.chain.call(api.proposals(id.checked_sub(1), 1)).await?.0;
		page.items
			.into_iter()
			.find(|(found, ..)| *found == id)
			.map(|(_, proposal, tally)| (proposal, tally))
			.ok_or_else(|| Error::BadInput(format!("there is no proposal {id}")))
	}

	/// The approved proposals waiting to be enacted, in order.
	pub async fn enactment_queue(self) -> Result<Vec<ProposalId>> {
		self.chain.call(runtime::runtime_apis().democracy_api().enactment_queue()).await
	}

	/// Submit `action` signed by `key`; returns the new proposal's id with the outcome.
	pub async fn submit(self, key: &Keypair, action: Action) -> Result<(ProposalId, TxOutcome)> {
		let call = runtime::transactions().democracy().submit_proposal(action);
		let outcome = self.chain.submit(&call, key).await?;
		let submitted = outcome
			.first::<ProposalSubmitted>()
			.ok_or_else(|| Error::Rpc("the node reported no ProposalSubmitted event".into()))?;
		Ok((submitted.id, outcome))
	}

	/// Vote `aye` (or nay) on proposal `id` with `reputations` of `key`'s.
	pub async fn vote(
		self,
		key: &Keypair,
		id: ProposalId,
		aye: bool,
		reputations: &[(CommunityIdentifier, CeremonyIndex)],
	) -> Result<TxOutcome> {
		let vote = if aye { Vote::Aye } else { Vote::Nay };
		let reputations =
			BoundedVec(reputations.iter().map(|(cid, cindex)| (Static(*cid), *cindex)).collect());
		let call = runtime::transactions().democracy().vote(id, vote, reputations);
		self.chain.submit(&call, key).await
	}

	/// Bring proposal `id`'s state up to date, signed by `key`.
	pub async fn update_state(self, key: &Keypair, id: ProposalId) -> Result<TxOutcome> {
		let call = runtime::transactions().democracy().update_proposal_state(id);
		self.chain.submit(&call, key).await
	}

	/// The attendances of `who`'s that count on proposal `id` now: verified, in its voting
	/// window, of its community (for a community's proposal), not yet spent on it.
	pub async fn usable_reputations(
		self,
		who: &AccountId32,
		id: ProposalId,
	) -> Result<Vec<(CommunityIdentifier, CeremonyIndex)>> {
		let (proposal, _) = self.proposal(id).await?;
		let community = access_policy(&proposal.action).community();
		let (first, last) = proposal.window;
		self.unspent(who, proposal.purpose, |cid, cindex| {
			(first..=last).contains(&cindex) && community.is_none_or(|c| c == cid)
		})
		.await
	}

	/// `who`'s verified attendances that `keep` accepts and that were not spent on `purpose`
	/// yet, in order.
	pub async fn unspent(
		self,
		who: &AccountId32,
		purpose: PurposeId,
		keep: impl Fn(CommunityIdentifier, CeremonyIndex) -> bool,
	) -> Result<Vec<(CommunityIdentifier, CeremonyIndex)>> {
		let mut unspent = Vec::new();
		for (cid, cindex, reputation) in self.chain.ceremonies().reputations(who).await? {
			if reputation.is_verified()
				&& keep(cid, cindex)
				&& !self.is_committed(who, cid, cindex, purpose).await?
			{
				unspent.push((cid, cindex));
			}
		}
		unspent.sort();
		Ok(unspent)
	}

	/// Whether `who`'s attendance of `(cid, cindex)` was spent on `purpose`.
	pub async fn is_committed(
		self,
		who: &AccountId32,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: PurposeId,
	) -> Result<bool> {
		let at = self.chain.at_best().await?;
		let address = runtime::storage().reputation_commitments().commitments();
		let found = at
			.storage()
			.try_fetch(address, (cindex, Static(cid), purpose, *who))
			.await
			.map_err(Error::rpc)?;
		Ok(found.is_some())
	}

	/// Every purpose: id, descriptor, and the ceremony it was retired in.
	pub async fn purposes(self) -> Result<Vec<(PurposeId, String, Option<CeremonyIndex>)>> {
		let api = runtime::runtime_apis().commitments_api();
		let list = self.chain.every_page(|after, limit| api.purposes(after, limit)).await?;
		Ok(list
			.into_iter()
			.map(|(id, descriptor, retired)| {
				(id, String::from_utf8_lossy(&descriptor).into_owned(), retired)
			})
			.collect())
	}

	/// The commitments of ceremony `cindex` of `cid` (to `purpose` only, if given): purpose,
	/// account and the commitment made.
	pub async fn commitments(
		self,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: Option<PurposeId>,
	) -> Result<Vec<(PurposeId, AccountId32, Option<[u8; 32]>)>> {
		let api = runtime::runtime_apis().commitments_api();
		self.chain
			.every_page(|after, limit| api.commitments(Static(cid), cindex, purpose, after, limit))
			.await
	}
}
