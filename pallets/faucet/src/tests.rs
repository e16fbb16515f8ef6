// SPDX-License-Identifier: GPL-3.0-or-later
use crate::{mock::*, *};
use frame::{testing_prelude::*, traits::fungible::InspectHold};

fn create(
	creator: u64,
	n: &str,
	amount: u128,
	whitelist: Option<Vec<CommunityIdentifier>>,
	drip: u128,
) -> DispatchResult {
	Faucet::create_faucet(
		RuntimeOrigin::signed(creator),
		name(n),
		amount,
		whitelist.map(|w| w.try_into().unwrap()),
		drip,
	)
}

fn account(n: &str) -> u64 {
	Faucet::faucet_account(n.as_bytes())
}

fn held(who: u64) -> u128 {
	Balances::balance_on_hold(&HoldReason::FaucetDeposit.into(), &who)
}

fn drip(who: u64, n: &str, cid: CommunityIdentifier, cindex: CeremonyIndex) -> DispatchResult {
	Faucet::drip(RuntimeOrigin::signed(who), account(n), cid, cindex)
}

#[test]
fn a_person_drips_once_per_attendance() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(create(1, "welcome", 1_000, None, 100));
		let deposit = Faucet::faucet_deposit();
		assert_eq!(held(1), deposit);
		assert_eq!(Balances::free_balance(account("welcome")), 1_000);
		assert_eq!(Balances::free_balance(1), ENDOWMENT - 1_000 - deposit);
		assert!(matches!(
			events()[0],
			Event::FaucetCreated { amount: 1_000, drip_amount: 100, .. }
		));
		attended(7, cid(), 4);
		attended(7, cid2(), 5);
		assert_ok!(drip(7, "welcome", cid(), 4));
		assert_eq!(Balances::free_balance(7), ENDOWMENT + 100);
		assert_eq!(
			events().last(),
			Some(&Event::Dripped { faucet: account("welcome"), to: 7, amount: 100 })
		);
		// The same attendance again: refused by the commitments.
		assert_noop!(
			drip(7, "welcome", cid(), 4),
			pallet_reputation_commitments::Error::<Test>::AlreadyCommitted
		);
		// Another attendance of the same person draws again.
		assert_ok!(drip(7, "welcome", cid2(), 5));
		// Somebody without an attendance gets nothing.
		assert_noop!(
			drip(8, "welcome", cid(), 4),
			pallet_reputation_commitments::Error::<Test>::AttendanceNotVerified
		);
	});
}

#[test]
fn drip_of_a_community_off_the_whitelist_fails_with_community_not_whitelisted() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(create(1, "local", 1_000, Some(vec![cid()]), 100));
		attended(7, cid2(), 4);
		assert_noop!(drip(7, "local", cid2(), 4), Error::<Test>::CommunityNotWhitelisted);
	});
}

#[test]
fn drip_from_an_empty_faucet_fails_with_faucet_empty() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(create(1, "small", 150, None, 100));
		attended(7, cid(), 4);
		attended(8, cid(), 4);
		assert_ok!(drip(7, "small", cid(), 4));
		assert_noop!(drip(8, "small", cid(), 4), Error::<Test>::FaucetEmpty);
	});
}

#[test]
fn drip_from_no_faucet_fails_with_faucet_not_found() {
	ExtBuilder.build_and_execute(|| {
		attended(7, cid(), 4);
		assert_noop!(drip(7, "nothing", cid(), 4), Error::<Test>::FaucetNotFound);
	});
}

#[test]
fn create_faucet_checks_its_arguments() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			create(1, "a", 1_000, Some(vec![unknown()]), 100),
			Error::<Test>::CommunityNotFound
		);
		assert_noop!(
			create(1, "a", 1_000, Some(vec![cid(), cid2(), cid()]), 100),
			Error::<Test>::DuplicateWhitelistEntry
		);
		assert_noop!(create(1, "a", 1_000, None, 1), Error::<Test>::DripTooSmall);
		assert_noop!(create(1, "a", 99, None, 100), Error::<Test>::AmountTooSmall);
		assert_noop!(create(99, "a", 1_000, None, 100), TokenError::FundsUnavailable);
		assert_ok!(create(1, "a", 1_000, None, 100));
		assert_noop!(create(2, "a", 1_000, None, 100), Error::<Test>::FaucetAlreadyExists);
	});
}

#[test]
fn close_faucet_returns_the_rest_and_the_deposit_to_the_creator() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(create(1, "f", 250, None, 100));
		assert_noop!(
			Faucet::close_faucet(RuntimeOrigin::signed(2), account("f")),
			Error::<Test>::NotCreator
		);
		assert_noop!(
			Faucet::close_faucet(RuntimeOrigin::signed(1), account("f")),
			Error::<Test>::FaucetNotEmpty
		);
		attended(7, cid(), 4);
		assert_ok!(drip(7, "f", cid(), 4));
		assert_ok!(Faucet::close_faucet(RuntimeOrigin::signed(1), account("f")));
		assert_eq!(Balances::free_balance(1), ENDOWMENT - 100);
		assert_eq!(held(1), 0);
		assert!(events().contains(&Event::FaucetClosed { faucet: account("f"), remainder: 150 }));
		assert_noop!(
			Faucet::close_faucet(RuntimeOrigin::signed(1), account("f")),
			Error::<Test>::FaucetNotFound
		);
	});
}

#[test]
fn dissolve_faucet_by_root_pays_the_beneficiary() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(create(1, "f", 1_000, None, 100));
		assert_noop!(
			Faucet::dissolve_faucet(RuntimeOrigin::signed(1), account("f"), 9),
			DispatchError::BadOrigin
		);
		assert_ok!(Faucet::dissolve_faucet(RuntimeOrigin::root(), account("f"), 9));
		assert_eq!(Balances::free_balance(9), ENDOWMENT + 1_000);
		assert_eq!(held(1), 0);
		assert!(events().contains(&Event::FaucetDissolved {
			faucet: account("f"),
			beneficiary: 9,
			remainder: 1_000
		}));
		assert_noop!(
			Faucet::dissolve_faucet(RuntimeOrigin::root(), account("f"), 9),
			Error::<Test>::FaucetNotFound
		);
		// Its purpose takes no more commitments.
		assert_eq!(pallet_reputation_commitments::Retiring::<Test>::iter().count(), 1);
	});
}

#[test]
fn faucets_are_read_in_pages_with_their_balances() {
	ExtBuilder.build_and_execute(|| {
		for n in ["a", "b", "c"] {
			assert_ok!(create(1, n, 1_000, None, 100));
		}
		let page = Faucet::faucets(None, 2);
		assert_eq!(page.items.len(), 2);
		assert!(page.items.iter().all(|(_, _, balance)| *balance == 1_000));
		let rest = Faucet::faucets(page.next, 2);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
	});
}
