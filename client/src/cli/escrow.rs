// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels: open, pay off-chain with cheques, claim (also as a treasurer),
//! fund, extend, time out, release, close, and read.
//!
//! Without `--cid` a command works on native-token channels (`Escrow`); with `--cid` on
//! community-currency channels (`CommunityEscrow`), whose cheques are in principal at the
//! channel's epoch start. A cheque names its instance, so claims need no `--cid`.

use super::{tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	error::{bad_input, Result},
	escrow::{self, ChannelInfo, Cheque, ChequeClaim, Escrow, EscrowLedger, Terms},
	runtime::utility::events::{ItemCompleted, ItemFailed},
	TxOutcome,
};
use convene_primitives::{demurrage::decay, fixed::U64F64};
use serde_json::{json, Value as Json};

/// Payment channels and cheques.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Open a payment channel (native tokens, or with --cid community currency); prints its id
	/// on the last line.
	OpenChannel(Open),
	/// Sign a cheque off-chain (nothing is submitted); prints the cheque on the last line.
	SignCheque(Sign),
	/// Claim cheques as the recipient, or --for it as its treasurer; several in one batch.
	ClaimChannel(Claim),
	/// Add funds to a channel (anyone may).
	AddFunds(AddFunds),
	/// Move a channel's expiration later (sender), optionally adding funds.
	ExtendChannel(Extend),
	/// Take back what is left of an expired channel (sender).
	ClaimTimeout(OnChannel),
	/// Give back what is left of a channel (recipient).
	ReleaseChannel(OnChannel),
	/// Remove an empty channel (sender); its id is never reused.
	CloseChannel(OnChannel),
	/// The channels an account opened (--sender) or is paid by (--recipient).
	ListChannels(List),
	/// One channel: parties, what it holds, nonce and expiration.
	ChannelInfo(InfoArgs),
	/// Let an account claim a recipient's channels, and nothing else (an EscrowClaim proxy).
	AddTreasurer(Treasurer),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::OpenChannel(a) => open(ctx, a).await,
			Self::SignCheque(a) => sign(ctx, a).await,
			Self::ClaimChannel(a) => claim(ctx, a).await,
			Self::AddFunds(a) => add_funds(ctx, a).await,
			Self::ExtendChannel(a) => extend(ctx, a).await,
			Self::ClaimTimeout(a) => {
				on_channel(ctx, a, "took back what was left of", async |e, key, id| {
					e.claim_timeout(key, id).await
				})
				.await
			},
			Self::ReleaseChannel(a) => {
				on_channel(ctx, a, "gave back what was left of", async |e, key, id| {
					e.release(key, id).await
				})
				.await
			},
			Self::CloseChannel(a) => {
				on_channel(ctx, a, "closed", async |e, key, id| e.close(key, id).await).await
			},
			Self::ListChannels(a) => list(ctx, a).await,
			Self::ChannelInfo(a) => info(ctx, a).await,
			Self::AddTreasurer(a) => add_treasurer(ctx, a).await,
		}
	}
}

/// Blocks a channel stays open by default: a day of 6 s blocks.
const DEFAULT_DURATION: u32 = 14_400;

/// How far ahead a community-currency claim values the cheque and the escrow, so that the
/// decay until the block that includes it does not make the claim too high: ten minutes.
const CLAIM_MARGIN_MS: u64 = 600_000;

/// `open-channel SENDER RECIPIENT AMOUNT`
#[derive(Args, Debug)]
pub struct Open {
	/// Who funds the channel (signs) and may take back what is left after expiry.
	pub sender: String,
	/// Who is paid (the service).
	pub recipient: String,
	/// How much to escrow: native plancks or tokens with the CVN suffix; with --cid a decimal.
	pub amount: String,
	/// Who signs cheques besides the sender (e.g. a hot key of the client).
	#[arg(long)]
	pub signer: Option<String>,
	/// The channel expires this many blocks from now.
	#[arg(long, default_value_t = DEFAULT_DURATION, conflicts_with = "expiration")]
	pub duration: u32,
	/// The channel expires at this block.
	#[arg(long)]
	pub expiration: Option<u32>,
	/// The service the channel pays, as text (up to 32 bytes) or 0x and 64 hex digits.
	#[arg(long, default_value = "")]
	pub group: String,
}

