// SPDX-License-Identifier: GPL-3.0-or-later
//! Proposals, their actions, states and tallies.

use crate::*;
use frame::prelude::*;

/// Identifies a proposal.
pub type ProposalId = u32;

/// The longest petition, in bytes.
pub const MAX_PETITION_LENGTH: u32 = 256;

/// A petition's text.
pub type PetitionText = BoundedVec<u8, ConstU32<MAX_PETITION_LENGTH>>;

/// What a proposal does when approved.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub enum ProposalAction<AccountId, Balance> {
	/// Add a meetup location to a community.
	AddLocation {
		/// The community.
		cid: CommunityIdentifier,
		/// The location.
		location: Location,
	},
	/// Remove a meetup location from a community.
	RemoveLocation {
		/// The community.
		cid: CommunityIdentifier,
		/// The location.
		location: Location,
	},
	/// Replace a community's metadata.
	UpdateCommunityMetadata {
		/// The community.
		cid: CommunityIdentifier,
		/// The new metadata.
		metadata: CommunityMetadata,
	},
	/// Set a community's demurrage (rate per year; `None`: the runtime's default).
	UpdateDemurrage {
		/// The community.
		cid: CommunityIdentifier,
		/// The rate.
		demurrage: Option<Demurrage>,
	},
	/// Set a community's nominal income (`None`: the runtime's default).
	UpdateNominalIncome {
		/// The community.
		cid: CommunityIdentifier,
		/// The income.
		nominal_income: Option<U64F64>,
	},
	/// Set after how many ceremonies without a meetup a community is purged (every
	/// community's vote).
	SetInactivityTimeout {
		/// Ceremonies.
		timeout: u32,
	},
	/// Ask for something in words; approval is the outcome (a community's, or everybody's).
	Petition {
		/// The community (`None`: everybody's).
		cid: Option<CommunityIdentifier>,
		/// The text.
		text: PetitionText,
	},
	/// Pay native tokens from a treasury (a community's, or the global one).
	SpendNative {
		/// The treasury's community (`None`: the global treasury).
		cid: Option<CommunityIdentifier>,
		/// To whom.
		to: AccountId,
		/// How much.
		amount: Balance,
	},
	/// Pay a community's currency from its treasury.
	SpendCommunityCurrency {
		/// The community.
		cid: CommunityIdentifier,
		/// To whom.
		to: AccountId,
		/// How much.
		amount: U64F64,
	},
	/// Set the share of each ceremony's issuance the community gives its treasury.
	SetIssuanceShare {
		/// The community.
		cid: CommunityIdentifier,
		/// The share.
		share: Perbill,
	},
}

/// What kind of setting an action changes, per community: a later approved proposal of the same
/// kind supersedes an earlier one.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum ActionKey {
	/// A community's metadata.
	Metadata(CommunityIdentifier),
	/// A community's demurrage.
	Demurrage(CommunityIdentifier),
	/// A community's nominal income.
	NominalIncome(CommunityIdentifier),
	/// A community's issuance share.
	IssuanceShare(CommunityIdentifier),
	/// The inactivity timeout.
	InactivityTimeout,
}

/// When an approved action is enacted.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Enactment {
	/// At once, on approval (petitions: approval is the outcome).
	OnApproval,
	/// When the next phase of this kind begins: locations when Registering begins (meetups
	/// are assigned by location), everything else when Assigning begins (after the last
	/// ceremony's rewards were claimed, before the next ceremony's).
	AtPhase(CeremonyPhase),
}

impl<AccountId, Balance> ProposalAction<AccountId, Balance> {
	/// Who votes on it.
	pub fn access_policy(&self) -> ProposalAccessPolicy {
		use ProposalAction::*;
		match self {
			AddLocation { cid, .. }
			| RemoveLocation { cid, .. }
			| UpdateCommunityMetadata { cid, .. }
			| UpdateDemurrage { cid, .. }
			| UpdateNominalIncome { cid, .. }
			| SpendCommunityCurrency { cid, .. }
			| SetIssuanceShare { cid, .. } => ProposalAccessPolicy::Community(*cid),
			Petition { cid, .. } | SpendNative { cid, .. } => {
				cid.map_or(ProposalAccessPolicy::Global, ProposalAccessPolicy::Community)
			},
			SetInactivityTimeout { .. } => ProposalAccessPolicy::Global,
		}
	}

