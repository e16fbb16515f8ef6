// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: proposals and the enactment queue, as wallets and explorers list them.

// The macro repeats the bounds on every function taking them.
#![allow(clippy::multiple_bound_locations)]

use crate::{ProposalId, Tally};
use alloc::vec::Vec;
use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// Proposals with their tallies, and what waits to be enacted.
	pub trait DemocracyApi<Proposal: Codec> {
		/// A page of the proposals (id, proposal, tally), at most `limit` after `after`, by id.
		fn proposals(after: Option<ProposalId>, limit: u32) -> Page<ProposalId, (ProposalId, Proposal, Tally)>;
		/// The approved proposals waiting to be enacted, in order.
		fn enactment_queue() -> Vec<ProposalId>;
	}
}
