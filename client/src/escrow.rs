// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels from the client's side: the two ledgers, calls, reads and cheques.
//!
//! The runtime has one escrow pallet instance per ledger: `Escrow` (the native token, amounts
//! in plancks) and `CommunityEscrow` (community currencies, amounts in 64.64 fixed point,
//! cheques in principal at the channel's epoch start). Both have the same calls and view
//! functions, so this module builds them for either instance by name: an [`EscrowLedger`]
//! names the instance, and amounts travel as 128 raw bits (plancks, or the fixed-point bits),
//! which both encode alike.
//!
//! A [`Cheque`] is what a sender (or its cheque signer) hands a recipient off-chain: the
//! sr25519 signature over the SCALE [`ClaimPayload`] (domain tag, genesis hash, pallet index,
//! channel, nonce, cumulative amount), carried as one `0x…` token.

use crate::{
	amount::{native_text, parse_native},
	chain::Chain,
	error::{bad_input, Error, Result},
	json,
};
use codec::{Decode, Encode};
use convene_primitives::{
	community::CommunityIdentifier, escrow::ClaimPayload, fixed::U64F64, page::MAX_PAGE,
};
use serde_json::Value as Json;
use subxt::{
	dynamic::Value,
	transactions::DynamicPayload,
	utils::{AccountId32, H256},
};
use subxt_signer::sr25519::{self, Keypair};

/// Which escrow instance a channel lives in.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum EscrowLedger {
	/// The native token (`Escrow`).
	Native,
	/// Community currencies (`CommunityEscrow`); the community a new channel holds.
	Community(Option<CommunityIdentifier>),
}

