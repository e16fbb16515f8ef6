// SPDX-License-Identifier: GPL-3.0-or-later
//! Submitting, voting, the state machine, and enactment at the phase changes.

use crate::*;
use alloc::vec::Vec;
use convene_primitives::{
	democracy::{ceremonies_spanned, passes, voting_window},
	page::{self, Page},
};
use frame::{
	prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Time},
};
use pallet_ceremony_scheduler::OnCeremonyPhaseChange;

impl<T: Config> Pallet<T> {
	/// How many ceremonies a proposal's lifetime spans, rounded up.
	pub fn proposal_ceremonies() -> u32 {
		let cycle =
			[CeremonyPhase::Registering, CeremonyPhase::Assigning, CeremonyPhase::Attesting]
				.into_iter()
				.fold(0u64, |sum, phase| sum.saturating_add(T::Clock::phase_duration(phase)));
		ceremonies_spanned(T::ProposalLifetime::get(), cycle)
	}

	/// How many attendances of `policy`'s people are in `window`.
	pub fn electorate(policy: ProposalAccessPolicy, window: (CeremonyIndex, CeremonyIndex)) -> u64 {
		(window.0..=window.1)
			.map(|cindex| match policy {
				ProposalAccessPolicy::Global => T::Reputations::global_verified_count(cindex),
				ProposalAccessPolicy::Community(cid) => T::Reputations::verified_count(cid, cindex),
			})
			.fold(0u64, |sum, n| sum.saturating_add(n.into()))
	}

