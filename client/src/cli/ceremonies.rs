// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremonies: phases, registration, endorsement, meetups, attestation, rewards, reputation.

use super::{tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	ceremonies::Ceremonies,
	error::{bad_input, Error, Result},
};
use convene_primitives::{
	assignment::ParticipantClass,
	ceremony::Reputation,
	scheduler::{CeremonyIndex, CeremonyPhase},
};
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

/// Phases, registration, meetups, attestation, rewards and reputation.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// The ceremony phase: Registering, Assigning or Attesting.
	GetPhase,
	/// The current ceremony index.
	GetCindex,
	/// Move to the next phase (root, through Sudo).
	NextPhase(NextPhase),
	/// Register for the coming ceremony of --cid, with a proof of an unused attendance if any.
	RegisterParticipant(Register),
	/// Turn a newbie registration into a reputable one with a proof of attendance.
	UpgradeRegistration(ForAccount),
	/// Withdraw a registration.
	UnregisterParticipant(ForAccount),
	/// Endorse newcomers (one transaction each).
	EndorseNewcomers(Endorse),
	/// The registered participants of --cid, by class.
	ListParticipants(AtCeremony),
	/// The meetups of --cid: location, time and participants.
	ListMeetups(AtCeremony),
	/// Vote on the head count and attest the other attendees of your meetup.
	AttestAttendees(Attest),
	/// The votes and attestations of --cid.
	ListAttestees(AtCeremony),
	/// Claim the rewards of your meetup (or --meetup-index, or --all meetups in a batch).
	ClaimReward(Claim),
	/// An account's reputations: community, ceremony, and worth.
	Reputation(ReputationArgs),
	/// Verified attendances by community and ceremony.
	ListReputables(ListReputables),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::GetPhase => get_phase(ctx).await,
			Self::GetCindex => get_cindex(ctx).await,
			Self::NextPhase(a) => next_phase(ctx, a).await,
			Self::RegisterParticipant(a) => register(ctx, a).await,
			Self::UpgradeRegistration(a) => upgrade(ctx, a).await,
			Self::UnregisterParticipant(a) => unregister(ctx, a).await,
			Self::EndorseNewcomers(a) => endorse(ctx, a).await,
			Self::ListParticipants(a) => list_participants(ctx, a).await,
			Self::ListMeetups(a) => list_meetups(ctx, a).await,
			Self::AttestAttendees(a) => attest(ctx, a).await,
			Self::ListAttestees(a) => list_attestees(ctx, a).await,
			Self::ClaimReward(a) => claim(ctx, a).await,
			Self::Reputation(a) => reputation(ctx, a).await,
			Self::ListReputables(a) => list_reputables(ctx, a).await,
		}
	}
}

/// The ceremonies handle of the connection.
async fn ceremonies(ctx: &Ctx) -> Result<Ceremonies<'_>> {
	Ok(ctx.chain().await?.ceremonies())
}

/// `next-phase`
#[derive(Args, Debug)]
pub struct NextPhase {
	/// The sudo key.
	#[arg(short, long, default_value = "//Alice")]
	pub signer: String,
}

/// The account that acts and signs: positional, or `-s/--signer` as the reference client takes
/// it (`claim-reward --signer //Alice`).
#[derive(Args, Debug)]
pub struct Signer {
	/// The account (signs).
	#[arg(required_unless_present = "signer", value_name = "ACCOUNT")]
	account: Option<String>,
	/// The account, as the reference client's -s/--signer (instead of ACCOUNT).
	#[arg(short, long, conflicts_with = "account", value_name = "ACCOUNT")]
	signer: Option<String>,
}

impl Signer {
	/// The account argument, whichever way it was given.
	pub fn account(&self) -> &str {
		self.account.as_deref().or(self.signer.as_deref()).unwrap_or_default()
	}
}

/// A command acting for one account.
#[derive(Args, Debug)]
pub struct ForAccount {
	#[command(flatten)]
	pub account: Signer,
}

/// `register-participant ACCOUNT --cid C`
#[derive(Args, Debug)]
pub struct Register {
	#[command(flatten)]
	pub account: Signer,
	/// Register as a newcomer even if the account has a reputation it could use.
	#[arg(long)]
	pub no_proof: bool,
}

/// `endorse-newcomers ENDORSER -e NEWCOMER... --cid C`
#[derive(Args, Debug)]
pub struct Endorse {
	/// The bootstrapper or reputable who endorses (signs).
	pub endorser: String,
	/// The newcomers to endorse (one transaction each).
	#[arg(short, long, num_args = 1.., required = true)]
	pub endorsees: Vec<String>,
}

