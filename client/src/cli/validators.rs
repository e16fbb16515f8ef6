// SPDX-License-Identifier: GPL-3.0-or-later
//! Block producers: `set-session-keys`, `add-validator`, `remove-validator`, `list-validators`.

use super::{tx_output, Ctx, Output};
use clap::Args;
use convene_client::{
	error::{bad_input, Result},
	runtime::{self, runtime_types::pallet_validator_set::pallet::Call as ValidatorSetCall},
	validators::{self, decode_keys, from_hex, GeneratedKeys},
};
use serde_json::json;

/// `set-session-keys ACCOUNT [--keys HEX --proof HEX]`
#[derive(Args, Debug)]
pub struct SetSessionKeys {
	/// The validator's account (signs).
	pub account: String,
	/// Session keys generated elsewhere (0x-hex, 64 bytes); without them, the node at
	/// --node-url generates new ones in its keystore (`author_rotateKeysWithOwner`).
	#[arg(long, requires = "proof")]
	pub keys: Option<String>,
	/// The proof of ownership that came with --keys (0x-hex).
	#[arg(long, requires = "keys")]
	pub proof: Option<String>,
}

/// `add-validator ACCOUNT` / `remove-validator ACCOUNT`
#[derive(Args, Debug)]
pub struct ChangeSet {
	/// The validator's account.
	pub account: String,
	/// The sudo key.
	#[arg(short, long, default_value = "//Alice")]
	pub signer: String,
}

/// `set-session-keys`: Session.set_keys with keys the node generates (or given ones).
pub async fn set_session_keys(ctx: &Ctx, args: SetSessionKeys) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let generated = match (args.keys, args.proof) {
		(Some(keys), Some(proof)) => GeneratedKeys {
			keys: decode_keys(&from_hex("--keys", &keys)?)?,
			proof: from_hex("--proof", &proof)?,
		},
		(None, None) => validators::rotate_keys(ctx.chain().await?, &key.account()).await?,
		_ => return Err(bad_input("give both --keys and --proof, or neither")),
	};
	let outcome = ctx.submit(&validators::set_keys(&generated), &key).await?;
	let keys =
		format!("0x{}{}", hex::encode(generated.keys.aura), hex::encode(generated.keys.grandpa));
	let mut out = tx_output(
		&format!("session keys of {} set", key.account()),
		&outcome,
		json!({ "account": key.account().to_string(), "keys": keys }),
	);
	out.text = format!("{keys}\n{}", out.text);
	Ok(out)
}

/// `add-validator`: Sudo(ValidatorSet.add_validator).
pub async fn add_validator(ctx: &Ctx, args: ChangeSet) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let call = runtime::runtime_types::convene_runtime::RuntimeCall::ValidatorSet(
		ValidatorSetCall::add_validator { who },
	);
	change_set(ctx, &args.signer, call, format!("added validator {who}")).await
}

/// `remove-validator`: Sudo(ValidatorSet.remove_validator).
pub async fn remove_validator(ctx: &Ctx, args: ChangeSet) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let call = runtime::runtime_types::convene_runtime::RuntimeCall::ValidatorSet(
		ValidatorSetCall::remove_validator { who },
	);
	change_set(ctx, &args.signer, call, format!("removed validator {who}")).await
}

async fn change_set(
	ctx: &Ctx,
	signer: &str,
	call: runtime::runtime_types::convene_runtime::RuntimeCall,
	what: String,
) -> Result<Output> {
	let key = ctx.signer(signer)?;
	let outcome = ctx.submit(&runtime::transactions().sudo().sudo(call), &key).await?;
	let set = validators::validators(ctx.chain().await?, outcome.block).await?;
	Ok(tx_output(&what, &outcome, json!({ "validators": set })))
}

/// `list-validators`: the current session's validators and the planned set.
pub async fn list_validators(ctx: &Ctx) -> Result<Output> {
	let set = validators::validators(ctx.chain().await?, None).await?;
	let mut text = format!("session {} ({} blocks each)\n", set.session_index, set.session_length);
	for v in &set.planned {
		let state = if set.active.contains(v) { "active" } else { "joins" };
		text.push_str(&format!("{v} {state}\n"));
	}
	for v in set.active.iter().filter(|v| !set.planned.contains(v)) {
		text.push_str(&format!("{v} leaves\n"));
	}
	Ok(Output::new(text.trim_end().to_owned(), json!(set)))
}
