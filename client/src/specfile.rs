// SPDX-License-Identifier: GPL-3.0-or-later
//! Community specfiles: the reference's GeoJSON format, so existing specs keep working.
//!
//! A `FeatureCollection` of `Point` features (GeoJSON order, longitude first; other geometries
//! are ignored) with a top-level `community` object:
//!
//! - `meta.name` (1 to 20 characters), `meta.symbol` (3 ASCII letters or digits), `meta.assets`
//!   (CIDv0), optional `meta.theme` (CIDv0) and `meta.url`; `meta.rules` (`loCo`, `loCoFlex` or
//!   `beeDance`) and `meta.announcementSigner` are accepted and not stored on chain;
//! - `bootstrappers`: SS58 addresses or `//Name` URIs, 3 to 12, in the order that fixes the
//!   community identifier;
//! - optional demurrage, as `demurrage_halving_blocks` (the reference's form, with its 6-second
//!   blocks) or `demurrage_half_life_days`, not both; absent means the chain's default;
//! - optional `ceremony_income`, the nominal income per ceremony (a decimal number).
//!
//! The first point founds the community and fixes its identifier's geohash; the others are
//! added afterwards. Every error names the field and the problem.

use crate::{
	error::{bad_input, Result},
	keystore::Keystore,
};
use codec::Encode;
use convene_primitives::{
	community::CommunityIdentifier,
	demurrage::{rate_for_half_life, Demurrage},
	fixed::{I64F64, U64F64},
	geo::Location,
	metadata::CommunityMetadata,
};
use serde_json::Value;
use subxt::utils::AccountId32;

/// The reference chain's block time, which `demurrage_halving_blocks` counts in.
pub const REFERENCE_BLOCK_MS: u64 = 6_000;

/// Milliseconds per day.
const DAY_MS: u64 = 86_400_000;

/// A parsed community specfile.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunitySpec {
	/// Name, symbol, assets, theme, url.
	pub metadata: CommunityMetadata,
	/// The bootstrappers, in order.
	pub bootstrappers: Vec<AccountId32>,
	/// The meetup locations; the first founds the community.
	pub locations: Vec<Location>,
	/// The index among the file's features of each location (errors name features by it).
	pub features: Vec<usize>,
	/// The demurrage rate per year, if the spec sets one.
	pub demurrage: Option<Demurrage>,
	/// The nominal income, if the spec sets one.
	pub nominal_income: Option<U64F64>,
}

impl CommunitySpec {
	/// Parse a specfile's text. `keystore` resolves `//Name` bootstrappers.
	pub fn parse(text: &str, keystore: &Keystore) -> Result<Self> {
		let root: Value = serde_json::from_str(text)
			.map_err(|e| bad_input(format!("the specfile is not JSON: {e}")))?;
		let community = field(&root, "community", "")?;
		let meta = field(community, "meta", "community")?;
		let metadata = metadata(meta)?;

		let list = field(community, "bootstrappers", "community")?
			.as_array()
			.ok_or_else(|| bad_input("community.bootstrappers: must be a list of accounts"))?;
		let mut bootstrappers = Vec::with_capacity(list.len());
		for (i, b) in list.iter().enumerate() {
			let b = b.as_str().ok_or_else(|| {
				bad_input(format!("community.bootstrappers[{i}]: must be a string"))
			})?;
			let account = keystore
				.account(b)
				.map_err(|e| bad_input(format!("community.bootstrappers[{i}]: {e}")))?;
			bootstrappers.push(account);
		}

		let demurrage = match (
			community.get("demurrage_halving_blocks"),
			community.get("demurrage_half_life_days"),
		) {
			(Some(_), Some(_)) => return Err(bad_input(
				"community: give demurrage_halving_blocks or demurrage_half_life_days, not both",
			)),
			(Some(blocks), None) => {
				Some(half_life(blocks, REFERENCE_BLOCK_MS, "community.demurrage_halving_blocks")?)
			},
			(None, Some(days)) => {
				Some(half_life(days, DAY_MS, "community.demurrage_half_life_days")?)
			},
			(None, None) => None,
		};
		let nominal_income = match community.get("ceremony_income") {
			None | Some(Value::Null) => None,
			Some(v) => Some(decimal::<U64F64>(v, "community.ceremony_income")?),
		};
		let Points { locations, features } = points(&root)?;
		if locations.is_empty() {
			return Err(bad_input("features: the specfile has no Point feature (no location)"));
		}
		Ok(Self { metadata, bootstrappers, locations, features, demurrage, nominal_income })
	}

	/// The community identifier the chain will derive: the first location's geohash and the
	/// checksum of the encoded bootstrapper list.
	pub fn cid(&self) -> Result<CommunityIdentifier> {
		let first = self.locations.first().ok_or_else(|| bad_input("no location"))?;
		CommunityIdentifier::from_location(first, &self.bootstrappers.encode())
			.map_err(|e| bad_input(format!("features[0]: {e}")))
	}
}

