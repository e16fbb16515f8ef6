// SPDX-License-Identifier: GPL-3.0-or-later
//! Communities: founding from a specfile, locations, issuance.

use super::{text, tx_output, Ctx, Output};
use clap::{Args, Subcommand};
use convene_client::{
	amount::native_text,
	communities::{self, Communities},
	error::{bad_input, Result},
	specfile::{parse_locations, CommunitySpec},
};
use convene_primitives::{fixed::I64F64, geo::Location};
use serde_json::json;
use std::path::PathBuf;

/// Communities and their locations.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Found a community from a GeoJSON specfile; prints its identifier on the last line.
	NewCommunity(NewCommunity),
	/// Every community with its name, locations, income and demurrage.
	ListCommunities,
	/// The meetup locations of --cid.
	ListLocations,
	/// Add the Point locations of a GeoJSON file to --cid (while registering).
	AddLocations(AddLocations),
	/// Remove a location of --cid (a bootstrapper or the founder, or Root with --sudo; while
	/// registering).
	RemoveLocation(RemoveLocation),
	/// The total issuance of --cid's currency (demurrage applied).
	Issuance,
}

impl Command {
	/// Run the command.
	pub async fn run(self, ctx: &Ctx) -> Result<Output> {
		match self {
			Self::NewCommunity(a) => new_community(ctx, a).await,
			Self::ListCommunities => list_communities(ctx).await,
			Self::ListLocations => list_locations(ctx).await,
			Self::AddLocations(a) => add_locations(ctx, a).await,
			Self::RemoveLocation(a) => remove_location(ctx, a).await,
			Self::Issuance => issuance(ctx).await,
		}
	}
}

/// How communities and their locations are registered.
#[derive(Args, Debug)]
pub struct Registrar {
	/// Who signs and pays the deposits: any account where founding is open (e.g. dev chains);
	/// for add-locations, one of the community's bootstrappers or its founder.
	#[arg(short, long, default_value = "//Alice")]
	pub signer: String,
	/// Send the calls through Sudo (chains where only Root may found communities; Root pays
	/// no deposits).
	#[arg(long)]
	pub sudo: bool,
	/// At most this many locations per `Utility.batch_all` transaction [default: as many as
	/// fit in one block, by the chain's weights].
	#[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
	pub batch_size: Option<u32>,
}

/// `new-community SPECFILE`
#[derive(Args, Debug)]
pub struct NewCommunity {
	/// The GeoJSON community specfile.
	pub specfile: PathBuf,
	#[command(flatten)]
	pub registrar: Registrar,
}

/// `add-locations FILE --cid C`
#[derive(Args, Debug)]
pub struct AddLocations {
	/// A GeoJSON FeatureCollection of Point features (longitude first).
	pub file: PathBuf,
	#[command(flatten)]
	pub registrar: Registrar,
}

/// `remove-location --cid C (--index N | --lat X --lon Y)`
#[derive(Args, Debug)]
pub struct RemoveLocation {
	/// The location's index, as `list-locations` shows it.
	#[arg(long, conflicts_with_all = ["lat", "lon"], required_unless_present_all = ["lat", "lon"])]
	pub index: Option<usize>,
	/// The location's latitude.
	#[arg(long, allow_hyphen_values = true, requires = "lon")]
	pub lat: Option<String>,
	/// The location's longitude.
	#[arg(long, allow_hyphen_values = true, requires = "lat")]
	pub lon: Option<String>,
	/// Who signs: one of the community's bootstrappers or its founder (who gets the location's
	/// deposit back if it paid it), or the sudo key with --sudo.
	#[arg(short, long, default_value = "//Alice")]
	pub signer: String,
	/// Send the call through Sudo (Root may change any community).
	#[arg(long)]
	pub sudo: bool,
}

fn read(path: &PathBuf) -> Result<String> {
	std::fs::read_to_string(path).map_err(|e| bad_input(format!("{}: {e}", path.display())))
}

impl Registrar {
	/// Register with these flags' key and options.
	async fn with<T>(
		&self,
		ctx: &Ctx,
		register: impl AsyncFnOnce(Communities<'_>, &communities::Registrar<'_>) -> Result<T>,
	) -> Result<T> {
		let key = ctx.signer(&self.signer)?;
		let registrar = communities::Registrar {
			key: &key,
			sudo: self.sudo,
			batch_size: self.batch_size.map(|n| n as usize),
		};
		register(ctx.chain().await?.communities(), &registrar).await
	}
}

/// `new-community`
async fn new_community(ctx: &Ctx, args: NewCommunity) -> Result<Output> {
	let spec = CommunitySpec::parse(&read(&args.specfile)?, &ctx.keystore)
		.map_err(|e| bad_input(format!("{}: {e}", args.specfile.display())))?;
	let (cid, transactions) = args
		.registrar
		.with(ctx, async |c, r| c.found(&spec, r, &communities::rest_file(&args.specfile)).await)
		.await?;
	let deposit = communities::deposits_held(&transactions);
	let summary = format!(
		"founded {} ({}) with {} locations; deposits held: {}\n{cid}",
		text(&spec.metadata.name),
		text(&spec.metadata.symbol),
		spec.locations.len(),
		native_text(deposit)
	);
	Ok(Output::new(
		summary,
		json!({
			"cid": cid.to_string(),
			"name": text(&spec.metadata.name),
			"locations": spec.locations.len(),
			"deposit": deposit.to_string(),
			"transactions": transactions,
		}),
	))
}

