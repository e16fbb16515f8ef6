// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime API: channels as wallets and services read them.

// The macro repeats the bounds on every function taking them.
#![allow(clippy::multiple_bound_locations)]

use crate::ChannelId;
use alloc::vec::Vec;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Channels of one escrow instance.
	pub trait EscrowApi<AccountId: Codec, Channel: Codec, Balance: Codec> {
		/// Channel `channel_id` and what it holds now.
		fn channel(channel_id: ChannelId) -> Option<(Channel, Balance)>;
		/// The ids of the channels `sender` opened.
		fn channels_of_sender(sender: AccountId) -> Vec<ChannelId>;
		/// The ids of the channels paying `recipient`.
		fn channels_of_recipient(recipient: AccountId) -> Vec<ChannelId>;
	}
}