/// `sign-cheque SIGNER CHANNEL AMOUNT`
#[derive(Args, Debug)]
pub struct Sign {
	/// The sender or the channel's cheque signer.
	pub signer: String,
	/// The channel.
	pub channel: u64,
	/// The cumulative amount the recipient may claim at the channel's current nonce (with
	/// --cid: in principal at the channel's epoch start).
	pub amount: String,
	/// Sign for this nonce instead of reading the channel's.
	#[arg(long)]
	pub nonce: Option<u64>,
}

/// `claim-channel ACCOUNT CHEQUE...`
#[derive(Args, Debug)]
pub struct Claim {
	/// The recipient, or with --for its treasurer (an EscrowClaim proxy); signs.
	pub account: String,
	/// Cheques as sign-cheque prints them (several are claimed in one batch; a stale one
	/// fails alone).
	#[arg(required = true)]
	pub cheques: Vec<String>,
	/// Claim for this recipient, as its treasurer.
	#[arg(long = "for")]
	pub recipient: Option<String>,
	/// Claim this much (default: all the cheque is worth, up to what the channel holds).
	#[arg(long)]
	pub actual: Option<String>,
	/// Close the channel and refund the rest to the sender instead of keeping it open.
	#[arg(long)]
	pub close: bool,
}

/// `add-funds FUNDER CHANNEL AMOUNT`
#[derive(Args, Debug)]
pub struct AddFunds {
	/// Who pays (signs); anyone may fund a channel.
	pub funder: String,
	/// The channel.
	pub channel: u64,
	/// How much.
	pub amount: String,
}

/// `extend-channel SENDER CHANNEL`
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("when").required(true).args(["expiration", "by"])))]
pub struct Extend {
	/// The channel's sender (signs).
	pub sender: String,
	/// The channel.
	pub channel: u64,
	/// The new expiration block.
	#[arg(long)]
	pub expiration: Option<u32>,
	/// Move the expiration this many blocks later.
	#[arg(long)]
	pub by: Option<u32>,
	/// Also add this much, in the same transaction.
	#[arg(long)]
	pub add: Option<String>,
}

/// `claim-timeout`, `release-channel`, `close-channel`: `ACCOUNT CHANNEL`
#[derive(Args, Debug)]
pub struct OnChannel {
	/// The sender (claim-timeout, close-channel) or the recipient (release-channel); signs.
	pub account: String,
	/// The channel.
	pub channel: u64,
}

/// `list-channels`
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("whose").required(true).multiple(true).args(["sender", "recipient"])))]
pub struct List {
	/// The channels this account opened.
	#[arg(long)]
	pub sender: Option<String>,
	/// The channels paying this account.
	#[arg(long)]
	pub recipient: Option<String>,
}

/// `channel-info CHANNEL`
#[derive(Args, Debug)]
pub struct InfoArgs {
	/// The channel.
	pub channel: u64,
}

/// `add-treasurer RECIPIENT TREASURER`
#[derive(Args, Debug)]
pub struct Treasurer {
	/// The recipient of channels (signs; its key can then stay offline).
	pub recipient: String,
	/// The account that may claim for it, and do nothing else.
	pub treasurer: String,
}

/// The instance `--cid` selects (checked to exist).
async fn instance(ctx: &Ctx) -> Result<Escrow<'_>> {
	let ledger = match ctx.global.cid {
		Some(_) => EscrowLedger::Community(Some(ctx.community().await?.0)),
		None => EscrowLedger::Native,
	};
	Ok(ctx.chain().await?.escrow(ledger))
}

