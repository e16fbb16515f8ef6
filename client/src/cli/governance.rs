// SPDX-License-Identifier: GPL-3.0-or-later
//! A community's self-government: proposals (`submit-*-proposal`, `submit-petition`),
//! `vote`, `update-proposal-state`, `list-proposals`, `list-enactment-queue`, `get-treasury`,
//! `list-purposes`, `list-commitments`.

use super::{parse_cc, parse_cid, parse_native, tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	democracy::{access_policy, is_open, Action, Proposal},
	error::{bad_input, Result},
	runtime::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_community_democracy::types::{ProposalAction, ProposalState, Tally},
		sp_arithmetic::per_things::Perbill,
	},
};
use convene_primitives::{
	community::CommunityIdentifier,
	democracy::ProposalAccessPolicy,
	fixed::{I64F64, U64F64},
	geo::Location,
	scheduler::CeremonyIndex,
};
use serde_json::json;
use subxt::utils::Static;

/// Proposals, votes, treasuries and commitments.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Propose a new nominal income for the community (--cid), or `default`.
	SubmitUpdateNominalIncomeProposal(Propose),
	/// Propose a new demurrage rate per year for the community (--cid; 0.693… halves holdings
	/// once a year), or `default`.
	SubmitUpdateDemurrageProposal(Propose),
	/// Propose a new inactivity timeout, in ceremonies (everybody votes).
	SubmitSetInactivityTimeoutProposal(Propose),
	/// Propose the share of each ceremony's issuance the community's treasury receives, in
	/// percent (--cid).
	SubmitSetIssuanceShareProposal(Propose),
	/// Propose a petition: a text the community (--cid) or everybody approves.
	SubmitPetition(Propose),
	/// Propose a meetup location for the community (--cid): VALUE is `LAT,LON` in degrees.
	SubmitAddLocationProposal(Propose),
	/// Propose removing a meetup location of the community (--cid): VALUE is `LAT,LON`.
	SubmitRemoveLocationProposal(Propose),
	/// Propose paying native tokens from the community's treasury (--cid) or the global one.
	SubmitSpendNativeProposal(Spend),
	/// Propose paying the community's currency from its treasury (--cid).
	SubmitSpendCommunityCurrencyProposal(Spend),
	/// Every proposal with its tally and state (decided ones with -a).
	ListProposals(ListProposals),
	/// Bring a proposal's state up to date (approve it, reject it, …).
	UpdateProposalState(ProposalArg),
	/// The approved proposals waiting to be enacted.
	ListEnactmentQueue,
	/// Vote on a proposal with the voter's attendances (by default every one that counts).
	Vote(VoteArgs),
	/// A treasury (the community's with --cid, else the global one): account, balances, share
	/// of issuance and history.
	GetTreasury,
	/// The reputation-commitment purposes.
	ListPurposes,
	/// The reputation commitments of the community (--cid), ceremony by ceremony.
	ListCommitments(ListCommitments),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::SubmitUpdateNominalIncomeProposal(a) => propose(ctx, a, Kind::Income).await,
			Self::SubmitUpdateDemurrageProposal(a) => propose(ctx, a, Kind::Demurrage).await,
			Self::SubmitSetInactivityTimeoutProposal(a) => propose(ctx, a, Kind::Timeout).await,
			Self::SubmitSetIssuanceShareProposal(a) => propose(ctx, a, Kind::Share).await,
			Self::SubmitPetition(a) => propose(ctx, a, Kind::Petition).await,
			Self::SubmitAddLocationProposal(a) => propose(ctx, a, Kind::AddLocation).await,
			Self::SubmitRemoveLocationProposal(a) => propose(ctx, a, Kind::RemoveLocation).await,
			Self::SubmitSpendNativeProposal(a) => spend(ctx, a, false).await,
			Self::SubmitSpendCommunityCurrencyProposal(a) => spend(ctx, a, true).await,
			Self::ListProposals(a) => list_proposals(ctx, a).await,
			Self::UpdateProposalState(a) => update_state(ctx, a).await,
			Self::ListEnactmentQueue => list_enactment_queue(ctx).await,
			Self::Vote(a) => vote(ctx, a).await,
			Self::GetTreasury => get_treasury(ctx).await,
			Self::ListPurposes => list_purposes(ctx).await,
			Self::ListCommitments(a) => list_commitments(ctx, a).await,
		}
	}
}

