// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels from the client's side: the two ledgers, calls, reads and cheques.
//!
//! The runtime has one escrow pallet instance per ledger: `Escrow` (the native token, amounts
//! in plancks) and `CommunityEscrow` (community currencies, amounts in 64.64 fixed point,
//! cheques in principal at the channel's epoch start). Both have the same calls and view
//! functions; [`Chain::escrow`] takes an [`EscrowLedger`] and builds them from the instance's
//! generated module (one macro over the two, so a renamed call or field fails to compile).
//! Amounts travel as 128 raw bits (plancks, or the fixed-point bits), which both encode alike.
//!
//! A [`Cheque`] is what a sender (or its cheque signer) hands a recipient off-chain: the
//! sr25519 signature over the SCALE [`ClaimPayload`] (domain tag, genesis hash, pallet index,
//! channel, nonce, cumulative amount), carried as one `0x…` token.

use crate::{
	amount::{native_text, parse_native},
	chain::Chain,
	error::{bad_input, Error, Result},
	runtime::{
		self,
		runtime_types::{
			convene_runtime::{configs::ProxyType, RuntimeCall},
			pallet_escrow::ChannelTerms,
			pallet_utility::pallet::Call as UtilityCall,
			sp_runtime::MultiSignature,
		},
	},
	TxOutcome,
};
use codec::{Decode, Encode};
use convene_primitives::{
	community::CommunityIdentifier, escrow::ClaimPayload, fixed::U64F64, page::MAX_PAGE,
};
use serde_json::Value as Json;
use subxt::utils::{AccountId32, MultiAddress, Static, H256};
use subxt_signer::sr25519::{self, Keypair};

pub use runtime::runtime_types::pallet_escrow::ClaimMode;

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

	/// The community a new channel of this ledger holds.
	pub fn cid(&self) -> Option<CommunityIdentifier> {
		match self {
			Self::Native => None,
			Self::Community(cid) => *cid,
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
	/// The community whose currency it holds (`None`: the native token).
	pub asset: Option<CommunityIdentifier>,
	/// The time (ms) its epoch started: cheques are in principal at it (community currencies).
	pub epoch_stamp: u64,
	/// Every field, in the JSON shape, with `id` and `escrowed`.
	pub json: Json,
}

/// The calls, views and types of one escrow instance, from its generated module: both
/// instances have the same calls, fields and view functions over different amount, asset and
/// time-stamp types, which these functions convert.
macro_rules! escrow_instance {
	(
		$name:ident, $pallet:ident, $variant:ident,
		amount: $amount:ty, |$bits:ident| $from_bits:expr, |$a:ident| $to_bits:expr,
		asset: $asset:ty, |$cid:ident| $from_cid:expr, |$x:ident| $to_cid:expr,
		stamp: $stamp:ty, |$s:ident| $to_stamp:expr $(,)?
	) => {
		mod $name {
			use super::*;

			/// A channel of this instance.
			pub type Channel = runtime::runtime_types::pallet_escrow::Channel<
				AccountId32,
				$asset,
				$amount,
				u32,
				$stamp,
			>;

			pub fn tx() -> runtime::$pallet::calls::api::TransactionApi {
				runtime::transactions().$pallet()
			}

			pub fn views() -> runtime::$pallet::view_functions::ViewFunctionsApi {
				runtime::view_functions().$pallet()
			}

			pub fn claim(claim: &ChequeClaim) -> runtime::$pallet::Call {
				runtime::$pallet::Call::claim {
					channel_id: claim.cheque.channel_id,
					actual: amount(claim.actual),
					planned: amount(claim.cheque.amount),
					signature: MultiSignature::Sr25519(claim.cheque.signature),
					mode: claim.mode(),
				}
			}

			pub fn runtime_call(call: runtime::$pallet::Call) -> RuntimeCall {
				RuntimeCall::$variant(call)
			}

			pub fn amount($bits: u128) -> $amount {
				$from_bits
			}

			pub fn bits($a: &$amount) -> u128 {
				$to_bits
			}

			pub fn asset($cid: Option<CommunityIdentifier>) -> Result<$asset> {
				$from_cid
			}

			/// A channel as the view functions answer it, with its JSON rendering.
			pub fn info(
				id: u64,
				channel: &Channel,
				escrowed: &$amount,
				json: &Json,
			) -> ChannelInfo {
				let ($x, $s) = (&channel.asset, &channel.epoch_stamp);
				ChannelInfo {
					id,
					sender: channel.sender,
					signer: channel.signer,
					recipient: channel.recipient,
					value: bits(&channel.value),
					escrowed: bits(escrowed),
					nonce: channel.nonce,
					expiration: channel.expiration,
					asset: $to_cid,
					epoch_stamp: $to_stamp,
					json: channel_json(id, json),
				}
			}
		}
	};
}

escrow_instance!(
	native, escrow, Escrow,
	amount: u128, |bits| bits, |amount| *amount,
	asset: (), |_cid| Ok(()), |_asset| None,
	stamp: (), |_stamp| 0,
);

escrow_instance!(
	community, community_escrow, CommunityEscrow,
	amount: Static<U64F64>, |bits| Static(U64F64::from_bits(bits)), |amount| amount.0.to_bits(),
	asset: Static<CommunityIdentifier>, |cid| cid.map(Static).ok_or(Error::NoCid),
		|asset| Some(asset.0),
	stamp: u64, |stamp| *stamp,
);

/// Run `$body` with `$i` naming the instance module of `$ledger`.
macro_rules! on_instance {
	($ledger:expr, $i:ident => $body:expr) => {
		match $ledger {
			EscrowLedger::Native => {
				use native as $i;
				$body
			},
			EscrowLedger::Community(_) => {
				use community as $i;
				$body
			},
		}
	};
}

/// A channel's JSON: its id, its fields, and what it holds (`[channel, escrowed]` as the view
/// functions answer it).
fn channel_json(id: u64, pair: &Json) -> Json {
	let fields = pair.get(0).and_then(Json::as_object).cloned().unwrap_or_default();
	let escrowed = pair.get(1).cloned().unwrap_or(Json::Null);
	Json::Object(
		[("id".to_owned(), Json::from(id.to_string()))]
			.into_iter()
			.chain(fields)
			.chain([("escrowed".to_owned(), escrowed)])
			.collect(),
	)
}

/// What a channel opens with.
#[derive(Clone, Debug)]
pub struct Terms {
	/// Who signs cheques besides the sender.
	pub signer: AccountId32,
	/// Who is paid.
	pub recipient: AccountId32,
	/// The service the channel pays.
	pub group_id: [u8; 32],
	/// How much it escrows (raw bits).
	pub value: u128,
	/// The block it expires at.
	pub expiration: u32,
}

/// A claim of a cheque.
#[derive(Clone, Debug)]
pub struct ChequeClaim {
	/// The cheque.
	pub cheque: Cheque,
	/// How much to take now (raw bits).
	pub actual: u128,
	/// Keep the channel open, or close it and refund the rest.
	pub close: bool,
}

/// One escrow instance on one connection.
#[derive(Clone, Copy)]
pub struct Escrow<'a> {
	chain: &'a Chain,
	ledger: EscrowLedger,
}

