// SPDX-License-Identifier: GPL-3.0-or-later
//! Fuzz targets of the pure logic (`convene_test_support::fuzz`): meetup validation and
//! assignment with arbitrary registries, fixed-point and demurrage arithmetic at the edges.
//! Each checks invariants besides "no panic" (a debug build also panics on any overflow).

use crate::{
	assignment::{Assignment, MeetupRules, ParticipantClass, PerClass},
	currency::fee_in_community_currency,
	demurrage::decay,
	escrow::{next_cheque, principal_of},
	fixed::{mul_div, I64F64, U64F64},
	meetup::{attestation_threshold, validate_meetup},
	random::Rng,
};
use convene_test_support::fuzz::{fuzz, Input};
use num_bigint::BigUint;
use std::collections::BTreeSet;

#[test]
fn fuzz_meetup_validation() {
	fuzz("meetup_validation", |bytes| {
		let mut input = Input::new(bytes);
		let n = input.below(14) as usize;
		// Votes mostly near the meetup's size, so that majorities form.
		let votes: Vec<u32> = (0..n)
			.map(|_| match input.u8() % 4 {
				0 => input.u32(),
				_ => u32::from(input.u8() % 16),
			})
			.collect();
		let attestations: Vec<Vec<u32>> = (0..n)
			.map(|_| (0..input.below(16)).map(|_| u32::from(input.u8() % 16)).collect())
			.collect();
		let Ok(outcome) = validate_meetup(&votes, &attestations, attestation_threshold) else {
			return;
		};
		let legit: BTreeSet<u32> = outcome.legit.iter().copied().collect();
		assert_eq!(legit.len(), outcome.legit.len(), "legit participants are unique");
		for i in &legit {
			assert!((*i as usize) < n);
			assert_eq!(votes[*i as usize], outcome.head_count, "the legit voted the head count");
			assert!(!outcome.excluded.iter().any(|(e, _)| e == i), "legit and excluded");
		}
	});
}

#[test]
fn fuzz_meetup_assignment() {
	fuzz("meetup_assignment", |bytes| {
		let mut input = Input::new(bytes);
		let registered = PerClass {
			bootstrappers: input.below(40),
			reputables: input.below(300),
			endorsees: input.below(100),
			newbies: input.below(300),
		};
		let locations = input.below(400);
		let rules = MeetupRules {
			max_size: input.below(20),
			min_size: input.below(8),
			newcomer_divider: input.below(6),
		};
		if !rules.is_valid() {
			return;
		}
		let assignment =
			Assignment::new(registered, locations, &rules, &mut Rng::new(input.bytes()));
		let meetups = assignment.meetups();
		assert!(meetups <= locations, "one location per meetup");
		let mut seen = BTreeSet::new();
		let mut places = BTreeSet::new();
		for meetup in 1..=meetups {
			let members: Vec<_> = assignment.members(meetup).collect();
			let size = members.len() as u32;
			assert!(
				size <= rules.max_size && size >= rules.min_size,
				"meetup of {size}: {rules:?}"
			);
			for (class, index) in members {
				assert!(index < registered.get(class));
				assert_eq!(assignment.meetup_of(class, index), Some(meetup));
				assert!(seen.insert((class as u8, index)), "assigned twice");
			}
			let place = assignment.location_of(meetup).expect("a meetup has a location");
			assert!(place < locations && places.insert(place), "locations are distinct");
		}
		assert_eq!(seen.len() as u64, assignment.allowance.assigned.total());
		let newcomers = u64::from(assignment.allowance.assigned.endorsees)
			+ u64::from(assignment.allowance.assigned.newbies);
		let experienced = u64::from(assignment.allowance.assigned.bootstrappers)
			+ u64::from(assignment.allowance.assigned.reputables);
		assert!(newcomers * u64::from(rules.newcomer_divider) <= experienced);
		for class in ParticipantClass::ALL {
			let unassigned = registered.get(class).min(3);
			for index in 0..unassigned {
				let _ = assignment.meetup_of(class, index);
			}
		}
		assert_eq!(assignment.location_of(meetups.saturating_add(1)), None);
		assert_eq!(assignment.members(0).count(), 0);
	});
}

