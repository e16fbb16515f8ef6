// SPDX-License-Identifier: GPL-3.0-or-later
use crate::{mock::*, *};
use frame::{testing_prelude::*, traits::fungible::Mutate};

fn account(treasury: Treasury) -> u64 {
	Treasuries::account_of(treasury)
}

fn cc(cid: CommunityIdentifier, who: u64) -> U64F64 {
	<CommunityBalances as CommunityCurrency<u64>>::balance(cid, &who)
}

#[test]
fn every_treasury_has_its_own_account() {
	ExtBuilder.build_and_execute(|| {
		let accounts = [account(None), account(Some(cid())), account(Some(cid2()))];
		assert_ne!(accounts[0], accounts[1]);
		assert_ne!(accounts[1], accounts[2]);
	});
}

#[test]
fn spend_native_pays_and_records() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Balances::mint_into(&account(Some(cid())), 1_000));
		assert_ok!(Treasuries::spend_native(RuntimeOrigin::root(), Some(cid()), 7, 300));
		assert_eq!(Balances::free_balance(7), ENDOWMENT + 300);
		assert_eq!(
			events(),
			vec![Event::SpentNative { treasury: Some(cid()), to: 7, amount: 300 }]
		);
		let page = Treasuries::history(Some(cid()), None, 10);
		assert_eq!(page.items[0].1.change, TreasuryChange::SpentNative { to: 7, amount: 300 });
		// The treasury stays alive.
		assert_noop!(
			Treasuries::spend_native(RuntimeOrigin::root(), Some(cid()), 7, 700),
			TokenError::NotExpendable
		);
		// The global treasury.
		assert_ok!(Balances::mint_into(&account(None), 1_000));
		assert_ok!(Treasuries::spend_native(RuntimeOrigin::root(), None, 8, 10));
	});
}

#[test]
fn spend_native_from_nothing_fails_with_the_tokens_error() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Treasuries::spend_native(RuntimeOrigin::root(), None, 7, 300),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn spend_by_a_signed_account_fails_with_bad_origin() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Treasuries::spend_native(RuntimeOrigin::signed(1), None, 7, 300),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Treasuries::spend_community_currency(RuntimeOrigin::signed(1), cid(), 7, units(1)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Treasuries::set_issuance_share(RuntimeOrigin::signed(1), cid(), Perbill::zero()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn spend_of_nothing_fails_with_zero_amount() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Treasuries::spend_native(RuntimeOrigin::root(), None, 7, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Treasuries::spend_community_currency(RuntimeOrigin::root(), cid(), 7, U64F64::ZERO),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn spend_from_an_unknown_community_fails_with_community_not_found() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Treasuries::spend_native(RuntimeOrigin::root(), Some(unknown()), 7, 1),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(
			Treasuries::spend_community_currency(RuntimeOrigin::root(), unknown(), 7, units(1)),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(
			Treasuries::set_issuance_share(RuntimeOrigin::root(), unknown(), Perbill::zero()),
			Error::<Test>::CommunityNotFound
		);
	});
}

#[test]
fn the_issuance_share_funds_the_treasury_and_is_spent_by_vote() {
	ExtBuilder.build_and_execute(|| {
		// No share: nothing.
		Treasuries::fund_from_issuance(cid(), 1, units(60));
		assert_eq!(cc(cid(), account(Some(cid()))), U64F64::ZERO);
		assert_ok!(Treasuries::set_issuance_share(
			RuntimeOrigin::root(),
			cid(),
			Perbill::from_percent(10)
		));
		assert!(events()
			.contains(&Event::IssuanceShareSet { cid: cid(), share: Perbill::from_percent(10) }));
		Treasuries::fund_from_issuance(cid(), 2, units(60));
		assert_eq!(cc(cid(), account(Some(cid()))), units(6));
		assert!(events().contains(&Event::TreasuryFunded {
			cid: cid(),
			cindex: 2,
			amount: units(6)
		}));
		assert_ok!(Treasuries::spend_community_currency(RuntimeOrigin::root(), cid(), 7, units(2)));
		assert_eq!(cc(cid(), 7), units(2));
		assert_eq!(cc(cid(), account(Some(cid()))), units(4));
		let history: Vec<_> = Treasuries::history(Some(cid()), None, 10)
			.items
			.into_iter()
			.map(|(_, e)| e.change)
			.collect();
		assert_eq!(
			history,
			vec![
				TreasuryChange::SpentCommunityCurrency { to: 7, amount: units(2) },
				TreasuryChange::IssuanceShare { cindex: 2, amount: units(6) },
			]
		);
		// Back to none.
		assert_ok!(Treasuries::set_issuance_share(RuntimeOrigin::root(), cid(), Perbill::zero()));
		assert_eq!(IssuanceShare::<Test>::get(cid()), None);
	});
}

#[test]
fn spend_community_currency_beyond_the_balance_fails() {
	ExtBuilder.build_and_execute(|| {
		assert!(Treasuries::spend_community_currency(RuntimeOrigin::root(), cid(), 7, units(1))
			.is_err_and(|e| e != DispatchError::BadOrigin));
	});
}

#[test]
fn set_issuance_share_above_the_maximum_fails_with_share_too_high() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Treasuries::set_issuance_share(RuntimeOrigin::root(), cid(), Perbill::from_percent(51)),
			Error::<Test>::ShareTooHigh
		);
	});
}

#[test]
fn a_share_too_small_to_issue_is_reported() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Treasuries::set_issuance_share(
			RuntimeOrigin::root(),
			cid(),
			Perbill::from_parts(1)
		));
		// A billionth of 1 unit is below the existential deposit of an empty account.
		Treasuries::fund_from_issuance(cid(), 3, units(1));
		let amount = Treasuries::share_of(units(1), Perbill::from_parts(1));
		assert!(events().contains(&Event::TreasuryFundingFailed { cid: cid(), cindex: 3, amount }));
		assert_eq!(HistoryNext::<Test>::get(Some(cid())), 0);
	});
}

#[test]
fn fees_go_to_the_treasury() {
	ExtBuilder.build_and_execute(|| {
		Treasuries::fund_from_fee(cid(), units(1));
		assert_eq!(cc(cid(), account(Some(cid()))), units(1));
	});
}

#[test]
fn history_keeps_the_last_entries_newest_first() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Balances::mint_into(&account(None), 1_000));
		for amount in 1..=5 {
			assert_ok!(Treasuries::spend_native(RuntimeOrigin::root(), None, 7, amount));
		}
		let page = Treasuries::history(None, None, 2);
		let seqs: Vec<u64> = page.items.iter().map(|(seq, _)| *seq).collect();
		assert_eq!(seqs, vec![4, 3]);
		assert_eq!(page.next, Some(3));
		let rest = Treasuries::history(None, page.next, 10);
		assert_eq!(rest.items.iter().map(|(seq, _)| *seq).collect::<Vec<_>>(), vec![2]);
		assert_eq!(History::<Test>::iter_prefix(None::<CommunityIdentifier>).count(), 3);
	});
}
