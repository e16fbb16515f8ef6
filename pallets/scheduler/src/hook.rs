// SPDX-License-Identifier: GPL-3.0-or-later
//! The phase-change hook that later pallets (ceremonies, ...) implement.

use crate::{CeremonyIndex, CeremonyPhase};
use frame::prelude::Weight;

/// Work to do when a phase begins.
///
/// Implementations must keep their work within [`OnCeremonyPhaseChange::max_weight`]: the
/// scheduler charges the weight they return, and `next_phase` is weighed with the bound up front.
/// Heavy per-community work belongs in a cursor-driven `on_idle` task that this hook only
/// schedules. Tuples run their members in order, so a member that changes the rules for the
/// others comes first.
pub trait OnCeremonyPhaseChange {
	/// `phase` began; it belongs to ceremony `ceremony_index`. Returns the weight used.
	fn on_ceremony_phase_change(phase: CeremonyPhase, ceremony_index: CeremonyIndex) -> Weight;

	/// The most [`OnCeremonyPhaseChange::on_ceremony_phase_change`] can use.
	fn max_weight() -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(30)]
impl OnCeremonyPhaseChange for Tuple {
	fn on_ceremony_phase_change(phase: CeremonyPhase, ceremony_index: CeremonyIndex) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(
			Tuple::on_ceremony_phase_change(phase, ceremony_index)
		); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}
