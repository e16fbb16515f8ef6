// SPDX-License-Identifier: GPL-3.0-or-later
//! Creating, drawing from, closing and dissolving faucets.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::page::{self, Page};
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::Preservation,
		AccountIdConversion,
	},
};
use pallet_communities::deposit::{blake2_128_concat, price, Deposit};

/// A page of faucets: account, record and balance, with the cursor of the next page.
pub type FaucetsPage<T> = Page<
	<T as frame_system::Config>::AccountId,
	(<T as frame_system::Config>::AccountId, FaucetInfo<T>, BalanceOf<T>),
>;

impl<T: Config> Pallet<T> {
	/// The account of the faucet named `name`: the hash of the pallet id and the name, as an
	/// account (no key exists for it).
	pub fn faucet_account(name: &[u8]) -> T::AccountId {
		let hash = frame::hashing::blake2_256(&(T::PalletId::get(), name).encode());
		T::AccountId::decode(&mut frame::deps::sp_runtime::traits::TrailingZeroInput::new(&hash))
			.unwrap_or_else(|_| T::PalletId::get().into_sub_account_truncating(hash))
	}

	/// The deposit for a faucet: its entry in `Faucets` at the longest name and whitelist, key
	/// included.
	pub fn faucet_deposit() -> BalanceOf<T> {
		let bytes = blake2_128_concat(T::AccountId::max_encoded_len())
			.saturating_add(FaucetInfo::<T>::max_encoded_len());
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Create the faucet `name` for `creator`; returns its account.
	pub fn do_create(
		creator: T::AccountId,
		name: FaucetName<T>,
		amount: BalanceOf<T>,
		whitelist: Option<Whitelist<T>>,
		drip_amount: BalanceOf<T>,
	) -> Result<T::AccountId, DispatchError> {
		let faucet = Self::faucet_account(&name);
		ensure!(!Faucets::<T>::contains_key(&faucet), Error::<T>::FaucetAlreadyExists);
		if let Some(list) = &whitelist {
			for (i, cid) in list.iter().enumerate() {
				ensure!(
					T::Communities::nominal_income(*cid).is_some(),
					Error::<T>::CommunityNotFound
				);
				ensure!(
					!list.iter().take(i).any(|c| c == cid),
					Error::<T>::DuplicateWhitelistEntry
				);
			}
		}
		ensure!(drip_amount > T::Currency::minimum_balance(), Error::<T>::DripTooSmall);
		ensure!(amount >= drip_amount, Error::<T>::AmountTooSmall);
		let deposit = Deposit::hold::<T::Currency>(
			&HoldReason::FaucetDeposit.into(),
			creator.clone(),
			Self::faucet_deposit(),
		)?;
		T::Currency::transfer(&creator, &faucet, amount, Preservation::Preserve)?;
		let mut descriptor = b"convene/faucet/".to_vec();
		descriptor.extend_from_slice(&name);
		let purpose = T::Commitments::register_purpose(&descriptor)?;
		let held = deposit.amount;
		Faucets::<T>::insert(
			&faucet,
			FaucetInfo {
				name: name.clone(),
				purpose,
				whitelist: whitelist.clone(),
				drip_amount,
				deposit,
			},
		);
		Self::deposit_event(Event::FaucetCreated {
			faucet: faucet.clone(),
			creator,
			name,
			amount,
			drip_amount,
			whitelist,
			deposit: held,
		});
		Ok(faucet)
	}

	/// `who` draws a drip from `faucet` with their attendance of `(cid, cindex)`.
	pub fn do_drip(
		who: T::AccountId,
		faucet: T::AccountId,
		cid: CommunityIdentifier,
		cindex: CeremonyIndex,
	) -> DispatchResult {
		let info = Faucets::<T>::get(&faucet).ok_or(Error::<T>::FaucetNotFound)?;
		if let Some(list) = &info.whitelist {
			ensure!(list.contains(&cid), Error::<T>::CommunityNotWhitelisted);
		}
		T::Commitments::commit(&who, cid, cindex, info.purpose, None)?;
		T::Currency::transfer(&faucet, &who, info.drip_amount, Preservation::Expendable)
			.map_err(|_| Error::<T>::FaucetEmpty)?;
		Self::deposit_event(Event::Dripped { faucet, to: who, amount: info.drip_amount });
		Ok(())
	}

	/// Remove `faucet`: what it holds goes to `beneficiary`, or back to its creator when the
	/// creator closes it (only below two drips).
	pub fn do_dissolve(faucet: T::AccountId, beneficiary: Option<T::AccountId>) -> DispatchResult {
		let info = Faucets::<T>::get(&faucet).ok_or(Error::<T>::FaucetNotFound)?;
		let remainder = T::Currency::balance(&faucet);
		if beneficiary.is_none() {
			ensure!(
				remainder < info.drip_amount.saturating_mul(2u32.into()),
				Error::<T>::FaucetNotEmpty
			);
		}
		let to = beneficiary.clone().unwrap_or_else(|| info.deposit.depositor.clone());
		if !remainder.is_zero() {
			T::Currency::transfer(&faucet, &to, remainder, Preservation::Expendable)?;
		}
		info.deposit.release::<T::Currency>(&HoldReason::FaucetDeposit.into());
		T::Commitments::retire_purpose(info.purpose);
		Faucets::<T>::remove(&faucet);
		Self::deposit_event(match beneficiary {
			Some(beneficiary) => Event::FaucetDissolved { faucet, beneficiary, remainder },
			None => Event::FaucetClosed { faucet, remainder },
		});
		Ok(())
	}

	/// A page of the faucets with their balances, after `after`'s, in storage order.
	pub fn faucets(after: Option<T::AccountId>, limit: u32) -> FaucetsPage<T> {
		let entries = match after {
			Some(faucet) => Faucets::<T>::iter_from(Faucets::<T>::hashed_key_for(faucet)),
			None => Faucets::<T>::iter(),
		};
		page::scan(entries, limit, |faucet, info| {
			Some((faucet.clone(), info, T::Currency::balance(faucet)))
		})
	}

	/// Check the pallet's invariants: every faucet's account is its name's; every creator's
	/// hold is the sum of its faucets' deposits.
	pub fn do_try_state() -> Result<(), &'static str> {
		let mut deposits = Vec::new();
		for (faucet, info) in Faucets::<T>::iter() {
			ensure!(
				Self::faucet_account(&info.name) == faucet,
				"a faucet not at its name's account"
			);
			deposits.push((info.deposit.depositor, info.deposit.amount));
		}
		pallet_communities::deposit::check_holds::<T::AccountId, T::Currency>(
			&HoldReason::FaucetDeposit.into(),
			deposits,
		)
	}
}
