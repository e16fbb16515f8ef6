// SPDX-License-Identifier: GPL-3.0-or-later
//! Fuzz targets on the stable toolchain: [`fuzz`] runs a target on random inputs with
//! [bolero](https://docs.rs/bolero)'s random engine under plain `cargo test`, for
//! `$CONVENE_FUZZ_SECONDS` seconds (default [`CI_SECONDS`], so that all targets together stay
//! within a minute of CI), and reports executions per second.
//!
//! A panic (an overflow in a debug build, an out-of-bounds index, a failed invariant) fails the
//! test with the input and the `BOLERO_RANDOM_SEED` that reproduces it; a crash found becomes a
//! regression test next to the target. `scripts/fuzz` runs every target for longer and collects
//! the figures (`$CONVENE_FUZZ_REPORT`, one JSON line per target).

use std::{
	io::Write,
	panic::AssertUnwindSafe,
	sync::atomic::{AtomicU64, Ordering},
	time::{Duration, Instant},
};

/// Seconds per target when `$CONVENE_FUZZ_SECONDS` is not set.
pub const CI_SECONDS: u64 = 4;

/// The longest input a target is given.
pub const MAX_LEN: usize = 4096;

/// How long each target runs: `$CONVENE_FUZZ_SECONDS`, or [`CI_SECONDS`].
pub fn duration() -> Duration {
	let seconds = std::env::var("CONVENE_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
	Duration::from_secs(seconds.unwrap_or(CI_SECONDS))
}

/// Run target `name` on random byte strings for [`duration`], then report how many it ran (to
/// standard error, and as a JSON line to the file `$CONVENE_FUZZ_REPORT` if set).
pub fn fuzz(name: &str, target: impl FnMut(&[u8])) {
	let runs = AtomicU64::new(0);
	let started = Instant::now();
	// A panic fails the test: the state a target keeps across inputs (e.g. a runtime's storage)
	// is not used after one, but to shrink the input.
	let mut target = AssertUnwindSafe(target);
	let counted = &runs;
	bolero::check!().with_test_time(duration()).with_max_len(MAX_LEN).for_each(
		move |input: &[u8]| {
			counted.fetch_add(1, Ordering::Relaxed);
			// Through a function, so that the closure captures the wrapper, not the target.
			run(&mut target, input)
		},
	);
	let (runs, seconds) = (runs.into_inner(), started.elapsed().as_secs_f64());
	let per_second = runs as f64 / seconds.max(f64::EPSILON);
	eprintln!("fuzz {name}: {runs} executions in {seconds:.1} s ({per_second:.0}/s)");
	if let Ok(path) = std::env::var("CONVENE_FUZZ_REPORT") {
		let line = format!(
			"{{\"target\":\"{name}\",\"executions\":{runs},\"seconds\":{seconds:.3},\"per_second\":{per_second:.0}}}\n"
		);
		let file = std::fs::OpenOptions::new().create(true).append(true).open(&path);
		if let Err(e) = file.and_then(|mut f| f.write_all(line.as_bytes())) {
			panic!("cannot write the fuzz report {path}: {e}");
		}
	}
}

fn run(target: &mut AssertUnwindSafe<impl FnMut(&[u8])>, input: &[u8]) {
	(target.0)(input)
}

/// Structured values read from a fuzz input, front to back; past its end every read gives 0.
pub struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
	/// Read from `bytes`.
	pub fn new(bytes: &'a [u8]) -> Self {
		Input(bytes)
	}

	/// The next `N` bytes (zero-padded past the end).
	pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
		let mut out = [0; N];
		let n = N.min(self.0.len());
		let (head, tail) = self.0.split_at(n);
		out[..n].copy_from_slice(head);
		self.0 = tail;
		out
	}

	/// The next byte.
	pub fn u8(&mut self) -> u8 {
		self.bytes::<1>()[0]
	}

	/// The next `u32`, little-endian.
	pub fn u32(&mut self) -> u32 {
		u32::from_le_bytes(self.bytes())
	}

	/// The next `u64`, little-endian.
	pub fn u64(&mut self) -> u64 {
		u64::from_le_bytes(self.bytes())
	}

	/// The next `u128`, little-endian.
	pub fn u128(&mut self) -> u128 {
		u128::from_le_bytes(self.bytes())
	}

	/// Whether the next byte picks one of `n` choices (true about once in `n`).
	pub fn one_in(&mut self, n: u8) -> bool {
		self.u8().checked_rem(n) == Some(0)
	}

	/// The next `u32` below `bound` (0 if `bound` is 0).
	pub fn below(&mut self, bound: u32) -> u32 {
		self.u32().checked_rem(bound).unwrap_or(0)
	}

	/// What is left.
	pub fn rest(&self) -> &'a [u8] {
		self.0
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn input_reads_front_to_back_and_zeros_past_the_end() {
		let mut input = Input::new(&[1, 0, 0, 0, 7, 9]);
		assert_eq!(input.u32(), 1);
		assert_eq!(input.u8(), 7);
		assert_eq!(input.rest(), &[9]);
		assert_eq!(input.u64(), 9);
		assert_eq!(input.u128(), 0);
		assert_eq!(input.below(0), 0);
		assert!(Input::new(&[6]).one_in(3) && !Input::new(&[7]).one_in(3));
	}
}
