// SPDX-License-Identifier: GPL-3.0-or-later
//! Accounts and the keystore.
//!
//! The keystore is a folder with one file per key, the layout of the reference client's
//! keystore so existing keystores keep working: the file name is `hex("sr25")` followed by the
//! hex public key, and the content is the secret URI or mnemonic as a JSON string.
//!
//! An account argument is resolved in this order: a `//Name` development URI (derived locally,
//! e.g. `//Alice` or `//Bob//stash`); a `0x…` raw seed; an SS58 address (its key is looked up in
//! the keystore when it must sign); otherwise a mnemonic phrase, optionally with derivation
//! junctions (`word … word//hard/soft`).

use crate::error::{bad_input, Result};
use rand::RngCore;
use std::{
	fs,
	path::{Path, PathBuf},
	str::FromStr,
};
use subxt::utils::AccountId32;
use subxt_signer::{bip39::Mnemonic, sr25519::Keypair, SecretUri};

/// The key type prefix of every key file: `sr25`.
const KEY_TYPE: &[u8; 4] = b"sr25";

/// A folder of keys.
#[derive(Clone, Debug)]
pub struct Keystore {
	dir: PathBuf,
}

/// A key with the secret it was made from.
pub struct Key {
	/// The signing key.
	pub pair: Keypair,
	/// The secret URI or mnemonic.
	pub secret: String,
}

impl Key {
	/// The key's account.
	pub fn account(&self) -> AccountId32 {
		self.pair.public_key().to_account_id()
	}
}

/// A key from a secret URI, mnemonic or `0x` seed.
pub fn key_from_secret(secret: &str) -> Result<Key> {
	let uri = SecretUri::from_str(secret.trim())
		.map_err(|e| bad_input(format!("not a secret URI or mnemonic: {e}")))?;
	let pair = Keypair::from_uri(&uri)
		.map_err(|e| bad_input(format!("not a usable secret URI or mnemonic: {e}")))?;
	Ok(Key { pair, secret: secret.trim().to_owned() })
}

/// A fresh 12-word mnemonic from the operating system's randomness.
pub fn generate_mnemonic() -> String {
	let mut entropy = [0u8; 16];
	rand::rngs::OsRng.fill_bytes(&mut entropy);
	Mnemonic::from_entropy(&entropy)
		.expect("16 bytes is a valid entropy length")
		.to_string()
}

impl Keystore {
	/// The keystore in `dir` (created when a key is first stored).
	pub fn new(dir: impl AsRef<Path>) -> Self {
		Self { dir: dir.as_ref().to_path_buf() }
	}

	/// The folder.
	pub fn dir(&self) -> &Path {
		&self.dir
	}

	fn path_of(&self, account: &AccountId32) -> PathBuf {
		let mut name = hex::encode(KEY_TYPE);
		name.push_str(&hex::encode(account.0));
		self.dir.join(name)
	}

	/// Store the key made from `secret`; returns it. Storing a key again is harmless.
	pub fn insert(&self, secret: &str) -> Result<Key> {
		let key = key_from_secret(secret)?;
		fs::create_dir_all(&self.dir).map_err(|e| {
			bad_input(format!("cannot create the keystore {}: {e}", self.dir.display()))
		})?;
		let path = self.path_of(&key.account());
		let content = serde_json::to_string(&key.secret).expect("a string serialises");
		// Write to a temporary file and rename: a crash never leaves a half-written key.
		let tmp = path.with_extension("tmp");
		fs::write(&tmp, content)
			.and_then(|()| fs::rename(&tmp, &path))
			.map_err(|e| bad_input(format!("cannot write {}: {e}", path.display())))?;
		Ok(key)
	}

	/// Generate a key from a fresh mnemonic and store it.
	pub fn generate(&self) -> Result<Key> {
		self.insert(&generate_mnemonic())
	}

