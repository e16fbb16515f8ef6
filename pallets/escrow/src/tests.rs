// SPDX-License-Identifier: GPL-3.0-or-later
//! Tests of both escrow instances: the cases of `spec/escrow-channels.md` §5.10, each run with
//! `try_state` afterwards (`mock::test`).

use crate::{mock::*, *};
use convene_primitives::page::Page;
use frame::{
	deps::sp_runtime::testing::TestSignature,
	testing_prelude::*,
	traits::fungible::{Inspect, InspectHold},
};

fn open(value: u128, expiration: u64) -> DispatchResult {
	Escrow::open_channel(RuntimeOrigin::signed(ALICE), terms(value, expiration))
}

fn claim(actual: u128, planned: u128, signature: TestSignature, mode: ClaimMode) -> DispatchResult {
	Escrow::claim(RuntimeOrigin::signed(BOB), 0, actual, planned, signature, mode)
}

fn held(who: u64) -> u128 {
	<Balances as InspectHold<u64>>::total_balance_on_hold(&who)
}

fn free(who: u64) -> u128 {
	<Balances as Inspect<u64>>::balance(&who)
}

#[test]
fn channel_lists_read_page_by_page() {
	ExtBuilder.build_and_execute(|| {
		for _ in 0..3 {
			assert_ok!(open(10, 10));
		}
		// One by one, the cursor naming the last channel read: every channel once.
		let (mut ids, mut after, mut pages) = (Vec::new(), None, 0);
		loop {
			let page = Escrow::channels_of_recipient(BOB, after, 1);
			assert_eq!(page.items.len(), 1);
			pages += 1;
			ids.extend(page.items.iter().map(|(id, channel, escrowed)| {
				assert_eq!((channel.recipient, *escrowed), (BOB, 10));
				*id
			}));
			match page.next {
				Some(id) => after = Some(id),
				None => break,
			}
		}
		ids.sort();
		assert_eq!((ids, pages), (vec![0, 1, 2], 3));
		let first = Escrow::channels_of_sender(ALICE, None, 2);
		let second = Escrow::channels_of_sender(ALICE, first.next, 2);
		assert_eq!((first.items.len(), second.items.len(), second.next), (2, 1, None));
	});
}

#[test]
fn open_holds_the_funds() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		assert_eq!(held(ALICE), 100);
		assert_eq!(free(ALICE), 900);
		assert_eq!(NextChannelId::<Test>::get(), 1);
		let (channel, escrowed) = Escrow::channel_info(0).unwrap();
		assert_eq!(
			Escrow::channels_of_sender(ALICE, None, 10),
			Page { items: vec![(0, channel, escrowed)], next: None }
		);
		assert_eq!(Escrow::channels_of_recipient(BOB, None, 10).items.len(), 1);
		assert_eq!(Escrow::channels_of_recipient(ALICE, None, 10), Page::empty());
		assert_eq!(Escrow::channel_info(0).map(|(c, held)| (c.value, held)), Some((100, 100)));
		assert_eq!(
			events(),
			vec![Event::ChannelOpened {
				channel_id: 0,
				sender: ALICE,
				funder: ALICE,
				signer: SIGNER,
				recipient: BOB,
				group_id: [0; 32],
				asset: (),
				value: 100,
				expiration: 10
			}]
		);
		assert_noop!(open(100, 5), Error::<Test>::ExpirationTooSoon);
		assert_noop!(open(9, 10), Error::<Test>::ValueTooLow);
		assert!(open(5000, 10).is_err());
		assert_noop!(
			Escrow::open_channel(
				RuntimeOrigin::signed(ALICE),
				ChannelTerms { recipient: ALICE, ..terms(100, 10) }
			),
			Error::<Test>::SelfChannel
		);
		assert_ok!(open(10, 10));
		assert_ok!(open(10, 10));
		assert_noop!(open(10, 10), Error::<Test>::TooManyChannels);
	});
}

