// SPDX-License-Identifier: GPL-3.0-or-later
//! Tests: every error, demurrage on chain time, dust accounting, purging, invariants.

use crate::{mock::*, *};
use frame::testing_prelude::*;
use proptest::prelude::*;

const ALICE: u64 = 1;
const BOB: u64 = 2;
const CHARLIE: u64 = 3;

fn transfer(from: u64, to: u64, cid: CommunityIdentifier, amount: Balance) -> DispatchResult {
	CommunityBalances::transfer(RuntimeOrigin::signed(from), to, cid, amount)
}

fn close(a: Balance, b: Balance, relative: f64) -> bool {
	let (a, b) = (a.to_bits() as f64, b.to_bits() as f64);
	(a - b).abs() <= relative * a.max(b)
}

#[test]
fn issue_creates_an_account_with_a_sufficient_reference() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(20)));
		assert_eq!(CommunityBalances::balance(cid(), &ALICE), units(20));
		assert_eq!(CommunityBalances::total_issuance(cid()), units(20));
		assert_eq!(System::sufficients(&ALICE), 1);
		assert_eq!(
			events(),
			vec![
				Event::Endowed { cid: cid(), who: ALICE, amount: units(20) },
				Event::Issued { cid: cid(), who: ALICE, amount: units(20) },
			]
		);
		// A second issue adds to the same account.
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(1)));
		assert_eq!(CommunityBalances::balance(cid(), &ALICE), units(21));
		assert_eq!(System::sufficients(&ALICE), 1);
	});
}

#[test]
fn holdings_halve_after_one_year_of_chain_time() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(1)));
		assert_ok!(CommunityBalances::do_issue(cid2(), &ALICE, units(1)));
		advance(YEAR);
		let half = CommunityBalances::balance(cid(), &ALICE);
		assert!(close(half, amount("0.5"), 1e-12), "{half}");
		assert!(close(CommunityBalances::total_issuance(cid()), amount("0.5"), 1e-12));
		// Without demurrage nothing changes.
		assert_eq!(CommunityBalances::balance(cid2(), &ALICE), units(1));
		// Reading does not write.
		assert_eq!(Balances::<Test>::get(cid(), ALICE).unwrap().last_update, START);
	});
}

#[test]
fn transfer_moves_decayed_balances_and_keeps_the_total() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		assert_ok!(CommunityBalances::do_issue(cid(), &BOB, units(10)));
		advance(YEAR);
		assert_ok!(transfer(ALICE, BOB, cid(), units(2)));
		let alice = CommunityBalances::balance(cid(), &ALICE);
		let bob = CommunityBalances::balance(cid(), &BOB);
		assert!(close(alice, units(3), 1e-12), "{alice}");
		assert!(close(bob, units(7), 1e-12), "{bob}");
		assert_eq!(Balances::<Test>::get(cid(), ALICE).unwrap().last_update, MockTime::get());
		assert!(close(CommunityBalances::total_issuance(cid()), units(10), 1e-12));
		assert_eq!(
			events().last(),
			Some(&Event::Transferred { cid: cid(), from: ALICE, to: BOB, amount: units(2) })
		);
	});
}

#[test]
fn transfer_to_a_new_account_endows_it() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		assert_ok!(transfer(ALICE, CHARLIE, cid(), units(1)));
		assert_eq!(System::sufficients(&CHARLIE), 1);
		assert!(events().contains(&Event::Endowed { cid: cid(), who: CHARLIE, amount: units(1) }));
	});
}

#[test]
fn dust_left_by_a_transfer_is_burned_and_taken_off_the_total() {
	ExtBuilder.build_and_execute(|| {
		let dust = U64F64::from_bits(ExistentialDeposit::get().to_bits() - 1);
		let ten_and_dust = units(10).checked_add(dust).unwrap();
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, ten_and_dust));
		assert_ok!(transfer(ALICE, BOB, cid(), units(10)));
		assert_eq!(Balances::<Test>::get(cid(), ALICE), None);
		assert_eq!(System::sufficients(&ALICE), 0);
		assert_eq!(CommunityBalances::total_issuance(cid()), units(10));
		assert!(events().contains(&Event::DustLost { cid: cid(), who: ALICE, amount: dust }));
	});
}

#[test]
fn transfer_all_empties_the_sender() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		advance(YEAR / 2);
		let all = CommunityBalances::balance(cid(), &ALICE);
		assert_ok!(CommunityBalances::transfer_all(RuntimeOrigin::signed(ALICE), BOB, cid()));
		assert_eq!(Balances::<Test>::get(cid(), ALICE), None);
		assert_eq!(CommunityBalances::balance(cid(), &BOB), all);
		assert_eq!(System::sufficients(&ALICE), 0);
		assert_eq!(
			events().last(),
			Some(&Event::Transferred { cid: cid(), from: ALICE, to: BOB, amount: all })
		);
		assert_noop!(
			CommunityBalances::transfer_all(RuntimeOrigin::signed(ALICE), BOB, cid()),
			Error::<Test>::NoAccount
		);
	});
}

