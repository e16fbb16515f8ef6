// SPDX-License-Identifier: GPL-3.0-or-later
//! A progress line on stderr for long steps (only when stderr is a terminal).

use std::{
	io::{IsTerminal, Write},
	sync::atomic::{AtomicUsize, Ordering},
	time::Instant,
};

/// Counts a step's done items and redraws `label: done/total` at most ten times a second.
pub struct Progress {
	label: String,
	total: usize,
	done: AtomicUsize,
	drawn_at: std::sync::Mutex<Option<Instant>>,
	live: bool,
}

impl Progress {
	/// A step of `total` items.
	pub fn new(label: impl Into<String>, total: usize) -> Self {
		Self {
			label: label.into(),
			total,
			done: AtomicUsize::new(0),
			drawn_at: std::sync::Mutex::new(None),
			live: std::io::stderr().is_terminal(),
		}
	}

	/// One more item done.
	pub fn tick(&self) {
		let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
		if !self.live {
			return;
		}
		let Ok(mut drawn_at) = self.drawn_at.lock() else { return };
		if done < self.total && drawn_at.is_some_and(|t| t.elapsed().as_millis() < 100) {
			return;
		}
		*drawn_at = Some(Instant::now());
		let _ = write!(std::io::stderr(), "\r{}: {done}/{}\x1b[K", self.label, self.total);
	}

	/// The step is over: clear the line.
	pub fn finish(&self) {
		if self.live && self.done.load(Ordering::Relaxed) > 0 {
			let _ = write!(std::io::stderr(), "\r\x1b[K");
		}
	}
}
