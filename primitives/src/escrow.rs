// SPDX-License-Identifier: GPL-3.0-or-later
//! Escrow payment channels: what is signed off-chain, and the demurrage-neutral cheque arithmetic
//! (`spec/escrow-channels.md` §5.7, §5.8).
//!
//! - A **cheque** ([`ClaimPayload`]) authorises the recipient of channel `channel_id` to claim up
//!   to `amount` (cumulative) at the channel's current `nonce`. It is bound to one protocol and
//!   version (the 16-byte [`CHEQUE_TAG`]), one chain (its genesis hash), one pallet instance (its
//!   index in the runtime) and one channel, unlike the reference's MPE cheques.
//! - An **open authorisation** ([`OpenPayload`]) lets a third party (the funder) open and fund a
//!   channel in a sender's name, once (`open_nonce`) and until `valid_until`.
//! - Both are signed as their SCALE encoding, either raw or wrapped in `<Bytes>…</Bytes>` as
//!   polkadot-js `signRaw` does; [`signed_forms`] lists both for a verifier, raw first.
//! - In a community currency, cheques are denominated in **principal at the channel's epoch
//!   start** (§5.8, option C): the payout is the cheque's amount decayed from the epoch start to
//!   the claim, which makes demurrage neutral between sender and recipient. [`payout`],
//!   [`principal_of`] and [`next_cheque`] are that arithmetic, on chain time like all demurrage.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{
	demurrage::{decay, Demurrage},
	fixed::U64F64,
};

/// Identifies a channel; never reused.
pub type ChannelId = u64;

/// The domain tag of cheques: protocol and version, zero-padded to 16 bytes.
pub const CHEQUE_TAG: [u8; 16] = *b"convene/cheque/1";
/// The domain tag of open authorisations.
pub const OPEN_TAG: [u8; 16] = *b"convene/open/1\0\0";

/// A cheque: the channel's recipient may claim up to `amount` (cumulative) at `nonce`.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub struct ClaimPayload<Hash, Balance> {
	/// [`CHEQUE_TAG`].
	pub domain: [u8; 16],
	/// The chain's genesis hash.
	pub genesis: Hash,
	/// The escrow pallet's index in the runtime (one per ledger instance).
	pub pallet_index: u8,
	/// The channel.
	pub channel_id: ChannelId,
	/// The channel's nonce the cheque is for.
	pub nonce: u64,
	/// The cumulative amount authorised.
	pub amount: Balance,
}

impl<Hash, Balance> ClaimPayload<Hash, Balance> {
	/// A cheque for `amount` on channel `channel_id` at `nonce`.
	pub fn new(
		genesis: Hash,
		pallet_index: u8,
		channel_id: ChannelId,
		nonce: u64,
		amount: Balance,
	) -> Self {
		Self { domain: CHEQUE_TAG, genesis, pallet_index, channel_id, nonce, amount }
	}
}

/// A sender's authorisation for `funder` to open a channel in its name.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub struct OpenPayload<Hash, AccountId, Asset, Balance, BlockNumber> {
	/// [`OPEN_TAG`].
	pub domain: [u8; 16],
	/// The chain's genesis hash.
	pub genesis: Hash,
	/// The escrow pallet's index in the runtime.
	pub pallet_index: u8,
	/// Who pays the channel's value.
	pub funder: AccountId,
	/// Who will sign cheques (besides the sender).
	pub signer: AccountId,
	/// Who will claim.
	pub recipient: AccountId,
	/// The service the channel pays.
	pub group_id: [u8; 32],
	/// What the channel holds.
	pub asset: Asset,
	/// How much the funder escrows.
	pub value: Balance,
	/// When the sender may take back what is left.
	pub expiration: BlockNumber,
	/// The authorisation is void after this block.
	pub valid_until: BlockNumber,
	/// The sender's open counter this authorisation is for (one use).
	pub open_nonce: u64,
}

