// SPDX-License-Identifier: GPL-3.0-or-later
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::panic,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub mod assignment;
pub mod ceremony;
pub mod community;
pub mod currency;
pub mod democracy;
pub mod demurrage;
pub mod escrow;
pub mod fixed;
#[cfg(test)]
mod fuzz;
pub mod geo;
pub mod meetup;
pub mod metadata;
pub mod page;
pub mod random;
pub mod scheduler;
