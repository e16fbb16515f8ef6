// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremony types shared by the chain and its clients: reputation and proofs of attendance.
//!
//! A proof of attendance lets an account register as reputable: the account that attended a
//! ceremony (the *attendee*) signs [`proof_of_attendance_payload`], naming the account that
//! registers with it (the *prover*; usually the same). The payload is domain-separated: it
//! carries a tag, the chain's genesis hash, the community, the ceremony attended and the ceremony
//! registered for, so a signature is good for one chain, one community, one attendance and one
//! registration only (the reference signs just `(prover, ceremony index)`, valid on every chain,
//! in every community and for every later ceremony).
//!
//! An attendance seats one reputable, once: it is usable while `VerifiedUnlinked` and spent
//! (`VerifiedLinked`) by the registration it seats; and one attendee's attendances seat at most
//! one reputable per ceremony, so a person with several attendances cannot seat several
//! accounts at one ceremony. Moving an attendance to a new key (prover ≠ attendee) stays
//! possible.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{community::CommunityIdentifier, scheduler::CeremonyIndex};

/// The tag that starts every proof-of-attendance payload.
pub const PROOF_OF_ATTENDANCE_TAG: &[u8] = b"convene/proof-of-attendance";

/// What an account's attendance of a community ceremony is worth.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
pub enum Reputation {
	/// Nothing (not attended, or not rewarded).
	#[default]
	Unverified,
	/// Registered with a proof of an earlier attendance; verified once rewarded.
	UnverifiedReputable,
	/// Attended and rewarded; not yet used to register.
	VerifiedUnlinked,
	/// Attended and rewarded, and used to register for the given ceremony.
	VerifiedLinked(CeremonyIndex),
}

impl Reputation {
	/// Whether the attendance was verified (rewarded).
	pub fn is_verified(&self) -> bool {
		matches!(self, Self::VerifiedUnlinked | Self::VerifiedLinked(_))
	}
}

/// The bytes an attendee of ceremony `attended` of community `cid` signs to let `prover`
/// register for ceremony `for_cindex` with that attendance on the chain with genesis hash
/// `genesis`: the SCALE encoding of `(PROOF_OF_ATTENDANCE_TAG, genesis, cid, attended,
/// for_cindex, prover)`. `genesis` is the hash type of the chain (`H256`) or its 32 bytes; both
/// encode as the bytes themselves.
pub fn proof_of_attendance_payload<Hash: Encode + AsRef<[u8]>, AccountId: Encode>(
	genesis: &Hash,
	cid: &CommunityIdentifier,
	attended: CeremonyIndex,
	for_cindex: CeremonyIndex,
	prover: &AccountId,
) -> Vec<u8> {
	(PROOF_OF_ATTENDANCE_TAG, genesis, cid, attended, for_cindex, prover).encode()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn payload_layout() {
		let cid: CommunityIdentifier = "sqm1v79dF6b".parse().unwrap();
		let payload = proof_of_attendance_payload(&[7; 32], &cid, 3, 5, &[9u8; 32]);
		// The tag with its compact length (27), then genesis, cid, both indices and prover.
		assert_eq!(payload[0], 27 << 2);
		assert_eq!(&payload[1..28], PROOF_OF_ATTENDANCE_TAG);
		assert_eq!(&payload[28..60], &[7; 32]);
		assert_eq!(&payload[60..69], &cid.encode()[..]);
		assert_eq!(&payload[69..73], &3u32.to_le_bytes());
		assert_eq!(&payload[73..77], &5u32.to_le_bytes());
		assert_eq!(&payload[77..], &[9; 32]);
		assert_eq!(payload.len(), 109);
		// Any field changes the payload.
		let other: CommunityIdentifier = "gbsuv7YXq9G".parse().unwrap();
		assert_ne!(payload, proof_of_attendance_payload(&[8; 32], &cid, 3, 5, &[9u8; 32]));
		assert_ne!(payload, proof_of_attendance_payload(&[7; 32], &other, 3, 5, &[9u8; 32]));
		assert_ne!(payload, proof_of_attendance_payload(&[7; 32], &cid, 4, 5, &[9u8; 32]));
		assert_ne!(payload, proof_of_attendance_payload(&[7; 32], &cid, 3, 6, &[9u8; 32]));
		assert_ne!(payload, proof_of_attendance_payload(&[7; 32], &cid, 3, 5, &[8u8; 32]));
	}

	#[test]
	fn verified_reputations() {
		assert!(!Reputation::Unverified.is_verified());
		assert!(!Reputation::UnverifiedReputable.is_verified());
		assert!(Reputation::VerifiedUnlinked.is_verified());
		assert!(Reputation::VerifiedLinked(4).is_verified());
	}
}
