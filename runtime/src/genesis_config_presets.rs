// SPDX-License-Identifier: GPL-3.0-or-later
//! Genesis presets: `development` (instant-sealed, //Alice), `local_testnet` (Alice + Bob
//! validators) and `testnet` (Alice as the genesis validator, 10-minute phases, for bot runs and
//! `scripts/testnet`).

use crate::*;
use alloc::{vec, vec::Vec};
use convene_primitives::scheduler::PhaseDurations;
use frame::deps::sp_genesis_builder::PresetId;
pub use frame::deps::sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use frame::runtime::apis::sr25519::AuthorityId as AuraId;
use pallet_grandpa::AuthorityId as GrandpaId;
use serde_json::Value;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Name of the preset with 10-minute phases.
pub const TESTNET_RUNTIME_PRESET: &str = "testnet";

/// What every dev account is endowed with: 1 million tokens.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// 20-minute phases (a one-hour cycle), as on the reference's dev chain.
const DEV_PHASE_DURATION: Moment = 20 * 60 * 1000;
/// 10-minute phases for the bot testnet.
const TESTNET_PHASE_DURATION: Moment = 10 * 60 * 1000;
/// One-minute sessions (10 Aura slots) on Aura + GRANDPA chains: a validator added by governance
/// authors within two minutes.
const TESTNET_SESSION_LENGTH: BlockNumber = 10;

struct Preset {
	/// Validators: Aura (sr25519) and GRANDPA (ed25519) keys of the same dev name.
	authorities: Vec<(Sr25519Keyring, Ed25519Keyring)>,
	phase_duration: Moment,
	/// Instant sealing; sessions then never end (their full-weight rotation block would hold
	/// back the transaction that triggered it).
	instant_sealing: bool,
}

fn genesis(preset: Preset) -> Value {
	let endowed: Vec<(AccountId, Balance)> = Sr25519Keyring::iter()
		.filter(|k| *k != Sr25519Keyring::One && *k != Sr25519Keyring::Two)
		.map(|k| (k.to_account_id(), ENDOWMENT))
		.collect();
	let validators: Vec<AccountId> =
		preset.authorities.iter().map(|(sr, _)| sr.to_account_id()).collect();
	// Aura's and GRANDPA's authorities come from these keys through Session.
	let session_keys: Vec<(AccountId, AccountId, opaque::SessionKeys)> = preset
		.authorities
		.iter()
		.map(|(sr, ed)| {
			let keys = opaque::SessionKeys {
				aura: AuraId::from(sr.public()),
				grandpa: GrandpaId::from(ed.public()),
			};
			(sr.to_account_id(), sr.to_account_id(), keys)
		})
		.collect();
	let session_length = if preset.instant_sealing { 0 } else { TESTNET_SESSION_LENGTH };
	serde_json::json!({
		"balances": { "balances": endowed },
		"sudo": { "key": Some(Sr25519Keyring::Alice.to_account_id()) },
		"validatorSet": { "initialValidators": validators, "sessionLength": session_length },
		"session": { "keys": session_keys },
		"devMode": { "instantSealing": preset.instant_sealing },
		"ceremonyScheduler": {
			"currentPhase": CeremonyPhase::Registering,
			"currentCeremonyIndex": 1,
			"phaseDurations": PhaseDurations::uniform(preset.phase_duration),
		},
		// Every preset is a dev or test chain: any signed account may found communities.
		"communities": { "openCreation": true },
		// A fee of one native token costs one nominal income of the paying community.
		"communityBalances": { "feeConversionFactor": "1" },
		// The reference's dev values: 5 endorsements each, attendances count for 337 ceremonies;
		// a community without an evaluated meetup in 1000 ceremonies is purged.
		"ceremonies": {
			"endorsementTicketsPerBootstrapper": 5,
			"endorsementTicketsPerReputable": 5,
			"reputationLifetime": 337,
			"meetupTimeOffset": 0,
			"inactivityTimeout": 1000,
		},
	})
}

/// The preset named `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => genesis(Preset {
			authorities: vec![(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
			phase_duration: DEV_PHASE_DURATION,
			instant_sealing: true,
		}),
		LOCAL_TESTNET_RUNTIME_PRESET => genesis(Preset {
			authorities: vec![
				(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
				(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			],
			phase_duration: DEV_PHASE_DURATION,
			instant_sealing: false,
		}),
		TESTNET_RUNTIME_PRESET => genesis(Preset {
			authorities: vec![(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
			phase_duration: TESTNET_PHASE_DURATION,
			instant_sealing: false,
		}),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// Names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(TESTNET_RUNTIME_PRESET),
	]
}