/// `submit-…-proposal ACCOUNT VALUE`
#[derive(Args, Debug)]
pub struct Propose {
	/// The proposer (signs, and holds the proposal's deposit while it is open).
	pub account: String,
	/// What is proposed (see the command).
	pub value: String,
}

/// `submit-spend-…-proposal ACCOUNT TO AMOUNT`
#[derive(Args, Debug)]
pub struct Spend {
	/// The proposer.
	pub account: String,
	/// Who is paid.
	pub to: String,
	/// How much (native: CVN, or with a unit such as 5mCVN; community currency: a decimal).
	pub amount: String,
}

/// `list-proposals [-a]`
#[derive(Args, Debug)]
pub struct ListProposals {
	/// Also the decided ones (approved, enacted, rejected, superseded).
	#[arg(short, long)]
	pub all: bool,
}

/// `update-proposal-state ACCOUNT ID`
#[derive(Args, Debug)]
pub struct ProposalArg {
	/// Who signs.
	pub account: String,
	/// The proposal.
	pub id: u32,
}

/// `vote ACCOUNT ID aye|nay [REPUTATIONS]`
#[derive(Args, Debug)]
pub struct VoteArgs {
	/// The voter.
	pub account: String,
	/// The proposal.
	pub id: u32,
	/// `aye` or `nay`.
	pub vote: String,
	/// The attendances to vote with, as `CID_CINDEX` (comma-separated or one per argument);
	/// by default every one of the voter's that counts on the proposal.
	pub reputations: Vec<String>,
}

/// `list-commitments --cid C [--cindex N] [--purpose-id P]`
#[derive(Args, Debug)]
pub struct ListCommitments {
	/// Only this ceremony (default: every ceremony whose attendances still count).
	#[arg(long)]
	pub cindex: Option<CeremonyIndex>,
	/// Only this purpose.
	#[arg(long)]
	pub purpose_id: Option<u64>,
}

/// What a `submit-…-proposal` proposes.
#[derive(Clone, Copy, Debug)]
enum Kind {
	Income,
	Demurrage,
	Timeout,
	Share,
	Petition,
	AddLocation,
	RemoveLocation,
}

/// `LAT,LON` in degrees.
fn parse_location(s: &str) -> Result<Location> {
	let degree = |d: &str| {
		d.trim()
			.parse::<I64F64>()
			.map_err(|e| bad_input(format!("{s:?}: {e} (LAT,LON in degrees)")))
	};
	match s.split_once(',') {
		Some((lat, lon)) => Ok(Location::new(degree(lat)?, degree(lon)?)),
		None => Err(bad_input(format!("{s:?} is not a location: give LAT,LON in degrees"))),
	}
}

/// A value or `default` (the runtime's).
fn optional(value: &str) -> Result<Option<Static<U64F64>>> {
	match value.trim() {
		"default" => Ok(None),
		v => parse_cc(v).map(|x| Some(Static(x))),
	}
}

/// The action `kind` proposes with `value`.
fn action(ctx: &Ctx, kind: Kind, value: &str) -> Result<Action> {
	let cid = || ctx.cid_arg().map(Static);
	Ok(match kind {
		Kind::Income => {
			ProposalAction::UpdateNominalIncome { cid: cid()?, nominal_income: optional(value)? }
		},
		Kind::Demurrage => {
			ProposalAction::UpdateDemurrage { cid: cid()?, demurrage: optional(value)? }
		},
		Kind::Timeout => ProposalAction::SetInactivityTimeout {
			timeout: value
				.trim()
				.parse()
				.map_err(|e| bad_input(format!("{value:?} is not a number of ceremonies: {e}")))?,
		},
		Kind::Share => {
			let percent: f64 = value
				.trim()
				.trim_end_matches('%')
				.parse()
				.map_err(|e| bad_input(format!("{value:?} is not a percentage: {e}")))?;
			if !(0.0..=100.0).contains(&percent) {
				return Err(bad_input(format!("{value:?}: a share is 0 to 100 %")));
			}
			let parts = (percent * 10_000_000.0).round() as u32;
			ProposalAction::SetIssuanceShare { cid: cid()?, share: Perbill(parts) }
		},
		Kind::Petition => ProposalAction::Petition {
			cid: ctx.global.cid.as_deref().map(parse_cid).transpose()?.map(Static),
			text: BoundedVec(value.as_bytes().to_vec()),
		},
		Kind::AddLocation => {
			ProposalAction::AddLocation { cid: cid()?, location: Static(parse_location(value)?) }
		},
		Kind::RemoveLocation => {
			ProposalAction::RemoveLocation { cid: cid()?, location: Static(parse_location(value)?) }
		},
	})
}

