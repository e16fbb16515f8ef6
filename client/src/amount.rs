// SPDX-License-Identifier: GPL-3.0-or-later
//! Native-token amounts: plancks, or tokens with the `CVN` suffix.

use crate::error::{bad_input, Result};

/// Plancks per native token (12 decimals).
pub const PLANCKS_PER_UNIT: u128 = 1_000_000_000_000;
/// The native token's symbol.
pub const NATIVE_SYMBOL: &str = "CVN";

/// A native amount: plancks as an integer, or tokens with the `CVN` suffix (`2.5CVN`).
pub fn parse_native(s: &str) -> Result<u128> {
	let t = s.trim();
	let bad = || {
		bad_input(format!(
			"{s:?} is not a native amount: give plancks (e.g. 1000000000000) or tokens with the \
			 {NATIVE_SYMBOL} suffix (e.g. 1.5{NATIVE_SYMBOL})"
		))
	};
	match t.strip_suffix(NATIVE_SYMBOL) {
		None => t.parse::<u128>().map_err(|_| bad()),
		Some(tokens) => {
			let (int, frac) = tokens.trim().split_once('.').unwrap_or((tokens.trim(), ""));
			if frac.len() > 12 || !frac.bytes().all(|b| b.is_ascii_digit()) {
				return Err(bad());
			}
			let int: u128 = int.parse().map_err(|_| bad())?;
			let frac: u128 = format!("{frac:0<12}").parse().map_err(|_| bad())?;
			int.checked_mul(PLANCKS_PER_UNIT)
				.and_then(|p| p.checked_add(frac))
				.ok_or_else(bad)
		},
	}
}

/// Plancks as tokens, e.g. `1.5 CVN`.
pub fn native_text(plancks: u128) -> String {
	let int = plancks / PLANCKS_PER_UNIT;
	let frac = plancks % PLANCKS_PER_UNIT;
	if frac == 0 {
		format!("{int} {NATIVE_SYMBOL}")
	} else {
		let frac = format!("{frac:012}");
		format!("{int}.{} {NATIVE_SYMBOL}", frac.trim_end_matches('0'))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn native_amounts() {
		assert_eq!(parse_native("1000").unwrap(), 1000);
		assert_eq!(parse_native("1.5CVN").unwrap(), 1_500_000_000_000);
		assert_eq!(parse_native("2 CVN").unwrap(), 2 * PLANCKS_PER_UNIT);
		assert!(parse_native("1.5").is_err());
		assert!(parse_native("0.0000000000001CVN").is_err());
		assert!(parse_native("-1").is_err());
		assert_eq!(native_text(1_500_000_000_000), "1.5 CVN");
		assert_eq!(native_text(3 * PLANCKS_PER_UNIT), "3 CVN");
	}
}
