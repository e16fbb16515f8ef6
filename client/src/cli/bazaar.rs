// SPDX-License-Identifier: GPL-3.0-or-later
//! The bazaar: businesses and their offerings, described by IPFS content.

use super::{text, tx_output, Ctx, Output};
use clap::Args;
use convene_client::TxOutcome;
use convene_client::{
	error::{bad_input, Result},
	runtime::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
};
use convene_primitives::{community::CommunityIdentifier, metadata::is_cid_v0};
use serde_json::{json, Value as Json};
use std::path::PathBuf;
use subxt::transactions::Payload;
use subxt::utils::Static;

/// The description of a business or offering: an IPFS id, or a file to publish.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct Description {
	/// The IPFS content id (CIDv0) of the description.
	#[arg(long)]
	pub ipfs_cid: Option<String>,
	/// A description file (JSON) to publish to IPFS first.
	#[arg(long)]
	pub file: Option<PathBuf>,
}

/// `create-business` / `update-business` / `create-offering`
#[derive(Args, Debug)]
pub struct Describe {
	/// The business's controlling account (signs).
	pub account: String,
	#[command(flatten)]
	pub description: Description,
}

/// `delete-business ACCOUNT --cid C`
#[derive(Args, Debug)]
pub struct DeleteBusiness {
	/// The business's controlling account (signs).
	pub account: String,
}

/// `delete-offering ACCOUNT OFFERING --cid C`
#[derive(Args, Debug)]
pub struct DeleteOffering {
	/// The business's controlling account (signs).
	pub account: String,
	/// The offering's id.
	pub offering: u32,
}

/// `list-business-offerings ACCOUNT --cid C`
#[derive(Args, Debug)]
pub struct BusinessOfferings {
	/// The business's controlling account.
	pub account: String,
}

/// The description's content id: given, or published.
fn content_id(ctx: &Ctx, d: &Description) -> Result<(String, Option<serde_json::Value>)> {
	match (&d.ipfs_cid, &d.file) {
		(Some(id), _) => {
			if !is_cid_v0(id.as_bytes()) {
				return Err(bad_input(format!(
					"--ipfs-cid {id:?}: not a CIDv0 content id (46 base58 characters, Qm…)"
				)));
			}
			Ok((id.clone(), None))
		},
		(None, Some(path)) => {
			let content =
				std::fs::read(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))?;
			let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("description.json");
			let published = ctx.publisher().publish(name, &content)?;
			if published.local_only {
				log::warn!(
					"no IPFS service configured (--ipfs-local or IPFS_ADD_URL): {} is kept only in {}",
					published.cid,
					published.stored_at
				);
			}
			let json = json!({ "cid": published.cid, "stored_at": published.stored_at, "local_only": published.local_only });
			Ok((published.cid, Some(json)))
		},
		(None, None) => Err(bad_input("give --ipfs-cid or --file")),
	}
}

fn url(id: &str) -> BoundedVec<u8> {
	BoundedVec(id.as_bytes().to_vec())
}

/// Submit the call `make` builds from the community and the description's content id; `what`
/// names the action from its outcome (text, and JSON fields to add).
async fn described<Call: Payload>(
	ctx: &Ctx,
	args: Describe,
	make: impl FnOnce(Static<CommunityIdentifier>, BoundedVec<u8>) -> Call,
	what: impl FnOnce(&TxOutcome) -> (String, Json),
) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let (id, published) = content_id(ctx, &args.description)?;
	let outcome = ctx.submit(&make(Static(cid), url(&id)), &key).await?;
	let (text, mut extra) = what(&outcome);
	extra["cid"] = cid.to_string().into();
	extra["ipfs_cid"] = id.into();
	extra["published"] = published.into();
	Ok(tx_output(&format!("{text} of {} in {cid}", key.account()), &outcome, extra))
}

/// `create-business`
pub async fn create_business(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(
		ctx,
		args,
		|cid, url| runtime::transactions().bazaar().create_business(cid, url),
		|_| ("created the business".into(), json!({})),
	)
	.await
}

/// `update-business`
pub async fn update_business(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(
		ctx,
		args,
		|cid, url| runtime::transactions().bazaar().update_business(cid, url),
		|_| ("updated the business".into(), json!({})),
	)
	.await
}

