// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: the faucets, as wallets list them.

// The macro repeats the bounds on every function taking them.
#![allow(clippy::multiple_bound_locations)]

use codec::Codec;
use convene_primitives::page::Page;

sp_api::decl_runtime_apis! {
	/// The faucets with what they hold.
	pub trait FaucetApi<AccountId: Codec, Faucet: Codec, Balance: Codec> {
		/// A page of the faucets (account, record, balance), at most `limit` after `after`, in
		/// storage order.
		fn faucets(after: Option<AccountId>, limit: u32) -> Page<AccountId, (AccountId, Faucet, Balance)>;
	}
}
