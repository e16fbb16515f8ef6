// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: what a block author signs ([`crate::sign_data`] of the accumulator).

sp_api::decl_runtime_apis! {
	/// The input of the next block's VRF.
	pub trait VrfRandomnessApi {
		/// The randomness accumulated so far, which the next block's author signs with its slot.
		fn accumulator() -> [u8; 32];
	}
}