	/// The accounts in the keystore, ordered by public key.
	pub fn list(&self) -> Result<Vec<AccountId32>> {
		let entries = match fs::read_dir(&self.dir) {
			Ok(entries) => entries,
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
			Err(e) => return Err(bad_input(format!("cannot read {}: {e}", self.dir.display()))),
		};
		let prefix = hex::encode(KEY_TYPE);
		let mut accounts: Vec<AccountId32> = entries
			.filter_map(|entry| entry.ok())
			.filter_map(|entry| {
				let name = entry.file_name().into_string().ok()?;
				let public = hex::decode(name.strip_prefix(&prefix)?).ok()?;
				Some(AccountId32(public.try_into().ok()?))
			})
			.collect();
		accounts.sort_by_key(|a| a.0);
		Ok(accounts)
	}

	/// The stored secret of `account`, if its key is here.
	pub fn secret(&self, account: &AccountId32) -> Result<Option<String>> {
		let path = self.path_of(account);
		match fs::read_to_string(&path) {
			Ok(content) => serde_json::from_str::<String>(&content)
				.map(Some)
				.map_err(|e| bad_input(format!("{} is not a key file: {e}", path.display()))),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
			Err(e) => Err(bad_input(format!("cannot read {}: {e}", path.display()))),
		}
	}

	/// The key to sign with for an account argument (see the module documentation).
	pub fn signer(&self, account: &str) -> Result<Key> {
		let account = account.trim();
		if account.is_empty() {
			return Err(bad_input("an account is needed: //Name, a mnemonic or an SS58 address"));
		}
		if let Ok(address) = AccountId32::from_str(account) {
			let secret = self.secret(&address)?.ok_or_else(|| {
				bad_input(format!(
					"no key for {account} in the keystore {} (use `convene new-account` or give \
					 the account as //Name or a mnemonic)",
					self.dir.display()
				))
			})?;
			let key = key_from_secret(&secret)?;
			if key.account() != address {
				return Err(bad_input(format!(
					"the key file of {account} holds the key of another account"
				)));
			}
			return Ok(key);
		}
		key_from_secret(account).map_err(|_| {
			bad_input(format!(
				"{account:?} is not an account: give //Name, a mnemonic, a 0x seed or an SS58 \
				 address"
			))
		})
	}

	/// The account an argument names: an SS58 address as it is, anything else through its key.
	pub fn account(&self, account: &str) -> Result<AccountId32> {
		match AccountId32::from_str(account.trim()) {
			Ok(address) => Ok(address),
			Err(_) => self.signer(account).map(|key| key.account()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

	#[test]
	fn dev_uris_mnemonics_and_addresses_resolve() {
		let dir = tempfile::tempdir().unwrap();
		let keystore = Keystore::new(dir.path().join("ks"));
		assert_eq!(keystore.account("//Alice").unwrap().to_string(), ALICE);
		assert_eq!(keystore.account(ALICE).unwrap().to_string(), ALICE);
		// The dev phrase with a derivation is //Alice.
		let alice = format!("{}//Alice", subxt_signer::DEV_PHRASE);
		assert_eq!(keystore.account(&alice).unwrap().to_string(), ALICE);
		// An address signs only if its key is in the keystore.
		let err = keystore.signer(ALICE).err().unwrap();
		assert!(err.to_string().contains("no key for"), "{err}");
		assert!(keystore.account("not an account").is_err());
		assert!(keystore.account("").is_err());
	}

	#[test]
	fn keys_are_stored_one_file_each_in_the_reference_layout() {
		let dir = tempfile::tempdir().unwrap();
		let keystore = Keystore::new(dir.path());
		let key = keystore.generate().unwrap();
		assert_eq!(key.secret.split_whitespace().count(), 12);
		let alice = keystore.insert("//Alice").unwrap();
		let listed = keystore.list().unwrap();
		assert_eq!(listed.len(), 2);
		assert!(listed.contains(&key.account()) && listed.contains(&alice.account()));

		let file = dir.path().join(format!("73723235{}", hex::encode(alice.account().0)));
		assert_eq!(fs::read_to_string(file).unwrap(), "\"//Alice\"");
		assert_eq!(keystore.secret(&key.account()).unwrap(), Some(key.secret.clone()));
		// The address now signs with the stored key.
		let signer = keystore.signer(&key.account().to_string()).unwrap();
		assert_eq!(signer.account(), key.account());
	}
}
