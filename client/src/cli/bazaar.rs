// SPDX-License-Identifier: GPL-3.0-or-later
//! The bazaar: businesses and their offerings, described by IPFS content.

use super::{text, tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	bazaar::Bazaar,
	error::{bad_input, Result},
	TxOutcome,
};
use convene_primitives::{community::CommunityIdentifier, metadata::is_cid_v0};
use serde_json::{json, Value as Json};
use std::path::PathBuf;
use subxt_signer::sr25519::Keypair;

/// Businesses and offerings.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Register a business in --cid, described by --ipfs-cid or a --file to publish.
	CreateBusiness(Describe),
	/// Change a business's description.
	UpdateBusiness(Describe),
	/// Delete a business and its offerings.
	DeleteBusiness(DeleteBusiness),
	/// Add an offering to a business, described by --ipfs-cid or a --file to publish.
	CreateOffering(Describe),
	/// Delete an offering.
	DeleteOffering(DeleteOffering),
	/// The businesses of --cid.
	ListBusinesses,
	/// The offerings of --cid.
	ListOfferings,
	/// The offerings of one business of --cid.
	ListBusinessOfferings(BusinessOfferings),
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::CreateBusiness(a) => create_business(ctx, a).await,
			Self::UpdateBusiness(a) => update_business(ctx, a).await,
			Self::DeleteBusiness(a) => delete_business(ctx, a).await,
			Self::CreateOffering(a) => create_offering(ctx, a).await,
			Self::DeleteOffering(a) => delete_offering(ctx, a).await,
			Self::ListBusinesses => list_businesses(ctx).await,
			Self::ListOfferings => list_offerings(ctx).await,
			Self::ListBusinessOfferings(a) => business_offerings(ctx, a).await,
		}
	}
}

/// The bazaar handle of the connection.
async fn bazaar(ctx: &Ctx) -> Result<Bazaar<'_>> {
	Ok(ctx.chain().await?.bazaar())
}

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

/// Submit what `act` does with the community and the description's content id; `what` names
/// the action from its outcome (text, and JSON fields to add).
async fn described(
	ctx: &Ctx,
	args: Describe,
	act: impl AsyncFnOnce(
		Bazaar<'_>,
		&Keypair,
		CommunityIdentifier,
		&str,
	) -> Result<(TxOutcome, String, Json)>,
) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let (id, published) = content_id(ctx, &args.description)?;
	let (outcome, text, mut extra) = act(bazaar(ctx).await?, &key.pair, cid, &id).await?;
	extra["cid"] = cid.to_string().into();
	extra["ipfs_cid"] = id.into();
	extra["published"] = published.into();
	Ok(tx_output(&format!("{text} of {} in {cid}", key.account()), &outcome, extra))
}

/// `create-business`
async fn create_business(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(ctx, args, async |bazaar, key, cid, url| {
		let outcome = bazaar.describe_business(key, cid, url, false).await?;
		Ok((outcome, "created the business".into(), json!({})))
	})
	.await
}

/// `update-business`
async fn update_business(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(ctx, args, async |bazaar, key, cid, url| {
		let outcome = bazaar.describe_business(key, cid, url, true).await?;
		Ok((outcome, "updated the business".into(), json!({})))
	})
	.await
}

/// `delete-business`
async fn delete_business(ctx: &Ctx, args: DeleteBusiness) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let outcome = bazaar(ctx).await?.delete_business(&key.pair, cid).await?;
	Ok(tx_output(
		&format!("deleted the business of {} in {cid}", key.account()),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}

/// `create-offering`
async fn create_offering(ctx: &Ctx, args: Describe) -> Result<Output> {
	described(ctx, args, async |bazaar, key, cid, url| {
		let (offering, outcome) = bazaar.create_offering(key, cid, url).await?;
		Ok((outcome, format!("created offering {offering}"), json!({ "offering": offering })))
	})
	.await
}

/// `delete-offering`
async fn delete_offering(ctx: &Ctx, args: DeleteOffering) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let key = ctx.signer(&args.account)?;
	let outcome = bazaar(ctx).await?.delete_offering(&key.pair, cid, args.offering).await?;
	Ok(tx_output(
		&format!("deleted offering {} of {} in {cid}", args.offering, key.account()),
		&outcome,
		json!({ "cid": cid.to_string(), "offering": args.offering }),
	))
}

/// `list-businesses`
async fn list_businesses(ctx: &Ctx) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let businesses = bazaar(ctx).await?.businesses(cid).await?;
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
async fn list_offerings(ctx: &Ctx) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	// By controller, then id.
	let offerings = bazaar(ctx).await?.offerings(cid).await?;
	let lines: Vec<_> =
		offerings.iter().map(|(who, oid, url)| format!("{who} #{oid}: {url}")).collect();
	let list: Vec<_> = offerings
		.iter()
		.map(
			|(who, oid, url)| json!({ "controller": who.to_string(), "offering": oid, "ipfs_cid": url }),
		)
		.collect();
	Ok(Output::new(
		format!("number of offerings: {}\n{}", offerings.len(), lines.join("\n"))
			.trim_end()
			.to_owned(),
		json!({ "cid": cid.to_string(), "offerings": list }),
	))
}

/// `list-business-offerings`
async fn business_offerings(ctx: &Ctx, args: BusinessOfferings) -> Result<Output> {
	let (cid, _) = ctx.community().await?;
	let who = ctx.account(&args.account)?;
	let offerings = bazaar(ctx).await?.business_offerings(cid, &who).await?;
	let lines: Vec<_> = offerings.iter().map(|(oid, url)| format!("#{oid}: {url}")).collect();
	let list: Vec<_> = offerings
		.iter()
		.map(|(oid, url)| json!({ "offering": oid, "ipfs_cid": url }))
		.collect();
	Ok(Output::new(
		format!("number of offerings: {}\n{}", offerings.len(), lines.join("\n"))
			.trim_end()
			.to_owned(),
		json!({ "cid": cid.to_string(), "controller": who.to_string(), "offerings": list }),
	))
}
