// SPDX-License-Identifier: GPL-3.0-or-later
//! Fuzz targets of what the client reads from users (`convene_test_support::fuzz`): specfiles
//! and locations files, cheque tokens and their signatures.

use crate::{
	escrow::Cheque,
	keystore::Keystore,
	specfile::{parse_locations, CommunitySpec},
};
use codec::{Decode, Encode};
use convene_test_support::fuzz::{fuzz, Input};
use subxt::utils::H256;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// A valid specfile, for the inputs that change one.
const SPECFILE: &str = include_str!("../../test-data/test-locations-mediterranean.json");

/// What a changed specfile gets at a number or a string: the edges of JSON and of our types.
const TOKENS: [&str; 16] = [
	"1e308",
	"-1e-400",
	"18446744073709551616",
	"340282366920938463463374607431768211456",
	"-0",
	"0.00000000000000000000000000000000000000000001",
	"null",
	"\"\"",
	"[]",
	"{}",
	"-181",
	"91.0",
	"\"//Alice\"",
	"true",
	"\"\\u0000\"",
	"9999999999999999999999999999999999999999",
];

#[test]
fn fuzz_specfiles() {
	let dir = tempfile::tempdir().expect("a temporary folder");
	let keystore = Keystore::new(dir.path());
	// Where a token may go: right after each `:` or `[` or `,`.
	let slots: Vec<usize> = SPECFILE
		.char_indices()
		.filter(|(_, c)| matches!(c, ':' | '[' | ','))
		.map(|(i, _)| i + 1)
		.collect();
	fuzz("specfiles", |bytes| {
		let mut input = Input::new(bytes);
		let text = if input.one_in(2) {
			let mut text = SPECFILE.to_owned();
			for _ in 0..1 + input.below(3) {
				let at = slots[input.below(slots.len() as u32) as usize].min(text.len());
				// Replace the value there (up to the next `,`, `]` or `}`) with a token.
				let end = text[at..].find([',', ']', '}']).map_or(text.len(), |n| at + n);
				let token = TOKENS[input.below(TOKENS.len() as u32) as usize];
				text.replace_range(at..end, token);
			}
			text
		} else {
			String::from_utf8_lossy(input.rest()).into_owned()
		};
		if let Ok(spec) = CommunitySpec::parse(&text, &keystore) {
			assert_eq!(spec.locations.len(), spec.features.len());
			let _ = spec.cid();
			let _ = spec.metadata.validate();
		}
		if let Ok(points) = parse_locations(&text) {
			assert_eq!(points.locations.len(), points.features.len());
		}
	});
}

#[test]
fn fuzz_cheques() {
	let alice = Keypair::from_uri(&"//Alice".parse::<SecretUri>().expect("uri")).expect("key");
	let alice_id = alice.public_key().to_account_id();
	fuzz("cheques", |bytes| {
		let mut input = Input::new(bytes);
		// Any token: refused with an error or read whole.
		let token = match input.u8() % 3 {
			0 => String::from_utf8_lossy(input.rest()).into_owned(),
			_ => format!("0x{}", hex::encode(input.rest())),
		};
		if let Ok(cheque) = Cheque::from_token(&token) {
			assert_eq!(Cheque::from_token(&cheque.to_token()).ok(), Some(cheque.clone()));
			assert_eq!(cheque.to_token(), token.trim().to_lowercase());
			let _ = cheque.signed_by(H256(input.bytes()), &alice_id);
		}
		// A cheque Alice signed verifies; with any byte changed, it does not.
		let genesis = H256(input.bytes());
		let cheque =
			Cheque::sign(genesis, input.u8(), input.u64(), input.u64(), input.u128(), &alice);
		assert!(cheque.signed_by(genesis, &alice_id));
		let mut encoded = cheque.encode();
		let at = input.below(encoded.len() as u32) as usize;
		encoded[at] ^= input.u8() | 1;
		let changed = Cheque::decode(&mut &encoded[..]).expect("same length, same shape");
		assert!(!changed.signed_by(genesis, &alice_id), "a changed cheque verified");
	});
}
