// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: purposes and commitments, as wallets and explorers list them.

// The macro repeats the `AccountId` bound on every function taking one.
#![allow(clippy::multiple_bound_locations)]

use crate::{CeremonyIndex, Commitment, CommunityIdentifier, PurposeId};
use alloc::vec::Vec;
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// Purposes and the attendances committed to them.
	pub trait CommitmentsApi<AccountId: Codec> {
		/// A page of the purposes (id, descriptor, retired in ceremony), at most `limit` after
		/// `after`, by id.
		fn purposes(after: Option<PurposeId>, limit: u32) -> Page<PurposeId, (PurposeId, Vec<u8>, Option<CeremonyIndex>)>;
		/// A page of the commitments of ceremony `cindex` of `cid` (to `purpose` only, if
		/// given): purpose, account, commitment; at most `limit` after `after`, in storage
		/// order.
		fn commitments(cid: CommunityIdentifier, cindex: CeremonyIndex, purpose: Option<PurposeId>, after: Option<(PurposeId, AccountId)>, limit: u32) -> Page<(PurposeId, AccountId), (PurposeId, AccountId, Option<Commitment>)>;
	}
}
