// SPDX-License-Identifier: GPL-3.0-or-later
//! The bots: every key in the keystore is one. New ones get keys derived from the seed, so that
//! a run is the same for the same seed.

use convene_client::{
	error::{bad_input, Result},
	keystore::{key_from_secret, Key, Keystore},
};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::collections::{btree_map::Entry, BTreeMap};
use subxt::utils::AccountId32;

/// The `n`-th bot key of `seed`, as a `0x` raw seed (no key derivation: fast for thousands).
pub fn secret(seed: u64, n: u64) -> String {
	let mut rng = ChaCha20Rng::seed_from_u64(seed);
	rng.set_stream(n);
	let mut bytes = [0u8; 32];
	rng.fill_bytes(&mut bytes);
	format!("0x{}", hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bots of a keystore.
pub struct Agents {
	keystore: Keystore,
	seed: u64,
	keys: Vec<Key>,
	index: BTreeMap<AccountId32, usize>,
}

impl Agents {
	/// Every key in `keystore`, ordered by account.
	pub fn load(keystore: Keystore, seed: u64) -> Result<Self> {
		let mut keys = Vec::new();
		for account in keystore.list()? {
			let secret = keystore.secret(&account)?.ok_or_else(|| {
				bad_input(format!(
					"the key of {account} vanished from {}",
					keystore.dir().display()
				))
			})?;
			keys.push(key_from_secret(&secret)?);
		}
		let mut agents = Self { keystore, seed, keys, index: BTreeMap::new() };
		agents.reindex();
		Ok(agents)
	}

	/// Keys ordered by account, and where each account is.
	fn reindex(&mut self) {
		self.keys.sort_by_key(|k| k.account().0);
		self.index = self.keys.iter().enumerate().map(|(i, k)| (k.account(), i)).collect();
	}

	/// The keys, ordered by account.
	pub fn keys(&self) -> &[Key] {
		&self.keys
	}

	/// How many there are.
	pub fn len(&self) -> usize {
		self.keys.len()
	}

	/// The key of `who`, if it is one of ours.
	pub fn key_of(&self, who: &AccountId32) -> Option<&Key> {
		self.index.get(who).map(|i| &self.keys[*i])
	}

	/// `count` new bots, stored in the keystore; their keys are the next ones of the seed that
	/// the keystore does not hold yet. Returns their accounts.
	pub fn create(&mut self, count: usize) -> Result<Vec<AccountId32>> {
		let mut created = Vec::with_capacity(count);
		let mut n = 0u64;
		while created.len() < count {
			let secret = secret(self.seed, n);
			n += 1;
			let key = key_from_secret(&secret)?;
			if let Entry::Vacant(slot) = self.index.entry(key.account()) {
				slot.insert(usize::MAX);
				self.keystore.insert(&secret)?;
				created.push(key.account());
				self.keys.push(key);
			}
		}
		self.reindex();
		Ok(created)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keys_follow_from_the_seed() {
		assert_eq!(secret(42, 0), secret(42, 0));
		assert_ne!(secret(42, 0), secret(42, 1));
		assert_ne!(secret(42, 0), secret(43, 0));
		assert_eq!(secret(42, 7).len(), 66);
	}

	#[test]
	fn created_bots_are_stored_and_not_made_twice() {
		let dir = tempfile::tempdir().unwrap();
		let keystore = Keystore::new(dir.path());
		let mut agents = Agents::load(keystore.clone(), 1).unwrap();
		let first = agents.create(3).unwrap();
		assert_eq!(agents.len(), 3);
		let mut again = Agents::load(keystore.clone(), 1).unwrap();
		assert_eq!(again.len(), 3);
		let more = again.create(2).unwrap();
		assert!(more.iter().all(|a| !first.contains(a)));
		assert_eq!(Agents::load(keystore, 1).unwrap().len(), 5);
		// Another seed makes other keys.
		let other = tempfile::tempdir().unwrap();
		let mut theirs = Agents::load(Keystore::new(other.path()), 2).unwrap();
		assert!(theirs.create(3).unwrap().iter().all(|a| !first.contains(a)));
	}
}
