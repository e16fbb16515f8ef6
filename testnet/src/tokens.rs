// SPDX-License-Identifier: GPL-3.0-or-later
//! A skewed token distribution, as the bios-boot tutorial makes: amounts drawn from a Pareto
//! distribution (shape 1.161, the "80-20" rule) and scaled to a total.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The Pareto shape for which a fifth of the holders hold four fifths of the tokens.
pub const SHAPE_80_20: f64 = 1.161;

/// `count` amounts that add up to exactly `total` (in the token's smallest unit), drawn from a
/// Pareto distribution of `shape` with `seed`; each is at least `minimum` when `total` allows.
pub fn pareto_amounts(
	count: usize,
	total: u128,
	minimum: u128,
	shape: f64,
	seed: u64,
) -> Vec<u128> {
	if count == 0 {
		return Vec::new();
	}
	let mut rng = ChaCha8Rng::seed_from_u64(seed);
	// Inverse CDF of Pareto(x_m = 1, shape): (1 - u)^(-1 / shape), for u in [0, 1).
	let draws: Vec<f64> = (0..count).map(|_| (1.0 - rng.gen::<f64>()).powf(-1.0 / shape)).collect();
	let sum: f64 = draws.iter().sum();
	let floor = minimum.saturating_mul(count as u128).min(total);
	let spread = total - floor;
	let base = floor / count as u128;
	let mut amounts: Vec<u128> =
		draws.iter().map(|d| base + (spread as f64 * d / sum) as u128).collect();
	// Rounding left a little over or under: the largest holder evens it out, so the total is
	// exact (f64 carries 53 bits; the difference is far below the largest amount).
	let given: u128 = amounts.iter().sum();
	if let Some(largest) = (0..count).max_by_key(|&i| amounts[i]) {
		amounts[largest] = (amounts[largest] + total).saturating_sub(given);
	}
	amounts
}

/// The share of the total the richest fifth of holders hold (0 to 1).
pub fn top_fifth_share(amounts: &[u128]) -> f64 {
	let total: u128 = amounts.iter().sum();
	if total == 0 {
		return 0.0;
	}
	let mut sorted = amounts.to_vec();
	sorted.sort_unstable_by(|a, b| b.cmp(a));
	let top = sorted.len().div_ceil(5);
	sorted[..top].iter().sum::<u128>() as f64 / total as f64
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_add_up_to_the_total_exactly() {
		for (count, total) in [(1, 10), (7, 1_000), (100, 1_000_000_000_000_000_000), (50, 49)] {
			let amounts = pareto_amounts(count, total, 1, SHAPE_80_20, 42);
			assert_eq!(amounts.len(), count);
			assert_eq!(amounts.iter().sum::<u128>(), total, "{count} holders of {total}");
		}
		assert!(pareto_amounts(0, 100, 1, SHAPE_80_20, 1).is_empty());
	}

	#[test]
	fn every_holder_gets_the_minimum() {
		let amounts = pareto_amounts(200, 1_000_000, 1_000, SHAPE_80_20, 7);
		assert!(amounts.iter().all(|a| *a >= 1_000));
	}

	#[test]
	fn the_distribution_is_skewed_and_reproducible() {
		let amounts = pareto_amounts(1_000, 1_000_000_000_000, 0, SHAPE_80_20, 42);
		let share = top_fifth_share(&amounts);
		// The 80-20 shape: the top fifth holds most (sampling spreads it around 0.8).
		assert!((0.6..0.95).contains(&share), "top fifth holds {share}");
		assert_eq!(amounts, pareto_amounts(1_000, 1_000_000_000_000, 0, SHAPE_80_20, 42));
		assert_ne!(amounts, pareto_amounts(1_000, 1_000_000_000_000, 0, SHAPE_80_20, 43));
	}

	#[test]
	fn an_even_distribution_gives_the_top_fifth_a_fifth() {
		assert!((top_fifth_share(&[5; 10]) - 0.2).abs() < 1e-12);
		assert_eq!(top_fifth_share(&[]), 0.0);
	}
}
