// SPDX-License-Identifier: GPL-3.0-or-later
//! Binary fixed-point numbers with 64 integer and 64 fractional bits.
//!
//! [`U64F64`] holds community-currency amounts and demurrage rates, [`I64F64`] coordinates in
//! degrees. Both are their raw bits on the wire (SCALE: a little-endian `u128`/`i128`, as the
//! reference's `substrate-fixed` types) and exact decimal strings in JSON, e.g. `"12.5"`.
//!
//! Decimal strings: [`fmt::Display`] prints the shortest decimal that [`FromStr`] (which rounds to
//! the nearest representable value) reads back as the same bits, so `0.1` prints as `0.1`;
//! `{:.N}` rounds to `N` fractional digits instead.

use alloc::string::ToString;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::{fmt, str::FromStr};
use primitive_types::{U256, U512};
use scale_info::TypeInfo;

/// Fractional bits of [`U64F64`] and [`I64F64`].
pub const FRAC_BITS: u32 = 64;

/// Fractional digits that always suffice for a round trip (half an ulp is 2.7e-20).
const DISPLAY_DIGITS: usize = 20;
/// Fractional digits [`FromStr`] reads exactly; later ones are ignored.
const PARSE_DIGITS: usize = 38;

/// An unsigned 64.64 binary fixed-point number.
#[derive(
	Clone,
	Copy,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	Hash,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
)]
pub struct U64F64(u128);

/// A signed 64.64 binary fixed-point number.
#[derive(
	Clone,
	Copy,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	Hash,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
)]
pub struct I64F64(i128);

/// `⌊a · b / 2^shift⌋`, or `None` if it does not fit 128 bits.
#[allow(clippy::arithmetic_side_effects)] // A right shift of a U512 cannot overflow.
pub fn mul_shr(a: u128, b: u128, shift: u32) -> Option<u128> {
	let product = U256::from(a).full_mul(U256::from(b));
	u128::try_from(product >> shift).ok()
}

/// `⌊a · b / c⌋`, or `None` if `c` is zero or the result does not fit 128 bits.
pub fn mul_div(a: u128, b: u128, c: u128) -> Option<u128> {
	let quotient = U256::from(a).full_mul(U256::from(b)).checked_div(U512::from(c))?;
	u128::try_from(quotient).ok()
}

impl U64F64 {
	/// Zero.
	pub const ZERO: Self = Self(0);
	/// One.
	pub const ONE: Self = Self(1 << FRAC_BITS);
	/// The largest value, just below 2^64.
	pub const MAX: Self = Self(u128::MAX);

	/// The value whose raw bits are `bits` (the value is `bits / 2^64`).
	pub const fn from_bits(bits: u128) -> Self {
		Self(bits)
	}

	/// The raw bits.
	pub const fn to_bits(self) -> u128 {
		self.0
	}

	/// An integer.
	pub const fn from_int(n: u64) -> Self {
		Self((n as u128) << FRAC_BITS)
	}

	/// `⌊n / d · 2^64⌋ / 2^64`, or `None` if `d` is zero or the value is 2^64 or more.
	pub fn from_rational(n: u128, d: u128) -> Option<Self> {
		mul_div(n, 1 << FRAC_BITS, d).map(Self)
	}

	/// The integer part.
	pub const fn int(self) -> u64 {
		(self.0 >> FRAC_BITS) as u64
	}

	/// `self + rhs`, or `None` on overflow.
	pub fn checked_add(self, rhs: Self) -> Option<Self> {
		self.0.checked_add(rhs.0).map(Self)
	}

	/// `self − rhs`, or `None` below zero.
	pub fn checked_sub(self, rhs: Self) -> Option<Self> {
		self.0.checked_sub(rhs.0).map(Self)
	}

	/// `self + rhs`, at most [`Self::MAX`].
	pub fn saturating_add(self, rhs: Self) -> Self {
		Self(self.0.saturating_add(rhs.0))
	}

	/// `self − rhs`, at least zero.
	pub fn saturating_sub(self, rhs: Self) -> Self {
		Self(self.0.saturating_sub(rhs.0))
	}

	/// `self · rhs` rounded down, or `None` on overflow.
	pub fn checked_mul(self, rhs: Self) -> Option<Self> {
		mul_shr(self.0, rhs.0, FRAC_BITS).map(Self)
	}