#[test]
fn transfer_to_oneself_only_brings_the_entry_up_to_date() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		advance(YEAR);
		let before = CommunityBalances::balance(cid(), &ALICE);
		assert_ok!(transfer(ALICE, ALICE, cid(), units(1)));
		assert_eq!(
			Balances::<Test>::get(cid(), ALICE),
			Some(BalanceEntry { principal: before, last_update: MockTime::get() })
		);
	});
}

#[test]
fn burn_reduces_the_total_and_reaps_below_the_deposit() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		assert_ok!(CommunityBalances::do_burn(cid(), &ALICE, units(4), false));
		assert_eq!(CommunityBalances::balance(cid(), &ALICE), units(6));
		assert_eq!(CommunityBalances::total_issuance(cid()), units(6));
		// Keep-alive refuses to go below the deposit; without it the account goes.
		assert_noop!(
			CommunityBalances::do_burn(cid(), &ALICE, units(6), true),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(<CommunityBalances as CommunityCurrency<u64>>::burn(cid(), &ALICE, units(6)));
		assert_eq!(Balances::<Test>::get(cid(), ALICE), None);
		assert_eq!(CommunityBalances::total_issuance(cid()), Balance::ZERO);
		assert_eq!(
			events().last(),
			Some(&Event::Burned { cid: cid(), who: ALICE, amount: units(6) })
		);
	});
}

#[test]
fn errors() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(10)));
		assert_noop!(transfer(ALICE, BOB, unknown(), units(1)), Error::<Test>::CommunityNotFound);
		assert_noop!(
			CommunityBalances::do_issue(unknown(), &ALICE, units(1)),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(transfer(BOB, ALICE, cid(), units(1)), Error::<Test>::NoAccount);
		assert_noop!(
			CommunityBalances::do_burn(cid(), &BOB, units(1), false),
			Error::<Test>::NoAccount
		);
		assert_noop!(transfer(ALICE, BOB, cid(), units(11)), Error::<Test>::InsufficientBalance);
		assert_noop!(
			transfer(ALICE, BOB, cid(), amount("0.000001")),
			Error::<Test>::BelowExistentialDeposit
		);
		assert_noop!(
			CommunityBalances::do_issue(cid(), &BOB, amount("0.000001")),
			Error::<Test>::BelowExistentialDeposit
		);
		assert_noop!(transfer(ALICE, BOB, cid(), Balance::ZERO), Error::<Test>::ZeroAmount);
		assert_noop!(
			CommunityBalances::do_issue(cid(), &BOB, Balance::ZERO),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			CommunityBalances::do_issue(cid(), &BOB, U64F64::MAX),
			Error::<Test>::Overflow
		);
		assert_noop!(
			CommunityBalances::set_fee_conversion_factor(RuntimeOrigin::signed(ALICE), units(2)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn fee_conversion_factor_is_set_by_root() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::set_fee_conversion_factor(RuntimeOrigin::root(), units(2)));
		assert_eq!(FeeConversionFactor::<Test>::get(), units(2));
		assert_eq!(events(), vec![Event::FeeConversionFactorSet { factor: units(2) }]);
		// 0.0005 native at income 20 and factor 2: 0.02.
		assert_eq!(
			CommunityBalances::fee_in_community_currency(NativeUnit::get() / 2000, cid()),
			Some(amount("0.02"))
		);
		assert_eq!(CommunityBalances::fee_in_community_currency(1, unknown()), None);
	});
}

#[test]
fn balances_of_lists_every_community_with_an_account() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(3)));
		assert_ok!(CommunityBalances::do_issue(cid2(), &ALICE, units(4)));
		assert_ok!(CommunityBalances::do_issue(cid2(), &BOB, units(5)));
		let mut all = CommunityBalances::balances_of(&ALICE, None, 10).items;
		all.sort();
		let mut expected = vec![(cid(), units(3)), (cid2(), units(4))];
		expected.sort();
		assert_eq!(all, expected);
		assert_eq!(CommunityBalances::balances_of(&CHARLIE, None, 10).items, vec![]);
		// A page scans `limit` communities: Bob's one account is on one of two pages of one,
		// and the cursor names the community scanned, whether Bob has an account there or not.
		let first = CommunityBalances::balances_of(&BOB, None, 1);
		let after = first.next.expect("two communities, pages of one");
		let second = CommunityBalances::balances_of(&BOB, Some(after), 1);
		assert_eq!(second.next, None);
		assert_eq!([first.items, second.items].concat(), vec![(cid2(), units(5))]);
	});
}

