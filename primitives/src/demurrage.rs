// SPDX-License-Identifier: GPL-3.0-or-later
//! Demurrage: community-currency holdings decay continuously with chain time.
//!
//! A balance is stored as `(principal, last_update)` and read as
//! `principal · e^(−rate · elapsed / year)`, where `rate` is the community's demurrage rate per
//! (Julian) year and `elapsed` is chain time in milliseconds; a rate of ln 2 halves holdings once a
//! year. Unlike the reference, which decays per block with a truncated Taylor series that loses
//! precision and fails beyond |x| ≈ 40 (`spec/protocol.md` §4.1, §10.9), the decay here is defined
//! on time, so it is right under instant sealing and any block time, and it is exact to within
//! 2^-100 relative over the whole range, and never above the exact value:
//!
//! 1. `x = rate · elapsed / year` with 120 fractional bits (one rounding, ≤ 2^-120);
//! 2. range reduction `x = k · ln 2 + r`, `0 ≤ r < ln 2`, so `e^−x = 2^−k · e^−r` (ln 2 to 2^-121);
//! 3. `e^−r` by its alternating Taylor series with 126 fractional bits (≤ 31 terms, each
//!    rounded down by at most 2^-126).
//!
//! [`exp_neg`] rounds the result to nearest 64.64, so it is within one unit in the last place.

use crate::fixed::{mul_div, mul_shr, U64F64};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Milliseconds in a Julian year (365.25 days), the unit of demurrage rates.
pub const YEAR_MS: u64 = 31_557_600_000;

/// ln 2 in 64.64, rounded to nearest: the demurrage rate that halves holdings once a year.
pub const LN_2: U64F64 = U64F64::from_bits(0xB172_17F7_D1CF_79AC);

/// ln 2 with 120 fractional bits, rounded to nearest.
const LN_2_Q120: u128 = 0x00B1_7217_F7D1_CF79_ABC9_E3B3_9803_F2F7;
/// Fractional bits of `x` during range reduction.
const X_BITS: u32 = 120;
/// Fractional bits of the mantissa `e^−r`.
const M_BITS: u32 = 126;
/// `2^16` mantissa units (2^-110 relative) exceed the mantissa's error bound.
const MANTISSA_MARGIN_BITS: u32 = 16;
/// Beyond `x = 130 · ln 2` the factor is below 2^-130: every 64.64 value decays to zero.
const MAX_SHIFT: u32 = 130;

/// A community's demurrage: the continuous decay rate per year (`e^(−rate)` remains after one
/// year; [`LN_2`] halves holdings once a year; zero means no demurrage).
pub type Demurrage = U64F64;

/// The rate that halves holdings every `half_life_ms` of chain time, or `None` for zero.
pub fn rate_for_half_life(half_life_ms: u64) -> Option<Demurrage> {
	mul_div(LN_2.to_bits(), u128::from(YEAR_MS), u128::from(half_life_ms)).map(U64F64::from_bits)
}

/// `e^−x = mantissa · 2^−(M_BITS + shift)`, with `mantissa` in (2^125, 2^126].
struct Factor {
	mantissa: u128,
	shift: u32,
}

impl Factor {
	/// The factor for `x = x_q120 / 2^120`, or `None` if it is below 2^-130.
	fn of(x_q120: u128) -> Option<Self> {
		let k = x_q120.checked_div(LN_2_Q120)?;
		let shift = u32::try_from(k).ok().filter(|k| *k < MAX_SHIFT)?;
		// r = x − k · ln 2 ∈ [0, ln 2): k < 130 keeps k · ln 2 below x.
		let r_q120 = x_q120.checked_sub(LN_2_Q120.checked_mul(k)?)?;
		let r = r_q120.checked_shl(M_BITS - X_BITS)?;
		// e^−r = Σ (−1)^i r^i / i!; the partial sums stay in (0, 1].
		let one = 1u128 << M_BITS;
		let (mut sum, mut term, mut i) = (one, one, 0u128);
		loop {
			i = i.checked_add(1)?;
			term = mul_shr(term, r, M_BITS)?.checked_div(i)?;
			if term == 0 {
				break;
			}
			sum = if i & 1 == 1 { sum.checked_sub(term)? } else { sum.checked_add(term)? };
		}
		Some(Self { mantissa: sum, shift })
	}

	/// `value · factor` in the bits of `value`, rounded down and never above the exact value:
	/// the mantissa's error (below 2^-112 relative: x to 2^-120, k · ln 2 to 130 · 2^-121, the
	/// series to 2^-118) is taken off first.
	fn apply_floor(&self, bits: u128) -> u128 {
		let lower_bound = self.mantissa.saturating_sub(1 << MANTISSA_MARGIN_BITS);
		mul_shr(bits, lower_bound, M_BITS.saturating_add(self.shift)).unwrap_or(0)
	}
}

