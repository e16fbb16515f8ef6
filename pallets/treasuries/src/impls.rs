// SPDX-License-Identifier: GPL-3.0-or-later
//! Spends, the issuance share, fees, and the history.

use crate::*;
use convene_primitives::page::{self, Page};
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		AccountIdConversion,
	},
};

impl<T: Config> Pallet<T> {
	/// The account of `treasury`: the hash of the pallet id and the treasury, as an account (as
	/// the reference derives it; no key exists for it).
	pub fn account_of(treasury: Treasury) -> T::AccountId {
		let hash = frame::hashing::blake2_256(&(T::PalletId::get(), treasury).encode());
		T::AccountId::decode(&mut frame::deps::sp_runtime::traits::TrailingZeroInput::new(&hash))
			.unwrap_or_else(|_| T::PalletId::get().into_sub_account_truncating(treasury))
	}

	fn ensure_treasury(treasury: Treasury) -> DispatchResult {
		match treasury {
			Some(cid) => Self::ensure_community(cid),
			None => Ok(()),
		}
	}

	fn ensure_community(cid: CommunityIdentifier) -> DispatchResult {
		ensure!(T::Communities::nominal_income(cid).is_some(), Error::<T>::CommunityNotFound);
		Ok(())
	}

	/// Pay `amount` native tokens from `treasury` to `to`, keeping the treasury alive.
	pub fn do_spend_native(
		treasury: Treasury,
		to: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::ensure_treasury(treasury)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::NativeCurrency::transfer(
			&Self::account_of(treasury),
			&to,
			amount,
			Preservation::Preserve,
		)?;
		Self::record(treasury, TreasuryChange::SpentNative { to: to.clone(), amount });
		Self::deposit_event(Event::SpentNative { treasury, to, amount });
		Ok(())
	}

	/// Pay `amount` of `cid`'s currency from its treasury to `to`.
	pub fn do_spend_community_currency(
		cid: CommunityIdentifier,
		to: T::AccountId,
		amount: U64F64,
	) -> DispatchResult {
		Self::ensure_community(cid)?;
		ensure!(amount > U64F64::ZERO, Error::<T>::ZeroAmount);
		T::CommunityCurrency::transfer(cid, &Self::account_of(Some(cid)), &to, Some(amount))?;
		Self::record(Some(cid), TreasuryChange::SpentCommunityCurrency { to: to.clone(), amount });
		Self::deposit_event(Event::SpentCommunityCurrency { cid, to, amount });
		Ok(())
	}

	/// Set `cid`'s issuance share.
	pub fn do_set_issuance_share(cid: CommunityIdentifier, share: Perbill) -> DispatchResult {
		Self::ensure_community(cid)?;
		ensure!(share <= T::MaxIssuanceShare::get(), Error::<T>::ShareTooHigh);
		if share.is_zero() {
			IssuanceShare::<T>::remove(cid);
		} else {
			IssuanceShare::<T>::insert(cid, share);
		}
		Self::deposit_event(Event::IssuanceShareSet { cid, share });
		Ok(())
	}

	/// `share` of `total`, rounded down.
	pub fn share_of(total: U64F64, share: Perbill) -> U64F64 {
		convene_primitives::fixed::mul_div(
			total.to_bits(),
			u128::from(share.deconstruct()),
			u128::from(Perbill::ACCURACY),
		)
		.map_or(U64F64::ZERO, U64F64::from_bits)
	}

	/// `total` of `cid`'s currency was issued as rewards of ceremony `cindex`: issue the
	/// treasury its share. Returns the weight used.
	pub fn fund_from_issuance(
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
		total: U64F64,
	) -> Weight {
		let Some(share) = IssuanceShare::<T>::get(cid) else {
			return T::DbWeight::get().reads(1);
		};
		let amount = Self::share_of(total, share);
		if amount == U64F64::ZERO {
			return T::DbWeight::get().reads(1);
		}
		match T::CommunityCurrency::issue(cid, &Self::account_of(Some(cid)), amount) {
			Ok(()) => {
				Self::record(Some(cid), TreasuryChange::IssuanceShare { cindex, amount });
				Self::deposit_event(Event::TreasuryFunded { cid, cindex, amount });
			},
			Err(e) => {
				log::warn!(target: LOG_TARGET, "cannot fund the treasury of {cid:?}: {e:?}");
				Self::deposit_event(Event::TreasuryFundingFailed { cid, cindex, amount });
			},
		}
		<T as Config>::WeightInfo::fund_from_issuance()
	}

	/// A fee of `amount` of `cid`'s currency was paid (and burned): issue it to the treasury.
	/// A fee that cannot be issued (below the existential deposit of an empty treasury) stays
	/// burned. Returns the weight used.
	pub fn fund_from_fee(cid: CommunityIdentifier, amount: U64F64) -> Weight {
		if amount > U64F64::ZERO {
			let _ = T::CommunityCurrency::issue(cid, &Self::account_of(Some(cid)), amount);
		}
		<T as Config>::WeightInfo::fund_from_fee()
	}

	/// Append to `treasury`'s history, dropping the oldest entry past `MaxHistory`.
	fn record(treasury: Treasury, change: TreasuryChange<T::AccountId, BalanceOf<T>>) {
		let seq = HistoryNext::<T>::get(treasury);
		let block = frame_system::Pallet::<T>::block_number();
		History::<T>::insert(treasury, seq, HistoryEntry { block, change });
		HistoryNext::<T>::insert(treasury, seq.saturating_add(1));
		if let Some(old) = seq.checked_sub(T::MaxHistory::get().into()) {
			History::<T>::remove(treasury, old);
		}
	}

	/// `treasury`'s balances: native tokens, and the community's currency (for a community's).
	pub fn balances(treasury: Treasury) -> (BalanceOf<T>, Option<U64F64>) {
		let account = Self::account_of(treasury);
		(
			T::NativeCurrency::balance(&account),
			treasury.map(|cid| T::CommunityCurrency::balance(cid, &account)),
		)
	}

	/// A page of `treasury`'s history, newest first, before entry `before`.
	pub fn history(
		treasury: Treasury,
		before: Option<u64>,
		limit: u32,
	) -> Page<u64, (u64, HistoryEntryOf<T>)> {
		let next = HistoryNext::<T>::get(treasury);
		let end = before.unwrap_or(next).min(next);
		let oldest = next.saturating_sub(T::MaxHistory::get().into());
		let entries = (oldest..end)
			.rev()
			.filter_map(|seq| History::<T>::get(treasury, seq).map(|entry| (seq, entry)));
		page::scan(entries, limit, |seq, entry| Some((*seq, entry)))
	}

	/// Check the pallet's invariants: each treasury keeps at most `MaxHistory` entries, all
	/// before its next sequence number; shares are within `MaxIssuanceShare`.
	pub fn do_try_state() -> Result<(), &'static str> {
		let max = u64::from(T::MaxHistory::get());
		for (treasury, seq, _) in History::<T>::iter() {
			let next = HistoryNext::<T>::get(treasury);
			ensure!(seq < next && seq >= next.saturating_sub(max), "a history entry out of range");
		}
		for (_, share) in IssuanceShare::<T>::iter() {
			ensure!(share <= T::MaxIssuanceShare::get(), "a share above the maximum");
			ensure!(!share.is_zero(), "a zero share stored");
		}
		Ok(())
	}
}