	/// The setting it changes, if a later approval of the same kind supersedes it.
	pub fn key(&self) -> Option<ActionKey> {
		use ProposalAction::*;
		match self {
			UpdateCommunityMetadata { cid, .. } => Some(ActionKey::Metadata(*cid)),
			UpdateDemurrage { cid, .. } => Some(ActionKey::Demurrage(*cid)),
			UpdateNominalIncome { cid, .. } => Some(ActionKey::NominalIncome(*cid)),
			SetIssuanceShare { cid, .. } => Some(ActionKey::IssuanceShare(*cid)),
			SetInactivityTimeout { .. } => Some(ActionKey::InactivityTimeout),
			AddLocation { .. }
			| RemoveLocation { .. }
			| Petition { .. }
			| SpendNative { .. }
			| SpendCommunityCurrency { .. } => None,
		}
	}

	/// When it is enacted once approved.
	pub fn enactment(&self) -> Enactment {
		use ProposalAction::*;
		match self {
			Petition { .. } => Enactment::OnApproval,
			AddLocation { .. } | RemoveLocation { .. } => {
				Enactment::AtPhase(CeremonyPhase::Registering)
			},
			_ => Enactment::AtPhase(CeremonyPhase::Assigning),
		}
	}
}

/// Where a proposal stands.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub enum ProposalState<Moment> {
	/// Open for votes, not passing (or not yet confirmed).
	Ongoing,
	/// Passing since `since` (ms of chain time); approved if it passes for
	/// `ConfirmationPeriod`.
	Confirming {
		/// When it began to pass.
		since: Moment,
	},
	/// Approved, waiting in the enactment queue.
	Approved,
	/// Not approved within `ProposalLifetime`.
	Rejected,
	/// A later proposal of the same kind was approved first.
	SupersededBy {
		/// That proposal.
		id: ProposalId,
	},
	/// Approved and enacted.
	Enacted,
	/// Approved, but its enactment failed.
	EnactmentFailed {
		/// Why.
		error: DispatchError,
	},
}

impl<Moment> ProposalState<Moment> {
	/// Whether votes are still taken.
	pub fn is_open(&self) -> bool {
		matches!(self, Self::Ongoing | Self::Confirming { .. })
	}
}

/// A proposal's votes: how many attendances voted, and how many of them aye.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct Tally {
	/// Attendances that voted.
	pub turnout: u64,
	/// Attendances that voted aye.
	pub ayes: u64,
}

/// A vote.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum Vote {
	/// For.
	Aye,
	/// Against.
	Nay,
}

/// A proposal.
#[derive(
	CloneNoBound,
	DebugNoBound,
	Decode,
	DecodeWithMemTracking,
	Encode,
	EqNoBound,
	MaxEncodedLen,
	PartialEqNoBound,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Proposal<T: Config> {
	/// Who submitted it (and holds its deposit).
	pub proposer: T::AccountId,
	/// What it does.
	pub action: ActionOf<T>,
	/// When it was submitted (ms of chain time).
	pub start: Moment,
	/// The ceremony it was submitted in.
	pub start_cindex: CeremonyIndex,
	/// The ceremonies whose attendances vote (first, last).
	pub window: (CeremonyIndex, CeremonyIndex),
	/// How many attendances may vote.
	pub electorate: u64,
	/// The commitment purpose its votes spend attendances on.
	pub purpose: PurposeId,
	/// The deposit held while it is open.
	pub deposit: BalanceOf<T>,
	/// Where it stands.
	pub state: ProposalState<Moment>,
}
