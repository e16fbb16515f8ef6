// SPDX-License-Identifier: GPL-3.0-or-later
//! Where a channel's funds are kept.

use crate::ChannelId;
use convene_primitives::{
	community::CommunityIdentifier,
	currency::{CommunityCurrency, CommunityInfo},
	escrow::{payout, Amount},
	fixed::U64F64,
};
use core::marker::PhantomData;
use frame::{
	prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		AccountIdConversion, Time,
	},
};

/// A ledger escrowed funds are kept in.
pub trait Ledger<AccountId> {
	/// What a channel holds (`()` for the native token, a community for community currencies).
	type Asset: Parameter + MaxEncodedLen + Copy;
	/// Amounts.
	type Balance: Amount + Parameter + MaxEncodedLen;
	/// When a channel's epoch began, in the ledger's own time (chain time where money decays).
	type Stamp: Parameter + MaxEncodedLen + Copy + Default;

	/// Now, in the ledger's time.
	fn stamp() -> Self::Stamp;

	/// What channel `channel` holds now, given the value the pallet recorded last.
	fn escrowed(asset: Self::Asset, channel: ChannelId, recorded: Self::Balance) -> Self::Balance;

	/// What a cheque for `amount`, denominated at the epoch start `since`, is worth now.
	fn cheque_value(asset: Self::Asset, amount: Self::Balance, since: Self::Stamp)
		-> Self::Balance;

	/// The least a channel may keep after a claim; a claim that would leave less (but more than
	/// nothing) closes the channel and refunds the rest.
	fn minimum_remaining(asset: Self::Asset) -> Self::Balance;

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

	/// Check that the ledger keeps what `sender`'s channels (id, asset, recorded value) say.
	#[cfg(any(test, feature = "try-runtime"))]
	fn check(
		sender: &AccountId,
		channels: &[(ChannelId, Self::Asset, Self::Balance)],
	) -> Result<(), &'static str>;
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
	type Stamp = ();

	fn stamp() {}

	fn escrowed(_: (), _: ChannelId, recorded: u128) -> u128 {
		recorded
	}

	fn cheque_value(_: (), amount: u128, _: ()) -> u128 {
		amount
	}

	#[cfg(any(test, feature = "try-runtime"))]
	fn check(sender: &AccountId, channels: &[(ChannelId, (), u128)]) -> Result<(), &'static str> {
		let values = channels.iter().try_fold(0u128, |sum, (_, _, value)| sum.checked_add(*value));
		ensure!(
			values == Some(Currency::balance_on_hold(&Reason::get(), sender)),
			"the sender's hold differs from its channels' values"
		);
		Ok(())
	}

	fn minimum_remaining(_: ()) -> u128 {
		0
	}

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

/// Community currencies: each channel's funds sit in its own escrow account (a sub-account of
/// `Id`), where they decay like any money. Cheques are denominated in principal at the
/// channel's epoch start, so a cheque's value decays from then on exactly like the escrow, and
/// demurrage is neutral between sender and recipient (`spec/escrow-channels.md` §5.8, C).
pub struct CommunityLedger<Currency, Info, Clock, Ed, Id>(
	PhantomData<(Currency, Info, Clock, Ed, Id)>,
);

impl<Currency, Info, Clock, Ed, Id> CommunityLedger<Currency, Info, Clock, Ed, Id>
where
	Id: Get<PalletId>,
{
	/// Channel `channel`'s escrow account.
	pub fn account<AccountId: Encode + Decode>(channel: ChannelId) -> AccountId {
		Id::get().into_sub_account_truncating(channel)
	}
}

impl<AccountId, Currency, Info, Clock, Ed, Id> Ledger<AccountId>
	for CommunityLedger<Currency, Info, Clock, Ed, Id>
where
	AccountId: Encode + Decode,
	Currency: CommunityCurrency<AccountId, Error = DispatchError>,
	Info: CommunityInfo,
	Clock: Time<Moment = u64>,
	Ed: Get<U64F64>,
	Id: Get<PalletId>,
{
	type Asset = CommunityIdentifier;
	type Balance = U64F64;
	type Stamp = u64;

	fn stamp() -> u64 {
		Clock::now()
	}

	fn escrow(
		cid: CommunityIdentifier,
		channel: ChannelId,
		_: &AccountId,
		funder: &AccountId,
		amount: U64F64,
	) -> DispatchResult {
		Currency::transfer(cid, funder, &Self::account(channel), Some(amount)).map(|_| ())
	}

	fn pay(
		cid: CommunityIdentifier,
		channel: ChannelId,
		_: &AccountId,
		to: &AccountId,
		amount: U64F64,
	) -> DispatchResult {
		let escrow: AccountId = Self::account(channel);
		// Paying out everything empties the account exactly, whatever decayed since it was read.
		let all = Currency::balance(cid, &escrow) <= amount;
		Currency::transfer(cid, &escrow, to, if all { None } else { Some(amount) }).map(|_| ())
	}

	fn escrowed(cid: CommunityIdentifier, channel: ChannelId, _: U64F64) -> U64F64 {
		Currency::balance(cid, &Self::account::<AccountId>(channel))
	}

	fn cheque_value(cid: CommunityIdentifier, amount: U64F64, since: u64) -> U64F64 {
		let rate = Info::demurrage(cid).unwrap_or(U64F64::ZERO);
		payout(amount, rate, Clock::now().saturating_sub(since))
	}

	fn minimum_remaining(_: CommunityIdentifier) -> U64F64 {
		Ed::get()
	}

	/// Each channel's escrow account holds its recorded value decayed, so no more than it, and
	/// nothing once the channel is empty.
	#[cfg(any(test, feature = "try-runtime"))]
	fn check(
		_: &AccountId,
		channels: &[(ChannelId, CommunityIdentifier, U64F64)],
	) -> Result<(), &'static str> {
		for (channel, cid, value) in channels {
			let held = Currency::balance(*cid, &Self::account::<AccountId>(*channel));
			ensure!(held <= *value, "an escrow account holds more than its channel's value");
			ensure!(*value > U64F64::ZERO || held == U64F64::ZERO, "an empty channel holds funds");
		}
		Ok(())
	}
}