/// A ceremony to list; negative values count back from the current one.
#[derive(Args, Debug)]
pub struct AtCeremony {
	/// The ceremony index (default: the current one; -1 is the previous one).
	#[arg(long, allow_hyphen_values = true)]
	pub cindex: Option<i64>,
}

/// `attest-attendees ACCOUNT ATTESTEE... --cid C`
#[derive(Args, Debug)]
pub struct Attest {
	/// The attendee who attests (signs).
	pub account: String,
	/// The other attendees met.
	#[arg(required = true)]
	pub attestees: Vec<String>,
	/// The head count voted (default: the attestees and oneself).
	#[arg(long)]
	pub vote: Option<u32>,
}

/// `claim-reward ACCOUNT --cid C`
#[derive(Args, Debug)]
pub struct Claim {
	/// Who claims (signs).
	#[command(flatten)]
	pub account: Signer,
	/// Claim for this meetup instead of the claimant's own.
	#[arg(long, conflicts_with = "all")]
	pub meetup_index: Option<u32>,
	/// Claim for every meetup of the ceremony, in one batch.
	#[arg(short, long)]
	pub all: bool,
}

/// `reputation ACCOUNT`
#[derive(Args, Debug)]
pub struct ReputationArgs {
	/// The account.
	pub account: String,
}

/// `list-reputables`
#[derive(Args, Debug)]
pub struct ListReputables {
	/// List the accounts as well as the counts.
	#[arg(short, long)]
	pub verbose: bool,
}

fn phase_name(phase: CeremonyPhase) -> String {
	format!("{phase:?}")
}

/// The ceremony index `--cindex` names.
async fn cindex(ctx: &Ctx, at: &AtCeremony) -> Result<CeremonyIndex> {
	let current = ceremonies(ctx).await?.info().await?.ceremony_index;
	match at.cindex {
		None => Ok(current),
		Some(i) if i < 0 => CeremonyIndex::try_from(i64::from(current) + i)
			.ok()
			.filter(|c| *c > 0)
			.ok_or_else(|| bad_input(format!("--cindex {i}: before the first ceremony"))),
		Some(i) => CeremonyIndex::try_from(i)
			.ok()
			.filter(|c| *c > 0)
			.ok_or_else(|| bad_input(format!("--cindex {i}: ceremonies count from 1"))),
	}
}

/// `get-phase`
async fn get_phase(ctx: &Ctx) -> Result<Output> {
	let info = ceremonies(ctx).await?.info().await?;
	Ok(Output::new(
		phase_name(info.phase),
		json!({
			"phase": phase_name(info.phase),
			"cindex": info.ceremony_index,
			"next_phase_timestamp": info.next_phase_timestamp,
		}),
	))
}

/// `get-cindex`
async fn get_cindex(ctx: &Ctx) -> Result<Output> {
	let info = ceremonies(ctx).await?.info().await?;
	Ok(Output::new(info.ceremony_index.to_string(), json!({ "cindex": info.ceremony_index })))
}

/// `next-phase`: Sudo(CeremonyScheduler.next_phase).
async fn next_phase(ctx: &Ctx, args: NextPhase) -> Result<Output> {
	let key = ctx.signer(&args.signer)?;
	let ceremonies = ceremonies(ctx).await?;
	let outcome = ceremonies.next_phase(&key.pair).await?;
	let info = ceremonies.info().await?;
	let mut out = tx_output(
		"next phase",
		&outcome,
		json!({ "phase": phase_name(info.phase), "cindex": info.ceremony_index }),
	);
	out.text = format!("Phase is now: {}", phase_name(info.phase));
	Ok(out)
}

/// `register-participant`
async fn register(ctx: &Ctx, args: Register) -> Result<Output> {
	let (cid, details) = ctx.community().await?;
	let key = ctx.signer(args.account.account())?;
	let ceremonies = ceremonies(ctx).await?;
	// Bootstrappers register as such: a proof would not be used.
	let bootstrapper = details.bootstrappers.contains(&key.account());
	let proof =
		if args.no_proof || bootstrapper { None } else { ceremonies.own_proof(cid, &key).await? };
	let with_proof = proof.as_ref().map(|p| p.cindex);
	let outcome = ceremonies.register(&key.pair, cid, proof).await?;
	Ok(tx_output(
		&format!("registered {} for {cid}", key.account()),
		&outcome,
		json!({ "cid": cid.to_string(), "account": key.account().to_string(), "proof_of_cindex": with_proof }),
	))
}

