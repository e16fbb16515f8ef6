// SPDX-License-Identifier: GPL-3.0-or-later
use crate::{mock::*, *};
use frame::{testing_prelude::*, traits::fungible::InspectHold};
use pallet_ceremony_scheduler::OnCeremonyPhaseChange;

fn share(percent: u32) -> ActionOf<Test> {
	ProposalAction::SetIssuanceShare { cid: cid(), share: Perbill::from_percent(percent) }
}

fn submit(who: u64, action: ActionOf<Test>) -> ProposalId {
	assert_ok!(Democracy::submit_proposal(RuntimeOrigin::signed(who), action));
	NextProposalId::<Test>::get() - 1
}

fn vote(
	who: u64,
	id: ProposalId,
	vote: Vote,
	reputations: &[(CommunityIdentifier, CeremonyIndex)],
) -> DispatchResult {
	Democracy::vote(RuntimeOrigin::signed(who), id, vote, reputations.to_vec().try_into().unwrap())
}

fn state(id: ProposalId) -> ProposalState<Moment> {
	Proposals::<Test>::get(id).unwrap().state
}

fn update(id: ProposalId) {
	assert_ok!(Democracy::update_proposal_state(RuntimeOrigin::signed(99), id));
}

fn held(who: u64) -> u128 {
	Balances::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who)
}

/// People 1 to `n` attended ceremony 8 of `cid`, verified.
fn population(n: u64) {
	for who in 1..=n {
		attended(who, cid(), 8);
	}
}

/// Vote aye with `who`'s attendance of ceremony 8.
fn aye(who: u64, id: ProposalId) {
	assert_ok!(vote(who, id, Vote::Aye, &[(cid(), 8)]));
}

fn nay(who: u64, id: ProposalId) {
	assert_ok!(vote(who, id, Vote::Nay, &[(cid(), 8)]));
}

#[test]
fn an_approved_proposal_is_enacted_when_assigning_begins() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		// 1. Submitted: the electorate is fixed, a deposit held.
		let id = submit(1, share(10));
		assert_eq!(
			events(),
			vec![Event::ProposalSubmitted {
				id,
				proposer: 1,
				policy: ProposalAccessPolicy::Community(cid()),
				electorate: 10
			}]
		);
		assert_eq!(held(1), DEPOSIT);
		assert_eq!(Proposals::<Test>::get(id).unwrap().window, (6, 8));
		// 2. One aye of ten: 10 % turnout, passing; confirming.
		aye(2, id);
		assert_eq!(Tallies::<Test>::get(id), Tally { turnout: 1, ayes: 1 });
		assert_eq!(state(id), ProposalState::Confirming { since: START });
		assert!(events().contains(&Event::VotePlaced { id, who: 2, vote: Vote::Aye, weight: 1 }));
		// 3. Still passing after the confirmation period: approved, queued, deposit back.
		MockTime::advance(10);
		update(id);
		assert_eq!(state(id), ProposalState::Approved);
		assert_eq!(EnactmentQueue::<Test>::get().to_vec(), vec![id]);
		assert_eq!(held(1), 0);
		// 4. Not when Registering begins; when Assigning begins.
		Democracy::on_ceremony_phase_change(CeremonyPhase::Registering, 11);
		assert_eq!(state(id), ProposalState::Approved);
		Democracy::on_ceremony_phase_change(CeremonyPhase::Assigning, 11);
		assert_eq!(state(id), ProposalState::Enacted);
		assert!(events().contains(&Event::ProposalEnacted { id }));
		assert_eq!(
			pallet_community_treasuries::IssuanceShare::<Test>::get(cid()),
			Some(Perbill::from_percent(10))
		);
		assert!(EnactmentQueue::<Test>::get().is_empty());
	});
}

#[test]
fn location_actions_are_enacted_when_registering_begins_and_failures_are_recorded() {
	ExtBuilder.build_and_execute(|| {
		population(3);
		let location = convene_pallet_test_utils::zurich();
		let id = submit(1, ProposalAction::AddLocation { cid: cid(), location });
		aye(1, id);
		MockTime::advance(10);
		update(id);
		Democracy::on_ceremony_phase_change(CeremonyPhase::Assigning, 11);
		assert_eq!(state(id), ProposalState::Approved);
		// The mock maps it to `System::remark`, which a vote may not call.
		Democracy::on_ceremony_phase_change(CeremonyPhase::Registering, 12);
		assert_eq!(state(id), ProposalState::EnactmentFailed { error: DispatchError::BadOrigin });
		assert!(events().contains(&Event::EnactmentFailed { id, error: DispatchError::BadOrigin }));
	});
}

#[test]
fn the_reference_vectors_decide() {
	// Electorate 100: 6 ayes of 10 fail, 9 of 10 pass, 60 of 100 pass.
	for (turnout, ayes, passing) in [(10, 6, false), (10, 9, true), (100, 60, true)] {
		ExtBuilder.build_and_execute(|| {
			population(100);
			let id = submit(1, share(5));
			for who in 1..=turnout {
				if who <= ayes {
					aye(who, id);
				} else {
					nay(who, id);
				}
			}
			let confirming = matches!(state(id), ProposalState::Confirming { .. });
			assert_eq!(confirming, passing, "turnout {turnout}, ayes {ayes}");
		});
	}
}