#[test]
fn claims_keep_open_or_close_and_refund() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		let issuance = Balances::total_issuance();
		System::set_block_number(2);
		assert_ok!(claim(30, 30, cheque(SIGNER, 0, 0, 30), ClaimMode::KeepOpen));
		assert_eq!((free(BOB), held(ALICE)), (1030, 70));
		let channel = Channels::<Test>::get(0).unwrap();
		assert_eq!((channel.nonce, channel.value, channel.expiration), (1, 70, 10));
		assert_eq!(channel.epoch_start, 2);
		// The same cheque again: the nonce moved.
		assert_noop!(
			claim(30, 30, cheque(SIGNER, 0, 0, 30), ClaimMode::KeepOpen),
			Error::<Test>::BadSignature
		);
		// The sender may sign too; close and refund.
		System::set_block_number(3);
		assert_ok!(claim(20, 25, cheque(ALICE, 0, 1, 25), ClaimMode::CloseAndRefund));
		assert_eq!((free(BOB), held(ALICE), free(ALICE)), (1050, 0, 950));
		assert_eq!(
			events().last(),
			Some(&Event::Claimed {
				channel_id: 0,
				recipient: BOB,
				nonce: 2,
				paid: 20,
				authorised: 25,
				refunded: 50,
				remaining: 0
			})
		);
		assert_eq!(Channels::<Test>::get(0).unwrap().expiration, 3);
		// Reusable through extend and add_funds.
		assert_ok!(Escrow::extend(RuntimeOrigin::signed(ALICE), 0, 20));
		assert_ok!(Escrow::add_funds(RuntimeOrigin::signed(ALICE), 0, 40));
		assert_ok!(claim(40, 40, cheque(SIGNER, 0, 2, 40), ClaimMode::KeepOpen));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn cheques_are_bound_to_their_channel_nonce_and_signer() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		assert_ok!(open(100, 10));
		let mode = ClaimMode::KeepOpen;
		// Another channel's cheque, a stranger's, the recipient's own, a wrong nonce.
		assert_noop!(claim(10, 10, cheque(SIGNER, 1, 0, 10), mode), Error::<Test>::BadSignature);
		assert_noop!(claim(10, 10, cheque(CHARLIE, 0, 0, 10), mode), Error::<Test>::BadSignature);
		assert_noop!(claim(10, 10, cheque(BOB, 0, 0, 10), mode), Error::<Test>::BadSignature);
		assert_noop!(claim(10, 10, cheque(SIGNER, 0, 1, 10), mode), Error::<Test>::BadSignature);
		// Another amount than signed.
		assert_noop!(claim(10, 11, cheque(SIGNER, 0, 0, 10), mode), Error::<Test>::BadSignature);
		// A truncated or padded payload.
		let TestSignature(s, mut bytes) = cheque(SIGNER, 0, 0, 10);
		bytes.push(0);
		assert_noop!(
			claim(10, 10, TestSignature(s, bytes.clone()), mode),
			Error::<Test>::BadSignature
		);
		bytes.truncate(bytes.len() - 2);
		assert_noop!(claim(10, 10, TestSignature(s, bytes), mode), Error::<Test>::BadSignature);
		// Only the recipient claims.
		assert_noop!(
			Escrow::claim(
				RuntimeOrigin::signed(CHARLIE),
				0,
				10,
				10,
				cheque(SIGNER, 0, 0, 10),
				mode
			),
			Error::<Test>::NotRecipient
		);
		// `<Bytes>`-wrapped cheques are accepted too.
		let TestSignature(s, bytes) = cheque(SIGNER, 0, 0, 10);
		let wrapped = TestSignature(s, convene_primitives::escrow::wrap_bytes(&bytes));
		assert_ok!(claim(10, 10, wrapped, mode));
	});
}

#[test]
fn claim_bounds() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		let mode = ClaimMode::KeepOpen;
		assert_noop!(
			claim(11, 10, cheque(SIGNER, 0, 0, 10), mode),
			Error::<Test>::ActualExceedsPlanned
		);
		assert_noop!(claim(0, 10, cheque(SIGNER, 0, 0, 10), mode), Error::<Test>::ZeroClaim);
		assert_noop!(
			claim(101, 200, cheque(SIGNER, 0, 0, 200), mode),
			Error::<Test>::ExceedsEscrow
		);
		// A cheque above the escrow pays what is there.
		assert_ok!(claim(100, 200, cheque(SIGNER, 0, 0, 200), mode));
		assert_eq!(Channels::<Test>::get(0).unwrap().value, 0);
		assert_noop!(
			Escrow::claim(RuntimeOrigin::signed(BOB), 9, 1, 1, cheque(SIGNER, 9, 0, 1), mode),
			Error::<Test>::UnknownChannel
		);
	});
}