impl EscrowLedger {
	/// The instance's pallet name in the runtime.
	pub fn pallet(&self) -> &'static str {
		match self {
			Self::Native => "Escrow",
			Self::Community(_) => "CommunityEscrow",
		}
	}

	/// The instance whose pallet has index `index` on `chain`.
	pub async fn of_pallet_index(chain: &Chain, index: u8) -> Result<Self> {
		for ledger in [Self::Native, Self::Community(None)] {
			if chain.pallet_index(ledger.pallet()).await? == index {
				return Ok(ledger);
			}
		}
		Err(bad_input(format!("no escrow pallet has index {index} on this chain")))
	}

	/// Parse an amount: native plancks or tokens with the `CVN` suffix; a decimal number of
	/// community currency. Returns the raw bits.
	pub fn parse_amount(&self, s: &str) -> Result<u128> {
		match self {
			Self::Native => parse_native(s),
			Self::Community(_) => {
				s.trim().parse::<U64F64>().map(U64F64::to_bits).map_err(|e| {
					bad_input(format!("{s:?} is not a community-currency amount: {e}"))
				})
			},
		}
	}

	/// An amount's text: `1.5 CVN`, or the decimal community-currency amount.
	pub fn amount_text(&self, bits: u128) -> String {
		match self {
			Self::Native => native_text(bits),
			Self::Community(_) => U64F64::from_bits(bits).to_string(),
		}
	}

	/// An amount in the JSON shape (`crate::json`): a decimal string either way (plancks, or
	/// the community-currency amount).
	pub fn amount_json(&self, bits: u128) -> Json {
		match self {
			Self::Native => Json::String(bits.to_string()),
			Self::Community(_) => Json::String(U64F64::from_bits(bits).to_string()),
		}
	}

	/// Parse an amount from its JSON shape (as [`EscrowLedger::amount_json`] writes it).
	pub fn amount_from_json(&self, value: &Json) -> Option<u128> {
		let s = value.as_str()?;
		match self {
			Self::Native => s.parse().ok(),
			Self::Community(_) => s.parse::<U64F64>().ok().map(U64F64::to_bits),
		}
	}

	/// An amount as a call argument.
	pub fn amount_value(&self, bits: u128) -> Value {
		match self {
			Self::Native => Value::u128(bits),
			// `U64F64` is a tuple struct of its bits.
			Self::Community(_) => Value::unnamed_composite([Value::u128(bits)]),
		}
	}

	/// The asset a new channel holds, as a call argument.
	pub fn asset_value(&self) -> Result<Value> {
		match self {
			Self::Native => Ok(Value::unnamed_composite([])),
			Self::Community(Some(cid)) => Ok(Value::named_composite([
				("geohash", Value::from_bytes(cid.geohash)),
				("digest", Value::from_bytes(cid.digest)),
			])),
			Self::Community(None) => Err(Error::NoCid),
		}
	}

	/// The call `call` of this instance with named `fields`.
	pub fn call(&self, call: &str, fields: Vec<(&str, Value)>) -> DynamicPayload<Value> {
		subxt::dynamic::tx(self.pallet(), call.to_owned(), Self::fields(fields))
	}

	/// The same call as a runtime call value, to batch or to dispatch through a proxy.
	pub fn runtime_call(&self, call: &str, fields: Vec<(&str, Value)>) -> Value {
		Value::unnamed_variant(
			self.pallet(),
			[Value::named_variant(
				call.to_owned(),
				fields.into_iter().map(|(n, v)| (n.to_owned(), v)),
			)],
		)
	}

	fn fields(fields: Vec<(&str, Value)>) -> Value {
		Value::named_composite(fields.into_iter().map(|(n, v)| (n.to_owned(), v)))
	}

	/// Call view function `function` of this instance with `args`; its result in the JSON
	/// shape of `crate::json`.
	pub async fn view(&self, chain: &Chain, function: &str, args: Vec<Value>) -> Result<Json> {
		let at = chain.at_best().await?;
		let metadata = at.metadata();
		let output = metadata
			.pallet_by_name(self.pallet())
			.and_then(|p| p.view_function_by_name(function))
			.map(|f| f.output_ty())
			.ok_or_else(|| {
				Error::Rpc(format!("the chain has no view function {}::{function}", self.pallet()))
			})?;
		let payload = subxt::view_functions::dynamic::<_, Value>(self.pallet(), function, args);
		let views = at.view_functions();
		// The function's 32-byte id, then its arguments; the runtime API takes them as
		// `(ViewFunctionId, Vec<u8>)`, so the arguments need their length prefix.
		let encoded = views.encode_args(&payload).map_err(Error::rpc)?;
		let (id, args) = encoded
			.split_at_checked(32)
			.ok_or_else(|| Error::Rpc(format!("cannot encode the arguments of {function}")))?;
		let input = [id.to_vec(), args.to_vec().encode()].concat();
		let bytes = views.call_raw(Some(&input)).await.map_err(Error::rpc)?;
		log::debug!("{function}({}) answered 0x{}", hex::encode(&input), hex::encode(&bytes));
		// The runtime API answers `Result<Vec<u8>, ViewFunctionDispatchError>`.
		let answer = <core::result::Result<Vec<u8>, Vec<u8>>>::decode(&mut &bytes[..]);
		let undecodable = || Error::Rpc(format!("undecodable answer of {function}"));
		match answer {
			Ok(Ok(bytes)) => {
				json::decode(metadata.types(), output, &mut &bytes[..]).ok_or_else(undecodable)
			},
			Ok(Err(_)) => Err(Error::Rpc(format!("the node failed to run {function}"))),
			Err(_) => Err(undecodable()),
		}
	}

	/// Channel `id` and what it holds now, or `None`.
	pub async fn channel(&self, chain: &Chain, id: u64) -> Result<Option<ChannelInfo>> {
		let info = self.view(chain, "channel_info", vec![Value::u128(id.into())]).await?;
		let Json::Array(pair) = info else { return Ok(None) };
		let (Some(channel), Some(escrowed)) = (pair.first(), pair.get(1)) else { return Ok(None) };
		self.parse_channel(id, channel, escrowed).map(Some)
	}

	/// A channel's JSON shape, with its id and what it holds now, as typed fields.
	fn parse_channel(&self, id: u64, channel: &Json, escrowed: &Json) -> Result<ChannelInfo> {
		let field = |name: &str| channel.get(name).cloned().unwrap_or(Json::Null);
		let account = |name: &str| -> Option<AccountId32> { field(name).as_str()?.parse().ok() };
		let parsed = (|| {
			Some(ChannelInfo {
				id,
				sender: account("sender")?,
				signer: account("signer")?,
				recipient: account("recipient")?,
				value: self.amount_from_json(&field("value"))?,
				escrowed: self.amount_from_json(escrowed)?,
				nonce: json_u64(&field("nonce"))?,
				expiration: u32::try_from(json_u64(&field("expiration"))?).ok()?,
				json: Json::Object(
					[("id".to_owned(), Json::from(id.to_string()))]
						.into_iter()
						.chain(channel.as_object()?.clone())
						.chain([("escrowed".to_owned(), escrowed.clone())])
						.collect(),
				),
			})
		})();
		parsed.ok_or_else(|| Error::Rpc(format!("unexpected channel shape: {channel}")))
	}

	/// The channels `who` sent (`sender`) or receives, read page by page.
	pub async fn channels_of(
		&self,
		chain: &Chain,
		who: &AccountId32,
		sender: bool,
	) -> Result<Vec<ChannelInfo>> {
		let function = if sender { "channels_of_sender" } else { "channels_of_recipient" };
		let (mut channels, mut after) = (Vec::new(), None);
		loop {
			let cursor = match after {
				Some(id) => Value::unnamed_variant("Some", [Value::u128(u128::from(id))]),
				None => Value::unnamed_variant("None", []),
			};
			let args = vec![Value::from_bytes(who.0), cursor, Value::u128(u128::from(MAX_PAGE))];
			let page = self.view(chain, function, args).await?;
			// Each item: `[id, channel, escrowed]`.
			for item in page["items"].as_array().into_iter().flatten() {
				let shape = || Error::Rpc(format!("unexpected channel shape: {item}"));
				let id = json_u64(&item[0]).ok_or_else(shape)?;
				channels.push(self.parse_channel(id, &item[1], &item[2])?);
			}
			match json_u64(&page["next"]) {
				Some(next) if after != Some(next) => after = Some(next),
				_ => return Ok(channels),
			}
		}
	}
}

