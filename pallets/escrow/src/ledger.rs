// SPDX-License-Identifier: GPL-3.0-or-later
//! Where a channel's funds are kept.

use crate::ChannelId;
use convene_primitives::escrow::Amount;
use core::marker::PhantomData;
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};

/// A ledger escrowed funds are kept in.
pub trait Ledger<AccountId> {
	/// What a channel holds (`()` for the native token, a community for community currencies).
	type Asset: Parameter + MaxEncodedLen + Copy;
	/// Amounts.
	type Balance: Amount + Parameter + MaxEncodedLen;

	/// Escrow `amount` for channel `channel` of `sender`, paid by `funder`.
	fn escrow(
		asset: Self::Asset,
		channel: ChannelId,
		sender: &AccountId,
		funder: &AccountId,
		amount: Self::Balance,
	) -> DispatchResult;

	/// Pay `amount` of channel `channel` of `sender` out to `to` (the sender itself for a
	/// refund).
	fn pay(
		asset: Self::Asset,
		channel: ChannelId,
		sender: &AccountId,
		to: &AccountId,
		amount: Self::Balance,
	) -> DispatchResult;
}

/// The native token: channel funds are held on the sender's account.
pub struct NativeLedger<Currency, Reason>(PhantomData<(Currency, Reason)>);

impl<AccountId, Currency, Reason> Ledger<AccountId> for NativeLedger<Currency, Reason>
where
	AccountId: Eq,
	Currency: MutateHold<AccountId> + InspectHold<AccountId> + Inspect<AccountId, Balance = u128>,
	Reason: Get<<Currency as InspectHold<AccountId>>::Reason>,
{
	type Asset = ();
	type Balance = u128;

	fn escrow(
		_: (),
		_: ChannelId,
		sender: &AccountId,
		funder: &AccountId,
		amount: u128,
	) -> DispatchResult {
		if funder == sender {
			Currency::hold(&Reason::get(), sender, amount)
		} else {
			Currency::transfer_and_hold(
				&Reason::get(),
				funder,
				sender,
				amount,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)
			.map(|_| ())
		}
	}

	fn pay(
		_: (),
		_: ChannelId,
		sender: &AccountId,
		to: &AccountId,
		amount: u128,
	) -> DispatchResult {
		if to == sender {
			Currency::release(&Reason::get(), sender, amount, Precision::Exact).map(|_| ())
		} else {
			Currency::transfer_on_hold(
				&Reason::get(),
				sender,
				to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)
			.map(|_| ())
		}
	}
}