	/// `self / rhs` rounded down, or `None` if `rhs` is zero or on overflow.
	pub fn checked_div(self, rhs: Self) -> Option<Self> {
		mul_div(self.0, 1 << FRAC_BITS, rhs.0).map(Self)
	}

	/// The value in integer units of `10^-decimals` (e.g. 18 decimals: 1.0 → 10^18), rounded
	/// down, or `None` if it does not fit.
	pub fn to_units(self, decimals: u32) -> Option<u128> {
		mul_shr(self.0, 10u128.checked_pow(decimals)?, FRAC_BITS)
	}

	/// The value of `units · 10^-decimals`, rounded down, or `None` if it does not fit.
	pub fn from_units(units: u128, decimals: u32) -> Option<Self> {
		Self::from_rational(units, 10u128.checked_pow(decimals)?)
	}

	/// The nearest `f64`. For clients: the runtime never uses floats.
	pub fn to_f64(self) -> f64 {
		self.0 as f64 / 18_446_744_073_709_551_616.0
	}
}

impl I64F64 {
	/// Zero.
	pub const ZERO: Self = Self(0);

	/// The value whose raw bits are `bits` (the value is `bits / 2^64`).
	pub const fn from_bits(bits: i128) -> Self {
		Self(bits)
	}

	/// The raw bits.
	pub const fn to_bits(self) -> i128 {
		self.0
	}

	/// An integer.
	pub const fn from_int(n: i64) -> Self {
		Self((n as i128) << FRAC_BITS)
	}

	/// The absolute value as a [`U64F64`].
	pub const fn unsigned_abs(self) -> U64F64 {
		U64F64(self.0.unsigned_abs())
	}

	/// The nearest value to `x` (exact for every `f64` of at most 64 fractional bits); `None`
	/// for NaN or values of magnitude 2^63 or more. For clients: the runtime never uses floats.
	pub fn from_f64(x: f64) -> Option<Self> {
		let scaled = x * 18_446_744_073_709_551_616.0;
		(scaled.is_finite() && scaled.abs() < 170_141_183_460_469_231_731_687_303_715_884_105_728.0)
			.then_some(Self(scaled as i128))
	}

	/// The nearest `f64`. For clients: the runtime never uses floats.
	pub fn to_f64(self) -> f64 {
		self.0 as f64 / 18_446_744_073_709_551_616.0
	}
}

/// Why a string is not a fixed-point number.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ParseFixedError {
	/// Not digits with at most one decimal point (and, for signed values, a leading `-`).
	Invalid,
	/// The value is outside the type's range.
	OutOfRange,
}

impl fmt::Display for ParseFixedError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(match self {
			Self::Invalid => "not a decimal number such as 12.5",
			Self::OutOfRange => "the number is out of range",
		})
	}
}

/// `round(n · 2^64 / 10^digits)`: 64.64 bits of the decimal `n · 10^-digits` (`digits` ≤ 38),
/// or `None` if not below 2^64.
fn from_decimal(n: U256, digits: usize) -> Option<u128> {
	let denominator = U256::from(10u128.checked_pow(u32::try_from(digits).ok()?)?);
	// ⌊(2 · n · 2^64 + denominator) / (2 · denominator)⌋
	let rounded = n
		.checked_mul(U256::from(1u128 << (FRAC_BITS + 1)))?
		.checked_add(denominator)?
		.checked_div(denominator.checked_mul(U256::from(2))?)?;
	u128::try_from(rounded).ok()
}

/// `round(bits · 10^digits / 2^64)`: the value as a decimal with `digits` (≤ 38) fractional
/// digits.
fn to_decimal(bits: u128, digits: usize) -> Option<U256> {
	let scale = U256::from(10u128.checked_pow(u32::try_from(digits).ok()?)?);
	U256::from(bits)
		.checked_mul(scale)?
		.checked_add(U256::from(1u128 << (FRAC_BITS - 1)))?
		.checked_div(U256::from(1u128 << FRAC_BITS))
}

/// Parse an unsigned decimal into 64.64 bits, rounding to nearest.
fn parse_unsigned(s: &str) -> Result<u128, ParseFixedError> {
	let (int, frac) = s.split_once('.').unwrap_or((s, ""));
	let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
	if !(digits(int) || (int.is_empty() && digits(frac))) || !(frac.is_empty() || digits(frac)) {
		return Err(ParseFixedError::Invalid);
	}
	let int = if int.is_empty() {
		0
	} else {
		int.parse::<u64>().map_err(|_| ParseFixedError::OutOfRange)?
	};
	let frac = frac.get(..PARSE_DIGITS).unwrap_or(frac);
	// At most 20 + 38 digits: fits 256 bits.
	let n = frac.bytes().fold(U256::from(int), |n, b| {
		n.saturating_mul(U256::from(10))
			.saturating_add(U256::from(b.saturating_sub(b'0')))
	});
	from_decimal(n, frac.len()).ok_or(ParseFixedError::OutOfRange)
}

