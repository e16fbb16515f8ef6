// SPDX-License-Identifier: GPL-3.0-or-later
//! Block producers: session keys generated in a node's keystore and registered on chain, the
//! validator set governance changes, and who authored a block.

use crate::{
	chain::AtBlock,
	error::{Error, Result},
	runtime::{
		self,
		runtime_types::{
			convene_runtime::RuntimeCall, pallet_utility::pallet::Call as UtilityCall,
			pallet_validator_set::pallet::Call as ValidatorSetCall,
		},
	},
	Chain, TxOutcome,
};
use codec::{Decode, DecodeAll, Encode};
use subxt::{
	rpcs::rpc_params,
	storage::Address,
	utils::{AccountId32, Static, H256},
};
use subxt_signer::sr25519::Keypair;

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

/// The validators: those of the current session, and the set governance has planned.
#[derive(Clone, Debug, Eq, PartialEq, serde::Serialize)]
pub struct ValidatorSet {
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

/// Validators on one connection.
#[derive(Clone, Copy)]
pub struct Validators<'a> {
	chain: &'a Chain,
}

impl Chain {
	/// Validators: session keys, the validator set, block authors.
	pub fn validators(&self) -> Validators<'_> {
		Validators { chain: self }
	}
}

impl Validators<'_> {
	/// Have the node this connection is to generate new session keys in its keystore, with a
	/// proof of ownership for `owner`. The node must allow unsafe RPC methods (it does on
	/// localhost by default).
	pub async fn rotate_keys(self, owner: &AccountId32) -> Result<GeneratedKeys> {
		let owner = format!("0x{}", hex::encode(owner.0));
		let rotated: RotatedKeys = self
			.chain
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

	/// Register `keys` as the session keys of `key`'s account (`session.set_keys`).
	pub async fn set_keys(self, key: &Keypair, keys: &GeneratedKeys) -> Result<TxOutcome> {
		let call = runtime::transactions()
			.session()
			.set_keys(Static(keys.keys), keys.proof.clone());
		self.chain.submit(&call, key).await
	}

	/// Add `who` to the validator set (Root: `sudo` is the sudo key); it authors from the
	/// second session boundary on.
	pub async fn add(self, sudo: &Keypair, who: AccountId32) -> Result<TxOutcome> {
		let call = RuntimeCall::ValidatorSet(ValidatorSetCall::add_validator { who });
		self.chain.submit(&runtime::transactions().sudo().sudo(call), sudo).await
	}

	/// Add `all` to the validator set in one batch (Root): all or none.
	pub async fn add_all(self, sudo: &Keypair, all: &[AccountId32]) -> Result<TxOutcome> {
		let additions = all
			.iter()
			.map(|who| RuntimeCall::ValidatorSet(ValidatorSetCall::add_validator { who: *who }))
			.collect();
		let batch = RuntimeCall::Utility(UtilityCall::batch_all { calls: additions });
		self.chain.submit(&runtime::transactions().sudo().sudo(batch), sudo).await
	}

	/// Remove `who` from the validator set (Root); it stops from the second session boundary on.
	pub async fn remove(self, sudo: &Keypair, who: AccountId32) -> Result<TxOutcome> {
		let call = RuntimeCall::ValidatorSet(ValidatorSetCall::remove_validator { who });
		self.chain.submit(&runtime::transactions().sudo().sudo(call), sudo).await
	}

	/// The validators at block `at` (the best block if `None`).
	pub async fn set(self, at: Option<H256>) -> Result<ValidatorSet> {
		let at = match at {
			Some(hash) => self.chain.at(hash).await?,
			None => self.chain.at_best().await?,
		};
		Ok(ValidatorSet {
			session_index: plain(&at, runtime::storage().session().current_index()).await?,
			session_length: plain(&at, runtime::storage().validator_set().session_length()).await?,
			active: plain(&at, runtime::storage().session().validators()).await?,
			planned: plain(&at, runtime::storage().validator_set().validators()).await?.0,
		})
	}

	/// Who authors blocks in the session of block `at`, in Aura's order (one storage read, for
	/// callers that look at many blocks).
	pub async fn active_at(self, at: H256) -> Result<Vec<AccountId32>> {
		plain(&self.chain.at(at).await?, runtime::storage().session().validators()).await
	}
}
