// SPDX-License-Identifier: GPL-3.0-or-later
//! Locations, geohashes and great-circle distances, in fixed point (no floats).
//!
//! - [`Location`]: latitude and longitude in [`Degree`]s (64.64 fixed point).
//! - Geohash: the standard base32 interleaving starting with longitude. As in the reference, a
//!   coordinate exactly on a cell boundary belongs to the west/south cell (`spec/protocol.md`
//!   §1.5), so community identifiers match the reference's.
//! - [`distance_m`]: the true great-circle (haversine) distance on a sphere of the mean Earth
//!   radius, where the reference returns the chord (`asin` as the identity, §10.9). Computed with
//!   62 fractional bits: the error is below a micrometre; the result is rounded down to metres.
//! - [`Location::validate`]: inside ±78° latitude and at least 1000 km from the date line.
//! - [`buckets_to_check`]: the geohash buckets that can hold a location closer than a minimum
//!   distance, for enforcing the minimum-distance rule through a bucketed index.

use crate::fixed::I64F64;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// An angle in degrees.
pub type Degree = I64F64;

/// The geohash alphabet (base32 without a, i, l, o).
pub const GEOHASH_ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
/// Characters of the geohash buckets (and of community identifiers): cells of 0.044° × 0.044°.
pub const GEOHASH_LEN: usize = 5;
/// A 5-character geohash, ASCII.
pub type GeoHash = [u8; GEOHASH_LEN];

/// Locations must be within this latitude (north or south): beyond about 79.7° a traveller at
/// 83 m/s outruns the sun along a parallel, and the northernmost settlement is near 78°.
pub const MAX_ABS_LATITUDE: Degree = Degree::from_int(78);
/// Locations must be at least this far from the date line (180° E/W).
pub const DATELINE_DISTANCE_M: u32 = 1_000_000;
/// Mean Earth radius.
pub const MEAN_EARTH_RADIUS_M: u32 = 6_371_000;
/// The largest minimum distance [`buckets_to_check`] supports: a geohash cell is at least
/// 1015 m wide within ±78° latitude, so only direct neighbours can be closer than this.
pub const MAX_MIN_DISTANCE_M: u32 = 1_000;

/// Longitude bits in a 5-character geohash (25 bits, longitude first).
const LON_BITS: u32 = 13;
/// Latitude bits in a 5-character geohash.
const LAT_BITS: u32 = 12;

/// A point on Earth. Ordered by (latitude, longitude). JSON: `{"lat": "48.669", "lon": "-4.329"}`.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Deserialize,
	Encode,
	Eq,
	Hash,
	MaxEncodedLen,
	Ord,
	PartialEq,
	PartialOrd,
	Serialize,
	TypeInfo,
)]
pub struct Location {
	/// Latitude, −90..=90, north positive.
	pub lat: Degree,
	/// Longitude, −180..=180, east positive.
	pub lon: Degree,
}

/// Why a location is not acceptable.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum LocationError {
	/// Latitude beyond ±90° or longitude beyond ±180°.
	OutOfRange,
	/// Latitude beyond ±78°.
	TooFarFromEquator,
	/// Closer than 1000 km to the date line.
	TooCloseToDateLine,
}

impl fmt::Display for LocationError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str(match self {
			Self::OutOfRange => "latitude must be within ±90° and longitude within ±180°",
			Self::TooFarFromEquator => "latitude must be within ±78°",
			Self::TooCloseToDateLine => "the location must be at least 1000 km from the date line",
		})
	}
}

impl Location {
	/// A location from degrees; not validated.
	pub const fn new(lat: Degree, lon: Degree) -> Self {
		Self { lat, lon }
	}

	/// Whether the location is where meetups may take place.
	pub fn validate(&self) -> Result<(), LocationError> {
		geohash(self)?;
		if self.lat.unsigned_abs() > MAX_ABS_LATITUDE.unsigned_abs() {
			return Err(LocationError::TooFarFromEquator);
		}
		let dateline = Location { lat: self.lat, lon: Degree::from_int(180) };
		if distance_m(self, &dateline) < DATELINE_DISTANCE_M {
			return Err(LocationError::TooCloseToDateLine);
		}
		Ok(())
	}
}