/// Submit `action` for `account`: the proposal's id, its electorate, the outcome.
async fn submit(ctx: &Ctx, account: &str, action: Action) -> Result<Output> {
	let key = ctx.signer(account)?;
	let chain = ctx.chain().await?;
	if let ProposalAccessPolicy::Community(cid) = access_policy(&action) {
		chain.communities().details(cid).await?;
	}
	let (id, outcome) = chain.democracy().submit(&key.pair, action).await?;
	let (proposal, _) = chain.democracy().proposal(id).await?;
	let mut out = tx_output(
		&format!("proposal {id} submitted"),
		&outcome,
		json!({ "id": id, "electorate": proposal.electorate, "window": proposal.window }),
	);
	out.text = format!("{id}\n{}", out.text);
	Ok(out)
}

async fn propose(ctx: &Ctx, args: Propose, kind: Kind) -> Result<Output> {
	let action = action(ctx, kind, &args.value)?;
	submit(ctx, &args.account, action).await
}

async fn spend(ctx: &Ctx, args: Spend, community_currency: bool) -> Result<Output> {
	let to = ctx.account(&args.to)?;
	let action = if community_currency {
		let cid = Static(ctx.cid_arg()?);
		ProposalAction::SpendCommunityCurrency { cid, to, amount: Static(parse_cc(&args.amount)?) }
	} else {
		let cid = ctx.global.cid.as_deref().map(parse_cid).transpose()?.map(Static);
		ProposalAction::SpendNative { cid, to, amount: parse_native(&args.amount)? }
	};
	submit(ctx, &args.account, action).await
}

/// A proposal's state in words.
fn state_text(state: &ProposalState<u64>) -> String {
	match state {
		ProposalState::Ongoing => "ongoing".into(),
		ProposalState::Confirming { since } => format!("confirming since {since}"),
		ProposalState::Approved => "approved (queued)".into(),
		ProposalState::Rejected => "rejected".into(),
		ProposalState::SupersededBy { id } => format!("superseded by {id}"),
		ProposalState::Enacted => "enacted".into(),
		ProposalState::EnactmentFailed { error } => format!("enactment failed: {error:?}"),
	}
}

/// An action in words.
fn action_text(action: &Action) -> String {
	use ProposalAction::*;
	let community = |cid: &Option<Static<CommunityIdentifier>>| {
		cid.as_ref().map_or("global".to_owned(), |c| c.0.to_string())
	};
	match action {
		AddLocation { cid, location } => {
			format!("{}: add location {},{}", cid.0, location.0.lat, location.0.lon)
		},
		RemoveLocation { cid, location } => {
			format!("{}: remove location {},{}", cid.0, location.0.lat, location.0.lon)
		},
		UpdateCommunityMetadata { cid, .. } => format!("{}: update metadata", cid.0),
		UpdateDemurrage { cid, demurrage } => format!(
			"{}: demurrage {}",
			cid.0,
			demurrage.as_ref().map_or("default".to_owned(), |d| d.0.to_string())
		),
		UpdateNominalIncome { cid, nominal_income } => format!(
			"{}: nominal income {}",
			cid.0,
			nominal_income.as_ref().map_or("default".to_owned(), |d| d.0.to_string())
		),
		SetInactivityTimeout { timeout } => format!("global: inactivity timeout {timeout}"),
		Petition { cid, text } => {
			format!("{}: petition {:?}", community(cid), String::from_utf8_lossy(&text.0))
		},
		SpendNative { cid, to, amount } => {
			format!("{}: spend {} to {to}", community(cid), super::native_text(*amount))
		},
		SpendCommunityCurrency { cid, to, amount } => {
			format!("{}: spend {} to {to}", cid.0, amount.0)
		},
		SetIssuanceShare { cid, share } => {
			format!("{}: issuance share {} %", cid.0, f64::from(share.0) / 10_000_000.0)
		},
	}
}

