// SPDX-License-Identifier: GPL-3.0-or-later
//! Tests: every call and error, offering ids, bounded deletion, purging, the runtime API reads.

use crate::{mock::*, *};
use convene_primitives::page::Page;
use frame::testing_prelude::*;
use pallet_communities::OnCommunityPurged;

const ALICE: u64 = 1;
const BOB: u64 = 2;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn create_update_and_delete_a_business() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_eq!(
			Businesses::<Test>::get(cid(), ALICE),
			Some(Business { url: url('a'), next_oid: 1, offerings: 0 })
		);
		assert_ok!(Bazaar::update_business(signed(ALICE), cid(), url('b')));
		assert_eq!(
			Bazaar::businesses(cid(), None, 10).items,
			vec![(ALICE, Business { url: url('b'), next_oid: 1, offerings: 0 })]
		);
		// The same account may have a business in another community.
		assert_ok!(Bazaar::create_business(signed(ALICE), cid2(), url('c')));
		assert_ok!(Bazaar::delete_business(signed(ALICE), cid()));
		assert_eq!(Businesses::<Test>::get(cid(), ALICE), None);
		assert_eq!(
			events(),
			vec![
				Event::BusinessCreated { cid: cid(), who: ALICE },
				Event::BusinessUpdated { cid: cid(), who: ALICE },
				Event::BusinessCreated { cid: cid2(), who: ALICE },
				Event::BusinessDeleted { cid: cid(), who: ALICE },
			]
		);
	});
}

#[test]
fn offerings_count_up_from_one_and_are_never_reused() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('1')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('2')));
		assert_ok!(Bazaar::delete_offering(signed(ALICE), cid(), 2));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('3')));
		assert_eq!(Bazaar::business_offerings(cid(), ALICE), vec![(1, url('1')), (3, url('3'))]);
		assert_ok!(Bazaar::update_offering(signed(ALICE), cid(), 3, url('4')));
		assert_eq!(Offerings::<Test>::get((cid(), ALICE, 3)), Some(url('4')));
		assert_eq!(Businesses::<Test>::get(cid(), ALICE).unwrap().offerings, 2);
		assert_eq!(
			events()[1..],
			[
				Event::OfferingCreated { cid: cid(), who: ALICE, oid: 1 },
				Event::OfferingCreated { cid: cid(), who: ALICE, oid: 2 },
				Event::OfferingDeleted { cid: cid(), who: ALICE, oid: 2 },
				Event::OfferingCreated { cid: cid(), who: ALICE, oid: 3 },
				Event::OfferingUpdated { cid: cid(), who: ALICE, oid: 3 },
			]
		);
	});
}

#[test]
fn offerings_in_a_community_list_every_business() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_ok!(Bazaar::create_business(signed(BOB), cid(), url('b')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('1')));
		assert_ok!(Bazaar::create_offering(signed(BOB), cid(), url('2')));
		assert_ok!(Bazaar::create_offering(signed(BOB), cid(), url('3')));
		let mut all = Bazaar::offerings(cid(), None, 10).items;
		all.sort();
		assert_eq!(all, vec![(ALICE, 1, url('1')), (BOB, 1, url('2')), (BOB, 2, url('3'))]);
		assert_eq!(Bazaar::offerings(cid2(), None, 10), Page::empty());
		// Pages of two, then one: every offering once, the cursor naming the last one read.
		let first = Bazaar::offerings(cid(), None, 2);
		let (who, oid, _) = first.items[1].clone();
		assert_eq!(first.next, Some((who, oid)));
		let second = Bazaar::offerings(cid(), first.next, 2);
		assert_eq!(second.next, None);
		let mut paged = [first.items, second.items].concat();
		paged.sort();
		assert_eq!(paged, all);
		// Businesses likewise.
		let first = Bazaar::businesses(cid(), None, 1);
		let second = Bazaar::businesses(cid(), first.next, 1);
		assert_eq!((first.next.is_some(), second.next), (true, None));
		let mut owners: Vec<_> =
			[first.items, second.items].concat().into_iter().map(|b| b.0).collect();
		owners.sort();
		assert_eq!(owners, vec![ALICE, BOB]);
	});
}

