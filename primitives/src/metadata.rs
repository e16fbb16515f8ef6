// SPDX-License-Identifier: GPL-3.0-or-later
//! Community metadata and IPFS content ids.
//!
//! Validation is stricter and clearer than the reference's (`spec/protocol.md` §3.2), which
//! reported every failure as one error and capped urls at 19 bytes:
//! - `name`: 1 to 20 characters of UTF-8 (so "Zürich" is a name), no control characters;
//! - `symbol`: exactly 3 ASCII letters or digits;
//! - `assets` and the optional `theme`: CIDv0 content ids, 46 base58 characters starting `Qm`;
//! - `url`: optional, 1 to 100 printable ASCII characters.

use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Length of a CIDv0 content id (`Qm…`).
pub const IPFS_CID_LEN: u32 = 46;
/// Most characters in a community name.
pub const MAX_NAME_CHARS: usize = 20;
/// Most bytes in a community name (20 characters of up to 4 bytes).
pub const MAX_NAME_BYTES: u32 = 80;
/// Length of a currency symbol.
pub const SYMBOL_LEN: u32 = 3;
/// Most bytes in a community url.
pub const MAX_URL_BYTES: u32 = 100;

/// A CIDv0 IPFS content id, as its 46 ASCII characters.
pub type IpfsCid = BoundedVec<u8, ConstU32<IPFS_CID_LEN>>;

/// The Bitcoin base58 alphabet, which CIDv0 strings use.
const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Whether `bytes` is a CIDv0 content id: 46 base58 characters starting with `Qm`.
pub fn is_cid_v0(bytes: &[u8]) -> bool {
	bytes.len() == IPFS_CID_LEN as usize
		&& bytes.starts_with(b"Qm")
		&& bytes.iter().all(|b| BASE58.contains(b))
}

/// What a community looks like in wallets.
#[derive(
	Clone,
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
pub struct CommunityMetadata {
	/// The community's name, UTF-8.
	pub name: BoundedVec<u8, ConstU32<MAX_NAME_BYTES>>,
	/// The currency symbol, 3 ASCII letters or digits.
	pub symbol: BoundedVec<u8, ConstU32<SYMBOL_LEN>>,
	/// IPFS folder of the community's assets (logo, …).
	pub assets: IpfsCid,
	/// IPFS id of a wallet theme.
	pub theme: Option<IpfsCid>,
	/// The community's web site.
	pub url: Option<BoundedVec<u8, ConstU32<MAX_URL_BYTES>>>,
}

/// Which field of the metadata is invalid.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum MetadataError {
	/// The name is empty, longer than 20 characters, not UTF-8 or has control characters.
	Name,
	/// The symbol is not 3 ASCII letters or digits.
	Symbol,
	/// `assets` is not a CIDv0 content id.
	Assets,
	/// `theme` is not a CIDv0 content id.
	Theme,
	/// The url is empty or not printable ASCII.
	Url,
}

impl fmt::Display for MetadataError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(match self {
			Self::Name => "the name must be 1 to 20 characters without control characters",
			Self::Symbol => "the symbol must be 3 ASCII letters or digits",
			Self::Assets => "assets must be a CIDv0 IPFS id (46 base58 characters, Qm…)",
			Self::Theme => "the theme must be a CIDv0 IPFS id (46 base58 characters, Qm…)",
			Self::Url => "the url must be 1 to 100 printable ASCII characters",
		})
	}
}

