// SPDX-License-Identifier: GPL-3.0-or-later
//! Meetups: when they take place, and who of their participants earned a reward.
//!
//! - [`meetup_time`]: meetups follow local solar noon. The Attesting phase starts at noon on the
//!   180th meridian (00:00 UTC when phases are day-aligned); a meetup at longitude `λ` takes place
//!   `(180 − λ) · 4 min` later, plus the community-wide offset. The reference truncates `λ` to
//!   whole degrees (up to 4 minutes off); we use the exact longitude, to the millisecond.
//! - [`validate_meetup`]: from every participant's vote on how many people were present and whom
//!   they attested, decide who is legitimate (`spec/protocol.md` §5.8): a majority vote fixes
//!   the head count; whoever voted otherwise or not at all is excluded; then participants with too
//!   few attestations in or out are excluded, round by round. We de-duplicate attestations and
//!   drop self-attestations and strangers before counting (the reference counts duplicates).

use alloc::{collections::BTreeSet, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{
	geo::Degree,
	scheduler::{Moment, MILLISECS_PER_DAY},
};

/// The largest meetup-time offset either way: 8 hours.
pub const MAX_MEETUP_TIME_OFFSET: i64 = 8 * 3_600_000;

/// When a meetup at longitude `lon` takes place, for an Attesting phase that began at
/// `attesting_start`, shifted by `offset` milliseconds: `start + (180 − lon) · day/360 + offset`,
/// rounded down to the millisecond. `None` for a longitude beyond ±180° or a time out of range.
pub fn meetup_time(attesting_start: Moment, lon: Degree, offset: i64) -> Option<Moment> {
	let from_date_line = Degree::from_int(180).to_bits().checked_sub(lon.to_bits())?;
	if !(0..=Degree::from_int(360).to_bits()).contains(&from_date_line) {
		return None;
	}
	let per_degree = i128::from(MILLISECS_PER_DAY / 360);
	let after_start = from_date_line.checked_mul(per_degree)? >> 64;
	let time = i128::from(attesting_start)
		.checked_add(after_start)?
		.checked_add(i128::from(offset))?;
	Moment::try_from(time).ok()
}

/// Why a participant gets no reward.
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
pub enum ExclusionReason {
	/// Did not vote on the head count.
	NoVote,
	/// Voted a head count other than the majority's.
	WrongVote,
	/// Attested by too few of the others.
	TooFewIncomingAttestations,
	/// Attested too few of the others.
	TooFewOutgoingAttestations,
}

/// Why a meetup cannot be evaluated at all.
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
pub enum MeetupValidationError {
	/// Nobody voted.
	BallotEmpty,
	/// The winning head count has fewer than [`MIN_DEPENDABLE_VOTES`] votes.
	NoDependableVote,
}

/// The fewest votes a head count needs to be believed.
pub const MIN_DEPENDABLE_VOTES: u32 = 3;

/// The result of a meetup's evaluation, participants by their index in the meetup.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub struct MeetupOutcome {
	/// The head count the majority voted.
	pub head_count: u32,
	/// Who earned a reward, in meetup order.
	pub legit: Vec<u32>,
	/// Who did not, and why, in the order they were excluded.
	pub excluded: Vec<(u32, ExclusionReason)>,
	/// Whether rewards may be paid before the Attesting phase ends: the vote was unanimous, more
	/// than half of the assigned participants were present, and everyone present attested exactly
	/// everyone else present.
	pub early_rewards_possible: bool,
}

/// How many attestations in and out a participant needs among `n` remaining participants:
/// `n − 1` (everyone else) up to 5 participants, one fewer above, and at least 1.
pub fn attestation_threshold(n: u32) -> u32 {
	if n > 5 { n.saturating_sub(2) } else { n.saturating_sub(1) }.max(1)
}

