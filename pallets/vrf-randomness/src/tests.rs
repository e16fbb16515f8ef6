// SPDX-License-Identifier: GPL-3.0-or-later
//! Tests: the author's output is accepted once per block and changes the randomness; any other
//! output, key, slot or input is refused; the inherent is required in every block.

use crate::{mock::*, *};
use frame::{
	deps::frame_support::inherent::{InherentData, ProvideInherent},
	testing_prelude::*,
	traits::{Hooks, Randomness},
};
use sp_core::crypto::Pair as _;

fn add(output: VrfOutput) -> DispatchResult {
	VrfRandomness::add_vrf_output(RuntimeOrigin::none(), output)
}

/// Start block `n` (the pallet's `on_initialize`).
fn next_block(n: u64) {
	System::set_block_number(n);
	VrfRandomness::on_initialize(n);
}

#[test]
fn the_authors_output_changes_the_randomness_once_per_block() {
	ExtBuilder.build().execute_with(|| {
		let alice = key(1);
		set_author(Some((7, alice.public())));
		let before = VrfRandomness::random(b"subject").0;
		let first = output(&alice, 7);
		assert_ok!(add(first));
		assert_ne!(Accumulator::<Test>::get(), [0; 32]);
		assert_ne!(VrfRandomness::random(b"subject").0, before);
		assert_ne!(VrfRandomness::random(b"subject").0, VrfRandomness::random(b"other").0);
		System::assert_last_event(Event::RandomnessAdded { slot: 7 }.into());
		// Once per block.
		assert_noop!(add(output(&alice, 7)), Error::<Test>::AddedAlready);
		// The next block signs the new accumulator: the same key's output differs.
		next_block(2);
		set_author(Some((8, alice.public())));
		let second = output(&alice, 8);
		assert_ne!(second.pre_output, first.pre_output);
		assert_ok!(add(second));
	});
}

#[test]
fn other_keys_slots_inputs_and_changed_proofs_are_refused() {
	ExtBuilder.build().execute_with(|| {
		let (alice, bob) = (key(1), key(2));
		assert_noop!(add(output(&alice, 7)), Error::<Test>::UnknownAuthor);
		set_author(Some((7, alice.public())));
		// Not the author's key.
		assert_noop!(add(output(&bob, 7)), Error::<Test>::BadProof);
		// Another slot's output.
		assert_noop!(add(output(&alice, 8)), Error::<Test>::BadProof);
		// A changed proof or pre-output.
		let mut changed = output(&alice, 7);
		changed.proof[3] ^= 1;
		assert_noop!(add(changed), Error::<Test>::BadProof);
		let mut changed = output(&alice, 7);
		changed.pre_output = output(&alice, 9).pre_output;
		assert_noop!(add(changed), Error::<Test>::BadProof);
		// Not a curve point.
		assert_noop!(
			add(VrfOutput { pre_output: [0xff; 32], proof: [0; 64] }),
			Error::<Test>::BadProof
		);
		// Signed, not an inherent.
		assert_noop!(
			VrfRandomness::add_vrf_output(RuntimeOrigin::signed(1), output(&alice, 7)),
			DispatchError::BadOrigin
		);
		assert_eq!(Accumulator::<Test>::get(), [0; 32]);
	});
}

#[test]
fn the_inherent_is_made_from_the_authors_output_and_required() {
	ExtBuilder.build().execute_with(|| {
		let alice = key(1);
		set_author(Some((7, alice.public())));
		let mut data = InherentData::new();
		assert_eq!(VrfRandomness::create_inherent(&data), None);
		assert_eq!(VrfRandomness::is_inherent_required(&data), Ok(Some(InherentError::Missing)));
		let out = output(&alice, 7);
		data.put_data(INHERENT_IDENTIFIER, &out).unwrap();
		let call = VrfRandomness::create_inherent(&data).expect("an inherent");
		assert!(VrfRandomness::is_inherent(&call));
		assert_eq!(VrfRandomness::check_inherent(&call, &data), Ok(()));
		assert_eq!(call, Call::add_vrf_output { output: out });
	});
}

#[test]
fn outputs_round_trip_through_sp_core() {
	let alice = key(1);
	ExtBuilder.build().execute_with(|| {
		let out = output(&alice, 1);
		let signature = out.signature().expect("a point");
		assert_eq!(VrfOutput::from_signature(&signature), Some(out));
	});
}
