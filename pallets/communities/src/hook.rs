// SPDX-License-Identifier: GPL-3.0-or-later
//! The purge hook that pallets holding per-community state implement.

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
