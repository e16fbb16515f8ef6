// SPDX-License-Identifier: GPL-3.0-or-later
//! Checks, reads for the runtime API, and purging of a purged community's businesses.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::page::{self, Page};
use frame::prelude::*;
use pallet_communities::{
	deposit::{blake2_128_concat, price, twox64_concat, Deposit},
	OnCommunityPurged,
};

/// An offering as the list shows it: controller, id and description.
pub type ListedOffering<T> = (<T as frame_system::Config>::AccountId, OfferingId, IpfsCid);

/// The key of an entry keyed `Blake2_128Concat` by a community and an account.
fn owner_key_len<T: Config>() -> usize {
	blake2_128_concat(CommunityIdentifier::max_encoded_len())
		.saturating_add(blake2_128_concat(T::AccountId::max_encoded_len()))
}

impl<T: Config> Pallet<T> {
	/// The deposit for a business: its entry in `Businesses` and in `Deposits`, keys included.
	pub fn business_deposit() -> BalanceOf<T> {
		let bytes = owner_key_len::<T>()
			.saturating_mul(2)
			.saturating_add(Business::max_encoded_len())
			.saturating_add(BalanceOf::<T>::max_encoded_len());
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// The deposit for an offering: its entry in `Offerings`, key included.
	pub fn offering_deposit() -> BalanceOf<T> {
		let bytes = owner_key_len::<T>()
			.saturating_add(twox64_concat(OfferingId::max_encoded_len()))
			.saturating_add(IpfsCid::max_encoded_len());
		price(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Hold `amount` on `who` for its business in `cid`.
	pub(crate) fn hold_deposit(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Deposit::hold::<T::Currency>(&HoldReason::StorageDeposit.into(), who.clone(), amount)?;
		Deposits::<T>::mutate(cid, who, |held| *held = held.saturating_add(amount));
		Self::deposit_event(Event::DepositHeld { cid, who: who.clone(), amount });
		Ok(())
	}

	/// Release what an offering of `who` in `cid` costs now (at most what is held).
	pub(crate) fn release_offering_deposit(cid: CommunityIdentifier, who: &T::AccountId) {
		let held = Deposits::<T>::get(cid, who);
		let amount = Self::offering_deposit().min(held);
		Self::release(cid, who, amount);
		Deposits::<T>::insert(cid, who, held.saturating_sub(amount));
	}

	/// Release everything held for `who`'s business in `cid`.
	pub(crate) fn release_deposits(cid: CommunityIdentifier, who: &T::AccountId) {
		let held = Deposits::<T>::take(cid, who);
		Self::release(cid, who, held);
	}

	fn release(cid: CommunityIdentifier, who: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		let deposit = Deposit { depositor: who.clone(), amount };
		let amount = deposit.release::<T::Currency>(&HoldReason::StorageDeposit.into());
		Self::deposit_event(Event::DepositReleased { cid, who: who.clone(), amount });
	}
	/// The community exists and is not being purged.
	pub(crate) fn ensure_community(cid: CommunityIdentifier) -> DispatchResult {
		ensure!(T::Communities::demurrage(cid).is_some(), Error::<T>::CommunityNotFound);
		ensure!(!Purging::<T>::contains_key(cid), Error::<T>::CommunityBeingPurged);
		Ok(())
	}

	/// `url` is a CIDv0 content id.
	pub(crate) fn ensure_cid_v0(url: &IpfsCid) -> DispatchResult {
		ensure!(is_cid_v0(url), Error::<T>::InvalidContentId);
		Ok(())
	}

	/// Remove the offerings of `who`'s business (it has `count`, which the business record
	/// keeps exact); returns how many went, which is what to charge for.
	pub(crate) fn remove_offerings(
		cid: CommunityIdentifier,
		who: &T::AccountId,
		count: u32,
	) -> u32 {
		// `clear_prefix` reports only what it deleted from the database, not from the block's
		// overlay, so the record's count is the measure; `MaxOfferings` bounds it.
		let count = count.min(T::MaxOfferings::get());
		let _ = Offerings::<T>::clear_prefix((cid, who), count, None);
		count
	}

	/// A page of the businesses of community `cid`, controller and description, after the
	/// business of `after`, in storage order.
	pub fn businesses(
		cid: CommunityIdentifier,
		after: Option<T::AccountId>,
		limit: u32,
	) -> Page<T::AccountId, (T::AccountId, Business)> {
		let entries = match after {
			Some(who) => {
				Businesses::<T>::iter_prefix_from(cid, Businesses::<T>::hashed_key_for(cid, who))
			},
			None => Businesses::<T>::iter_prefix(cid),
		};
		page::scan(entries, limit, |who, business| Some((who.clone(), business)))
	}

	/// A page of the offerings in community `cid`, controller, id and description, after the
	/// offering `after`, in storage order (a business's offerings together).
	pub fn offerings(
		cid: CommunityIdentifier,
		after: Option<(T::AccountId, OfferingId)>,
		limit: u32,
	) -> Page<(T::AccountId, OfferingId), ListedOffering<T>> {
		let entries = match after {
			Some((who, oid)) => Offerings::<T>::iter_prefix_from(
				(cid,),
				Offerings::<T>::hashed_key_for((cid, who, oid)),
			),
			None => Offerings::<T>::iter_prefix((cid,)),
		};
		page::scan(entries, limit, |(who, oid), url| Some((who.clone(), *oid, url)))
	}

	/// The offerings of `who`'s business in `cid`, by id.
	pub fn business_offerings(
		cid: CommunityIdentifier,
		who: T::AccountId,
	) -> Vec<(OfferingId, IpfsCid)> {
		let mut all: Vec<_> = Offerings::<T>::iter_prefix((cid, who)).collect();
		all.sort_by_key(|(oid, _)| *oid);
		all
	}

	/// Remove businesses of purged communities within `limit`; returns the weight used.
	pub(crate) fn purge_step(limit: Weight) -> Weight {
		let fixed = T::WeightInfo::purge_step();
		let per_business = T::WeightInfo::delete_business(T::MaxOfferings::get());
		let Some(budget) = pallet_communities::items_within(limit, fixed, per_business) else {
			return Weight::zero();
		};
		let Some(cid) = Purging::<T>::iter_keys().next() else { return fixed };
		if budget == 0 {
			return fixed;
		}
		let mut used = fixed;
		let mut count = 0u32;
		for (who, business) in Businesses::<T>::drain_prefix(cid).take(budget as usize) {
			let removed = Self::remove_offerings(cid, &who, business.offerings);
			Self::release_deposits(cid, &who);
			used = used.saturating_add(T::WeightInfo::delete_business(removed));
			count = count.saturating_add(1);
		}
		if count > 0 {
			Self::deposit_event(Event::BusinessesPurged { cid, count });
		}
		if count < budget {
			Purging::<T>::remove(cid);
			Self::deposit_event(Event::PurgeCompleted { cid });
		}
		used
	}

	/// Every offering belongs to a business, whose offering count is exact and below its next
	/// id; every description is a CIDv0 id.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), frame::deps::sp_runtime::TryRuntimeError> {
		let mut offerings = 0usize;
		for (cid, who, business) in Businesses::<T>::iter() {
			ensure!(is_cid_v0(&business.url), "a business description is not a CIDv0 id");
			let own = Offerings::<T>::iter_prefix((cid, who)).collect::<Vec<_>>();
			ensure!(own.len() == business.offerings as usize, "a business's count is off");
			ensure!(business.offerings <= T::MaxOfferings::get(), "a business has too many");
			for (oid, url) in own {
				ensure!(oid >= 1 && oid < business.next_oid, "an offering id was never issued");
				ensure!(is_cid_v0(&url), "an offering description is not a CIDv0 id");
			}
			offerings = offerings.saturating_add(business.offerings as usize);
		}
		ensure!(Offerings::<T>::iter_keys().count() == offerings, "an offering has no business");
		// Each owner's hold is what its businesses' deposits add up to.
		let mut deposits = Vec::new();
		for (cid, who, amount) in Deposits::<T>::iter() {
			ensure!(Businesses::<T>::contains_key(cid, &who), "a deposit without its business");
			deposits.push((who, amount));
		}
		pallet_communities::deposit::check_holds::<_, T::Currency>(
			&HoldReason::StorageDeposit.into(),
			deposits,
		)
		.map_err(Into::into)
	}
}

impl<T: Config> OnCommunityPurged for Pallet<T> {
	fn on_community_purged(cid: CommunityIdentifier) -> Weight {
		Purging::<T>::insert(cid, ());
		Self::deposit_event(Event::PurgeStarted { cid });
		T::WeightInfo::start_purge()
	}

	fn max_weight() -> Weight {
		T::WeightInfo::start_purge()
	}
}
