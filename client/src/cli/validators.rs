// SPDX-License-Identifier: GPL-3.0-or-later
//! Block producers: `set-session-keys`, `add-validator`, `remove-validator`, `list-validators`.

use super::{tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	error::{bad_input, Result},
	validators::{decode_keys, from_hex, GeneratedKeys},
};
use serde_json::json;

/// Block producers.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Register session keys for a validator account: generated in the keystore of the node at
	/// --node-url (which must be the validator's node), or given with --keys and --proof.
	SetSessionKeys(SetSessionKeys),
	/// Add a validator (through Sudo); it authors from the second session boundary on.
	AddValidator(ChangeSet),
	/// Remove a validator (through Sudo); it stops from the second session boundary on.
	RemoveValidator(ChangeSet),
	/// The validators: active in this session, joining or leaving.
	ListValidators,
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::SetSessionKeys(a) => set_session_keys(ctx, a).await,
			Self::AddValidator(a) => change_set(ctx, a, true).await,
			Self::RemoveValidator(a) => change_set(ctx, a, false).await,
			Self::ListValidators => list_validators(ctx).await,
		}
	}
}

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
async fn set_session_keys(ctx: &Ctx, args: SetSessionKeys) -> Result<Output> {
	let key = ctx.signer(&args.account)?;
	let validators = ctx.chain().await?.validators();
	let generated = match (args.keys, args.proof) {
		(Some(keys), Some(proof)) => GeneratedKeys {
			keys: decode_keys(&from_hex("--keys", &keys)?)?,
			proof: from_hex("--proof", &proof)?,
		},
		(None, None) => validators.rotate_keys(&key.account()).await?,
		_ => return Err(bad_input("give both --keys and --proof, or neither")),
	};
	let outcome = validators.set_keys(&key.pair, &generated).await?;
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

/// `add-validator`, `remove-validator`: the change, signed by the sudo key, and the set after.
async fn change_set(ctx: &Ctx, args: ChangeSet, add: bool) -> Result<Output> {
	let who = ctx.account(&args.account)?;
	let key = ctx.signer(&args.signer)?;
	let validators = ctx.chain().await?.validators();
	let (outcome, what) = if add {
		(validators.add(&key.pair, who).await?, format!("added validator {who}"))
	} else {
		(validators.remove(&key.pair, who).await?, format!("removed validator {who}"))
	};
	let set = validators.set(outcome.block).await?;
	Ok(tx_output(&what, &outcome, json!({ "validators": set })))
}

/// `list-validators`: the current session's validators and the planned set.
async fn list_validators(ctx: &Ctx) -> Result<Output> {
	let set = ctx.chain().await?.validators().set(None).await?;
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
