// SPDX-License-Identifier: GPL-3.0-or-later
//! A small test runtime: System and the pallet; the block author is whoever [`set_author`]
//! names.

use crate::{self as pallet_vrf_randomness, *};
use convene_pallet_test_utils::genesis;
use core::cell::RefCell;
use frame::testing_prelude::*;
use sp_core::{crypto::Pair as _, sr25519};

convene_pallet_test_utils::mock_runtime! {
	pallets: { 1 => VrfRandomness = pallet_vrf_randomness },
}

thread_local! {
	static AUTHOR: RefCell<Option<(u64, sr25519::Public)>> = const { RefCell::new(None) };
}

/// Make `key` the author of the current block, in `slot` (`None`: no author known).
pub fn set_author(author: Option<(u64, sr25519::Public)>) {
	AUTHOR.with(|a| *a.borrow_mut() = author);
}

/// The author [`set_author`] named.
pub struct TestAuthor;
impl BlockAuthor for TestAuthor {
	fn slot_and_key() -> Option<(u64, sr25519::Public)> {
		AUTHOR.with(|a| *a.borrow())
	}
}

impl Config for Test {
	type BlockAuthor = TestAuthor;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestAuthor;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for TestAuthor {
	fn set_author(slot: u64, key: sr25519::Public) {
		set_author(Some((slot, key)));
	}
}

/// A validator's key.
pub fn key(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

/// `pair`'s VRF output for the current accumulator and `slot`.
pub fn output(pair: &sr25519::Pair, slot: u64) -> VrfOutput {
	use sp_core::crypto::VrfSecret;
	let data = sign_data(&Accumulator::<Test>::get(), slot);
	VrfOutput::from_signature(&pair.vrf_sign(&data)).expect("96 bytes")
}

/// Builds the tests' state.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Block 1, no author.
	pub fn build(self) -> TestState {
		set_author(None);
		genesis::<Test>(&[])
	}
}
