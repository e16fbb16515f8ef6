// SPDX-License-Identifier: GPL-3.0-or-later
//! Ceremony phases and the arithmetic of the ceremony schedule.
//!
//! A ceremony cycle is three phases, Registering → Assigning → Attesting, each lasting a
//! configured number of milliseconds of chain time. The schedule is a grid of phase boundaries:
//! when a phase ends (automatically, or early through a manual phase change), the following
//! phase ends at its *scheduled* time, which is the previous boundary plus its duration, moved
//! by whole cycles so that it lies in the future but at most one cycle ahead.
//!
//! Consequences, all tested below:
//! - automatic changes never drift: boundaries stay at `anchor + k·cycle + offsets` however
//!   late the block that notices a boundary comes;
//! - a manual phase change starts the next phase early without moving the grid, and skipping a
//!   whole cycle by hand lands on the same boundary one ceremony later;
//! - after the chain stalled for longer than a phase, the next phase ends at the next boundary
//!   of the grid instead of flipping phases block after block;
//! - a zero-length cycle is unrepresentable: every phase lasts at least one millisecond.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::num::NonZeroU64;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Index of a ceremony. The first ceremony has index 1; it increments each time a new
/// Registering phase begins.
pub type CeremonyIndex = u32;

/// A point in chain time: milliseconds since the Unix epoch, as set by `pallet-timestamp`.
pub type Moment = u64;

/// One milliseconds-of-chain-time day.
pub const MILLISECS_PER_DAY: Moment = 86_400_000;

/// The phase of the ceremony cycle.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Deserialize,
	Encode,
	Eq,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	Serialize,
	TypeInfo,
)]
pub enum CeremonyPhase {
	/// Participants register for the coming ceremony.
	#[default]
	Registering,
	/// Registration is closed; participants are assigned to meetups.
	Assigning,
	/// Meetups take place and attendees attest each other.
	Attesting,
}

impl CeremonyPhase {
	/// All phases in cycle order.
	pub const ALL: [CeremonyPhase; 3] =
		[CeremonyPhase::Registering, CeremonyPhase::Assigning, CeremonyPhase::Attesting];

	/// The phase that follows this one.
	pub const fn next(self) -> Self {
		match self {
			CeremonyPhase::Registering => CeremonyPhase::Assigning,
			CeremonyPhase::Assigning => CeremonyPhase::Attesting,
			CeremonyPhase::Attesting => CeremonyPhase::Registering,
		}
	}
}

/// How long each phase lasts, in milliseconds of chain time.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Deserialize,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	Serialize,
	TypeInfo,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhaseDurations {
	/// Duration of the Registering phase (ms).
	pub registering: Moment,
	/// Duration of the Assigning phase (ms).
	pub assigning: Moment,
	/// Duration of the Attesting phase (ms).
	pub attesting: Moment,
}

/// Why a phase duration is not acceptable.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum DurationError {
	/// The phase would last zero milliseconds (and a zero-length cycle would never end).
	Zero,
	/// The phase would last longer than the configured maximum.
	TooLong,
}

impl PhaseDurations {
	/// The same duration for every phase.
	pub const fn uniform(duration: Moment) -> Self {
		Self { registering: duration, assigning: duration, attesting: duration }
	}

	/// The duration of `phase`.
	pub const fn get(&self, phase: CeremonyPhase) -> Moment {
		match phase {
			CeremonyPhase::Registering => self.registering,
			CeremonyPhase::Assigning => self.assigning,
			CeremonyPhase::Attesting => self.attesting,
		}
	}

	/// Set the duration of `phase`.
	pub fn set(&mut self, phase: CeremonyPhase, duration: Moment) {
		match phase {
			CeremonyPhase::Registering => self.registering = duration,
			CeremonyPhase::Assigning => self.assigning = duration,
			CeremonyPhase::Attesting => self.attesting = duration,
		}
	}

	/// Check every phase against [`validate_duration`]; on failure, name the first bad phase.
	pub fn validate(&self, max: Moment) -> Result<(), (CeremonyPhase, DurationError)> {
		CeremonyPhase::ALL
			.iter()
			.try_for_each(|&phase| validate_duration(self.get(phase), max).map_err(|e| (phase, e)))
	}

	/// The length of a whole cycle, or `None` if it is zero or does not fit in a [`Moment`].
	pub fn cycle(&self) -> Option<NonZeroU64> {
		let sum = self.registering.checked_add(self.assigning)?.checked_add(self.attesting)?;
		NonZeroU64::new(sum)
	}
}

/// A phase duration is acceptable if it is at least 1 ms and at most `max`.
pub fn validate_duration(duration: Moment, max: Moment) -> Result<(), DurationError> {
	if duration == 0 {
		Err(DurationError::Zero)
	} else if duration > max {
		Err(DurationError::TooLong)
	} else {
		Ok(())
	}
}

