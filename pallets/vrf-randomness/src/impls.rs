// SPDX-License-Identifier: GPL-3.0-or-later
//! Adding a VRF output, and the randomness other pallets draw from.

use crate::*;
use frame::{hashing::blake2_256, prelude::*, traits::Randomness};
use sp_core::crypto::VrfPublic;

impl<T: Config> Pallet<T> {
	/// Check `output` against the block author's key and this block's input, and hash it into
	/// the accumulator.
	pub fn do_add(output: VrfOutput) -> DispatchResult {
		ensure!(!AddedThisBlock::<T>::get(), Error::<T>::AddedAlready);
		let (slot, key) = T::BlockAuthor::slot_and_key().ok_or(Error::<T>::UnknownAuthor)?;
		let accumulator = Accumulator::<T>::get();
		let data = sign_data(&accumulator, slot);
		let signature = output.signature().ok_or(Error::<T>::BadProof)?;
		ensure!(key.vrf_verify(&data, &signature), Error::<T>::BadProof);
		let bytes: [u8; 32] = key
			.make_bytes(OUTPUT_CONTEXT, data.as_ref(), &signature.pre_output)
			.map_err(|_| Error::<T>::BadProof)?;
		Accumulator::<T>::put(blake2_256(&[accumulator, bytes].concat()));
		AddedThisBlock::<T>::put(true);
		Self::deposit_event(Event::RandomnessAdded { slot });
		Ok(())
	}
}

/// Randomness for `subject`: the hash of the subject and every VRF output so far, and the block
/// it is known from (the current one: the value changes with the next block's output).
impl<T: Config> Randomness<T::Hash, BlockNumberFor<T>> for Pallet<T> {
	fn random(subject: &[u8]) -> (T::Hash, BlockNumberFor<T>) {
		let accumulator = Accumulator::<T>::get();
		let hash = T::Hashing::hash(&(subject, accumulator).encode());
		(hash, frame_system::Pallet::<T>::block_number())
	}
}
