// SPDX-License-Identifier: GPL-3.0-or-later
//! Our benchmarked weights next to the reference's, for the same operations.
//!
//! Ours are read from the pallets' generated `weights.rs` (the `SubstrateWeight` implementation
//! that `scripts/benchmark-weights.sh` writes from `scripts/weight-template.hbs`); the
//! reference's are its recorded weights (`shared/spec/protocol.md` §9.2: `pallets` /
//! `node` ref_time and database reads/writes).

use crate::report::{number, Report};
use std::{collections::BTreeMap, path::Path};

/// One function of a `weights.rs`: `base + slope·n` picoseconds of ref_time, and
/// `reads + reads_per·n` / `writes + writes_per·n` database accesses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Formula {
	/// The component's name (`m`, `r`, …), if the weight has one.
	pub component: Option<String>,
	/// Ref_time without the component, in picoseconds.
	pub base: u64,
	/// Ref_time per unit of the component, in picoseconds.
	pub slope: u64,
	/// Database reads without the component, and per unit of it.
	pub reads: (u64, u64),
	/// Database writes without the component, and per unit of it.
	pub writes: (u64, u64),
}

impl Formula {
	/// Ref_time in µs at component value `n`.
	pub fn micros(&self, n: u64) -> f64 {
		(self.base + self.slope * n) as f64 / 1e6
	}

	/// E.g. `163.1 µs + 0.05 µs·r (10/5)`; per-unit accesses as `+ 1·m`.
	pub fn text(&self) -> String {
		let mut out = format!("{} µs", number(self.micros(0)));
		let unit = self.component.as_deref().unwrap_or("n");
		if self.slope > 0 {
			out += &format!(" + {} µs·{unit}", number(self.slope as f64 / 1e6));
		}
		let access = |(fixed, per): (u64, u64)| {
			if per > 0 {
				format!("{fixed} + {per}·{unit}")
			} else {
				fixed.to_string()
			}
		};
		let sep = if self.reads.1 + self.writes.1 > 0 { " / " } else { "/" };
		out + &format!(" ({}{sep}{})", access(self.reads), access(self.writes))
	}
}

/// The functions of the first `WeightInfo for …Weight<T>` implementation in `source`.
pub fn parse(source: &str) -> BTreeMap<String, Formula> {
	let mut formulas = BTreeMap::new();
	let Some(start) = source.find("WeightInfo for ") else { return formulas };
	let mut current: Option<(String, Formula)> = None;
	for line in source[start..].lines().skip(1) {
		let line = line.trim();
		if line == "}" && current.is_none() {
			break;
		}
		if let Some(rest) = line.strip_prefix("fn ") {
			let name = rest.split('(').next().unwrap_or_default().to_owned();
			let args = rest.split('(').nth(1).and_then(|a| a.split(')').next()).unwrap_or("");
			let component = args.split(':').next().map(str::trim).filter(|c| !c.is_empty());
			let formula = Formula { component: component.map(str::to_owned), ..Default::default() };
			current = Some((name, formula));
			continue;
		}
		let Some((_, formula)) = current.as_mut() else { continue };
		// Several parts may share a line (rustfmt joins short chains).
		for part in line.split(".saturating_add(") {
			let per_unit = part.contains("saturating_mul");
			if let Some(v) = first_number(part, "Weight::from_parts(") {
				if per_unit {
					formula.slope += v;
				} else if formula.base == 0 {
					formula.base = v;
				}
			}
			for (key, slot) in [("reads(", &mut formula.reads), ("writes(", &mut formula.writes)] {
				if let Some(v) = first_number(part, key) {
					if per_unit {
						slot.1 += v;
					} else {
						slot.0 += v;
					}
				}
			}
		}
		if line == "}" {
			if let Some((name, formula)) = current.take() {
				formulas.insert(name, formula);
			}
		}
	}
	formulas
}

/// The first integer after `key` in `text` (underscores and a `_u64` suffix allowed).
fn first_number(text: &str, key: &str) -> Option<u64> {
	let after = &text[text.find(key)? + key.len()..];
	let after = after.trim_start_matches('(');
	let digits: String = after
		.split("_u64")
		.next()?
		.chars()
		.take_while(|c| c.is_ascii_digit() || *c == '_')
		.filter(|c| *c != '_')
		.collect();
	digits.parse().ok()
}

/// An operation of both systems: our pallet's `weights.rs`, its function, the component value
/// of the reference's benchmark setup, and the reference's recorded weight.
struct Pair {
	file: &'static str,
	function: &'static str,
	label: &'static str,
	n: u64,
	reference: &'static str,
}