/// The moment `t'` with `t' ≡ t (mod cycle)` and `now < t' ≤ now + cycle`: `t` moved by whole
/// cycles into the next cycle-long window after `now`. Saturates at `Moment::MAX`.
pub fn align_after(t: Moment, now: Moment, cycle: NonZeroU64) -> Moment {
	let (t, now, cycle) = (u128::from(t), u128::from(now), u128::from(cycle.get()));
	// Both branches stay within u128 because all inputs are below 2^64; `cycle` is non-zero, so
	// the divisions always succeed.
	let aligned = if t > now {
		let whole_cycles = t.saturating_sub(now).saturating_sub(1).checked_div(cycle).unwrap_or(0);
		t.saturating_sub(whole_cycles.saturating_mul(cycle))
	} else {
		let whole_cycles = now.saturating_sub(t).checked_div(cycle).unwrap_or(0).saturating_add(1);
		t.saturating_add(whole_cycles.saturating_mul(cycle))
	};
	Moment::try_from(aligned).unwrap_or(Moment::MAX)
}

/// The state of the schedule: the current phase, the ceremony index and when the phase ends.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Deserialize,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	Serialize,
	TypeInfo,
)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
	/// The current phase.
	pub phase: CeremonyPhase,
	/// The current ceremony index.
	pub ceremony_index: CeremonyIndex,
	/// When the current phase ends (ms of chain time).
	pub phase_end: Moment,
}

/// Why the schedule cannot advance.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ScheduleError {
	/// The phase durations add up to zero or overflow; they are validated on every write, so
	/// this signals corrupted state.
	InvalidCycle,
	/// The ceremony index is at its maximum; no further ceremony can begin.
	CeremonyIndexOverflow,
}

impl Schedule {
	/// Move to the next phase at chain time `now`, whether the current phase has ended
	/// (automatic) or not (manual `next_phase`). The new phase ends at its scheduled time on the
	/// grid (see the module docs); the ceremony index increments when Registering begins.
	pub fn advance(self, durations: &PhaseDurations, now: Moment) -> Result<Self, ScheduleError> {
		let cycle = durations.cycle().ok_or(ScheduleError::InvalidCycle)?;
		let phase = self.phase.next();
		let ceremony_index = if phase == CeremonyPhase::Registering {
			self.ceremony_index.checked_add(1).ok_or(ScheduleError::CeremonyIndexOverflow)?
		} else {
			self.ceremony_index
		};
		let scheduled_end = self.phase_end.saturating_add(durations.get(phase));
		Ok(Self { phase, ceremony_index, phase_end: align_after(scheduled_end, now, cycle) })
	}

	/// Whether the current phase is over at chain time `now`.
	pub const fn is_due(&self, now: Moment) -> bool {
		now >= self.phase_end
	}
}

/// What the ceremony scheduler reports to clients (runtime API).
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Deserialize,
	Encode,
	Eq,
	PartialEq,
	Serialize,
	TypeInfo,
)]
#[serde(rename_all = "camelCase")]
pub struct CeremonyInfo {
	/// The current phase.
	pub phase: CeremonyPhase,
	/// The current ceremony index.
	pub ceremony_index: CeremonyIndex,
	/// When the next phase begins (ms since the Unix epoch); `None` only before the first block,
	/// whose timestamp starts the schedule.
	pub next_phase_timestamp: Option<Moment>,
	/// The configured phase durations (ms).
	pub phase_durations: PhaseDurations,
}

/// The ceremony clock, as the pallet that keeps it (the scheduler) tells it to others.
pub trait CeremonyClock {
	/// The current ceremony.
	fn ceremony_index() -> CeremonyIndex;

	/// The current phase.
	fn phase() -> CeremonyPhase;

	/// When the current phase ends (ms of chain time); `None` before the schedule starts.
	fn next_phase_timestamp() -> Option<Moment>;

	/// How long `phase` lasts (ms).
	fn phase_duration(phase: CeremonyPhase) -> Moment;
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const MIN: Moment = 60_000;
	const DAY: Moment = MILLISECS_PER_DAY;

	fn nz(c: u64) -> NonZeroU64 {
		NonZeroU64::new(c).unwrap()
	}

	#[test]
	fn phases_cycle_in_order() {
		use CeremonyPhase::*;
		assert_eq!(Registering.next(), Assigning);
		assert_eq!(Assigning.next(), Attesting);
		assert_eq!(Attesting.next(), Registering);
		assert_eq!(CeremonyPhase::default(), Registering);
	}

