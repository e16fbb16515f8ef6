// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels: open, pay off-chain with cheques, claim (also as a treasurer),
//! fund, extend, time out, release, close, and read.
//!
//! Without `--cid` a command works on native-token channels (`Escrow`); with `--cid` on
//! community-currency channels (`CommunityEscrow`), whose cheques are in principal at the
//! channel's epoch start. A cheque names its instance, so claims need no `--cid`.

use super::{tx_output, Ctx, Output};
use clap::Args;
use convene_client::{
	error::{bad_input, Error, Result},
	escrow::{ChannelInfo, Cheque, EscrowLedger},
	runtime, TxOutcome,
};
use convene_primitives::{demurrage::decay, fixed::U64F64};
use serde_json::{json, Value as Json};
use subxt::{dynamic::Value, utils::AccountId32};

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
async fn ledger(ctx: &Ctx) -> Result<EscrowLedger> {
	match ctx.global.cid {
		Some(_) => Ok(EscrowLedger::Community(Some(ctx.community().await?.0))),
		None => Ok(EscrowLedger::Native),
	}
}

/// Channel `id` of `ledger`, or a bad-input error naming the instance.
async fn channel(ctx: &Ctx, ledger: &EscrowLedger, id: u64) -> Result<ChannelInfo> {
	ledger.channel(ctx.chain().await?, id).await?.ok_or_else(|| {
		bad_input(format!(
			"no channel {id} in {} (give --cid for community channels)",
			ledger.pallet()
		))
	})
}

fn id_value(id: u64) -> Value {
	Value::u128(id.into())
}

fn account_value(who: &AccountId32) -> Value {
	Value::from_bytes(who.0)
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
fn channel_output(what: String, outcome: &TxOutcome, ledger: &EscrowLedger, id: u64) -> Output {
	tx_output(&what, outcome, json!({ "channel_id": id.to_string(), "pallet": ledger.pallet() }))
}

/// `open-channel`
pub async fn open(ctx: &Ctx, args: Open) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let key = ctx.signer(&args.sender)?;
	let recipient = ctx.account(&args.recipient)?;
	let signer = match &args.signer {
		Some(s) => ctx.account(s)?,
		None => key.account(),
	};
	let amount = ledger.parse_amount(&args.amount)?;
	let expiration = match args.expiration {
		Some(block) => block,
		None => best_block(ctx).await?.saturating_add(args.duration),
	};
	let terms = Value::named_composite([
		("signer", account_value(&signer)),
		("recipient", account_value(&recipient)),
		("group_id", Value::from_bytes(group_id(&args.group)?)),
		("asset", ledger.asset_value()?),
		("value", ledger.amount_value(amount)),
		("expiration", Value::u128(expiration.into())),
	]);
	let outcome = ctx.submit(&ledger.call("open_channel", vec![("terms", terms)]), &key).await?;
	let id = outcome
		.event(ledger.pallet(), "ChannelOpened")
		.and_then(|e| e.fields.get("channel_id")?.as_str()?.parse::<u64>().ok())
		.ok_or_else(|| Error::Rpc("the node reported no ChannelOpened event".into()))?;
	let mut output = channel_output(
		format!(
			"opened channel {id} from {} to {recipient} with {}, expiring at block {expiration}",
			key.account(),
			ledger.amount_text(amount)
		),
		&outcome,
		&ledger,
		id,
	);
	// The id on the last line, for scripts.
	output.text.push_str(&format!("\n{id}"));
	Ok(output)
}

/// The best block's number.
async fn best_block(ctx: &Ctx) -> Result<u32> {
	let chain = ctx.chain().await?;
	let header = chain
		.rpc()
		.chain_get_header(None)
		.await
		.map_err(Error::rpc)?
		.ok_or_else(|| Error::Rpc("the node has no best block".into()))?;
	u32::try_from(header.number).map_err(|_| Error::Rpc("block number beyond u32".into()))
}