/// `e^−x`, rounded to the nearest 64.64 value (within one unit in the last place).
pub fn exp_neg(x: U64F64) -> U64F64 {
	// e^−46 · 2^64 < 0.5: zero from here on, and below it x · 2^56 fits 128 bits.
	if x >= U64F64::from_int(46) {
		return U64F64::ZERO;
	}
	let factor = x.to_bits().checked_shl(X_BITS - 64).and_then(Factor::of);
	let bits = factor.map_or(0, |f| {
		// round(mantissa · 2^64 / 2^(126 + shift)) = ⌊(mantissa · 2 / 2^(62 + shift) + 1) / 2⌋
		let twice = mul_shr(f.mantissa, 2, 62u32.saturating_add(f.shift)).unwrap_or(0);
		twice.saturating_add(1) / 2
	});
	U64F64::from_bits(bits)
}

/// `balance · e^(−rate · elapsed_ms / YEAR_MS)`, rounded down (decay never creates value).
pub fn decay(balance: U64F64, rate: Demurrage, elapsed_ms: u64) -> U64F64 {
	if rate == U64F64::ZERO || elapsed_ms == 0 {
		return balance;
	}
	// x · 2^120 = rate_bits · elapsed · 2^56 / year; past 2^127 the factor is 0 anyway.
	let x_q120 = u128::from(elapsed_ms)
		.checked_shl(X_BITS - 64)
		.and_then(|scaled| mul_div(rate.to_bits(), scaled, u128::from(YEAR_MS)));
	let bits = x_q120.and_then(Factor::of).map_or(0, |f| f.apply_floor(balance.to_bits()));
	U64F64::from_bits(bits)
}

/// A community balance: the principal as of `last_update` (chain time in ms).
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Deserialize,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	Serialize,
	TypeInfo,
)]
#[serde(rename_all = "camelCase")]
pub struct BalanceEntry {
	/// The amount at `last_update`.
	pub principal: U64F64,
	/// Chain time (ms since the Unix epoch) of the last write.
	pub last_update: u64,
}

