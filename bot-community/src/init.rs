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
	communities::{self, Place, Registrar},
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
	let cid = found_sharing_deposits(ctx, &agents, &spec, Path::new(&path)).await?;
	std::fs::write(CID_FILE, format!("{cid}\n"))
		.map_err(|e| bad_input(format!("cannot write {CID_FILE}: {e}")))?;
	eprintln!(
		"founded {} ({}) with {} bootstrappers and {} locations; specfile {path}",
		bot_spec.name, bot_spec.symbol, args.bootstrappers, args.locations
	);
	Ok(cid)
}

/// Found the community of `spec`, its bootstrappers sharing the deposits: the first founds it
/// with its share of the locations, and each of the others adds its share (a faucet's drip
/// pays for a hundred locations or so, not for a thousand).
async fn found_sharing_deposits(
	ctx: &Ctx,
	agents: &Agents,
	spec: &CommunitySpec,
	path: &Path,
) -> Result<CommunityIdentifier> {
	let communities = ctx.chain.communities();
	let rest = communities::rest_file(path);
	let key = |who| agents.key_of(who).ok_or_else(|| bad_input(format!("no key for {who}")));
	let share = spec.locations.len().div_ceil(spec.bootstrappers.len().max(1)).max(1);
	let places = Place::all(&spec.locations, &spec.features);
	let mut shares = places.chunks(share);
	let founding = CommunitySpec {
		locations: spec.locations.iter().take(share).copied().collect(),
		features: spec.features.iter().take(share).copied().collect(),
		..spec.clone()
	};
	shares.next();
	let first = spec.bootstrappers.first().ok_or_else(|| bad_input("no bootstrapper"))?;
	let founder = Registrar { key: key(first)?, sudo: false, batch_size: None };
	let (cid, _) = communities.found(&founding, &founder, &rest).await?;
	for (places, bootstrapper) in shares.zip(spec.bootstrappers.iter().cycle().skip(1)) {
		let registrar = Registrar { key: key(bootstrapper)?, sudo: false, batch_size: None };
		communities.add_locations(cid, places, &registrar, &rest).await?;
	}
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