#[test]
fn timeouts_releases_and_closing() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		System::set_block_number(9);
		assert_noop!(
			Escrow::claim_timeout(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NotExpired
		);
		System::set_block_number(10);
		assert_noop!(
			Escrow::claim_timeout(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::NotSender
		);
		// Until the timeout, an expired channel can still be claimed.
		assert_ok!(claim(10, 10, cheque(SIGNER, 0, 0, 10), ClaimMode::KeepOpen));
		assert_noop!(
			Escrow::close(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ChannelNotEmpty
		);
		assert_ok!(Escrow::claim_timeout(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			events().last(),
			Some(&Event::Reclaimed { channel_id: 0, nonce: 2, refunded: 90 })
		);
		assert_eq!((held(ALICE), free(ALICE)), (0, 990));
		assert_noop!(
			claim(20, 20, cheque(SIGNER, 0, 1, 20), ClaimMode::KeepOpen),
			Error::<Test>::ExceedsEscrow
		);
		assert_noop!(
			Escrow::claim_timeout(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NothingToReclaim
		);
		// Bob gives back a funded channel.
		assert_ok!(Escrow::add_funds(RuntimeOrigin::signed(CHARLIE), 0, 30));
		assert_eq!((held(ALICE), free(CHARLIE)), (30, 970));
		assert_noop!(Escrow::release(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::NotRecipient);
		assert_ok!(Escrow::release(RuntimeOrigin::signed(BOB), 0));
		assert_eq!(free(ALICE), 1020);
		assert_noop!(Escrow::close(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NotSender);
		assert_ok!(Escrow::close(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(Channels::<Test>::get(0), None);
		assert_eq!(Escrow::channels_of_sender(ALICE, None, 10), Page::empty());
		assert_eq!(Escrow::channels_of_recipient(BOB, None, 10), Page::empty());
		assert_eq!(Escrow::channel_info(0), None);
		// A new channel gets a new id, and the closed channel's cheques are void.
		assert_ok!(open(10, 20));
		assert!(Channels::<Test>::contains_key(1));
		assert_noop!(
			claim(10, 10, cheque(SIGNER, 0, 3, 10), ClaimMode::KeepOpen),
			Error::<Test>::UnknownChannel
		);
	});
}

#[test]
fn funds_extend_and_overflow() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Escrow::add_funds(RuntimeOrigin::signed(ALICE), 0, 10),
			Error::<Test>::UnknownChannel
		);
		assert_ok!(open(100, 10));
		assert_noop!(Escrow::extend(RuntimeOrigin::signed(BOB), 0, 20), Error::<Test>::NotSender);
		assert_noop!(
			Escrow::extend(RuntimeOrigin::signed(ALICE), 0, 9),
			Error::<Test>::ExpirationDecrease
		);
		assert_ok!(Escrow::extend(RuntimeOrigin::signed(ALICE), 0, 10));
		assert_noop!(
			Escrow::add_funds(RuntimeOrigin::signed(ALICE), 0, 0),
			Error::<Test>::ValueTooLow
		);
		Channels::<Test>::mutate(0, |c| c.as_mut().unwrap().value = u128::MAX);
		assert_noop!(
			Escrow::add_funds(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::ValueOverflow
		);
		Channels::<Test>::mutate(0, |c| {
			let c = c.as_mut().unwrap();
			c.value = 100;
			c.nonce = u64::MAX;
		});
		assert_noop!(
			claim(10, 10, cheque(SIGNER, 0, u64::MAX, 10), ClaimMode::KeepOpen),
			Error::<Test>::NonceOverflow
		);
		NextChannelId::<Test>::put(u64::MAX);
		assert_noop!(open(10, 10), Error::<Test>::ChannelIdOverflow);
	});
}

#[test]
fn third_parties_open_with_an_authorisation() {
	ExtBuilder.build_and_execute(|| {
		let open_for = |funder: u64, signature: TestSignature, valid_until: u64, nonce: u64| {
			Escrow::open_channel_for(
				RuntimeOrigin::signed(funder),
				ALICE,
				terms(100, 10),
				valid_until,
				nonce,
				signature,
			)
		};
		// Charlie funds Alice's channel; refunds go to Alice.
		assert_ok!(open_for(CHARLIE, authorisation(ALICE, CHARLIE, 5, 0), 5, 0));
		assert_eq!((free(CHARLIE), held(ALICE)), (900, 100));
		assert_eq!(Channels::<Test>::get(0).unwrap().sender, ALICE);
		assert_eq!(OpenNonce::<Test>::get(ALICE), 1);
		// The same authorisation again.
		assert_noop!(
			open_for(CHARLIE, authorisation(ALICE, CHARLIE, 5, 0), 5, 0),
			Error::<Test>::StaleOpenNonce
		);
		// Another funder than authorised; another signer.
		assert_noop!(
			open_for(BOB, authorisation(ALICE, CHARLIE, 5, 1), 5, 1),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			open_for(CHARLIE, authorisation(BOB, CHARLIE, 5, 1), 5, 1),
			Error::<Test>::BadSignature
		);
		System::set_block_number(6);
		assert_noop!(
			open_for(CHARLIE, authorisation(ALICE, CHARLIE, 5, 1), 5, 1),
			Error::<Test>::AuthorizationExpired
		);
		// Two senders' authorisations for the same open nonce do not collide (the reference's
		// #42): each sender has its own counter.
		assert_eq!(OpenNonce::<Test>::get(CHARLIE), 0);
		let charlies =
			TestSignature(CHARLIE, Escrow::open_payload(BOB, terms(100, 20), 10, 0).encode());
		assert_ok!(Escrow::open_channel_for(
			RuntimeOrigin::signed(BOB),
			CHARLIE,
			terms(100, 20),
			10,
			0,
			charlies
		));
		assert_eq!((OpenNonce::<Test>::get(ALICE), OpenNonce::<Test>::get(CHARLIE)), (1, 1));
	});
}

#[test]
fn extend_and_add_funds_together() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		assert_ok!(Escrow::extend_and_add_funds(RuntimeOrigin::signed(ALICE), 0, 20, 50));
		let channel = Channels::<Test>::get(0).unwrap();
		assert_eq!((channel.expiration, channel.value, channel.nonce), (20, 150, 0));
		// Either part failing undoes both.
		assert_noop!(
			Escrow::extend_and_add_funds(RuntimeOrigin::signed(ALICE), 0, 30, 5000),
			frame::deps::sp_runtime::TokenError::FundsUnavailable
		);
		assert_eq!(Channels::<Test>::get(0).unwrap().expiration, 20);
		// An outstanding cheque stays good after funds are added.
		assert_ok!(claim(120, 120, cheque(SIGNER, 0, 0, 120), ClaimMode::KeepOpen));
	});
}

