// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2). A community with a voting population in the window; votes carrying up to
//! `MaxReputationCount` reputations; the approval of a passing proposal; the enactment of the
//! dearest action.

use super::*;
use frame::{benchmarking::prelude::*, traits::fungible::Mutate};

/// The ceremony proposals are submitted in: late enough for a voting window.
const NOW: CeremonyIndex = 20;

fn fund<T: Config>(who: &T::AccountId) {
	use frame::traits::fungible::Inspect;
	let amount = T::ProposalDeposit::get()
		.saturating_mul(2u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(who, amount);
}

/// A community whose `voter` attended every ceremony of the window, verified; and a proposal
/// of its dearest action, submitted by `voter`.
fn proposal<T: Config>(voter: &T::AccountId) -> (CommunityIdentifier, ProposalId) {
	let cid = T::BenchmarkHelper::community();
	T::BenchmarkHelper::set_ceremony(NOW);
	for cindex in 1..NOW {
		T::Reputations::set_verified(voter, cid, cindex);
	}
	fund::<T>(voter);
	let action = T::BenchmarkHelper::dearest_action(cid);
	let id = Pallet::<T>::do_submit(voter.clone(), action).unwrap();
	(cid, id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_proposal() {
		let caller: T::AccountId = whitelisted_caller();
		let (cid, _) = proposal::<T>(&caller);
		let action = T::BenchmarkHelper::dearest_action(cid);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), action);

		assert_eq!(NextProposalId::<T>::get(), 2);
	}

	#[benchmark]
	fn vote(r: Linear<1, { T::MaxReputationCount::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		let (cid, id) = proposal::<T>(&caller);
		let window = Proposals::<T>::get(id).unwrap().window;
		// Every reputation is checked and committed (the dearest path): `r` voters' worth of
		// attendances, by one voter attending `r` ceremonies, repeated within the window.
		let reputations: alloc::vec::Vec<_> =
			(0..r).map(|i| (cid, window.0 + i % (window.1 - window.0 + 1))).collect();
		let reputations = BoundedVec::truncate_from(reputations);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, Vote::Aye, reputations);

		assert!(Tallies::<T>::get(id).turnout >= 1);
	}

	#[benchmark]
	fn update_proposal_state() {
		let caller: T::AccountId = whitelisted_caller();
		let (cid, id) = proposal::<T>(&caller);
		let window = Proposals::<T>::get(id).unwrap().window;
		let all: alloc::vec::Vec<_> = (window.0..=window.1).map(|c| (cid, c)).collect();
		Pallet::<T>::do_vote(caller.clone(), id, Vote::Aye, BoundedVec::truncate_from(all))
			.unwrap();
		// Passing, and confirming long enough: this update approves and queues it.
		Proposals::<T>::mutate(id, |p| {
			if let Some(p) = p {
				p.state = ProposalState::Confirming { since: 0 };
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Proposals::<T>::get(id).unwrap().state, ProposalState::Approved);
	}

	#[benchmark]
	fn enact() {
		let caller: T::AccountId = whitelisted_caller();
		let (_, id) = proposal::<T>(&caller);
		let phase = match Proposals::<T>::get(id).unwrap().action.enactment() {
			Enactment::AtPhase(phase) => phase,
			Enactment::OnApproval => CeremonyPhase::Assigning,
		};
		Proposals::<T>::mutate(id, |p| {
			if let Some(p) = p {
				p.state = ProposalState::Approved;
			}
		});
		EnactmentQueue::<T>::put(BoundedVec::truncate_from(alloc::vec![id]));

		#[block]
		{
			Pallet::<T>::enact_queued(phase);
		}

		assert!(!Proposals::<T>::get(id).unwrap().state.is_open());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