/// Write 64.64 bits as a decimal: rounded to `precision` fractional digits if given, else the
/// shortest decimal that parses back to the same bits.
fn write_unsigned(
	f: &mut fmt::Formatter,
	bits: u128,
	negative: bool,
	precision: Option<usize>,
) -> fmt::Result {
	let (n, digits) = match precision {
		Some(digits) => {
			let digits = digits.min(PARSE_DIGITS);
			(to_decimal(bits, digits).ok_or(fmt::Error)?, digits)
		},
		None => (0..=DISPLAY_DIGITS)
			.filter_map(|digits| Some((to_decimal(bits, digits)?, digits)))
			.find(|&(n, digits)| from_decimal(n, digits) == Some(bits))
			.ok_or(fmt::Error)?,
	};
	let (int, frac) = n.div_mod(U256::from(10u128.pow(digits as u32)));
	let sign = if negative && !n.is_zero() { "-" } else { "" };
	if digits == 0 {
		write!(f, "{sign}{int}")
	} else {
		write!(f, "{sign}{int}.{:0>digits$}", frac.to_string())
	}
}

impl FromStr for U64F64 {
	type Err = ParseFixedError;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		parse_unsigned(s).map(Self)
	}
}

impl FromStr for I64F64 {
	type Err = ParseFixedError;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		let (negative, magnitude) = match s.strip_prefix('-') {
			Some(rest) => (true, rest),
			None => (false, s),
		};
		let bits = parse_unsigned(magnitude)?;
		let bits =
			if negative { 0i128.checked_sub_unsigned(bits) } else { i128::try_from(bits).ok() };
		bits.map(Self).ok_or(ParseFixedError::OutOfRange)
	}
}

impl fmt::Display for U64F64 {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write_unsigned(f, self.0, false, f.precision())
	}
}

impl fmt::Display for I64F64 {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write_unsigned(f, self.0.unsigned_abs(), self.0 < 0, f.precision())
	}
}

