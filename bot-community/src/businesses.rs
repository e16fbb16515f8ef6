// SPDX-License-Identifier: GPL-3.0-or-later
//! Random businesses and offerings for a bot community: descriptions written under
//! `<folder>/businesses/` and `<folder>/offerings/`, published to IPFS, and registered in the
//! bazaar by bots that have no business yet.

use crate::{bot::Bot, progress::Progress, spec::word};
use convene_client::{
	error::{bad_input, Result},
	ipfs::Publisher,
	keystore::Key,
	runtime::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
};
use rand::Rng;
use serde_json::json;
use std::{collections::BTreeSet, path::Path};
use subxt::utils::{AccountId32, Static};

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
	let chain = bot.submitter.chain();
	let cid = bot.cid;
	let existing: BTreeSet<AccountId32> = chain
		.every_page(|after, limit| {
			runtime::runtime_apis().bazaar_api().businesses(Static(cid), after, limit)
		})
		.await?
		.into_iter()
		.map(|(owner, _)| owner)
		.collect();
	let details = chain.community(cid).await?;
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
		let call = runtime::transactions()
			.bazaar()
			.create_business(Static(cid), BoundedVec(id.into_bytes()));
		jobs.push((call, &owner.pair));
	}
	let progress = Progress::new("creating businesses", jobs.len());
	let created = bot.submitter.submit_all(jobs, &progress).await?;
	progress.finish();
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
		let call = runtime::transactions()
			.bazaar()
			.create_offering(Static(cid), BoundedVec(id.into_bytes()));
		jobs.push((call, &owner.pair));
	}
	let progress = Progress::new("creating offerings", jobs.len());
	let created = bot.submitter.submit_all(jobs, &progress).await?;
	progress.finish();
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

fn capitalised(word: &str) -> String {
	let mut chars = word.chars();
	chars
		.next()
		.map(|c| c.to_uppercase().chain(chars).collect())
		.unwrap_or_default()
}
