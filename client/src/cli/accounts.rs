// SPDX-License-Identifier: GPL-3.0-or-later
//! Accounts: keys, native and community-currency balances, transfers.

use super::{native_text, parse_cc, parse_native, tx_output, Ctx, Output};
use clap::Args;
use convene_client::{
	error::{bad_input, Result},
	runtime,
};
use serde_json::json;
use subxt::utils::{MultiAddress, Static};

/// `new-account [SECRET]`
#[derive(Args, Debug)]
pub struct NewAccount {
	/// Store this secret URI or mnemonic instead of generating a fresh mnemonic.
	pub secret: Option<String>,
}

/// `export-secret ACCOUNT`
#[derive(Args, Debug)]
pub struct ExportSecret {
	/// The account (SS58 address of a key in the keystore).
	pub account: String,
}

/// `faucet ACCOUNT...`
#[derive(Args, Debug)]
pub struct Faucet {
	/// The accounts to fund.
	#[arg(required = true)]
	pub accounts: Vec<String>,
	/// How much each gets: plancks, or tokens with the CVN suffix.
	#[arg(long, default_value = "1000CVN")]
	pub amount: String,
	/// Who pays (a dev chain's endowed account).
	#[arg(long, default_value = "//Alice")]
	pub from: String,
}

/// `balance ACCOUNT [--cid C] [--all]`
#[derive(Args, Debug)]
pub struct Balance {
	/// The account.
	pub account: String,
	/// Every community-currency balance as well as the native one.
	#[arg(short, long)]
	pub all: bool,
}

/// `transfer FROM TO AMOUNT [--cid C]`
#[derive(Args, Debug)]
pub struct Transfer {
	/// The sender (signs).
	pub from: String,
	/// The recipient.
	pub to: String,
	/// Native: plancks or tokens with the CVN suffix; with --cid: a decimal amount.
	pub amount: String,
	/// Native only: allow the sender's account to be removed (below the existential deposit).
	#[arg(long)]
	pub allow_death: bool,
}

/// `transfer-all FROM TO [--cid C]`
#[derive(Args, Debug)]
pub struct TransferAll {
	/// The sender (signs); its account is removed.
	pub from: String,
	/// The recipient.
	pub to: String,
}

/// `new-account`
pub fn new_account(ctx: &Ctx, args: NewAccount) -> Result<Output> {
	let key = match &args.secret {
		Some(secret) => ctx.keystore.insert(secret)?,
		None => ctx.keystore.generate()?,
	};
	let account = key.account().to_string();
	Ok(Output::new(account.clone(), json!({ "account": account })))
}

/// `list-accounts`
pub fn list_accounts(ctx: &Ctx) -> Result<Output> {
	let accounts: Vec<String> = ctx.keystore.list()?.iter().map(|a| a.to_string()).collect();
	Ok(Output::new(accounts.join("\n"), json!({ "accounts": accounts })))
}

/// `export-secret`
pub fn export_secret(ctx: &Ctx, args: ExportSecret) -> Result<Output> {
	let account = ctx.account(&args.account)?;
	let secret = ctx.keystore.secret(&account)?.ok_or_else(|| {
		bad_input(format!("no key for {account} in {}", ctx.keystore.dir().display()))
	})?;
	// The raw key file content (a JSON string), as the reference prints it.
	Ok(Output::new(
		serde_json::to_string(&secret).unwrap_or_default(),
		json!({ "account": account.to_string(), "secret": secret }),
	))
}

/// `faucet`: one transfer per account from `--from`, submitted together.
pub async fn faucet(ctx: &Ctx, args: Faucet) -> Result<Output> {
	let amount = parse_native(&args.amount)?;
	let from = ctx.signer(&args.from)?;
	let targets = args.accounts.iter().map(|a| ctx.account(a)).collect::<Result<Vec<_>>>()?;
	let calls: Vec<_> = targets
		.iter()
		.map(|to| {
			runtime::transactions()
				.balances()
				.transfer_keep_alive(MultiAddress::Id(*to), amount)
		})
		.collect();
	let outcomes = ctx.submit_all(&calls, &from).await?;
	let text = targets
		.iter()
		.map(|t| format!("{} drips {} to {t}", args.from, native_text(amount)))
		.collect::<Vec<_>>()
		.join("\n");
	let funded: Vec<_> = targets
		.iter()
		.zip(&outcomes)
		.map(|(t, o)| json!({ "account": t.to_string(), "transaction": o }))
		.collect();
	Ok(Output::new(text, json!({ "amount": amount.to_string(), "funded": funded })))
}

/// `balance`
pub async fn balance(ctx: &Ctx, args: Balance) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let chain = ctx.chain().await?;
	if ctx.global.cid.is_some() && !args.all {
		let (cid, details) = ctx.community().await?;
		let balance = chain
			.call(runtime::runtime_apis().community_balances_api().balance(Static(cid), who))
			.await?
			.0;
		let symbol = super::text(&details.metadata.0.symbol);
		return Ok(Output::new(
			format!("{balance} {symbol}"),
			json!({ "account": who.to_string(), "cid": cid.to_string(), "balance": balance.to_string() }),
		));
	}
	let native = chain.native_balance(&who).await?;
	let mut text = native_text(native);
	let mut json = json!({ "account": who.to_string(), "native": native.to_string() });
	if args.all {
		let balances = chain
			.every_page(|after, limit| {
				runtime::runtime_apis().community_balances_api().balances(who, after, limit)
			})
			.await?;
		let mut list = Vec::new();
		for (cid, balance) in balances {
			text.push_str(&format!("\n{}: {}", cid.0, balance.0));
			list.push(json!({ "cid": cid.0.to_string(), "balance": balance.0.to_string() }));
		}
		json["communities"] = list.into();
	}
	Ok(Output::new(text, json))
}

/// `transfer`
pub async fn transfer(ctx: &Ctx, args: Transfer) -> Result<Output> {
	let from = ctx.signer(&args.from)?;
	let to = ctx.account(&args.to)?;
	if ctx.global.cid.is_some() {
		let (cid, _) = ctx.community().await?;
		let amount = parse_cc(&args.amount)?;
		let call =
			runtime::transactions()
				.community_balances()
				.transfer(to, Static(cid), Static(amount));
		let outcome = ctx.submit(&call, &from).await?;
		return Ok(tx_output(
			&format!("transferred {amount} of {cid} to {to}"),
			&outcome,
			json!({ "cid": cid.to_string(), "amount": amount.to_string() }),
		));
	}
	let amount = parse_native(&args.amount)?;
	let dest = MultiAddress::Id(to);
	let outcome = if args.allow_death {
		ctx.submit(&runtime::transactions().balances().transfer_allow_death(dest, amount), &from)
			.await?
	} else {
		ctx.submit(&runtime::transactions().balances().transfer_keep_alive(dest, amount), &from)
			.await?
	};
	Ok(tx_output(
		&format!("transferred {} to {to}", native_text(amount)),
		&outcome,
		json!({ "amount": amount.to_string() }),
	))
}

/// `transfer-all`
pub async fn transfer_all(ctx: &Ctx, args: TransferAll) -> Result<Output> {
	let from = ctx.signer(&args.from)?;
	let to = ctx.account(&args.to)?;
	let (cid, _) = ctx.community().await?;
	let call = runtime::transactions().community_balances().transfer_all(to, Static(cid));
	let outcome = ctx.submit(&call, &from).await?;
	Ok(tx_output(
		&format!("transferred all of {cid} to {to}"),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}