/// A number in the JSON shape: a number, or a decimal string (wider than 32 bits).
fn json_u64(v: &Json) -> Option<u64> {
	v.as_u64().or_else(|| v.as_str()?.parse().ok())
}

/// A channel as read from the chain.
#[derive(Clone, Debug)]
pub struct ChannelInfo {
	/// Its id.
	pub id: u64,
	/// Who funded it.
	pub sender: AccountId32,
	/// Who signs cheques besides the sender.
	pub signer: AccountId32,
	/// Who claims.
	pub recipient: AccountId32,
	/// Its recorded value (raw bits).
	pub value: u128,
	/// What it holds now (raw bits; a community-currency escrow decays).
	pub escrowed: u128,
	/// The nonce cheques must be for.
	pub nonce: u64,
	/// When the sender may take back what is left.
	pub expiration: u32,
	/// Every field, in the JSON shape, with `id` and `escrowed`.
	pub json: Json,
}

/// A signed cheque: `amount` (cumulative, raw bits) on channel `channel_id` of the escrow
/// instance with pallet index `pallet_index`, at `nonce`.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq)]
pub struct Cheque {
	/// The escrow instance's pallet index.
	pub pallet_index: u8,
	/// The channel.
	pub channel_id: u64,
	/// The channel nonce it is for.
	pub nonce: u64,
	/// The cumulative amount (raw bits).
	pub amount: u128,
	/// The signer's sr25519 signature over the payload.
	pub signature: [u8; 64],
}

impl Cheque {
	/// The bytes signed: the SCALE [`ClaimPayload`] (u128 and 64.64 amounts encode alike).
	pub fn payload(
		genesis: H256,
		pallet_index: u8,
		channel_id: u64,
		nonce: u64,
		amount: u128,
	) -> Vec<u8> {
		ClaimPayload::new(genesis.0, pallet_index, channel_id, nonce, amount).encode()
	}