mod community_currency {
	use super::*;
	use convene_primitives::{demurrage::YEAR_MS, fixed::U64F64};

	fn units(n: u64) -> U64F64 {
		U64F64::from_int(n)
	}

	fn cc(who: u64) -> U64F64 {
		pallet_community_balances::Pallet::<Test>::balance(community(), &who)
	}

	fn escrow_account() -> u64 {
		CommunityLedger::<CommunityBalances, OneCommunity, MockTime, CommunityEd, EscrowId>::account(
			0,
		)
	}

	fn near(a: U64F64, b: U64F64) -> bool {
		a.to_bits().abs_diff(b.to_bits()) < 1 << 30
	}

	fn open_cc(value: U64F64) -> DispatchResult {
		CcEscrow::open_channel(
			RuntimeOrigin::signed(ALICE),
			ChannelTerms {
				signer: SIGNER,
				recipient: BOB,
				group_id: [0; 32],
				asset: community(),
				value,
				expiration: 10,
			},
		)
	}

	fn claim_cc(actual: U64F64, planned: U64F64, mode: ClaimMode) -> DispatchResult {
		let nonce =
			crate::Channels::<Test, frame::deps::frame_support::instances::Instance2>::get(0)
				.map_or(0, |c| c.nonce);
		CcEscrow::claim(
			RuntimeOrigin::signed(BOB),
			0,
			actual,
			planned,
			cc_cheque(SIGNER, 0, nonce, planned),
			mode,
		)
	}

