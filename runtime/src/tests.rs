// SPDX-License-Identifier: GPL-3.0-or-later
//! Runtime-level checks: every genesis preset builds, pallets' integrity tests pass, and the
//! presets set what the node relies on.

use crate::*;
use frame::{deps::sp_io::TestExternalities, traits::IntegrityTest};

/// The state a node builds from preset `name`: the preset patched onto the default genesis
/// config (as `sc-chain-spec` does), then `build_state`.
fn preset_storage(name: &str) -> TestExternalities {
	let id = frame::deps::sp_genesis_builder::PresetId::from(name);
	let patch = genesis_config_presets::get_preset(&id).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	sc_chain_spec::json_merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
	let mut ext = TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(config.to_string().into_bytes())
			.expect("preset builds");
	});
	ext
}

#[test]
fn every_preset_builds_and_passes_integrity_tests() {
	for name in genesis_config_presets::preset_names() {
		preset_storage(&name).execute_with(|| {
			AllPalletsWithSystem::integrity_test();
			assert_eq!(pallet_ceremony_scheduler::CurrentCeremonyIndex::<Runtime>::get(), 1);
			assert!(!pallet_aura::Authorities::<Runtime>::get().is_empty(), "{name}");
		});
	}
}

#[test]
fn only_the_development_preset_allows_several_blocks_per_slot() {
	use frame::traits::Get;
	let allows = |name: &str| {
		preset_storage(name)
			.execute_with(<Runtime as pallet_aura::Config>::AllowMultipleBlocksPerSlot::get)
	};
	assert!(allows("development"));
	assert!(!allows("local_testnet"));
	assert!(!allows("testnet"));
}

#[test]
fn testnet_phases_last_ten_minutes() {
	preset_storage("testnet").execute_with(|| {
		let d = pallet_ceremony_scheduler::PhaseDurationsOf::<Runtime>::get();
		assert_eq!(d, convene_primitives::scheduler::PhaseDurations::uniform(600_000));
	});
}

#[test]
fn unknown_preset_is_none() {
	let id = frame::deps::sp_genesis_builder::PresetId::from("nope");
	assert!(genesis_config_presets::get_preset(&id).is_none());
}

/// On every preset (all dev or test chains) a signed account founds a community; the runtime
/// API reads it back with the runtime's defaults.
#[test]
fn signed_accounts_found_communities_on_the_presets() {
	use convene_primitives::{fixed::I64F64, metadata::CommunityMetadata};
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
	for name in genesis_config_presets::preset_names() {
		preset_storage(&name).execute_with(|| {
			let location =
				pallet_communities::Location::new(I64F64::from_int(47), I64F64::from_int(8));
			let bootstrappers: Vec<AccountId> =
				[Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect();
			let metadata = CommunityMetadata {
				name: b"Test".to_vec().try_into().unwrap(),
				symbol: b"TST".to_vec().try_into().unwrap(),
				assets: b"QmW6WLLhUPsosBcKebejveknjrSQjZjq5eYFVBRaAZAs9g"
					.to_vec()
					.try_into()
					.unwrap(),
				theme: None,
				url: None,
			};
			assert!(Communities::new_community(
				RuntimeOrigin::signed(Alice.to_account_id()),
				location,
				bootstrappers.clone().try_into().unwrap(),
				metadata.clone(),
				None,
				None,
			)
			.is_ok());
			let cid = Communities::communities()[0].0;
			let details = Communities::community(cid).unwrap();
			assert_eq!(details.bootstrappers, bootstrappers);
			assert_eq!(details.demurrage, convene_primitives::demurrage::LN_2);
			assert_eq!(details.nominal_income, pallet_communities::U64F64::from_int(20));
			// Closed again by root, founding is root's alone.
			assert!(Communities::set_open_creation(RuntimeOrigin::root(), false).is_ok());
			let again = Communities::new_community(
				RuntimeOrigin::signed(Alice.to_account_id()),
				pallet_communities::Location::new(I64F64::from_int(-33), I64F64::from_int(18)),
				bootstrappers.try_into().unwrap(),
				metadata,
				None,
				None,
			);
			assert_eq!(again, Err(frame::prelude::DispatchError::BadOrigin));
		});
	}
}