impl fmt::Debug for U64F64 {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

impl fmt::Debug for I64F64 {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

/// JSON: a decimal string. Numbers are refused: a JSON number is a float to most readers, and
/// `0.1` as a float is not `0.1`.
macro_rules! serde_as_decimal {
	($t:ty) => {
		impl serde::Serialize for $t {
			fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
				s.collect_str(self)
			}
		}

		impl<'de> serde::Deserialize<'de> for $t {
			fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
				struct Visitor;
				impl serde::de::Visitor<'_> for Visitor {
					type Value = $t;
					fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
						f.write_str("a decimal number in a string, such as \"12.5\"")
					}
					fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
						v.parse().map_err(E::custom)
					}
				}
				d.deserialize_str(Visitor)
			}
		}
	};
}
serde_as_decimal!(U64F64);
serde_as_decimal!(I64F64);

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn decimal_strings() {
		let u = |s: &str| s.parse::<U64F64>();
		assert_eq!(u("1"), Ok(U64F64::ONE));
		assert_eq!(u("0.5"), Ok(U64F64::from_bits(1 << 63)));
		assert_eq!(u(".5"), Ok(U64F64::from_bits(1 << 63)));
		assert_eq!(u("2."), Ok(U64F64::from_int(2)));
		assert_eq!(u("18446744073709551615"), Ok(U64F64::from_int(u64::MAX)));
		assert_eq!(u("18446744073709551616"), Err(ParseFixedError::OutOfRange));
		assert_eq!(
			u("18446744073709551615.99999999999999999999999"),
			Err(ParseFixedError::OutOfRange)
		);
		for bad in ["", ".", "-1", "1e3", "1.2.3", " 1", "0x10", "1,5"] {
			assert_eq!(u(bad), Err(ParseFixedError::Invalid), "{bad:?}");
		}
		assert_eq!(U64F64::from_int(12).to_string(), "12");
		assert_eq!(u("12.5").unwrap().to_string(), "12.5");
		assert_eq!(u("0.1").unwrap().to_string(), "0.1");
		assert_eq!(format!("{:.3}", u("2.0005").unwrap()), "2.001");
		assert_eq!(format!("{:.2}", u("0.999").unwrap()), "1.00");
		assert_eq!(U64F64::from_bits(1).to_string(), "0.00000000000000000005");

		let i = |s: &str| s.parse::<I64F64>();
		assert_eq!(i("-4.329").unwrap().to_string(), "-4.329");
		assert_eq!(i("-0").unwrap(), I64F64::ZERO);
		assert_eq!(I64F64::from_bits(-1).to_string(), "-0.00000000000000000005");
		assert_eq!(format!("{:.1}", I64F64::from_bits(-1)), "0.0");
		assert_eq!(i("-9223372036854775808"), Ok(I64F64::from_int(i64::MIN)));
		assert_eq!(i("9223372036854775808"), Err(ParseFixedError::OutOfRange));
		assert_eq!(i("--1"), Err(ParseFixedError::Invalid));
	}

	#[test]
	fn json_is_a_decimal_string() {
		let x: U64F64 = "1.25".parse().unwrap();
		assert_eq!(serde_json::to_string(&x).unwrap(), "\"1.25\"");
		assert_eq!(serde_json::from_str::<U64F64>("\"1.25\"").unwrap(), x);
		assert_eq!(serde_json::from_str::<I64F64>("\"-48\"").unwrap(), I64F64::from_int(-48));
		let number = serde_json::from_str::<U64F64>("1.25").unwrap_err().to_string();
		assert!(number.contains("a decimal number in a string"), "{number}");
		assert!(serde_json::from_str::<U64F64>("\"-1\"").is_err());
	}

	#[test]
	fn scale_is_the_raw_bits() {
		assert_eq!(U64F64::ONE.encode(), (1u128 << 64).encode());
		assert_eq!(I64F64::from_int(-1).encode(), (-1i128 << 64).encode());
	}

	#[test]
	fn arithmetic() {
		let two = U64F64::from_int(2);
		let half = U64F64::from_rational(1, 2).unwrap();
		assert_eq!(two.checked_mul(half), Some(U64F64::ONE));
		assert_eq!(U64F64::ONE.checked_div(two), Some(half));
		assert_eq!(U64F64::ONE.checked_div(U64F64::ZERO), None);
		assert_eq!(U64F64::MAX.checked_mul(two), None);
		assert_eq!(U64F64::MAX.checked_add(U64F64::from_bits(1)), None);
		assert_eq!(U64F64::ZERO.checked_sub(U64F64::from_bits(1)), None);
		assert_eq!(U64F64::from_rational(1, 0), None);
		assert_eq!(U64F64::from_int(7).int(), 7);
	}

	/// `spec/protocol.md` §4.3: 18-decimal conversions.
	#[test]
	fn units_with_18_decimals() {
		let e18 = 1_000_000_000_000_000_000u128;
		assert_eq!(U64F64::from_units(e18, 18), Some(U64F64::ONE));
		assert_eq!(U64F64::ONE.to_units(18), Some(e18));
		let x = U64F64::from_units(123_456 * e18 / 1000, 18).unwrap();
		assert_eq!(format!("{x:.12}"), "123.456000000000");
		assert_eq!(U64F64::from_units(1, 39), None);
	}

	#[test]
	fn floats_for_clients() {
		assert_eq!(I64F64::from_f64(-4.329).unwrap().to_f64(), -4.329);
		assert_eq!(I64F64::from_f64(f64::NAN), None);
		assert_eq!(I64F64::from_f64(1e19), None);
	}

	proptest! {
		#[test]
		fn display_round_trips(bits: u128) {
			let x = U64F64::from_bits(bits);
			prop_assert_eq!(x.to_string().parse::<U64F64>(), Ok(x));
		}

		#[test]
		fn signed_display_round_trips(bits: i128) {
			let x = I64F64::from_bits(bits);
			prop_assert_eq!(x.to_string().parse::<I64F64>(), Ok(x));
		}

		#[test]
		fn mul_then_div_is_within_one_ulp(a in 1u128..(1 << 96), b in (1u128 << 60)..(1 << 80)) {
			let (a, b) = (U64F64::from_bits(a), U64F64::from_bits(b));
			let back = a.checked_mul(b).unwrap().checked_div(b).unwrap();
			prop_assert!(a.to_bits() - back.to_bits() <= 1 + (1u128 << 64) / b.to_bits());
		}
	}
}