/// The `Point` locations of a GeoJSON file, with the index of the feature each came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Points {
	/// The locations, in order.
	pub locations: Vec<Location>,
	/// The feature index of each location.
	pub features: Vec<usize>,
}

/// The `Point` locations of a GeoJSON `FeatureCollection` (a specfile or a plain locations
/// file), in order.
pub fn points(root: &Value) -> Result<Points> {
	let features = field(root, "features", "")?
		.as_array()
		.ok_or_else(|| bad_input("features: must be a list"))?;
	let mut found = Points::default();
	for (i, feature) in features.iter().enumerate() {
		let Some(geometry) = feature.get("geometry") else {
			return Err(bad_input(format!("features[{i}]: has no geometry")));
		};
		if geometry.get("type").and_then(Value::as_str) != Some("Point") {
			continue;
		}
		let at = format!("features[{i}].geometry.coordinates");
		let coordinates = geometry
			.get("coordinates")
			.and_then(Value::as_array)
			.filter(|c| c.len() == 2)
			.ok_or_else(|| bad_input(format!("{at}: must be [longitude, latitude]")))?;
		let lon = decimal::<I64F64>(&coordinates[0], &format!("{at}[0] (longitude)"))?;
		let lat = decimal::<I64F64>(&coordinates[1], &format!("{at}[1] (latitude)"))?;
		let location = Location::new(lat, lon);
		location.validate().map_err(|e| bad_input(format!("{at}: {e}")))?;
		found.locations.push(location);
		found.features.push(i);
	}
	Ok(found)
}

/// The locations of a GeoJSON file's text.
pub fn parse_locations(text: &str) -> Result<Points> {
	let root: Value = serde_json::from_str(text)
		.map_err(|e| bad_input(format!("the locations file is not JSON: {e}")))?;
	points(&root)
}

fn field<'a>(v: &'a Value, name: &str, parent: &str) -> Result<&'a Value> {
	let path = if parent.is_empty() { name.to_owned() } else { format!("{parent}.{name}") };
	match v.get(name) {
		Some(Value::Null) | None => Err(bad_input(format!("{path}: missing"))),
		Some(value) => Ok(value),
	}
}

fn string<'a>(v: &'a Value, name: &str) -> Result<Option<&'a str>> {
	match v.get(name) {
		None | Some(Value::Null) => Ok(None),
		Some(Value::String(s)) => Ok(Some(s)),
		Some(_) => Err(bad_input(format!("community.meta.{name}: must be a string"))),
	}
}

/// A decimal JSON number, read from its text so that no precision is lost.
fn decimal<T: std::str::FromStr>(v: &Value, at: &str) -> Result<T>
where
	T::Err: std::fmt::Display,
{
	let Value::Number(n) = v else {
		return Err(bad_input(format!("{at}: must be a number")));
	};
	let text = n.to_string();
	let text = if text.contains(['e', 'E']) {
		// Exponent notation: spell the f64 out in full.
		format!("{:.20}", n.as_f64().unwrap_or(f64::NAN))
	} else {
		text
	};
	text.parse::<T>().map_err(|e| bad_input(format!("{at}: {e}")))
}

fn half_life(v: &Value, unit_ms: u64, at: &str) -> Result<Demurrage> {
	let count = v
		.as_u64()
		.filter(|c| *c > 0)
		.ok_or_else(|| bad_input(format!("{at}: must be a positive whole number")))?;
	let ms = count
		.checked_mul(unit_ms)
		.ok_or_else(|| bad_input(format!("{at}: the half-life is too long")))?;
	rate_for_half_life(ms).ok_or_else(|| bad_input(format!("{at}: the half-life is too short")))
}

fn bounded<const N: u32>(
	s: &str,
	what: &str,
) -> Result<bounded_collections::BoundedVec<u8, bounded_collections::ConstU32<N>>> {
	s.as_bytes()
		.to_vec()
		.try_into()
		.map_err(|_| bad_input(format!("community.meta.{what}: {s:?} is too long")))
}

fn metadata(meta: &Value) -> Result<CommunityMetadata> {
	let name = string(meta, "name")?.ok_or_else(|| bad_input("community.meta.name: missing"))?;
	let symbol =
		string(meta, "symbol")?.ok_or_else(|| bad_input("community.meta.symbol: missing"))?;
	let assets =
		string(meta, "assets")?.ok_or_else(|| bad_input("community.meta.assets: missing"))?;
	let rules = string(meta, "rules")?.ok_or_else(|| bad_input("community.meta.rules: missing"))?;
	if !["loCo", "loCoFlex", "beeDance"].contains(&rules) {
		return Err(bad_input(format!(
			"community.meta.rules: {rules:?} is not one of loCo, loCoFlex, beeDance"
		)));
	}
	let url = match string(meta, "url")? {
		// The reference's specs use an empty url for "none".
		None | Some("") => None,
		Some(url) => Some(bounded(url, "url")?),
	};
	let theme = match string(meta, "theme")? {
		None => None,
		Some(theme) => Some(bounded(theme, "theme")?),
	};
	let metadata = CommunityMetadata {
		name: bounded(name, "name")?,
		symbol: bounded(symbol, "symbol")?,
		assets: bounded(assets, "assets")?,
		theme,
		url,
	};
	metadata.validate().map_err(|e| {
		use convene_primitives::metadata::MetadataError::*;
		let field = match e {
			Name => "name",
			Symbol => "symbol",
			Assets => "assets",
			Theme => "theme",
			Url => "url",
		};
		bad_input(format!("community.meta.{field}: {e}"))
	})?;
	Ok(metadata)
}

