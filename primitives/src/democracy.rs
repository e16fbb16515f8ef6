// SPDX-License-Identifier: GPL-3.0-or-later
//! One person, one vote: who may vote on a proposal, and when it passes.
//!
//! A community's electorate is its people: each verified attendance of one of its ceremonies
//! within a *voting window* is one vote, spent once per proposal (through a reputation
//! commitment). The window is fixed when the proposal is submitted: it ends two ceremonies
//! before the proposal's ceremony (whose rewards may still be claimed, so its count is not
//! final) and reaches back as far as an attendance stays valid for the proposal's whole life
//! ([`voting_window`]).
//!
//! A proposal passes when enough of the electorate voted ([`has_turnout`]) and its ayes clear
//! the adaptive quorum with *positive turnout bias* ([`passes_positive_turnout_bias`]): with
//! electorate `e`, turnout `t` and ayes `a`, the reference requires
//! `a > √e·√t / (√e/√t + 1)`. Multiplying out, that is `a·√t > (t − a)·√e`, and since both
//! sides are non-negative, squaring gives the exact integer test `a²·t > (t − a)²·e`. The
//! reference evaluates the square roots in 64.64 fixed point, so near the boundary its answer
//! depends on rounding; this one does not. A low turnout needs a large majority; at full
//! turnout (`t = e`) a simple majority passes.

use crate::{community::CommunityIdentifier, scheduler::CeremonyIndex};
use core::ops::RangeInclusive;

/// Whether an approving share of `ayes` out of `turnout` votes passes the adaptive quorum of an
/// electorate of `electorate`: `ayes²·turnout > (turnout − ayes)²·electorate`, exactly.
/// Never with no votes; `ayes` above `turnout` count as `turnout`.
pub fn passes_positive_turnout_bias(electorate: u64, turnout: u64, ayes: u64) -> bool {
	if turnout == 0 {
		return false;
	}
	let ayes = u128::from(ayes.min(turnout));
	let nays = u128::from(turnout).saturating_sub(ayes);
	// At most (2^64)² · 2^64 = 2^192 overflows u128: compare through primitive-types' U256.
	let lhs = primitive_types::U256::from(ayes.saturating_mul(ayes)).saturating_mul(turnout.into());
	let rhs =
		primitive_types::U256::from(nays.saturating_mul(nays)).saturating_mul(electorate.into());
	lhs > rhs
}

/// Whether `turnout` votes out of `electorate` reach `min_turnout_permill` (per mille):
/// `turnout · 1000 ≥ min · electorate`, exactly. An empty electorate never does.
pub fn has_turnout(electorate: u64, turnout: u64, min_turnout_permill: u32) -> bool {
	electorate > 0
		&& u128::from(turnout).saturating_mul(1000)
			>= u128::from(min_turnout_permill).saturating_mul(electorate.into())
}

/// Whether a proposal with this tally passes: turnout, then the adaptive quorum.
pub fn passes(electorate: u64, turnout: u64, ayes: u64, min_turnout_permill: u32) -> bool {
	has_turnout(electorate, turnout, min_turnout_permill)
		&& passes_positive_turnout_bias(electorate, turnout, ayes)
}

/// The ceremonies whose attendances vote on a proposal submitted during ceremony `start`, for
/// a proposal that may live `proposal_ceremonies` ceremonies (rounded up) with attendances
/// valid for `lifetime` ceremonies after their own: from `start − lifetime +
/// proposal_ceremonies` to `start − 2`. `None` when that is empty (too young a chain, or a
/// proposal outliving every attendance).
pub fn voting_window(
	start: CeremonyIndex,
	lifetime: u32,
	proposal_ceremonies: u32,
) -> Option<RangeInclusive<CeremonyIndex>> {
	let last = start.checked_sub(2).filter(|c| *c >= 1)?;
	let first = start.saturating_add(proposal_ceremonies).saturating_sub(lifetime).max(1);
	(first <= last).then_some(first..=last)
}

/// How many ceremonies a span of `duration` ms covers, rounded up, for a ceremony cycle of
/// `cycle` ms (at least one ceremony; `u32::MAX` for an unknown cycle).
pub fn ceremonies_spanned(duration: u64, cycle: u64) -> u32 {
	if cycle == 0 {
		return u32::MAX;
	}
	u32::try_from(duration.div_ceil(cycle)).unwrap_or(u32::MAX).max(1)
}

/// Who may vote on a proposal: the people of one community, or of every community.
#[derive(
	Clone,
	Copy,
	Debug,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::Encode,
	Eq,
	codec::MaxEncodedLen,
	PartialEq,
	scale_info::TypeInfo,
)]
pub enum ProposalAccessPolicy {
	/// Every community's people: chain-wide settings, the global treasury.
	Global,
	/// One community's people: its settings and treasury.
	Community(CommunityIdentifier),
}

impl ProposalAccessPolicy {
	/// The community, if the policy is one community's.
	pub fn community(&self) -> Option<CommunityIdentifier> {
		match self {
			Self::Global => None,
			Self::Community(cid) => Some(*cid),
		}
	}
}

/// What other pallets may know of reputations, as the pallet that keeps them (ceremonies) tells
/// it: who attended what, verified, and how many did.
pub trait ReputationSource<AccountId> {
	/// Whether `who`'s attendance of ceremony `cindex` of `cid` was verified (rewarded) and is
	/// still on record.
	fn is_verified(who: &AccountId, cid: CommunityIdentifier, cindex: CeremonyIndex) -> bool;

