// SPDX-License-Identifier: GPL-3.0-or-later
//! Chain specifications, built from the runtime's genesis presets.

use convene_runtime::{
	genesis_config_presets::{
		self, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET, TESTNET_RUNTIME_PRESET,
	},
	SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::{ChainType, Properties};
use std::path::PathBuf;

/// A chain specification for Convene (no node-side extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> Properties {
	let mut p = Properties::new();
	p.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	p.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm =
		WASM_BINARY.ok_or("the runtime's wasm binary is missing: build without SKIP_WASM_BUILD")?;
	// The preset is read natively (the same code the wasm runtime runs), which saves compiling
	// the runtime once more at every start; the spec then carries the preset as a patch.
	let patch = genesis_config_presets::get_preset(&preset.into())
		.ok_or_else(|| format!("the runtime has no genesis preset `{preset}`"))?;
	let patch = serde_json::from_slice(&patch).map_err(|e| format!("preset `{preset}`: {e}"))?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_patch(patch)
		.with_properties(properties())
		.build())
}

/// The chain named `id` on the command line: `dev`, `local`, `testnet`, or a chain-spec file.
pub fn load(id: &str) -> Result<ChainSpec, String> {
	match id {
		"dev" => {
			from_preset("Convene Development", "dev", ChainType::Development, DEV_RUNTIME_PRESET)
		},
		"" | "local" => from_preset(
			"Convene Local Testnet",
			"local_testnet",
			ChainType::Local,
			LOCAL_TESTNET_RUNTIME_PRESET,
		),
		"testnet" => from_preset(
			"Convene Testnet",
			"convene_testnet",
			ChainType::Live,
			TESTNET_RUNTIME_PRESET,
		),
		path => {
			let file = PathBuf::from(path);
			if !file.is_file() {
				return Err(format!(
					"unknown chain `{path}`: use dev, local, testnet or the path of a chain-spec JSON file"
				));
			}
			ChainSpec::from_json_file(file)
				.map_err(|e| format!("cannot read chain spec `{path}`: {e}"))
		},
	}
}