fn proposal_json(id: u32, p: &Proposal, tally: &Tally) -> serde_json::Value {
	json!({
		"id": id,
		"proposer": p.proposer.to_string(),
		"action": action_text(&p.action),
		"state": state_text(&p.state),
		"open": is_open(&p.state),
		"start": p.start,
		"start_cindex": p.start_cindex,
		"window": p.window,
		"electorate": p.electorate,
		"turnout": tally.turnout,
		"ayes": tally.ayes,
		"purpose": p.purpose,
	})
}

async fn list_proposals(ctx: &Ctx, args: ListProposals) -> Result<Output> {
	let proposals = ctx.chain().await?.democracy().proposals().await?;
	let shown: Vec<_> =
		proposals.iter().filter(|(_, p, _)| args.all || is_open(&p.state)).collect();
	let mut text = String::new();
	for (id, p, tally) in &shown {
		text.push_str(&format!(
			"{id}: {}\n   {}; {} of {} voted, {} aye; voting window {}–{}\n",
			action_text(&p.action),
			state_text(&p.state),
			tally.turnout,
			p.electorate,
			tally.ayes,
			p.window.0,
			p.window.1,
		));
	}
	let json: Vec<_> = shown.iter().map(|(id, p, t)| proposal_json(*id, p, t)).collect();
	Ok(Output::new(text.trim_end().to_owned(), json!({ "proposals": json })))
}

async fn update_state(ctx: &Ctx, args: ProposalArg) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let democracy = ctx.chain().await?.democracy();
	let outcome = democracy.update_state(&key.pair, args.id).await?;
	let (proposal, tally) = democracy.proposal(args.id).await?;
	let mut out = tx_output(
		&format!("proposal {} updated", args.id),
		&outcome,
		json!({ "proposal": proposal_json(args.id, &proposal, &tally) }),
	);
	out.text = format!("{}\n{}", state_text(&proposal.state), out.text);
	Ok(out)
}

async fn list_enactment_queue(ctx: &Ctx) -> Result<Output> {
	let queue = ctx.chain().await?.democracy().enactment_queue().await?;
	let text = queue.iter().map(|id| id.to_string()).collect::<Vec<_>>().join("\n");
	Ok(Output::new(text, json!({ "queue": queue })))
}

/// `CID_CINDEX`.
fn parse_reputation(s: &str) -> Result<(CommunityIdentifier, CeremonyIndex)> {
	let (cid, cindex) = s
		.rsplit_once('_')
		.ok_or_else(|| bad_input(format!("{s:?} is not a reputation: give CID_CINDEX")))?;
	let cindex = cindex
		.parse()
		.map_err(|e| bad_input(format!("{s:?}: {cindex:?} is not a ceremony index: {e}")))?;
	Ok((parse_cid(cid)?, cindex))
}

