// SPDX-License-Identifier: GPL-3.0-or-later
//! Meetup assignment: who meets whom, and where.
//!
//! When a ceremony's Assigning phase begins, a community's registrants are split into meetups.
//! The chain stores only a few numbers per community ([`Assignment`]); a participant's meetup and
//! a meetup's members are computed from them when read, in O(1) and O(meetup size).
//!
//! 1. **Who is assigned** ([`Allowance`]). Participants come in four classes, in order of
//!    precedence: bootstrappers, reputables (attended before), endorsees and newbies. There are
//!    `n_max = min(locations, bootstrappers + reputables)` meetups at most, so that every meetup
//!    has its own location and at least one experienced member, and `n_max · max_size` seats.
//!    Experienced members take seats first; newcomers (endorsees, then newbies) are limited to
//!    `⌊experienced / newcomer_divider⌋`, so with the default divider 3 at least 3/4 of the
//!    attendees attended before. Fewer than `min_size` attendees: no meetup at all.
//! 2. **Which ones, when a class is capped, and in what order**: each class is shuffled by a
//!    random affine permutation `p(i) = (a·i + b) mod P` of its `P` registry indices (`a` coprime
//!    with `P`). A registrant is assigned when its position is below the class's allowance, so
//!    who is left out is random, not first-come (the reference's FIFO is reordered by every
//!    unregistration).
//! 3. **Into which meetup**: the assigned registrants, ranked class by class (bootstrappers
//!    first), are dealt round-robin into `n = ⌈total / max_size⌉` meetups. Meetup sizes differ by
//!    at most one, so no meetup exceeds `max_size` or falls below `min_size` (for rules with
//!    `max_size ≥ 2·min_size − 1`), and since the experienced come first and number at least
//!    `n`, every meetup has one. (The reference's prime-modulus map balances only its overflow
//!    indices and can miss its bounds after 201 failed draws; `spec/protocol.md` §10.16.)
//! 4. **Where**: meetup `k` (1-based) meets at location `(c·k + d) mod L`, `c` coprime with `L`,
//!    the reference's formula with a random offset; distinct meetups get distinct locations.
//!
//! All randomness comes from one seed per community ceremony (see [`crate::random::sub_seed`]).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::random::Rng;

/// A registrant's class, in order of precedence.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
pub enum ParticipantClass {
	/// A founding member of the community.
	Bootstrapper,
	/// Attended a ceremony within the reputation lifetime (registered with a proof).
	Reputable,
	/// Endorsed by a bootstrapper or a reputable.
	Endorsee,
	/// Anyone else.
	Newbie,
}

impl ParticipantClass {
	/// All classes, in order of precedence.
	pub const ALL: [Self; 4] = [Self::Bootstrapper, Self::Reputable, Self::Endorsee, Self::Newbie];

	fn slot(self) -> usize {
		self as usize
	}
}

/// A number per class (registered or assigned counts).
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
pub struct PerClass {
	/// Bootstrappers.
	pub bootstrappers: u32,
	/// Reputables.
	pub reputables: u32,
	/// Endorsees.
	pub endorsees: u32,
	/// Newbies.
	pub newbies: u32,
}

impl PerClass {
	/// The count for `class`.
	pub fn get(&self, class: ParticipantClass) -> u32 {
		match class {
			ParticipantClass::Bootstrapper => self.bootstrappers,
			ParticipantClass::Reputable => self.reputables,
			ParticipantClass::Endorsee => self.endorsees,
			ParticipantClass::Newbie => self.newbies,
		}
	}

	/// The count for `class`, mutably.
	pub fn get_mut(&mut self, class: ParticipantClass) -> &mut u32 {
		match class {
			ParticipantClass::Bootstrapper => &mut self.bootstrappers,
			ParticipantClass::Reputable => &mut self.reputables,
			ParticipantClass::Endorsee => &mut self.endorsees,
			ParticipantClass::Newbie => &mut self.newbies,
		}
	}

	/// The sum over all classes.
	pub fn total(&self) -> u64 {
		ParticipantClass::ALL.iter().map(|c| u64::from(self.get(*c))).sum()
	}

