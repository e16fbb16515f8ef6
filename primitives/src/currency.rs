// SPDX-License-Identifier: GPL-3.0-or-later
//! Community currencies as other pallets see them, and the fee conversion.
//!
//! [`CommunityInfo`] is what the balances pallet needs to know about a community (does it exist,
//! how fast does its currency decay, what is its nominal income); [`CommunityCurrency`] is how
//! other pallets (ceremony rewards, escrow) issue, burn, move and read community money.

use crate::{community::CommunityIdentifier, demurrage::Demurrage, fixed::U64F64};

/// What a currency needs to know about its community.
pub trait CommunityInfo {
	/// The community's demurrage (rate per year), or `None` if there is no such community.
	fn demurrage(cid: CommunityIdentifier) -> Option<Demurrage>;

	/// The community's nominal income, or `None` if there is no such community.
	fn nominal_income(cid: CommunityIdentifier) -> Option<U64F64>;
}

/// Issue, burn and read a community's currency, with demurrage applied.
pub trait CommunityCurrency<AccountId> {
	/// Why an issue or a burn failed.
	type Error;

	/// `who`'s balance now.
	fn balance(cid: CommunityIdentifier, who: &AccountId) -> U64F64;

	/// The community's total issuance now.
	fn total_issuance(cid: CommunityIdentifier) -> U64F64;

	/// Create `amount` new money in `who`'s account.
	fn issue(cid: CommunityIdentifier, who: &AccountId, amount: U64F64) -> Result<(), Self::Error>;

	/// Destroy `amount` of `who`'s money.
	fn burn(cid: CommunityIdentifier, who: &AccountId, amount: U64F64) -> Result<(), Self::Error>;

	/// Move `amount` (everything, if `None`) from `from` to `to`, under the currency's rules
	/// (existential deposit, demurrage); returns the amount moved.
	fn transfer(
		cid: CommunityIdentifier,
		from: &AccountId,
		to: &AccountId,
		amount: Option<U64F64>,
	) -> Result<U64F64, Self::Error>;
}

/// The fee in community currency for a fee of `native_fee` native base units, where one native
/// token is `native_unit` base units: `native_fee / native_unit · nominal_income · factor`,
/// rounded down, saturating at [`U64F64::MAX`] (which no one can pay).
///
/// `factor` is the price of one native token in nominal incomes: with factor 1, a fee of one
/// native token costs one nominal income. Tying the price to the nominal income makes a
/// transaction cost the same share of a ceremony's income in every community.
pub fn fee_in_community_currency(
	native_fee: u128,
	native_unit: u128,
	nominal_income: U64F64,
	factor: U64F64,
) -> U64F64 {
	nominal_income
		.checked_mul(factor)
		.and_then(|price| crate::fixed::mul_div(price.to_bits(), native_fee, native_unit))
		.map_or(U64F64::MAX, U64F64::from_bits)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const UNIT: u128 = 1_000_000_000_000;

	fn cc(s: &str) -> U64F64 {
		s.parse().unwrap()
	}

	#[test]
	fn fee_vectors() {
		// A transfer's fee (0.0005 native) at factor 1 and income 20 costs 0.01.
		let one = U64F64::ONE;
		let twenty = U64F64::from_int(20);
		assert_eq!(fee_in_community_currency(UNIT / 2000, UNIT, twenty, one), cc("0.01"));
		assert_eq!(fee_in_community_currency(UNIT, UNIT, twenty, one), twenty);
		assert_eq!(fee_in_community_currency(UNIT, UNIT, U64F64::from_int(10), cc("0.5")), cc("5"));
		assert_eq!(fee_in_community_currency(0, UNIT, twenty, one), U64F64::ZERO);
		assert_eq!(fee_in_community_currency(UNIT, UNIT, twenty, U64F64::ZERO), U64F64::ZERO);
		// The reference's vectors: its factor 10^5 (per 10^15 base units) is our factor 100
		// (per 10^12): 5 µ-tokens at income 20 → 0.01, 10 µ → 0.02, income 10 → 0.005.
		let hundred = U64F64::from_int(100);
		let micro = UNIT / 1_000_000;
		assert_eq!(fee_in_community_currency(5 * micro, UNIT, twenty, hundred), cc("0.01"));
		assert_eq!(fee_in_community_currency(10 * micro, UNIT, twenty, hundred), cc("0.02"));
		assert_eq!(
			fee_in_community_currency(5 * micro, UNIT, U64F64::from_int(10), hundred),
			cc("0.005")
		);
	}

	#[test]
	fn unpayable_fees_saturate() {
		let max = U64F64::MAX;
		assert_eq!(fee_in_community_currency(u128::MAX, 1, U64F64::ONE, U64F64::ONE), max);
		assert_eq!(fee_in_community_currency(1, UNIT, max, max), max);
		assert_eq!(fee_in_community_currency(1, 0, U64F64::ONE, U64F64::ONE), max);
	}

	proptest! {
		/// Monotone in the fee; the exact value rounded down, or saturated.
		#[test]
		fn fee_is_exact_rounded_down(fee in 0u128..1u128 << 80, income in 0u64..1 << 20, factor_bits in 0u128..1 << 80) {
			let income = U64F64::from_int(income);
			let factor = U64F64::from_bits(factor_bits);
			let got = fee_in_community_currency(fee, UNIT, income, factor);
			let bigger = fee_in_community_currency(fee + 1, UNIT, income, factor);
			prop_assert!(got <= bigger);
			// exact · 2^64 = income · factor_bits · fee / UNIT (income is an integer here).
			let exact = num_bigint::BigUint::from(income.int())
				* num_bigint::BigUint::from(factor_bits)
				* num_bigint::BigUint::from(fee);
			let unit = num_bigint::BigUint::from(UNIT);
			let max = num_bigint::BigUint::from(u128::MAX);
			prop_assert_eq!(num_bigint::BigUint::from(got.to_bits()), (exact / unit).min(max));
		}
	}
}