/// `list-communities`
async fn list_communities(ctx: &Ctx) -> Result<Output> {
	let chain = ctx.chain().await?.communities();
	let mut list = chain.list().await?;
	list.sort();
	let mut lines = vec![format!("number of communities: {}", list.len())];
	let mut communities = Vec::new();
	for cid in list {
		let d = chain.details(cid).await?;
		let m = &d.metadata.0;
		lines.push(format!(
			"{cid}: {}, locations: {}, nominal income: {} {}, demurrage: {}/year",
			text(&m.name),
			d.locations.len(),
			d.nominal_income.0,
			text(&m.symbol),
			d.demurrage.0
		));
		communities.push(json!({
			"cid": cid.to_string(),
			"name": text(&m.name),
			"symbol": text(&m.symbol),
			"assets": text(&m.assets),
			"locations": d.locations.len(),
			"bootstrappers": d.bootstrappers.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
			"nominal_income": d.nominal_income.0.to_string(),
			"demurrage_per_year": d.demurrage.0.to_string(),
		}));
	}
	Ok(Output::new(lines.join("\n"), json!({ "communities": communities })))
}

/// `list-locations`
async fn list_locations(ctx: &Ctx) -> Result<Output> {
	let (cid, details) = ctx.community().await?;
	let locations: Vec<Location> = details.locations.iter().map(|l| l.0).collect();
	let text = locations
		.iter()
		.enumerate()
		.map(|(i, l)| format!("{i}: lat: {} lon: {}", l.lat, l.lon))
		.collect::<Vec<_>>()
		.join("\n");
	let json_locations: Vec<_> = locations
		.iter()
		.enumerate()
		.map(|(i, l)| json!({ "index": i, "lat": l.lat.to_string(), "lon": l.lon.to_string() }))
		.collect();
	Ok(Output::new(text, json!({ "cid": cid.to_string(), "locations": json_locations })))
}

/// `add-locations`
async fn add_locations(ctx: &Ctx, args: AddLocations) -> Result<Output> {
	let points = parse_locations(&read(&args.file)?)
		.map_err(|e| bad_input(format!("{}: {e}", args.file.display())))?;
	if points.locations.is_empty() {
		return Err(bad_input(format!("{}: no Point feature", args.file.display())));
	}
	let (cid, _) = ctx.community().await?;
	let places = communities::Place::all(&points.locations, &points.features);
	let rest = communities::rest_file(&args.file);
	let transactions = args
		.registrar
		.with(ctx, async |c, r| c.add_locations(cid, &places, r, &rest).await)
		.await?;
	let deposit = communities::deposits_held(&transactions);
	Ok(Output::new(
		format!(
			"added {} locations to {cid}; deposits held: {}",
			places.len(),
			native_text(deposit)
		),
		json!({
			"cid": cid.to_string(),
			"added": places.len(),
			"deposit": deposit.to_string(),
			"transactions": transactions,
		}),
	))
}

/// `remove-location`
async fn remove_location(ctx: &Ctx, args: RemoveLocation) -> Result<Output> {
	let (cid, details) = ctx.community().await?;
	let location = match (args.index, &args.lat, &args.lon) {
		(Some(i), _, _) => details.locations.get(i).map(|l| l.0).ok_or_else(|| {
			bad_input(format!("--index {i}: {cid} has {} locations", details.locations.len()))
		})?,
		(None, Some(lat), Some(lon)) => {
			let degree = |s: &str, what: &str| {
				s.parse::<I64F64>().map_err(|e| bad_input(format!("--{what} {s:?}: {e}")))
			};
			Location::new(degree(lat, "lat")?, degree(lon, "lon")?)
		},
		_ => return Err(bad_input("give --index, or --lat and --lon")),
	};
	let key = ctx.signer(&args.signer)?;
	let communities = ctx.chain().await?.communities();
	let outcome = communities.remove_location(&key, cid, location, args.sudo).await?;
	Ok(tx_output(
		&format!("removed location {} {} from {cid}", location.lat, location.lon),
		&outcome,
		json!({ "cid": cid.to_string() }),
	))
}

/// `issuance`
async fn issuance(ctx: &Ctx) -> Result<Output> {
	let (cid, details) = ctx.community().await?;
	let issuance = ctx.chain().await?.balances().issuance(cid).await?;
	Ok(Output::new(
		format!("{issuance} {}", text(&details.metadata.0.symbol)),
		json!({ "cid": cid.to_string(), "issuance": issuance.to_string() }),
	))
}