fn big(x: u128) -> BigUint {
	BigUint::from(x)
}

fn fits(x: BigUint) -> Option<u128> {
	u128::try_from(x).ok()
}

#[test]
fn fuzz_fixed_point_arithmetic() {
	fuzz("fixed_point", |bytes| {
		let mut input = Input::new(bytes);
		// Edges more often than chance would give them.
		let mut value = || match input.u8() % 4 {
			0 => [0, 1, u128::MAX, 1 << 64, (1 << 64) - 1][input.below(5) as usize],
			1 => u128::from(input.u64()),
			_ => input.u128(),
		};
		let (a, b, c) = (value(), value(), value());
		let (x, y) = (U64F64::from_bits(a), U64F64::from_bits(b));
		// Against exact big-integer arithmetic.
		assert_eq!(x.checked_add(y).map(U64F64::to_bits), a.checked_add(b));
		assert_eq!(x.checked_sub(y).map(U64F64::to_bits), a.checked_sub(b));
		assert_eq!(x.checked_mul(y).map(U64F64::to_bits), fits((big(a) * big(b)) >> 64));
		let quotient = (b != 0).then(|| fits((big(a) << 64) / big(b))).flatten();
		assert_eq!(x.checked_div(y).map(U64F64::to_bits), quotient);
		let expected = (c != 0).then(|| fits(big(a) * big(b) / big(c))).flatten();
		assert_eq!(mul_div(a, b, c), expected);
		assert_eq!(x.saturating_add(y).to_bits(), a.saturating_add(b));
		assert_eq!(x.saturating_sub(y).to_bits(), a.saturating_sub(b));
		// Decimal text: the shortest form parses back to the same bits.
		assert_eq!(x.to_string().parse::<U64F64>(), Ok(x));
		let signed = I64F64::from_bits(a as i128);
		assert_eq!(signed.to_string().parse::<I64F64>(), Ok(signed));
		let _ = format!("{x:.3} {signed:.40}");
		let text = String::from_utf8_lossy(input.rest());
		let _ = text.parse::<U64F64>();
		let _ = text.parse::<I64F64>();
		let decimals = input.below(40);
		if let Some(units) = x.to_units(decimals) {
			let back = U64F64::from_units(units, decimals).expect("units of a value fit");
			assert!(back <= x, "units round down");
		}
	});
}

#[test]
fn fuzz_demurrage_arithmetic() {
	fuzz("demurrage", |bytes| {
		let mut input = Input::new(bytes);
		let balance = U64F64::from_bits(input.u128());
		let rate = U64F64::from_bits(match input.u8() % 3 {
			0 => input.u128(),
			_ => u128::from(input.u64()),
		});
		let (t1, t2) = (input.u64(), input.u64());
		let (early, late) = (t1.min(t2), t1.max(t2));
		let at_early = decay(balance, rate, early);
		let at_late = decay(balance, rate, late);
		assert!(at_early <= balance, "decay never creates value");
		assert!(at_late <= at_early, "decay does not grow with time");
		// Decaying in two steps yields no more than in one, but for the factors' error (below
		// 2^-112 relative).
		let margin = U64F64::from_bits((balance.to_bits() >> 100) + 2);
		assert!(decay(at_early, rate, late - early) <= at_late.saturating_add(margin));
		if let Some(principal) = principal_of(balance, rate, early) {
			assert!(decay(principal, rate, early) <= balance, "the principal is rounded down");
		}
		let _ = next_cheque(balance, U64F64::from_bits(input.u128()), rate, early);
		let fee = fee_in_community_currency(input.u128(), input.u128().max(1), balance, rate);
		assert!(fee <= U64F64::MAX);
	});
}
