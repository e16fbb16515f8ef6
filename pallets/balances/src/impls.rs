// SPDX-License-Identifier: GPL-3.0-or-later
//! The ledger: transfers, issue, burn, fee withdrawal, purging, and the traits other pallets use.

use crate::*;
use convene_primitives::page::{self, Page};
use frame::{prelude::*, traits::Time};
use pallet_communities::OnCommunityPurged;

/// A community's demurrage rate, checked to be usable, and chain time.
#[derive(Clone, Copy)]
pub(crate) struct Clock {
	pub rate: Demurrage,
	pub now: u64,
}

impl<T: Config> Pallet<T> {
	/// The community's rate and the time now, or why its currency cannot be used.
	pub(crate) fn clock(cid: CommunityIdentifier) -> Result<Clock, Error<T>> {
		let rate = T::Communities::demurrage(cid).ok_or(Error::<T>::CommunityNotFound)?;
		ensure!(!Purging::<T>::contains_key(cid), Error::<T>::CommunityBeingPurged);
		Ok(Clock { rate, now: T::Time::now() })
	}

	/// `who`'s entry brought up to date, if the account exists.
	fn entry(cid: CommunityIdentifier, who: &T::AccountId, clock: Clock) -> Option<BalanceEntry> {
		Balances::<T>::get(cid, who).map(|e| e.at(clock.now, clock.rate))
	}

	/// The total issuance brought up to date.
	fn total(cid: CommunityIdentifier, clock: Clock) -> BalanceEntry {
		TotalIssuance::<T>::get(cid).at(clock.now, clock.rate)
	}

	/// Add `amount` to `who` (creating the account if needed, when `amount` reaches the
	/// existential deposit). Does not touch the total issuance.
	fn credit(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		amount: Balance,
		clock: Clock,
	) -> Result<(), Error<T>> {
		let principal = match Self::entry(cid, who, clock) {
			Some(entry) => entry.principal.checked_add(amount).ok_or(Error::<T>::Overflow)?,
			None => {
				ensure!(
					amount >= T::ExistentialDeposit::get(),
					Error::<T>::BelowExistentialDeposit
				);
				frame_system::Pallet::<T>::inc_sufficients(who);
				Self::deposit_event(Event::Endowed { cid, who: who.clone(), amount });
				amount
			},
		};
		Balances::<T>::insert(cid, who, BalanceEntry { principal, last_update: clock.now });
		Ok(())
	}

	/// Store `who`'s new principal, or remove the account if it is below the existential
	/// deposit: its dust comes off the total issuance (`DustLost`).
	fn settle(cid: CommunityIdentifier, who: &T::AccountId, principal: Balance, clock: Clock) {
		if principal >= T::ExistentialDeposit::get() {
			Balances::<T>::insert(cid, who, BalanceEntry { principal, last_update: clock.now });
			return;
		}
		Balances::<T>::remove(cid, who);
		let _ = frame_system::Pallet::<T>::dec_sufficients(who);
		if principal > Balance::ZERO {
			Self::reduce_issuance(cid, principal, clock);
			Self::deposit_event(Event::DustLost { cid, who: who.clone(), amount: principal });
		}
	}

	/// Take `amount` off the total issuance (never below zero: rounding may leave the total a
	/// few 2^-64 units below the sum of the balances).
	fn reduce_issuance(cid: CommunityIdentifier, amount: Balance, clock: Clock) {
		let mut total = Self::total(cid, clock);
		total.principal = total.principal.saturating_sub(amount);
		TotalIssuance::<T>::insert(cid, total);
	}

	/// Move `amount` (`None`: everything) from `from` to `to`; returns the amount moved.
	pub fn do_transfer(
		cid: CommunityIdentifier,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Option<Balance>,
	) -> Result<Balance, DispatchError> {
		let clock = Self::clock(cid)?;
		let sender = Self::entry(cid, from, clock).ok_or(Error::<T>::NoAccount)?;
		let amount = amount.unwrap_or(sender.principal);
		ensure!(amount > Balance::ZERO, Error::<T>::ZeroAmount);
		let rest = sender.principal.checked_sub(amount).ok_or(Error::<T>::InsufficientBalance)?;
		if from == to {
			// Nothing moves; the entry is brought up to date.
			Balances::<T>::insert(cid, from, sender);
		} else {
			Self::credit(cid, to, amount, clock)?;
			Self::settle(cid, from, rest, clock);
		}
		Self::deposit_event(Event::Transferred { cid, from: from.clone(), to: to.clone(), amount });
		Ok(amount)
	}