impl CommunityMetadata {
	/// Check every field; the first invalid one is reported.
	pub fn validate(&self) -> Result<(), MetadataError> {
		let name = core::str::from_utf8(&self.name).map_err(|_| MetadataError::Name)?;
		let chars = name.chars().count();
		if chars == 0 || chars > MAX_NAME_CHARS || name.chars().any(char::is_control) {
			return Err(MetadataError::Name);
		}
		if self.symbol.len() != SYMBOL_LEN as usize
			|| !self.symbol.iter().all(u8::is_ascii_alphanumeric)
		{
			return Err(MetadataError::Symbol);
		}
		if !is_cid_v0(&self.assets) {
			return Err(MetadataError::Assets);
		}
		if self.theme.as_ref().is_some_and(|theme| !is_cid_v0(theme)) {
			return Err(MetadataError::Theme);
		}
		if self
			.url
			.as_ref()
			.is_some_and(|url| url.is_empty() || !url.iter().all(|b| b.is_ascii_graphic()))
		{
			return Err(MetadataError::Url);
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const CID: &[u8] = b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g";

	fn bounded<const N: u32>(bytes: &[u8]) -> BoundedVec<u8, ConstU32<N>> {
		bytes.to_vec().try_into().unwrap()
	}

	fn valid() -> CommunityMetadata {
		CommunityMetadata {
			name: bounded(b"Zurich Franken"),
			symbol: bounded(b"ZFR"),
			assets: bounded(CID),
			theme: None,
			url: Some(bounded(b"https://zfr.example")),
		}
	}

	#[test]
	fn valid_metadata_passes() {
		assert_eq!(valid().validate(), Ok(()));
		let m = CommunityMetadata {
			name: bounded("Zürich Fränkli 🇨🇭".as_bytes()),
			theme: Some(bounded(CID)),
			url: None,
			..valid()
		};
		assert_eq!(m.validate(), Ok(()));
		let twenty = CommunityMetadata {
			name: bounded("ääääääääääääääääääää".as_bytes()),
			..valid()
		};
		assert_eq!(twenty.validate(), Ok(()));
	}

	#[test]
	fn each_field_is_checked() {
		let with = |f: &dyn Fn(&mut CommunityMetadata)| {
			let mut m = valid();
			f(&mut m);
			m.validate()
		};
		assert_eq!(with(&|m| m.name = bounded(b"")), Err(MetadataError::Name));
		assert_eq!(
			with(&|m| m.name = bounded("äääääääääääääääääääää".as_bytes())),
			Err(MetadataError::Name)
		);
		assert_eq!(with(&|m| m.name = bounded(b"\xff\xfe")), Err(MetadataError::Name));
		assert_eq!(with(&|m| m.name = bounded(b"a\nb")), Err(MetadataError::Name));
		assert_eq!(with(&|m| m.symbol = bounded(b"ZF")), Err(MetadataError::Symbol));
		assert_eq!(with(&|m| m.symbol = bounded(b"Z-F")), Err(MetadataError::Symbol));
		assert_eq!(with(&|m| m.assets = bounded(&CID[..45])), Err(MetadataError::Assets));
		let mut not_base58 = CID.to_vec();
		not_base58[10] = b'0';
		assert_eq!(with(&|m| m.assets = bounded(&not_base58)), Err(MetadataError::Assets));
		let mut not_qm = CID.to_vec();
		not_qm[0] = b'Z';
		assert_eq!(with(&|m| m.assets = bounded(&not_qm)), Err(MetadataError::Assets));
		assert_eq!(with(&|m| m.theme = Some(bounded(b"Qm"))), Err(MetadataError::Theme));
		assert_eq!(with(&|m| m.url = Some(bounded(b""))), Err(MetadataError::Url));
		assert_eq!(with(&|m| m.url = Some(bounded(b"https://a b"))), Err(MetadataError::Url));
	}

	#[test]
	fn oversized_fields_do_not_decode() {
		let mut encoded = valid().encode();
		// The name's compact length prefix: claim 81 bytes.
		encoded[0] = 81 << 2;
		assert!(CommunityMetadata::decode(&mut &encoded[..]).is_err());
	}

	proptest! {
		#[test]
		fn names_up_to_twenty_printable_chars_pass(name in "[a-zA-Z0-9 äöüéèàç-]{1,20}") {
			let m = CommunityMetadata { name: bounded(name.as_bytes()), ..valid() };
			prop_assert_eq!(m.validate(), Ok(()));
		}

		#[test]
		fn cid_v0_needs_all_46_base58_chars(tail in "[1-9A-HJ-NP-Za-km-z]{44}") {
			let cid = [b"Qm".as_slice(), tail.as_bytes()].concat();
			prop_assert!(is_cid_v0(&cid));
			prop_assert!(!is_cid_v0(&cid[..45]));
		}
	}
}