async fn vote(ctx: &Ctx, args: VoteArgs) -> Result<Output> {
	let aye = match args.vote.as_str() {
		"aye" => true,
		"nay" => false,
		other => return Err(bad_input(format!("{other:?}: vote aye or nay"))),
	};
	let key = ctx.signer(&args.account)?;
	let democracy = ctx.chain().await?.democracy();
	let given: Vec<_> = args
		.reputations
		.iter()
		.flat_map(|a| a.split(','))
		.filter(|s| !s.trim().is_empty())
		.map(|s| parse_reputation(s.trim()))
		.collect::<Result<_>>()?;
	let reputations = if given.is_empty() {
		let usable = democracy.usable_reputations(&key.account(), args.id).await?;
		if usable.is_empty() {
			return Err(bad_input(format!(
				"{} has no attendance that counts on proposal {}: none verified in its voting \
				 window, of its community, not yet spent on it; nothing was sent",
				key.account(),
				args.id
			)));
		}
		usable
	} else {
		given
	};
	let outcome = democracy.vote(&key.pair, args.id, aye, &reputations).await?;
	let (proposal, tally) = democracy.proposal(args.id).await?;
	let used: Vec<String> =
		reputations.iter().map(|(cid, cindex)| format!("{cid}_{cindex}")).collect();
	Ok(tx_output(
		&format!("voted {} on proposal {} with {}", args.vote, args.id, used.join(",")),
		&outcome,
		json!({ "reputations": used, "proposal": proposal_json(args.id, &proposal, &tally) }),
	))
}

async fn get_treasury(ctx: &Ctx) -> Result<Output> {
	let treasury = match &ctx.global.cid {
		Some(_) => Some(ctx.community().await?.0),
		None => None,
	};
	let treasuries = ctx.chain().await?.treasuries();
	let info = treasuries.info(treasury).await?;
	let history = treasuries.history(treasury).await?;
	let mut text = format!("{}\nnative: {}\n", info.account, super::native_text(info.native));
	if let Some(cc) = info.community_currency {
		text.push_str(&format!("community currency: {cc}\n"));
	}
	if let Some(share) = info.issuance_share {
		text.push_str(&format!("issuance share: {} %\n", f64::from(share) / 10_000_000.0));
	}
	let entries: Vec<_> = history
		.iter()
		.map(
			|(seq, e)| json!({ "seq": seq, "block": e.block, "change": format!("{:?}", e.change) }),
		)
		.collect();
	for (seq, e) in &history {
		text.push_str(&format!("#{seq} block {}: {:?}\n", e.block, e.change));
	}
	Ok(Output::new(
		text.trim_end().to_owned(),
		json!({
			"treasury": treasury.map(|c| c.to_string()),
			"account": info.account.to_string(),
			"native": info.native.to_string(),
			"community_currency": info.community_currency.map(|c| c.to_string()),
			"issuance_share_ppb": info.issuance_share,
			"history": entries,
		}),
	))
}

async fn list_purposes(ctx: &Ctx) -> Result<Output> {
	let purposes = ctx.chain().await?.democracy().purposes().await?;
	let mut text = String::new();
	for (id, descriptor, retired) in &purposes {
		let retired = retired.map_or(String::new(), |c| format!(" (retired in ceremony {c})"));
		text.push_str(&format!("{id}: {descriptor}{retired}\n"));
	}
	let json: Vec<_> = purposes
		.iter()
		.map(|(id, d, r)| json!({ "id": id, "descriptor": d, "retired": r }))
		.collect();
	Ok(Output::new(text.trim_end().to_owned(), json!({ "purposes": json })))
}

async fn list_commitments(ctx: &Ctx, args: ListCommitments) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let chain = ctx.chain().await?;
	let ceremonies = match args.cindex {
		Some(c) => vec![c],
		None => {
			let info = chain.ceremonies().info().await?;
			let lifetime = chain.ceremonies().reputation_lifetime().await?;
			(info.ceremony_index.saturating_sub(lifetime).max(1)..=info.ceremony_index).collect()
		},
	};
	let (mut text, mut json) = (String::new(), Vec::new());
	for cindex in ceremonies {
		for (purpose, who, commitment) in
			chain.democracy().commitments(cid, cindex, args.purpose_id).await?
		{
			let hash = commitment.map_or("None".to_owned(), |h| format!("0x{}", hex::encode(h)));
			text.push_str(&format!("{cid}, {cindex}, {purpose}, {who}, {hash}\n"));
			json.push(json!({
				"cid": cid.to_string(),
				"cindex": cindex,
				"purpose": purpose,
				"account": who.to_string(),
				"commitment": commitment.map(hex::encode),
			}));
		}
	}
	Ok(Output::new(text.trim_end().to_owned(), json!({ "commitments": json })))
}
