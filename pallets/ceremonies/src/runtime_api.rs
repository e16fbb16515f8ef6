// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: ceremonies as clients see them. Clients never compute assignments themselves.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{
	AttestationInfo, CeremonyIndex, CommunityIdentifier, MeetupInfo, MeetupResult,
	ParticipantClass, PerClass, Registration, Reputation,
};
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// Registrations, meetups, attestations and reputations.
	///
	/// Version 2: the lists (`participants`, `meetups`, `attestations`, `meetup_results`,
	/// `reputations`) read pages of at most `limit` entries (at most `MAX_PAGE`) after a cursor.
	#[api_version(2)]
	pub trait CeremoniesApi<AccountId: Codec> {
		/// The ceremony registrations go to now (`None` while assigning).
		fn registration_target() -> Option<CeremonyIndex>;
		/// `who`'s registration for ceremony `cindex` of `cid`.
		fn registration(cid: CommunityIdentifier, cindex: CeremonyIndex, who: AccountId) -> Option<Registration<AccountId>>;
		/// How many are registered per class.
		fn registered(cid: CommunityIdentifier, cindex: CeremonyIndex) -> PerClass;
		/// A page of the registrants of one class, by registry index, after index `after`.
		fn participants(cid: CommunityIdentifier, cindex: CeremonyIndex, class: ParticipantClass, after: Option<u32>, limit: u32) -> Page<u32, AccountId>;
		/// `who`'s meetup: index, location, time and fellow participants (once assigned).
		fn meetup_of(cid: CommunityIdentifier, cindex: CeremonyIndex, who: AccountId) -> Option<MeetupInfo<AccountId>>;
		/// A page of the meetups of ceremony `cindex` of `cid` (once assigned), by meetup
		/// index, after meetup `after`.
		fn meetups(cid: CommunityIdentifier, cindex: CeremonyIndex, after: Option<u32>, limit: u32) -> Page<u32, MeetupInfo<AccountId>>;
		/// A page of the participants' votes and the accounts they attested, after `after`'s,
		/// in storage order.
		fn attestations(cid: CommunityIdentifier, cindex: CeremonyIndex, after: Option<AccountId>, limit: u32) -> Page<AccountId, AttestationInfo<AccountId>>;
		/// A page of the outcomes of the evaluated meetups, after meetup `after`, in storage
		/// order.
		fn meetup_results(cid: CommunityIdentifier, cindex: CeremonyIndex, after: Option<u32>, limit: u32) -> Page<u32, (u32, MeetupResult)>;
		/// A page of `who`'s attendance records (community, ceremony and worth), after the one
		/// of ceremony `after`, in storage order.
		fn reputations(who: AccountId, after: Option<(CommunityIdentifier, CeremonyIndex)>, limit: u32) -> Page<(CommunityIdentifier, CeremonyIndex), (CommunityIdentifier, CeremonyIndex, Reputation)>;
	}
}