	#[test]
	fn escrow_decays_and_principal_cheques_are_neutral() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(pallet_community_balances::Pallet::<Test>::do_issue(
				community(),
				&ALICE,
				units(100)
			));
			assert_ok!(open_cc(units(60)));
			assert_eq!(cc(escrow_account()), units(60));
			assert_eq!(cc(ALICE), units(40));
			// A year on, everything has halved; a cheque for 20 of principal is worth 10.
			MockTime::set(START + YEAR_MS);
			assert!(near(cc(escrow_account()), units(30)));
			assert_noop!(
				claim_cc(units(11), units(20), ClaimMode::KeepOpen),
				Error::<Test, frame::deps::frame_support::instances::Instance2>::ActualExceedsPlanned
			);
			assert_ok!(claim_cc(
				units(10).checked_sub(U64F64::from_bits(1 << 20)).unwrap(),
				units(20),
				ClaimMode::KeepOpen
			));
			assert!(near(cc(BOB), units(10)));
			assert!(near(cc(escrow_account()), units(20)));
			// Nobody escaped demurrage: the three together hold what a control would (50).
			let total = cc(ALICE)
				.checked_add(cc(BOB))
				.unwrap()
				.checked_add(cc(escrow_account()))
				.unwrap();
			assert!(near(total, units(50)));
			// The sender takes back the rest after expiry.
			System::set_block_number(10);
			assert_ok!(CcEscrow::claim_timeout(RuntimeOrigin::signed(ALICE), 0));
			assert_eq!(cc(escrow_account()), U64F64::ZERO);
			assert!(near(cc(ALICE), units(40)));
		});
	}

	#[test]
	fn a_claim_leaving_dust_closes_the_channel() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(pallet_community_balances::Pallet::<Test>::do_issue(
				community(),
				&ALICE,
				units(100)
			));
			assert_ok!(open_cc(units(10)));
			let dust = U64F64::from_bits(1 << 10);
			assert_ok!(claim_cc(
				units(10).checked_sub(dust).unwrap(),
				units(10),
				ClaimMode::KeepOpen
			));
			// The channel closed rather than keep less than the deposit; the dust, too small to
			// refund, went to the recipient with the payment.
			assert_eq!(cc(escrow_account()), U64F64::ZERO);
			assert_eq!(cc(BOB), units(10));
			let channel =
				crate::Channels::<Test, frame::deps::frame_support::instances::Instance2>::get(0)
					.unwrap();
			assert_eq!((channel.value, channel.expiration), (U64F64::ZERO, 1));
		});
	}

	type CcError = Error<Test, frame::deps::frame_support::instances::Instance2>;

	#[test]
	fn a_channel_holds_more_than_the_deposit() {
		ExtBuilder.build_and_execute(|| {
			assert_ok!(pallet_community_balances::Pallet::<Test>::do_issue(
				community(),
				&ALICE,
				units(1)
			));
			assert_noop!(open_cc(CommunityEd::get()), CcError::ValueTooLow);
			assert_noop!(open_cc(U64F64::ZERO), CcError::ValueTooLow);
			assert_ok!(open_cc(CommunityEd::get().checked_add(U64F64::from_bits(1)).unwrap()));
		});
	}

	#[test]
	fn the_escrow_decays_exactly_like_any_account() {
		ExtBuilder.build_and_execute(|| {
			for who in [ALICE, CHARLIE] {
				assert_ok!(pallet_community_balances::Pallet::<Test>::do_issue(
					community(),
					&who,
					units(60)
				));
			}
			assert_ok!(open_cc(units(60)));
			for days in [1, 30, 100, 365, 1000] {
				MockTime::set(START + days * YEAR_MS / 365);
				// The control account holds what Alice put in the channel.
				assert_eq!(cc(escrow_account()), cc(CHARLIE));
			}
		});
	}

	/// A service paid per call over a year, in today's money each time, claims once: it gets
	/// what each payment would be worth had it claimed it when paid (within rounding).
	#[test]
	fn a_claim_is_worth_each_payment_decayed_since_it_was_made() {
		use convene_primitives::{demurrage::LN_2, escrow::next_cheque};
		ExtBuilder.build_and_execute(|| {
			assert_ok!(pallet_community_balances::Pallet::<Test>::do_issue(
				community(),
				&ALICE,
				units(100)
			));
			assert_ok!(open_cc(units(80)));
			let price = units(1);
			let (mut cheque, mut expected) = (U64F64::ZERO, U64F64::ZERO);
			let year = 365;
			for day in (0..year).step_by(10) {
				let elapsed = day * YEAR_MS / 365;
				cheque = next_cheque(cheque, price, LN_2, elapsed).unwrap();
				// What that payment is worth at the claim, a year after the epoch start.
				let at_claim = convene_primitives::escrow::payout(price, LN_2, YEAR_MS - elapsed);
				expected = expected.checked_add(at_claim).unwrap();
			}
			MockTime::set(START + YEAR_MS);
			System::set_block_number(5);
			let value = convene_primitives::escrow::payout(cheque, LN_2, YEAR_MS);
			assert!(near(value, expected), "{value:?} ≉ {expected:?}");
			assert_ok!(claim_cc(value, cheque, ClaimMode::KeepOpen));
			assert_eq!(cc(BOB), value);
		});
	}
}