/// Evaluate a meetup of `votes.len()` participants. `votes[i]` is participant `i`'s head count
/// (0 for no vote); `attestations[i]` the meetup indices of whom `i` attested (entries out of
/// range, self-attestations and duplicates are ignored; a missing entry means none).
/// `threshold(n)` is the number of attestations needed among `n` remaining participants (see
/// [`attestation_threshold`]).
pub fn validate_meetup(
	votes: &[u32],
	attestations: &[Vec<u32>],
	threshold: impl Fn(u32) -> u32,
) -> Result<MeetupOutcome, MeetupValidationError> {
	let size = u32::try_from(votes.len()).unwrap_or(u32::MAX);
	let attested: Vec<BTreeSet<u32>> = (0..size)
		.map(|i| {
			let given = attestations.get(i as usize).map(Vec::as_slice).unwrap_or_default();
			given.iter().copied().filter(|j| *j != i && *j < size).collect()
		})
		.collect();
	let mut excluded = Vec::new();
	let mut voters: BTreeSet<u32> = BTreeSet::new();
	for (i, vote) in (0..size).zip(votes) {
		if *vote == 0 {
			excluded.push((i, ExclusionReason::NoVote));
		} else {
			voters.insert(i);
		}
	}
	let (head_count, unanimous) = majority(votes, &voters)?;
	let mut present = BTreeSet::new();
	for i in voters {
		if votes.get(i as usize) == Some(&head_count) {
			present.insert(i);
		} else {
			excluded.push((i, ExclusionReason::WrongVote));
		}
	}
	let early_rewards_possible = unanimous
		&& u64::from(head_count).saturating_mul(2) > u64::from(size)
		&& present.iter().all(|i| {
			let expected: BTreeSet<u32> = present.iter().copied().filter(|j| j != i).collect();
			attested.get(*i as usize) == Some(&expected)
				&& expected.len() as u64 == u64::from(head_count.saturating_sub(1))
		});
	prune_by_attestations(&mut present, &attested, &mut excluded, threshold);
	Ok(MeetupOutcome {
		head_count,
		legit: present.into_iter().collect(),
		excluded,
		early_rewards_possible,
	})
}

/// The winning head count and whether the vote was unanimous. On a tie, the count first voted by
/// the latest participant wins (as the reference).
fn majority(votes: &[u32], voters: &BTreeSet<u32>) -> Result<(u32, bool), MeetupValidationError> {
	// (vote, count, first voter)
	let mut tally: Vec<(u32, u32, u32)> = Vec::new();
	for i in voters {
		let Some(vote) = votes.get(*i as usize) else { continue };
		match tally.iter_mut().find(|(v, _, _)| v == vote) {
			Some((_, count, _)) => *count = count.saturating_add(1),
			None => tally.push((*vote, 1, *i)),
		}
	}
	let (head_count, count, _) = tally
		.iter()
		.copied()
		.max_by_key(|(_, count, first)| (*count, *first))
		.ok_or(MeetupValidationError::BallotEmpty)?;
	if count < MIN_DEPENDABLE_VOTES {
		return Err(MeetupValidationError::NoDependableVote);
	}
	Ok((head_count, tally.len() == 1))
}