/// Cell indices of a coordinate: `⌈(c − min) · 2^bits / span⌉ − 1`, at least 0, where
/// `span = 2 · half_span` (boundaries belong to the lower cell).
fn cell_index(c: Degree, half_span: i64, bits: u32) -> Option<u32> {
	let half = i128::from(half_span) << 64;
	if c.to_bits().unsigned_abs() > half.unsigned_abs() {
		return None;
	}
	// offset < 2^73, scaled < 2^86.
	let offset = u128::try_from(c.to_bits().checked_add(half)?).ok()?;
	let span = u128::try_from(half.checked_mul(2)?).ok()?;
	let index = offset.checked_shl(bits)?.div_ceil(span).saturating_sub(1);
	u32::try_from(index).ok()
}

#[allow(clippy::arithmetic_side_effects)] // Bounded: 25-bit indices, 5-bit characters.
fn encode(lon_index: u32, lat_index: u32) -> GeoHash {
	// Interleave 25 bits, longitude first: bit 24 is the longitude's top bit.
	let mut bits = 0u32;
	for i in (0..LON_BITS).rev() {
		bits = (bits << 1) | ((lon_index >> i) & 1);
		if let Some(j) = i.checked_sub(1) {
			bits = (bits << 1) | ((lat_index >> j) & 1);
		}
	}
	let mut hash = [0u8; GEOHASH_LEN];
	for (k, c) in hash.iter_mut().enumerate() {
		let shift = 5 * (GEOHASH_LEN - 1 - k);
		*c = GEOHASH_ALPHABET.get(((bits >> shift) & 31) as usize).copied().unwrap_or(b'0');
	}
	hash
}

#[allow(clippy::arithmetic_side_effects)] // Bounded: 25-bit indices, 5-bit characters.
fn decode(hash: &GeoHash) -> Option<(u32, u32)> {
	let mut bits = 0u32;
	for c in hash {
		let value = GEOHASH_ALPHABET.iter().position(|a| a == c)?;
		bits = (bits << 5) | value as u32;
	}
	let (mut lon, mut lat) = (0u32, 0u32);
	for i in (0..25).rev() {
		let bit = (bits >> i) & 1;
		if (24 - i) % 2 == 0 {
			lon = (lon << 1) | bit;
		} else {
			lat = (lat << 1) | bit;
		}
	}
	Some((lon, lat))
}

/// The 5-character geohash of a location.
pub fn geohash(location: &Location) -> Result<GeoHash, LocationError> {
	let lon = cell_index(location.lon, 180, LON_BITS).ok_or(LocationError::OutOfRange)?;
	let lat = cell_index(location.lat, 90, LAT_BITS).ok_or(LocationError::OutOfRange)?;
	Ok(encode(lon, lat))
}

/// A geohash cell: its south-west and north-east corners.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Cell {
	/// Minimum latitude and longitude.
	pub south_west: Location,
	/// Maximum latitude and longitude.
	pub north_east: Location,
}

/// The cell of a geohash, or `None` if it has characters outside the alphabet. Cell
/// boundaries are dyadic fractions of a degree, so they are exact.
#[allow(clippy::arithmetic_side_effects)] // Bounded: 25-bit indices, 5-bit characters.
pub fn cell(hash: &GeoHash) -> Option<Cell> {
	let (lon, lat) = decode(hash)?;
	let edge = |index: u32, half_span: i64, bits: u32| {
		// −half + index · 2 · half / 2^bits, exact: < 2^86 before the shift.
		let step = (i128::from(half_span) << 65) >> bits;
		Degree::from_bits((-i128::from(half_span) << 64) + i128::from(index) * step)
	};
	Some(Cell {
		south_west: Location { lat: edge(lat, 90, LAT_BITS), lon: edge(lon, 180, LON_BITS) },
		north_east: Location {
			lat: edge(lat + 1, 90, LAT_BITS),
			lon: edge(lon + 1, 180, LON_BITS),
		},
	})
}

