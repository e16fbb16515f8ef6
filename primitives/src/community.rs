// SPDX-License-Identifier: GPL-3.0-or-later
//! Community identifiers.
//!
//! A community is identified by the 5-character geohash of its founding location and a 4-byte
//! digest: CRC-32/CKSUM of the SCALE-encoded bootstrapper list, stored big-endian. Its string form,
//! which users type (`--cid sqm1v79dF6b`), is the geohash followed by the base58 (Bitcoin
//! alphabet) encoding of the digest. Both match the reference protocol (`spec/protocol.md` §3.1).

use alloc::string::String;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::{fmt, str::FromStr};
use scale_info::TypeInfo;

use crate::geo::{geohash, Location, LocationError};
pub use crate::geo::{GEOHASH_ALPHABET, GEOHASH_LEN};

/// Identifies a community: founding-location geohash and bootstrapper digest. SCALE: 9 raw bytes.
#[derive(
	Clone,
	Copy,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	Hash,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	TypeInfo,
)]
pub struct CommunityIdentifier {
	/// ASCII geohash of the founding location.
	pub geohash: [u8; GEOHASH_LEN],
	/// CRC-32/CKSUM of the SCALE-encoded bootstrapper list, big-endian.
	pub digest: [u8; 4],
}

/// CRC-32/CKSUM (POSIX `cksum` polynomial, no reflection, xorout 0xFFFFFFFF, no length suffix):
/// `crc32_cksum(b"123456789") == 0x765E7680`.
pub fn crc32_cksum(bytes: &[u8]) -> u32 {
	let mut crc: u32 = 0;
	for &byte in bytes {
		crc ^= u32::from(byte) << 24;
		for _ in 0..8 {
			crc = if crc & 0x8000_0000 != 0 { (crc << 1) ^ 0x04C1_1DB7 } else { crc << 1 };
		}
	}
	!crc
}

/// Why a string is not a community identifier.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ParseCidError {
	/// Shorter than the 5 geohash characters plus at least one digest character.
	TooShort,
	/// The first 5 characters are not all in the geohash alphabet.
	InvalidGeohash,
	/// The rest is not base58 (Bitcoin alphabet).
	InvalidBase58,
	/// The base58 part does not decode to exactly 4 bytes.
	WrongDigestLength,
}

impl fmt::Display for ParseCidError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(match self {
			Self::TooShort => {
				"a community identifier is 5 geohash characters followed by a base58 digest"
			},
			Self::InvalidGeohash => {
				"the first 5 characters must be a geohash (0-9 and b-z without i, l, o)"
			},
			Self::InvalidBase58 => "the digest after the geohash is not base58",
			Self::WrongDigestLength => "the base58 digest must decode to exactly 4 bytes",
		})
	}
}

impl CommunityIdentifier {
	/// The identifier of a community founded at a location with `geohash`, whose bootstrapper
	/// list SCALE-encodes to `encoded_bootstrappers` (compact length, then the 32-byte ids).
	pub fn new(geohash: [u8; GEOHASH_LEN], encoded_bootstrappers: &[u8]) -> Self {
		Self { geohash, digest: crc32_cksum(encoded_bootstrappers).to_be_bytes() }
	}

	/// The identifier of a community founded at `location` (`OutOfRange` beyond ±90°/±180°).
	pub fn from_location(
		location: &Location,
		encoded_bootstrappers: &[u8],
	) -> Result<Self, LocationError> {
		Ok(Self::new(geohash(location)?, encoded_bootstrappers))
	}

	/// The string form, e.g. `gbsuv7YXq9G`.
	pub fn to_base58_string(&self) -> String {
		let mut s: String = self.geohash.iter().map(|&b| char::from(b)).collect();
		s.push_str(&bs58::encode(self.digest).into_string());
		s
	}
}

impl FromStr for CommunityIdentifier {
	type Err = ParseCidError;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		let bytes = s.as_bytes();
		let (geohash, digest) = match (bytes.get(..GEOHASH_LEN), bytes.get(GEOHASH_LEN..)) {
			(Some(g), Some(d)) if !d.is_empty() => (g, d),
			_ => return Err(ParseCidError::TooShort),
		};
		if !geohash.iter().all(|c| GEOHASH_ALPHABET.contains(c)) {
			return Err(ParseCidError::InvalidGeohash);
		}
		let digest = bs58::decode(digest).into_vec().map_err(|_| ParseCidError::InvalidBase58)?;
		let digest: [u8; 4] = digest.try_into().map_err(|_| ParseCidError::WrongDigestLength)?;
		let mut cid = Self { geohash: [0; GEOHASH_LEN], digest };
		cid.geohash.copy_from_slice(geohash);
		Ok(cid)
	}
}

