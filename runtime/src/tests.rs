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