#[test]
fn deleting_a_business_removes_its_offerings_and_charges_for_them() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_ok!(Bazaar::create_business(signed(BOB), cid(), url('b')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('1')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('2')));
		assert_ok!(Bazaar::create_offering(signed(BOB), cid(), url('3')));
		let info = Bazaar::delete_business(signed(ALICE), cid()).unwrap();
		assert_eq!(info.actual_weight, Some(<TestWeights as WeightInfo>::delete_business(2)));
		assert_eq!(Bazaar::business_offerings(cid(), ALICE), vec![]);
		assert_eq!(Bazaar::business_offerings(cid(), BOB), vec![(1, url('3'))]);
	});
}

#[test]
fn errors() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Bazaar::create_business(signed(ALICE), unknown(), url('a')),
			Error::<Test>::CommunityNotFound
		);
		let not_v0: IpfsCid = b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"[..46]
			.to_vec()
			.try_into()
			.unwrap();
		assert_noop!(
			Bazaar::create_business(signed(ALICE), cid(), not_v0.clone()),
			Error::<Test>::InvalidContentId
		);
		assert_noop!(
			Bazaar::update_business(signed(ALICE), cid(), url('a')),
			Error::<Test>::BusinessNotFound
		);
		assert_noop!(
			Bazaar::delete_business(signed(ALICE), cid()),
			Error::<Test>::BusinessNotFound
		);
		assert_noop!(
			Bazaar::create_offering(signed(ALICE), cid(), url('1')),
			Error::<Test>::BusinessNotFound
		);
		assert_noop!(
			Bazaar::update_offering(signed(ALICE), cid(), 1, url('1')),
			Error::<Test>::BusinessNotFound
		);
		assert_noop!(
			Bazaar::delete_offering(signed(ALICE), cid(), 1),
			Error::<Test>::BusinessNotFound
		);
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_noop!(
			Bazaar::create_business(signed(ALICE), cid(), url('b')),
			Error::<Test>::BusinessExists
		);
		assert_noop!(
			Bazaar::update_business(signed(ALICE), cid(), not_v0.clone()),
			Error::<Test>::InvalidContentId
		);
		assert_noop!(
			Bazaar::create_offering(signed(ALICE), cid(), not_v0.clone()),
			Error::<Test>::InvalidContentId
		);
		assert_noop!(
			Bazaar::update_offering(signed(ALICE), cid(), 1, url('1')),
			Error::<Test>::OfferingNotFound
		);
		assert_noop!(
			Bazaar::delete_offering(signed(ALICE), cid(), 1),
			Error::<Test>::OfferingNotFound
		);
		for c in ['1', '2', '3'] {
			assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url(c)));
		}
		assert_noop!(
			Bazaar::create_offering(signed(ALICE), cid(), url('4')),
			Error::<Test>::TooManyOfferings
		);
		assert_noop!(
			Bazaar::update_offering(signed(ALICE), cid(), 1, not_v0),
			Error::<Test>::InvalidContentId
		);
		// Every id used up (a business would need four billion offerings to get here).
		assert_ok!(Bazaar::delete_offering(signed(ALICE), cid(), 3));
		Businesses::<Test>::mutate(cid(), ALICE, |b| b.as_mut().unwrap().next_oid = u32::MAX);
		assert_noop!(
			Bazaar::create_offering(signed(ALICE), cid(), url('5')),
			Error::<Test>::OfferingIdsExhausted
		);
		assert_noop!(
			Bazaar::create_business(RuntimeOrigin::none(), cid(), url('a')),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn purging_removes_businesses_in_bounded_steps() {
	ExtBuilder.build_and_execute(|| {
		for who in 10..15u64 {
			assert_ok!(Bazaar::create_business(signed(who), cid(), url('a')));
			assert_ok!(Bazaar::create_offering(signed(who), cid(), url('1')));
		}
		assert_ok!(Bazaar::create_business(signed(ALICE), cid2(), url('a')));
		System::reset_events();
		assert_eq!(Bazaar::on_community_purged(cid()), <TestWeights as WeightInfo>::start_purge());
		assert_eq!(Bazaar::max_weight(), <TestWeights as WeightInfo>::start_purge());
		assert_noop!(
			Bazaar::create_business(signed(ALICE), cid(), url('a')),
			Error::<Test>::CommunityBeingPurged
		);
		// 5 fixed + 13 per business (10 + MaxOfferings): room for two per step.
		let limit = Weight::from_parts(5 + 2 * 13, 0);
		assert_eq!(Bazaar::purge_step(limit), Weight::from_parts(5 + 2 * 11, 0));
		assert_eq!(Bazaar::businesses(cid(), None, 10).items.len(), 3);
		Bazaar::purge_step(limit);
		Bazaar::purge_step(limit);
		assert!(Bazaar::businesses(cid(), None, 10).items.is_empty());
		assert_eq!(Offerings::<Test>::iter_prefix((cid(),)).count(), 0);
		assert!(!Purging::<Test>::contains_key(cid()));
		assert_eq!(
			events(),
			vec![
				Event::PurgeStarted { cid: cid() },
				Event::BusinessesPurged { cid: cid(), count: 2 },
				Event::BusinessesPurged { cid: cid(), count: 2 },
				Event::BusinessesPurged { cid: cid(), count: 1 },
				Event::PurgeCompleted { cid: cid() },
			]
		);
		assert_eq!(Bazaar::purge_step(limit), <TestWeights as WeightInfo>::purge_step());
		assert_eq!(Bazaar::purge_step(Weight::from_parts(4, 0)), Weight::zero());
		assert_eq!(Bazaar::businesses(cid2(), None, 10).items.len(), 1);
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
	});
}

/// A stranger who fills the bazaar pays for every business and offering, and gets it back
/// when they go: by deletion, or with the community.
#[test]
fn businesses_and_offerings_hold_deposits_until_they_go() {
	ExtBuilder.build_and_execute(|| {
		let (business, offering) = (Bazaar::business_deposit(), Bazaar::offering_deposit());
		// Sized from the bytes stored: about 160 bytes for a business, 110 for an offering.
		assert!((100 + 2 * 120..100 + 2 * 200).contains(&business), "{business}");
		assert!((100 + 2 * 80..100 + 2 * 140).contains(&offering), "{offering}");
		assert_noop!(
			Bazaar::create_business(signed(99), cid(), url('a')),
			TokenError::FundsUnavailable
		);
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('1')));
		assert_ok!(Bazaar::create_offering(signed(ALICE), cid(), url('2')));
		assert_eq!(held(ALICE), business + 2 * offering);
		assert_eq!(Deposits::<Test>::get(cid(), ALICE), business + 2 * offering);
		assert_ok!(Bazaar::delete_offering(signed(ALICE), cid(), 2));
		assert_eq!(held(ALICE), business + offering);
		assert_ok!(Bazaar::delete_business(signed(ALICE), cid()));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), ENDOWMENT);
		assert_eq!(
			deposit_events(),
			vec![
				Event::DepositHeld { cid: cid(), who: ALICE, amount: business },
				Event::DepositHeld { cid: cid(), who: ALICE, amount: offering },
				Event::DepositHeld { cid: cid(), who: ALICE, amount: offering },
				Event::DepositReleased { cid: cid(), who: ALICE, amount: offering },
				Event::DepositReleased { cid: cid(), who: ALICE, amount: business + offering },
			]
		);
		// A purge gives the deposits back too.
		assert_ok!(Bazaar::create_business(signed(BOB), cid(), url('b')));
		assert_ok!(Bazaar::create_offering(signed(BOB), cid(), url('1')));
		Bazaar::on_community_purged(cid());
		Bazaar::purge_step(Weight::MAX);
		assert_eq!(held(BOB), 0);
		assert_eq!(Deposits::<Test>::iter().count(), 0);
	});
}

#[test]
fn purging_runs_in_on_idle() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Bazaar::create_business(signed(ALICE), cid(), url('a')));
		Bazaar::on_community_purged(cid());
		let used = <Bazaar as Hooks<u64>>::on_idle(1, Weight::from_parts(1_000, 1_000));
		assert_eq!(used, Weight::from_parts(5 + 10, 0));
		assert!(!Purging::<Test>::contains_key(cid()));
	});
}
