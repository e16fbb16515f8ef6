// SPDX-License-Identifier: GPL-3.0-or-later
//! The block author's VRF output for `pallet-vrf-randomness`: this node signs the chain's
//! accumulated randomness and the slot with the slot author's Aura key, if the key is in its
//! keystore (otherwise another node authors the slot, and provides nothing here).

use crate::types::FullClient;
use convene_runtime::opaque::Block;
use pallet_vrf_randomness::{
	runtime_api::VrfRandomnessApi, sign_data, VrfOutput, INHERENT_IDENTIFIER,
};
use sp_api::ProvideRuntimeApi;
use sp_consensus_aura::AuraApi;
use sp_inherents::{InherentData, InherentIdentifier};
use sp_keystore::KeystorePtr;
use sp_runtime::traits::Block as BlockT;

/// Provides the author's [`VrfOutput`] as inherent data, when this node authors the slot.
pub struct VrfInherentDataProvider(Option<VrfOutput>);

impl VrfInherentDataProvider {
	/// The output for a block in `slot` on top of `parent`, if the slot's Aura authority's key
	/// is in `keystore`.
	pub fn new(
		client: &FullClient,
		keystore: &KeystorePtr,
		parent: <Block as BlockT>::Hash,
		slot: u64,
	) -> Self {
		Self(Self::sign(client, keystore, parent, slot).unwrap_or_else(|e| {
			log::warn!(target: "convene", "cannot make the block's VRF output: {e}");
			None
		}))
	}

	fn sign(
		client: &FullClient,
		keystore: &KeystorePtr,
		parent: <Block as BlockT>::Hash,
		slot: u64,
	) -> Result<Option<VrfOutput>, String> {
		let api = client.runtime_api();
		let authorities: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			api.authorities(parent).map_err(|e| e.to_string())?;
		let accumulator = api.accumulator(parent).map_err(|e| e.to_string())?;
		let Some(index) = slot.checked_rem(authorities.len() as u64) else { return Ok(None) };
		let Some(author) = usize::try_from(index).ok().and_then(|i| authorities.get(i)) else {
			return Ok(None);
		};
		let signature = keystore
			.sr25519_vrf_sign(
				sp_runtime::key_types::AURA,
				author.as_ref(),
				&sign_data(&accumulator, slot),
			)
			.map_err(|e| e.to_string())?;
		Ok(signature.as_ref().and_then(VrfOutput::from_signature))
	}
}

#[async_trait::async_trait]
impl sp_inherents::InherentDataProvider for VrfInherentDataProvider {
	async fn provide_inherent_data(
		&self,
		data: &mut InherentData,
	) -> Result<(), sp_inherents::Error> {
		match &self.0 {
			Some(output) => data.put_data(INHERENT_IDENTIFIER, output),
			None => Ok(()),
		}
	}

	async fn try_handle_error(
		&self,
		identifier: &InherentIdentifier,
		_error: &[u8],
	) -> Option<Result<(), sp_inherents::Error>> {
		(*identifier == INHERENT_IDENTIFIER).then(|| {
			Err(sp_inherents::Error::Application(Box::from(
				"the block has no VRF output of its author",
			)))
		})
	}
}