/// Channel `id`, or a bad-input error naming the instance.
async fn channel(escrow: &Escrow<'_>, id: u64) -> Result<ChannelInfo> {
	escrow.channel(id).await?.ok_or_else(|| {
		bad_input(format!(
			"no channel {id} in {} (give --cid for community channels)",
			escrow.ledger().pallet()
		))
	})
}

fn group_id(group: &str) -> Result<[u8; 32]> {
	if let Some(hex_part) = group.strip_prefix("0x") {
		let bytes = hex::decode(hex_part).map_err(|e| bad_input(format!("--group: {e}")))?;
		return bytes.try_into().map_err(|_| bad_input("--group: 0x and 64 hex digits"));
	}
	if group.len() > 32 {
		return Err(bad_input("--group: at most 32 bytes of text"));
	}
	let mut id = [0; 32];
	id[..group.len()].copy_from_slice(group.as_bytes());
	Ok(id)
}

/// A transaction's output with the channel and instance named.
fn channel_output(what: String, outcome: &TxOutcome, escrow: &Escrow<'_>, id: u64) -> Output {
	let pallet = escrow.ledger().pallet();
	tx_output(&what, outcome, json!({ "channel_id": id.to_string(), "pallet": pallet }))
}

/// `open-channel`
async fn open(ctx: &Ctx, args: Open) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let key = ctx.signer(&args.sender)?;
	let recipient = ctx.account(&args.recipient)?;
	let signer = match &args.signer {
		Some(s) => ctx.account(s)?,
		None => key.account(),
	};
	let amount = ledger.parse_amount(&args.amount)?;
	let expiration = match args.expiration {
		Some(block) => block,
		None => ctx.chain().await?.best_number().await?.saturating_add(args.duration),
	};
	let terms =
		Terms { signer, recipient, group_id: group_id(&args.group)?, value: amount, expiration };
	let (id, outcome) = escrow.open(&key.pair, terms).await?;
	let mut output = channel_output(
		format!(
			"opened channel {id} from {} to {recipient} with {}, expiring at block {expiration}",
			key.account(),
			ledger.amount_text(amount)
		),
		&outcome,
		&escrow,
		id,
	);
	// The id on the last line, for scripts.
	output.text.push_str(&format!("\n{id}"));
	Ok(output)
}

/// `sign-cheque`: nothing is submitted.
async fn sign(ctx: &Ctx, args: Sign) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let key = ctx.signer(&args.signer)?;
	let amount = ledger.parse_amount(&args.amount)?;
	let chain = ctx.chain().await?;
	let nonce = match args.nonce {
		Some(nonce) => nonce,
		None => {
			let channel = channel(&escrow, args.channel).await?;
			if key.account() != channel.signer && key.account() != channel.sender {
				return Err(bad_input(format!(
					"{} is neither the signer nor the sender of channel {}",
					key.account(),
					args.channel
				)));
			}
			channel.nonce
		},
	};
	let index = escrow.pallet_index().await?;
	let cheque = Cheque::sign(chain.genesis_hash(), index, args.channel, nonce, amount, &key.pair);
	let token = cheque.to_token();
	Ok(Output::new(
		format!(
			"cheque for {} on channel {} at nonce {nonce}, signed by {}\n{token}",
			ledger.amount_text(amount),
			args.channel,
			key.account()
		),
		json!({
			"pallet": ledger.pallet(),
			"channel_id": args.channel.to_string(),
			"nonce": nonce.to_string(),
			"amount": ledger.amount_json(amount),
			"signer": key.account().to_string(),
			"signature": format!("0x{}", hex::encode(cheque.signature)),
			"cheque": token,
		}),
	))
}

