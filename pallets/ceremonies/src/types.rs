// SPDX-License-Identifier: GPL-3.0-or-later
//! The pallet's stored and submitted types.

use crate::*;
use alloc::vec::Vec;
use frame::prelude::*;

/// A proof that `attendee` attended ceremony `cindex` of `cid` and lets `prover` register with it:
/// `signature` is the attendee's over [`proof_of_attendance_payload`].
#[derive(Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, PartialEq, TypeInfo)]
pub struct ProofOfAttendance<Signature, AccountId> {
	/// Who registers with the proof.
	pub prover: AccountId,
	/// The community of the attendance.
	pub cid: CommunityIdentifier,
	/// The ceremony of the attendance.
	pub cindex: CeremonyIndex,
	/// Who attended.
	pub attendee: AccountId,
	/// The attendee's signature.
	pub signature: Signature,
}

/// How a registration came about, so that unregistering can undo it.
#[derive(
	Clone,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
pub enum Via<AccountId> {
	/// Nothing was used: a bootstrapper or a newbie.
	Nothing,
	/// `attendee`'s attendance of ceremony `cindex` (a reputable).
	Proof {
		/// Who attended.
		attendee: AccountId,
		/// The ceremony attended.
		cindex: CeremonyIndex,
	},
	/// An endorsement for ceremony `cindex` (an endorsee).
	Endorsement {
		/// The ceremony the endorsement was for.
		cindex: CeremonyIndex,
	},
}

/// A registration: class, index in the class registry, and what it used.
#[derive(
	Clone,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
pub struct Registration<AccountId> {
	/// The class.
	pub class: ParticipantClass,
	/// The 0-based index in the class's registry.
	pub index: u32,
	/// What was used to register.
	pub via: Via<AccountId>,
}

/// A participant's vote and attestations, by the attested members' positions in the meetup.
#[derive(
	CloneNoBound,
	DebugNoBound,
	Decode,
	DecodeWithMemTracking,
	Encode,
	EqNoBound,
	MaxEncodedLen,
	PartialEqNoBound,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxMeetupSize))]
pub struct Attestation<MaxMeetupSize: Get<u32>> {
	/// The meetup (1-based).
	pub meetup: u32,
	/// The head count voted.
	pub vote: u32,
	/// The positions (in the meetup's member list) of the members attested.
	pub attested: BoundedVec<u8, MaxMeetupSize>,
}

/// What became of an evaluated meetup.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
pub enum MeetupResult {
	/// `rewarded` participants received the nominal income.
	Rewarded {
		/// How many.
		rewarded: u32,
	},
	/// The votes settled nothing; nobody was rewarded.
	Failed(MeetupValidationError),
}

/// A meetup as clients see it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct MeetupInfo<AccountId> {
	/// The meetup (1-based).
	pub index: u32,
	/// Where (`None` if the location has been removed since).
	pub location: Option<convene_primitives::geo::Location>,
	/// When, in ms of chain time (`None` before the ceremony's Assigning phase has an end).
	pub time: Option<Moment>,
	/// Who, experienced members first.
	pub participants: Vec<AccountId>,
}

/// A participant's vote and attestations as clients see them.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct AttestationInfo<AccountId> {
	/// Who attested.
	pub who: AccountId,
	/// The meetup (1-based).
	pub meetup: u32,
	/// The head count voted.
	pub vote: u32,
	/// Whom they attested.
	pub attested: Vec<AccountId>,
}
