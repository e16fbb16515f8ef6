// SPDX-License-Identifier: GPL-3.0-or-later
//! Purging communities: the hook that pallets holding per-community state implement, and the
//! purge itself for the pallet that decides it.

use crate::CommunityIdentifier;
use frame::prelude::Weight;

/// Work to do when a community is purged (its balances, ceremonies, businesses, …).
///
/// `purge_community` is weighed with [`OnCommunityPurged::max_weight`] up front and charges what
/// the hooks return. Tuples run their members in order.
pub trait OnCommunityPurged {
	/// The community `cid` is gone. Returns the weight used.
	fn on_community_purged(cid: CommunityIdentifier) -> Weight;

	/// The most [`OnCommunityPurged::on_community_purged`] can use.
	fn max_weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(30)]
impl OnCommunityPurged for Tuple {
	fn on_community_purged(cid: CommunityIdentifier) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_community_purged(cid)); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}

/// Purging a community, for the pallet that decides when (an inactive community is purged by
/// the ceremonies pallet).
pub trait PurgeCommunity {
	/// Remove `cid` everywhere (its locations, deposits, and every pallet's state through the
	/// [`OnCommunityPurged`] hooks). Returns the weight used.
	fn purge(cid: CommunityIdentifier) -> Weight;

	/// The most [`PurgeCommunity::purge`] can use.
	fn max_purge_weight() -> Weight;
}

/// How many items costing `per_item` each fit in `limit` after a `fixed` cost, for work done
/// in steps (purges in `on_idle`); `None` if not even `fixed` fits.
pub fn items_within(limit: Weight, fixed: Weight, per_item: Weight) -> Option<u32> {
	if limit.any_lt(fixed) {
		return None;
	}
	let room = limit.saturating_sub(fixed);
	let fit = |room: u64, per: u64| room.checked_div(per).unwrap_or(u64::MAX);
	let items = fit(room.ref_time(), per_item.ref_time())
		.min(fit(room.proof_size(), per_item.proof_size()));
	Some(u32::try_from(items).unwrap_or(u32::MAX))
}