/// `sign-cheque`: nothing is submitted.
pub async fn sign(ctx: &Ctx, args: Sign) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let key = ctx.signer(&args.signer)?;
	let amount = ledger.parse_amount(&args.amount)?;
	let chain = ctx.chain().await?;
	let nonce = match args.nonce {
		Some(nonce) => nonce,
		None => {
			let channel = channel(ctx, &ledger, args.channel).await?;
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
	let index = chain.pallet_index(ledger.pallet()).await?;
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
	let (worth, escrowed) = match ledger {
		EscrowLedger::Native => (cheque.amount, channel.escrowed),
		EscrowLedger::Community(_) => {
			let cid = channel
				.json
				.get("asset")
				.and_then(Json::as_str)
				.and_then(|c| c.parse().ok())
				.ok_or_else(|| Error::Rpc("a community channel without its community".into()))?;
			let rate = ctx.chain().await?.community(cid).await?.demurrage.0;
			let stamp: u64 = channel
				.json
				.get("epoch_stamp")
				.and_then(Json::as_str)
				.and_then(|s| s.parse().ok())
				.unwrap_or_default();
			let now = chain_time(ctx).await?;
			let elapsed = now.saturating_sub(stamp).saturating_add(CLAIM_MARGIN_MS);
			let worth = decay(U64F64::from_bits(cheque.amount), rate, elapsed);
			let escrowed = decay(U64F64::from_bits(channel.escrowed), rate, CLAIM_MARGIN_MS);
			(worth.to_bits(), escrowed.to_bits())
		},
	};
	Ok(worth.min(escrowed))
}

/// The chain's time (ms) at the best block.
async fn chain_time(ctx: &Ctx) -> Result<u64> {
	let at = ctx.chain().await?.at_best().await?;
	let now = at
		.storage()
		.try_fetch(runtime::storage().timestamp().now(), ())
		.await
		.map_err(Error::rpc)?;
	match now {
		Some(now) => now.decode().map_err(Error::rpc),
		None => Ok(0),
	}
}

/// `claim-channel`: one cheque is one claim; several are one `force_batch`, where a stale
/// cheque fails alone; `--for` claims as the recipient's treasurer (through `Proxy::proxy`).
pub async fn claim(ctx: &Ctx, args: Claim) -> Result<Output> {
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
		let channel = channel(ctx, &ledger, cheque.channel_id).await?;
		if channel.recipient != recipient {
			return Err(bad_input(format!(
				"channel {} pays {}, not {recipient}",
				cheque.channel_id, channel.recipient
			)));
		}
		let actual = claim_amount(ctx, &ledger, &channel, &cheque, args.actual.as_deref()).await?;
		let mode = if args.close { "CloseAndRefund" } else { "KeepOpen" };
		let fields = vec![
			("channel_id", id_value(cheque.channel_id)),
			("actual", ledger.amount_value(actual)),
			("planned", ledger.amount_value(cheque.amount)),
			("signature", cheque.signature_value()),
			("mode", Value::unnamed_variant(mode, [])),
		];
		described.push(json!({
			"pallet": ledger.pallet(),
			"channel_id": cheque.channel_id.to_string(),
			"actual": ledger.amount_json(actual),
			"planned": ledger.amount_json(cheque.amount),
		}));
		claims.push((ledger, cheque.channel_id, fields));
	}
	let batched = claims.len() > 1;
	let runtime_calls = || {
		Value::unnamed_composite(claims.iter().map(|(l, _, f)| l.runtime_call("claim", f.clone())))
	};
	let outcome = match (&args.recipient, claims.first()) {
		(_, None) => return Err(bad_input("no cheque given")),
		(None, Some((ledger, _, fields))) if !batched => {
			ctx.submit(&ledger.call("claim", fields.clone()), &key).await?
		},
		(None, Some(_)) => {
			let batch = Value::named_composite([("calls", runtime_calls())]);
			ctx.submit(&subxt::dynamic::tx("Utility", "force_batch", batch), &key).await?
		},
		(Some(_), Some((ledger, _, fields))) => {
			let call = if batched {
				Value::unnamed_variant(
					"Utility",
					[Value::named_variant("force_batch", [("calls", runtime_calls())])],
				)
			} else {
				ledger.runtime_call("claim", fields.clone())
			};
			let proxy = Value::named_composite([
				("real", Value::unnamed_variant("Id", [account_value(&recipient)])),
				("force_proxy_type", Value::unnamed_variant("None", [])),
				("call", call),
			]);
			ctx.submit(&subxt::dynamic::tx("Proxy", "proxy", proxy), &key).await?
		},
	};
	// A batch reports each claim: completed, or failed with its error, in order.
	let results: Vec<Json> = outcome
		.events
		.iter()
		.filter(|e| {
			e.pallet == "Utility" && (e.event == "ItemCompleted" || e.event == "ItemFailed")
		})
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
pub async fn add_funds(ctx: &Ctx, args: AddFunds) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let key = ctx.signer(&args.funder)?;
	let amount = ledger.parse_amount(&args.amount)?;
	let call = ledger.call(
		"add_funds",
		vec![("channel_id", id_value(args.channel)), ("amount", ledger.amount_value(amount))],
	);
	let outcome = ctx.submit(&call, &key).await?;
	let what = format!("added {} to channel {}", ledger.amount_text(amount), args.channel);
	Ok(channel_output(what, &outcome, &ledger, args.channel))
}