/// The eight neighbouring cells, clockwise from north: N, NE, E, SE, S, SW, W, NW. Longitude
/// wraps around; there is no neighbour beyond a pole.
pub fn neighbours(hash: &GeoHash) -> Option<[Option<GeoHash>; 8]> {
	let (lon, lat) = decode(hash)?;
	let lon_count = 1u32 << LON_BITS;
	let at = |d_lon: i32, d_lat: i32| {
		let lat = lat.checked_add_signed(d_lat).filter(|l| *l < 1 << LAT_BITS)?;
		let lon = lon.wrapping_add_signed(d_lon) % lon_count;
		Some(encode(lon, lat))
	};
	Some([at(0, 1), at(1, 1), at(1, 0), at(1, -1), at(0, -1), at(-1, -1), at(-1, 0), at(-1, 1)])
}

/// Fractional bits of the trigonometry.
const Q: u32 = 62;
const ONE: i128 = 1 << Q;
/// π with 62 fractional bits.
const PI: i128 = 0xC90F_DAA2_2168_C235;
/// π/180 with 78 fractional bits.
const RADIANS_PER_DEGREE_Q78: i128 = 0x11D_F46A_2529_D391_5C1E;

#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn mul(a: i128, b: i128) -> i128 {
	// |a|, |b| < 2^64 here: the product fits.
	(a * b) >> Q
}

/// Degrees (64.64) to radians (Q62), for |angle| ≤ 360°.
#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn radians(angle: Degree) -> i128 {
	// Q44 degrees (< 2^53) times Q78 π/180 (< 2^73) < 2^126, then Q122 → Q62.
	((angle.to_bits() >> 20) * RADIANS_PER_DEGREE_Q78) >> 60
}

/// sin x for |x| ≤ π, Q62.
#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn sin(x: i128) -> i128 {
	let half_pi = PI / 2;
	let x = if x > half_pi {
		PI - x
	} else if x < -half_pi {
		-PI - x
	} else {
		x
	};
	let x2 = mul(x, x);
	let (mut sum, mut term, mut n) = (x, x, 1i128);
	while term != 0 {
		term = -mul(term, x2) / ((n + 1) * (n + 2));
		sum += term;
		n += 2;
	}
	sum
}

/// cos x for |x| ≤ π/2, Q62.
#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn cos(x: i128) -> i128 {
	sin(PI / 2 - x.abs())
}

/// asin s for 0 ≤ s ≤ 1, Q62.
#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn asin(s: i128) -> i128 {
	let s2 = mul(s, s);
	if 2 * s2 > ONE {
		// asin s = π/2 − asin √(1 − s²), and √(1 − s²) < 1/√2.
		let c = isqrt_q(ONE - s2);
		return PI / 2 - asin(c);
	}
	// Σ (2n)! / (4^n (n!)² (2n + 1)) s^(2n+1): t_n = t_(n−1) s² (2n − 1) / (2n).
	let (mut sum, mut t, mut n) = (s, s, 0i128);
	while t != 0 {
		n += 1;
		t = mul(t, s2) * (2 * n - 1) / (2 * n);
		sum += t / (2 * n + 1);
	}
	sum
}

/// √x for 0 ≤ x ≤ 2, Q62.
#[allow(clippy::arithmetic_side_effects)] // Bounded: see the ranges stated here.
fn isqrt_q(x: i128) -> i128 {
	((x.max(0) as u128) << Q).isqrt() as i128
}

/// The great-circle distance in metres, rounded down (haversine formula on a sphere of
/// [`MEAN_EARTH_RADIUS_M`]). Coordinates beyond ±90°/±180° give a meaningless but finite value.
#[allow(clippy::arithmetic_side_effects)] // Every intermediate is bounded in the comments above.
pub fn distance_m(a: &Location, b: &Location) -> u32 {
	let clamp = |d: Degree, limit: i64| {
		let limit = Degree::from_int(limit).to_bits();
		Degree::from_bits(d.to_bits().clamp(-limit, limit))
	};
	let (lat_a, lat_b) = (clamp(a.lat, 90), clamp(b.lat, 90));
	let (lon_a, lon_b) = (clamp(a.lon, 180), clamp(b.lon, 180));
	let d_lat = radians(Degree::from_bits(lat_a.to_bits() - lat_b.to_bits())) / 2;
	let d_lon = radians(Degree::from_bits(lon_a.to_bits() - lon_b.to_bits())) / 2;
	let s_lat = sin(d_lat);
	let s_lon = sin(d_lon);
	let cosines = mul(cos(radians(lat_a)), cos(radians(lat_b)));
	let h = (mul(s_lat, s_lat) + mul(cosines, mul(s_lon, s_lon))).clamp(0, ONE);
	let central_angle = 2 * asin(isqrt_q(h));
	let metres = (central_angle * i128::from(MEAN_EARTH_RADIUS_M)) >> Q;
	u32::try_from(metres).unwrap_or(u32::MAX)
}