	#[test]
	fn validate_rejects_zero_and_too_long() {
		assert_eq!(validate_duration(0, 10), Err(DurationError::Zero));
		assert_eq!(validate_duration(11, 10), Err(DurationError::TooLong));
		assert_eq!(validate_duration(10, 10), Ok(()));
		assert_eq!(validate_duration(1, 10), Ok(()));
		let d = PhaseDurations { registering: 5, assigning: 0, attesting: 5 };
		assert_eq!(d.validate(10), Err((CeremonyPhase::Assigning, DurationError::Zero)));
		let d = PhaseDurations { registering: 5, assigning: 5, attesting: 50 };
		assert_eq!(d.validate(10), Err((CeremonyPhase::Attesting, DurationError::TooLong)));
	}

	#[test]
	fn cycle_is_none_when_zero_or_overflowing() {
		assert_eq!(PhaseDurations::uniform(0).cycle(), None);
		assert_eq!(PhaseDurations::uniform(u64::MAX / 2).cycle(), None);
		assert_eq!(PhaseDurations::uniform(DAY).cycle(), Some(nz(3 * DAY)));
	}

	#[test]
	fn set_and_get_round_trip() {
		let mut d = PhaseDurations::uniform(1);
		for (i, phase) in CeremonyPhase::ALL.into_iter().enumerate() {
			d.set(phase, 10 + i as u64);
		}
		assert_eq!(d, PhaseDurations { registering: 10, assigning: 11, attesting: 12 });
	}

	#[test]
	fn align_after_vectors() {
		// Already in the window: unchanged.
		assert_eq!(align_after(15, 10, nz(30)), 15);
		assert_eq!(align_after(40, 10, nz(30)), 40);
		// One or more cycles ahead: pulled back.
		assert_eq!(align_after(41, 10, nz(30)), 11);
		assert_eq!(align_after(100, 10, nz(30)), 40);
		// At or before now: pushed forward (the window excludes `now` itself).
		assert_eq!(align_after(10, 10, nz(30)), 40);
		assert_eq!(align_after(0, 10, nz(30)), 30);
		assert_eq!(align_after(9, 100, nz(30)), 129);
		// Saturates instead of overflowing.
		assert_eq!(align_after(u64::MAX - 1, u64::MAX - 1, nz(30)), u64::MAX);
	}

	/// The reference protocol's vectors (`spec/protocol.md` §2): all phases one day, genesis at
	/// t = 0, Registering ends after one day; three manual phase changes ten minutes apart
	/// anticipate the phases without moving the grid.
	#[test]
	fn manual_phase_changes_keep_the_grid_reference_vectors() {
		let durations = PhaseDurations::uniform(DAY);
		let s = Schedule { phase: CeremonyPhase::Registering, ceremony_index: 1, phase_end: DAY };

		let s = s.advance(&durations, 10 * MIN).unwrap();
		assert_eq!(
			(s.phase, s.ceremony_index, s.phase_end),
			(CeremonyPhase::Assigning, 1, 2 * DAY)
		);
		let s = s.advance(&durations, 20 * MIN).unwrap();
		assert_eq!(
			(s.phase, s.ceremony_index, s.phase_end),
			(CeremonyPhase::Attesting, 1, 3 * DAY)
		);
		let s = s.advance(&durations, 30 * MIN).unwrap();
		assert_eq!((s.phase, s.ceremony_index, s.phase_end), (CeremonyPhase::Registering, 2, DAY));
	}

	#[test]
	fn automatic_change_keeps_boundaries_despite_late_blocks() {
		// 10-minute phases; the block that notices the boundary comes 4 s late.
		let durations = PhaseDurations::uniform(10 * MIN);
		let s =
			Schedule { phase: CeremonyPhase::Registering, ceremony_index: 1, phase_end: 10 * MIN };
		let s = s.advance(&durations, 10 * MIN + 4_000).unwrap();
		assert_eq!(s.phase_end, 20 * MIN);
		let s = s.advance(&durations, 20 * MIN + 5_999).unwrap();
		assert_eq!(s.phase_end, 30 * MIN);
	}

	#[test]
	fn stalled_chain_resumes_on_the_grid() {
		// 10-minute phases, the chain stalls 75 minutes after Registering ended at 10 min.
		let durations = PhaseDurations::uniform(10 * MIN);
		let s =
			Schedule { phase: CeremonyPhase::Registering, ceremony_index: 1, phase_end: 10 * MIN };
		let s = s.advance(&durations, 85 * MIN).unwrap();
		// Assigning is scheduled to end at 20 min, moved by whole 30-minute cycles to 110 min.
		assert_eq!((s.phase, s.phase_end), (CeremonyPhase::Assigning, 110 * MIN));
	}