#[test]
fn purging_removes_balances_in_bounded_steps() {
	ExtBuilder.build_and_execute(|| {
		for who in 10..17u64 {
			assert_ok!(CommunityBalances::do_issue(cid(), &who, units(1)));
		}
		assert_ok!(CommunityBalances::do_issue(cid2(), &ALICE, units(1)));
		System::reset_events();
		let weight =
			<CommunityBalances as pallet_communities::OnCommunityPurged>::on_community_purged(cid());
		assert_eq!(weight, <TestWeights as WeightInfo>::start_purge());
		assert_eq!(TotalIssuance::<Test>::get(cid()), BalanceEntry::default());
		// Recreated with the same identifier while purging: unusable until done.
		assert_noop!(
			CommunityBalances::do_issue(cid(), &ALICE, units(1)),
			Error::<Test>::CommunityBeingPurged
		);
		// Room for 3 accounts per step (10 + 5 per account, both components).
		let limit = Weight::from_parts(25, 25);
		assert_eq!(
			CommunityBalances::purge_step(limit),
			<TestWeights as WeightInfo>::purge_accounts(3)
		);
		assert_eq!(Balances::<Test>::iter_prefix(cid()).count(), 4);
		CommunityBalances::purge_step(limit);
		assert_eq!(
			CommunityBalances::purge_step(limit),
			<TestWeights as WeightInfo>::purge_accounts(1)
		);
		assert_eq!(Balances::<Test>::iter_prefix(cid()).count(), 0);
		assert!(!Purging::<Test>::contains_key(cid()));
		assert!((10..17u64).all(|who| System::sufficients(&who) == 0));
		assert_eq!(
			events(),
			vec![
				Event::PurgeStarted { cid: cid() },
				Event::AccountsPurged { cid: cid(), count: 3 },
				Event::AccountsPurged { cid: cid(), count: 3 },
				Event::AccountsPurged { cid: cid(), count: 1 },
				Event::PurgeCompleted { cid: cid() },
			]
		);
		// Nothing left to do costs one read; too little room does nothing.
		assert_eq!(
			CommunityBalances::purge_step(limit),
			<TestWeights as WeightInfo>::purge_accounts(0)
		);
		assert_eq!(CommunityBalances::purge_step(Weight::from_parts(5, 5)), Weight::zero());
		// The other community is untouched, and the recreated one works again.
		assert_eq!(CommunityBalances::balance(cid2(), &ALICE), units(1));
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(1)));
	});
}

#[test]
fn purging_runs_in_on_idle() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(CommunityBalances::do_issue(cid(), &ALICE, units(1)));
		<CommunityBalances as pallet_communities::OnCommunityPurged>::on_community_purged(cid());
		let used = <CommunityBalances as Hooks<u64>>::on_idle(1, Weight::from_parts(1_000, 1_000));
		assert_eq!(used, <TestWeights as WeightInfo>::purge_accounts(1));
		assert!(!Purging::<Test>::contains_key(cid()));
		assert_eq!(System::sufficients(&ALICE), 0);
	});
}

#[derive(Clone, Debug)]
enum Op {
	Issue(u64, u64),
	Burn(u64, u64),
	Transfer(u64, u64, u64),
	TransferAll(u64, u64),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let who = 1u64..5;
	// Amounts in millionths, so that some transfers leave dust below the deposit.
	let amount = prop_oneof![1u64..20, 1_000u64..50_000_000];
	prop_oneof![
		(who.clone(), amount.clone()).prop_map(|(w, a)| Op::Issue(w, a)),
		(who.clone(), amount.clone()).prop_map(|(w, a)| Op::Burn(w, a)),
		(who.clone(), who.clone(), amount).prop_map(|(f, t, a)| Op::Transfer(f, t, a)),
		(who.clone(), who).prop_map(|(f, t)| Op::TransferAll(f, t)),
		(0u64..YEAR).prop_map(Op::Advance),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]
	/// Whatever happens, the total is the sum of the balances (within rounding), every stored
	/// account holds a sufficient reference, and failed operations change nothing.
	#[test]
	fn the_ledger_stays_consistent(ops in prop::collection::vec(op(), 1..40)) {
		ExtBuilder.build().execute_with(|| {
			for op in ops {
				let micro = |a: u64| U64F64::from_rational(a.into(), 1_000_000).unwrap();
				let _ = match op {
					Op::Issue(w, a) => CommunityBalances::do_issue(cid(), &w, micro(a)),
					Op::Burn(w, a) => CommunityBalances::do_burn(cid(), &w, micro(a), false),
					Op::Transfer(f, t, a) => transfer(f, t, cid(), micro(a)),
					Op::TransferAll(f, t) =>
						CommunityBalances::transfer_all(RuntimeOrigin::signed(f), t, cid()),
					Op::Advance(ms) => {
						advance(ms);
						Ok(())
					},
				};
				CommunityBalances::do_try_state().unwrap();
				for who in 1u64..5 {
					let has = Balances::<Test>::contains_key(cid(), who);
					prop_assert_eq!(System::sufficients(&who), u32::from(has));
				}
			}
			Ok(())
		})?;
	}
}