/// What a claim of `cheque` on `channel` may take: `actual`, or all the cheque is worth up to
/// what the channel holds (for a community currency, both valued `CLAIM_MARGIN_MS` ahead).
async fn claim_amount(
	ctx: &Ctx,
	ledger: &EscrowLedger,
	channel: &ChannelInfo,
	cheque: &Cheque,
	actual: Option<&str>,
) -> Result<u128> {
	if let Some(actual) = actual {
		return ledger.parse_amount(actual);
	}
	let (worth, escrowed) = match channel.asset {
		None => (cheque.amount, channel.escrowed),
		Some(cid) => {
			let chain = ctx.chain().await?;
			let rate = chain.communities().details(cid).await?.demurrage.0;
			let now = chain.now().await?;
			let elapsed = now.saturating_sub(channel.epoch_stamp).saturating_add(CLAIM_MARGIN_MS);
			let worth = decay(U64F64::from_bits(cheque.amount), rate, elapsed);
			let escrowed = decay(U64F64::from_bits(channel.escrowed), rate, CLAIM_MARGIN_MS);
			(worth.to_bits(), escrowed.to_bits())
		},
	};
	Ok(worth.min(escrowed))
}

/// `claim-channel`: one cheque is one claim; several are one `force_batch`, where a stale
/// cheque fails alone; `--for` claims as the recipient's treasurer (through `Proxy::proxy`).
async fn claim(ctx: &Ctx, args: Claim) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let recipient = match &args.recipient {
		Some(r) => ctx.account(r)?,
		None => key.account(),
	};
	if args.actual.is_some() && args.cheques.len() > 1 {
		return Err(bad_input("--actual applies to a single cheque"));
	}
	let chain = ctx.chain().await?;
	let mut claims = Vec::new();
	let mut described = Vec::new();
	for token in &args.cheques {
		let cheque = Cheque::from_token(token)?;
		let ledger = EscrowLedger::of_pallet_index(chain, cheque.pallet_index).await?;
		let channel = channel(&chain.escrow(ledger), cheque.channel_id).await?;
		if channel.recipient != recipient {
			return Err(bad_input(format!(
				"channel {} pays {}, not {recipient}",
				cheque.channel_id, channel.recipient
			)));
		}
		let actual = claim_amount(ctx, &ledger, &channel, &cheque, args.actual.as_deref()).await?;
		described.push(json!({
			"pallet": ledger.pallet(),
			"channel_id": cheque.channel_id.to_string(),
			"actual": ledger.amount_json(actual),
			"planned": ledger.amount_json(cheque.amount),
		}));
		claims.push((ledger, ChequeClaim { cheque, actual, close: args.close }));
	}
	let batched = claims.len() > 1;
	let treasurer_for = args.recipient.as_ref().map(|_| recipient);
	let outcome = escrow::claim(chain, &key.pair, &claims, treasurer_for).await?;
	// A batch reports each claim: completed, or failed with its error, in order.
	let results: Vec<Json> = outcome
		.events
		.iter()
		.filter(|e| e.is::<ItemCompleted>() || e.is::<ItemFailed>())
		.map(|e| e.fields.get("error").cloned().unwrap_or(Json::Null))
		.collect();
	let mut text = Vec::new();
	for (i, claim) in described.iter_mut().enumerate() {
		let error = results.get(i).cloned().unwrap_or(Json::Null);
		text.push(format!(
			"channel {}: {}",
			claim["channel_id"].as_str().unwrap_or_default(),
			if error.is_null() { "claimed".to_owned() } else { format!("failed: {error}") }
		));
		claim["error"] = error;
	}
	let mut output = tx_output(
		&format!("claimed for {recipient}: {}", text.join("; ")),
		&outcome,
		json!({ "claims": described }),
	);
	if batched && results.iter().all(|r| !r.is_null()) {
		output.text.push_str("\nevery claim failed");
	}
	Ok(output)
}

