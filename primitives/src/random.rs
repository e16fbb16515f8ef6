// SPDX-License-Identifier: GPL-3.0-or-later
//! Deterministic random numbers from a 32-byte seed, bit-exact with the reference protocol's
//! `RandomNumberGenerator<BlakeTwo256>` (`spec/protocol.md` §1.4).
//!
//! The generator reads little-endian integers of just as many bytes as the bound needs from the
//! current 32-byte block, rehashing the block (Blake2-256) when it runs out, and rejects values
//! above the largest multiple of the range, so every value in range is equally likely.
//!
//! Every draw of a ceremony is made from a seed derived with [`sub_seed`] from the block's
//! randomness, a domain tag and what the draw is for (community, ceremony), so communities draw
//! independently of each other and of the order in which they are processed (the reference shares
//! one generator across all communities in storage order).

use codec::Encode;
use sp_crypto_hashing::blake2_256;

/// A stream of random numbers from a seed.
#[derive(Clone, Debug)]
pub struct Rng {
	current: [u8; 32],
	offset: usize,
}

impl Rng {
	/// A generator whose first block is `seed` itself.
	pub fn new(seed: [u8; 32]) -> Self {
		Self { current: seed, offset: 0 }
	}

	/// A uniformly distributed number in `0..=max`.
	pub fn pick_u32(&mut self, max: u32) -> u32 {
		let needed = 4usize.saturating_sub(max.leading_zeros() as usize / 8);
		// The largest value below a multiple of the range that `needed` bytes can hold.
		let range = u64::from(max).saturating_add(1);
		let span = 1u64 << needed.saturating_mul(8);
		let top = span.checked_div(range).unwrap_or(0).saturating_mul(range).saturating_sub(1);
		loop {
			if self.offset.saturating_add(needed) > self.current.len() {
				self.current = blake2_256(&self.current);
				self.offset = 0;
			}
			let mut raw = [0u8; 4];
			let end = self.offset.saturating_add(needed);
			if let (Some(dst), Some(src)) =
				(raw.get_mut(..needed), self.current.get(self.offset..end))
			{
				dst.copy_from_slice(src);
			}
			self.offset = end;
			let raw = u32::from_le_bytes(raw);
			if u64::from(raw) <= top {
				// The whole u32 range when `max + 1` wraps to 0.
				return raw.checked_rem(max.wrapping_add(1)).unwrap_or(raw);
			}
		}
	}

	/// A uniformly distributed number in `1..=max`; 1 when `max` is 0.
	pub fn pick_non_zero_u32(&mut self, max: u32) -> u32 {
		self.pick_u32(max.saturating_sub(1)).saturating_add(1)
	}
}

/// The seed for one purpose: Blake2-256 of the SCALE encoding of `(tag, seed, what)`.
pub fn sub_seed(tag: &[u8], seed: &[u8; 32], what: impl Encode) -> [u8; 32] {
	(tag, seed, what).using_encoded(blake2_256)
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::{vec, vec::Vec};
	use proptest::prelude::{any, prop_assert, proptest};

	/// The reference's permutation: take `swap_remove(pick(S − i))` for `i = 1..=S`.
	fn shuffle(rng: &mut Rng, mut items: Vec<u32>) -> Vec<u32> {
		let n = items.len();
		let mut out = Vec::with_capacity(n);
		for i in 1..=n {
			let pick = rng.pick_u32((n - i) as u32);
			out.push(items.swap_remove(pick as usize));
		}
		out
	}

	#[test]
	fn spec_permutation_vectors() {
		let mut rng = Rng::new(blake2_256(b"my_seed"));
		let one_to_ten: Vec<u32> = (1..=10).collect();
		assert_eq!(shuffle(&mut rng, one_to_ten.clone()), vec![5, 9, 7, 4, 6, 8, 2, 3, 1, 10]);
		assert_eq!(shuffle(&mut rng, one_to_ten.clone()), vec![9, 8, 3, 5, 6, 2, 10, 4, 7, 1]);
		let mut rng = Rng::new(blake2_256(b"my_seed2"));
		assert_eq!(shuffle(&mut rng, one_to_ten), vec![1, 7, 8, 9, 2, 3, 10, 5, 4, 6]);
	}

	#[test]
	fn zero_range_consumes_nothing() {
		let mut rng = Rng::new([7; 32]);
		assert_eq!(rng.pick_u32(0), 0);
		assert_eq!(rng.pick_non_zero_u32(1), 1);
		assert_eq!(rng.pick_non_zero_u32(0), 1);
		assert_eq!(rng.offset, 0);
	}

	#[test]
	fn sub_seeds_differ_by_purpose() {
		let seed = [1; 32];
		assert_ne!(sub_seed(b"a", &seed, 1u32), sub_seed(b"b", &seed, 1u32));
		assert_ne!(sub_seed(b"a", &seed, 1u32), sub_seed(b"a", &seed, 2u32));
		assert_eq!(sub_seed(b"a", &seed, 1u32), sub_seed(b"a", &seed, 1u32));
	}

	proptest! {
		#[test]
		fn picks_stay_in_range(seed in any::<[u8; 32]>(), max in any::<u32>()) {
			let mut rng = Rng::new(seed);
			for _ in 0..20 {
				prop_assert!(rng.pick_u32(max) <= max);
				let v = rng.pick_non_zero_u32(max);
				prop_assert!(v >= 1 && v <= max.max(1));
			}
		}

		#[test]
		fn small_ranges_are_roughly_uniform(seed in any::<[u8; 32]>()) {
			let mut rng = Rng::new(seed);
			let mut counts = [0u32; 6];
			for _ in 0..6000 {
				counts[rng.pick_u32(5) as usize] += 1;
			}
			// Expected 1000 each; 6 standard deviations (≈ 29) either side.
			for c in counts {
				prop_assert!((820..=1180).contains(&c), "{counts:?}");
			}
		}
	}
}