/// `upgrade-registration`
async fn upgrade(ctx: &Ctx, args: ForAccount) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(args.account.account())?;
	let ceremonies = ceremonies(ctx).await?;
	let proof = ceremonies.own_proof(cid, &key).await?.ok_or_else(|| {
		Error::InvalidReputation(format!(
			"{} has no unused verified attendance of {cid} to upgrade with",
			key.account()
		))
	})?;
	let cindex = proof.cindex;
	let outcome = ceremonies.upgrade(&key.pair, cid, proof).await?;
	Ok(tx_output(
		&format!(
			"upgraded the registration of {} with the attendance of ceremony {cindex}",
			key.account()
		),
		&outcome,
		json!({ "cid": cid.to_string(), "proof_of_cindex": cindex }),
	))
}

/// `unregister-participant`
async fn unregister(ctx: &Ctx, args: ForAccount) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(args.account.account())?;
	let outcome = ceremonies(ctx).await?.unregister(&key.pair, cid).await?;
	Ok(tx_output(
		&format!("unregistered {} from {cid}", key.account()),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}

/// `endorse-newcomers`: one transaction per newcomer, submitted together.
async fn endorse(ctx: &Ctx, args: Endorse) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.endorser)?;
	let newcomers = args.endorsees.iter().map(|e| ctx.account(e)).collect::<Result<Vec<_>>>()?;
	let (chain, ceremonies) = (ctx.chain().await?, ceremonies(ctx).await?);
	let endorsements = newcomers.iter().map(|n| ceremonies.endorse(&key.pair, cid, *n));
	let outcomes = chain.each(endorsements, || {}).await.into_iter().collect::<Result<Vec<_>>>()?;
	let text = newcomers.iter().map(|n| format!("endorsed {n}")).collect::<Vec<_>>().join("\n");
	let endorsed: Vec<_> = newcomers
		.iter()
		.zip(&outcomes)
		.map(|(n, o)| json!({ "newcomer": n.to_string(), "transaction": o }))
		.collect();
	Ok(Output::new(text, json!({ "cid": cid.to_string(), "endorsed": endorsed })))
}

/// `list-participants`
async fn list_participants(ctx: &Ctx, at: AtCeremony) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let cindex = cindex(ctx, &at).await?;
	let ceremonies = ceremonies(ctx).await?;
	let mut lines = Vec::new();
	let mut classes = serde_json::Map::new();
	let mut total = 0;
	for class in ParticipantClass::ALL {
		let accounts = ceremonies.participants(cid, cindex, class).await?;
		total += accounts.len();
		lines.push(format!("Querying {class:?}Registry"));
		lines.push(format!("number of participants assigned:  {}", accounts.len()));
		for (i, a) in accounts.iter().enumerate() {
			lines.push(format!("{class:?}Registry[{cindex}, {}] = {a}", i + 1));
		}
		classes.insert(
			format!("{}s", format!("{class:?}").to_lowercase()),
			accounts.iter().map(|a| a.to_string()).collect::<Vec<_>>().into(),
		);
	}
	lines.push(format!("total: {total}"));
	Ok(Output::new(
		lines.join("\n"),
		json!({ "cid": cid.to_string(), "cindex": cindex, "participants": classes, "total": total }),
	))
}

/// `list-meetups`
async fn list_meetups(ctx: &Ctx, at: AtCeremony) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let cindex = cindex(ctx, &at).await?;
	let meetups = ceremonies(ctx).await?.meetups(cid, cindex).await?;
	let mut lines = Vec::new();
	let mut list = Vec::new();
	let mut assignees = 0;
	for m in &meetups {
		let location = m.location.as_ref().map(|l| l.0);
		let head = format!("MeetupRegistry[({cid}, {cindex}), {}]", m.index);
		match location {
			Some(l) => lines.push(format!("{head} location is {}, {}", l.lat, l.lon)),
			None => lines.push(format!("{head} location was removed")),
		}
		match m.time {
			Some(t) => lines.push(format!("{head} meeting time is {t}")),
			None => lines.push(format!("{head} meeting time is not fixed yet")),
		}
		lines.push(format!("{head} participants: {}", m.participants.len()));
		lines.extend(m.participants.iter().map(|p| format!("   {p}")));
		assignees += m.participants.len();
		list.push(json!({
			"index": m.index,
			"location": location.map(|l| json!({ "lat": l.lat.to_string(), "lon": l.lon.to_string() })),
			"time": m.time,
			"participants": m.participants.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
		}));
	}
	lines.push(format!("CSV: {cindex}, {cid}, {assignees}, {}", meetups.len()));
	lines.push(format!("total number of assignees: {assignees}"));
	Ok(Output::new(
		lines.join("\n"),
		json!({ "cid": cid.to_string(), "cindex": cindex, "meetups": list }),
	))
}