	/// The sum over the classes before `class`.
	fn before(&self, class: ParticipantClass) -> u64 {
		ParticipantClass::ALL
			.iter()
			.take(class.slot())
			.map(|c| u64::from(self.get(*c)))
			.sum()
	}
}

/// The meetup-size rules of a runtime.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct MeetupRules {
	/// The most people in one meetup (12 by the users' documents).
	pub max_size: u32,
	/// The fewest people in one meetup (3).
	pub min_size: u32,
	/// Newcomers are at most `⌊experienced / newcomer_divider⌋`: 3 means at least 3/4 of the
	/// attendees attended before.
	pub newcomer_divider: u32,
}

impl MeetupRules {
	/// Convene's defaults: 3 to 12 people, at most a quarter newcomers.
	pub const DEFAULT: Self = Self { max_size: 12, min_size: 3, newcomer_divider: 3 };

	/// Whether the rules can be kept: `min_size ≥ 1`, `max_size ≥ 2·min_size − 1` (so that
	/// splitting into the fewest meetups never makes one too small) and `newcomer_divider ≥ 1`.
	pub fn is_valid(&self) -> bool {
		self.min_size >= 1
			&& u64::from(self.max_size).saturating_add(1)
				>= u64::from(self.min_size).saturating_mul(2)
			&& self.newcomer_divider >= 1
	}
}

/// How many of each class are assigned, and into how many meetups.
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
pub struct Allowance {
	/// Assigned registrants per class.
	pub assigned: PerClass,
	/// The number of meetups (0: no ceremony for this community this time).
	pub meetups: u32,
}

impl Allowance {
	/// Who of `registered` can be assigned with `locations` meetup locations (module docs, 1.).
	pub fn new(registered: PerClass, locations: u32, rules: &MeetupRules) -> Self {
		let experienced = registered.bootstrappers.saturating_add(registered.reputables);
		let max_meetups = u64::from(locations.min(experienced));
		let mut seats = max_meetups.saturating_mul(u64::from(rules.max_size));
		let mut take = |wanted: u32, limit: u64| -> u32 {
			let n = u64::from(wanted).min(limit).min(seats);
			seats = seats.saturating_sub(n);
			u32::try_from(n).unwrap_or(wanted)
		};
		let bootstrappers = take(registered.bootstrappers, u64::MAX);
		let reputables = take(registered.reputables, u64::MAX);
		let mut newcomer_quota = u64::from(bootstrappers.saturating_add(reputables))
			.checked_div(u64::from(rules.newcomer_divider))
			.unwrap_or(0);
		let endorsees = take(registered.endorsees, newcomer_quota);
		newcomer_quota = newcomer_quota.saturating_sub(u64::from(endorsees));
		let newbies = take(registered.newbies, newcomer_quota);
		let assigned = PerClass { bootstrappers, reputables, endorsees, newbies };
		let total = assigned.total();
		if total < u64::from(rules.min_size) || rules.max_size == 0 {
			return Self::default();
		}
		let meetups = total.div_ceil(u64::from(rules.max_size));
		Self { assigned, meetups: u32::try_from(meetups).unwrap_or(0) }
	}
}

/// A random affine permutation `i ↦ (a·i + b) mod size` of `0..size`.
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
pub struct AffinePermutation {
	/// The size of the permuted range.
	pub size: u32,
	/// The multiplier, coprime with `size` (1 when `size ≤ 1`).
	pub a: u32,
	/// The offset, below `size` (0 when `size = 0`).
	pub b: u32,
	/// `a⁻¹ mod size`.
	pub a_inv: u32,
}

impl AffinePermutation {
	/// Give up drawing a multiplier coprime with `size` after this many tries (and use 1). The
	/// share of coprimes below `n < 2³²` is above 1/7, so a fallback happens less than once in
	/// 10¹⁹ draws.
	const MAX_DRAWS: u32 = 300;