impl fmt::Display for CommunityIdentifier {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(&self.to_base58_string())
	}
}

impl fmt::Debug for CommunityIdentifier {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

/// The length of a community identifier's encoding (geohash and digest).
const CID_LEN: usize = GEOHASH_LEN + 4;

/// A community currency as a transaction's fee asset, in the shape wallets give the
/// `ChargeAssetTxPayment` extension's `asset_id`: an XCM location with no parents and one
/// `GeneralKey` junction holding the community identifier's 9 bytes (zero-padded to 32).
/// polkadot-js knows `asset_id` as `Option<MultiLocation>` and encodes and decodes it so, without
/// custom types; subxt reads the same layout from the metadata. SCALE: `00 01 06 09` and the 32
/// key bytes.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct FeeAsset {
	/// Always 0: the community lives on this chain.
	pub parents: u8,
	/// The one junction.
	pub interior: FeeAssetJunctions,
}

/// The junctions of a [`FeeAsset`]: XCM's `Junctions::X1`.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum FeeAssetJunctions {
	/// One junction (XCM's variant index 1).
	#[codec(index = 1)]
	X1([FeeAssetJunction; 1]),
}

/// The junction of a [`FeeAsset`]: XCM's `Junction::GeneralKey`.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum FeeAssetJunction {
	/// A key of `length` bytes at the start of `data` (XCM's variant index 6).
	#[codec(index = 6)]
	GeneralKey {
		/// 9: a community identifier.
		length: u8,
		/// The identifier's geohash and digest, then zeros.
		data: [u8; 32],
	},
}

impl From<CommunityIdentifier> for FeeAsset {
	fn from(cid: CommunityIdentifier) -> Self {
		let mut data = [0u8; 32];
		for (d, b) in data.iter_mut().zip(cid.geohash.iter().chain(cid.digest.iter())) {
			*d = *b;
		}
		let key = FeeAssetJunction::GeneralKey { length: CID_LEN as u8, data };
		Self { parents: 0, interior: FeeAssetJunctions::X1([key]) }
	}
}

impl FeeAsset {
	/// The community this asset names: `None` unless it has no parents, a 9-byte key and zero
	/// padding (any other location is not a community currency of this chain).
	pub fn community(&self) -> Option<CommunityIdentifier> {
		let FeeAssetJunctions::X1([FeeAssetJunction::GeneralKey { length, data }]) = self.interior;
		let (key, padding) = data.split_at(CID_LEN);
		if self.parents != 0 || usize::from(length) != CID_LEN || padding.iter().any(|b| *b != 0) {
			return None;
		}
		let (geohash, digest) = key.split_at(GEOHASH_LEN);
		Some(CommunityIdentifier {
			geohash: geohash.try_into().ok()?,
			digest: digest.try_into().ok()?,
		})
	}
}

/// What other pallets may know of the communities, as the pallet that keeps them tells it.
pub trait CommunityDirectory<AccountId> {
	/// Whether `cid` exists.
	fn exists(cid: CommunityIdentifier) -> bool;

	/// Whether `who` is one of `cid`'s bootstrappers.
	fn is_bootstrapper(cid: CommunityIdentifier, who: &AccountId) -> bool;

	/// How many location slots `cid` has (removed locations leave theirs empty).
	fn location_count(cid: CommunityIdentifier) -> u32;

	/// `cid`'s location in slot `index` (`None` where removed or beyond the count).
	fn location(cid: CommunityIdentifier, index: u32) -> Option<Location>;

	/// The nominal income in effect for `cid`: what each attendee of its meetups is issued.
	fn income(cid: CommunityIdentifier) -> crate::fixed::U64F64;

	/// The community after `after` in the directory's own order (the first for `None`), to
	/// visit every community a step at a time; `None` after the last.
	fn next_after(after: Option<CommunityIdentifier>) -> Option<CommunityIdentifier>;
}

/// A community for benchmarks to work in, made by the runtime (founded if needed): the helper of
/// every pallet whose benchmarks need one.
pub trait BenchmarkCommunity {
	/// The community.
	fn community() -> CommunityIdentifier;
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::fixed::I64F64;
	use proptest::prelude::*;

	#[test]
	fn crc32_cksum_check_value() {
		assert_eq!(crc32_cksum(b"123456789"), 0x765E_7680);
		assert_eq!(crc32_cksum(&[]), 0xFFFF_FFFF);
	}

