// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremony helpers shared by the CLI and the bots.

use crate::{
	error::Result,
	keystore::Key,
	runtime::{
		self,
		runtime_types::{pallet_ceremonies::types::ProofOfAttendance, sp_runtime::MultiSignature},
	},
	Chain,
};
use convene_primitives::{
	ceremony::{proof_of_attendance_payload, Reputation},
	community::CommunityIdentifier,
	scheduler::CeremonyIndex,
};
use subxt::utils::{AccountId32, Static};

/// A proof of attendance, as `register_participant` takes it.
pub type Proof = ProofOfAttendance<MultiSignature, AccountId32>;

/// The ceremony registrations go to now (`None` while assigning), as proofs must name it.
pub async fn registration_target(chain: &Chain) -> Result<Option<CeremonyIndex>> {
	chain.call(runtime::runtime_apis().ceremonies_api().registration_target()).await
}

/// A proof that `key` attended a ceremony of `cid` and has not used that attendance yet, to
/// register for the ceremony registrations are open for now ([`own_proof_for`]). `None`
/// without one, or while assigning.
pub async fn own_proof(
	chain: &Chain,
	cid: CommunityIdentifier,
	key: &Key,
) -> Result<Option<Proof>> {
	match registration_target(chain).await? {
		Some(target) => own_proof_for(chain, cid, key, target).await,
		None => Ok(None),
	}
}

/// A proof that `key` attended a ceremony of `cid` and has not used that attendance yet: its
/// latest `VerifiedUnlinked` reputation, signed by the key for itself to register for ceremony
/// `target`. `None` without one.
pub async fn own_proof_for(
	chain: &Chain,
	cid: CommunityIdentifier,
	key: &Key,
	target: CeremonyIndex,
) -> Result<Option<Proof>> {
	let who = key.account();
	let reputations = chain
		.every_page(|after, limit| {
			runtime::runtime_apis().ceremonies_api().reputations(who, after, limit)
		})
		.await?;
	let Some(cindex) = reputations
		.iter()
		.filter(|(c, _, r)| c.0 == cid && r.0 == Reputation::VerifiedUnlinked)
		.map(|(_, cindex, _)| *cindex)
		.max()
	else {
		return Ok(None);
	};
	let payload = proof_of_attendance_payload(&chain.genesis_hash(), &cid, cindex, target, &who);
	let signature = key.pair.sign(&payload);
	Ok(Some(ProofOfAttendance {
		prover: who,
		cid: Static(cid),
		cindex,
		attendee: who,
		signature: MultiSignature::Sr25519(signature.0),
	}))
}