/// `add-funds`
async fn add_funds(ctx: &Ctx, args: AddFunds) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let key = ctx.signer(&args.funder)?;
	let amount = ledger.parse_amount(&args.amount)?;
	let outcome = escrow.add_funds(&key.pair, args.channel, amount).await?;
	let what = format!("added {} to channel {}", ledger.amount_text(amount), args.channel);
	Ok(channel_output(what, &outcome, &escrow, args.channel))
}

/// `extend-channel`
async fn extend(ctx: &Ctx, args: Extend) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let key = ctx.signer(&args.sender)?;
	let expiration = match (args.expiration, args.by) {
		(Some(block), _) => block,
		(None, by) => {
			let channel = channel(&escrow, args.channel).await?;
			channel.expiration.saturating_add(by.unwrap_or_default())
		},
	};
	let amount = args.add.as_deref().map(|a| ledger.parse_amount(a)).transpose()?;
	let outcome = escrow.extend(&key.pair, args.channel, expiration, amount).await?;
	let added = amount
		.map(|a| format!(" and added {}", ledger.amount_text(a)))
		.unwrap_or_default();
	let what = format!("channel {} expires at block {expiration}{added}", args.channel);
	Ok(channel_output(what, &outcome, &escrow, args.channel))
}

/// `claim-timeout`, `release-channel`, `close-channel`: `act` on a channel.
async fn on_channel(
	ctx: &Ctx,
	args: OnChannel,
	what: &str,
	act: impl AsyncFnOnce(Escrow<'_>, &subxt_signer::sr25519::Keypair, u64) -> Result<TxOutcome>,
) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let key = ctx.signer(&args.account)?;
	let outcome = act(escrow, &key.pair, args.channel).await?;
	Ok(channel_output(format!("{what} channel {}", args.channel), &outcome, &escrow, args.channel))
}

/// A channel's text line.
fn channel_text(ledger: &EscrowLedger, c: &ChannelInfo) -> String {
	format!(
		"channel {}: {} → {}, holds {} (of {}), nonce {}, expires at block {}",
		c.id,
		c.sender,
		c.recipient,
		ledger.amount_text(c.escrowed),
		ledger.amount_text(c.value),
		c.nonce,
		c.expiration
	)
}

/// `list-channels`
async fn list(ctx: &Ctx, args: List) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let mut channels = Vec::new();
	for (who, sender) in [(&args.sender, true), (&args.recipient, false)] {
		if let Some(who) = who {
			channels.extend(escrow.channels_of(&ctx.account(who)?, sender).await?);
		}
	}
	channels.sort_unstable_by_key(|c| c.id);
	channels.dedup_by_key(|c| c.id);
	let text: Vec<String> = channels.iter().map(|c| channel_text(&ledger, c)).collect();
	Ok(Output::new(
		if text.is_empty() { "no channels".into() } else { text.join("\n") },
		json!({ "pallet": ledger.pallet(), "channels": channels.iter().map(|c| &c.json).collect::<Vec<_>>() }),
	))
}

/// `channel-info`
async fn info(ctx: &Ctx, args: InfoArgs) -> Result<Output> {
	let escrow = instance(ctx).await?;
	let ledger = escrow.ledger();
	let c = channel(&escrow, args.channel).await?;
	Ok(Output::new(
		channel_text(&ledger, &c),
		json!({ "pallet": ledger.pallet(), "channel": c.json }),
	))
}

/// `add-treasurer`: an `EscrowClaim` proxy of the recipient, which may only claim.
async fn add_treasurer(ctx: &Ctx, args: Treasurer) -> Result<Output> {
	let key = ctx.signer(&args.recipient)?;
	let treasurer = ctx.account(&args.treasurer)?;
	let outcome = escrow::add_treasurer(ctx.chain().await?, &key.pair, treasurer).await?;
	Ok(tx_output(
		&format!("{treasurer} claims for {}", key.account()),
		&outcome,
		json!({ "treasurer": treasurer.to_string() }),
	))
}