#[cfg(test)]
mod tests {
	use super::*;

	const GREEN_BAY: &str = include_str!("../../test-data/greenbaydollar.json");
	const MEDITERRANEAN: &str = include_str!("../../test-data/test-locations-mediterranean.json");

	fn keystore() -> Keystore {
		Keystore::new("/nonexistent")
	}

	#[test]
	fn the_reference_spec_parses_verbatim() {
		let spec = CommunitySpec::parse(GREEN_BAY, &keystore()).unwrap();
		assert_eq!(&spec.metadata.name[..], b"Green Bay Dollar");
		assert_eq!(&spec.metadata.symbol[..], b"GBD");
		assert_eq!(spec.bootstrappers.len(), 6);
		assert_eq!(spec.locations.len(), 1);
		assert_eq!(spec.locations[0].lon.to_string(), "-88.00985418615059");
		assert_eq!(spec.nominal_income, Some(U64F64::from_int(35)));
		// 1,296,000 blocks of 6 s = 90 days.
		assert_eq!(spec.demurrage, rate_for_half_life(90 * DAY_MS));
	}

	#[test]
	fn the_mediterranean_test_community_has_the_reference_identifier() {
		let spec = CommunitySpec::parse(MEDITERRANEAN, &keystore()).unwrap();
		assert_eq!(spec.bootstrappers.len(), 6);
		assert_eq!(spec.locations.len(), 9);
		assert_eq!(spec.cid().unwrap().to_string(), "sqm1v79dF6b");
	}

	#[test]
	fn the_zurich_spec_names_its_bootstrappers_by_uri() {
		let spec =
			CommunitySpec::parse(include_str!("../../test-data/leu-zuerich.json"), &keystore())
				.unwrap();
		assert_eq!(spec.bootstrappers.len(), 4);
		assert_eq!(
			spec.bootstrappers[0].to_string(),
			"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
		);
		assert_eq!(spec.locations.len(), 7);
		assert!(spec.metadata.theme.is_some() && spec.metadata.url.is_some());
		assert_eq!(spec.demurrage, rate_for_half_life(365 * DAY_MS));
		assert!(spec.cid().unwrap().to_string().starts_with("u0qj"));
	}

	fn broken(edit: impl FnOnce(&mut Value)) -> String {
		let mut v: Value = serde_json::from_str(GREEN_BAY).unwrap();
		edit(&mut v);
		CommunitySpec::parse(&v.to_string(), &keystore()).unwrap_err().to_string()
	}

	#[test]
	fn errors_name_the_field_and_the_problem() {
		assert!(CommunitySpec::parse("{", &keystore())
			.unwrap_err()
			.to_string()
			.contains("not JSON"));
		let e = broken(|v| v["community"]["meta"]["symbol"] = "GBDX".into());
		assert!(e.starts_with("community.meta.symbol: "), "{e}");
		let e = broken(|v| v["community"]["meta"]["assets"] = "Qm123".into());
		assert!(e.starts_with("community.meta.assets: "), "{e}");
		let e = broken(|v| v["community"]["meta"]["rules"] = "chaos".into());
		assert!(e.contains("community.meta.rules") && e.contains("chaos"), "{e}");
		let e = broken(|v| {
			v["community"]["meta"]
				.as_object_mut()
				.unwrap()
				.remove("name")
				.map(drop)
				.unwrap()
		});
		assert_eq!(e, "community.meta.name: missing");
		let e = broken(|v| v["community"]["bootstrappers"][2] = "nobody".into());
		assert!(e.starts_with("community.bootstrappers[2]: "), "{e}");
		let e = broken(|v| v["features"][0]["geometry"]["coordinates"][1] = 95.0.into());
		assert!(e.starts_with("features[0].geometry.coordinates: latitude"), "{e}");
		let e = broken(|v| v["features"][0]["geometry"]["coordinates"][0] = "east".into());
		assert!(e.starts_with("features[0].geometry.coordinates[0] (longitude): "), "{e}");
		let e = broken(|v| v["community"]["demurrage_half_life_days"] = 30.into());
		assert!(e.contains("not both"), "{e}");
		let e = broken(|v| v["community"]["ceremony_income"] = "lots".into());
		assert_eq!(e, "community.ceremony_income: must be a number");
		let e = broken(|v| v["features"] = serde_json::json!([]));
		assert!(e.contains("no location"), "{e}");
	}
}