	/// A permutation of `0..size` with `a` and `b` drawn from `rng`.
	pub fn random(size: u32, rng: &mut Rng) -> Self {
		if size <= 1 {
			return Self { size, a: 1, b: 0, a_inv: 1 };
		}
		let a = random_coprime(size, rng);
		let b = rng.pick_u32(size.saturating_sub(1));
		Self::new(size, a, b).unwrap_or(Self { size, a: 1, b, a_inv: 1 })
	}

	/// The permutation with multiplier `a` and offset `b`, if `a` is coprime with `size` and
	/// `b < size` (or `size ≤ 1`).
	pub fn new(size: u32, a: u32, b: u32) -> Option<Self> {
		if size <= 1 {
			return Some(Self { size, a: 1, b: 0, a_inv: 1 });
		}
		if b >= size {
			return None;
		}
		let a_inv = mod_inverse(a, size)?;
		Some(Self { size, a: a.checked_rem(size)?, b, a_inv })
	}

	/// Where `i` goes: `(a·i + b) mod size`; `None` when `i ≥ size`.
	pub fn apply(&self, i: u32) -> Option<u32> {
		if i >= self.size {
			return None;
		}
		affine(self.a, i, self.b, self.size)
	}

	/// What goes to `p`: the inverse of [`Self::apply`].
	pub fn invert(&self, p: u32) -> Option<u32> {
		if p >= self.size {
			return None;
		}
		// p − b mod size, then times a⁻¹.
		let shifted = affine(1, p, self.size.checked_sub(self.b)?, self.size)?;
		affine(self.a_inv, shifted, 0, self.size)
	}
}

/// A multiplier coprime with `n ≥ 2`, uniformly among `1..n`, by rejection.
fn random_coprime(n: u32, rng: &mut Rng) -> u32 {
	for _ in 0..AffinePermutation::MAX_DRAWS {
		let a = rng.pick_non_zero_u32(n.saturating_sub(1));
		if gcd(a, n) == 1 {
			return a;
		}
	}
	1
}

/// Greatest common divisor (Euclid).
pub fn gcd(mut a: u32, mut b: u32) -> u32 {
	while let Some(r) = a.checked_rem(b) {
		(a, b) = (b, r);
	}
	a
}

/// `a⁻¹ mod m` (extended Euclid), if `a` and `m ≥ 2` are coprime.
pub fn mod_inverse(a: u32, m: u32) -> Option<u32> {
	if m < 2 {
		return None;
	}
	let (mut old_r, mut r) = (i64::from(a.checked_rem(m)?), i64::from(m));
	let (mut old_s, mut s) = (1i64, 0i64);
	while r != 0 {
		let q = old_r.checked_div(r)?;
		(old_r, r) = (r, old_r.checked_sub(q.checked_mul(r)?)?);
		(old_s, s) = (s, old_s.checked_sub(q.checked_mul(s)?)?);
	}
	if old_r != 1 {
		return None;
	}
	u32::try_from(old_s.rem_euclid(i64::from(m))).ok()
}

/// A community ceremony's assignment: everything needed to compute meetups on read.
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
pub struct Assignment {
	/// Who is assigned, into how many meetups.
	pub allowance: Allowance,
	/// Per class, the shuffle of its registry indices.
	pub shuffles: [AffinePermutation; 4],
	/// Meetup `k` (1-based) meets at location index `(c·k + d) mod locations`.
	pub locations: AffinePermutation,
}

impl Assignment {
	/// Assign `registered` participants with `locations` locations, drawing from `rng`.
	pub fn new(registered: PerClass, locations: u32, rules: &MeetupRules, rng: &mut Rng) -> Self {
		let allowance = Allowance::new(registered, locations, rules);
		if allowance.meetups == 0 {
			return Self { allowance, ..Default::default() };
		}
		let shuffles =
			ParticipantClass::ALL.map(|c| AffinePermutation::random(registered.get(c), rng));
		let locations = AffinePermutation::random(locations, rng);
		Self { allowance, shuffles, locations }
	}

	/// The number of meetups.
	pub fn meetups(&self) -> u32 {
		self.allowance.meetups
	}