impl Chain {
	/// The escrow instance of `ledger`: payment channels, their claims and reads.
	pub fn escrow(&self, ledger: EscrowLedger) -> Escrow<'_> {
		Escrow { chain: self, ledger }
	}
}

impl Escrow<'_> {
	/// The ledger.
	pub fn ledger(self) -> EscrowLedger {
		self.ledger
	}

	/// The instance's pallet index (cheques sign it).
	pub async fn pallet_index(self) -> Result<u8> {
		self.chain.pallet_index(self.ledger.pallet()).await
	}

	/// Channel `id` and what it holds now, or `None`.
	pub async fn channel(self, id: u64) -> Result<Option<ChannelInfo>> {
		on_instance!(self.ledger, i => {
			let (answer, json) = self.chain.view(i::views().channel_info(id)).await?;
			Ok(answer.map(|(channel, escrowed)| i::info(id, &channel, &escrowed, &json)))
		})
	}

	/// The channels `who` sent (`sender`) or receives, read page by page.
	pub async fn channels_of(self, who: &AccountId32, sender: bool) -> Result<Vec<ChannelInfo>> {
		let (mut channels, mut after) = (Vec::new(), None);
		loop {
			let next = on_instance!(self.ledger, i => {
				let views = i::views();
				let (Static(page), json) = if sender {
					self.chain.view(views.channels_of_sender(*who, after, MAX_PAGE)).await?
				} else {
					self.chain.view(views.channels_of_recipient(*who, after, MAX_PAGE)).await?
				};
				for (n, (id, channel, escrowed)) in page.items.iter().enumerate() {
					// Each item's JSON: `[id, channel, escrowed]`.
					let item = &json["items"][n];
					let pair = Json::Array(vec![item[1].clone(), item[2].clone()]);
					channels.push(i::info(*id, channel, escrowed, &pair));
				}
				page.next
			});
			match next {
				Some(next) if after != Some(next) => after = Some(next),
				_ => return Ok(channels),
			}
		}
	}

	/// Open a channel from `key` (its sender) with `terms`; returns its id with the outcome.
	pub async fn open(self, key: &Keypair, terms: Terms) -> Result<(u64, TxOutcome)> {
		let outcome = on_instance!(self.ledger, i => {
			let terms = ChannelTerms {
				signer: terms.signer,
				recipient: terms.recipient,
				group_id: terms.group_id,
				asset: i::asset(self.ledger.cid())?,
				value: i::amount(terms.value),
				expiration: terms.expiration,
			};
			self.chain.submit(&i::tx().open_channel(terms), key).await?
		});
		let opened = match self.ledger {
			EscrowLedger::Native => {
				outcome.first::<runtime::escrow::events::ChannelOpened>().map(|e| e.channel_id)
			},
			EscrowLedger::Community(_) => outcome
				.first::<runtime::community_escrow::events::ChannelOpened>()
				.map(|e| e.channel_id),
		};
		let id =
			opened.ok_or_else(|| Error::Rpc("the node reported no ChannelOpened event".into()))?;
		Ok((id, outcome))
	}

	/// Add `amount` (raw bits) to channel `id`; anyone may.
	pub async fn add_funds(self, key: &Keypair, id: u64, amount: u128) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => {
			self.chain.submit(&i::tx().add_funds(id, i::amount(amount)), key).await
		})
	}

	/// Move channel `id`'s expiration to `expiration` (its sender), adding `amount` if given.
	pub async fn extend(
		self,
		key: &Keypair,
		id: u64,
		expiration: u32,
		amount: Option<u128>,
	) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => match amount {
			Some(amount) => {
				let call = i::tx().extend_and_add_funds(id, expiration, i::amount(amount));
				self.chain.submit(&call, key).await
			},
			None => self.chain.submit(&i::tx().extend(id, expiration), key).await,
		})
	}

	/// Take back what is left of expired channel `id` (its sender).
	pub async fn claim_timeout(self, key: &Keypair, id: u64) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => self.chain.submit(&i::tx().claim_timeout(id), key).await)
	}

	/// Give back what is left of channel `id` (its recipient).
	pub async fn release(self, key: &Keypair, id: u64) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => self.chain.submit(&i::tx().release(id), key).await)
	}

	/// Remove empty channel `id` (its sender).
	pub async fn close(self, key: &Keypair, id: u64) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => self.chain.submit(&i::tx().close(id), key).await)
	}

	/// Claim `claim` as `key` (the channel's recipient).
	pub async fn claim(self, key: &Keypair, claim: &ChequeClaim) -> Result<TxOutcome> {
		on_instance!(self.ledger, i => {
			let c = &claim.cheque;
			let call = i::tx().claim(
				c.channel_id,
				i::amount(claim.actual),
				i::amount(c.amount),
				MultiSignature::Sr25519(c.signature),
				claim.mode(),
			);
			self.chain.submit(&call, key).await
		})
	}

	/// The runtime call claiming `claim` in this instance (to batch, or to proxy).
	pub fn claim_call(self, claim: &ChequeClaim) -> RuntimeCall {
		on_instance!(self.ledger, i => i::runtime_call(i::claim(claim)))
	}
}

