// SPDX-License-Identifier: GPL-3.0-or-later
//! Forgetting old ceremonies and purged communities, a bounded step at a time in `on_idle`.
//!
//! When Registering of ceremony `c` begins, every ceremony before `c − ReputationLifetime` is
//! history nobody can use any more (proofs and endorsements expire with the lifetime), and
//! [`PurgeBefore`] moves up. When a community is purged, its ceremonies are queued in
//! [`PurgeQueue`] and its own records in [`PurgingCommunities`]. `on_idle` then removes, within
//! the block's spare weight: a queued community ceremony's registrants one at a time (with their
//! registration, reputation and attestation), then its per-ceremony records; then the next old
//! ceremony; then a purged community's endorsements and tickets.

use crate::*;
use frame::prelude::*;
use pallet_communities::{items_within, OnCommunityPurged};

/// How many keys one step clears from a map.
const CLEAR_LIMIT: u32 = 64;
/// How many empty old ceremonies one step closes.
const MAX_SKIPS: u32 = 16;
/// How many targets (community ceremonies, communities) one block works on at most.
const MAX_TARGETS: u32 = 32;

impl<T: Config> Pallet<T> {
	/// Do purge work within `limit`; returns the weight used.
	pub(crate) fn purge_step(limit: Weight) -> Weight {
		let per_item = <T as Config>::WeightInfo::purge_registrant();
		let skip = T::DbWeight::get().reads_writes(2, 3);
		// Finding the next target (closing up to `MAX_SKIPS` empty ceremonies on the way) and
		// clearing a ceremony's records.
		let fixed = <T as Config>::WeightInfo::purge_ceremony_records()
			.saturating_add(skip.saturating_mul(MAX_SKIPS.into()));
		let mut used = Weight::zero();
		for _ in 0..MAX_TARGETS {
			let room = limit.saturating_sub(used);
			let Some(budget) = items_within(room, fixed, per_item) else {
				break;
			};
			let (target, skipped) = Self::next_purge();
			used = used.saturating_add(skip.saturating_mul(skipped.into()));
			used = used.saturating_add(match target {
				Some(PurgeTarget::Ceremony(cc)) => Self::purge_ceremony_step(cc, budget),
				Some(PurgeTarget::Community(cid)) => Self::purge_community_step(cid),
				None => return used.saturating_add(T::DbWeight::get().reads(3)),
			});
		}
		used
	}

	/// What to purge next: a queued community ceremony, the oldest ceremony before
	/// [`PurgeBefore`], or a purged community's own records. Old ceremonies found empty are
	/// closed on the way (at most [`MAX_SKIPS`] per step); returns how many.
	fn next_purge() -> (Option<PurgeTarget>, u32) {
		if let Some(cc) = PurgeQueue::<T>::iter_keys().next() {
			return (Some(PurgeTarget::Ceremony(cc)), 0);
		}
		let before = PurgeBefore::<T>::get();
		let mut skipped = 0u32;
		while skipped < MAX_SKIPS {
			let oldest = HistoryStart::<T>::get();
			if oldest >= before {
				break;
			}
			if let Some(cid) = RegistryCounts::<T>::iter_key_prefix(oldest).next() {
				return (Some(PurgeTarget::Ceremony((cid, oldest))), skipped);
			}
			CeremonySeeds::<T>::remove(oldest);
			HistoryStart::<T>::put(oldest.saturating_add(1));
			Self::deposit_event(Event::CeremonyPurged { cindex: oldest });
			skipped = skipped.saturating_add(1);
		}
		(PurgingCommunities::<T>::iter_keys().next().map(PurgeTarget::Community), skipped)
	}

	/// Remove up to `budget` registrants of `cc`, then, once none is left, its records.
	pub(crate) fn purge_ceremony_step(cc: CommunityCeremony, budget: u32) -> Weight {
		let (cid, cindex) = cc;
		let mut removed = 0u32;
		for ((_, _), who) in Registry::<T>::drain_prefix((cc,)).take(budget as usize) {
			Registrations::<T>::remove(cc, &who);
			Reputations::<T>::remove((&who, cid, cindex));
			if LatestAttendance::<T>::get(cid, &who) == Some(cindex) {
				LatestAttendance::<T>::remove(cid, &who);
			}
			Attestations::<T>::remove(cc, &who);
			removed = removed.saturating_add(1);
		}
		// The fixed part covers finding the ceremony and clearing its records.
		let used = <T as Config>::WeightInfo::purge_ceremony_records().saturating_add(
			<T as Config>::WeightInfo::purge_registrant().saturating_mul(removed.into()),
		);
		if removed < budget {
			// Registrations and attestations went with their registrants (`try_state`: there are
			// none without one); tickets and results are the ceremony's own.
			let done = [
				ReputableTicketsUsed::<T>::clear_prefix(cc, CLEAR_LIMIT, None)
					.maybe_cursor
					.is_none(),
				SeatsGiven::<T>::clear_prefix(cc, CLEAR_LIMIT, None).maybe_cursor.is_none(),
				MeetupResults::<T>::clear_prefix(cc, CLEAR_LIMIT, None).maybe_cursor.is_none(),
			]
			.iter()
			.all(|d| *d);
			if done {
				Assignments::<T>::remove(cc);
				let verified = ReputationCounts::<T>::take(cc);
				GlobalReputationCounts::<T>::mutate_exists(cindex, |count| {
					*count = count.map(|c| c.saturating_sub(verified)).filter(|c| *c > 0)
				});
				RegistryCounts::<T>::remove(cindex, cid);
				PurgeQueue::<T>::remove(cc);
				Self::deposit_event(Event::CommunityCeremonyPurged { cid, cindex });
			}
		}
		used
	}

