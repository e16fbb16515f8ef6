// SPDX-License-Identifier: GPL-3.0-or-later
//! The origins of approved proposals, as other pallets require them: a community's vote for its
//! settings and treasury, everybody's vote for chain-wide settings and the global treasury.

use crate::{CommunityIdentifier, VoteOrigin};
use frame::traits::{EnsureOrigin, EnsureOriginWithArg};

/// A community's approved proposal, for that community.
pub struct EnsureCommunityVote;

impl<O> EnsureOriginWithArg<O, CommunityIdentifier> for EnsureCommunityVote
where
	O: Into<Result<VoteOrigin, O>> + From<VoteOrigin>,
{
	type Success = ();

	fn try_origin(o: O, cid: &CommunityIdentifier) -> Result<(), O> {
		match o.into() {
			Ok(VoteOrigin::Community(c)) if c == *cid => Ok(()),
			Ok(other) => Err(O::from(other)),
			Err(o) => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(cid: &CommunityIdentifier) -> Result<O, ()> {
		Ok(O::from(VoteOrigin::Community(*cid)))
	}
}

/// A global approved proposal: everybody's vote.
pub struct EnsureGlobalVote;

impl<O> EnsureOrigin<O> for EnsureGlobalVote
where
	O: Into<Result<VoteOrigin, O>> + From<VoteOrigin>,
{
	type Success = ();

	fn try_origin(o: O) -> Result<(), O> {
		match o.into() {
			Ok(VoteOrigin::Global) => Ok(()),
			Ok(other) => Err(O::from(other)),
			Err(o) => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(VoteOrigin::Global))
	}
}

/// The vote a treasury spends by: its community's (`Some(cid)`) or everybody's (`None`).
pub struct EnsureTreasuryVote;

impl<O> EnsureOriginWithArg<O, Option<CommunityIdentifier>> for EnsureTreasuryVote
where
	O: Into<Result<VoteOrigin, O>> + From<VoteOrigin>,
{
	type Success = ();

	fn try_origin(o: O, treasury: &Option<CommunityIdentifier>) -> Result<(), O> {
		match treasury {
			Some(cid) => EnsureCommunityVote::try_origin(o, cid),
			None => EnsureGlobalVote::try_origin(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(treasury: &Option<CommunityIdentifier>) -> Result<O, ()> {
		Ok(O::from(treasury.map_or(VoteOrigin::Global, VoteOrigin::Community)))
	}
}