/// An amount a channel holds: the native token's `u128` or a community currency's [`U64F64`].
pub trait Amount: Copy + Ord + Default {
	/// `self + other`, if it fits.
	fn checked_add(self, other: Self) -> Option<Self>;
	/// `self − other`, if not negative.
	fn checked_sub(self, other: Self) -> Option<Self>;
}

impl Amount for u128 {
	fn checked_add(self, other: Self) -> Option<Self> {
		u128::checked_add(self, other)
	}
	fn checked_sub(self, other: Self) -> Option<Self> {
		u128::checked_sub(self, other)
	}
}

impl Amount for U64F64 {
	fn checked_add(self, other: Self) -> Option<Self> {
		U64F64::checked_add(self, other)
	}
	fn checked_sub(self, other: Self) -> Option<Self> {
		U64F64::checked_sub(self, other)
	}
}

/// What a wallet's `signRaw` signs for `payload`: `<Bytes>` ++ payload ++ `</Bytes>`.
pub fn wrap_bytes(payload: &[u8]) -> Vec<u8> {
	[b"<Bytes>".as_slice(), payload, b"</Bytes>".as_slice()].concat()
}

/// The messages a signature over `payload` may have been made on, in the order to check them:
/// the raw encoding, then the `<Bytes>`-wrapped one.
pub fn signed_forms(payload: &[u8]) -> [Vec<u8>; 2] {
	[payload.to_vec(), wrap_bytes(payload)]
}

/// What a cheque for `amount` of principal at the epoch start is worth `elapsed_ms` later, at
/// demurrage `rate`: the amount decayed like any balance.
pub fn payout(amount: U64F64, rate: Demurrage, elapsed_ms: u64) -> U64F64 {
	decay(amount, rate, elapsed_ms)
}

/// The principal at the epoch start that is worth `value` `elapsed_ms` later (what adding
/// `value` to a channel credits, or a price in today's money in cheque units), rounded down so
/// that it is never worth more than `value`; `None` if it does not fit.
///
/// The principal is `value` divided by an upper bound of the decay factor: [`decay`] of one
/// unit is the factor rounded down, at most two units in the last place below it (its series
/// is within 2^-111 relative). Dividing by the rounded-down factor itself, as before, credited
/// up to an ulp of the factor too much, relatively much when the factor is small; the fuzz
/// target `fuzz_demurrage_arithmetic` found it (regression test:
/// `a_principal_is_never_worth_more_than_its_value`).
pub fn principal_of(value: U64F64, rate: Demurrage, elapsed_ms: u64) -> Option<U64F64> {
	if rate == U64F64::ZERO || elapsed_ms == 0 {
		return Some(value);
	}
	let floor = decay(U64F64::ONE, rate, elapsed_ms);
	if floor == U64F64::ZERO {
		return None;
	}
	value.checked_div(U64F64::from_bits(floor.to_bits().checked_add(2)?))
}

