// SPDX-License-Identifier: GPL-3.0-or-later
//! Checks, reads for the runtime API, and purging of a purged community's businesses.

use crate::*;
use alloc::vec::Vec;
use frame::prelude::*;
use pallet_communities::OnCommunityPurged;

impl<T: Config> Pallet<T> {
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

	/// Every business of community `cid`: controller and description.
	pub fn businesses(cid: CommunityIdentifier) -> Vec<(T::AccountId, Business)> {
		Businesses::<T>::iter_prefix(cid).collect()
	}

	/// Every offering in community `cid`: controller, id and description, by controller then id.
	pub fn offerings(cid: CommunityIdentifier) -> Vec<(T::AccountId, OfferingId, IpfsCid)> {
		Businesses::<T>::iter_key_prefix(cid)
			.flat_map(|who| {
				Self::business_offerings(cid, who.clone())
					.into_iter()
					.map(move |(oid, url)| (who.clone(), oid, url))
			})
			.collect()
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
		Ok(())
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