	/// Submit `action` for `proposer`; returns the new proposal's id.
	pub fn do_submit(
		proposer: T::AccountId,
		action: ActionOf<T>,
	) -> Result<ProposalId, DispatchError> {
		let policy = action.access_policy();
		if let Some(cid) = policy.community() {
			ensure!(T::Communities::nominal_income(cid).is_some(), Error::<T>::CommunityNotFound);
		}
		let start_cindex = T::Clock::ceremony_index();
		let window = voting_window(
			start_cindex,
			T::Reputations::reputation_lifetime(),
			Self::proposal_ceremonies(),
		)
		.ok_or(Error::<T>::NoElectorate)?;
		let window = (*window.start(), *window.end());
		let electorate = Self::electorate(policy, window);
		ensure!(electorate > 0, Error::<T>::NoElectorate);
		let id = NextProposalId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::ProposalIdsExhausted)?;
		let deposit = T::ProposalDeposit::get();
		T::Currency::hold(&HoldReason::ProposalDeposit.into(), &proposer, deposit)?;
		let mut descriptor = b"convene/democracy/proposal/".to_vec();
		descriptor.extend_from_slice(&id.to_le_bytes());
		let purpose = T::Commitments::register_purpose(&descriptor)?;
		Proposals::<T>::insert(
			id,
			Proposal {
				proposer: proposer.clone(),
				action,
				start: T::Time::now(),
				start_cindex,
				window,
				electorate,
				purpose,
				deposit,
				state: ProposalState::Ongoing,
			},
		);
		NextProposalId::<T>::put(next);
		Self::deposit_event(Event::ProposalSubmitted { id, proposer, policy, electorate });
		Ok(id)
	}

	/// `who` votes `vote` on proposal `id` with `reputations`.
	pub fn do_vote(
		who: T::AccountId,
		id: ProposalId,
		vote: Vote,
		reputations: BoundedVec<(CommunityIdentifier, CeremonyIndex), T::MaxReputationCount>,
	) -> DispatchResult {
		let state = Self::do_update(id)?;
		ensure!(state.is_open(), Error::<T>::ProposalClosed);
		let proposal = Proposals::<T>::get(id).ok_or(Error::<T>::ProposalNotFound)?;
		let community = proposal.action.access_policy().community();
		let (first, last) = proposal.window;
		let mut weight = 0u64;
		for (cid, cindex) in reputations {
			let counts = (first..=last).contains(&cindex)
				&& community.is_none_or(|c| c == cid)
				&& T::Commitments::commit(&who, cid, cindex, proposal.purpose, None).is_ok();
			if counts {
				weight = weight.saturating_add(1);
			}
		}
		ensure!(weight > 0, Error::<T>::NoValidReputation);
		Tallies::<T>::mutate(id, |tally| {
			tally.turnout = tally.turnout.saturating_add(weight);
			if vote == Vote::Aye {
				tally.ayes = tally.ayes.saturating_add(weight);
			}
		});
		Self::deposit_event(Event::VotePlaced { id, who, vote, weight });
		Self::do_update(id)?;
		Ok(())
	}

	/// Whether proposal `id` passes now.
	pub fn is_passing(id: ProposalId, proposal: &Proposal<T>) -> bool {
		let tally = Tallies::<T>::get(id);
		passes(proposal.electorate, tally.turnout, tally.ayes, T::MinTurnout::get())
	}

	/// Bring proposal `id`'s state up to date; returns it.
	pub fn do_update(id: ProposalId) -> Result<ProposalState<Moment>, DispatchError> {
		let proposal = Proposals::<T>::get(id).ok_or(Error::<T>::ProposalNotFound)?;
		if !proposal.state.is_open() {
			return Ok(proposal.state);
		}
		let now = T::Time::now();
		let superseded_by = proposal
			.action
			.key()
			.and_then(LatestApproved::<T>::get)
			.filter(|(_, start)| *start > proposal.start)
			.map(|(by, _)| by);
		let passing = Self::is_passing(id, &proposal);
		let expired = now > proposal.start.saturating_add(T::ProposalLifetime::get());
		let confirmed = |since: Moment| now >= since.saturating_add(T::ConfirmationPeriod::get());
		let next = match (superseded_by, proposal.state.clone()) {
			(Some(by), _) => ProposalState::SupersededBy { id: by },
			(None, ProposalState::Confirming { since }) if passing && confirmed(since) => {
				ProposalState::Approved
			},
			(None, ProposalState::Confirming { since }) if passing => {
				ProposalState::Confirming { since }
			},
			(None, _) if expired => ProposalState::Rejected,
			(None, ProposalState::Ongoing) if passing => ProposalState::Confirming { since: now },
			(None, _) => ProposalState::Ongoing,
		};
		if next == ProposalState::Approved && !Self::approve(id, &proposal) {
			// The queue is full: it stays confirming and is approved once there is room.
			return Ok(proposal.state);
		}
		if next != proposal.state {
			Self::set_state(id, next.clone());
			if !next.is_open() {
				Self::conclude(id, &proposal);
			}
		}
		Ok(Proposals::<T>::get(id).map_or(next, |p| p.state))
	}

	/// Approve `proposal`: the latest of its kind, queued (or, for a petition, done). Returns
	/// false if the queue has no room.
	fn approve(id: ProposalId, proposal: &Proposal<T>) -> bool {
		if let Enactment::AtPhase(_) = proposal.action.enactment() {
			if EnactmentQueue::<T>::try_mutate(|queue| queue.try_push(id)).is_err() {
				return false;
			}
		}
		if let Some(key) = proposal.action.key() {
			LatestApproved::<T>::insert(key, (id, proposal.start));
		}
		true
	}

	fn set_state(id: ProposalId, state: ProposalState<Moment>) {
		Proposals::<T>::mutate(id, |p| {
			if let Some(p) = p {
				p.state = state.clone();
			}
		});
		Self::deposit_event(Event::ProposalStateUpdated { id, state });
		if Proposals::<T>::get(id).is_some_and(|p| {
			p.state == ProposalState::Approved && p.action.enactment() == Enactment::OnApproval
		}) {
			Self::set_enacted(id, Ok(()));
		}
	}

	/// A decided proposal: its deposit goes back, its purpose takes no more votes.
	fn conclude(id: ProposalId, proposal: &Proposal<T>) {
		let released = T::Currency::release(
			&HoldReason::ProposalDeposit.into(),
			&proposal.proposer,
			proposal.deposit,
			Precision::BestEffort,
		)
		.unwrap_or_else(|_| {
			defensive!("a proposal's deposit could not be released");
			Zero::zero()
		});
		T::Commitments::retire_purpose(proposal.purpose);
		Self::deposit_event(Event::DepositReleased {
			id,
			proposer: proposal.proposer.clone(),
			amount: released,
		});
	}

	fn set_enacted(id: ProposalId, result: DispatchResult) {
		let state = match result {
			Ok(()) => {
				Self::deposit_event(Event::ProposalEnacted { id });
				ProposalState::Enacted
			},
			Err(error) => {
				log::info!(target: LOG_TARGET, "proposal {id} failed to enact: {error:?}");
				Self::deposit_event(Event::EnactmentFailed { id, error });
				ProposalState::EnactmentFailed { error }
			},
		};
		Proposals::<T>::mutate(id, |p| {
			if let Some(p) = p {
				p.state = state.clone();
			}
		});
		Self::deposit_event(Event::ProposalStateUpdated { id, state });
	}

	/// `phase` began: enact the queued proposals enacted then. Returns the weight used.
	pub(crate) fn enact_queued(phase: CeremonyPhase) -> Weight {
		let queue = EnactmentQueue::<T>::get();
		let mut used = T::DbWeight::get().reads_writes(1, 1);
		let mut kept = Vec::new();
		for id in queue {
			let Some(proposal) = Proposals::<T>::get(id) else {
				defensive!("a queued proposal that does not exist");
				continue;
			};
			if proposal.action.enactment() != Enactment::AtPhase(phase) {
				kept.push(id);
				continue;
			}
			// Each enactment is charged as the dearest (its benchmark), an upper bound.
			used = used.saturating_add(<T as Config>::WeightInfo::enact());
			// A later proposal of the same kind approved meanwhile wins.
			let later = proposal
				.action
				.key()
				.and_then(LatestApproved::<T>::get)
				.filter(|(by, _)| *by != id)
				.map(|(by, _)| by);
			if let Some(by) = later {
				Self::set_state(id, ProposalState::SupersededBy { id: by });
				continue;
			}
			let result = match T::Actions::call(&proposal.action) {
				Some(call) => {
					let origin = match proposal.action.access_policy() {
						ProposalAccessPolicy::Community(cid) => VoteOrigin::Community(cid),
						ProposalAccessPolicy::Global => VoteOrigin::Global,
					};
					call.dispatch(<T as Config>::RuntimeOrigin::from(origin))
						.map(|_| ())
						.map_err(|e| e.error)
				},
				None => Ok(()),
			};
			Self::set_enacted(id, result);
		}
		EnactmentQueue::<T>::put(BoundedVec::truncate_from(kept));
		used
	}

	/// A page of the proposals after `after`, by id, with their tallies.
	pub fn proposals(
		after: Option<ProposalId>,
		limit: u32,
	) -> Page<ProposalId, (ProposalId, Proposal<T>, Tally)> {
		let start = after.map_or(0, |a| a.saturating_add(1));
		let end = NextProposalId::<T>::get();
		let entries = (start..end).filter_map(|id| Proposals::<T>::get(id).map(|p| (id, p)));
		page::scan(entries, limit, |id, p| Some((*id, p, Tallies::<T>::get(*id))))
	}

	/// Check the pallet's invariants: the queue holds approved proposals only, each once; open
	/// proposals hold their deposits; tallies are within the electorate.
	pub fn do_try_state() -> Result<(), &'static str> {
		let queue = EnactmentQueue::<T>::get();
		for (i, id) in queue.iter().enumerate() {
			let proposal =
				Proposals::<T>::get(id).ok_or("a queued proposal that does not exist")?;
			ensure!(proposal.state == ProposalState::Approved, "a queued proposal not approved");
			ensure!(!queue.iter().skip(i.saturating_add(1)).any(|o| o == id), "queued twice");
		}
		let next = NextProposalId::<T>::get();
		let mut open = Vec::new();
		for (id, proposal) in Proposals::<T>::iter() {
			ensure!(id < next, "a proposal beyond the next id");
			if proposal.state == ProposalState::Approved {
				ensure!(queue.contains(&id), "an approved proposal not queued");
			}
			let tally = Tallies::<T>::get(id);
			ensure!(tally.ayes <= tally.turnout, "more ayes than votes");
			ensure!(tally.turnout <= proposal.electorate, "more votes than voters");
			if proposal.state.is_open() {
				open.push((proposal.proposer, proposal.deposit));
			}
		}
		pallet_communities::deposit::check_holds::<T::AccountId, T::Currency>(
			&HoldReason::ProposalDeposit.into(),
			open,
		)
	}
}

impl<T: Config> OnCeremonyPhaseChange for Pallet<T> {
	fn on_ceremony_phase_change(phase: CeremonyPhase, _: CeremonyIndex) -> Weight {
		match phase {
			CeremonyPhase::Registering | CeremonyPhase::Assigning => Self::enact_queued(phase),
			CeremonyPhase::Attesting => Weight::zero(),
		}
	}

	fn max_weight() -> Weight {
		<T as Config>::WeightInfo::enact()
			.saturating_mul(T::MaxEnactmentQueue::get().into())
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
}