impl ChequeClaim {
	fn mode(&self) -> ClaimMode {
		if self.close {
			ClaimMode::CloseAndRefund
		} else {
			ClaimMode::KeepOpen
		}
	}
}

/// Claim cheques, each in the escrow instance it names, as `key`: one claim is one call,
/// several are one `force_batch` in which a stale cheque fails alone (`ItemFailed`);
/// `for_recipient` claims as that recipient's treasurer (through its `EscrowClaim` proxy).
pub async fn claim(
	chain: &Chain,
	key: &Keypair,
	claims: &[(EscrowLedger, ChequeClaim)],
	for_recipient: Option<AccountId32>,
) -> Result<TxOutcome> {
	let calls = || -> Vec<RuntimeCall> {
		claims.iter().map(|(ledger, c)| chain.escrow(*ledger).claim_call(c)).collect()
	};
	let batch = || RuntimeCall::Utility(UtilityCall::force_batch { calls: calls() });
	match (for_recipient, claims) {
		(_, []) => Err(bad_input("no cheque given")),
		(None, [(ledger, one)]) => chain.escrow(*ledger).claim(key, one).await,
		(None, _) => {
			chain.submit(&runtime::transactions().utility().force_batch(calls()), key).await
		},
		(Some(recipient), claims) => {
			let call = match claims {
				[(ledger, one)] => chain.escrow(*ledger).claim_call(one),
				_ => batch(),
			};
			let proxy =
				runtime::transactions().proxy().proxy(MultiAddress::Id(recipient), None, call);
			chain.submit(&proxy, key).await
		},
	}
}

/// Let `treasurer` claim `key`'s channels, and do nothing else (an `EscrowClaim` proxy).
pub async fn add_treasurer(
	chain: &Chain,
	key: &Keypair,
	treasurer: AccountId32,
) -> Result<TxOutcome> {
	let call = runtime::transactions().proxy().add_proxy(
		MultiAddress::Id(treasurer),
		ProxyType::EscrowClaim,
		0,
	);
	chain.submit(&call, key).await
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
		assert_eq!(cc.amount_json(bits), Json::String("2.5".into()));
		assert_eq!(native.amount_json(7), Json::String("7".into()));
		assert!(cc.parse_amount("x").is_err());
	}
}
