// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: what clients read about the ceremony schedule.

use crate::CeremonyInfo;

sp_api::decl_runtime_apis! {
	/// The ceremony schedule.
	pub trait CeremonySchedulerApi {
		/// The current phase, ceremony index, when the next phase begins and the durations.
		fn ceremony_info() -> CeremonyInfo;
	}
}
