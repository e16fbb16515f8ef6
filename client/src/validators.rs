// SPDX-License-Identifier: GPL-3.0-or-later
//! Block producers: session keys generated in a node's keystore and registered on chain, the
//! validator set governance changes, and who authored a block.

use crate::{
	chain::AtBlock,
	error::{Error, Result},
	runtime, Chain,
};
use codec::{Decode, DecodeAll, Encode};
use subxt::{
	rpcs::rpc_params,
	storage::Address,
	utils::{AccountId32, Static, H256},
};

/// A validator's session keys: Aura (sr25519) and GRANDPA (ed25519) public keys, in the
/// runtime's `opaque::SessionKeys` encoding.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq)]
pub struct SessionKeys {
	/// Block authoring.
	pub aura: [u8; 32],
	/// Finality voting.
	pub grandpa: [u8; 32],
}

/// New session keys and the proof that their owner holds them.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct GeneratedKeys {
	/// The public keys.
	pub keys: SessionKeys,
	/// Each key's signature of the owner's account id, as `session.set_keys` checks it.
	pub proof: Vec<u8>,
}

/// What `author_rotateKeysWithOwner` answers.
#[derive(serde::Deserialize)]
struct RotatedKeys {
	keys: String,
	proof: Option<String>,
}

/// Decode a `0x`-hex string; `what` names it in the error.
pub fn from_hex(what: &str, text: &str) -> Result<Vec<u8>> {
	hex::decode(text.strip_prefix("0x").unwrap_or(text))
		.map_err(|e| Error::BadInput(format!("{what}: not hex ({e})")))
}

/// Decode session keys from their encoding (64 bytes: Aura, then GRANDPA).
pub fn decode_keys(bytes: &[u8]) -> Result<SessionKeys> {
	SessionKeys::decode_all(&mut &bytes[..]).map_err(|_| {
		Error::BadInput(format!(
			"session keys must be 64 bytes (Aura, then GRANDPA), got {}",
			bytes.len()
		))
	})
}

/// Have the node `chain` is connected to generate new session keys in its keystore, with a
/// proof of ownership for `owner`. The node must allow unsafe RPC methods (it does on
/// localhost by default).
pub async fn rotate_keys(chain: &Chain, owner: &AccountId32) -> Result<GeneratedKeys> {
	let owner = format!("0x{}", hex::encode(owner.0));
	let rotated: RotatedKeys = chain
		.rpc_client()
		.request("author_rotateKeysWithOwner", rpc_params![owner])
		.await
		.map_err(|e| Error::Rpc(format!("author_rotateKeysWithOwner: {e}")))?;
	let proof = rotated
		.proof
		.ok_or_else(|| Error::Rpc("the node gave no proof of key ownership".into()))?;
	Ok(GeneratedKeys {
		keys: decode_keys(&from_hex("keys", &rotated.keys)?)?,
		proof: from_hex("proof", &proof)?,
	})
}

/// The call registering `keys` for the signing account (`session.set_keys`).
pub fn set_keys(keys: &GeneratedKeys) -> impl subxt::transactions::Payload {
	runtime::transactions()
		.session()
		.set_keys(Static(keys.keys), keys.proof.clone())
}

/// The validators: those of the current session, and the set governance has planned.
#[derive(Clone, Debug, Eq, PartialEq, serde::Serialize)]
pub struct Validators {
	/// The current session's index.
	pub session_index: u32,
	/// Blocks per session (0: sessions never end).
	pub session_length: u32,
	/// Who authors blocks in the current session, in Aura's order.
	pub active: Vec<AccountId32>,
	/// The set `validatorSet` holds: it applies from the second session boundary after a change.
	pub planned: Vec<AccountId32>,
}

/// The value of the plain storage item `addr` at `at` (its default when unset).
async fn plain<Addr: Address<KeyParts = ()>>(at: &AtBlock, addr: Addr) -> Result<Addr::Value> {
	at.storage()
		.fetch(addr, ())
		.await
		.map_err(Error::rpc)?
		.decode()
		.map_err(Error::rpc)
}

/// The validators at block `at` (the best block if `None`).
pub async fn validators(chain: &Chain, at: Option<H256>) -> Result<Validators> {
	let at = match at {
		Some(hash) => chain.at(hash).await?,
		None => chain.at_best().await?,
	};
	Ok(Validators {
		session_index: plain(&at, runtime::storage().session().current_index()).await?,
		session_length: plain(&at, runtime::storage().validator_set().session_length()).await?,
		active: plain(&at, runtime::storage().session().validators()).await?,
		planned: plain(&at, runtime::storage().validator_set().validators()).await?.0,
	})
}

/// Who authors blocks in the session of block `at`, in Aura's order (one storage read, for
/// callers that look at many blocks).
pub async fn active_at(chain: &Chain, at: H256) -> Result<Vec<AccountId32>> {
	plain(&chain.at(at).await?, runtime::storage().session().validators()).await
}
