// SPDX-License-Identifier: GPL-3.0-or-later
//! Deposits for state a signed account adds: held on its account with a `fungible` hold, sized
//! from the bytes stored, and released to it when the state goes. The bazaar uses them too.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::Precision,
	},
};
use scale_info::TypeInfo;

/// A deposit held for an item of state: who paid it, and how much.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub struct Deposit<AccountId, Balance> {
	/// Who paid it and gets it back.
	pub depositor: AccountId,
	/// How much is held.
	pub amount: Balance,
}

/// The bytes of a map key hashed `Blake2_128Concat`: the 16-byte hash and the key itself.
pub const fn blake2_128_concat(key: usize) -> usize {
	key.saturating_add(16)
}

/// The bytes of a map key hashed `Twox64Concat`: the 8-byte hash and the key itself.
pub const fn twox64_concat(key: usize) -> usize {
	key.saturating_add(8)
}

/// Whether each account's hold for `reason` is the sum of its `deposits` (for `try_state`).
pub fn check_holds<AccountId, Currency>(
	reason: &Currency::Reason,
	deposits: impl IntoIterator<Item = (AccountId, Currency::Balance)>,
) -> Result<(), &'static str>
where
	AccountId: Ord,
	Currency: frame::traits::fungible::InspectHold<AccountId>,
{
	let mut held = alloc::collections::BTreeMap::<AccountId, Currency::Balance>::new();
	for (who, amount) in deposits {
		let sum = held.entry(who).or_default();
		*sum = sum.saturating_add(amount);
	}
	for (who, sum) in held {
		ensure!(
			Currency::balance_on_hold(reason, &who) == sum,
			"a depositor's hold differs from its deposits"
		);
	}
	Ok(())
}

/// The price of stored state: `base` per item plus `per_byte` for each byte.
pub fn price<Balance: frame::traits::AtLeast32BitUnsigned + Copy>(
	base: Balance,
	per_byte: Balance,
	bytes: usize,
) -> Balance {
	let bytes = Balance::from(u32::try_from(bytes).unwrap_or(u32::MAX));
	base.saturating_add(per_byte.saturating_mul(bytes))
}

impl<AccountId, Balance: Copy + Zero> Deposit<AccountId, Balance> {
	/// Hold `amount` on `depositor` for `reason`; fails (holding nothing) if it cannot pay.
	pub fn hold<Currency>(
		reason: &Currency::Reason,
		depositor: AccountId,
		amount: Balance,
	) -> Result<Self, DispatchError>
	where
		Currency: MutateHold<AccountId, Balance = Balance>,
	{
		Currency::hold(reason, &depositor, amount)?;
		Ok(Self { depositor, amount })
	}

	/// Give the deposit back; returns what was released (all of it, unless something else
	/// released part of the hold, which would be a bug and is reported as a defensive failure).
	pub fn release<Currency>(&self, reason: &Currency::Reason) -> Balance
	where
		Currency: MutateHold<AccountId, Balance = Balance> + Inspect<AccountId, Balance = Balance>,
		Balance: PartialOrd,
	{
		match Currency::release(reason, &self.depositor, self.amount, Precision::BestEffort) {
			Ok(released) if released >= self.amount => released,
			Ok(released) => {
				defensive!("a deposit was held in part only");
				released
			},
			Err(_) => {
				defensive!("a deposit could not be released");
				Balance::zero()
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::price;

	#[test]
	fn price_is_base_plus_bytes_and_saturates() {
		assert_eq!(price(10u128, 2, 0), 10);
		assert_eq!(price(10u128, 2, 45), 100);
		assert_eq!(price(u128::MAX - 1, 2, 3), u128::MAX);
		assert_eq!(price(1u32, u32::MAX, 2), u32::MAX);
	}
}