	/// Clear a purged community's endorsements and tickets, a batch at a time.
	fn purge_community_step(cid: CommunityIdentifier) -> Weight {
		let done = [
			Endorsements::<T>::clear_prefix(cid, CLEAR_LIMIT, None).maybe_cursor.is_none(),
			BootstrapperTicketsUsed::<T>::clear_prefix(cid, CLEAR_LIMIT, None)
				.maybe_cursor
				.is_none(),
			LatestAttendance::<T>::clear_prefix(cid, CLEAR_LIMIT, None)
				.maybe_cursor
				.is_none(),
		]
		.iter()
		.all(|d| *d);
		if done {
			Bootstrapped::<T>::remove(cid);
			LastActive::<T>::remove(cid);
			PurgingCommunities::<T>::remove(cid);
			Self::deposit_event(Event::CommunityHistoryPurged { cid });
		}
		<T as Config>::WeightInfo::purge_ceremony_records()
	}

	/// Registering of ceremony `cindex` began: ceremonies older than the reputation lifetime
	/// are history.
	pub(crate) fn expire_history(cindex: CeremonyIndex) {
		let before = cindex.saturating_sub(ReputationLifetime::<T>::get());
		if before > PurgeBefore::<T>::get() {
			PurgeBefore::<T>::put(before);
		}
	}
}

/// What one purge step works on.
enum PurgeTarget {
	/// A community ceremony.
	Ceremony(CommunityCeremony),
	/// A purged community's own records.
	Community(CommunityIdentifier),
}

impl<T: Config> OnCommunityPurged for Pallet<T> {
	fn on_community_purged(cid: CommunityIdentifier) -> Weight {
		// Ceremonies before `PurgeBefore` go anyway; the others are at most the lifetime and
		// the next one.
		let newest = T::Clock::ceremony_index().saturating_add(1);
		let oldest = PurgeBefore::<T>::get()
			.max(newest.saturating_sub(T::MaxReputationLifetime::get().saturating_add(1)));
		for cindex in oldest..=newest {
			if RegistryCounts::<T>::contains_key(cindex, cid) {
				PurgeQueue::<T>::insert((cid, cindex), ());
			}
		}
		PurgingCommunities::<T>::insert(cid, ());
		<T as Config>::WeightInfo::on_community_purged(newest.saturating_sub(oldest))
	}

	fn max_weight() -> Weight {
		<T as Config>::WeightInfo::on_community_purged(
			T::MaxReputationLifetime::get().saturating_add(1),
		)
	}
}

impl<T: Config> Pallet<T> {
	/// Assigning of ceremony `cindex` began: look at every community's activity, one per step in
	/// `on_idle`.
	pub(crate) fn start_inactivity_sweep(cindex: CeremonyIndex) {
		InactivitySweep::<T>::put(Sweep { cindex, after: None });
	}

	/// Check communities' activity within `limit`; returns the weight used.
	pub(crate) fn inactivity_step(limit: Weight) -> Weight {
		let per_community = Self::inactivity_check_weight();
		let Some(budget) = items_within(limit, Weight::zero(), per_community) else {
			return Weight::zero();
		};
		let Some(mut sweep) = InactivitySweep::<T>::get() else { return Weight::zero() };
		let mut used = T::DbWeight::get().reads_writes(1, 1);
		for _ in 0..budget {
			let Some(cid) = T::Communities::next_after(sweep.after) else {
				InactivitySweep::<T>::kill();
				return used;
			};
			used = used.saturating_add(Self::check_activity(cid, sweep.cindex));
			sweep.after = Some(cid);
		}
		InactivitySweep::<T>::put(sweep);
		used
	}

	/// The most one community's check costs: purging it.
	fn inactivity_check_weight() -> Weight {
		<T as Config>::WeightInfo::check_activity().saturating_add(T::Purge::max_purge_weight())
	}

	/// Purge `cid` if none of its meetups was evaluated in the last `InactivityTimeout`
	/// ceremonies before `cindex`.
	pub(crate) fn check_activity(cid: CommunityIdentifier, cindex: CeremonyIndex) -> Weight {
		let check = <T as Config>::WeightInfo::check_activity();
		let previous = cindex.saturating_sub(1);
		let Some(last) = LastActive::<T>::get(cid) else {
			LastActive::<T>::insert(cid, previous);
			Self::deposit_event(Event::ActivityTracked { cid, cindex: previous });
			return check;
		};
		let idle = previous.saturating_sub(last);
		if idle < InactivityTimeout::<T>::get() {
			return check;
		}
		Self::deposit_event(Event::CommunityInactive { cid, idle });
		check.saturating_add(T::Purge::purge(cid))
	}
}

/// Where the inactivity sweep of a ceremony is.
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
)]
pub struct Sweep {
	/// The ceremony whose Assigning phase started the sweep.
	pub cindex: CeremonyIndex,
	/// The last community checked.
	pub after: Option<CommunityIdentifier>,
}