/// The operations §9.2 of the protocol spec records for the reference (pallets / node).
const PAIRS: &[Pair] = &[
	Pair {
		file: "pallets/scheduler",
		function: "next_phase",
		label: "scheduler::next_phase",
		n: 0,
		reference: "5.1 / 81.7 µs (10/3)",
	},
	Pair {
		file: "pallets/communities",
		function: "new_community",
		label: "communities::new_community",
		n: 0,
		reference: "8232.8 / 7998.9 µs (5/7)",
	},
	Pair {
		file: "pallets/communities",
		function: "add_location",
		label: "communities::add_location",
		n: 0,
		reference: "8156.2 / 8192.3 µs (6/1)",
	},
	Pair {
		file: "pallets/communities",
		function: "remove_location",
		label: "communities::remove_location",
		n: 0,
		reference: "49.6 / 49.5 µs (3/1)",
	},
	Pair {
		file: "pallets/communities",
		function: "update_nominal_income",
		label: "communities::update_nominal_income",
		n: 0,
		reference: "≈ 26 µs (1/1)",
	},
	Pair {
		file: "pallets/communities",
		function: "purge_community",
		label: "communities::purge_community (10 locations)",
		n: 10,
		reference: "18355.7 / 17795.9 µs (4/6)",
	},
	Pair {
		file: "pallets/balances",
		function: "transfer",
		label: "community_balances::transfer",
		n: 0,
		reference: "88 / 113 µs (4/3)",
	},
	Pair {
		file: "pallets/balances",
		function: "transfer_all",
		label: "community_balances::transfer_all",
		n: 0,
		reference: "111 / 158 µs (5/4)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "register_participant",
		label: "ceremonies::register_participant",
		n: 0,
		reference: "221 / 212 µs (13/5)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "upgrade_registration",
		label: "ceremonies::upgrade_registration",
		n: 0,
		reference: "247 / 247 µs (15/8)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "unregister_participant",
		label: "ceremonies::unregister_participant",
		n: 0,
		reference: "91 / 91 µs (9/5)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "attest_attendees",
		label: "ceremonies::attest_attendees (meetup of 10)",
		n: 10,
		reference: "265 / 276 µs (25/4)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "endorse_newcomer",
		label: "ceremonies::endorse_newcomer",
		n: 0,
		reference: "2029 / 188 µs (20/9)",
	},
	Pair {
		file: "pallets/ceremonies",
		function: "claim_rewards",
		label: "ceremonies::claim_rewards (meetup of 10)",
		n: 10,
		reference: "816 / 919 µs (62/22)",
	},
	Pair {
		file: "pallets/bazaar",
		function: "create_business",
		label: "bazaar::create_business",
		n: 0,
		reference: "67.2 / 26.5 µs",
	},
	Pair {
		file: "pallets/bazaar",
		function: "update_business",
		label: "bazaar::update_business",
		n: 0,
		reference: "64.5 / 24.2 µs",
	},
	Pair {
		file: "pallets/bazaar",
		function: "create_offering",
		label: "bazaar::create_offering",
		n: 0,
		reference: "74.1 / 29.6 µs",
	},
	Pair {
		file: "pallets/bazaar",
		function: "delete_offering",
		label: "bazaar::delete_offering",
		n: 0,
		reference: "61.1 / 23.5 µs",
	},
];

/// Add our weight of every operation in [`PAIRS`] (ref_time at the reference's setup, µs) with
/// its formula and the reference's figure. `repo` is the repository's root.
pub fn compare(repo: &Path, report: &mut Report) -> Result<(), String> {
	let mut files: BTreeMap<&str, BTreeMap<String, Formula>> = BTreeMap::new();
	for pair in PAIRS {
		if !files.contains_key(pair.file) {
			let path = repo.join(pair.file).join("src/weights.rs");
			let source =
				std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
			files.insert(pair.file, parse(&source));
		}
		let formula = files[pair.file]
			.get(pair.function)
			.ok_or_else(|| format!("{}/src/weights.rs has no fn {}", pair.file, pair.function))?;
		report
			.add("weights", pair.label, formula.micros(pair.n), "µs")
			.target(formula.text())
			.reference(pair.reference);
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	const SAMPLE: &str = "pub trait WeightInfo {\n\tfn a() -> Weight;\n}\n\
		impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {\n\
		\tfn claim_rewards(m: u32) -> Weight {\n\
		\t\t// Minimum execution time: 228_304_000 picoseconds.\n\
		\t\tWeight::from_parts(80_761_610, 3774)\n\
		\t\t\t// Standard error: 28_844\n\
		\t\t\t.saturating_add(Weight::from_parts(53_466_472, 0).saturating_mul(m.into()))\n\
		\t\t\t.saturating_add(T::DbWeight::get().reads(13_u64))\n\
		\t\t\t.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(m.into())))\n\
		\t\t\t.saturating_add(T::DbWeight::get().writes(4_u64))\n\
		\t\t\t.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(m.into())))\n\
		\t\t\t.saturating_add(Weight::from_parts(0, 2603).saturating_mul(m.into()))\n\
		\t}\n\
		\tfn set_parameter() -> Weight {\n\
		\t\tWeight::from_parts(7_247_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))\n\
		\t}\n\
		}\n\
		impl WeightInfo for () {\n\tfn other() -> Weight {\n\t\tWeight::from_parts(1, 0)\n\t}\n}\n";

	#[test]
	fn formulas_of_a_generated_file() {
		let formulas = parse(SAMPLE);
		assert_eq!(formulas.len(), 2, "{formulas:?}");
		let claim = &formulas["claim_rewards"];
		assert_eq!(
			claim,
			&Formula {
				component: Some("m".into()),
				base: 80_761_610,
				slope: 53_466_472,
				reads: (13, 5),
				writes: (4, 4),
			}
		);
		assert_eq!(claim.micros(10), 615.426_33);
		assert_eq!(claim.text(), "80.8 µs + 53.5 µs·m (13 + 5·m / 4 + 4·m)");
		let set = &formulas["set_parameter"];
		assert_eq!((set.base, set.slope, set.reads, set.writes), (7_247_000, 0, (0, 0), (1, 0)));
		assert_eq!(set.text(), "7.25 µs (0/1)");
	}

	#[test]
	fn every_compared_operation_is_in_our_weights() {
		let repo = convene_test_support::repo_path("");
		let mut report = Report::default();
		compare(&repo, &mut report).unwrap();
		assert_eq!(report.rows().len(), PAIRS.len());
		assert!(report.rows().iter().all(|r| r.value > 1.0 && r.value < 1000.0), "{report:?}");
	}
}