	/// `key`'s cheque.
	pub fn sign(
		genesis: H256,
		pallet_index: u8,
		channel_id: u64,
		nonce: u64,
		amount: u128,
		key: &Keypair,
	) -> Self {
		let payload = Self::payload(genesis, pallet_index, channel_id, nonce, amount);
		Self { pallet_index, channel_id, nonce, amount, signature: key.sign(&payload).0 }
	}

	/// Whether `account` signed it on the chain with `genesis`.
	pub fn signed_by(&self, genesis: H256, account: &AccountId32) -> bool {
		let payload =
			Self::payload(genesis, self.pallet_index, self.channel_id, self.nonce, self.amount);
		sr25519::verify(
			&sr25519::Signature(self.signature),
			payload,
			&sr25519::PublicKey(account.0),
		)
	}

	/// The signature as a call argument (`MultiSignature::Sr25519`).
	pub fn signature_value(&self) -> Value {
		Value::unnamed_variant("Sr25519", [Value::from_bytes(self.signature)])
	}

	/// The cheque as one `0x…` token (its SCALE encoding).
	pub fn to_token(&self) -> String {
		format!("0x{}", hex::encode(self.encode()))
	}

	/// A cheque from its token.
	pub fn from_token(token: &str) -> Result<Self> {
		let bad = |why: String| bad_input(format!("{token:?} is not a cheque: {why}"));
		let hex_part = token.trim().strip_prefix("0x").ok_or_else(|| bad("no 0x prefix".into()))?;
		let bytes = hex::decode(hex_part).map_err(|e| bad(e.to_string()))?;
		let mut input = &bytes[..];
		let cheque = Self::decode(&mut input).map_err(|e| bad(e.to_string()))?;
		if !input.is_empty() {
			return Err(bad(format!("{} bytes too many", input.len())));
		}
		Ok(cheque)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt_signer::SecretUri;

	#[test]
	fn cheques_round_trip_and_verify() {
		let alice = Keypair::from_uri(&"//Alice".parse::<SecretUri>().unwrap()).unwrap();
		let bob = Keypair::from_uri(&"//Bob".parse::<SecretUri>().unwrap()).unwrap();
		let genesis = H256::repeat_byte(7);
		let cheque = Cheque::sign(genesis, 65, 3, 2, 1_000, &alice);
		let token = cheque.to_token();
		assert_eq!(Cheque::from_token(&token).unwrap(), cheque);
		let alice_id = alice.public_key().to_account_id();
		assert!(cheque.signed_by(genesis, &alice_id));
		assert!(!cheque.signed_by(H256::repeat_byte(8), &alice_id));
		assert!(!cheque.signed_by(genesis, &bob.public_key().to_account_id()));
		assert!(!Cheque { amount: 1_001, ..cheque.clone() }.signed_by(genesis, &alice_id));
		assert!(Cheque::from_token(&format!("{token}00")).is_err());
		assert!(Cheque::from_token(&token[2..]).is_err());
		assert!(Cheque::from_token("0x1234").is_err());
	}

	#[test]
	fn amounts_per_ledger() {
		let native = EscrowLedger::Native;
		assert_eq!(native.parse_amount("1.5CVN").unwrap(), 1_500_000_000_000);
		assert_eq!(native.amount_text(1_500_000_000_000), "1.5 CVN");
		assert_eq!(native.amount_text(2_000_000_000_000), "2 CVN");
		assert!(native.parse_amount("1.5").is_err());
		let cc = EscrowLedger::Community(None);
		let bits = cc.parse_amount("2.5").unwrap();
		assert_eq!(cc.amount_text(bits), "2.5");
		assert_eq!(cc.amount_from_json(&cc.amount_json(bits)), Some(bits));
		assert_eq!(native.amount_from_json(&native.amount_json(7)), Some(7));
		assert!(cc.parse_amount("x").is_err());
		assert!(matches!(cc.asset_value(), Err(Error::NoCid)));
	}
}