	#[test]
	fn advance_fails_on_index_overflow_and_invalid_cycle() {
		let s =
			Schedule { phase: CeremonyPhase::Attesting, ceremony_index: u32::MAX, phase_end: 5 };
		assert_eq!(
			s.advance(&PhaseDurations::uniform(1), 0),
			Err(ScheduleError::CeremonyIndexOverflow)
		);
		assert_eq!(s.advance(&PhaseDurations::uniform(0), 0), Err(ScheduleError::InvalidCycle));
		// Not starting a new ceremony: no overflow.
		let s = Schedule { phase: CeremonyPhase::Registering, ..s };
		assert!(s.advance(&PhaseDurations::uniform(1), 0).is_ok());
	}

	#[test]
	fn is_due_at_and_after_the_end() {
		let s = Schedule { phase: CeremonyPhase::Registering, ceremony_index: 1, phase_end: 10 };
		assert!(!s.is_due(9));
		assert!(s.is_due(10));
		assert!(s.is_due(11));
	}

	#[test]
	fn serde_names_are_stable() {
		let info = CeremonyInfo {
			phase: CeremonyPhase::Assigning,
			ceremony_index: 3,
			next_phase_timestamp: Some(7),
			phase_durations: PhaseDurations::uniform(600_000),
		};
		let json = serde_json::to_string(&info).unwrap();
		assert_eq!(
			json,
			r#"{"phase":"Assigning","ceremonyIndex":3,"nextPhaseTimestamp":7,"phaseDurations":{"registering":600000,"assigning":600000,"attesting":600000}}"#
		);
		assert_eq!(serde_json::from_str::<CeremonyInfo>(&json).unwrap(), info);
	}

	fn phase() -> impl Strategy<Value = CeremonyPhase> {
		prop_oneof![
			Just(CeremonyPhase::Registering),
			Just(CeremonyPhase::Assigning),
			Just(CeremonyPhase::Attesting)
		]
	}

	fn durations() -> impl Strategy<Value = PhaseDurations> {
		(1..=7 * DAY, 1..=7 * DAY, 1..=7 * DAY).prop_map(|(registering, assigning, attesting)| {
			PhaseDurations { registering, assigning, attesting }
		})
	}

	proptest! {
		#[test]
		fn align_after_lands_in_the_window(
			t in 0..u64::MAX / 2, now in 0..u64::MAX / 2, cycle in 1..u64::MAX / 4
		) {
			let a = align_after(t, now, nz(cycle));
			prop_assert!(a > now);
			prop_assert!(a - now <= cycle);
			prop_assert_eq!(u128::from(a) % u128::from(cycle), u128::from(t) % u128::from(cycle));
			// Idempotent.
			prop_assert_eq!(align_after(a, now, nz(cycle)), a);
		}

		#[test]
		fn advance_moves_one_phase_and_ends_in_the_future(
			phase in phase(),
			index in 1..u32::MAX,
			durations in durations(),
			end_offset in 0..30 * DAY,
			now_offset in 0..60 * DAY,
		) {
			let base = 1_700_000_000_000u64;
			let s = Schedule { phase, ceremony_index: index, phase_end: base + end_offset };
			let now = base + now_offset;
			let next = s.advance(&durations, now).unwrap();
			prop_assert_eq!(next.phase, phase.next());
			let new_ceremony = next.phase == CeremonyPhase::Registering;
			prop_assert_eq!(next.ceremony_index, if new_ceremony { index + 1 } else { index });
			let cycle = durations.cycle().unwrap().get();
			prop_assert!(next.phase_end > now);
			prop_assert!(next.phase_end - now <= cycle);
			// On the grid: the scheduled end, moved by whole cycles.
			let scheduled = s.phase_end + durations.get(next.phase);
			prop_assert_eq!(
				(next.phase_end as i128 - scheduled as i128).rem_euclid(cycle as i128),
				0
			);
			// When the phase ended on time, the next one lasts exactly its duration.
			if now == s.phase_end {
				prop_assert_eq!(next.phase_end, now + durations.get(next.phase));
			}
		}

		#[test]
		fn a_whole_manual_cycle_returns_to_the_same_boundary(
			phase in phase(),
			durations in durations(),
			remaining in 1..DAY,
		) {
			// Three manual changes at `now`, before the current phase ends at `now + remaining`.
			let now = 1_700_000_000_000u64;
			let remaining = remaining.min(durations.get(phase));
			let s = Schedule { phase, ceremony_index: 5, phase_end: now + remaining };
			let mut t = s;
			for _ in 0..3 {
				t = t.advance(&durations, now).unwrap();
			}
			prop_assert_eq!(t.phase, s.phase);
			prop_assert_eq!(t.ceremony_index, 6);
			prop_assert_eq!(t.phase_end, s.phase_end);
		}
	}
}