	/// How many attendances of ceremony `cindex` of `cid` were verified.
	fn verified_count(cid: CommunityIdentifier, cindex: CeremonyIndex) -> u32;

	/// How many attendances of ceremony `cindex` were verified, in every community.
	fn global_verified_count(cindex: CeremonyIndex) -> u32;

	/// For how many ceremonies after it an attendance counts.
	fn reputation_lifetime() -> u32;

	/// Make `who`'s attendance of `(cid, cindex)` verified (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn set_verified(who: &AccountId, cid: CommunityIdentifier, cindex: CeremonyIndex);
}

/// Identifies a purpose reputations are committed to (a faucet, a proposal, …).
pub type PurposeId = u64;

/// Spending an attendance once per purpose, as the pallet that keeps the commitments tells it.
pub trait ReputationCommitments<AccountId> {
	/// Why a purpose could not be registered or a commitment made.
	type Error;

	/// Register a purpose described by `descriptor`, on behalf of a pallet that pays for it
	/// itself (no deposit); returns its id.
	fn register_purpose(descriptor: &[u8]) -> Result<PurposeId, Self::Error>;

	/// Spend `who`'s verified attendance of `(cid, cindex)` on `purpose`, with an optional
	/// 32-byte commitment; fails if it is not a verified, valid attendance of `who`'s or it was
	/// spent on `purpose` already.
	fn commit(
		who: &AccountId,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		purpose: PurposeId,
		commitment: Option<[u8; 32]>,
	) -> Result<(), Self::Error>;

	/// No more commitments to `purpose`; it is removed, with its deposit released, once its
	/// commitments are purged with the reputation lifetime.
	fn retire_purpose(purpose: PurposeId);
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn reference_vectors() {
		// The reference's tests: an electorate of 100.
		assert!(!passes_positive_turnout_bias(100, 10, 6));
		assert!(passes_positive_turnout_bias(100, 10, 9));
		assert!(passes_positive_turnout_bias(100, 100, 60));
	}

	#[test]
	fn boundaries() {
		// Full turnout: a simple majority passes, a tie does not.
		assert!(passes_positive_turnout_bias(100, 100, 51));
		assert!(!passes_positive_turnout_bias(100, 100, 50));
		// Exactly on the boundary (a·√t = (t−a)·√e: 2·√4 = 1·√16) fails: the rule is strict.
		assert!(!passes_positive_turnout_bias(16, 3, 2));
		assert!(!passes_positive_turnout_bias(100, 0, 0));
		assert!(passes_positive_turnout_bias(100, 1, 1));
		assert!(!passes_positive_turnout_bias(u64::MAX, u64::MAX, u64::MAX / 2));
		assert!(passes_positive_turnout_bias(u64::MAX, u64::MAX, u64::MAX));
	}

	#[test]
	fn turnout_vectors() {
		// The reference's 1 ‰ of 1000 is 1 vote.
		assert!(has_turnout(1000, 1, 1));
		assert!(!has_turnout(1001, 1, 1));
		assert!(!has_turnout(0, 5, 0));
		assert!(has_turnout(10, 0, 0));
		assert!(!passes(100, 10, 9, 200));
		assert!(passes(100, 20, 18, 200));
	}

	#[test]
	fn window_vectors() {
		// Lifetime 5, a proposal lasting one ceremony, submitted in ceremony 10: attendances of
		// ceremonies 6 to 8 (6 stays valid until 11, the proposal's end).
		assert_eq!(voting_window(10, 5, 1), Some(6..=8));
		assert_eq!(voting_window(3, 5, 1), Some(1..=1));
		assert_eq!(voting_window(9, 5, 4), None);
		assert_eq!(voting_window(9, 5, 3), Some(7..=7));
		assert_eq!(voting_window(2, 5, 1), None);
		// A proposal longer than the lifetime has no voters.
		assert_eq!(voting_window(10, 2, 2), None);
		assert_eq!(ceremonies_spanned(20, 30), 1);
		assert_eq!(ceremonies_spanned(31, 30), 2);
		assert_eq!(ceremonies_spanned(0, 30), 1);
		assert_eq!(ceremonies_spanned(5, 0), u32::MAX);
	}

	proptest! {
		#[test]
		fn agrees_with_the_reference_formula_away_from_the_boundary(
			e in 1u64..1_000_000, t in 1u64..1_000_000, a in 0u64..1_000_000,
		) {
			let (t, a) = (t.min(e), a.min(t.min(e)));
			let (ef, tf, af) = (e as f64, t as f64, a as f64);
			let bound = ef.sqrt() * tf.sqrt() / (ef.sqrt() / tf.sqrt() + 1.0);
			prop_assume!((af - bound).abs() > 1e-6 * bound.max(1.0));
			prop_assert_eq!(passes_positive_turnout_bias(e, t, a), af > bound);
		}

		#[test]
		fn more_ayes_never_hurt(e in 1u64..u64::MAX, t in 1u64..u64::MAX, a in 0u64..u64::MAX) {
			let t = t.min(e);
			let a = a.min(t);
			if passes_positive_turnout_bias(e, t, a) && a < t {
				prop_assert!(passes_positive_turnout_bias(e, t, a + 1));
			}
		}

		#[test]
		fn the_window_is_within_the_lifetime(start in 0u32..10_000, lifetime in 0u32..500, p in 0u32..50) {
			if let Some(w) = voting_window(start, lifetime, p) {
				prop_assert!(*w.end() + 2 == start);
				prop_assert!(*w.start() >= 1);
				// Every attendance in the window is still valid when the proposal ends.
				prop_assert!(w.start() + lifetime >= start + p);
			}
		}
	}
}