/// The buckets that can hold a location closer than `min_distance_m` (at most
/// [`MAX_MIN_DISTANCE_M`]) to `location`: its own, and each neighbour whose nearest edge or
/// corner is within the distance (with a 1 % + 1 m margin, since the nearest point of a
/// meridian edge lies marginally off the parallel).
pub fn buckets_to_check(
	location: &Location,
	min_distance_m: u32,
) -> Result<Vec<GeoHash>, LocationError> {
	let own = geohash(location)?;
	let mut buckets = Vec::from([own]);
	let (Some(own_cell), Some(around)) = (cell(&own), neighbours(&own)) else {
		return Ok(buckets);
	};
	let (sw, ne) = (own_cell.south_west, own_cell.north_east);
	let (lat, lon) = (location.lat, location.lon);
	// The nearest point of each neighbour, in the order of `neighbours`.
	let nearest = [
		(ne.lat, lon),
		(ne.lat, ne.lon),
		(lat, ne.lon),
		(sw.lat, ne.lon),
		(sw.lat, lon),
		(sw.lat, sw.lon),
		(lat, sw.lon),
		(ne.lat, sw.lon),
	];
	let reach = min_distance_m.saturating_add(min_distance_m / 100).saturating_add(1);
	for (hash, (lat, lon)) in around.into_iter().zip(nearest) {
		if let Some(hash) = hash {
			if distance_m(location, &Location { lat, lon }) < reach && !buckets.contains(&hash) {
				buckets.push(hash);
			}
		}
	}
	Ok(buckets)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn loc(lat: f64, lon: f64) -> Location {
		Location { lat: Degree::from_f64(lat).unwrap(), lon: Degree::from_f64(lon).unwrap() }
	}

	fn haversine_f64(a: &Location, b: &Location) -> f64 {
		let (la, lb) = (a.lat.to_f64().to_radians(), b.lat.to_f64().to_radians());
		let dl = (b.lon.to_f64() - a.lon.to_f64()).to_radians();
		let h = ((lb - la) / 2.0).sin().powi(2) + la.cos() * lb.cos() * (dl / 2.0).sin().powi(2);
		2.0 * 6_371_000.0 * h.sqrt().min(1.0).asin()
	}

	/// π and π/180 rounded to nearest, checked against 62 digits of π.
	#[test]
	fn constants() {
		use num_bigint::BigUint;
		let pi = "314159265358979323846264338327950288419716939937510582097494459"
			.parse::<BigUint>()
			.unwrap();
		let scale = BigUint::from(10u8).pow(62);
		let rounded = |numerator: BigUint, denominator: BigUint| {
			(numerator * 2u8 + &denominator) / (denominator * 2u8)
		};
		assert_eq!(rounded(&pi << 62u32, scale.clone()), BigUint::from(PI as u128));
		assert_eq!(
			rounded(&pi << 78u32, scale * 180u8),
			BigUint::from(RADIANS_PER_DEGREE_Q78 as u128)
		);
	}

	/// `spec/protocol.md` §3.1 community-identifier vectors.
	#[test]
	fn geohash_reference_vectors() {
		assert_eq!(&geohash(&loc(48.669, -4.329)).unwrap(), b"gbsuv");
		assert_eq!(&geohash(&loc(50.0, 15.0)).unwrap(), b"u2fsm");
		assert_eq!(&geohash(&loc(-60.0, 10.0)).unwrap(), b"hjr4e");
		assert_eq!(&geohash(&loc(-89.5, -87.0)).unwrap(), b"4044u");
		// Boundaries belong to the west/south cell.
		assert_eq!(geohash(&loc(0.0, 0.0)), geohash(&loc(0.0, -0.015)));
		assert_ne!(geohash(&loc(0.0, 0.0)), geohash(&loc(0.0, 0.000001)));
		assert_eq!(&geohash(&loc(-90.0, -180.0)).unwrap(), b"00000");
		assert_eq!(&geohash(&loc(90.0, 180.0)).unwrap(), b"zzzzz");
		assert_eq!(geohash(&loc(90.1, 0.0)), Err(LocationError::OutOfRange));
		assert_eq!(geohash(&loc(0.0, -180.1)), Err(LocationError::OutOfRange));
	}

	#[test]
	fn cells_and_neighbours() {
		let hash = geohash(&loc(48.669, -4.329)).unwrap();
		let c = cell(&hash).unwrap();
		assert!(
			c.south_west.lat < loc(48.669, 0.0).lat && loc(48.669, 0.0).lat <= c.north_east.lat
		);
		assert_eq!(c.north_east.lat.to_f64() - c.south_west.lat.to_f64(), 180.0 / 4096.0);
		assert_eq!(c.north_east.lon.to_f64() - c.south_west.lon.to_f64(), 360.0 / 8192.0);
		let n = neighbours(&hash).unwrap();
		let centre = |h: &GeoHash| {
			let c = cell(h).unwrap();
			(
				(c.south_west.lat.to_f64() + c.north_east.lat.to_f64()) / 2.0,
				(c.south_west.lon.to_f64() + c.north_east.lon.to_f64()) / 2.0,
			)
		};
		let (lat, lon) = centre(&hash);
		let (dlat, dlon) = (180.0 / 4096.0, 360.0 / 8192.0);
		let expected = [
			(dlat, 0.0),
			(dlat, dlon),
			(0.0, dlon),
			(-dlat, dlon),
			(-dlat, 0.0),
			(-dlat, -dlon),
			(0.0, -dlon),
			(dlat, -dlon),
		];
		for (h, (a, b)) in n.iter().zip(expected) {
			let (nlat, nlon) = centre(&h.unwrap());
			assert!((nlat - lat - a).abs() < 1e-12 && (nlon - lon - b).abs() < 1e-12);
		}
		// Wrapping at the date line, nothing beyond the pole.
		let east = neighbours(b"zzzzz").unwrap();
		assert_eq!(east[0], None);
		assert_eq!(east[2], Some(*b"bpbpb"));
		assert_eq!(cell(b"abcde"), None);
		assert_eq!(neighbours(b"gbsu!"), None);
	}

	#[test]
	fn distance_known_values() {
		// 1° of longitude at the equator: π R / 180 = 111 194.93 m (the reference's chord: 111.1 km).
		assert_eq!(distance_m(&loc(0.0, 0.0), &loc(0.0, 1.0)), 111_194);
		// Half the globe: π R = 20 015 086.8 m (the reference says 2R = 12 742 km).
		assert_eq!(distance_m(&loc(0.0, 0.0), &loc(0.0, 180.0)), 20_015_086);
		assert_eq!(distance_m(&loc(90.0, 0.0), &loc(-90.0, 0.0)), 20_015_086);
		assert_eq!(distance_m(&loc(47.3, 8.5), &loc(47.3, 8.5)), 0);
	}

	/// The 100 m rule's edge: 99 m apart is too close, 101 m is not.
	#[test]
	fn ninety_nine_and_one_hundred_one_metres() {
		let a = loc(47.3769, 8.5417);
		let metre = 1.0 / 111_194.93;
		assert_eq!(distance_m(&a, &loc(47.3769 + 99.5 * metre, 8.5417)), 99);
		assert_eq!(distance_m(&a, &loc(47.3769 + 101.5 * metre, 8.5417)), 101);
	}

	#[test]
	fn validity() {
		assert_eq!(loc(48.669, -4.329).validate(), Ok(()));
		assert_eq!(loc(78.0, 0.0).validate(), Ok(()));
		assert_eq!(loc(78.01, 0.0).validate(), Err(LocationError::TooFarFromEquator));
		assert_eq!(loc(-78.01, 0.0).validate(), Err(LocationError::TooFarFromEquator));
		assert_eq!(loc(0.0, 181.0).validate(), Err(LocationError::OutOfRange));
		// 1000 km from the date line at the equator is 8.9932°.
		assert_eq!(loc(0.0, 171.0).validate(), Ok(()));
		assert_eq!(loc(0.0, 171.1).validate(), Err(LocationError::TooCloseToDateLine));
		assert_eq!(loc(0.0, -171.1).validate(), Err(LocationError::TooCloseToDateLine));
		assert_eq!(loc(60.0, 163.0).validate(), Err(LocationError::TooCloseToDateLine));
	}

	#[test]
	fn buckets_near_edges() {
		// Centre of a cell: only its own bucket.
		let hash = *b"u0qj3";
		let c = cell(&hash).unwrap();
		let mid = |a: Degree, b: Degree| Degree::from_bits((a.to_bits() + b.to_bits()) / 2);
		let centre = Location::new(
			mid(c.south_west.lat, c.north_east.lat),
			mid(c.south_west.lon, c.north_east.lon),
		);
		assert_eq!(buckets_to_check(&centre, 100).unwrap(), vec![hash]);
		// 50 m inside the north-east corner: N, NE and E as well.
		let corner = Location::new(
			Degree::from_bits(
				c.north_east.lat.to_bits() - Degree::from_f64(50.0 / 111_195.0).unwrap().to_bits(),
			),
			Degree::from_bits(
				c.north_east.lon.to_bits() - Degree::from_f64(50.0 / 75_000.0).unwrap().to_bits(),
			),
		);
		let n = neighbours(&hash).unwrap();
		assert_eq!(
			buckets_to_check(&corner, 100).unwrap(),
			vec![hash, n[0].unwrap(), n[1].unwrap(), n[2].unwrap()]
		);
	}

	proptest! {
		#[test]
		fn distance_matches_f64_haversine(
			lat_a in -89.0f64..89.0, lon_a in -180.0f64..180.0,
			lat_b in -89.0f64..89.0, lon_b in -180.0f64..180.0,
		) {
			let (a, b) = (loc(lat_a, lon_a), loc(lat_b, lon_b));
			let ours = f64::from(distance_m(&a, &b));
			let reference = haversine_f64(&a, &b);
			// f64 haversine loses precision near antipodes; elsewhere agree to a metre.
			prop_assert!((ours - reference).abs() <= 1.0 + reference * 1e-9, "{ours} vs {reference}");
			prop_assert_eq!(distance_m(&a, &b), distance_m(&b, &a));
		}

		#[test]
		fn short_distances_are_exact_to_the_metre(
			lat in -78.0f64..78.0, lon in -170.0f64..170.0,
			dlat in -0.01f64..0.01, dlon in -0.01f64..0.01,
		) {
			let (a, b) = (loc(lat, lon), loc(lat + dlat, lon + dlon));
			let reference = haversine_f64(&a, &b);
			prop_assert!((f64::from(distance_m(&a, &b)) - reference.floor()).abs() <= 1.0);
		}

		/// Every location closer than the minimum distance lies in one of the buckets returned.
		#[test]
		fn close_locations_are_in_checked_buckets(
			lat in -78.0f64..78.0, lon in -170.0f64..170.0,
			dlat in -0.002f64..0.002, dlon in -0.01f64..0.01,
			min in 1u32..=MAX_MIN_DISTANCE_M,
		) {
			let (a, b) = (loc(lat, lon), loc(lat + dlat, lon + dlon));
			prop_assume!(distance_m(&a, &b) < min);
			let buckets = buckets_to_check(&a, min).unwrap();
			prop_assert!(buckets.contains(&geohash(&b).unwrap()));
		}

		#[test]
		fn decode_inverts_encode(lon in 0u32..(1 << LON_BITS), lat in 0u32..(1 << LAT_BITS)) {
			prop_assert_eq!(decode(&encode(lon, lat)), Some((lon, lat)));
		}

		#[test]
		fn a_location_lies_in_its_cell(lat in -90.0f64..90.0, lon in -180.0f64..180.0) {
			let l = loc(lat, lon);
			let c = cell(&geohash(&l).unwrap()).unwrap();
			prop_assert!(c.south_west.lat <= l.lat && l.lat <= c.north_east.lat);
			prop_assert!(c.south_west.lon <= l.lon && l.lon <= c.north_east.lon);
		}
	}
}