#[test]
fn a_proposal_that_stops_passing_goes_back_to_ongoing_and_is_rejected_when_old() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		let id = submit(1, share(10));
		aye(1, id);
		assert!(matches!(state(id), ProposalState::Confirming { .. }));
		nay(2, id);
		assert_eq!(state(id), ProposalState::Ongoing);
		MockTime::advance(101);
		update(id);
		assert_eq!(state(id), ProposalState::Rejected);
		assert_eq!(held(1), 0);
		assert_noop!(vote(3, id, Vote::Aye, &[(cid(), 8)]), Error::<Test>::ProposalClosed);
	});
}

#[test]
fn a_confirming_proposal_outlives_its_lifetime_until_confirmed() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		let id = submit(1, share(10));
		MockTime::advance(95);
		aye(1, id);
		MockTime::advance(8);
		update(id);
		assert!(matches!(state(id), ProposalState::Confirming { .. }));
		MockTime::advance(2);
		update(id);
		assert_eq!(state(id), ProposalState::Approved);
	});
}

#[test]
fn a_later_approved_proposal_of_the_same_kind_supersedes_an_earlier_one() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		let early = submit(1, share(10));
		MockTime::advance(1);
		let late = submit(1, share(20));
		aye(2, late);
		MockTime::advance(10);
		update(late);
		assert_eq!(state(late), ProposalState::Approved);
		update(early);
		assert_eq!(state(early), ProposalState::SupersededBy { id: late });
		// Another community's setting is another kind.
		attended(5, cid2(), 8);
		let other =
			submit(5, ProposalAction::SetIssuanceShare { cid: cid2(), share: Perbill::zero() });
		update(other);
		assert_eq!(state(other), ProposalState::Ongoing);
	});
}

#[test]
fn an_approved_proposal_superseded_while_queued_is_not_enacted() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		let early = submit(1, share(10));
		aye(1, early);
		MockTime::advance(1);
		let late = submit(1, share(20));
		aye(2, late);
		MockTime::advance(10);
		update(early);
		update(late);
		assert_eq!(EnactmentQueue::<Test>::get().to_vec(), vec![early, late]);
		Democracy::on_ceremony_phase_change(CeremonyPhase::Assigning, 11);
		assert_eq!(state(early), ProposalState::SupersededBy { id: late });
		assert_eq!(state(late), ProposalState::Enacted);
		assert_eq!(
			pallet_community_treasuries::IssuanceShare::<Test>::get(cid()),
			Some(Perbill::from_percent(20))
		);
	});
}

#[test]
fn a_petition_is_done_when_approved() {
	ExtBuilder.build_and_execute(|| {
		population(3);
		let text = b"more benches in the park".to_vec().try_into().unwrap();
		let id = submit(1, ProposalAction::Petition { cid: Some(cid()), text });
		aye(1, id);
		MockTime::advance(10);
		update(id);
		assert_eq!(state(id), ProposalState::Enacted);
		assert!(EnactmentQueue::<Test>::get().is_empty());
	});
}

#[test]
fn a_full_queue_keeps_a_proposal_confirming() {
	ExtBuilder.build_and_execute(|| {
		population(3);
		let ids: Vec<_> = (0..4)
			.map(|i| {
				let id = submit(
					1,
					ProposalAction::AddLocation {
						cid: cid(),
						location: convene_pallet_test_utils::loc(f64::from(i), 0.0),
					},
				);
				aye(1, id);
				id
			})
			.collect();
		MockTime::advance(10);
		for id in &ids {
			update(*id);
		}
		assert_eq!(EnactmentQueue::<Test>::get().len(), 3);
		assert!(matches!(state(ids[3]), ProposalState::Confirming { .. }));
		Democracy::on_ceremony_phase_change(CeremonyPhase::Registering, 11);
		update(ids[3]);
		assert_eq!(state(ids[3]), ProposalState::Approved);
	});
}

#[test]
fn global_proposals_count_every_community_and_spend_the_global_treasury() {
	ExtBuilder.build_and_execute(|| {
		population(2);
		attended(3, cid2(), 7);
		use frame::traits::fungible::Mutate;
		let treasury = pallet_community_treasuries::Pallet::<Test>::account_of(None);
		assert_ok!(Balances::mint_into(&treasury, 1_000));
		let id = submit(1, ProposalAction::SpendNative { cid: None, to: 50, amount: 100 });
		assert_eq!(Proposals::<Test>::get(id).unwrap().electorate, 3);
		assert_ok!(vote(3, id, Vote::Aye, &[(cid2(), 7)]));
		aye(1, id);
		MockTime::advance(10);
		update(id);
		Democracy::on_ceremony_phase_change(CeremonyPhase::Assigning, 11);
		assert_eq!(state(id), ProposalState::Enacted);
		assert_eq!(Balances::free_balance(50), ENDOWMENT + 100);
	});
}

