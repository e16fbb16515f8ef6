// SPDX-License-Identifier: GPL-3.0-or-later
//! Accounts: keys, native and community-currency balances, transfers.

use super::{native_text, parse_cc, parse_native, tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::error::{bad_input, Result};
use serde_json::json;

/// Keys, balances and transfers.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Generate a key (or store the given secret) in the keystore; prints its address.
	NewAccount(NewAccount),
	/// The addresses of the keys in the keystore.
	ListAccounts,
	/// Print the secret of a key in the keystore (as the key file holds it: a JSON string).
	ExportSecret(ExportSecret),
	/// Fund accounts from an endowed account (dev chains): one transfer each.
	Faucet(Faucet),
	/// The native balance, or with --cid the community-currency balance (demurrage applied).
	Balance(Balance),
	/// Transfer native tokens, or with --cid community currency.
	Transfer(Transfer),
	/// Transfer a whole community-currency balance (--cid), removing the sender's account.
	TransferAll(TransferAll),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::NewAccount(a) => new_account(ctx, a),
			Self::ListAccounts => list_accounts(ctx),
			Self::ExportSecret(a) => export_secret(ctx, a),
			Self::Faucet(a) => faucet(ctx, a).await,
			Self::Balance(a) => balance(ctx, a).await,
			Self::Transfer(a) => transfer(ctx, a).await,
			Self::TransferAll(a) => transfer_all(ctx, a).await,
		}
	}
}

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
fn new_account(ctx: &Ctx, args: NewAccount) -> Result<Output> {
	let key = match &args.secret {
		Some(secret) => ctx.keystore.insert(secret)?,
		None => ctx.keystore.generate()?,
	};
	let account = key.account().to_string();
	Ok(Output::new(account.clone(), json!({ "account": account })))
}

/// `list-accounts`
fn list_accounts(ctx: &Ctx) -> Result<Output> {
	let accounts: Vec<String> = ctx.keystore.list()?.iter().map(|a| a.to_string()).collect();
	Ok(Output::new(accounts.join("\n"), json!({ "accounts": accounts })))
}

/// `export-secret`
fn export_secret(ctx: &Ctx, args: ExportSecret) -> Result<Output> {
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
async fn faucet(ctx: &Ctx, args: Faucet) -> Result<Output> {
	let amount = parse_native(&args.amount)?;
	let from = ctx.signer(&args.from)?;
	let targets = args.accounts.iter().map(|a| ctx.account(a)).collect::<Result<Vec<_>>>()?;
	let (chain, key) = (ctx.chain().await?, &from.pair);
	let transfers = targets
		.iter()
		.map(|to| chain.balances().transfer_native(key, *to, amount, true));
	let outcomes = chain.each(transfers, || {}).await.into_iter().collect::<Result<Vec<_>>>()?;
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
async fn balance(ctx: &Ctx, args: Balance) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let chain = ctx.chain().await?;
	if ctx.global.cid.is_some() && !args.all {
		let (cid, details) = ctx.community().await?;
		let balance = chain.balances().of(cid, &who).await?;
		let symbol = super::text(&details.metadata.0.symbol);
		return Ok(Output::new(
			format!("{balance} {symbol}"),
			json!({ "account": who.to_string(), "cid": cid.to_string(), "balance": balance.to_string() }),
		));
	}
	let native = chain.balances().native(&who).await?;
	let mut text = native_text(native);
	let mut json = json!({ "account": who.to_string(), "native": native.to_string() });
	if args.all {
		let mut list = Vec::new();
		for (cid, balance) in chain.balances().all(&who).await? {
			text.push_str(&format!("\n{cid}: {balance}"));
			list.push(json!({ "cid": cid.to_string(), "balance": balance.to_string() }));
		}
		json["communities"] = list.into();
	}
	Ok(Output::new(text, json))
}

/// `transfer`
async fn transfer(ctx: &Ctx, args: Transfer) -> Result<Output> {
	let from = ctx.signer(&args.from)?;
	let to = ctx.account(&args.to)?;
	let balances = ctx.chain().await?.balances();
	if ctx.global.cid.is_some() {
		let (cid, _) = ctx.community().await?;
		let amount = parse_cc(&args.amount)?;
		let outcome = balances.transfer(&from.pair, to, cid, amount).await?;
		return Ok(tx_output(
			&format!("transferred {amount} of {cid} to {to}"),
			&outcome,
			json!({ "cid": cid.to_string(), "amount": amount.to_string() }),
		));
	}
	let amount = parse_native(&args.amount)?;
	let outcome = balances.transfer_native(&from.pair, to, amount, !args.allow_death).await?;
	Ok(tx_output(
		&format!("transferred {} to {to}", native_text(amount)),
		&outcome,
		json!({ "amount": amount.to_string() }),
	))
}

/// `transfer-all`
async fn transfer_all(ctx: &Ctx, args: TransferAll) -> Result<Output> {
	let from = ctx.signer(&args.from)?;
	let to = ctx.account(&args.to)?;
	let (cid, _) = ctx.community().await?;
	let outcome = ctx.chain().await?.balances().transfer_all(&from.pair, to, cid).await?;
	Ok(tx_output(
		&format!("transferred all of {cid} to {to}"),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}
