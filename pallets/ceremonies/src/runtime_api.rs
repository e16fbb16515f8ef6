// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: ceremonies as clients see them. Clients never compute assignments themselves.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{
	AttestationInfo, CeremonyIndex, CommunityIdentifier, MeetupInfo, MeetupResult,
	ParticipantClass, PerClass, Registration, Reputation,
};
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Registrations, meetups, attestations and reputations.
	pub trait CeremoniesApi<AccountId: Codec> {
		/// The ceremony registrations go to now (`None` while assigning).
		fn registration_target() -> Option<CeremonyIndex>;
		/// `who`'s registration for ceremony `cindex` of `cid`.
		fn registration(cid: CommunityIdentifier, cindex: CeremonyIndex, who: AccountId) -> Option<Registration<AccountId>>;
		/// How many are registered per class.
		fn registered(cid: CommunityIdentifier, cindex: CeremonyIndex) -> PerClass;
		/// The registrants of one class, by registry index.
		fn participants(cid: CommunityIdentifier, cindex: CeremonyIndex, class: ParticipantClass) -> Vec<AccountId>;
		/// `who`'s meetup: index, location, time and fellow participants (once assigned).
		fn meetup_of(cid: CommunityIdentifier, cindex: CeremonyIndex, who: AccountId) -> Option<MeetupInfo<AccountId>>;
		/// Every meetup of ceremony `cindex` of `cid` (once assigned).
		fn meetups(cid: CommunityIdentifier, cindex: CeremonyIndex) -> Vec<MeetupInfo<AccountId>>;
		/// Every participant's vote and the accounts they attested.
		fn attestations(cid: CommunityIdentifier, cindex: CeremonyIndex) -> Vec<AttestationInfo<AccountId>>;
		/// The outcome of every evaluated meetup.
		fn meetup_results(cid: CommunityIdentifier, cindex: CeremonyIndex) -> Vec<(u32, MeetupResult)>;
		/// Every attendance record of `who`: community, ceremony and worth.
		fn reputations(who: AccountId) -> Vec<(CommunityIdentifier, CeremonyIndex, Reputation)>;
	}
}
