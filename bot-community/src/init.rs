// SPDX-License-Identifier: GPL-3.0-or-later
//! `init`: bootstrapper bots, funded through the faucet, a random specfile, and the community
//! founded from it.

use crate::{
	agents::Agents,
	ctx::{Ctx, CID_FILE},
	faucet,
	spec::{self, BotSpec},
};
use clap::Args;
use convene_client::{
	communities::{self, Registrar},
	error::{bad_input, Result},
	ipfs::Publisher,
	specfile::CommunitySpec,
	Chain,
};
use convene_primitives::{community::CommunityIdentifier, scheduler::CeremonyPhase};
use std::{path::Path, time::Duration};

#[derive(Args, Debug, Clone)]
pub struct Init {
	/// Publish the icon through the local IPFS HTTP API (http://127.0.0.1:5001).
	#[arg(short = 'l', long)]
	pub ipfs_local: bool,
	/// Bootstrappers (3 to 12).
	#[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(3..=12))]
	pub bootstrappers: u32,
	/// Meetup locations (at most 12 participants meet at each).
	#[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
	pub locations: u32,
	/// Delete the keys already in the keystore first.
	#[arg(long)]
	pub purge: bool,
}

/// `init`
pub async fn init(ctx: &Ctx, args: &Init, faucet_url: &str) -> Result<CommunityIdentifier> {
	let keystore = ctx.keystore();
	let existing = keystore.list()?;
	if !existing.is_empty() {
		if !args.purge {
			return Err(bad_input(format!(
				"the keystore {} holds {} keys already: every key in it is a bot; give --purge \
				 to delete them, or --keystore for another folder",
				keystore.dir().display(),
				existing.len()
			)));
		}
		std::fs::remove_dir_all(keystore.dir())
			.map_err(|e| bad_input(format!("cannot purge {}: {e}", keystore.dir().display())))?;
	}
	let mut agents = Agents::load(keystore.clone(), ctx.global.seed)?;
	let bootstrappers = agents.create(args.bootstrappers as usize)?;
	faucet::request(faucet_url, &bootstrappers).await?;

	let mut rng = ctx.rng();
	let (name, symbol) = BotSpec::name(&mut rng);
	let publisher = Publisher::from_env(args.ipfs_local, &ctx.global.ipfs_dir);
	let icon = publisher.publish("icon.svg", &spec::icon(&symbol, &mut rng))?;
	if icon.local_only {
		log::warn!(
			"no IPFS service configured (-l or IPFS_ADD_URL): the icon is kept only in {}",
			icon.stored_at
		);
	}
	let center = spec::random_center(&mut rng);
	let locations = spec::random_locations(&mut rng, center, args.locations as usize);
	let bot_spec = BotSpec { name, symbol, assets: icon.cid, bootstrappers, locations };
	let text = serde_json::to_string_pretty(&bot_spec.geojson()).unwrap_or_default();
	let path = format!("{}.json", bot_spec.name);
	std::fs::write(&path, &text).map_err(|e| bad_input(format!("cannot write {path}: {e}")))?;
	let spec = CommunitySpec::parse(&text, &keystore)?;

	wait_for(&ctx.chain, CeremonyPhase::Registering).await?;
	let founder = agents
		.key_of(&spec.bootstrappers[0])
		.ok_or_else(|| bad_input("the first bootstrapper's key is missing"))?;
	let registrar = Registrar { key: founder, sudo: false, batch_size: None };
	let rest = communities::rest_file(Path::new(&path));
	let (cid, _) = ctx.chain.communities().found(&spec, &registrar, &rest).await?;
	std::fs::write(CID_FILE, format!("{cid}\n"))
		.map_err(|e| bad_input(format!("cannot write {CID_FILE}: {e}")))?;
	eprintln!(
		"founded {} ({}) with {} bootstrappers and {} locations; specfile {path}",
		bot_spec.name, bot_spec.symbol, args.bootstrappers, args.locations
	);
	Ok(cid)
}

/// Wait until the chain is in `phase`.
pub async fn wait_for(chain: &Chain, phase: CeremonyPhase) -> Result<()> {
	let mut told = false;
	while chain.ceremonies().info().await?.phase != phase {
		if !told {
			eprintln!("waiting for the {phase:?} phase");
			told = true;
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	Ok(())
}