	/// Create `amount` in `who`'s account.
	pub fn do_issue(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<(), DispatchError> {
		let clock = Self::clock(cid)?;
		ensure!(amount > Balance::ZERO, Error::<T>::ZeroAmount);
		let mut total = Self::total(cid, clock);
		total.principal = total.principal.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::credit(cid, who, amount, clock)?;
		TotalIssuance::<T>::insert(cid, total);
		Self::deposit_event(Event::Issued { cid, who: who.clone(), amount });
		Ok(())
	}

	/// Destroy `amount` of `who`'s money. With `keep_alive`, fail rather than leave the account
	/// below the existential deposit; otherwise such an account is removed with its dust.
	pub fn do_burn(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		amount: Balance,
		keep_alive: bool,
	) -> Result<(), DispatchError> {
		let clock = Self::clock(cid)?;
		ensure!(amount > Balance::ZERO, Error::<T>::ZeroAmount);
		let entry = Self::entry(cid, who, clock).ok_or(Error::<T>::NoAccount)?;
		let rest = entry.principal.checked_sub(amount).ok_or(Error::<T>::InsufficientBalance)?;
		if keep_alive {
			ensure!(rest >= T::ExistentialDeposit::get(), Error::<T>::InsufficientBalance);
		}
		Self::reduce_issuance(cid, amount, clock);
		Self::settle(cid, who, rest, clock);
		Self::deposit_event(Event::Burned { cid, who: who.clone(), amount });
		Ok(())
	}

	/// `who`'s balance now (zero without an account or community).
	pub fn balance(cid: CommunityIdentifier, who: &T::AccountId) -> Balance {
		Self::clock(cid)
			.ok()
			.and_then(|clock| Self::entry(cid, who, clock))
			.map_or(Balance::ZERO, |e| e.principal)
	}

	/// The community's total issuance now.
	pub fn total_issuance(cid: CommunityIdentifier) -> Balance {
		Self::clock(cid).map_or(Balance::ZERO, |clock| Self::total(cid, clock).principal)
	}

	/// A page of the communities in which `who` has an account, with the balance now: of at
	/// most `limit` communities scanned after `after`.
	pub fn balances_of(
		who: &T::AccountId,
		after: Option<CommunityIdentifier>,
		limit: u32,
	) -> Page<CommunityIdentifier, (CommunityIdentifier, Balance)> {
		let communities = match after {
			Some(cid) => TotalIssuance::<T>::iter_keys_from_key(cid),
			None => TotalIssuance::<T>::iter_keys(),
		};
		page::scan(communities.map(|cid| (cid, ())), limit, |cid, ()| {
			let clock = Self::clock(*cid).ok()?;
			Self::entry(*cid, who, clock).map(|e| (*cid, e.principal))
		})
	}

	/// The fee in community `cid`'s currency for a native fee, or `None` without such community.
	pub fn fee_in_community_currency(
		native_fee: u128,
		cid: CommunityIdentifier,
	) -> Option<Balance> {
		let income = T::Communities::nominal_income(cid)?;
		Some(convene_primitives::currency::fee_in_community_currency(
			native_fee,
			T::NativeUnit::get(),
			income,
			FeeConversionFactor::<T>::get(),
		))
	}

	/// Remove balances of purged communities within `limit`; returns the weight used.
	pub(crate) fn purge_step(limit: Weight) -> Weight {
		let fixed = T::WeightInfo::purge_accounts(0);
		let per_account = T::WeightInfo::purge_accounts(1).saturating_sub(fixed);
		let Some(budget) = pallet_communities::items_within(limit, fixed, per_account) else {
			return Weight::zero();
		};
		let Some(cid) = Purging::<T>::iter_keys().next() else { return fixed };
		if budget == 0 {
			return fixed;
		}
		let mut count = 0u32;
		for who in Balances::<T>::drain_prefix(cid).map(|(who, _)| who).take(budget as usize) {
			let _ = frame_system::Pallet::<T>::dec_sufficients(&who);
			count = count.saturating_add(1);
		}
		let used = T::WeightInfo::purge_accounts(count);
		if count > 0 {
			Self::deposit_event(Event::AccountsPurged { cid, count });
		}
		if count < budget {
			Purging::<T>::remove(cid);
			Self::deposit_event(Event::PurgeCompleted { cid });
		}
		used
	}

	/// Every stored account is counted in the total issuance, which matches their sum within
	/// rounding (one 2^-32 unit per unit of total, at most).
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let now = T::Time::now();
		for (cid, total) in TotalIssuance::<T>::iter() {
			if Purging::<T>::contains_key(cid) {
				continue;
			}
			let Some(rate) = T::Communities::demurrage(cid) else {
				return Err("issuance of an unknown community".into());
			};
			let total = total.at(now, rate).principal;
			let mut sum = Balance::ZERO;
			for (_, entry) in Balances::<T>::iter_prefix(cid) {
				sum = sum.checked_add(entry.at(now, rate).principal).ok_or("sum overflows")?;
			}
			let (low, high) = if sum < total { (sum, total) } else { (total, sum) };
			let tolerance = U64F64::from_bits((total.to_bits() >> 32).max(1 << 32));
			ensure!(high.saturating_sub(low) <= tolerance, "total issuance is not the sum");
		}
		for (cid, _) in Balances::<T>::iter_keys() {
			ensure!(
				Purging::<T>::contains_key(cid) || TotalIssuance::<T>::contains_key(cid),
				"an account without issuance"
			);
		}
		Ok(())
	}
}

impl<T: Config> CommunityCurrency<T::AccountId> for Pallet<T> {
	type Error = DispatchError;

	fn balance(cid: CommunityIdentifier, who: &T::AccountId) -> Balance {
		Self::balance(cid, who)
	}

	fn total_issuance(cid: CommunityIdentifier) -> Balance {
		Self::total_issuance(cid)
	}

	fn issue(cid: CommunityIdentifier, who: &T::AccountId, amount: Balance) -> DispatchResult {
		Self::do_issue(cid, who, amount)
	}

	fn burn(cid: CommunityIdentifier, who: &T::AccountId, amount: Balance) -> DispatchResult {
		Self::do_burn(cid, who, amount, false)
	}

	fn transfer(
		cid: CommunityIdentifier,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Option<Balance>,
	) -> Result<Balance, DispatchError> {
		Self::do_transfer(cid, from, to, amount)
	}
}

impl<T: Config> OnCommunityPurged for Pallet<T> {
	fn on_community_purged(cid: CommunityIdentifier) -> Weight {
		TotalIssuance::<T>::remove(cid);
		Purging::<T>::insert(cid, ());
		Self::deposit_event(Event::PurgeStarted { cid });
		T::WeightInfo::start_purge()
	}

	fn max_weight() -> Weight {
		T::WeightInfo::start_purge()
	}
}
