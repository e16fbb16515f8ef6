// SPDX-License-Identifier: GPL-3.0-or-later
//! The suite's results: one row per figure, written as a markdown table per section and as CSV.

use std::{fmt::Write as _, path::Path, time::Duration};

/// One measured figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
	/// The section: `latency`, `throughput`, `ceremony`, `weights`.
	pub section: &'static str,
	/// What was measured.
	pub what: String,
	/// The figure.
	pub value: f64,
	/// Its unit (`ms`, `tx/s`, `µs`, `%`, …).
	pub unit: &'static str,
	/// The target for it, if it has one.
	pub target: String,
	/// The reference system's figure, if known.
	pub reference: String,
}

/// Every figure of a run, in the order measured.
#[derive(Debug, Default)]
pub struct Report {
	rows: Vec<Row>,
}

impl Report {
	/// Add a figure (printed at once too, so a long run shows progress).
	pub fn add(
		&mut self,
		section: &'static str,
		what: impl Into<String>,
		value: f64,
		unit: &'static str,
	) -> &mut Row {
		let row = Row {
			section,
			what: what.into(),
			value,
			unit,
			target: String::new(),
			reference: String::new(),
		};
		eprintln!("[{section}] {}: {} {unit}", row.what, number(value));
		self.rows.push(row);
		self.rows.last_mut().expect("just pushed")
	}

	/// The figures.
	#[cfg(test)]
	pub fn rows(&self) -> &[Row] {
		&self.rows
	}

	/// Markdown: a table per section.
	pub fn markdown(&self, title: &str) -> String {
		let mut out = format!("# {title}\n");
		let mut section = "";
		for row in &self.rows {
			if row.section != section {
				section = row.section;
				let _ = write!(
					out,
					"\n## {section}\n\n| what | Convene | target or detail | reference |\n|---|---|---|---|\n"
				);
			}
			let _ = writeln!(
				out,
				"| {} | {} {} | {} | {} |",
				row.what,
				number(row.value),
				row.unit,
				row.target,
				row.reference
			);
		}
		out
	}

	/// CSV with a header line; fields with commas or quotes are quoted.
	pub fn csv(&self) -> String {
		let mut out = String::from("section,what,value,unit,target,reference\n");
		for row in &self.rows {
			let fields = [
				row.section.to_owned(),
				row.what.clone(),
				format!("{}", row.value),
				row.unit.to_owned(),
				row.target.clone(),
				row.reference.clone(),
			];
			let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
			out.push_str(&fields.join(","));
			out.push('\n');
		}
		out
	}

	/// Write `results.md` and `results.csv` into `dir`.
	pub fn write(&self, dir: &Path, title: &str) -> std::io::Result<()> {
		std::fs::create_dir_all(dir)?;
		std::fs::write(dir.join("results.md"), self.markdown(title))?;
		std::fs::write(dir.join("results.csv"), self.csv())
	}
}

impl Row {
	/// Set the target.
	pub fn target(&mut self, target: impl Into<String>) -> &mut Self {
		self.target = target.into();
		self
	}

	/// Set the reference's figure.
	pub fn reference(&mut self, reference: impl Into<String>) -> &mut Self {
		self.reference = reference.into();
		self
	}
}

fn csv_field(field: &str) -> String {
	if field.contains([',', '"', '\n']) {
		format!("\"{}\"", field.replace('"', "\"\""))
	} else {
		field.to_owned()
	}
}

/// A figure with as many decimals as it needs: 3 significant digits below 100.
pub fn number(value: f64) -> String {
	let magnitude = value.abs();
	if magnitude >= 100.0 || magnitude == 0.0 || value.fract() == 0.0 {
		format!("{value:.0}")
	} else if magnitude >= 10.0 {
		format!("{value:.1}")
	} else if magnitude >= 1.0 {
		format!("{value:.2}")
	} else {
		format!("{value:.3}")
	}
}

/// Milliseconds of a duration.
pub fn ms(d: Duration) -> f64 {
	d.as_secs_f64() * 1000.0
}

/// The median and the 90th percentile of `samples` (sorted in place); `None` when empty.
pub fn median_p90(samples: &mut [f64]) -> Option<(f64, f64)> {
	if samples.is_empty() {
		return None;
	}
	samples.sort_by(f64::total_cmp);
	let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
	Some((at(0.5), at(0.9)))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn percentiles_of_known_samples() {
		let mut samples: Vec<f64> = (1..=11).rev().map(f64::from).collect();
		assert_eq!(median_p90(&mut samples), Some((6.0, 10.0)));
		assert_eq!(median_p90(&mut [4.0]), Some((4.0, 4.0)));
		assert_eq!(median_p90(&mut []), None);
	}

	#[test]
	fn numbers_keep_three_significant_digits() {
		assert_eq!(number(1234.56), "1235");
		assert_eq!(number(42.42), "42.4");
		assert_eq!(number(4.5678), "4.57");
		assert_eq!(number(0.01234), "0.012");
		assert_eq!(number(7.0), "7");
		assert_eq!(number(0.0), "0");
	}

	#[test]
	fn markdown_and_csv_hold_every_row() {
		let mut report = Report::default();
		report.add("latency", "transfer, submit → final", 12.5, "ms").target("≤ 100 ms");
		report
			.add("latency", "query, \"quoted\", with commas", 3.0, "ms")
			.reference("19 ms");
		report.add("throughput", "transfers", 1500.0, "tx/s");
		let md = report.markdown("Results");
		assert!(md.starts_with("# Results\n\n## latency\n"));
		assert!(md.contains("| transfer, submit → final | 12.5 ms | ≤ 100 ms |  |\n"));
		assert!(md.contains("\n## throughput\n"));
		assert_eq!(
			report.csv(),
			"section,what,value,unit,target,reference\n\
			 latency,\"transfer, submit → final\",12.5,ms,≤ 100 ms,\n\
			 latency,\"query, \"\"quoted\"\", with commas\",3,ms,,19 ms\n\
			 throughput,transfers,1500,tx/s,,\n"
		);
		let dir = tempfile::tempdir().unwrap();
		report.write(dir.path(), "Results").unwrap();
		assert_eq!(std::fs::read_to_string(dir.path().join("results.csv")).unwrap(), report.csv());
	}
}
