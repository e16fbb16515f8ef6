// SPDX-License-Identifier: GPL-3.0-or-later
//! Personhood faucets: `create-faucet`, `drip-faucet`, `close-faucet`, `dissolve-faucet`,
//! `list-faucets`.

use super::{native_text, parse_cid, parse_native, text, tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::error::{bad_input, Result};
use convene_primitives::scheduler::CeremonyIndex;
use serde_json::json;

/// Personhood faucets.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Create a faucet and fill it: each verified attendance (of the whitelisted communities,
	/// if any) draws DRIP once. Prints the faucet's account.
	CreateFaucet(Create),
	/// Draw a drip from a faucet with an attendance of --cid (by default the latest that has
	/// not drawn from it).
	DripFaucet(Drip),
	/// Close one's faucet once it holds less than two drips; the rest comes back.
	CloseFaucet(Close),
	/// Dissolve a faucet (through Sudo): what it holds goes to BENEFICIARY.
	DissolveFaucet(Dissolve),
	/// The faucets (-v: with name, creator, drip and whitelist).
	ListFaucets(List),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::CreateFaucet(a) => create(ctx, a).await,
			Self::DripFaucet(a) => drip(ctx, a).await,
			Self::CloseFaucet(a) => close(ctx, a).await,
			Self::DissolveFaucet(a) => dissolve(ctx, a).await,
			Self::ListFaucets(a) => list(ctx, a).await,
		}
	}
}

/// `create-faucet ACCOUNT NAME BALANCE DRIP [WHITELIST...]`
#[derive(Args, Debug)]
pub struct Create {
	/// The creator (signs, fills the faucet and holds its deposit).
	pub account: String,
	/// The faucet's name (unique).
	pub name: String,
	/// What it is filled with (CVN, or with a unit such as 500mCVN).
	pub balance: String,
	/// What one drip pays.
	pub drip: String,
	/// The communities whose attendances may draw (default: every community's).
	pub whitelist: Vec<String>,
}

/// `drip-faucet ACCOUNT FAUCET [CINDEX]`
#[derive(Args, Debug)]
pub struct Drip {
	/// Who draws (a verified attendee of --cid).
	pub account: String,
	/// The faucet's account.
	pub faucet: String,
	/// The ceremony attended (default: the latest attendance that has not drawn from it).
	pub cindex: Option<CeremonyIndex>,
}

/// `close-faucet ACCOUNT FAUCET`
#[derive(Args, Debug)]
pub struct Close {
	/// The creator.
	pub account: String,
	/// The faucet's account.
	pub faucet: String,
}

/// `dissolve-faucet FAUCET BENEFICIARY`
#[derive(Args, Debug)]
pub struct Dissolve {
	/// The faucet's account.
	pub faucet: String,
	/// Who receives what it holds.
	pub beneficiary: String,
	/// The sudo key.
	#[arg(short, long, default_value = "//Alice")]
	pub signer: String,
}

/// `list-faucets [-v]`
#[derive(Args, Debug)]
pub struct List {
	/// With name, creator, drip and whitelist.
	#[arg(short, long)]
	pub verbose: bool,
}

async fn create(ctx: &Ctx, args: Create) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let whitelist = if args.whitelist.is_empty() {
		None
	} else {
		Some(args.whitelist.iter().map(|c| parse_cid(c)).collect::<Result<Vec<_>>>()?)
	};
	let (amount, drip) = (parse_native(&args.balance)?, parse_native(&args.drip)?);
	let faucets = ctx.chain().await?.faucets();
	let (faucet, outcome) = faucets.create(&key.pair, &args.name, amount, whitelist, drip).await?;
	let mut out = tx_output(
		&format!("faucet {:?} created", args.name),
		&outcome,
		json!({ "faucet": faucet.to_string() }),
	);
	out.text = format!("{faucet}\n{}", out.text);
	Ok(out)
}

async fn drip(ctx: &Ctx, args: Drip) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let faucet = ctx.account(&args.faucet)?;
	let (cid, _) = ctx.community().await?;
	let chain = ctx.chain().await?;
	let cindex = match args.cindex {
		Some(c) => c,
		None => {
			let faucets = chain.faucets();
			let info = faucets.get(&faucet).await?;
			faucets.undrawn(&info, &key.account(), cid).await?.ok_or_else(|| {
				bad_input(format!(
					"{} has no verified attendance of {cid} that has not drawn from this faucet; \
					 nothing was sent",
					key.account()
				))
			})?
		},
	};
	let outcome = chain.faucets().drip(&key.pair, faucet, cid, cindex).await?;
	Ok(tx_output(
		&format!("dripped from {faucet} with the attendance of {cid} ceremony {cindex}"),
		&outcome,
		json!({ "faucet": faucet.to_string(), "cid": cid.to_string(), "cindex": cindex }),
	))
}

async fn close(ctx: &Ctx, args: Close) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let faucet = ctx.account(&args.faucet)?;
	let outcome = ctx.chain().await?.faucets().close(&key.pair, faucet).await?;
	Ok(tx_output(&format!("faucet {faucet} closed"), &outcome, json!({})))
}

async fn dissolve(ctx: &Ctx, args: Dissolve) -> Result<Output> {
	let key = ctx.signer(&args.signer)?;
	let faucet = ctx.account(&args.faucet)?;
	let beneficiary = ctx.account(&args.beneficiary)?;
	let outcome = ctx.chain().await?.faucets().dissolve(&key.pair, faucet, beneficiary).await?;
	Ok(tx_output(&format!("faucet {faucet} dissolved"), &outcome, json!({})))
}

async fn list(ctx: &Ctx, args: List) -> Result<Output> {
	let faucets = ctx.chain().await?.faucets().list().await?;
	let mut lines = Vec::new();
	let mut json = Vec::new();
	for (account, info, balance) in &faucets {
		let whitelist: Option<Vec<String>> =
			info.whitelist.as_ref().map(|w| w.0.iter().map(|c| c.0.to_string()).collect());
		if args.verbose {
			lines.push(format!(
				"{account}: {:?}, creator {}, balance {}, drip {}, whitelist {}",
				text(&info.name.0),
				info.deposit.depositor,
				native_text(*balance),
				native_text(info.drip_amount),
				whitelist.as_ref().map_or("none (every community)".to_owned(), |w| w.join(" ")),
			));
		} else {
			lines.push(account.to_string());
		}
		json.push(json!({
			"faucet": account.to_string(),
			"name": text(&info.name.0),
			"creator": info.deposit.depositor.to_string(),
			"balance": balance.to_string(),
			"drip": info.drip_amount.to_string(),
			"whitelist": whitelist,
			"purpose": info.purpose,
		}));
	}
	Ok(Output::new(lines.join("\n"), json!({ "faucets": json })))
}