	/// The meetup (1-based) of the registrant at 0-based `index` of `class`'s registry, if
	/// assigned.
	pub fn meetup_of(&self, class: ParticipantClass, index: u32) -> Option<u32> {
		let shuffle = self.shuffles.get(class.slot())?;
		let position = shuffle.apply(index)?;
		if position >= self.allowance.assigned.get(class) {
			return None;
		}
		let rank = self.allowance.assigned.before(class).checked_add(u64::from(position))?;
		let meetup = rank.checked_rem(u64::from(self.meetups()))?;
		u32::try_from(meetup).ok()?.checked_add(1)
	}

	/// The members of meetup `meetup` (1-based) as (class, 0-based registry index), experienced
	/// first; empty when there is no such meetup.
	pub fn members(&self, meetup: u32) -> impl Iterator<Item = (ParticipantClass, u32)> + '_ {
		let n = u64::from(self.meetups());
		let first = u64::from(meetup.saturating_sub(1));
		let total =
			if meetup >= 1 && u64::from(meetup) <= n { self.allowance.assigned.total() } else { 0 };
		let ranks = (first..total).step_by(usize::try_from(n).unwrap_or(1).max(1));
		ranks.filter_map(move |rank| {
			let class = ParticipantClass::ALL
				.into_iter()
				.rev()
				.find(|c| self.allowance.assigned.before(*c) <= rank)?;
			let position =
				u32::try_from(rank.checked_sub(self.allowance.assigned.before(class))?).ok()?;
			let index = self.shuffles.get(class.slot())?.invert(position)?;
			Some((class, index))
		})
	}

	/// The location index of meetup `meetup` (1-based), if there is such a meetup.
	pub fn location_of(&self, meetup: u32) -> Option<u32> {
		if meetup == 0 || meetup > self.meetups() {
			return None;
		}
		location_index(&self.locations, meetup)
	}
}

/// `(a·k + b) mod size` for any `k` (the location formula allows `k = size`).
fn location_index(map: &AffinePermutation, k: u32) -> Option<u32> {
	affine(map.a, k, map.b, map.size)
}