	/// `spec/protocol.md` §3.1: empty bootstrapper list (SCALE `0x00`) → digest 0xFFFFFFFF →
	/// `7YXq9G`.
	#[test]
	fn reference_vectors_with_no_bootstrappers() {
		let empty = Vec::<[u8; 32]>::new().encode();
		assert_eq!(empty, vec![0u8]);
		for ((lat, lon), expected) in [
			((48.669, -4.329), "gbsuv7YXq9G"),
			((50.0, 15.0), "u2fsm7YXq9G"),
			((-60.0, 10.0), "hjr4e7YXq9G"),
			((-89.5, -87.0), "4044u7YXq9G"),
		] {
			let location =
				Location::new(I64F64::from_f64(lat).unwrap(), I64F64::from_f64(lon).unwrap());
			let cid = CommunityIdentifier::from_location(&location, &empty).unwrap();
			assert_eq!(cid.digest, [0xff; 4]);
			assert_eq!(cid.to_string(), expected);
			assert_eq!(expected.parse::<CommunityIdentifier>(), Ok(cid));
		}
	}

	#[test]
	fn scale_is_the_nine_raw_bytes() {
		let cid: CommunityIdentifier = "gbsuv7YXq9G".parse().unwrap();
		assert_eq!(cid.encode(), b"gbsuv\xff\xff\xff\xff".to_vec());
	}

	#[test]
	fn malformed_strings_are_rejected_with_a_reason() {
		let parse = |s: &str| s.parse::<CommunityIdentifier>();
		assert_eq!(parse(""), Err(ParseCidError::TooShort));
		assert_eq!(parse("gbsuv"), Err(ParseCidError::TooShort));
		assert_eq!(parse("gbsü7YXq9G"), Err(ParseCidError::InvalidGeohash));
		assert_eq!(parse("abcde7YXq9G"), Err(ParseCidError::InvalidGeohash));
		assert_eq!(parse("gbsuv0OIl"), Err(ParseCidError::InvalidBase58));
		assert_eq!(parse("gbsuv2"), Err(ParseCidError::WrongDigestLength));
		assert_eq!(parse("gbsuv7YXq9G7YXq9G"), Err(ParseCidError::WrongDigestLength));
	}

	proptest! {
		#[test]
		fn string_form_round_trips(g in proptest::array::uniform5(0usize..32), digest: [u8; 4]) {
			let geohash = g.map(|i| GEOHASH_ALPHABET[i]);
			let cid = CommunityIdentifier { geohash, digest };
			prop_assert_eq!(cid.to_string().parse::<CommunityIdentifier>(), Ok(cid));
		}

		#[test]
		fn digest_depends_on_bootstrapper_order(a: [u8; 32], b: [u8; 32]) {
			prop_assume!(a != b);
			let forward = CommunityIdentifier::new(*b"u0qj3", &vec![a, b].encode());
			let backward = CommunityIdentifier::new(*b"u0qj3", &vec![b, a].encode());
			prop_assert_ne!(forward.digest, backward.digest);
		}
	}

	#[test]
	fn a_fee_asset_is_the_cid_in_an_xcm_general_key() {
		let cid: CommunityIdentifier = "sqm1v79dF6b".parse().unwrap();
		let asset = FeeAsset::from(cid);
		let encoded = asset.encode();
		// parents 0, Junctions::X1, Junction::GeneralKey, length 9, the 9 bytes, 23 zeros.
		assert_eq!(&encoded[..4], &[0, 1, 6, 9]);
		assert_eq!(&encoded[4..13], &cid.encode()[..]);
		assert_eq!(&encoded[13..], &[0u8; 23]);
		assert_eq!(encoded.len(), FeeAsset::max_encoded_len());
		assert_eq!(FeeAsset::decode(&mut &encoded[..]), Ok(asset));
		assert_eq!(asset.community(), Some(cid));
	}

	#[test]
	fn other_locations_name_no_community() {
		let cid: CommunityIdentifier = "sqm1v79dF6b".parse().unwrap();
		let mut parent = FeeAsset::from(cid);
		parent.parents = 1;
		assert_eq!(parent.community(), None);
		let FeeAssetJunctions::X1([FeeAssetJunction::GeneralKey { data, .. }]) =
			FeeAsset::from(cid).interior;
		let short = FeeAssetJunction::GeneralKey { length: 8, data };
		let asset = FeeAsset { parents: 0, interior: FeeAssetJunctions::X1([short]) };
		assert_eq!(asset.community(), None);
		let mut padded = data;
		padded[31] = 1;
		let dirty = FeeAssetJunction::GeneralKey { length: 9, data: padded };
		let asset = FeeAsset { parents: 0, interior: FeeAssetJunctions::X1([dirty]) };
		assert_eq!(asset.community(), None);
		// Another junction kind (Parachain, index 0) does not decode as a fee asset.
		assert!(FeeAsset::decode(&mut &[0u8, 1, 0, 4][..]).is_err());
	}
}