/// `extend-channel`
pub async fn extend(ctx: &Ctx, args: Extend) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let key = ctx.signer(&args.sender)?;
	let expiration = match (args.expiration, args.by) {
		(Some(block), _) => block,
		(None, by) => {
			let channel = channel(ctx, &ledger, args.channel).await?;
			channel.expiration.saturating_add(by.unwrap_or_default())
		},
	};
	let mut fields = vec![
		("channel_id", id_value(args.channel)),
		("expiration", Value::u128(expiration.into())),
	];
	let (call, what) = match &args.add {
		Some(amount) => {
			let amount = ledger.parse_amount(amount)?;
			fields.push(("amount", ledger.amount_value(amount)));
			("extend_and_add_funds", format!(" and added {}", ledger.amount_text(amount)))
		},
		None => ("extend", String::new()),
	};
	let outcome = ctx.submit(&ledger.call(call, fields), &key).await?;
	let what = format!("channel {} expires at block {expiration}{what}", args.channel);
	Ok(channel_output(what, &outcome, &ledger, args.channel))
}

/// `claim-timeout`, `release-channel`, `close-channel`: `call` on a channel.
async fn on_channel(ctx: &Ctx, args: OnChannel, call: &str, what: &str) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let key = ctx.signer(&args.account)?;
	let outcome = ctx
		.submit(&ledger.call(call, vec![("channel_id", id_value(args.channel))]), &key)
		.await?;
	Ok(channel_output(format!("{what} channel {}", args.channel), &outcome, &ledger, args.channel))
}

/// `claim-timeout`
pub async fn claim_timeout(ctx: &Ctx, args: OnChannel) -> Result<Output> {
	on_channel(ctx, args, "claim_timeout", "took back what was left of").await
}

/// `release-channel`
pub async fn release(ctx: &Ctx, args: OnChannel) -> Result<Output> {
	on_channel(ctx, args, "release", "gave back what was left of").await
}

/// `close-channel`
pub async fn close(ctx: &Ctx, args: OnChannel) -> Result<Output> {
	on_channel(ctx, args, "close", "closed").await
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
pub async fn list(ctx: &Ctx, args: List) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let chain = ctx.chain().await?;
	let mut channels = Vec::new();
	for (who, sender) in [(&args.sender, true), (&args.recipient, false)] {
		if let Some(who) = who {
			channels.extend(ledger.channels_of(chain, &ctx.account(who)?, sender).await?);
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
pub async fn info(ctx: &Ctx, args: InfoArgs) -> Result<Output> {
	let ledger = ledger(ctx).await?;
	let c = channel(ctx, &ledger, args.channel).await?;
	Ok(Output::new(
		channel_text(&ledger, &c),
		json!({ "pallet": ledger.pallet(), "channel": c.json }),
	))
}

/// `add-treasurer`: an `EscrowClaim` proxy of the recipient, which may only claim.
pub async fn add_treasurer(ctx: &Ctx, args: Treasurer) -> Result<Output> {
	let key = ctx.signer(&args.recipient)?;
	let treasurer = ctx.account(&args.treasurer)?;
	let call = subxt::dynamic::tx(
		"Proxy",
		"add_proxy",
		Value::named_composite([
			("delegate", Value::unnamed_variant("Id", [account_value(&treasurer)])),
			("proxy_type", Value::unnamed_variant("EscrowClaim", [])),
			("delay", Value::u128(0)),
		]),
	);
	let outcome = ctx.submit(&call, &key).await?;
	Ok(tx_output(
		&format!("{treasurer} claims for {}", key.account()),
		&outcome,
		json!({ "treasurer": treasurer.to_string() }),
	))
}