impl BalanceEntry {
	/// The entry at chain time `now` with demurrage applied. A `now` before `last_update` (a
	/// clock cannot go back, but genesis values might be odd) applies no decay.
	pub fn at(self, now: u64, rate: Demurrage) -> Self {
		let elapsed = now.saturating_sub(self.last_update);
		Self { principal: decay(self.principal, rate, elapsed), last_update: now }
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use num_bigint::BigUint;
	use proptest::prelude::*;

	/// Working precision of the reference: 2^-512.
	const REF_BITS: usize = 512;

	/// `e^(n/d) · 2^512` by the Taylor series in big integers (all terms positive).
	fn exp_ref_scaled(n: &BigUint, d: &BigUint) -> BigUint {
		let mut term = BigUint::from(1u8) << REF_BITS;
		let mut sum = term.clone();
		let mut i = 1u32;
		while term > BigUint::ZERO {
			term = term * n / (d * i);
			sum += &term;
			i += 1;
		}
		sum
	}

	/// `round(value_bits · e^(−n/d))` in the same bits.
	fn decay_ref(value_bits: u128, n: &BigUint, d: &BigUint, round: bool) -> BigUint {
		let numerator = BigUint::from(value_bits) << (2 * REF_BITS);
		let denominator = exp_ref_scaled(n, d) << REF_BITS;
		if round {
			(numerator * 2u8 + &denominator) / (denominator * 2u8)
		} else {
			numerator / denominator
		}
	}

	fn exp_neg_ref(x: U64F64) -> u128 {
		let d = BigUint::from(1u8) << 64;
		decay_ref(1 << 64, &BigUint::from(x.to_bits()), &d, true).try_into().unwrap()
	}

	#[test]
	fn constants_are_correctly_rounded() {
		// ln 2 = 0.69314718055994530941723212145817656807550013436025525412068…
		let ln2: U64F64 = "0.69314718055994530941723212145817656807550013436".parse().unwrap();
		assert_eq!(LN_2, ln2);
		let reference = "69314718055994530941723212145817656807550013436025525412068"
			.parse::<BigUint>()
			.unwrap();
		let scale = BigUint::from(10u8).pow(59);
		let q120 = ((reference << 121) / &scale + 1u8) / 2u8;
		assert_eq!(q120, BigUint::from(LN_2_Q120));
		assert_eq!(YEAR_MS, 365 * 86_400_000 + 86_400_000 / 4);
	}

	#[test]
	fn exp_neg_known_values() {
		assert_eq!(exp_neg(U64F64::ZERO), U64F64::ONE);
		assert_eq!(exp_neg(LN_2), U64F64::from_rational(1, 2).unwrap());
		assert_eq!(format!("{:.18}", exp_neg(U64F64::ONE)), "0.367879441171442322");
		assert_eq!(exp_neg(U64F64::from_int(46)), U64F64::ZERO);
		assert_eq!(exp_neg(U64F64::MAX), U64F64::ZERO);
		// The reference's Taylor `exp` fails beyond |x| ≈ 40: e^-40 · 2^64 = 78.37…
		assert_eq!(exp_neg(U64F64::from_int(40)).to_bits(), 78);
	}

	#[test]
	fn halves_after_exactly_one_year() {
		let one = U64F64::ONE;
		let half = decay(one, LN_2, YEAR_MS);
		let error = half.to_bits().abs_diff(1 << 63) as f64 / (1u128 << 63) as f64;
		assert!(error < 1e-12, "relative error {error}");
		let quarter = decay(one, LN_2, 2 * YEAR_MS);
		assert!(quarter.to_bits().abs_diff(1 << 62) <= 1);
		assert_eq!(decay(one, rate_for_half_life(YEAR_MS).unwrap(), YEAR_MS), half);
		assert_eq!(rate_for_half_life(0), None);
	}

	#[test]
	fn no_rate_or_no_time_changes_nothing() {
		let x = U64F64::from_int(5);
		assert_eq!(decay(x, U64F64::ZERO, u64::MAX), x);
		assert_eq!(decay(x, LN_2, 0), x);
		assert!(decay(U64F64::MAX, LN_2, 1) < U64F64::MAX);
	}

	#[test]
	fn extreme_inputs_decay_to_zero_without_overflow() {
		assert_eq!(decay(U64F64::MAX, U64F64::MAX, u64::MAX), U64F64::ZERO);
		assert_eq!(decay(U64F64::MAX, LN_2, 131 * YEAR_MS), U64F64::ZERO);
		assert_eq!(decay(U64F64::MAX, U64F64::MAX, 1), U64F64::ZERO);
	}

	#[test]
	fn balance_entry_applies_decay_and_moves_time() {
		let entry = BalanceEntry { principal: U64F64::from_int(8), last_update: 1_000 };
		let later = entry.at(1_000 + 3 * YEAR_MS, LN_2);
		assert_eq!(later.last_update, 1_000 + 3 * YEAR_MS);
		assert!(later.principal.to_bits().abs_diff(1 << 64) <= 1);
		assert_eq!(
			entry.at(500, LN_2),
			BalanceEntry { principal: entry.principal, last_update: 500 }
		);
		let json = serde_json::to_string(&entry).unwrap();
		assert_eq!(json, r#"{"principal":"8","lastUpdate":1000}"#);
	}

	proptest! {
		/// Within one unit in the last place of the exact value, over the whole range.
		#[test]
		fn exp_neg_is_within_one_ulp(bits in 0u128..(46u128 << 64)) {
			let x = U64F64::from_bits(bits);
			prop_assert!(exp_neg(x).to_bits().abs_diff(exp_neg_ref(x)) <= 1);
		}

		#[test]
		fn exp_neg_is_within_one_ulp_near_zero(bits in 0u128..(1u128 << 40)) {
			let x = U64F64::from_bits(bits);
			prop_assert!(exp_neg(x).to_bits().abs_diff(exp_neg_ref(x)) <= 1);
		}

		/// Never above the exact value, and below it by at most 2^-100 relative plus one unit.
		#[test]
		fn decay_is_exact_to_2_pow_minus_100(
			balance: u128,
			rate in 0u128..(8u128 << 64),
			elapsed in 0u64..(40 * YEAR_MS),
		) {
			let ours = decay(U64F64::from_bits(balance), U64F64::from_bits(rate), elapsed).to_bits();
			let d = BigUint::from(YEAR_MS) << 64;
			let exact = decay_ref(balance, &(BigUint::from(rate) * elapsed), &d, false);
			let ours = BigUint::from(ours);
			prop_assert!(ours <= exact, "{} > {}", ours, exact);
			prop_assert!(&exact - &ours <= (&exact >> 100u32) + 1u8);
		}

		#[test]
		fn decay_is_monotonic_in_time(balance: u128, a in 0u64..(10 * YEAR_MS), b in 0u64..(10 * YEAR_MS)) {
			let (early, late) = (a.min(b), a.max(b));
			let x = U64F64::from_bits(balance);
			prop_assert!(decay(x, LN_2, late) <= decay(x, LN_2, early));
		}
	}
}