/// `attest-attendees`
async fn attest(ctx: &Ctx, args: Attest) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let attestees = args.attestees.iter().map(|a| ctx.account(a)).collect::<Result<Vec<_>>>()?;
	let vote = args.vote.unwrap_or(attestees.len() as u32 + 1);
	let outcome = ceremonies(ctx).await?.attest(&key.pair, cid, vote, &attestees).await?;
	Ok(tx_output(
		&format!("attestations sent by {}", key.account()),
		&outcome,
		json!({ "cid": cid.to_string(), "vote": vote, "attestees": attestees.iter().map(|a| a.to_string()).collect::<Vec<_>>() }),
	))
}

/// `list-attestees`
async fn list_attestees(ctx: &Ctx, at: AtCeremony) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let cindex = cindex(ctx, &at).await?;
	let attestations = ceremonies(ctx).await?.attestations(cid, cindex).await?;
	let mut lines = Vec::new();
	let list: Vec<Json> = attestations
		.iter()
		.map(|a| {
			lines.push(format!(
				"{} (meetup {}, vote {}) attested {}",
				a.who,
				a.meetup,
				a.vote,
				a.attested.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
			));
			json!({
				"who": a.who.to_string(),
				"meetup": a.meetup,
				"vote": a.vote,
				"attested": a.attested.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
			})
		})
		.collect();
	lines.push(format!("CSV: {cindex}, {cid}, {}", attestations.len()));
	Ok(Output::new(
		lines.join("\n"),
		json!({ "cid": cid.to_string(), "cindex": cindex, "attestations": list }),
	))
}

/// `claim-reward`
async fn claim(ctx: &Ctx, args: Claim) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(args.account.account())?;
	let ceremonies = ceremonies(ctx).await?;
	let outcome = if args.all {
		ceremonies.claim_all(&key.pair, cid).await?
	} else {
		ceremonies.claim(&key.pair, cid, args.meetup_index).await?
	};
	Ok(tx_output(&format!("claimed rewards of {cid}"), &outcome, json!({ "cid": cid.to_string() })))
}

fn reputation_json(r: &Reputation) -> Json {
	serde_json::to_value(r).unwrap_or(Json::Null)
}

/// `reputation`
async fn reputation(ctx: &Ctx, args: ReputationArgs) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let reputations = ceremonies(ctx).await?.reputations(&who).await?;
	let text = reputations
		.iter()
		.map(|(cid, cindex, r)| format!("{cindex}, {cid}, {r:?}"))
		.collect::<Vec<_>>()
		.join("\n");
	let list: Vec<_> = reputations
		.iter()
		.map(|(cid, cindex, r)| {
			json!({ "cid": cid.to_string(), "cindex": cindex, "reputation": reputation_json(r) })
		})
		.collect();
	Ok(Output::new(text, json!({ "account": who.to_string(), "reputations": list })))
}

/// `list-reputables`: verified attendances by community and ceremony (all of them, or of
/// `--cid`).
async fn list_reputables(ctx: &Ctx, args: ListReputables) -> Result<Output> {
	let only = match ctx.global.cid {
		Some(_) => Some(ctx.community().await?.0),
		None => None,
	};
	let mut by_ceremony: BTreeMap<(String, CeremonyIndex), Vec<String>> = BTreeMap::new();
	for (who, cid, cindex) in ceremonies(ctx).await?.verified_attendances().await? {
		if only.is_some_and(|c| c != cid) {
			continue;
		}
		by_ceremony.entry((cid.to_string(), cindex)).or_default().push(who.to_string());
	}
	let mut lines = Vec::new();
	let mut list = Vec::new();
	for ((cid, cindex), mut accounts) in by_ceremony {
		accounts.sort();
		lines.push(format!("{cid}, ceremony {cindex}: {} reputables", accounts.len()));
		if args.verbose {
			lines.extend(accounts.iter().map(|a| format!("{cid},{cindex},{a}")));
		}
		list.push(
			json!({ "cid": cid, "cindex": cindex, "count": accounts.len(), "accounts": accounts }),
		);
	}
	Ok(Output::new(lines.join("\n"), json!({ "reputables": list })))
}
