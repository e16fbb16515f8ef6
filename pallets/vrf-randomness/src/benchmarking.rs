// SPDX-License-Identifier: GPL-3.0-or-later
//! Benchmarks (v2): adding an output is one VRF verification and a hash, whatever the state.
//! The runtime cannot make VRF signatures, so the benchmark uses one made beforehand: key
//! `sr25519::Pair::from_seed(&[1; 32])`, accumulator zero, slot 7.

use super::*;
use frame::benchmarking::prelude::*;

/// The key's public half.
const PUBLIC: [u8; 32] = [
	24, 157, 172, 41, 41, 109, 49, 129, 77, 200, 197, 108, 243, 211, 106, 5, 67, 55, 43, 186, 117,
	56, 250, 50, 42, 74, 235, 254, 188, 57, 224, 86,
];

/// Its VRF output over `sign_data(&[0; 32], 7)`.
const OUTPUT: VrfOutput = VrfOutput {
	pre_output: [
		130, 39, 247, 121, 242, 226, 76, 159, 225, 30, 52, 124, 41, 143, 251, 216, 19, 76, 187,
		182, 106, 51, 87, 175, 124, 190, 220, 127, 127, 232, 135, 82,
	],
	proof: [
		51, 207, 166, 250, 168, 211, 144, 245, 186, 239, 176, 207, 3, 228, 186, 235, 180, 182, 124,
		68, 140, 227, 175, 231, 208, 139, 95, 1, 103, 80, 230, 14, 71, 59, 128, 143, 242, 140, 19,
		114, 235, 68, 98, 184, 102, 55, 40, 240, 40, 103, 123, 128, 9, 131, 9, 35, 118, 84, 206,
		154, 244, 21, 225, 3,
	],
};

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_vrf_output() {
		T::BenchmarkHelper::set_author(7, sr25519::Public::from_raw(PUBLIC));
		Accumulator::<T>::kill();
		AddedThisBlock::<T>::kill();

		#[extrinsic_call]
		_(RawOrigin::None, OUTPUT);

		assert!(AddedThisBlock::<T>::get());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