/// Exclude, round by round, those with the fewest attestations in or out while that is below the
/// threshold. Attestations by excluded participants still count for those they attested.
fn prune_by_attestations(
	present: &mut BTreeSet<u32>,
	attested: &[BTreeSet<u32>],
	excluded: &mut Vec<(u32, ExclusionReason)>,
	threshold: impl Fn(u32) -> u32,
) {
	for _ in 0..present.len() {
		let count = |i: u32| -> (u32, u32) {
			let out = attested
				.get(i as usize)
				.map_or(0, |a| a.iter().filter(|j| present.contains(j)).count());
			let incoming = attested.iter().filter(|a| a.contains(&i)).count();
			(u32::try_from(incoming).unwrap_or(u32::MAX), u32::try_from(out).unwrap_or(u32::MAX))
		};
		let counts: Vec<(u32, (u32, u32))> = present.iter().map(|i| (*i, count(*i))).collect();
		let (Some(min_in), Some(min_out)) = (
			counts.iter().map(|(_, (incoming, _))| *incoming).min(),
			counts.iter().map(|(_, (_, out))| *out).min(),
		) else {
			return;
		};
		let needed = threshold(u32::try_from(present.len()).unwrap_or(u32::MAX));
		if min_in.min(min_out) >= needed {
			return;
		}
		let by_incoming = min_in < min_out;
		let reason = if by_incoming {
			ExclusionReason::TooFewIncomingAttestations
		} else {
			ExclusionReason::TooFewOutgoingAttestations
		};
		let least = min_in.min(min_out);
		for (i, (incoming, out)) in counts {
			if (if by_incoming { incoming } else { out }) == least {
				present.remove(&i);
				excluded.push((i, reason));
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;
	use proptest::prelude::{prop_assert, prop_assert_eq, proptest};

	fn everyone_but_self(n: u32) -> Vec<Vec<u32>> {
		(0..n).map(|i| (0..n).filter(|j| *j != i).collect()).collect()
	}

	fn minus_one(n: u32) -> u32 {
		n.saturating_sub(1).max(1)
	}

	#[test]
	fn spec_meetup_time_vector() {
		// Attesting from 2022-12-19 00:00 UTC, lon −88.15, offset −35 min: the reference says
		// 17:17 (from the truncated 88°); exactly, it is 17:17:36.
		let start = 1_671_408_000_000;
		// (−88.15 has no exact binary form: its nearest 64.64 value is a hair off, so the
		// millisecond may round down.)
		let lon: Degree = "-88.15".parse().unwrap();
		let time = meetup_time(start, lon, -35 * 60_000).unwrap();
		assert!((time - start).abs_diff((17 * 60 + 17) * 60_000 + 36_000) <= 1, "{}", time - start);
		// Noon on the 180th meridian is the phase start; on Greenwich, 12:00 UTC.
		assert_eq!(meetup_time(start, Degree::from_int(180), 0), Some(start));
		assert_eq!(meetup_time(start, Degree::from_int(0), 0), Some(start + 12 * 3_600_000));
		assert_eq!(meetup_time(start, Degree::from_int(-180), 0), Some(start + 24 * 3_600_000));
		assert_eq!(meetup_time(start, Degree::from_int(181), 0), None);
		assert_eq!(meetup_time(0, Degree::from_int(180), -1), None);
	}

	#[test]
	fn thresholds() {
		let got: Vec<u32> = (0..=8).map(attestation_threshold).collect();
		assert_eq!(got, vec![1, 1, 1, 2, 3, 4, 4, 5, 6]);
	}

	#[test]
	fn spec_validation_vectors() {
		// Votes [3,3,3], full graph: all legit, early rewards.
		let outcome = validate_meetup(&[3, 3, 3], &everyone_but_self(3), minus_one).unwrap();
		assert_eq!(outcome.legit, vec![0, 1, 2]);
		assert!(outcome.excluded.is_empty());
		assert!(outcome.early_rewards_possible);
		assert_eq!(outcome.head_count, 3);
		// [0,3,3,3]: 0 did not vote; early rewards still possible among the others.
		let mut attestations = everyone_but_self(4);
		attestations[1] = vec![2, 3];
		attestations[2] = vec![1, 3];
		attestations[3] = vec![1, 2];
		let outcome = validate_meetup(&[0, 3, 3, 3], &attestations, minus_one).unwrap();
		assert_eq!(outcome.excluded, vec![(0, ExclusionReason::NoVote)]);
		assert_eq!(outcome.legit, vec![1, 2, 3]);
		assert!(outcome.early_rewards_possible);
		// [1,3,3,3]: 0 voted wrong; not unanimous, so no early rewards.
		let outcome = validate_meetup(&[1, 3, 3, 3], &attestations, minus_one).unwrap();
		assert_eq!(outcome.excluded, vec![(0, ExclusionReason::WrongVote)]);
		assert!(!outcome.early_rewards_possible);
		// 5 people voting 5; 0 attests nobody.
		let mut attestations = everyone_but_self(5);
		attestations[0] = vec![];
		let outcome = validate_meetup(&[5; 5], &attestations, minus_one).unwrap();
		assert_eq!(outcome.excluded, vec![(0, ExclusionReason::TooFewOutgoingAttestations)]);
		assert_eq!(outcome.legit, vec![1, 2, 3, 4]);
		// 0 attests everyone, but only 1 and 2 attest 0.
		let mut attestations = everyone_but_self(5);
		attestations[3] = vec![1, 2, 4];
		attestations[4] = vec![1, 2, 3];
		for threshold in [minus_one, attestation_threshold] {
			let outcome = validate_meetup(&[5; 5], &attestations, threshold).unwrap();
			assert_eq!(outcome.excluded, vec![(0, ExclusionReason::TooFewIncomingAttestations)]);
			assert_eq!(outcome.legit, vec![1, 2, 3, 4]);
		}
	}

	#[test]
	fn ballots() {
		assert_eq!(
			validate_meetup(&[0, 0, 0], &[], minus_one),
			Err(MeetupValidationError::BallotEmpty)
		);
		assert_eq!(validate_meetup(&[], &[], minus_one), Err(MeetupValidationError::BallotEmpty));
		assert_eq!(
			validate_meetup(&[3, 3, 4, 4], &everyone_but_self(4), minus_one),
			Err(MeetupValidationError::NoDependableVote)
		);
		// A tie goes to the count first voted by the later participant: 4 (first voted by 3).
		let votes = [5, 5, 5, 4, 4, 4];
		let outcome =
			validate_meetup(&votes, &everyone_but_self(6), attestation_threshold).unwrap();
		assert_eq!(outcome.head_count, 4);
		assert_eq!(
			outcome.excluded[..3],
			[
				(0, ExclusionReason::WrongVote),
				(1, ExclusionReason::WrongVote),
				(2, ExclusionReason::WrongVote)
			]
		);
	}

	#[test]
	fn duplicates_strangers_and_self_do_not_count() {
		// 1 "attests" 1, 7 and 2 twice; it attested only one other and is excluded.
		let mut attestations = everyone_but_self(4);
		attestations[1] = vec![1, 7, 2, 2];
		let outcome = validate_meetup(&[4; 4], &attestations, minus_one).unwrap();
		assert_eq!(outcome.excluded, vec![(1, ExclusionReason::TooFewOutgoingAttestations)]);
		assert!(!outcome.early_rewards_possible);
	}

	proptest! {
		#[test]
		fn every_participant_is_legit_or_excluded_once(
			votes in proptest::collection::vec(0u32..6, 0..12),
			edges in proptest::collection::vec((0u32..14, 0u32..14), 0..150),
		) {
			let n = votes.len() as u32;
			let mut attestations = vec![Vec::new(); votes.len()];
			for (from, to) in edges {
				if let Some(a) = attestations.get_mut(from as usize) {
					a.push(to);
				}
			}
			if let Ok(outcome) = validate_meetup(&votes, &attestations, attestation_threshold) {
				let mut all: Vec<u32> = outcome.legit.clone();
				all.extend(outcome.excluded.iter().map(|(i, _)| *i));
				all.sort();
				prop_assert_eq!(all, (0..n).collect::<Vec<_>>());
				for i in &outcome.legit {
					prop_assert_eq!(votes[*i as usize], outcome.head_count);
				}
				if outcome.early_rewards_possible {
					prop_assert!(outcome.excluded.iter().all(|(_, r)| matches!(r, ExclusionReason::NoVote)));
				}
			}
		}
	}
}
