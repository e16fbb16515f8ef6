// SPDX-License-Identifier: GPL-3.0-or-later
//! Random businesses and offerings for a bot community: descriptions written under
//! `<folder>/businesses/` and `<folder>/offerings/`, published to IPFS, and registered in the
//! bazaar by bots that have no business yet.

use crate::{bot::Bot, ctx::Ctx, spec::word};
use clap::Args;
use convene_client::{
	error::{bad_input, Result},
	ipfs::Publisher,
	keystore::Key,
};
use rand::Rng;
use serde_json::json;
use std::{
	collections::BTreeSet,
	path::{Path, PathBuf},
};
use subxt::utils::AccountId32;

/// What was registered.
pub struct Registered {
	/// Businesses created.
	pub businesses: usize,
	/// Offerings created.
	pub offerings: usize,
}

/// Write `content` to `folder/name` and publish it; returns its content id.
fn publish(
	publisher: &Publisher,
	folder: &Path,
	name: &str,
	content: &[u8],
	local_only: &mut Option<String>,
) -> Result<String> {
	std::fs::create_dir_all(folder)
		.map_err(|e| bad_input(format!("cannot create {}: {e}", folder.display())))?;
	let path = folder.join(name);
	std::fs::write(&path, content)
		.map_err(|e| bad_input(format!("cannot write {}: {e}", path.display())))?;
	let published = publisher.publish(name, content)?;
	if published.local_only {
		*local_only = Some(published.stored_at);
	}
	Ok(published.cid)
}

/// Create `businesses` random businesses, each run by a bot without one (bootstrappers first),
/// and `offerings` random offerings dealt among them.
pub async fn register(
	bot: &Bot,
	rng: &mut impl Rng,
	publisher: &Publisher,
	folder: &Path,
	businesses: usize,
	offerings: usize,
) -> Result<Registered> {
	let (chain, cid) = (&bot.chain, bot.cid);
	let bazaar = chain.bazaar();
	let existing: BTreeSet<AccountId32> =
		bazaar.businesses(cid).await?.into_iter().map(|(owner, _)| owner).collect();
	let details = chain.communities().details(cid).await?;
	let mut seen = BTreeSet::new();
	let owners: Vec<&Key> = details
		.bootstrappers
		.iter()
		.copied()
		.chain(bot.agents.keys().iter().map(Key::account))
		.filter(|a| !existing.contains(a) && seen.insert(*a))
		.filter_map(|a| bot.agents.key_of(&a))
		.take(businesses)
		.collect();
	if owners.len() < businesses {
		return Err(bad_input(format!(
			"only {} bots without a business are left for {businesses} businesses",
			owners.len()
		)));
	}

	let mut local_only = None;
	let mut jobs = Vec::new();
	for (n, owner) in owners.iter().enumerate() {
		let name = format!("{} {}", capitalised(word(rng)), capitalised(word(rng)));
		let description = json!({
			"name": name,
			"description": format!("A {} shop run by a bot of {cid}.", word(rng)),
			"category": "other",
			"image_cid": null,
		});
		let file = format!("business-{}-{}.json", owner.account(), n);
		let content = description.to_string();
		let id = publish(
			publisher,
			&folder.join("businesses"),
			&file,
			content.as_bytes(),
			&mut local_only,
		)?;
		jobs.push(async move { bazaar.describe_business(&owner.pair, cid, &id, false).await });
	}
	let created = bot.each("creating businesses".into(), jobs).await;
	for result in created {
		result?;
	}

	let mut jobs = Vec::new();
	for n in 0..offerings {
		let owner = owners[n % owners.len()];
		let description = json!({
			"name": capitalised(word(rng)),
			"price": rng.gen_range(1..100),
			"community": cid.to_string(),
			"image_cid": null,
		});
		let file = format!("offering-{}-{n}.json", owner.account());
		let content = description.to_string();
		let id = publish(
			publisher,
			&folder.join("offerings"),
			&file,
			content.as_bytes(),
			&mut local_only,
		)?;
		jobs.push(async move { bazaar.create_offering(&owner.pair, cid, &id).await });
	}
	let created = bot.each("creating offerings".into(), jobs).await;
	for result in created {
		result?;
	}
	if let Some(folder) = local_only {
		log::warn!(
			"no IPFS service configured (-l or IPFS_ADD_URL): the descriptions are kept only in \
			 {folder}"
		);
	}
	Ok(Registered { businesses, offerings })
}

/// `register-businesses`: its flags.
#[derive(Args, Debug)]
pub struct BusinessArgs {
	/// Publish through the local IPFS HTTP API (http://127.0.0.1:5001).
	#[arg(short = 'l', long)]
	pub ipfs_local: bool,
	/// Businesses to create.
	#[arg(long, default_value_t = 2)]
	pub businesses: usize,
	/// Offerings to create, dealt among the new businesses.
	#[arg(long, default_value_t = 5)]
	pub offerings: usize,
	/// Where the descriptions are written.
	#[arg(long, default_value = "test-data/bazaar")]
	pub folder: PathBuf,
}

/// `register-businesses`: with the flags' counts, in the community of cid.txt.
pub async fn register_args(ctx: &Ctx, args: &BusinessArgs) -> Result<()> {
	let bot = ctx.bot(&ctx.faucet_url()).await?;
	let publisher = Publisher::from_env(args.ipfs_local, &ctx.global.ipfs_dir);
	let done =
		register(&bot, &mut ctx.rng(), &publisher, &args.folder, args.businesses, args.offerings)
			.await?;
	println!(
		"{} businesses with {} offerings created in {}",
		done.businesses, done.offerings, bot.cid
	);
	Ok(())
}

fn capitalised(word: &str) -> String {
	let mut chars = word.chars();
	chars
		.next()
		.map(|c| c.to_uppercase().chain(chars).collect())
		.unwrap_or_default()
}