/// `delete-business`
pub async fn delete_business(ctx: &Ctx, args: DeleteBusiness) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let call = runtime::transactions().bazaar().delete_business(Static(cid));
	let outcome = ctx.submit(&call, &key).await?;
	Ok(tx_output(
		&format!("deleted the business of {} in {cid}", key.account()),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}

/// `create-offering`
pub async fn create_offering(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(
		ctx,
		args,
		|cid, url| runtime::transactions().bazaar().create_offering(cid, url),
		|outcome| {
			let offering = outcome
				.event("Bazaar", "OfferingCreated")
				.and_then(|e| e.fields.get("oid").cloned())
				.unwrap_or_default();
			(format!("created offering {offering}"), json!({ "offering": offering }))
		},
	)
	.await
}

/// `delete-offering`
pub async fn delete_offering(ctx: &Ctx, args: DeleteOffering) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let call = runtime::transactions().bazaar().delete_offering(Static(cid), args.offering);
	let outcome = ctx.submit(&call, &key).await?;
	Ok(tx_output(
		&format!("deleted offering {} of {} in {cid}", args.offering, key.account()),
		&outcome,
		json!({ "cid": cid.to_string(), "offering": args.offering }),
	))
}

/// `list-businesses`
pub async fn list_businesses(ctx: &Ctx) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let businesses = ctx
		.chain()
		.await?
		.every_page(|after, limit| {
			runtime::runtime_apis().bazaar_api().businesses(Static(cid), after, limit)
		})
		.await?;
	let lines: Vec<_> = businesses
		.iter()
		.map(|(who, b)| format!("{who}: {} ({} offerings)", text(&b.url.0), b.offerings))
		.collect();
	let list: Vec<_> = businesses
		.iter()
		.map(|(who, b)| {
			json!({ "controller": who.to_string(), "ipfs_cid": text(&b.url.0), "offerings": b.offerings, "next_offering": b.next_oid })
		})
		.collect();
	Ok(Output::new(
		format!("number of businesses: {}\n{}", businesses.len(), lines.join("\n"))
			.trim_end()
			.to_owned(),
		json!({ "cid": cid.to_string(), "businesses": list }),
	))
}

/// `list-offerings`
pub async fn list_offerings(ctx: &Ctx) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let mut offerings = ctx
		.chain()
		.await?
		.every_page(|after, limit| {
			runtime::runtime_apis().bazaar_api().offerings(Static(cid), after, limit)
		})
		.await?;
	// By controller, then id.
	offerings.sort_by_key(|(who, oid, _)| (who.0, *oid));
	let lines: Vec<_> = offerings
		.iter()
		.map(|(who, oid, url)| format!("{who} #{oid}: {}", text(&url.0)))
		.collect();
	let list: Vec<_> = offerings
		.iter()
		.map(|(who, oid, url)| json!({ "controller": who.to_string(), "offering": oid, "ipfs_cid": text(&url.0) }))
		.collect();
	Ok(Output::new(
		format!("number of offerings: {}\n{}", offerings.len(), lines.join("\n"))
			.trim_end()
			.to_owned(),
		json!({ "cid": cid.to_string(), "offerings": list }),
	))
}

/// `list-business-offerings`
pub async fn business_offerings(ctx: &Ctx, args: BusinessOfferings) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let who = ctx.account(&args.account)?;
	let offerings = ctx
		.chain()
		.await?
		.call(runtime::runtime_apis().bazaar_api().business_offerings(Static(cid), who))
		.await?;
	let lines: Vec<_> =
		offerings.iter().map(|(oid, url)| format!("#{oid}: {}", text(&url.0))).collect();
	let list: Vec<_> = offerings
		.iter()
		.map(|(oid, url)| json!({ "offering": oid, "ipfs_cid": text(&url.0) }))
		.collect();
	Ok(Output::new(
		format!("number of offerings: {}\n{}", offerings.len(), lines.join("\n"))
			.trim_end()
			.to_owned(),
		json!({ "cid": cid.to_string(), "controller": who.to_string(), "offerings": list }),
	))
}
