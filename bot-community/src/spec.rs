// SPDX-License-Identifier: GPL-3.0-or-later
//! A random bot community: name, symbol, icon and meetup locations around a random point, as a
//! GeoJSON specfile (the format `convene new-community` reads).

use convene_primitives::{
	fixed::I64F64,
	geo::{distance_m, Location},
};
use rand::Rng;
use serde_json::{json, Value};
use subxt::utils::AccountId32;

/// Words bot communities are named after.
const WORDS: &[&str] = &[
	"acorn", "amber", "anchor", "aspen", "badger", "basil", "beacon", "birch", "bramble", "brook",
	"cedar", "clover", "comet", "coral", "crane", "dahlia", "delta", "ember", "falcon", "fern",
	"fjord", "garnet", "ginger", "glade", "harbor", "hazel", "heron", "indigo", "island", "jasper",
	"juniper", "kestrel", "lagoon", "lantern", "laurel", "linden", "lotus", "maple", "marsh",
	"meadow", "mesa", "nectar", "nimbus", "oasis", "olive", "orchid", "otter", "pebble", "pepper",
	"pine", "plume", "quartz", "quill", "raven", "reef", "river", "saffron", "sage", "sparrow",
	"spruce", "tamarind", "thistle", "tundra", "umber", "valley", "walnut", "willow", "yarrow",
];

/// Locations are kept at least this far apart: twice the chain's minimum, so rounding never
/// brings two of them too close.
pub const SPACING_M: u32 = 200;

/// A random word.
pub fn word(rng: &mut impl Rng) -> &'static str {
	WORDS[rng.gen_range(0..WORDS.len())]
}

/// A bot community's specfile.
pub struct BotSpec {
	/// `bot-<word>`.
	pub name: String,
	/// The word's first three letters, upper case.
	pub symbol: String,
	/// The icon's IPFS content id.
	pub assets: String,
	/// The bootstrappers.
	pub bootstrappers: Vec<AccountId32>,
	/// Meetup locations, `SPACING_M` apart at least.
	pub locations: Vec<Location>,
}

impl BotSpec {
	/// A name and symbol.
	pub fn name(rng: &mut impl Rng) -> (String, String) {
		let word = word(rng);
		(format!("bot-{word}"), word[..3].to_uppercase())
	}

	/// The specfile.
	pub fn geojson(&self) -> Value {
		let features: Vec<Value> = self
			.locations
			.iter()
			.map(|l| {
				json!({
					"type": "Feature",
					"properties": {},
					"geometry": { "type": "Point", "coordinates": [number(l.lon), number(l.lat)] },
				})
			})
			.collect();
		json!({
			"type": "FeatureCollection",
			"community": {
				"meta": {
					"name": self.name,
					"symbol": self.symbol,
					"assets": self.assets,
					"rules": "loCo",
				},
				"bootstrappers": self.bootstrappers.iter().map(|b| b.to_string()).collect::<Vec<_>>(),
			},
			"features": features,
		})
	}
}

/// A coordinate as a JSON number with the 6 decimals it was made with.
fn number(degree: I64F64) -> Value {
	let rounded: f64 = format!("{:.6}", degree.to_f64()).parse().unwrap_or(f64::NAN);
	serde_json::Number::from_f64(rounded).map(Value::Number).unwrap_or(Value::Null)
}

/// A coordinate rounded to 6 decimals (about 0.1 m).
fn degree(x: f64) -> I64F64 {
	format!("{x:.6}").parse().unwrap_or_default()
}

/// A random point in the reference's box in the Atlantic (longitude −56..−21, latitude 13..41),
/// far from any real community.
pub fn random_center(rng: &mut impl Rng) -> (f64, f64) {
	(rng.gen_range(13.0..41.0), rng.gen_range(-56.0..-21.0))
}

/// `count` random locations around `(lat, lon)`, each at least [`SPACING_M`] from the others
/// by the chain's own distance.
pub fn random_locations(rng: &mut impl Rng, (lat, lon): (f64, f64), count: usize) -> Vec<Location> {
	// A disc with room for `count` points at twice the spacing.
	let radius_m = f64::from(SPACING_M) * 2.0 * (count.max(1) as f64).sqrt();
	let metres_per_degree = 111_195.0;
	let mut locations: Vec<Location> = Vec::with_capacity(count);
	while locations.len() < count {
		let r = radius_m * rng.gen::<f64>().sqrt();
		let angle = rng.gen_range(0.0..std::f64::consts::TAU);
		let dlat = r * angle.sin() / metres_per_degree;
		let dlon = r * angle.cos() / (metres_per_degree * lat.to_radians().cos());
		let candidate = Location::new(degree(lat + dlat), degree(lon + dlon));
		if locations.iter().all(|l| distance_m(l, &candidate) >= SPACING_M) {
			locations.push(candidate);
		}
	}
	locations
}

/// A round icon with the symbol, as SVG.
pub fn icon(symbol: &str, rng: &mut impl Rng) -> Vec<u8> {
	let colour: u32 = rng.gen_range(0..0x100_0000);
	format!(
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\
		 <circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"#{colour:06x}\"/>\
		 <text x=\"128\" y=\"150\" font-size=\"64\" text-anchor=\"middle\" fill=\"#fff\">{symbol}</text></svg>\n"
	)
	.into_bytes()
}

#[cfg(test)]
mod tests {
	use super::*;
	use convene_client::{keystore::Keystore, specfile::CommunitySpec};
	use rand::SeedableRng;
	use rand_chacha::ChaCha20Rng;

	#[test]
	fn locations_are_apart_valid_and_follow_from_the_seed() {
		let mut rng = ChaCha20Rng::seed_from_u64(7);
		let center = random_center(&mut rng);
		let locations = random_locations(&mut rng, center, 150);
		assert_eq!(locations.len(), 150);
		for (i, a) in locations.iter().enumerate() {
			assert!(a.validate().is_ok());
			for b in &locations[i + 1..] {
				assert!(distance_m(a, b) >= SPACING_M);
			}
		}
		let mut again = ChaCha20Rng::seed_from_u64(7);
		let center_again = random_center(&mut again);
		assert_eq!(random_locations(&mut again, center_again, 150), locations);
	}

	#[test]
	fn the_specfile_reads_back_as_written() {
		let mut rng = ChaCha20Rng::seed_from_u64(1);
		let (name, symbol) = BotSpec::name(&mut rng);
		assert!(name.starts_with("bot-") && symbol.len() == 3);
		let center = random_center(&mut rng);
		let spec = BotSpec {
			name,
			symbol,
			assets: convene_client::ipfs::cid_v0(&icon("ABC", &mut rng)).unwrap(),
			bootstrappers: (0..3u8).map(|i| AccountId32([i; 32])).collect(),
			locations: random_locations(&mut rng, center, 5),
		};
		let text = spec.geojson().to_string();
		let dir = tempfile::tempdir().unwrap();
		let parsed = CommunitySpec::parse(&text, &Keystore::new(dir.path())).unwrap();
		assert_eq!(parsed.locations, spec.locations);
		assert_eq!(parsed.bootstrappers, spec.bootstrappers);
		assert_eq!(parsed.metadata.name.to_vec(), spec.name.as_bytes());
	}
}