/// `signer`'s signature over a cheque payload of its own making.
fn signed(signer: u64, payload: ClaimPayload<frame::deps::sp_core::H256, u128>) -> TestSignature {
	TestSignature(signer, payload.encode())
}

#[test]
fn cheques_do_not_replay_across_chains_protocols_or_instances() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(open(100, 10));
		let genesis = frame_system::Pallet::<Test>::block_hash(0);
		let good = ClaimPayload::new(genesis, Escrow::instance_index(), 0, 0, 10u128);
		let mode = ClaimMode::KeepOpen;
		// Another chain.
		let other_chain = ClaimPayload { genesis: [1; 32].into(), ..good.clone() };
		assert_noop!(claim(10, 10, signed(SIGNER, other_chain), mode), Error::<Test>::BadSignature);
		// Another protocol or version.
		let other_tag = ClaimPayload { domain: *b"convene/cheque/2", ..good.clone() };
		assert_noop!(claim(10, 10, signed(SIGNER, other_tag), mode), Error::<Test>::BadSignature);
		// The other instance's channel 0.
		let other_instance =
			ClaimPayload { pallet_index: CcEscrow::instance_index(), ..good.clone() };
		assert_ne!(Escrow::instance_index(), CcEscrow::instance_index());
		assert_noop!(
			claim(10, 10, signed(SIGNER, other_instance), mode),
			Error::<Test>::BadSignature
		);
		// The cheque itself, and a lower one (`nonce − 1` by then) after it.
		assert_ok!(claim(10, 10, signed(SIGNER, good.clone()), mode));
		assert_noop!(claim(5, 5, cheque(SIGNER, 0, 0, 5), mode), Error::<Test>::BadSignature);
	});
}

/// Adding funds and claiming commute: either order ends in the same state.
#[test]
fn add_funds_and_claim_commute() {
	let run = |claim_first: bool| {
		let mut end = None;
		ExtBuilder.build_and_execute(|| {
			assert_ok!(open(100, 10));
			let add = || Escrow::add_funds(RuntimeOrigin::signed(CHARLIE), 0, 50);
			let pay = || claim(120, 130, cheque(SIGNER, 0, 0, 130), ClaimMode::KeepOpen);
			if claim_first {
				// The claim cannot take more than is there yet.
				assert_noop!(pay(), Error::<Test>::ExceedsEscrow);
				assert_ok!(claim(90, 130, cheque(SIGNER, 0, 0, 130), ClaimMode::KeepOpen));
				assert_ok!(add());
			} else {
				assert_ok!(add());
				assert_ok!(claim(90, 130, cheque(SIGNER, 0, 0, 130), ClaimMode::KeepOpen));
			}
			end = Some((
				Channels::<Test>::get(0),
				[free(ALICE), held(ALICE), free(BOB), free(CHARLIE)],
				Balances::total_issuance(),
			));
		});
		end
	};
	assert_eq!(run(true), run(false));
}
