// SPDX-License-Identifier: GPL-3.0-or-later
//! Logs on stderr, for the binaries built on this library.

use std::io::Write;

/// Logs of some targets go to stderr: from `default` up, or as `RUST_LOG` says (`warn`, `info`,
/// `debug`).
struct StderrLog {
	level: log::LevelFilter,
	targets: &'static [&'static str],
}

impl log::Log for StderrLog {
	fn enabled(&self, metadata: &log::Metadata) -> bool {
		metadata.level() <= self.level
			&& self.targets.iter().any(|t| metadata.target().starts_with(t))
	}

	fn log(&self, record: &log::Record) {
		if self.enabled(record.metadata()) {
			let _ = writeln!(
				std::io::stderr(),
				"{}: {}",
				record.level().as_str().to_lowercase(),
				record.args()
			);
		}
	}

	fn flush(&self) {}
}

/// Log the crates whose module paths start with one of `targets` to stderr, from `default` up
/// unless `RUST_LOG` names a level.
pub fn init(targets: &'static [&'static str], default: log::LevelFilter) {
	let level = match std::env::var("RUST_LOG").as_deref() {
		Ok("debug") | Ok("trace") => log::LevelFilter::Debug,
		Ok("info") => log::LevelFilter::Info,
		Ok("warn") => log::LevelFilter::Warn,
		_ => default,
	};
	if log::set_boxed_logger(Box::new(StderrLog { level, targets })).is_ok() {
		log::set_max_level(level);
	}
}