/// `(a·x + b) mod m`, exactly; `None` when `m = 0`.
fn affine(a: u32, x: u32, b: u32, m: u32) -> Option<u32> {
	let y = u64::from(a).checked_mul(u64::from(x))?.checked_add(u64::from(b))?;
	u32::try_from(y.checked_rem(u64::from(m))?).ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::{collections::BTreeMap, vec, vec::Vec};
	use proptest::prelude::{any, prop_assert, prop_assert_eq, proptest, ProptestConfig};

	fn counts(bootstrappers: u32, reputables: u32, endorsees: u32, newbies: u32) -> PerClass {
		PerClass { bootstrappers, reputables, endorsees, newbies }
	}

	#[test]
	fn spec_modular_inverse_vectors() {
		assert_eq!(mod_inverse(2, 7), Some(4));
		assert_eq!(mod_inverse(69, 113), Some(95));
		assert_eq!(mod_inverse(111, 113), Some(56));
		assert_eq!(mod_inverse(2, 4), None);
		assert_eq!(mod_inverse(1, 1), None);
	}

	#[test]
	fn spec_location_vector() {
		// L = 11, (s1, s2) = (3, 11 ≡ 0): meetups 1..5 → 3, 6, 9, 1, 4.
		let map = AffinePermutation::new(11, 3, 0).unwrap();
		let assignment = Assignment {
			allowance: Allowance { assigned: counts(5, 0, 0, 0), meetups: 5 },
			locations: map,
			..Default::default()
		};
		let got: Vec<_> = (1..=5).map(|k| assignment.location_of(k).unwrap()).collect();
		assert_eq!(got, vec![3, 6, 9, 1, 4]);
		assert_eq!(assignment.location_of(0), None);
		assert_eq!(assignment.location_of(6), None);
	}

	#[test]
	fn allowance_vectors() {
		let rules = MeetupRules::DEFAULT;
		// The reference's first vector, under our rules: 3 meetups of 12; newcomers ≤ 29/3 = 9.
		assert_eq!(
			Allowance::new(counts(11, 18, 6, 13), 3, &rules),
			Allowance { assigned: counts(11, 18, 6, 1), meetups: 3 }
		);
		// One bootstrapper and one reputable: two meetups at most, newcomers ≤ 0.
		assert_eq!(Allowance::new(counts(1, 1, 30, 13), 10, &rules), Allowance::default());
		// A bootstrapping ceremony: 3 bootstrappers, one location.
		assert_eq!(
			Allowance::new(counts(3, 0, 0, 0), 1, &rules),
			Allowance { assigned: counts(3, 0, 0, 0), meetups: 1 }
		);
		// Too few.
		assert_eq!(Allowance::new(counts(2, 0, 0, 5), 1, &rules), Allowance::default());
		// No location, no meetup.
		assert_eq!(Allowance::new(counts(12, 0, 0, 0), 0, &rules), Allowance::default());
		// More bootstrappers than seats: capped too (the reference underflows here).
		assert_eq!(
			Allowance::new(counts(30, 0, 0, 0), 2, &rules),
			Allowance { assigned: counts(24, 0, 0, 0), meetups: 2 }
		);
		// Endorsees before newbies within the newcomer quota: 12 experienced → 4 newcomers.
		assert_eq!(
			Allowance::new(counts(3, 9, 3, 5), 5, &rules),
			Allowance { assigned: counts(3, 9, 3, 1), meetups: 2 }
		);
	}

	#[test]
	fn rules_validity() {
		assert!(MeetupRules::DEFAULT.is_valid());
		assert!(!MeetupRules { max_size: 4, min_size: 3, newcomer_divider: 3 }.is_valid());
		assert!(MeetupRules { max_size: 5, min_size: 3, newcomer_divider: 3 }.is_valid());
		assert!(!MeetupRules { max_size: 12, min_size: 0, newcomer_divider: 3 }.is_valid());
		assert!(!MeetupRules { max_size: 12, min_size: 3, newcomer_divider: 0 }.is_valid());
	}

	#[test]
	fn affine_permutations_round_trip() {
		let p = AffinePermutation::new(10, 3, 7).unwrap();
		let images: Vec<_> = (0..10).map(|i| p.apply(i).unwrap()).collect();
		assert_eq!(images, vec![7, 0, 3, 6, 9, 2, 5, 8, 1, 4]);
		for (i, image) in images.iter().enumerate() {
			assert_eq!(p.invert(*image), Some(i as u32));
		}
		assert_eq!(p.apply(10), None);
		assert_eq!(p.invert(10), None);
		assert_eq!(AffinePermutation::new(10, 4, 1), None);
		assert_eq!(AffinePermutation::new(10, 3, 10), None);
	}

	/// Everything the properties below check, for one assignment.
	fn check(assignment: &Assignment, registered: PerClass, locations: u32, rules: &MeetupRules) {
		let allowance = assignment.allowance;
		let n = allowance.meetups;
		let total = allowance.assigned.total();
		for class in ParticipantClass::ALL {
			assert!(allowance.assigned.get(class) <= registered.get(class));
		}
		if n == 0 {
			assert_eq!(assignment.members(1).count(), 0);
			return;
		}
		assert!(n <= locations);
		assert!(total >= u64::from(rules.min_size));
		// Newcomers are at most a quarter (with divider 3): newcomers · divider ≤ experienced.
		let experienced =
			u64::from(allowance.assigned.bootstrappers + allowance.assigned.reputables);
		let newcomers = u64::from(allowance.assigned.endorsees + allowance.assigned.newbies);
		assert!(newcomers * u64::from(rules.newcomer_divider) <= experienced);
		// Every assigned registrant is in exactly one meetup, the one `meetup_of` names.
		let mut seen = BTreeMap::new();
		let mut used_locations = BTreeMap::new();
		for k in 1..=n {
			let members: Vec<_> = assignment.members(k).collect();
			assert!(
				members.len() as u64 <= u64::from(rules.max_size),
				"meetup {k}: {}",
				members.len()
			);
			assert!(
				members.len() as u64 >= u64::from(rules.min_size),
				"meetup {k}: {}",
				members.len()
			);
			assert!(
				members.iter().any(|(c, _)| matches!(
					c,
					ParticipantClass::Bootstrapper | ParticipantClass::Reputable
				)),
				"meetup {k} has no experienced member"
			);
			for (class, index) in members {
				assert!(index < registered.get(class));
				assert_eq!(assignment.meetup_of(class, index), Some(k));
				assert!(seen.insert((class, index), k).is_none());
			}
			let location = assignment.location_of(k).unwrap();
			assert!(location < locations);
			assert!(
				used_locations.insert(location, k).is_none(),
				"two meetups at location {location}"
			);
		}
		assert_eq!(seen.len() as u64, total);
		// Nobody else has a meetup.
		for class in ParticipantClass::ALL {
			for index in 0..registered.get(class).min(500) {
				if !seen.contains_key(&(class, index)) {
					assert_eq!(assignment.meetup_of(class, index), None);
				}
			}
			assert_eq!(assignment.meetup_of(class, registered.get(class)), None);
		}
	}

	#[test]
	fn capping_picks_at_random() {
		// 30 newbies for 3 newcomer seats: who gets one varies with the seed.
		let registered = counts(9, 0, 0, 30);
		let mut picks = BTreeMap::new();
		for seed in 0..50u8 {
			let assignment =
				Assignment::new(registered, 1, &MeetupRules::DEFAULT, &mut Rng::new([seed; 32]));
			let picked: Vec<u32> = (0..30)
				.filter(|i| assignment.meetup_of(ParticipantClass::Newbie, *i).is_some())
				.collect();
			assert_eq!(picked.len(), 3);
			*picks.entry(picked).or_insert(0) += 1;
		}
		assert!(picks.len() > 10, "{picks:?}");
	}

	#[test]
	fn ten_thousand_newbies_and_a_thousand_reputables() {
		let registered = counts(12, 1000, 300, 10_000);
		let mut rng = Rng::new([9; 32]);
		let assignment = Assignment::new(registered, 2000, &MeetupRules::DEFAULT, &mut rng);
		assert_eq!(assignment.allowance.assigned, counts(12, 1000, 300, 37));
		assert_eq!(assignment.meetups(), 113);
		check(&assignment, registered, 2000, &MeetupRules::DEFAULT);
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(300))]

		#[test]
		fn assignments_keep_every_rule(
			seed in any::<[u8; 32]>(),
			b in 0u32..40, r in 0u32..300, e in 0u32..100, n in 0u32..400,
			locations in 0u32..60,
			max_size in 1u32..20, min_size in 1u32..8, divider in 1u32..6,
		) {
			let rules = MeetupRules { max_size, min_size, newcomer_divider: divider };
			if rules.is_valid() {
				let registered = counts(b, r, e, n);
				let assignment = Assignment::new(registered, locations, &rules, &mut Rng::new(seed));
				check(&assignment, registered, locations, &rules);
			}
		}

		#[test]
		fn assignment_is_deterministic_for_a_seed(seed in any::<[u8; 32]>(), n in 0u32..200) {
			let registered = counts(5, 20, 3, n);
			let a = Assignment::new(registered, 10, &MeetupRules::DEFAULT, &mut Rng::new(seed));
			let b = Assignment::new(registered, 10, &MeetupRules::DEFAULT, &mut Rng::new(seed));
			prop_assert_eq!(a, b);
		}

		#[test]
		fn permutations_are_bijections(seed in any::<[u8; 32]>(), size in 0u32..500) {
			let p = AffinePermutation::random(size, &mut Rng::new(seed));
			let mut hit = vec![false; size as usize];
			for i in 0..size {
				let image = p.apply(i).unwrap();
				prop_assert!(!hit[image as usize]);
				hit[image as usize] = true;
				prop_assert_eq!(p.invert(image), Some(i));
			}
		}

	}
}