/// The next cumulative cheque after `previous` for a price of `price` in today's money,
/// `elapsed_ms` after the channel's epoch start: `previous + price · e^(rate·elapsed/year)`.
pub fn next_cheque(
	previous: U64F64,
	price: U64F64,
	rate: Demurrage,
	elapsed_ms: u64,
) -> Option<U64F64> {
	previous.checked_add(principal_of(price, rate, elapsed_ms)?)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::demurrage::{LN_2, YEAR_MS};
	use proptest::prelude::{any, prop_assert, proptest};

	fn hex(bytes: &[u8]) -> alloc::string::String {
		bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
	}

	/// Golden bytes: genesis 0x01…, pallet 65, channel 7, nonce 3, amount 1 000 000 (u128).
	#[test]
	fn cheque_golden_bytes() {
		let cheque = ClaimPayload::new([1u8; 32], 65, 7, 3, 1_000_000u128);
		let bytes = cheque.encode();
		assert_eq!(bytes.len(), 16 + 32 + 1 + 8 + 8 + 16);
		assert_eq!(
			hex(&bytes),
			"636f6e76656e652f6368657175652f31\
			 0101010101010101010101010101010101010101010101010101010101010101\
			 41\
			 0700000000000000\
			 0300000000000000\
			 40420f00000000000000000000000000"
				.replace(char::is_whitespace, "")
		);
		assert_eq!(ClaimPayload::<[u8; 32], u128>::decode(&mut &bytes[..]).unwrap(), cheque);
		// Extra or missing bytes are not a cheque.
		assert!(ClaimPayload::<[u8; 32], u128>::decode(&mut &bytes[..bytes.len() - 1]).is_err());
	}

	fn unhex(s: &str) -> Vec<u8> {
		(0..s.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
			.collect()
	}

	/// Golden signatures over the golden cheque, for wallets and services to check against: the
	/// keys are `Pair::from_seed(&[7; 32])` (ed25519), `[8; 32]` (sr25519), `[9; 32]` (ecdsa).
	/// ed25519 and ecdsa (RFC 6979) signatures are deterministic; the sr25519 ones are fixed
	/// samples (sr25519 signing is randomised).
	#[test]
	fn cheque_golden_signatures() {
		use sp_core::{ecdsa, ed25519, sr25519, Pair};
		let bytes = ClaimPayload::new([1u8; 32], 65, 7, 3, 1_000_000u128).encode();
		let ed = ed25519::Pair::from_seed(&[7; 32]);
		assert_eq!(
			hex(&ed.public().0),
			"ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"
		);
		assert_eq!(
			hex(&ed.sign(&bytes).0),
			"6d3e92c78121023dff05d035257dd739b5ec5ef7c7dbef2e980db6a90913e595\
			 9e630799a491141df050bb37dea5adecfb48c4b1f4a27ec4fc5e625611c19605"
				.replace(char::is_whitespace, "")
		);
		let ec = ecdsa::Pair::from_seed(&[9; 32]);
		assert_eq!(
			hex(&ec.sign(&bytes).0),
			"80d9d446f2818a1bea9a6f6bef17c63271ae9cc3822a6e797056d94109452878\
			 4321d69c6b5f7b98a90f140a63a03f8e139a84b8f0d1efba1d0ad4c1e117326300"
				.replace(char::is_whitespace, "")
		);
		let sr = sr25519::Pair::from_seed(&[8; 32]).public();
		assert_eq!(hex(&sr.0), "ae4e00d549b0dcbd0123ea06f87cc9961a22de7bd57bc5d018a261e341224a7a");
		let raw = sr25519::Signature::try_from(
			&unhex(
				"e8ceb909431583de8dfdef035c6275208e85d7e82207003dd8a79cfbe152a54a\
			 cfa9a0b96086029e7f2e1de6f7891f8bf96a8fbd4fbdbb40c51589e5e3add683",
			)[..],
		)
		.unwrap();
		let wrapped = sr25519::Signature::try_from(
			&unhex(
				"342e4965dea9184cb64f5780bc6433830500de0e0ee2912ac5c14680f846311a\
			 de39c1f968072bfe6087b977fc5269f54a2e591e16815f2b3e3f5d249afe6f81",
			)[..],
		)
		.unwrap();
		let [raw_form, wrapped_form] = signed_forms(&bytes);
		assert!(sr25519::Pair::verify(&raw, &raw_form, &sr));
		assert!(sr25519::Pair::verify(&wrapped, &wrapped_form, &sr));
		// Each signs its own form only, and nothing else.
		assert!(!sr25519::Pair::verify(&raw, &wrapped_form, &sr));
		let other = ClaimPayload::new([1u8; 32], 65, 8, 3, 1_000_000u128).encode();
		assert!(!sr25519::Pair::verify(&raw, &other, &sr));
	}

	#[test]
	fn open_payloads_fit_a_wallet() {
		let open = OpenPayload {
			domain: OPEN_TAG,
			genesis: [1u8; 32],
			pallet_index: 65,
			funder: [2u8; 32],
			signer: [3u8; 32],
			recipient: [4u8; 32],
			group_id: [5u8; 32],
			asset: Some(crate::community::CommunityIdentifier::default()),
			value: u128::MAX,
			expiration: u32::MAX,
			valid_until: u32::MAX,
			open_nonce: u64::MAX,
		};
		// Below 256 bytes, so no wallet pre-hashes it.
		assert!(open.encode().len() < 256, "{}", open.encode().len());
		assert_eq!(&open.encode()[..16], b"convene/open/1\0\0");
	}

	#[test]
	fn wrapped_forms() {
		assert_eq!(wrap_bytes(b"ab"), b"<Bytes>ab</Bytes>".to_vec());
		let [raw, wrapped] = signed_forms(b"xyz");
		assert_eq!(raw, b"xyz".to_vec());
		assert_eq!(wrapped, b"<Bytes>xyz</Bytes>".to_vec());
	}

	#[test]
	fn demurrage_is_neutral() {
		// Halving yearly: a cheque for 10 of epoch principal pays 5 a year later; adding 5 a year
		// after the epoch start credits 10 of principal.
		let close =
			|a: U64F64, b: u64| a.to_bits().abs_diff(U64F64::from_int(b).to_bits()) < 1 << 24;
		assert!(close(payout(U64F64::from_int(10), LN_2, YEAR_MS), 5));
		assert!(close(principal_of(U64F64::from_int(5), LN_2, YEAR_MS).unwrap(), 10));
		// No demurrage: cheques are nominal.
		assert_eq!(
			next_cheque(U64F64::from_int(3), U64F64::ONE, U64F64::ZERO, YEAR_MS),
			Some(U64F64::from_int(4))
		);
		// Decayed to nothing: no principal can be worth anything.
		assert_eq!(principal_of(U64F64::ONE, U64F64::from_int(1000), YEAR_MS), None);
	}

	/// Found by `fuzz_demurrage_arithmetic`: a large value after a long decay was credited a
	/// principal worth more than itself.
	#[test]
	fn a_principal_is_never_worth_more_than_its_value() {
		// The input it found: about 2^63.6 units, a rate of 0.31 a year, 201 ms.
		let cases = [
			(0xc1ea_429f_9472_ffc8_2d3e_8a78_7f8b_81ec, 0x4e45_452b_cce4_cb6c, 201),
			(u128::MAX / 3, 1u128 << 66, YEAR_MS * 40),
			(1u128 << 100, LN_2.to_bits(), 1),
		];
		for (value, rate, elapsed) in cases {
			let (value, rate) = (U64F64::from_bits(value), U64F64::from_bits(rate));
			if let Some(principal) = principal_of(value, rate, elapsed) {
				assert!(decay(principal, rate, elapsed) <= value, "{value:?} {rate:?} {elapsed}");
			}
		}
	}

	proptest! {
		/// A principal is never worth more than the value it was credited for.
		#[test]
		fn principals_are_rounded_down(value in any::<u128>(), rate in any::<u64>(), elapsed in 0..10 * YEAR_MS) {
			let (value, rate) = (U64F64::from_bits(value), U64F64::from_bits(u128::from(rate) << 2));
			if let Some(principal) = principal_of(value, rate, elapsed) {
				prop_assert!(decay(principal, rate, elapsed) <= value);
			}
		}

		/// Paying `price` in today's money through a principal cheque pays `price` (within
		/// rounding), whenever it is claimed afterwards the increment decays like money.
		#[test]
		fn a_cheque_increment_is_worth_the_price(
			price in 1u64..1_000_000,
			elapsed in 0u64..YEAR_MS,
		) {
			let units = price;
			let price = U64F64::from_int(price);
			let increment = next_cheque(U64F64::ZERO, price, LN_2, elapsed).unwrap();
			let paid = payout(increment, LN_2, elapsed);
			let diff = paid.to_bits().abs_diff(price.to_bits());
			// The factor's rounding (an ulp of a factor ≥ 1/2), scaled by the amount, twice.
			prop_assert!(diff <= 4 * (u128::from(units) + 1), "{diff}");
		}

		#[test]
		fn payouts_never_exceed_the_cheque(amount in any::<u64>(), elapsed in any::<u64>()) {
			let amount = U64F64::from_int(amount);
			prop_assert!(payout(amount, LN_2, elapsed) <= amount);
		}
	}
}
