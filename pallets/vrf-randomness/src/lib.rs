// SPDX-License-Identifier: GPL-3.0-or-later
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code must not panic. `clippy::expect_used` is left out only because FRAME's pallet
// macros expand to `expect` calls (in metadata code) that would trip it.
#![cfg_attr(
	not(any(test, feature = "runtime-benchmarks")),
	deny(
		clippy::unwrap_used,
		clippy::panic,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame::deps::frame_support::inherent::{InherentIdentifier, IsFatalError};
use scale_info::TypeInfo;
use sp_core::sr25519;

/// The identifier of this pallet's inherent data: the block author's [`VrfOutput`].
pub const INHERENT_IDENTIFIER: InherentIdentifier = *b"cvnvrf01";

/// The VRF transcript's label: version 1 of Convene's block randomness.
pub const TRANSCRIPT_LABEL: &[u8] = b"convene/randomness/1";

/// The context the randomness bytes are made from a VRF output in.
pub const OUTPUT_CONTEXT: &[u8] = b"convene/randomness/output";

/// A block author's VRF output and its proof, as the inherent carries them (the encoding of
/// `sp_core::sr25519::vrf::VrfSignature`).
#[derive(Clone, Copy, Debug, Decode, DecodeWithMemTracking, Encode, Eq, PartialEq, TypeInfo)]
pub struct VrfOutput {
	/// The VRF pre-output.
	pub pre_output: [u8; 32],
	/// The proof that the pre-output is the author key's for the input.
	pub proof: [u8; 64],
}

impl VrfOutput {
	/// The output and proof of `signature`.
	pub fn from_signature(signature: &sr25519::vrf::VrfSignature) -> Option<Self> {
		Self::decode(&mut &signature.encode()[..]).ok()
	}

	/// As `sp_core`'s signature type (`None` if the pre-output is not a curve point).
	pub fn signature(&self) -> Option<sr25519::vrf::VrfSignature> {
		sr25519::vrf::VrfSignature::decode(&mut &self.encode()[..]).ok()
	}
}

/// What the block author signs: the randomness accumulated before the block, and the slot the
/// block is authored in. Both are fixed before the author learns it is its turn, so the output
/// is the key's, not the author's choice.
pub fn sign_data(accumulator: &[u8; 32], slot: u64) -> sr25519::vrf::VrfSignData {
	sr25519::vrf::VrfTranscript::new(
		TRANSCRIPT_LABEL,
		&[(b"accumulator", accumulator), (b"slot", &slot.to_le_bytes())],
	)
	.into_sign_data()
}

/// Who authors the current block, and in which slot (from the consensus engine: Aura's slot
/// and its authority in Convene's runtime).
pub trait BlockAuthor {
	/// The current block's slot and its author's sr25519 key, if known.
	fn slot_and_key() -> Option<(u64, sr25519::Public)>;
}

/// Why a block's randomness inherent is wrong.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq)]
pub enum InherentError {
	/// The block has no VRF output of its author: every block must carry one.
	Missing,
}

impl IsFatalError for InherentError {
	fn is_fatal_error(&self) -> bool {
		true
	}
}

#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame::{
		deps::frame_support::inherent::{InherentData, ProvideInherent},
		prelude::*,
	};

	/// The pallet's storage layout version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who authors the current block.
		type BlockAuthor: BlockAuthor;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes the benchmark's author the one its signature is from.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// What benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper {
		/// Make `key` the author of the current block, in `slot`.
		fn set_author(slot: u64, key: sr25519::Public);
	}

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The randomness so far: the hash chain of every block author's VRF output.
	#[pallet::storage]
	pub type Accumulator<T> = StorageValue<_, [u8; 32], ValueQuery>;

	/// Whether the current block's VRF output was added (once per block).
	#[pallet::storage]
	pub type AddedThisBlock<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The block author's VRF output was added to the randomness.
		RandomnessAdded {
			/// The slot the block was authored in.
			slot: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The block's author is not known (no authorities, or no slot yet).
		UnknownAuthor,
		/// The output or its proof is not the author key's over this block's input.
		BadProof,
		/// The block's VRF output was added already.
		AddedAlready,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			AddedThisBlock::<T>::kill();
			T::DbWeight::get().writes(1)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add the block author's VRF output over [`sign_data`] to the randomness (inherent,
		/// once per block, required in every block).
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::add_vrf_output(), DispatchClass::Mandatory))]
		pub fn add_vrf_output(origin: OriginFor<T>, output: VrfOutput) -> DispatchResult {
			ensure_none(origin)?;
			Self::do_add(output)
		}
	}

	#[pallet::inherent]
	impl<T: Config> ProvideInherent for Pallet<T> {
		type Call = Call<T>;
		type Error = InherentError;
		const INHERENT_IDENTIFIER: InherentIdentifier = INHERENT_IDENTIFIER;

		fn create_inherent(data: &InherentData) -> Option<Self::Call> {
			let output = data.get_data::<VrfOutput>(&INHERENT_IDENTIFIER).ok().flatten()?;
			Some(Call::add_vrf_output { output })
		}

		// The call checks the proof when it runs.
		fn check_inherent(_call: &Self::Call, _data: &InherentData) -> Result<(), Self::Error> {
			Ok(())
		}

		fn is_inherent_required(_: &InherentData) -> Result<Option<Self::Error>, Self::Error> {
			Ok(Some(InherentError::Missing))
		}

		fn is_inherent(call: &Self::Call) -> bool {
			matches!(call, Call::add_vrf_output { .. })
		}
	}
}