#[test]
fn submit_proposal_without_voters_fails_with_no_electorate() {
	ExtBuilder.build_and_execute(|| {
		// Nobody attended in the window (ceremony 9 is too recent).
		attended(1, cid(), 9);
		assert_noop!(
			Democracy::submit_proposal(RuntimeOrigin::signed(1), share(1)),
			Error::<Test>::NoElectorate
		);
		// A chain too young for a window.
		reputations::set_ceremony(2);
		assert_noop!(
			Democracy::submit_proposal(RuntimeOrigin::signed(1), share(1)),
			Error::<Test>::NoElectorate
		);
	});
}

#[test]
fn submit_proposal_for_an_unknown_community_fails_with_community_not_found() {
	ExtBuilder.build_and_execute(|| {
		population(1);
		let action = ProposalAction::SetIssuanceShare { cid: unknown(), share: Perbill::zero() };
		assert_noop!(
			Democracy::submit_proposal(RuntimeOrigin::signed(1), action),
			Error::<Test>::CommunityNotFound
		);
	});
}

#[test]
fn submit_proposal_without_funds_for_the_deposit_fails() {
	ExtBuilder.build_and_execute(|| {
		population(1);
		assert_noop!(
			Democracy::submit_proposal(RuntimeOrigin::signed(500), share(1)),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn submit_proposal_when_ids_run_out_fails_with_proposal_ids_exhausted() {
	ExtBuilder.build_and_execute(|| {
		population(1);
		NextProposalId::<Test>::put(ProposalId::MAX);
		assert_noop!(
			Democracy::submit_proposal(RuntimeOrigin::signed(1), share(1)),
			Error::<Test>::ProposalIdsExhausted
		);
	});
}

#[test]
fn vote_counts_each_valid_attendance_once() {
	ExtBuilder.build_and_execute(|| {
		population(10);
		attended(1, cid(), 6);
		attended(1, cid(), 9);
		attended(1, cid2(), 7);
		let id = submit(1, share(10));
		// 6 and 8 count; 9 is outside the window, cid2 another community's, 7 not attended.
		assert_ok!(vote(
			1,
			id,
			Vote::Nay,
			&[(cid(), 6), (cid(), 8), (cid(), 9), (cid2(), 7), (cid(), 7), (cid(), 8)]
		));
		assert_eq!(Tallies::<Test>::get(id), Tally { turnout: 2, ayes: 0 });
		// Spent on this proposal: nothing counts any more.
		assert_noop!(vote(1, id, Vote::Aye, &[(cid(), 8)]), Error::<Test>::NoValidReputation);
	});
}

#[test]
fn vote_without_a_valid_attendance_fails_with_no_valid_reputation() {
	ExtBuilder.build_and_execute(|| {
		population(1);
		let id = submit(1, share(10));
		assert_noop!(vote(2, id, Vote::Aye, &[(cid(), 8)]), Error::<Test>::NoValidReputation);
	});
}

#[test]
fn vote_on_no_proposal_fails_with_proposal_not_found() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(vote(1, 7, Vote::Aye, &[(cid(), 8)]), Error::<Test>::ProposalNotFound);
		assert_noop!(
			Democracy::update_proposal_state(RuntimeOrigin::signed(1), 7),
			Error::<Test>::ProposalNotFound
		);
	});
}

#[test]
fn only_the_communitys_vote_or_root_sets_its_share() {
	ExtBuilder.build_and_execute(|| {
		use pallet_community_treasuries::Call;
		let call = RuntimeCall::Treasuries(Call::set_issuance_share {
			cid: cid(),
			share: Perbill::from_percent(1),
		});
		let signed = call.clone().dispatch(RuntimeOrigin::signed(1));
		assert_eq!(signed.map_err(|e| e.error), Err(DispatchError::BadOrigin));
		let other = call.clone().dispatch(VoteOrigin::Community(cid2()).into());
		assert_eq!(other.map_err(|e| e.error), Err(DispatchError::BadOrigin));
		let global = call.clone().dispatch(VoteOrigin::Global.into());
		assert_eq!(global.map_err(|e| e.error), Err(DispatchError::BadOrigin));
		assert_ok!(call.clone().dispatch(VoteOrigin::Community(cid()).into()));
		assert_ok!(call.dispatch(RuntimeOrigin::root()));
	});
}

#[test]
fn proposals_are_read_in_pages() {
	ExtBuilder.build_and_execute(|| {
		population(1);
		for p in 0..3 {
			submit(1, share(p));
		}
		let page = Democracy::proposals(None, 2);
		assert_eq!(page.items.iter().map(|(id, ..)| *id).collect::<Vec<_>>(), vec![0, 1]);
		let rest = Democracy::proposals(page.next, 2);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
	});
}
