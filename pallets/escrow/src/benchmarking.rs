// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2) of every call, with the worst-case cheque signature the helper provides
//! (ECDSA in the runtime: key recovery is the dearest check `MultiSignature` does).

use super::*;
use crate::pallet::{BalanceOf, Call, Channels, Config, Pallet};
use frame::{benchmarking::prelude::*, traits::BlockNumberProvider};

/// Signing accounts used by the benchmarks.
const SENDER_SEED: u32 = 1;
const SIGNER_SEED: u32 = 2;

fn value<T: Config<I>, I: 'static>(times: u32) -> BalanceOf<T, I> {
	let min = T::MinChannelValue::get();
	(1..times).fold(min, |v, _| Amount::checked_add(v, min).unwrap_or(v))
}

fn terms<T: Config<I>, I: 'static>(recipient: T::AccountId) -> crate::pallet::TermsOf<T, I> {
	let now = T::BlockNumberProvider::current_block_number();
	ChannelTerms {
		signer: T::BenchmarkHelper::signer(SIGNER_SEED),
		recipient,
		group_id: [7; 32],
		asset: T::BenchmarkHelper::asset(),
		value: value::<T, I>(100),
		expiration: now.saturating_add(T::MinDuration::get()).saturating_add(100u32.into()),
	}
}

/// A funded sender with an open channel to a funded recipient; returns them and the channel.
fn open<T: Config<I>, I: 'static>() -> (T::AccountId, T::AccountId, ChannelId) {
	let sender = T::BenchmarkHelper::signer(SENDER_SEED);
	let recipient: T::AccountId = account("recipient", 0, 0);
	let asset = T::BenchmarkHelper::asset();
	T::BenchmarkHelper::endow(asset, &sender, value::<T, I>(1000));
	T::BenchmarkHelper::endow(asset, &recipient, value::<T, I>(10));
	let id =
		Pallet::<T, I>::do_open(sender.clone(), sender.clone(), terms::<T, I>(recipient.clone()))
			.expect("the channel opens");
	(sender, recipient, id)
}

fn cheque<T: Config<I>, I: 'static>(
	id: ChannelId,
	amount: BalanceOf<T, I>,
) -> T::OffchainSignature {
	let channel = Channels::<T, I>::get(id).expect("open");
	let payload = ClaimPayload::new(
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
		Pallet::<T, I>::instance_index(),
		id,
		channel.nonce,
		amount,
	);
	T::BenchmarkHelper::sign(SIGNER_SEED, &payload.encode())
}

fn expire<T: Config<I>, I: 'static>(id: ChannelId) {
	let channel = Channels::<T, I>::get(id).expect("open");
	frame_system::Pallet::<T>::set_block_number(channel.expiration.saturating_add(1u32.into()));
}

#[instance_benchmarks]
mod benches {
	use super::*;

	#[benchmark]
	fn open_channel() {
		let sender: T::AccountId = whitelisted_caller();
		let recipient: T::AccountId = account("recipient", 0, 0);
		T::BenchmarkHelper::endow(T::BenchmarkHelper::asset(), &sender, value::<T, I>(1000));
		let terms = terms::<T, I>(recipient);
		#[extrinsic_call]
		_(RawOrigin::Signed(sender), terms);
		assert!(Channels::<T, I>::contains_key(0));
	}

	#[benchmark]
	fn open_channel_for() {
		let funder: T::AccountId = whitelisted_caller();
		let sender = T::BenchmarkHelper::signer(SENDER_SEED);
		let recipient: T::AccountId = account("recipient", 0, 0);
		T::BenchmarkHelper::endow(T::BenchmarkHelper::asset(), &funder, value::<T, I>(1000));
		// The native ledger records the hold on the sender's account, which must exist.
		T::BenchmarkHelper::endow(T::BenchmarkHelper::asset(), &sender, value::<T, I>(1));
		let terms = terms::<T, I>(recipient);
		let valid_until =
			T::BlockNumberProvider::current_block_number().saturating_add(10u32.into());
		let payload = Pallet::<T, I>::open_payload(funder.clone(), terms.clone(), valid_until, 0);
		let signature = T::BenchmarkHelper::sign(SENDER_SEED, &payload.encode());
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), sender, terms, valid_until, 0, signature);
		assert!(Channels::<T, I>::contains_key(0));
	}

	#[benchmark]
	fn add_funds() {
		let (_, _, id) = open::<T, I>();
		let funder: T::AccountId = whitelisted_caller();
		T::BenchmarkHelper::endow(T::BenchmarkHelper::asset(), &funder, value::<T, I>(1000));
		#[extrinsic_call]
		_(RawOrigin::Signed(funder), id, value::<T, I>(10));
	}

	#[benchmark]
	fn extend() {
		let (sender, _, id) = open::<T, I>();
		let later =
			Channels::<T, I>::get(id).expect("open").expiration.saturating_add(10u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(sender), id, later);
		assert_eq!(Channels::<T, I>::get(id).map(|c| c.expiration), Some(later));
	}

	#[benchmark]
	fn extend_and_add_funds() {
		let (sender, _, id) = open::<T, I>();
		let later =
			Channels::<T, I>::get(id).expect("open").expiration.saturating_add(10u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(sender), id, later, value::<T, I>(10));
	}

	/// The dearer mode: the claim pays out and refunds the rest.
	#[benchmark]
	fn claim() {
		let (_, recipient, id) = open::<T, I>();
		let amount = value::<T, I>(10);
		let signature = cheque::<T, I>(id, amount);
		#[extrinsic_call]
		_(RawOrigin::Signed(recipient), id, amount, amount, signature, ClaimMode::CloseAndRefund);
		assert_eq!(Channels::<T, I>::get(id).map(|c| c.nonce), Some(1));
	}

	#[benchmark]
	fn claim_timeout() {
		let (sender, _, id) = open::<T, I>();
		expire::<T, I>(id);
		#[extrinsic_call]
		_(RawOrigin::Signed(sender), id);
	}

	#[benchmark]
	fn release() {
		let (_, recipient, id) = open::<T, I>();
		#[extrinsic_call]
		_(RawOrigin::Signed(recipient), id);
	}

	#[benchmark]
	fn close() {
		let (sender, recipient, id) = open::<T, I>();
		Pallet::<T, I>::do_release(id, recipient).expect("released");
		#[extrinsic_call]
		_(RawOrigin::Signed(sender), id);
		assert!(!Channels::<T, I>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
